//! `consent user|admin --no-browser` and `status` as the built binary, against the emulator,
//! with the test walking the printed URL as the administrator would in a browser.

use entra_emulator::walker::Walker;
use entra_emulator::{Faults, state};
use std::io::BufRead;
use std::process::{Output, Stdio};
use teams_presence_admin::{base::paths, front::demo};

use crate::support::bin;

fn status(dir: &std::path::Path) -> (Option<i32>, serde_json::Value, String) {
    let o: Output = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(["status", "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    (o.status.code(), serde_json::from_str(&text).unwrap(), text)
}

async fn walk(url: String, user: &str, action: &str) {
    let walker = Walker {
        action: action.into(),
        ..Walker::accepting(user)
    };
    walker.walk(&url).await.unwrap();
}

/// Prepares a demo UCServer folder on the emulator at `base_url`.
fn demo_folder(base_url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), base_url).unwrap();
    dir
}

/// Runs `consent KIND --no-browser`, walks the URL it prints, returns its exit code and output.
async fn consent(dir: &std::path::Path, kind: &str, user: &str) -> (Option<i32>, String) {
    let mut child = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(["consent", kind, "--no-browser"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut url = String::new();
    out.read_line(&mut url).unwrap();
    walk(url.trim().to_owned(), user, "accept").await;
    let mut rest = String::new();
    for line in out.lines() {
        rest.push_str(&line.unwrap());
        rest.push('\n');
    }
    // What the command logged goes into the output the tests look at, too.
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    rest.push_str(&err);
    (child.wait().unwrap().code(), rest)
}

#[tokio::test(flavor = "multi_thread")]
async fn from_auth_required_to_authorized_and_back_to_reconsent() {
    let emu = crate::support::emulator().await;
    let dir = demo_folder(&emu.base_url);

    let (code, json, _) = status(dir.path());
    assert_eq!(
        (code, json["verdict"]["state"].as_str()),
        (Some(3), Some("auth-required"))
    );

    let (code, out) = consent(dir.path(), "user", "max.mustermann@musterfirma.de").await;
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("was given by max.mustermann@musterfirma.de"),
        "{out}"
    );
    let (code, json, _) = status(dir.path());
    assert_eq!(code, Some(3));
    assert_eq!(json["verdict"]["state"], "read-only");
    assert_eq!(json["verdict"]["verifiable"], true);

    let (code, admin_out) = consent(dir.path(), "admin", "admin@musterfirma.de").await;
    assert_eq!(code, Some(0), "{admin_out}");
    assert!(admin_out.contains("given and verified"), "{admin_out}");
    let (code, json, text) = status(dir.path());
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(json["verdict"]["state"], "authorized");
    assert_eq!(json["verdict"]["write"]["proof"], "verified");
    // No token or secret in the output, nor in msteams.cfg.
    let secrets = std::fs::read_to_string(paths::secrets(dir.path())).unwrap();
    let stored: serde_json::Value = serde_json::from_str(&secrets).unwrap();
    let rt = stored["refreshToken"].as_str().unwrap();
    for shown in [&text, &out, &admin_out] {
        assert!(!shown.contains(rt), "a refresh token in the output");
        assert!(!shown.contains("eyJ"), "a JWT in the output");
        assert!(
            !shown.contains(state::DEMO_CLIENT_SECRET),
            "the client secret in the output"
        );
    }
    let cfg = std::fs::read_to_string(paths::msteams_cfg(dir.path())).unwrap();
    assert!(!cfg.contains(rt) && !cfg.contains(state::DEMO_CLIENT_SECRET));

    // Both consents are in the audit trail, each with who ran the pane and Microsoft's account.
    let o = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir.path())
        .args(["audit", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success() && o.stderr.is_empty(), "{o:?}");
    let trail: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let consents: Vec<(String, String)> = trail
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["what"] == "consent-given")
        .map(|e| {
            assert!(!e["by"].as_str().unwrap().is_empty(), "{e}");
            let s = |k: &str| e[k].as_str().unwrap().to_owned();
            (s("consent"), s("account"))
        })
        .collect();
    assert_eq!(
        consents,
        [
            ("user".into(), "max.mustermann@musterfirma.de".into()),
            ("admin".into(), state::DEMO_CLIENT_ID.into())
        ]
    );

    // The password was changed: the user consent must be given again (exit 4), with guidance.
    emu.shared.set_faults(Faults {
        password_changed: true,
        ..Default::default()
    });
    let o = bin()
        .args(["--lang", "de", "--ucserver-dir"])
        .arg(dir.path())
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("„Zustimmung des Benutzers“ muss erneut erteilt werden"),
        "{text}"
    );
    assert!(
        text.contains("AADSTS50173") && text.contains("Correlation ID"),
        "{text}"
    );

    emu.shared.set_faults(Faults {
        client_secret_expired: true,
        ..Default::default()
    });
    let (code, json, _) = status(dir.path());
    assert_eq!(
        (code, json["verdict"]["state"].as_str()),
        (Some(6), Some("misconfigured"))
    );
    assert_eq!(json["verdict"]["code"], 7000222);
}

#[test]
fn unreachable_microsoft_is_exit_5_with_the_stage() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on port 9 of loopback: the connection is refused.
    demo::prepare(dir.path(), "http://127.0.0.1:9").unwrap();
    let secrets = paths::secrets(dir.path());
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&secrets).unwrap()).unwrap();
    s["refreshToken"] = "stale".into();
    std::fs::write(&secrets, s.to_string()).unwrap();
    let (code, json, _) = status(dir.path());
    assert_eq!(code, Some(5));
    assert_eq!(
        json["verdict"],
        serde_json::json!({"state": "unreachable", "stage": "connect"})
    );
}

#[test]
fn consent_forget_removes_the_stored_consent_only() {
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), "http://127.0.0.1:9").unwrap();
    let secrets = paths::secrets(dir.path());
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&secrets).unwrap()).unwrap();
    s["refreshToken"] = "rt".into();
    s["userConsent"] = serde_json::json!({"upn": "a@b.de", "objectId": "x", "consentedAt": "2026-01-01T00:00:00Z", "scopes": [], "lastRefresh": "2026-01-01T00:00:00Z"});
    std::fs::write(&secrets, s.to_string()).unwrap();
    let o = bin()
        .arg("--ucserver-dir")
        .arg(dir.path())
        .args(["consent", "forget"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let after: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&secrets).unwrap()).unwrap();
    assert!(
        after.get("refreshToken").is_none() && after.get("userConsent").is_none(),
        "{after}"
    );
    assert_eq!(
        after["clientSecret"],
        state::DEMO_CLIENT_SECRET,
        "the client secret stays"
    );
}

/// The estos app's case: no client secret at hand. Microsoft's report of the admin consent is
/// recorded; the status is authorized with a note (exit 0), after a check and a restart alike,
/// until "forget" removes the record.
#[tokio::test(flavor = "multi_thread")]
async fn an_admin_consent_without_a_secret_is_granted_not_verifiable() {
    let emu = crate::support::emulator().await;
    let dir = demo_folder(&emu.base_url);
    let secrets = paths::secrets(dir.path());
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&secrets).unwrap()).unwrap();
    s.as_object_mut().unwrap().remove("clientSecret");
    std::fs::write(&secrets, s.to_string()).unwrap();

    let (code, out) = consent(dir.path(), "user", "max.mustermann@musterfirma.de").await;
    assert_eq!(code, Some(0), "{out}");
    let (code, json, _) = status(dir.path());
    assert_eq!(
        (code, json["verdict"]["state"].as_str()),
        (Some(3), Some("read-only"))
    );

    let (code, out) = consent(dir.path(), "admin", "admin@musterfirma.de").await;
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Microsoft confirmed"), "{out}");
    // Every later status (a new process each time, as after a restart) says the same.
    for _ in 0..2 {
        let (code, json, text) = status(dir.path());
        assert_eq!(code, Some(0), "{text}");
        assert_eq!(json["verdict"]["state"], "authorized");
        assert_eq!(json["verdict"]["write"]["proof"], "reported");
        assert!(
            json["verdict"]["write"]["at"]
                .as_str()
                .is_some_and(|t| t.starts_with("20"))
        );
    }
    let o = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir.path())
        .arg("status")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("not verifiable here"), "{text}");

    let o = bin()
        .arg("--ucserver-dir")
        .arg(dir.path())
        .args(["consent", "forget"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let (code, json, _) = status(dir.path());
    assert_eq!(
        (code, json["verdict"]["state"].as_str()),
        (Some(3), Some("auth-required"))
    );
}

/// `write-test`: with both consents, Busy is set for a colleague with the app's permission, read
/// back and cleared; without --yes and without a terminal to ask on, nothing is set.
#[tokio::test(flavor = "multi_thread")]
async fn write_test_sets_reads_back_and_clears_a_presence() {
    let emu = crate::support::emulator().await;
    let dir = demo_folder(&emu.base_url);
    let run = |args: &[&str]| {
        bin()
            .args(["--lang", "en", "--ucserver-dir"])
            .arg(dir.path())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let o = run(&["write-test", "max.mustermann@musterfirma.de"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("only with --yes"));

    assert_eq!(
        consent(dir.path(), "user", "admin@musterfirma.de").await.0,
        Some(0)
    );
    assert_eq!(
        consent(dir.path(), "admin", "admin@musterfirma.de").await.0,
        Some(0)
    );
    let writes_before = emu.shared.requests_to("POST /v1.0/users/");
    let o = run(&["write-test", "max.mustermann@musterfirma.de", "--yes"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("read back as \"Busy (In a call)\" and cleared"),
        "{out}"
    );
    // setPresence and clearPresence, and no session left.
    assert_eq!(
        emu.shared.requests_to("POST /v1.0/users/") - writes_before,
        2
    );
    let world = emu.shared.world();
    let max = world
        .user_by_name("max.mustermann@musterfirma.de")
        .unwrap()
        .id;
    assert!(
        world
            .presence
            .get(&max)
            .is_none_or(|p| p.sessions.is_empty())
    );
}

/// `diagnose`: after the network's stages, the check's requests with their times — the app token
/// alone before any consent, all three once both consents are given, and a failed refresh (exit 5)
/// pointing to the consents' verdict after the password was changed.
#[tokio::test(flavor = "multi_thread")]
async fn diagnose_times_the_sign_in_and_graph_requests_of_the_check() {
    let emu = crate::support::emulator().await;
    let dir = demo_folder(&emu.base_url);
    let diagnose = |lang: &str, json: bool| {
        let mut cmd = bin();
        cmd.args(["--lang", lang, "--ucserver-dir"])
            .arg(dir.path())
            .arg("diagnose");
        if json {
            cmd.arg("--json");
        }
        let o = cmd.output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let refresh = "OAuth (the stored refresh token redeemed)";
    let read = "Graph (a presence read)";
    let app = "OAuth (app token by client credentials)";

    // The demo stores the app's secret: its token is fetched before any consent.
    let (code, out) = diagnose("en", false);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Sign-in and Graph"), "{out}");
    assert!(out.contains(&format!("{app}: ok (")), "{out}");
    assert!(!out.contains(refresh), "{out}");

    consent(dir.path(), "user", "max.mustermann@musterfirma.de").await;
    consent(dir.path(), "admin", "admin@musterfirma.de").await;
    let (code, out) = diagnose("en", false);
    assert_eq!(code, Some(0), "{out}");
    for step in [refresh, read, app] {
        assert!(out.contains(&format!("{step}: ok (")), "{step}: {out}");
    }
    assert!(out.contains("Consents: Authorized"), "{out}");
    let (_, out) = diagnose("de", false);
    assert!(
        out.contains("OAuth (gespeichertes Refresh-Token eingelöst): in Ordnung ("),
        "{out}"
    );
    let (_, out) = diagnose("en", true);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let steps: Vec<(&str, bool)> = json["consents"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["step"].as_str().unwrap(), s["ok"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        steps,
        [
            ("refresh", true),
            ("presence-read", true),
            ("app-token", true)
        ]
    );
    assert!(json["consents"]["steps"][0]["millis"].is_u64(), "{out}");

    emu.shared.set_faults(Faults {
        password_changed: true,
        ..Default::default()
    });
    let (code, out) = diagnose("en", false);
    assert_eq!(code, Some(5), "{out}");
    assert!(out.contains(&format!("{refresh}: failed (")), "{out}");
    assert!(out.contains("see \"Consents\""), "{out}");
    assert!(
        !out.contains(read),
        "no presence read without a token: {out}"
    );
}

/// Every file under `dir` (recursively) whose bytes hold `needle`.
fn files_holding(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if std::fs::read(&path)
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
        {
            found.push(path);
        }
    }
    found
}

/// Issue 34 §4: forgetting is always possible — with an msteams.cfg that does not parse, and
/// with a secrets file that is too large or no JSON. Exit 0, the unreadable file replaced after
/// saying so (German and English), and no refresh token left in any file of the folder.
#[test]
fn consent_forget_forgets_whatever_msteams_cfg_and_the_secrets_file_hold() {
    const TOKEN: &str = "0.AXkA-refresh-token-that-must-go";
    let good = format!(r#"{{"refreshToken":"{TOKEN}","clientSecret":"cs"}}"#);
    let huge = format!(
        r#"{{"refreshToken":"{TOKEN}","padding":"{}"}}"#,
        "x".repeat((2 << 20) - 100)
    );
    let malformed = format!(r#"{{"refreshToken":"{TOKEN}", // cut off"#);
    /// The case, msteams.cfg, the secrets file, what is said on stderr (English, German).
    type Case<'a> = (&'a str, &'a str, &'a str, Option<(&'a str, &'a str)>);
    let cases: [Case; 4] = [
        ("a comment in msteams.cfg", "{ // c\n}\n", &good, None),
        (
            "a 2 MB secrets file",
            "{}\n",
            &huge,
            Some((
                "(2 MB, where it may hold at most 1 MB)",
                "(2 MB, wo sie höchstens 1 MB enthalten darf)",
            )),
        ),
        (
            "a malformed secrets file",
            "{}\n",
            &malformed,
            Some(("not valid JSON at line 1", "kein gültiges JSON in Zeile 1")),
        ),
        (
            "both broken",
            "{ // c\n}\n",
            &malformed,
            Some(("replaced by an empty one", "durch eine leere ersetzt")),
        ),
    ];
    for (case, cfg, secrets, said) in cases {
        for (i, lang) in ["en", "de"].into_iter().enumerate() {
            let dir = crate::support::folder(cfg);
            let path = paths::secrets(dir.path());
            std::fs::write(&path, secrets).unwrap();
            let o = bin()
                .args(["--lang", lang, "--ucserver-dir"])
                .arg(dir.path())
                .args(["consent", "forget"])
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(0), "{case} ({lang}): {err}");
            assert_eq!(
                files_holding(dir.path(), TOKEN),
                Vec::<std::path::PathBuf>::new(),
                "{case} ({lang}): a file still holds the token"
            );
            let after: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert!(after.get("refreshToken").is_none(), "{case}: {after}");
            match said {
                None => {
                    assert_eq!(
                        after["clientSecret"], "cs",
                        "{case}: a readable file keeps the rest"
                    );
                    assert!(err.is_empty(), "{case} ({lang}): {err}");
                }
                Some(words) => {
                    let words = [words.0, words.1][i];
                    assert!(err.contains(words), "{case} ({lang}): {err}");
                }
            }
            assert_eq!(
                std::fs::read_to_string(paths::msteams_cfg(dir.path())).unwrap(),
                cfg,
                "{case}: msteams.cfg is not written"
            );
        }
    }
}
