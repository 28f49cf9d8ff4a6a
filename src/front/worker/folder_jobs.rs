//! The work on the UCServer folder's files, done one job after the other on a blocking thread, so
//! that a save never overtakes the load before it: reading the folder, msteams.cfg or
//! usermatching.csv, saving them, the secrets file's changes, the audit trail and
//! the pane's log level. Each job is one call into the store and one event back.

use super::{Event, FileKind, SaveRequest};
use crate::base::files::Snapshot;
use crate::base::folder::Folder;
use crate::base::i18n::Msg;
use crate::model::matching::MatchingFile;
use crate::ops::store;

/// A job on the folder's files.
#[derive(Debug)]
pub enum FolderJob {
    /// Read msteams.cfg, the secrets file and usermatching.csv.
    Load,
    /// Read msteams.cfg again (changed by another program), nothing else.
    LoadConfig,
    /// Make the folder a UCServer folder (an empty msteams.cfg), then read it.
    CreateConfig,
    /// Read usermatching.csv again (the editor's "discard" and "reload"), nothing else.
    LoadMatching,
    /// Write the settings into msteams.cfg (see [`store::save_config`]).
    SaveConfig(Box<SaveRequest>),
    /// Save the edited usermatching.csv, merged with a change on disk (see
    /// [`store::save_matching`]).
    SaveMatching {
        base: Snapshot,
        base_file: Box<MatchingFile>,
        file: Box<MatchingFile>,
    },
    /// Store (`Some`) or remove (`None`) the client secret in the secrets file.
    SetClientSecret(Option<crate::model::secrets::Secret>),
    /// Remove the stored user consent.
    ForgetConsent,
    /// Read the audit trail.
    LoadAudit,
    /// Keep the log file's level in the pane's settings and apply it.
    ChooseLogLevel(String),
}

impl FolderJob {
    /// Does the job on `folder`; what happened, as the window's event.
    pub fn run(self, folder: &Folder) -> Event {
        let dir = folder.root();
        match self {
            FolderJob::Load => match store::load_all(dir) {
                Ok(loaded) => Event::FolderLoaded(Box::new(loaded)),
                Err(e) => load_failed(e.file, e.msg()),
            },
            FolderJob::LoadConfig => match store::load_config(dir) {
                Ok(loaded) => Event::ConfigLoaded(Box::new(loaded)),
                Err(e) => load_failed(FileKind::Config, e.msg()),
            },
            FolderJob::CreateConfig => match store::create_config(dir) {
                Ok(()) => FolderJob::Load.run(folder),
                Err(e) => load_failed(FileKind::Config, e.msgs().remove(0)),
            },
            FolderJob::LoadMatching => match store::load_matching(&folder.usermatching()) {
                Ok(found) => Event::MatchingLoaded(found.map(Box::new)),
                Err(e) => load_failed(FileKind::Matching, e.msg()),
            },
            FolderJob::SaveConfig(req) => {
                match store::save_config(&req.base, &req.base_settings, &req.settings) {
                    Ok(saved) => Event::ConfigSaved(Box::new(saved)),
                    Err(e) => Event::ConfigSaveFailed(Box::new(e)),
                }
            }
            FolderJob::SaveMatching {
                base,
                base_file,
                file,
            } => match store::save_matching(&base, &base_file, &file) {
                Ok(loaded) => Event::MatchingSaved(Box::new(loaded)),
                Err(e) => Event::MatchingSaveFailed(Box::new(e)),
            },
            FolderJob::SetClientSecret(secret) => {
                secrets_event(store::set_client_secret(dir, secret))
            }
            FolderJob::ForgetConsent => secrets_event(crate::ops::consent::forget(dir, |m| {
                // The window shows the outcome (nothing stored); the log keeps why the file went.
                tracing::warn!(message = m.id, "the unreadable secrets file is replaced");
            })),
            FolderJob::LoadAudit => Event::AuditLoaded(
                crate::model::audit::read(dir, None)
                    .map_err(|e| crate::base::i18n::io_error(&folder.audit(), &e)),
                crate::base::logging::place_msg(dir),
            ),
            FolderJob::ChooseLogLevel(level) => {
                Event::LogLevelChosen(crate::ops::log_level::choose(dir, &level).map(|()| level))
            }
        }
    }
}

fn load_failed(file: FileKind, error: Msg) -> Event {
    Event::LoadFailed { file, error }
}

fn secrets_event(r: Result<store::SecretsInfo, Msg>) -> Event {
    match r {
        Ok(info) => Event::SecretsChanged(Box::new(info)),
        Err(e) => Event::SecretsFailed(e),
    }
}
