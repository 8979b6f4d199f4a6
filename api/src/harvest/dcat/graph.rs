//! The catalogue as an RDF graph in DCAT-AP 3.0: the node's `dcat:Catalog`, one
//! `dcat:Dataset` per region whose records it holds, each with its distributions (the CSV
//! export, the JSON API, the Atom feed, the OAI-PMH set) and the two data services behind
//! them (the API, described by its OpenAPI document, and OAI-PMH).

use super::vocab::{self, dcat, dct, eu, foaf, skos, vcard};
use crate::i18n::Lang;
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{IriParseError, Literal, NamedNode, NamedNodeRef, Term, Triple};

/// What the node holds of one region: what its dataset says.
pub struct Holding {
    /// The region's code.
    pub region: String,
    /// The region's name as configured (English).
    pub name: String,
    /// Its NUTS code.
    pub nuts: String,
    /// Exchange themes its records have.
    pub themes: Vec<String>,
    /// The first and last year its initiatives started, if any says.
    pub years: Option<(u64, u64)>,
    /// When a record of it last changed on this node (stored timestamp form).
    pub modified: Option<String>,
}

/// What the catalogue says about the node.
pub struct Node<'a> {
    /// The node's address, without a trailing slash.
    pub base: &'a str,
    /// The node's region's code and name.
    pub region: &'a str,
    pub region_name: &'a str,
    pub contact_email: &'a str,
    pub licence: &'a str,
    /// The regions whose records the node holds, the node's own first.
    pub holdings: &'a [Holding],
}

/// The catalogue's triples, in the order they are written.
pub fn build(node: &Node) -> Result<Vec<Triple>, IriParseError> {
    let mut g = Graph { triples: Vec::new(), catalog: format!("{}/dcat/catalog", node.base) };
    let catalog = iri(&g.catalog)?;
    let (api, oai) = (g.local("api")?, g.local("oai")?);
    let contact = g.local("contact")?;
    let licence = iri(node.licence)?;
    let own_publisher = g.local(&format!("publisher-{}", node.region))?;
    let exchange_themes = iri(&format!("{}/dcat/themes", node.base))?;
    let data_themes = iri(eu::DATA_THEMES)?;

    g.a(&catalog, dcat::CATALOG);
    for lang in Lang::ALL {
        let name = lang.region(node.region, node.region_name);
        g.text(&catalog, dct::TITLE, &lang.with("dcat-catalog-title", "node", &name), lang.code());
        g.text(&catalog, dct::DESCRIPTION, &lang.t("dcat-catalog-description"), lang.code());
        let language = iri(&format!("{}{}", eu::LANGUAGE, vocab::language_code(lang.code()).unwrap_or("ENG")))?;
        g.link(&catalog, dct::LANGUAGE, &language);
        g.a(&language, dct::LINGUISTIC_SYSTEM);
    }
    g.link(&catalog, dct::PUBLISHER, &own_publisher);
    let home = iri(&format!("{}/", node.base))?;
    g.link(&catalog, foaf::HOMEPAGE, &home);
    g.a(&home, foaf::DOCUMENT);
    g.link(&catalog, dct::LICENSE, &licence);
    g.a(&licence, dct::LICENSE_DOCUMENT);
    if let Some(modified) = node.holdings.iter().filter_map(|h| h.modified.as_deref()).max() {
        g.typed(&catalog, dct::MODIFIED, modified, xsd::DATE_TIME);
    }
    g.link(&catalog, dcat::THEME_TAXONOMY, &data_themes);
    g.link(&catalog, dcat::THEME_TAXONOMY, &exchange_themes);
    g.link(&catalog, dcat::SERVICE, &api);
    g.link(&catalog, dcat::SERVICE, &oai);

    // The theme taxonomies: the EU data themes used, and the exchange's own four themes.
    g.a(&data_themes, skos::CONCEPT_SCHEME);
    g.text(&data_themes, dct::TITLE, "Data theme", "en");
    g.a(&exchange_themes, skos::CONCEPT_SCHEME);
    g.text(&exchange_themes, dct::TITLE, "SMARTY exchange themes", "en");
    for theme in smarty_schema::vocab::ThemeCode::ALL {
        let concept = iri(&format!("{}/dcat/themes#{}", node.base, theme.as_str()))?;
        g.a(&concept, skos::CONCEPT);
        g.link(&concept, skos::IN_SCHEME, &exchange_themes);
        for lang in Lang::ALL {
            g.text(&concept, skos::PREF_LABEL, &lang.theme(theme.as_str()), lang.code());
        }
        g.text(&concept, skos::DEFINITION, &Lang::En.theme_description(theme.as_str()), "en");
    }
    let mut used: Vec<&str> = vec!["REGI"];
    for h in node.holdings {
        for code in h.themes.iter().flat_map(|t| vocab::data_themes(t)) {
            if !used.contains(code) {
                used.push(code);
            }
        }
    }
    for code in &used {
        let concept = iri(&format!("{}/{code}", eu::DATA_THEMES))?;
        g.a(&concept, skos::CONCEPT);
        g.link(&concept, skos::IN_SCHEME, &data_themes);
        g.text(&concept, skos::PREF_LABEL, vocab::data_theme_label(code), "en");
    }

    g.a(&contact, vcard::KIND);
    g.a(&contact, vcard::ORGANIZATION);
    let node_name = format!("Smarty Exchange node of {}", node.region_name);
    g.text(&contact, vcard::FN, &node_name, "en");
    let mail = iri(&format!("mailto:{}", node.contact_email))?;
    g.link(&contact, vcard::HAS_EMAIL, &mail);
    g.link(&contact, vcard::HAS_URL, &home);

    // The services every distribution but the file goes through.
    let openapi_standard = iri("https://spec.openapis.org/oas/v3.1.0")?;
    let oai_standard = iri("http://www.openarchives.org/OAI/2.0/")?;
    for (service, title, endpoint, standard) in [
        (&api, "Smarty Exchange node API (REST, JSON)", format!("{}/api/v1", node.base), &openapi_standard),
        (&oai, "OAI-PMH 2.0 repository", format!("{}/oai", node.base), &oai_standard),
    ] {
        g.a(service, dcat::DATA_SERVICE);
        g.text(service, dct::TITLE, title, "en");
        let endpoint = iri(&endpoint)?;
        g.link(service, dcat::ENDPOINT_URL, &endpoint);
        g.a(&endpoint, rdfs::RESOURCE);
        g.link(service, dct::CONFORMS_TO, standard);
        g.link(service, dct::PUBLISHER, &own_publisher);
        g.link(service, dcat::CONTACT_POINT, &contact);
        g.link(service, dct::LICENSE, &licence);
    }
    let description = iri(&format!("{}/openapi.json", node.base))?;
    g.link(&api, dcat::ENDPOINT_DESCRIPTION, &description);
    g.a(&description, rdfs::RESOURCE);
    g.a(&openapi_standard, dct::STANDARD);
    g.a(&oai_standard, dct::STANDARD);

    for h in node.holdings {
        let dataset = g.local(&format!("dataset-{}", h.region))?;
        g.link(&catalog, dcat::DATASET_PROP, &dataset);
        g.link(&api, dcat::SERVES_DATASET, &dataset);
        g.link(&oai, dcat::SERVES_DATASET, &dataset);
        g.dataset(node, h, &dataset, &contact, &licence, [&api, &oai])?;
    }
    // A term shared by several resources (a media type, the publisher type) is typed once,
    // and each resource's triples are written together, resources in the order they came.
    let mut seen = std::collections::HashSet::new();
    g.triples.retain(|t| seen.insert(t.clone()));
    let mut first: std::collections::HashMap<oxrdf::NamedOrBlankNode, usize> = std::collections::HashMap::new();
    for (n, t) in g.triples.iter().enumerate() {
        first.entry(t.subject.clone()).or_insert(n);
    }
    g.triples.sort_by_key(|t| first[&t.subject]);
    Ok(g.triples)
}

fn iri(text: &str) -> Result<NamedNode, IriParseError> {
    NamedNode::new(text)
}

struct Graph {
    triples: Vec<Triple>,
    /// The catalogue's IRI: the other resources are fragments of it.
    catalog: String,
}

impl Graph {
    /// A resource described by the catalogue: `…/dcat/catalog#name`.
    fn local(&self, name: &str) -> Result<NamedNode, IriParseError> {
        NamedNode::new(format!("{}#{name}", self.catalog))
    }

    fn add(&mut self, s: &NamedNode, p: NamedNodeRef, o: impl Into<Term>) {
        self.triples.push(Triple::new(s.clone(), p, o));
    }

    fn a(&mut self, s: &NamedNode, class: NamedNodeRef) {
        self.add(s, rdf::TYPE, class.into_owned());
    }

    fn link(&mut self, s: &NamedNode, p: NamedNodeRef, o: &NamedNode) {
        self.add(s, p, o.clone());
    }

    fn text(&mut self, s: &NamedNode, p: NamedNodeRef, text: &str, lang: &str) {
        self.add(s, p, Literal::new_language_tagged_literal_unchecked(text, lang));
    }

    fn typed(&mut self, s: &NamedNode, p: NamedNodeRef, value: &str, datatype: NamedNodeRef) {
        self.add(s, p, Literal::new_typed_literal(value, datatype));
    }

    fn dataset(
        &mut self,
        node: &Node,
        h: &Holding,
        dataset: &NamedNode,
        contact: &NamedNode,
        licence: &NamedNode,
        [api, oai]: [&NamedNode; 2],
    ) -> Result<(), IriParseError> {
        let base = node.base;
        self.a(dataset, dcat::DATASET);
        for lang in Lang::ALL {
            let name = lang.region(&h.region, &h.name);
            self.text(dataset, dct::TITLE, &lang.with("dcat-dataset-title", "region", &name), lang.code());
            self.text(dataset, dct::DESCRIPTION, &lang.with("dcat-dataset-description", "region", &name), lang.code());
        }
        self.add(dataset, dct::IDENTIFIER, Literal::new_simple_literal(format!("smarty:{}", h.region)));
        let publisher = self.local(&format!("publisher-{}", h.region))?;
        self.link(dataset, dct::PUBLISHER, &publisher);
        self.a(&publisher, foaf::AGENT);
        self.text(&publisher, foaf::NAME, &h.name, "en");
        let authority = iri(eu::REGIONAL_AUTHORITY)?;
        self.link(&publisher, dct::TYPE, &authority);
        self.a(&authority, skos::CONCEPT);
        self.text(&authority, skos::PREF_LABEL, "Regional authority", "en");
        self.link(dataset, dcat::CONTACT_POINT, contact);
        let spatial = iri(&format!("{}{}", eu::NUTS, h.nuts))?;
        self.link(dataset, dct::SPATIAL, &spatial);
        self.a(&spatial, dct::LOCATION);
        if let Some(modified) = &h.modified {
            self.typed(dataset, dct::MODIFIED, modified, xsd::DATE_TIME);
        }
        if let Some((first, last)) = h.years {
            let period = self.local(&format!("period-{}", h.region))?;
            self.link(dataset, dct::TEMPORAL, &period);
            self.a(&period, dct::PERIOD_OF_TIME);
            self.typed(&period, dcat::START_DATE, &format!("{first:04}-01-01"), xsd::DATE);
            self.typed(&period, dcat::END_DATE, &format!("{last:04}-12-31"), xsd::DATE);
        }
        let mut themes: Vec<&str> = vec!["REGI"];
        for t in &h.themes {
            let concept = iri(&format!("{base}/dcat/themes#{t}"))?;
            self.link(dataset, dcat::THEME, &concept);
            themes.extend(vocab::data_themes(t).iter().filter(|c| !themes.contains(c)).collect::<Vec<_>>());
        }
        for code in themes {
            let concept = iri(&format!("{}/{code}", eu::DATA_THEMES))?;
            self.link(dataset, dcat::THEME, &concept);
        }
        self.text(dataset, dcat::KEYWORD, "Industry 4.0", "en");
        self.text(dataset, dcat::KEYWORD, "good practice", "en");
        let landing = iri(&format!("{base}/?origin={}", h.region))?;
        self.link(dataset, dcat::LANDING_PAGE, &landing);
        self.a(&landing, foaf::DOCUMENT);

        let r = &h.region;
        for (name, title, access, media, file_type, service) in [
            (
                "csv",
                "CSV export",
                format!("{base}/api/v1/catalogue/export?format=csv&origin={r}"),
                "text/csv",
                Some("CSV"),
                None,
            ),
            (
                "json",
                "JSON API (catalogue search)",
                format!("{base}/api/v1/catalogue/search?origin={r}"),
                "application/json",
                Some("JSON"),
                Some(api),
            ),
            (
                "atom",
                "Atom feed of the newest records",
                format!("{base}/api/v1/catalogue/feed.atom?origin={r}"),
                "application/atom+xml",
                None,
                None,
            ),
            (
                "oai",
                "OAI-PMH set (Dublin Core)",
                format!("{base}/oai?verb=ListRecords&metadataPrefix=oai_dc&set=region:{r}"),
                "text/xml",
                None,
                Some(oai),
            ),
        ] {
            let distribution = self.local(&format!("{name}-{r}"))?;
            self.link(dataset, dcat::DISTRIBUTION_PROP, &distribution);
            self.a(&distribution, dcat::DISTRIBUTION);
            self.text(&distribution, dct::TITLE, title, "en");
            let access = iri(&access)?;
            self.link(&distribution, dcat::ACCESS_URL, &access);
            // The shapes check the class of an address without inference: it is said.
            self.a(&access, rdfs::RESOURCE);
            if name == "csv" {
                self.link(&distribution, dcat::DOWNLOAD_URL, &access);
            }
            let media = iri(&format!("{}{media}", eu::IANA_MEDIA_TYPES))?;
            self.link(&distribution, dcat::MEDIA_TYPE, &media);
            self.a(&media, dct::MEDIA_TYPE);
            if let Some(code) = file_type {
                let format = iri(&format!("{}{code}", eu::FILE_TYPE))?;
                self.link(&distribution, dct::FORMAT, &format);
                self.a(&format, dct::MEDIA_TYPE_OR_EXTENT);
            }
            if let Some(service) = service {
                self.link(&distribution, dcat::ACCESS_SERVICE, service);
            }
            self.link(&distribution, dct::LICENSE, licence);
        }
        Ok(())
    }
}
