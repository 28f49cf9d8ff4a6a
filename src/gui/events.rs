//! The worker's events taken into the pane's state, and what the window does when another program
//! changes a file: read it again when the window holds no changes to it, or say that Save will
//! merge.

use super::app::PaneApp;
use super::state::{ConfigConflictView, ConfigState, Notice};
use crate::i18n::Msg;
use crate::store::{FileKind, LoadedConfig, SaveFailure};
use crate::worker::{Event, FolderJob};

/// The local time, to the second, for "changed at".
pub(super) fn now_hms() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

impl PaneApp {
    /// Takes one event of the worker into the state.
    pub fn handle(&mut self, event: Event) {
        let saved_matching = match &event {
            Event::MatchingSaved(_) => Some(true),
            Event::MatchingSaveFailed(_) => Some(false),
            _ => None,
        };
        if let Some(ok) = saved_matching {
            self.save_done(ok);
        }
        // The summary of the file as saved follows a save from the editor.
        if let Event::MatchingSaved(saved) = &event {
            self.state.matching = Some(saved.loaded.clone());
            self.state.matching_notice = None;
        }
        let Some(event) = self.state.session.handle(event) else {
            return;
        };
        let s = &mut self.state;
        match event {
            Event::FolderLoaded(loaded) => {
                s.jobs.loading = false;
                s.matching_notice = None;
                let loaded = *loaded;
                self.take_config(loaded.config);
                let s = &mut self.state;
                s.secrets = loaded.secrets;
                match loaded.matching {
                    // Unsaved edits of the matching survive a reload of the settings; their save
                    // is still merged against the file as the editor loaded it.
                    Ok(matching) => {
                        if !s.session.dirty() {
                            let path = crate::paths::usermatching(&self.dir);
                            s.session.reload(path, matching.as_ref());
                        }
                        s.matching = matching;
                    }
                    // Unreadable (too large, not text, no access): said in the matching tabs,
                    // never taken for a missing file; the settings are shown all the same.
                    Err(error) => {
                        s.session.loading = false;
                        s.session.disk = None;
                        s.session.load_failed(error);
                        s.matching = None;
                    }
                }
                // Check at start, where there is something to check.
                s.check_wanted = s
                    .saved()
                    .is_some_and(crate::config::Settings::is_configured);
            }
            Event::ConfigLoaded(loaded) => {
                s.jobs.loading = false;
                let m = Msg::new("disk-reloaded")
                    .text("file", "msteams.cfg")
                    .text("time", now_hms());
                s.disk_notice = Some(m);
                self.take_config(*loaded);
            }
            Event::LoadFailed { file, error } => match file {
                FileKind::Config => {
                    s.jobs.loading = false;
                    s.disk_config = None;
                    s.config = ConfigState::LoadFailed(error);
                }
                FileKind::Matching => {
                    s.session.loading = false;
                    s.session.disk = None;
                    s.session.load_failed(error);
                }
                FileKind::Secrets => s.secrets.error = Some(self.texts.msg(&error)),
            },
            Event::FolderPicked(Some(dir)) => self.open_folder(dir),
            Event::FolderPicked(None) => {}
            Event::OnDisk { file, snapshot } => match file {
                FileKind::Config => s.disk_config = Some(snapshot),
                FileKind::Matching => s.session.disk = Some(snapshot),
                FileKind::Secrets => {}
            },
            Event::ConfigSaved(saved) => {
                s.jobs.saving_config = false;
                // What is on disk now is what was just written; the watcher's next report follows.
                s.disk_config = None;
                s.disk_notice = None;
                s.restart_pending |= saved.proxy_changed;
                s.outside_config = false;
                s.notice = Some(if !saved.merged.is_empty() {
                    Notice::Merged(saved.merged.clone())
                } else if saved.unchanged {
                    Notice::Unchanged
                } else {
                    Notice::Saved
                });
                // Show the values as written (trimmed, merged), unless more was typed meanwhile.
                if s.sent.take().as_ref() == Some(&s.draft) {
                    s.draft = saved.settings.clone();
                }
                s.config = ConfigState::Ready {
                    snapshot: saved.snapshot,
                    saved: saved.settings,
                };
                self.save_done(true);
            }
            Event::ConfigSaveFailed(failure) => {
                s.jobs.saving_config = false;
                s.sent = None;
                match *failure {
                    SaveFailure::Conflict(c) => {
                        let picks = vec![None; c.conflicts.len()];
                        s.config_conflict = Some(ConfigConflictView {
                            conflict: *c,
                            picks,
                        });
                        s.notice = None;
                    }
                    // Changed again between reading and writing: the next Save merges again.
                    SaveFailure::ChangedOnDisk => {
                        s.notice = Some(Notice::Failed(vec![Msg::new("save-changed-again")]));
                    }
                    other => s.notice = Some(Notice::Failed(other.msgs())),
                }
                self.save_done(false);
            }
            Event::ConsentWaiting { which, url } => {
                s.consent_waiting = Some((which, url));
                s.consent_no_browser = None;
            }
            Event::ConsentNoBrowser(m) => s.consent_no_browser = Some(m),
            Event::RegistrationStep(step, state) => {
                let steps = &mut s.registration.steps;
                match steps.iter_mut().find(|(st, _)| *st == step) {
                    Some(entry) => entry.1 = state,
                    None => steps.push((step, state)),
                }
            }
            Event::RegistrationUrl(url) => s.registration.url = Some(url),
            Event::Diagnosed(hosts, report) => {
                s.audit.diagnosing = false;
                s.audit.diagnosis = Some(super::state::Diagnosis {
                    hosts,
                    verdict: report.verdict.msg(),
                    steps: report.steps,
                });
            }
            Event::BundleWritten(result) => {
                s.audit.bundling = false;
                s.audit.bundle = result;
            }
            Event::AuditLoaded(entries, logs) => {
                s.audit.loading = false;
                s.audit.entries = Some(entries);
                s.audit.logs = Some(logs);
            }
            Event::LogLevelChosen(result) => {
                let chosen = result.as_ref().ok().cloned();
                s.audit.log_level_notice = Some(result);
                if let Some(level) = chosen {
                    s.audit.log_level = Some(level);
                    // The choice is in the audit trail now.
                    if s.audit.entries.is_some() {
                        s.audit.loading = true;
                        self.send(FolderJob::LoadAudit);
                    }
                }
            }
            Event::DialogUnavailable(job) => {
                s.session.dialog_open = false;
                s.path_prompt = Some(super::state::PathPrompt {
                    job: *job,
                    path: String::new(),
                });
            }
            Event::RegistrationEnded { ended, config } => {
                use crate::worker::RegistrationEnded as E;
                let r = &mut s.registration;
                r.running = false;
                r.url = None;
                s.consent_no_browser = None;
                s.checking = true;
                match ended {
                    E::Created(m) | E::Renewed(m) => {
                        r.outcome = Some(Ok(m));
                        r.created = None;
                    }
                    E::Failed { msgs, created } => {
                        r.outcome = Some(Err(msgs));
                        r.created = created;
                    }
                    E::Removed => {
                        r.outcome = Some(Ok(Msg::new("reg-removed")));
                        r.created = None;
                        r.steps.clear();
                    }
                    E::Error(msgs) => r.outcome = Some(Err(msgs)),
                }
                // The run's own change of u8sClientId: taken without "changed outside", and
                // into unsaved edits without losing them.
                if let Some(config) = config {
                    self.take_run_config(*config);
                }
            }
            Event::ConsentEnded(result) => {
                s.consent_waiting = None;
                s.consent_result = Some(result);
                s.consent_checked = false;
                s.checking = true;
            }
            Event::SecretsChanged(info) => {
                s.jobs.secrets = false;
                s.secrets = *info;
                s.secret_input.clear();
                s.secret_notice = Some(Ok(()));
                s.check_wanted = true;
            }
            Event::SecretsFailed(e) => {
                s.jobs.secrets = false;
                s.secret_notice = Some(Err(e));
            }
            Event::SecretsLoaded(info) => s.secrets = *info,
            Event::Checked(report) => {
                s.checking = false;
                let before = s.report.as_ref().map(|r| r.verdict.clone());
                let changed = before.as_ref() != Some(&report.verdict);
                // "Prüfen" answers: when, and whether the verdict changed.
                let time = now_hms();
                s.check_note = before.map(|b| match changed {
                    false => Msg::new("auth-check-unchanged").text("time", time),
                    true => Msg::new("auth-check-changed")
                        .text("time", time)
                        .reference("before", b.short().id),
                });
                // A consent's outcome goes once a later check finds another verdict.
                if s.consent_checked && changed {
                    s.consent_result = None;
                }
                s.consent_checked = s.consent_result.is_some();
                s.report = Some(*report);
            }
            Event::MatchingLoaded(loaded) => {
                let path = crate::paths::usermatching(&self.dir);
                s.session.loading = false;
                if std::mem::take(&mut s.session.reload_quietly) {
                    let m = Msg::new("disk-reloaded")
                        .text("file", "usermatching.csv")
                        .text("time", now_hms());
                    s.disk_notice = Some(m);
                }
                s.session.reload(path, loaded.as_deref());
                s.matching = loaded.map(|l| *l);
                s.matching_notice = None;
            }
            Event::MatchingRepaired(loaded) => {
                s.jobs.repairing = false;
                let path = crate::paths::usermatching(&self.dir);
                s.session.reload(path, Some(&loaded));
                s.matching = Some(*loaded);
                s.matching_notice = Some(Ok(()));
            }
            Event::MatchingRepairFailed(failure) => {
                s.jobs.repairing = false;
                s.matching_notice = Some(Err(match *failure {
                    SaveFailure::ChangedOnDisk => vec![Msg::new("matching-changed")],
                    other => other.msgs(),
                }));
            }
            // Handled by the session above.
            Event::MatchingSaved(_)
            | Event::MatchingSaveFailed(_)
            | Event::RowsImported { .. }
            | Event::UcUsersImported { .. }
            | Event::Exported { .. }
            | Event::DialogCancelled
            | Event::FileFailed { .. }
            | Event::TenantProgress(_)
            | Event::TenantListed(_)
            | Event::TenantFailed(_)
            | Event::PreviewComputed { .. }
            | Event::PresenceRead(_)
            | Event::PresenceWritten(_) => {}
            Event::ServiceFound { found, remembered } => {
                s.service = super::state::ServiceRestart::found(found, remembered);
            }
            Event::ServiceStep(step) => s.service.step(step),
            Event::ServiceRestarted { name, result } => match result {
                Ok(()) => {
                    s.service = Default::default();
                    s.restart_pending = false;
                    s.notice = Some(Notice::Restarted(name));
                }
                Err(e) => s.service = super::state::ServiceRestart::failed(name, &e),
            },
        }
    }

    /// msteams.cfg as read: the window shows its values (a broken file is shown, never written).
    /// msteams.cfg after the app registration's run wrote `u8sClientId`: the new base of the
    /// window; unsaved edits stay, with the new client id where the old one was shown.
    fn take_run_config(&mut self, loaded: LoadedConfig) {
        let s = &mut self.state;
        match (&loaded.settings, s.saved().cloned()) {
            (Ok(new), Some(old)) if s.config_dirty() => {
                if s.draft.client_id == old.client_id {
                    s.draft.client_id = new.client_id.clone();
                }
                s.config = ConfigState::Ready {
                    snapshot: loaded.snapshot,
                    saved: new.clone(),
                };
                s.outside_config = false;
            }
            _ => self.take_config(loaded),
        }
    }

    fn take_config(&mut self, loaded: LoadedConfig) {
        let s = &mut self.state;
        s.outside_config = false;
        s.config = match loaded.settings {
            Ok(_) if !loaded.snapshot.exists() => ConfigState::NotUcServer {
                snapshot: loaded.snapshot,
            },
            Ok(settings) => {
                s.draft = settings.clone();
                ConfigState::Ready {
                    snapshot: loaded.snapshot,
                    saved: settings,
                }
            }
            Err(error) => ConfigState::Broken {
                snapshot: loaded.snapshot,
                error,
            },
        };
    }

    /// Follows what the watcher saw on disk: a file the window holds no changes to is read again
    /// quietly; one with unsaved changes gets a banner (Save merges). Nothing happens while a job
    /// on that file is under way; it is looked at again when the job ended. No I/O here.
    pub(super) fn follow_disk(&mut self) {
        let s = &mut self.state;
        // The app registration's run writes u8sClientId itself; its end brings the file.
        if let Some(disk) = &s.disk_config
            && !s.jobs.loading
            && !s.jobs.saving_config
            && !s.registration.running
        {
            let known = s.config.snapshot().map(|k| k.fingerprint);
            if known == Some(disk.fingerprint) {
                s.outside_config = false;
            } else if s.config_dirty() {
                s.outside_config = true;
            } else {
                s.jobs.loading = true;
                self.send(FolderJob::LoadConfig);
            }
        }
        let s = &mut self.state;
        let m = &mut s.session;
        if let Some(disk) = &m.disk
            && !m.loading
            && !m.saving
            && m.conflict.is_none()
        {
            if m.snapshot.fingerprint == disk.fingerprint {
                m.outside = false;
            } else if m.dirty() {
                m.outside = true;
            } else {
                m.loading = true;
                m.reload_quietly = true;
                self.send(FolderJob::LoadMatching);
            }
        }
    }
}
