//! The tenant kept (issue 38 §1) as the built binary against the emulator: the second preview
//! lists no page and says the accounts' age, `--refresh` reads again, another tenant never gets
//! the kept accounts, `consent forget` removes them, the file is the owner's only and no part of
//! a support bundle; where `User.Read.All` is granted a `users/delta` round refreshes them, and a
//! delta link Microsoft no longer knows (`syncStateNotFound`) reads all.

use crate::support::{bin, give_user_consent, unzip};
use std::path::Path;
use std::process::Output;
use teams_presence_admin::ops::kept_tenant::{self, Key};
use teams_presence_admin::{base::paths, front::demo, model::config};

const TENANT: &str = "musterfirma.onmicrosoft.com";
/// A page of the listing, and of a `users/delta` round (the emulator logs paths only).
const PAGE: &str = "GET /v1.0/users";
const DELTA: &str = "GET /v1.0/users/delta";

fn preview(dir: &Path, lang: &str, extra: &[&str]) -> Output {
    bin()
        .args(["--lang", lang, "--ucserver-dir"])
        .arg(dir)
        .args(["matching", "preview", "--json", "--users"])
        .arg(demo::sample_users(dir))
        .args(extra)
        .output()
        .unwrap()
}

/// The listing's pages served so far.
fn pages(emu: &entra_emulator::Running) -> usize {
    emu.shared.requests().iter().filter(|r| *r == PAGE).count()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The demo folder on `emu`, the user consent given (by the demo's administrator).
/// The tenant's administrator granted `User.Read.All` to the app for everybody: reads may be
/// `users/delta` rounds.
fn grant_user_read_all(emu: &entra_emulator::Running) {
    let mut w = emu.shared.world();
    let tenant = w.tenant(TENANT).unwrap().id;
    let app = w
        .app(&demo::emulator_settings(&emu.base_url, TENANT).client_id)
        .unwrap()
        .client_id;
    w.delegated_grants
        .entry((tenant, app, None))
        .or_default()
        .insert("User.Read.All".into());
}

async fn consented(emu: &entra_emulator::Running) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    let settings = demo::emulator_settings(&emu.base_url, TENANT);
    give_user_consent(
        &settings,
        &paths::secrets(dir.path()),
        "admin@musterfirma.de",
    )
    .await
    .unwrap();
    dir
}

/// The kept file, its accounts read `minutes` ago.
fn age_by(dir: &Path, emu_url: &str, minutes: i64) {
    let key = Key::of(&demo::emulator_settings(emu_url, TENANT));
    let mut kept = kept_tenant::load(dir, &key).expect("accounts kept");
    kept.read_at -= chrono::Duration::minutes(minutes);
    kept_tenant::save(dir, &kept).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_second_preview_reads_no_page_says_the_age_and_refresh_reads_again() {
    let emu = crate::support::emulator().await;
    let dir = consented(&emu).await;
    let d = dir.path();

    let first = preview(d, "en", &[]);
    let listed = pages(&emu);
    assert!(listed >= 1, "the first preview lists the tenant");
    assert!(
        !stderr(&first).contains("accounts read"),
        "{}",
        stderr(&first)
    );
    let kept = kept_tenant::path(d).unwrap();
    assert_eq!(kept, d.join("config").join(kept_tenant::FILE));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&kept).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner only: {mode:o}");
    }

    // Within the hour: the same preview, no page listed, the age said.
    let second = preview(d, "en", &[]);
    assert_eq!(pages(&emu), listed, "the second preview lists no page");
    assert_eq!(json(&second), json(&first));
    assert!(
        stderr(&second).contains("accounts read 0 min ago"),
        "{}",
        stderr(&second)
    );
    let german = preview(d, "de", &[]);
    assert!(
        stderr(&german).contains("Konten gelesen vor 0 Min."),
        "{}",
        stderr(&german)
    );
    // Twelve minutes later: said so.
    age_by(d, &emu.base_url, 12);
    let later = preview(d, "de", &[]);
    assert!(
        stderr(&later).contains("Konten gelesen vor 12 Min."),
        "{}",
        stderr(&later)
    );
    assert_eq!(pages(&emu), listed);

    // --refresh reads again.
    let again = preview(d, "en", &["--refresh"]);
    assert!(pages(&emu) > listed, "--refresh lists the tenant");
    assert!(!stderr(&again).contains("accounts read"));
    assert_eq!(json(&again), json(&first));

    // Older than an hour: read again, without --refresh.
    let listed = pages(&emu);
    age_by(d, &emu.base_url, 61);
    let old = preview(d, "en", &[]);
    assert!(pages(&emu) > listed, "an hour old: read again");
    assert!(!stderr(&old).contains("accounts read"));

    // `matching presence` uses them too.
    let listed = pages(&emu);
    let presence = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(d)
        .args(["matching", "presence", "--users"])
        .arg(demo::sample_users(d))
        .output()
        .unwrap();
    assert_eq!(pages(&emu), listed, "the live read lists no page");
    assert!(stderr(&presence).contains("accounts read 0 min ago"));
}

#[tokio::test(flavor = "multi_thread")]
async fn another_tenant_never_gets_the_kept_accounts_and_forget_removes_them() {
    let emu = crate::support::emulator().await;
    let dir = consented(&emu).await;
    let d = dir.path();
    let first = json(&preview(d, "en", &[]));
    let kept = kept_tenant::path(d).unwrap();
    assert!(kept.is_file());

    // The same folder configured for the tenant by its id: another key, the kept accounts are
    // not used (read again, or refused where the consent is not for it).
    let tenant_id = emu.shared.world().tenant(TENANT).unwrap().id.to_string();
    let settings = demo::emulator_settings(&emu.base_url, &tenant_id);
    let cfg = std::fs::read(paths::msteams_cfg(d)).unwrap();
    let cfg = config::render(Some(&cfg), &settings).unwrap().unwrap();
    std::fs::write(paths::msteams_cfg(d), cfg).unwrap();
    let listed = pages(&emu);
    let other = preview(d, "en", &[]);
    assert!(
        !stderr(&other).contains("accounts read"),
        "{}",
        stderr(&other)
    );
    assert!(
        pages(&emu) > listed || other.status.code() == Some(5),
        "not served from the kept accounts: {}",
        stderr(&other)
    );
    if other.status.code() != Some(5) {
        assert_eq!(json(&other)["tenantUsers"], first["tenantUsers"]);
    }

    // Not in a support bundle, with or without personal data.
    let out = tempfile::tempdir().unwrap();
    for (name, personal) in [("a.zip", false), ("b.zip", true)] {
        let zip = out.path().join(name);
        let mut cmd = bin();
        cmd.args(["--lang", "en", "--ucserver-dir"])
            .arg(d)
            .arg("support-bundle")
            .arg(&zip);
        if personal {
            cmd.arg("--personal-data");
        }
        let o = cmd.output().unwrap();
        assert!(zip.is_file(), "{}", stderr(&o));
        for (entry, text) in unzip(&zip) {
            assert!(!entry.contains("tenant-accounts"), "{entry}");
            // An account only the tenant's listing names (no UCServer user, no line).
            assert!(!text.contains("lena.frisch@musterfirma.de"), "{entry}");
        }
    }

    let o = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(d)
        .args(["consent", "forget"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!kept.exists(), "consent forget removes the kept accounts");
}

#[tokio::test(flavor = "multi_thread")]
async fn with_user_read_all_a_delta_round_refreshes_and_a_lost_sync_state_reads_all() {
    let emu = crate::support::emulator().await;
    grant_user_read_all(&emu);
    let dir = consented(&emu).await;
    let d = dir.path();
    let first = json(&preview(d, "en", &[]));
    assert_eq!(
        emu.shared.requests_to(DELTA),
        1,
        "the delta link of the state read"
    );
    let listed = pages(&emu);
    assert!(listed >= 1);
    let accounts = first["tenantUsers"].as_u64().unwrap();

    // Meanwhile in Entra ID: one account renamed, one removed.
    let (renamed, removed) = {
        let mut w = emu.shared.world();
        let tenant = w.tenant(TENANT).unwrap().id;
        let mut of_tenant = w.users.iter().filter(|u| u.tenant == tenant);
        let a = of_tenant.next().unwrap().id;
        let b = of_tenant.next_back().unwrap().id;
        let i = w.user_by_id[&a];
        w.users[i].display_name = "Umbenannt Neu".into();
        w.touch_user(a);
        w.remove_user(b);
        (a.to_string(), b.to_string())
    };
    age_by(d, &emu.base_url, 61);
    let second = json(&preview(d, "en", &[]));
    assert_eq!(emu.shared.requests_to(DELTA), 2, "one delta round");
    assert_eq!(pages(&emu), listed, "no page of the listing");
    assert_eq!(second["tenantUsers"].as_u64().unwrap(), accounts - 1);
    let key = Key::of(&demo::emulator_settings(&emu.base_url, TENANT));
    let kept = kept_tenant::load(d, &key).unwrap();
    assert!(kept.young(chrono::Utc::now()));
    assert!(!kept.users.iter().any(|u| u.id == removed));
    let u = kept.users.iter().find(|u| u.id == renamed).unwrap();
    assert_eq!(u.display_name, "Umbenannt Neu");

    // Microsoft no longer knows the delta link: all read again.
    let mut faults = emu.shared.faults();
    faults.delta_sync_state_not_found = true;
    emu.shared.set_faults(faults);
    age_by(d, &emu.base_url, 61);
    let third = preview(d, "en", &[]);
    assert!(pages(&emu) > listed, "syncStateNotFound: the whole listing");
    assert_eq!(json(&third)["tenantUsers"], second["tenantUsers"]);
    assert!(
        kept_tenant::load(d, &key)
            .unwrap()
            .young(chrono::Utc::now())
    );
}

/// Where Graph refuses `$deltatoken=latest` (the user-delta page does not list it), the read
/// lists all accounts all the same and keeps them without a delta link; the next read lists all.
#[tokio::test(flavor = "multi_thread")]
async fn a_graph_refusing_the_latest_delta_token_still_lists_all() {
    let emu = crate::support::emulator().await;
    grant_user_read_all(&emu);
    let mut faults = emu.shared.faults();
    faults.delta_latest_refused = true;
    emu.shared.set_faults(faults);
    let dir = consented(&emu).await;
    let d = dir.path();
    let first = json(&preview(d, "en", &[]));
    assert!(first["tenantUsers"].as_u64().unwrap() > 0);
    assert_eq!(
        emu.shared.requests_to(DELTA),
        1,
        "the latest token asked once"
    );
    let listed = pages(&emu);
    assert!(listed >= 1, "all accounts listed");
    let key = Key::of(&demo::emulator_settings(&emu.base_url, TENANT));
    let kept = kept_tenant::load(d, &key).unwrap();
    assert!(kept.delta_link.is_none(), "no delta link kept");
    age_by(d, &emu.base_url, 61);
    let second = json(&preview(d, "en", &[]));
    assert_eq!(second["tenantUsers"], first["tenantUsers"]);
    assert!(pages(&emu) > listed, "the next read lists all again");
}

#[tokio::test(flavor = "multi_thread")]
async fn without_user_read_all_no_delta_is_asked_for() {
    let emu = crate::support::emulator().await;
    let dir = consented(&emu).await;
    let d = dir.path();
    preview(d, "en", &[]);
    age_by(d, &emu.base_url, 61);
    preview(d, "en", &[]);
    assert_eq!(emu.shared.requests_to(DELTA), 0);
    assert!(pages(&emu) >= 2, "the whole listing each time");
}
