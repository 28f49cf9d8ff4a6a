//! The daily log file, `config/logs/teams-presence-admin.YYYY-MM-DD.log` (UTC dates, 14 kept):
//! what `tracing-appender`'s daily rotation does, written here because its appender opens the
//! file itself, following a link, and offers no way to refuse one. Each file is opened through
//! [`crate::base::files::open_no_link`]: a link put where a log file or the log folder should be is
//! refused (the line goes to stderr, with the reason once), never appended to its target.
//!
//! Where the day's file cannot be opened for another reason — in `%ProgramData%` it belongs to
//! the account that made it (CREATOR OWNER) — the lines go to a file of this account's own,
//! `teams-presence-admin.YYYY-MM-DD.ACCOUNT.log`, beside it.

use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;

const PREFIX: &str = "teams-presence-admin.";
const SUFFIX: &str = ".log";

/// A writer that appends to the day's file.
pub struct Daily {
    dir: PathBuf,
    keep: usize,
    /// The day of `file` (`YYYY-MM-DD`) and the file.
    open: Option<(String, File)>,
    refused: bool,
}

impl Daily {
    pub fn new(dir: PathBuf, keep: usize) -> Self {
        Self {
            dir,
            keep,
            open: None,
            refused: false,
        }
    }

    fn file(&mut self) -> io::Result<&mut File> {
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        if self.open.as_ref().is_none_or(|(day, _)| *day != today) {
            if std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(crate::base::files::LinkRefused::error(&self.dir));
            }
            let open = |name: String| {
                let path = self.dir.join(name);
                let mut options = std::fs::OpenOptions::new();
                options.create(true).append(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o640);
                let file = crate::base::files::open_no_link(&path, &mut options)?;
                only_ours(&path, &file)?;
                Ok::<_, io::Error>(file)
            };
            let file = match open(format!("{PREFIX}{today}{SUFFIX}")) {
                Err(e) if !crate::base::files::LinkRefused::is(&e) => {
                    open(format!("{PREFIX}{today}.{}{SUFFIX}", account())).map_err(|_| e)?
                }
                other => other?,
            };
            self.open = Some((today, file));
            self.prune();
        }
        Ok(&mut self.open.as_mut().expect("opened above").1)
    }

    /// Keeps the newest `keep` files of ours dated today or before: a file dated in the future
    /// (a clock that was once wrong) is neither counted nor removed, so it can never push the
    /// day's own file out (issue 34 §10); the day's file is never removed.
    fn prune(&self) {
        let today = chrono::Utc::now().date_naive();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut ours: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                let n = e.file_name();
                let n = n.to_string_lossy();
                let day = n
                    .strip_prefix(PREFIX)
                    .filter(|_| n.ends_with(SUFFIX))
                    .and_then(|rest| rest.get(..10))
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                day.is_some_and(|d| d <= today) && e.file_type().is_ok_and(|t| t.is_file())
            })
            .map(|e| e.path())
            .collect();
        ours.sort();
        let extra = ours.len().saturating_sub(self.keep.max(1));
        let open = self.open.as_ref().map(|(day, _)| day.as_str());
        for old in &ours[..extra] {
            let name = old.file_name().unwrap_or_default().to_string_lossy();
            if open.is_some_and(|day| name.contains(day)) {
                continue;
            }
            let _ = std::fs::remove_file(old);
        }
    }
}

/// Refuses a day file another account made (issue 34 §10: in a log folder shared by accounts, a
/// file made beforehand by another one, writable by all, would receive this account's lines with
/// their names): on Unix the file must belong to this account; one of ours that others may write
/// is made owner- and group-only. (On Windows the folder's ACL gives each account's file to its
/// creator, CREATOR OWNER; another's file cannot be opened to append.)
fn only_ours(path: &std::path::Path, file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
        let meta = file.metadata()?;
        // SAFETY: geteuid has no preconditions.
        if meta.uid() != unsafe { libc::geteuid() } {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("{} belongs to another account", path.display()),
            ));
        }
        if meta.mode() & 0o022 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o640))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, file);
    Ok(())
}

/// This account's name as a file name's part (letters, digits, `-`, `_`; `DOMAIN\\user` as
/// `DOMAIN_user`).
fn account() -> String {
    let name = whoami::fallible::username().unwrap_or_else(|_| "unknown".to_owned());
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl Write for Daily {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file() {
            Ok(f) => f.write_all(buf).map(|()| buf.len()),
            Err(e) => {
                if !self.refused {
                    self.refused = true;
                    eprintln!("log file in {}: {e}", self.dir.display());
                }
                io::stderr().write_all(buf).map(|()| buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.open {
            Some((_, f)) => f.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_in_place_of_the_log_file_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere.txt");
        std::fs::write(&target, b"untouched\n").unwrap();
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let log = dir.path().join(format!("{PREFIX}{today}{SUFFIX}"));
        std::os::unix::fs::symlink(&target, &log).unwrap();
        let mut daily = Daily::new(dir.path().to_owned(), 14);
        daily.write_all(b"a line\n").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"untouched\n");
    }

    /// Stands for another account's day file in %ProgramData% (root opens any file here): the
    /// day's name cannot be opened, so the lines go to this account's own file.
    #[test]
    fn a_days_file_that_cannot_be_opened_leaves_the_lines_in_a_file_of_this_account() {
        let dir = tempfile::tempdir().unwrap();
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        std::fs::create_dir(dir.path().join(format!("{PREFIX}{today}{SUFFIX}"))).unwrap();
        let mut daily = Daily::new(dir.path().to_owned(), 14);
        daily.write_all(b"a line\n").unwrap();
        let own = dir
            .path()
            .join(format!("{PREFIX}{today}.{}{SUFFIX}", account()));
        assert_eq!(std::fs::read(&own).unwrap(), b"a line\n");
    }

    #[test]
    fn lines_go_to_the_days_file_and_old_files_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=3 {
            let name = format!("{PREFIX}2020-01-0{day}{SUFFIX}");
            std::fs::write(dir.path().join(name), b"old\n").unwrap();
        }
        let mut daily = Daily::new(dir.path().to_owned(), 2);
        daily.write_all(b"a line\n").unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        assert_eq!(
            names,
            [
                format!("{PREFIX}2020-01-03{SUFFIX}"),
                format!("{PREFIX}{today}{SUFFIX}")
            ]
        );
    }

    /// Issue 34 §10: another account's day file, writable by all, made beforehand in a shared
    /// log folder, receives none of this account's lines (they go to this account's own file).
    #[test]
    fn another_accounts_day_file_receives_no_line() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let theirs = dir.path().join(format!("{PREFIX}{today}{SUFFIX}"));
        std::fs::write(&theirs, b"").unwrap();
        std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o666)).unwrap();
        // SAFETY: geteuid has no preconditions.
        let me = unsafe { libc::geteuid() };
        std::os::unix::fs::chown(&theirs, Some(me.wrapping_add(4242)), None)
            .expect("this test gives a file to another account: run it as root, as CI does");
        let mut daily = Daily::new(dir.path().to_owned(), 14);
        daily
            .write_all(b"max.mustermann@firma.de signed in\n")
            .unwrap();
        assert_eq!(std::fs::read(&theirs).unwrap(), b"");
        let own = dir
            .path()
            .join(format!("{PREFIX}{today}.{}{SUFFIX}", account()));
        assert_eq!(
            std::fs::read(&own).unwrap(),
            b"max.mustermann@firma.de signed in\n"
        );
    }

    /// Issue 34 §10: fourteen files dated in the future (a clock once wrong) do not make the
    /// pruning remove the day's log.
    #[test]
    fn files_dated_in_the_future_never_push_out_the_days_log() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=14 {
            let name = format!("{PREFIX}2099-01-{day:02}{SUFFIX}");
            std::fs::write(dir.path().join(name), b"future\n").unwrap();
        }
        let mut daily = Daily::new(dir.path().to_owned(), 14);
        daily.write_all(b"a line\n").unwrap();
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let log = dir.path().join(format!("{PREFIX}{today}{SUFFIX}"));
        assert_eq!(std::fs::read(&log).unwrap(), b"a line\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 15);
    }
}
