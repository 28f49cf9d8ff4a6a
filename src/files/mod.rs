//! Safe reading and writing of the files shared with the UCServer service.
//!
//! Every write goes through [`write_atomic`]: a temporary file in the same folder, flushed to disk,
//! the previous version copied to `NAME.bak`, then renamed over the target. A [`Snapshot`]
//! remembers a fingerprint of what a file held when it was loaded, so that a file changed on disk
//! in the meantime is never overwritten silently ([`Snapshot::check_unchanged`]). [`TextStyle`]
//! keeps a Windows tool's UTF-8 BOM and CRLF line ends.

mod atomic;
pub mod limits;
mod style;

pub use atomic::{backup_path, day_backup_path, write_atomic};
pub use style::TextStyle;

use std::io;
use std::path::{Path, PathBuf};

/// What a file held when it was read: its length and a 64-bit hash of its bytes — enough to
/// tell that it changed since (an accidental collision has a chance of 2^-64), without keeping a
/// second copy of a 5 MB file in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Self {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(bytes);
        Self {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }
}

/// A file as it was when it was loaded: its path and fingerprint (`None`: it did not exist).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub path: PathBuf,
    pub fingerprint: Option<Fingerprint>,
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file on disk is no longer what was loaded.
    #[error("{path} was changed on disk since it was loaded")]
    ChangedOnDisk { path: PathBuf },
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl Snapshot {
    /// The snapshot of these bytes (or of a missing file) at `path`.
    pub fn of(path: &Path, bytes: Option<&[u8]>) -> Self {
        Self {
            path: path.to_owned(),
            fingerprint: bytes.map(Fingerprint::of),
        }
    }

    /// Reads the file: its snapshot and its bytes (`None`: it does not exist) — within the limits
    /// of its kind ([`limits::TextKind::of_file`]): a file too large, with too long a line or
    /// with binary content is refused ([`limits::Refused`]) and nothing is parsed or written.
    pub fn read(path: &Path) -> io::Result<(Self, Option<Vec<u8>>)> {
        let bytes = limits::read(path, limits::TextKind::of_file(path))?;
        Ok((Self::of(path, bytes.as_deref()), bytes))
    }

    /// Whether the file existed.
    pub fn exists(&self) -> bool {
        self.fingerprint.is_some()
    }

    /// Reads the file again and fails with [`SaveError::ChangedOnDisk`] when it differs from this
    /// snapshot. Returns its current bytes.
    pub fn check_unchanged(&self) -> Result<Option<Vec<u8>>, SaveError> {
        let (now, bytes) = Snapshot::read(&self.path).map_err(|source| SaveError::Io {
            path: self.path.clone(),
            source,
        })?;
        if now.fingerprint != self.fingerprint {
            return Err(SaveError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        Ok(bytes)
    }

    /// Writes `bytes` atomically, unless the file changed since this snapshot (and `force` is off).
    /// Returns the snapshot of what is now on disk.
    pub fn save(&self, bytes: &[u8], force: bool, mode: FileMode) -> Result<Snapshot, SaveError> {
        if !force {
            self.check_unchanged()?;
        }
        write_atomic(&self.path, bytes, mode).map_err(|source| SaveError::Io {
            path: self.path.clone(),
            source,
        })?;
        Ok(Snapshot::of(&self.path, Some(bytes)))
    }
}

/// Opens `path` with `options`, refusing a link where the file should be (a symbolic link on
/// Unix through `O_NOFOLLOW`; a symbolic link or junction on Windows, opened as itself through
/// `FILE_FLAG_OPEN_REPARSE_POINT` and then refused): an append to the audit trail or a log must
/// never land in a file the link points at. The error is [`LinkRefused`].
pub fn open_no_link(path: &Path, options: &mut std::fs::OpenOptions) -> io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        match options.custom_flags(libc::O_NOFOLLOW).open(path) {
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(LinkRefused::error(path)),
            other => other,
        }
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::{MetadataExt as _, OpenOptionsExt as _};
        use windows_sys::Win32::Storage::FileSystem::{
            FILE_ATTRIBUTE_REPARSE_POINT, FILE_FLAG_OPEN_REPARSE_POINT,
        };
        let file = options
            .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
            .open(path)?;
        if file.metadata()?.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return Err(LinkRefused::error(path));
        }
        Ok(file)
    }
}

/// A link stands where a file of the pane should be: it is not opened.
#[derive(Debug, thiserror::Error)]
#[error("{path} is a link; the pane does not write through links")]
pub struct LinkRefused {
    pub path: PathBuf,
}

impl LinkRefused {
    pub(crate) fn error(path: &Path) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            LinkRefused {
                path: path.to_owned(),
            },
        )
    }

    /// Whether `e` is this refusal.
    pub fn is(e: &io::Error) -> bool {
        e.get_ref().is_some_and(|inner| inner.is::<LinkRefused>())
    }
}

/// Who may read a written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileMode {
    /// Keep the permissions of the file being replaced (new files: readable by all, 0644 on Unix).
    Shared,
    /// Readable and writable by the owner only (0600 on Unix), for secrets; no backup is kept.
    OwnerOnly,
}
