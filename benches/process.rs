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

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use teams_presence_admin::{config, demo, paths};

const USERS: usize = 100_000;
const LINES: usize = 50_000;
const TENANT: &str = "bigcorp.onmicrosoft.com";
const SUMMARY: &str = "100000 UCServer users in the activation scope: 40000 with the same UPN, 50000 through usermatching.csv, 10000 without a match, 0 ambiguous (100000 accounts in the tenant)";

/// The emulator's process and the UCServer folder pointed at it, the consent given.
struct Setup {
    emulator: Child,
    base_url: String,
    dir: tempfile::TempDir,
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = self.emulator.kill();
        let _ = self.emulator.wait();
    }
}

impl Setup {
    fn users(&self) -> PathBuf {
        self.dir.path().join("ucserver-users.csv")
    }

    /// The pane's command line.
    fn pane(&self, json: bool) -> Command {
        let mut cmd = support::bin();
        cmd.args(["--lang", "en", "--ucserver-dir"])
            .arg(self.dir.path())
            .args(["matching", "preview", "--users"])
            .arg(self.users());
        if json {
            cmd.arg("--json");
        }
        cmd
    }

    /// The Python script's command line.
    fn script(&self, json: bool) -> Command {
        let mut cmd = Command::new("python3");
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/alternatives/preview.py"))
            .arg(&self.base_url)
            .arg(TENANT)
            .arg(teams_presence_admin::demo::emulator_settings(&self.base_url, TENANT).client_id)
            .arg(paths::secrets(self.dir.path()))
            .arg(self.users())
            .arg(paths::usermatching(self.dir.path()));
        if json {
            cmd.arg("--json");
        }
        cmd
    }
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let mut emulator = Command::new(emulator_exe())
            .args(["--users", &USERS.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut base_url = String::new();
        BufReader::new(emulator.stdout.take().unwrap())
            .read_line(&mut base_url)
            .unwrap();
        let base_url = base_url.trim().to_owned();
        let settings = demo::emulator_settings(&base_url, TENANT);
        let cfg = config::render(None, &settings).unwrap().unwrap();
        let dir = support::folder(std::str::from_utf8(&cfg).unwrap());
        std::fs::write(dir.path().join("ucserver-users.csv"), export()).unwrap();
        let mapping = paths::usermatching(dir.path());
        std::fs::create_dir_all(mapping.parent().unwrap()).unwrap();
        std::fs::write(&mapping, usermatching()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(support::give_user_consent(
            &settings,
            &paths::secrets(dir.path()),
            "user000000@bigcorp.example",
        ))
        .unwrap();
        Setup {
            emulator,
            base_url,
            dir,
        }
    })
}

/// The emulator's binary, built in the bench's own profile beside the pane.
fn emulator_exe() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "-p",
            "entra-emulator",
            "--bin",
            "entra-emulator",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    PathBuf::from(env!("CARGO_BIN_EXE_teams-presence-admin"))
        .parent()
        .unwrap()
        .join("entra-emulator")
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
        let summary = stdout.lines().last().unwrap_or_default();
        assert!(summary.starts_with(SUMMARY), "{summary}");
    }
    out.stdout
}

/// Runs `cmd` to its end, its output read (checked once in `main`, not while it is timed).
fn run(mut cmd: Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1));
    out
}

/// The peak resident set of `cmd` in MB (GNU time's %M, KiB), median of 3 runs.
fn peak_mb(cmd: &Command) -> (u64, usize) {
    let mut peaks = Vec::new();
    let mut bytes = 0;
    for _ in 0..3 {
        let report = tempfile::NamedTempFile::new().unwrap();
        let mut timed = Command::new("/usr/bin/time");
        timed
            .args(["-f", "%M", "-o"])
            .arg(report.path())
            .arg(cmd.get_program())
            .args(cmd.get_args())
            .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))));
        let out = timed.output().unwrap();
        bytes = out.stdout.len();
        // The last line (before it GNU time says "Command exited with non-zero status 1").
        let report = std::fs::read_to_string(report.path()).unwrap();
        let kib: u64 = report.lines().last().unwrap().trim().parse().unwrap();
        peaks.push(kib / 1024);
    }
    peaks.sort_unstable();
    (peaks[1], bytes)
}

fn main() {
    let s = setup();
    if std::env::var_os("TPA_BENCH_HOLD").is_some() {
        // For a profiler: the commands, the emulator kept serving until Enter.
        for json in [false, true] {
            println!("{:?}", s.pane(json));
            println!("{:?}", s.script(json));
        }
        let _ = std::io::stdin().read_line(&mut String::new());
        return;
    }
    // Each once, checked, before anything is measured.
    for json in [false, true] {
        run_checked(s.pane(json), json);
        run_checked(s.script(json), json);
    }
    println!("peak memory (median of 3), and what it printed:");
    for (name, json) in [("--json", true), ("text", false)] {
        for (who, cmd) in [
            ("the pane", s.pane(json)),
            ("Python script", s.script(json)),
        ] {
            let (mb, bytes) = peak_mb(&cmd);
            println!(
                "  {name:<6} {who:<13} {mb:>4} MB peak, {:.1} MB printed",
                bytes as f64 / 1e6
            );
        }
    }
    divan::main();
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn pane_matching_preview_100k(bencher: divan::Bencher, json: bool) {
    let s = setup();
    bencher.bench_local(|| run(s.pane(json)));
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn python_script_100k(bencher: divan::Bencher, json: bool) {
    let s = setup();
    bencher.bench_local(|| run(s.script(json)));
}
