//! The audit trail (issue 15 §3): every change the pane makes — settings (key, old, new),
//! usermatching.csv (lines added and removed), repairs, consents given and forgotten, the client
//! secret or certificate stored or removed, app registrations — appended as one JSON line (time,
//! the OS account, what) to `config/teams-presence-admin-audit.jsonl` beside msteams.cfg. Never a
//! secret's value: a secret's change is "stored", "removed" or "renewed".
//!
//! A line is written with one `write` call on a file opened for appending, so lines never
//! interleave and a kill leaves at most a torn last line, which reading skips. At 1 MiB the file
//! is renamed to `….1.jsonl` (one older generation kept) before the next line.

use crate::config::{self, Settings, merge};
use crate::validate::Field;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The file's name, in `config/`.
pub const FILE: &str = "teams-presence-admin-audit.jsonl";
const OLDER: &str = "teams-presence-admin-audit.1.jsonl";
/// Where the file is renamed to its older generation.
pub const ROTATE_AT: u64 = 1024 * 1024;

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum What {
    /// A key of msteams.cfg.
    Setting {
        key: String,
        old: String,
        new: String,
    },
    /// usermatching.csv saved: its lines added and removed.
    Usermatching {
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// A file repaired (`convert`, `remove-header`).
    Repair {
        file: String,
        repair: String,
    },
    ConsentGiven {
        consent: String,
        account: String,
    },
    ConsentForgotten,
    /// The client secret: `stored` or `removed` (never its value).
    ClientSecret {
        change: String,
    },
    AppCreated {
        client_id: String,
        name: String,
        credential: String,
    },
    AppRemoved {
        client_id: String,
    },
    /// The app's credential replaced ("Erneuern"); the new key id.
    CredentialRenewed {
        client_id: String,
        key_id: String,
    },
}

/// A line of the trail.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// RFC 3339.
    pub time: String,
    /// The operating-system account that ran the pane.
    pub account: String,
    #[serde(flatten)]
    pub what: What,
}

impl Entry {
    /// The entry as one line of text for the window and the command line.
    pub fn line(&self) -> String {
        let what = match &self.what {
            What::Setting { key, old, new } => format!("{key}: \"{old}\" → \"{new}\""),
            What::Usermatching { added, removed } => format!(
                "usermatching.csv: +{} −{} ({})",
                added.len(),
                removed.len(),
                added
                    .iter()
                    .map(|l| format!("+{l}"))
                    .chain(removed.iter().map(|l| format!("−{l}")))
                    .take(5)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            What::Repair { file, repair } => format!("{file}: {repair}"),
            What::ConsentGiven { consent, account } => format!("consent {consent}: {account}"),
            What::ConsentForgotten => "consent forgotten".into(),
            What::ClientSecret { change } => format!("client secret {change}"),
            What::AppCreated {
                client_id,
                name,
                credential,
            } => format!("app registration \"{name}\" {client_id} created ({credential})"),
            What::AppRemoved { client_id } => format!("app registration {client_id} removed"),
            What::CredentialRenewed { client_id, key_id } => {
                format!("credential of {client_id} renewed (key {key_id})")
            }
        };
        let time = crate::status::local_time(&self.time);
        format!("{time}  {}  {what}", self.account)
    }
}

/// The trail of the UCServer folder `dir`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join("config").join(FILE)
}

/// The trail beside a file of the folder: msteams.cfg and the secrets file are in `config/`,
/// usermatching.csv in `ExternalServiceProvider/` beside it. `None` for a file elsewhere (a
/// `matching fix` of some other CSV).
pub fn beside(file: &Path) -> Option<PathBuf> {
    let parent = file.parent()?;
    if parent.file_name()? == "config" {
        return Some(parent.join(FILE));
    }
    let config = parent.parent()?.join("config");
    (parent.file_name()? == "ExternalServiceProvider" && config.is_dir()).then(|| config.join(FILE))
}

/// Appends `what` to the trail at `log`. A failure is logged, never the change's failure.
pub fn append(log: &Path, what: What) {
    let entry = Entry {
        time: chrono::Utc::now().to_rfc3339(),
        account: crate::secrets::os_account(),
        what,
    };
    tracing::info!("change: {}", entry.line());
    if let Err(e) = write(log, &entry) {
        tracing::warn!("audit trail {}: {e}", log.display());
    }
}

fn write(log: &Path, entry: &Entry) -> std::io::Result<()> {
    let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    line.push('\n');
    if std::fs::metadata(log).is_ok_and(|m| m.len() >= ROTATE_AT) {
        std::fs::rename(log, log.with_file_name(OLDER))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(log)?;
    // After a kill mid-line the file ends without a line break: the new line starts on its own.
    if file.metadata()?.len() > 0 {
        use std::io::{Read as _, Seek as _};
        let mut last = [0u8];
        file.seek(std::io::SeekFrom::End(-1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.insert(0, '\n');
        }
    }
    // One write of the whole line: appends do not interleave.
    file.write_all(line.as_bytes())
}

/// Appends one `Setting` entry for each key that differs between `before` and `after`.
pub fn settings_changed(log: &Path, before: &Settings, after: &Settings) {
    for field in merge::FIELDS {
        let (old, new) = (merge::value(before, field), merge::value(after, field));
        if old != new {
            let key = key(field).to_owned();
            append(log, What::Setting { key, old, new });
        }
    }
}

fn key(field: Field) -> &'static str {
    match field {
        Field::TenantId => config::KEY_TENANT_ID,
        Field::Cloud => config::KEY_CLOUD,
        Field::CustomLoginUrl => config::KEY_CUSTOM_LOGIN_URL,
        Field::CustomGraphUrl => config::KEY_CUSTOM_GRAPH_URL,
        Field::ClientId => config::KEY_CLIENT_ID,
        Field::Proxy => config::KEY_PROXY,
        Field::Groups => config::KEY_ACTIVATION_GROUPS,
        Field::Users => config::KEY_ACTIVATION_USERS,
        _ => config::KEY_ACTIVATION_MODE,
    }
}

/// The lines of usermatching.csv added and removed from `before` to `after` (as multisets).
pub fn lines_changed(before: &[&str], after: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut count: rustc_hash::FxHashMap<&str, i64> = rustc_hash::FxHashMap::default();
    for l in before {
        *count.entry(l).or_default() -= 1;
    }
    for l in after {
        *count.entry(l).or_default() += 1;
    }
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for l in after {
        if let Some(c) = count.get_mut(l).filter(|c| **c > 0) {
            *c -= 1;
            added.push((*l).to_owned());
        }
    }
    for l in before {
        if let Some(c) = count.get_mut(l).filter(|c| **c < 0) {
            *c += 1;
            removed.push((*l).to_owned());
        }
    }
    (added, removed)
}

/// The trail of `dir`, oldest first (the older generation first), entries from `since` on; a
/// line that is not an entry (a torn last line after a kill) is skipped.
pub fn read(
    dir: &Path,
    since: Option<chrono::DateTime<chrono::Utc>>,
) -> std::io::Result<Vec<Entry>> {
    let log = path(dir);
    let mut out = Vec::new();
    for file in [log.with_file_name(OLDER), log] {
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        out.extend(
            text.lines()
                .filter_map(|l| serde_json::from_str::<Entry>(l).ok())
                .filter(|e| {
                    since.is_none_or(|s| {
                        chrono::DateTime::parse_from_rfc3339(&e.time).is_ok_and(|t| t >= s)
                    })
                }),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_added_and_removed_count_duplicates() {
        let (a, r) = lines_changed(&["x,1", "y,2", "y,2"], &["y,2", "z,3"]);
        assert_eq!(a, ["z,3"]);
        assert_eq!(r, ["x,1", "y,2"]);
    }

    #[test]
    fn a_torn_last_line_is_skipped_and_the_file_rotates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let log = path(dir.path());
        append(&log, What::ConsentForgotten);
        // A kill in the middle of a line.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .unwrap()
            .write_all(b"{\"time\":\"2026-")
            .unwrap();
        let entries = read(dir.path(), None).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].what, What::ConsentForgotten);
        // The next line starts on a line of its own.
        append(&log, What::ConsentForgotten);
        assert_eq!(read(dir.path(), None).unwrap().len(), 2);

        std::fs::write(&log, vec![b'x'; ROTATE_AT as usize]).unwrap();
        append(
            &log,
            What::ClientSecret {
                change: "stored".into(),
            },
        );
        assert!(log.with_file_name(OLDER).exists());
        assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 1);
    }
}
