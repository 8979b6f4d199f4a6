//! The terms the catalogue is written in: DCAT, Dublin Core terms, FOAF, vCard, SKOS, and the
//! EU Publications Office's authority tables (data themes, languages, file types) that
//! DCAT-AP asks for.

use oxrdf::NamedNodeRef;

const fn iri(text: &'static str) -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(text)
}

/// The prefixes the Turtle and JSON-LD forms abbreviate with.
pub const PREFIXES: [(&str, &str); 10] = [
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("datatheme", "http://publications.europa.eu/resource/authority/data-theme/"),
    ("language", "http://publications.europa.eu/resource/authority/language/"),
    ("filetype", "http://publications.europa.eu/resource/authority/file-type/"),
];

pub mod dcat {
    use super::iri;
    use oxrdf::NamedNodeRef;
    pub const CATALOG: NamedNodeRef = iri("http://www.w3.org/ns/dcat#Catalog");
    pub const DATASET: NamedNodeRef = iri("http://www.w3.org/ns/dcat#Dataset");
    pub const DISTRIBUTION: NamedNodeRef = iri("http://www.w3.org/ns/dcat#Distribution");
    pub const DATA_SERVICE: NamedNodeRef = iri("http://www.w3.org/ns/dcat#DataService");
    pub const DATASET_PROP: NamedNodeRef = iri("http://www.w3.org/ns/dcat#dataset");
    pub const SERVICE: NamedNodeRef = iri("http://www.w3.org/ns/dcat#service");
    pub const DISTRIBUTION_PROP: NamedNodeRef = iri("http://www.w3.org/ns/dcat#distribution");
    pub const ACCESS_URL: NamedNodeRef = iri("http://www.w3.org/ns/dcat#accessURL");
    pub const DOWNLOAD_URL: NamedNodeRef = iri("http://www.w3.org/ns/dcat#downloadURL");
    pub const ACCESS_SERVICE: NamedNodeRef = iri("http://www.w3.org/ns/dcat#accessService");
    pub const ENDPOINT_URL: NamedNodeRef = iri("http://www.w3.org/ns/dcat#endpointURL");
    pub const ENDPOINT_DESCRIPTION: NamedNodeRef = iri("http://www.w3.org/ns/dcat#endpointDescription");
    pub const SERVES_DATASET: NamedNodeRef = iri("http://www.w3.org/ns/dcat#servesDataset");
    pub const MEDIA_TYPE: NamedNodeRef = iri("http://www.w3.org/ns/dcat#mediaType");
    pub const THEME: NamedNodeRef = iri("http://www.w3.org/ns/dcat#theme");
    pub const THEME_TAXONOMY: NamedNodeRef = iri("http://www.w3.org/ns/dcat#themeTaxonomy");
    pub const KEYWORD: NamedNodeRef = iri("http://www.w3.org/ns/dcat#keyword");
    pub const LANDING_PAGE: NamedNodeRef = iri("http://www.w3.org/ns/dcat#landingPage");
    pub const CONTACT_POINT: NamedNodeRef = iri("http://www.w3.org/ns/dcat#contactPoint");
    pub const START_DATE: NamedNodeRef = iri("http://www.w3.org/ns/dcat#startDate");
    pub const END_DATE: NamedNodeRef = iri("http://www.w3.org/ns/dcat#endDate");
}

pub mod dct {
    use super::iri;
    use oxrdf::NamedNodeRef;
    pub const TITLE: NamedNodeRef = iri("http://purl.org/dc/terms/title");
    pub const DESCRIPTION: NamedNodeRef = iri("http://purl.org/dc/terms/description");
    pub const PUBLISHER: NamedNodeRef = iri("http://purl.org/dc/terms/publisher");
    pub const MODIFIED: NamedNodeRef = iri("http://purl.org/dc/terms/modified");
    pub const LICENSE: NamedNodeRef = iri("http://purl.org/dc/terms/license");
    pub const LANGUAGE: NamedNodeRef = iri("http://purl.org/dc/terms/language");
    pub const SPATIAL: NamedNodeRef = iri("http://purl.org/dc/terms/spatial");
    pub const TEMPORAL: NamedNodeRef = iri("http://purl.org/dc/terms/temporal");
    pub const IDENTIFIER: NamedNodeRef = iri("http://purl.org/dc/terms/identifier");
    pub const FORMAT: NamedNodeRef = iri("http://purl.org/dc/terms/format");
    pub const CONFORMS_TO: NamedNodeRef = iri("http://purl.org/dc/terms/conformsTo");
    pub const TYPE: NamedNodeRef = iri("http://purl.org/dc/terms/type");
    pub const LOCATION: NamedNodeRef = iri("http://purl.org/dc/terms/Location");
    pub const PERIOD_OF_TIME: NamedNodeRef = iri("http://purl.org/dc/terms/PeriodOfTime");
    pub const LICENSE_DOCUMENT: NamedNodeRef = iri("http://purl.org/dc/terms/LicenseDocument");
    pub const LINGUISTIC_SYSTEM: NamedNodeRef = iri("http://purl.org/dc/terms/LinguisticSystem");
    pub const MEDIA_TYPE: NamedNodeRef = iri("http://purl.org/dc/terms/MediaType");
    pub const MEDIA_TYPE_OR_EXTENT: NamedNodeRef = iri("http://purl.org/dc/terms/MediaTypeOrExtent");
    pub const STANDARD: NamedNodeRef = iri("http://purl.org/dc/terms/Standard");
}

pub mod foaf {
    use super::iri;
    use oxrdf::NamedNodeRef;
    pub const AGENT: NamedNodeRef = iri("http://xmlns.com/foaf/0.1/Agent");
    pub const DOCUMENT: NamedNodeRef = iri("http://xmlns.com/foaf/0.1/Document");
    pub const NAME: NamedNodeRef = iri("http://xmlns.com/foaf/0.1/name");
    pub const HOMEPAGE: NamedNodeRef = iri("http://xmlns.com/foaf/0.1/homepage");
}

pub mod vcard {
    use super::iri;
    use oxrdf::NamedNodeRef;
    pub const KIND: NamedNodeRef = iri("http://www.w3.org/2006/vcard/ns#Kind");
    pub const ORGANIZATION: NamedNodeRef = iri("http://www.w3.org/2006/vcard/ns#Organization");
    pub const FN: NamedNodeRef = iri("http://www.w3.org/2006/vcard/ns#fn");
    pub const HAS_EMAIL: NamedNodeRef = iri("http://www.w3.org/2006/vcard/ns#hasEmail");
    pub const HAS_URL: NamedNodeRef = iri("http://www.w3.org/2006/vcard/ns#hasURL");
}

pub mod skos {
    use super::iri;
    use oxrdf::NamedNodeRef;
    pub const CONCEPT: NamedNodeRef = iri("http://www.w3.org/2004/02/skos/core#Concept");
    pub const CONCEPT_SCHEME: NamedNodeRef = iri("http://www.w3.org/2004/02/skos/core#ConceptScheme");
    pub const PREF_LABEL: NamedNodeRef = iri("http://www.w3.org/2004/02/skos/core#prefLabel");
    pub const DEFINITION: NamedNodeRef = iri("http://www.w3.org/2004/02/skos/core#definition");
    pub const IN_SCHEME: NamedNodeRef = iri("http://www.w3.org/2004/02/skos/core#inScheme");
}

/// The EU Publications Office's authority tables.
pub mod eu {
    /// The data-theme table: the themes data.europa.eu files datasets under.
    pub const DATA_THEMES: &str = "http://publications.europa.eu/resource/authority/data-theme";
    /// The NUTS regions, as the Publications Office names them.
    pub const NUTS: &str = "http://data.europa.eu/nuts/code/";
    pub const LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
    pub const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
    /// The publisher-type table (ADMS) a regional authority's node is filed under.
    pub const REGIONAL_AUTHORITY: &str = "http://purl.org/adms/publishertype/RegionalAuthority";
    pub const IANA_MEDIA_TYPES: &str = "http://www.iana.org/assignments/media-types/";
}

/// The EU data themes (codes of the data-theme table) an exchange theme files under: every
/// theme is technology; the others where they fit. Every dataset is also `REGI` (regions and
/// cities).
pub fn data_themes(theme: &str) -> &'static [&'static str] {
    match theme {
        "production-monitoring" => &["TECH", "ECON"],
        "predictive-maintenance" => &["TECH"],
        "vr-simulation" => &["TECH", "EDUC"],
        "smart-logistics" => &["TECH", "TRAN"],
        _ => &[],
    }
}

/// The English labels of the data themes used, as the table has them.
pub fn data_theme_label(code: &str) -> &'static str {
    match code {
        "TECH" => "Science and technology",
        "ECON" => "Economy and finance",
        "EDUC" => "Education, culture and sport",
        "TRAN" => "Transport",
        "REGI" => "Regions and cities",
        _ => "",
    }
}

/// The Publications Office's three-letter code of an ISO 639-1 language of the exchange.
pub fn language_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "it" => "ITA",
        "pl" => "POL",
        "fi" => "FIN",
        "en" => "ENG",
        "sl" => "SLV",
        "es" => "SPA",
        "ca" => "CAT",
        _ => return None,
    })
}
