//! "App-Registrierung anlegen" through the library against the emulator (issue 13): renewal with
//! a check between every step that finds the integration authorized, a failed step that names
//! what exists and removes it, and a tenant where the administrator may not register apps.

use entra_emulator::walker::Walker;
use entra_emulator::{Faults, Running};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::model::config::Settings;
use teams_presence_admin::ops::check::{self, Verdict};
use teams_presence_admin::ops::registration::{
    self, CredentialKind, Guide, Options, RenewStep, Step, StepState,
};
use teams_presence_admin::{base::paths, front::demo, ops::store};

const ADMIN: &str = "admin@musterfirma.de";

/// The administrator in the browser: walks every page the run opens, accepting the first
/// `accept` of them and cancelling the rest.
struct Browser {
    accept: usize,
    opened: Mutex<usize>,
    steps: Mutex<Vec<(Step, StepState)>>,
}

impl Browser {
    fn accepting(accept: usize) -> Self {
        Self {
            accept,
            opened: Mutex::new(0),
            steps: Mutex::new(Vec::new()),
        }
    }
}

impl Guide for Browser {
    fn open(&self, url: &str) {
        let mut n = self.opened.lock().unwrap();
        *n += 1;
        let action = if *n <= self.accept {
            "accept"
        } else {
            "cancel"
        };
        Walker {
            action: action.into(),
            ..Walker::accepting(ADMIN)
        }
        .walk_in_background(url);
    }

    fn step(&self, step: Step, state: StepState) {
        self.steps.lock().unwrap().push((step, state));
    }

    fn cancelled(&self) -> impl std::future::Future<Output = ()> + Send {
        std::future::pending()
    }
}

/// A demo UCServer folder with no consent and no credential ("Auth required").
fn folder(emu: &Running) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    std::fs::remove_file(paths::secrets(dir.path())).unwrap();
    dir
}

fn settings(dir: &Path) -> Settings {
    store::load_config(dir).unwrap().settings.unwrap()
}

fn options(kind: CredentialKind) -> Options {
    Options {
        replication: (1, Duration::ZERO),
        ..Options::new("ProCall Präsenz", kind)
    }
}

/// "App-Registrierung anlegen" in the folder, with the administrator in `browser`.
async fn create(
    dir: &Path,
    kind: CredentialKind,
    browser: &Browser,
) -> Result<registration::Created, registration::Failed> {
    registration::create(dir, &settings(dir), Lang::En, &options(kind), browser).await
}

async fn verdict(dir: &Path) -> Verdict {
    let s = settings(dir);
    check::run(&s, Some(&s.client_id), &paths::secrets(dir))
        .await
        .verdict
}

async fn renews_without_a_gap(kind: CredentialKind) {
    let emu = crate::support::emulator().await;
    let dir = folder(&emu);
    assert_eq!(verdict(dir.path()).await, Verdict::AuthRequired);
    let browser = Browser::accepting(usize::MAX);
    let created = create(dir.path(), kind, &browser).await.unwrap();
    assert!(matches!(
        verdict(dir.path()).await,
        Verdict::Authorized { .. }
    ));

    let seen = Mutex::new(Vec::new());
    let between = async |step| {
        let v = verdict(dir.path()).await;
        assert!(
            matches!(v, Verdict::Authorized { .. }),
            "after {step:?}: {v:?}"
        );
        seen.lock().unwrap().push(step);
    };
    let s = settings(dir.path());
    registration::renew(dir.path(), &s, Lang::En, &browser, between)
        .await
        .unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [
            RenewStep::Added,
            RenewStep::Switched,
            RenewStep::Verified,
            RenewStep::OldRemoved
        ]
    );
    let world = emu.shared.world();
    let app = world
        .apps
        .iter()
        .find(|a| Some(a.client_id.to_string()) == created.client_id)
        .unwrap();
    // One credential left in Entra ID: the new one.
    assert_eq!(app.certificates.len() + app.secrets.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_certificate_is_renewed_with_the_integration_authorized_between_every_step() {
    renews_without_a_gap(CredentialKind::Certificate).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_secret_is_renewed_with_the_integration_authorized_between_every_step() {
    renews_without_a_gap(CredentialKind::Secret).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_admin_consent_names_what_exists_and_one_call_removes_it() {
    let emu = crate::support::emulator().await;
    let dir = folder(&emu);
    let before = settings(dir.path()).client_id;
    // The sign-in is accepted, the admin consent cancelled.
    let browser = Browser::accepting(1);
    let failed = create(dir.path(), CredentialKind::Certificate, &browser)
        .await
        .unwrap_err();
    assert_eq!(failed.step, Step::AdminConsent);
    let created = *failed.created;
    let client_id = created.client_id.clone().expect("the app exists");
    assert!(created.service_principal && created.credential.is_some());
    assert_eq!(settings(dir.path()).client_id, client_id);
    assert!(
        emu.shared
            .world()
            .apps
            .iter()
            .any(|a| a.client_id.to_string() == client_id)
    );

    registration::remove(
        dir.path(),
        &settings(dir.path()),
        Lang::En,
        &created,
        &browser,
    )
    .await
    .unwrap();
    assert!(
        !emu.shared
            .world()
            .apps
            .iter()
            .any(|a| a.client_id.to_string() == client_id)
    );
    assert_eq!(settings(dir.path()).client_id, before);
    let (_, secrets) =
        teams_presence_admin::model::secrets::Secrets::load(&paths::secrets(dir.path())).unwrap();
    assert!(secrets.registration.is_none() && secrets.client_certificate.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn without_the_role_the_first_write_fails_and_nothing_is_created() {
    let emu = crate::support::emulator().await;
    emu.shared.set_faults(Faults {
        admin_lacks_role: true,
        ..Faults::default()
    });
    let dir = folder(&emu);
    let before = std::fs::read(paths::msteams_cfg(dir.path())).unwrap();
    let browser = Browser::accepting(usize::MAX);
    let failed = create(dir.path(), CredentialKind::Certificate, &browser)
        .await
        .unwrap_err();
    assert_eq!(failed.step, Step::Application);
    assert!(failed.created.app_object_id.is_none());
    let msgs = failed.msgs();
    assert_eq!(msgs[0].id, "reg-denied", "the guidance comes first");
    assert_eq!(
        std::fs::read(paths::msteams_cfg(dir.path())).unwrap(),
        before,
        "nothing written"
    );
    assert!(!paths::secrets(dir.path()).exists());
}
