//! Windows: the secrets file's DACL, reading a file's DACL, replacing a file atomically
//! (`MoveFileExW`, the target's DACL and attributes carried over) with retries while another
//! program holds it, the console, and where the UCServer is installed.

use super::SECRET_SDDL;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use std::ptr::{null, null_mut};
use std::time::{Duration, Instant};
use windows_sys::Win32::Foundation::{
    ERROR_ACCESS_DENIED, ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION, GENERIC_ALL, GENERIC_READ,
    LocalFree,
};
use windows_sys::Win32::Security::Authorization::{
    ConvertStringSecurityDescriptorToSecurityDescriptorW, GetNamedSecurityInfoW, SDDL_REVISION_1,
    SE_FILE_OBJECT, SetNamedSecurityInfoW,
};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACE_HEADER, ACL, DACL_SECURITY_INFORMATION, EqualSid, GetAce,
    GetSecurityDescriptorControl, GetSecurityDescriptorDacl, IsWellKnownSid,
    OWNER_SECURITY_INFORMATION, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, PSID,
    SE_DACL_PROTECTED, UNPROTECTED_DACL_SECURITY_INFORMATION, WinBuiltinAdministratorsSid,
    WinCreatorOwnerRightsSid, WinLocalSystemSid,
};
use windows_sys::Win32::Storage::FileSystem::{
    FILE_ATTRIBUTE_HIDDEN, FILE_ATTRIBUTE_SYSTEM, FILE_READ_DATA, GetFileAttributesW,
    INVALID_FILE_ATTRIBUTES, MOVEFILE_REPLACE_EXISTING, MOVEFILE_WRITE_THROUGH, MoveFileExW,
    SetFileAttributesW,
};
use windows_sys::Win32::System::SystemServices::ACCESS_ALLOWED_ACE_TYPE;

/// A path as the wide, NUL-terminated string the API takes; absolute and with the `\\?\` prefix,
/// so that paths over 260 characters work.
fn wide(path: &Path) -> Vec<u16> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let text = absolute.as_os_str();
    let mut out: Vec<u16> = Vec::new();
    let plain = text.to_string_lossy();
    if !plain.starts_with(r"\\") {
        out.extend(r"\\?\".encode_utf16());
    }
    out.extend(text.encode_wide());
    out.push(0);
    out
}

/// Frees what the security API allocated with `LocalAlloc`.
struct Local(*mut core::ffi::c_void);

impl Drop for Local {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the pointer came from the API that documents LocalFree for it.
            unsafe { LocalFree(self.0) };
        }
    }
}

/// The security descriptor written in `sddl`, freed when the returned guard drops.
fn descriptor(sddl: &str) -> io::Result<(PSECURITY_DESCRIPTOR, Local)> {
    let sddl: Vec<u16> = sddl.encode_utf16().chain([0]).collect();
    let mut sd: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: a NUL-terminated string in, a descriptor out that `Local` frees.
    let ok = unsafe {
        ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl.as_ptr(),
            SDDL_REVISION_1,
            &mut sd,
            null_mut(),
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok((sd, Local(sd)))
}

pub fn protect_secret(path: &Path) -> io::Result<()> {
    let (sd, _sd) = descriptor(SECRET_SDDL)?;
    let (mut present, mut defaulted) = (0, 0);
    let mut dacl: *mut ACL = null_mut();
    // SAFETY: `sd` is the valid descriptor made above; the DACL points into it.
    if unsafe { GetSecurityDescriptorDacl(sd, &mut present, &mut dacl, &mut defaulted) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let name = wide(path);
    // SAFETY: a NUL-terminated path, and a DACL that lives as long as `_sd`.
    let r = unsafe {
        SetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            dacl,
            null(),
        )
    };
    match r {
        0 => Ok(()),
        e => Err(io::Error::from_raw_os_error(e as i32)),
    }
}

pub fn readable_by_others(path: &Path) -> bool {
    let name = wide(path);
    let mut owner: PSID = null_mut();
    let mut dacl: *mut ACL = null_mut();
    let mut sd: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: out-pointers to locals; the descriptor is freed by `Local`.
    let r = unsafe {
        GetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
            &mut owner,
            null_mut(),
            &mut dacl,
            null_mut(),
            &mut sd,
        )
    };
    if r != 0 {
        // No file (or no right to look): nothing anybody could read through it.
        return false;
    }
    let _sd = Local(sd);
    if dacl.is_null() {
        // No DACL: everybody has full access.
        return true;
    }
    // SAFETY: `dacl` points into the descriptor held by `_sd`.
    let count = unsafe { (*dacl).AceCount };
    for i in 0..u32::from(count) {
        let mut ace: *mut core::ffi::c_void = null_mut();
        // SAFETY: the index is below the ACL's count; the ACE points into the descriptor.
        if unsafe { GetAce(dacl, i, &mut ace) } == 0 {
            continue;
        }
        // SAFETY: every ACE starts with an ACE_HEADER.
        let header = unsafe { *(ace as *const ACE_HEADER) };
        if u32::from(header.AceType) != ACCESS_ALLOWED_ACE_TYPE {
            continue;
        }
        // SAFETY: an ACCESS_ALLOWED_ACE by its type; its SID starts at `SidStart`.
        let allowed = ace as *const ACCESS_ALLOWED_ACE;
        let (mask, sid) = unsafe { ((*allowed).Mask, &raw const (*allowed).SidStart as PSID) };
        if mask & (FILE_READ_DATA | GENERIC_READ | GENERIC_ALL) == 0 {
            continue;
        }
        // SAFETY: `sid` and `owner` point into the descriptor held by `_sd`.
        let trusted = unsafe {
            IsWellKnownSid(sid, WinLocalSystemSid) != 0
                || IsWellKnownSid(sid, WinBuiltinAdministratorsSid) != 0
                || IsWellKnownSid(sid, WinCreatorOwnerRightsSid) != 0
                || (!owner.is_null() && EqualSid(sid, owner) != 0)
        };
        if !trusted {
            return true;
        }
    }
    false
}

/// How long a file held open by another program is tried again.
const RETRY_FOR: Duration = Duration::from_secs(2);

pub fn replace(
    tmp: tempfile::TempPath,
    target: &Path,
    keep_target_security: bool,
    expect: super::identity::Expect,
) -> io::Result<()> {
    use super::identity::{ChangedMeanwhile, Expect};
    if keep_target_security && target.exists() {
        // MoveFileExW is the atomic rename (ReplaceFileW is not: under Wine a killed writer
        // left no file, and Windows' documentation promises no atomicity); so the target's DACL
        // and attributes go onto the new file first. Without the right to read them the file
        // keeps the folder's, which it inherits already.
        if let Err(e) = copy_security(target, &tmp) {
            tracing::warn!("{}: permissions not carried over: {e}", target.display());
        }
    }
    let (from, to) = (wide(&tmp), wide(target));
    let start = Instant::now();
    loop {
        // Compared right before the rename: another program's version renamed in since it was
        // read is never replaced (a window of the two calls remains; Windows has no swap).
        if expect != Expect::Any && Expect::now(target)? != expect {
            return Err(ChangedMeanwhile::error(target));
        }
        let flags = MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH;
        // SAFETY: NUL-terminated paths.
        if unsafe { MoveFileExW(from.as_ptr(), to.as_ptr(), flags) } != 0 {
            // In place now: the temporary path must not be deleted.
            let _ = tmp.keep();
            return Ok(());
        }
        let e = io::Error::last_os_error();
        let held = matches!(
            e.raw_os_error().map(|c| c as u32),
            Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION | ERROR_ACCESS_DENIED)
        );
        // The old file is untouched in either case; `tmp` is removed when it drops.
        if !held {
            return Err(e);
        }
        if start.elapsed() > RETRY_FOR {
            let held = format!("{} is held open by another program: {e}", target.display());
            return Err(io::Error::new(e.kind(), held));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Puts the DACL of `from` (protected or inheriting, as it is) and its hidden/system attributes
/// on `to`.
fn copy_security(from: &Path, to: &Path) -> io::Result<()> {
    let (source, dest) = (wide(from), wide(to));
    let mut dacl: *mut ACL = null_mut();
    let mut sd: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: out-pointers to locals; the descriptor is freed by `Local`.
    let r = unsafe {
        GetNamedSecurityInfoW(
            source.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            &mut dacl,
            null_mut(),
            &mut sd,
        )
    };
    if r != 0 {
        return Err(io::Error::from_raw_os_error(r as i32));
    }
    let _sd = Local(sd);
    let (mut control, mut revision) = (0u16, 0u32);
    // SAFETY: `sd` is the descriptor just read.
    if unsafe { GetSecurityDescriptorControl(sd, &mut control, &mut revision) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let protection = if control & SE_DACL_PROTECTED != 0 {
        PROTECTED_DACL_SECURITY_INFORMATION
    } else {
        UNPROTECTED_DACL_SECURITY_INFORMATION
    };
    // SAFETY: a NUL-terminated path and the DACL held by `_sd`.
    let r = unsafe {
        SetNamedSecurityInfoW(
            dest.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | protection,
            null_mut(),
            null_mut(),
            dacl,
            null(),
        )
    };
    if r != 0 {
        return Err(io::Error::from_raw_os_error(r as i32));
    }
    // SAFETY: NUL-terminated paths.
    unsafe {
        let attributes = GetFileAttributesW(source.as_ptr());
        if attributes != INVALID_FILE_ATTRIBUTES {
            let kept = attributes & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM);
            SetFileAttributesW(dest.as_ptr(), kept);
        }
    }
    Ok(())
}

/// A UNC path (`\\server\share\…`), or a drive letter Windows calls remote (a mapped network
/// drive).
pub fn on_network_drive(dir: &Path) -> bool {
    use std::path::{Component, Prefix};
    use windows_sys::Win32::Storage::FileSystem::GetDriveTypeW;
    /// `DRIVE_REMOTE` (WindowsProgramming, a feature of windows-sys not needed otherwise).
    const DRIVE_REMOTE: u32 = 4;
    let Ok(dir) = std::path::absolute(dir) else {
        return false;
    };
    let Some(Component::Prefix(prefix)) = dir.components().next() else {
        return false;
    };
    match prefix.kind() {
        Prefix::UNC(..) | Prefix::VerbatimUNC(..) => true,
        Prefix::Disk(letter) | Prefix::VerbatimDisk(letter) => {
            let root: Vec<u16> = format!("{}:\\", letter as char)
                .encode_utf16()
                .chain([0])
                .collect();
            // SAFETY: `root` is a NUL-terminated UTF-16 string.
            unsafe { GetDriveTypeW(root.as_ptr()) == DRIVE_REMOTE }
        }
        _ => false,
    }
}

pub fn attach_console() {
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain calls without pointers.
    unsafe {
        let unset = |h: windows_sys::Win32::Foundation::HANDLE| h.is_null() || h as isize == -1;
        if unset(GetStdHandle(STD_OUTPUT_HANDLE)) && unset(GetStdHandle(STD_ERROR_HANDLE)) {
            // Fails when there is no parent console (started from Explorer): nothing to do then.
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// The UCServer's installation folder as Windows knows it: an uninstall entry (64- and 32-bit
/// view) whose DisplayName names the UCServer, with its InstallLocation; else the folder of the
/// UCServer service's program (its ImagePath), or the folder above it that holds `config`.
pub fn installed_ucserver_dir() -> Option<std::path::PathBuf> {
    find_ucserver_in(&winreg::RegKey::predef(winreg::enums::HKEY_LOCAL_MACHINE))
}

/// [`installed_ucserver_dir`] below `root` (HKLM; a test key in the tests).
pub fn find_ucserver_in(root: &winreg::RegKey) -> Option<std::path::PathBuf> {
    let names_ucserver = |s: &str| s.to_lowercase().contains("ucserver");
    for uninstall in [
        r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
        r"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
    ] {
        let Ok(key) = root.open_subkey(uninstall) else {
            continue;
        };
        for name in key.enum_keys().flatten() {
            let Ok(app) = key.open_subkey(&name) else {
                continue;
            };
            let display: String = app.get_value("DisplayName").unwrap_or_default();
            let location: String = app.get_value("InstallLocation").unwrap_or_default();
            let location = location.trim().trim_matches('"');
            if names_ucserver(&display) && !location.is_empty() {
                return Some(std::path::PathBuf::from(location));
            }
        }
    }
    let services = root
        .open_subkey(r"SYSTEM\CurrentControlSet\Services")
        .ok()?;
    for name in services.enum_keys().flatten() {
        let Ok(service) = services.open_subkey(&name) else {
            continue;
        };
        let display: String = service.get_value("DisplayName").unwrap_or_default();
        if !names_ucserver(&name) && !names_ucserver(&display) {
            continue;
        }
        let image: String = service.get_value("ImagePath").unwrap_or_default();
        if let Some(dir) = program_dir(&image) {
            return Some(dir);
        }
    }
    None
}

/// The folder of a service's program from its ImagePath (`"C:\…\x.exe" -args` or unquoted):
/// the program's folder, or the one above it when only that holds `config`.
fn program_dir(image: &str) -> Option<std::path::PathBuf> {
    let image = image.trim();
    let program = match image.strip_prefix('"') {
        Some(rest) => rest.split('"').next()?,
        None => {
            let end = image
                .to_lowercase()
                .find(".exe")
                .map_or(image.len(), |i| i + 4);
            &image[..end]
        }
    };
    let dir = Path::new(program).parent()?;
    let above = dir
        .parent()
        .filter(|p| p.join("config").is_dir() && !dir.join("config").is_dir());
    Some(above.unwrap_or(dir).to_path_buf())
}

/// Whether this runs under Wine (which accepts a DACL but does not keep it).
#[cfg(test)]
fn under_wine() -> bool {
    use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleA, GetProcAddress};
    // SAFETY: NUL-terminated names; ntdll is loaded in every process.
    unsafe {
        let ntdll = GetModuleHandleA(c"ntdll.dll".as_ptr().cast());
        !ntdll.is_null() && GetProcAddress(ntdll, c"wine_get_version".as_ptr().cast()).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use windows_sys::Win32::Security::Authorization::ConvertSecurityDescriptorToStringSecurityDescriptorW;

    /// The SDDL parses into a descriptor whose DACL reads back as the same SDDL: protected, the
    /// three ACEs, nothing inherited.
    #[test]
    fn the_secrets_descriptor_is_what_the_sddl_says() {
        let (sd, _sd) = descriptor(SECRET_SDDL).unwrap();
        let mut out: *mut u16 = null_mut();
        let ok = unsafe {
            ConvertSecurityDescriptorToStringSecurityDescriptorW(
                sd,
                SDDL_REVISION_1,
                DACL_SECURITY_INFORMATION,
                &mut out,
                null_mut(),
            )
        };
        assert_ne!(ok, 0, "{}", io::Error::last_os_error());
        let _out = Local(out.cast());
        let len = (0..).take_while(|&i| unsafe { *out.add(i) } != 0).count();
        let back = String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(out, len) });
        assert_eq!(back, SECRET_SDDL);
    }

    #[test]
    fn a_protected_file_is_readable_by_its_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.secrets.json");
        std::fs::write(&path, b"{}").unwrap();
        protect_secret(&path).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"{}",
            "the owner can still read it"
        );
        if under_wine() {
            // Wine answers SetNamedSecurityInfoW with success but keeps no DACL: the effect is
            // checked on Windows only (docs/windows.md).
            return;
        }
        assert!(!readable_by_others(&path));
    }

    #[test]
    fn the_ucserver_folder_is_found_in_the_registry() {
        use winreg::RegKey;
        use winreg::enums::HKEY_CURRENT_USER;
        let hkcu = RegKey::predef(HKEY_CURRENT_USER);
        let base = format!(r"Software\teams-presence-admin-test\{}", std::process::id());
        let (root, _) = hkcu.create_subkey(&base).unwrap();
        assert_eq!(find_ucserver_in(&root), None);
        // The service's program, quoted, with arguments.
        let (svc, _) = root
            .create_subkey(r"SYSTEM\CurrentControlSet\Services\UCServer")
            .unwrap();
        svc.set_value(
            "ImagePath",
            &r#""C:\Program Files\estos\UCServer\UCServer.exe" -service"#,
        )
        .unwrap();
        assert_eq!(
            find_ucserver_in(&root),
            Some(r"C:\Program Files\estos\UCServer".into())
        );
        // An uninstall entry wins, whatever its folder is called (spaces, umlauts).
        let (app, _) = root
            .create_subkey(r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{ABC}")
            .unwrap();
        app.set_value("DisplayName", &"estos UCServer 8").unwrap();
        app.set_value("InstallLocation", &r"D:\Programme\estos\UC Server Müller\")
            .unwrap();
        assert_eq!(
            find_ucserver_in(&root),
            Some(r"D:\Programme\estos\UC Server Müller\".into())
        );
        hkcu.delete_subkey_all(&base).unwrap();
    }

    #[test]
    fn long_paths_get_the_verbatim_prefix() {
        let long = Path::new(r"C:\Program Files\estos").join("x".repeat(300));
        let w = String::from_utf16_lossy(&wide(&long));
        assert!(w.starts_with(r"\\?\C:\Program Files\estos\xxx"), "{w}");
        assert!(w.ends_with('\0'));
    }
}
