//! What the panels' commands do: the app carries out the commands of a frame — those that need
//! its own resources (the file dialogs, the browser, the texts) or replace it (another folder).
//! Each starts its work on the state part it belongs to.

use super::app::PaneApp;
use super::command::{Command, Run};
use super::state::dialogs::WriteTest;
use super::state::{Closing, PathPrompt};
use crate::base::i18n::{Lang, Texts};
use crate::front::worker::{
    ConsentRequest, FileJob, FileRequest, Polled, RegistrationAction, RegistrationRequest, Source,
};
use crate::ops::check::Which;
use std::path::PathBuf;

impl PaneApp {
    /// Carries out the commands sent in this frame, in the order they were sent; whether there
    /// were any.
    pub(super) fn apply(&mut self) -> bool {
        let mut any = false;
        while let Ok(command) = self.commands.try_recv() {
            self.apply_one(command);
            any = true;
        }
        any
    }

    fn apply_one(&mut self, command: Command) {
        match command {
            Command::PickFolder => self.pick_folder(),
            Command::OpenFolder(dir) => self.open_folder(dir),
            Command::Consent(which) => self.consent(which),
            Command::Registration(run) => self.registration(run),
            Command::SupportBundle => {
                let settings = self.state.saved().cloned();
                let source = Source::Ask {
                    title: self.texts.get("support-create"),
                    dialog: self.dialog(),
                };
                let worker = &self.worker;
                self.state
                    .diagnostics
                    .support_bundle(worker, settings, source);
            }
            Command::FileAsk(job, title) => self.file_job(job, title),
            Command::FileDropped(job, path) => {
                let req = FileRequest {
                    job,
                    source: Source::Path(path),
                };
                self.state.files.start(&self.worker, req);
            }
            Command::ShowTab(tab) => self.state.tab = tab,
            Command::AskWriteTest { id, upn } => {
                self.state.window.dialogs.write_test = Some(WriteTest::new(id, upn));
            }
            Command::SetLang(lang) => self.set_lang(lang),
        }
    }

    /// Opens the UCServer folder `dir` instead: a new worker on it, the state as at start. The
    /// browser and dialogs stay.
    pub(super) fn open_folder(&mut self, dir: PathBuf) {
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
    fn pick_folder(&mut self) {
        self.picking = Some(
            self.worker
                .pick_folder(crate::front::worker::FolderRequest {
                    title: self.texts.get("folder-choose"),
                    dialog: self.dialog(),
                }),
        );
    }

    /// The folder the administrator chose, once chosen: opened; where no dialog could be shown
    /// the path is asked in the window.
    pub(super) fn poll_pick(&mut self) {
        let Some(job) = &mut self.picking else {
            return;
        };
        match job.poll() {
            Polled::Running => {}
            Polled::Done(Ok(Some(dir))) => self.open_folder(dir),
            Polled::Done(Ok(None)) | Polled::Lost => self.picking = None,
            Polled::Done(Err(prompted)) => {
                self.picking = None;
                self.state.window.dialogs.path = Some(PathPrompt::new(prompted));
            }
        }
    }

    /// Gives a consent in the browser with the saved settings.
    fn consent(&mut self, which: Which) {
        let Some(settings) = self.state.saved().cloned() else {
            return;
        };
        let req = ConsentRequest {
            which,
            settings,
            lang: self.texts.lang(),
            browser: self.browser.clone(),
        };
        self.state.auth.start_consent(&self.worker, req);
    }

    /// Starts a run of the app registration with the saved settings.
    fn registration(&mut self, run: Run) {
        let r = &self.state.registration;
        let action = match run {
            Run::Create => {
                let name = match r.name.trim() {
                    "" => self.texts.get("reg-default-name"),
                    n => n.to_owned(),
                };
                RegistrationAction::Create(crate::ops::registration::Options::new(&name, r.kind))
            }
            Run::RemoveCreated => match r.created.clone() {
                Some(created) => RegistrationAction::Remove(created),
                None => return,
            },
            Run::Renew => RegistrationAction::Renew,
        };
        let Some(settings) = self.state.saved().cloned() else {
            return;
        };
        let req = RegistrationRequest {
            action,
            settings,
            lang: self.texts.lang(),
            browser: self.browser.clone(),
        };
        self.state.registration.start(&self.worker, req);
    }

    fn set_lang(&mut self, lang: Lang) {
        if self.texts.lang() != lang {
            self.texts = Texts::new(lang);
        }
    }

    /// What the window's close button does: ask when there are unsaved changes.
    pub fn request_close(&mut self) {
        let dirty = self.state.dirty();
        let w = &mut self.state.window;
        if dirty {
            w.closing = Closing::Asking;
            w.dialogs.close = Some(Default::default());
        } else {
            w.closing = Closing::Confirmed;
        }
    }

    /// Asks the file dialog, then imports or exports (see [`FileJob`]).
    fn file_job(&mut self, job: FileJob, title: String) {
        let source = Source::Ask {
            title,
            dialog: self.dialog(),
        };
        let req = FileRequest { job, source };
        self.state.files.start(&self.worker, req);
    }
}
