//! One read policy: who may see which record in which state. Every API route and every page
//! that shows a record, a reference to one or a part of one asks it here.

use crate::state::AppState;
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

/// May this viewer read the catalogue at all (published records, the regions, transfers)?
pub fn may_browse(state: &AppState, viewer: Viewer) -> bool {
    state.config.public_read || viewer >= Viewer::Reader
}

/// May this viewer see this record, in its current state?
pub fn may_see(state: &AppState, viewer: Viewer, row: &StoredRecord) -> bool {
    if row.is_public() {
        return may_browse(state, viewer);
    }
    !row.deleted && row.origin == state.config.region && viewer == Viewer::Editor
}
