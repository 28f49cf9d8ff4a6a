//! "Read live presence" (issue 27) in egui_kittest on the demo: the emulator's demo tenant gives
//! its matched users Teams states and one account without a Teams licence; a throttling fault
//! makes the read wait, and "Cancel" ends it with no request after.

use crate::preview::demo_with_tenant;
use crate::support::gui::settle;
use egui_kittest::kittest::Queryable;
use std::time::Duration;

const BATCHES: &str = "POST%20/v1.0/communications/getPresencesByUserId";

/// Every file of the demo's UCServer folder and its bytes — the secrets file without the refresh
/// token's rotation (every use of the user consent stores Microsoft's new refresh token, the
/// listing's as much as this read's: the old one may be spent).
fn folder_bytes(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir(dir)
        .into_iter()
        .map(|p| {
            let mut bytes = std::fs::read(&p).unwrap_or_default();
            if p.ends_with("msteams.secrets.json") {
                let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                v["refreshToken"] = serde_json::Value::Null;
                v["userConsent"]["lastRefresh"] = serde_json::Value::Null;
                bytes = v.to_string().into_bytes();
            }
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// How many presence batch requests the emulator answered.
fn batches(rt: &tokio::runtime::Runtime, base: &str) -> u64 {
    let url = format!("{base}/_emulator/requests?prefix={BATCHES}");
    let v: serde_json::Value = rt
        .block_on(async { reqwest::get(&url).await?.json().await })
        .unwrap();
    v["count"].as_u64().unwrap()
}

#[test]
fn live_presence_shows_every_matched_user_with_counts_and_reasons() {
    let (mut h, base) = demo_with_tenant(Default::default());
    let dir = h.state().dir.clone();
    let before = folder_bytes(&dir);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sent = batches(&rt, &base);
    // Before a read: the capacity of the four accounts the service will follow.
    h.get_by_label_contains(
        "The service will follow 4 Teams accounts: reading all takes one request",
    );
    h.get_by_label("Read live presence").click();
    settle(&mut h, |app| !app.state.preview.live.task.is_running());
    assert_eq!(batches(&rt, &base) - sent, 1, "four accounts, one request");
    h.get_by_label_contains(
        "4 matched users, 3 with a readable presence, 1 without · one request, no retry",
    );
    h.get_by_label("Available: 1 · Away: 1 · Offline: 1");
    h.get_by_label_contains("One account has no Teams presence (Microsoft: \"PresenceUnknown\")");
    // The table's column: each matched user's presence, or why there is none.
    h.get_by_label("Teams presence");
    h.get_by_label("No Teams presence");
    h.get_by_label("Away");
    assert!(h.query_by_label("Available").is_some());
    // The filter shows the one without presence.
    h.get_by_label("Without presence (1)").click();
    h.run();
    assert_eq!(h.state().state.preview.shown_rows().len(), 1);
    h.get_by_label("Emily Jones");
    assert!(h.query_by_label("Markus Mustermann").is_none());
    h.get_by_label("Read live presence again");
    let after = folder_bytes(&dir);
    assert_eq!(after.len(), before.len(), "no file added");
    for (a, b) in after.iter().zip(&before) {
        assert!(a == b, "{} changed", a.0.display());
    }
}

#[test]
fn a_throttled_read_shows_the_wait_and_cancel_stops_its_requests() {
    let (mut h, base) = demo_with_tenant(Default::default());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let throttle =
        serde_json::json!({ "presenceThrottle": { "every": 1, "retryAfterSeconds": 30 } });
    rt.block_on(
        reqwest::Client::new()
            .put(format!("{base}/_emulator/faults"))
            .json(&throttle)
            .send(),
    )
    .unwrap();
    h.get_by_label("Read live presence").click();
    // The progress bar turns while the read waits: step frames instead of waiting for rest.
    let start = std::time::Instant::now();
    while h
        .state()
        .state
        .preview
        .live
        .task
        .progress()
        .is_none_or(|p| p.waiting.is_none())
    {
        assert!(start.elapsed() < Duration::from_secs(10), "no 429 seen");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(2);
    h.get_by_label_contains("Microsoft asks to wait (429): 30 s · one retry");
    let sent = batches(&rt, &base);
    h.get_by_label("Cancel").click();
    settle(&mut h, |app| !app.state.preview.live.task.is_running());
    h.get_by_label_contains("Cancelled (");
    h.get_by_label_contains("0 of 4 matched users with a readable presence, the others not read");
    h.get_by_label_contains("4 accounts are not read (cancelled, or matched since)");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(batches(&rt, &base), sent, "no request after Cancel");
}

#[test]
fn a_disabled_account_is_named_missing_from_microsofts_answer() {
    // "Empfang" matched to the demo tenant's disabled account.
    let more = "ehemalig@musterfirma.de,empfang@musterfirma.local\n";
    let (mut h, _) = crate::preview::demo_with_lines(Default::default(), more);
    h.get_by_label("Read live presence").click();
    settle(&mut h, |app| !app.state.preview.live.task.is_running());
    h.get_by_label_contains("5 matched users, 3 with a readable presence, 2 without");
    h.get_by_label_contains("One account is missing from Microsoft's answer – disabled, deleted");
    h.get_by_label_contains("One account has no Teams presence");
    h.get_by_label("Not in Microsoft's answer");
    h.get_by_label("Without presence (2)").click();
    h.run();
    assert_eq!(h.state().state.preview.shown_rows().len(), 2);
    h.get_by_label("Empfang");
}
