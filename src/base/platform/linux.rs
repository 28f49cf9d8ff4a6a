//! Linux: replacing a file without a window in which another program's rename is lost
//! (`renameat2` with `RENAME_EXCHANGE`, `RENAME_NOREPLACE`; Linux 3.15, ext4, xfs, btrfs, tmpfs).

use super::identity::{ChangedMeanwhile, Expect, FileId, Stamp};
use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt as _;
use std::path::Path;

/// How [`replace`] ended.
pub enum Replaced {
    /// The new file is in place; the old one is at the temporary path (to be removed).
    Exchanged,
    /// The new file is in place (there was none before); nothing is at the temporary path.
    Renamed,
    /// The file system does not swap or refuses the flags: compare and rename instead.
    Unsupported,
}

/// How often a version another program renamed in meanwhile is swapped back before giving up.
const SWAPS: usize = 64;

fn c(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
}

fn rename2(from: &Path, to: &Path, flags: libc::c_uint) -> io::Result<()> {
    let (from, to) = (c(from)?, c(to)?);
    // SAFETY: NUL-terminated paths relative to the working folder (AT_FDCWD), as documented.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            flags,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

fn unsupported(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    )
}

/// What stands at `path`: its id, or an error when nothing does.
fn id_at(path: &Path) -> io::Result<Option<FileId>> {
    Ok(Stamp::of(path)?.map(|s| s.id()))
}

/// Puts the file at `tmp` in place of `target` while `target` is as `expect`ed (not `Any`).
pub fn replace(tmp: &Path, target: &Path, expect: Expect) -> io::Result<Replaced> {
    let stamp = match expect {
        Expect::Any => return Ok(Replaced::Unsupported),
        Expect::Absent => {
            return match rename2(tmp, target, libc::RENAME_NOREPLACE) {
                Ok(()) => Ok(Replaced::Renamed),
                Err(e) if e.raw_os_error() == Some(libc::EEXIST) => {
                    Err(ChangedMeanwhile::error(target))
                }
                Err(e) if unsupported(&e) => Ok(Replaced::Unsupported),
                Err(e) => Err(e),
            };
        }
        Expect::Same(stamp) => stamp,
    };
    // Compared first, so that a version of ours made from an older read is not even swapped in for
    // an instant (a program that reads then may build on it).
    if Stamp::of(target)? != Some(stamp) {
        return Err(ChangedMeanwhile::error(target));
    }
    let Some(ours) = id_at(tmp)? else {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "the temporary file is gone",
        ));
    };
    match rename2(tmp, target, libc::RENAME_EXCHANGE) {
        Ok(()) => {}
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {
            return Err(ChangedMeanwhile::error(target));
        }
        Err(e) if unsupported(&e) => return Ok(Replaced::Unsupported),
        Err(e) => return Err(e),
    }
    // What was at the target an instant ago (a rename changes no size or modification time).
    if Stamp::of(tmp)? == Some(stamp) {
        return Ok(Replaced::Exchanged);
    }
    // Another program's newer version was there: it goes back in place. Should yet another have
    // been renamed over ours meanwhile, that newest one goes back instead, until the target holds
    // the other program's newest version again.
    let (mut at_tmp, mut at_target) = (id_at(tmp)?, Some(ours));
    for _ in 0..SWAPS {
        rename2(tmp, target, libc::RENAME_EXCHANGE)?;
        let out = id_at(tmp)?;
        if out == at_target {
            return Err(ChangedMeanwhile::error(target));
        }
        (at_tmp, at_target) = (out, at_tmp);
    }
    let _ = at_tmp;
    Err(ChangedMeanwhile::error(target))
}
