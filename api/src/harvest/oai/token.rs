//! Resumption tokens that never expire: a token holds the list's whole selection and the
//! sequence position it reached, not a reference to state kept on the node, so a harvest
//! resumes days later, after a restart, or on another replica. Records that change while a
//! harvest runs move to the end of the sequence, where the harvest meets them again.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// A list's selection and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Token {
    /// The metadata format.
    #[serde(rename = "m")]
    pub prefix: String,
    /// The set, as asked for.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    /// Changed here at or after (stored timestamp form).
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Changed here at or before (stored timestamp form).
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The sequence position of the last record served.
    #[serde(rename = "a")]
    pub after: i64,
    /// Records served before this page, as OAI-PMH's `cursor` counts them.
    #[serde(rename = "c")]
    pub cursor: i64,
}

impl Token {
    /// The token as a harvester carries it (base64url letters only, safe in a URL).
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("a token serialises"))
    }

    /// A token this node issued; `None` for anything else.
    pub fn decode(text: &str) -> Option<Token> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        let token: Token = serde_json::from_slice(&bytes).ok()?;
        (token.after >= 0 && token.cursor >= 0).then_some(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_back_as_issued_and_nothing_else_reads_as_one() {
        let token = Token {
            prefix: "oai_dc".into(),
            set: Some("theme:smart-logistics".into()),
            from: Some("2026-12-01T00:00:00.000000Z".into()),
            until: None,
            after: 1234,
            cursor: 100,
        };
        let text = token.encode();
        assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{text}");
        assert_eq!(Token::decode(&text), Some(token));
        assert_eq!(Token::decode("not a token"), None);
        assert_eq!(Token::decode(&URL_SAFE_NO_PAD.encode(br#"{"m":"oai_dc","a":-1,"c":0}"#)), None);
        assert_eq!(Token::decode(&URL_SAFE_NO_PAD.encode(br#"{"m":"oai_dc","a":1,"c":0,"x":1}"#)), None);
    }
}
