//! Windows only: the executable's icon, version information and manifest (per-monitor DPI
//! awareness, common controls 6, long paths) from assets/windows/app.rc.

fn main() {
    for f in ["app.rc", "app.manifest", "icon.ico"] {
        println!("cargo:rerun-if-changed=assets/windows/{f}");
    }
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let v = |k: &str| std::env::var(k).expect("cargo sets the package version");
    let macros = [
        format!("VER_MAJOR={}", v("CARGO_PKG_VERSION_MAJOR")),
        format!("VER_MINOR={}", v("CARGO_PKG_VERSION_MINOR")),
        format!("VER_PATCH={}", v("CARGO_PKG_VERSION_PATCH")),
        format!("VER_STRING=\\\"{}\\\"", v("CARGO_PKG_VERSION")),
    ];
    embed_resource::compile_for("assets/windows/app.rc", ["teams-presence-admin"], &macros)
        .manifest_required()
        .expect("the Windows resources compile (MinGW's windres or rc.exe)");
}
