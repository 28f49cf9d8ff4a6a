//! The support bundle (issue 15 §2): one zip an administrator hands to support — the status and
//! its Microsoft trace ids, the connection test's stages, the system, msteams.cfg, what the secrets file holds (never a value),
//! usermatching.csv's findings (names only when the administrator includes personal data), the
//! audit trail and the last log lines. Every secret of the folder (refresh token, client secret,
//! private key) and anything shaped like a token or code is removed from every file in it.

use crate::audit::{self, What};
use crate::ops::check::Report;
use crate::paths;
use crate::secrets::Secrets;
use std::io::Write as _;
use std::path::Path;

/// How many of the newest log lines go in.
const LOG_LINES: usize = 500;
/// Parameters whose values are secrets (query, form, JSON).
const PARAMS: [&str; 7] = [
    "code",
    "refresh_token",
    "access_token",
    "client_secret",
    "client_assertion",
    "password",
    "id_token",
];
/// Stands where something was removed.
const REMOVED: &str = "[removed]";

/// What goes in besides the basics.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// usermatching.csv itself, the names in findings and in the audit trail, the consenting
    /// account.
    pub personal_data: bool,
}

/// Whether the bundle may be written to `out`: never inside the UCServer folder `dir` (its
/// msteams.cfg, secrets or usermatching.csv would be replaced by a zip), and not over an existing
/// file unless `overwrite` (the command line's `--force`; a save dialog that asked).
pub fn destination(dir: &Path, out: &Path, overwrite: bool) -> Result<(), crate::i18n::Msg> {
    use crate::i18n::Msg;
    let shown = || out.display().to_string();
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    // Links and `..` resolved where the folders exist; the file itself may not exist yet.
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| absolute(p));
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let target = real(parent).join(out.file_name().unwrap_or_default());
    if target.starts_with(real(dir)) {
        return Err(Msg::new("support-in-folder")
            .text("path", shown())
            .text("folder", dir.display().to_string()));
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
    report: &Report,
    diagnosis: &[crate::microsoft::diagnose::HostDiagnosis],
    options: Options,
) -> std::io::Result<Vec<String>> {
    if let Err(m) = destination(dir, out, true) {
        let texts = crate::i18n::Texts::new(crate::i18n::Lang::En);
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            texts.msg(&m),
        ));
    }
    let secrets = Secrets::load(&paths::secrets(dir))
        .map(|(_, s)| s)
        .unwrap_or_default();
    let mut scrub = Scrubber::new(&secrets);
    scrub.names = !options.personal_data;
    let mut files: Vec<(String, String)> = vec![
        ("README.txt".into(), readme(options)),
        ("status.json".into(), pretty(report)),
        ("diagnosis.json".into(), pretty(&diagnosis)),
        ("system.json".into(), pretty(&system(dir))),
        (
            "secrets-summary.json".into(),
            pretty(&secrets_summary(&secrets, options)),
        ),
    ];
    if let Ok(cfg) = std::fs::read_to_string(paths::msteams_cfg(dir)) {
        files.push(("msteams.cfg".into(), cfg));
    }
    if let Ok(Some(m)) = crate::store::load_matching(&paths::usermatching(dir)) {
        let mut report = serde_json::to_value(&m.report).unwrap_or_default();
        if !options.personal_data {
            strip(&mut report, &["value"]);
        }
        files.push(("usermatching-findings.json".into(), pretty(&report)));
        if options.personal_data {
            let text = m.file.lines.iter().collect::<Vec<_>>().join("\n");
            files.push(("usermatching.csv".into(), text));
        }
    }
    let trail = audit::read(dir, None).unwrap_or_default();
    let trail: Vec<String> = trail
        .entries
        .into_iter()
        .map(|mut e| {
            if !options.personal_data {
                e.what = impersonal(e.what);
            }
            serde_json::to_string(&e).unwrap_or_default()
        })
        .collect();
    files.push(("audit.jsonl".into(), trail.join("\n")));
    // Both places a log may be in: an elevated run logs beside msteams.cfg, an unelevated one
    // in %ProgramData% (see `logging::place`).
    let places = [
        Some(("logs", crate::logging::place::in_folder(dir).logs())),
        crate::logging::place::machine().map(|m| ("logs-machine", m.join("logs"))),
    ];
    for (folder, logs) in places.into_iter().flatten() {
        if let Some((name, text)) = newest_log(&logs) {
            files.push((format!("{folder}/{name}"), text));
        }
    }

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

fn pretty<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn readme(options: Options) -> String {
    format!(
        "teams-presence-admin {} support bundle, made {}.\n\
         status.json: the check with Microsoft (verdict, trace and correlation ids).\n\
         diagnosis.json: each stage of the connection to the login and the Graph host.\n\
         system.json: versions and the operating system.\n\
         msteams.cfg: the configuration as on disk.\n\
         secrets-summary.json: what the secrets file holds, never a value.\n\
         usermatching-findings.json: the findings of usermatching.csv{}.\n\
         audit.jsonl: every change the pane made{}.\n\
         logs/: the last {LOG_LINES} lines of the newest log file beside msteams.cfg;\n\
         logs-machine/: the same from the machine-wide place (%ProgramData%), where a run\n\
         without administrator rights logs.\n\
         Secrets, tokens and codes are removed from every file.\n",
        env!("CARGO_PKG_VERSION"),
        chrono::Utc::now().to_rfc3339(),
        if options.personal_data {
            " (and the file)"
        } else {
            " (without names)"
        },
        if options.personal_data {
            ""
        } else {
            " (without names)"
        },
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

fn secrets_summary(s: &Secrets, options: Options) -> serde_json::Value {
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
    if !options.personal_data {
        strip(&mut v, &["upn", "objectId", "osAccount"]);
    }
    v
}

/// Removes `keys` everywhere in `v`.
fn strip(v: &mut serde_json::Value, keys: &[&str]) {
    match v {
        serde_json::Value::Object(map) => {
            for k in keys {
                map.remove(*k);
            }
            map.values_mut().for_each(|x| strip(x, keys));
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| strip(x, keys)),
        _ => {}
    }
}

/// An audit entry without names: usermatching.csv's lines as counts, no account.
fn impersonal(what: What) -> What {
    match what {
        What::Usermatching { added, removed } => What::Usermatching {
            added: vec![format!("{} lines", added.len())],
            removed: vec![format!("{} lines", removed.len())],
        },
        What::ConsentGiven { consent, .. } => What::ConsentGiven {
            consent,
            account: REMOVED.into(),
        },
        other => other,
    }
}

/// The last lines of the newest log file in `logs`.
fn newest_log(logs: &Path) -> Option<(String, String)> {
    let newest = std::fs::read_dir(logs)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .max()?;
    // Never through a link: a link in the log folder would put another file into the bundle.
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut crate::files::open_no_link(&newest, std::fs::OpenOptions::new().read(true)).ok()?,
        &mut text,
    )
    .ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(LOG_LINES)..].join("\n");
    Some((newest.file_name()?.to_string_lossy().into_owned(), tail))
}

/// Removes the folder's secrets and anything shaped like a token or code.
pub struct Scrubber {
    secrets: Vec<String>,
    /// Also remove what looks like an account or a mail address (`name@domain.tld`).
    pub names: bool,
}

impl Scrubber {
    pub fn new(s: &Secrets) -> Self {
        let mut secrets: Vec<String> = [s.refresh_token.clone(), s.client_secret.clone()]
            .into_iter()
            .flatten()
            .collect();
        if let Some(c) = &s.client_certificate {
            secrets.push(c.private_key.clone());
        }
        secrets.retain(|x| x.len() >= 8);
        Self {
            secrets,
            names: false,
        }
    }

    pub fn clean(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.secrets {
            out = out.replace(s.as_str(), REMOVED);
        }
        let out = remove_jwts(&out);
        let out = remove_params(&out, &PARAMS);
        if self.names {
            remove_addresses(&out)
        } else {
            out
        }
    }
}

/// JWTs (three base64url parts starting `eyJ`) replaced.
fn remove_jwts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("eyJ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(tail.len());
        if tail[..end].matches('.').count() >= 2 {
            out.push_str("[token removed]");
        } else {
            out.push_str(&tail[..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Words shaped `local@domain.tld` (UPNs, mail addresses, UCServer names) replaced.
fn remove_addresses(text: &str) -> String {
    let is_word = |c: char| c.is_alphanumeric() || "._-+%'".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let tail = &rest[at + 1..];
        let end = tail.find(|c: char| !is_word(c)).unwrap_or(tail.len());
        let domain = tail[..end].trim_end_matches('.');
        out.push_str(&rest[..start]);
        if start < at && domain.contains('.') {
            out.push_str("[name removed]");
            rest = &tail[domain.len()..];
        } else {
            out.push_str(&rest[start..=at]);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// `name=value` (query or form) and `"name": "value"` for the given names, values replaced.
fn remove_params(text: &str, names: &[&str]) -> String {
    let mut out = text.to_owned();
    for name in names {
        for pattern in [
            format!("{name}="),
            format!("\"{name}\":\""),
            format!("\"{name}\": \""),
        ] {
            let mut result = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(i) = rest.find(pattern.as_str()) {
                let start = i + pattern.len();
                result.push_str(&rest[..start]);
                let tail = &rest[start..];
                let end = tail
                    .find(|c: char| c == '&' || c == '"' || c.is_whitespace())
                    .unwrap_or(tail.len());
                if end > 0 {
                    result.push_str(REMOVED);
                }
                rest = &tail[end..];
            }
            result.push_str(rest);
            out = result;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_codes_and_secrets_are_removed() {
        let s = Secrets {
            client_secret: Some("s3cret~value~long".into()),
            ..Default::default()
        };
        let text = "secret s3cret~value~long jwt eyJhbGciOi.eyJzdWIi.sig-1 url ?code=0.AAA&state=x {\"refresh_token\":\"1.BBB\"}";
        let clean = Scrubber::new(&s).clean(text);
        assert_eq!(
            clean,
            "secret [removed] jwt [token removed] url ?code=[removed]&state=x {\"refresh_token\":\"[removed]\"}"
        );
        let mut names = Scrubber::new(&s);
        names.names = true;
        assert_eq!(
            names.clean("upn: \"max.muster@firma.de\", a@b (no domain), end a.b@c.d."),
            "upn: \"[name removed]\", a@b (no domain), end [name removed]."
        );
    }
}
