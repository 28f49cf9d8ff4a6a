//! The work on the UCServer folder's files, done one job after the other on a blocking thread, so
//! that a save never overtakes the load before it: reading the folder, msteams.cfg or
//! usermatching.csv, saving them, the secrets file's changes, the audit trail and the pane's log
//! level. Each job is one call into the store; it returns the [`Job`] its state part follows, and
//! its outcome is handed over in order with the watcher's reports ([`Event::Finished`]), so that
//! the window sees a save and a change on disk in the order they happened.

use super::job::Job;
use super::{Event, FileKind, SaveRequest, Worker};
use crate::base::files::Snapshot;
use crate::base::folder::Folder;
use crate::base::i18n::Msg;
use crate::model::matching::MatchingFile;
use crate::ops::store::{
    self, Loaded, LoadedConfig, LoadedMatching, SaveFailure, Saved, SavedMatching,
};

/// A job on the folder's files, as the worker's queue takes it: done, it gives what hands its
/// outcome over to the window.
pub(super) type FolderWork = Box<dyn FnOnce(&Folder) -> Handover + Send>;

/// A folder job's outcome, handed to its [`Job`] when the window takes the event that carries it.
pub struct Handover(Box<dyn FnOnce() + Send>);

impl Handover {
    /// Gives the outcome to the job's handle.
    pub fn complete(self) {
        (self.0)()
    }
}

impl std::fmt::Debug for Handover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handover")
    }
}

/// The folder's files as read, or which file could not be read and why.
pub type FolderRead = Result<Loaded, (FileKind, Msg)>;

/// The audit trail as read (or why it could not be), and where the log files are.
pub type AuditRead = (Result<crate::model::audit::Trail, Msg>, Msg);

/// A change of the secrets file.
#[derive(Debug)]
pub enum SecretsChange {
    /// Store (`Some`) or remove (`None`) the client secret.
    ClientSecret(Option<crate::model::secrets::Secret>),
    /// Remove the stored user consent.
    ForgetConsent,
}

/// The edited usermatching.csv to save, and the snapshot and lines it was edited against (the
/// base of the merge with a change on disk, see [`store::save_matching`]).
#[derive(Debug)]
pub struct MatchingSave {
    pub base: Snapshot,
    pub base_file: Box<MatchingFile>,
    pub file: Box<MatchingFile>,
}

impl Worker {
    /// Queues `work` behind the folder jobs before it; its handle.
    fn on_folder<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Folder) -> T + Send + 'static,
    ) -> Job<T> {
        let (handle, reply) = self.pair();
        let work: FolderWork = Box::new(move |folder| {
            let outcome = work(folder);
            Handover(Box::new(move || reply.finish(outcome)))
        });
        // The receiver lives as long as the runtime, which lives as long as `self`.
        let _ = self.commands.send(work);
        handle
    }

    /// Reads msteams.cfg, the secrets file and usermatching.csv.
    pub fn load(&self) -> Job<FolderRead> {
        self.on_folder(load)
    }

    /// Makes the folder a UCServer folder (an empty msteams.cfg), then reads it.
    pub fn create_config(&self) -> Job<FolderRead> {
        self.on_folder(|folder| {
            store::create_config(folder.root())
                .map_err(|e| (FileKind::Config, e.msgs().remove(0)))?;
            load(folder)
        })
    }

    /// Reads msteams.cfg again (changed by another program), nothing else.
    pub fn load_config(&self) -> Job<Result<LoadedConfig, Msg>> {
        self.on_folder(|folder| store::load_config(folder.root()).map_err(|e| e.msg()))
    }

    /// Reads usermatching.csv again (`None`: there is no such file), nothing else.
    pub fn load_matching(&self) -> Job<Result<Option<LoadedMatching>, Msg>> {
        self.on_folder(|folder| store::load_matching(&folder.usermatching()).map_err(|e| e.msg()))
    }

    /// Writes the settings into msteams.cfg (see [`store::save_config`]).
    pub fn save_config(&self, req: SaveRequest) -> Job<Result<Saved, SaveFailure>> {
        self.on_folder(move |_| store::save_config(&req.base, &req.base_settings, &req.settings))
    }

    /// Saves the edited usermatching.csv, merged with a change on disk.
    pub fn save_matching(&self, req: MatchingSave) -> Job<Result<SavedMatching, SaveFailure>> {
        self.on_folder(move |_| store::save_matching(&req.base, &req.base_file, &req.file))
    }

    /// Changes the secrets file; what it holds afterwards.
    pub fn change_secrets(&self, change: SecretsChange) -> Job<Result<store::SecretsInfo, Msg>> {
        self.on_folder(move |folder| {
            let dir = folder.root();
            match change {
                SecretsChange::ClientSecret(secret) => store::set_client_secret(dir, secret),
                SecretsChange::ForgetConsent => crate::ops::consent::forget(dir, |m| {
                    // The window shows the outcome (nothing stored); the log keeps why the file
                    // went.
                    tracing::warn!(message = m.id, "the unreadable secrets file is replaced");
                }),
            }
        })
    }

    /// Reads the audit trail.
    pub fn load_audit(&self) -> Job<AuditRead> {
        self.on_folder(|folder| {
            let dir = folder.root();
            (
                crate::model::audit::read(dir, None)
                    .map_err(|e| crate::base::i18n::io_error(&folder.audit(), &e)),
                crate::base::logging::place_msg(dir),
            )
        })
    }

    /// Keeps the log file's level in the pane's settings and applies it.
    pub fn choose_log_level(&self, level: String) -> Job<Result<String, Msg>> {
        self.on_folder(move |folder| {
            crate::ops::log_level::choose(folder.root(), &level).map(|()| level)
        })
    }
}

fn load(folder: &Folder) -> FolderRead {
    store::load_all(folder.root()).map_err(|e| (e.file, e.msg()))
}

/// Does the folder's jobs one after the other until the window is gone; each outcome goes to the
/// window in order with the watcher's reports.
pub(super) async fn serve(
    ctx: super::Ctx,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<FolderWork>,
) {
    while let Some(work) = rx.recv().await {
        let folder = ctx.folder.clone();
        // A job that panicked dropped its end: its handle says so (lost).
        if let Ok(handover) = tokio::task::spawn_blocking(move || work(&folder)).await
            && !ctx.send(Event::Finished(handover))
        {
            break;
        }
    }
}
