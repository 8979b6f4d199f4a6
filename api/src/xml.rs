//! Writing XML documents (the Atom feed, OAI-PMH): text that XML can carry, and elements
//! of text, with quick-xml's writer.

use quick_xml::Writer;
use quick_xml::events::BytesText;
use std::borrow::Cow;

/// What writing an element gives back.
pub type XmlResult = std::io::Result<()>;

/// `<name attributes…>value</name>`, the value escaped and made writable by [`xml_chars`].
pub fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str, attributes: &[(&str, &str)]) -> XmlResult {
    let value = xml_chars(value);
    w.create_element(name).with_attributes(attributes.iter().copied()).write_text_content(BytesText::new(&value))?;
    Ok(())
}

/// The text with the characters XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF),
/// which record text and search words may hold, replaced by U+FFFD: the writer escapes only
/// markup, and one such character would make the whole document ill-formed.
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    let allowed =
        |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect())
    }
}
