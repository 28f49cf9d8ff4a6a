//! The pane's state, the handling of worker events, and the layout of the panels.

use super::session::MatchingSession;
use super::{
    activation, app_registration, auth, dialogs, editor, matching, preview, proxy, status_bar,
    tenant,
};
use crate::config::{ConfigError, Settings};
use crate::consent::browser::{Browser, SystemBrowser};
use crate::consent::check::{Report, Which};
use crate::dialog::{FileDialog, NativeDialog};
use crate::files::Snapshot;
use crate::i18n::{Lang, Msg, Texts};
use crate::store::{LoadedMatching, Repair, SecretsInfo};
use crate::worker::{Command, ConsentRequest, FileJob, FileRequest, SaveRequest, Source, Worker};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// msteams.cfg as the pane knows it.
#[derive(Clone, Debug)]
pub enum ConfigState {
    Loading,
    LoadFailed(String),
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
    pub service: super::service::ServiceRestart,
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
    pub secret_notice: Option<Result<(), String>>,
    /// The values of the save under way.
    pub(super) sent: Option<Settings>,
}

impl PaneState {
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

/// The application: texts, the worker and the state.
pub struct PaneApp {
    pub texts: Texts,
    pub dir: PathBuf,
    check_every: std::time::Duration,
    pub state: PaneState,
    worker: Worker,
    ctx: Arc<OnceLock<egui::Context>>,
    title: String,
    /// The running demo (emulator and temporary folder), kept alive with the window.
    demo: Option<super::DemoWindow>,
    /// Where consents are opened (the system browser; a stand-in in tests).
    pub(super) browser: Arc<dyn Browser>,
    /// The file dialogs (native; fixed answers in tests).
    dialog: Arc<dyn FileDialog>,
}

impl PaneApp {
    /// Starts the worker and asks it to load the UCServer folder `dir`.
    pub fn new(dir: PathBuf, lang: Lang) -> Self {
        Self::with_check_interval(dir, lang, crate::worker::CHECK_EVERY)
    }

    /// Like [`Self::new`], checking the consents every `check_every`.
    pub fn with_check_interval(dir: PathBuf, lang: Lang, check_every: std::time::Duration) -> Self {
        let ctx: Arc<OnceLock<egui::Context>> = Arc::default();
        let notify_ctx = ctx.clone();
        let worker = Worker::start_with(dir.clone(), check_every, move || {
            if let Some(ctx) = notify_ctx.get() {
                ctx.request_repaint();
            }
        });
        worker.send(Command::Load);
        let matching_path = crate::layout::usermatching(&dir);
        Self {
            texts: Texts::new(lang),
            dir,
            check_every,
            state: PaneState {
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
                confirm: None,
                show_registration_help: false,
                secret_input: String::new(),
                secret_notice: None,
                sent: None,
            },
            worker,
            ctx,
            title: String::new(),
            demo: None,
            browser: Arc::new(SystemBrowser),
            dialog: Arc::new(NativeDialog),
        }
    }

    /// Opens the UCServer folder `dir` instead: a new worker on it, the state as at start. The
    /// browser and dialogs stay.
    pub fn open_folder(&mut self, dir: PathBuf) {
        let fresh = Self::with_check_interval(dir, self.texts.lang(), self.check_every);
        let old = std::mem::replace(self, fresh);
        self.browser = old.browser.clone();
        self.dialog = old.dialog.clone();
        if let Some(ctx) = old.ctx.get() {
            let _ = self.ctx.set(ctx.clone());
            ctx.request_repaint();
        }
    }

    /// Asks for another UCServer folder.
    pub fn pick_folder(&mut self) {
        self.send(Command::PickFolder(Box::new(
            crate::worker::FolderRequest {
                title: self.texts.get("folder-choose"),
                dialog: self.dialog(),
            },
        )));
    }

    /// Makes the folder a UCServer folder (an empty msteams.cfg) and reads it.
    pub fn create_config(&mut self) {
        self.state.jobs.loading = true;
        self.send(Command::CreateConfig);
    }

    /// Asks `dialog` for files instead of the native dialogs.
    pub fn with_dialog(mut self, dialog: Arc<dyn FileDialog>) -> Self {
        self.dialog = dialog;
        self
    }

    /// The file dialogs to give the worker.
    pub fn dialog(&self) -> Arc<dyn FileDialog> {
        self.dialog.clone()
    }

    /// Sends a command to the worker.
    pub fn send(&self, command: Command) {
        self.worker.send(command);
    }

    /// Opens consents in `browser` instead of the system browser.
    pub fn with_browser(mut self, browser: Arc<dyn Browser>) -> Self {
        self.browser = browser;
        self
    }

    /// Gives a consent in the browser with the saved settings.
    pub fn consent(&mut self, which: Which) {
        let Some(settings) = self.state.saved().cloned() else {
            return;
        };
        self.state.consent_result = None;
        self.state.consent_waiting = Some((which, String::new()));
        self.worker.send(Command::Consent(Box::new(ConsentRequest {
            which,
            settings,
            lang: self.texts.lang(),
            browser: self.browser.clone(),
        })));
    }

    pub fn cancel_consent(&mut self) {
        self.worker.send(Command::CancelConsent);
    }

    /// Stores the typed client secret (`true`) or removes the stored one (`false`).
    pub fn store_client_secret(&mut self, store: bool) {
        let secret = store.then(|| self.state.secret_input.trim().to_owned());
        if secret.as_deref() == Some("") {
            return;
        }
        self.state.secret_notice = None;
        self.state.jobs.secrets = true;
        self.worker.send(Command::SetClientSecret(secret));
    }

    /// Removes the stored user consent.
    pub fn forget_consent(&mut self) {
        self.state.consent_result = None;
        self.state.jobs.secrets = true;
        self.worker.send(Command::ForgetConsent);
    }

    /// Checks both consents with Microsoft ("Prüfen").
    pub fn check(&mut self) {
        if let Some(settings) = self.state.saved().cloned() {
            self.state.checking = true;
            self.worker.send(Command::Check(Box::new(settings)));
        }
    }

    /// Runs on the demo: says so at the top of the window.
    pub fn with_demo(mut self, demo: super::DemoWindow) -> Self {
        let users = demo.users.clone();
        self.state.session.dialog_open = true;
        self.worker.send(Command::File(Box::new(FileRequest {
            job: FileJob::ImportUcUsers,
            source: Source::Path(users),
        })));
        self.demo = Some(demo);
        self
    }

    pub fn set_lang(&mut self, lang: Lang) {
        if self.texts.lang() != lang {
            self.texts = Texts::new(lang);
        }
    }

    /// Reads usermatching.csv again; the editor's unsaved changes are dropped, nothing else.
    pub fn reload_matching(&mut self) {
        self.state.session.loading = true;
        self.state.session.conflict = None;
        self.send(Command::LoadMatching);
    }

    /// Reads the files again; unsaved changes are dropped.
    pub fn reload(&mut self) {
        self.state.jobs.loading = true;
        self.state.notice = None;
        self.state.config_conflict = None;
        self.worker.send(Command::Load);
    }

    /// Saves the draft. A change another program made on disk meanwhile is merged (see
    /// [`crate::store::save_config`]); keys changed on both sides come back as a conflict.
    pub fn save(&mut self) {
        let ConfigState::Ready { snapshot, saved } = &self.state.config else {
            return;
        };
        if self.state.jobs.saving_config {
            return;
        }
        if !self.state.draft.problems().is_empty() {
            self.state.notice = Some(Notice::SaveBlocked);
            return;
        }
        self.state.jobs.saving_config = true;
        self.state.sent = Some(self.state.draft.clone());
        self.worker.send(Command::SaveConfig(Box::new(SaveRequest {
            base: snapshot.clone(),
            base_settings: saved.clone(),
            settings: self.state.draft.clone(),
        })));
    }

    /// Repairs usermatching.csv on disk (conversion, header removal).
    pub fn repair_matching(&mut self, repair: Repair) {
        if let Some(m) = &self.state.matching {
            self.state.jobs.repairing = true;
            self.state.matching_notice = None;
            self.worker.send(Command::RepairMatching {
                base: m.snapshot.clone(),
                repair,
            });
        }
    }

    /// "Save and close": saves what is unsaved and closes when every save succeeded.
    pub fn save_all_then_close(&mut self) {
        self.state.closing = Closing::SaveThenClose;
        self.state.saves_pending = 0;
        if self.state.config_dirty() {
            self.save();
            if self.state.notice == Some(Notice::SaveBlocked) {
                self.state.closing = Closing::No;
                return;
            }
            self.state.saves_pending += 1;
        }
        if self.state.session.dirty() {
            if !self.save_matching() {
                self.state.closing = Closing::No;
                self.state.tab = Tab::Matching;
                return;
            }
            self.state.saves_pending += 1;
        }
        if self.state.saves_pending == 0 {
            self.state.closing = Closing::Confirmed;
        }
    }

    /// A save ended: for "Save and close", close after the last one, stay after a failure.
    pub(super) fn save_done(&mut self, ok: bool) {
        let s = &mut self.state;
        if s.closing != Closing::SaveThenClose {
            return;
        }
        s.saves_pending = s.saves_pending.saturating_sub(1);
        if !ok {
            s.closing = Closing::No;
        } else if s.saves_pending == 0 {
            s.closing = Closing::Confirmed;
        }
    }

    /// Puts the saved values back into the window.
    pub fn revert(&mut self) {
        if let Some(saved) = self.state.saved() {
            self.state.draft = saved.clone();
            self.state.notice = None;
            self.state.list_problem = None;
        }
    }

    /// Renders one frame. Used by eframe and by the GUI tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.get().is_none() {
            let _ = self.ctx.set(ctx.clone());
            // A blinking cursor would repaint the idle window twice a second.
            ctx.all_styles_mut(|s| s.visuals.text_cursor.blink = false);
        }
        while let Some(event) = self.worker.try_recv() {
            self.handle(event);
        }
        self.follow_disk();
        if std::mem::take(&mut self.state.check_wanted) {
            self.check();
        }
        self.update_title(&ctx);
        self.handle_close_request(&ctx);

        egui::Panel::top("header").show(ui, |ui| self.header(ui));
        egui::Panel::bottom("status").show(ui, |ui| status_bar::show(self, ui));
        egui::CentralPanel::default().show(ui, |ui| {
            // The tables of the matching tabs scroll themselves (only the rows in sight are laid out).
            let ready = matches!(self.state.config, ConfigState::Ready { .. });
            if self.state.tab == Tab::Settings || !ready {
                egui::ScrollArea::vertical().show(ui, |ui| self.body(ui));
            } else {
                self.body(ui);
            }
        });
        dialogs::close_question(self, &ctx);
        dialogs::confirm(self, &ctx);
        if self.state.closing == Closing::Confirmed {
            self.state.closing = Closing::Closed;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn header(&mut self, ui: &mut egui::Ui) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading(self.texts.get("app-title"));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                // Right to left: the combo box first, so that its label stands before it.
                let mut lang = self.texts.lang();
                let combo = egui::ComboBox::from_id_salt("language")
                    .selected_text(lang.native_name())
                    .show_ui(ui, |ui| {
                        for l in Lang::ALL {
                            ui.selectable_value(&mut lang, l, l.native_name());
                        }
                    });
                let label = ui.label(format!("{}:", self.texts.get("language-label")));
                combo.response.labelled_by(label.id);
                self.set_lang(lang);
            });
        });
        ui.weak(
            self.texts
                .msg(&Msg::new("folder-label").text("path", self.dir.display().to_string())),
        );
        if let Some(demo) = &self.demo {
            let text = self.texts.msg(&demo.banner);
            super::widgets::message(ui, super::widgets::WARNING, text);
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            for tab in Tab::ALL {
                let mut text = self.texts.get(tab.label_id());
                let dirty = match tab {
                    Tab::Settings => self.state.config_dirty(),
                    Tab::Matching => self.state.session.dirty(),
                    Tab::Preview => false,
                };
                if dirty {
                    text.push_str(" *");
                }
                let label = egui::RichText::new(text).size(15.0);
                ui.selectable_value(&mut self.state.tab, tab, label);
            }
        });
        ui.add_space(2.0);
    }

    fn body(&mut self, ui: &mut egui::Ui) {
        dialogs::notices(self, ui);
        match &self.state.config {
            ConfigState::Loading => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(self.texts.get("loading"));
                });
                return;
            }
            ConfigState::LoadFailed(e) => {
                let text = self.texts.msg(&Msg::new("load-failed").text("detail", e));
                super::widgets::message(ui, super::widgets::ERROR, text);
                if ui.button(self.texts.get("button-reload")).clicked() {
                    self.reload();
                }
                return;
            }
            ConfigState::NotUcServer { .. } => {
                dialogs::not_ucserver(self, ui);
                return;
            }
            ConfigState::Broken { error, .. } => {
                dialogs::broken_config(&self.texts, error, ui);
                if ui.button(self.texts.get("button-reload")).clicked() {
                    self.reload();
                }
                return;
            }
            ConfigState::Ready { .. } => {}
        }
        match self.state.tab {
            Tab::Settings => {
                tenant::show(self, ui);
                auth::show(self, ui);
                app_registration::show(self, ui);
                proxy::show(self, ui);
                activation::show(self, ui);
            }
            Tab::Matching => {
                matching::show(self, ui);
                editor::show(self, ui);
            }
            Tab::Preview => preview::show(self, ui),
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let mut title = self.texts.get("app-title");
        if self.state.dirty() {
            title.insert_str(0, "● ");
        }
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        let requested = ctx.input(|i| i.viewport().close_requested());
        let decided = matches!(self.state.closing, Closing::Confirmed | Closing::Closed);
        if requested && self.state.dirty() && !decided {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.request_close();
        }
    }

    /// What the window's close button does: ask when there are unsaved changes.
    pub fn request_close(&mut self) {
        self.state.closing = if self.state.dirty() {
            Closing::Asking
        } else {
            Closing::Confirmed
        };
    }
}

impl eframe::App for PaneApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        PaneApp::ui(self, ui);
    }
}
