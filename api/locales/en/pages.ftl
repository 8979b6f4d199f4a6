# The officers' pages, in English: the source every other language translates.
# Ids are grouped by page; vocabulary labels (themes, regions, kinds…) come last.
# Placeables: $count is a number chosen for plural forms; $shown is that number already
# written in the reader's locale (use $shown in the text, $count in the selector).

## Every page's frame

site-name = Smarty Exchange
page-title = { $title } · Smarty Exchange ({ $node })
skip-to-content = Skip to main content
search-label = Search practices and policy instruments
search-placeholder = Search every region's practices
search-button = Search
brand-node = { $node } node
nav-main = Main
nav-search = Search
nav-regions = Regions
nav-transfers = Transfers
nav-manage = Manage { $node }'s records
nav-sign-in = Sign in
nav-sign-out = Sign out
language-switcher = Language of the pages
footer-about = Smarty Exchange, the best-practice exchange of the SMARTY Interreg Europe partnership (Industry 4.0 for SMEs). This is the { $node } node.
footer-api = API documentation
back-to-search = Back to the search

## The search page

search-title = Search
search-title-words = Search: { $q }
catalogue-heading = The shared catalogue
results-heading = Results for “{ $q }”
filters = Filters
filters-show = Filters
filters-active = Active filters
filter-remove = Remove filter: { $label }
filter-year-from = From { $year }
filter-year-to = To { $year }
facet-theme = Theme
facet-origin = Region
facet-kind = Kind
facet-intervention = Intervention
facet-language = Language
facet-year = Year started
year-from = From
year-to = To
year-any = any year
apply-filters = Apply filters
clear-filters = Clear filters
results-count =
    { $count ->
        [one] { $shown } result
       *[other] { $shown } results
    }
results-range = showing { $first } to { $last }
sort-by = Sort by
sort-relevance = Relevance
sort-updated = Recently updated
sort-inspired = Most cited by action plans
sort-button = Sort
export-csv = Export these results as CSV
follow-search = Follow this search (Atom feed)
no-results = Nothing matches. Try fewer words, or clear the filters.
results-pages = Pages of results
page-previous = Previous page
page-next = Next page
address-left-out = Part of this address could not be used and was left out: { $parts }.
result-started = Started { $year }

## A record's page

back-to-results = Back to the results
record-from = { $kind } from { $origin }
in-english = In English
edit-record = Edit this record
row-summary = Summary
row-description = Description
row-intervention = Intervention
row-themes = Themes
row-language = Language
row-main-institution = Main institution
row-location = Location
row-timescale = Timescale
row-resources = Resources needed
row-evidence = Evidence of success
row-difficulties = Difficulties encountered
row-transfer = Potential for learning or transfer
row-keywords = Keywords
row-budget = Budget
row-funding = Funding sources
row-contact = Contact (editors only)
row-instrument-type = Type of instrument
row-managing-authority = Managing authority
row-territory = Territory (NUTS)
row-key-sectors = Key sectors
row-smes = Manufacturing SMEs
row-support = Support programmes
row-stakeholders = Stakeholder group
row-links = Links
row-instruments = Related policy instruments
row-origin = Origin
row-updated = Last updated at its origin
row-received = Last received from its origin
row-inspired = Actions it inspired
row-similar = Practices like this in other regions
row-action = Action
row-inspired-by = Inspired by
row-monitoring = Monitoring
timescale-ongoing = From { $start } (ongoing)
timescale-range = { $start } to { $end }
inspired-action = { $region }: action { $number }, { $title }
cited-by = Inspired by: { $title }
cited-not-held = (not held here yet)
cited-withdrawn = { $title } (withdrawn)
cited-unknown = { $title } (unknown)
cited-ambiguous = { $title } (several regions have a practice with this id)
monitoring-action = action { $number }: { $status }
similar-item = { $title } ({ $region })
not-found-heading = Not found
not-found-record = No record with this address is visible to you.
choices-heading = Several records have this address
choices-message = Records of more than one region have this id. Choose the region whose record you mean.

## The regions page

regions-title = Regions
regions-heading = Partner regions
regions-caption = Records this node holds from each region, and the last successful sync from it
regions-region = Region
regions-country = Country
regions-held = Records held
regions-last-sync = Last successful sync
regions-this-node = this node
regions-never = never

## The transfers page

transfers-title = Transfers between regions
transfers-heading = How practices travel between regions
transfers-intro = Each cell counts the actions of the column's region's action plans that cite at least one practice of the row's region. Withdrawn practices still count: the transfer happened.
transfers-caption = Actions inspired, by region of the practice (rows) and region taking it up (columns)
transfers-from = Practice from
transfers-own = within the region
transfers-cell =
    { $count ->
        [one] { $shown } action of { $to } inspired by { $from }
       *[other] { $shown } actions of { $to } inspired by { $from }
    }
transfers-actions-title = Actions of { $to } inspired by { $from }
transfers-actions-intro = Each action below cites at least one practice of { $from }.
transfers-actions-none = No action of { $to } cites a practice of { $from } yet.
transfers-back = Back to the transfers

## Signing in

sign-in-title = Sign in
sign-in-intro = Sign in with the access key your node administrator gave you. With it you can add and edit your region's practices and policy instruments; reading the catalogue needs no key.
sign-in-no-key = No key yet? Ask your node administrator for an editor's access key.
access-key = Access key
sign-in-button = Sign in
sign-in-read-only = This access key may read but not edit: ask your node administrator for an editor's key.
sign-in-unknown = This access key is not known here, or it has been withdrawn. Check it, or ask your node administrator.

## Managing records

manage-title = Manage records
manage-heading = { $node }'s records
manage-saved = Saved “{ $title }”.
manage-new-case-study = New case study
manage-new-instrument = New policy instrument
manage-caption = Every record of this region, drafts included
manage-col-title = Title
manage-col-kind = Kind
manage-col-status = Status
manage-col-version = Version
manage-col-actions = Actions
manage-edit = Edit

## The record forms

form-new = New { $kind }
form-edit = Edit { $kind }
form-not-saved =
    { $count ->
        [one] The record was not saved: { $shown } problem
       *[other] The record was not saved: { $shown } problems
    }
form-required = (required)
form-save = Save
form-section-about = About the practice
form-section-what = What it did and how it went
form-section-where = Where and when
form-section-money = Budget and funding
form-section-links = Links and related instruments
form-section-contact = Contact (kept private)
form-section-english = In English
form-section-instrument = About the instrument
form-conflict = Someone saved this record meanwhile (it is now at version { $current }): reload the form to see their changes.
field-status = Status
hint-status = Drafts are visible only to this region's editors; published records are shared with every region.
field-title = Title
field-name = Name
field-summary = Summary
field-description = Description
field-intervention = Intervention
field-themes = Themes
field-language = Language
field-main-institution = Main institution
field-location = Location
field-nuts = NUTS code of the location
field-start = Start date
field-end = End date
field-resources = Resources needed
field-evidence = Evidence of success
field-difficulties = Difficulties encountered
field-transfer = Potential for learning or transfer
field-keywords = Keywords
field-links = Links
field-budget-amount = Budget amount
field-budget-currency = Budget currency
field-funding = Funding sources
field-instruments = Related policy instruments
field-contact-name = Contact name
field-contact-email = Contact email
field-title-en = Title in English
field-name-en = Name in English
field-summary-en = Summary in English
field-description-en = Description in English
field-resources-en = Resources needed, in English
field-evidence-en = Evidence of success, in English
field-difficulties-en = Difficulties encountered, in English
field-transfer-en = Potential for learning or transfer, in English
field-instrument-type = Type of instrument
field-managing-authority = Managing authority
field-territory = Territory (NUTS code)
field-url = Web page
hint-title = Up to 200 characters.
hint-summary = Up to 1,000 characters.
hint-location = Town or area.
hint-nuts = Two capital letters, then up to three digits or capital letters, e.g. ITI15.
hint-end = Leave empty while ongoing.
hint-lines = One per line.
hint-links = One http or https address per line.
hint-amount = A number, e.g. 250000 or 1250.50.
hint-currency = ISO 4217 code, e.g. EUR.
hint-contact = Personal data: shown to this region's editors only, never shared.
hint-title-en = For records written in another language.
hint-territory = e.g. ITI1.

## Validation messages beside the form's fields

invalid-required = Fill this in.
invalid-text-length = Write 1 to { $max } characters, not only spaces.
invalid-date = Enter a date.
invalid-end-before-start = The end cannot be before the start.
invalid-url = Enter an address starting with http:// or https://.
invalid-email = Enter an email address, like name@example.org.
invalid-amount = Enter a number without spaces or currency, e.g. 250000 or 1250.50.
invalid-currency = Enter a three-letter currency code, e.g. EUR, GBP or PLN.
invalid-nuts = Enter a NUTS code: two capital letters, then up to three digits or capital letters.
invalid-language = Choose a language.
invalid-at-least =
    { $count ->
        [one] Choose at least { $shown }.
       *[other] Choose at least { $shown }.
    }
invalid-at-most =
    { $count ->
        [one] Give at most { $shown } item.
       *[other] Give at most { $shown } items.
    }
invalid-twice = Each item may appear only once.
invalid-instrument = Choose one of this region's policy instruments.
invalid-own-language = The English translation is for records written in another language.
invalid-other = This value cannot be used; check it and try again.

## Error pages

error-400 = The address or form could not be used
error-401 = Sign in first
error-403 = Not allowed
error-404 = Page not found
error-405 = Not possible here
error-406 = Not available in that form
error-408 = The request took too long
error-409 = Changed meanwhile
error-413 = Too much at once
error-415 = Not a form this page reads
error-422 = Not possible with these values
error-429 = Too many requests
error-500 = Something went wrong on this node
error-503 = The node is busy or starting
error-other = Something went wrong
error-detail-404 = There is no page at this address. It may have moved, or the link may be mistyped.
error-detail-429 = You have made many requests in a short time. Wait a moment and try again.
error-detail-500 = The node could not answer. The fault is ours; it has been logged. Try again later.
error-detail-403 = You may not do this here. If you are an editor, sign in again and retry.
error-detail-401 = Sign in with the access key your node administrator gave you, then try again.
error-detail-other = The node could not do what was asked.
error-detail-csrf = This form is out of date or came from another site; nothing was changed. Reload the page and try again.

## Kinds, statuses and other vocabularies

kind-case_study = Case study
kind-policy_instrument = Policy instrument
kind-action_plan = Action plan
kind-region_profile = Region profile
kind-other = Record
status-draft = Draft
status-draft-hint = Draft (only editors see it)
status-published = Published
status-withdrawn = Withdrawn
intervention-direct = Direct intervention
intervention-policy = Policy intervention
instrument-erdf-programme = ERDF programme
instrument-etc-programme = ETC (Interreg) programme
instrument-regional-strategy = Regional strategy
instrument-national-strategy = National strategy
instrument-law = Law
instrument-funding-scheme = Funding scheme
instrument-other = Other
action-not-started = not started
action-on-track = on track
action-delayed = delayed
action-completed = completed
action-abandoned = abandoned
theme-production-monitoring = Production performance monitoring systems
theme-production-monitoring-description = Collecting and visualising shop-floor data to track output, quality and equipment effectiveness in real time.
theme-predictive-maintenance = Predictive modelling and maintenance
theme-predictive-maintenance-description = Using sensor data and models to anticipate failures and plan maintenance before breakdowns.
theme-vr-simulation = Virtual reality and simulation technologies
theme-vr-simulation-description = Digital twins, simulation and immersive tools for design, training and process planning.
theme-smart-logistics = Smart logistics and network management
theme-smart-logistics-description = Connected tracking, planning and coordination of goods and suppliers across value chains.
region-tuscany = Tuscany
region-mazovia = Mazovia
region-lapland = Lapland
region-leeds = Leeds City Region
region-slovenia = Slovenia
region-castilla-leon = Castilla y León
region-catalonia = Catalonia

## The CSV export's header row

csv-id = id
csv-kind = kind
csv-origin = origin
csv-origin_name = origin name
csv-title = title
csv-summary = summary
csv-themes = themes
csv-intervention = intervention
csv-language = language
csv-nuts = NUTS
csv-start = start
csv-end = end
csv-updated_at = updated
csv-url = address

## The node's catalogue as open-data portals read it (DCAT-AP)
dcat-catalog-title = Smarty Exchange: the catalogue of the { $node } node
dcat-catalog-description = Good practices of Industry 4.0 policy, policy instruments and action plans of the seven regions of the SMARTY partnership (Interreg Europe), as this node holds them.
dcat-dataset-title = { $region }: good practices, policy instruments and action plans
dcat-dataset-description = The records { $region } has published in the SMARTY exchange: case studies, policy instruments, action plans and its regional profile.
