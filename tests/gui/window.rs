//! The window in egui_kittest: real frames, real files, the worker on its own runtime.
//! Widgets are found by their accessible names; the accessibility check stays on.

use crate::support::gui::{cfg_text, folder, harness, open_tab, settle, type_into};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::time::Duration;
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::PaneApp;
use teams_presence_admin::front::gui::{Closing, ConfigState};

const CFG: &str = "{\r\n  \"iLogLevel\": 3,\r\n  \"objUnknown\": {\"a\": [1e3, 1.50]},\r\n  \"u8sProxyAddress\": \"192.168.1.253:1234\"\r\n}\r\n";

#[test]
fn shows_auth_required_and_the_proxy_in_effect() {
    let dir = folder(CFG);
    let h = harness(dir.path(), Lang::De);
    assert!(
        !h.query_all_by_label("Auth required")
            .collect::<Vec<_>>()
            .is_empty()
    );
    h.get_by_label("Proxy: 192.168.1.253:1234");
    h.get_by_label("ProCall Integration in Microsoft Teams");
}

#[test]
fn bad_tenant_shows_message_good_tenant_saves_and_keeps_unknown_keys() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Active Directory Tenant ID:", "contoso");
    h.get_by_label_contains("neither a GUID nor a domain");
    h.get_by_label("Unsaved changes");
    // Save is refused while the field is wrong: nothing is written.
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Fix the marked fields before saving.");
    assert_eq!(cfg_text(dir.path()), CFG);

    type_into(&mut h, "Active Directory Tenant ID:", ".onmicrosoft.com");
    assert!(h.query_by_label_contains("neither a GUID").is_none());
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label("Saved.");
    let text = cfg_text(dir.path());
    assert_eq!(
        text,
        CFG.replace(
            "1234\"\r\n}",
            "1234\",\r\n  \"u8sTenantId\": \"contoso.onmicrosoft.com\"\r\n}"
        )
    );
    assert!(h.query_by_label("Unsaved changes").is_none());
}

/// Issue 35 §2: every key the service reads only at start carries the restart notice on save,
/// naming the keys — switching the integration on is not live before a restart either.
#[test]
fn switching_the_integration_on_asks_for_the_restart_naming_the_key() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::De);
    assert!(h.query_by_label_contains("nur beim Start").is_none());
    h.get_by_label("Global (alle Benutzer)").click();
    h.run();
    h.get_by_label("Speichern").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains(
        "Gespeichert: Aktivierung (u8sActivationMode). Der UCServer-Dienst liest msteams.cfg nur beim Start",
    );
    // The proxy did not change: the status line does not mark it.
    h.get_by_label("Proxy: 192.168.1.253:1234");
    assert_eq!(
        h.query_by_label("Dienst jetzt neu starten …").is_some(),
        cfg!(windows)
    );
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(v["u8sActivationMode"], "global");
}

#[test]
fn switching_the_language_changes_the_labels() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::De);
    h.get_by_label("Mandant und App");
    h.get_by_label("Sprache:").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    h.get_by_label("Tenant and app");
    h.get_by_label("Web proxy");
    assert!(h.query_by_label("Mandant und App").is_none());
    assert_eq!(h.state().texts.lang(), Lang::En);
}

#[test]
fn proxy_with_scheme_is_offered_stripped_and_restart_is_asked_after_save() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    // Select all in the field and replace it with a pasted URL.
    replace_text(&mut h, "Proxy address:", "http://proxy.firma.local:8080/");
    h.get_by_label_contains("without \"http://\"");
    h.get_by_label("Use proxy.firma.local:8080").click();
    h.run();
    assert_eq!(
        h.state().state.settings.draft.proxy,
        "proxy.firma.local:8080"
    );
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("Saved: Proxy address (u8sProxyAddress). The UCServer service reads msteams.cfg only when it starts");
    h.get_by_label("Proxy: proxy.firma.local:8080 (takes effect when the service restarts)");
    // The restart from the window is offered where the service runs (Windows, tested in
    // tests/service.rs); elsewhere only the way by hand.
    assert_eq!(
        h.query_by_label("Restart the service now …").is_some(),
        cfg!(windows)
    );
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(v["u8sProxyAddress"], "proxy.firma.local:8080");
    assert_eq!(v["objUnknown"]["a"], serde_json::json!([1000.0, 1.5]));
}

/// Replaces the whole text of the field `label` with `text`, as typed.
fn replace_text(h: &mut Harness<'static, PaneApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Runs the pane's own command line on the folder, as another administrator would meanwhile.
fn cli(dir: &std::path::Path, args: &[&str]) {
    let out = crate::support::bin()
        .arg("--ucserver-dir")
        .arg(dir)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Steps frames, without any click, until `seen` holds; fails after `within`.
fn wait_for(
    h: &mut Harness<'static, PaneApp>,
    within: Duration,
    seen: impl Fn(&Harness<'static, PaneApp>) -> bool,
) {
    let start = std::time::Instant::now();
    while !seen(h) {
        assert!(start.elapsed() < within, "not shown within {within:?}");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Issue 26 §5: after a save merged with another program's change, the status line drew the proxy
/// note and "Saved. The changes another program made …" over each other (at 1100 and 800 px):
/// now they never overlap, and neither is cut.
#[test]
fn the_status_line_never_draws_two_texts_over_each_other() {
    for (width, lang) in [(800.0, Lang::De), (1100.0, Lang::De), (800.0, Lang::En)] {
        let dir = folder(CFG);
        let app = PaneApp::new(dir.path().to_owned(), lang);
        let mut h = crate::support::gui::window(app, egui::vec2(width, 700.0));
        settle(&mut h, |app| {
            !app.state.busy() && !app.state.auth.check.is_running()
        });
        let proxy = match lang {
            Lang::De => "Proxy-Adresse:",
            Lang::En => "Proxy address:",
        };
        replace_text(&mut h, proxy, "proxy.firma.local:8080");
        cli(
            dir.path(),
            &["config", "set", "activation", "groups:Vertrieb,Technik"],
        );
        wait_for(&mut h, Duration::from_secs(1), |h| {
            h.state().state.settings.file.outside
        });
        let save = match lang {
            Lang::De => "Speichern",
            Lang::En => "Save",
        };
        h.get_by_label(save).click();
        settle(&mut h, |app| {
            !app.state.busy() && !app.state.auth.check.is_running()
        });
        let (merged, pending) = match lang {
            Lang::De => (
                "Gespeichert. Die Änderungen eines anderen Programms",
                "Proxy: proxy.firma.local:8080",
            ),
            Lang::En => (
                "Saved. The changes another program made",
                "Proxy: proxy.firma.local:8080",
            ),
        };
        let a = h.get_by_label_contains(merged).rect();
        let b = h.get_by_label_contains(pending).rect();
        assert!(!a.intersects(b), "{width} {lang:?}: {a:?} over {b:?}");
        for r in [a, b] {
            assert!(
                r.max.x <= width + 0.5,
                "{width} {lang:?}: {r:?} runs out of the window"
            );
        }
    }
}

/// Issue 26 §6: the conflict of msteams.cfg stands at the top of the settings, the administrator
/// edits further down in a short window: it comes into sight when it appears, and the status
/// line's "decide above" takes the administrator back to it.
#[test]
fn a_conflict_comes_into_sight_and_the_status_line_leads_to_it() {
    let dir = folder(CFG);
    let app = PaneApp::new(dir.path().to_owned(), Lang::En);
    let mut h = crate::support::gui::window(app, egui::vec2(900.0, 500.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    replace_text(&mut h, "Proxy address:", "proxy.firma.local:8080");
    cli(
        dir.path(),
        &["config", "set", "proxy", "other.firma.local:3128"],
    );
    wait_for(&mut h, Duration::from_secs(1), |h| {
        h.state().state.settings.file.outside
    });
    // The banner's frame is laid out (the status line says it too).
    h.run();
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    let in_sight = |h: &Harness<'static, PaneApp>| {
        let r = h
            .get_by_label("msteams.cfg was changed while you were editing it")
            .rect();
        r.min.y >= 0.0 && r.max.y <= 500.0
    };
    assert!(in_sight(&h), "the conflict is out of sight");
    // Scrolled away again: the status line's words lead back.
    h.get_by_label("Proxy address:").scroll_to_me();
    h.run();
    h.get_by_label("Conflict: msteams.cfg was changed elsewhere too — decide above")
        .click();
    h.run();
    h.run();
    assert!(in_sight(&h), "the link did not lead to the conflict");
}

#[test]
fn an_outside_change_and_the_windows_change_are_both_saved() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    replace_text(&mut h, "Proxy address:", "proxy.firma.local:8080");
    // Meanwhile another administrator switches the integration on for two groups.
    cli(
        dir.path(),
        &["config", "set", "activation", "groups:Vertrieb,Technik"],
    );
    // The window notices it at once, without a click, and keeps the unsaved proxy.
    wait_for(&mut h, Duration::from_secs(1), |h| {
        h.query_by_label_contains("was changed outside this window")
            .is_some()
    });
    assert_eq!(
        h.state().state.settings.draft.proxy,
        "proxy.firma.local:8080"
    );
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("The changes another program made to");
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(v["u8sProxyAddress"], "proxy.firma.local:8080");
    assert_eq!(v["u8sActivationMode"], "groups");
    assert_eq!(
        v["au8sActivationGroups"],
        serde_json::json!(["Vertrieb", "Technik"])
    );
    assert_eq!(v["iLogLevel"], 3);
    // The window shows the merged values and has nothing unsaved.
    assert_eq!(
        h.state().state.settings.draft.activation.groups,
        ["Vertrieb", "Technik"]
    );
    assert!(h.query_by_label("Unsaved changes").is_none());
}

/// The window saves while two scripts run `config set` in the same moment, each its own process:
/// every one that said "saved" has its value in the file (issue 21: one owner of the folder).
#[test]
fn the_window_and_two_scripts_saving_at_once_lose_nothing() {
    for round in 0..5 {
        let dir = folder(CFG);
        let mut h = harness(dir.path(), Lang::En);
        let proxy = format!("proxy{round}.firma.local:8080");
        replace_text(&mut h, "Proxy address:", &proxy);
        let script = |args: &[&str]| {
            crate::support::bin()
                .arg("--ucserver-dir")
                .arg(dir.path())
                .args(["--lang", "en"])
                .args(args)
                .spawn()
                .unwrap()
        };
        let tenant = format!("contoso{round}.onmicrosoft.com");
        let a = script(&["config", "set", "tenant-id", &tenant]);
        let b = script(&["config", "set", "activation", "groups:Vertrieb"]);
        h.get_by_label("Save").click();
        settle(&mut h, |app| {
            !app.state.busy() && !app.state.auth.check.is_running()
        });
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(a.status.success() && b.status.success());
        assert!(h.query_by_label("Unsaved changes").is_none());
        let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
        assert_eq!(v["u8sProxyAddress"], proxy.as_str(), "round {round}: {v}");
        assert_eq!(v["u8sTenantId"], tenant.as_str(), "round {round}: {v}");
        assert_eq!(v["au8sActivationGroups"], serde_json::json!(["Vertrieb"]));
        assert_eq!(v["iLogLevel"], 3);
    }
}

/// A save that cannot get the folder's lock (another of our programs holds it) is refused by name
/// after the bounded wait, nothing written; once the lock is free, the same Save goes through.
#[test]
fn a_save_while_another_program_holds_the_folder_is_refused_by_name() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    replace_text(&mut h, "Proxy address:", "proxy.firma.local:8080");
    let folder = teams_presence_admin::base::folder::Folder::new(dir.path());
    let held = folder.lock(&folder.msteams_cfg()).unwrap();
    h.get_by_label("Save").click();
    settle(&mut h, |app| !app.state.busy());
    h.get_by_label_contains("another program (a window or command line of teams-presence-admin)");
    assert_eq!(cfg_text(dir.path()), CFG);
    drop(held);
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(v["u8sProxyAddress"], "proxy.firma.local:8080");
}

#[test]
fn an_outside_change_is_read_again_quietly_when_nothing_is_unsaved() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    cli(
        dir.path(),
        &["config", "set", "proxy", "other.firma.local:3128"],
    );
    wait_for(&mut h, Duration::from_secs(1), |h| {
        h.state().state.settings.draft.proxy == "other.firma.local:3128"
    });
    h.run();
    h.get_by_label("Proxy: other.firma.local:3128");
    h.get_by_label_contains("msteams.cfg was changed outside the window and reloaded at");
    assert!(h.query_by_label("Unsaved changes").is_none());
}

#[test]
fn the_same_key_changed_on_both_sides_is_decided_per_field() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Active Directory Tenant ID:", "contoso.de");
    replace_text(&mut h, "Proxy address:", "mine.firma.local:1");
    // Another program changes the proxy too, and adds a key of its own.
    let other = "{\"iLogLevel\": 5, \"objAddedByService\": true, \"u8sProxyAddress\": \"theirs.firma.local:2\"}";
    std::fs::write(dir.path().join("config/msteams.cfg"), other).unwrap();
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    // Both values side by side; nothing written until decided.
    h.get_by_label("msteams.cfg was changed while you were editing it");
    h.get_by_label("Window: mine.firma.local:1");
    h.get_by_label("File: theirs.firma.local:2");
    assert_eq!(cfg_text(dir.path()), other, "written before the decision");
    assert!(
        h.get_by_label("Merge and save")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label("File: theirs.firma.local:2").click();
    h.run();
    h.get_by_label("Merge and save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(
        v["u8sProxyAddress"], "theirs.firma.local:2",
        "the chosen value"
    );
    assert_eq!(v["u8sTenantId"], "contoso.de", "the window's other change");
    assert_eq!(v["objAddedByService"], true, "the other program's key");
    assert_eq!(v["iLogLevel"], 5);
    assert!(h.query_by_label("Unsaved changes").is_none());

    // The other way round: the window's value wins where it is chosen.
    replace_text(&mut h, "Proxy address:", "mine.firma.local:1");
    cli(
        dir.path(),
        &["config", "set", "proxy", "third.firma.local:3"],
    );
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label("Window: mine.firma.local:1").click();
    h.run();
    h.get_by_label("Merge and save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(v["u8sProxyAddress"], "mine.firma.local:1");
}

#[test]
fn a_conflict_decided_for_the_file_everywhere_says_so_and_writes_nothing() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    replace_text(&mut h, "Proxy address:", "mine.firma.local:1");
    cli(
        dir.path(),
        &["config", "set", "proxy", "theirs.firma.local:2"],
    );
    let on_disk = cfg_text(dir.path());
    h.get_by_label("Save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label("File: theirs.firma.local:2").click();
    h.run();
    h.get_by_label("Merge and save").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("The file's values apply");
    assert_eq!(cfg_text(dir.path()), on_disk);
    assert_eq!(h.state().state.settings.draft.proxy, "theirs.firma.local:2");
    assert!(h.query_by_label("Unsaved changes").is_none());
}

#[test]
fn save_stays_locked_while_it_runs_whatever_else_the_worker_reports() {
    use teams_presence_admin::front::worker::Event;
    use teams_presence_admin::ops::check::{Report, Verdict};
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Active Directory Tenant ID:", "contoso.de");
    h.get_by_label("Save").click();
    // The click is taken (the save sent), the answer not yet.
    h.step();
    assert!(h.state().state.settings.save.is_running());
    // An unrelated event arrives first: a periodic check.
    h.state_mut().handle(Event::Checked(Box::new(Report {
        verdict: Verdict::AuthRequired,
        checked_at: "2026-11-26T10:00:00Z".into(),
        trace_id: None,
        correlation_id: None,
        scopes: vec![],
        password: None,
        credential: None,
        steps: vec![],
        said: None,
    })));
    h.step();
    assert!(
        h.state().state.settings.save.is_running(),
        "a check ended the save"
    );
    assert!(
        h.get_by_label("Save").accesskit_node().is_disabled(),
        "Save enabled during a save"
    );
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label("Saved.");
}

#[test]
fn a_failed_read_of_usermatching_csv_stays_with_the_matching() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    // usermatching.csv cannot be read: a folder stands where the file should be.
    std::fs::create_dir_all(dir.path().join("ExternalServiceProvider/usermatching.csv")).unwrap();
    open_tab(&mut h, "User matching");
    h.event(egui::Event::Paste("x@x.de,x\n".into()));
    h.run();
    h.get_by_label("Discard changes").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    assert!(
        matches!(h.state().state.settings.config, ConfigState::Ready { .. }),
        "the settings were hidden"
    );
    // The file named, what happened in words (Linux: a folder; Windows: access denied).
    let text = h
        .get_by_label_contains("Not read — ")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(text.contains("usermatching.csv: "), "{text}");
    assert!(!text.contains("os error"), "{text}");
    // The editor keeps its lines.
    assert!(h.state().state.editor.dirty());
    open_tab(&mut h, "Settings");
    h.get_by_label("Active Directory Tenant ID:");
}

#[test]
fn a_folder_without_msteams_cfg_is_named_and_can_be_made_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::En);
    // The notice's title and the status line.
    assert_eq!(h.query_all_by_label("Not a UCServer folder").count(), 2);
    h.get_by_label_contains("is not a UCServer folder: config/msteams.cfg is missing");
    assert!(
        !dir.path().join("config").exists(),
        "created without a word"
    );
    h.get_by_label("Create it here").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label("Active Directory Tenant ID:");
    assert_eq!(cfg_text(dir.path()), "{\n}\n");
}

/// Issue 35 §8: not a UCServer folder — the status line says so (not "Auth required"), the hint
/// names the buttons beside it (not the command line's options), and "Choose another folder …"
/// asks for the path where no folder dialog opens, then opens the folder typed.
#[test]
fn a_folder_without_msteams_cfg_is_said_and_another_is_typed_without_a_dialog() {
    let empty = tempfile::tempdir().unwrap();
    let ucserver = folder(CFG);
    let dialog = std::sync::Arc::new(crate::support::FixedDialog {
        silent: true,
        ..Default::default()
    });
    let app = PaneApp::new(empty.path().to_owned(), Lang::En).with_dialog(dialog);
    let mut h = crate::support::gui::harness_for(app);
    // The notice's title and the status line, which no longer says "Auth required".
    assert_eq!(h.query_all_by_label("Not a UCServer folder").count(), 2);
    assert!(h.query_by_label("Auth required").is_none());
    let hint = h
        .get_by_label_contains("is not a UCServer folder: config/msteams.cfg is missing")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(
        hint.contains("\"Choose another folder …\"") && hint.contains("\"Create it here\""),
        "{hint}"
    );
    assert!(
        !hint.contains("--ucserver-dir") && !hint.contains("--create"),
        "{hint}"
    );
    h.get_by_label("Choose another folder …").click();
    settle(&mut h, |app| app.state.window.dialogs.path.is_some());
    h.get_by_label_contains("No folder dialog can be shown on this system");
    h.get_by_label("Path:")
        .type_text(ucserver.path().to_str().unwrap());
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label("Active Directory Tenant ID:");
    h.get_by_label("Proxy: 192.168.1.253:1234");
    assert_eq!(h.state().dir, ucserver.path());
}

#[test]
fn broken_file_is_shown_with_line_and_not_overwritten() {
    let broken = "{\n  \"a\": 1,\n}\n";
    let dir = folder(broken);
    let h = harness(dir.path(), Lang::De);
    h.get_by_label(
        "msteams.cfg kann nicht gelesen werden – die Verwaltung überschreibt die Datei nicht.",
    );
    h.get_by_label_contains("Zeile 3, Spalte 1");
    assert!(matches!(
        h.state().state.settings.config,
        ConfigState::Broken { .. }
    ));
    assert!(h.query_by_label("Active Directory Tenant ID:").is_none());
    assert_eq!(cfg_text(dir.path()), broken);
}

#[test]
fn activation_groups_are_added_removed_and_saved() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::De);
    h.get_by_label("Pro Gruppe").click();
    h.run();
    h.get_by_label_contains("Noch keine Gruppe gewählt");
    type_into(&mut h, "Neue Gruppe:", "Vertrieb");
    h.get_by_label("Hinzufügen").click();
    h.run();
    type_into(&mut h, "Neue Gruppe:", "Vertrieb");
    h.get_by_label("Hinzufügen").click();
    h.run();
    h.get_by_label_contains("steht schon in der Liste");
    // Replace the rejected text with another group.
    h.get_by_label("Neue Gruppe:").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Neue Gruppe:").type_text("Support");
    h.get_by_label("Hinzufügen").click();
    h.run();
    assert_eq!(
        h.state().state.settings.draft.activation.groups,
        ["Vertrieb", "Support"]
    );
    h.get_all_by_label("Entfernen").next().unwrap().click();
    h.run();
    assert_eq!(
        h.state().state.settings.draft.activation.groups,
        ["Support"]
    );
    type_into(&mut h, "Neue Gruppe:", "Vertrieb");
    h.get_by_label("Hinzufügen").click();
    h.run();
    h.get_by_label("Speichern").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(v["u8sActivationMode"], "groups");
    assert_eq!(
        v["au8sActivationGroups"],
        serde_json::json!(["Support", "Vertrieb"])
    );
}

#[test]
fn revert_puts_back_the_saved_values() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Active Directory Tenant ID:", "contoso.de");
    h.get_by_label("Revert").click();
    h.run();
    assert_eq!(h.state().state.settings.draft.tenant_id, "");
    assert!(h.query_by_label("Unsaved changes").is_none());
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Active Directory Tenant ID:", "contoso.de");
    h.state_mut().request_close();
    h.run();
    h.get_by_label("Save the changes before closing?");
    // Issue 26 §13: the question names the file and what is unsaved in it.
    let cfg = teams_presence_admin::base::paths::msteams_cfg(dir.path());
    h.get_by_label(&format!("• {}: one changed setting", cfg.display()));
    assert!(h.query_by_label_contains("usermatching.csv").is_none());
    h.get_by_label("Save and close").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    let v: serde_json::Value = serde_json::from_str(&cfg_text(dir.path())).unwrap();
    assert_eq!(v["u8sTenantId"], "contoso.de");
    assert_eq!(h.state().state.window.closing, Closing::Closed);
}

#[test]
fn closing_without_changes_does_not_ask() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    h.state_mut().request_close();
    h.run();
    assert!(
        h.query_by_label("Save the changes before closing?")
            .is_none()
    );
    assert_eq!(h.state().state.window.closing, Closing::Closed);
}

#[test]
fn discard_and_close_writes_nothing() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Active Directory Tenant ID:", "contoso.de");
    h.state_mut().request_close();
    h.run();
    h.get_by_label("Discard and close").click();
    h.run();
    assert_eq!(h.state().state.window.closing, Closing::Closed);
    assert_eq!(cfg_text(dir.path()), CFG);
}

/// The idle window schedules no repaint at all, even with the cursor in a text field
/// (a blinking cursor would wake it twice a second).
#[test]
fn idle_window_does_not_repaint() {
    let dir = folder(CFG);
    let app = PaneApp::new(dir.path().to_owned(), Lang::En);
    // egui_kittest turns blinking off for its own snapshots; eframe leaves it on. Start as eframe
    // does, so that the pane's own setting is what is tested.
    let mut first = true;
    let mut h = Harness::builder()
        .with_size(egui::vec2(900.0, 1000.0))
        .build_ui_state(
            move |ui, app: &mut PaneApp| {
                if std::mem::take(&mut first) {
                    ui.ctx()
                        .all_styles_mut(|s| s.visuals.text_cursor.blink = true);
                }
                app.ui(ui)
            },
            app,
        );
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    // As in a real window the user works in: the viewport has the keyboard focus.
    h.input_mut().focused = true;
    h.get_by_label("Active Directory Tenant ID:").focus();
    h.run();
    assert!(h.get_by_label("Active Directory Tenant ID:").is_focused());
    h.step();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert_eq!(
        delay,
        Duration::MAX,
        "the idle window asks to repaint after {delay:?}"
    );
}

/// Issue 26 §3: a repair changes the table (undoable, written with Save), and the file's original
/// survives several writes in a day as the day's backup (two repairs written at once used to
/// leave only the intermediate version as .bak).
#[test]
fn excel_usermatching_is_repaired_in_the_table_and_the_original_is_kept() {
    let dir = folder(CFG);
    let esp = dir.path().join("ExternalServiceProvider");
    std::fs::create_dir_all(&esp).unwrap();
    let csv = esp.join("usermatching.csv");
    let original = b"UPN;Benutzer\r\nm\xFCller@firma.de;m\xFCller\r\n";
    std::fs::write(&csv, original).unwrap();
    let mut h = harness(dir.path(), Lang::En);
    open_tab(&mut h, "User matching");
    h.get_by_label_contains("separated by semicolons");
    h.get_by_label("Convert to UTF-8, comma-separated").click();
    h.run();
    h.get_by_label_contains("Repaired in the table, not saved yet");
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        original,
        "nothing written yet"
    );
    assert!(
        h.query_by_label("Convert to UTF-8, comma-separated")
            .is_none()
    );
    // Undone and done again.
    h.get_by_label("Undo").click();
    h.run();
    h.get_by_label("Convert to UTF-8, comma-separated").click();
    h.run();
    h.get_by_label("Remove the header line").click();
    h.run();
    h.get_by_label("1 mapping — lines with errors (red): 0, with warnings (yellow): 0 — in the table, not saved yet");
    h.get_by_label("Save matching").click();
    settle(&mut h, |app| !app.state.busy());
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        "müller@firma.de,müller\r\n".as_bytes()
    );
    h.get_by_label("1 mapping — lines with errors (red): 0, with warnings (yellow): 0");
    // A second save the same day: .bak is the version just replaced, the day's backup still the
    // original.
    assert!(h.state_mut().state.editor.editor.set_cell(
        0,
        teams_presence_admin::model::matching::Column::Ucserver,
        "mueller"
    ));
    h.run();
    h.get_by_label("Save matching").click();
    settle(&mut h, |app| !app.state.busy());
    let bak = teams_presence_admin::base::files::backup_path(&csv);
    assert_eq!(
        std::fs::read(bak).unwrap(),
        "müller@firma.de,müller\r\n".as_bytes()
    );
    let today = chrono::Local::now().date_naive();
    let day = teams_presence_admin::base::files::day_backup_path(&csv, today);
    assert_eq!(std::fs::read(day).unwrap(), original);
}

/// A repair in the table and a change another program made on disk meanwhile: Save merges both.
#[test]
fn a_repair_in_the_table_and_a_change_on_disk_are_merged_by_save() {
    let dir = folder(CFG);
    let esp = dir.path().join("ExternalServiceProvider");
    std::fs::create_dir_all(&esp).unwrap();
    let csv = esp.join("usermatching.csv");
    std::fs::write(&csv, b"UPN,User\na@b.de,x\n").unwrap();
    let mut h = harness(dir.path(), Lang::En);
    open_tab(&mut h, "User matching");
    h.get_by_label("Remove the header line").click();
    h.run();
    std::fs::write(&csv, b"UPN,User\na@b.de,x\nc@b.de,y\n").unwrap();
    h.get_by_label("Save matching").click();
    settle(&mut h, |app| !app.state.busy());
    assert_eq!(std::fs::read(&csv).unwrap(), b"a@b.de,x\nc@b.de,y\n");
}

#[test]
fn demo_points_the_pane_at_the_emulator_and_says_so() {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let dir = demo.dir.path().to_owned();
    let base = demo.base_url.clone();
    let app = PaneApp::new(dir.clone(), Lang::En).with_demo(demo.into_window());
    let mut h = crate::support::gui::window(app, egui::vec2(900.0, 1000.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("DEMO: this pane runs on the local emulator");
    let s = &h.state().state.settings.draft;
    assert_eq!(s.custom_login_url, base);
    assert_eq!(s.custom_graph_url, base);
    assert_eq!(s.tenant_id, "musterfirma.onmicrosoft.com");
    // The sample's keys of the service are still there.
    let cfg = std::fs::read_to_string(dir.join("config/msteams.cfg")).unwrap();
    assert!(cfg.contains("\"iMaxUsers\": 1e3"), "{cfg}");
}

/// A consent given by another program — a script's `consent user`, here the built binary in its own
/// process — is checked at once: the window showed the new record under "Auth required" and "No
/// consent is stored yet".
#[test]
fn a_consent_given_by_a_script_is_checked_at_once() {
    use std::io::BufRead as _;
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let dir = demo.dir.path().to_owned();
    let app = PaneApp::new(dir.clone(), Lang::En).with_demo(demo.into_window());
    let mut h = crate::support::gui::window(app, egui::vec2(900.0, 1400.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    assert!(h.query_all_by_label("Auth required").count() > 0);
    let mut script = std::process::Command::new(env!("CARGO_BIN_EXE_teams-presence-admin"))
        .arg("--ucserver-dir")
        .arg(&dir)
        .args(["--lang", "en", "consent", "user", "--no-browser"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let out = std::io::BufReader::new(script.stdout.take().unwrap());
    let url = out
        .lines()
        .map_while(Result::ok)
        .find(|l| l.starts_with("http"))
        .unwrap();
    entra_emulator::walker::Walker::accepting("admin@musterfirma.de").walk_in_background(&url);
    assert!(script.wait().unwrap().success());
    let start = std::time::Instant::now();
    while h.query_by_label("Read only (writing missing)").is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "not checked again"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        h.query_by_label_contains("No consent is stored yet")
            .is_none()
    );
    // The check rewrote the secrets file (a new refresh token): that is no new grant, no new check.
    settle(&mut h, |app| !app.state.auth.check.is_running());
    std::thread::sleep(Duration::from_millis(800));
    h.run();
    assert!(!h.state().state.auth.check.is_running(), "checks in a loop");
}

/// The seed's path: "Auth required", then "Zustimmung des Benutzers" (read), then "Zustimmung des
/// Administrators" (write), and the status moves to authorized.
#[test]
fn consents_move_the_status_from_auth_required_to_authorized() {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let app = PaneApp::new(demo.dir.path().to_owned(), Lang::De).with_demo(demo.into_window());
    let walker = entra_emulator::walker::Walker::accepting("admin@musterfirma.de");
    let app = app.with_browser(std::sync::Arc::new(crate::support::WalkingBrowser(walker)));
    let mut h = crate::support::gui::window(app, egui::vec2(900.0, 1100.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    assert!(
        !h.query_all_by_label("Auth required")
            .collect::<Vec<_>>()
            .is_empty()
    );

    h.get_by_label("Zustimmung des Benutzers").click();
    settle(&mut h, |app| {
        !app.state.auth.consent.is_running()
            && !app.state.auth.check.is_running()
            && app.state.auth.check.result().is_some()
    });
    h.get_by_label_contains("wurde von admin@musterfirma.de erteilt");
    h.get_by_label("Nur lesen (Schreiben fehlt)");
    // Warn before it breaks: the demo administrator's password was changed 30 days ago.
    h.get_by_label_contains("vor 30 Tagen zuletzt geändert");
    h.get_by_label_contains("„Zustimmung des Benutzers“ von admin@musterfirma.de am");
    h.get_by_label_contains("am Werktag vor dem Ablauf");

    h.get_by_label("Zustimmung des Administrators").click();
    settle(&mut h, |app| {
        !app.state.auth.consent.is_running() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("erteilt und geprüft");
    h.get_by_label("Autorisiert");
    h.get_by_label_contains("Autorisiert: admin@musterfirma.de liest Präsenzen");
}

/// The estos app's case: no client secret here. The admin consent Microsoft reported counts as
/// granted (not verifiable here) — after the consent, after "Prüfen" and after a restart.
#[test]
fn an_admin_consent_without_a_secret_stays_granted_across_checks_and_restarts() {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let dir = demo.dir.path().to_owned();
    let secrets = teams_presence_admin::base::paths::secrets(&dir);
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&secrets).unwrap()).unwrap();
    s.as_object_mut().unwrap().remove("clientSecret");
    std::fs::write(&secrets, s.to_string()).unwrap();
    let walker = entra_emulator::walker::Walker::accepting("admin@musterfirma.de");
    let app = PaneApp::new(dir.clone(), Lang::De)
        .with_demo(demo.into_window())
        .with_browser(std::sync::Arc::new(crate::support::WalkingBrowser(walker)));
    let mut h = crate::support::gui::window(app, egui::vec2(900.0, 1100.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    for button in ["Zustimmung des Benutzers", "Zustimmung des Administrators"] {
        h.get_by_label(button).click();
        settle(&mut h, |app| {
            !app.state.auth.consent.is_running()
                && !app.state.auth.check.is_running()
                && app.state.auth.check.result().is_some()
        });
    }
    h.get_by_label_contains("Microsoft hat die „Zustimmung des Administrators“ bestätigt");
    let granted = |h: &Harness<'static, PaneApp>| {
        h.get_by_label("Autorisiert");
        h.get_by_label_contains("hat Microsoft erteilt (hier nicht prüfbar)");
        h.get_by_label_contains("„Zustimmung des Administrators“ von Microsoft gemeldet am");
        assert!(h.query_by_label("Nur lesen (Schreiben fehlt)").is_none());
    };
    granted(&h);
    h.get_by_label("Prüfen").click();
    settle(&mut h, |app| {
        !app.state.auth.check.is_running() && app.state.auth.check.result().is_some()
    });
    granted(&h);
    // A restart: a new window on the same folder checks at start and says the same.
    let mut again =
        crate::support::gui::window(PaneApp::new(dir, Lang::De), egui::vec2(900.0, 1100.0));
    settle(&mut again, |app| {
        !app.state.busy()
            && !app.state.auth.check.is_running()
            && app.state.auth.check.result().is_some()
    });
    granted(&again);
}

#[test]
fn client_secret_goes_to_the_secrets_file_only_and_can_be_removed() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Client secret:", "s3cr3t~value");
    h.get_by_label("Store secret").click();
    settle(&mut h, |app| {
        app.state.auth.secret.result().is_some() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("A client secret is stored");
    let secrets = std::fs::read_to_string(dir.path().join("config/msteams.secrets.json")).unwrap();
    assert!(secrets.contains("s3cr3t~value"));
    assert!(!cfg_text(dir.path()).contains("s3cr3t"));
    assert!(
        h.state().state.auth.secret_input.is_empty(),
        "the typed secret is not kept in the window"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("config/msteams.secrets.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    h.get_by_label("Remove secret").click();
    h.run();
    h.get_by_label("Yes, remove").click();
    settle(&mut h, |app| {
        !app.state.secrets.client_secret_stored && !app.state.auth.check.is_running()
    });
    let secrets = std::fs::read_to_string(dir.path().join("config/msteams.secrets.json")).unwrap();
    assert!(!secrets.contains("s3cr3t"));
}

/// The periodic check is a sleeping timer in the worker: a new report arrives without a click.
#[test]
fn consents_are_checked_again_periodically() {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let app = PaneApp::with_check_interval(
        demo.dir.path().to_owned(),
        Lang::En,
        Duration::from_millis(1100),
    )
    .with_demo(demo.into_window());
    let mut h = crate::support::gui::window(app, egui::vec2(900.0, 1100.0));
    settle(&mut h, |app| {
        app.state.auth.check.result().is_some() && !app.state.auth.check.is_running()
    });
    let first = h
        .state()
        .state
        .auth
        .check
        .result()
        .cloned()
        .unwrap()
        .checked_at;
    settle(&mut h, |app| {
        app.state
            .auth
            .check
            .result()
            .as_ref()
            .is_some_and(|r| r.checked_at != first)
    });
}

/// Every file below `dir` that holds `needle`.
fn files_holding(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if String::from_utf8_lossy(&std::fs::read(&p).unwrap()).contains(needle) {
                found.push(p);
            }
        }
    }
    found
}

#[test]
fn forgetting_asks_first_and_leaves_no_copy_anywhere() {
    let dir = folder(CFG);
    let secrets = r#"{"refreshToken":"0.AAA-old-refresh-token","clientSecret":"old~client~secret","userConsent":{"upn":"admin@musterfirma.de","objectId":"1","consentedAt":"2026-11-01T10:00:00Z","scopes":["Presence.Read.All"],"lastRefresh":"2026-11-20T10:00:00Z"}}"#;
    std::fs::write(dir.path().join("config/msteams.secrets.json"), secrets).unwrap();
    // A backup an older version left behind holds the same values.
    std::fs::write(dir.path().join("config/msteams.secrets.json.bak"), secrets).unwrap();
    let mut h = harness(dir.path(), Lang::En);
    h.get_by_label("Forget consent").click();
    h.run();
    h.get_by_label("Forget the consent?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        files_holding(dir.path(), "old-refresh-token").len(),
        2,
        "removed without asking"
    );
    h.get_by_label("Forget consent").click();
    h.run();
    h.get_by_label("Yes, forget").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    assert_eq!(
        files_holding(dir.path(), "old-refresh-token"),
        Vec::<std::path::PathBuf>::new()
    );
    assert!(!h.state().state.secrets.consent_stored);

    h.get_by_label("Remove secret").click();
    h.run();
    h.get_by_label("Remove the client secret?");
    h.get_by_label("Yes, remove").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    assert_eq!(
        files_holding(dir.path(), "old~client~secret"),
        Vec::<std::path::PathBuf>::new()
    );
    assert!(!h.state().state.secrets.client_secret_stored);
}

/// Issue 34 §4 in the window: a secrets file that cannot be read (not JSON) still holds a token;
/// "Forget consent" is offered beside its error and leaves no copy of the token anywhere.
#[test]
fn an_unreadable_secrets_file_can_be_forgotten_in_the_window() {
    let dir = folder(CFG);
    let secrets = r#"{"refreshToken":"0.AAA-unreadable-refresh-token", // cut off"#;
    std::fs::write(dir.path().join("config/msteams.secrets.json"), secrets).unwrap();
    let mut h = harness(dir.path(), Lang::En);
    h.get_by_label_contains("The secrets file cannot be read");
    h.get_by_label("Forget consent").click();
    h.run();
    // Said before: the whole file goes, a client secret in it too.
    h.get_by_label_contains("is replaced by an empty one");
    h.get_by_label("Yes, forget").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    assert_eq!(
        files_holding(dir.path(), "unreadable-refresh-token"),
        Vec::<std::path::PathBuf>::new()
    );
    let after = std::fs::read_to_string(dir.path().join("config/msteams.secrets.json")).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&after).unwrap(),
        serde_json::json!({})
    );
}

#[test]
fn without_a_client_id_the_disabled_consent_buttons_say_why() {
    let dir = folder("{\"u8sTenantId\": \"contoso.de\"}");
    let mut h = harness(dir.path(), Lang::En);
    assert!(
        h.get_by_label("User consent")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label_contains("does not know the application (client) ID of the estos app");
    h.get_by_label("Help for an own app registration").click();
    h.run();
    // The help opens: the redirect URI and the permissions are in sight.
    assert!(
        h.query_all_by_label("Presence.ReadWrite.All")
            .next()
            .is_some()
    );
}

/// Issue 23 §4: the idle window asks for no frame — not at once, not later (no timed repaint),
/// and nothing in the worker wakes it while nothing changes (4 s: longer than the poll of a
/// folder on a network share, which runs only there). A frame asked for while idle is CPU on a
/// server without a GPU, in every Remote Desktop session that leaves the window open.
#[test]
fn the_idle_window_asks_for_no_frame() {
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    for tab in ["User matching", "Preview", "Settings"] {
        open_tab(&mut h, tab);
        settle(&mut h, |app| {
            !app.state.busy() && !app.state.auth.check.is_running()
        });
        let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
        assert_eq!(
            delay,
            Duration::MAX,
            "{tab}: a frame is asked for in {delay:?}"
        );
        std::thread::sleep(Duration::from_secs(4));
        assert!(
            !h.ctx.has_requested_repaint_for(&egui::ViewportId::ROOT),
            "{tab}: something woke the idle window: {:?}",
            h.ctx.repaint_causes()
        );
    }
}

/// Issue 23 §5: a usermatching.csv far too large (a sparse 1 GB file) is refused by name where
/// the matching is shown, and the settings are shown all the same (they stayed "Loading …").
#[test]
fn a_usermatching_csv_too_large_is_named_and_the_settings_are_shown() {
    let dir = folder(CFG);
    let esp = dir.path().join("ExternalServiceProvider");
    std::fs::create_dir_all(&esp).unwrap();
    let file = std::fs::File::create(esp.join("usermatching.csv")).unwrap();
    file.set_len(1 << 30).unwrap();
    let mut h = harness(dir.path(), Lang::En);
    assert!(
        matches!(h.state().state.settings.config, ConfigState::Ready { .. }),
        "the settings were hidden"
    );
    h.get_by_label("Active Directory Tenant ID:");
    open_tab(&mut h, "User matching");
    let refusal = "too large: 1,024 MB, where usermatching.csv may hold at most 64 MB";
    assert_eq!(
        h.query_all_by_label_contains(refusal).count(),
        1,
        "the matching tab names the refusal once"
    );
    assert!(
        h.query_by_label_contains("There is no usermatching.csv")
            .is_none(),
        "an unreadable file is not a missing one"
    );
    assert!(
        h.query_by_label_contains("has no lines yet").is_none(),
        "an unreadable file is not an empty one"
    );
    assert!(
        h.query_by_label("Add row").is_none(),
        "nothing to edit: a save would write over the file"
    );
    assert_eq!(
        std::fs::metadata(esp.join("usermatching.csv"))
            .unwrap()
            .len(),
        1 << 30
    );
    // Put right outside the window, read again with one click: the table is back.
    std::fs::write(esp.join("usermatching.csv"), b"a@x.de,a\n").unwrap();
    h.get_by_label("Read usermatching.csv again").click();
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.editor.file.read.is_running()
    });
    assert!(h.query_by_label_contains(refusal).is_none());
    h.get_by_label("Add row");
    h.get_by_label("1 of 1 line");
}

/// A check that failed with an AADSTS code the pane does not know shows Microsoft's own words
/// (issue 34 §9), escaped and on one line, below the verdict.
#[test]
fn an_unknown_code_shows_microsofts_own_words_escaped() {
    use teams_presence_admin::front::worker::Event;
    use teams_presence_admin::microsoft::client::Stage;
    use teams_presence_admin::ops::check::{Report, Verdict};
    let dir = folder(CFG);
    let mut h = harness(dir.path(), Lang::En);
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.state_mut().handle(Event::Checked(Box::new(Report {
        verdict: Verdict::Unreachable {
            stage: Stage::Answer,
        },
        checked_at: "2026-11-26T10:00:00Z".into(),
        trace_id: None,
        correlation_id: None,
        scopes: vec![],
        password: None,
        credential: None,
        steps: vec![],
        said: Some("something_new AADSTS9999993: A rule\u{1b}[31m\nforged".into()),
    })));
    h.run();
    // One line, the escape sequence shown as text (a query that finds nothing panics).
    h.get_by_label_contains("Microsoft: something_new AADSTS9999993: A rule\\u{1b}[31m forged");
}
