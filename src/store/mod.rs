//! Loading and saving the pane's files in a UCServer folder — one implementation for the GUI's
//! background worker and for the command line.

mod matching;

pub use matching::{LoadedMatching, Repair, load_matching, repair_matching, save_matching};

use crate::config::{self, ConfigError, RenderError, Settings};
use crate::files::{FileMode, SaveError, Snapshot};
use crate::i18n::Msg;
use crate::layout;
use crate::secrets::Secrets;
use crate::validate::Invalid;
use std::path::Path;

/// msteams.cfg as loaded: its snapshot and either the settings or why it cannot be used.
#[derive(Clone, Debug)]
pub struct LoadedConfig {
    pub snapshot: Snapshot,
    pub settings: Result<Settings, ConfigError>,
}

/// What the pane shows of the secrets file (never the secrets themselves).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecretsInfo {
    pub consent_stored: bool,
    pub client_secret_stored: bool,
    pub readable_by_others: bool,
    /// Who gave the user consent, when, and what was granted.
    pub user_consent: Option<crate::secrets::UserConsentInfo>,
    /// The file exists but cannot be read or parsed.
    pub error: Option<String>,
}

/// Everything the pane reads at start.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub config: LoadedConfig,
    pub secrets: SecretsInfo,
    /// usermatching.csv: `None` when there is no such file.
    pub matching: Option<LoadedMatching>,
}

/// Why something could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct ReadError {
    pub path: String,
    pub source: std::io::Error,
}

pub fn load_config(dir: &Path) -> Result<LoadedConfig, ReadError> {
    let path = layout::msteams_cfg(dir);
    let (snapshot, bytes) = Snapshot::read(&path).map_err(|source| ReadError {
        path: path.display().to_string(),
        source,
    })?;
    let settings = config::parse(bytes.as_deref());
    Ok(LoadedConfig { snapshot, settings })
}

pub fn load_secrets(dir: &Path) -> SecretsInfo {
    let path = layout::secrets(dir);
    match Secrets::load(&path) {
        Ok((_, s)) => SecretsInfo {
            consent_stored: s.has_consent(),
            client_secret_stored: s.client_secret.is_some(),
            readable_by_others: Secrets::readable_by_others(&path),
            user_consent: s.user_consent.clone(),
            error: None,
        },
        Err(e) => SecretsInfo {
            error: Some(e.to_string()),
            ..Default::default()
        },
    }
}

/// Stores (or, with `None`, removes) the client secret of an own app registration in the secrets
/// file: owner-only, atomic, never over a file changed meanwhile.
pub fn set_client_secret(dir: &Path, secret: Option<String>) -> Result<SecretsInfo, String> {
    change_secrets(dir, |s| s.client_secret = secret)
}

/// Removes the stored user consent (refresh token and its record): "forget consent".
pub fn forget_consent(dir: &Path) -> Result<SecretsInfo, String> {
    change_secrets(dir, |s| {
        s.refresh_token = None;
        s.user_consent = None;
    })
}

fn change_secrets(dir: &Path, change: impl FnOnce(&mut Secrets)) -> Result<SecretsInfo, String> {
    Secrets::update(&layout::secrets(dir), change)?;
    Ok(load_secrets(dir))
}

pub fn load_all(dir: &Path) -> Result<Loaded, ReadError> {
    Ok(Loaded {
        config: load_config(dir)?,
        secrets: load_secrets(dir),
        matching: load_matching(&layout::usermatching(dir))?,
    })
}

/// The result of a successful save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub snapshot: Snapshot,
    pub settings: Settings,
    /// `u8sProxyAddress` differs from what was on disk before: the service must be restarted.
    pub proxy_changed: bool,
    /// Nothing differed: the file was not touched.
    pub unchanged: bool,
}

/// Why a save did not happen. In every case nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SaveFailure {
    #[error("the file was changed on disk since it was loaded")]
    ChangedOnDisk,
    #[error("msteams.cfg cannot be read: {0}")]
    Unreadable(ConfigError),
    #[error("invalid input")]
    Invalid(Vec<Invalid>),
    #[error("{0}")]
    Convert(crate::matching::ConvertError),
    #[error("{0}")]
    Io(String),
}

impl SaveFailure {
    pub fn msgs(&self) -> Vec<Msg> {
        match self {
            SaveFailure::ChangedOnDisk => vec![Msg::new("save-conflict")],
            SaveFailure::Unreadable(e) => vec![e.msg()],
            SaveFailure::Invalid(list) => list.iter().map(Invalid::msg).collect(),
            SaveFailure::Convert(e) => vec![e.msg()],
            SaveFailure::Io(e) => vec![Msg::new("save-io-error").text("detail", e)],
        }
    }
}

pub(crate) fn io_failure(e: SaveError) -> SaveFailure {
    match e {
        SaveError::ChangedOnDisk { .. } => SaveFailure::ChangedOnDisk,
        SaveError::Io { path, source } => SaveFailure::Io(format!("{}: {source}", path.display())),
    }
}

/// Writes `settings` into msteams.cfg. `base` is the snapshot the settings were edited against;
/// unless `force`, a file that changed since then is not overwritten. Even with `force`, a file
/// that does not parse is never overwritten; the pane's values are written onto the current file,
/// so keys another program added in the meantime are kept.
pub fn save_config(
    base: &Snapshot,
    settings: &Settings,
    force: bool,
) -> Result<Saved, SaveFailure> {
    let current = match base.check_unchanged() {
        Ok(bytes) => bytes,
        // Overwrite: the pane's values go into the file as it is now.
        Err(SaveError::ChangedOnDisk { .. }) if force => {
            Snapshot::read(&base.path)
                .map_err(|e| SaveFailure::Io(format!("{}: {e}", base.path.display())))?
                .1
        }
        Err(e) => return Err(io_failure(e)),
    };
    let now = Snapshot::of(&base.path, current.as_deref());
    let before = config::parse(current.as_deref()).map_err(SaveFailure::Unreadable)?;
    let rendered = config::render(current.as_deref(), settings).map_err(|e| match e {
        RenderError::Config(c) => SaveFailure::Unreadable(c),
        RenderError::Invalid(list) => SaveFailure::Invalid(list),
    })?;
    let after_settings = settings.normalized().map_err(SaveFailure::Invalid)?;
    let proxy_changed = before.proxy != after_settings.proxy;
    let Some(bytes) = rendered else {
        return Ok(Saved {
            snapshot: now,
            settings: after_settings,
            proxy_changed: false,
            unchanged: true,
        });
    };
    let snapshot = now
        .save(&bytes, false, FileMode::Shared)
        .map_err(io_failure)?;
    Ok(Saved {
        snapshot,
        settings: after_settings,
        proxy_changed,
        unchanged: false,
    })
}
