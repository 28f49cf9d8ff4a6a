//! The emulator of Entra ID and Graph as a process of its own (this binary's `--emulator` mode:
//! `cargo test --test torture` does not build `entra-emulator`'s binary, the library is the same),
//! its faults switched per round through its stdin, and the consented template folder every
//! round starts from (the user consent given through the emulator's walker, as in scripts/race).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};

/// The demo app and tenant of the emulator (docs/emulator.md).
const CLIENT_ID: &str = "3f0c1a52-7d4b-4e8e-9a61-0c2d5e7f8a91";
const TENANT: &str = "musterfirma.onmicrosoft.com";
const USER: &str = "max.mustermann@musterfirma.de";

/// The faults a round may switch on while `status` runs (JSON as the emulator's `--config`).
pub const FAULTS: [&str; 8] = [
    "{}",
    "{}",
    r#"{"latencyMs": 400}"#,
    r#"{"serverError": true}"#,
    r#"{"connectionReset": true}"#,
    r#"{"graphThrottleSeconds": 1}"#,
    r#"{"passwordChanged": true}"#,
    r#"{"presenceThrottle": {"every": 1, "retryAfterSeconds": 1}}"#,
];

/// `torture --emulator`: serves until stdin ends; each stdin line is a new set of faults.
pub fn child() -> ExitCode {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let running = rt
        .block_on(entra_emulator::start(
            "127.0.0.1:0".parse().unwrap(),
            entra_emulator::World::demo(),
            entra_emulator::Faults::default(),
        ))
        .expect("the emulator starts");
    println!("{}", running.base_url);
    let _ = std::io::stdout().flush();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        match serde_json::from_str::<entra_emulator::Faults>(&line) {
            Ok(f) => {
                running.shared.set_faults(f);
                println!("ok");
            }
            Err(e) => println!("refused: {e}"),
        }
        let _ = std::io::stdout().flush();
    }
    drop(running);
    ExitCode::SUCCESS
}

/// The emulator's process; stopped when dropped.
pub struct Emulator {
    pub url: String,
    proc: Child,
    stdin: std::cell::RefCell<ChildStdin>,
    answers: std::cell::RefCell<BufReader<std::process::ChildStdout>>,
}

impl Emulator {
    pub fn start() -> Emulator {
        let mut proc = Command::new(std::env::current_exe().unwrap())
            .arg("--emulator")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the emulator's process starts");
        let stdin = proc.stdin.take().unwrap();
        let mut answers = BufReader::new(proc.stdout.take().unwrap());
        let mut url = String::new();
        answers.read_line(&mut url).unwrap();
        assert!(url.starts_with("http://"), "the emulator said {url:?}");
        Emulator {
            url: url.trim().to_owned(),
            proc,
            stdin: stdin.into(),
            answers: answers.into(),
        }
    }

    /// Switches the emulator's faults (the whole set).
    pub fn faults(&self, json: &str) {
        writeln!(self.stdin.borrow_mut(), "{json}").unwrap();
        let mut answer = String::new();
        self.answers.borrow_mut().read_line(&mut answer).unwrap();
        assert_eq!(answer.trim(), "ok", "faults {json}");
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.proc.kill();
        let _ = self.proc.wait();
    }
}

pub fn pane() -> &'static str {
    env!("CARGO_BIN_EXE_teams-presence-admin")
}

fn run(dir: &Path, args: &[&str]) {
    let out = Command::new(pane())
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A UCServer folder configured for the emulator with the user consent of max.mustermann stored.
pub fn consented_folder(url: &str, dir: &Path) {
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(
        dir.join("config/msteams.cfg"),
        b"{\r\n  \"iLogLevel\": 3\r\n}\r\n",
    )
    .unwrap();
    run(
        dir,
        &[
            "config",
            "set",
            "cloud",
            "custom",
            "--login-url",
            url,
            "--graph-url",
            url,
        ],
    );
    run(dir, &["config", "set", "tenant-id", TENANT]);
    run(dir, &["config", "set", "client-id", CLIENT_ID]);
    let mut consent = Command::new(pane())
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(["consent", "user", "--no-browser"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut reader = BufReader::new(consent.stdout.take().unwrap());
    reader.read_line(&mut line).unwrap();
    // The rest of its output is read, so that it never writes into a closed pipe.
    let rest = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut reader, &mut s);
    });
    let walked = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(entra_emulator::walker::Walker::accepting(USER).walk(line.trim()));
    walked.expect("the walker gives the consent");
    assert!(consent.wait().unwrap().success(), "the consent failed");
    let _ = rest.join();
    let secrets = std::fs::read_to_string(dir.join("config/msteams.secrets.json")).unwrap();
    assert!(secrets.contains("refreshToken"), "no refresh token stored");
}
