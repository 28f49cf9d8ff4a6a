//! The offline demo (`--demo`): the emulator in-process with the demo tenant, and a sample UCServer
//! folder in a temporary place pointed at it, so that a newcomer can try the pane without a tenant.

use crate::base::files::{FileMode, write_atomic};
use crate::base::paths;
use crate::model::config::{self, Cloud, Settings};
use crate::model::secrets::Secrets;
use entra_emulator::{self as emulator, Faults, World, state};
use std::path::Path;

/// The sample msteams.cfg (with keys of the UCServer service the pane does not own).
const SAMPLE_CFG: &str = include_str!("../../examples/ucserver/config/msteams.cfg");
/// A usermatching.csv for the demo tenant, with mappings the preview can show.
const SAMPLE_MATCHING: &str = include_str!("../../assets/demo/usermatching.csv");

/// A UCServer user export as German Excel writes it (semicolons, header, Windows-1252), for the
/// preview; the demo window imports it at start.
const SAMPLE_USERS: &[u8] = include_bytes!("../../assets/demo/ucserver-users.csv");

/// Where the demo folder holds the sample UCServer user export.
pub fn sample_users(dir: &Path) -> std::path::PathBuf {
    dir.join("ucserver-users.csv")
}

/// A running demo: the emulator (stopped when this is dropped) and the temporary UCServer folder
/// (removed when this is dropped).
pub struct Demo {
    pub dir: tempfile::TempDir,
    pub base_url: String,
    running: Option<emulator::Running>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Demo {
    fn drop(&mut self) {
        drop(self.running.take());
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(std::time::Duration::from_secs(2));
        }
    }
}

impl Demo {
    /// What the window shows and keeps alive while it runs on this demo.
    pub fn into_window(self) -> crate::front::gui::DemoWindow {
        crate::front::gui::DemoWindow {
            banner: crate::base::i18n::Msg::new("demo-banner")
                .text("url", self.base_url.clone())
                .text("password", state::DEMO_PASSWORD),
            users: sample_users(self.dir.path()),
            keep: Box::new(self),
        }
    }
}

/// Starts the emulator on a free loopback port and prepares the UCServer folder.
pub fn start() -> std::io::Result<Demo> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("tpa-emulator")
        .enable_all()
        .build()?;
    let running = runtime.block_on(emulator::start(
        ([127, 0, 0, 1], 0).into(),
        World::demo(),
        Faults::default(),
    ))?;
    let dir = tempfile::Builder::new()
        .prefix("ucserver-demo-")
        .tempdir()?;
    prepare(dir.path(), &running.base_url)?;
    runtime.spawn(remove_on_signal(dir.path().to_owned()));
    Ok(Demo {
        base_url: running.base_url.clone(),
        dir,
        running: Some(running),
        runtime: Some(runtime),
    })
}

/// Removes the demo folder (its secrets included) when the process is told to end — SIGTERM,
/// SIGINT or SIGHUP; on Windows Ctrl+C, closing the console, log-off or shut-down — and then ends
/// the process: such an end runs no destructor, so the temporary folder would stay behind.
async fn remove_on_signal(dir: std::path::PathBuf) {
    let code = ended().await;
    tracing::info!("demo ended by a signal; removing its folder");
    for _ in 0..3 {
        // The window may still write a file into the folder while it is removed: try again.
        if std::fs::remove_dir_all(&dir).is_ok() || !dir.exists() {
            break;
        }
    }
    std::process::exit(code);
}

/// Waits for a request to end the process; the exit code a shell gives such an end.
#[cfg(unix)]
async fn ended() -> i32 {
    use tokio::signal::unix::{SignalKind, signal};
    /// One signal's arrival; never, where it cannot be watched.
    async fn arrives(kind: SignalKind) {
        match signal(kind) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!("demo: cannot watch a signal: {e}");
                std::future::pending::<()>().await;
            }
        }
    }
    tokio::select! {
        _ = arrives(SignalKind::terminate()) => 143,
        _ = arrives(SignalKind::interrupt()) => 130,
        _ = arrives(SignalKind::hangup()) => 129,
    }
}

/// Waits for a request to end the process; the exit code a shell gives such an end.
#[cfg(windows)]
async fn ended() -> i32 {
    use tokio::signal::windows;
    let (Ok(mut c), Ok(mut close), Ok(mut logoff), Ok(mut shutdown)) = (
        windows::ctrl_c(),
        windows::ctrl_close(),
        windows::ctrl_logoff(),
        windows::ctrl_shutdown(),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = c.recv() => {}
        _ = close.recv() => {}
        _ = logoff.recv() => {}
        _ = shutdown.recv() => {}
    }
    0xC000013Au32 as i32
}

/// Settings pointing at the emulator at `base_url`: `tenant` with the demo app (cloud "custom").
pub fn emulator_settings(base_url: &str, tenant: &str) -> Settings {
    Settings {
        tenant_id: tenant.into(),
        cloud: Cloud::Custom,
        custom_login_url: base_url.into(),
        custom_graph_url: base_url.into(),
        client_id: state::DEMO_CLIENT_ID.into(),
        ..Default::default()
    }
}

/// Writes the sample files, pointed at the emulator at `base_url`.
pub fn prepare(dir: &Path, base_url: &str) -> std::io::Result<()> {
    let settings = emulator_settings(base_url, "musterfirma.onmicrosoft.com");
    let cfg = config::render(Some(SAMPLE_CFG.as_bytes()), &settings)
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .unwrap_or_else(|| SAMPLE_CFG.as_bytes().to_vec());
    write_atomic(&paths::msteams_cfg(dir), &cfg, FileMode::Shared)?;
    write_atomic(
        &paths::usermatching(dir),
        SAMPLE_MATCHING.as_bytes(),
        FileMode::Shared,
    )?;
    write_atomic(&sample_users(dir), SAMPLE_USERS, FileMode::Shared)?;
    Secrets::update(&paths::secrets(dir), |s| {
        s.client_secret = Some(state::DEMO_CLIENT_SECRET.into());
    })
    .map_err(std::io::Error::other)
}
