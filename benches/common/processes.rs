//! What the whole-process benchmarks share (`process`, `presence`): the emulator in a process of
//! its own with a generated tenant, a UCServer folder pointed at it with the user consent given,
//! and the peak memory of a command.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use teams_presence_admin::{config, demo, paths};

/// The tenant the emulator generates with `--users`.
pub const TENANT: &str = "bigcorp.onmicrosoft.com";

/// The emulator's process and a UCServer folder pointed at it, the consent given.
pub struct Setup {
    pub emulator: Child,
    pub base_url: String,
    pub dir: tempfile::TempDir,
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = self.emulator.kill();
        let _ = self.emulator.wait();
    }
}

impl Setup {
    /// `entra-emulator --users N` in its own process, and a folder with `export` as its UCServer
    /// user export and `usermatching` as usermatching.csv, the user consent given by the tenant's
    /// administrator.
    pub fn start(users: usize, export: &str, usermatching: &str) -> Self {
        let mut emulator = Command::new(emulator_exe())
            .args(["--users", &users.to_string()])
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
        let dir = super::support::folder(std::str::from_utf8(&cfg).unwrap());
        std::fs::write(dir.path().join("ucserver-users.csv"), export).unwrap();
        let mapping = paths::usermatching(dir.path());
        std::fs::create_dir_all(mapping.parent().unwrap()).unwrap();
        std::fs::write(&mapping, usermatching).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(super::support::give_user_consent(
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
    }

    pub fn users(&self) -> PathBuf {
        self.dir.path().join("ucserver-users.csv")
    }

    /// The pane's `matching ACTION --users …` (`--json` where asked).
    pub fn pane(&self, action: &str, json: bool) -> Command {
        let mut cmd = super::support::bin();
        cmd.args(["--lang", "en", "--ucserver-dir"])
            .arg(self.dir.path())
            .args(["matching", action, "--users"])
            .arg(self.users());
        if json {
            cmd.arg("--json");
        }
        cmd
    }

    /// A Python script of `benches/alternatives/` with the folder's inputs.
    pub fn script(&self, name: &str, json: bool) -> Command {
        let mut cmd = Command::new("python3");
        cmd.arg(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("benches/alternatives")
                .join(name),
        )
        .arg(&self.base_url)
        .arg(TENANT)
        .arg(demo::emulator_settings(&self.base_url, TENANT).client_id)
        .arg(paths::secrets(self.dir.path()))
        .arg(self.users())
        .arg(paths::usermatching(self.dir.path()));
        if json {
            cmd.arg("--json");
        }
        cmd
    }
}

/// The emulator's binary, built in the bench's own profile beside the pane.
pub fn emulator_exe() -> PathBuf {
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

/// Runs `cmd` to its end, its output read (exit 0 or 1: findings are no failure).
pub fn run(mut cmd: Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The peak resident set of `cmd` in MB (GNU time's %M, KiB), median of 3 runs, and how many
/// bytes it printed.
pub fn peak_mb(cmd: &Command) -> (u64, usize) {
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

/// The peak memory of the pane's and the script's command, with and without `--json`, printed.
pub fn print_peaks(pane: impl Fn(bool) -> Command, script: impl Fn(bool) -> Command) {
    println!("peak memory (median of 3), and what it printed:");
    for (name, json) in [("--json", true), ("text", false)] {
        for (who, cmd) in [("the pane", pane(json)), ("Python script", script(json))] {
            let (mb, bytes) = peak_mb(&cmd);
            println!(
                "  {name:<6} {who:<13} {mb:>4} MB peak, {:.1} MB printed",
                bytes as f64 / 1e6
            );
        }
    }
}
