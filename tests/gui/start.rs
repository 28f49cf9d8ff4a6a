//! Issue 38: the window's start with the tenant kept. Where the accounts kept for msteams.cfg's
//! tenant are young and a user consent is stored, the preview shows them at start with their age,
//! without waiting for Microsoft; the tenant is then read again in the background and its result
//! replaces them. An old kept file, or one without a stored consent, is not shown and nothing is
//! read. The demo (its emulator in-process), the consent given through the walker, the kept file
//! written by a real read.

use crate::support::gui::{open_tab, settle, settle_preview, window};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::PaneApp;
use teams_presence_admin::ops::kept_tenant::{self, Key};
use teams_presence_admin::{base::paths, front::demo, ops::store};

/// Requests of the users listing and of `users/delta` the emulator answered.
const LISTING: &str = "GET%20/v1.0/users";

fn listing_requests(rt: &tokio::runtime::Runtime, base: &str) -> u64 {
    let url = format!("{base}/_emulator/requests?prefix={LISTING}");
    let v: serde_json::Value = rt
        .block_on(async { reqwest::get(&url).await?.json().await })
        .unwrap();
    v["count"].as_u64().unwrap()
}

/// The demo with the user consent given and its tenant (9 accounts) read and kept as the command
/// line keeps it; then the kept file changed by `change`.
fn demo_kept(
    rt: &tokio::runtime::Runtime,
    change: impl FnOnce(&mut kept_tenant::Kept),
) -> demo::Demo {
    let demo = demo::start().unwrap();
    let dir = demo.dir.path();
    let settings = store::load_config(dir).unwrap().settings.unwrap();
    rt.block_on(crate::support::give_user_consent(
        &settings,
        &paths::secrets(dir),
        "admin@musterfirma.de",
    ))
    .unwrap();
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    let read = rt
        .block_on(teams_presence_admin::ops::accounts::accounts(
            dir,
            &settings,
            true,
            |_| {},
            &mut cancel,
        ))
        .unwrap();
    assert_eq!(read.users.len(), 9);
    let mut kept = kept_tenant::load(dir, &Key::of(&settings)).expect("the read kept them");
    change(&mut kept);
    kept_tenant::save(dir, &kept).unwrap();
    demo
}

/// The window on `demo` (its user export imported at start), stepped until the folder is read.
fn start(demo: demo::Demo) -> Harness<'static, PaneApp> {
    let app = PaneApp::new(demo.dir.path().to_owned(), Lang::En).with_demo(demo.into_window());
    let mut h = window(app, egui::vec2(1100.0, 1400.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h
}

/// Microsoft's latency for every request of the demo's emulator.
fn latency(rt: &tokio::runtime::Runtime, base: &str, ms: u64) {
    rt.block_on(async {
        reqwest::Client::new()
            .put(format!("{base}/_emulator/faults"))
            .json(&serde_json::json!({ "latencyMs": ms }))
            .send()
            .await?
            .error_for_status()
    })
    .unwrap();
}

#[test]
fn the_kept_accounts_show_at_start_with_their_age_then_the_tenant_read_again_replaces_them() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    // Kept 12 minutes ago, one account fewer than the tenant has now: what the window shows
    // first is the file's, not a read's.
    let demo = demo_kept(&rt, |k| {
        k.users.pop();
        k.read_at -= chrono::Duration::minutes(12);
    });
    let base = demo.base_url.clone();
    let before = listing_requests(&rt, &base);

    let mut h = start(demo);
    let started = Instant::now();
    while h.state().state.preview.tenant.list.is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the kept accounts were not loaded at start"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(
        listing_requests(&rt, &base),
        before,
        "the kept accounts are shown without a listing"
    );
    // From here on every request takes a second, as a slow tenant's would: the kept accounts
    // stay in sight while the tenant is read again.
    latency(&rt, &base, 1000);
    open_tab(&mut h, "Preview");
    settle_preview(&mut h);
    h.get_by_label_contains("8 accounts read");
    h.get_by_label("accounts read 12 min ago");
    h.get_by_label_contains("9 UCServer users in the activation scope");
    h.get_by_label_contains("(8 accounts in the tenant)");
    assert!(
        h.state().state.preview.tenant.listing.is_running(),
        "the tenant is read again in the background"
    );

    settle(&mut h, |app| {
        let t = &app.state.preview.tenant;
        !t.listing.is_running() && t.list.as_ref().is_some_and(|l| l.kept_at.is_none())
    });
    latency(&rt, &base, 0);
    settle_preview(&mut h);
    assert!(listing_requests(&rt, &base) > before, "the tenant was read");
    h.get_by_label_contains("9 accounts read");
    h.get_by_label_contains("(9 accounts in the tenant)");
    assert!(h.query_by_label("accounts read 12 min ago").is_none());
    // And keeps what it read, for the next start.
    let dir = h.state().dir.clone();
    let settings = store::load_config(&dir).unwrap().settings.unwrap();
    let kept = kept_tenant::load(&dir, &Key::of(&settings)).unwrap();
    assert_eq!(kept.users.len(), 9);
    assert!(kept.age(chrono::Utc::now()) < Duration::from_secs(60));
}

#[test]
fn an_old_kept_file_or_one_without_a_stored_consent_is_not_shown_at_start() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let old = demo_kept(&rt, |k| k.read_at -= chrono::Duration::minutes(61));
    let without_consent = demo_kept(&rt, |_| {});
    teams_presence_admin::model::secrets::Secrets::update(
        &paths::secrets(without_consent.dir.path()),
        |s| s.refresh_token = None,
    )
    .unwrap();
    for demo in [old, without_consent] {
        let base = demo.base_url.clone();
        let before = listing_requests(&rt, &base);
        let mut h = start(demo);
        open_tab(&mut h, "Preview");
        // Time for the worker's look at the kept file (it answered long before the check).
        for _ in 0..30 {
            h.step();
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(h.state().state.preview.tenant.list.is_none());
        h.get_by_label("The tenant's accounts have not been read in this session.");
        h.get_by_label("Read accounts from the tenant");
        assert!(h.query_by_label_contains("min ago").is_none());
        assert_eq!(listing_requests(&rt, &base), before);
    }
}
