//! The response document (section 3.2): `OAI-PMH`, namespaced and schema-located, with the
//! response date, the request echoed, and the answer or the error.

use super::error::OaiError;
use super::metadata::{self, Context, Format, XSI_NS};
use super::request::Arguments;
use super::sets::{self, Set};
use crate::state::AppState;
use crate::xml::{XmlResult, text};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};
use smarty_schema::store::StoredRecord;
use smarty_schema::timestamp::seconds;

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";
const OAI_SCHEMA_LOCATION: &str =
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";

/// An item: a record as the repository offers it.
pub struct Item(pub StoredRecord);

/// Where a list stands, at the end of one of its pages.
pub struct Resumption {
    /// The next page's token; `None` on the last page.
    pub token: Option<String>,
    pub complete_list_size: i64,
    pub cursor: i64,
}

/// What a request answers.
pub enum Answer {
    Identify {
        earliest: Option<String>,
    },
    Formats([Format; 2]),
    Sets(Vec<Set>),
    Record {
        prefix: String,
        item: Box<Item>,
    },
    /// `ListRecords` (`records`) or `ListIdentifiers`.
    List {
        records: bool,
        prefix: String,
        items: Vec<Item>,
        resumption: Option<Resumption>,
    },
}

/// The whole response to a request with these arguments (`None` when they are in question:
/// a bad verb or argument), answered or refused.
pub fn document(
    state: &AppState,
    base: &str,
    args: Option<&[(String, String)]>,
    outcome: Result<Answer, OaiError>,
) -> std::io::Result<Vec<u8>> {
    let args: &Arguments = &match (&outcome, args) {
        (Err(e), _) if !e.echoes_arguments() => Vec::new(),
        (_, Some(args)) => args.to_vec(),
        (_, None) => Vec::new(),
    };
    let cx = Context { base, config: &state.config };
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("OAI-PMH")
        .with_attributes([("xmlns", OAI_NS), ("xmlns:xsi", XSI_NS), ("xsi:schemaLocation", OAI_SCHEMA_LOCATION)])
        .write_inner_content(|w| {
            text(w, "responseDate", &seconds(&smarty_schema::timestamp::now()), &[])?;
            // The values as given, with what XML cannot carry replaced (quick-xml escapes markup
            // only).
            let values: Vec<(&str, std::borrow::Cow<'_, str>)> =
                args.iter().map(|(k, v)| (k.as_str(), crate::xml::xml_chars(v))).collect();
            let attributes: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_ref())).collect();
            text(w, "request", &format!("{base}/oai"), &attributes)?;
            match &outcome {
                Ok(answer) => write_answer(w, state, base, answer, &cx),
                Err(e) => text(w, "error", &e.message, &[("code", e.code.as_str())]),
            }
        })?;
    Ok(w.into_inner())
}

fn write_answer(w: &mut Writer<Vec<u8>>, state: &AppState, base: &str, answer: &Answer, cx: &Context) -> XmlResult {
    match answer {
        Answer::Identify { earliest } => {
            w.create_element("Identify").write_inner_content(|w| {
                let node = crate::i18n::Lang::En.region(&state.config.region, &state.config.region_info().name);
                text(w, "repositoryName", &format!("Smarty Exchange: the catalogue of the {node} node"), &[])?;
                text(w, "baseURL", &format!("{base}/oai"), &[])?;
                text(w, "protocolVersion", "2.0", &[])?;
                text(w, "adminEmail", &state.config.contact_email(), &[])?;
                let now = smarty_schema::timestamp::now();
                text(w, "earliestDatestamp", &seconds(earliest.as_deref().unwrap_or(&now)), &[])?;
                text(w, "deletedRecord", "persistent", &[])?;
                text(w, "granularity", "YYYY-MM-DDThh:mm:ssZ", &[])
            })?;
        }
        Answer::Formats(formats) => {
            w.create_element("ListMetadataFormats").write_inner_content(|w| {
                for f in formats {
                    w.create_element("metadataFormat").write_inner_content(|w| {
                        text(w, "metadataPrefix", f.prefix, &[])?;
                        text(w, "schema", &f.schema, &[])?;
                        text(w, "metadataNamespace", f.namespace, &[])
                    })?;
                }
                Ok(())
            })?;
        }
        Answer::Sets(sets) => {
            w.create_element("ListSets").write_inner_content(|w| {
                for s in sets {
                    w.create_element("set").write_inner_content(|w| {
                        text(w, "setSpec", &s.spec, &[])?;
                        text(w, "setName", &s.name, &[])
                    })?;
                }
                Ok(())
            })?;
        }
        Answer::Record { prefix, item } => {
            w.create_element("GetRecord").write_inner_content(|w| record(w, prefix, item, cx))?;
        }
        Answer::List { records, prefix, items, resumption } => {
            let verb = if *records { "ListRecords" } else { "ListIdentifiers" };
            w.create_element(verb).write_inner_content(|w| {
                for item in items {
                    if *records { record(w, prefix, item, cx)? } else { header(w, item)? }
                }
                if let Some(r) = resumption {
                    let size = r.complete_list_size.to_string();
                    let cursor = r.cursor.to_string();
                    let attributes = [("completeListSize", size.as_str()), ("cursor", cursor.as_str())];
                    text(w, "resumptionToken", r.token.as_deref().unwrap_or(""), &attributes)?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// `<record>`: the header, and the metadata of a live item (a deleted one has none).
fn record(w: &mut Writer<Vec<u8>>, prefix: &str, item: &Item, cx: &Context) -> XmlResult {
    w.create_element("record").write_inner_content(|w| {
        header(w, item)?;
        if item.0.is_public() {
            w.create_element("metadata").write_inner_content(|w| metadata::write(w, prefix, &item.0, cx))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `<header>`: identifier, datestamp, sets, and `status="deleted"` for an item no longer
/// published (deleted, withdrawn or back in draft: none of its content is said).
fn header(w: &mut Writer<Vec<u8>>, item: &Item) -> XmlResult {
    let r = &item.0;
    let mut element = w.create_element("header");
    if !r.is_public() {
        element = element.with_attribute(("status", "deleted"));
    }
    element.write_inner_content(|w| {
        text(w, "identifier", &format!("{}{}/{}", super::IDENTIFIER_PREFIX, r.origin, r.id), &[])?;
        text(w, "datestamp", &seconds(r.changed_here()), &[])?;
        for spec in sets::of(r) {
            text(w, "setSpec", &spec, &[])?;
        }
        Ok(())
    })?;
    Ok(())
}
