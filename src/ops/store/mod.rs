//! Loading and saving the pane's files in a UCServer folder — one implementation for the GUI's
//! background worker and for the command line.

mod usermatching;

pub use usermatching::{
    LoadedMatching, MatchingConflict, Repair, Repaired, SavedMatching, load_matching,
    repair_matching, save_matching,
};

use crate::base::files::{FileMode, SaveError, Snapshot};
use crate::base::i18n::Msg;
use crate::base::paths;
use crate::model::config::{self, ConfigError, RenderError, Settings, merge};
use crate::model::secrets::Secrets;
use crate::model::validate::{Field, Invalid};
use std::path::Path;

/// msteams.cfg as loaded: its snapshot and either the settings or why it cannot be used.
#[derive(Clone, Debug)]
pub struct LoadedConfig {
    pub snapshot: Snapshot,
    pub settings: Result<Settings, ConfigError>,
}

pub use crate::model::secrets::SecretsInfo;

/// Everything the pane reads at start.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub config: LoadedConfig,
    pub secrets: SecretsInfo,
    /// usermatching.csv: `None` when there is no such file; why it could not be read (it stays
    /// with the matching: the settings are shown all the same).
    pub matching: Result<Option<LoadedMatching>, Msg>,
}

/// The files of the UCServer folder the pane reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `config/msteams.cfg`
    Config,
    /// `ExternalServiceProvider/usermatching.csv`
    Matching,
    /// `config/msteams.secrets.json`
    Secrets,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Config, FileKind::Matching, FileKind::Secrets];

    /// Where the file lives in the UCServer folder `dir`.
    pub fn path(self, dir: &Path) -> std::path::PathBuf {
        match self {
            FileKind::Config => paths::msteams_cfg(dir),
            FileKind::Matching => paths::usermatching(dir),
            FileKind::Secrets => paths::secrets(dir),
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct ReadError {
    pub file: FileKind,
    pub path: String,
    pub source: std::io::Error,
}

impl ReadError {
    /// The file and what happened, in the chosen language.
    pub fn msg(&self) -> Msg {
        crate::base::i18n::io_error(Path::new(&self.path), &self.source)
    }
}

pub fn load_config(dir: &Path) -> Result<LoadedConfig, ReadError> {
    let path = paths::msteams_cfg(dir);
    let (snapshot, bytes) = Snapshot::read(&path).map_err(|source| ReadError {
        file: FileKind::Config,
        path: path.display().to_string(),
        source,
    })?;
    let settings = config::parse(bytes.as_deref());
    Ok(LoadedConfig { snapshot, settings })
}

pub fn load_secrets(dir: &Path) -> SecretsInfo {
    let path = paths::secrets(dir);
    match Secrets::load(&path) {
        Ok((_, s)) => SecretsInfo {
            consent_stored: s.has_consent(),
            client_secret_stored: s.client_secret.is_some(),
            readable_by_others: Secrets::readable_by_others(&path),
            user_consent: s.user_consent.clone(),
            admin_consent: s.admin_consent.clone(),
            error: None,
        },
        Err(e) => SecretsInfo {
            error: Some(e.msg(&path)),
            ..Default::default()
        },
    }
}

/// Stores (or, with `None`, removes) the client secret of an own app registration in the secrets
/// file: owner-only, atomic, never over a file changed meanwhile.
pub fn set_client_secret(
    dir: &Path,
    secret: Option<crate::model::secrets::Secret>,
) -> Result<SecretsInfo, Msg> {
    let change = if secret.is_some() {
        "stored"
    } else {
        "removed"
    };
    let info = change_secrets(dir, |s| {
        s.client_secret = secret.map(|v| v.expose().to_owned())
    })?;
    let what = crate::model::audit::What::ClientSecret {
        change: change.into(),
    };
    crate::model::audit::append(&crate::model::audit::path(dir), what);
    Ok(info)
}

fn change_secrets(dir: &Path, change: impl FnOnce(&mut Secrets)) -> Result<SecretsInfo, Msg> {
    Secrets::update(&paths::secrets(dir), change).map_err(|e| e.msg())?;
    Ok(load_secrets(dir))
}

/// Makes `dir` a UCServer folder for the pane: an empty `config/msteams.cfg` (an object), written
/// atomically; an existing file is left as it is.
pub fn create_config(dir: &Path) -> Result<(), SaveFailure> {
    let path = paths::msteams_cfg(dir);
    let _lock = crate::base::folder::lock_for(&path)?;
    if path.exists() {
        return Ok(());
    }
    crate::base::files::write_atomic(&path, b"{\n}\n", FileMode::Shared)
        .map_err(|e| SaveFailure::io(&path, &e))
}

pub fn load_all(dir: &Path) -> Result<Loaded, ReadError> {
    Ok(Loaded {
        config: load_config(dir)?,
        secrets: load_secrets(dir),
        matching: load_matching(&paths::usermatching(dir)).map_err(|e| e.msg()),
    })
}

/// The result of a successful save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub snapshot: Snapshot,
    pub settings: Settings,
    /// The keys the service reads only at start ([`crate::model::config::keys::read_at_start`]) whose
    /// values differ from what was on disk before: the service must be restarted for them.
    pub restart: Vec<Field>,
    /// Nothing differed: the file was not touched.
    pub unchanged: bool,
    /// Keys another program had changed meanwhile, kept in the file and taken into the window.
    pub merged: Vec<Field>,
}

/// msteams.cfg changed on disk since the window loaded it, and some keys were changed on both
/// sides to different values: nothing is written until the administrator decides each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigConflict {
    /// The file as it is now, and its values.
    pub snapshot: Snapshot,
    pub theirs: Settings,
    /// The merge: every key that is not in conflict already decided.
    pub merged: Settings,
    pub conflicts: Vec<merge::Conflict>,
    /// When the other program wrote the file (RFC 3339), where the file system tells it.
    pub modified: Option<String>,
}

/// Why a save did not happen. In every case nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SaveFailure {
    /// The file at `path` was changed on disk since it was loaded.
    #[error("{} was changed on disk since it was loaded", path.display())]
    ChangedOnDisk { path: std::path::PathBuf },
    #[error("the same keys were changed in the window and on disk")]
    Conflict(Box<ConfigConflict>),
    #[error("lines of usermatching.csv were changed in the editor and on disk")]
    MatchingConflict(Box<MatchingConflict>),
    #[error("msteams.cfg cannot be read: {0}")]
    Unreadable(ConfigError),
    #[error("invalid input")]
    Invalid(Vec<Invalid>),
    #[error("{0}")]
    Convert(crate::model::matching::ConvertError),
    #[error("{0}")]
    Unencodable(crate::model::matching::Unencodable),
    /// A file could not be read or written: its path and what happened.
    #[error("{0:?}")]
    Io(Msg),
    /// msteams.cfg could not be read before the change (nothing was written): what happened.
    #[error("{0:?}")]
    Read(Msg),
    /// Another of the pane's programs held the folder's lock for all of [`crate::base::folder::WAIT`].
    #[error("{0}")]
    Busy(crate::base::folder::LockError),
}

impl From<crate::base::folder::LockError> for SaveFailure {
    fn from(e: crate::base::folder::LockError) -> Self {
        SaveFailure::Busy(e)
    }
}

impl SaveFailure {
    /// `path` could not be read or written.
    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        SaveFailure::Io(crate::base::i18n::io_error(path, e))
    }

    pub fn msgs(&self) -> Vec<Msg> {
        match self {
            // The file it is (issue 34 §13): usermatching.csv has its own text.
            SaveFailure::ChangedOnDisk { path } => {
                use crate::base::files::limits::TextKind;
                vec![match TextKind::of_file(path) {
                    TextKind::Matching => Msg::new("matching-changed"),
                    TextKind::Secrets => {
                        Msg::new("secrets-changed").text("path", path.display().to_string())
                    }
                    _ => Msg::new("save-conflict"),
                }]
            }
            SaveFailure::Conflict(c) => {
                vec![Msg::new("merge-conflict").num("count", c.conflicts.len())]
            }
            SaveFailure::MatchingConflict(c) => {
                vec![Msg::new("merge-conflict").num("count", c.merge.conflicts().count())]
            }
            SaveFailure::Unreadable(e) => vec![Msg::new("cfg-broken-title"), e.msg()],
            SaveFailure::Invalid(list) => list.iter().map(Invalid::msg).collect(),
            SaveFailure::Convert(e) => vec![e.msg()],
            SaveFailure::Unencodable(e) => vec![e.msg()],
            SaveFailure::Io(e) => vec![Msg::new("save-io-error").inner("detail", e.clone())],
            SaveFailure::Read(e) => vec![Msg::new("load-failed").inner("detail", e.clone())],
            SaveFailure::Busy(e) => vec![e.msg()],
        }
    }
}

pub(crate) fn io_failure(e: SaveError) -> SaveFailure {
    match e {
        SaveError::ChangedOnDisk { path } => SaveFailure::ChangedOnDisk { path },
        SaveError::Io { path, source } => SaveFailure::io(&path, &source),
    }
}

/// The modification time of a file, RFC 3339, where the file system tells it.
pub(crate) fn modified(path: &Path) -> Option<String> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339())
}

/// Changes msteams.cfg as the command line's `config set` does: read, `edit`, validate, and
/// write through [`save_config`] (only the changed keys; nothing written on error).
pub fn change_config(
    dir: &Path,
    edit: impl FnOnce(&mut Settings) -> Result<(), Invalid>,
) -> Result<Saved, SaveFailure> {
    let folder = crate::base::folder::Folder::new(dir);
    let _lock = folder.lock(&folder.msteams_cfg())?;
    let loaded = load_config(dir).map_err(|e| SaveFailure::Read(e.msg()))?;
    let base = loaded.settings.map_err(SaveFailure::Unreadable)?;
    let mut settings = base.clone();
    edit(&mut settings).map_err(|e| SaveFailure::Invalid(vec![e]))?;
    let valid = settings.validate().map_err(SaveFailure::Invalid)?;
    save_config(&loaded.snapshot, &base, &valid)
}

/// Writes the window's changes into msteams.cfg. `base` is the snapshot and `base_settings` the
/// values the window loaded; `mine` the values as edited. When the file changed on disk since,
/// the change is merged three ways: only the keys changed in the window are written, into the
/// file as it is now, and keys changed on both sides to different values are a
/// [`SaveFailure::Conflict`] (nothing written). A file that does not parse is never overwritten.
pub fn save_config(
    base: &Snapshot,
    base_settings: &Settings,
    mine: &config::Valid,
) -> Result<Saved, SaveFailure> {
    // Read, merged and written under the folder's lock: no other of our programs writes between.
    let _lock = crate::base::folder::lock_for(&base.path)?;
    again_while_changed(|| save_config_once(base, base_settings, mine))
}

/// How long a save reads, merges and writes again when a program that takes no lock of ours
/// (the UCServer service, a script) replaced the file in the moment between the read and the
/// replace (issue 34 §1); then it is refused as changed on disk.
const SAVE_AGAIN_FOR: std::time::Duration = std::time::Duration::from_secs(2);

/// Runs `save` again while it ends in [`SaveFailure::ChangedOnDisk`] (the file changed between its
/// read and its replace), for at most [`SAVE_AGAIN_FOR`].
pub(crate) fn again_while_changed<T>(
    mut save: impl FnMut() -> Result<T, SaveFailure>,
) -> Result<T, SaveFailure> {
    let start = std::time::Instant::now();
    loop {
        match save() {
            Err(SaveFailure::ChangedOnDisk { .. }) if start.elapsed() < SAVE_AGAIN_FOR => {}
            other => return other,
        }
    }
}

fn save_config_once(
    base: &Snapshot,
    base_settings: &Settings,
    mine: &config::Valid,
) -> Result<Saved, SaveFailure> {
    let io = |e: std::io::Error| SaveFailure::io(&base.path, &e);
    // Read and parsed once; validated once (again only when a merge made new values).
    let (now, current) = Snapshot::read(&base.path).map_err(io)?;
    let doc = current.as_deref().map(config::Doc::read).transpose();
    let doc = doc.map_err(SaveFailure::Unreadable)?;
    let before = match &doc {
        Some(doc) => doc.settings().map_err(SaveFailure::Unreadable)?,
        None => Settings::default(),
    };
    let (target, merged) = if now.fingerprint == base.fingerprint {
        (mine.clone(), Vec::new())
    } else {
        let m = merge::merge(base_settings, mine, &before);
        if !m.conflicts.is_empty() {
            return Err(SaveFailure::Conflict(Box::new(ConfigConflict {
                modified: modified(&base.path),
                snapshot: now,
                theirs: before,
                merged: m.settings,
                conflicts: m.conflicts,
            })));
        }
        let valid = m.settings.validate().map_err(SaveFailure::Invalid)?;
        (valid, m.from_file)
    };
    let rendered = config::render_valid(doc.as_ref(), &target).map_err(|e| match e {
        RenderError::Config(c) => SaveFailure::Unreadable(c),
        RenderError::Invalid(list) => SaveFailure::Invalid(list),
    })?;
    let after_settings = target.into_inner();
    let restart = merge::restart_needed(&before, &after_settings);
    let Some(bytes) = rendered else {
        return Ok(Saved {
            snapshot: now,
            settings: after_settings,
            restart: Vec::new(),
            unchanged: true,
            merged,
        });
    };
    // Written only over the file as it was just read: a change in between is merged again.
    let snapshot = now
        .save(&bytes, false, FileMode::Shared)
        .map_err(io_failure)?;
    if let Some(log) = crate::model::audit::beside(&base.path) {
        crate::model::audit::settings_changed(&log, &before, &after_settings);
    }
    Ok(Saved {
        snapshot,
        settings: after_settings,
        restart,
        unchanged: false,
        merged,
    })
}
