//! Crash safety: a child process writes msteams.cfg in a loop through the pane's atomic writer and
//! is killed (SIGKILL on Unix, TerminateProcess on Windows) at random moments, hundreds of times. After every kill the file and
//! its backup must each be one complete version that parses — never a mix, never empty.
//!
//! `crash_safety --child PATH` is the writer; without arguments this runs the test.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use teams_presence_admin::base::files::{FileMode, backup_path, write_atomic};
use teams_presence_admin::model::config;

const RUNS: usize = 300;

/// A msteams.cfg of about 256 KiB, so that a write takes long enough to be interrupted.
fn version(proxy: &str) -> Vec<u8> {
    let filler: Vec<String> = (0..6000)
        .map(|i| format!("\"user{i:05}@example.com\""))
        .collect();
    format!(
        "{{\r\n  \"u8sProxyAddress\": \"{proxy}\",\r\n  \"asUnknownList\": [{}]\r\n}}\r\n",
        filler.join(", ")
    )
    .into_bytes()
}

fn child(path: &Path) -> ! {
    let (a, b) = (version("a.example:1"), version("b.example:2"));
    let mut i = 0u64;
    loop {
        let v = if i.is_multiple_of(2) { &b } else { &a };
        let t = Instant::now();
        write_atomic(path, v, FileMode::Shared).expect("write");
        if i == 0 {
            // Tell the parent that the loop runs and how long a write takes here, so that its
            // random delay falls among the writes whatever the process start and the file
            // system cost (about 1 ms on Linux, more under Wine).
            println!("writing {}", t.elapsed().as_micros());
        }
        i += 1;
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        child(Path::new(&args[2]));
    }
    // `cargo test -- NAME` filters: run only when no filter or a matching one is given.
    let filters: Vec<&String> = args
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !filters.is_empty()
        && !filters
            .iter()
            .any(|f| "killed_writer_leaves_a_whole_file".contains(f.as_str()))
    {
        println!("0 passed, 0 failed");
        return ExitCode::SUCCESS;
    }

    let (a, b) = (version("a.example:1"), version("b.example:2"));
    let exe = std::env::current_exe().unwrap();
    let mut failed = Vec::new();
    let (mut saw_a, mut saw_b, mut with_backup) = (0, 0, 0);
    let started = Instant::now();
    for run in 0..RUNS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.cfg");
        std::fs::write(&path, &a).unwrap();
        let mut proc = spawn_child(&exe, &path);
        let mut line = String::new();
        BufReader::new(proc.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let took: u64 = match line.trim().strip_prefix("writing ") {
            Some(us) => us.parse().unwrap(),
            None => panic!("the writer said {line:?}"),
        };
        // Kill somewhere in the next few writes.
        let window = 6 * took.max(1_000);
        std::thread::sleep(Duration::from_micros(fastrand::u64(0..window)));
        proc.kill().unwrap();
        proc.wait().unwrap();

        for p in [path.clone(), backup_path(&path)] {
            let Ok(found) = std::fs::read(&p) else {
                failed.push(format!("run {run}: {} is missing", p.display()));
                continue; // the first write finished, so the backup must be there
            };
            if p != path {
                with_backup += 1;
            }
            let whole = found == a || found == b;
            let parses = config::parse(Some(&found)).is_ok();
            if !whole || !parses {
                failed.push(format!(
                    "run {run}: {} holds {} bytes, whole={whole}, parses={parses}",
                    p.display(),
                    found.len()
                ));
            }
            if p == path {
                if found == a {
                    saw_a += 1
                } else if found == b {
                    saw_b += 1
                }
            }
        }
    }
    println!(
        "crash safety: {RUNS} kills in {:.1} s; file held version A {saw_a} times, B {saw_b} times; backup checked {with_backup} times",
        started.elapsed().as_secs_f64()
    );
    for f in &failed {
        println!("FAILED {f}");
    }
    // Both versions must have been seen, or the kills did not land during the writes.
    let spread = saw_a > RUNS / 10 && saw_b > RUNS / 10;
    if !spread {
        println!("FAILED: the kills did not spread over the writes (A {saw_a}, B {saw_b})");
    }
    let ok = failed.is_empty() && spread;
    println!(
        "test killed_writer_leaves_a_whole_file ... {}",
        if ok { "ok" } else { "FAILED" }
    );
    println!("{} passed, {} failed", usize::from(ok), usize::from(!ok));
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The writer as a child process. Wine's CreateProcess failed once in a few thousand starts with
/// ERROR_INTERNAL_ERROR (1359, seen in a CI run); the start is not what is tested here, so it is
/// tried again (three times at most); every kill still lands during a write the child reported.
fn spawn_child(exe: &Path, path: &Path) -> std::process::Child {
    let mut tries = 0;
    loop {
        match Command::new(exe)
            .arg("--child")
            .arg(path)
            .stdout(Stdio::piped())
            .spawn()
        {
            Ok(child) => return child,
            Err(e) if tries < 2 && e.raw_os_error() == Some(1359) => {
                tries += 1;
                eprintln!("the child did not start ({e}); again");
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => panic!("the child does not start: {e}"),
        }
    }
}
