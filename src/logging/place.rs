//! Where the pane keeps its log files and its own settings (issue 22 §2). Beside msteams.cfg, in
//! the UCServer folder's `config/`, when this account can write there (an elevated
//! administrator); else in the place Windows keeps for a machine-wide tool's data,
//! `%ProgramData%\teams-presence-admin` (elsewhere `$XDG_STATE_HOME/teams-presence-admin`, by
//! default `~/.local/state/teams-presence-admin`): an unelevated run cannot write into Program
//! Files. Why the UCServer folder was passed over is kept, and the window says both.
//!
//! In `%ProgramData%` every account can create files, but a file belongs to the account that
//! made it (CREATOR OWNER): another account's day file cannot be appended to, so the writer
//! (`daily`) then writes a file of its own account beside it.

use std::path::{Path, PathBuf};

/// The name of the folder in the machine-wide place.
const NAME: &str = "teams-presence-admin";

/// The place chosen, and why the UCServer folder was not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The folder that holds `logs/` and `teams-presence-admin.json`.
    pub root: PathBuf,
    /// `None`: the UCServer folder's `config/`; else why it was passed over.
    pub passed_over: Option<String>,
}

impl Place {
    /// The log files' folder.
    pub fn logs(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// The pane's own settings (the log level).
    pub fn settings(&self) -> PathBuf {
        self.root.join("teams-presence-admin.json")
    }

    /// What the window and the message box say: where the log files are and, when not in the
    /// UCServer folder, why.
    pub fn msg(&self) -> crate::i18n::Msg {
        let logs = self.logs().display().to_string();
        match &self.passed_over {
            None => crate::i18n::Msg::new("audit-logs").text("path", logs),
            Some(why) => crate::i18n::Msg::new("logs-elsewhere")
                .text("path", logs)
                .text("why", why.clone()),
        }
    }
}

/// The UCServer folder's `config/` as the place (whether or not it can be written).
pub fn in_folder(ucserver_dir: &Path) -> Place {
    Place {
        root: ucserver_dir.join("config"),
        passed_over: None,
    }
}

/// The machine-wide place, where the system names one.
pub fn machine() -> Option<PathBuf> {
    if cfg!(windows) {
        return std::env::var_os("ProgramData").map(|d| PathBuf::from(d).join(NAME));
    }
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|d| Path::new(d).is_absolute())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/state")))?;
    Some(state.join(NAME))
}

/// Chooses the place for `ucserver_dir`: its `config/` where a log file can be made there, else
/// the machine-wide place (made if missing). `None` only where neither can be written; the
/// reasons are logged to stderr by the caller.
pub fn choose(ucserver_dir: &Path) -> Result<Place, Vec<String>> {
    let folder = in_folder(ucserver_dir);
    let passed_over = match writable(&folder) {
        Ok(()) => return Ok(folder),
        Err(why) => why,
    };
    let Some(root) = machine() else {
        return Err(vec![passed_over, "no %ProgramData% / $HOME".to_owned()]);
    };
    let place = Place {
        root,
        passed_over: Some(passed_over.clone()),
    };
    match std::fs::create_dir_all(&place.root)
        .map_err(|e| describe(&place.root, &e))
        .and_then(|()| writable(&place))
    {
        Ok(()) => Ok(place),
        Err(why) => Err(vec![passed_over, why]),
    }
}

/// Whether a file can be made in the place's log folder (made if missing; the folder that holds
/// it must exist: a mistyped UCServer folder gets no `config/` of ours).
fn writable(place: &Place) -> Result<(), String> {
    if !place.root.is_dir() {
        return Err(format!("{}: not a folder", place.root.display()));
    }
    let logs = place.logs();
    std::fs::create_dir_all(&logs).map_err(|e| describe(&logs, &e))?;
    tempfile::Builder::new()
        .prefix(".write-test")
        .tempfile_in(&logs)
        .map(drop)
        .map_err(|e| describe(&logs, &e))
}

fn describe(path: &Path, e: &std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ucserver_folder_is_the_place_when_it_has_a_config_folder_to_write_in() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        let place = choose(dir.path()).unwrap();
        assert_eq!(place, in_folder(dir.path()));
        assert!(dir.path().join("config/logs").is_dir());
        assert_eq!(
            place.settings(),
            dir.path().join("config/teams-presence-admin.json")
        );
        // The write test leaves nothing behind.
        assert_eq!(std::fs::read_dir(place.logs()).unwrap().count(), 0);
    }
}
