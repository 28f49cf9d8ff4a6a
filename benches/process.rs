//! The built binary as an administrator runs it (issue 12 §6): `matching preview` with 100,000
//! UCServer users, a tenant of 100,000 accounts on the emulator (over HTTP on loopback, the user
//! consent given through the browser stand-in) and 50,000 usermatching lines — the whole process:
//! start, the three files read, the token refreshed, 101 pages of users listed, the preview
//! computed and printed.

#[path = "../tests/support/mod.rs"]
mod support;

use entra_emulator::{Faults, World};
use teams_presence_admin::{config, demo, paths};

fn main() {
    divan::main();
}

const USERS: usize = 100_000;
const LINES: usize = 50_000;

/// UCServer users: the first 50,000 mapped through usermatching.csv, the next 40,000 with the
/// tenant's UPN as their name, the last 10,000 without a match.
fn export() -> String {
    let mut out = String::from("Benutzername;Anzeigename;Gruppen\r\n");
    for i in 0..USERS {
        let name = if i < LINES {
            format!("ucuser{i:06}@firma.local")
        } else if i < 90_000 {
            format!("user{i:06}@bigcorp.example")
        } else {
            format!("nobody{i:06}@firma.local")
        };
        out.push_str(&format!("{name};User {i:06};Vertrieb\r\n"));
    }
    out
}

fn usermatching() -> String {
    (0..LINES)
        .map(|i| format!("user{i:06}@bigcorp.example,ucuser{i:06}@firma.local\r\n"))
        .collect()
}

#[divan::bench(sample_count = 10)]
fn matching_preview_process_100k(bencher: divan::Bencher) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let emu = rt.block_on(support::emulator_with(
        World::generated(USERS),
        Faults::default(),
    ));
    let settings = demo::emulator_settings(&emu.base_url, "bigcorp.onmicrosoft.com");
    let cfg = config::render(None, &settings).unwrap().unwrap();
    let dir = support::folder(std::str::from_utf8(&cfg).unwrap());
    let users = dir.path().join("ucserver-users.csv");
    std::fs::write(&users, export()).unwrap();
    let mapping = paths::usermatching(dir.path());
    std::fs::create_dir_all(mapping.parent().unwrap()).unwrap();
    std::fs::write(&mapping, usermatching()).unwrap();
    rt.block_on(support::give_user_consent(
        &settings,
        &paths::secrets(dir.path()),
        "user000000@bigcorp.example",
    ))
    .unwrap();
    bencher.bench_local(|| {
        let out = support::bin()
            .args(["--lang", "en", "--ucserver-dir"])
            .arg(dir.path())
            .args(["matching", "preview", "--users"])
            .arg(&users)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let summary = stdout.lines().last().unwrap_or_default();
        assert!(
            summary.starts_with("100000 UCServer users in the activation scope: 40000 with the same UPN, 50000 through usermatching.csv, 10000 without a match, 0 ambiguous (100000 accounts in the tenant)"),
            "{summary}"
        );
    });
}
