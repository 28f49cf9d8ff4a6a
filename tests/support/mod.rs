//! What the tests share: a UCServer folder, the built binary, the emulator started in-process,
//! the browser and file-dialog stand-ins, the user consent given through the browser stand-in,
//! and the window harness ([`gui`]). Each test binary takes it in with
//! `#[path = "../support/mod.rs"] mod support;` (or `mod support;` at the top level).
#![allow(dead_code)]

pub mod gui;
pub mod xvfb;

use entra_emulator::walker::Walker;
use entra_emulator::{Faults, Running, World};
use futures_util::future::BoxFuture;
use std::path::{Path, PathBuf};
use std::process::Command;
use teams_presence_admin::front::file_dialog::FileDialog;
use teams_presence_admin::microsoft::browser::Browser;
use teams_presence_admin::model::config::Settings;

/// A UCServer folder with `config/msteams.cfg` holding `cfg`.
pub fn folder(cfg: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(dir.path().join("config/msteams.cfg"), cfg).unwrap();
    dir
}

/// The files of a zip (a support bundle) with their text.
pub fn unzip(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

/// The pane's built binary. Its machine-wide place for logs (`logging::place`: `%ProgramData%`,
/// `$XDG_STATE_HOME`) is the tests' own, never the user's.
pub fn bin() -> Command {
    let machine = std::env::temp_dir().join("teams-presence-admin-tests");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_teams-presence-admin"));
    cmd.env("XDG_STATE_HOME", &machine)
        .env("ProgramData", &machine);
    cmd
}

/// The binary on the UCServer folder `dir` in English with `args`, its output piped.
pub fn spawn_in(dir: &Path, args: &[&str]) -> std::process::Child {
    bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// The emulator on a free loopback port with the demo tenant.
pub async fn emulator() -> Running {
    emulator_with(World::demo(), Faults::default()).await
}

pub async fn emulator_with(world: World, faults: Faults) -> Running {
    entra_emulator::start(([127, 0, 0, 1], 0).into(), world, faults)
        .await
        .unwrap()
}

/// The browser seam answered by the walker: signs in and accepts (or cancels) on the
/// emulator's pages, as an administrator would in the browser the pane opened.
#[derive(Debug)]
pub struct WalkingBrowser(pub Walker);

impl WalkingBrowser {
    pub fn accepting(user: &str) -> std::sync::Arc<Self> {
        std::sync::Arc::new(Self(Walker::accepting(user)))
    }
}

impl Browser for WalkingBrowser {
    fn open(&self, url: &str) -> std::io::Result<()> {
        self.0.walk_in_background(url);
        Ok(())
    }
}

/// "Zustimmung des Benutzers" for `settings` given by `user` through the walker: the refresh
/// token lands in `secrets` as after a real consent.
/// A demo UCServer folder on the emulator `emu` with the user consent given by `user`'s sign-in
/// (reading only: no admin consent).
pub async fn consented_demo(emu: &Running, user: &str) -> tempfile::TempDir {
    use teams_presence_admin::{base::paths, front::demo, ops::store};
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    let settings = store::load_config(dir.path()).unwrap().settings.unwrap();
    give_user_consent(&settings, &paths::secrets(dir.path()), user)
        .await
        .unwrap();
    dir
}

/// [`consented_demo`] with the admin consent given too (by admin@musterfirma.de): authorized.
pub async fn authorized_demo(base_url: &str) -> tempfile::TempDir {
    use teams_presence_admin::microsoft::flows::Which;
    use teams_presence_admin::{base::paths, front::demo};
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), base_url).unwrap();
    let settings = demo::emulator_settings(base_url, "musterfirma.onmicrosoft.com");
    let secrets = paths::secrets(dir.path());
    give_user_consent(&settings, &secrets, "max.mustermann@musterfirma.de")
        .await
        .unwrap();
    let show = |url: &str| Walker::accepting("admin@musterfirma.de").walk_in_background(url);
    teams_presence_admin::ops::consent::give(
        Which::Admin,
        &settings,
        teams_presence_admin::base::i18n::Lang::En,
        &secrets,
        show,
        std::future::pending(),
    )
    .await
    .unwrap();
    dir
}

pub async fn give_user_consent(
    settings: &Settings,
    secrets: &Path,
    user: &str,
) -> Result<teams_presence_admin::microsoft::flows::UserConsent, teams_presence_admin::ops::Error> {
    use teams_presence_admin::microsoft::flows::{self, Which};
    let show = |url: &str| Walker::accepting(user).walk_in_background(url);
    let lang = teams_presence_admin::base::i18n::Lang::En;
    let pending = std::future::pending();
    match teams_presence_admin::ops::consent::give(
        Which::User,
        settings,
        lang,
        secrets,
        show,
        pending,
    )
    .await?
    {
        flows::Given::User(c) => Ok(c),
        other => panic!("{other:?}"),
    }
}

/// File dialogs with fixed answers, one a call (last first).
#[derive(Debug, Default)]
pub struct FixedDialog {
    pub open: std::sync::Mutex<Vec<PathBuf>>,
    pub save: std::sync::Mutex<Vec<PathBuf>>,
    pub folder: std::sync::Mutex<Vec<PathBuf>>,
    /// Behaves as rfd does where no dialog can be shown: `None` at once means "no dialog".
    pub silent: bool,
}

impl FileDialog for FixedDialog {
    fn open(
        &self,
        _: String,
        _: &'static str,
        _: &'static [&'static str],
    ) -> BoxFuture<'static, Option<PathBuf>> {
        let next = self.open.lock().unwrap_or_else(|p| p.into_inner()).pop();
        Box::pin(async move { next })
    }

    fn save(&self, _: String, _: String) -> BoxFuture<'static, Option<PathBuf>> {
        let next = self.save.lock().unwrap_or_else(|p| p.into_inner()).pop();
        Box::pin(async move { next })
    }

    fn pick_folder(&self, _: String) -> BoxFuture<'static, Option<PathBuf>> {
        let next = self.folder.lock().unwrap_or_else(|p| p.into_inner()).pop();
        Box::pin(async move { next })
    }

    fn fails_silently(&self) -> bool {
        self.silent
    }
}
