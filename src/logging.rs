//! Logs (issue 15 §5): the window and the command line log through `tracing` to stderr
//! (warnings) and to a daily file in `config/logs/` beside msteams.cfg (14 days kept), at the
//! level of `--log-level` or the environment variable `TEAMS_PRESENCE_ADMIN_LOG` (an
//! `EnvFilter`, e.g. `debug` or `teams_presence_admin=trace`); `info` by default. The pane never
//! logs a token, code, secret or password (the support bundle's test checks the files).

use std::path::{Path, PathBuf};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer as _};

/// The environment variable with the file's level.
pub const ENV: &str = "TEAMS_PRESENCE_ADMIN_LOG";
/// How many daily files are kept.
const KEEP_DAYS: usize = 14;

/// The folder of the log files of the UCServer folder `dir`.
pub fn dir(ucserver_dir: &Path) -> PathBuf {
    ucserver_dir.join("config").join("logs")
}

/// Keeps the file writer running; drop it last (it flushes).
pub struct Guard {
    _writer: Option<tracing_appender::non_blocking::WorkerGuard>,
}

/// Starts logging; the file only where the folder has a `config/` folder to put it beside.
pub fn init(ucserver_dir: &Path, level: Option<&str>) -> Guard {
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")));
    let file_filter = std::env::var(ENV)
        .ok()
        .or(level.map(str::to_owned))
        .and_then(|l| EnvFilter::try_new(l).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    let appender = ucserver_dir
        .join("config")
        .is_dir()
        .then(|| {
            // Made first: the appender's clean-up of old files complains about a missing folder.
            std::fs::create_dir_all(dir(ucserver_dir)).ok()?;
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("teams-presence-admin")
                .filename_suffix("log")
                .max_log_files(KEEP_DAYS)
                .build(dir(ucserver_dir))
                .ok()
        })
        .flatten();
    let (file, guard) = match appender {
        Some(a) => {
            let (writer, guard) = tracing_appender::non_blocking(a);
            let layer = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer)
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
