//! What differs between Windows (where the pane runs, beside the UCServer) and Unix (where it is
//! built and tested): who may read the secrets file, and how a written file takes the place of
//! the old one; restarting the UCServer service. Each platform's code is in its own file; the rest of the pane calls these.

pub mod eventlog;
pub mod identity;
#[cfg(windows)]
mod scm;
pub mod service;
mod service_types;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
mod windows_id;
#[cfg(windows)]
pub use windows_id::{entry_id, file_id, open_file_id, open_lock_file};

#[cfg(target_os = "linux")]
mod linux;

#[cfg(unix)]
use identity::ChangedMeanwhile;
use identity::Expect;
use std::io;
use std::path::Path;

/// The DACL the secrets file gets on Windows, in SDDL: full access for SYSTEM (`SY`, the UCServer
/// service), the Administrators (`BA`) and the file's owner (`OW`, Owner Rights); nobody else;
/// inheritance from the folder removed (`P`, protected).
pub const SECRET_SDDL: &str = "D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;OW)";

/// Makes the file at `path` (freshly written, not yet in place) readable by its owner only: 0600
/// on Unix, the DACL [`SECRET_SDDL`] on Windows. An error means the file must not hold a secret.
pub fn protect_secret(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
    }
    #[cfg(windows)]
    {
        windows::protect_secret(path)
    }
}

/// Whether others than the owner may read the file: on Unix any group or other permission bit;
/// on Windows an allowing ACE with read rights for anybody but SYSTEM, the Administrators and
/// the owner, or no DACL at all.
pub fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
    }
    #[cfg(windows)]
    {
        windows::readable_by_others(path)
    }
}

/// Where Windows says the UCServer is installed (uninstall entry, else the service's program).
#[cfg(windows)]
pub fn installed_ucserver_dir() -> Option<std::path::PathBuf> {
    windows::installed_ucserver_dir()
}

/// Whether `dir` lies on a network drive or share, where change notifications may not arrive
/// (SMB and NFS servers need not send them): on Windows a UNC path or a drive Windows calls
/// remote (`GetDriveTypeW`), on Linux an NFS, SMB/CIFS or FUSE file system (`statfs`).
pub fn on_network_drive(dir: &Path) -> bool {
    #[cfg(windows)]
    {
        windows::on_network_drive(dir)
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return false;
        };
        let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a NUL-terminated path and `fs` a statfs the call fills.
        if unsafe { libc::statfs(c.as_ptr(), &mut fs) } != 0 {
            return false;
        }
        const NETWORK: [u32; 6] = [
            0x6969,      // NFS
            0x517B,      // SMB
            0xFF53_4D42, // CIFS
            0xFE53_4D42, // SMB2
            0x6573_5546, // FUSE (sshfs and the like)
            0x0102_1997, // 9P (WSL's drives)
        ];
        NETWORK.contains(&(fs.f_type as u32))
    }
    #[cfg(not(any(windows, target_os = "linux")))]
    {
        let _ = dir;
        false
    }
}

/// Windows: a GUI program has no console; started from one (cmd, PowerShell), it attaches to
/// it, so that the command line's output and messages appear there. Output that is redirected
/// (a pipe, a file) goes where it was sent. Nothing to do elsewhere.
pub fn attach_console() {
    #[cfg(windows)]
    windows::attach_console();
}

/// Puts the written temporary file `tmp` in place of `target`, atomically, only while `target` is
/// what `expect` says (issue 34 §1): otherwise nothing is replaced and the error is
/// [`ChangedMeanwhile`]. `keep_target_security`: the target's permissions stay (on Windows its DACL
/// and hidden/system attributes are put on `tmp` first); otherwise the temporary file's own go
/// with it (the secrets file's DACL). On Windows a file held open by another program (the service,
/// an editor) is tried again for two seconds, then named.
///
/// Linux swaps the two files (`renameat2` with `RENAME_EXCHANGE`) and looks at what it swapped
/// out: when another program renamed its own version over the target between the comparison and
/// the swap, that version is swapped back at once — no window is left in which a program that takes
/// no lock of ours loses its change. A new file is put in place with `RENAME_NOREPLACE`. Elsewhere
/// (and on file systems without these) the target is compared right before the rename: a window of
/// the two system calls.
pub fn replace(
    tmp: tempfile::TempPath,
    target: &Path,
    keep_target_security: bool,
    expect: Expect,
) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if expect != Expect::Any {
        match linux::replace(&tmp, target, expect)? {
            linux::Replaced::Exchanged => return Ok(()),
            linux::Replaced::Renamed => {
                let _ = tmp.keep();
                return Ok(());
            }
            linux::Replaced::Unsupported => {}
        }
    }
    #[cfg(unix)]
    {
        let _ = keep_target_security;
        if expect != Expect::Any && Expect::now(target)? != expect {
            return Err(ChangedMeanwhile::error(target));
        }
        tmp.persist(target).map_err(|e| e.error)
    }
    #[cfg(windows)]
    {
        windows::replace(tmp, target, keep_target_security, expect)
    }
}
