# Strony dla urzędników w języku polskim (tłumaczenie pliku źródłowego en/pages.ftl).
# Identyfikatory pogrupowano według stron; etykiety słowników (tematy, regiony, rodzaje…) są na końcu.
# Zmienne: $count to liczba wybierająca formę liczby mnogiej; $shown to ta sama liczba
# zapisana zgodnie z ustawieniami regionalnymi czytelnika ($shown w tekście, $count w selektorze).

## Ramy każdej strony

site-name = Smarty Exchange
page-title = { $title } · Smarty Exchange ({ $node })
skip-to-content = Przejdź do treści głównej
search-label = Szukaj dobrych praktyk i instrumentów polityki
search-placeholder = Szukaj w praktykach wszystkich regionów
search-button = Szukaj
brand-node = Węzeł: { $node }
nav-main = Menu główne
nav-search = Wyszukiwanie
nav-regions = Regiony
nav-transfers = Transfer praktyk
nav-manage = Rekordy regionu { $node }
nav-sign-in = Zaloguj się
nav-sign-out = Wyloguj się
language-switcher = Język serwisu
footer-about = Smarty Exchange to platforma wymiany dobrych praktyk partnerstwa SMARTY w ramach programu Interreg Europe (Przemysł 4.0 dla MŚP). Jesteś w węźle: { $node }.
footer-api = Dokumentacja API
back-to-search = Powrót do wyszukiwania

## Strona wyszukiwania

search-title = Wyszukiwanie
search-title-words = Wyszukiwanie: { $q }
catalogue-heading = Wspólny katalog
results-heading = Wyniki dla „{ $q }”
filters = Filtry
filters-show = Pokaż filtry
filters-active = Aktywne filtry
filter-remove = Usuń filtr: { $label }
filter-year-from = Od { $year } r.
filter-year-to = Do { $year } r.
facet-theme = Temat
facet-origin = Region pochodzenia
facet-kind = Rodzaj
facet-intervention = Rodzaj interwencji
facet-language = Język
facet-year = Rok rozpoczęcia
year-from = Od
year-to = Do
year-any = dowolny rok
apply-filters = Zastosuj filtry
clear-filters = Wyczyść filtry
results-count =
    { $count ->
        [one] { $shown } wynik
        [few] { $shown } wyniki
        [many] { $shown } wyników
       *[other] { $shown } wyniku
    }
results-range = pozycje od { $first } do { $last }
sort-by = Sortuj według
sort-relevance = Trafność
sort-updated = Ostatnio zaktualizowane
sort-inspired = Najczęściej przywoływane w planach działania
sort-button = Sortuj
export-csv = Eksportuj te wyniki do pliku CSV
follow-search = Obserwuj to wyszukiwanie (kanał Atom)
no-results = Brak wyników. Wpisz mniej słów lub wyczyść filtry.
results-pages = Strony wyników
page-previous = Poprzednia strona
page-next = Następna strona
address-left-out = Pominięto część adresu, której nie można było wykorzystać: { $parts }.
result-started = Rozpoczęcie: { $year } r.

## Strona rekordu

back-to-results = Powrót do wyników
record-from = { $kind } – region: { $origin }
in-english = W języku angielskim
edit-record = Edytuj ten rekord
row-summary = Streszczenie
row-description = Opis
row-intervention = Rodzaj interwencji
row-themes = Tematy
row-language = Język
row-main-institution = Instytucja wiodąca
row-location = Lokalizacja
row-timescale = Okres realizacji
row-resources = Wymagane zasoby
row-evidence = Dowody skuteczności
row-difficulties = Napotkane trudności
row-transfer = Potencjał do uczenia się lub transferu
row-keywords = Słowa kluczowe
row-budget = Budżet
row-funding = Źródła finansowania
row-contact = Kontakt (widoczny tylko dla redaktorów)
row-instrument-type = Rodzaj instrumentu
row-managing-authority = Instytucja zarządzająca
row-territory = Obszar (NUTS)
row-key-sectors = Kluczowe sektory
row-smes = MŚP z sektora przetwórstwa przemysłowego
row-support = Programy wsparcia
row-stakeholders = Grupa interesariuszy
row-links = Odnośniki
row-instruments = Powiązane instrumenty polityki
row-origin = Region pochodzenia
row-updated = Ostatnia aktualizacja w regionie pochodzenia
row-received = Ostatnie pobranie z regionu pochodzenia
row-inspired = Zainspirowane działania
row-similar = Podobne praktyki w innych regionach
row-action = Działanie
row-inspired-by = Źródło inspiracji
row-monitoring = Monitorowanie
timescale-ongoing = Od { $start } (w trakcie realizacji)
timescale-range = Od { $start } do { $end }
inspired-action = { $region }: działanie nr { $number }, { $title }
cited-by = Źródło inspiracji: { $title }
cited-not-held = (jeszcze niedostępne w tym węźle)
cited-withdrawn = { $title } (wycofano)
cited-unknown = { $title } (nieznany rekord)
cited-ambiguous = { $title } (praktykę o tym identyfikatorze ma kilka regionów)
monitoring-action = działanie nr { $number }: { $status }
similar-item = { $title } ({ $region })
not-found-heading = Nie znaleziono
not-found-record = Nie ma rekordu o tym adresie albo nie masz do niego dostępu.
choices-heading = Pod tym adresem jest kilka rekordów
choices-message = Ten identyfikator mają rekordy z więcej niż jednego regionu. Wybierz region, o którego rekord Ci chodzi.

## Strona regionów

regions-title = Regiony
regions-heading = Regiony partnerskie
regions-caption = Liczba rekordów z poszczególnych regionów przechowywanych w tym węźle i ostatnia udana synchronizacja z każdym z nich
regions-region = Nazwa regionu
regions-country = Kraj
regions-held = Przechowywane rekordy
regions-last-sync = Ostatnia udana synchronizacja
regions-this-node = ten węzeł
regions-never = nigdy

## Strona transferu

transfers-title = Transfer praktyk między regionami
transfers-heading = Jak praktyki przenoszą się między regionami
transfers-intro = Każda komórka podaje liczbę działań z planów działania regionu wskazanego w kolumnie, które przywołują co najmniej jedną praktykę regionu wskazanego w wierszu. Wycofane praktyki również są liczone, ponieważ transfer już nastąpił.
transfers-caption = Zainspirowane działania według regionu praktyki (wiersze) i regionu, który ją przejął (kolumny)
transfers-from = Praktyka z regionu
transfers-own = w obrębie regionu
transfers-cell =
    { $count ->
        [one] { $to }: praktyki regionu { $from } zainspirowały { $shown } działanie
        [few] { $to }: praktyki regionu { $from } zainspirowały { $shown } działania
        [many] { $to }: praktyki regionu { $from } zainspirowały { $shown } działań
       *[other] { $to }: praktyki regionu { $from } zainspirowały { $shown } działania
    }
transfers-actions-title = Działania regionu { $to } inspirowane praktykami regionu { $from }
transfers-actions-intro = Każde z poniższych działań powołuje się na co najmniej jedną praktykę regionu { $from }.
transfers-actions-none = Żadne działanie regionu { $to } nie powołuje się jeszcze na praktykę regionu { $from }.
transfers-back = Wróć do transferu praktyk

## Logowanie

sign-in-title = Logowanie
sign-in-intro = Zaloguj się kluczem dostępu otrzymanym od administratora węzła. Klucz pozwala dodawać i edytować dobre praktyki oraz instrumenty polityki Twojego regionu; do przeglądania katalogu klucz nie jest potrzebny.
sign-in-no-key = Nie masz jeszcze klucza? Poproś administratora węzła o klucz dostępu redaktora.
access-key = Klucz dostępu
sign-in-button = Zaloguj się
sign-in-read-only = Ten klucz dostępu pozwala tylko na odczyt, bez edycji. Poproś administratora węzła o klucz redaktora.
sign-in-unknown = Ten klucz dostępu jest tu nieznany lub został wycofany. Sprawdź go albo skontaktuj się z administratorem węzła.

## Zarządzanie rekordami

manage-title = Zarządzanie rekordami
manage-heading = Rekordy regionu { $node }
manage-saved = Zapisano „{ $title }”.
manage-new-case-study = Nowe studium przypadku
manage-new-instrument = Nowy instrument polityki
manage-caption = Wszystkie rekordy tego regionu, łącznie z wersjami roboczymi
manage-col-title = Tytuł
manage-col-kind = Rodzaj
manage-col-status = Stan
manage-col-version = Wersja
manage-col-actions = Czynności
manage-edit = Edytuj

## Formularze rekordów

form-new = Nowy rekord: { $kind }
form-edit = Edycja rekordu: { $kind }
form-not-saved =
    { $count ->
        [one] Nie zapisano rekordu: { $shown } błąd
        [few] Nie zapisano rekordu: { $shown } błędy
        [many] Nie zapisano rekordu: { $shown } błędów
       *[other] Nie zapisano rekordu: { $shown } błędu
    }
form-required = (wymagane)
form-save = Zapisz
form-section-about = Informacje o praktyce
form-section-what = Działania i ich rezultaty
form-section-where = Miejsce i okres realizacji
form-section-money = Budżet i finansowanie
form-section-links = Odnośniki i powiązane instrumenty
form-section-contact = Kontakt (dane niepubliczne)
form-section-english = W języku angielskim
form-section-instrument = Informacje o instrumencie
form-conflict = W międzyczasie ktoś inny zapisał ten rekord (obecna wersja: { $current }). Wczytaj formularz ponownie, aby zobaczyć wprowadzone zmiany.
field-status = Stan publikacji
hint-status = Wersje robocze widzą tylko redaktorzy tego regionu; opublikowane rekordy są udostępniane wszystkim regionom.
field-title = Tytuł
field-name = Nazwa
field-summary = Streszczenie
field-description = Opis
field-intervention = Rodzaj interwencji
field-themes = Tematy
field-language = Język
field-main-institution = Instytucja wiodąca
field-location = Lokalizacja
field-nuts = Kod NUTS lokalizacji
field-start = Data rozpoczęcia
field-end = Data zakończenia
field-resources = Wymagane zasoby
field-evidence = Dowody skuteczności
field-difficulties = Napotkane trudności
field-transfer = Potencjał do uczenia się lub transferu
field-keywords = Słowa kluczowe
field-links = Odnośniki
field-budget-amount = Kwota budżetu
field-budget-currency = Waluta budżetu
field-funding = Źródła finansowania
field-instruments = Powiązane instrumenty polityki
field-contact-name = Osoba do kontaktu
field-contact-email = Adres e-mail osoby do kontaktu
field-title-en = Tytuł w języku angielskim
field-name-en = Nazwa w języku angielskim
field-summary-en = Streszczenie w języku angielskim
field-description-en = Opis w języku angielskim
field-resources-en = Potrzebne zasoby – po angielsku
field-evidence-en = Dowody skuteczności – po angielsku
field-difficulties-en = Napotkane trudności – po angielsku
field-transfer-en = Potencjał uczenia się lub transferu – po angielsku
field-instrument-type = Rodzaj instrumentu
field-managing-authority = Instytucja zarządzająca
field-territory = Obszar (kod NUTS)
field-url = Strona internetowa
hint-title = Maksymalnie 200 znaków.
hint-summary = Maksymalnie 1000 znaków.
hint-location = Miejscowość lub obszar.
hint-nuts = Dwie wielkie litery, a po nich maksymalnie trzy cyfry lub wielkie litery, np. ITI15.
hint-end = Pozostaw puste, jeśli realizacja trwa.
hint-lines = Każda pozycja w osobnym wierszu.
hint-links = Każdy adres http lub https w osobnym wierszu.
hint-amount = Liczba z kropką jako separatorem dziesiętnym, np. 250000 lub 1250.50.
hint-currency = Kod waluty według ISO 4217, np. EUR.
hint-contact = Dane osobowe: widoczne wyłącznie dla redaktorów tego regionu, nigdy nieudostępniane innym.
hint-title-en = Dotyczy rekordów napisanych w innym języku.
hint-territory = np. ITI1.

## Komunikaty walidacji przy polach formularza

invalid-required = Wypełnij to pole.
invalid-text-length = Wpisz od 1 do { $max } znaków (nie same spacje).
invalid-date = Wpisz datę.
invalid-end-before-start = Data zakończenia nie może być wcześniejsza niż data rozpoczęcia.
invalid-url = Wpisz adres zaczynający się od http:// lub https://.
invalid-email = Wpisz adres e-mail, np. nazwa@example.org.
invalid-amount = Wpisz liczbę bez spacji i symbolu waluty, np. 250000 lub 1250.50.
invalid-currency = Wpisz trzyliterowy kod waluty, np. EUR, GBP lub PLN.
invalid-nuts = Wpisz kod NUTS: dwie wielkie litery, a po nich maksymalnie trzy cyfry lub wielkie litery.
invalid-language = Wybierz język.
invalid-at-least =
    { $count ->
        [one] Wybierz co najmniej { $shown } pozycję.
        [few] Wybierz co najmniej { $shown } pozycje.
        [many] Wybierz co najmniej { $shown } pozycji.
       *[other] Wybierz co najmniej { $shown } pozycji.
    }
invalid-at-most =
    { $count ->
        [one] Podaj najwyżej { $shown } pozycję.
        [few] Podaj najwyżej { $shown } pozycje.
        [many] Podaj najwyżej { $shown } pozycji.
       *[other] Podaj najwyżej { $shown } pozycji.
    }
invalid-twice = Każda pozycja może wystąpić tylko raz.
invalid-instrument = Wybierz jeden z instrumentów polityki tego regionu.
invalid-own-language = Tłumaczenie na język angielski dotyczy tylko rekordów napisanych w innym języku.
invalid-other = Tej wartości nie można użyć. Sprawdź ją i spróbuj ponownie.

## Strony błędów

error-400 = Nieprawidłowy adres lub formularz
error-401 = Najpierw się zaloguj
error-403 = Brak uprawnień
error-404 = Nie znaleziono strony
error-405 = Ta operacja nie jest tu możliwa
error-406 = Niedostępne w tym formacie
error-408 = Przekroczono czas obsługi żądania
error-409 = Dane zmieniły się w międzyczasie
error-413 = Zbyt dużo danych naraz
error-415 = Ta strona nie obsługuje tego formatu danych
error-422 = Operacja niemożliwa przy tych wartościach
error-429 = Zbyt wiele żądań
error-500 = Wystąpił błąd w tym węźle
error-503 = Węzeł jest przeciążony lub właśnie się uruchamia
error-other = Wystąpił błąd
error-detail-404 = Pod tym adresem nie ma strony. Mogła zostać przeniesiona albo odnośnik zawiera błąd.
error-detail-429 = W krótkim czasie wysłano wiele żądań. Odczekaj chwilę i spróbuj ponownie.
error-detail-500 = Węzeł nie mógł udzielić odpowiedzi. Błąd leży po naszej stronie i został zarejestrowany. Spróbuj ponownie później.
error-detail-403 = Nie możesz tu wykonać tej operacji. Jeśli jesteś redaktorem, zaloguj się ponownie i spróbuj jeszcze raz.
error-detail-401 = Zaloguj się kluczem dostępu od administratora węzła i spróbuj ponownie.
error-detail-other = Węzeł nie mógł wykonać żądanej operacji.
error-detail-csrf = Ten formularz jest nieaktualny lub pochodzi z innej witryny; niczego nie zmieniono. Odśwież stronę i spróbuj ponownie.

## Rodzaje, stany i inne słowniki

kind-case_study = Studium przypadku
kind-policy_instrument = Instrument polityki
kind-action_plan = Plan działania
kind-region_profile = Profil regionu
kind-other = Rekord
status-draft = Wersja robocza
status-draft-hint = Wersja robocza (widoczna tylko dla redaktorów)
status-published = Opublikowany
status-withdrawn = Wycofany
intervention-direct = Interwencja bezpośrednia
intervention-policy = Interwencja w zakresie polityki
instrument-erdf-programme = Program EFRR
instrument-etc-programme = Program EWT (Interreg)
instrument-regional-strategy = Strategia regionalna
instrument-national-strategy = Strategia krajowa
instrument-law = Akt prawny
instrument-funding-scheme = Mechanizm finansowania
instrument-other = Inny
action-not-started = nierozpoczęte
action-on-track = realizowane zgodnie z planem
action-delayed = opóźnione
action-completed = zakończone
action-abandoned = zaniechane
theme-production-monitoring = Systemy monitorowania efektywności produkcji
theme-production-monitoring-description = Gromadzenie i wizualizacja danych z hali produkcyjnej w celu bieżącego śledzenia wydajności, jakości i efektywności urządzeń.
theme-predictive-maintenance = Modelowanie predykcyjne i konserwacja predykcyjna
theme-predictive-maintenance-description = Wykorzystanie danych z czujników i modeli do przewidywania awarii i planowania konserwacji, zanim dojdzie do przestojów.
theme-vr-simulation = Technologie rzeczywistości wirtualnej i symulacji
theme-vr-simulation-description = Cyfrowe bliźniaki, symulacje i narzędzia immersyjne wspierające projektowanie, szkolenia i planowanie procesów.
theme-smart-logistics = Inteligentna logistyka i zarządzanie sieciami
theme-smart-logistics-description = Połączone systemy śledzenia, planowania i koordynacji przepływu towarów i pracy dostawców w łańcuchach wartości.
region-tuscany = Toskania
region-mazovia = Mazowsze
region-lapland = Laponia
region-leeds = Leeds City Region
region-slovenia = Słowenia
region-castilla-leon = Kastylia i León
region-catalonia = Katalonia

## Wiersz nagłówka eksportu CSV

csv-id = id
csv-kind = rodzaj
csv-origin = kod regionu
csv-origin_name = nazwa regionu
csv-title = tytuł
csv-summary = streszczenie
csv-themes = tematy
csv-intervention = interwencja
csv-language = język
csv-nuts = NUTS
csv-start = rozpoczęcie
csv-end = zakończenie
csv-updated_at = aktualizacja
csv-url = adres

## The node's catalogue as open-data portals read it (DCAT-AP)
dcat-catalog-title = Smarty Exchange: katalog węzła { $node }
dcat-catalog-description = Dobre praktyki polityki Przemysłu 4.0, instrumenty polityki i plany działania siedmiu regionów partnerstwa SMARTY (Interreg Europe) w zasobach tego węzła.
dcat-dataset-title = { $region }: dobre praktyki, instrumenty polityki i plany działania
dcat-dataset-description = Rekordy opublikowane w wymianie SMARTY przez region { $region }: studia przypadków, instrumenty polityki, plany działania i profil regionu.
