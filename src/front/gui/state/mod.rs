//! The pane's state, in the parts the panels own: msteams.cfg as known and edited
//! ([`SettingsFile`]), each panel's own state (defined beside the panel), the two matching tabs
//! (each a struct that owns its state and draws itself) and their file jobs ([`FileJobs`]), and
//! the window's own ([`WindowState`]: the close question, the notices of the status line). A
//! file the window holds a copy of follows the disk one way ([`Tracked`]). Each frame
//! [`PaneState::poll`] follows the work the parts started.

use super::task::Task;
use editor_tab::{EditorNotice, EditorTab};
use preview_tab::PreviewTab;

pub mod activation;
pub mod auth;
pub mod diagnostics;
pub mod dialogs;
pub mod editor_tab;
pub mod live;
pub mod preview_tab;
pub mod registration;
pub mod service;
mod settings;
pub mod tracked;
pub mod watch;

use crate::base::files::Snapshot;
use crate::base::i18n::Msg;
use crate::base::platform::service::{Found, RestartError, Step};
use crate::front::worker::{FileRequest, Filed, FolderRead, Job, Place, Worker};
use crate::model::config::{ConfigError, Settings};
use crate::ops::store::SecretsInfo;
use tracked::Tracked;

/// msteams.cfg as the pane knows it.
#[derive(Clone, Debug)]
pub enum ConfigState {
    Loading,
    LoadFailed(Msg),
    /// Loaded: the snapshot the draft is edited against and the values saved in it.
    Ready {
        snapshot: Snapshot,
        saved: Settings,
    },
    /// The folder has no config/msteams.cfg: not a UCServer folder (create it, or choose another).
    NotUcServer {
        snapshot: Snapshot,
    },
    /// The file does not parse: shown, never overwritten.
    Broken {
        snapshot: Snapshot,
        error: ConfigError,
    },
}

impl ConfigState {
    /// The file as last read, where it could be read.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        match self {
            ConfigState::Ready { snapshot, .. }
            | ConfigState::Broken { snapshot, .. }
            | ConfigState::NotUcServer { snapshot } => Some(snapshot),
            ConfigState::Loading | ConfigState::LoadFailed(_) => None,
        }
    }
}

/// A conflict of msteams.cfg being decided: the administrator's pick per field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigConflictView {
    pub conflict: crate::ops::store::ConfigConflict,
    /// `Some(true)`: the window's value, `Some(false)`: the file's.
    pub picks: Vec<Option<bool>>,
}

/// A message at the top of the pane, until the next action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Saved,
    Unchanged,
    SaveBlocked,
    /// Saved, and these keys another program had changed were kept.
    Merged(Vec<crate::model::validate::Field>),
    /// A conflict decided for the file's values everywhere: nothing left to write.
    TookFile,
    Failed(Vec<Msg>),
    /// The service was restarted from the window and reads the saved proxy.
    Restarted(String),
}

impl Notice {
    /// A save that went through (saved, merged, nothing to write): news only until the next change
    /// or a check that asks for something.
    pub fn is_done(&self) -> bool {
        matches!(
            self,
            Notice::Saved | Notice::Unchanged | Notice::Merged(_) | Notice::TookFile
        )
    }
}

/// What happens when the window is asked to close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    No,
    /// Unsaved changes: the question is shown.
    Asking,
    /// "Save and close": close once the save succeeded.
    SaveThenClose,
    /// Close now, whatever is unsaved.
    Confirmed,
    /// The window was told to close.
    Closed,
}

/// A question before something is removed for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// "Zustimmung vergessen": the refresh token and the consent records.
    ForgetConsent,
    /// "Schlüssel entfernen": the client secret.
    RemoveSecret,
    /// "Verwerfen" of changes to this many settings (asked from two on).
    Revert(usize),
}

/// The tabs of the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Settings,
    Matching,
    Preview,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Settings, Tab::Matching, Tab::Preview];

    pub fn label_id(self) -> &'static str {
        match self {
            Tab::Settings => "tab-settings",
            Tab::Matching => "tab-matching",
            Tab::Preview => "tab-preview",
        }
    }
}

/// Everything the panels render: the parts each panel owns.
pub struct PaneState {
    pub tab: Tab,
    /// msteams.cfg: as loaded, as edited, its save and conflicts.
    pub settings: SettingsFile,
    /// What the secrets file holds (never a value).
    pub secrets: SecretsInfo,
    /// The consents, the check, the client secret.
    pub auth: auth::AuthState,
    /// The activation's group and user being added.
    pub activation: activation::ActivationInput,
    /// "App-Registrierung anlegen".
    pub registration: registration::RegistrationView,
    /// The UCServer service: its restart, and whether it still needs one.
    pub service: service::ServiceState,
    /// "Diagnose und Änderungsprotokoll".
    pub diagnostics: diagnostics::DiagnosticsView,
    /// "Überwachung": the watch as read, while a button's work runs.
    pub watch: watch::WatchState,
    /// "User matching": usermatching.csv and its editor.
    pub editor: EditorTab,
    /// "Preview": the user lists, the preview, the presence read there.
    pub preview: PreviewTab,
    /// A file dialog or a file job of the matching tabs.
    pub files: FileJobs,
    pub window: WindowState,
}

/// msteams.cfg as the window knows it.
pub struct SettingsFile {
    pub config: ConfigState,
    /// The values as edited in the window.
    pub draft: Settings,
    /// The file on disk, as the watcher reports it.
    pub file: Tracked,
    /// The save under way with the values it sends.
    pub save: Task<(), Settings>,
    /// A conflict of msteams.cfg to decide before anything is written.
    pub conflict: Option<ConfigConflictView>,
    /// The message at the top of the pane, until the next action.
    pub notice: Option<Notice>,
    /// The folder's files being read (at start, "Neu laden", a new msteams.cfg).
    pub(in crate::front::gui) loading: Option<Job<FolderRead>>,
    /// msteams.cfg being read again (another program changed it).
    pub(in crate::front::gui) reading: Option<Job<Result<crate::ops::store::LoadedConfig, Msg>>>,
    /// The save under way.
    pub(in crate::front::gui) saving:
        Option<Job<Result<crate::ops::store::Saved, crate::ops::store::SaveFailure>>>,
}

/// The window's own state: the close question, a question before a removal, the path typed where
/// no dialog opens, the status line's word on a file read again, the keyboard focus.
#[derive(Debug)]
pub struct WindowState {
    pub closing: Closing,
    /// Saves still under way for "Save and close".
    pub(super) saves_pending: u8,
    /// The questions open (before closing, before a removal, a path where no file dialog opens,
    /// before the write test).
    pub dialogs: dialogs::Dialogs,
    /// What the status line says after a file was read again because another program changed it.
    pub disk_notice: Option<Msg>,
    /// The text copied last (its copy button says "kopiert" while it shows that text).
    pub copied: Option<String>,
    /// The widget that had the keyboard focus in the last frame (to scroll a new one into sight).
    pub(super) last_focus: Option<egui::Id>,
    /// Bring msteams.cfg's conflict (or the banner that it changed outside) into sight in the next
    /// frame: it stands at the top of the settings, the administrator may be at the bottom.
    pub show_conflict: bool,
}

/// A file job whose dialog could not be shown, and the path typed instead (drawn by
/// `gui/dialog.rs`).
#[derive(Debug)]
pub struct PathPrompt {
    pub job: crate::front::worker::Prompted,
    pub path: String,
    /// The path field has taken the keyboard focus (once, when the prompt opened).
    pub focused: bool,
    /// "Öffnen"/"Speichern" was clicked: the job is done with the path when it closes.
    pub(in crate::front::gui) go: bool,
}

impl PathPrompt {
    /// The path asked for `job`, none typed yet.
    pub fn new(job: crate::front::worker::Prompted) -> Self {
        Self {
            job,
            path: String::new(),
            focused: false,
            go: false,
        }
    }
}

impl PaneState {
    /// The state at start, while the files of the folder are read.
    pub fn new(matching_path: std::path::PathBuf) -> Self {
        let mut file = Tracked::default();
        file.read.start(false);
        Self {
            tab: Tab::Settings,
            settings: SettingsFile {
                config: ConfigState::Loading,
                draft: Settings::default(),
                file,
                save: Task::default(),
                conflict: None,
                notice: None,
                loading: None,
                reading: None,
                saving: None,
            },
            secrets: SecretsInfo::default(),
            auth: Default::default(),
            activation: Default::default(),
            registration: Default::default(),
            service: Default::default(),
            diagnostics: Default::default(),
            watch: Default::default(),
            editor: EditorTab::new(matching_path, None),
            preview: PreviewTab::default(),
            files: FileJobs::default(),
            window: WindowState {
                closing: Closing::No,
                saves_pending: 0,
                dialogs: Default::default(),
                disk_notice: None,
                copied: None,
                last_focus: None,
                show_conflict: false,
            },
        }
    }

    /// The values saved in msteams.cfg, when it is loaded.
    pub fn saved(&self) -> Option<&Settings> {
        self.settings.saved()
    }

    /// Whether the window holds changes that are not in msteams.cfg.
    pub fn config_dirty(&self) -> bool {
        self.saved().is_some_and(|s| *s != self.settings.draft)
    }

    /// Whether the window holds changes that are not saved (msteams.cfg or usermatching.csv).
    pub fn dirty(&self) -> bool {
        self.config_dirty() || self.editor.dirty()
    }

    /// How many settings the fields hold that msteams.cfg does not.
    pub fn changed_settings(&self) -> usize {
        self.saved().map_or(0, |saved| {
            crate::model::config::KEYS
                .iter()
                .filter(|k| k.shown_value(saved) != k.shown_value(&self.settings.draft))
                .count()
        })
    }

    /// Follows the work the parts started (each frame); what it gave is taken where it belongs.
    pub fn poll(&mut self) {
        self.preview.poll();
        self.poll_files();
        self.watch.task.poll();
        if self.diagnostics.poll() {
            self.window.dialogs.path = Some(PathPrompt::new(
                crate::front::worker::Prompted::SupportBundle,
            ));
        }
        if let Some(name) = self.service.poll() {
            self.settings.notice = Some(Notice::Restarted(name));
        }
    }

    /// A file job's outcome, told where it was asked for; a dialog that could not be shown asks
    /// for the path in the window.
    fn poll_files(&mut self) {
        let Some(filed) = self.files.poll() else {
            return;
        };
        let (place, told) = match filed {
            Filed::RowsImported { path, pasted } => {
                return self.editor.rows_imported(&path, &pasted);
            }
            Filed::UcUsersImported { path, imported } => {
                return self.preview.uc_users_imported(path, imported);
            }
            Filed::Exported { place, path } => {
                let id = match place {
                    Place::Preview => "preview-exported",
                    _ => "editor-exported",
                };
                (
                    place,
                    Ok(Msg::new(id).text("path", path.display().to_string())),
                )
            }
            Filed::Failed { place, msgs } => (place, Err(msgs)),
            Filed::Cancelled => return,
            Filed::NoDialog(prompted) => {
                self.window.dialogs.path = Some(PathPrompt::new(prompted));
                return;
            }
        };
        match (place, told) {
            (Place::Editor, Ok(m)) => self.editor.notice = Some(EditorNotice::Info(vec![m])),
            (Place::Editor, Err(msgs)) => self.editor.notice = Some(EditorNotice::Failed(msgs)),
            (Place::UcUsers, r) => self.preview.uc.notice = Some(r.map_or_else(|e| e, |m| vec![m])),
            (Place::Preview, r) => {
                self.preview.preview.notice = Some(r.map_or_else(|e| e, |m| vec![m]))
            }
        }
    }

    /// Puts the saved values back into the window.
    pub fn revert(&mut self) {
        if let Some(saved) = self.saved() {
            self.settings.draft = saved.clone();
            self.settings.notice = None;
            self.activation.problem = None;
        }
    }

    /// Checks both consents with Microsoft with the saved settings ("Prüfen").
    pub fn check(&mut self, worker: &Worker) {
        if let Some(settings) = self.saved().cloned() {
            self.auth.start_check(worker, settings);
        }
    }

    /// "Abbrechen" (or Escape): stops waiting for the browser, of a consent or of the app
    /// registration's run.
    pub fn cancel_browser_waits(&self) {
        self.auth.cancel_consent();
        self.registration.cancel();
    }

    /// "Save and close": saves what is unsaved and closes when every save succeeded.
    pub fn save_all_then_close(&mut self, worker: &Worker) {
        self.window.closing = Closing::SaveThenClose;
        self.window.saves_pending = 0;
        if self.config_dirty() {
            self.settings.save(worker);
            if self.settings.notice == Some(Notice::SaveBlocked) {
                self.window.closing = Closing::No;
                return;
            }
            self.window.saves_pending += 1;
        }
        if self.editor.dirty() {
            if !self.editor.save(worker) {
                self.window.closing = Closing::No;
                self.tab = Tab::Matching;
                return;
            }
            self.window.saves_pending += 1;
        }
        if self.window.saves_pending == 0 {
            self.window.closing = Closing::Confirmed;
        }
    }

    /// A save ended: for "Save and close", close after the last one, stay after a failure.
    pub fn save_done(&mut self, ok: bool) {
        let w = &mut self.window;
        if w.closing != Closing::SaveThenClose {
            return;
        }
        w.saves_pending = w.saves_pending.saturating_sub(1);
        if !ok {
            w.closing = Closing::No;
        } else if w.saves_pending == 0 {
            w.closing = Closing::Confirmed;
        }
    }

    /// Whether any file work is under way.
    pub fn busy(&self) -> bool {
        self.settings.file.read.is_running()
            || self.settings.save.is_running()
            || self.auth.secret.is_running()
            || self.editor.save.is_running()
            || self.editor.file.read.is_running()
    }
}

/// Where the restart from the window stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ServiceRestart {
    #[default]
    Idle,
    /// The Service Control Manager is asked.
    Finding,
    /// The administrator confirms the service (and picks one when several fit).
    Choose { found: Vec<Found>, pick: String },
    /// Stopping and starting; `step` as far as reported.
    Running {
        name: String,
        step: Option<Step>,
        elevated: bool,
    },
    /// It did not work: what to say, and whether a restart as administrator may help.
    Failed { msg: Msg, name: Option<String> },
}

impl ServiceRestart {
    pub fn found(found: Vec<Found>, remembered: Option<String>) -> Self {
        match found.first() {
            None => Self::Failed {
                msg: Msg::new("service-none-found-window"),
                name: None,
            },
            Some(first) => {
                let pick = remembered.unwrap_or_else(|| first.name.clone());
                Self::Choose { found, pick }
            }
        }
    }

    pub fn step(&mut self, to: Step) {
        if let Self::Running { step, .. } = self {
            *step = Some(to);
        }
    }

    /// The restart ended with an error (success ends it: the notice goes).
    pub fn failed(name: String, error: &RestartError) -> Self {
        let msg = match error {
            RestartError::AccessDenied(_) => Msg::new("service-denied-window"),
            RestartError::Declined => Msg::new("service-declined"),
            RestartError::Elevated(code) => {
                Msg::new("service-elevated-failed").text("code", code.to_string())
            }
            other => Msg::new("service-failed").text("detail", other.to_string()),
        }
        .text("name", name.clone());
        let retry = matches!(
            error,
            RestartError::AccessDenied(_) | RestartError::Declined
        );
        Self::Failed {
            msg,
            name: retry.then_some(name),
        }
    }
}

/// A file dialog or a file job (import, export) of the matching tabs under way: one at a time.
#[derive(Debug, Default)]
pub struct FileJobs {
    pub task: Task<()>,
    job: Option<Job<Filed>>,
}

impl FileJobs {
    /// Imports or exports a file (the dialog asked first, where `req` says so).
    pub fn start(&mut self, worker: &Worker, req: FileRequest) {
        self.task.run();
        self.job = Some(worker.file(req));
    }

    pub fn is_running(&self) -> bool {
        self.task.is_running()
    }

    /// What the job gave, once it ended.
    fn poll(&mut self) -> Option<Filed> {
        let filed = self.task.follow(&mut self.job)?;
        self.task.clear();
        Some(filed)
    }
}
