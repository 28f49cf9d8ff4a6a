//! What a feature of the window starts in the background: each method runs one piece of work as a
//! task of its own and returns the [`Job`] the feature's state polls (see `job.rs`). Dropping the
//! handle cancels the work (a listing, the live presence read); a new run replaces the old one by
//! replacing its handle.

use super::job::{self, Job, Reply};
use super::registration_jobs::{RegistrationRequest, RunEnded, RunProgress};
use super::watch_jobs::{WatchJob, WatchView};
use super::{
    BundleRequest, Bundled, Consented, Diagnosed, Filed, Kept, Listed, LiveRead, PresenceResult,
    Prompted, ServicesFound, Waiting,
};
use super::{ConsentRequest, FileRequest, FolderRequest};
use super::{
    Ctx, PreviewJob, Worker, auth_jobs, diagnostics_jobs, file_jobs, preview_jobs,
    registration_jobs, service_jobs, watch_jobs,
};
use crate::base::i18n::Lang;
use crate::base::i18n::Msg;
use crate::base::platform::service;
use crate::microsoft::graph;
use crate::model::config::Settings;
use crate::model::matching::preview::Preview;
use crate::ops::check::Report;
use std::path::PathBuf;

/// A listing of the tenant's accounts: the kept ones at once (`None`: none to show), then the
/// accounts as read again, with how far the reading is.
pub struct Listing {
    pub kept: Job<Option<Kept>>,
    pub read: Job<Listed, graph::Progress>,
}

impl Worker {
    /// A new job's two ends (counted: see [`Self::started`]).
    pub(super) fn pair<T, P>(&self) -> (Job<T, P>, Reply<T, P>) {
        self.started.set(self.started.get() + 1);
        job::pair(self.wake.clone())
    }

    /// How many jobs were started so far: the window draws once more after a frame that started
    /// one (what it changed is shown at once, not when the job first reports).
    pub fn started(&self) -> u64 {
        self.started.get()
    }

    /// Runs `work` as a task of its own; its handle.
    fn job<T, P, F>(&self, work: impl FnOnce(Reply<T, P>, Ctx) -> F) -> Job<T, P>
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        let (handle, reply) = self.pair();
        self.runtime().spawn(work(reply, self.ctx.clone()));
        handle
    }

    fn runtime(&self) -> &tokio::runtime::Runtime {
        self.runtime
            .as_ref()
            .expect("the runtime lives as long as the worker")
    }

    /// The tenant kept for msteams.cfg's tenant where it is young and a user consent is stored
    /// (the window's start; no request to Microsoft).
    pub fn kept_at_start(&self) -> Job<Option<Kept>> {
        self.job(preview_jobs::kept_at_start)
    }

    /// Lists the tenant's users with the saved `settings` and the stored user consent: the kept
    /// ones first where there are any (unless `refresh`: read again only), then read again.
    pub fn list_tenant(&self, settings: Settings, refresh: bool) -> Listing {
        let (kept, shown) = self.pair();
        let read =
            self.job(|reply, c| preview_jobs::list_tenant(settings, refresh, shown, reply, c));
        Listing { kept, read }
    }

    /// Reads the Teams presence of these accounts (object ids), 650 a request.
    pub fn live_presence(
        &self,
        settings: Settings,
        ids: Vec<String>,
    ) -> Job<LiveRead, crate::model::presence::Progress> {
        self.job(|reply, c| preview_jobs::live_presence(settings, ids, reply, c))
    }

    /// Reads one user's Teams presence (object id, UPN to show).
    pub fn read_presence(
        &self,
        settings: Settings,
        id: String,
        upn: String,
    ) -> Job<PresenceResult> {
        self.job(|reply, c| preview_jobs::read_presence(settings, id, upn, reply, c))
    }

    /// Sets, reads back and clears a presence for one user (object id, UPN to show): what to say.
    pub fn write_presence(
        &self,
        settings: Settings,
        id: String,
        upn: String,
    ) -> Job<Result<Msg, Vec<Msg>>> {
        self.job(|reply, c| preview_jobs::write_presence(settings, id, upn, reply, c))
    }

    /// Runs `work` on a blocking thread of the runtime; its handle.
    fn blocking<T, P>(&self, work: impl FnOnce(Reply<T, P>) + Send + 'static) -> Job<T, P>
    where
        T: Send + 'static,
        P: Send + 'static,
    {
        let (handle, reply) = self.pair();
        self.runtime().spawn_blocking(move || work(reply));
        handle
    }

    /// Computes the matching preview on a blocking thread of the runtime.
    pub fn preview(&self, job: PreviewJob) -> Job<Preview> {
        self.blocking(move |reply| preview_jobs::preview(job, reply))
    }

    /// "Verbindung testen" with the saved `settings`: each stage to both hosts, then the consents.
    pub fn diagnose(&self, settings: Settings) -> Job<Diagnosed> {
        self.job(|reply, c| diagnostics_jobs::diagnose(settings, reply, c))
    }

    /// Writes a support bundle (asks where, where `req` says so).
    pub fn support_bundle(&self, req: BundleRequest) -> Job<Bundled> {
        self.job(|reply, c| diagnostics_jobs::support_bundle(req, reply, c))
    }

    /// "Überwachung": reads the watch, installs or removes its schedule, sends a test; the watch
    /// as read afterwards.
    pub fn watch(&self, job: WatchJob) -> Job<WatchView> {
        self.job(|reply, c| watch_jobs::run(job, reply, c))
    }

    /// Finds the file of `req` (asks in a dialog, or takes the path given), then reads or writes
    /// it.
    pub fn file(&self, req: FileRequest) -> Job<Filed> {
        self.job(|reply, _| file_jobs::file_job(req, reply))
    }

    /// Asks for another UCServer folder (`Ok(None)`: the dialog was closed; `Err`: no dialog
    /// could be shown, the path is to be typed).
    pub fn pick_folder(&self, req: FolderRequest) -> Job<Result<Option<PathBuf>, Prompted>> {
        self.job(|reply, _| file_jobs::pick_folder(req, reply))
    }

    /// Checks both consents with Microsoft with the saved `settings` (checked again with them
    /// every `check_every`).
    pub fn check(&self, settings: Settings) -> Job<Report> {
        *self.ctx.latest.lock().unwrap_or_else(|p| p.into_inner()) = Some(settings.clone());
        self.job(|reply, c| auth_jobs::check(settings, reply, c))
    }

    /// Gives a consent in the browser; the window checks when it ended.
    pub fn consent(&self, req: ConsentRequest) -> Job<Consented, Waiting> {
        self.job(|reply, c| auth_jobs::consent(req, reply, c))
    }

    /// Creates, removes or renews the own app registration (see `registration.rs`).
    pub fn registration(&self, req: RegistrationRequest) -> Job<RunEnded, RunProgress> {
        self.job(|reply, c| registration_jobs::run(req, reply, c))
    }

    /// Looks for the UCServer service in the Service Control Manager.
    pub fn find_service(&self) -> Job<ServicesFound> {
        self.blocking(service_jobs::find_service)
    }

    /// Stops and starts the service `name` (`elevated`: as administrator, after the UAC
    /// prompt), each step told.
    pub fn restart_service(
        &self,
        name: String,
        elevated: bool,
        lang: Lang,
    ) -> Job<Result<(), service::RestartError>, service::Step> {
        self.blocking(move |reply| service_jobs::restart_service(name, elevated, lang, reply))
    }
}
