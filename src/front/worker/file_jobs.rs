//! The file jobs behind the file dialogs or a dropped file (import rows or the UCServer user
//! export, export a CSV) and the folder dialog; a path is asked for in the window where no dialog
//! can be shown. (Saving usermatching.csv is a folder job, see `folder_jobs.rs`.)

use super::{FileJob, FileRequest, FolderRequest, Place, Reply, Source};
use crate::base::files::{FileMode, write_atomic};
use crate::base::i18n::Msg;
use crate::model::matching::paste::{self, Pasted};
use crate::model::matching::ucserver_users::{self, Imported};
use std::path::{Path, PathBuf};

/// What a path typed in the window (no file dialog could be shown) is for: a file job, the
/// support bundle (made with the window's saved settings and its "mit Namen"), or the UCServer
/// folder to open ("Anderen Ordner wählen …").
#[derive(Debug)]
pub enum Prompted {
    File(FileJob),
    SupportBundle,
    Folder,
}

impl FileJob {
    pub fn place(&self) -> Place {
        match self {
            FileJob::ImportRows => Place::Editor,
            FileJob::ImportUcUsers => Place::UcUsers,
            FileJob::Export { place, .. } => *place,
        }
    }
}

impl Source {
    pub(super) async fn open(self) -> Picked {
        match self {
            Source::Ask { title, dialog } => {
                let silent = dialog.fails_silently();
                picked(silent, dialog.open(title, "CSV", &["csv", "txt"])).await
            }
            Source::Path(p) => Picked::Path(p),
        }
    }

    pub(super) async fn save(self, file_name: String) -> Picked {
        match self {
            Source::Ask { title, dialog } => {
                let silent = dialog.fails_silently();
                picked(silent, dialog.save(title, file_name)).await
            }
            Source::Path(p) => Picked::Path(p),
        }
    }
}

/// What a file dialog gave.
pub(super) enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog could be shown (see [`crate::front::file_dialog::FileDialog::fails_silently`]).
    Unavailable,
}

async fn picked(
    fails_silently: bool,
    dialog: impl std::future::Future<Output = Option<PathBuf>>,
) -> Picked {
    let start = std::time::Instant::now();
    match dialog.await {
        Some(p) => Picked::Path(p),
        None if fails_silently && start.elapsed() < crate::front::file_dialog::NO_DIALOG_WITHIN => {
            Picked::Unavailable
        }
        None => Picked::Cancelled,
    }
}

/// What became of a file dialog's job.
#[derive(Debug)]
pub enum Filed {
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
    /// The file could not be read or written.
    Failed {
        place: Place,
        msgs: Vec<Msg>,
    },
    /// The administrator closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown: the job comes back, to be done with a typed path.
    NoDialog(Prompted),
}

/// Asks for another UCServer folder: the one chosen (`None`: the dialog was closed), or
/// `Err` where no dialog could be shown.
pub async fn pick_folder(req: FolderRequest, reply: Reply<Result<Option<PathBuf>, Prompted>>) {
    let silent = req.dialog.fails_silently();
    // Where no dialog opens the window asks for the path, as for import, export and the bundle.
    reply.finish(
        match picked(silent, req.dialog.pick_folder(req.title)).await {
            Picked::Path(dir) => Ok(Some(dir)),
            Picked::Cancelled => Ok(None),
            Picked::Unavailable => Err(Prompted::Folder),
        },
    );
}

/// Finds the file (see [`Source`]), then reads or writes it.
pub async fn file_job(req: FileRequest, reply: Reply<Filed>) {
    let FileRequest { job, source } = req;
    let place = job.place();
    let failed = |msgs| Filed::Failed { place, msgs };
    let filed = match job {
        FileJob::ImportRows => match source.open().await {
            Picked::Cancelled => Filed::Cancelled,
            Picked::Unavailable => unavailable(FileJob::ImportRows),
            Picked::Path(path) => match read(&path) {
                Ok(bytes) => Filed::RowsImported {
                    pasted: paste::parse_bytes(&bytes),
                    path,
                },
                Err(m) => failed(vec![m]),
            },
        },
        FileJob::ImportUcUsers => match source.open().await {
            Picked::Cancelled => Filed::Cancelled,
            Picked::Unavailable => unavailable(FileJob::ImportUcUsers),
            Picked::Path(path) => {
                match read(&path).and_then(|b| ucserver_users::parse(&b).map_err(|e| e.msg())) {
                    Ok(imported) => Filed::UcUsersImported { path, imported },
                    Err(m) => failed(vec![m]),
                }
            }
        },
        FileJob::Export {
            file_name, bytes, ..
        } => match source.save(file_name.clone()).await {
            Picked::Cancelled => Filed::Cancelled,
            Picked::Unavailable => unavailable(FileJob::Export {
                file_name,
                bytes,
                place,
            }),
            Picked::Path(path) => {
                let written = {
                    let path = path.clone();
                    tokio::task::spawn_blocking(move || {
                        // An export into the UCServer folder is a write of the folder; a lock
                        // held by another is the lock's own text, not its English (issue 34 §13).
                        let _lock = crate::base::folder::lock_for(&path).map_err(|e| e.msg())?;
                        write_atomic(&path, &bytes, FileMode::Shared).map_err(|e| io_msg(&path, &e))
                    })
                    .await
                    .unwrap_or_else(|e| {
                        Err(Msg::new("internal-error").text("detail", e.to_string()))
                    })
                };
                match written {
                    Ok(()) => Filed::Exported { place, path },
                    Err(m) => failed(vec![m]),
                }
            }
        },
    };
    reply.finish(filed);
}

/// No dialog could be shown: the job comes back, to be done with a typed path.
fn unavailable(job: FileJob) -> Filed {
    Filed::NoDialog(Prompted::File(job))
}

/// A user export or a file to import, within the limits of a user export.
fn read(path: &Path) -> Result<Vec<u8>, Msg> {
    use crate::base::files::limits::{self, TextKind};
    match limits::read(path, TextKind::UserExport) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(io_msg(path, &std::io::ErrorKind::NotFound.into())),
        Err(e) => Err(io_msg(path, &e)),
    }
}

fn io_msg(path: &Path, e: &std::io::Error) -> Msg {
    crate::base::i18n::io_error(path, e)
}
