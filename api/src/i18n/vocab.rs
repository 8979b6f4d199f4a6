//! The exchange's vocabularies in the reader's language: themes, regions, kinds, statuses,
//! intervention and instrument types. Codes stay as they are; only labels are translated.

use super::Lang;

impl Lang {
    /// A theme's label; the code itself when it is not one of the exchange's themes.
    pub fn theme(self, code: &str) -> String {
        self.known(&format!("theme-{code}")).unwrap_or_else(|| code.to_string())
    }

    /// A theme's one-line description.
    pub fn theme_description(self, code: &str) -> String {
        self.known(&format!("theme-{code}-description")).unwrap_or_default()
    }

    /// A partner region's name in this language; `configured` (the node's configuration's
    /// name) for a region the message files do not know.
    pub fn region(self, code: &str, configured: &str) -> String {
        self.known(&format!("region-{code}")).unwrap_or_else(|| configured.to_string())
    }

    /// A record kind's label (`case_study` → "Case study").
    pub fn kind(self, kind: &str) -> String {
        self.known(&format!("kind-{kind}")).unwrap_or_else(|| self.t("kind-other"))
    }

    /// A record status's label (`draft`).
    pub fn status(self, status: &str) -> String {
        self.known(&format!("status-{status}")).unwrap_or_else(|| status.to_string())
    }

    /// An intervention type's label (`direct` → "Direct intervention").
    pub fn intervention(self, code: &str) -> String {
        self.known(&format!("intervention-{code}")).unwrap_or_else(|| code.to_string())
    }

    /// A policy instrument type's label (`erdf-programme`).
    pub fn instrument_type(self, code: &str) -> String {
        self.known(&format!("instrument-{code}")).unwrap_or_else(|| code.to_string())
    }

    /// An action's monitoring status (`on-track`).
    pub fn action_status(self, code: &str) -> String {
        self.known(&format!("action-{code}")).unwrap_or_else(|| code.to_string())
    }

    /// A language's name in this language.
    pub fn language(self, code: &str) -> String {
        super::format::language_name(self, code)
    }

    /// Message `id` if the files define it (vocabulary ids are built from codes).
    pub fn known(self, id: &str) -> Option<String> {
        super::messages::lookup(self, id)
    }
}
