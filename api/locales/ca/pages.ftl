# Pàgines per al personal tècnic, en català (traduïdes de l'anglès, el text de referència).
# Els identificadors s'agrupen per pàgina; les etiquetes dels vocabularis (temes, regions, tipus…) van al final.
# Variables: $count és un nombre que determina la forma de plural; $shown és aquest mateix nombre
# escrit segons la configuració regional del lector (feu servir $shown al text i $count al selector).

## Marc comú de totes les pàgines

site-name = Smarty Exchange
page-title = { $title } · Smarty Exchange ({ $node })
skip-to-content = Vés al contingut principal
search-label = Cerca bones pràctiques i instruments de política
search-placeholder = Cerca en les bones pràctiques de totes les regions
search-button = Cerca
brand-node = node { $node }
nav-main = Navegació principal
nav-search = Cerca
nav-regions = Regions
nav-transfers = Transferències
nav-manage = Gestiona els registres del node { $node }
nav-sign-in = Inicia la sessió
nav-sign-out = Tanca la sessió
language-switcher = Idioma de les pàgines
footer-about = Smarty Exchange és la plataforma d'intercanvi de bones pràctiques del partenariat SMARTY d'Interreg Europe (Indústria 4.0 per a les pimes). Aquest és el node { $node }.
footer-api = Documentació de l'API
back-to-search = Torna a la cerca

## Pàgina de cerca

search-title = Cerca
search-title-words = Cerca: { $q }
catalogue-heading = El catàleg compartit
results-heading = Resultats per a «{ $q }»
filters = Filtres
filters-show = Filtres
filters-active = Filtres actius
filter-remove = Treu el filtre: { $label }
filter-year-from = Des de { $year }
filter-year-to = Fins a { $year }
facet-theme = Tema
facet-origin = Regió
facet-kind = Tipus
facet-intervention = Intervenció
facet-language = Idioma
facet-year = Any d'inici
year-from = Des de
year-to = Fins a
year-any = qualsevol any
apply-filters = Aplica els filtres
clear-filters = Esborra els filtres
results-count =
    { $count ->
        [one] { $shown } resultat
        [many] { $shown } resultats
       *[other] { $shown } resultats
    }
results-range = es mostren els resultats { $first }–{ $last }
sort-by = Ordena per
sort-relevance = Rellevància
sort-updated = Actualització més recent
sort-inspired = Més citades en plans d'acció
sort-button = Ordena
export-csv = Exporta aquests resultats en CSV
follow-search = Segueix aquesta cerca (canal Atom)
no-results = No hi ha cap coincidència. Proveu amb menys paraules o esborreu els filtres.
results-pages = Pàgines de resultats
page-previous = Pàgina anterior
page-next = Pàgina següent
address-left-out = Una part d'aquesta adreça no s'ha pogut utilitzar i s'ha omès: { $parts }.
result-started = Inici: { $year }

## Pàgina d'un registre

back-to-results = Torna als resultats
record-from = { $kind } · Origen: { $origin }
in-english = En anglès
edit-record = Edita aquest registre
row-summary = Resum
row-description = Descripció
row-intervention = Intervenció
row-themes = Temes
row-language = Idioma
row-main-institution = Institució principal
row-location = Ubicació
row-timescale = Període
row-resources = Recursos necessaris
row-evidence = Evidències d'èxit
row-difficulties = Dificultats trobades
row-transfer = Potencial d'aprenentatge o de transferència
row-keywords = Paraules clau
row-budget = Pressupost
row-funding = Fonts de finançament
row-contact = Contacte (només per als editors)
row-instrument-type = Tipus d'instrument
row-managing-authority = Autoritat de gestió
row-territory = Territori (NUTS)
row-key-sectors = Sectors clau
row-smes = Pimes manufactureres
row-support = Programes de suport
row-stakeholders = Grup d'agents d'interès
row-links = Enllaços
row-instruments = Instruments de política relacionats
row-origin = Origen
row-updated = Darrera actualització a l'origen
row-received = Darrera recepció des de l'origen
row-inspired = Accions que ha inspirat
row-similar = Bones pràctiques semblants d'altres regions
row-action = Acció
row-inspired-by = Inspirada en
row-monitoring = Seguiment
timescale-ongoing = Des de { $start } (en curs)
timescale-range = { $start } – { $end }
inspired-action = { $region }: acció { $number }, { $title }
cited-by = Inspirada en: { $title }
cited-not-held = (encara no disponible en aquest node)
cited-withdrawn = { $title } (retirada)
cited-unknown = { $title } (desconeguda)
cited-ambiguous = { $title } (diverses regions tenen una bona pràctica amb aquest identificador)
monitoring-action = acció { $number }: { $status }
similar-item = { $title } ({ $region })
not-found-heading = No s'ha trobat
not-found-record = No hi ha cap registre amb aquesta adreça que pugueu consultar.
choices-heading = Hi ha diversos registres amb aquesta adreça
choices-message = Aquest identificador correspon a registres de més d'una regió. Trieu la regió del registre que cerqueu.

## Pàgina de regions

regions-title = Regions
regions-heading = Regions sòcies
regions-caption = Registres de cada regió disponibles en aquest node i darrera sincronització correcta amb cadascuna
regions-region = Regió
regions-country = País
regions-held = Registres disponibles
regions-last-sync = Darrera sincronització correcta
regions-this-node = aquest node
regions-never = mai

## Pàgina de transferències

transfers-title = Transferències entre regions
transfers-heading = Com circulen les bones pràctiques entre regions
transfers-intro = Cada cel·la indica quantes accions dels plans d'acció de la regió de la columna citen almenys una bona pràctica de la regió de la fila. Les bones pràctiques retirades també compten: la transferència es va produir igualment.
transfers-caption = Accions inspirades, per regió de la bona pràctica (files) i regió que l'adopta (columnes)
transfers-from = Regió de la bona pràctica
transfers-own = dins de la mateixa regió
transfers-cell =
    { $count ->
        [one] { $shown } acció inspirada (origen: { $from }; destinació: { $to })
        [many] { $shown } accions inspirades (origen: { $from }; destinació: { $to })
       *[other] { $shown } accions inspirades (origen: { $from }; destinació: { $to })
    }
transfers-actions-title = Accions de { $to } inspirades en { $from }
transfers-actions-intro = Cada acció de la llista cita almenys una pràctica de { $from }.
transfers-actions-none = Cap acció de { $to } no cita encara una pràctica de { $from }.
transfers-back = Torna a les transferències

## Inici de sessió

sign-in-title = Inicia la sessió
sign-in-intro = Inicieu la sessió amb la clau d'accés que us ha facilitat l'administrador del vostre node. Amb aquesta clau podeu afegir i editar les bones pràctiques i els instruments de política de la vostra regió; per consultar el catàleg no cal cap clau.
sign-in-no-key = Encara no teniu clau? Demaneu a l'administrador del vostre node una clau d'accés d'editor.
access-key = Clau d'accés
sign-in-button = Inicia la sessió
sign-in-read-only = Aquesta clau d'accés permet consultar però no editar: demaneu una clau d'editor a l'administrador del vostre node.
sign-in-unknown = Aquesta clau d'accés no és vàlida en aquest node o s'ha retirat. Comproveu-la o consulteu l'administrador del vostre node.

## Gestió de registres

manage-title = Gestió de registres
manage-heading = Registres del node { $node }
manage-saved = S'ha desat «{ $title }».
manage-new-case-study = Nou cas d'estudi
manage-new-instrument = Nou instrument de política
manage-caption = Tots els registres d'aquesta regió, inclosos els esborranys
manage-col-title = Títol
manage-col-kind = Tipus
manage-col-status = Estat
manage-col-version = Versió
manage-col-actions = Accions
manage-edit = Edita

## Formularis dels registres

form-new = Nou registre: { $kind }
form-edit = Edita el registre: { $kind }
form-not-saved =
    { $count ->
        [one] No s'ha desat el registre: hi ha { $shown } problema
        [many] No s'ha desat el registre: hi ha { $shown } problemes
       *[other] No s'ha desat el registre: hi ha { $shown } problemes
    }
form-required = (obligatori)
form-save = Desa
form-section-about = Dades de la bona pràctica
form-section-what = Què s'ha fet i quins resultats ha donat
form-section-where = On i quan
form-section-money = Pressupost i finançament
form-section-links = Enllaços i instruments relacionats
form-section-contact = Contacte (dades privades)
form-section-english = En anglès
form-section-instrument = Dades de l'instrument
form-conflict = Algú ha desat aquest registre mentrestant (ara és a la versió { $current }): torneu a carregar el formulari per veure'n els canvis.
field-status = Estat
hint-status = Els esborranys només els veuen els editors d'aquesta regió; els registres publicats es comparteixen amb totes les regions.
field-title = Títol
field-name = Nom
field-summary = Resum
field-description = Descripció
field-intervention = Intervenció
field-themes = Temes
field-language = Idioma
field-main-institution = Institució principal
field-location = Ubicació
field-nuts = Codi NUTS de la ubicació
field-start = Data d'inici
field-end = Data de finalització
field-resources = Recursos necessaris
field-evidence = Evidències d'èxit
field-difficulties = Dificultats trobades
field-transfer = Potencial d'aprenentatge o de transferència
field-keywords = Paraules clau
field-links = Enllaços
field-budget-amount = Import del pressupost
field-budget-currency = Moneda del pressupost
field-funding = Fonts de finançament
field-instruments = Instruments de política relacionats
field-contact-name = Nom de contacte
field-contact-email = Adreça electrònica de contacte
field-title-en = Títol en anglès
field-name-en = Nom en anglès
field-summary-en = Resum en anglès
field-description-en = Descripció en anglès
field-resources-en = Recursos necessaris, en anglès
field-evidence-en = Proves d'èxit, en anglès
field-difficulties-en = Dificultats trobades, en anglès
field-transfer-en = Potencial d'aprenentatge o transferència, en anglès
field-instrument-type = Tipus d'instrument
field-managing-authority = Autoritat de gestió
field-territory = Territori (codi NUTS)
field-url = Pàgina web
hint-title = Fins a 200 caràcters.
hint-summary = Fins a 1.000 caràcters.
hint-location = Municipi o zona.
hint-nuts = Dues lletres majúscules i, a continuació, fins a tres xifres o lletres majúscules; p. ex., ITI15.
hint-end = Deixeu-ho en blanc mentre estigui en curs.
hint-lines = Un element per línia.
hint-links = Una adreça http o https per línia.
hint-amount = Un nombre, amb punt decimal; p. ex., 250000 o 1250.50.
hint-currency = Codi ISO 4217; p. ex., EUR.
hint-contact = Dades personals: només les veuen els editors d'aquesta regió i no es comparteixen mai.
hint-title-en = Per als registres redactats en un altre idioma.
hint-territory = P. ex., ITI1.

## Missatges de validació al costat dels camps del formulari

invalid-required = Empleneu aquest camp.
invalid-text-length = Escriviu entre 1 i { $max } caràcters, no només espais.
invalid-date = Introduïu una data.
invalid-end-before-start = La data de finalització no pot ser anterior a la d'inici.
invalid-url = Introduïu una adreça que comenci per http:// o https://.
invalid-email = Introduïu una adreça electrònica, com ara nom@example.org.
invalid-amount = Introduïu un nombre sense espais ni moneda; p. ex., 250000 o 1250.50.
invalid-currency = Introduïu un codi de moneda de tres lletres; p. ex., EUR, GBP o PLN.
invalid-nuts = Introduïu un codi NUTS: dues lletres majúscules i, a continuació, fins a tres xifres o lletres majúscules.
invalid-language = Trieu un idioma.
invalid-at-least =
    { $count ->
        [one] Trieu-ne almenys { $shown }.
        [many] Trieu-ne almenys { $shown }.
       *[other] Trieu-ne almenys { $shown }.
    }
invalid-at-most =
    { $count ->
        [one] Indiqueu com a màxim { $shown } element.
        [many] Indiqueu com a màxim { $shown } elements.
       *[other] Indiqueu com a màxim { $shown } elements.
    }
invalid-twice = Cada element només pot aparèixer una vegada.
invalid-instrument = Trieu un dels instruments de política d'aquesta regió.
invalid-own-language = La traducció a l'anglès és per als registres redactats en un altre idioma.
invalid-other = Aquest valor no es pot utilitzar; comproveu-lo i torneu-ho a provar.

## Pàgines d'error

error-400 = No s'ha pogut utilitzar l'adreça o el formulari
error-401 = Primer cal iniciar la sessió
error-403 = Acció no permesa
error-404 = No s'ha trobat la pàgina
error-405 = Operació no disponible aquí
error-406 = No disponible en aquest format
error-408 = La sol·licitud ha trigat massa
error-409 = S'ha modificat mentrestant
error-413 = Massa dades alhora
error-415 = Aquesta pàgina no admet aquest tipus de formulari
error-422 = No és possible amb aquests valors
error-429 = Massa sol·licituds
error-500 = S'ha produït un error en aquest node
error-503 = El node està ocupat o s'està iniciant
error-other = S'ha produït un error
error-detail-404 = No hi ha cap pàgina en aquesta adreça. Potser s'ha traslladat o l'enllaç no és correcte.
error-detail-429 = Heu fet moltes sol·licituds en poc temps. Espereu un moment i torneu-ho a provar.
error-detail-500 = El node no ha pogut respondre. L'error és nostre i ha quedat registrat. Torneu-ho a provar més tard.
error-detail-403 = No podeu fer aquesta operació aquí. Si sou editor, torneu a iniciar la sessió i torneu-ho a provar.
error-detail-401 = Inicieu la sessió amb la clau d'accés que us ha donat l'administrador del node i torneu-ho a provar.
error-detail-other = El node no ha pogut dur a terme l'operació sol·licitada.
error-detail-csrf = Aquest formulari ha caducat o prové d'un altre lloc web; no s'ha modificat res. Torneu a carregar la pàgina i torneu-ho a provar.

## Tipus, estats i altres vocabularis

kind-case_study = Cas d'estudi
kind-policy_instrument = Instrument de política
kind-action_plan = Pla d'acció
kind-region_profile = Perfil de regió
kind-other = Registre
status-draft = Esborrany
status-draft-hint = Esborrany (només el veuen els editors)
status-published = Publicat
status-withdrawn = Retirat
intervention-direct = Intervenció directa
intervention-policy = Intervenció de política
instrument-erdf-programme = Programa FEDER
instrument-etc-programme = Programa de CTE (Interreg)
instrument-regional-strategy = Estratègia regional
instrument-national-strategy = Estratègia nacional
instrument-law = Llei
instrument-funding-scheme = Línia de finançament
instrument-other = Altres
action-not-started = no iniciada
action-on-track = segons el previst
action-delayed = endarrerida
action-completed = completada
action-abandoned = abandonada
theme-production-monitoring = Sistemes de seguiment del rendiment de la producció
theme-production-monitoring-description = Recollida i visualització de dades de planta per fer el seguiment en temps real de la producció, la qualitat i l'eficiència dels equips.
theme-predictive-maintenance = Modelització i manteniment predictius
theme-predictive-maintenance-description = Ús de dades de sensors i de models per anticipar avaries i planificar el manteniment abans que es produeixin.
theme-vr-simulation = Tecnologies de realitat virtual i simulació
theme-vr-simulation-description = Bessons digitals, simulació i eines immersives per al disseny, la formació i la planificació de processos.
theme-smart-logistics = Logística intel·ligent i gestió de xarxes
theme-smart-logistics-description = Seguiment, planificació i coordinació connectats de mercaderies i proveïdors al llarg de les cadenes de valor.
region-tuscany = Toscana
region-mazovia = Masòvia
region-lapland = Lapònia
region-leeds = Leeds City Region
region-slovenia = Eslovènia
region-castilla-leon = Castella i Lleó
region-catalonia = Catalunya

## Fila de capçalera de l'exportació CSV

csv-id = id
csv-kind = tipus
csv-origin = origen
csv-origin_name = nom de l'origen
csv-title = títol
csv-summary = resum
csv-themes = temes
csv-intervention = intervenció
csv-language = idioma
csv-nuts = NUTS
csv-start = inici
csv-end = final
csv-updated_at = actualitzat
csv-url = adreça

## The node's catalogue as open-data portals read it (DCAT-AP)
dcat-catalog-title = Smarty Exchange: el catàleg del node { $node }
dcat-catalog-description = Bones pràctiques de política d'Indústria 4.0, instruments de política i plans d'acció de les set regions de l'associació SMARTY (Interreg Europe), tal com els guarda aquest node.
dcat-dataset-title = { $region }: bones pràctiques, instruments de política i plans d'acció
dcat-dataset-description = Els registres que { $region } ha publicat a l'intercanvi SMARTY: estudis de cas, instruments de política, plans d'acció i el seu perfil regional.
