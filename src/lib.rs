//! teams-presence-admin: the admin pane for the UCServer's "ProCall Integration in Microsoft Teams".
//!
//! The library holds everything that is not drawing: the files shared with the UCServer service
//! ([`files`], [`config`], [`matching`], [`secrets`]), input validation ([`validate`]), the status model
//! ([`status`]), Microsoft's endpoints ([`endpoints`]), the tenant's users and presence
//! ([`tenant`]), texts ([`i18n`]) and background work
//! ([`worker`]). The GUI ([`gui`]) and the command line ([`cli`]) are thin front ends over it.

pub mod cli;
pub mod config;
pub mod consent;
#[cfg(feature = "demo")]
pub mod demo;
pub mod dialog;
pub mod endpoints;
pub mod files;
pub mod gui;
pub mod i18n;
pub mod matching;
pub mod platform;
pub mod secrets;
pub mod status;
pub mod store;
pub mod tenant;
pub mod validate;
pub mod worker;

/// Where the files shared with the UCServer service live below the UCServer directory.
pub mod layout {
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

    /// The UCServer installation folder: on Windows where Windows says the UCServer is installed
    /// (see [`crate::platform::installed_ucserver_dir`]), else the usual place.
    pub fn default_ucserver_dir() -> PathBuf {
        #[cfg(windows)]
        if let Some(dir) = crate::platform::installed_ucserver_dir() {
            return dir;
        }
        if cfg!(windows) {
            let base =
                std::env::var_os("ProgramFiles").unwrap_or_else(|| "C:\\Program Files".into());
            PathBuf::from(base).join("estos").join("UCServer")
        } else {
            PathBuf::from("/opt/estos/UCServer")
        }
    }
}
