//! Every file the pane reads, as something else than the file (issue 34 §6): a FIFO, a folder, a
//! device, a link to a device, too large, empty, binary. The built binary must end within 5 s,
//! within bounded memory, and where it refuses, name the file — in German without the system's
//! or a library's English. Nothing else of the folder changes. (The usermatching editor's paste
//! comes from the clipboard, not a file: it is checked in memory, `limits::check`.)

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a command may take on any of these files.
const DEADLINE: Duration = Duration::from_secs(5);
/// The most memory (peak resident set) a command may take on any of these files.
const MAX_RSS_MB: i64 = 200;

#[derive(Clone, Copy, Debug)]
enum Hostile {
    Fifo,
    Folder,
    Device,
    LinkToDevice,
    TooLarge,
    Empty,
    Binary,
}

const ALL: [Hostile; 7] = [
    Hostile::Fifo,
    Hostile::Folder,
    Hostile::Device,
    Hostile::LinkToDevice,
    Hostile::TooLarge,
    Hostile::Empty,
    Hostile::Binary,
];

/// Puts `what` at `path`.
fn make(path: &Path, what: Hostile) {
    let _ = std::fs::remove_file(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    match what {
        Hostile::Fifo => {
            // SAFETY: a NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c(path).as_ptr(), 0o644) }, 0);
        }
        Hostile::Folder => std::fs::create_dir(path).unwrap(),
        Hostile::Device => {
            // /dev/zero's numbers (1, 5): endless zeros. Root may make the node; elsewhere a link
            // to it stands in (the same device behind the same open).
            // SAFETY: a NUL-terminated path.
            let made = unsafe {
                libc::mknod(c(path).as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 5))
            };
            if made != 0 {
                std::os::unix::fs::symlink("/dev/zero", path).unwrap();
            }
        }
        Hostile::LinkToDevice => std::os::unix::fs::symlink("/dev/urandom", path).unwrap(),
        // Sparse: its size alone is far beyond every limit (the export's is 256 MB).
        Hostile::TooLarge => std::fs::File::create(path)
            .unwrap()
            .set_len(3 << 30)
            .unwrap(),
        Hostile::Empty => std::fs::write(path, b"").unwrap(),
        Hostile::Binary => {
            std::fs::write(path, b"\x7fELF\x02\x01\x01\0\0\0binary\0\xff\xfe").unwrap()
        }
    }
}

/// What one run did.
struct Ran {
    code: Option<i32>,
    took: Duration,
    rss_mb: i64,
    out: String,
}

/// Runs the binary on `dir` with `args`, killed after [`DEADLINE`]; its peak memory from the
/// kernel (`wait4`).
fn run_bounded(dir: &Path, lang: &str, args: &[&str]) -> Ran {
    use std::io::Read as _;
    // Reaped below by `wait4`, which also gives its peak memory (std's `wait` would not).
    #[allow(clippy::zombie_processes)]
    let mut child = crate::support::bin()
        .args(["--lang", lang, "--ucserver-dir"])
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pipe = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = r.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let mut status = 0;
    // SAFETY: an rusage the call fills.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        // SAFETY: our own child's pid, out-pointers to locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        if start.elapsed() > DEADLINE && !killed {
            let _ = child.kill();
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = start.elapsed();
    let code = (!killed && libc::WIFEXITED(status)).then(|| libc::WEXITSTATUS(status));
    Ran {
        code,
        took,
        rss_mb: usage.ru_maxrss / 1024,
        out: format!("{}{}", out.join().unwrap(), err.join().unwrap()),
    }
}

/// The folder's files and their bytes (of a large one its size), except the one under test and
/// the logs.
fn others(dir: &Path, except: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["config", "ExternalServiceProvider"] {
        for e in std::fs::read_dir(dir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = e.path();
            if p == except
                || e.file_type().unwrap().is_dir()
                || p.to_string_lossy().ends_with(".log")
            {
                continue;
            }
            let len = e.metadata().unwrap().len();
            if len > 1 << 20 {
                out.push((p, len.to_le_bytes().to_vec()));
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

/// A UCServer folder with a tenant, usermatching.csv and an audit line.
fn folder() -> tempfile::TempDir {
    let dir = crate::support::folder("{\n  \"u8sTenantId\": \"contoso.onmicrosoft.com\"\n}\n");
    let esp = dir.path().join("ExternalServiceProvider");
    std::fs::create_dir_all(&esp).unwrap();
    std::fs::write(esp.join("usermatching.csv"), "max@firma.de,max\r\n").unwrap();
    dir
}

/// Whether German output holds English of the system or a library (the log's lines on stderr
/// are English by design and left out).
fn english_inside_german(out: &str) -> bool {
    out.lines()
        .filter(|l| !l.contains("WARN") && !l.contains("ERROR") && !l.contains("INFO"))
        .any(|l| l.contains("not a file") || l.contains("os error") || l.contains("(Fifo)"))
}

/// Tries `file` (relative to the folder) as every hostile kind under `args`, in both languages.
/// A command that writes (`config set`) may change msteams.cfg and its backups.
fn every_kind(file: &str, args: &[&str]) -> Vec<String> {
    let writes = args.first() == Some(&"config") && args.get(1) == Some(&"set");
    let mut bad = Vec::new();
    let name = Path::new(file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for what in ALL {
        for lang in ["de", "en"] {
            let dir = folder();
            let path = dir.path().join(file);
            make(&path, what);
            let before = (!writes).then(|| others(dir.path(), &path));
            let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            for a in &mut args {
                *a = a.replace("{dir}", &dir.path().to_string_lossy());
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let ran = run_bounded(dir.path(), lang, &args);
            let case = format!("{file} as {what:?} ({lang}, {args:?})");
            if ran.code.is_none() {
                bad.push(format!("{case}: no end within {DEADLINE:?}"));
                continue;
            }
            if ran.rss_mb > MAX_RSS_MB {
                bad.push(format!("{case}: {} MB of memory", ran.rss_mb));
            }
            if ran.code != Some(0) && !ran.out.contains(&name) {
                bad.push(format!(
                    "{case}: refused without naming {name}: {}",
                    ran.out
                ));
            }
            if lang == "de" && english_inside_german(&ran.out) {
                bad.push(format!("{case}: English inside German: {}", ran.out));
            }
            if before.is_some_and(|b| others(dir.path(), &path) != b) {
                bad.push(format!("{case}: another file of the folder changed"));
            }
            eprintln!(
                "{case}: exit {:?} in {} ms, {} MB",
                ran.code,
                ran.took.as_millis(),
                ran.rss_mb
            );
        }
    }
    bad
}

#[test]
fn msteams_cfg_as_anything_but_a_file() {
    let bad = every_kind("config/msteams.cfg", &["config", "show"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn usermatching_csv_as_anything_but_a_file() {
    let mut bad = every_kind(
        "ExternalServiceProvider/usermatching.csv",
        &["matching", "check"],
    );
    bad.extend(every_kind(
        "ExternalServiceProvider/usermatching.csv",
        &["matching", "fix", "--convert"],
    ));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_secrets_file_as_anything_but_a_file() {
    let bad = every_kind("config/msteams.secrets.json", &["config", "show"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_audit_trail_as_anything_but_a_file() {
    let mut bad = every_kind("config/teams-presence-admin-audit.jsonl", &["audit"]);
    // A change appends to it: a FIFO in its place must not take the line and say nothing.
    bad.extend(every_kind(
        "config/teams-presence-admin-audit.jsonl",
        &["config", "set", "proxy", "proxy.example.com:8080"],
    ));
    let dir = folder();
    let trail = dir.path().join("config/teams-presence-admin-audit.jsonl");
    make(&trail, Hostile::Fifo);
    let ran = run_bounded(
        dir.path(),
        "de",
        &["config", "set", "proxy", "proxy.example.com:8080"],
    );
    assert_eq!(ran.code, Some(0), "{}", ran.out);
    assert!(
        ran.out
            .contains("Zeile im Änderungsprotokoll konnte nicht geschrieben werden")
            && ran.out.contains("benannte Pipe"),
        "{}",
        ran.out
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_newest_log_and_the_settings_as_anything_but_a_file() {
    // Named as the newest day, so that the bundle takes it.
    let mut bad = every_kind(
        "config/logs/teams-presence-admin.2026-12-31.log",
        &["support-bundle", "{dir}/../bundle.zip", "--force"],
    );
    bad.extend(every_kind(
        "config/teams-presence-admin.json",
        &["config", "show"],
    ));
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The export is read while the tenant is listed: a demo folder with the user consent given, on
/// the emulator.
#[tokio::test(flavor = "multi_thread")]
async fn a_user_export_as_anything_but_a_file() {
    let emu = crate::support::emulator().await;
    let dir = crate::support::consented_demo(&emu, "max.mustermann@musterfirma.de").await;
    let mut bad = Vec::new();
    for what in ALL {
        for lang in ["de", "en"] {
            let export = dir.path().join("export.csv");
            let _ = std::fs::remove_dir(&export);
            make(&export, what);
            let args = ["matching", "preview", "--users", export.to_str().unwrap()];
            let root = dir.path().to_owned();
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            let ran = tokio::task::spawn_blocking(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                run_bounded(&root, lang, &args)
            })
            .await
            .unwrap();
            let case = format!("export as {what:?} ({lang})");
            match ran.code {
                None => bad.push(format!("{case}: no end within {DEADLINE:?}")),
                Some(_) if ran.rss_mb > MAX_RSS_MB => {
                    bad.push(format!("{case}: {} MB", ran.rss_mb))
                }
                Some(0) => {}
                Some(_) if !ran.out.contains("export.csv") => bad.push(format!(
                    "{case}: refused without naming the file: {}",
                    ran.out
                )),
                Some(_) => {}
            }
            if lang == "de" && english_inside_german(&ran.out) {
                bad.push(format!("{case}: English inside German: {}", ran.out));
            }
            eprintln!(
                "{case}: exit {:?} in {} ms, {} MB",
                ran.code,
                ran.took.as_millis(),
                ran.rss_mb
            );
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
