//! Atomic replacement of a file, keeping the previous version as `NAME.bak`.

use super::FileMode;
use super::identity::Expect;
use crate::base::platform;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `msteams.cfg` → `msteams.cfg.bak`, in the same folder.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The backup of the file as it was before the first change of `day` (`usermatching.csv` →
/// `usermatching.csv.2026-12-03.bak`): several changes in a day (two repairs, a save after them)
/// never lose the original.
pub fn day_backup_path(path: &Path, day: chrono::NaiveDate) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.bak", day.format("%Y-%m-%d")));
    path.with_file_name(name)
}

/// How many days of [`day_backup_path`] backups are kept.
const DAY_BACKUPS: i64 = 14;

/// Writes `bytes` to `path` so that a crash at any moment leaves either the complete old or the
/// complete new file: temporary file in the same folder, flush to disk, rename. The previous version
/// (if any) of a shared file is first copied, itself atomically, to [`backup_path`], and on the
/// first write of the day also to [`day_backup_path`] (those of the last 14 days are kept). A secrets file
/// ([`FileMode::OwnerOnly`]) gets no backup, and one left by an older version is removed: a copy
/// would keep a token or secret the administrator removed.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: FileMode) -> io::Result<()> {
    write_expecting(path, bytes, mode, Expect::Any, None)
}

/// [`write_atomic`] over the file as it was read: `previous` its bytes (they become the backups),
/// `expect` what stood at `path` then. Everything — the temporary file, its flush, the backups, the
/// pruning — is done first; the target is compared last, in the replace itself
/// ([`platform::replace`]): when another program changed it meanwhile, nothing is replaced and the
/// error is [`super::identity::ChangedMeanwhile`] (issue 34 §1).
pub fn write_expecting(
    path: &Path,
    bytes: &[u8],
    mode: FileMode,
    expect: Expect,
    previous: Option<&[u8]>,
) -> io::Result<()> {
    let dir = parent_dir(path);
    fs::create_dir_all(dir)?;
    // A secrets file is written under the folder's lock only, so every temporary copy of it is a
    // killed writer's and may still hold a token that was removed: all go, whatever their age.
    let stale_after = match mode {
        FileMode::OwnerOnly => std::time::Duration::ZERO,
        FileMode::Shared => std::time::Duration::from_secs(3600),
    };
    remove_stale_temps(dir, path, stale_after);
    let before = match fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };

    let mut tmp = temp_in(dir, path)?;
    tmp.write_all(bytes)?;
    set_mode(&tmp, mode, before.as_ref())?;
    // Flushed to the disk (fsync; FlushFileBuffers on Windows) before it takes the old one's place.
    tmp.as_file().sync_all()?;

    if mode == FileMode::OwnerOnly {
        match fs::remove_file(backup_path(path)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    } else if before.is_some() {
        let today = chrono::Local::now().date_naive();
        let day = day_backup_to_write(path, today);
        for backup in [Some(backup_path(path)), day].into_iter().flatten() {
            let mut bak = temp_in(dir, path)?;
            match previous {
                Some(bytes) => bak.write_all(bytes)?,
                None => {
                    io::copy(&mut fs::File::open(path)?, bak.as_file_mut())?;
                }
            }
            set_mode(&bak, mode, before.as_ref())?;
            bak.as_file().sync_all()?;
            platform::replace(bak.into_temp_path(), &backup, true, Expect::Any)
                .map_err(|e| in_the_way(&backup, e))?;
        }
        remove_old_day_backups(dir, path, today);
    }
    // A shared file keeps its permissions (and on Windows its ACL and attributes); a secrets file
    // takes its own, set above.
    platform::replace(tmp.into_temp_path(), path, mode == FileMode::Shared, expect)?;
    sync_dir(dir);
    Ok(())
}

/// The day backup this write makes, if any: `NAME.DAY.bak` unless a file of that name exists
/// already (the day's first version is kept). Something else under that name — a link, a folder,
/// a FIFO — does not count as the day's backup (issue 34 §15): the backup goes to
/// `NAME.DAY.N.bak`, the first such name that is free or a file already (then it is kept).
fn day_backup_to_write(path: &Path, today: chrono::NaiveDate) -> Option<PathBuf> {
    let first = day_backup_path(path, today);
    let mut candidates = vec![first.clone()];
    let base = first.with_extension("");
    for n in 1..=9 {
        let mut name = base.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{n}.bak"));
        candidates.push(base.with_file_name(name));
    }
    for candidate in candidates {
        match fs::symlink_metadata(&candidate) {
            Ok(m) if m.is_file() => return None,
            Ok(_) => continue,
            Err(_) => return Some(candidate),
        }
    }
    None
}

/// A backup that cannot be written because something else stands at its name (a folder): named.
fn in_the_way(backup: &Path, e: io::Error) -> io::Error {
    if fs::symlink_metadata(backup).is_ok_and(|m| m.is_dir()) {
        return io::Error::new(
            e.kind(),
            super::NotAFile {
                path: backup.to_owned(),
                kind: super::EntryKind::Folder,
            },
        );
    }
    e
}

/// The day backups of `target` older than [`DAY_BACKUPS`] days.
fn remove_old_day_backups(dir: &Path, target: &Path, today: chrono::NaiveDate) {
    for (entry, rest) in named_after(dir, target, "") {
        // `DAY.bak` or `DAY.N.bak`.
        let day = rest
            .strip_suffix(".bak")
            .and_then(|d| d.get(..10))
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let file = entry.file_type().is_ok_and(|t| t.is_file());
        if file && day.is_some_and(|d| (today - d).num_days() >= DAY_BACKUPS) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The entries of `dir` named `{lead}{target's name}.…`, with what follows that prefix.
fn named_after(dir: &Path, target: &Path, lead: &str) -> Vec<(fs::DirEntry, String)> {
    let prefix = format!(
        "{lead}{}.",
        target.file_name().unwrap_or_default().to_string_lossy()
    );
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.to_owned();
            Some((entry, rest))
        })
        .collect()
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Temporary files of this target left by a writer that was killed: older than `age` (an hour
/// for a shared file, so that a write under way in a program without our lock is never touched).
fn remove_stale_temps(dir: &Path, target: &Path, age: std::time::Duration) {
    for (entry, rest) in named_after(dir, target, ".") {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().map_or(age.is_zero(), |a| a >= age));
        if rest.ends_with(".tmp") && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn temp_in(dir: &Path, target: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// The permissions of the written file: owner-only for secrets (an error means no secret may
/// be written there), the replaced file's for a shared file (on Windows `ReplaceFileW` keeps
/// the target's ACL; a new file inherits the folder's).
fn set_mode(
    tmp: &tempfile::NamedTempFile,
    mode: FileMode,
    previous: Option<&fs::Metadata>,
) -> io::Result<()> {
    if mode == FileMode::OwnerOnly {
        return platform::protect_secret(tmp.path());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let bits = match previous {
            Some(meta) => meta.permissions().mode() & 0o7777,
            None => 0o644,
        };
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(bits))
    }
    #[cfg(not(unix))]
    {
        let _ = previous;
        Ok(())
    }
}

/// Makes the rename durable (Unix); on other systems the rename is durable once it returns.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_previous_version_as_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.cfg");
        write_atomic(&path, b"one", FileMode::Shared).unwrap();
        assert!(!backup_path(&path).exists());
        write_atomic(&path, b"two", FileMode::Shared).unwrap();
        write_atomic(&path, b"three", FileMode::Shared).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        // The first write of the day kept the file as it was before it.
        let today = chrono::Local::now().date_naive();
        assert_eq!(fs::read(day_backup_path(&path, today)).unwrap(), b"one");
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn day_backups_older_than_two_weeks_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("usermatching.csv");
        let today = chrono::Local::now().date_naive();
        let old = day_backup_path(&path, today - chrono::Days::new(DAY_BACKUPS as u64));
        let kept = day_backup_path(&path, today - chrono::Days::new(DAY_BACKUPS as u64 - 1));
        let other = dir.path().join("msteams.cfg.2020-01-01.bak");
        for p in [&path, &old, &kept, &other] {
            fs::write(p, b"x").unwrap();
        }
        write_atomic(&path, b"new", FileMode::Shared).unwrap();
        assert!(!old.exists() && kept.exists() && other.exists());
    }

    #[test]
    fn stale_temporary_files_of_a_killed_writer_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.cfg");
        let stale = dir.path().join(".msteams.cfg.abc123.tmp");
        let fresh = dir.path().join(".msteams.cfg.def456.tmp");
        let other = dir.path().join(".usermatching.csv.abc.tmp");
        for p in [&stale, &fresh, &other] {
            fs::write(p, b"partial").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for p in [&stale, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        write_atomic(&path, b"{}", FileMode::Shared).unwrap();
        assert!(!stale.exists());
        assert!(
            fresh.exists(),
            "a write under way in another process must be left alone"
        );
        assert!(
            other.exists(),
            "another file's temporaries are not this write's business"
        );
    }

    #[test]
    fn a_secrets_write_removes_every_temporary_copy_whatever_its_age() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.secrets.json");
        let fresh = dir.path().join(".msteams.secrets.json.abc123.tmp");
        fs::write(&fresh, br#"{"refreshToken":"killed-writer"}"#).unwrap();
        write_atomic(&path, b"{}", FileMode::OwnerOnly).unwrap();
        assert!(
            !fresh.exists(),
            "a killed writer's copy of a token survived"
        );
    }

    #[test]
    fn owner_only_files_keep_no_backup_and_remove_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(backup_path(&path), b"{\"refreshToken\": \"old\"}").unwrap();
        write_atomic(&path, b"{}", FileMode::OwnerOnly).unwrap();
        write_atomic(&path, b"{ }", FileMode::OwnerOnly).unwrap();
        assert!(!backup_path(&path).exists(), "a copy of a removed secret");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn shared_files_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.cfg");
        write_atomic(&path, b"{}", FileMode::Shared).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"{ }", FileMode::Shared).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    /// Issue 34 §15: a link, a folder or a FIFO named as the day's backup does not stand for it:
    /// the day's first version goes to the next free name; a folder at `NAME.bak` is named.
    #[cfg(unix)]
    #[test]
    fn something_else_at_the_day_backups_name_does_not_suppress_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.cfg");
        fs::write(&path, b"first").unwrap();
        let today = chrono::Local::now().date_naive();
        let day = day_backup_path(&path, today);
        let elsewhere = dir.path().join("elsewhere");
        fs::write(&elsewhere, b"not a backup").unwrap();
        std::os::unix::fs::symlink(&elsewhere, &day).unwrap();
        write_atomic(&path, b"second", FileMode::Shared).unwrap();
        let next = dir
            .path()
            .join(format!("msteams.cfg.{}.1.bak", today.format("%Y-%m-%d")));
        assert_eq!(fs::read(&next).unwrap(), b"first");
        assert_eq!(fs::read(&elsewhere).unwrap(), b"not a backup");
        // The day's backup exists now: a third write keeps it.
        write_atomic(&path, b"third", FileMode::Shared).unwrap();
        assert_eq!(fs::read(&next).unwrap(), b"first");

        fs::remove_file(backup_path(&path)).unwrap();
        fs::create_dir(backup_path(&path)).unwrap();
        let e = write_atomic(&path, b"fourth", FileMode::Shared).unwrap_err();
        assert!(super::super::NotAFile::of(&e).is_some(), "{e}");
        assert_eq!(fs::read(&path).unwrap(), b"third");
    }
}
