//! Windows only: the executable's icon, version information and manifest (per-monitor DPI
//! awareness, common controls 6, long paths) from assets/windows/app.rc, its @NAMES@ filled in
//! from Cargo.toml (version, description, licence, authors as the publisher unless TPA_PUBLISHER
//! names one).

fn main() {
    for f in ["app.rc", "app.manifest", "icon.ico"] {
        println!("cargo:rerun-if-changed=assets/windows/{f}");
    }
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let v = |k: &str| std::env::var(k).expect("cargo sets the package's metadata");
    println!("cargo:rerun-if-env-changed=TPA_PUBLISHER");
    // The publisher: TPA_PUBLISHER for a release (the MSI's Manufacturer takes the same), else
    // Cargo.toml's `authors`.
    let publisher = std::env::var("TPA_PUBLISHER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| v("CARGO_PKG_AUTHORS").replace(':', ", "));
    let quoted = |s: &str| s.replace('"', "\"\"");
    let assets = std::path::Path::new(&v("CARGO_MANIFEST_DIR")).join("assets/windows");
    let rc = std::fs::read_to_string(assets.join("app.rc")).expect("assets/windows/app.rc");
    let rc = rc
        .replace("@ASSETS@", &assets.display().to_string().replace('\\', "/"))
        .replace("@MAJOR@", &v("CARGO_PKG_VERSION_MAJOR"))
        .replace("@MINOR@", &v("CARGO_PKG_VERSION_MINOR"))
        .replace("@PATCH@", &v("CARGO_PKG_VERSION_PATCH"))
        .replace("@VERSION@", &v("CARGO_PKG_VERSION"))
        .replace("@COMPANY@", &quoted(&publisher))
        .replace("@DESCRIPTION@", &quoted(&v("CARGO_PKG_DESCRIPTION")))
        .replace("@LICENSE@", &quoted(&v("CARGO_PKG_LICENSE")));
    let out = std::path::Path::new(&v("OUT_DIR")).join("app.rc");
    std::fs::write(&out, rc).expect("OUT_DIR is writable");
    embed_resource::compile_for(&out, ["teams-presence-admin"], embed_resource::NONE)
        .manifest_required()
        .expect("the Windows resources compile (MinGW's windres or rc.exe)");
}
