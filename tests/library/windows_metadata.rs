//! What Windows shows of the .exe (issue 22 §6): the manifest's version is Cargo.toml's.

/// The .exe's manifest names the version Cargo.toml gives (Windows shows it; an MSI's upgrade
/// compares it): `MAJOR.MINOR.PATCH.0`. The version resource takes it from Cargo itself (build.rs).
#[test]
fn the_windows_manifest_names_the_version_of_cargo_toml() {
    let manifest = include_str!("../../assets/windows/app.manifest");
    let want = format!(
        "name=\"estos.TeamsPresenceAdmin\" version=\"{}.0\"",
        env!("CARGO_PKG_VERSION")
    );
    assert!(
        manifest.contains(&want),
        "assets/windows/app.manifest lacks {want}"
    );
}

/// What Explorer's "Details" and AppLocker read from the built .exe: the version, the publisher
/// (Cargo.toml's authors, or TPA_PUBLISHER for a release) and a copyright that names it — read
/// through Windows' own version API (under Wine here).
#[cfg(windows)]
#[test]
fn the_exe_names_the_version_and_publisher_of_cargo_toml() {
    let exe = env!("CARGO_BIN_EXE_teams-presence-admin");
    // As build.rs took it: from the build's environment.
    let publisher = option_env!("TPA_PUBLISHER")
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| env!("CARGO_PKG_AUTHORS").replace(':', ", "));
    assert_eq!(
        version_string(exe, "FileVersion").as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        version_string(exe, "CompanyName").as_deref(),
        Some(publisher.as_str())
    );
    let copyright = version_string(exe, "LegalCopyright").unwrap();
    assert!(copyright.contains(&publisher), "{copyright}");
    assert!(
        !copyright.contains("MIT"),
        "the licence is no copyright: {copyright}"
    );
}

/// One string of the .exe's version resource (language block 040904B0).
#[cfg(windows)]
fn version_string(exe: &str, name: &str) -> Option<String> {
    use windows_sys::Win32::Storage::FileSystem::{
        GetFileVersionInfoSizeW, GetFileVersionInfoW, VerQueryValueW,
    };
    let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
    let path = wide(exe);
    // SAFETY: the buffers are sized as Windows says; the value points into `data`.
    unsafe {
        let size = GetFileVersionInfoSizeW(path.as_ptr(), std::ptr::null_mut());
        assert!(size > 0, "{exe} has no version resource");
        let mut data = vec![0u8; size as usize];
        assert!(GetFileVersionInfoW(path.as_ptr(), 0, size, data.as_mut_ptr().cast()) != 0);
        let key = wide(&format!("\\StringFileInfo\\040904B0\\{name}"));
        let mut value: *mut core::ffi::c_void = std::ptr::null_mut();
        let mut len = 0u32;
        if VerQueryValueW(data.as_ptr().cast(), key.as_ptr(), &mut value, &mut len) == 0 || len == 0
        {
            return None;
        }
        let chars = std::slice::from_raw_parts(value as *const u16, len as usize);
        let text = String::from_utf16_lossy(chars);
        Some(text.trim_end_matches('\0').to_owned())
    }
}
