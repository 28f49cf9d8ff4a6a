//! The audit trail (issue 15 §3): every change the pane makes — settings (key, old, new),
//! usermatching.csv (lines added and removed), repairs, consents given and forgotten, the client
//! secret or certificate stored or removed, app registrations — appended as one JSON line (time,
//! the OS account, what) to `config/teams-presence-admin-audit.jsonl` beside msteams.cfg. Never a
//! secret's value: a secret's change is "stored", "removed" or "renewed".
//!
//! A line is written with one `write` call on a file opened for appending, so lines never
//! interleave and a kill leaves at most a torn last line, which reading skips. At 1 MiB the file
//! is renamed to `….1.jsonl` (one older generation kept) before the next line.

use crate::model::config::{self, Settings};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The file's name, in `config/`.
pub const FILE: &str = crate::base::paths::AUDIT_FILE;
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
    /// `consent`: `user` or `admin`; `account`: Microsoft's account that consented (the UPN),
    /// or the app's client id for the admin consent.
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
    /// The operating-system account that ran the pane (`account` in trails written before
    /// issue 21, where it clashed with a consent's Microsoft account).
    pub by: String,
    #[serde(flatten)]
    pub what: What,
}

/// The trail as read: its entries, oldest first, and the lines that are no entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trail {
    pub entries: Vec<Entry>,
    pub unreadable: Vec<Unreadable>,
}

/// A line of the trail that is not an entry (a torn last line after a kill, a line another
/// program wrote): where it is, so that `audit` and the window name it instead of hiding it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unreadable {
    /// The file's name (`teams-presence-admin-audit.jsonl` or its older generation).
    pub file: String,
    /// 1-based.
    pub line: usize,
}

impl Unreadable {
    pub fn msg(&self) -> crate::base::i18n::Msg {
        crate::base::i18n::Msg::new("audit-unreadable-line")
            .text("file", self.file.clone())
            .num("line", self.line)
    }
}

impl Entry {
    /// The entry with every personal value — the OS account, a user consent's account, UCServer users
    /// and groups of the activation, usermatching.csv's lines — passed through `personal`: marked
    /// for the log, removed for the support bundle. This is where the names stand.
    pub fn redacted(&self, mut personal: impl FnMut(&str) -> String) -> Entry {
        let what = match &self.what {
            What::Setting { key, old, new } if is_personal_key(key) => What::Setting {
                key: key.clone(),
                old: personal(old),
                new: personal(new),
            },
            What::Usermatching { added, removed } => What::Usermatching {
                added: added.iter().map(|l| personal(l)).collect(),
                removed: removed.iter().map(|l| personal(l)).collect(),
            },
            // An admin consent's record names the app (its client id), not a person: kept, as
            // in msteams.cfg (support needs it first).
            What::ConsentGiven { consent, account } if consent == "admin" => What::ConsentGiven {
                consent: consent.clone(),
                account: account.clone(),
            },
            What::ConsentGiven { consent, account } => What::ConsentGiven {
                consent: consent.clone(),
                account: personal(account),
            },
            other => other.clone(),
        };
        Entry {
            time: self.time.clone(),
            by: personal(&self.by),
            what,
        }
    }

    /// The entry as one line for the window and the command line, in the reader's language.
    pub fn msg(&self) -> crate::base::i18n::Msg {
        use crate::base::i18n::Msg;
        let what = match &self.what {
            What::Setting { key, old, new } => Msg::new("audit-setting")
                .text("key", key)
                .text("old", old)
                .text("new", new),
            What::Usermatching { added, removed } => Msg::new("audit-usermatching")
                .num("added", added.len())
                .num("removed", removed.len())
                .text(
                    "sample",
                    added
                        .iter()
                        .map(|l| format!("+{l}"))
                        .chain(removed.iter().map(|l| format!("−{l}")))
                        .take(5)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            What::Repair { file, repair } => Msg::new("audit-repair")
                .text("file", file)
                .text("repair", repair),
            What::ConsentGiven { consent, account } => Msg::new("audit-consent-given")
                .text("consent", consent)
                .text("account", account),
            What::ConsentForgotten => Msg::new("audit-consent-forgotten"),
            What::ClientSecret { change } => Msg::new("audit-client-secret").text("change", change),
            What::AppCreated {
                client_id,
                name,
                credential,
            } => Msg::new("audit-app-created")
                .text("name", name)
                .text("client_id", client_id)
                .text("credential", credential),
            What::AppRemoved { client_id } => {
                Msg::new("audit-app-removed").text("client_id", client_id)
            }
            What::CredentialRenewed { client_id, key_id } => Msg::new("audit-credential-renewed")
                .text("client_id", client_id)
                .text("key_id", key_id),
        };
        Msg::new("audit-line")
            .text("time", crate::base::i18n::local_time(&self.time))
            .text_or("by", &self.by, "account-unknown")
            .inner("what", what)
    }
}

/// Whether the msteams.cfg key `key` holds names: the activation's UCServer users and groups.
pub fn is_personal_key(key: &str) -> bool {
    crate::model::config::keys::named(key).is_some_and(|k| k.personal)
}

/// The trail of the UCServer folder `dir`.
pub fn path(dir: &Path) -> PathBuf {
    crate::base::paths::audit(dir)
}

/// The trail beside a file of the folder: msteams.cfg and the secrets file are in `config/`,
/// usermatching.csv in `ExternalServiceProvider/` beside it. `None` for a file elsewhere (a
/// `matching fix` of some other CSV).
pub fn beside(file: &Path) -> Option<PathBuf> {
    crate::base::folder::Folder::of_file(file).map(|f| f.audit())
}

/// Appends `what` to the trail at `log`. A failure is logged, never the change's failure.
pub fn append(log: &Path, what: What) {
    let entry = Entry {
        time: chrono::Utc::now().to_rfc3339(),
        by: crate::model::secrets::os_account(),
        what,
    };
    // The log is read by support: in English.
    let english = crate::base::i18n::Texts::new(crate::base::i18n::Lang::En);
    let line = english.msg(&entry.redacted(crate::base::logging::personal::mark).msg());
    tracing::info!("change: {line}");
    if let Err(e) = write(log, &entry) {
        tracing::warn!("audit trail {}: {e}", log.display());
        let m = crate::base::i18n::Msg::new("audit-not-written")
            .inner("detail", crate::base::i18n::io_error(log, &e));
        UNWRITTEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(m);
    }
}

/// Why lines of changes could not be written to the trail, for a front end to say.
static UNWRITTEN: std::sync::Mutex<Vec<crate::base::i18n::Msg>> = std::sync::Mutex::new(Vec::new());

/// The audit lines that could not be written since the last call, each as what to tell the
/// administrator (the change itself was saved).
pub fn unwritten() -> Vec<crate::base::i18n::Msg> {
    std::mem::take(
        &mut *UNWRITTEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
}

fn write(log: &Path, entry: &Entry) -> std::io::Result<()> {
    let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    line.push('\n');
    // Rotated under the folder's lock, so that two programs never rename the file each; busy,
    // the line is appended and the next writer rotates.
    if let Ok(_lock) = crate::base::folder::lock_for(log)
        && std::fs::symlink_metadata(log).is_ok_and(|m| m.is_file() && m.len() >= ROTATE_AT)
    {
        std::fs::rename(log, log.with_file_name(OLDER))?;
    }
    let mut file = crate::base::files::open_no_link(
        log,
        std::fs::OpenOptions::new()
            .create(true)
            .read(true)
            .append(true),
    )?;
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
    for key in config::KEYS {
        let (old, new) = (key.shown_value(before), key.shown_value(after));
        if old != new {
            let key = key.name.to_owned();
            append(log, What::Setting { key, old, new });
        }
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
/// line that is not an entry (a torn last line after a kill) is named in
/// [`Trail::unreadable`]. Never read through a link.
pub fn read(dir: &Path, since: Option<chrono::DateTime<chrono::Utc>>) -> std::io::Result<Trail> {
    let log = path(dir);
    let mut out = Trail::default();
    for file in [log.with_file_name(OLDER), log] {
        let opened =
            crate::base::files::open_no_link(&file, std::fs::OpenOptions::new().read(true));
        // Within an audit file's limit (issue 34 §6: a 3 GB trail took 3.1 GB of memory).
        let bytes = match opened {
            Ok(f) => crate::base::files::limits::read_open(
                f,
                crate::base::files::limits::TextKind::Audit,
            )?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let Some(e) = entry(line) else {
                out.unreadable.push(Unreadable {
                    file: name.clone().into_owned(),
                    line: n + 1,
                });
                continue;
            };
            let recent = since.is_none_or(|s| {
                chrono::DateTime::parse_from_rfc3339(&e.time).is_ok_and(|t| t >= s)
            });
            if recent {
                out.entries.push(e);
            }
        }
    }
    Ok(out)
}

/// One line as an entry; a line of a trail written before issue 21 names the OS account
/// `account` (and a consent's line, with two `account` keys, keeps the later one: Microsoft's).
fn entry(line: &[u8]) -> Option<Entry> {
    let mut v: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(line).ok()?;
    if !v.contains_key("by") {
        // Only a consent's line has `consent`; its one `account` left is Microsoft's.
        let by = match v.contains_key("consent") {
            true => serde_json::Value::from(""),
            false => v.remove("account")?,
        };
        v.insert("by".into(), by);
    }
    serde_json::from_value(serde_json::Value::Object(v)).ok()
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

    /// One of every kind of entry; the match lists `What`'s variants, so that a new kind that is
    /// not added here does not compile.
    fn every_kind() -> Vec<What> {
        let s = |v: &str| v.to_owned();
        let id = || s("11111111-2222-3333-4444-555555555555");
        let all = vec![
            What::Setting {
                key: s("u8sProxyAddress"),
                old: s(""),
                new: s("proxy:8080"),
            },
            What::Usermatching {
                added: vec![s("a@b.de,a")],
                removed: vec![s("c@b.de,c")],
            },
            What::Repair {
                file: s("usermatching.csv"),
                repair: s("convert"),
            },
            What::ConsentGiven {
                consent: s("user"),
                account: s("max@musterfirma.de"),
            },
            What::ConsentForgotten,
            What::ClientSecret {
                change: s("stored"),
            },
            What::AppCreated {
                client_id: id(),
                name: s("ProCall"),
                credential: s("certificate"),
            },
            What::AppRemoved { client_id: id() },
            What::CredentialRenewed {
                client_id: id(),
                key_id: s("k2"),
            },
        ];
        for w in &all {
            match w {
                What::Setting { .. }
                | What::Usermatching { .. }
                | What::Repair { .. }
                | What::ConsentGiven { .. }
                | What::ConsentForgotten
                | What::ClientSecret { .. }
                | What::AppCreated { .. }
                | What::AppRemoved { .. }
                | What::CredentialRenewed { .. } => {}
            }
        }
        all
    }

    /// Issue 26 §13: the German window showed the trail in English.
    #[test]
    fn every_kind_of_entry_reads_in_the_windows_language() {
        use crate::base::i18n::{Lang, Texts};
        let (de, en) = (Texts::new(Lang::De), Texts::new(Lang::En));
        let line = |t: &Texts, what: What| {
            let e = Entry {
                time: "2026-12-03T09:00:00Z".into(),
                by: "MUSTERFIRMA\\admin".into(),
                what,
            };
            t.msg(&e.msg())
        };
        let german: Vec<String> = every_kind().into_iter().map(|w| line(&de, w)).collect();
        let english: Vec<String> = every_kind().into_iter().map(|w| line(&en, w)).collect();
        let expect_de = [
            "u8sProxyAddress: „“ → „proxy:8080“",
            "usermatching.csv gespeichert: 1 hinzugefügt, 1 entfernt (+a@b.de,a, −c@b.de,c)",
            "usermatching.csv repariert: in UTF-8 mit Kommas umgewandelt",
            "„Zustimmung des Benutzers“ erteilt von max@musterfirma.de",
            "Gespeicherte Zustimmungen vergessen",
            "Geheimer Clientschlüssel gespeichert",
            "App-Registrierung „ProCall“ (11111111-2222-3333-4444-555555555555) angelegt, mit Zertifikat",
            "App-Registrierung 11111111-2222-3333-4444-555555555555 entfernt",
            "Anmeldedaten der App 11111111-2222-3333-4444-555555555555 erneuert (Schlüssel-ID k2)",
        ];
        assert_eq!(german.len(), expect_de.len());
        for (got, want) in german.iter().zip(expect_de) {
            assert!(got.contains("MUSTERFIRMA\\admin  "), "{got}");
            assert!(got.ends_with(want), "{got}");
        }
        assert!(
            english[5].ends_with("Client secret stored"),
            "{}",
            english[5]
        );
        assert!(english[3].ends_with("\"User consent\" given by max@musterfirma.de"));
    }

    #[test]
    fn every_kind_of_entry_is_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let log = path(dir.path());
        for what in every_kind() {
            append(&log, what);
        }
        let trail = read(dir.path(), None).unwrap();
        assert_eq!(trail.unreadable, []);
        let read: Vec<What> = trail.entries.iter().map(|e| e.what.clone()).collect();
        assert_eq!(read, every_kind());
        let me = crate::model::secrets::os_account();
        assert!(!me.is_empty());
        assert!(trail.entries.iter().all(|e| e.by == me), "{trail:?}");
    }

    #[test]
    fn every_key_of_the_table_is_logged_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let mut after = Settings {
            tenant_id: "contoso.de".into(),
            cloud: config::Cloud::Custom,
            custom_login_url: "https://login.example".into(),
            custom_graph_url: "https://graph.example".into(),
            client_id: "11111111-2222-3333-4444-555555555555".into(),
            proxy: "proxy:8080".into(),
            ..Default::default()
        };
        after.activation.mode = config::ActivationMode::Users;
        after.activation.groups = vec!["Vertrieb".into()];
        after.activation.users = vec!["max".into()];
        settings_changed(&path(dir.path()), &Settings::default(), &after);
        let keys: Vec<String> = read(dir.path(), None)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| match e.what {
                What::Setting { key, .. } => key,
                other => panic!("{other:?}"),
            })
            .collect();
        let table: Vec<&str> = config::KEYS.iter().map(|k| k.name).collect();
        assert_eq!(keys, table);
    }

    #[test]
    fn lines_of_an_older_trail_are_read_and_foreign_lines_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let old = concat!(
            r#"{"time":"2026-11-01T10:00:00+00:00","account":"MUSTER\\admin","what":"consent-forgotten"}"#,
            "\n",
            "not json\n",
            r#"{"time":"2026-11-01T10:01:00+00:00","account":"MUSTER\\admin","what":"consent-given","consent":"user","account":"max@musterfirma.de"}"#,
            "\n",
        );
        std::fs::write(path(dir.path()), old).unwrap();
        let trail = read(dir.path(), None).unwrap();
        assert_eq!(trail.entries.len(), 2, "{trail:?}");
        assert_eq!(trail.entries[0].by, "MUSTER\\admin");
        assert!(
            matches!(&trail.entries[1].what, What::ConsentGiven { account, .. } if account == "max@musterfirma.de"),
            "{trail:?}"
        );
        let line2 = Unreadable {
            file: FILE.into(),
            line: 2,
        };
        assert_eq!(trail.unreadable, [line2]);
    }

    #[cfg(unix)]
    #[test]
    fn a_trail_that_is_a_link_is_not_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "untouched").unwrap();
        std::os::unix::fs::symlink(&target, path(dir.path())).unwrap();
        append(&path(dir.path()), What::ConsentForgotten);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
        let e = read(dir.path(), None).unwrap_err();
        assert!(crate::base::files::LinkRefused::is(&e), "{e}");
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
        let trail = read(dir.path(), None).unwrap();
        assert_eq!(trail.entries.len(), 1);
        assert_eq!(trail.entries[0].what, What::ConsentForgotten);
        assert_eq!(trail.unreadable.len(), 1, "the torn line is named");
        // The next line starts on a line of its own.
        append(&log, What::ConsentForgotten);
        assert_eq!(read(dir.path(), None).unwrap().entries.len(), 2);

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
