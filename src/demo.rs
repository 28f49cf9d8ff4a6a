//! The offline demo (`--demo`): the emulator in-process with the demo tenant, and a sample UCServer
//! folder in a temporary place pointed at it, so that a newcomer can try the pane without a tenant.

use crate::config::{self, Cloud, Settings};
use crate::emulator::{self, Faults, World, state};
use crate::files::{FileMode, write_atomic};
use crate::layout;
use crate::secrets::Secrets;
use std::path::Path;

/// The sample msteams.cfg (with keys of the UCServer service the pane does not own).
const SAMPLE_CFG: &str = include_str!("../examples/ucserver/config/msteams.cfg");
/// A usermatching.csv for the demo tenant, with mappings the preview can show.
const SAMPLE_MATCHING: &str = include_str!("../assets/demo/usermatching.csv");

/// A UCServer user export as German Excel writes it (semicolons, header, Windows-1252), for the
/// preview; the demo window imports it at start.
const SAMPLE_USERS: &[u8] = include_bytes!("../assets/demo/ucserver-users.csv");

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
    Ok(Demo {
        base_url: running.base_url.clone(),
        dir,
        running: Some(running),
        runtime: Some(runtime),
    })
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
    write_atomic(&layout::msteams_cfg(dir), &cfg, FileMode::Shared)?;
    write_atomic(
        &layout::usermatching(dir),
        SAMPLE_MATCHING.as_bytes(),
        FileMode::Shared,
    )?;
    write_atomic(&sample_users(dir), SAMPLE_USERS, FileMode::Shared)?;
    let secrets = Secrets {
        client_secret: Some(state::DEMO_CLIENT_SECRET.into()),
        ..Default::default()
    };
    let (snapshot, _) = crate::files::Snapshot::read(&layout::secrets(dir))?;
    secrets
        .save(&snapshot)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(())
}

/// `emulator` on the command line: serves until Ctrl-C; the first line on stdout is the base URL.
pub fn serve(
    listen: std::net::SocketAddr,
    faults: Faults,
    users: Option<usize>,
) -> std::io::Result<()> {
    if !listen.ip().is_loopback() {
        eprintln!(
            "WARNING: the emulator listens on {listen}, not on loopback. It signs tokens with a public test key and accepts the demo passwords: never expose it to a network."
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let world = users.map_or_else(World::demo, World::generated);
        let running = emulator::start(listen, world, faults).await?;
        println!("{}", running.base_url);
        use std::io::Write as _;
        std::io::stdout().flush()?;
        tokio::signal::ctrl_c().await?;
        drop(running);
        Ok(())
    })
}
