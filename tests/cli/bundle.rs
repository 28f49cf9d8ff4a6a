//! The support bundle as a hostile tester reads it (issue 24 §1): every leak found before is put
//! into a folder — another program's keys in msteams.cfg, names that are not mail-shaped in the
//! activation, the audit trail and the log, secrets after their key in a log line — and none is
//! found in the zip the built binary writes.

use crate::support::{bin, folder, unzip};
use std::path::Path;
use teams_presence_admin::base::paths;
use teams_presence_admin::model::audit::{Entry, What};

const CFG: &str = r#"{
  "u8sActivationMode": "users",
  "au8sActivationUsers": ["jsmith", "MUSTERFIRMA\\mmeier", "Max Mustermann"],
  "u8sServicePassword": "Dienst-Passwort-4711",
  "u8sProxyCredential": "proxyuser:Proxy-Geheim-0815",
  "sOtherToolToken": "opaque-token-of-another-tool",
  "u8sProxyAddress": "proxy.musterfirma.local:8080"
}
"#;

/// Secrets a log line or a file of the folder held.
const SECRETS: [&str; 10] = [
    "Dienst-Passwort-4711",
    "Proxy-Geheim-0815",
    "opaque-token-of-another-tool",
    "1.AXoA-stored-refresh-token-value",
    "Stored~Client~Secret~42",
    "Log~Only~Secret~99",
    "opaque-access-token-in-log",
    "0.AXoA-log-only-refresh",
    "eyJhbGciOiJSUzI1NiJ9",
    "PKCE-verifier-in-log",
];
/// Names that are no mail address.
const NAMES: [&str; 4] = ["jsmith", "mmeier", "Max Mustermann", "Mustermann"];

fn leaky_folder() -> tempfile::TempDir {
    let dir = folder(CFG);
    let d = dir.path();
    std::fs::write(
        paths::secrets(d),
        r#"{"refreshToken": "1.AXoA-stored-refresh-token-value", "clientSecret": "Stored~Client~Secret~42"}"#,
    )
    .unwrap();
    let csv = paths::usermatching(d);
    std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
    std::fs::write(&csv, "jsmith@musterfirma.de,Max Mustermann\n").unwrap();
    let entry = |by: &str, what| {
        let e = Entry {
            time: "2026-12-01T10:00:00Z".into(),
            by: by.into(),
            what,
        };
        serde_json::to_string(&e).unwrap() + "\n"
    };
    let trail = [
        entry(
            "MUSTERFIRMA\\mmeier",
            What::Setting {
                key: "au8sActivationUsers".into(),
                old: "jsmith".into(),
                new: "jsmith, Max Mustermann".into(),
            },
        ),
        entry(
            "MUSTERFIRMA\\mmeier",
            What::ConsentGiven {
                consent: "user".into(),
                account: "jsmith".into(),
            },
        ),
        entry(
            "MUSTERFIRMA\\mmeier",
            What::Usermatching {
                added: vec!["jsmith@musterfirma.de,Max Mustermann".into()],
                removed: vec![],
            },
        ),
    ];
    std::fs::write(teams_presence_admin::model::audit::path(d), trail.concat()).unwrap();
    // Today's log, as an older build wrote it (no marks around names) and as other crates log.
    let logs = teams_presence_admin::base::logging::place::in_folder(d).logs();
    std::fs::create_dir_all(&logs).unwrap();
    let today = chrono::Utc::now().format("%Y-%m-%d");
    let log = [
        "2026-12-03T09:00:00Z  INFO teams_presence_admin::model::audit: change: 2026-12-03 10:00  MUSTERFIRMA\\mmeier  consent user: jsmith",
        "2026-12-03T09:00:01Z  INFO teams_presence_admin::model::audit: change: au8sActivationUsers: \"jsmith\" → \"jsmith, Max Mustermann\"",
        "2026-12-03T09:00:02Z DEBUG some_crate: client_secret: Log~Only~Secret~99 sent",
        "2026-12-03T09:00:03Z DEBUG some_crate: header Authorization: Bearer opaque-access-token-in-log",
        "2026-12-03T09:00:04Z DEBUG some_crate: body grant_type=refresh_token&refresh_token=0.AXoA-log-only-refresh&code_verifier=PKCE-verifier-in-log",
        "2026-12-03T09:00:05Z DEBUG some_crate: client_assertion_type=jwt-bearer&assertion=eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln",
    ];
    std::fs::write(
        logs.join(format!("teams-presence-admin.{today}.log")),
        log.join("\n") + "\n",
    )
    .unwrap();
    dir
}

fn bundle(dir: &Path, extra: &[&str]) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let zip = out.path().join("bundle.zip");
    let o = bin()
        .args(["--lang", "en", "--log-level", "debug", "--ucserver-dir"])
        .arg(dir)
        .arg("support-bundle")
        .arg(&zip)
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    unzip(&zip)
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    files
        .iter()
        .find(|(n, _)| n == name || n.starts_with(name))
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("{name} in the bundle"))
}

#[test]
fn no_secret_and_no_name_of_the_folder_is_in_the_bundle() {
    let dir = leaky_folder();
    let files = bundle(dir.path(), &[]);
    for (name, text) in &files {
        for leak in SECRETS.iter().chain(&NAMES) {
            assert!(!text.contains(leak), "{leak} in {name}:\n{text}");
        }
    }
    // What support needs is still there: the keys by name, the known values, what happened.
    let cfg: serde_json::Value = serde_json::from_str(file(&files, "msteams.cfg")).unwrap();
    assert_eq!(cfg["u8sServicePassword"], "<removed: 20 characters>");
    assert_eq!(cfg["u8sProxyCredential"], "<removed: 27 characters>");
    assert_eq!(cfg["u8sProxyAddress"], "proxy.musterfirma.local:8080");
    assert_eq!(cfg["u8sActivationMode"], "users");
    assert_eq!(
        cfg["au8sActivationUsers"],
        serde_json::json!([
            "<removed: 6 characters>",
            "<removed: 18 characters>",
            "<removed: 14 characters>"
        ])
    );
    let audit = file(&files, "audit.jsonl");
    assert!(audit.contains("\"key\":\"au8sActivationUsers\""), "{audit}");
    assert!(audit.contains("\"consent\":\"user\""), "{audit}");
    let log = file(&files, "logs/");
    assert!(log.contains("client_secret: <removed: secret>"), "{log}");
    assert!(log.contains("Authorization: <removed: secret>"), "{log}");
    // This run's own start line is in it, with the bundle's path (typed by the administrator)
    // removed where it stands.
    assert!(log.contains("started: Some(SupportBundle"), "{log}");
}

#[test]
fn with_personal_data_the_names_are_in_it_and_still_no_secret() {
    let dir = leaky_folder();
    let files = bundle(dir.path(), &["--personal-data"]);
    for (name, text) in &files {
        for leak in SECRETS {
            assert!(!text.contains(leak), "{leak} in {name}:\n{text}");
        }
    }
    assert!(file(&files, "msteams.cfg").contains("Max Mustermann"));
    assert!(file(&files, "audit.jsonl").contains("MUSTERFIRMA\\\\mmeier"));
    assert!(file(&files, "usermatching.csv").contains("jsmith@musterfirma.de"));
}

/// Issue 34 §14: an msteams.cfg the pane cannot use (a comment, a wrong type, an unknown value,
/// UTF-16) is when support is needed most. The built binary writes the bundle all the same (exit
/// 0), says so, and the bundle names where the file is broken — line, column, what — with none
/// of the file's text in it (it may hold secrets).
#[test]
fn a_broken_msteams_cfg_gets_a_bundle_that_names_where_without_its_text() {
    let utf16: String = String::from_utf16_lossy(&[0xfeff]) + "{}";
    /// The case, msteams.cfg, what the problem says, where (line, column).
    type Case<'a> = (&'a str, String, &'a str, Option<(u64, u64)>);
    let cases: [Case; 4] = [
        (
            "a comment",
            "{\n  \"u8sServicePassword\": \"Dienst-Passwort-4711\", // das Passwort\n  \"u8sTenantId\": \"x\"\n}\n".into(),
            "Comments and commas after the last entry are not allowed",
            Some((2, 49)),
        ),
        (
            "a wrong type",
            "{\n  \"u8sServicePassword\": \"Dienst-Passwort-4711\",\n  \"u8sTenantId\": 5\n}\n".into(),
            "\\\"u8sTenantId\\\" must be",
            Some((3, 3)),
        ),
        (
            "an unknown value",
            "{\n  \"u8sCloud\": \"Dienst-Passwort-4711\"\n}\n".into(),
            "has the unknown value \\\"<removed: 20 characters>\\\"",
            Some((2, 3)),
        ),
        ("UTF-16", utf16, "UTF-16", None),
    ];
    for (case, cfg, what, at) in cases {
        let dir = folder("{}");
        let bytes: Vec<u8> = if case == "UTF-16" {
            cfg.encode_utf16().flat_map(u16::to_le_bytes).collect()
        } else {
            cfg.clone().into_bytes()
        };
        std::fs::write(paths::msteams_cfg(dir.path()), bytes).unwrap();
        let out = tempfile::tempdir().unwrap();
        let zip = out.path().join("bundle.zip");
        let o = bin()
            .args(["--lang", "en", "--ucserver-dir"])
            .arg(dir.path())
            .arg("support-bundle")
            .arg(&zip)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{case}: {err}");
        assert!(
            err.contains("without a check with Microsoft"),
            "{case}: {err}"
        );
        let files = unzip(&zip);
        let problem = file(&files, "msteams-cfg-problem.json");
        assert!(problem.contains(what), "{case}: {problem}");
        let v: serde_json::Value = serde_json::from_str(problem).unwrap();
        if let Some((line, column)) = at {
            assert_eq!(
                (v["line"].as_u64(), v["column"].as_u64()),
                (Some(line), Some(column)),
                "{case}: {problem}"
            );
        }
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(file(&files, "status.json")).unwrap()["checked"],
            false,
            "{case}"
        );
        for (name, text) in &files {
            assert!(
                !text.contains("Dienst-Passwort") && !text.contains("das Passwort"),
                "{case}: {name} holds the file's text: {text}"
            );
        }
    }
}
