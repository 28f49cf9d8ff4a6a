//! The UCServer folder as one owner: where its files are, and the lock that every
//! read-merge-write of them takes — shared by all of the pane's processes (the window, the command
//! line, a scheduled run) and by the threads of one process.
//!
//! The lock is an exclusive lock on the folder `config/` itself on Unix (`flock` on the folder,
//! opened to read: every account that may read the folder may lock it, and nobody can delete a
//! folder that holds files) and on `config\.teams-presence-admin.lock` on Windows (`LockFileEx`,
//! the file opened without `FILE_SHARE_DELETE`, so that nobody can delete or rename it while it is
//! held; opened to read where the account may not write it). Whatever spelling reaches the folder
//! — a relative path, a link, a junction, a bind mount — it is the same folder and so the same
//! lock; a file is told to be the folder's by what it is ([`Folder::of_file`], issue 34 §2, §5).
//! The lock is released when the [`Lock`] is dropped or the process ends, so a killed writer
//! never leaves the folder locked. A second writer waits up to
//! [`WAIT`] and is then refused with a named message ([`LockError::Busy`]), never silently.
//! The UCServer service takes no lock of ours: the "changed on disk since read" comparison and the
//! three-way merge stay for its writes.
//!
//! A [`Lock`] cannot cross an `.await` of a task that may move to another thread (it is not
//! `Send`): the folder is never held locked while the pane waits on Microsoft. Taking it again on
//! the thread that holds it is allowed (the inner one is a no-op).

use crate::base::files::identity::FileId;
use crate::base::i18n::Msg;
use crate::base::paths;
use std::fs::{File, TryLockError};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// How long a writer waits for another one before it is refused.
pub const WAIT: Duration = Duration::from_secs(5);
/// The lock file's name (Windows).
pub const LOCK_FILE: &str = ".teams-presence-admin.lock";

/// A UCServer folder: the root (`--ucserver-dir`) and the files the pane shares with the service.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The UCServer folder `file` belongs to: `config/msteams.cfg`, the secrets, the audit trail
    /// are in `config/`; usermatching.csv is in `ExternalServiceProvider/` beside `config/`.
    /// `None` for a file elsewhere (a `matching fix` of some other CSV).
    /// The file is taken as what it is: a relative path, a link to the file or to one of the
    /// folders, `..` are resolved first; names are compared as the platform does (Windows: in any
    /// letter case).
    pub fn of_file(file: &Path) -> Option<Folder> {
        let real = crate::base::files::identity::real_path(file).ok()?;
        let parent = real.parent()?;
        let root = parent.parent()?;
        let named = |name: &str| parent.file_name().is_some_and(|n| same_name(n, name));
        if named("config") {
            return Some(Folder::new(root));
        }
        (named("ExternalServiceProvider") && root.join("config").is_dir())
            .then(|| Folder::new(root))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn msteams_cfg(&self) -> PathBuf {
        paths::msteams_cfg(&self.root)
    }

    pub fn secrets(&self) -> PathBuf {
        paths::secrets(&self.root)
    }

    pub fn usermatching(&self) -> PathBuf {
        paths::usermatching(&self.root)
    }

    pub fn audit(&self) -> PathBuf {
        paths::audit(&self.root)
    }

    /// The folder whose lock is taken: `config/`.
    pub fn lock_dir(&self) -> PathBuf {
        self.root.join("config")
    }

    /// Takes the folder's lock to write `file` (named in the refusal), waiting up to [`WAIT`].
    pub fn lock(&self, file: &Path) -> Result<Lock, LockError> {
        acquire(&self.lock_dir(), file, WAIT)
    }
}

/// Whether two names of folder entries are the same name on this platform.
fn same_name(a: &std::ffi::OsStr, b: &str) -> bool {
    if cfg!(windows) {
        a.to_string_lossy().eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// The lock to take before writing `file`: its UCServer folder's, else the one of the folder the
/// file really is in.
pub fn lock_for(file: &Path) -> Result<Lock, LockError> {
    match Folder::of_file(file) {
        Some(folder) => folder.lock(file),
        None => {
            let real =
                crate::base::files::identity::real_path(file).map_err(|source| LockError::Io {
                    path: file.to_owned(),
                    source,
                })?;
            let dir = real.parent().unwrap_or(Path::new("."));
            acquire(dir, file, WAIT)
        }
    }
}

/// The folder's lock, held until dropped.
#[derive(Debug)]
pub struct Lock {
    /// `None`: the thread held it already (the outer one releases it).
    file: Option<File>,
    id: FileId,
    _not_send: PhantomData<*const ()>,
}

/// Why the lock could not be taken. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another of the pane's programs held it for all of [`WAIT`].
    #[error("another program is saving {file} — try again")]
    Busy { file: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl LockError {
    /// What to tell the administrator, naming the file that was not saved.
    pub fn msg(&self) -> Msg {
        match self {
            LockError::Busy { file } => Msg::new("folder-busy")
                .text("file", file_name(file))
                .num("seconds", WAIT.as_secs()),
            LockError::Io { path, source } => crate::base::i18n::io_error(path, source),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// The locks held in this process (what is locked, not how its path was spelled), by the thread
/// that holds each.
static HELD: Mutex<Vec<(ThreadId, FileId)>> = Mutex::new(Vec::new());

fn held() -> std::sync::MutexGuard<'static, Vec<(ThreadId, FileId)>> {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Opens what is locked in the folder `dir`: the folder itself (Unix) or its lock file (Windows).
fn open_lock(dir: &Path) -> std::io::Result<File> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        let handle = File::open(dir)?;
        if !handle.metadata()?.is_dir() {
            return Err(std::io::ErrorKind::NotADirectory.into());
        }
        Ok(handle)
    }
    #[cfg(windows)]
    {
        let path = dir.join(LOCK_FILE);
        let handle = crate::base::platform::open_lock_file(&path).map_err(|e| {
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => crate::base::files::NotAFile::error(
                    &path,
                    crate::base::files::EntryKind::Folder,
                ),
                Ok(m) if m.is_symlink() => crate::base::files::LinkRefused::error(&path),
                _ => e,
            }
        })?;
        if !handle.metadata()?.is_file() {
            return Err(crate::base::files::NotAFile::error(
                &path,
                crate::base::files::EntryKind::Other,
            ));
        }
        Ok(handle)
    }
}

fn acquire(dir: &Path, file: &Path, wait: Duration) -> Result<Lock, LockError> {
    let io = |source| LockError::Io {
        path: dir.to_owned(),
        source,
    };
    let handle = open_lock(dir).map_err(io)?;
    let id = FileId::of_open(&handle).map_err(io)?;
    let me = std::thread::current().id();
    if held().iter().any(|(t, held)| *t == me && *held == id) {
        return Ok(Lock {
            file: None,
            id,
            _not_send: PhantomData,
        });
    }
    let deadline = Instant::now() + wait;
    loop {
        match handle.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                tracing::warn!("{} is locked by another program", dir.display());
                return Err(LockError::Busy {
                    file: file.to_owned(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
    }
    held().push((me, id));
    Ok(Lock {
        file: Some(handle),
        id,
        _not_send: PhantomData,
    })
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let me = std::thread::current().id();
            held().retain(|(t, id)| !(*t == me && *id == self.id));
            let _ = file.unlock();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_and_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::new(dir.path());
        let cfg = folder.msteams_cfg();
        let _held = folder.lock(&cfg).unwrap();
        // The same thread may take it again (a transaction inside a transaction).
        drop(folder.lock(&cfg).unwrap());
        let other = std::thread::spawn(move || {
            let start = Instant::now();
            let r = acquire(&Folder::new(folder.root()).lock_dir(), &cfg, WAIT / 10);
            (r.map(|_| ()), start.elapsed())
        });
        let (r, waited) = other.join().unwrap();
        assert!(
            matches!(&r, Err(LockError::Busy { file }) if file.ends_with("msteams.cfg")),
            "{r:?}"
        );
        assert!(waited >= WAIT / 10, "{waited:?}");
    }

    #[test]
    fn the_lock_is_free_again_once_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::new(dir.path());
        drop(folder.lock(&folder.secrets()).unwrap());
        let f = folder.clone();
        std::thread::spawn(move || f.lock(&f.secrets()).map(|_| ()))
            .join()
            .unwrap()
            .unwrap();
    }

    #[test]
    fn files_belong_to_their_ucserver_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let folder = Folder::new(dir.path());
        assert_eq!(Folder::of_file(&folder.msteams_cfg()), Some(folder.clone()));
        assert_eq!(
            Folder::of_file(&folder.usermatching()),
            Some(folder.clone())
        );
        assert_eq!(Folder::of_file(&dir.path().join("x.csv")), None);
    }
}
