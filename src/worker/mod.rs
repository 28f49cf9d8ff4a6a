//! Background work: a tokio runtime that does all disk and network work for the GUI.
//!
//! The GUI sends [`Command`]s and receives [`Event`]s over channels; every event wakes the GUI
//! with the `notify` callback (egui's `request_repaint`). The GUI thread never waits on I/O.
//! File commands run one after the other; a consent or a check runs as its own task, so that a
//! browser left open never holds up a save, and a consent can be cancelled.

use crate::config::{Activation, Settings};
use crate::files::Snapshot;
use crate::i18n::{Lang, Msg};
use crate::matching::MatchingFile;
use crate::matching::paste::Pasted;
use crate::matching::preview::{self, Preview, TenantUser, UcUser};
use crate::matching::ucserver_users::Imported;
use crate::microsoft::browser::Browser;
use crate::microsoft::graph::Presence;
use crate::ops::check::{self, Report, Which};
use crate::paths;
use crate::platform::service;
use crate::store::{self, Loaded, LoadedMatching, Repair, SaveFailure, Saved};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

mod jobs;
mod registration;
mod watch;

pub use crate::store::FileKind;
pub use jobs::{BundleRequest, FileJob, Place, Source};
pub use registration::{RegistrationAction, RegistrationEnded, RegistrationRequest};

/// How often the consents are checked while the pane is open, unless `--check-every` says otherwise.
pub const CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// What the GUI asks for.
#[derive(Debug)]
pub enum Command {
    /// Read msteams.cfg, the secrets file and usermatching.csv.
    Load,
    /// Read msteams.cfg again (changed by another program), nothing else.
    LoadConfig,
    /// Make the folder a UCServer folder (an empty msteams.cfg), then read it.
    CreateConfig,
    /// Ask for another UCServer folder.
    PickFolder(Box<FolderRequest>),
    /// Read usermatching.csv again (the editor's "discard" and "reload"), nothing else.
    LoadMatching,
    /// Write the settings into msteams.cfg (see [`store::save_config`]).
    SaveConfig(Box<SaveRequest>),
    /// Repair usermatching.csv (conversion, header removal) and save it.
    RepairMatching {
        base: Snapshot,
        repair: Repair,
    },
    /// Give a consent in the browser, then check.
    Consent(Box<ConsentRequest>),
    /// Stop waiting for the browser (a consent or an app registration's run).
    CancelConsent,
    /// Create, remove or renew the own app registration (see [`registration`]).
    Registration(Box<RegistrationRequest>),
    /// Check both consents with Microsoft.
    Check(Box<Settings>),
    /// Store (`Some`) or remove (`None`) the client secret in the secrets file.
    SetClientSecret(Option<crate::secrets::Secret>),
    /// Remove the stored user consent.
    ForgetConsent,
    /// Save the edited usermatching.csv, merged with a change on disk (see
    /// [`store::save_matching`]).
    SaveMatching {
        base: Snapshot,
        base_file: Box<MatchingFile>,
        file: Box<MatchingFile>,
    },
    /// Ask for a file in a dialog, then read or write it.
    File(Box<FileRequest>),
    /// List the tenant's users with the stored user consent (a running listing is cancelled).
    ListTenant(Box<Settings>),
    CancelListing,
    /// Read one user's Teams presence (object id, UPN to show).
    ReadPresence {
        settings: Box<Settings>,
        id: String,
        upn: String,
    },
    /// Look for the UCServer service in the Service Control Manager.
    FindService,
    /// Stop and start the service `name` (`elevated`: as administrator, after the UAC prompt).
    RestartService {
        name: String,
        elevated: bool,
        lang: Lang,
    },
    /// Read the audit trail.
    LoadAudit,
    /// Keep the log file's level in the pane's settings and apply it.
    ChooseLogLevel(String),
    /// The presence write test for one user (object id, UPN to show).
    WriteTest {
        settings: Box<Settings>,
        id: String,
        upn: String,
    },
    /// Write a support bundle (asks where).
    SupportBundle(Box<BundleRequest>),
    /// "Verbindung testen" with these settings.
    Diagnose(Box<Settings>),
    /// Compute the matching preview (on a blocking thread of the runtime).
    Preview(Box<PreviewJob>),
}

/// The inputs of a matching preview; the lists are shared with the window, not copied.
pub struct PreviewJob {
    /// Comes back with the result, so that the window takes only the one it asked for last.
    pub serial: u64,
    pub users: Arc<Vec<UcUser>>,
    pub activation: Activation,
    pub mapping: MatchingFile,
    pub tenant: Arc<Vec<TenantUser>>,
}

impl std::fmt::Debug for PreviewJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreviewJob")
            .field("serial", &self.serial)
            .field("users", &self.users.len())
            .field("lines", &self.mapping.lines.len())
            .field("tenant", &self.tenant.len())
            .finish_non_exhaustive()
    }
}

impl PreviewJob {
    pub fn run(&self) -> Preview {
        preview::preview(
            &self.users,
            preview::in_scope(&self.activation),
            &self.mapping,
            &self.tenant,
        )
    }
}

/// A file job and where its file comes from.
pub struct FileRequest {
    pub job: FileJob,
    pub source: Source,
}

impl std::fmt::Debug for FileRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileRequest")
            .field("job", &self.job)
            .finish()
    }
}

/// Another UCServer folder, asked in this dialog.
pub struct FolderRequest {
    pub title: String,
    pub dialog: Arc<dyn crate::file_dialog::FileDialog>,
}

impl std::fmt::Debug for FolderRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderRequest")
            .field("title", &self.title)
            .finish()
    }
}

/// A consent to give with these (saved) settings, in this browser.
pub struct ConsentRequest {
    pub which: Which,
    pub settings: Settings,
    pub lang: Lang,
    pub browser: Arc<dyn Browser>,
}

impl std::fmt::Debug for ConsentRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsentRequest")
            .field("which", &self.which)
            .finish()
    }
}

/// The values to save, and the snapshot and values they were edited against (the base of the
/// three-way merge with a change on disk).
#[derive(Debug)]
pub struct SaveRequest {
    pub base: Snapshot,
    pub base_settings: Settings,
    /// The window's values, validated there (once).
    pub settings: crate::config::Valid,
}

/// What the worker reports back.
#[derive(Debug)]
pub enum Event {
    /// All files of the folder as read (at start and after "reload").
    FolderLoaded(Box<Loaded>),
    /// msteams.cfg as read again after another program changed it.
    ConfigLoaded(Box<store::LoadedConfig>),
    /// The folder the administrator chose (`None`: the dialog was closed).
    FolderPicked(Option<PathBuf>),
    /// A file could not be read.
    LoadFailed {
        file: FileKind,
        /// The file and what happened.
        error: Msg,
    },
    /// A file of the folder changed on disk (another program, or a save of the pane's own):
    /// its snapshot now.
    OnDisk {
        file: FileKind,
        snapshot: Snapshot,
    },
    ConfigSaved(Box<Saved>),
    ConfigSaveFailed(Box<SaveFailure>),
    MatchingRepaired(Box<LoadedMatching>),
    MatchingRepairFailed(Box<SaveFailure>),
    /// The browser was sent to this URL; the pane waits for its answer.
    ConsentWaiting {
        which: Which,
        url: String,
    },
    /// The browser could not be opened; the pane still waits for the address to be opened by hand.
    ConsentNoBrowser(Msg),
    /// The consent ended: what to tell the administrator (`Ok`: success text).
    ConsentEnded(Result<Msg, Vec<Msg>>),
    /// A step of the app registration's run.
    RegistrationStep(
        crate::ops::registration::Step,
        crate::ops::registration::StepState,
    ),
    /// The connection test: each host's stages, and the consents' check.
    Diagnosed(Vec<crate::microsoft::diagnose::HostDiagnosis>, Box<Report>),
    /// The support bundle: written (what to say), failed (why), or `None` when no place was given.
    BundleWritten(Option<Result<Msg, Msg>>),
    /// The audit trail as read (or why it could not be).
    /// The audit trail, and where the log files are (see [`crate::logging::place`]).
    AuditLoaded(Result<crate::audit::Trail, Msg>, Msg),
    /// The log level chosen, kept and applied (or why not).
    LogLevelChosen(Result<String, Msg>),
    /// The run sent the browser to this address.
    RegistrationUrl(String),
    /// The run ended; msteams.cfg as the run left it (it writes `u8sClientId`).
    RegistrationEnded {
        ended: RegistrationEnded,
        config: Option<Box<store::LoadedConfig>>,
    },
    Checked(Box<Report>),
    SecretsChanged(Box<store::SecretsInfo>),
    /// What the secrets file holds now (after a consent or a check stored a token).
    SecretsLoaded(Box<store::SecretsInfo>),
    SecretsFailed(Msg),
    MatchingSaved(Box<store::SavedMatching>),
    /// usermatching.csv as read again (`None`: there is no such file).
    MatchingLoaded(Option<Box<LoadedMatching>>),
    MatchingSaveFailed(Box<SaveFailure>),
    /// Rows read from a file, to append in the editor.
    RowsImported {
        path: PathBuf,
        pasted: Pasted,
    },
    UcUsersImported {
        path: PathBuf,
        imported: Imported,
    },
    Exported {
        place: Place,
        path: PathBuf,
    },
    /// The administrator closed a file dialog without choosing.
    DialogCancelled,
    /// No file dialog could be shown: the job comes back, to be done with a typed path.
    DialogUnavailable(Box<FileJob>),
    /// A file to import or export could not be read or written.
    FileFailed {
        place: Place,
        msgs: Vec<Msg>,
    },
    /// How far the listing is.
    TenantProgress(crate::microsoft::graph::Progress),
    TenantListed(Vec<TenantUser>),
    TenantFailed(Vec<Msg>),
    /// The preview of a [`PreviewJob`].
    PreviewComputed {
        serial: u64,
        preview: Box<Preview>,
    },
    /// A user's presence (`None`: Graph reported none), or what went wrong.
    PresenceRead(PresenceResult),
    /// The write test's outcome: what to say.
    WriteTested(Result<Msg, Vec<Msg>>),
    /// The services that name the UCServer, and the one chosen last time (when still there).
    ServiceFound {
        found: Vec<service::Found>,
        remembered: Option<String>,
    },
    /// How far the restart of the service is.
    ServiceStep(service::Step),
    /// The restart ended.
    ServiceRestarted {
        name: String,
        result: Result<(), service::RestartError>,
    },
}

/// A user's presence as read for the UPN shown, or what to tell the administrator.
pub type PresenceResult = Result<(String, Option<Presence>), Vec<Msg>>;

/// How the worker's tasks send events (and wake the window).
pub type Emit = dyn Fn(Event) -> bool + Send + Sync;

/// The handle the GUI keeps. Dropping it finishes the commands under way and stops the runtime.
pub struct Worker {
    commands: tokio::sync::mpsc::UnboundedSender<Command>,
    events: mpsc::Receiver<Event>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Worker {
    /// Starts the runtime for the UCServer folder `dir`; `notify` is called after every event.
    pub fn start(dir: PathBuf, notify: impl Fn() + Send + Sync + 'static) -> Self {
        Self::start_with(dir, CHECK_EVERY, notify)
    }

    /// Like [`Self::start`], checking the consents every `check_every`.
    pub fn start_with(
        dir: PathBuf,
        check_every: std::time::Duration,
        notify: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("tpa-worker")
            .enable_all()
            .build()
            .expect("tokio runtime starts");
        let (commands, mut rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
        let (tx, events) = mpsc::channel();
        let notify = Arc::new(notify);
        let cancel = Arc::new(tokio::sync::Notify::new());
        // The settings of the last check, checked again every `check_every` by a sleeping timer.
        let latest: Arc<std::sync::Mutex<Option<Settings>>> = Arc::default();
        runtime.spawn(async move {
            let send = move |event: Event| {
                let ok = tx.send(event).is_ok();
                notify();
                ok
            };
            let send = Arc::new(send);
            {
                let (send, dir, latest) = (send.clone(), dir.clone(), latest.clone());
                tokio::spawn(async move {
                    loop {
                        tokio::time::sleep(check_every).await;
                        let settings = latest.lock().unwrap_or_else(|p| p.into_inner()).clone();
                        if let Some(settings) = settings {
                            let report = check::run(
                                &settings,
                                Some(settings.client_id.as_str()),
                                &paths::secrets(&dir),
                            )
                            .await;
                            if !send(Event::Checked(Box::new(report))) {
                                break;
                            }
                        }
                    }
                });
            }
            tokio::spawn(watch::watch(dir.clone(), send.clone()));
            // The running tenant listing's cancel switch.
            let mut listing: Option<tokio::sync::watch::Sender<bool>> = None;
            // File commands one after the other, so that a save never overtakes the load before it.
            while let Some(command) = rx.recv().await {
                match command {
                    Command::CancelConsent => cancel.notify_waiters(),
                    Command::Registration(req) => {
                        let (send, dir, cancel) = (send.clone(), dir.clone(), cancel.clone());
                        tokio::spawn(
                            async move { registration::run(*req, &dir, cancel, &*send).await },
                        );
                    }
                    Command::Consent(req) => {
                        let (send, dir, cancel) = (send.clone(), dir.clone(), cancel.clone());
                        tokio::spawn(async move { consent(*req, &dir, &cancel, &*send).await });
                    }
                    Command::Check(settings) => {
                        *latest.lock().unwrap_or_else(|p| p.into_inner()) =
                            Some((*settings).clone());
                        let (send, dir) = (send.clone(), dir.clone());
                        tokio::spawn(async move {
                            let report = check::run(
                                &settings,
                                Some(settings.client_id.as_str()),
                                &paths::secrets(&dir),
                            )
                            .await;
                            send(Event::Checked(Box::new(report)));
                        });
                    }
                    Command::Diagnose(settings) => {
                        let (send, dir) = (send.clone(), dir.clone());
                        tokio::spawn(async move { jobs::diagnose(&dir, *settings, &*send).await });
                    }
                    Command::SupportBundle(req) => {
                        let (send, dir) = (send.clone(), dir.clone());
                        tokio::spawn(async move { jobs::support_bundle(&dir, *req, &*send).await });
                    }
                    Command::File(req) => {
                        let send = send.clone();
                        tokio::spawn(async move {
                            let FileRequest { job, source } = *req;
                            jobs::file_job(job, source, &*send).await
                        });
                    }
                    Command::ListTenant(settings) => {
                        let (stop, cancel) = tokio::sync::watch::channel(false);
                        if let Some(old) = listing.replace(stop) {
                            let _ = old.send(true);
                        }
                        let (send, dir) = (send.clone(), dir.clone());
                        tokio::spawn(async move {
                            let secrets = paths::secrets(&dir);
                            jobs::list_tenant(*settings, &secrets, cancel, &*send).await
                        });
                    }
                    Command::PickFolder(req) => {
                        let send = send.clone();
                        tokio::spawn(async move {
                            let picked = req.dialog.pick_folder(req.title).await;
                            send(Event::FolderPicked(picked));
                        });
                    }
                    Command::CancelListing => {
                        if let Some(stop) = listing.take() {
                            let _ = stop.send(true);
                        }
                    }
                    Command::WriteTest { settings, id, upn } => {
                        let (send, dir) = (send.clone(), dir.clone());
                        tokio::spawn(async move {
                            let secrets = paths::secrets(&dir);
                            let r = crate::ops::write_test::run(&settings, &secrets, &id).await;
                            let outcome = match r {
                                Ok(w) if w.proved() => Ok(Msg::new("write-test-proved")
                                    .text("user", upn)
                                    .text("availability", w.availability)
                                    .text("activity", w.activity)),
                                Ok(w) => Err(vec![
                                    Msg::new("write-test-not-seen")
                                        .text("user", upn)
                                        .text("availability", w.availability),
                                ]),
                                Err(e) => Err(e.msgs()),
                            };
                            send(Event::WriteTested(outcome));
                        });
                    }
                    Command::ReadPresence { settings, id, upn } => {
                        let (send, dir) = (send.clone(), dir.clone());
                        tokio::spawn(async move {
                            let secrets = paths::secrets(&dir);
                            jobs::read_presence(*settings, &secrets, id, upn, &*send).await
                        });
                    }
                    Command::RestartService {
                        name,
                        elevated,
                        lang,
                    } => {
                        let send = send.clone();
                        tokio::task::spawn_blocking(move || {
                            restart_service(name, elevated, lang, &*send)
                        });
                    }
                    Command::Preview(job) => {
                        let send = send.clone();
                        tokio::task::spawn_blocking(move || {
                            let preview = Box::new(job.run());
                            send(Event::PreviewComputed {
                                serial: job.serial,
                                preview,
                            })
                        });
                    }
                    command => {
                        let dir = dir.clone();
                        let event = tokio::task::spawn_blocking(move || handle(&dir, command))
                            .await
                            .unwrap_or_else(|e| Event::LoadFailed {
                                file: FileKind::Config,
                                error: Msg::new("internal-error").text("detail", e.to_string()),
                            });
                        if !send(event) {
                            break;
                        }
                    }
                }
            }
        });
        Self {
            commands,
            events,
            runtime: Some(runtime),
        }
    }

    pub fn send(&self, command: Command) {
        // The receiver lives as long as the runtime, which lives as long as `self`.
        let _ = self.commands.send(command);
    }

    /// The next event, if one arrived; never blocks.
    pub fn try_recv(&self) -> Option<Event> {
        self.events.try_recv().ok()
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

fn handle(dir: &std::path::Path, command: Command) -> Event {
    match command {
        Command::LoadAudit => Event::AuditLoaded(
            crate::audit::read(dir, None)
                .map_err(|e| crate::i18n::io_error(&crate::audit::path(dir), &e)),
            crate::logging::place_msg(dir),
        ),
        Command::ChooseLogLevel(level) => {
            Event::LogLevelChosen(crate::logging::choose_level(dir, &level).map(|()| level))
        }
        Command::Load => match store::load_all(dir) {
            Ok(loaded) => Event::FolderLoaded(Box::new(loaded)),
            Err(e) => Event::LoadFailed {
                file: e.file,
                error: e.msg(),
            },
        },
        Command::CreateConfig => match store::create_config(dir) {
            Ok(()) => handle(dir, Command::Load),
            Err(e) => Event::LoadFailed {
                file: FileKind::Config,
                error: e.msgs().remove(0),
            },
        },
        Command::LoadConfig => match store::load_config(dir) {
            Ok(loaded) => Event::ConfigLoaded(Box::new(loaded)),
            Err(e) => Event::LoadFailed {
                file: FileKind::Config,
                error: e.msg(),
            },
        },
        Command::LoadMatching => match store::load_matching(&paths::usermatching(dir)) {
            Ok(found) => Event::MatchingLoaded(found.map(Box::new)),
            Err(e) => Event::LoadFailed {
                file: FileKind::Matching,
                error: e.msg(),
            },
        },
        Command::SaveConfig(req) => {
            match store::save_config(&req.base, &req.base_settings, &req.settings) {
                Ok(saved) => Event::ConfigSaved(Box::new(saved)),
                Err(e) => Event::ConfigSaveFailed(Box::new(e)),
            }
        }
        Command::RepairMatching { base, repair } => match store::repair_matching(&base, repair) {
            Ok(repaired) => Event::MatchingRepaired(Box::new(repaired.loaded)),
            Err(e) => Event::MatchingRepairFailed(Box::new(e)),
        },
        Command::SaveMatching {
            base,
            base_file,
            file,
        } => match store::save_matching(&base, &base_file, &file) {
            Ok(loaded) => Event::MatchingSaved(Box::new(loaded)),
            Err(e) => Event::MatchingSaveFailed(Box::new(e)),
        },
        Command::SetClientSecret(secret) => secrets_event(store::set_client_secret(dir, secret)),
        Command::ForgetConsent => secrets_event(crate::ops::consent::forget(dir)),
        Command::FindService => {
            let found = service::candidates();
            let remembered = service::remembered().filter(|r| found.iter().any(|f| &f.name == r));
            Event::ServiceFound { found, remembered }
        }
        Command::Consent(_)
        | Command::SupportBundle(_)
        | Command::Diagnose(_)
        | Command::Registration(_)
        | Command::CancelConsent
        | Command::Check(_)
        | Command::File(_)
        | Command::ListTenant(_)
        | Command::Preview(_)
        | Command::CancelListing
        | Command::PickFolder(_)
        | Command::ReadPresence { .. }
        | Command::WriteTest { .. }
        | Command::RestartService { .. } => {
            unreachable!("network and dialog commands run as tasks")
        }
    }
}

/// How long the service may take to stop, and to start.
const SERVICE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Restarts the service, each step told; a chosen service is remembered for the next time.
fn restart_service(name: String, elevated: bool, lang: Lang, send: &Emit) {
    if let Err(e) = service::remember(&name) {
        tracing::warn!("could not remember the service {name}: {e}");
    }
    let result = if elevated {
        std::env::current_exe()
            .map_err(|e| service::RestartError::Other(e.to_string()))
            .and_then(|exe| service::restart_elevated(&exe, &name, SERVICE_TIMEOUT, lang))
    } else {
        service::restart(&name, SERVICE_TIMEOUT, &mut |step| {
            send(Event::ServiceStep(step));
        })
    };
    send(Event::ServiceRestarted { name, result });
}

fn secrets_event(r: Result<store::SecretsInfo, Msg>) -> Event {
    match r {
        Ok(info) => Event::SecretsChanged(Box::new(info)),
        Err(e) => Event::SecretsFailed(e),
    }
}

/// A consent from the browser to the stored token, then a check.
async fn consent(
    req: ConsentRequest,
    dir: &std::path::Path,
    cancel: &tokio::sync::Notify,
    send: &Emit,
) {
    let secrets_path = paths::secrets(dir);
    let show = |url: &str| {
        send(Event::ConsentWaiting {
            which: req.which,
            url: url.to_owned(),
        });
        // Without a browser the wait goes on: the address can be opened by hand (shown, copyable).
        if let Err(e) = req.browser.open(url) {
            tracing::warn!("the browser could not be opened: {e}");
            send(Event::ConsentNoBrowser(
                Msg::new("consent-no-browser").text("detail", e.to_string()),
            ));
        }
    };
    let outcome = crate::ops::consent::give(
        req.which,
        &req.settings,
        req.lang,
        &secrets_path,
        show,
        cancel.notified(),
    )
    .await
    .map(|given| given.msg())
    .map_err(|e| e.msgs());
    send(Event::ConsentEnded(outcome));
    send(Event::SecretsLoaded(Box::new(store::load_secrets(dir))));
    let report = check::run(
        &req.settings,
        Some(req.settings.client_id.as_str()),
        &secrets_path,
    )
    .await;
    send(Event::Checked(Box::new(report)));
}
