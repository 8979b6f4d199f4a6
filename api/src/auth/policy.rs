//! One read policy: who may see which record in which state. Every API route and every page
//! that shows a record, a reference to one or a part of one asks it here.

use super::extract::Caller;
use crate::state::AppState;
use smarty_schema::Status;
use smarty_schema::store::Role;
use smarty_schema::store::StoredRecord;

/// Who is reading, as far as reading goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Viewer {
    Anonymous,
    /// A reader token (or better) on the API.
    Reader,
    /// An editor of this node: also sees this region's drafts and contact details.
    Editor,
}

impl Caller {
    /// The caller as a reader of records: an editor (or admin) token reads as an editor.
    pub fn viewer(&self) -> Viewer {
        match self.role {
            None => Viewer::Anonymous,
            Some(Role::Reader) => Viewer::Reader,
            Some(Role::Editor | Role::Admin) => Viewer::Editor,
        }
    }
}

/// May this viewer read the catalogue at all (published records, the regions, transfers)?
pub fn may_browse(state: &AppState, viewer: Viewer) -> bool {
    state.config.public_read || viewer >= Viewer::Reader
}

/// May this viewer see this record, in its current state?
pub fn may_see<C, P>(state: &AppState, viewer: Viewer, row: &StoredRecord<C, P>) -> bool {
    if row.is_public() {
        return may_browse(state, viewer);
    }
    !row.deleted && row.origin == state.config.region && viewer == Viewer::Editor
}

/// The statuses of this node's own records the viewer may list: every status for its
/// editors, the published ones for everyone else.
pub fn listed_statuses(viewer: Viewer) -> &'static [Status] {
    if viewer == Viewer::Editor { &[Status::Draft, Status::Published, Status::Withdrawn] } else { &[Status::Published] }
}

/// May this viewer see the record's personal data (its contact)? Only this region's editors,
/// of this region's records: personal data never leaves the node that holds it.
pub fn sees_private<C, P>(state: &AppState, viewer: Viewer, row: &StoredRecord<C, P>) -> bool {
    may_edit(state, viewer, row) && may_see(state, viewer, row)
}

/// May this viewer change the record? This region's editors, of this region's records.
pub fn may_edit<C, P>(state: &AppState, viewer: Viewer, row: &StoredRecord<C, P>) -> bool {
    viewer == Viewer::Editor && row.origin == state.config.region
}

// What the shared catalogue serves (search hits, snippets, exports, catalogue records,
// citations' titles) is `StoredRecord::is_public`, whoever asks: the engine in `search/`
// filters with it directly, below this module.
