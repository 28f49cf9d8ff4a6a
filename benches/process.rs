//! The admin's whole path at 100k users as the built binary (issues 12 §6 and 23 §3):
//! `matching preview` with 100,000 UCServer users, a tenant of 100,000 accounts served by the
//! emulator **in its own process** (`entra-emulator --users 100000`, over HTTP on loopback, as a
//! real tenant would be) and 50,000 usermatching lines — start, the three files read, the token
//! refreshed, 101 pages of users listed, the preview computed and printed, with and without
//! `--json` — beside a plain Python script of the same path (`benches/alternatives/preview.py`:
//! urllib and dicts, the same Graph paging) in the same run. The peak memory of each (GNU time's
//! maximum resident set, median of 3) is printed before divan's table.
//!
//! Run: `cargo bench --bench process` (needs python3 and /usr/bin/time). With `TPA_BENCH_HOLD=1`
//! it prints the commands and keeps the emulator serving until Enter, for a profiler.

#[path = "../tests/support/mod.rs"]
mod support;

#[path = "common/processes.rs"]
mod processes;

use processes::{Setup, run};
use std::process::Command;
use std::sync::OnceLock;

const USERS: usize = 100_000;
const LINES: usize = 50_000;
/// The summary line without thousands separators.
const SUMMARY: &str = "100000 UCServer users in the activation scope: 40000 with the same UPN 50000 through usermatching.csv 10000 without a match 0 ambiguous (100000 accounts in the tenant)";

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| Setup::start(USERS, &export(), &usermatching()))
}

/// The pane's `matching preview`.
fn pane(s: &Setup, json: bool) -> Command {
    s.pane("preview", json)
}

/// The Python script of the same path.
fn script(s: &Setup, json: bool) -> Command {
    s.script("preview.py", json)
}

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

/// Runs `cmd` to its end and checks what it printed: the summary, or 100,000 rows of JSON.
fn run_checked(mut cmd: Command, json: bool) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if json {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["rows"].as_array().unwrap().len(), USERS);
        assert_eq!(v["counts"]["mapping"], 50_000);
    } else {
        let stdout = String::from_utf8_lossy(&out.stdout);
        // The pane groups thousands ("100,000"), the script does not.
        let summary = stdout.lines().last().unwrap_or_default().replace(',', "");
        assert!(summary.starts_with(SUMMARY), "{summary}");
    }
    out.stdout
}

fn main() {
    let s = setup();
    if std::env::var_os("TPA_BENCH_HOLD").is_some() {
        // For a profiler: the commands, the emulator kept serving until Enter.
        for json in [false, true] {
            println!("{:?}", pane(s, json));
            println!("{:?}", script(s, json));
        }
        let _ = std::io::stdin().read_line(&mut String::new());
        return;
    }
    // Each once, checked, before anything is measured.
    for json in [false, true] {
        run_checked(pane(s, json), json);
        run_checked(script(s, json), json);
    }
    processes::print_peaks(|json| pane(s, json), |json| script(s, json));
    divan::main();
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn pane_matching_preview_100k(bencher: divan::Bencher, json: bool) {
    let s = setup();
    bencher.bench_local(|| run(pane(s, json)));
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn python_script_100k(bencher: divan::Bencher, json: bool) {
    let s = setup();
    bencher.bench_local(|| run(script(s, json)));
}
