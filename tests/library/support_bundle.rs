//! The support bundle as support opens it (issue 35 §7): every file of it that is JSON parses
//! (the password age's object after `"password":` was swallowed), and the app's client id — no
//! personal value, the first thing support needs — is in msteams.cfg, the audit trail and the
//! log alike.

use crate::support::{folder, unzip};
use teams_presence_admin::microsoft::flows::PasswordInfo;
use teams_presence_admin::model::audit::{Entry, What};
use teams_presence_admin::ops::check::{Report, Verdict};

const CLIENT_ID: &str = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

#[test]
fn every_json_file_of_the_bundle_parses_and_the_client_id_is_kept_everywhere() {
    let cfg = format!(
        "{{\n  \"u8sTenantId\": \"musterfirma.onmicrosoft.com\",\n  \"u8sClientId\": \"{CLIENT_ID}\"\n}}\n"
    );
    let dir = folder(&cfg);
    let d = dir.path();
    // The admin consent's record names the app by its client id.
    let entry = Entry {
        time: "2026-12-01T10:00:00Z".into(),
        by: "MUSTERFIRMA\\mmeier".into(),
        what: What::ConsentGiven {
            consent: "admin".into(),
            account: CLIENT_ID.into(),
        },
    };
    std::fs::write(
        teams_presence_admin::model::audit::path(d),
        serde_json::to_string(&entry).unwrap() + "\n",
    )
    .unwrap();
    let logs = teams_presence_admin::base::logging::place::in_folder(d).logs();
    std::fs::create_dir_all(&logs).unwrap();
    let today = chrono::Utc::now().format("%Y-%m-%d");
    std::fs::write(
        logs.join(format!("teams-presence-admin.{today}.log")),
        format!("2026-12-03T09:00:00Z  INFO teams_presence_admin::ops: admin consent for app {CLIENT_ID}\n"),
    )
    .unwrap();
    let report = Report {
        verdict: Verdict::AuthRequired,
        checked_at: "2026-12-03T09:00:00+00:00".into(),
        trace_id: None,
        correlation_id: None,
        scopes: vec![],
        password: Some(PasswordInfo {
            last_change: "2026-11-01T08:00:00Z".into(),
            never_expires: false,
        }),
        credential: None,
        steps: vec![],
        said: None,
    };
    let out = tempfile::tempdir().unwrap();
    let zip = out.path().join("bundle.zip");
    teams_presence_admin::ops::support::write(
        d,
        &zip,
        Some(&report),
        &[],
        teams_presence_admin::ops::support::Options {
            personal_data: false,
        },
    )
    .unwrap();
    let files = unzip(&zip);
    let mut parsed = 0;
    for (name, text) in &files {
        if name.ends_with(".json") || name == "msteams.cfg" {
            serde_json::from_str::<serde_json::Value>(text)
                .unwrap_or_else(|e| panic!("{name} is no JSON: {e}\n{text}"));
            parsed += 1;
        } else if name.ends_with(".jsonl") {
            for line in text.lines() {
                serde_json::from_str::<serde_json::Value>(line)
                    .unwrap_or_else(|e| panic!("{name} is no JSON lines: {e}\n{line}"));
            }
            parsed += 1;
        }
    }
    assert!(parsed >= 6, "{parsed} JSON files in {files:?}");
    let file = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name || n.starts_with(name))
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("{name} in the bundle"))
    };
    let status: serde_json::Value = serde_json::from_str(file("status.json")).unwrap();
    assert_eq!(status["password"]["lastChange"], "2026-11-01T08:00:00Z");
    let cfg: serde_json::Value = serde_json::from_str(file("msteams.cfg")).unwrap();
    assert_eq!(cfg["u8sClientId"], CLIENT_ID);
    let audit: serde_json::Value = serde_json::from_str(file("audit.jsonl").trim()).unwrap();
    assert_eq!(audit["account"], CLIENT_ID, "{audit}");
    assert!(file("logs/").contains(CLIENT_ID), "{}", file("logs/"));
    // The OS account stays removed.
    assert!(!file("audit.jsonl").contains("mmeier"));
}
