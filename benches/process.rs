//! The admin's whole path at 100k users as the built binary (issues 12 §6 and 23 §3):
//! `matching preview` with 100,000 UCServer users, a tenant of 100,000 accounts served by the
//! emulator **in its own process** (`entra-emulator --users 100000`, over HTTP on loopback, as a
//! real tenant would be) and 50,000 usermatching lines — start, the three files read, the token
//! refreshed, 101 pages of users listed, the preview computed and printed, with and without
//! `--json` — beside a plain Python script of the same path (`benches/alternatives/preview.py`:
//! urllib and dicts, the same Graph paging) in the same run. The peak memory of each (GNU time's
//! maximum resident set, median of 3) is printed before divan's table.
//!
//! Since issue 38 the pane keeps the tenant it read (an hour): each path is measured as the first
//! run (`--refresh`, the tenant read) and the second (the kept tenant), at no latency and at
//! 150 ms a request (the emulator's `latencyMs`), beside the script and the floor — a tiny client
//! in this bench that sends the 101 page requests one after the other and does nothing with the
//! answers — in the same run; a table of medians is printed.
//!
//! Run: `cargo bench --bench process` (needs python3 and /usr/bin/time; `TPA_BENCH_LATENCIES=0`
//! for no latency only). With `TPA_BENCH_HOLD=1` it prints the commands and keeps the emulator
//! serving until Enter, for a profiler.

#[path = "../tests/support/mod.rs"]
mod support;

#[path = "common/processes.rs"]
mod processes;

use processes::{Setup, run};
use std::process::Command;
use std::sync::OnceLock;

const USERS: usize = 100_000;
/// The summary line without thousands separators.
const SUMMARY: &str = "100000 UCServer users in the activation scope: 40000 with the same UPN 50000 through usermatching.csv 10000 without a match 0 ambiguous (100000 accounts in the tenant)";

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| Setup::start(USERS, &processes::export(), &processes::usermatching()))
}

/// The pane's `matching preview`.
fn pane(s: &Setup, json: bool) -> Command {
    s.pane("preview", json)
}

/// The Python script of the same path.
fn script(s: &Setup, json: bool) -> Command {
    s.script("preview.py", json)
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

/// Samples a path at `ms` of latency.
fn samples(ms: u64) -> usize {
    if ms == 0 { 5 } else { 3 }
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
        run_checked(refreshed(pane(s, json)), json);
        run_checked(pane(s, json), json);
        run_checked(script(s, json), json);
    }
    processes::print_peaks(|json| pane(s, json), |json| script(s, json));
    let floor = processes::Floor::new(s);
    assert_eq!(floor.pages(), 101);
    println!(
        "the kept tenant: {} bytes on disk for {USERS} accounts",
        processes::kept_size(s)
    );
    // Issue 38 §3: at no latency and at 150 ms a request (a European tenant), the first preview
    // (the tenant read: `--refresh`), the second (the kept tenant), the script, and the floor
    // (the 101 pages one after the other, nothing done with them) in the same run; medians.
    println!(
        "| latency | output | pane, first (`--refresh`) | pane, second (kept) | Python script | floor: 101 pages in sequence |"
    );
    println!("|---|---|---|---|---|---|");
    for ms in processes::latencies() {
        processes::set_faults(&s.base_url, serde_json::json!({ "latencyMs": ms }));
        let n = samples(ms);
        for json in [false, true] {
            let first = processes::median_s(n, || drop(run(refreshed(pane(s, json)))));
            let second = processes::median_s(n, || drop(run(pane(s, json))));
            let python = processes::median_s(n, || drop(run(script(s, json))));
            let floor_s = processes::median_s(n, || {
                floor.pages();
            });
            println!(
                "| {ms} ms | {} | {first:.2} s ({:.2}× the floor) | {second:.2} s | {python:.2} s | {floor_s:.2} s |",
                if json { "--json" } else { "text" },
                first / floor_s
            );
        }
    }
    processes::set_faults(&s.base_url, serde_json::json!({}));
}

/// `cmd` with `--refresh`: the tenant read again.
fn refreshed(mut cmd: Command) -> Command {
    cmd.arg("--refresh");
    cmd
}
