//! "Überwachung" in the settings tab (issue 37): opened, it shows the watch file's state and runs
//! as the worker read them; "Install schedule" writes the systemd units (to TPA_SYSTEMD_DIR),
//! "Remove schedule" removes them, "Send test message" names a failing channel.
//! Not on Windows: the section installs a systemd timer here; under Wine `schtasks /query` answers
//! "found" for any task name, so the state it shows is not the task's (docs/windows.md's check list).

#![cfg(not(windows))]

use crate::support::gui::{folder, harness, settle};
use egui_kittest::kittest::Queryable;
use teams_presence_admin::base::i18n::Lang;

const WATCH_FILE: &str = r#"{
  "settings": {"eventLog": false, "webhook": true},
  "state": {"reported": "reconsent-user", "reportedSince": "2026-06-01T08:15:00Z", "lastAlert": "2026-06-01T08:15:00Z"},
  "runs": [
    {"at": "2026-06-01T08:00:00Z", "condition": "authorized", "nagios": 0, "millis": 12},
    {"at": "2026-06-01T08:15:00Z", "condition": "reconsent-user", "nagios": 2, "millis": 9,
     "alerts": [{"alert": "broken", "condition": "reconsent-user"}],
     "failed": [{"channel": "webhook", "detail": "the webhook answered 500"}]}
  ]
}"#;

#[test]
fn the_watch_section_shows_the_state_and_installs_and_removes_the_schedule() {
    let units = tempfile::tempdir().unwrap();
    // SAFETY: no other test of this binary reads or writes TPA_SYSTEMD_DIR.
    unsafe { std::env::set_var("TPA_SYSTEMD_DIR", units.path()) };
    let dir = folder("{}\n");
    std::fs::write(
        dir.path().join("config/teams-presence-admin-watch.json"),
        WATCH_FILE,
    )
    .unwrap();
    let mut h = harness(dir.path(), Lang::En);
    h.get_by_label("Watching (alerts between visits)").click();
    settle(&mut h, |app| {
        app.state.watch.task.result().is_some() && !app.state.watch.task.is_running()
    });
    h.get_by_label("Schedule: none (teams-presence-admin watch install).");
    h.get_by_label("Alerts go to: webhook");
    h.get_by_label_contains("Last told: \"User consent\" must be given again.");
    h.get_by_label_contains(
        "\"User consent\" must be given again. (9 ms) · alerts: 1 · failed: webhook",
    );
    h.get_by_label_contains("Authorized (12 ms) · alerts: 0 · failed: -");

    h.get_by_label("Install schedule (every 15 minutes)")
        .click();
    settle(&mut h, |app| !app.state.watch.task.is_running());
    h.get_by_label_contains("The check runs every 15 minutes");
    let timer =
        std::fs::read_to_string(units.path().join("teams-presence-admin-watch.timer")).unwrap();
    assert!(timer.contains("OnUnitActiveSec=15min"), "{timer}");
    h.get_by_label_contains("Schedule: ");

    // The webhook has no address stored: the test message names the failing channel.
    h.get_by_label("Send test message").click();
    settle(&mut h, |app| !app.state.watch.task.is_running());
    h.get_by_label_contains(
        "The alert channel webhook failed: its address is not stored; set it again with watch set.",
    );

    h.get_by_label("Remove schedule").click();
    settle(&mut h, |app| !app.state.watch.task.is_running());
    h.get_by_label("The schedule was removed.");
    h.get_by_label("Schedule: none (teams-presence-admin watch install).");
    assert_eq!(std::fs::read_dir(units.path()).unwrap().count(), 0);
}
