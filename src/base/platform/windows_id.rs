//! Windows: what a file is (volume serial number and file index, `GetFileInformationByHandle`),
//! whatever the spelling of its path (a junction, `SUBST`, `\\localhost\C$`, another letter
//! case), and the folder's lock file opened so that nobody can delete or rename it while it is
//! held.

use std::io;
use std::os::windows::fs::OpenOptionsExt as _;
use std::os::windows::io::AsRawHandle as _;
use std::path::Path;
use windows_sys::Win32::Storage::FileSystem::{
    BY_HANDLE_FILE_INFORMATION, FILE_FLAG_BACKUP_SEMANTICS, FILE_FLAG_OPEN_REPARSE_POINT,
    FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE, GetFileInformationByHandle,
};

/// The volume serial number and file index of an open handle.
pub fn open_file_id(file: &std::fs::File) -> io::Result<(u64, u64)> {
    let mut info: BY_HANDLE_FILE_INFORMATION = unsafe { std::mem::zeroed() };
    // SAFETY: a valid handle of `file` and an out-structure of the documented type.
    if unsafe { GetFileInformationByHandle(file.as_raw_handle() as _, &mut info) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let index = (u64::from(info.nFileIndexHigh) << 32) | u64::from(info.nFileIndexLow);
    Ok((u64::from(info.dwVolumeSerialNumber), index))
}

fn open_for_id(path: &Path, follow: bool) -> io::Result<std::fs::File> {
    let mut flags = FILE_FLAG_BACKUP_SEMANTICS;
    if !follow {
        flags |= FILE_FLAG_OPEN_REPARSE_POINT;
    }
    // No access right is needed to read a file's identity; every sharing mode, so that no other
    // program is disturbed.
    std::fs::OpenOptions::new()
        .access_mode(0)
        .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
        .custom_flags(flags)
        .open(path)
}

/// What `path` is, links and junctions followed (a folder too).
pub fn file_id(path: &Path) -> io::Result<(u64, u64)> {
    open_file_id(&open_for_id(path, true)?)
}

/// What the entry `path` itself is (a link or junction is not followed).
pub fn entry_id(path: &Path) -> io::Result<(u64, u64)> {
    open_file_id(&open_for_id(path, false)?)
}

/// The lock file, opened (created when missing) with the right to read only where writing is not
/// allowed, and without `FILE_SHARE_DELETE`: while it is open nobody can delete or rename it, so a
/// second writer can never take a new file's lock beside a held one.
pub fn open_lock_file(path: &Path) -> io::Result<std::fs::File> {
    let share = FILE_SHARE_READ | FILE_SHARE_WRITE;
    let created = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .share_mode(share)
        .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
        .open(path);
    match created {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => std::fs::OpenOptions::new()
            .read(true)
            .share_mode(share)
            .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
            .open(path),
        other => other,
    }
}
