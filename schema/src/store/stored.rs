//! A record as the store holds it, and a record's new state as the store writes it: the one
//! mapping between records and their rows, for local writes and peers' changes alike.

use super::row::RecordRow;
use super::{StoreError, StoreResult};
use crate::content::{AnyContent, Private, RecordContent};
use crate::record::{Kind, Record, Status};
use crate::signing::Change;
use crate::timestamp;
use ed25519_dalek::SigningKey;
use serde_json::value::RawValue;

/// A record as the store holds it: the envelope, typed content, and what the store keeps
/// about it. As [`StoredText`], the content and personal data are the JSON text stored, not
/// parsed: what a read that serves the stored bytes as they are needs.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord<C = AnyContent, P = Private> {
    /// The record's id (UUIDv7).
    pub id: String,
    /// What the record is.
    pub kind: Kind,
    /// Code of the region whose node owns the record.
    pub origin: String,
    /// 1 on create, +1 on every change.
    pub version: i64,
    /// Where the record stands in its life.
    pub status: Status,
    /// When it was created at its origin (stored timestamp form).
    pub created_at: String,
    /// When it last changed at its origin (stored timestamp form).
    pub updated_at: String,
    /// The public content; `None` for a tombstone that keeps none (a deletion). A peer's
    /// withdrawal keeps the content it had when published, so citations of it stay readable.
    pub content: Option<C>,
    /// Personal data: never served publicly, never federated.
    pub private: Option<P>,
    /// A tombstone: deleted here, or (a peer's record) deleted, withdrawn or unpublished at
    /// its origin.
    pub deleted: bool,
    /// Whether the record was ever published: then peers receive its later changes too.
    pub published_ever: bool,
    /// This node's change sequence number of the record's latest write.
    pub seq: i64,
    /// When a peer's copy was last applied here; `None` for this node's own records.
    pub received_at: Option<String>,
    /// When the record last changed on this node, stamped inside the write's transaction
    /// (stored timestamp form): what harvests select by.
    pub changed_at: String,
}

/// A record as stored with its content and personal data as the JSON text stored.
pub type StoredText = StoredRecord<String, String>;

impl<C, P> StoredRecord<C, P> {
    /// Live and published: what anyone allowed to read the catalogue may see.
    pub fn is_public(&self) -> bool {
        !self.deleted && self.status == Status::Published
    }

    /// A withdrawal received from a peer: out of the catalogue, but it keeps the content it
    /// had when it was published, so citations of it stay readable.
    pub fn is_withdrawal_tombstone(&self, local_region: &str) -> bool {
        self.deleted && self.status == Status::Withdrawn && self.origin != local_region
    }

    /// The envelope and public content, as the catalogue serves it; `None` for a tombstone
    /// without content.
    pub fn into_public_record(self) -> Option<Record<C>> {
        Some(Record {
            content: self.content?,
            id: self.id,
            kind: self.kind,
            origin: self.origin,
            version: self.version,
            status: self.status,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }

    /// The same record, its content and personal data made into other forms by `f`.
    fn try_map<D, Q>(
        self,
        f: impl FnOnce(Option<C>, Option<P>) -> StoreResult<(Option<D>, Option<Q>)>,
    ) -> StoreResult<StoredRecord<D, Q>> {
        let (content, private) = f(self.content, self.private)?;
        Ok(StoredRecord {
            id: self.id,
            kind: self.kind,
            origin: self.origin,
            version: self.version,
            status: self.status,
            created_at: self.created_at,
            updated_at: self.updated_at,
            content,
            private,
            deleted: self.deleted,
            published_ever: self.published_ever,
            seq: self.seq,
            received_at: self.received_at,
            changed_at: self.changed_at,
        })
    }
}

impl StoredText {
    /// The envelope and public content as the catalogue serves them, as JSON, the content
    /// written on as stored (it was written from its typed form, or as its origin signed it):
    /// no parse into types and back. `None` for a tombstone without content.
    pub fn public_json(self) -> StoreResult<Option<Box<RawValue>>> {
        let id = self.id.clone();
        let corrupt = |e: String| StoreError::Corrupt(format!("record {id}: content: {e}"));
        let Some(record) = self.into_public_record() else { return Ok(None) };
        // Checked as a JSON object (a scan, not a parse into types): a row damaged outside
        // the node is an error, not a broken response.
        let record = record.try_map_content(|text| match RawValue::from_string(text) {
            Ok(raw) if raw.get().starts_with('{') => Ok(raw),
            Ok(_) => Err(corrupt("not an object".into())),
            Err(e) => Err(corrupt(e.to_string())),
        })?;
        serde_json::value::to_raw_value(&record).map(Some).map_err(|e| corrupt(e.to_string()))
    }

    /// The content and personal data parsed into their types.
    pub fn parse(self) -> StoreResult<StoredRecord> {
        let id = self.id.clone();
        let corrupt = |what: String| StoreError::Corrupt(format!("record {id}: {what}"));
        let kind = self.kind;
        self.try_map(|content, private| {
            let content = match content {
                None => None,
                Some(text) => Some(AnyContent::from_json(kind, &text).map_err(|e| corrupt(format!("content: {e}")))?),
            };
            let private = match private {
                None => None,
                // A stored contact that does not parse is a corrupt row, not a missing
                // contact: the next save would otherwise erase it.
                Some(p) => Some(serde_json::from_str(&p).map_err(|e| corrupt(format!("personal data: {e}")))?),
            };
            Ok((content, private))
        })
    }
}

impl StoredRecord {
    /// The record's title, or `""` for a tombstone without content.
    pub fn title(&self) -> &str {
        self.content.as_ref().map_or("", AnyContent::title)
    }

    /// The record as its kind's API serves it, personal data merged back in when
    /// `with_private` (for the origin's editors); `None` when it is not of kind `C` or keeps
    /// no content.
    pub fn into_record<C: RecordContent>(mut self, with_private: bool) -> Option<Record<C>> {
        let private = self.private.take().filter(|_| with_private);
        let record = self.into_public_record()?.try_map_content(|any| {
            let mut content = C::from_any(any).ok_or(())?;
            if let Some(private) = private {
                content.restore_private(private);
            }
            Ok::<_, ()>(content)
        });
        record.ok()
    }

    /// The content with its personal data merged back in: for the origin's editors only.
    pub fn content_for_editors(&self) -> Option<AnyContent> {
        let mut content = self.content.clone()?;
        if let Some(private) = self.private.clone() {
            content.restore_private(private);
        }
        Some(content)
    }
}

impl TryFrom<RecordRow> for StoredText {
    type Error = StoreError;

    fn try_from(row: RecordRow) -> StoreResult<StoredText> {
        let corrupt = |what: String| StoreError::Corrupt(format!("record {}: {what}", row.id));
        let kind = Kind::parse(&row.kind).ok_or_else(|| corrupt(format!("unknown kind {:?}", row.kind)))?;
        let status = Status::parse(&row.status).ok_or_else(|| corrupt(format!("unknown status {:?}", row.status)))?;
        let content = (!(row.deleted && row.content == EMPTY)).then_some(row.content);
        Ok(StoredRecord {
            id: row.id,
            kind,
            origin: row.origin,
            version: row.version,
            status,
            created_at: row.created_at,
            updated_at: row.updated_at,
            content,
            private: row.private,
            deleted: row.deleted,
            published_ever: row.published_ever,
            seq: row.seq,
            received_at: row.received_at,
            changed_at: row.changed_at,
        })
    }
}

impl TryFrom<RecordRow> for StoredRecord {
    type Error = StoreError;

    fn try_from(row: RecordRow) -> StoreResult<StoredRecord> {
        StoredText::try_from(row)?.parse()
    }
}

/// What a tombstone without content stores as its content.
const EMPTY: &str = "{}";

/// A record's new state as the store writes it: the change its origin signed, and what only
/// the origin keeps besides (a draft's content, personal data).
#[derive(Debug, Clone)]
pub struct Write {
    /// The change as its origin signed it: a tombstone for anything not live and published.
    pub change: Change,
    /// The content JSON stored: the signed content, or a draft's; `None` keeps none.
    content: Option<String>,
    /// Theme codes, for filtering.
    themes: Vec<crate::vocab::ThemeCode>,
    /// Personal data, stored apart.
    private: Option<Private>,
    /// A tombstone (the change is one for a draft too, but the draft stays live here).
    deleted: bool,
    /// Received from a peer (rather than written here).
    received: bool,
}

impl Write {
    /// A local write: the record's new state (a tombstone when `deleted`), its personal data
    /// taken apart, sealed with this node's key.
    pub fn local<C: RecordContent>(record: &Record<C>, deleted: bool, key: &SigningKey, kid: &str) -> Write {
        let mut public = record.clone();
        let private = public.content.take_private();
        let mut change = Change::of_record(&public, deleted);
        change.seal(key, kid);
        let content = (!deleted).then(|| serde_json::to_string(&public.content).expect("content serialises"));
        Write {
            change,
            content,
            themes: if deleted { Vec::new() } else { public.content.themes().to_vec() },
            private: if deleted { None } else { private },
            deleted,
            received: false,
        }
    }

    /// A peer's verified change, with its content as read and checked.
    pub fn received(change: Change, content: Option<&AnyContent>) -> Write {
        // The content is stored as the origin signed it, to be served on byte for byte.
        let text = change.record.content.as_ref().map(serde_json::Value::to_string);
        let themes = content.map(|c| c.themes().to_vec()).unwrap_or_default();
        let deleted = change.deleted;
        Write { change, content: text, themes, private: None, deleted, received: true }
    }

    /// The record's id.
    pub fn id(&self) -> &str {
        &self.change.record.id
    }

    /// The row for this write, at sequence number `seq`.
    pub(crate) fn row(&self, seq: i64, published_ever: bool) -> StoreResult<RecordRow> {
        let (c, r) = (&self.change, &self.change.record);
        let signature = c.seal.as_ref().map(|s| &s.signature);
        let signature = serde_json::to_string(&signature).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let private = self.private.as_ref().map(serde_json::to_string).transpose();
        Ok(RecordRow {
            id: r.id.clone(),
            kind: r.kind.as_str().into(),
            origin: r.origin.clone(),
            version: r.version,
            status: r.status.as_str().into(),
            created_at: r.created_at.clone(),
            updated_at: r.updated_at.clone(),
            content: self.content.clone().unwrap_or_else(|| EMPTY.into()),
            private: private.map_err(|e| StoreError::Corrupt(e.to_string()))?,
            themes: RecordRow::themes_column(&self.themes),
            seq,
            deleted: self.deleted,
            // Everything received was published at its origin: it is offered on to other
            // peers. A local record is once it is published.
            published_ever: published_ever || self.received || r.status == Status::Published,
            hash: Some(c.hash().to_string()),
            signature: Some(signature),
            received_at: self.received.then(timestamp::now),
            changed_at: timestamp::now(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CaseStudy;
    use crate::db::DatabaseUrl;
    use crate::store::Store;
    use diesel::RunQueryDsl;
    use utoipa::PartialSchema;

    fn store(dir: &tempfile::TempDir) -> Store {
        Store::open(&DatabaseUrl::Sqlite(dir.path().join("s.db")), 1).unwrap()
    }

    /// A draft case study of `leeds` with a contact, written as the API writes it.
    fn draft_with_contact() -> Record<CaseStudy> {
        let mut content: CaseStudy =
            serde_json::from_value(serde_json::to_value(CaseStudy::schema()).unwrap()["example"].clone()).unwrap();
        content.contact = Some(crate::content::Contact {
            name: crate::fields::Text::parse("Ruth Okafor").unwrap(),
            email: crate::fields::Email::parse("r@example.org").unwrap(),
        });
        let now = timestamp::now();
        Record {
            id: uuid::Uuid::now_v7().to_string(),
            kind: Kind::CaseStudy,
            origin: "leeds".into(),
            version: 1,
            status: Status::Draft,
            created_at: now.clone(),
            updated_at: now,
            content,
        }
    }

    #[test]
    fn personal_data_is_stored_apart_and_returned_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        let record = draft_with_contact();
        store.insert_record(&Write::local(&record, false, &SigningKey::from_bytes(&[7; 32]), "k")).unwrap();
        let stored = store.get_record(&record.origin, &record.id).unwrap().unwrap();
        assert!(!stored.deleted && !stored.published_ever && !stored.is_public());
        assert_eq!(stored.content.as_ref().map(AnyContent::title), Some(record.content.title.as_str()));
        let AnyContent::CaseStudy(public) = stored.content.clone().unwrap() else { panic!("a case study") };
        assert_eq!(public.contact, None, "the content column holds no contact");
        assert_eq!(stored.private.as_ref().and_then(|p| p.contact.clone()), record.content.contact);
        assert_eq!(stored.clone().into_record::<CaseStudy>(false).unwrap().content.contact, None);
        assert_eq!(stored.into_record::<CaseStudy>(true).unwrap(), record);
        // The feed offers nothing of a draft that was never published.
        assert!(store.changes_since(0, 10).unwrap().changes.is_empty());
    }

    #[test]
    fn the_stored_bytes_served_are_the_public_record_as_typed_and_hold_no_personal_data() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        let mut record = draft_with_contact();
        record.status = Status::Published;
        store.insert_record(&Write::local(&record, false, &SigningKey::from_bytes(&[7; 32]), "k")).unwrap();
        let text = store.get_record_text(&record.origin, &record.id).unwrap().unwrap();
        let served: serde_json::Value =
            serde_json::from_str(text.clone().public_json().unwrap().unwrap().get()).unwrap();
        let typed = store.get_record(&record.origin, &record.id).unwrap().unwrap().into_record::<CaseStudy>(false);
        assert_eq!(served, serde_json::to_value(typed.unwrap()).unwrap());
        assert!(served["content"].get("contact").is_none(), "{served}");
        assert_eq!(text.parse().unwrap().private.and_then(|p| p.contact), record.content.contact);
        // Not an object: an error, not a response.
        let mut c = store.conn().unwrap();
        diesel::sql_query("UPDATE records SET content = '[1]'").execute(&mut c).unwrap();
        drop(c);
        let text = store.get_record_text(&record.origin, &record.id).unwrap().unwrap();
        assert!(matches!(text.public_json(), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn a_corrupt_row_is_an_error_when_read_alone_and_logged_counted_and_skipped_in_bulk() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        let record = draft_with_contact();
        store.insert_record(&Write::local(&record, false, &SigningKey::from_bytes(&[7; 32]), "k")).unwrap();
        let mut c = store.conn().unwrap();
        diesel::sql_query("UPDATE records SET content = '{\"title\": 5}'").execute(&mut c).unwrap();
        drop(c);
        assert!(matches!(store.get_record(&record.origin, &record.id), Err(StoreError::Corrupt(_))));
        assert!(matches!(store.own_records("leeds"), Err(StoreError::Corrupt(_))), "a listing does not end early");
        let since = store.records_since(0, 10).unwrap();
        assert!(since.records.is_empty());
        assert_eq!(since.unreadable, vec![(record.origin.clone(), record.id.clone())]);
        assert_eq!(since.last_seq, Some(store.last_record_seq().unwrap()), "the reader moves past it");
        assert!(store.records_by_id(std::slice::from_ref(&record.id)).unwrap().is_empty());
        assert_eq!(store.corrupt_rows(), 2, "each bulk read that met it counted it");
    }

    #[test]
    fn records_keep_their_rows_through_the_move_to_origin_bound_identity() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        let mut record = draft_with_contact();
        record.status = Status::Published;
        let key = SigningKey::from_bytes(&[7; 32]);
        store.insert_record(&Write::local(&record, false, &key, "k")).unwrap();
        let before = store.get_record(&record.origin, &record.id).unwrap().unwrap();
        let state = store.origin_state("leeds").unwrap();
        // Back to the release that held one record per id (before the harvest's change time and
        // deletions too), then up again.
        let mut c = store.conn().unwrap();
        for _ in ["changed_at", "harvest_deletions", "origin_identity"] {
            crate::db::revert_last_migration(&mut c).unwrap();
        }
        crate::db::run_migrations(&mut c).unwrap();
        drop(c);
        // A row from before the change time has its last change there: its update.
        let mut before = before;
        before.changed_at = before.updated_at.clone();
        assert_eq!(store.get_record(&record.origin, &record.id).unwrap(), Some(before.clone()), "row unchanged");
        assert_eq!(store.recomputed_origin_states().unwrap(), vec![state.clone()], "its origin's set unchanged");
        // Another origin's record of the same id is held beside it.
        let mut other = record.clone();
        other.origin = "mazovia".into();
        store.insert_record(&Write::local(&other, false, &key, "k")).unwrap();
        assert_eq!(store.records_with_id(&record.id).unwrap().len(), 2);
        assert_eq!(store.get_record("leeds", &record.id).unwrap(), Some(before));
    }
}
