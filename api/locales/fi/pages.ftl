# Virkailijoiden sivut suomeksi, käännetty englanninkielisestä lähdetiedostosta.
# Tunnisteet on ryhmitelty sivuittain; sanastojen nimikkeet (teemat, alueet, tyypit…) ovat lopussa.
# Paikkamerkit: $count on luku, jonka mukaan monikkomuoto valitaan; $shown on sama luku
# valmiiksi lukijan kielen mukaisesti kirjoitettuna (tekstissä $shown, valitsimessa $count).

## Jokaisen sivun kehys

site-name = Smarty Exchange
page-title = { $title } · Smarty Exchange ({ $node })
skip-to-content = Siirry pääsisältöön
search-label = Hae hyviä käytäntöjä ja politiikkainstrumentteja
search-placeholder = Hae kaikkien alueiden hyvistä käytännöistä
search-button = Hae
brand-node = Solmu: { $node }
nav-main = Päävalikko
nav-search = Haku
nav-regions = Alueet
nav-transfers = Siirrot
nav-manage = Tietueiden hallinta ({ $node })
nav-sign-in = Kirjaudu sisään
nav-sign-out = Kirjaudu ulos
language-switcher = Sivujen kieli
footer-about = Smarty Exchange on SMARTY-kumppanuuden (Interreg Europe, teollisuus 4.0 pk-yrityksille) hyvien käytäntöjen vaihtopalvelu. Tämä solmu: { $node }.
footer-api = Rajapinnan (API) dokumentaatio
back-to-search = Takaisin hakuun

## Hakusivu

search-title = Haku
search-title-words = Haku: { $q }
catalogue-heading = Yhteinen luettelo
results-heading = Tulokset haulle ”{ $q }”
filters = Suodattimet
filters-show = Suodattimet
filters-active = Käytössä olevat suodattimet
filter-remove = Poista suodatin: { $label }
filter-year-from = Vuodesta { $year }
filter-year-to = Vuoteen { $year } asti
facet-theme = Teema
facet-origin = Alue
facet-kind = Tietuetyyppi
facet-intervention = Toimenpiteen tyyppi
facet-language = Kieli
facet-year = Aloitusvuosi
year-from = Vuodesta
year-to = Vuoteen
year-any = kaikki vuodet
apply-filters = Käytä suodattimia
clear-filters = Tyhjennä suodattimet
results-count =
    { $count ->
        [one] { $shown } tulos
       *[other] { $shown } tulosta
    }
results-range = näytetään { $first }–{ $last }
sort-by = Järjestys
sort-relevance = Osuvuus
sort-updated = Viimeksi päivitetyt
sort-inspired = Eniten viitatut toimintasuunnitelmissa
sort-button = Järjestä
export-csv = Vie nämä tulokset CSV-tiedostona
follow-search = Seuraa tätä hakua (Atom-syöte)
no-results = Hakuasi vastaavia tuloksia ei löytynyt. Kokeile vähemmillä hakusanoilla tai poista suodattimet.
results-pages = Tulossivut
page-previous = Edellinen sivu
page-next = Seuraava sivu
address-left-out = Osaa tästä osoitteesta ei voitu käyttää, joten se jätettiin pois: { $parts }.
result-started = Aloitettu { $year }

## Tietueen sivu

back-to-results = Takaisin tuloksiin
record-from = { $kind } – alue: { $origin }
in-english = Englanniksi
edit-record = Muokkaa tietuetta
row-summary = Tiivistelmä
row-description = Kuvaus
row-intervention = Toimenpiteen tyyppi
row-themes = Teemat
row-language = Kieli
row-main-institution = Vastuuorganisaatio
row-location = Sijainti
row-timescale = Toteutusaika
row-resources = Tarvittavat resurssit
row-evidence = Näyttö onnistumisesta
row-difficulties = Kohdatut haasteet
row-transfer = Oppimis- ja siirtomahdollisuudet
row-keywords = Asiasanat
row-budget = Budjetti
row-funding = Rahoituslähteet
row-contact = Yhteyshenkilö (näkyy vain muokkaajille)
row-instrument-type = Politiikkainstrumentin tyyppi
row-managing-authority = Hallintoviranomainen
row-territory = Alue (NUTS)
row-key-sectors = Keskeiset toimialat
row-smes = Valmistavan teollisuuden pk-yritykset
row-support = Tukiohjelmat
row-stakeholders = Sidosryhmä
row-links = Linkit
row-instruments = Liittyvät politiikkainstrumentit
row-origin = Lähdealue
row-updated = Viimeksi päivitetty lähdealueella
row-received = Viimeksi vastaanotettu lähdealueelta
row-inspired = Käytännön innoittamat toimenpiteet
row-similar = Vastaavat käytännöt muilla alueilla
row-action = Toimenpide
row-inspired-by = Innoituksen lähde
row-monitoring = Seuranta
timescale-ongoing = { $start } alkaen (käynnissä)
timescale-range = { $start } – { $end }
inspired-action = { $region }: toimenpide { $number }, { $title }
cited-by = Innoituksen lähde: { $title }
cited-not-held = (ei vielä tässä solmussa)
cited-withdrawn = { $title } (vedetty pois)
cited-unknown = { $title } (tuntematon)
cited-ambiguous = { $title } (usealla alueella on käytäntö tällä tunnisteella)
monitoring-action = toimenpide { $number }: { $status }
similar-item = { $title } ({ $region })
not-found-heading = Ei löytynyt
not-found-record = Tällä osoitteella ei löydy tietuetta, joka näkyisi sinulle.
choices-heading = Tällä osoitteella on useita tietueita
choices-message = Usean alueen tietueilla on tämä tunniste. Valitse alue, jonka tietuetta tarkoitat.

## Alueet-sivu

regions-title = Alueet
regions-heading = Kumppanialueet
regions-caption = Tämän solmun tietueet kultakin alueelta ja viimeisin onnistunut synkronointi alueen kanssa
regions-region = Alue
regions-country = Maa
regions-held = Tietueita
regions-last-sync = Viimeisin onnistunut synkronointi
regions-this-node = tämä solmu
regions-never = ei koskaan

## Siirrot-sivu

transfers-title = Siirrot alueiden välillä
transfers-heading = Miten hyvät käytännöt siirtyvät alueelta toiselle
transfers-intro = Kukin solu kertoo, kuinka moni sarakkeen alueen toimintasuunnitelmien toimenpiteistä viittaa vähintään yhteen rivin alueen käytäntöön. Myös pois vedetyt käytännöt lasketaan mukaan, sillä siirto on jo tapahtunut.
transfers-caption = Innoitetut toimenpiteet käytännön alueen (rivit) ja sen käyttöön ottaneen alueen (sarakkeet) mukaan
transfers-from = Käytännön alue
transfers-own = alueen sisällä
transfers-cell =
    { $count ->
        [one] { $to }: { $shown } toimenpide, innoittajana { $from }
       *[other] { $to }: { $shown } toimenpidettä, innoittajana { $from }
    }
transfers-actions-title = { $to }: toimenpiteet, joiden innoittajana { $from }
transfers-actions-intro = Jokainen alla oleva toimenpide viittaa vähintään yhteen käytäntöön, jonka alue on { $from }.
transfers-actions-none = Yksikään toimenpide (alue { $to }) ei vielä viittaa käytäntöön, jonka alue on { $from }.
transfers-back = Takaisin siirtoihin

## Kirjautuminen

sign-in-title = Kirjaudu sisään
sign-in-intro = Kirjaudu sisään käyttöavaimella, jonka solmusi ylläpitäjä on antanut sinulle. Sen avulla voit lisätä ja muokata alueesi hyviä käytäntöjä ja politiikkainstrumentteja. Luettelon selaaminen ei edellytä avainta.
sign-in-no-key = Eikö sinulla vielä ole avainta? Pyydä solmusi ylläpitäjältä muokkausoikeuden sisältävä käyttöavain.
access-key = Käyttöavain
sign-in-button = Kirjaudu sisään
sign-in-read-only = Tällä käyttöavaimella voi lukea mutta ei muokata. Pyydä solmusi ylläpitäjältä muokkausoikeuden sisältävä avain.
sign-in-unknown = Käyttöavainta ei tunneta tässä solmussa, tai se on peruttu. Tarkista avain tai ota yhteyttä solmusi ylläpitäjään.

## Tietueiden hallinta

manage-title = Tietueiden hallinta
manage-heading = Alueen tietueet: { $node }
manage-saved = ”{ $title }” tallennettiin.
manage-new-case-study = Uusi tapaustutkimus
manage-new-instrument = Uusi politiikkainstrumentti
manage-caption = Kaikki tämän alueen tietueet luonnokset mukaan lukien
manage-col-title = Otsikko
manage-col-kind = Tyyppi
manage-col-status = Tila
manage-col-version = Versio
manage-col-actions = Toiminnot
manage-edit = Muokkaa

## Tietuelomakkeet

form-new = Uusi { $kind }
form-edit = Muokkaa tietuetta: { $kind }
form-not-saved =
    { $count ->
        [one] Tietuetta ei tallennettu: { $shown } korjattava kohta
       *[other] Tietuetta ei tallennettu: { $shown } korjattavaa kohtaa
    }
form-required = (pakollinen)
form-save = Tallenna
form-section-about = Käytännön perustiedot
form-section-what = Toteutus ja tulokset
form-section-where = Paikka ja aika
form-section-money = Budjetti ja rahoitus
form-section-links = Linkit ja liittyvät politiikkainstrumentit
form-section-contact = Yhteystiedot (eivät julkisia)
form-section-english = Englanniksi
form-section-instrument = Politiikkainstrumentin perustiedot
form-conflict = Joku muu tallensi tämän tietueen sillä välin (nykyinen versio on { $current }). Lataa lomake uudelleen nähdäksesi muutokset.
field-status = Tila
hint-status = Luonnokset näkyvät vain tämän alueen muokkaajille; julkaistut tietueet jaetaan kaikille alueille.
field-title = Otsikko
field-name = Nimi
field-summary = Tiivistelmä
field-description = Kuvaus
field-intervention = Toimenpiteen tyyppi
field-themes = Teemat
field-language = Kieli
field-main-institution = Vastuuorganisaatio
field-location = Sijainti
field-nuts = Sijainnin NUTS-koodi
field-start = Alkamispäivä
field-end = Päättymispäivä
field-resources = Tarvittavat resurssit
field-evidence = Näyttö onnistumisesta
field-difficulties = Kohdatut haasteet
field-transfer = Oppimis- ja siirtomahdollisuudet
field-keywords = Asiasanat
field-links = Linkit
field-budget-amount = Budjetin määrä
field-budget-currency = Budjetin valuutta
field-funding = Rahoituslähteet
field-instruments = Liittyvät politiikkainstrumentit
field-contact-name = Yhteyshenkilön nimi
field-contact-email = Yhteyshenkilön sähköposti
field-title-en = Otsikko englanniksi
field-name-en = Nimi englanniksi
field-summary-en = Tiivistelmä englanniksi
field-description-en = Kuvaus englanniksi
field-resources-en = Tarvittavat resurssit englanniksi
field-evidence-en = Näyttö onnistumisesta englanniksi
field-difficulties-en = Kohdatut vaikeudet englanniksi
field-transfer-en = Siirrettävyys ja opittavaa englanniksi
field-instrument-type = Politiikkainstrumentin tyyppi
field-managing-authority = Hallintoviranomainen
field-territory = Alue (NUTS-koodi)
field-url = Verkkosivu
hint-title = Enintään 200 merkkiä.
hint-summary = Enintään 1 000 merkkiä.
hint-location = Kunta tai alue.
hint-nuts = Kaksi isoa kirjainta ja niiden jälkeen enintään kolme numeroa tai isoa kirjainta, esim. ITI15.
hint-end = Jätä tyhjäksi, jos toiminta on yhä käynnissä.
hint-lines = Yksi kohta riviä kohden.
hint-links = Yksi http- tai https-osoite riviä kohden.
hint-amount = Luku, esim. 250000 tai 1250.50 (desimaalierottimena piste).
hint-currency = ISO 4217 -koodi, esim. EUR.
hint-contact = Henkilötieto: näkyy vain tämän alueen muokkaajille, eikä sitä jaeta muille.
hint-title-en = Muulla kielellä kirjoitetuille tietueille.
hint-territory = esim. ITI1.

## Lomakkeen kenttien virheilmoitukset

invalid-required = Täytä tämä kenttä.
invalid-text-length = Kirjoita 1–{ $max } merkkiä (ei pelkkiä välilyöntejä).
invalid-date = Anna päivämäärä.
invalid-end-before-start = Päättymispäivä ei voi olla ennen alkamispäivää.
invalid-url = Anna osoite, joka alkaa http:// tai https://.
invalid-email = Anna sähköpostiosoite, esim. nimi@example.org.
invalid-amount = Anna luku ilman välilyöntejä ja valuuttaa, esim. 250000 tai 1250.50.
invalid-currency = Anna kolmikirjaiminen valuuttakoodi, esim. EUR, GBP tai PLN.
invalid-nuts = Anna NUTS-koodi: kaksi isoa kirjainta ja niiden jälkeen enintään kolme numeroa tai isoa kirjainta.
invalid-language = Valitse kieli.
invalid-at-least =
    { $count ->
        [one] Valitse vähintään { $shown }.
       *[other] Valitse vähintään { $shown }.
    }
invalid-at-most =
    { $count ->
        [one] Anna enintään { $shown } kohta.
       *[other] Anna enintään { $shown } kohtaa.
    }
invalid-twice = Kukin kohta voi esiintyä vain kerran.
invalid-instrument = Valitse jokin tämän alueen politiikkainstrumenteista.
invalid-own-language = Englanninkielinen käännös on tarkoitettu muulla kielellä kirjoitetuille tietueille.
invalid-other = Tätä arvoa ei voi käyttää. Tarkista se ja yritä uudelleen.

## Virhesivut

error-400 = Osoitetta tai lomaketta ei voitu käsitellä
error-401 = Kirjaudu ensin sisään
error-403 = Ei käyttöoikeutta
error-404 = Sivua ei löytynyt
error-405 = Toiminto ei ole mahdollinen tässä
error-406 = Ei saatavilla pyydetyssä muodossa
error-408 = Pyyntö kesti liian kauan
error-409 = Tietoja on muutettu sillä välin
error-413 = Liikaa tietoa kerralla
error-415 = Sivu ei tue tätä lomakemuotoa
error-422 = Ei mahdollista näillä arvoilla
error-429 = Liikaa pyyntöjä
error-500 = Tässä solmussa tapahtui virhe
error-503 = Solmu on ruuhkautunut tai käynnistymässä
error-other = Jokin meni vikaan
error-detail-404 = Tässä osoitteessa ei ole sivua. Sivu on ehkä siirretty, tai linkissä voi olla kirjoitusvirhe.
error-detail-429 = Olet tehnyt paljon pyyntöjä lyhyessä ajassa. Odota hetki ja yritä uudelleen.
error-detail-500 = Solmu ei pystynyt vastaamaan. Vika on meidän päässämme, ja se on kirjattu lokiin. Yritä myöhemmin uudelleen.
error-detail-403 = Sinulla ei ole oikeutta tehdä tätä täällä. Jos olet muokkaaja, kirjaudu sisään uudelleen ja yritä sitten uudestaan.
error-detail-401 = Kirjaudu sisään solmun ylläpitäjältä saamallasi käyttöavaimella ja yritä uudelleen.
error-detail-other = Solmu ei pystynyt suorittamaan pyydettyä toimintoa.
error-detail-csrf = Lomake on vanhentunut tai se on lähetetty toiselta sivustolta, eikä mitään muutettu. Lataa sivu uudelleen ja yritä uudestaan.

## Tyypit, tilat ja muut sanastot

kind-case_study = Tapaustutkimus
kind-policy_instrument = Politiikkainstrumentti
kind-action_plan = Toimintasuunnitelma
kind-region_profile = Alueprofiili
kind-other = Tietue
status-draft = Luonnos
status-draft-hint = Luonnos (näkyy vain muokkaajille)
status-published = Julkaistu
status-withdrawn = Vedetty pois
intervention-direct = Suora toimenpide
intervention-policy = Politiikkatoimenpide
instrument-erdf-programme = EAKR-ohjelma
instrument-etc-programme = EAY-ohjelma (Interreg)
instrument-regional-strategy = Alueellinen strategia
instrument-national-strategy = Kansallinen strategia
instrument-law = Laki
instrument-funding-scheme = Rahoitusohjelma
instrument-other = Muu
action-not-started = ei aloitettu
action-on-track = aikataulussa
action-delayed = viivästynyt
action-completed = valmis
action-abandoned = lopetettu
theme-production-monitoring = Tuotannon suorituskyvyn seurantajärjestelmät
theme-production-monitoring-description = Tuotannon tietojen keruu ja visualisointi tuotosmäärien, laadun ja laitteiden tehokkuuden seuraamiseksi reaaliajassa.
theme-predictive-maintenance = Ennakoiva mallinnus ja kunnossapito
theme-predictive-maintenance-description = Anturitietojen ja mallien hyödyntäminen vikojen ennakointiin ja kunnossapidon suunnitteluun ennen laiterikkoja.
theme-vr-simulation = Virtuaalitodellisuus- ja simulointiteknologiat
theme-vr-simulation-description = Digitaaliset kaksoset, simulointi ja immersiiviset työkalut tuotesuunnitteluun, koulutukseen ja prosessien suunnitteluun.
theme-smart-logistics = Älykäs logistiikka ja verkostojen hallinta
theme-smart-logistics-description = Tavaroiden ja toimittajien verkottunut seuranta, suunnittelu ja koordinointi koko arvoketjussa.
region-tuscany = Toscana
region-mazovia = Mazovia
region-lapland = Lappi
region-leeds = Leeds City Region
region-slovenia = Slovenia
region-castilla-leon = Kastilia ja León
region-catalonia = Katalonia

## CSV-viennin otsikkorivi

csv-id = id
csv-kind = tyyppi
csv-origin = lähdealue
csv-origin_name = lähdealueen nimi
csv-title = otsikko
csv-summary = tiivistelmä
csv-themes = teemat
csv-intervention = toimenpiteen tyyppi
csv-language = kieli
csv-nuts = NUTS
csv-start = alkamispäivä
csv-end = päättymispäivä
csv-updated_at = päivitetty
csv-url = osoite

## The node's catalogue as open-data portals read it (DCAT-AP)
dcat-catalog-title = Smarty Exchange: solmun { $node } luettelo
dcat-catalog-description = Teollisuus 4.0 -politiikan hyvät käytännöt, politiikkaohjelmat ja toimintasuunnitelmat SMARTY-kumppanuuden (Interreg Europe) seitsemältä alueelta sellaisina kuin tämä solmu ne säilyttää.
dcat-dataset-title = { $region }: hyvät käytännöt, politiikkaohjelmat ja toimintasuunnitelmat
dcat-dataset-description = Tietueet, jotka alue { $region } on julkaissut SMARTY-vaihdossa: tapaustutkimukset, politiikkaohjelmat, toimintasuunnitelmat ja alueprofiili.
