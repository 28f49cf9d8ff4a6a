//! The watch's Windows parts as Windows programs (issue 37; run under Wine by `scripts/windows
//! test`): `watch install` registers the scheduled task (`schtasks /query` finds it), `watch remove`
//! removes it; an event is written to the Application log under the pane's source, registered as
//! the MSI registers it. What Wine cannot show — the event in the Event Viewer with its text, the
//! task running as SYSTEM — is on the real-Windows check list (docs/windows.md).

#![cfg(windows)]

use teams_presence_admin::platform::{eventlog, schedule};

fn query() -> bool {
    std::process::Command::new("schtasks.exe")
        .args(["/Query", "/TN", schedule::NAME])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn watch_install_registers_the_task_and_watch_remove_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let job = schedule::Job {
        exe: &exe,
        ucserver_dir: dir.path(),
        every_minutes: 15,
    };
    let _ = schedule::remove();
    assert!(!query(), "a task of an earlier run is left");
    schedule::install(&job).unwrap();
    assert!(query(), "schtasks /query does not find the task");
    assert!(schedule::installed().is_some());
    assert!(schedule::remove().unwrap());
    assert!(!query(), "the task is still there after remove");
    assert!(!schedule::remove().unwrap(), "a second remove finds none");
}

#[test]
fn an_event_is_written_under_the_panes_source() {
    // The source as the MSI registers it (packaging/windows/teams-presence-admin.wxs).
    let key = winreg::RegKey::predef(winreg::enums::HKEY_LOCAL_MACHINE)
        .create_subkey(
            r"SYSTEM\CurrentControlSet\Services\EventLog\Application\teams-presence-admin",
        )
        .unwrap()
        .0;
    key.set_value("TypesSupported", &7u32).unwrap();
    eventlog::report(
        "teams-presence-admin",
        1001,
        teams_presence_admin::watch::Level::Error,
        "test: the user consent must be given again",
    )
    .unwrap();
}
