//! The worker's tasks for user matching and the preview: the file jobs behind the file dialogs
//! or a dropped file (import rows or the UCServer user export, export a CSV), the tenant listing
//! with progress and cancel, and the live presence read. (Saving usermatching.csv is a file
//! command of the worker itself, see `store::save_matching`.)

use super::{Ctx, FileJob, FileRequest, FolderRequest, Place, PreviewJob, Reply, Source};
use crate::base::files::{FileMode, write_atomic};
use crate::base::i18n::Msg;
use crate::microsoft::graph;
use crate::model::config::Settings;
use crate::model::matching::paste::{self, Pasted};
use crate::model::matching::ucserver_users::{self, Imported};
use std::path::{Path, PathBuf};

/// The kept accounts and when they were read, shown while they are read again.
pub type Kept = (
    Vec<crate::model::matching::preview::TenantUser>,
    chrono::DateTime<chrono::Utc>,
);

/// The tenant's accounts as read, or what to tell the administrator.
pub type Listed = Result<Vec<crate::model::matching::preview::TenantUser>, Vec<Msg>>;

/// What the live presence read gave for each account, or why it could not start.
pub type LiveRead = Result<crate::model::presence::Readout, Vec<Msg>>;

/// A user's presence as read for the UPN shown (`None`: Graph reported none), or what to tell
/// the administrator.
pub type PresenceResult = Result<(String, crate::model::presence::Seen), Vec<Msg>>;

/// The connection test: each host's stages, and the consents' check.
pub type Diagnosed = (
    Vec<crate::microsoft::diagnose::HostDiagnosis>,
    crate::ops::check::Report,
);

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
    async fn open(self) -> Picked {
        match self {
            Source::Ask { title, dialog } => {
                let silent = dialog.fails_silently();
                picked(silent, dialog.open(title, "CSV", &["csv", "txt"])).await
            }
            Source::Path(p) => Picked::Path(p),
        }
    }

    async fn save(self, file_name: String) -> Picked {
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
enum Picked {
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

/// The matching preview of `job`, computed (on a blocking thread).
pub fn preview(job: PreviewJob, reply: Reply<crate::model::matching::preview::Preview>) {
    if reply.wanted() {
        reply.finish(job.run());
    }
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

/// The tenant kept for msteams.cfg's saved tenant, at the window's start (issue 38): where a
/// user consent is stored and the kept accounts are young (`ops::accounts::kept_young`); read on
/// a blocking thread, no request to Microsoft. The window shows them, then reads again.
pub async fn kept_at_start(reply: Reply<Option<Kept>>, ctx: Ctx) {
    let dir = ctx.folder.root().to_owned();
    let kept = tokio::task::spawn_blocking(move || {
        crate::ops::store::load_config(&dir)
            .ok()
            .and_then(|c| c.settings.ok())
            .filter(Settings::is_configured)
            .and_then(|settings| crate::ops::accounts::kept_young(&dir, &settings))
    })
    .await
    .ok()
    .flatten();
    reply.finish(kept.map(|k| (k.users, k.read_at)));
}

/// Lists the tenant's users: the kept ones at once where there are any (unless `refresh`), then
/// read again (a delta round where it can be) and kept, telling the progress after every page.
pub async fn list_tenant(
    settings: Settings,
    refresh: bool,
    shown: Reply<Option<Kept>>,
    reply: Reply<Listed, graph::Progress>,
    ctx: Ctx,
) {
    let mut cancel = reply.cancelled();
    let progress = |p| reply.progress(p);
    let dir = ctx.folder.root().to_owned();
    let key = crate::ops::kept_tenant::Key::of(&settings);
    let kept = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || crate::ops::kept_tenant::load(&dir, &key))
            .await
            .ok()
            .flatten()
    };
    let consent = crate::ops::accounts::consent_stored(&ctx.folder.secrets());
    shown.finish(match &kept {
        Some(k) if !refresh && consent => Some((k.users.clone(), k.read_at)),
        _ => None,
    });
    let listed =
        crate::ops::accounts::read_again(&dir, &settings, kept, progress, &mut cancel).await;
    reply.finish(listed.map(|a| a.users).map_err(|e| e.msgs()));
}

/// Reads the live presence of `ids`, telling the progress after every request, wait and answer.
pub async fn live_presence(
    settings: Settings,
    ids: Vec<String>,
    reply: Reply<LiveRead, crate::model::presence::Progress>,
    ctx: Ctx,
) {
    let mut cancel = reply.cancelled();
    let progress = |p| reply.progress(p);
    let secrets = ctx.folder.secrets();
    let read =
        crate::ops::presence::read_all(&settings, &secrets, &ids, progress, &mut cancel).await;
    reply.finish(read.map_err(|e| e.presence_msgs()));
}

/// Reads one user's Teams presence.
pub async fn read_presence(
    settings: Settings,
    id: String,
    upn: String,
    reply: Reply<PresenceResult>,
    ctx: Ctx,
) {
    let result = crate::ops::presence::read_one(&settings, &ctx.folder.secrets(), &id).await;
    reply.finish(
        result
            .map(|seen| (upn, seen))
            .map_err(|e| e.presence_msgs()),
    );
}

/// A support bundle to write where the administrator says, with these (saved) settings' check —
/// `None` where msteams.cfg cannot be used: the bundle then names where it is broken, unchecked
/// (issue 34 §14).
#[derive(Debug)]
pub struct BundleRequest {
    pub settings: Option<Settings>,
    pub personal_data: bool,
    pub source: Source,
}

/// What became of a support bundle.
#[derive(Debug)]
pub enum Bundled {
    /// Written (what to say) or failed (why).
    Written(Result<Msg, Msg>),
    /// The dialog was closed without a place.
    Cancelled,
    /// No dialog could be shown: the path is to be typed.
    NoDialog,
}

/// Asks where, checks with Microsoft (for the status in it), writes the bundle.
pub async fn support_bundle(req: BundleRequest, reply: Reply<Bundled>, ctx: Ctx) {
    let dir = ctx.folder.root();
    // The save dialog asks before replacing a file; a typed path never replaces one.
    let typed = matches!(req.source, Source::Path(_));
    let path = match req.source.save("support-bundle.zip".into()).await {
        Picked::Path(p) => p,
        Picked::Cancelled => return reply.finish(Bundled::Cancelled),
        Picked::Unavailable => return reply.finish(Bundled::NoDialog),
    };
    // The UCServer folder is refused always.
    if let Err(m) = crate::ops::support::destination(dir, &path, !typed) {
        let m = match m.id {
            "support-exists" => {
                Msg::new("support-exists-window").text("path", path.display().to_string())
            }
            _ => m,
        };
        return reply.finish(Bundled::Written(Err(m)));
    }
    let (report, diagnosis) = match &req.settings {
        Some(settings) => {
            let (diagnosis, report) = crate::ops::diagnosis::run(dir, settings).await;
            (Some(report), diagnosis)
        }
        None => (None, Vec::new()),
    };
    let options = crate::ops::support::Options {
        personal_data: req.personal_data,
    };
    let dir = dir.to_owned();
    let written = tokio::task::spawn_blocking(move || {
        crate::ops::support::write(&dir, &path, report.as_ref(), &diagnosis, options)
            .map(|_| Msg::new("support-written-window").text("path", path.display().to_string()))
            .map_err(|e| crate::base::i18n::io_error(&path, &e))
    })
    .await
    .unwrap_or_else(|e| Err(Msg::new("load-failed").text("detail", e.to_string())));
    reply.finish(Bundled::Written(written));
}

/// "Verbindung testen": each stage to both hosts, then the consents.
pub async fn diagnose(settings: Settings, reply: Reply<Diagnosed>, ctx: Ctx) {
    reply.finish(crate::ops::diagnosis::run(ctx.folder.root(), &settings).await);
}
