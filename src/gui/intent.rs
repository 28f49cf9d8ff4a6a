//! What the panels ask for. A panel draws with a narrow [`Panel`] (the texts, the state it shows,
//! the folder) and pushes one [`Intent`] per click; the worker's events and the watcher's reports
//! push theirs too (a file to read again, the audit trail after a new log level). The app carries
//! them out once per frame, after drawing, in `actions.rs` — where intents become worker
//! commands. The only other sends are the app's start (reading the folder, the demo's user
//! export).

use super::state::PaneState;
use crate::i18n::{Lang, Texts};
use crate::ops::check::Which;
use crate::worker::{FileJob, Worker};
use std::path::{Path, PathBuf};

/// One thing a panel asks for.
#[derive(Debug)]
pub enum Intent {
    // msteams.cfg
    Save,
    Revert,
    Reload,
    CreateConfig,
    PickFolder,
    /// Open this UCServer folder (typed where no folder dialog could be shown).
    OpenFolder(PathBuf),
    ResolveConfigConflict,
    // The consents and the client secret.
    Consent(Which),
    CancelConsent,
    Check,
    /// Store the typed client secret.
    StoreSecret,
    RemoveSecret,
    ForgetConsent,
    // "App-Registrierung anlegen".
    CreateApp,
    RemoveCreatedApp,
    RenewCredential,
    /// Read the audit trail.
    LoadAudit,
    /// Read a file again that another program changed (the watcher saw it; the window holds no
    /// changes to it).
    ReadAgain(crate::store::FileKind),
    /// "Protokollstufe": keep this level and apply it at once.
    ChooseLogLevel(String),
    /// Write a support bundle (asks where).
    SupportBundle,
    /// Write a support bundle to this path (typed where no dialog could be shown).
    SupportBundleTo(PathBuf),
    // usermatching.csv and the preview.
    SaveMatching,
    ReloadMatching,
    ResolveMatchingConflict,
    /// Import or export through the file dialog titled so.
    FileAsk(FileJob, String),
    /// Import a file dropped on the window.
    FileDropped(FileJob, PathBuf),
    // The window.
    SetLang(Lang),
    SaveAllThenClose,
}

/// The intents pushed while drawing one frame.
#[derive(Debug, Default)]
pub struct Intents(pub(super) Vec<Intent>);

impl Intents {
    pub fn push(&mut self, intent: Intent) {
        self.0.push(intent);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a panel draws with: the texts, the state, the UCServer folder, the worker to start its
/// feature's work with (the handle goes into the state), and where to push intents.
/// The fields are apart, so that a panel can hold the texts while it edits the state.
pub struct Panel<'a> {
    pub t: &'a Texts,
    pub state: &'a mut PaneState,
    pub dir: &'a Path,
    pub worker: &'a Worker,
    pub intents: &'a mut Intents,
}
