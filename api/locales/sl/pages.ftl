# Strani za uradnike v slovenščini, prevedene iz angleške izvirne datoteke.
# Identifikatorji so razvrščeni po straneh; oznake besednjakov (teme, regije, vrste …) so na koncu.
# Spremenljivke: $count je število, po katerem se izbere množinska oblika; $shown je to število,
# že zapisano po pravilih bralčevega jezika ($shown se uporablja v besedilu, $count v izbirniku).

## Okvir vseh strani

site-name = Smarty Exchange
page-title = { $title } · Smarty Exchange ({ $node })
skip-to-content = Preskoči na glavno vsebino
search-label = Iskanje dobrih praks in instrumentov politike
search-placeholder = Iščite po dobrih praksah vseh regij
search-button = Išči
brand-node = Vozlišče: { $node }
nav-main = Glavni meni
nav-search = Iskanje
nav-regions = Regije
nav-transfers = Prenosi
nav-manage = Upravljanje zapisov: { $node }
nav-sign-in = Prijava
nav-sign-out = Odjava
language-switcher = Jezik strani
footer-about = Smarty Exchange je platforma za izmenjavo dobrih praks partnerstva SMARTY v okviru programa Interreg Europe (industrija 4.0 za MSP). Vozlišče: { $node }.
footer-api = Dokumentacija API
back-to-search = Nazaj na iskanje

## Stran za iskanje

search-title = Iskanje
search-title-words = Iskanje: { $q }
catalogue-heading = Skupni katalog
results-heading = Zadetki za „{ $q }“
filters = Filtri
filters-show = Filtri
filters-active = Uporabljeni filtri
filter-remove = Odstrani filter: { $label }
filter-year-from = Od leta { $year }
filter-year-to = Do leta { $year }
facet-theme = Tema
facet-origin = Regija
facet-kind = Vrsta
facet-intervention = Vrsta intervencije
facet-language = Jezik
facet-year = Leto začetka
year-from = Od
year-to = Do
year-any = katero koli leto
apply-filters = Uporabi filtre
clear-filters = Počisti filtre
results-count =
    { $count ->
        [one] { $shown } zadetek
        [two] { $shown } zadetka
        [few] { $shown } zadetki
       *[other] { $shown } zadetkov
    }
results-range = prikaz od { $first } do { $last }
sort-by = Razvrsti po
sort-relevance = Ustreznost
sort-updated = Nazadnje posodobljeno
sort-inspired = Največ navedb v akcijskih načrtih
sort-button = Razvrsti
export-csv = Izvozi te zadetke v CSV
follow-search = Spremljajte to iskanje (vir Atom)
no-results = Ni zadetkov. Poskusite z manj besedami ali počistite filtre.
results-pages = Strani z zadetki
page-previous = Prejšnja stran
page-next = Naslednja stran
address-left-out = Dela tega naslova ni bilo mogoče uporabiti, zato je bil izpuščen: { $parts }.
result-started = Začetek: { $year }

## Stran zapisa

back-to-results = Nazaj na zadetke
record-from = { $kind } iz regije { $origin }
in-english = V angleščini
edit-record = Uredi ta zapis
row-summary = Povzetek
row-description = Opis
row-intervention = Vrsta intervencije
row-themes = Teme
row-language = Jezik
row-main-institution = Nosilna institucija
row-location = Lokacija
row-timescale = Časovni okvir
row-resources = Potrebni viri
row-evidence = Dokazi o uspešnosti
row-difficulties = Težave pri izvajanju
row-transfer = Možnosti za učenje ali prenos
row-keywords = Ključne besede
row-budget = Proračun
row-funding = Viri financiranja
row-contact = Kontaktna oseba (vidno samo urednikom)
row-instrument-type = Vrsta instrumenta
row-managing-authority = Organ upravljanja
row-territory = Območje (NUTS)
row-key-sectors = Ključni sektorji
row-smes = MSP v predelovalni dejavnosti
row-support = Podporni programi
row-stakeholders = Skupina deležnikov
row-links = Povezave
row-instruments = Povezani instrumenti politike
row-origin = Izvorna regija
row-updated = Nazadnje posodobljeno v izvorni regiji
row-received = Nazadnje prejeto iz izvorne regije
row-inspired = Ukrepi, ki jih je navdihnila
row-similar = Podobne prakse v drugih regijah
row-action = Ukrep
row-inspired-by = Po zgledu
row-monitoring = Spremljanje
timescale-ongoing = Od { $start } (v teku)
timescale-range = Od { $start } do { $end }
inspired-action = { $region }: ukrep { $number }, { $title }
cited-by = Po zgledu: { $title }
cited-not-held = (tu še ni na voljo)
cited-withdrawn = { $title } (umaknjeno)
cited-unknown = { $title } (neznano)
cited-ambiguous = { $title } (prakso s tem identifikatorjem ima več regij)
monitoring-action = ukrep { $number }: { $status }
similar-item = { $title } ({ $region })
not-found-heading = Ni najdeno
not-found-record = Zapis s tem naslovom ne obstaja ali vam ni dostopen.
choices-heading = Temu naslovu ustreza več zapisov
choices-message = Ta identifikator imajo zapisi več regij. Izberite regijo, katere zapis iščete.

## Stran z regijami

regions-title = Regije
regions-heading = Partnerske regije
regions-caption = Število zapisov posamezne regije v tem vozlišču in zadnja uspešna sinhronizacija z njo
regions-region = Regija
regions-country = Država
regions-held = Število zapisov
regions-last-sync = Zadnja uspešna sinhronizacija
regions-this-node = to vozlišče
regions-never = nikoli

## Stran s prenosi

transfers-title = Prenosi med regijami
transfers-heading = Kako se prakse prenašajo med regijami
transfers-intro = Vsaka celica prikazuje število ukrepov iz akcijskih načrtov regije v stolpcu, ki se sklicujejo na vsaj eno prakso regije v vrstici. Upoštevane so tudi umaknjene prakse, saj je do prenosa že prišlo.
transfers-caption = Navdihnjeni ukrepi po regiji prakse (vrstice) in regiji, ki jo je prevzela (stolpci)
transfers-from = Praksa iz regije
transfers-own = znotraj regije
transfers-cell =
    { $count ->
        [one] { $to }: { $shown } ukrep po zgledu regije { $from }
        [two] { $to }: { $shown } ukrepa po zgledu regije { $from }
        [few] { $to }: { $shown } ukrepi po zgledu regije { $from }
       *[other] { $to }: { $shown } ukrepov po zgledu regije { $from }
    }
transfers-actions-title = Ukrepi regije { $to }, ki jih je navdihnila regija { $from }
transfers-actions-intro = Vsak spodnji ukrep navaja vsaj eno prakso regije { $from }.
transfers-actions-none = Noben ukrep regije { $to } še ne navaja prakse regije { $from }.
transfers-back = Nazaj na prenose

## Prijava

sign-in-title = Prijava
sign-in-intro = Prijavite se z dostopnim ključem, ki vam ga je dodelil skrbnik vozlišča. Z njim lahko dodajate in urejate dobre prakse in instrumente politike svoje regije; za pregledovanje kataloga ključ ni potreben.
sign-in-no-key = Še nimate ključa? Skrbnika vozlišča prosite za uredniški dostopni ključ.
access-key = Dostopni ključ
sign-in-button = Prijava
sign-in-read-only = Ta dostopni ključ omogoča le branje, ne pa tudi urejanja. Skrbnika vozlišča prosite za uredniški ključ.
sign-in-unknown = Ta dostopni ključ tu ni znan ali pa je bil preklican. Preverite ga ali se obrnite na skrbnika vozlišča.

## Upravljanje zapisov

manage-title = Upravljanje zapisov
manage-heading = Zapisi: { $node }
manage-saved = Shranjeno: „{ $title }“.
manage-new-case-study = Nova študija primera
manage-new-instrument = Nov instrument politike
manage-caption = Vsi zapisi te regije, vključno z osnutki
manage-col-title = Naslov
manage-col-kind = Vrsta
manage-col-status = Stanje
manage-col-version = Različica
manage-col-actions = Dejanja
manage-edit = Uredi

## Obrazci za zapise

form-new = Nov zapis: { $kind }
form-edit = Urejanje zapisa: { $kind }
form-not-saved =
    { $count ->
        [one] Zapis ni bil shranjen: { $shown } težava
        [two] Zapis ni bil shranjen: { $shown } težavi
        [few] Zapis ni bil shranjen: { $shown } težave
       *[other] Zapis ni bil shranjen: { $shown } težav
    }
form-required = (obvezno)
form-save = Shrani
form-section-about = O praksi
form-section-what = Kaj je bilo izvedeno in kakšni so bili rezultati
form-section-where = Kraj in čas
form-section-money = Proračun in viri financiranja
form-section-links = Spletne povezave in povezani instrumenti
form-section-contact = Kontaktni podatki (niso javni)
form-section-english = V angleščini
form-section-instrument = O instrumentu
form-conflict = Nekdo je ta zapis medtem že shranil (zdaj je na različici { $current }). Znova naložite obrazec, da vidite spremembe.
field-status = Stanje
hint-status = Osnutki so vidni samo urednikom te regije, objavljeni zapisi pa so na voljo vsem regijam.
field-title = Naslov
field-name = Naziv
field-summary = Povzetek
field-description = Opis
field-intervention = Vrsta intervencije
field-themes = Teme
field-language = Jezik
field-main-institution = Nosilna institucija
field-location = Lokacija
field-nuts = Koda NUTS lokacije
field-start = Datum začetka
field-end = Datum zaključka
field-resources = Potrebni viri
field-evidence = Dokazi o uspešnosti
field-difficulties = Težave pri izvajanju
field-transfer = Možnosti za učenje ali prenos
field-keywords = Ključne besede
field-links = Povezave
field-budget-amount = Znesek proračuna
field-budget-currency = Valuta proračuna
field-funding = Viri financiranja
field-instruments = Povezani instrumenti politike
field-contact-name = Ime kontaktne osebe
field-contact-email = E-naslov kontaktne osebe
field-title-en = Naslov v angleščini
field-name-en = Naziv v angleščini
field-summary-en = Povzetek v angleščini
field-description-en = Opis v angleščini
field-resources-en = Potrebni viri v angleščini
field-evidence-en = Dokazi o uspehu v angleščini
field-difficulties-en = Težave v angleščini
field-transfer-en = Možnosti za učenje ali prenos v angleščini
field-instrument-type = Vrsta instrumenta
field-managing-authority = Organ upravljanja
field-territory = Območje (koda NUTS)
field-url = Spletna stran
hint-title = Največ 200 znakov.
hint-summary = Največ 1.000 znakov.
hint-location = Kraj ali območje.
hint-nuts = Dve veliki črki, nato največ tri števke ali velike črke, npr. ITI15.
hint-end = Če je praksa še v teku, pustite prazno.
hint-lines = Vsak vnos v svojo vrstico.
hint-links = V vsako vrstico en naslov http ali https.
hint-amount = Število z decimalno piko, npr. 250000 ali 1250.50.
hint-currency = Koda ISO 4217, npr. EUR.
hint-contact = Osebni podatki: vidni so samo urednikom te regije in se nikoli ne delijo z drugimi.
hint-title-en = Za zapise, napisane v drugem jeziku.
hint-territory = npr. ITI1.

## Sporočila o napakah ob poljih obrazca

invalid-required = To polje je obvezno.
invalid-text-length = Vnesite od 1 do { $max } znakov (ne le presledkov).
invalid-date = Vnesite datum.
invalid-end-before-start = Datum zaključka ne sme biti pred datumom začetka.
invalid-url = Vnesite naslov, ki se začne s http:// ali https://.
invalid-email = Vnesite e-poštni naslov, npr. ime@example.org.
invalid-amount = Vnesite število brez presledkov in oznake valute, z decimalno piko, npr. 250000 ali 1250.50.
invalid-currency = Vnesite tričrkovno kodo valute, npr. EUR, GBP ali PLN.
invalid-nuts = Vnesite kodo NUTS: dve veliki črki, nato največ tri števke ali velike črke.
invalid-language = Izberite jezik.
invalid-at-least =
    { $count ->
        [one] Izberite vsaj { $shown } možnost.
        [two] Izberite vsaj { $shown } možnosti.
        [few] Izberite vsaj { $shown } možnosti.
       *[other] Izberite vsaj { $shown } možnosti.
    }
invalid-at-most =
    { $count ->
        [one] Vnesite največ { $shown } vnos.
        [two] Vnesite največ { $shown } vnosa.
        [few] Vnesite največ { $shown } vnose.
       *[other] Vnesite največ { $shown } vnosov.
    }
invalid-twice = Vsak vnos se lahko pojavi le enkrat.
invalid-instrument = Izberite enega od instrumentov politike te regije.
invalid-own-language = Angleški prevod je namenjen zapisom, napisanim v drugem jeziku.
invalid-other = Te vrednosti ni mogoče uporabiti; preverite jo in poskusite znova.

## Strani z napakami

error-400 = Naslova ali obrazca ni bilo mogoče uporabiti
error-401 = Najprej se prijavite
error-403 = Dostop ni dovoljen
error-404 = Strani ni mogoče najti
error-405 = Tu to ni mogoče
error-406 = Ni na voljo v zahtevani obliki
error-408 = Zahteva je trajala predolgo
error-409 = Medtem je prišlo do spremembe
error-413 = Preveč podatkov naenkrat
error-415 = Ta stran ne more prebrati tega obrazca
error-422 = S temi vrednostmi to ni mogoče
error-429 = Preveč zahtev
error-500 = V tem vozlišču je prišlo do napake
error-503 = Vozlišče je zasedeno ali se zaganja
error-other = Prišlo je do napake
error-detail-404 = Na tem naslovu ni strani. Morda je bila premaknjena ali pa je povezava napačno zapisana.
error-detail-429 = V kratkem času ste poslali veliko zahtev. Počakajte trenutek in poskusite znova.
error-detail-500 = Vozlišče ni moglo odgovoriti. Napaka je na naši strani in je bila zabeležena. Poskusite znova pozneje.
error-detail-403 = Tega tu ne smete storiti. Če ste urednik, se znova prijavite in poskusite ponovno.
error-detail-401 = Prijavite se z dostopnim ključem, ki vam ga je dal skrbnik vozlišča, in poskusite znova.
error-detail-other = Vozlišče zahteve ni moglo izvesti.
error-detail-csrf = Ta obrazec je zastarel ali pa je bil poslan z drugega spletnega mesta; nič ni bilo spremenjeno. Znova naložite stran in poskusite ponovno.

## Vrste, stanja in drugi besednjaki

kind-case_study = Študija primera
kind-policy_instrument = Instrument politike
kind-action_plan = Akcijski načrt
kind-region_profile = Profil regije
kind-other = Zapis
status-draft = Osnutek
status-draft-hint = Osnutek (vidijo ga le uredniki)
status-published = Objavljeno
status-withdrawn = Umaknjeno
intervention-direct = Neposredna intervencija
intervention-policy = Intervencija na ravni politike
instrument-erdf-programme = Program ESRR
instrument-etc-programme = Program ETS (Interreg)
instrument-regional-strategy = Regionalna strategija
instrument-national-strategy = Nacionalna strategija
instrument-law = Zakon
instrument-funding-scheme = Shema financiranja
instrument-other = Drugo
action-not-started = se še ni začel
action-on-track = poteka po načrtu
action-delayed = zamuja
action-completed = zaključen
action-abandoned = opuščen
theme-production-monitoring = Sistemi za spremljanje učinkovitosti proizvodnje
theme-production-monitoring-description = Zbiranje in prikazovanje podatkov iz proizvodnje za sprotno spremljanje obsega proizvodnje, kakovosti in učinkovitosti opreme.
theme-predictive-maintenance = Napovedno modeliranje in vzdrževanje
theme-predictive-maintenance-description = Uporaba podatkov senzorjev in modelov za predvidevanje okvar in načrtovanje vzdrževanja, preden pride do zastojev.
theme-vr-simulation = Tehnologije navidezne resničnosti in simulacij
theme-vr-simulation-description = Digitalni dvojčki, simulacije in imerzivna orodja za oblikovanje, usposabljanje in načrtovanje procesov.
theme-smart-logistics = Pametna logistika in upravljanje omrežij
theme-smart-logistics-description = Povezano sledenje, načrtovanje in usklajevanje pretoka blaga in dobaviteljev v vrednostnih verigah.
region-tuscany = Toskana
region-mazovia = Mazovija
region-lapland = Laponska
region-leeds = Leeds City Region
region-slovenia = Slovenija
region-castilla-leon = Kastilja in León
region-catalonia = Katalonija

## Naslovna vrstica izvoza CSV

csv-id = id
csv-kind = vrsta
csv-origin = izvor
csv-origin_name = ime izvora
csv-title = naslov
csv-summary = povzetek
csv-themes = teme
csv-intervention = intervencija
csv-language = jezik
csv-nuts = NUTS
csv-start = začetek
csv-end = konec
csv-updated_at = posodobljeno
csv-url = spletni naslov

## The node's catalogue as open-data portals read it (DCAT-AP)
dcat-catalog-title = Smarty Exchange: katalog vozlišča { $node }
dcat-catalog-description = Dobre prakse politike industrije 4.0, instrumenti politike in akcijski načrti sedmih regij partnerstva SMARTY (Interreg Europe), kot jih hrani to vozlišče.
dcat-dataset-title = { $region }: dobre prakse, instrumenti politike in akcijski načrti
dcat-dataset-description = Zapisi, ki jih je regija { $region } objavila v izmenjavi SMARTY: študije primerov, instrumenti politike, akcijski načrti in profil regije.
