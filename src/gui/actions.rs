//! What the intents do: the app carries out the intents of a frame — state set, worker commands
//! sent (saves, consents, checks, file jobs, the tenant listing, the service restart).

use super::app::PaneApp;
use super::intent::{Intent, Intents};
use super::state::{Closing, ConfigState, Notice, PathPrompt, Tab};
use crate::config::merge;
use crate::i18n::{Lang, Texts};
use crate::ops::check::Which;
use crate::worker::{
    ConsentRequest, FileJob, FileRequest, Polled, RegistrationAction, RegistrationRequest,
    SaveRequest, SecretsChange, Source,
};
use std::path::PathBuf;

impl PaneApp {
    /// Carries out the intents of a frame, in the order they were pushed.
    pub(super) fn apply(&mut self, intents: Intents) {
        for intent in intents.0 {
            self.apply_one(intent);
        }
    }

    // Over 80 lines on purpose: one arm per intent (35), each a line or a call, so that what a
    // click does is found in one place.
    fn apply_one(&mut self, intent: Intent) {
        match intent {
            Intent::Save => self.save(),
            Intent::Revert => self.revert(),
            Intent::Reload => self.reload(),
            Intent::CreateConfig => self.create_config(),
            Intent::PickFolder => self.pick_folder(),
            Intent::OpenFolder(dir) => self.open_folder(dir),
            Intent::ResolveConfigConflict => self.resolve_config_conflict(),
            Intent::Consent(which) => self.consent(which),
            Intent::CancelConsent => {
                self.state.auth.cancel_consent();
                self.state.registration.cancel();
            }
            Intent::Check => self.check(),
            Intent::StoreSecret => self.store_client_secret(true),
            Intent::RemoveSecret => self.store_client_secret(false),
            Intent::ForgetConsent => self.forget_consent(),
            Intent::CreateApp => {
                let r = &self.state.registration;
                let name = match r.name.trim() {
                    "" => self.texts.get("reg-default-name"),
                    n => n.to_owned(),
                };
                let options = crate::ops::registration::Options::new(&name, r.kind);
                self.registration(RegistrationAction::Create(options));
            }
            Intent::RemoveCreatedApp => {
                if let Some(created) = self.state.registration.created.clone() {
                    self.registration(RegistrationAction::Remove(created));
                }
            }
            Intent::RenewCredential => self.registration(RegistrationAction::Renew),
            Intent::SupportBundle => {
                let source = Source::Ask {
                    title: self.texts.get("support-create"),
                    dialog: self.dialog(),
                };
                self.support_bundle(source);
            }
            Intent::SupportBundleTo(path) => self.support_bundle(Source::Path(path)),
            Intent::LoadAudit => {
                // The list read last stays shown while it is read again.
                let d = &mut self.state.diagnostics;
                d.trail.refresh(());
                d.trail_job = Some(self.worker.load_audit());
            }
            Intent::ReadAgain(file) => self.read_again(file),
            Intent::ChooseLogLevel(level) => {
                let d = &mut self.state.diagnostics;
                d.log_level_notice = None;
                d.level_job = Some(self.worker.choose_log_level(level));
            }
            Intent::SaveMatching => {
                self.save_matching();
            }
            Intent::ReloadMatching => self.reload_matching(),
            Intent::ResolveMatchingConflict => self.resolve_matching_conflict(),
            Intent::FileAsk(job, title) => self.file_job(job, title),
            Intent::FileDropped(job, path) => self.import_path(job, path),
            Intent::SetLang(lang) => self.set_lang(lang),
            Intent::SaveAllThenClose => self.save_all_then_close(),
        }
    }

    /// Writes a support bundle where `source` says, with the saved settings — and without them
    /// where msteams.cfg cannot be used, when support is needed most (issue 34 §14).
    fn support_bundle(&mut self, source: Source) {
        let settings = self.state.saved().cloned();
        let worker = &self.worker;
        self.state
            .diagnostics
            .support_bundle(worker, settings, source);
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
    pub(super) fn pick_folder(&mut self) {
        self.picking = Some(self.worker.pick_folder(crate::worker::FolderRequest {
            title: self.texts.get("folder-choose"),
            dialog: self.dialog(),
        }));
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
                self.state.window.path_prompt = Some(PathPrompt::new(prompted));
            }
        }
    }

    /// Makes the folder a UCServer folder (an empty msteams.cfg) and reads it.
    pub(super) fn create_config(&mut self) {
        self.state.settings.file.read.start(false);
        self.state.settings.loading = Some(self.worker.create_config());
    }

    /// Gives a consent in the browser with the saved settings.
    pub(super) fn consent(&mut self, which: Which) {
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
    pub(super) fn registration(&mut self, action: RegistrationAction) {
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

    /// Stores the typed client secret (`true`) or removes the stored one (`false`).
    pub(super) fn store_client_secret(&mut self, store: bool) {
        let secret =
            store.then(|| crate::secrets::Secret::from(self.state.auth.secret_input.trim()));
        if secret.as_ref().is_some_and(|s| s.expose().is_empty()) {
            return;
        }
        self.state.auth.secret.run();
        let change = SecretsChange::ClientSecret(secret);
        self.state.auth.secret_job = Some(self.worker.change_secrets(change));
    }

    /// Removes the stored user consent.
    pub(super) fn forget_consent(&mut self) {
        self.state.auth.consent.forget();
        self.state.auth.secret.run();
        let change = SecretsChange::ForgetConsent;
        self.state.auth.secret_job = Some(self.worker.change_secrets(change));
    }

    /// Checks both consents with Microsoft ("Prüfen").
    pub(super) fn check(&mut self) {
        if let Some(settings) = self.state.saved().cloned() {
            self.state.auth.start_check(&self.worker, settings);
        }
    }

    pub(super) fn set_lang(&mut self, lang: Lang) {
        if self.texts.lang() != lang {
            self.texts = Texts::new(lang);
        }
    }

    /// Reads a file again that another program changed (the window holds no changes to it; see
    /// [`super::state::Tracked::follow`], which started the reading).
    fn read_again(&mut self, file: crate::store::FileKind) {
        match file {
            crate::store::FileKind::Config => {
                self.state.settings.reading = Some(self.worker.load_config())
            }
            crate::store::FileKind::Matching => {
                self.state.matching.reading = Some(self.worker.load_matching())
            }
            crate::store::FileKind::Secrets => {}
        }
    }

    /// Reads usermatching.csv again; the editor's unsaved changes are dropped, nothing else.
    pub(super) fn reload_matching(&mut self) {
        self.state.matching.file.read.start(false);
        self.state.matching.conflict = None;
        self.state.matching.reading = Some(self.worker.load_matching());
    }

    /// Reads the files again; unsaved changes are dropped.
    pub(super) fn reload(&mut self) {
        self.state.settings.file.read.start(false);
        self.state.settings.notice = None;
        self.state.settings.conflict = None;
        self.state.settings.loading = Some(self.worker.load());
    }

    /// Saves the draft. A change another program made on disk meanwhile is merged (see
    /// [`crate::store::save_config`]); keys changed on both sides come back as a conflict.
    pub(super) fn save(&mut self) {
        let ConfigState::Ready { snapshot, saved } = &self.state.settings.config else {
            return;
        };
        if self.state.settings.save.is_running() {
            return;
        }
        let Ok(valid) = self.state.settings.draft.validate() else {
            self.state.settings.notice = Some(Notice::SaveBlocked);
            return;
        };
        let request = SaveRequest {
            base: snapshot.clone(),
            base_settings: saved.clone(),
            settings: valid,
        };
        let sent = self.state.settings.draft.clone();
        self.state.settings.save.start(sent);
        self.state.settings.saving = Some(self.worker.save_config(request));
    }

    /// "Save and close": saves what is unsaved and closes when every save succeeded.
    pub(super) fn save_all_then_close(&mut self) {
        self.state.window.closing = Closing::SaveThenClose;
        self.state.window.saves_pending = 0;
        if self.state.config_dirty() {
            self.save();
            if self.state.settings.notice == Some(Notice::SaveBlocked) {
                self.state.window.closing = Closing::No;
                return;
            }
            self.state.window.saves_pending += 1;
        }
        if self.state.matching.dirty() {
            if !self.save_matching() {
                self.state.window.closing = Closing::No;
                self.state.tab = Tab::Matching;
                return;
            }
            self.state.window.saves_pending += 1;
        }
        if self.state.window.saves_pending == 0 {
            self.state.window.closing = Closing::Confirmed;
        }
    }

    /// A save ended: for "Save and close", close after the last one, stay after a failure.
    pub(super) fn save_done(&mut self, ok: bool) {
        let s = &mut self.state;
        if s.window.closing != Closing::SaveThenClose {
            return;
        }
        s.window.saves_pending = s.window.saves_pending.saturating_sub(1);
        if !ok {
            s.window.closing = Closing::No;
        } else if s.window.saves_pending == 0 {
            s.window.closing = Closing::Confirmed;
        }
    }

    /// Puts the saved values back into the window.
    pub(super) fn revert(&mut self) {
        if let Some(saved) = self.state.saved() {
            self.state.settings.draft = saved.clone();
            self.state.settings.notice = None;
            self.state.activation.problem = None;
        }
    }

    /// What the window's close button does: ask when there are unsaved changes.
    pub fn request_close(&mut self) {
        self.state.window.closing = if self.state.dirty() {
            Closing::Asking
        } else {
            Closing::Confirmed
        };
    }

    /// Asks the file dialog, then imports or exports (see [`FileJob`]).
    pub(super) fn file_job(&mut self, job: FileJob, title: String) {
        let source = Source::Ask {
            title,
            dialog: self.dialog(),
        };
        let worker = &self.worker;
        self.state
            .matching
            .start_file(worker, FileRequest { job, source });
    }

    /// Does the file job with `path` (a file dropped on the window, or a path typed where no
    /// dialog could be shown).
    fn import_path(&mut self, job: FileJob, path: PathBuf) {
        let source = Source::Path(path);
        let worker = &self.worker;
        self.state
            .matching
            .start_file(worker, FileRequest { job, source });
    }

    /// Saves the edited usermatching.csv (see [`super::session::MatchingSession::save`]);
    /// returns whether a save was sent.
    pub(super) fn save_matching(&mut self) -> bool {
        self.state.matching.save(&self.worker)
    }

    /// Takes the decisions of a line conflict and saves the merge.
    pub(super) fn resolve_matching_conflict(&mut self) {
        if self.state.matching.resolve_conflict() {
            self.save_matching();
        }
    }

    /// Takes the decisions of a conflict of msteams.cfg: the file as it is now becomes the base,
    /// the window holds the merge with the picked values, and it is saved — unless every pick was
    /// the file's and nothing else differs, which is said as such.
    pub(super) fn resolve_config_conflict(&mut self) {
        let Some(view) = self.state.settings.conflict.take() else {
            return;
        };
        let c = view.conflict;
        let mut draft = c.merged.clone();
        for (conflict, pick) in c.conflicts.iter().zip(&view.picks) {
            if *pick == Some(false) {
                merge::take(&mut draft, &c.theirs, conflict.field);
            }
        }
        let nothing_to_write = draft == c.theirs;
        self.state.settings.config = ConfigState::Ready {
            snapshot: c.snapshot,
            saved: c.theirs,
        };
        self.state.settings.draft = draft;
        self.state.settings.notice = nothing_to_write.then_some(Notice::TookFile);
        if !nothing_to_write {
            self.save();
        }
    }
}
