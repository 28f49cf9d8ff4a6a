//! Loading usermatching.csv with its findings, and the one-click repairs the pane offers
//! (conversion of an Excel file, removal of a header line), saved atomically with a backup.

use super::{ReadError, SaveFailure, io_failure};
use crate::base::files::{FileMode, Snapshot};
use crate::model::matching::merge::{self, LineMerge};
use crate::model::matching::{Lines, MatchingFile, Report};
use std::path::Path;

/// usermatching.csv as loaded: the snapshot a later save is checked against, the file, its report.
#[derive(Clone, Debug)]
pub struct LoadedMatching {
    pub snapshot: Snapshot,
    pub file: MatchingFile,
    pub report: Report,
}

impl LoadedMatching {
    /// Parses and validates the file's bytes (taken over, not copied).
    pub fn new(snapshot: Snapshot, bytes: Vec<u8>) -> Self {
        let file = MatchingFile::parse_owned(bytes);
        let report = file.validate();
        Self {
            snapshot,
            file,
            report,
        }
    }
}

/// A repair of usermatching.csv (`matching fix`; the window makes them in its table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    /// Semicolons to commas and Windows-1252 to UTF-8 (see [`MatchingFile::convert`]).
    Convert,
    /// Remove the header line.
    RemoveHeader,
    /// Write these UPNs in their exact letter case (see [`preview::apply_case_fixes`]).
    Case(Vec<crate::model::matching::preview::CaseFix>),
}

/// Reads and validates usermatching.csv; `None` when there is no such file.
pub fn load_matching(path: &Path) -> Result<Option<LoadedMatching>, ReadError> {
    let (snapshot, bytes) = Snapshot::read(path).map_err(|source| ReadError {
        file: super::FileKind::Matching,
        path: path.display().to_string(),
        source,
    })?;
    Ok(bytes.map(|bytes| LoadedMatching::new(snapshot, bytes)))
}

/// A repair's outcome: the file as it is now, and whether the repair changed it.
#[derive(Clone, Debug)]
pub struct Repaired {
    pub loaded: LoadedMatching,
    /// `false`: there was nothing to repair, and nothing was written (no backup replaced, no
    /// audit line).
    pub changed: bool,
}

/// Applies `repair` to the file as it is on disk and saves it atomically (the previous version
/// stays as `usermatching.csv.bak`), unless it changed since `base`. Nothing is written on error,
/// nor when the repair changes nothing.
pub fn repair_matching(base: &Snapshot, repair: Repair) -> Result<Repaired, SaveFailure> {
    let _lock = crate::base::folder::lock_for(&base.path)?;
    let Some(bytes) = base.check_unchanged().map_err(io_failure)? else {
        let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
        return Err(SaveFailure::io(&base.path, &gone));
    };
    let mut file = MatchingFile::parse_owned(bytes.clone());
    match &repair {
        Repair::Convert => file.convert().map_err(SaveFailure::Convert)?,
        Repair::RemoveHeader => {
            file.remove_header();
        }
        Repair::Case(fixes) => {
            crate::model::matching::preview::apply_case_fixes(&mut file, fixes);
        }
    }
    let out = file.to_bytes().map_err(SaveFailure::Unencodable)?;
    if out == bytes {
        return Ok(Repaired {
            loaded: LoadedMatching::new(base.clone(), bytes),
            changed: false,
        });
    }
    let snapshot = base
        .save(&out, false, FileMode::Shared)
        .map_err(io_failure)?;
    if let Some(log) = crate::model::audit::beside(&base.path) {
        let repair = match repair {
            Repair::Convert => "convert",
            Repair::RemoveHeader => "remove-header",
            Repair::Case(_) => "case",
        };
        let name = base.path.file_name().unwrap_or_default().to_string_lossy();
        crate::model::audit::append(
            &log,
            crate::model::audit::What::Repair {
                file: name.into_owned(),
                repair: repair.into(),
            },
        );
    }
    Ok(Repaired {
        loaded: LoadedMatching::new(snapshot, out),
        changed: true,
    })
}

/// usermatching.csv changed on disk since the editor loaded it, and the merge needs the
/// administrator: lines changed on both sides, or a merge that would leave lines with errors.
/// Nothing was written.
#[derive(Clone, Debug)]
pub struct MatchingConflict {
    /// The file as it is now: the base of the save after the decision.
    pub theirs: LoadedMatching,
    pub merge: LineMerge,
    /// When the other program wrote the file (RFC 3339), where the file system tells it.
    pub modified: Option<String>,
}

impl MatchingConflict {
    /// The file as it is now with `lines` (the resolved merge) in its place.
    pub fn file_with(&self, lines: Vec<String>) -> MatchingFile {
        let mut file = self.theirs.file.clone();
        file.lines = Lines::from(lines);
        file
    }
}

/// A save of the editor: what was written, and whether another program's changes were merged.
#[derive(Clone, Debug)]
pub struct SavedMatching {
    pub loaded: LoadedMatching,
    pub merged: bool,
}

/// Saves the edited file atomically (the previous version stays as `usermatching.csv.bak`).
/// `base` and `base_file` are the file as the editor loaded it. When the file changed on disk
/// since, the editor's changes are merged into it line by line ([`merge`]); lines changed on both
/// sides, or a merge that leaves lines with errors, come back as
/// [`SaveFailure::MatchingConflict`] and nothing is written.
pub fn save_matching(
    base: &Snapshot,
    base_file: &MatchingFile,
    file: &MatchingFile,
) -> Result<SavedMatching, SaveFailure> {
    // Read, merged and written under the folder's lock: no other of our programs writes between.
    let _lock = crate::base::folder::lock_for(&base.path)?;
    super::again_while_changed(|| save_matching_once(base, base_file, file))
}

fn save_matching_once(
    base: &Snapshot,
    base_file: &MatchingFile,
    file: &MatchingFile,
) -> Result<SavedMatching, SaveFailure> {
    let (now, current) = Snapshot::read(&base.path).map_err(|e| SaveFailure::io(&base.path, &e))?;
    let (out, merged, before) = if now.fingerprint == base.fingerprint {
        let before: Vec<String> = base_file.lines.iter().map(str::to_owned).collect();
        (
            file.to_bytes().map_err(SaveFailure::Unencodable)?,
            false,
            before,
        )
    } else {
        let theirs = match current {
            Some(bytes) => LoadedMatching::new(now.clone(), bytes),
            None => LoadedMatching {
                snapshot: now.clone(),
                file: MatchingFile::new(),
                report: Report::default(),
            },
        };
        let (b, m, t) = (
            base_file.lines.iter().collect::<Vec<_>>(),
            file.lines.iter().collect::<Vec<_>>(),
            theirs.file.lines.iter().collect::<Vec<_>>(),
        );
        let merge = merge::merge(&b, &m, &t);
        let conflict = MatchingConflict {
            modified: super::modified(&base.path),
            theirs,
            merge,
        };
        let clean = match conflict.merge.conflicts().next() {
            None => conflict.merge.resolve(&[]),
            Some(_) => None,
        };
        let Some(lines) = clean else {
            return Err(SaveFailure::MatchingConflict(Box::new(conflict)));
        };
        let merged_file = conflict.file_with(lines);
        if merged_file.validate().errors > 0 {
            return Err(SaveFailure::MatchingConflict(Box::new(conflict)));
        }
        let before: Vec<String> = conflict
            .theirs
            .file
            .lines
            .iter()
            .map(str::to_owned)
            .collect();
        (
            merged_file.to_bytes().map_err(SaveFailure::Unencodable)?,
            true,
            before,
        )
    };
    let snapshot = now
        .save(&out, false, FileMode::Shared)
        .map_err(io_failure)?;
    let loaded = LoadedMatching::new(snapshot, out);
    if let Some(log) = crate::model::audit::beside(&base.path) {
        let before: Vec<&str> = before.iter().map(String::as_str).collect();
        let after: Vec<&str> = loaded.file.lines.iter().collect();
        let (added, removed) = crate::model::audit::lines_changed(&before, &after);
        if !added.is_empty() || !removed.is_empty() {
            crate::model::audit::append(
                &log,
                crate::model::audit::What::Usermatching { added, removed },
            );
        }
    }
    Ok(SavedMatching { loaded, merged })
}
