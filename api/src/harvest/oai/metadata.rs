//! The metadata formats: Dublin Core (`oai_dc`), which every harvester reads, and
//! `smarty_json`, the record itself as the catalogue serves it, for harvesters that want
//! every field.

use crate::i18n::Lang;
use crate::xml::{XmlResult, text};
use quick_xml::Writer;
use quick_xml::events::BytesText;
use smarty_schema::content::{AnyContent, Cited};
use smarty_schema::store::StoredRecord;

pub const OAI_DC: &str = "oai_dc";
pub const SMARTY_JSON: &str = "smarty_json";
pub const OAI_DC_NS: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
const OAI_DC_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The namespace of `smarty_json`'s one element; its schema is served at
/// `/oai/smarty_json.xsd`.
pub const SMARTY_JSON_NS: &str = "urn:smarty-exchange:oai:record-json:1";
pub const SMARTY_JSON_SCHEMA_PATH: &str = "/oai/smarty_json.xsd";

/// A metadata format: its prefix, schema and namespace.
pub struct Format {
    pub prefix: &'static str,
    pub schema: String,
    pub namespace: &'static str,
}

/// Every format, each available for every live record.
pub fn formats(base: &str) -> [Format; 2] {
    [
        Format { prefix: OAI_DC, schema: OAI_DC_SCHEMA.into(), namespace: OAI_DC_NS },
        Format { prefix: SMARTY_JSON, schema: format!("{base}{SMARTY_JSON_SCHEMA_PATH}"), namespace: SMARTY_JSON_NS },
    ]
}

/// Whether `prefix` names a format of this repository.
pub fn known(prefix: &str) -> bool {
    prefix == OAI_DC || prefix == SMARTY_JSON
}

/// What a record's metadata needs from the node.
pub struct Context<'a> {
    pub base: &'a str,
    pub config: &'a crate::config::Config,
}

impl Context<'_> {
    /// A region's name in English.
    fn region_name(&self, code: &str) -> String {
        Lang::En.region(code, &self.config.region_name(code))
    }
}

/// The record's metadata in `prefix`'s format; only for a live, public record.
pub fn write(w: &mut Writer<Vec<u8>>, prefix: &str, record: &StoredRecord, cx: &Context) -> XmlResult {
    let Some(content) = &record.content else { return Ok(()) };
    if prefix == SMARTY_JSON {
        return json(w, record, cx);
    }
    let schema_location = format!("{OAI_DC_NS} {OAI_DC_SCHEMA}");
    w.create_element("oai_dc:dc")
        .with_attributes([
            ("xmlns:oai_dc", OAI_DC_NS),
            ("xmlns:dc", DC_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", schema_location.as_str()),
        ])
        .write_inner_content(|w| dublin_core(w, record, content, cx))?;
    Ok(())
}

/// Dublin Core's fifteen elements, those a record fills: titles and descriptions in the
/// record's language and in English, themes (and keywords) as subjects, the territory's NUTS
/// code and the region as coverage, the kind as type, the page as identifier, and the
/// records it relates to.
fn dublin_core(w: &mut Writer<Vec<u8>>, r: &StoredRecord, c: &AnyContent, cx: &Context) -> XmlResult {
    let own = c.language().as_str();
    let in_own = [("xml:lang", own)];
    let in_english = [("xml:lang", "en")];
    let english = c.translation("en").filter(|_| own != "en");
    text(w, "dc:title", c.title(), &in_own)?;
    if let Some(t) = english {
        text(w, "dc:title", &t.title, &in_english)?;
    }
    let region = cx.region_name(&r.origin);
    text(w, "dc:publisher", &region, &in_english)?;
    let reader = Lang::parse(own);
    for theme in c.themes() {
        text(w, "dc:subject", &Lang::En.theme(theme.as_str()), &in_english)?;
        if let Some(l) = reader.filter(|l| *l != Lang::En) {
            text(w, "dc:subject", &l.theme(theme.as_str()), &in_own)?;
        }
    }
    if let AnyContent::CaseStudy(cs) = c {
        for keyword in &cs.keywords {
            text(w, "dc:subject", keyword, &in_own)?;
        }
    }
    text(w, "dc:description", c.summary(), &in_own)?;
    if let Some(t) = english {
        text(w, "dc:description", &t.summary, &in_english)?;
    }
    if let Some(description) = c.description() {
        text(w, "dc:description", description, &in_own)?;
    }
    // The day of the record's version, as its origin dates it.
    text(w, "dc:date", &smarty_schema::timestamp::seconds(&r.updated_at)[..10], &[])?;
    text(w, "dc:type", &Lang::En.kind(r.kind.as_str()), &in_english)?;
    text(w, "dc:identifier", &page(cx.base, &r.origin, &r.id), &[])?;
    text(w, "dc:language", own, &[])?;
    if let Some(nuts) = c.nuts() {
        text(w, "dc:coverage", nuts.as_str(), &[])?;
    }
    text(w, "dc:coverage", &region, &in_english)?;
    for related in relations(cx.base, r, c) {
        text(w, "dc:relation", &related, &[])?;
    }
    Ok(())
}

/// The pages of the records `c` refers to: the policy instruments it relates to (its own
/// region's), and the practices an action plan's actions were inspired by.
fn relations(base: &str, r: &StoredRecord, c: &AnyContent) -> Vec<String> {
    let mut out: Vec<String> = c.instruments().into_iter().map(|id| page(base, &r.origin, id)).collect();
    if let AnyContent::ActionPlan(plan) = c {
        for cited in plan.actions.iter().flat_map(|a| a.inspired_by.iter()) {
            out.push(match cited {
                Cited::Record(rec) => page(base, rec.origin.as_str(), rec.id.as_str()),
                Cited::Id(id) => format!("{base}/records/{}", id.as_str()),
            });
        }
    }
    out.dedup();
    out
}

fn page(base: &str, origin: &str, id: &str) -> String {
    format!("{base}{}", crate::ui::record_path(origin, id))
}

/// `<record xmlns="urn:smarty-exchange:oai:record-json:1">{…}</record>`: the record's
/// JSON as `GET /api/v1/catalogue/records/{id}` serves it, as text.
fn json(w: &mut Writer<Vec<u8>>, r: &StoredRecord, cx: &Context) -> XmlResult {
    let Some(record) = r.clone().into_public_record() else { return Ok(()) };
    let origin_name = cx.config.region_name(&r.origin);
    let served = crate::catalogue::record::CatalogueRecord { record, origin_name };
    let body = serde_json::to_string(&served).map_err(std::io::Error::other)?;
    let schema_location = format!("{SMARTY_JSON_NS} {}{SMARTY_JSON_SCHEMA_PATH}", cx.base);
    w.create_element("record")
        .with_attributes([
            ("xmlns", SMARTY_JSON_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", schema_location.as_str()),
            ("type", "application/json"),
        ])
        .write_text_content(BytesText::new(&crate::xml::xml_chars(&body)))?;
    Ok(())
}

/// The XML schema of `smarty_json`: one element holding the record's JSON as text.
pub const SMARTY_JSON_XSD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="urn:smarty-exchange:oai:record-json:1"
           xmlns="urn:smarty-exchange:oai:record-json:1"
           elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:annotation>
    <xs:documentation>A Smarty Exchange record as the node's catalogue serves it
      (GET /api/v1/catalogue/records/{id}): JSON text, whose schema is the Record schema of
      the node's OpenAPI document (/openapi.json).</xs:documentation>
  </xs:annotation>
  <xs:element name="record">
    <xs:complexType>
      <xs:simpleContent>
        <xs:extension base="xs:string">
          <xs:attribute name="type" type="xs:string" fixed="application/json"/>
        </xs:extension>
      </xs:simpleContent>
    </xs:complexType>
  </xs:element>
</xs:schema>
"#;
