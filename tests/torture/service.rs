//! The UCServer service as a lock-less writer (it takes no lock of ours), and a watcher of the
//! secrets file, both as threads of the harness during a round.
//!
//! The writer, every few milliseconds, reads msteams.cfg, sets a key of its own
//! ([`COUNTER`]) to the next number and puts the file back as a service would: a temporary
//! file, then a rename — `renameat2(RENAME_EXCHANGE)`, so that it sees the file it replaced. It
//! knows every number it wrote, so it sees a number of its taken back (invariant b): when a file
//! it reads, or the file it replaced, holds an older number than its last. When the file it
//! replaced is not the one it read, the service itself raced one of our writes away: that is
//! recorded ([`ServiceLog::clobbered`]) and excuses the change for invariant (a).
//! From 800–1500 ms on, every 400–1200 ms it appends a unique line to usermatching.csv (in place, as a script would); a
//! line is confirmed once the file it went into is still the one at the path after the write,
//! and must stay in the file from then on.

use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The service's own key in msteams.cfg (unknown to the pane, which must keep it).
pub const COUNTER: &str = "iTortureServiceCounter";

#[derive(Default, Debug)]
pub struct ServiceLog {
    /// The last number the service wrote into msteams.cfg.
    pub last_counter: u64,
    pub cfg_writes: u64,
    /// Numbers found taken back, with what was found (invariant b).
    pub lost_counters: Vec<String>,
    /// msteams.cfg files of ours the service's own rename replaced between its read and its write.
    pub clobbered: Vec<Value>,
    /// Lines appended and confirmed in the file (their tokens).
    pub confirmed: Vec<String>,
    pub lost_lines: BTreeSet<String>,
    /// Appends that went into a file replaced while the line was written (not confirmed).
    pub appends_unconfirmed: u64,
    pub cfg_unparseable: u64,
}

/// A read of the secrets file: when it started and the refresh token it found.
#[derive(Clone, Debug)]
pub struct Seen {
    pub at: Instant,
    pub token: Option<String>,
}

pub struct Service {
    stop: Arc<AtomicBool>,
    writer: JoinHandle<ServiceLog>,
    watcher: JoinHandle<Vec<Seen>>,
}

impl Service {
    pub fn start(cfg: PathBuf, csv: PathBuf, secrets: PathBuf, seed: u64) -> Service {
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let writer = std::thread::spawn(move || write_loop(&cfg, &csv, seed, &s));
        let s = stop.clone();
        let watcher = std::thread::spawn(move || watch(&secrets, &s));
        Service {
            stop,
            writer,
            watcher,
        }
    }

    pub fn stop(self) -> (ServiceLog, Vec<Seen>) {
        self.stop.store(true, Ordering::SeqCst);
        (self.writer.join().unwrap(), self.watcher.join().unwrap())
    }
}

fn is_file(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file())
}

fn write_loop(cfg: &Path, csv: &Path, seed: u64, stop: &AtomicBool) -> ServiceLog {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut log = ServiceLog::default();
    let mut next_append = Instant::now() + Duration::from_millis(rng.u64(800..1500));
    let mut line = 0u64;
    while !stop.load(Ordering::SeqCst) {
        if is_file(cfg) {
            cfg_step(cfg, &mut log);
        }
        if Instant::now() >= next_append && is_file(csv) {
            line += 1;
            csv_step(csv, line, &mut log);
            next_append = Instant::now() + Duration::from_millis(rng.u64(400..1200));
        }
        std::thread::sleep(Duration::from_micros(rng.u64(1_000..4_000)));
    }
    log
}

fn counter(v: &Value) -> u64 {
    v.get(COUNTER).and_then(Value::as_u64).unwrap_or(0)
}

fn lost(log: &mut ServiceLog, found: u64, how: &str) {
    let last = log.last_counter;
    let text = format!(
        "msteams.cfg: the service's change {COUNTER}={last} was taken back ({how} holds {found})"
    );
    if !log
        .lost_counters
        .iter()
        .any(|t| t.contains(&format!("={last} ")))
    {
        log.lost_counters.push(text);
    }
}

fn cfg_step(cfg: &Path, log: &mut ServiceLog) {
    // Kept open until the rename is checked: its inode cannot be reused meanwhile.
    let Ok(mut file) = File::open(cfg) else {
        return;
    };
    let Ok(ino) = file.metadata().map(|m| m.ino()) else {
        return;
    };
    let mut bytes = Vec::new();
    if file.read_to_end(&mut bytes).is_err() {
        return;
    }
    let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) else {
        // A service cannot put its key into a file that does not parse; invariant (d) tells.
        log.cfg_unparseable += 1;
        return;
    };
    let Some(map) = v.as_object_mut() else {
        log.cfg_unparseable += 1;
        return;
    };
    let found = map.get(COUNTER).and_then(Value::as_u64).unwrap_or(0);
    if found < log.last_counter {
        lost(log, found, "the file the service read");
    }
    let n = log.last_counter + 1;
    map.insert(COUNTER.into(), Value::from(n));
    let mut out = serde_json::to_vec_pretty(&v).unwrap();
    out.extend_from_slice(b"\r\n");
    let tmp = cfg.with_file_name(".msteams.cfg.service.tmp");
    if File::create(&tmp)
        .and_then(|mut f| f.write_all(&out))
        .is_err()
    {
        return;
    }
    if !exchange(&tmp, cfg) {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    // `tmp` now names the file the rename replaced.
    if let Ok(mut displaced) = File::open(&tmp)
        && displaced.metadata().is_ok_and(|m| m.ino() != ino)
    {
        let mut old = Vec::new();
        let _ = displaced.read_to_end(&mut old);
        if let Ok(old) = serde_json::from_slice::<Value>(&old) {
            if counter(&old) < log.last_counter {
                lost(log, counter(&old), "the file one of ours wrote");
            }
            log.clobbered.push(old);
        }
    }
    let _ = std::fs::remove_file(&tmp);
    drop(file);
    log.last_counter = n;
    log.cfg_writes += 1;
}

/// `renameat2(from, to, RENAME_EXCHANGE)`: both names stay, their files swapped.
fn exchange(from: &Path, to: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    let (a, b) = (c(from), c(to));
    // SAFETY: two valid NUL-terminated paths; AT_FDCWD for both.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    r == 0
}

/// The tokens of the service's lines (`svcN@…`) in usermatching.csv's bytes.
pub fn service_tokens(bytes: &[u8]) -> HashSet<String> {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"svc"))
        .filter_map(|l| {
            let end = l.iter().position(|&b| b == b'@')?;
            Some(String::from_utf8_lossy(&l[..end]).into_owned())
        })
        .collect()
}

fn csv_step(csv: &Path, n: u64, log: &mut ServiceLog) {
    let Ok(bytes) = std::fs::read(csv) else {
        return;
    };
    let have = service_tokens(&bytes);
    for t in &log.confirmed {
        if !have.contains(t) {
            log.lost_lines.insert(t.clone());
        }
    }
    // The file's own separator: the first data line tells.
    let sep = bytes
        .split(|&b| b == b'\n')
        .find(|l| l.starts_with(b"seed") || l.starts_with(b"svc") || l.starts_with(b"win"))
        .map_or(',', |l| if l.contains(&b';') { ';' } else { ',' });
    let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(csv) else {
        return;
    };
    let Ok(ino) = f.metadata().map(|m| m.ino()) else {
        return;
    };
    let token = format!("svc{n}");
    let lead = if bytes.last().is_some_and(|&b| b != b'\n') {
        "\r\n"
    } else {
        ""
    };
    let line = format!("{lead}{token}@service.example{sep}{token}\r\n");
    if f.write_all(line.as_bytes()).is_err() {
        return;
    }
    let still = std::fs::metadata(csv).is_ok_and(|m| m.ino() == ino)
        && f.metadata().is_ok_and(|m| m.nlink() > 0);
    if still {
        log.confirmed.push(token);
    } else {
        log.appends_unconfirmed += 1;
    }
}

fn watch(secrets: &Path, stop: &AtomicBool) -> Vec<Seen> {
    let mut seen: Vec<Seen> = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        let at = Instant::now();
        if is_file(secrets)
            && let Ok(bytes) = std::fs::read(secrets)
            && let Ok(v) = serde_json::from_slice::<Value>(&bytes)
        {
            let token = v
                .get("refreshToken")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if seen.last().is_none_or(|s| s.token != token) {
                seen.push(Seen { at, token });
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    seen
}
