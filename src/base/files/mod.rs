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

/// What a file is (device and inode; Windows' file id): [`crate::base::platform::identity`].
pub use crate::base::platform::identity;
pub use atomic::{backup_path, day_backup_path, write_atomic, write_expecting};
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
        self.check_unchanged_stamped().map(|(bytes, _)| bytes)
    }

    /// [`Snapshot::check_unchanged`], and what stood at the path before it was read — what a
    /// replace must find there ([`identity::Expect`]).
    fn check_unchanged_stamped(&self) -> Result<(Option<Vec<u8>>, identity::Expect), SaveError> {
        let io = |source| SaveError::Io {
            path: self.path.clone(),
            source,
        };
        let expect = identity::Expect::now(&self.path).map_err(io)?;
        let (now, bytes) = Snapshot::read(&self.path).map_err(io)?;
        if now.fingerprint != self.fingerprint {
            return Err(SaveError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        Ok((bytes, expect))
    }

    /// Writes `bytes` atomically, unless the file changed since this snapshot (and `force` is off):
    /// compared when it is read again here and once more in the replace itself, after the
    /// temporary file and the backups are written ([`write_expecting`]). Returns the snapshot of
    /// what is now on disk.
    pub fn save(&self, bytes: &[u8], force: bool, mode: FileMode) -> Result<Snapshot, SaveError> {
        let io = |source: io::Error| {
            if identity::ChangedMeanwhile::is(&source) {
                return SaveError::ChangedOnDisk {
                    path: self.path.clone(),
                };
            }
            SaveError::Io {
                path: self.path.clone(),
                source,
            }
        };
        if force {
            write_atomic(&self.path, bytes, mode).map_err(io)?;
        } else {
            let (previous, expect) = self.check_unchanged_stamped()?;
            write_expecting(&self.path, bytes, mode, expect, previous.as_deref()).map_err(io)?;
        }
        Ok(Snapshot::of(&self.path, Some(bytes)))
    }
}

/// Opens the file at `path` for reading, only when it is a file (`None`: nothing is there): a
/// FIFO is opened without waiting for a writer and refused like a folder or a device
/// ([`NotAFile`], issue 34 §6), so that no read hangs or runs without end.
pub fn open_regular(path: &Path) -> io::Result<Option<std::fs::File>> {
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(not_a_file(path, e)),
    };
    only_a_file(path, &file)?;
    Ok(Some(file))
}

/// Refuses an open handle that is not a file.
fn only_a_file(path: &Path, file: &std::fs::File) -> io::Result<()> {
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(NotAFile::error(path, EntryKind::of(&kind)))
}

/// An error opening `path` named as [`NotAFile`] where a folder stands in its place.
fn not_a_file(path: &Path, e: io::Error) -> io::Error {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => NotAFile::error(path, EntryKind::of(&m.file_type())),
        _ => e,
    }
}

/// What stands where a file should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Folder,
    Fifo,
    Device,
    Socket,
    Other,
}

impl EntryKind {
    fn of(kind: &std::fs::FileType) -> EntryKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if kind.is_fifo() {
                return EntryKind::Fifo;
            }
            if kind.is_block_device() || kind.is_char_device() {
                return EntryKind::Device;
            }
            if kind.is_socket() {
                return EntryKind::Socket;
            }
        }
        if kind.is_dir() {
            EntryKind::Folder
        } else {
            EntryKind::Other
        }
    }

    /// The Fluent id of what it is ("ein Ordner").
    pub fn label_id(self) -> &'static str {
        match self {
            EntryKind::Folder => "entry-folder",
            EntryKind::Fifo => "entry-fifo",
            EntryKind::Device => "entry-device",
            EntryKind::Socket => "entry-socket",
            EntryKind::Other => "entry-other",
        }
    }
}

/// Something else than a file stands where a file should be (a folder, a FIFO, a device): it is
/// neither read nor written.
#[derive(Debug, thiserror::Error)]
#[error("{path} is not a file ({kind:?})")]
pub struct NotAFile {
    pub path: PathBuf,
    pub kind: EntryKind,
}

impl NotAFile {
    pub(crate) fn error(path: &Path, kind: EntryKind) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            NotAFile {
                path: path.to_owned(),
                kind,
            },
        )
    }

    /// The refusal inside `e`, if it is one.
    pub fn of(e: &io::Error) -> Option<&NotAFile> {
        e.get_ref().and_then(|i| i.downcast_ref::<NotAFile>())
    }
}

/// Opens `path` with `options`, refusing a link or anything but a file where the file should be (a symbolic link on
/// Unix through `O_NOFOLLOW`; a symbolic link or junction on Windows, opened as itself through
/// `FILE_FLAG_OPEN_REPARSE_POINT` and then refused): an append to the audit trail or a log must
/// never land in a file the link points at. The error is [`LinkRefused`].
pub fn open_no_link(path: &Path, options: &mut std::fs::OpenOptions) -> io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // O_NONBLOCK: a FIFO in the file's place is opened without waiting for its other end,
        // then refused below.
        let file = match options
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(path)
        {
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(LinkRefused::error(path)),
            // A FIFO without a reader, opened to write.
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                Err(NotAFile::error(path, EntryKind::Fifo))
            }
            Err(e) => Err(not_a_file(path, e)),
            Ok(f) => Ok(f),
        }?;
        only_a_file(path, &file)?;
        Ok(file)
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
        only_a_file(path, &file)?;
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
