//! msteams.cfg's part of the window: what its panels start on it — saving the draft, reading the
//! folder again, creating the file, reading it again after another program changed it, taking
//! the decisions of a conflict. Each returns at once; the job's outcome is taken by the app
//! (`events.rs`), which shows it in other parts too.

use super::{ConfigState, Notice, SettingsFile};
use crate::front::worker::{SaveRequest, Worker};
use crate::model::config::merge;

impl SettingsFile {
    /// The values saved in msteams.cfg, when it is loaded.
    pub fn saved(&self) -> Option<&crate::model::config::Settings> {
        match &self.config {
            ConfigState::Ready { saved, .. } => Some(saved),
            _ => None,
        }
    }

    /// Saves the draft. A change another program made on disk meanwhile is merged (see
    /// [`crate::ops::store::save_config`]); keys changed on both sides come back as a conflict.
    pub fn save(&mut self, worker: &Worker) {
        let ConfigState::Ready { snapshot, saved } = &self.config else {
            return;
        };
        if self.save.is_running() {
            return;
        }
        let Ok(valid) = self.draft.validate() else {
            self.notice = Some(Notice::SaveBlocked);
            return;
        };
        let request = SaveRequest {
            base: snapshot.clone(),
            base_settings: saved.clone(),
            settings: valid,
        };
        self.save.start(self.draft.clone());
        self.saving = Some(worker.save_config(request));
    }

    /// Reads the folder's files again; unsaved changes are dropped.
    pub fn reload(&mut self, worker: &Worker) {
        self.file.read.start(false);
        self.notice = None;
        self.conflict = None;
        self.loading = Some(worker.load());
    }

    /// Makes the folder a UCServer folder (an empty msteams.cfg) and reads it.
    pub fn create_config(&mut self, worker: &Worker) {
        self.file.read.start(false);
        self.loading = Some(worker.create_config());
    }

    /// Reads msteams.cfg again that another program changed (the window holds no changes to
    /// it; see [`super::Tracked::follow`], which started the reading).
    pub fn read_again(&mut self, worker: &Worker) {
        self.reading = Some(worker.load_config());
    }

    /// Takes the decisions of a conflict: the file as it is now becomes the base, the window
    /// holds the merge with the picked values, and it is saved — unless every pick was the
    /// file's and nothing else differs, which is said as such.
    pub fn resolve_conflict(&mut self, worker: &Worker) {
        let Some(view) = self.conflict.take() else {
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
        self.config = ConfigState::Ready {
            snapshot: c.snapshot,
            saved: c.theirs,
        };
        self.draft = draft;
        self.notice = nothing_to_write.then_some(Notice::TookFile);
        if !nothing_to_write {
            self.save(worker);
        }
    }
}
