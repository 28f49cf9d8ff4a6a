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

use crate::base::i18n::Msg;
use std::path::{Path, PathBuf};

/// The name of the folder in the machine-wide place.
const NAME: &str = "teams-presence-admin";

/// The place chosen, and why the UCServer folder was not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The folder that holds `logs/` and `teams-presence-admin.json`.
    pub root: PathBuf,
    /// `None`: the UCServer folder's `config/`; else why it was passed over.
    pub passed_over: Option<Msg>,
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
    pub fn msg(&self) -> Msg {
        let logs = self.logs().display().to_string();
        match &self.passed_over {
            None => Msg::new("audit-logs").text("path", logs),
            Some(why) => Msg::new("logs-elsewhere")
                .text("path", logs)
                .inner("why", why.clone()),
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
/// the machine-wide place (made if missing). Where neither can be written, why not
/// (`logs-nowhere`).
pub fn choose(ucserver_dir: &Path) -> Result<Place, Msg> {
    let folder = in_folder(ucserver_dir);
    let passed_over = match writable(&folder) {
        Ok(()) => return Ok(folder),
        Err(why) => why,
    };
    let nowhere = |machine: Msg| {
        Msg::new("logs-nowhere")
            .inner("folder", passed_over.clone())
            .inner("machine", machine)
    };
    let Some(root) = machine() else {
        return Err(nowhere(Msg::new("logs-no-machine-place")));
    };
    let place = Place {
        root,
        passed_over: Some(passed_over.clone()),
    };
    match std::fs::create_dir_all(&place.root)
        .map_err(|e| crate::base::i18n::io_error(&place.root, &e))
        .and_then(|()| writable(&place))
    {
        Ok(()) => Ok(place),
        Err(why) => Err(nowhere(why)),
    }
}

/// Whether a file can be made in the place's log folder (made if missing; the folder that holds
/// it must exist: a mistyped UCServer folder gets no `config/` of ours).
fn writable(place: &Place) -> Result<(), Msg> {
    if !place.root.is_dir() {
        let e = std::io::Error::from(std::io::ErrorKind::NotADirectory);
        return Err(crate::base::i18n::io_error(&place.root, &e));
    }
    let logs = place.logs();
    let io = |e: std::io::Error| crate::base::i18n::io_error(&logs, &e);
    std::fs::create_dir_all(&logs).map_err(io)?;
    tempfile::Builder::new()
        .prefix(".write-test")
        .tempfile_in(&logs)
        .map(drop)
        .map_err(io)
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

    /// What the window says when the logs are elsewhere: where, and why not in the UCServer
    /// folder, in the OS's words translated, in both languages.
    #[test]
    fn a_place_outside_the_ucserver_folder_says_where_and_why() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let place = Place {
            root: PathBuf::from("/machine/teams-presence-admin"),
            passed_over: Some(crate::base::i18n::io_error(
                Path::new("/ucs/config/logs"),
                &e,
            )),
        };
        let logs = place.logs().display().to_string();
        for (lang, words) in [
            (crate::base::i18n::Lang::En, "Run as administrator"),
            (crate::base::i18n::Lang::De, "Als Administrator gestartet"),
        ] {
            let text = crate::base::i18n::Texts::new(lang).msg(&place.msg());
            assert!(text.contains(&logs), "{text}");
            assert!(text.contains("/ucs/config/logs"), "{text}");
            assert!(text.contains(words), "{text}");
            assert!(!text.contains("os error"), "{text}");
        }
    }
}
