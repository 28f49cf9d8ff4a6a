//! The pane's state: what the panels render and edit — msteams.cfg as known, the draft, the
//! secrets' summary, the notices, the work under way, the matching session, the close question.

use super::session::MatchingSession;
use crate::config::{ConfigError, Settings};
use crate::files::Snapshot;
use crate::i18n::Msg;
use crate::ops::check::{Report, Which};
use crate::platform::service::{Found, RestartError, Step};
use crate::store::{LoadedMatching, SecretsInfo};

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

/// The work under way, each job on its own: an event of one job never ends another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Jobs {
    /// Reading msteams.cfg (and at start the other files).
    pub loading: bool,
    pub saving_config: bool,
    pub repairing: bool,
    /// Storing or removing a secret.
    pub secrets: bool,
}

impl Jobs {
    pub fn any(&self) -> bool {
        self.loading || self.saving_config || self.repairing || self.secrets
    }
}

/// A conflict of msteams.cfg being decided: the administrator's pick per field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigConflictView {
    pub conflict: crate::store::ConfigConflict,
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
    Merged(Vec<crate::validate::Field>),
    /// A conflict decided for the file's values everywhere: nothing left to write.
    TookFile,
    Failed(Vec<Msg>),
    /// The service was restarted from the window and reads the saved proxy.
    Restarted(String),
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

/// Everything the panels render.
pub struct PaneState {
    pub tab: Tab,
    /// The editor, the user lists and the preview.
    pub session: MatchingSession,
    /// Saves still under way for "Save and close".
    pub(super) saves_pending: u8,
    pub config: ConfigState,
    /// The values as edited in the window.
    pub draft: Settings,
    pub secrets: SecretsInfo,
    pub matching: Option<LoadedMatching>,
    pub notice: Option<Notice>,
    /// The outcome of the last usermatching.csv repair, shown in its section.
    pub matching_notice: Option<Result<(), Vec<Msg>>>,
    /// A saved proxy change that the running service does not know yet.
    pub restart_pending: bool,
    /// The restart of the service from the window.
    pub service: ServiceRestart,
    /// The work under way.
    pub jobs: Jobs,
    /// msteams.cfg as the watcher last saw it on disk.
    pub disk_config: Option<Snapshot>,
    /// msteams.cfg changed on disk while the window holds unsaved changes: Save will merge.
    pub outside_config: bool,
    /// A conflict of msteams.cfg to decide before anything is written.
    pub config_conflict: Option<ConfigConflictView>,
    /// What the status line says after a file was read again because another program changed it.
    pub disk_notice: Option<Msg>,
    pub new_group: String,
    pub new_user: String,
    pub list_problem: Option<crate::validate::Invalid>,
    pub closing: Closing,
    /// A consent waiting for the browser: which one and the address it was sent to.
    pub consent_waiting: Option<(Which, String)>,
    /// Why the browser did not open for the consent under way.
    pub consent_no_browser: Option<Msg>,
    /// The outcome of the last consent.
    pub consent_result: Option<Result<Msg, Vec<Msg>>>,
    /// The last check with Microsoft, and whether one is running.
    pub report: Option<Report>,
    pub checking: bool,
    pub(super) check_wanted: bool,
    /// The question being asked before a removal.
    pub confirm: Option<Confirm>,
    /// Open the app registration's help and bring it into sight (from the authorization).
    pub show_registration_help: bool,
    /// The client secret being typed (never shown again once stored).
    pub secret_input: String,
    pub secret_notice: Option<Result<(), crate::i18n::Msg>>,
    /// The values of the save under way.
    pub(super) sent: Option<Settings>,
    /// "App-Registrierung anlegen".
    pub registration: RegistrationView,
    /// What the last check said beside "Prüfen" (when; unchanged or what it was before).
    pub check_note: Option<Msg>,
    /// Whether a check followed the last consent (its outcome then goes when the verdict changes).
    pub(super) consent_checked: bool,
    /// No file dialog could be shown: the path is asked in the window.
    pub path_prompt: Option<PathPrompt>,
    /// The audit trail as last read, and its filter.
    pub audit: AuditView,
    /// The copy button used last (it says "kopiert").
    pub copied: Option<&'static str>,
    /// The widget that had the keyboard focus in the last frame (to scroll a new one into sight).
    pub(super) last_focus: Option<egui::Id>,
}

/// The audit trail's view: the entries read (or why not), read again on request.
#[derive(Debug, Default)]
pub struct AuditView {
    pub entries: Option<Result<crate::audit::Trail, Msg>>,
    pub loading: bool,
    pub filter: String,
    /// "mit Namen" ticked for the support bundle.
    pub personal_data: bool,
    pub bundling: bool,
    /// How the last support bundle went.
    pub bundle: Option<Result<Msg, Msg>>,
    pub diagnosing: bool,
    /// The last connection test.
    pub diagnosis: Option<Diagnosis>,
    /// The log level chosen in this window (`None`: the one the program started with).
    pub log_level: Option<String>,
    /// How the last choice of the log level went.
    pub log_level_notice: Option<Result<String, Msg>>,
    /// Where the log files are, as read with the trail.
    pub logs: Option<Msg>,
    /// What draws the window (see [`super::renderer::describe`]); `None` in the GUI tests.
    pub drawn_by: Option<String>,
}

/// A connection test's result: each host's stages, the check's requests, the consents' verdict.
#[derive(Debug)]
pub struct Diagnosis {
    pub hosts: Vec<crate::microsoft::diagnose::HostDiagnosis>,
    pub steps: Vec<crate::microsoft::flows::Step>,
    pub verdict: Msg,
}

/// A file job whose dialog could not be shown, and the path typed instead.
#[derive(Debug)]
pub struct PathPrompt {
    pub job: crate::worker::FileJob,
    pub path: String,
}

/// "App-Registrierung anlegen": the form, the run's steps, how it ended, what exists.
#[derive(Debug, Default)]
pub struct RegistrationView {
    /// The display name typed (empty: the default name).
    pub name: String,
    pub kind: crate::ops::registration::CredentialKind,
    pub running: bool,
    pub steps: Vec<(
        crate::ops::registration::Step,
        crate::ops::registration::StepState,
    )>,
    /// The address the browser was sent to last.
    pub url: Option<String>,
    pub outcome: Option<Result<Msg, Vec<Msg>>>,
    /// What a failed run left in Entra ID (removable with one click).
    pub created: Option<Box<crate::ops::registration::Created>>,
}

impl PaneState {
    /// The state at start, while the files of the folder are read.
    pub fn new(matching_path: std::path::PathBuf) -> Self {
        Self {
            tab: Tab::Settings,
            session: MatchingSession::new(matching_path, None),
            saves_pending: 0,
            config: ConfigState::Loading,
            draft: Settings::default(),
            secrets: SecretsInfo::default(),
            matching: None,
            notice: None,
            matching_notice: None,
            restart_pending: false,
            service: Default::default(),
            jobs: Jobs {
                loading: true,
                ..Default::default()
            },
            disk_config: None,
            outside_config: false,
            config_conflict: None,
            disk_notice: None,
            new_group: String::new(),
            new_user: String::new(),
            list_problem: None,
            closing: Closing::No,
            consent_waiting: None,
            consent_no_browser: None,
            consent_result: None,
            report: None,
            checking: false,
            check_wanted: false,
            registration: RegistrationView::default(),
            last_focus: None,
            check_note: None,
            copied: None,
            audit: AuditView::default(),
            path_prompt: None,
            consent_checked: false,
            confirm: None,
            show_registration_help: false,
            secret_input: String::new(),
            secret_notice: None,
            sent: None,
        }
    }

    /// The values saved in msteams.cfg, when it is loaded.
    pub fn saved(&self) -> Option<&Settings> {
        match &self.config {
            ConfigState::Ready { saved, .. } => Some(saved),
            _ => None,
        }
    }

    /// Whether the window holds changes that are not in msteams.cfg.
    pub fn config_dirty(&self) -> bool {
        self.saved().is_some_and(|s| *s != self.draft)
    }

    /// Whether the window holds changes that are not saved (msteams.cfg or usermatching.csv).
    pub fn dirty(&self) -> bool {
        self.config_dirty() || self.session.dirty()
    }

    /// Whether any file work is under way.
    pub fn busy(&self) -> bool {
        self.jobs.any() || self.session.saving || self.session.loading
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
