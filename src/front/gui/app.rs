//! The application: the worker, the runtime resources (browser, file dialogs, the demo) and the
//! frame — events and the jobs' outcomes taken in, the panels drawn with a [`Panel`], their
//! commands carried out.

use super::command::{Command, CommandSender, Panel, TabCtx};
use super::state::{Closing, ConfigState, PaneState, Tab};
use super::{
    activation, auth, client_secret, create_app, header, notices, proxy, status_bar, tenant,
};
use crate::base::i18n::{Lang, Msg, Texts};
use crate::front::file_dialog::{FileDialog, NativeDialog};
use crate::front::worker::{FileJob, FileRequest, Prompted, Source, Worker};
use crate::microsoft::browser::{Browser, SystemBrowser};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// How often at most a running read's progress is drawn.
const PROGRESS_FRAME: std::time::Duration = std::time::Duration::from_millis(250);

/// The application: texts, the worker and the state.
pub struct PaneApp {
    pub texts: Texts,
    pub dir: PathBuf,
    pub(super) check_every: std::time::Duration,
    pub state: PaneState,
    pub(super) worker: Worker,
    pub(super) ctx: Arc<OnceLock<egui::Context>>,
    title: String,
    /// The running demo (emulator and temporary folder), kept alive with the window.
    demo: Option<super::DemoWindow>,
    /// Where consents are opened (the system browser; a stand-in in tests).
    pub(super) browser: Arc<dyn Browser>,
    /// The file dialogs (native; fixed answers in tests).
    pub(super) dialog: Arc<dyn FileDialog>,
    /// Where the panels send their commands, and the app's end (see [`super::command`]).
    send: CommandSender,
    pub(super) commands: std::sync::mpsc::Receiver<Command>,
    /// "Anderen Ordner wählen …": the folder dialog open.
    pub(super) picking: Option<crate::front::worker::Job<Result<Option<PathBuf>, Prompted>>>,
}

impl PaneApp {
    /// Starts the worker and asks it to load the UCServer folder `dir`.
    pub fn new(dir: PathBuf, lang: Lang) -> Self {
        Self::with_check_interval(dir, lang, crate::front::worker::CHECK_EVERY)
    }

    /// Like [`Self::new`], checking the consents every `check_every`.
    pub fn with_check_interval(dir: PathBuf, lang: Lang, check_every: std::time::Duration) -> Self {
        let ctx: Arc<OnceLock<egui::Context>> = Arc::default();
        let notify_ctx = ctx.clone();
        let worker = Worker::start_with(dir.clone(), check_every, move |progress| {
            match notify_ctx.get() {
                // A running read's progress is drawn at most four times a second (issue 35 §1).
                Some(ctx) if progress => ctx.request_repaint_after(PROGRESS_FRAME),
                Some(ctx) => ctx.request_repaint(),
                None => {}
            }
        });
        let (send, commands) = CommandSender::new();
        let mut state = PaneState::new(crate::base::paths::usermatching(&dir));
        state.settings.loading = Some(worker.load());
        // The tenant kept (issue 38): shown at once where young, then read again.
        state.preview.tenant.start = Some(worker.kept_at_start());
        Self {
            texts: Texts::new(lang),
            dir,
            check_every,
            state,
            worker,
            ctx,
            title: String::new(),
            demo: None,
            browser: Arc::new(SystemBrowser),
            dialog: Arc::new(NativeDialog),
            send,
            commands,
            picking: None,
        }
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

    /// Opens consents in `browser` instead of the system browser.
    pub fn with_browser(mut self, browser: Arc<dyn Browser>) -> Self {
        self.browser = browser;
        self
    }

    /// Runs on the demo: says so at the top of the window.
    pub fn with_demo(mut self, demo: super::DemoWindow) -> Self {
        let users = demo.users.clone();
        self.demo = Some(demo);
        self.with_users(users)
    }

    /// Imports the UCServer user export at `path` at start (the demo's sample, a bench's).
    pub fn with_users(mut self, path: PathBuf) -> Self {
        self.state.files.start(
            &self.worker,
            FileRequest {
                job: FileJob::ImportUcUsers,
                source: Source::Path(path),
            },
        );
        self
    }

    /// Renders one frame. Used by eframe and by the GUI tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.get().is_none() {
            let _ = self.ctx.set(ctx.clone());
            // A blinking cursor would repaint the idle window twice a second.
            ctx.all_styles_mut(|s| {
                s.visuals.text_cursor.blink = false;
                super::widgets::readable(&mut s.visuals);
            });
        }
        // What asked for this frame (an idle window draws none): for support, at trace level.
        tracing::trace!(
            pass = ctx.cumulative_pass_nr(),
            causes = ?ctx.repaint_causes(),
            "frame"
        );
        while let Some(event) = self.worker.try_recv() {
            self.handle(event);
        }
        // The features' work under way: its progress and what it gave.
        self.state.poll();
        self.poll_auth();
        self.poll_files();
        self.poll_pick();
        self.follow_disk();
        if std::mem::take(&mut self.state.auth.check_wanted) {
            self.state.check(&self.worker);
        }
        self.update_title(&ctx);
        self.handle_close_request(&ctx);

        let started = self.worker.started();
        keyboard(&ctx, &mut self.state, &self.worker);
        if let Some(tab) = tab_keys(&ctx, self.state.tab) {
            self.state.tab = tab;
        }
        let banner = self.demo.as_ref().map(|d| &d.banner);
        let mut p = Panel {
            t: &self.texts,
            state: &mut self.state,
            dir: &self.dir,
            worker: &self.worker,
            send: &self.send,
        };
        egui::Panel::top("header").show(ui, |ui| header::show(&mut p, banner, ui));
        egui::Panel::bottom("status").show(ui, |ui| status_bar::show(&mut p, ui));
        egui::CentralPanel::default().show(ui, |ui| {
            // The tables of the matching tabs scroll themselves (only the rows in sight are laid out).
            let ready = matches!(p.state.settings.config, ConfigState::Ready { .. });
            if p.state.tab == Tab::Settings || !ready {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    // Lines of text that a wide screen would stretch past reading stay readable.
                    ui.set_max_width(ui.available_width().min(super::widgets::READABLE_WIDTH));
                    body(&mut p, ui);
                    follow_focus(&mut p, ui);
                });
            } else {
                body(&mut p, ui);
            }
        });
        let mut dialogs = std::mem::take(&mut p.state.window.dialogs);
        dialogs.show(&mut p, &ctx);
        p.state.window.dialogs.restore(dialogs);
        // What the commands and the work started change is drawn in the next frame.
        let sent = self.apply();
        if sent || self.worker.started() != started {
            ctx.request_repaint();
        }
        if self.state.window.closing == Closing::Confirmed {
            self.state.window.closing = Closing::Closed;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
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
        let decided = matches!(
            self.state.window.closing,
            Closing::Confirmed | Closing::Closed
        );
        if requested && self.state.dirty() && !decided {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.request_close();
        }
    }
}

/// The window's keys: Ctrl+S saves the tab's file (msteams.cfg on the settings, usermatching.csv
/// on the matching tabs); Escape stops waiting for the browser (a question open takes Escape
/// itself: egui's modal closes on it).
fn keyboard(ctx: &egui::Context, s: &mut PaneState, worker: &Worker) {
    let save = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
    if ctx.input_mut(|i| i.consume_shortcut(&save)) {
        match s.tab {
            Tab::Settings if s.config_dirty() && !s.settings.save.is_running() => {
                s.settings.save(worker)
            }
            Tab::Matching | Tab::Preview if s.editor.dirty() && !s.editor.save.is_running() => {
                s.editor.save(worker);
            }
            _ => {}
        }
    }
    let modal_open = s.window.dialogs.take_escape();
    let waiting = s.auth.consent.is_running() || s.registration.run.is_running();
    if waiting && !modal_open && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        s.cancel_browser_waits();
    }
}

/// Ctrl+PageDown and Ctrl+PageUp: the next and the previous tab (as in browsers and Windows'
/// property sheets), round.
fn tab_keys(ctx: &egui::Context, now: Tab) -> Option<Tab> {
    let (next, previous) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::COMMAND, egui::Key::PageDown),
            i.consume_key(egui::Modifiers::COMMAND, egui::Key::PageUp),
        )
    });
    let at = Tab::ALL.iter().position(|t| *t == now)?;
    let n = Tab::ALL.len();
    match (next, previous) {
        (true, false) => Some(Tab::ALL[(at + 1) % n]),
        (false, true) => Some(Tab::ALL[(at + n - 1) % n]),
        _ => None,
    }
}

/// Keeps the widget that took the keyboard focus in sight: Tab into a field scrolled out of view
/// scrolls it in (called inside the scroll area, after its content).
fn follow_focus(p: &mut Panel, ui: &mut egui::Ui) {
    let focused = ui.ctx().memory(|m| m.focused());
    if focused == p.state.window.last_focus {
        return;
    }
    p.state.window.last_focus = focused;
    if let Some(r) = focused.and_then(|id| ui.ctx().read_response(id)) {
        ui.scroll_to_rect(r.rect, None);
    }
}

/// The central panel: the notices, then what the folder's state allows — the tab's panels once
/// msteams.cfg is read.
fn body(p: &mut Panel, ui: &mut egui::Ui) {
    notices::notices(p, ui);
    let t = p.t;
    match &p.state.settings.config {
        ConfigState::Loading => {
            ui.horizontal(|ui| {
                super::widgets::busy(ui, "loading");
                ui.label(t.get("loading"));
            });
            return;
        }
        ConfigState::LoadFailed(e) => {
            let text = t.msg(&Msg::new("load-failed").inner("detail", e.clone()));
            super::widgets::message(ui, super::widgets::ERROR, text);
            if ui.button(t.get("button-reload")).clicked() {
                p.state.settings.reload(p.worker);
            }
            let c = tab_ctx(p);
            p.state.diagnostics.bundle_only(&c, ui);
            return;
        }
        ConfigState::NotUcServer { .. } => {
            notices::not_ucserver(p, ui);
            return;
        }
        ConfigState::Broken { error, .. } => {
            notices::broken_config(t, error, ui);
            if ui.button(t.get("button-reload")).clicked() {
                p.state.settings.reload(p.worker);
            }
            let c = tab_ctx(p);
            p.state.diagnostics.bundle_only(&c, ui);
            return;
        }
        ConfigState::Ready { .. } => {}
    }
    match p.state.tab {
        Tab::Settings => {
            tenant::show(p.t, &mut p.state.settings.draft, ui);
            auth::show(p, ui);
            create_app::show(p, ui);
            client_secret::show(p, ui);
            proxy::show(p.t, &mut p.state.settings.draft, ui);
            activation::show(p, ui);
            p.state.watch.show(p.t, p.worker, ui);
            let c = tab_ctx(p);
            let s = &mut *p.state;
            s.diagnostics.show(&c, s.settings.saved(), ui);
        }
        Tab::Matching => {
            let c = tab_ctx(p);
            p.state.editor.show(&c, ui);
        }
        Tab::Preview => {
            let c = tab_ctx(p);
            let s = &mut *p.state;
            let activation = &s.settings.draft.activation;
            s.preview
                .show(&c, &mut s.editor, s.settings.saved(), activation, ui);
        }
    }
}

/// What the matching tabs and the sections that draw themselves draw with besides their state.
fn tab_ctx<'a>(p: &Panel<'a>) -> TabCtx<'a> {
    TabCtx {
        t: p.t,
        worker: p.worker,
        send: p.send,
        file_busy: p.state.files.is_running(),
    }
}

impl eframe::App for PaneApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        PaneApp::ui(self, ui);
    }
}
