//! Safe reading and writing of the files shared with the UCServer service.
//!
//! Every write goes through [`write_atomic`]: a temporary file in the same folder, flushed to disk,
//! the previous version copied to `NAME.bak`, then renamed over the target. A [`Snapshot`] remembers
//! the bytes a file had when it was loaded, so that a file changed on disk in the meantime is never
//! overwritten silently ([`Snapshot::check_unchanged`]). [`TextStyle`] keeps a Windows tool's UTF-8 BOM
//! and CRLF line ends.

mod atomic;
mod style;

pub use atomic::{backup_path, write_atomic};
pub use style::TextStyle;

use std::io;
use std::path::{Path, PathBuf};

/// A file as it was when it was loaded: its path and its bytes (`None`: it did not exist).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub path: PathBuf,
    pub bytes: Option<Vec<u8>>,
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file on disk is no longer what was loaded.
    #[error("{path} was changed on disk since it was loaded")]
    ChangedOnDisk { path: PathBuf, now: Snapshot },
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl Snapshot {
    /// Reads the file; a missing file is a snapshot without bytes.
    pub fn read(path: &Path) -> io::Result<Self> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        Ok(Self {
            path: path.to_owned(),
            bytes,
        })
    }

    /// Reads the file again and fails with [`SaveError::ChangedOnDisk`] when it differs from this
    /// snapshot. Returns the fresh snapshot (equal to `self` on success).
    pub fn check_unchanged(&self) -> Result<Snapshot, SaveError> {
        let now = Snapshot::read(&self.path).map_err(|source| SaveError::Io {
            path: self.path.clone(),
            source,
        })?;
        if now.bytes != self.bytes {
            return Err(SaveError::ChangedOnDisk {
                path: self.path.clone(),
                now,
            });
        }
        Ok(now)
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
        Ok(Snapshot {
            path: self.path.clone(),
            bytes: Some(bytes.to_vec()),
        })
    }
}

/// Who may read a written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileMode {
    /// Keep the permissions of the file being replaced (new files: readable by all, 0644 on Unix).
    Shared,
    /// Readable and writable by the owner only (0600 on Unix), for secrets; the backup too.
    OwnerOnly,
}
