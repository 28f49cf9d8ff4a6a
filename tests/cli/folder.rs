//! One owner of the UCServer folder (issue 21), tried with real processes of the built binary at
//! once: two writers of msteams.cfg, of usermatching.csv, a check rotating the refresh token
//! beside "consent forget"; the lock's refusal; links, the support bundle's destination and a
//! repair with nothing to repair.

use entra_emulator::Faults;
use std::path::Path;
use std::process::{Child, Output};
use teams_presence_admin::{base::folder::Folder, base::paths, model::secrets::Secrets};

use crate::support::spawn_in as spawn;

/// A demo folder on the emulator with the user consent given.
async fn consented(emu: &entra_emulator::Running) -> tempfile::TempDir {
    let dir = crate::support::consented_demo(emu, "max.mustermann@musterfirma.de").await;
    assert!(refresh_token(dir.path()).is_some());
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    spawn(dir, args).wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const ROUNDS: usize = 25;

#[test]
fn two_config_set_processes_at_once_never_lose_a_change() {
    let (mut both_saved, mut lost) = (0, Vec::new());
    for round in 0..ROUNDS {
        let dir = crate::support::folder("{\r\n  \"iLogLevel\": 3\r\n}\r\n");
        let proxy = format!("proxy{round}.example.com:8080");
        let tenant = format!("contoso{round}.onmicrosoft.com");
        let a = spawn(dir.path(), &["config", "set", "proxy", &proxy]);
        let b = spawn(dir.path(), &["config", "set", "tenant-id", &tenant]);
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let cfg = std::fs::read_to_string(paths::msteams_cfg(dir.path())).unwrap();
        let cfg: serde_json::Value = serde_json::from_str(&cfg).unwrap();
        if a.status.success() && b.status.success() {
            both_saved += 1;
            if cfg["u8sProxyAddress"] != proxy.as_str() || cfg["u8sTenantId"] != tenant.as_str() {
                lost.push(format!("round {round}: {cfg}"));
            }
        }
        assert_eq!(cfg["iLogLevel"], 3, "a key the pane does not own was lost");
    }
    assert!(
        lost.is_empty(),
        "both said saved, a change is missing: {lost:?}"
    );
    // Both must succeed (the second waits for the first), not merely be refused.
    assert_eq!(both_saved, ROUNDS);
}

/// The exit code says whether findings remain (after `--remove-header` alone the file still has
/// semicolons), so what counts is that each says it repaired and the file holds both repairs.
#[test]
fn two_repairs_of_usermatching_at_once_never_lose_one() {
    let mut lost = Vec::new();
    for round in 0..ROUNDS {
        let dir = crate::support::folder("{}");
        let csv = dir.path().join("ExternalServiceProvider/usermatching.csv");
        std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
        // Excel's style: a header, semicolons, Windows-1252 ("ü" is 0xFC).
        std::fs::write(&csv, b"Azure AD;UCServer\r\nm\xfcller@firma.de;mueller\r\n").unwrap();
        let a = spawn(dir.path(), &["matching", "fix", "--convert"]);
        let b = spawn(dir.path(), &["matching", "fix", "--remove-header"]);
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        for o in [&a, &b] {
            assert!(text(o).contains("was repaired and saved"), "{}", text(o));
        }
        let now = std::fs::read(&csv).unwrap();
        let want: &[u8] = "müller@firma.de,mueller\r\n".as_bytes();
        if now != want {
            lost.push(format!(
                "round {round}: {:?}",
                String::from_utf8_lossy(&now)
            ));
        }
    }
    assert!(
        lost.is_empty(),
        "both said repaired, one is missing: {lost:?}"
    );
}

#[test]
fn a_writer_that_cannot_get_the_lock_is_refused_by_name_and_writes_nothing() {
    let dir = crate::support::folder("{}");
    let folder = Folder::new(dir.path());
    let held = folder.lock(&folder.msteams_cfg()).unwrap();
    let start = std::time::Instant::now();
    let o = run(
        dir.path(),
        &["config", "set", "proxy", "proxy.example.com:8080"],
    );
    let waited = start.elapsed();
    drop(held);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("another program") && text(&o).contains("msteams.cfg"),
        "{}",
        text(&o)
    );
    assert!(
        waited >= teams_presence_admin::base::folder::WAIT,
        "{waited:?}"
    );
    assert_eq!(
        std::fs::read_to_string(paths::msteams_cfg(dir.path())).unwrap(),
        "{}"
    );
    // Free again, the same command goes through.
    let o = run(
        dir.path(),
        &["config", "set", "proxy", "proxy.example.com:8080"],
    );
    assert!(o.status.success(), "{}", text(&o));
}

fn refresh_token(dir: &Path) -> Option<String> {
    Secrets::load(&paths::secrets(dir)).unwrap().1.refresh_token
}

/// `status` refreshes the token (Microsoft rotates it) while `consent forget` runs: the
/// forgotten token never comes back. The emulator answers after 300 ms so that the forget falls
/// inside the check, at a different moment each round.
#[tokio::test(flavor = "multi_thread")]
async fn forget_during_a_check_stays_forgotten() {
    let emu = crate::support::emulator().await;
    let mut came_back = Vec::new();
    for round in 0..8u64 {
        emu.shared.set_faults(Faults::default());
        let dir = consented(&emu).await;
        emu.shared.set_faults(Faults {
            latency_ms: 300,
            ..Faults::default()
        });
        let check = spawn(dir.path(), &["status", "--json"]);
        tokio::time::sleep(std::time::Duration::from_millis(100 + round * 60)).await;
        let forget = run(dir.path(), &["consent", "forget"]);
        assert!(forget.status.success(), "{}", text(&forget));
        let check = tokio::task::spawn_blocking(|| check.wait_with_output().unwrap())
            .await
            .unwrap();
        if refresh_token(dir.path()).is_some() {
            came_back.push(format!("round {round}: {}", text(&check)));
        }
    }
    assert!(
        came_back.is_empty(),
        "a forgotten token came back: {came_back:?}"
    );
}

/// Three checks at once, each rotating the refresh token: the token stored in the end is one
/// Microsoft still takes (a later check reads presence again), and the consent's record is kept.
/// Only the user consent is given: the verdict is "read-only", the read side's success.
#[tokio::test(flavor = "multi_thread")]
async fn checks_at_once_leave_a_token_that_works() {
    let emu = crate::support::emulator().await;
    let dir = consented(&emu).await;
    let secrets = paths::secrets(dir.path());
    let before = refresh_token(dir.path());
    let children: Vec<Child> = (0..3)
        .map(|_| spawn(dir.path(), &["status", "--json"]))
        .collect();
    let outs = tokio::task::spawn_blocking(move || {
        children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    for o in &outs {
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(json["verdict"]["state"], "read-only", "{}", text(o));
    }
    assert_ne!(refresh_token(dir.path()), before, "no rotation was stored");
    let (_, s) = Secrets::load(&secrets).unwrap();
    assert!(
        s.user_consent.is_some() && s.client_secret.is_some(),
        "{s:?}"
    );
    let last = run(dir.path(), &["status", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&last.stdout).unwrap();
    assert_eq!(json["verdict"]["state"], "read-only", "{}", text(&last));
}

#[cfg(unix)]
#[test]
fn an_audit_trail_that_is_a_link_is_neither_followed_nor_read() {
    let dir = crate::support::folder("{}");
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "untouched\n").unwrap();
    let trail = Folder::new(dir.path()).audit();
    std::os::unix::fs::symlink(&elsewhere, &trail).unwrap();
    let o = run(
        dir.path(),
        &["config", "set", "proxy", "proxy.example.com:8080"],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "untouched\n");
    let o = run(dir.path(), &["audit"]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("A link stands where the file should be"),
        "{}",
        text(&o)
    );
}

#[test]
fn the_support_bundle_never_replaces_a_file_of_the_folder_nor_one_that_exists() {
    let dir = crate::support::folder("{\"u8sTenantId\": \"contoso.onmicrosoft.com\"}");
    let cfg = paths::msteams_cfg(dir.path());
    let secrets = paths::secrets(dir.path());
    std::fs::write(&secrets, "{\"refreshToken\": \"kept\"}").unwrap();
    for target in [&cfg, &secrets] {
        let before = std::fs::read(target).unwrap();
        let o = run(
            dir.path(),
            &["support-bundle", target.to_str().unwrap(), "--force"],
        );
        assert!(!o.status.success(), "{}", text(&o));
        assert!(
            text(&o).contains("inside the UCServer folder"),
            "{}",
            text(&o)
        );
        assert_eq!(std::fs::read(target).unwrap(), before);
    }
    // Through a relative path with "..", too.
    let sneaky = dir.path().join("config/../config/msteams.cfg");
    let o = run(dir.path(), &["support-bundle", sneaky.to_str().unwrap()]);
    assert!(!o.status.success(), "{}", text(&o));

    let outside = tempfile::tempdir().unwrap();
    let zip = outside.path().join("bundle.zip");
    std::fs::write(&zip, "an older file").unwrap();
    let o = run(dir.path(), &["support-bundle", zip.to_str().unwrap()]);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("--force"), "{}", text(&o));
    assert_eq!(std::fs::read(&zip).unwrap(), b"an older file");
}

#[test]
fn a_repair_with_nothing_to_repair_writes_nothing() {
    let dir = crate::support::folder("{}");
    let csv = paths::usermatching(dir.path());
    std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
    std::fs::write(&csv, "max@firma.de,max\r\n").unwrap();
    let bak = teams_presence_admin::base::files::backup_path(&csv);
    std::fs::write(&bak, "the previous version\r\n").unwrap();
    let modified = std::fs::metadata(&csv).unwrap().modified().unwrap();
    let o = run(
        dir.path(),
        &["matching", "fix", "--convert", "--remove-header"],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("needs no repair"), "{}", text(&o));
    assert_eq!(std::fs::read(&csv).unwrap(), b"max@firma.de,max\r\n");
    assert_eq!(std::fs::read(&bak).unwrap(), b"the previous version\r\n");
    assert_eq!(
        std::fs::metadata(&csv).unwrap().modified().unwrap(),
        modified
    );
    assert!(
        !Folder::new(dir.path()).audit().exists(),
        "a repair was logged"
    );
}

/// A writer killed mid-write leaves `.msteams.secrets.json.XXXX.tmp` holding a token: "forget"
/// removes it too, however fresh it is.
#[test]
fn forget_removes_a_killed_writers_copy_of_the_secrets() {
    let dir = crate::support::folder("{}");
    let secrets = paths::secrets(dir.path());
    std::fs::write(&secrets, r#"{"refreshToken": "0.stored"}"#).unwrap();
    let copy = dir.path().join("config/.msteams.secrets.json.k1ll3d.tmp");
    std::fs::write(&copy, r#"{"refreshToken": "0.in-the-copy"}"#).unwrap();
    let o = run(dir.path(), &["consent", "forget"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        !copy.exists(),
        "the killed writer's copy of the token survived"
    );
    assert_eq!(refresh_token(dir.path()), None);
}
