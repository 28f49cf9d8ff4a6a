//! The invariants checked after every round, on the files themselves:
//!
//! * (a) every change a process of ours reported saved (exit 0; the window's child said `saved`
//!   or `merged`; `matching fix` said "was repaired and saved") is in the file — or was
//!   superseded: the file holds the value of another change of the same key that may have been
//!   written (reported, or killed while running) and did not end before this one started. A
//!   change the service's own lock-less rename displaced is excused (and counted apart).
//! * (b) no change of the lock-less service is lost: no file state after it (read by the service
//!   itself, replaced by its rename, or left at the end) holds an older number of its key, and
//!   every line it appended and saw in place stays in usermatching.csv.
//! * (c) a forgotten token never comes back: once `consent forget` reported success, no read of
//!   the secrets file that started later finds a refresh token, and no file of the folder holds a
//!   refresh token seen before.
//! * (d) every file parses: msteams.cfg and its backup (JSON objects), the secrets file (JSON),
//!   usermatching.csv and its backup (no NUL, one separator a line).
//! * (e) no command runs past its deadline.

use super::layout::Folder;
use super::ops::{Done, Key, Kind, Via};
use super::service::{COUNTER, Seen, ServiceLog, service_tokens};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Invariant {
    Saved,
    ServiceKept,
    Forgotten,
    Parses,
    Deadline,
}

impl Invariant {
    pub const ALL: [Invariant; 5] = [
        Invariant::Saved,
        Invariant::ServiceKept,
        Invariant::Forgotten,
        Invariant::Parses,
        Invariant::Deadline,
    ];

    pub fn letter(self) -> char {
        match self {
            Invariant::Saved => 'a',
            Invariant::ServiceKept => 'b',
            Invariant::Forgotten => 'c',
            Invariant::Parses => 'd',
            Invariant::Deadline => 'e',
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Invariant::Saved => "a change reported saved is in the file (or superseded)",
            Invariant::ServiceKept => "no change of the lock-less service is lost",
            Invariant::Forgotten => "a forgotten token never comes back",
            Invariant::Parses => "every file parses",
            Invariant::Deadline => "no command runs past its deadline",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Violation {
    pub invariant: Invariant,
    pub detail: String,
    /// What broke it, for the totals: the operation or the file.
    pub source: String,
}

pub struct Round<'a> {
    pub folder: &'a Folder,
    pub done: &'a [Done],
    pub service: &'a ServiceLog,
    pub seen: &'a [Seen],
    pub template_token: Option<String>,
    pub deadline: Duration,
    pub t0: Instant,
}

fn v(invariant: Invariant, source: &str, detail: String) -> Violation {
    Violation {
        invariant,
        detail,
        source: source.to_owned(),
    }
}

/// The operation without its number and values: `matching fix --convert via Link`.
fn op_name(d: &Done) -> String {
    match &d.op.kind {
        Kind::ConfigSet { .. } => "config set".into(),
        Kind::ConfigClearProxy => "config clear".into(),
        Kind::WindowConfig { .. } => "the window's save of msteams.cfg".into(),
        Kind::Fix { convert, via } => format!(
            "matching fix {} via {via:?}",
            if *convert {
                "--convert"
            } else {
                "--remove-header"
            }
        ),
        Kind::WindowMatching { .. } => "the window's save of usermatching.csv".into(),
        Kind::Forget => "consent forget".into(),
        Kind::Status => "status".into(),
        Kind::Bundle { .. } => "support-bundle".into(),
    }
}

fn regular(p: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::symlink_metadata(p).ok()?;
    meta.is_file().then(|| std::fs::read(p).ok()).flatten()
}

pub fn refresh_token(secrets: &Path) -> Option<String> {
    let v: Value = serde_json::from_slice(&regular(secrets)?).ok()?;
    v.get("refreshToken")?.as_str().map(str::to_owned)
}

/// The value of `key` as msteams.cfg holds it (`""`: absent or empty).
pub fn cfg_value(cfg: &Value, key: Key) -> String {
    match key {
        Key::Proxy => cfg
            .get("u8sProxyAddress")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned(),
        Key::Activation => cfg
            .get("au8sActivationGroups")
            .and_then(Value::as_array)
            .map(|a| {
                let names: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
                names.join(",")
            })
            .unwrap_or_default(),
    }
}

/// Text of usermatching.csv's lines: UTF-8, else Windows-1252 read byte by byte.
fn lines(bytes: &[u8]) -> Vec<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    text.lines()
        .map(|l| l.trim_end_matches('\r').to_owned())
        .collect()
}

pub fn all(r: &Round) -> Vec<Violation> {
    let mut out = Vec::new();
    parses(r, &mut out);
    saved(r, &mut out);
    service_kept(r, &mut out);
    forgotten(r, &mut out);
    for d in r.done {
        if d.result == super::ops::End::Deadline {
            out.push(v(
                Invariant::Deadline,
                &op_name(d),
                format!(
                    "{} still ran after {} s and was killed",
                    d.what,
                    r.deadline.as_secs()
                ),
            ));
        }
    }
    out
}

fn parses(r: &Round, out: &mut Vec<Violation>) {
    let f = r.folder;
    let head = |b: &[u8]| {
        String::from_utf8_lossy(&b[..b.len().min(24)])
            .escape_debug()
            .to_string()
    };
    for p in [f.cfg(), bak(&f.cfg())] {
        if let Some(b) = regular(&p)
            && !serde_json::from_slice::<Value>(&b).is_ok_and(|v| v.is_object())
        {
            out.push(v(
                Invariant::Parses,
                &file_name(&p),
                format!(
                    "{} is no JSON object ({} bytes, begins \"{}\")",
                    p.display(),
                    b.len(),
                    head(&b)
                ),
            ));
        }
    }
    if let Some(b) = regular(&f.secrets())
        && serde_json::from_slice::<Value>(&b).is_err()
    {
        out.push(v(
            Invariant::Parses,
            "msteams.secrets.json",
            format!(
                "{} is no JSON ({} bytes, begins \"{}\")",
                f.secrets().display(),
                b.len(),
                head(&b)
            ),
        ));
    }
    for p in [f.csv(), bak(&f.csv())] {
        if let Some(b) = regular(&p) {
            let bad = b.contains(&0)
                || lines(&b)
                    .iter()
                    .filter(|l| !l.is_empty())
                    .any(|l| l.matches([',', ';']).count() != 1);
            if bad {
                out.push(v(
                    Invariant::Parses,
                    &file_name(&p),
                    format!(
                        "{} has lines that are no mapping ({} bytes, begins \"{}\")",
                        p.display(),
                        b.len(),
                        head(&b)
                    ),
                ));
            }
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn bak(p: &Path) -> PathBuf {
    let mut name = p.file_name().unwrap().to_os_string();
    name.push(".bak");
    p.with_file_name(name)
}

fn ms(r: &Round, t: Instant) -> u128 {
    t.saturating_duration_since(r.t0).as_millis()
}

fn saved(r: &Round, out: &mut Vec<Violation>) {
    let cfg: Option<Value> = regular(&r.folder.cfg())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(Value::is_object);
    let reported = |d: &Done| match &d.op.kind {
        Kind::WindowConfig { .. } | Kind::WindowMatching { .. } => {
            d.ok() && (d.stdout.starts_with("saved") || d.stdout.starts_with("merged"))
        }
        Kind::Fix { .. } => d.stdout.contains("was repaired and saved"),
        _ => d.ok(),
    };
    if let Some(cfg) = &cfg {
        for key in [Key::Proxy, Key::Activation] {
            let now = cfg_value(cfg, key);
            let changes: Vec<(&Done, &str)> = r
                .done
                .iter()
                .filter_map(|d| match d.op.kind.cfg_change() {
                    Some((k, value)) if k == key => Some((d, value)),
                    _ => None,
                })
                .collect();
            for &(c, value) in changes.iter().filter(|(d, _)| reported(d)) {
                if now == value {
                    continue;
                }
                let superseded = changes.iter().any(|&(d, dv)| {
                    d.op.id != c.op.id && d.may_have_written() && dv == now && d.end > c.start
                });
                let displaced_by_service = r
                    .service
                    .clobbered
                    .iter()
                    .any(|old| cfg_value(old, key) == value);
                if !superseded && !displaced_by_service {
                    out.push(v(
                        Invariant::Saved,
                        &op_name(c),
                        format!(
                            "{} reported saved (ended +{} ms) but msteams.cfg holds {key:?}={now:?}",
                            c.what,
                            ms(r, c.end)
                        ),
                    ));
                }
            }
        }
    }
    let Some(bytes) = regular(&r.folder.csv()) else {
        return;
    };
    let lines = lines(&bytes);
    for d in r.done.iter().filter(|d| reported(d)) {
        let missing = match &d.op.kind {
            Kind::Fix { convert: true, .. } => {
                let left = lines
                    .iter()
                    .filter(|l| l.starts_with("seed") && l.contains(';'))
                    .count();
                (left > 0).then(|| format!("{left} lines are still separated by semicolons"))
            }
            Kind::Fix { convert: false, .. } => lines
                .iter()
                .any(|l| l.starts_with("Azure AD"))
                .then(|| "the header line is still there".to_owned()),
            Kind::WindowMatching { token, .. } => {
                (!lines.iter().any(|l| l.starts_with(&format!("{token}@"))))
                    .then(|| format!("its line {token}@… is missing"))
            }
            _ => None,
        };
        if let Some(missing) = missing {
            // The other writes of the file that said saved while this one ran.
            let beside: Vec<&str> = r
                .done
                .iter()
                .filter(|o| o.op.id != d.op.id && reported(o) && writes_csv(o))
                .filter(|o| o.start < d.end && o.end > d.start)
                .map(|o| o.what.as_str())
                .collect();
            let missing = match beside.is_empty() {
                true => missing,
                false => format!("{missing}; saved while it ran: {}", beside.join("; ")),
            };
            let how = match d.op.kind {
                Kind::Fix {
                    via: Via::Relative, ..
                } => " (a relative path)",
                Kind::Fix { via: Via::Link, .. } => " (through a link)",
                _ => "",
            };
            out.push(v(
                Invariant::Saved,
                &op_name(d),
                format!(
                    "{}{how} reported saved (ended +{} ms) but in usermatching.csv {missing}",
                    d.what,
                    ms(r, d.end)
                ),
            ));
        }
    }
}

fn writes_csv(d: &Done) -> bool {
    matches!(d.op.kind, Kind::Fix { .. } | Kind::WindowMatching { .. })
}

fn service_kept(r: &Round, out: &mut Vec<Violation>) {
    let s = r.service;
    let mut counters = s.lost_counters.clone();
    if let Some(cfg) = regular(&r.folder.cfg())
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .filter(Value::is_object)
    {
        let found = cfg.get(COUNTER).and_then(Value::as_u64).unwrap_or(0);
        if found < s.last_counter {
            counters.push(format!(
                "msteams.cfg: the service's change {COUNTER}={} was taken back (the file left at the end holds {found})",
                s.last_counter
            ));
        }
    }
    for c in counters {
        out.push(v(Invariant::ServiceKept, "msteams.cfg", c));
    }
    let mut gone: BTreeSet<String> = s.lost_lines.clone();
    if let Some(bytes) = regular(&r.folder.csv()) {
        let have = service_tokens(&bytes);
        gone.extend(s.confirmed.iter().filter(|t| !have.contains(*t)).cloned());
    }
    if !gone.is_empty() {
        let list: Vec<&str> = gone.iter().take(5).map(String::as_str).collect();
        out.push(v(
            Invariant::ServiceKept,
            "usermatching.csv",
            format!(
                "usermatching.csv: {} of the service's {} appended lines are gone ({}{})",
                gone.len(),
                s.confirmed.len(),
                list.join(", "),
                if gone.len() > 5 { ", …" } else { "" }
            ),
        ));
    }
}

fn forgotten(r: &Round, out: &mut Vec<Violation>) {
    let Some(forgot) = r
        .done
        .iter()
        .filter(|d| d.op.kind == Kind::Forget && d.ok())
        .map(|d| d.end)
        .min()
    else {
        return;
    };
    let mut before: BTreeSet<String> = r.template_token.iter().cloned().collect();
    before.extend(
        r.seen
            .iter()
            .filter(|s| s.at < forgot)
            .filter_map(|s| s.token.clone()),
    );
    let mut back = BTreeSet::new();
    for s in r.seen.iter().filter(|s| s.at > forgot) {
        if let Some(t) = &s.token
            && back.insert(t.clone())
        {
            out.push(v(
                Invariant::Forgotten,
                "msteams.secrets.json",
                format!(
                    "a refresh token is in the secrets file again +{} ms, after consent forget reported success at +{} ms",
                    ms(r, s.at),
                    ms(r, forgot)
                ),
            ));
        }
    }
    if let Some(t) = refresh_token(&r.folder.secrets())
        && back.insert(t)
    {
        out.push(v(
            Invariant::Forgotten,
            "msteams.secrets.json",
            "the secrets file holds a refresh token at the end, after consent forget reported success".into(),
        ));
    }
    // Any file of the folder (backups, temporaries, logs, the audit trail).
    let mut files = Vec::new();
    walk(&r.folder.root, 0, &mut files);
    for p in files {
        let Some(b) = regular(&p).filter(|b| b.len() < 8 << 20) else {
            continue;
        };
        let text = String::from_utf8_lossy(&b);
        if before.iter().any(|t| text.contains(t.as_str())) && p != r.folder.secrets() {
            out.push(v(
                Invariant::Forgotten,
                &file_name(&p),
                format!(
                    "{} holds a refresh token from before consent forget",
                    p.display()
                ),
            ));
        }
    }
}

/// The regular files below `dir` (`config/` followed where it is a link).
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() && depth < 3 {
            walk(&p, depth + 1, files);
        } else if meta.is_file() {
            files.push(p);
        }
    }
}
