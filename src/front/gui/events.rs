//! What the window takes in: the worker's events (the watcher's reports, the timer's check, a
//! folder job's outcome handed over in order with them) and the outcome of the folder's file jobs
//! (reading and saving msteams.cfg and usermatching.csv, the secrets file, the audit trail), the
//! check, the consent and the app registration's run — each where it changes more than its own
//! part — and what the window does when another program changes a file: read it again when the
//! window holds no changes to it, or say that Save will merge.

use super::app::PaneApp;
use super::state::{ConfigConflictView, ConfigState, Notice};
use super::task::{Lost, ended};
use crate::base::i18n::Msg;
use crate::front::worker::{Event, Polled};
use crate::ops::store::{FileKind, Loaded, LoadedConfig, SaveFailure};

/// The local time, to the second, for "changed at".
pub(super) fn now_hms() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

/// Why a file job ended without an outcome.
fn lost(_: Lost) -> Msg {
    Msg::new("internal-error").text("detail", "the job ended without an outcome")
}

impl PaneApp {
    /// Takes one event of the worker into the state.
    pub fn handle(&mut self, event: Event) {
        let s = &mut self.state;
        match event {
            Event::Finished(handover) => {
                // Taken at once: in order with the watcher's reports around it.
                handover.complete();
                self.poll_files();
            }
            Event::OnDisk { file, snapshot } => match file {
                FileKind::Config => s.settings.file.disk = Some(snapshot),
                FileKind::Matching => s.editor.file.disk = Some(snapshot),
                FileKind::Secrets => {}
            },
            Event::Checked(report) => self.checked(*report),
            Event::SecretsLoaded(info) => self.secrets_loaded(*info),
        }
    }

    /// The folder's file jobs that ended: what they read or wrote, taken where it belongs.
    pub(super) fn poll_files(&mut self) {
        self.poll_settings_file();
        self.poll_matching_file();
        let s = &mut self.state;
        match ended(&mut s.auth.secret_job) {
            Some(Ok(Ok(info))) => {
                s.secrets = info;
                s.auth.secret_input.clear();
                s.auth.secret.finish(Ok(()));
                s.auth.check_wanted = true;
                self.audited();
            }
            Some(Ok(Err(e))) => s.auth.secret.finish(Err(e)),
            Some(Err(l)) => s.auth.secret.finish(Err(lost(l))),
            None => {}
        }
        let d = &mut self.state.diagnostics;
        match ended(&mut d.trail_job) {
            Some(Ok((entries, logs))) => {
                d.trail.finish(entries);
                d.logs = Some(logs);
            }
            Some(Err(l)) => d.trail.finish(Err(lost(l))),
            None => {}
        }
        if let Some(result) = ended(&mut d.level_job) {
            let result = result.unwrap_or_else(|l| Err(lost(l)));
            let chosen = result.as_ref().ok().cloned();
            d.log_level_notice = Some(result);
            if let Some(level) = chosen {
                d.log_level = Some(level);
                // The choice is in the audit trail now.
                self.audited();
            }
        }
    }

    /// msteams.cfg (and at start the whole folder) read, read again or saved.
    fn poll_settings_file(&mut self) {
        let s = &mut self.state;
        match ended(&mut s.settings.loading) {
            Some(Ok(Ok(loaded))) => self.folder_loaded(loaded),
            Some(Ok(Err((file, error)))) => self.load_failed(file, error),
            Some(Err(l)) => self.load_failed(FileKind::Config, lost(l)),
            None => {}
        }
        let s = &mut self.state;
        match ended(&mut s.settings.reading) {
            Some(Ok(Ok(loaded))) => {
                s.window.disk_notice = Some(disk_reloaded("msteams.cfg"));
                self.take_config(loaded);
            }
            Some(Ok(Err(error))) => self.load_failed(FileKind::Config, error),
            Some(Err(l)) => self.load_failed(FileKind::Config, lost(l)),
            None => {}
        }
        match ended(&mut self.state.settings.saving) {
            Some(Ok(Ok(saved))) => {
                self.audited();
                self.config_saved(saved);
            }
            Some(Ok(Err(failure))) => self.config_save_failed(failure),
            Some(Err(l)) => self.config_save_failed(SaveFailure::Io(lost(l))),
            None => {}
        }
    }

    /// usermatching.csv read again or saved.
    fn poll_matching_file(&mut self) {
        let m = &mut self.state.editor;
        match ended(&mut m.reading) {
            Some(Ok(Ok(loaded))) => {
                let quietly = m.file.read.progress() == Some(&true);
                m.file.read.clear();
                if quietly {
                    self.state.window.disk_notice = Some(disk_reloaded("usermatching.csv"));
                }
                let path = crate::base::paths::usermatching(&self.dir);
                self.state.editor.reload(path, loaded.as_ref());
            }
            Some(Ok(Err(error))) => self.load_failed(FileKind::Matching, error),
            Some(Err(l)) => self.load_failed(FileKind::Matching, lost(l)),
            None => {}
        }
        match ended(&mut self.state.editor.saving) {
            Some(Ok(Ok(saved))) => {
                self.audited();
                self.state.editor.saved(saved);
                self.state.save_done(true);
            }
            Some(Ok(Err(failure))) => {
                self.state.editor.save_failed(failure);
                self.state.save_done(false);
            }
            Some(Err(l)) => {
                let failure = SaveFailure::Io(lost(l));
                self.state.editor.save_failed(failure);
                self.state.save_done(false);
            }
            None => {}
        }
    }

    /// A file could not be read.
    fn load_failed(&mut self, file: FileKind, error: Msg) {
        let s = &mut self.state;
        match file {
            FileKind::Config => {
                s.settings.file.read.clear();
                s.settings.file.disk = None;
                s.settings.config = ConfigState::LoadFailed(error);
            }
            FileKind::Matching => {
                s.editor.file.read.clear();
                s.editor.file.disk = None;
                s.editor.load_failed(error);
            }
            FileKind::Secrets => s.secrets.error = Some(error),
        }
    }

    /// The pane wrote an audit entry: a list shown is read again, so that it holds the pane's own
    /// new entries (issue 35 §12).
    fn audited(&mut self) {
        if self.state.diagnostics.trail.result().is_some() {
            self.state.diagnostics.load_audit(&self.worker);
        }
    }

    /// What the secrets file holds now.
    fn secrets_loaded(&mut self, info: crate::ops::store::SecretsInfo) {
        let s = &mut self.state;
        // Another program (a script's `consent`, a second window) gave or forgot a consent:
        // the status is checked again, not left at "Auth required" beside the new record.
        // (The window's own consent and app registration check when they end.)
        let busy = s.auth.check.is_running()
            || s.auth.consent.is_running()
            || s.registration.run.is_running();
        if !busy && s.secrets.other_grants(&info) {
            s.auth.check_wanted = true;
        }
        s.secrets = info;
    }

    /// The check, the consent and the app registration's run under way: their progress, and what
    /// they gave. A consent's or a run's end is checked at once (with the settings it was given,
    /// or the run wrote).
    pub(super) fn poll_auth(&mut self) {
        let auth = &mut self.state.auth;
        if let Some(report) = auth.check.follow(&mut auth.check_job) {
            self.checked(report);
        }
        self.poll_consent();
        self.poll_registration();
    }

    fn poll_consent(&mut self) {
        let auth = &mut self.state.auth;
        let Some(job) = &mut auth.consent_job else {
            return;
        };
        if let Some(w) = job.progress() {
            auth.consent.start((w.which, w.url));
            auth.no_browser = w.no_browser;
        }
        let done = match job.poll() {
            Polled::Running => return,
            Polled::Lost => {
                auth.consent_job = None;
                auth.consent.clear();
                return;
            }
            Polled::Done(done) => done,
        };
        auth.consent_job = None;
        auth.consent_which = auth.consent.progress().map(|(which, _)| *which);
        auth.consent.finish(done.outcome);
        auth.consent_checked = false;
        // The texts above the buttons change: the focused one is brought into sight again.
        self.state.window.last_focus = None;
        self.audited();
        // Checked at once (the verdict stays shown meanwhile), so that the secrets file's new
        // record asks for no second check.
        self.state.auth.start_check(&self.worker, done.settings);
        self.secrets_loaded(done.secrets);
    }

    fn poll_registration(&mut self) {
        let s = &mut self.state;
        let Some(job) = &mut s.registration.job else {
            return;
        };
        let (progress, polled) = (job.progress(), job.poll());
        if let Some(p) = progress {
            if p.no_browser.is_some() {
                s.auth.no_browser = p.no_browser.clone();
            }
            s.registration.progress(p);
        }
        let done = match polled {
            Polled::Running => return,
            Polled::Lost => {
                s.registration.job = None;
                s.registration.run.clear();
                return;
            }
            Polled::Done(done) => done,
        };
        s.registration.job = None;
        self.registration_ended(done.ended);
        // The run's own change of u8sClientId: taken without "changed outside", and into unsaved
        // edits without losing them.
        if let Some(config) = done.config {
            self.take_run_config(config);
        }
        self.audited();
        self.secrets_loaded(done.secrets);
        self.state.auth.start_check(&self.worker, done.settings);
    }

    /// All files of the folder as read (at start and after "reload").
    fn folder_loaded(&mut self, loaded: Loaded) {
        self.take_config(loaded.config);
        let s = &mut self.state;
        s.secrets = loaded.secrets;
        match loaded.matching {
            // Unsaved edits of the matching survive a reload of the settings; their save is
            // still merged against the file as the editor loaded it.
            Ok(matching) => {
                if !s.editor.dirty() {
                    s.editor.reload(
                        crate::base::paths::usermatching(&self.dir),
                        matching.as_ref(),
                    );
                }
            }
            // Unreadable (too large, not text, no access): said in the matching tabs, never taken
            // for a missing file; the settings are shown all the same.
            Err(error) => {
                s.editor.file.read.clear();
                s.editor.file.disk = None;
                s.editor.load_failed(error);
            }
        }
        // Check at start, where there is something to check.
        s.auth.check_wanted = s
            .saved()
            .is_some_and(crate::model::config::Settings::is_configured);
    }

    /// msteams.cfg as the save left it: the notice, the values as written, "Save and close".
    fn config_saved(&mut self, saved: crate::ops::store::Saved) {
        let s = &mut self.state;
        // Show the values as written (trimmed, merged), unless more was typed meanwhile.
        let sent_shown = s.settings.save.progress() == Some(&s.settings.draft);
        s.settings.save.clear();
        // What is on disk now is what was just written; the watcher's next report follows.
        s.settings.file.disk = None;
        s.settings.file.outside = false;
        s.window.disk_notice = None;
        s.service.restart_pending(&saved.restart);
        s.settings.notice = Some(if !saved.merged.is_empty() {
            Notice::Merged(saved.merged.clone())
        } else if saved.unchanged {
            Notice::Unchanged
        } else {
            Notice::Saved
        });
        if sent_shown {
            s.settings.draft = saved.settings.clone();
        }
        s.settings.config = ConfigState::Ready {
            snapshot: saved.snapshot,
            saved: saved.settings,
        };
        self.state.save_done(true);
    }

    /// The save of msteams.cfg failed: a conflict to decide, or why.
    fn config_save_failed(&mut self, failure: SaveFailure) {
        self.state.window.show_conflict |= matches!(failure, SaveFailure::Conflict(_));
        let settings = &mut self.state.settings;
        settings.save.clear();
        match failure {
            SaveFailure::Conflict(c) => {
                let picks = vec![None; c.conflicts.len()];
                settings.conflict = Some(ConfigConflictView {
                    conflict: *c,
                    picks,
                });
                settings.notice = None;
            }
            // Changed again between reading and writing: the next Save merges again.
            SaveFailure::ChangedOnDisk { .. } => {
                settings.notice = Some(Notice::Failed(vec![Msg::new("save-changed-again")]));
            }
            other => settings.notice = Some(Notice::Failed(other.msgs())),
        }
        self.state.save_done(false);
    }

    /// A check's report: when and whether the verdict changed (beside "Prüfen"); a consent's
    /// outcome goes once a later check finds another verdict.
    fn checked(&mut self, report: crate::ops::check::Report) {
        let auth = &mut self.state.auth;
        let before = auth.check.result().map(|r| r.verdict.clone());
        let changed = before.as_ref() != Some(&report.verdict);
        let time = now_hms();
        auth.check_note = before.map(|b| match changed {
            false => Msg::new("auth-check-unchanged").text("time", time),
            true => Msg::new("auth-check-changed")
                .text("time", time)
                .reference("before", b.short().id),
        });
        if auth.consent_checked && changed {
            auth.consent.forget();
        }
        if auth.consent.result().is_some() && !auth.consent_checked {
            // The check after a consent adds texts above the buttons (see ConsentEnded), and
            // says where the administrator goes on (issue 35 §4).
            auth.focus_next = true;
            // "… wurde erteilt" goes where this check finds the consent's step not done.
            let secrets = &self.state.secrets;
            let progress = crate::model::status::Progress::of(
                true,
                Some(&report.verdict),
                secrets.consent_stored,
                secrets.admin_consent.is_some(),
            );
            let given = matches!(auth.consent.result(), Some(Ok(_)));
            if given && auth.consent_which.is_some_and(|w| !progress.given(w)) {
                auth.consent.forget();
            }
            self.state.window.last_focus = None;
        }
        // "Gespeichert." is old news once a check finds that something is to be done (issue 35
        // §12): it stood for minutes beside "Zustimmung erneut nötig".
        let settled = matches!(
            report.verdict,
            crate::ops::check::Verdict::Authorized { .. }
        );
        let notice = &mut self.state.settings.notice;
        if changed && !settled && notice.as_ref().is_some_and(Notice::is_done) {
            *notice = None;
        }
        let auth = &mut self.state.auth;
        auth.consent_checked = auth.consent.result().is_some();
        auth.check.finish(report);
    }

    /// The app registration's run ended: how, and what a failed run left.
    fn registration_ended(&mut self, ended: crate::front::worker::RegistrationEnded) {
        use crate::front::worker::RegistrationEnded as E;
        let s = &mut self.state;
        let r = &mut s.registration;
        r.url = None;
        s.auth.no_browser = None;
        s.auth.check.refresh(());
        match ended {
            E::Created(m) | E::Renewed(m) => {
                r.run.finish(Ok(m));
                r.created = None;
            }
            E::Failed { msgs, created } => {
                r.run.finish(Err(msgs));
                r.created = created;
            }
            E::Removed => {
                r.run.finish(Ok(Msg::new("reg-removed")));
                r.created = None;
                r.steps.clear();
            }
            E::Error(msgs) => r.run.finish(Err(msgs)),
        }
    }

    /// msteams.cfg after the app registration's run wrote `u8sClientId`: the new base of the
    /// window; unsaved edits stay, with the new client id where the old one was shown.
    fn take_run_config(&mut self, loaded: LoadedConfig) {
        let s = &mut self.state;
        // The run wrote a key the service reads only at start: the restart notice says so.
        if let (Ok(new), Some(old)) = (&loaded.settings, s.saved()) {
            let changed = crate::model::config::merge::restart_needed(old, new);
            s.service.restart_pending(&changed);
        }
        match (&loaded.settings, s.saved().cloned()) {
            (Ok(new), Some(old)) if s.config_dirty() => {
                if s.settings.draft.client_id == old.client_id {
                    s.settings.draft.client_id = new.client_id.clone();
                }
                s.settings.config = ConfigState::Ready {
                    snapshot: loaded.snapshot,
                    saved: new.clone(),
                };
                s.settings.file.outside = false;
            }
            _ => self.take_config(loaded),
        }
    }

    /// msteams.cfg as read: the window shows its values (a broken file is shown, never written).
    fn take_config(&mut self, loaded: LoadedConfig) {
        let settings = &mut self.state.settings;
        settings.file.read.clear();
        settings.file.outside = false;
        settings.config = match loaded.settings {
            Ok(_) if !loaded.snapshot.exists() => ConfigState::NotUcServer {
                snapshot: loaded.snapshot,
            },
            Ok(values) => {
                settings.draft = values.clone();
                ConfigState::Ready {
                    snapshot: loaded.snapshot,
                    saved: values,
                }
            }
            Err(error) => ConfigState::Broken {
                snapshot: loaded.snapshot,
                error,
            },
        };
    }

    /// Follows what the watcher saw on disk (see [`super::state::Tracked::follow`]); a file to
    /// read again is read at once. Nothing happens while a job on that file is under
    /// way; it is looked at again when the job ended. No I/O here.
    pub(super) fn follow_disk(&mut self) {
        let s = &mut self.state;
        // The app registration's run writes u8sClientId itself; its end brings the file.
        let busy = s.settings.save.is_running() || s.registration.run.is_running();
        let dirty = s.config_dirty();
        let settings = &mut s.settings;
        let outside = settings.file.outside;
        if settings
            .file
            .follow(settings.config.snapshot(), dirty, busy)
        {
            settings.read_again(&self.worker);
        }
        // Changed outside while the window holds changes: the banner comes into sight.
        if settings.file.outside && !outside {
            s.window.show_conflict = true;
        }
        let m = &mut self.state.editor;
        let busy = m.save.is_running() || m.conflict.is_some();
        let dirty = m.dirty();
        if m.file.follow(Some(&m.snapshot), dirty, busy) {
            m.read_again(&self.worker);
        }
    }
}

/// "… was read again at …" for the status line.
fn disk_reloaded(file: &'static str) -> Msg {
    Msg::new("disk-reloaded")
        .text("file", file)
        .text("time", now_hms())
}
