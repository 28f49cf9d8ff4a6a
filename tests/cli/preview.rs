//! `matching preview` as the built binary, on the demo folder and the emulator's demo tenant.

use crate::support::{bin, give_user_consent};
use std::process::Output;
use teams_presence_admin::{base::paths, front::demo};

/// `matching ACTION --users` the demo's export, in English.
fn matching(action: &str, dir: &std::path::Path, extra: &[&str]) -> Output {
    bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(["matching", action, "--users"])
        .arg(demo::sample_users(dir))
        .args(extra)
        .output()
        .unwrap()
}

fn preview(dir: &std::path::Path, extra: &[&str]) -> Output {
    matching("preview", dir, extra)
}

#[tokio::test(flavor = "multi_thread")]
async fn preview_lists_what_needs_attention_and_json_has_every_row() {
    let emu = crate::support::emulator().await;
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();

    // Without a consent: the tenant cannot be read, and the message says what to do.
    let o = preview(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(5));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Give \"User consent\""), "{err}");

    let settings = demo::emulator_settings(&emu.base_url, "musterfirma.onmicrosoft.com");
    give_user_consent(
        &settings,
        &paths::secrets(dir.path()),
        "admin@musterfirma.de",
    )
    .await
    .unwrap();
    let o = preview(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "users without a match: exit 1");
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "The integration is switched off; the preview shows all users as if it were switched on for everybody.",
            "sophie.wagner@musterfirma.local: no match; line 2 names the user with an account that does not exist as written — suggestion: change line 2 to Sophie.Wagner@musterfirma.de (same name before the @)",
            "lena@musterfirma.local: no match; suggestion lena.frisch@musterfirma.de (same display name)",
            "juergen.mueller@musterfirma.local: no match; suggestion juergen.mueller@musterfirma.de (same name before the @)",
            "zentrale@musterfirma.local: ambiguous, lines 5, 6 name it with different accounts",
            "empfang@musterfirma.local: no match",
            "Line 2: \"sophie.wagner@musterfirma.de\" differs from Sophie.Wagner@musterfirma.de only in letter case and so never matches.",
            "Line 4: the Azure AD account \"ehemalig.alt@musterfirma.de\" does not exist in the tenant; the line has no effect.",
            "9 UCServer users in the activation scope: 2 with the same UPN, 2 through usermatching.csv, 4 without a match, 1 ambiguous (9 accounts in the tenant).",
        ]
    );

    let o = preview(dir.path(), &["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["counts"]["sameUpn"], 2);
    assert_eq!(v["rows"].as_array().unwrap().len(), 9);
    assert_eq!(v["rows"][1]["match"], "mapping");
    assert_eq!(v["rows"][1]["teamsUpn"], "mmu@musterfirma.de");
    assert_eq!(v["rows"][1]["lines"], serde_json::json!([1]));
    assert_eq!(v["caseFixes"][0]["line"], 2);
    assert_eq!(
        v["unknownLines"],
        serde_json::json!([{ "line": 4, "account": "ehemalig.alt@musterfirma.de" }])
    );
    // Sophie is on line 2 already: the line to change, not a new one.
    let sophie = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["user"] == "sophie.wagner@musterfirma.local")
        .unwrap();
    assert_eq!(sophie["line"], 2);

    // A line naming an account with a C1 control and a bidirectional override: the streamed JSON
    // writes them as \uXXXX (the terminal never sees them raw), and reads back as the same name.
    let matching = paths::usermatching(dir.path());
    let mut text = std::fs::read_to_string(&matching).unwrap();
    text.push_str("x\u{9b}2J\u{202e}@musterfirma.de,egal\n");
    std::fs::write(&matching, text).unwrap();
    let o = preview(dir.path(), &["--json"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains(['\u{9b}', '\u{202e}']), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let unknown = v["unknownLines"].as_array().unwrap();
    assert_eq!(
        unknown.last().unwrap()["account"],
        "x\u{9b}2J\u{202e}@musterfirma.de"
    );
}

/// `matching fix --case` (issue 26 §8): the same core as the window's "Correct all": the tenant
/// read with the stored consent, each line written in its UPN's letter case, the rest of the
/// file as it was, written once with its backup.
#[tokio::test(flavor = "multi_thread")]
async fn matching_fix_case_writes_each_upn_in_its_letter_case() {
    let emu = crate::support::emulator().await;
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    let csv = paths::usermatching(dir.path());
    let before = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(
        &csv,
        format!(
            "{before}JUERGEN.MUELLER@musterfirma.de,juergen@musterfirma.local\n\
             MMU@musterfirma.de,mmu-2@musterfirma.local\n"
        ),
    )
    .unwrap();
    let settings = demo::emulator_settings(&emu.base_url, "musterfirma.onmicrosoft.com");
    give_user_consent(
        &settings,
        &paths::secrets(dir.path()),
        "admin@musterfirma.de",
    )
    .await
    .unwrap();
    let o = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir.path())
        .args(["matching", "fix", "--case"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("3 lines write a UPN in other letter case than the tenant."),
        "{out}"
    );
    assert!(
        out.contains("but mmu@musterfirma.de is on line 1 already"),
        "{out}"
    );
    assert!(
        out.contains("usermatching.csv was repaired and saved"),
        "{out}"
    );
    let after = std::fs::read_to_string(&csv).unwrap();
    assert!(
        after.contains("Sophie.Wagner@musterfirma.de,sophie.wagner@musterfirma.local"),
        "{after}"
    );
    assert!(
        after.contains("juergen.mueller@musterfirma.de,juergen@musterfirma.local"),
        "{after}"
    );
    // Issue 35 §6: "MMU@" written as the tenant's "mmu@" would name the account of line 1 a
    // second time: not fixed, and said.
    assert!(
        after.contains("MMU@musterfirma.de,mmu-2@musterfirma.local"),
        "{after}"
    );
    assert_eq!(after.lines().count(), before.lines().count() + 2);
    // Without a consent: the tenant cannot be read, nothing is written.
    std::fs::remove_file(paths::secrets(dir.path())).unwrap();
    let o = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir.path())
        .args(["matching", "fix", "--case"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), after);
}

fn presence(dir: &std::path::Path, extra: &[&str]) -> Output {
    matching("presence", dir, extra)
}

/// `matching presence` (issue 27 §4): the demo tenant's four matched users read live — three
/// with a presence, one without a Teams licence named with what to do; exit 1 for it.
#[tokio::test(flavor = "multi_thread")]
async fn matching_presence_names_each_user_without_a_readable_presence() {
    let emu = crate::support::emulator().await;
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    let o = presence(dir.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(5),
        "no consent: the tenant cannot be read"
    );
    let settings = demo::emulator_settings(&emu.base_url, "musterfirma.onmicrosoft.com");
    let secrets = paths::secrets(dir.path());
    give_user_consent(&settings, &secrets, "admin@musterfirma.de")
        .await
        .unwrap();
    let batches = || {
        emu.shared
            .requests_to("POST /v1.0/communications/getPresencesByUserId")
    };
    let before = batches();
    let o = presence(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(
        lines[0],
        "emily.jones@musterfirma.de → emily.jones@musterfirma.de: No Teams presence"
    );
    assert!(
        lines[1].starts_with("One account has no Teams presence (Microsoft: \"PresenceUnknown\")")
            && lines[1].contains("assign \"Microsoft Teams\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].ends_with(
            "4 matched users, 3 with a readable presence, 1 without · one request, no retry"
        ),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], "Available: 1 · Away: 1 · Offline: 1");
    assert!(
        lines[4]
            .starts_with("The service will follow 4 Teams accounts: reading all takes one request")
    );
    assert_eq!(batches() - before, 1, "one request for four accounts");

    let all = presence(dir.path(), &["--all"]);
    let out = String::from_utf8_lossy(&all.stdout);
    assert!(out.contains("jsmith@musterfirma.local → john.smith@musterfirma.de: Available\n"));
    assert!(out.contains("markus.mustermann@musterfirma.local → mmu@musterfirma.de: Away\n"));

    let json = presence(dir.path(), &["--json"]);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        (v["matched"].as_u64(), v["readable"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(v["without"], serde_json::json!({ "no-teams": 1 }));
    assert_eq!(v["requests"], 1);
    assert_eq!(v["capacity"]["requestsPerRead"], 1);
    let emily = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["teamsUpn"] == "emily.jones@musterfirma.de")
        .unwrap();
    assert_eq!(
        (emily["readable"].as_bool(), emily["reason"].as_str()),
        (Some(false), Some("no-teams"))
    );

    // Once Emily has a licence, every matched user is readable: exit 0.
    emu.shared
        .world()
        .users
        .iter_mut()
        .for_each(|u| u.teams = true);
    let o = presence(dir.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// `matching presence` (issue 27) as the built binary against a generated tenant of 1,300 accounts
/// with a throttling fault (every second presence request 429, "Retry-After: 0"): every state
/// counted, the unlicensed and the disabled accounts named with their reasons, the requests
/// ⌈1,300/650⌉ = 2 plus the retries, as the emulator counted them.
#[tokio::test(flavor = "multi_thread")]
async fn matching_presence_counts_states_and_reasons_through_a_throttle() {
    use entra_emulator::faults::PresenceThrottle;
    use entra_emulator::{Faults, World};
    const N: usize = 1_300;
    let emu = crate::support::emulator_with(World::generated(N), Faults::default()).await;
    let settings = demo::emulator_settings(&emu.base_url, "bigcorp.onmicrosoft.com");
    let cfg = teams_presence_admin::model::config::render(None, &settings)
        .unwrap()
        .unwrap();
    let dir = crate::support::folder(std::str::from_utf8(&cfg).unwrap());
    let export: String = std::iter::once("Benutzername;Anzeigename;Gruppen\r\n".to_owned())
        .chain((0..N).map(|i| format!("user{i:06}@bigcorp.example;User {i:06};Vertrieb\r\n")))
        .collect();
    std::fs::write(demo::sample_users(dir.path()), export).unwrap();
    give_user_consent(
        &settings,
        &paths::secrets(dir.path()),
        "user000000@bigcorp.example",
    )
    .await
    .unwrap();
    emu.shared.set_faults(Faults {
        presence_throttle: Some(PresenceThrottle {
            every: 2,
            retry_after_seconds: Some(0),
        }),
        ..Faults::default()
    });
    let path = "POST /v1.0/communications/getPresencesByUserId";
    let before = emu.shared.requests_to(path);
    let o = presence(dir.path(), &["--json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // Every 50th account from the 49th has no Teams licence (26), every 250th from the 125th is
    // disabled (5: 125, 375, 625, 875, 1125).
    assert_eq!(v["matched"], 1_300);
    assert_eq!(
        v["without"],
        serde_json::json!({ "no-teams": 26, "missing": 5 })
    );
    assert_eq!(v["readable"], 1_300 - 31);
    let requests = v["requests"].as_u64().unwrap();
    let retries = v["retries"].as_u64().unwrap();
    assert!(retries >= 1, "the throttle was met");
    assert_eq!(requests, 2 + retries, "⌈1,300/650⌉ plus the retries");
    assert_eq!((emu.shared.requests_to(path) - before) as u64, requests);
    let states = &v["byAvailability"];
    let sum: u64 = states
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(sum, 1_300 - 31);
    assert!(states["Offline"].as_u64().unwrap() > 0 && states["Busy"].as_u64().unwrap() > 0);

    emu.shared.set_faults(Faults::default());
    let o = presence(dir.path(), &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(
            "user000049@bigcorp.example → user000049@bigcorp.example: No Teams presence\n"
        )
    );
    assert!(out.contains(
        "user000125@bigcorp.example → user000125@bigcorp.example: Not in Microsoft's answer\n"
    ));
    assert!(out.contains("26 accounts have no Teams presence"), "{out}");
    assert!(out.contains("5 accounts are missing from Microsoft's answer – disabled, deleted"));
    assert!(out.contains(
        "1,300 matched users, 1,269 with a readable presence, 31 without · 2 requests, no retry"
    ));
    assert!(
        out.contains("The service will follow 1,300 Teams accounts: reading all takes 2 requests"),
        "{out}"
    );
    assert!(
        out.contains("1,300 accounts are more than one account can follow by change notifications")
    );
}
