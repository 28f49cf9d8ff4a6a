//! What a file is, not how its path is spelled (issue 34 §2, §3): a [`FileId`] is the device and
//! inode on Unix, the volume serial number and file index on Windows — the same for every
//! spelling of a path (relative, through a link, a junction, a bind mount, `SUBST`, another
//! letter case). A [`Stamp`] adds what changes when the file is written (size and modification
//! time), so that a replace can tell whether the file it is about to replace is still the
//! one that was read ([`super::replace`]).

use std::io;
use std::path::Path;

/// A file or folder by what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileId {
    device: u64,
    index: u64,
}

impl FileId {
    /// The file or folder `path` names, links followed.
    pub fn of(path: &Path) -> io::Result<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let m = std::fs::metadata(path)?;
            Ok(FileId {
                device: m.dev(),
                index: m.ino(),
            })
        }
        #[cfg(windows)]
        {
            super::file_id(path).map(|(device, index)| FileId { device, index })
        }
    }

    /// The file behind an open handle.
    pub fn of_open(file: &std::fs::File) -> io::Result<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let m = file.metadata()?;
            Ok(FileId {
                device: m.dev(),
                index: m.ino(),
            })
        }
        #[cfg(windows)]
        {
            super::open_file_id(file).map(|(device, index)| FileId { device, index })
        }
    }
}

/// A directory entry as it was at one moment: what it is and when it last changed. Two stamps
/// differ when the entry was replaced (a rename over it, a new file) or written in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    id: FileId,
    len: u64,
    /// Modification time (ns since the epoch). (The change time is not kept: a rename changes it.)
    modified: i128,
    link: bool,
}

impl Stamp {
    /// The entry at `path` itself (a link is not followed); `None`: there is none.
    pub fn of(path: &Path) -> io::Result<Option<Stamp>> {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let ns = |t: std::time::SystemTime| match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        let modified = meta.modified().map(ns).unwrap_or_default();
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::MetadataExt as _;
            FileId {
                device: meta.dev(),
                index: meta.ino(),
            }
        };
        #[cfg(windows)]
        let id = {
            let (device, index) = super::entry_id(path)?;
            FileId { device, index }
        };
        Ok(Some(Stamp {
            id,
            len: meta.len(),
            modified,
            link: meta.file_type().is_symlink(),
        }))
    }

    /// What the entry is.
    pub fn id(&self) -> FileId {
        self.id
    }
}

/// What a replace expects to find at its target right before it replaces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Whatever is there (a file nobody else writes, or a write that was not read first).
    Any,
    /// Nothing: the file did not exist when it was read.
    Absent,
    /// The entry as stamped when it was read.
    Same(Stamp),
}

impl Expect {
    /// The expectation for the entry at `path` as it is now.
    pub fn now(path: &Path) -> io::Result<Expect> {
        Ok(match Stamp::of(path)? {
            Some(s) => Expect::Same(s),
            None => Expect::Absent,
        })
    }
}

/// The target of a replace was changed by another program between the read and the replace:
/// nothing was replaced.
#[derive(Debug, thiserror::Error)]
#[error("{path} was changed by another program while it was being saved")]
pub struct ChangedMeanwhile {
    pub path: std::path::PathBuf,
}

impl ChangedMeanwhile {
    pub(crate) fn error(path: &Path) -> io::Error {
        io::Error::other(ChangedMeanwhile {
            path: path.to_owned(),
        })
    }

    /// Whether `e` is this refusal.
    pub fn is(e: &io::Error) -> bool {
        e.get_ref().is_some_and(|i| i.is::<ChangedMeanwhile>())
    }
}

/// The path with links, `.` and `..` resolved where it exists; a file that does not exist yet is
/// its resolved folder joined with its name. Relative paths are taken from the current folder.
pub fn real_path(path: &Path) -> io::Result<std::path::PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Ok(strip_verbatim(p));
    }
    let absolute = std::path::absolute(path)?;
    let name = absolute.file_name().map(|n| n.to_owned());
    match (absolute.parent(), name) {
        (Some(parent), Some(name)) => Ok(real_path(parent)?.join(name)),
        _ => Ok(absolute),
    }
}

/// Windows' canonical paths start with `\\?\`; the pane shows and joins the usual form.
fn strip_verbatim(p: std::path::PathBuf) -> std::path::PathBuf {
    #[cfg(windows)]
    {
        let s = p.to_string_lossy();
        if let Some(rest) = s.strip_prefix(r"\\?\")
            && !rest.starts_with("UNC\\")
        {
            return std::path::PathBuf::from(rest);
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rename_over_a_file_or_a_write_in_place_changes_its_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.cfg");
        assert_eq!(Expect::now(&path).unwrap(), Expect::Absent);
        std::fs::write(&path, b"{}").unwrap();
        let first = Stamp::of(&path).unwrap().unwrap();
        assert_eq!(Stamp::of(&path).unwrap(), Some(first));
        let other = dir.path().join("other");
        std::fs::write(&other, b"{}").unwrap();
        std::fs::rename(&other, &path).unwrap();
        let second = Stamp::of(&path).unwrap().unwrap();
        assert_ne!(first.id(), second.id());
        std::fs::write(&path, b"{ }").unwrap();
        assert_ne!(Stamp::of(&path).unwrap(), Some(second));
    }

    #[cfg(unix)]
    #[test]
    fn every_spelling_of_a_path_is_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let dotted = dir
            .path()
            .join(".")
            .join("..")
            .join(dir.path().file_name().unwrap());
        assert_eq!(FileId::of(&file).unwrap(), FileId::of(&link).unwrap());
        assert_eq!(
            FileId::of(&file).unwrap(),
            FileId::of(&dotted.join("f")).unwrap()
        );
        assert_eq!(real_path(&link).unwrap(), real_path(&file).unwrap());
        assert_eq!(
            real_path(&dir.path().join("l-missing")).unwrap(),
            std::fs::canonicalize(dir.path()).unwrap().join("l-missing")
        );
    }
}
