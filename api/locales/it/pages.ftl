# Le pagine per i funzionari, in italiano (tradotte dal file sorgente inglese).
# Gli id sono raggruppati per pagina; le etichette dei vocabolari (temi, regioni, tipi…) sono in fondo.
# Segnaposto: $count è un numero usato per scegliere la forma plurale; $shown è lo stesso numero
# già scritto secondo le convenzioni del lettore (usare $shown nel testo, $count nel selettore).

## La cornice di ogni pagina

site-name = Smarty Exchange
page-title = { $title } · Smarty Exchange ({ $node })
skip-to-content = Vai al contenuto principale
search-label = Cerca buone pratiche e strumenti di policy
search-placeholder = Cerca tra le pratiche di tutte le regioni
search-button = Cerca
brand-node = Nodo { $node }
nav-main = Menu principale
nav-search = Ricerca
nav-regions = Regioni
nav-transfers = Trasferimenti
nav-manage = Gestisci le schede del nodo { $node }
nav-sign-in = Accedi
nav-sign-out = Esci
language-switcher = Lingua delle pagine
footer-about = Smarty Exchange, la piattaforma di scambio di buone pratiche del partenariato SMARTY di Interreg Europe (Industria 4.0 per le PMI). Questo è il nodo { $node }.
footer-api = Documentazione API
back-to-search = Torna alla ricerca

## La pagina di ricerca

search-title = Ricerca
search-title-words = Ricerca: { $q }
catalogue-heading = Il catalogo condiviso
results-heading = Risultati per «{ $q }»
filters = Filtri
filters-show = Filtri
filters-active = Filtri attivi
filter-remove = Rimuovi il filtro: { $label }
filter-year-from = Dal { $year }
filter-year-to = Fino al { $year }
facet-theme = Tema
facet-origin = Regione
facet-kind = Tipo
facet-intervention = Intervento
facet-language = Lingua
facet-year = Anno di avvio
year-from = Dal
year-to = Al
year-any = qualsiasi anno
apply-filters = Applica i filtri
clear-filters = Rimuovi i filtri
results-count =
    { $count ->
        [one] { $shown } risultato
       *[other] { $shown } risultati
    }
results-range = visualizzati da { $first } a { $last }
sort-by = Ordina per
sort-relevance = Pertinenza
sort-updated = Aggiornati di recente
sort-inspired = Più citati nei piani d'azione
sort-button = Ordina
export-csv = Esporta questi risultati in CSV
follow-search = Segui questa ricerca (feed Atom)
no-results = Nessun risultato. Prova con meno parole o rimuovi i filtri.
results-pages = Pagine dei risultati
page-previous = Pagina precedente
page-next = Pagina successiva
address-left-out = Una parte di questo indirizzo non era utilizzabile ed è stata ignorata: { $parts }.
result-started = Avvio: { $year }

## La pagina di una scheda

back-to-results = Torna ai risultati
record-from = { $kind } della regione { $origin }
in-english = In inglese
edit-record = Modifica questa scheda
row-summary = Sintesi
row-description = Descrizione
row-intervention = Intervento
row-themes = Temi
row-language = Lingua
row-main-institution = Ente principale
row-location = Localizzazione
row-timescale = Periodo di attuazione
row-resources = Risorse necessarie
row-evidence = Evidenze di successo
row-difficulties = Difficoltà incontrate
row-transfer = Potenziale di apprendimento o trasferimento
row-keywords = Parole chiave
row-budget = Budget
row-funding = Fonti di finanziamento
row-contact = Referente (solo per i redattori)
row-instrument-type = Tipo di strumento
row-managing-authority = Autorità di gestione
row-territory = Territorio (NUTS)
row-key-sectors = Settori chiave
row-smes = PMI manifatturiere
row-support = Programmi di sostegno
row-stakeholders = Gruppo di portatori di interesse
row-links = Link
row-instruments = Strumenti di policy correlati
row-origin = Provenienza
row-updated = Ultimo aggiornamento all'origine
row-received = Ultima ricezione dall'origine
row-inspired = Azioni ispirate
row-similar = Pratiche simili in altre regioni
row-action = Azione
row-inspired-by = Fonte di ispirazione
row-monitoring = Monitoraggio
timescale-ongoing = Dal { $start } (in corso)
timescale-range = Dal { $start } al { $end }
inspired-action = { $region }: azione { $number }, { $title }
cited-by = Fonte di ispirazione: { $title }
cited-not-held = (non ancora presente in questo nodo)
cited-withdrawn = { $title } (ritirata)
cited-unknown = { $title } (sconosciuta)
cited-ambiguous = { $title } (più regioni hanno una pratica con questo id)
monitoring-action = azione { $number }: { $status }
similar-item = { $title } ({ $region })
not-found-heading = Non trovato
not-found-record = Nessuna scheda con questo indirizzo risulta visibile per te.
choices-heading = Più schede corrispondono a questo indirizzo
choices-message = Schede di più regioni hanno questo id. Scegli la regione della scheda che cerchi.

## La pagina delle regioni

regions-title = Regioni
regions-heading = Regioni partner
regions-caption = Schede presenti in questo nodo per ciascuna regione e ultima sincronizzazione riuscita con essa
regions-region = Regione
regions-country = Paese
regions-held = Schede presenti
regions-last-sync = Ultima sincronizzazione riuscita
regions-this-node = questo nodo
regions-never = mai

## La pagina dei trasferimenti

transfers-title = Trasferimenti tra regioni
transfers-heading = Come le pratiche circolano tra le regioni
transfers-intro = Ogni cella indica quante azioni dei piani d'azione della regione in colonna citano almeno una pratica della regione in riga. Anche le pratiche ritirate vengono conteggiate: il trasferimento è comunque avvenuto.
transfers-caption = Azioni ispirate, per regione della pratica (righe) e regione che la adotta (colonne)
transfers-from = Pratica della regione
transfers-own = all'interno della regione
transfers-cell =
    { $count ->
        [one] { $shown } azione in { $to } ispirata da pratiche della regione { $from }
       *[other] { $shown } azioni in { $to } ispirate da pratiche della regione { $from }
    }
transfers-actions-title = Azioni della regione { $to } ispirate dalla regione { $from }
transfers-actions-intro = Ogni azione qui sotto cita almeno una pratica della regione { $from }.
transfers-actions-none = Nessuna azione della regione { $to } cita ancora una pratica della regione { $from }.
transfers-back = Torna ai trasferimenti

## Accesso

sign-in-title = Accedi
sign-in-intro = Accedi con la chiave di accesso che ti ha fornito l'amministratore del tuo nodo. Con la chiave puoi inserire e modificare le buone pratiche e gli strumenti di policy della tua regione; per consultare il catalogo non serve alcuna chiave.
sign-in-no-key = Non hai ancora una chiave? Chiedi all'amministratore del tuo nodo una chiave di accesso da redattore.
access-key = Chiave di accesso
sign-in-button = Accedi
sign-in-read-only = Questa chiave di accesso consente la consultazione ma non la modifica: chiedi all'amministratore del tuo nodo una chiave da redattore.
sign-in-unknown = Questa chiave di accesso non è riconosciuta oppure è stata revocata. Verificala o rivolgiti all'amministratore del tuo nodo.

## Gestione delle schede

manage-title = Gestione delle schede
manage-heading = Schede del nodo { $node }
manage-saved = Hai salvato «{ $title }».
manage-new-case-study = Nuovo caso di studio
manage-new-instrument = Nuovo strumento di policy
manage-caption = Tutte le schede di questa regione, bozze comprese
manage-col-title = Titolo
manage-col-kind = Tipo
manage-col-status = Stato
manage-col-version = Versione
manage-col-actions = Azioni
manage-edit = Modifica

## I moduli delle schede

form-new = Nuovo { $kind }
form-edit = Modifica { $kind }
form-not-saved =
    { $count ->
        [one] La scheda non è stata salvata: { $shown } problema
       *[other] La scheda non è stata salvata: { $shown } problemi
    }
form-required = (obbligatorio)
form-save = Salva
form-section-about = Informazioni sulla pratica
form-section-what = Attività svolte e risultati
form-section-where = Luogo e periodo
form-section-money = Budget e finanziamento
form-section-links = Link e strumenti correlati
form-section-contact = Referente (dati riservati)
form-section-english = In inglese
form-section-instrument = Informazioni sullo strumento
form-conflict = Nel frattempo qualcun altro ha salvato questa scheda (ora alla versione { $current }): ricarica il modulo per vedere le modifiche.
field-status = Stato
hint-status = Le bozze sono visibili solo ai redattori di questa regione; le schede pubblicate sono condivise con tutte le regioni.
field-title = Titolo
field-name = Nome
field-summary = Sintesi
field-description = Descrizione
field-intervention = Intervento
field-themes = Temi
field-language = Lingua
field-main-institution = Ente principale
field-location = Localizzazione
field-nuts = Codice NUTS della località
field-start = Data di inizio
field-end = Data di fine
field-resources = Risorse necessarie
field-evidence = Evidenze di successo
field-difficulties = Difficoltà incontrate
field-transfer = Potenziale di apprendimento o trasferimento
field-keywords = Parole chiave
field-links = Link
field-budget-amount = Importo del budget
field-budget-currency = Valuta del budget
field-funding = Fonti di finanziamento
field-instruments = Strumenti di policy correlati
field-contact-name = Nome del referente
field-contact-email = Email del referente
field-title-en = Titolo in inglese
field-name-en = Nome in inglese
field-summary-en = Sintesi in inglese
field-description-en = Descrizione in inglese
field-resources-en = Risorse necessarie, in inglese
field-evidence-en = Risultati ottenuti, in inglese
field-difficulties-en = Difficoltà incontrate, in inglese
field-transfer-en = Potenziale di apprendimento o trasferimento, in inglese
field-instrument-type = Tipo di strumento
field-managing-authority = Autorità di gestione
field-territory = Territorio (codice NUTS)
field-url = Pagina web
hint-title = Massimo 200 caratteri.
hint-summary = Massimo 1.000 caratteri.
hint-location = Comune o area.
hint-nuts = Due lettere maiuscole seguite da un massimo di tre cifre o lettere maiuscole, ad es. ITI15.
hint-end = Lascia vuoto se ancora in corso.
hint-lines = Uno per riga.
hint-links = Un indirizzo http o https per riga.
hint-amount = Un numero, ad es. 250000 o 1250.50.
hint-currency = Codice ISO 4217, ad es. EUR.
hint-contact = Dati personali: visibili solo ai redattori di questa regione, mai condivisi.
hint-title-en = Per le schede redatte in un'altra lingua.
hint-territory = ad es. ITI1.

## Messaggi di convalida accanto ai campi del modulo

invalid-required = Compila questo campo.
invalid-text-length = Inserisci da 1 a { $max } caratteri, non solo spazi.
invalid-date = Inserisci una data.
invalid-end-before-start = La data di fine non può precedere quella di inizio.
invalid-url = Inserisci un indirizzo che inizi con http:// o https://.
invalid-email = Inserisci un indirizzo email, ad es. nome@example.org.
invalid-amount = Inserisci un numero senza spazi né simbolo di valuta, ad es. 250000 o 1250.50.
invalid-currency = Inserisci un codice valuta di tre lettere, ad es. EUR, GBP o PLN.
invalid-nuts = Inserisci un codice NUTS: due lettere maiuscole seguite da un massimo di tre cifre o lettere maiuscole.
invalid-language = Scegli una lingua.
invalid-at-least =
    { $count ->
        [one] Scegline almeno { $shown }.
       *[other] Scegline almeno { $shown }.
    }
invalid-at-most =
    { $count ->
        [one] Indica al massimo { $shown } elemento.
       *[other] Indica al massimo { $shown } elementi.
    }
invalid-twice = Ogni elemento può comparire una sola volta.
invalid-instrument = Scegli uno degli strumenti di policy di questa regione.
invalid-own-language = La traduzione inglese è prevista per le schede redatte in un'altra lingua.
invalid-other = Questo valore non è utilizzabile; verificalo e riprova.

## Pagine di errore

error-400 = Impossibile utilizzare l'indirizzo o il modulo
error-401 = Accedi prima di continuare
error-403 = Operazione non consentita
error-404 = Pagina non trovata
error-405 = Operazione non possibile qui
error-406 = Non disponibile in questo formato
error-408 = La richiesta ha impiegato troppo tempo
error-409 = Modificato nel frattempo
error-413 = Troppi dati in una sola volta
error-415 = Formato non accettato da questa pagina
error-422 = Operazione non possibile con questi valori
error-429 = Troppe richieste
error-500 = Si è verificato un errore su questo nodo
error-503 = Il nodo è occupato o in fase di avvio
error-other = Si è verificato un errore
error-detail-404 = Non esiste alcuna pagina a questo indirizzo. Potrebbe essere stata spostata, oppure il link potrebbe contenere un errore di battitura.
error-detail-429 = Hai inviato molte richieste in poco tempo. Attendi qualche istante e riprova.
error-detail-500 = Il nodo non ha potuto rispondere. L'errore è nostro ed è stato registrato. Riprova più tardi.
error-detail-403 = Non puoi eseguire questa operazione qui. Se sei un redattore, accedi di nuovo e riprova.
error-detail-401 = Accedi con la chiave di accesso che ti ha dato l'amministratore del nodo, poi riprova.
error-detail-other = Il nodo non ha potuto eseguire l'operazione richiesta.
error-detail-csrf = Questo modulo è scaduto o proviene da un altro sito; non è stato modificato nulla. Ricarica la pagina e riprova.

## Tipi, stati e altri vocabolari

kind-case_study = Caso di studio
kind-policy_instrument = Strumento di policy
kind-action_plan = Piano d'azione
kind-region_profile = Profilo regionale
kind-other = Scheda
status-draft = Bozza
status-draft-hint = Bozza (visibile solo ai redattori)
status-published = Pubblicata
status-withdrawn = Ritirata
intervention-direct = Intervento diretto
intervention-policy = Intervento di policy
instrument-erdf-programme = Programma FESR
instrument-etc-programme = Programma CTE (Interreg)
instrument-regional-strategy = Strategia regionale
instrument-national-strategy = Strategia nazionale
instrument-law = Legge
instrument-funding-scheme = Regime di finanziamento
instrument-other = Altro
action-not-started = non avviata
action-on-track = in linea con i tempi
action-delayed = in ritardo
action-completed = completata
action-abandoned = abbandonata
theme-production-monitoring = Sistemi di monitoraggio delle prestazioni produttive
theme-production-monitoring-description = Raccolta e visualizzazione dei dati di reparto per monitorare in tempo reale produzione, qualità ed efficienza degli impianti.
theme-predictive-maintenance = Modellazione e manutenzione predittiva
theme-predictive-maintenance-description = Uso dei dati dei sensori e di modelli per prevedere i guasti e pianificare la manutenzione prima che si verifichino.
theme-vr-simulation = Realtà virtuale e tecnologie di simulazione
theme-vr-simulation-description = Gemelli digitali, simulazione e strumenti immersivi per progettazione, formazione e pianificazione dei processi.
theme-smart-logistics = Logistica intelligente e gestione delle reti
theme-smart-logistics-description = Tracciamento, pianificazione e coordinamento connessi di merci e fornitori lungo le catene del valore.
region-tuscany = Toscana
region-mazovia = Masovia
region-lapland = Lapponia
region-leeds = Leeds City Region
region-slovenia = Slovenia
region-castilla-leon = Castiglia e León
region-catalonia = Catalogna

## La riga di intestazione dell'esportazione CSV

csv-id = id
csv-kind = tipo
csv-origin = origine
csv-origin_name = nome origine
csv-title = titolo
csv-summary = sintesi
csv-themes = temi
csv-intervention = intervento
csv-language = lingua
csv-nuts = NUTS
csv-start = inizio
csv-end = fine
csv-updated_at = aggiornato
csv-url = indirizzo

## The node's catalogue as open-data portals read it (DCAT-AP)
dcat-catalog-title = Smarty Exchange: il catalogo del nodo { $node }
dcat-catalog-description = Buone pratiche di politica per l'Industria 4.0, strumenti di policy e piani d'azione delle sette regioni del partenariato SMARTY (Interreg Europe), così come li conserva questo nodo.
dcat-dataset-title = { $region }: buone pratiche, strumenti di policy e piani d'azione
dcat-dataset-description = I record che { $region } ha pubblicato nello scambio SMARTY: casi di studio, strumenti di policy, piani d'azione e profilo regionale.
