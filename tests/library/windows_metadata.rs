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
