//! The authorization panel's state: the consent under way and how it ended, the check, the
//! client secret being typed and stored; the consent's and the check's jobs (followed by the app,
//! which takes their outcome into other parts too).

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::front::worker::{ConsentRequest, Consented, Job, SecretsChange, Waiting, Worker};
use crate::model::config::Settings;
use crate::ops::check::{Report, Which};

/// What the authorization panel shows and edits: the consent under way (its browser and
/// address) and how it ended, the check, the client secret being typed and its storing.
#[derive(Debug, Default)]
pub struct AuthState {
    /// A consent: waiting for the browser (which one, the address it was sent to), then how it
    /// ended.
    pub consent: Task<Result<Msg, Vec<Msg>>, (Which, String)>,
    /// Why the browser did not open for the consent under way.
    pub no_browser: Option<Msg>,
    /// Which consent the last one was (its outcome is shown only while the check agrees).
    pub(in crate::front::gui) consent_which: Option<Which>,
    /// The check after a consent ended: the keyboard focus goes to the next step's button.
    pub(in crate::front::gui) focus_next: bool,
    /// Whether a check followed the last consent (its outcome then goes when the verdict changes).
    pub(in crate::front::gui) consent_checked: bool,
    /// The check with Microsoft: the last report stays shown while a check runs again (the timer's
    /// checks arrive without being asked for).
    pub check: Task<Report>,
    /// A check is due at the next frame (at start, after the secret changed).
    pub(in crate::front::gui) check_wanted: bool,
    /// What the last check said beside "Prüfen" (when; unchanged or what it was before).
    pub check_note: Option<Msg>,
    /// The client secret being typed (never shown again once stored).
    pub secret_input: String,
    /// Storing or removing the client secret, forgetting the consent: how it went.
    pub secret: Task<Result<(), Msg>>,
    /// The consent under way.
    pub(in crate::front::gui) consent_job: Option<Job<Consented, Waiting>>,
    /// The secrets file being changed (the client secret, the consent forgotten).
    pub(in crate::front::gui) secret_job: Option<Job<Result<crate::ops::store::SecretsInfo, Msg>>>,
    /// The check asked for (the timer's come as events).
    pub(in crate::front::gui) check_job: Option<Job<Report>>,
}

impl AuthState {
    /// Checks both consents with the saved `settings` ("Prüfen"); the last verdict stays shown
    /// while it is checked again.
    pub fn start_check(&mut self, worker: &Worker, settings: Settings) {
        self.check.refresh(());
        self.check_job = Some(worker.check(settings));
    }

    /// Gives a consent in the browser.
    pub fn start_consent(&mut self, worker: &Worker, req: ConsentRequest) {
        self.consent.start((req.which, String::new()));
        self.consent_job = Some(worker.consent(req));
    }

    /// Stores the typed client secret (`true`) or removes the stored one (`false`).
    pub fn store_client_secret(&mut self, worker: &Worker, store: bool) {
        let secret = store.then(|| crate::model::secrets::Secret::from(self.secret_input.trim()));
        if secret.as_ref().is_some_and(|s| s.expose().is_empty()) {
            return;
        }
        self.secret.run();
        let change = SecretsChange::ClientSecret(secret);
        self.secret_job = Some(worker.change_secrets(change));
    }

    /// Removes the stored user consent.
    pub fn forget_consent(&mut self, worker: &Worker) {
        self.consent.forget();
        self.secret.run();
        self.secret_job = Some(worker.change_secrets(SecretsChange::ForgetConsent));
    }

    /// "Abbrechen": stops waiting for the browser.
    pub fn cancel_consent(&self) {
        if let Some(job) = &self.consent_job {
            job.cancel();
        }
    }
}
