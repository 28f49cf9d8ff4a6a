//! Loading usermatching.csv with its findings, and the one-click repairs the pane offers
//! (conversion of an Excel file, removal of a header line), saved atomically with a backup.

use super::{ReadError, SaveFailure, io_failure};
use crate::files::{FileMode, Snapshot};
use crate::matching::{MatchingFile, Report};
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

/// A repair the pane offers with one click.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repair {
    /// Semicolons to commas and Windows-1252 to UTF-8 (see [`MatchingFile::convert`]).
    Convert,
    /// Remove the header line.
    RemoveHeader,
}

/// Reads and validates usermatching.csv; `None` when there is no such file.
pub fn load_matching(path: &Path) -> Result<Option<LoadedMatching>, ReadError> {
    let (snapshot, bytes) = Snapshot::read(path).map_err(|source| ReadError {
        path: path.display().to_string(),
        source,
    })?;
    Ok(bytes.map(|bytes| LoadedMatching::new(snapshot, bytes)))
}

/// Applies `repair` to the file as it is on disk and saves it atomically (the previous version
/// stays as `usermatching.csv.bak`), unless it changed since `base`. Nothing is written on error.
pub fn repair_matching(base: &Snapshot, repair: Repair) -> Result<LoadedMatching, SaveFailure> {
    let Some(bytes) = base.check_unchanged().map_err(io_failure)? else {
        return Err(SaveFailure::Io(format!(
            "{}: not found",
            base.path.display()
        )));
    };
    let mut file = MatchingFile::parse_owned(bytes);
    match repair {
        Repair::Convert => file.convert().map_err(SaveFailure::Convert)?,
        Repair::RemoveHeader => {
            file.remove_header();
        }
    }
    let out = file.to_bytes();
    let snapshot = base
        .save(&out, false, FileMode::Shared)
        .map_err(io_failure)?;
    Ok(LoadedMatching::new(snapshot, out))
}

/// Saves the edited file atomically (the previous version stays as `usermatching.csv.bak`),
/// unless it changed on disk since `base`; `force` overwrites such a change.
pub fn save_matching(
    base: &Snapshot,
    file: &MatchingFile,
    force: bool,
) -> Result<LoadedMatching, SaveFailure> {
    let out = file.to_bytes();
    let snapshot = base
        .save(&out, force, FileMode::Shared)
        .map_err(io_failure)?;
    Ok(LoadedMatching::new(snapshot, out))
}
