//! The support bundle (issue 15 §2, issue 24 §1): one zip an administrator hands to support — the
//! status and its Microsoft trace ids, the connection test's stages, the system, msteams.cfg by
//! allow-list ([`cfg`]), what the secrets file holds (never a value), usermatching.csv's findings,
//! the audit trail and the last log lines. Without personal data, names are removed where they
//! stand: the activation's users and groups, usermatching.csv, the accounts of the audit trail,
//! the status and the secrets, the values marked personal in the log. Then every file goes through
//! the [`scrub::Scrubber`]: secrets by value, by key and by shape; names the folder knows by value.

mod cfg;
pub mod scrub;

use crate::base::paths;
use crate::model::audit::{self, What};
use crate::model::secrets::Secrets;
use crate::ops::check::Report;
use scrub::{Scrubber, removed};
use std::io::Write as _;
use std::path::Path;

/// How many of the newest log lines go in.
const LOG_LINES: usize = 500;

/// What goes in besides the basics.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// usermatching.csv itself, the names in findings and in the audit trail, the consenting
    /// account.
    pub personal_data: bool,
}

/// Whether the bundle may be written to `out`: never inside the UCServer folder `dir` (its
/// msteams.cfg, secrets or usermatching.csv would be replaced by a zip), and not over an existing
/// file unless `overwrite` (the command line's `--force`; a save dialog that asked). The folder is
/// told by what it is, not by how a path is spelled (issue 34 §3): a destination whose folder, or
/// any folder above it, is the UCServer folder or one of its folders — reached through a link, a
/// junction, a bind mount, `SUBST` or `\\localhost\C$` — is refused, and so is a destination that
/// is one of the folder's files under another name (a hard link).
pub fn destination(dir: &Path, out: &Path, overwrite: bool) -> Result<(), crate::base::i18n::Msg> {
    use crate::base::files::identity::{FileId, real_path};
    use crate::base::i18n::Msg;
    let shown = || out.display().to_string();
    let in_folder = || {
        Msg::new("support-in-folder")
            .text("path", shown())
            .text("folder", dir.display().to_string())
    };
    // The folder and the folders in it, by what they are.
    let folder = crate::base::folder::Folder::new(dir);
    let mut ours: Vec<FileId> = [
        dir.to_owned(),
        folder.lock_dir(),
        paths::usermatching(dir)
            .parent()
            .map(Path::to_owned)
            .unwrap_or_default(),
    ]
    .iter()
    .filter_map(|p| FileId::of(p).ok())
    .collect();
    let files = [
        folder.msteams_cfg(),
        folder.secrets(),
        folder.usermatching(),
        folder.audit(),
    ];
    ours.extend(files.iter().filter_map(|p| FileId::of(p).ok()));
    if FileId::of(out).is_ok_and(|id| ours.contains(&id)) {
        return Err(in_folder());
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let real_parent = real_path(parent).unwrap_or_else(|_| parent.to_owned());
    if real_parent
        .ancestors()
        .any(|a| FileId::of(a).is_ok_and(|id| ours.contains(&id)))
    {
        return Err(in_folder());
    }
    if !overwrite && std::fs::symlink_metadata(out).is_ok() {
        return Err(Msg::new("support-exists").text("path", shown()));
    }
    Ok(())
}

/// Writes the bundle to `out` (atomically: a temporary file beside it, then renamed); returns the
/// names of the files in it.
pub fn write(
    dir: &Path,
    out: &Path,
    report: Option<&Report>,
    diagnosis: &[crate::microsoft::diagnose::HostDiagnosis],
    options: Options,
) -> std::io::Result<Vec<String>> {
    if let Err(m) = destination(dir, out, true) {
        let texts = crate::base::i18n::Texts::new(crate::base::i18n::Lang::En);
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            texts.msg(&m),
        ));
    }
    let secrets = Secrets::load(&paths::secrets(dir))
        .map(|(_, s)| s)
        .unwrap_or_default();
    let personal = options.personal_data;
    // Where a name stands in a file of the bundle, it is replaced by its length.
    let name = |v: &str| if personal { v.to_owned() } else { removed(v) };
    let cfg_text = crate::base::files::limits::read(
        &paths::msteams_cfg(dir),
        crate::base::files::limits::TextKind::Config,
    );
    let matching = crate::ops::store::load_matching(&paths::usermatching(dir))
        .ok()
        .flatten();
    let trail = audit::read(dir, None).unwrap_or_default();

    let status = status(report, &name);
    let mut files: Vec<(String, String)> = vec![
        ("README.txt".into(), readme(options)),
        ("status.json".into(), status),
        ("diagnosis.json".into(), pretty(&diagnosis)),
        ("system.json".into(), pretty(&system(dir))),
        (
            "secrets-summary.json".into(),
            pretty(&secrets_summary(&secrets, &name)),
        ),
    ];
    files.extend(cfg::entries(&cfg_text, personal));
    if let Some(m) = &matching {
        let mut report = serde_json::to_value(&m.report).unwrap_or_default();
        replace_keys(&mut report, &["value"], &name);
        files.push(("usermatching-findings.json".into(), pretty(&report)));
        if personal {
            let text = m.file.lines.iter().collect::<Vec<_>>().join("\n");
            files.push(("usermatching.csv".into(), text));
        }
    }
    let lines: Vec<String> = trail
        .entries
        .iter()
        .map(|e| {
            let e = if personal { e.clone() } else { impersonal(e) };
            serde_json::to_string(&e).unwrap_or_default()
        })
        .collect();
    files.push(("audit.jsonl".into(), lines.join("\n")));
    // Both places a log may be in: an elevated run logs beside msteams.cfg, an unelevated one
    // in %ProgramData% (see `logging::place`).
    let places = [
        Some(("logs", crate::base::logging::place::in_folder(dir).logs())),
        crate::base::logging::place::machine().map(|m| ("logs-machine", m.join("logs"))),
    ];
    for (folder, logs) in places.into_iter().flatten() {
        if let Some((name, text)) = newest_log(&logs) {
            files.push((format!("{folder}/{name}"), text));
        }
    }

    let scrub = Scrubber::new(
        &secrets,
        known_names(&secrets, &trail, matching.as_ref(), cfg_text),
    );
    let scrub = if personal { scrub.keep_names() } else { scrub };

    let tmp = tempfile::NamedTempFile::new_in(out.parent().unwrap_or(Path::new(".")))?;
    let mut zip = zip::ZipWriter::new(tmp.as_file());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut names = Vec::new();
    for (name, text) in files {
        zip.start_file(name.as_str(), opts)
            .map_err(std::io::Error::other)?;
        zip.write_all(scrub.clean(&text).as_bytes())?;
        names.push(name);
    }
    zip.finish().map_err(std::io::Error::other)?;
    tmp.as_file().sync_all()?;
    tmp.persist(out).map_err(|e| e.error)?;
    Ok(names)
}

/// status.json: the check with its names removed; without a check (msteams.cfg cannot be used,
/// so there is nothing to check with) why not.
fn status(report: Option<&Report>, name: &dyn Fn(&str) -> String) -> String {
    match report {
        Some(report) => {
            let mut report = report.clone();
            report.verdict = report.verdict.redacted(name);
            pretty(&report)
        }
        None => pretty(&serde_json::json!({
            "checked": false,
            "why": "msteams.cfg cannot be used (see msteams-cfg-problem.json), so there was nothing to check with Microsoft",
        })),
    }
}

fn pretty<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn readme(options: Options) -> String {
    let (names, matching, everywhere) = if options.personal_data {
        (
            "",
            " (and the file)",
            "; names are included (--personal-data)",
        )
    } else {
        (
            " (the activation's users and groups without names)",
            " (without names)",
            "; so are names, wherever they stand (each replaced by its length)",
        )
    };
    format!(
        "teams-presence-admin {} support bundle, made {}.\n\
         status.json: the check with Microsoft (verdict, trace and correlation ids).\n\
         diagnosis.json: each stage of the connection to the login and the Graph host.\n\
         system.json: versions and the operating system.\n\
         msteams.cfg: the keys the pane knows with their values{names}; every other key by\n\
         name, its value replaced by its length (it may be another program's secret).\n\
         msteams-cfg-problem.json (only where the pane cannot use msteams.cfg): where it is\n\
         broken and what, never its text.\n\
         secrets-summary.json: what the secrets file holds, never a value.\n\
         usermatching-findings.json: the findings of usermatching.csv{matching}.\n\
         audit.jsonl: every change the pane made.\n\
         logs/: the last {LOG_LINES} lines of the newest log file beside msteams.cfg;\n\
         logs-machine/: the same from the machine-wide place (%ProgramData%), where a run\n\
         without administrator rights logs.\n\
         Secrets, tokens and codes are removed from every file{everywhere}.\n",
        env!("CARGO_PKG_VERSION"),
        chrono::Utc::now().to_rfc3339(),
    )
}

fn system(dir: &Path) -> serde_json::Value {
    serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "os": std::env::consts::OS,
        "family": std::env::consts::FAMILY,
        "arch": std::env::consts::ARCH,
        "ucserverDir": dir.display().to_string(),
    })
}

fn secrets_summary(s: &Secrets, name: &dyn Fn(&str) -> String) -> serde_json::Value {
    let mut v = serde_json::json!({
        "refreshToken": s.refresh_token.is_some(),
        "clientSecret": s.client_secret.is_some(),
        "clientCertificate": s.client_certificate.as_ref().map(|c| serde_json::json!({
            "thumbprint": c.thumbprint,
            "startDateTime": c.start_date_time,
            "endDateTime": c.end_date_time,
        })),
        "userConsent": s.user_consent,
        "adminConsent": s.admin_consent,
        "registration": s.registration,
    });
    replace_keys(&mut v, &["upn", "objectId", "osAccount"], name);
    v
}

/// The string values of `keys`, everywhere in `v`, passed through `replace`.
fn replace_keys(v: &mut serde_json::Value, keys: &[&str], replace: &dyn Fn(&str) -> String) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match x {
                    serde_json::Value::String(s) if keys.contains(&k.as_str()) => {
                        *s = replace(s);
                    }
                    _ => replace_keys(x, keys, replace),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| replace_keys(x, keys, replace)),
        _ => {}
    }
}

/// An audit entry without names (see [`audit::Entry::redacted`]); usermatching.csv's lines as
/// their count.
fn impersonal(e: &audit::Entry) -> audit::Entry {
    let mut e = e.redacted(removed);
    if let What::Usermatching {
        added,
        removed: gone,
    } = &mut e.what
    {
        for lines in [added, gone] {
            *lines = vec![match lines.len() {
                1 => "<removed: 1 line>".to_owned(),
                n => format!("<removed: {n} lines>"),
            }];
        }
    }
    e
}

/// Every name the folder knows — the activation's users and groups, both columns of
/// usermatching.csv, the accounts of the audit trail and the secrets file, this OS account — for
/// the scrubber to find in log lines written before the log marked names.
fn known_names(
    secrets: &Secrets,
    trail: &audit::Trail,
    matching: Option<&crate::ops::store::LoadedMatching>,
    cfg: std::io::Result<Option<Vec<u8>>>,
) -> Vec<String> {
    let mut names = vec![crate::model::secrets::os_account()];
    let list = |s: &str| s.split([',', ';']).map(str::to_owned).collect::<Vec<_>>();
    if let Ok(Some(bytes)) = cfg
        && let Ok(serde_json::Value::Object(map)) =
            serde_json::from_slice::<serde_json::Value>(&bytes)
    {
        for (key, value) in &map {
            if audit::is_personal_key(key)
                && let Some(items) = value.as_array()
            {
                names.extend(items.iter().filter_map(|v| v.as_str().map(str::to_owned)));
            }
        }
    }
    if let Some(m) = matching {
        for line in m.file.lines.iter() {
            names.extend(list(line));
        }
    }
    for e in &trail.entries {
        names.push(e.by.clone());
        // Each personal value of the entry, as `redacted` finds it.
        let _ = e.redacted(|v| {
            names.extend(list(v));
            String::new()
        });
    }
    if let Some(u) = &secrets.user_consent {
        names.extend([u.upn.clone(), u.object_id.clone()]);
    }
    if let Some(a) = &secrets.admin_consent {
        names.push(a.os_account.clone());
    }
    if let Some(r) = &secrets.registration {
        names.push(r.os_account.clone());
    }
    names
}

/// The last lines of the newest log file in `logs`: only the file's last [`LOG_TAIL`] bytes are
/// read (issue 34 §6: a 2 GB log took over 6 GB of memory), never through a link, never a FIFO.
fn newest_log(logs: &Path) -> Option<(String, String)> {
    use std::io::{Read as _, Seek as _};
    let newest = std::fs::read_dir(logs)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .max()?;
    let mut file =
        crate::base::files::open_no_link(&newest, std::fs::OpenOptions::new().read(true)).ok()?;
    let len = file.metadata().ok()?.len();
    file.seek(std::io::SeekFrom::Start(len.saturating_sub(LOG_TAIL)))
        .ok()?;
    let mut bytes = Vec::new();
    file.take(LOG_TAIL).read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines: Vec<&str> = text.lines().collect();
    // A line cut by the start of the tail is left out.
    if len > LOG_TAIL && !lines.is_empty() {
        lines.remove(0);
    }
    let tail = lines[lines.len().saturating_sub(LOG_LINES)..].join("\n");
    Some((newest.file_name()?.to_string_lossy().into_owned(), tail))
}

/// How much of the end of the newest log is read for its last [`LOG_LINES`] lines.
const LOG_TAIL: u64 = 1024 * 1024;
