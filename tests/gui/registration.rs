//! "App-Registrierung anlegen" in the window (issue 13): one click, the administrator in the
//! browser (the walker), every step shown, and the status goes from "Auth required" to
//! authorized; the credential's end is shown with "Erneuern".

use crate::support::WalkingBrowser;
use crate::support::gui::{settle, type_into, window};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use entra_emulator::walker::Walker;
use std::sync::Arc;
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::base::paths;
use teams_presence_admin::front::gui::PaneApp;
use teams_presence_admin::model::secrets::Secrets;

/// The demo window in German with no consent and no credential ("Auth required"), the
/// administrator in the browser; and its UCServer folder.
fn demo_without_consent() -> (Harness<'static, PaneApp>, std::path::PathBuf) {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let dir = demo.dir.path().to_owned();
    std::fs::remove_file(paths::secrets(&dir)).unwrap();
    let browser = WalkingBrowser(Walker::accepting("admin@musterfirma.de"));
    let app = PaneApp::new(dir.clone(), Lang::De)
        .with_demo(demo.into_window())
        .with_browser(Arc::new(browser));
    let mut h = window(app, egui::vec2(1000.0, 1600.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    (h, dir)
}

#[test]
fn one_click_creates_the_app_registration_and_the_status_goes_to_authorized() {
    let (mut h, dir) = demo_without_consent();
    assert!(h.query_all_by_label("Auth required").count() > 0);
    h.get_by_label_contains("Microsoft Graph Command Line Tools");

    // An unsaved edit elsewhere survives the run's own write of u8sClientId.
    type_into(&mut h, "Proxy-Adresse:", "proxy.firma.local:8080");
    type_into(&mut h, "Anzeigename der App:", "ProCall Präsenz");
    h.get_by_label("App-Registrierung anlegen").click();
    settle(&mut h, |app| {
        !app.state.registration.run.is_running()
            && !app.state.auth.check.is_running()
            && app.state.auth.check.result().is_some()
    });
    h.get_by_label_contains("„ProCall Präsenz“");
    h.get_by_label_contains("ist angelegt und berechtigt");
    for step in [
        "Anmelden (Microsoft Graph Command Line Tools)",
        "Anwendung anlegen",
        "Dienstprinzipal anlegen",
        "Anmeldedaten hinzufügen",
        "u8sClientId speichern",
        "Zustimmung des Administrators",
        "Zustimmung des Benutzers",
    ] {
        let shown: Vec<_> = h.query_all_by_label(step).collect();
        assert!(!shown.is_empty(), "{step}");
    }
    assert_eq!(
        h.query_all_by_label("erledigt").count(),
        7,
        "every step done"
    );
    assert!(h.query_all_by_label("Autorisiert").count() > 0);
    h.get_by_label_contains("Zertifikat der App gültig bis");
    h.get_by_label("Erneuern");
    // Issue 35 §2: the run wrote u8sClientId, which the service reads only at start.
    h.get_by_label_contains(
        "Gespeichert: Anwendungs-ID (Client-ID) (u8sClientId). Der UCServer-Dienst liest msteams.cfg nur beim Start",
    );

    let (_, secrets) = Secrets::load(&paths::secrets(&dir)).unwrap();
    let info = secrets.registration.unwrap();
    assert!(secrets.client_certificate.is_some());
    let cfg = std::fs::read_to_string(paths::msteams_cfg(&dir)).unwrap();
    assert!(
        cfg.contains(&format!("\"u8sClientId\": \"{}\"", info.client_id)),
        "{cfg}"
    );
    assert_eq!(
        h.state().state.settings.draft.client_id,
        info.client_id,
        "the window shows the new id"
    );
}

/// 30 days before the credential's end the status warns; "Erneuern" replaces it in the window
/// (sign-in in the browser, new certificate stored and verified, the old one removed).
#[test]
fn an_ending_certificate_warns_and_is_renewed_from_the_window() {
    let (mut h, dir) = demo_without_consent();
    h.get_by_label("App-Registrierung anlegen").click();
    settle(&mut h, |app| {
        !app.state.registration.run.is_running()
            && !app.state.auth.check.is_running()
            && app.state.auth.check.result().is_some()
    });
    // The record says the certificate ends in 10 days.
    let path = paths::secrets(&dir);
    let soon = chrono::Utc::now() + chrono::Duration::days(10) + chrono::Duration::hours(1);
    let soon = soon.to_rfc3339();
    Secrets::update(&path, |s| {
        s.registration.as_mut().unwrap().end_date_time = soon
    })
    .unwrap();
    let old = Secrets::load(&path).unwrap().1.client_certificate.unwrap();
    h.get_by_label("Prüfen").click();
    settle(&mut h, |app| !app.state.auth.check.is_running());
    let warnings: Vec<_> = h.query_all_by_label_contains("läuft am").collect();
    assert_eq!(
        warnings.len(),
        2,
        "in the status and at the app registration"
    );
    assert!(h.query_all_by_label_contains("(in 10 Tagen)").count() > 0);

    h.get_by_label("Erneuern").click();
    settle(&mut h, |app| {
        !app.state.registration.run.is_running() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("Neue Anmeldedaten sind gespeichert und geprüft");
    assert_eq!(h.query_all_by_label_contains("läuft am").count(), 0);
    h.get_by_label_contains("Zertifikat der App gültig bis");
    let new = Secrets::load(&path).unwrap().1.client_certificate.unwrap();
    assert_ne!(new.thumbprint, old.thumbprint);
    assert!(h.query_all_by_label("Autorisiert").count() > 0);
}
