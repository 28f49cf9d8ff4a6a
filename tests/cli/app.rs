//! `app create|renew|remove` as the built binary against the emulator, the test walking every
//! printed URL as the administrator would in the browser: from "Auth required" to authorized in
//! one run, the round trips the pane made, renewal, removal.

use entra_emulator::walker::Walker;
use std::io::BufRead;
use std::path::Path;
use teams_presence_admin::model::secrets::Secrets;
use teams_presence_admin::{base::paths, front::demo};

use crate::support::bin;

const ADMIN: &str = "admin@musterfirma.de";

/// Runs the command; walks every URL it prints on `url_stream` (stdout, or stderr with
/// `--json`) as the administrator; returns the exit code, stdout and stderr.
async fn run_walking(
    dir: &Path,
    args: &[&str],
    urls_on_stderr: bool,
) -> (Option<i32>, String, String) {
    let mut child = crate::support::spawn_in(dir, args);
    let (out, err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let read = |stream: Box<dyn std::io::Read + Send>, walk: bool| {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut all = String::new();
            for line in std::io::BufReader::new(stream).lines() {
                let line = line.unwrap();
                if walk && line.starts_with("http") {
                    tx.send(line.clone()).unwrap();
                }
                all.push_str(&line);
                all.push('\n');
            }
            all
        })
    };
    let out = read(Box::new(out), !urls_on_stderr);
    let err = read(Box::new(err), urls_on_stderr);
    drop(tx);
    while let Some(url) = rx.recv().await {
        Walker::accepting(ADMIN).walk(&url).await.unwrap();
    }
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    (child.wait().unwrap().code(), out, err)
}

fn status(dir: &Path) -> (Option<i32>, serde_json::Value) {
    let o = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(["status", "--json"])
        .output()
        .unwrap();
    (o.status.code(), serde_json::from_slice(&o.stdout).unwrap())
}

fn client_id(dir: &Path) -> String {
    let cfg = std::fs::read(paths::msteams_cfg(dir)).unwrap();
    teams_presence_admin::model::config::parse(Some(&cfg))
        .unwrap()
        .client_id
}

#[tokio::test(flavor = "multi_thread")]
async fn app_create_goes_from_auth_required_to_authorized_then_renews_and_removes() {
    let emu = crate::support::emulator().await;
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    // No consent and no credential yet: "Auth required".
    std::fs::remove_file(paths::secrets(dir.path())).unwrap();
    let before = client_id(dir.path());
    assert_eq!(status(dir.path()).1["verdict"]["state"], "auth-required");

    let start = emu.shared.requests().len();
    let (code, out, err) = run_walking(
        dir.path(),
        &[
            "app",
            "create",
            "--name",
            "ProCall Präsenz",
            "--no-browser",
            "--json",
        ],
        true,
    )
    .await;
    assert_eq!(code, Some(0), "{out}\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["authorized"], true);
    let done: Vec<&str> = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["outcome"]["state"] == "done")
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        done,
        [
            "sign-in",
            "application",
            "service-principal",
            "credential",
            "client-id",
            "admin-consent",
            "user-consent"
        ]
    );
    // The pane's own round trips (not the browser's pages).
    let pane: Vec<String> = emu.shared.requests()[start..]
        .iter()
        .filter(|r| !r.contains("/authorize") && !r.contains("/adminconsent"))
        .cloned()
        .collect();
    // Seven, and the tenant's domain resolved to its id once, to compare with the id tokens'
    // `tid` (issue 24 §4).
    assert_eq!(pane.len(), 8, "{pane:#?}");

    let new_id = report["created"]["clientId"].as_str().unwrap().to_owned();
    assert_ne!(new_id, before);
    assert_eq!(
        client_id(dir.path()),
        new_id,
        "u8sClientId written through the save"
    );
    let (_, secrets) = Secrets::load(&paths::secrets(dir.path())).unwrap();
    let cert = secrets
        .client_certificate
        .clone()
        .expect("a certificate, the default");
    assert!(secrets.client_secret.is_none());
    let info = secrets.registration.clone().unwrap();
    assert_eq!(
        (info.client_id.as_str(), info.credential.as_str()),
        (new_id.as_str(), "certificate")
    );
    // The trail names what was done, never a secret.
    let trail =
        std::fs::read_to_string(teams_presence_admin::model::audit::path(dir.path())).unwrap();
    for what in ["\"app-created\"", "\"consent-given\"", "\"u8sClientId\""] {
        assert!(trail.contains(what), "{what} in {trail}");
    }
    assert!(
        !trail.contains(&cert.private_key[..40]),
        "no private key in the trail"
    );
    let (code, s) = status(dir.path());
    assert_eq!(
        (code, s["verdict"]["state"].as_str()),
        (Some(0), Some("authorized")),
        "{s}"
    );

    // The support bundle holds the status and what happened, never a secret of the folder nor a
    // token or code the pane held (the log saw the sign-ins and the checks).
    let (_, held) = Secrets::load(&paths::secrets(dir.path())).unwrap();
    // Outside the UCServer folder: a bundle is never written into it.
    let elsewhere = tempfile::tempdir().unwrap();
    let bundle = elsewhere.path().join("support.zip");
    let o = crate::support::bin()
        .args(["--lang", "en", "--log-level", "debug", "--ucserver-dir"])
        .arg(dir.path())
        .arg("support-bundle")
        .arg(&bundle)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let texts = crate::support::unzip(&bundle);
    let names: Vec<&str> = texts.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "status.json",
        "msteams.cfg",
        "secrets-summary.json",
        "audit.jsonl",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("logs/")), "{names:?}");
    let all: String = texts.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("\"authorized\""), "the status is in it");
    let secrets = [
        held.refresh_token.clone().unwrap(),
        held.client_certificate
            .as_ref()
            .unwrap()
            .private_key
            .clone(),
    ];
    for secret in &secrets {
        assert!(!all.contains(secret.as_str()), "a secret in the bundle");
        assert!(
            !all.contains(&secret[..24]),
            "a part of a secret in the bundle"
        );
    }
    assert!(
        !all.contains("eyJ0eX") && !all.contains("eyJhbG"),
        "a token in the bundle"
    );
    assert!(
        !all.contains("admin@musterfirma.de"),
        "no account without --personal-data"
    );

    let (code, out, err) = run_walking(dir.path(), &["app", "renew", "--no-browser"], false).await;
    assert_eq!(code, Some(0), "{out}\n{err}");
    let (_, renewed) = Secrets::load(&paths::secrets(dir.path())).unwrap();
    let new_cert = renewed.client_certificate.unwrap();
    assert_ne!(new_cert.thumbprint, cert.thumbprint);
    assert_ne!(renewed.registration.unwrap().key_id, info.key_id);
    assert_eq!(
        status(dir.path()).0,
        Some(0),
        "authorized with the new certificate"
    );

    let (code, out, err) = run_walking(dir.path(), &["app", "remove", "--no-browser"], false).await;
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert_eq!(client_id(dir.path()), before, "u8sClientId as before");
    let (_, after) = Secrets::load(&paths::secrets(dir.path())).unwrap();
    assert!(after.registration.is_none() && after.client_certificate.is_none());
    // What belonged to the removed app is gone with it (issue 24 §5): its refresh token and both
    // consents' records.
    assert_eq!(
        (
            after.refresh_token.is_some(),
            after.user_consent.is_some(),
            after.admin_consent.is_some()
        ),
        (false, false, false),
        "{after:?}"
    );
    assert!(
        emu.shared
            .world()
            .apps
            .iter()
            .all(|a| a.client_id.to_string() != new_id),
        "the application is deleted in Entra ID"
    );
}
