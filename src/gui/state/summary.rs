//! usermatching.csv's summary above the editor: the file as saved and its repairs.

use crate::gui::task::Task;
use crate::i18n::Msg;

/// usermatching.csv as last read or saved (the summary: rows, errors, warnings), and its
/// repairs.
#[derive(Debug, Default)]
pub struct Summary {
    pub loaded: Option<crate::store::LoadedMatching>,
    /// A one-click repair: under way, then how it went.
    pub repair: Task<Result<(), Vec<Msg>>>,
}
