//! "App-Registrierung anlegen"'s state: the form, the run, its steps, what it left.

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::front::worker::{
    Job, RegistrationAction, RegistrationRequest, RunEnded, RunProgress, Worker,
};
use crate::ops::registration::{CredentialKind, StepState};

/// "App-Registrierung anlegen": the form, the run's steps, how it ended, what exists.
#[derive(Debug, Default)]
pub struct RegistrationView {
    /// The display name typed (empty: the default name).
    pub name: String,
    pub kind: CredentialKind,
    /// The run: under way, then how it ended.
    pub run: Task<Result<Msg, Vec<Msg>>>,
    pub steps: Vec<(crate::ops::registration::Step, StepState)>,
    /// The address the browser was sent to last.
    pub url: Option<String>,
    /// What a failed run left in Entra ID (removable with one click).
    pub created: Option<Box<crate::ops::registration::Created>>,
    /// Open the manual registration's help and bring it into sight (from the authorization).
    pub show_help: bool,
    /// The PowerShell script of the manual path, and the saved settings and app name it was made
    /// for (made again only when they change, not every frame).
    pub script: Option<((crate::model::config::Settings, String), String)>,
    /// The run under way (followed by the app: its end reaches msteams.cfg and the check).
    pub(in crate::front::gui) job: Option<Job<RunEnded, RunProgress>>,
}

impl RegistrationView {
    /// Starts a run (a new registration starts with no steps shown).
    pub fn start(&mut self, worker: &Worker, req: RegistrationRequest) {
        self.run.run();
        if matches!(req.action, RegistrationAction::Create(_)) {
            self.steps.clear();
        }
        self.job = Some(worker.registration(req));
    }

    /// "Abbrechen": stops waiting for the browser.
    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// How far the run is: its steps, the browser's address.
    pub(in crate::front::gui) fn progress(&mut self, p: RunProgress) {
        for (step, state) in p.steps {
            match self.steps.iter_mut().find(|(s, _)| *s == step) {
                Some(entry) => entry.1 = state,
                None => self.steps.push((step, state)),
            }
        }
        if p.url.is_some() {
            self.url = p.url;
        }
    }
}
