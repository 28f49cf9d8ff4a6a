//! Logs (issue 15 §5): the window and the command line log through `tracing` to stderr
//! (warnings) and to a daily file in `logs/` of the [`place`] (beside msteams.cfg where this
//! account can write there, else `%ProgramData%\teams-presence-admin`; 14 days kept). The file's
//! level, at start: the environment variable `TEAMS_PRESENCE_ADMIN_LOG` (an `EnvFilter`, e.g.
//! `debug` or `teams_presence_admin=trace`), else `--log-level`, else the setting the window
//! keeps in the place's `teams-presence-admin.json` ("Protokollstufe", applied at once when
//! chosen), else `info`. The pane never logs a token, code, secret or password (the support bundle's test
//! checks the files).

mod daily;
mod one_line;
pub mod personal;
pub mod place;

pub use place::Place;

use crate::base::files::{FileMode, SaveError, Snapshot};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer as _};

/// The environment variable with the file's level.
pub const ENV: &str = "TEAMS_PRESENCE_ADMIN_LOG";
/// How many daily files are kept.
const KEEP_DAYS: usize = 14;

/// The place `init` chose, and for which UCServer folder.
static PLACE: OnceLock<(PathBuf, Result<Place, crate::base::i18n::Msg>)> = OnceLock::new();

/// Where the logs and the pane's settings are for `ucserver_dir`: the place this process logs to
/// when it was started on that folder, else chosen now (see [`place::choose`]).
pub fn place_for(ucserver_dir: &Path) -> Result<Place, crate::base::i18n::Msg> {
    match PLACE.get() {
        Some((dir, place)) if dir == ucserver_dir => place.clone(),
        _ => place::choose(ucserver_dir),
    }
}

/// Keeps the file writer running; drop it last (it flushes).
pub struct Guard {
    _writer: Option<tracing_appender::non_blocking::WorkerGuard>,
}

/// The levels the window offers, least first.
pub const LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];
/// The level without any choice.
pub const DEFAULT_LEVEL: &str = "info";

/// The file's level now, and how to change it while the program runs.
struct Live {
    level: Mutex<String>,
    set: Box<dyn Fn(EnvFilter) -> bool + Send + Sync>,
}

static LIVE: OnceLock<Live> = OnceLock::new();

/// The log file's level in effect (an `EnvFilter` directive).
pub fn level() -> String {
    LIVE.get()
        .and_then(|l| l.level.lock().ok().map(|l| l.clone()))
        .unwrap_or_else(|| DEFAULT_LEVEL.to_owned())
}

/// Where the log files of `ucserver_dir` are, as the window says it.
pub fn place_msg(ucserver_dir: &Path) -> crate::base::i18n::Msg {
    match place_for(ucserver_dir) {
        Ok(place) => place.msg(),
        Err(why) => why,
    }
}

/// The level the window keeps, where one is kept and valid.
fn saved_level(place: &Place) -> Option<String> {
    // Within the settings' limit, and never waiting on a FIFO in the file's place.
    let path = place.settings();
    let bytes =
        crate::base::files::limits::read(&path, crate::base::files::limits::TextKind::Settings)
            .ok()??;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let level = v.get("logLevel")?.as_str()?.to_owned();
    EnvFilter::try_new(&level).ok().map(|_| level)
}

/// Keeps `level` in the place's `teams-presence-admin.json` (its other keys as they are; never
/// over a file that cannot be read as JSON or changed meanwhile) and applies it to the running
/// log. Returns the level kept before (the use case writes the audit line for a change).
pub fn choose_level(ucserver_dir: &Path, level: &str) -> Result<String, crate::base::i18n::Msg> {
    if !LEVELS.contains(&level) {
        return Err(crate::base::i18n::Msg::new("log-level-unknown").text("level", level));
    }
    let place = place_for(ucserver_dir)?;
    let path = place.settings();
    let io = |e: &std::io::Error| crate::base::i18n::io_error(&path, e);
    let _lock = crate::base::folder::lock_for(&path).map_err(|e| e.msg())?;
    let (snapshot, bytes) = Snapshot::read(&path).map_err(|e| io(&e))?;
    let mut v = match bytes {
        None => serde_json::json!({}),
        Some(b) => match serde_json::from_slice::<serde_json::Value>(&b) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            _ => {
                let m = crate::base::i18n::Msg::new("pane-settings-unreadable")
                    .text("path", path.display().to_string());
                return Err(m);
            }
        },
    };
    let before = level_or_default(v.get("logLevel").and_then(|l| l.as_str())).to_owned();
    v["logLevel"] = serde_json::Value::from(level);
    let mut text = serde_json::to_vec_pretty(&v).expect("serialises");
    text.push(b'\n');
    snapshot
        .save(&text, false, FileMode::Shared)
        .map_err(|e| match e {
            SaveError::ChangedOnDisk { .. } => crate::base::i18n::Msg::new("pane-settings-changed")
                .text("path", path.display().to_string()),
            SaveError::Io { source, .. } => io(&source),
        })?;
    apply(level);
    Ok(before)
}

fn level_or_default(level: Option<&str>) -> &str {
    level.unwrap_or(DEFAULT_LEVEL)
}

/// The running log's file level, at once.
fn apply(level: &str) {
    let Some(live) = LIVE.get() else { return };
    let Ok(filter) = EnvFilter::try_new(level) else {
        return;
    };
    if (live.set)(filter)
        && let Ok(mut l) = live.level.lock()
    {
        *l = level.to_owned();
    }
}

/// Starts logging; the file in the [`place`] chosen for `ucserver_dir`, none where no place can
/// be written (said on stderr, and by the window).
pub fn init(ucserver_dir: &Path, level: Option<&str>) -> Guard {
    let chosen_place = place::choose(ucserver_dir);
    if let Err(why) = &chosen_place {
        let texts = crate::base::i18n::Texts::new(crate::base::i18n::Lang::from_os());
        eprintln!("{}", texts.msg(why));
    }
    let _ = PLACE.set((ucserver_dir.to_owned(), chosen_place.clone()));
    let chosen_place = chosen_place.ok();
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")));
    let (chosen, file_filter) = std::env::var(ENV)
        .ok()
        .or(level.map(str::to_owned))
        .or_else(|| chosen_place.as_ref().and_then(saved_level))
        .and_then(|l| EnvFilter::try_new(&l).ok().map(|f| (l, f)))
        .unwrap_or_else(|| (DEFAULT_LEVEL.to_owned(), EnvFilter::new(DEFAULT_LEVEL)));
    let (file_filter, handle) = tracing_subscriber::reload::Layer::new(file_filter);
    let _ = LIVE.set(Live {
        level: Mutex::new(chosen),
        set: Box::new(move |f| handle.reload(f).is_ok()),
    });
    let appender = chosen_place.map(|p| daily::Daily::new(p.logs(), KEEP_DAYS));
    let (file, guard) = match appender {
        Some(a) => {
            // 8,192 lines in flight rather than the crate's 128,000: the channel's slots are
            // allocated and touched at once (4 MB, 2.8 ms of every start, issue 23 §4); a burst
            // beyond them at trace level loses lines, never blocks the window.
            let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .buffered_lines_limit(8_192)
                .finish(a);
            let layer = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(move || one_line::OneLine(writer.clone()))
                .with_filter(file_filter);
            (Some(layer), Some(guard))
        }
        None => (None, None),
    };
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
    Guard { _writer: guard }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The only test of this binary that starts logging (a process has one subscriber): the kept
    /// level is read at start, and a choice applies to the running log at once.
    #[test]
    fn the_kept_level_is_read_at_start_and_a_choice_applies_at_once() {
        assert!(std::env::var(ENV).is_err(), "{ENV} is set: it would win");
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        let pane = place::in_folder(dir.path()).settings();
        std::fs::write(&pane, r#"{"logLevel": "warn", "other": true}"#).unwrap();
        let guard = init(dir.path(), None);
        assert_eq!(level(), "warn");
        tracing::info!("an info line while the level is warn");
        choose_level(dir.path(), "debug").unwrap();
        assert_eq!(level(), "debug");
        tracing::debug!("a debug line after choosing debug");
        drop(guard);
        let mut logged = String::new();
        for file in std::fs::read_dir(place::in_folder(dir.path()).logs()).unwrap() {
            logged.push_str(&std::fs::read_to_string(file.unwrap().path()).unwrap());
        }
        assert!(
            logged.contains("a debug line after choosing debug"),
            "{logged}"
        );
        assert!(
            !logged.contains("an info line while the level is warn"),
            "{logged}"
        );
        let kept: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&pane).unwrap()).unwrap();
        assert_eq!(
            kept,
            serde_json::json!({"logLevel": "debug", "other": true})
        );
        assert!(choose_level(dir.path(), "loud").is_err());
        assert_eq!(level(), "debug");
    }
}
