//! "Protokollstufe": the log level kept in the pane's settings and applied at once, its change in
//! the audit trail.

use crate::base::i18n::Msg;
use crate::base::logging;
use crate::model::audit;
use std::path::Path;

/// Keeps and applies `level` (see [`logging::choose_level`]); a change is an audit line.
pub fn choose(ucserver_dir: &Path, level: &str) -> Result<(), Msg> {
    let before = logging::choose_level(ucserver_dir, level)?;
    if before != level {
        let what = audit::What::Setting {
            key: "logLevel (teams-presence-admin.json)".into(),
            old: before,
            new: level.to_owned(),
        };
        audit::append(&audit::path(ucserver_dir), what);
    }
    Ok(())
}
