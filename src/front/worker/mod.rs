//! Background work: a tokio runtime that does all disk and network work for the GUI.
//!
//! A feature of the window starts its work with a method of the [`Worker`] and gets a [`Job`], the
//! handle its state polls each frame (progress, then the outcome); dropping the handle cancels the
//! work. The folder's file jobs (`folder_jobs.rs`) run one after the other; every other piece of
//! work is a task of its own (`start.rs`: a consent, a check, a listing …), so that a browser left
//! open never holds up a save, and a consent can be cancelled. What nobody asked for comes as an
//! [`Event`]: the watcher's reports, the timer's check; a folder job's outcome is handed over in
//! the same channel, in order with them. Every report wakes the GUI with the `notify` callback
//! (egui's `request_repaint`); the GUI thread never waits on I/O. Every job gets the same
//! [`Ctx`]: the UCServer folder, the way back to the window, the settings of the last check.
//!
//! Where a job's body is: in the file named for the feature it serves — `auth_jobs.rs` (the check,
//! a consent), `preview_jobs.rs` (the preview, the tenant, presence), `file_jobs.rs` (file and
//! folder dialogs), `diagnostics_jobs.rs` (the connection test, the support bundle),
//! `service_jobs.rs`, `watch_jobs.rs`, `registration_jobs.rs`; the folder's own file jobs in
//! `folder_jobs.rs`. Each body calls its use case in [`crate::ops`].

use crate::base::files::Snapshot;
use crate::base::folder::Folder;
use crate::model::config::Settings;
use crate::ops::check::{self, Report};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

mod auth_jobs;
mod diagnostics_jobs;
mod file_jobs;
mod folder_jobs;
mod job;
mod preview_jobs;
mod registration_jobs;
mod requests;
mod service_jobs;
mod start;
mod watch;
pub mod watch_jobs;

pub use crate::ops::store::FileKind;
pub use auth_jobs::{Consented, Waiting};
pub use diagnostics_jobs::{BundleRequest, Bundled, Diagnosed};
pub use file_jobs::{Filed, Prompted};
pub use folder_jobs::{AuditRead, FolderRead, Handover, MatchingSave, SecretsChange};
pub use job::{Job, Polled, Reply, Wake};
pub use preview_jobs::{Kept, Listed, LiveRead, PresenceResult};
pub use registration_jobs::{
    RegistrationAction, RegistrationEnded, RegistrationRequest, RunEnded, RunProgress,
};
pub use requests::{
    ConsentRequest, FileJob, FileRequest, FolderRequest, Place, PreviewJob, SaveRequest, Source,
};
pub use service_jobs::ServicesFound;
pub use start::Listing;

/// How often the consents are checked while the pane is open, unless `--check-every` says otherwise.
pub const CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// What the worker tells without being asked, and the folder jobs' outcomes in order with it.
#[derive(Debug)]
pub enum Event {
    /// A folder job ended: its outcome, for its [`Job`] (see `folder_jobs.rs`).
    Finished(Handover),
    /// A file of the folder changed on disk (another program, or a save of the pane's own):
    /// its snapshot now.
    OnDisk { file: FileKind, snapshot: Snapshot },
    /// What the secrets file holds now (another program, or a check, changed it).
    SecretsLoaded(Box<crate::ops::store::SecretsInfo>),
    /// The check every `check_every` with the settings of the last one.
    Checked(Box<Report>),
}

/// How the worker's tasks send events (and wake the window); `false` once the window is gone.
pub type Emit = dyn Fn(Event) -> bool + Send + Sync;

/// What every job of the worker has at hand.
#[derive(Clone)]
pub struct Ctx {
    pub folder: Folder,
    send: Arc<Emit>,
    /// The settings of the last check, checked again every `check_every`.
    latest: Arc<Mutex<Option<Settings>>>,
}

impl Ctx {
    /// Tells the window; `false` once it is gone.
    pub fn send(&self, event: Event) -> bool {
        (self.send)(event)
    }

    /// Both consents checked with `settings` and this folder's secrets.
    pub async fn check(&self, settings: &Settings) -> Report {
        check::run(
            settings,
            Some(settings.client_id.as_str()),
            &self.folder.secrets(),
        )
        .await
    }

    /// Runs `job` as a task of its own.
    fn spawn<F>(&self, job: impl FnOnce(Ctx) -> F)
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        tokio::spawn(job(self.clone()));
    }
}

/// The handle the GUI keeps. Dropping it finishes the commands under way and stops the runtime.
pub struct Worker {
    commands: tokio::sync::mpsc::UnboundedSender<folder_jobs::FolderWork>,
    /// The events not yet taken (a queue the window empties each frame).
    events: Arc<Mutex<VecDeque<Event>>>,
    runtime: Option<tokio::runtime::Runtime>,
    /// What the features' jobs get (see `start.rs`).
    ctx: Ctx,
    /// Wakes the window after a job's report.
    wake: Wake,
    /// How many jobs were started (see [`Worker::started`]).
    started: std::cell::Cell<u64>,
}

impl Worker {
    /// Starts the runtime for the UCServer folder `dir`; `notify` is called after every event and
    /// every report of a [`Job`], with `true` for a progress report (of which a running read sends
    /// many a second: the window shows them a few times a second, not each — issue 35 §1).
    pub fn start(dir: PathBuf, notify: impl Fn(bool) + Send + Sync + 'static) -> Self {
        Self::start_with(dir, CHECK_EVERY, notify)
    }

    /// Like [`Self::start`], checking the consents every `check_every`.
    pub fn start_with(
        dir: PathBuf,
        check_every: std::time::Duration,
        notify: impl Fn(bool) + Send + Sync + 'static,
    ) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("tpa-worker")
            .enable_all()
            .build()
            .expect("tokio runtime starts");
        let (commands, rx) = tokio::sync::mpsc::unbounded_channel();
        let events: Arc<Mutex<VecDeque<Event>>> = Arc::default();
        let queue = Arc::downgrade(&events);
        let wake: Wake = Arc::new(notify);
        let notify = wake.clone();
        let send = move |event: Event| {
            // Gone with the window.
            let Some(queue) = queue.upgrade() else {
                return false;
            };
            let mut queue = queue.lock().unwrap_or_else(|p| p.into_inner());
            queue.push_back(event);
            // Woken before the window can take it (the queue is locked): a frame that takes it
            // never leaves a wake behind, and an idle window stays idle.
            notify(false);
            true
        };
        let ctx = Ctx {
            folder: Folder::new(dir),
            send: Arc::new(send),
            latest: Arc::default(),
        };
        let jobs = ctx.clone();
        runtime.spawn(async move {
            ctx.spawn(|c| auth_jobs::check_every(check_every, c));
            tokio::spawn(watch::watch(ctx.folder.root().to_owned(), ctx.send.clone()));
            folder_jobs::serve(ctx, rx).await;
        });
        Self {
            commands,
            events,
            runtime: Some(runtime),
            ctx: jobs,
            wake,
            started: Default::default(),
        }
    }

    /// The next event, if one arrived; never blocks.
    pub fn try_recv(&self) -> Option<Event> {
        let mut queue = self.events.lock().unwrap_or_else(|p| p.into_inner());
        queue.pop_front()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            // Let a write under way finish: a closed window must not leave a half-done save.
            rt.shutdown_timeout(std::time::Duration::from_secs(10));
        }
    }
}
