//! What the whole-process benchmarks share (`process`, `presence`): the emulator in a process of
//! its own with a generated tenant, a UCServer folder pointed at it with the user consent given,
//! and the peak memory of a command.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use teams_presence_admin::{base::paths, front::demo, model::config};

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

/// The emulator's fault switches set to `faults` (its control API).
pub fn set_faults(base_url: &str, faults: serde_json::Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let r = reqwest::Client::new()
            .put(format!("{base_url}/_emulator/faults"))
            .json(&faults)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
    });
}

/// The latencies a request (ms) the benches run at: `TPA_BENCH_LATENCIES` (e.g. `0` or `0,150`),
/// else no latency and 150 ms (a European tenant).
pub fn latencies() -> Vec<u64> {
    match std::env::var("TPA_BENCH_LATENCIES") {
        Ok(list) => list
            .split(',')
            .map(|ms| {
                ms.trim()
                    .parse()
                    .expect("TPA_BENCH_LATENCIES: ms, comma-separated")
            })
            .collect(),
        Err(_) => vec![0, 150],
    }
}

/// The median of `n` runs of `f`, in seconds.
pub fn median_s(n: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            let t = std::time::Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[n / 2]
}

/// The floor (issue 38 §3): what the sequential requests alone cost — a tiny client that sends
/// them one after the other and does nothing with the answers but find the next page's address.
pub struct Floor {
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    base_url: String,
    token: String,
}

impl Floor {
    /// An access token from the folder's stored consent (refreshed once, outside the timing).
    pub fn new(s: &Setup) -> Self {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let settings = demo::emulator_settings(&s.base_url, TENANT);
        let client =
            teams_presence_admin::microsoft::client::Client::for_settings(&settings).unwrap();
        let token = rt
            .block_on(teams_presence_admin::ops::tokens::access_token(
                &client,
                &paths::secrets(s.dir.path()),
            ))
            .unwrap();
        Floor {
            rt,
            http: reqwest::Client::new(),
            base_url: s.base_url.clone(),
            token: token.expose().to_owned(),
        }
    }

    /// The listing's pages one after the other (the pane's first page's address); how many.
    pub fn pages(&self) -> usize {
        self.rt.block_on(async {
            let mut url = Some(format!(
                "{}/v1.0/users?$select=id,userPrincipalName,mail,displayName&$top=999&$count=true",
                self.base_url
            ));
            let mut n = 0;
            while let Some(u) = url.take() {
                let body = self
                    .http
                    .get(&u)
                    .bearer_auth(&self.token)
                    .header("ConsistencyLevel", "eventual")
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap();
                n += 1;
                url = next_link(&body);
            }
            n
        })
    }

    /// `getPresencesByUserId` for `ids`, 650 a request, one after the other.
    #[allow(dead_code)] // the presence bench's
    pub fn presences(&self, ids: &[String]) -> usize {
        self.rt.block_on(async {
            let url = format!("{}/v1.0/communications/getPresencesByUserId", self.base_url);
            let mut n = 0;
            for batch in ids.chunks(650) {
                let r = self
                    .http
                    .post(&url)
                    .bearer_auth(&self.token)
                    .json(&serde_json::json!({ "ids": batch }))
                    .send()
                    .await
                    .unwrap();
                assert!(r.status().is_success(), "{}", r.status());
                r.bytes().await.unwrap();
                n += 1;
            }
            n
        })
    }
}

/// The `@odata.nextLink` of a page, found from its end (where Graph writes it) without parsing.
fn next_link(body: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"\"@odata.nextLink\":\"";
    let at = body.windows(KEY.len()).rposition(|w| w == KEY)? + KEY.len();
    let end = body[at..].iter().position(|&b| b == b'"')?;
    Some(String::from_utf8_lossy(&body[at..at + end]).replace("\\/", "/"))
}

/// The size of the kept tenant's file of the folder, in bytes.
pub fn kept_size(s: &Setup) -> u64 {
    let path = teams_presence_admin::ops::kept_tenant::path(s.dir.path()).unwrap();
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// The preview's UCServer users at 100,000: the first 50,000 mapped through usermatching.csv
/// ([`usermatching`]), the next 40,000 with the tenant's UPN as their name, the last 10,000
/// without a match.
#[allow(dead_code)]
pub fn export() -> String {
    let mut out = String::from("Benutzername;Anzeigename;Gruppen\r\n");
    for i in 0..100_000 {
        let name = if i < 50_000 {
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

/// usermatching.csv's 50,000 lines for [`export`]'s first users.
#[allow(dead_code)]
pub fn usermatching() -> String {
    (0..50_000)
        .map(|i| format!("user{i:06}@bigcorp.example,ucuser{i:06}@firma.local\r\n"))
        .collect()
}
