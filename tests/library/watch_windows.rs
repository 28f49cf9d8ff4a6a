//! The watch's Windows parts as Windows programs (issue 37; run under Wine by `scripts/windows
//! test`): an event is written to the Application log under the pane's source, registered as the
//! MSI registers it. What Wine cannot show is on the real-Windows check list (docs/windows.md): the
//! event in the Event Viewer with its text, and the scheduled task — Wine's `schtasks /query`
//! answers "found" for any task name, so `watch install`/`remove` cannot be checked under it.

#![cfg(windows)]

use teams_presence_admin::base::platform::eventlog;

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
        eventlog::Level::Error,
        "test: the user consent must be given again",
    )
    .unwrap();
}
