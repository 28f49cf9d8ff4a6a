//! Where the files shared with the UCServer service live below the UCServer folder, and where
//! that folder is by default.

use std::path::{Path, PathBuf};

/// `config/msteams.cfg`: the service's configuration (JSON object).
pub fn msteams_cfg(ucserver_dir: &Path) -> PathBuf {
    ucserver_dir.join("config").join("msteams.cfg")
}

/// `config/msteams.secrets.json`: refresh token and client secret, owner-only.
pub fn secrets(ucserver_dir: &Path) -> PathBuf {
    ucserver_dir.join("config").join("msteams.secrets.json")
}

/// `ExternalServiceProvider/usermatching.csv`: Azure AD user name → UCServer user name.
pub fn usermatching(ucserver_dir: &Path) -> PathBuf {
    ucserver_dir
        .join("ExternalServiceProvider")
        .join("usermatching.csv")
}

/// The audit trail's file name, in `config/`.
pub const AUDIT_FILE: &str = "teams-presence-admin-audit.jsonl";

/// `config/teams-presence-admin-audit.jsonl`: every change the pane made (see [`crate::model::audit`]).
pub fn audit(ucserver_dir: &Path) -> PathBuf {
    ucserver_dir.join("config").join(AUDIT_FILE)
}

/// The UCServer installation folder: on Windows where Windows says the UCServer is installed
/// (see [`crate::base::platform::installed_ucserver_dir`]), else the usual place.
pub fn default_ucserver_dir() -> PathBuf {
    #[cfg(windows)]
    if let Some(dir) = crate::base::platform::installed_ucserver_dir() {
        return dir;
    }
    if cfg!(windows) {
        let base = std::env::var_os("ProgramFiles").unwrap_or_else(|| "C:\\Program Files".into());
        PathBuf::from(base).join("estos").join("UCServer")
    } else {
        PathBuf::from("/opt/estos/UCServer")
    }
}
