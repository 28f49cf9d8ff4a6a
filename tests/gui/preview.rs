//! The preview tab in egui_kittest on the demo: the emulator in-process, the consent given through
//! the browser stand-in, the tenant read over loopback HTTP, the sample UCServer user export.

use crate::support::FixedDialog;
use crate::support::gui::{harness_for, open_tab, settle, settle_preview, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::sync::Arc;
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::PaneApp;

/// The demo window with the user consent given and the tenant read; `dialog` answers exports.
pub(crate) fn demo_with_tenant(dialog: Arc<FixedDialog>) -> (Harness<'static, PaneApp>, String) {
    demo_with_lines(dialog, "")
}

/// [`demo_with_tenant`] with `more` lines appended to the demo's usermatching.csv first.
pub(crate) fn demo_with_lines(
    dialog: Arc<FixedDialog>,
    more: &str,
) -> (Harness<'static, PaneApp>, String) {
    demo_sized(dialog, more, egui::vec2(1100.0, 1400.0))
}

/// [`demo_with_lines`] in a window of `size`.
fn demo_sized(
    dialog: Arc<FixedDialog>,
    more: &str,
    size: egui::Vec2,
) -> (Harness<'static, PaneApp>, String) {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let csv = teams_presence_admin::base::paths::usermatching(demo.dir.path());
    let text = std::fs::read_to_string(&csv).unwrap() + more;
    std::fs::write(&csv, text).unwrap();
    let base = demo.base_url.clone();
    let app = PaneApp::new(demo.dir.path().to_owned(), Lang::En)
        .with_demo(demo.into_window())
        .with_browser(crate::support::WalkingBrowser::accepting(
            "admin@musterfirma.de",
        ))
        .with_dialog(dialog);
    let mut h = crate::support::gui::window(app, size);
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_label("User consent").click();
    settle(&mut h, |app| {
        !app.state.auth.consent.is_running()
            && !app.state.auth.check.is_running()
            && app.state.auth.check.result().is_some()
    });
    open_tab(&mut h, "Preview");
    h.get_by_label_contains("9 UCServer users from");
    h.get_by_label("Read accounts from the tenant").click();
    settle(&mut h, |app| app.state.preview.tenant.list.is_some());
    settle_preview(&mut h);
    (h, base)
}

/// Issue 26 §7: at 800×600 every column is in sight (the suggestions with their buttons were
/// beyond the right edge) and the table has the room: the two lists take one line, the messages at
/// most a third of the height.
#[test]
fn at_800_by_600_the_preview_shows_every_column_and_rows_to_work_with() {
    let (h, _) = demo_sized(Arc::default(), "", egui::vec2(800.0, 600.0));
    let header = h
        .get_by_label("Suggestion")
        .accesskit_node()
        .bounding_box()
        .unwrap();
    assert!(header.x1 <= 800.0, "the last column ends at {}", header.x1);
    // The status bar's verdict: the rows above it are in sight.
    let bar = h
        .query_all_by_label("Read only (writing missing)")
        .map(|n| n.accesskit_node().bounding_box().unwrap().y0)
        .fold(600.0_f64, f64::min);
    // Each row says how it matches (the "Match" column): those between the header and the bar.
    let rows = [
        "Same UPN",
        "Through usermatching.csv",
        "No match",
        "Ambiguous",
    ]
    .iter()
    .flat_map(|k| h.query_all_by_label_contains(k).collect::<Vec<_>>())
    .filter(|n| {
        let b = n.accesskit_node().bounding_box().unwrap();
        b.y0 >= header.y1 && b.y1 <= bar && b.x0 < header.x0
    })
    .count();
    assert!(rows >= 6, "{rows} rows in sight below the messages");
}

#[test]
fn the_frame_that_gets_the_lists_does_not_compute_the_preview() {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let app = PaneApp::new(demo.dir.path().to_owned(), Lang::En)
        .with_demo(demo.into_window())
        .with_browser(crate::support::WalkingBrowser::accepting(
            "admin@musterfirma.de",
        ));
    let mut h = harness_for(app);
    h.get_by_label("User consent").click();
    settle(&mut h, |app| {
        !app.state.auth.consent.is_running()
            && !app.state.auth.check.is_running()
            && app.state.auth.check.result().is_some()
    });
    open_tab(&mut h, "Preview");
    h.get_by_label("Read accounts from the tenant").click();
    let start = std::time::Instant::now();
    while h.state().state.preview.tenant.list.is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // This frame took the list and drew: the preview is asked of the worker, not computed here.
    assert!(h.state().state.preview.preview().is_none());
    h.get_by_label("Computing the preview …");
    settle_preview(&mut h);
    h.get_by_label_contains("9 UCServer users in the activation scope");
    assert!(h.query_by_label("Computing the preview …").is_none());
}

#[test]
fn the_preview_counts_fixes_and_suggests() {
    let (mut h, _) = demo_with_tenant(Arc::default());
    h.get_by_label_contains("9 accounts read");
    h.get_by_label_contains("The integration is switched off; the preview shows all users");
    h.get_by_label(
        "9 UCServer users in the activation scope: 2 with the same UPN, 2 through usermatching.csv, \
         4 without a match, 1 ambiguous (9 accounts in the tenant).",
    );
    // The dead line names its account.
    h.get_by_label_contains(
        "Line 4: the Azure AD account \"ehemalig.alt@musterfirma.de\" does not exist in the tenant",
    );
    // The case fixes: how many, all at once, each in a list that opens (issue 26 §8).
    h.get_by_label("One line writes a UPN in other letter case than the tenant.");
    h.get_by_label("Correct it (in the table; Save writes it)");
    h.get_by_label("Each line").click();
    h.run();
    h.get_by_label_contains("Line 2: \"sophie.wagner@musterfirma.de\" differs from Sophie.Wagner");

    // Sophie is on line 2 already: her row offers that line's case fix, never a second line
    // (which the editor would refuse).
    h.get_by_label("No match (4)").click();
    h.run();
    h.get_by_label("Fix line 2 (letter case)").click();
    settle_preview(&mut h);
    assert!(h.query_by_label_contains("is already on line").is_none());
    h.get_by_label_contains("2 with the same UPN, 3 through usermatching.csv, 3 without a match");
    assert_eq!(
        h.state().state.editor.editor.file().lines.get(1),
        "Sophie.Wagner@musterfirma.de,sophie.wagner@musterfirma.local"
    );
    h.get_by_label_contains("unsaved changes included");

    // Lena: same display name; one click adds the mapping.
    h.get_by_label("No match (3)").click();
    h.run();
    h.get_all_by_label("Add").next().unwrap().click();
    settle_preview(&mut h);
    h.get_by_label_contains("4 through usermatching.csv, 2 without a match");
    let e = &h.state().state.editor.editor;
    assert_eq!(
        e.file().lines.get(e.len() - 1),
        "lena.frisch@musterfirma.de,lena@musterfirma.local"
    );

    // A match through a line links to it in the editor.
    h.get_by_label("All (9)").click();
    h.run();
    h.get_by_label("Through usermatching.csv (Line 3)").click();
    h.run();
    let s = &h.state().state;
    assert_eq!(s.tab, teams_presence_admin::front::gui::Tab::Matching);
    assert_eq!(
        s.editor.table.selected.iter().copied().collect::<Vec<_>>(),
        [2]
    );
    h.get_by_label("1 selected");
}

#[test]
fn presence_of_a_matched_user_and_the_csv_export() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("preview.csv");
    let dialog = Arc::new(FixedDialog::default());
    dialog.save.lock().unwrap().push(export.clone());
    let (mut h, _) = demo_with_tenant(dialog);
    h.get_by_label("Or select a matched user in the table to read only their presence.");
    h.get_by_label("Max Mustermann").click();
    h.run();
    h.get_by_label("Read this user's presence").click();
    settle(&mut h, |app| !app.state.preview.presence.is_running());
    h.get_by_label("max.mustermann@musterfirma.de: Offline");

    h.get_by_label("Export preview as CSV …").click();
    settle(&mut h, |app| !app.state.files.is_running());
    let csv = std::fs::read_to_string(&export).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}ucserver_user,display_name,match,teams_upn,usermatching_lines,suggestion,reason"
    );
    assert_eq!(lines.len(), 10);
    assert!(lines.contains(&"zentrale@musterfirma.local,Zentrale,ambiguous,,5 6,,"));
}

#[test]
fn a_slow_listing_can_be_cancelled_and_the_list_stays() {
    let (mut h, base) = demo_with_tenant(Arc::default());
    let faults = format!("{base}/_emulator/faults");
    let slow = serde_json::json!({ "latencyMs": 5000 });
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(reqwest::Client::new().put(&faults).json(&slow).send())
        .unwrap();
    h.get_by_label("Read again").click();
    // The spinner turns while the listing runs: step frames instead of waiting for rest.
    h.run_steps(3);
    assert!(h.state().state.preview.tenant.listing.is_running());
    h.get_by_label("0 accounts read …");
    h.get_by_label("Cancel").click();
    settle(&mut h, |app| !app.state.preview.tenant.listing.is_running());
    h.get_by_label("Reading was cancelled; the list read before stays.");
    h.get_by_label_contains("9 accounts read");
}

#[test]
fn activation_groups_are_picked_from_the_user_list_and_narrow_the_preview() {
    let (mut h, _) = demo_with_tenant(Arc::default());
    open_tab(&mut h, "Settings");
    h.get_by_label("Per group").click();
    h.run();
    // Near the fold of the settings' scroll area (where exactly depends on the fonts and the
    // folder's path, longer under Windows): opened as a screen reader would.
    h.get_by_label("Choose from the user list")
        .click_accesskit();
    h.run();
    // Groups of the export, each once: Support, Technik, Vertrieb, Zentrale.
    type_into(&mut h, "Filter the choice:", "tech");
    // Below the fold of the settings' scroll area: clicked as a screen reader would.
    h.get_by_label("Technik").click_accesskit();
    h.run();
    assert_eq!(
        h.state().state.settings.draft.activation.groups,
        ["Technik"]
    );
    assert!(h.query_by_label("Technik").is_some(), "listed as chosen");
    open_tab(&mut h, "Preview");
    settle_preview(&mut h);
    h.get_by_label_contains("3 UCServer users in the activation scope: 0 with the same UPN");

    // Users: by user name or display name.
    open_tab(&mut h, "Settings");
    h.get_by_label("Per user").click();
    h.run();
    type_into(&mut h, "Filter the choice:", "");
    h.get_by_label("Filter the choice:").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Filter the choice:").type_text("frisch");
    h.run();
    h.get_by_label("lena@musterfirma.local (Lena Frisch)")
        .click_accesskit();
    h.run();
    assert_eq!(
        h.state().state.settings.draft.activation.users,
        ["lena@musterfirma.local"]
    );
    open_tab(&mut h, "Preview");
    settle_preview(&mut h);
    h.get_by_label_contains("1 UCServer users in the activation scope: 0 with the same UPN, 0 through usermatching.csv, 1 without a match");
}

#[test]
fn the_user_list_is_imported_through_the_dialog_and_bad_files_are_named() {
    let dir = crate::support::gui::folder_with_matching(b"a@x.de,a\n");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, b"\r\n").unwrap();
    let good = dir.path().join("users.csv");
    // Excel's German export: header, semicolons, Windows-1252, a row without user name.
    std::fs::write(
        &good,
        b"Anzeigename;Benutzername;Gruppen\r\nJ\xFCrgen M\xFCller;jm@firma.local;Technik|Vertrieb\r\nOhne Namen;;Technik\r\n",
    )
    .unwrap();
    let dialog = Arc::new(FixedDialog::default());
    dialog.open.lock().unwrap().extend([good, empty]);
    let app = PaneApp::new(dir.path().to_owned(), Lang::En).with_dialog(dialog);
    let mut h = harness_for(app);
    open_tab(&mut h, "Preview");
    h.get_by_label_contains("No user list yet.");
    h.get_by_label("Import user list …").click();
    settle(&mut h, |app| !app.state.files.is_running());
    h.get_by_label_contains("The UCServer user file is empty.");
    h.get_by_label("Import user list …").click();
    settle(&mut h, |app| !app.state.files.is_running());
    h.get_by_label_contains("1 UCServer user from");
    h.get_by_label("Lines without a user name were left out: 3");
    let (_, users) = h.state().state.preview.uc.users.clone().unwrap();
    assert_eq!(users[0].name, "jm@firma.local");
    assert_eq!(users[0].display_name, "Jürgen Müller");
    let groups: Vec<&str> = users[0].groups.iter().map(|g| &**g).collect();
    assert_eq!(groups, ["Technik", "Vertrieb"]);
}

/// "Test writing …": asked first, then Busy is set for the colleague with the app's permission,
/// read back and cleared.
#[test]
fn writing_is_tested_for_a_matched_user_after_a_question() {
    let (mut h, _) = demo_with_tenant(Arc::default());
    open_tab(&mut h, "Settings");
    h.get_by_label("Admin consent").click();
    settle(&mut h, |app| {
        !app.state.auth.consent.is_running() && !app.state.auth.check.is_running()
    });
    open_tab(&mut h, "Preview");
    h.get_by_label("Max Mustermann").click();
    h.run();
    h.get_by_label("Test writing …").click();
    h.run();
    h.get_by_label("Test writing?");
    // Escape: nothing is set.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().state.window.dialogs.write_test.is_none());
    assert!(h.state().state.preview.write.result().is_none());
    h.get_by_label("Test writing …").click();
    h.run();
    h.get_by_label("Test").click();
    settle(&mut h, |app| app.state.preview.write.result().is_some());
    h.get_by_label_contains(
        "\"Busy (In a call)\" was set for max.mustermann@musterfirma.de, read back as \"Busy (In a call)\" and cleared",
    );
}

/// Issue 26 §8: every case fix at once — one click, one step to undo, written with Save (200 of
/// them needed 200 clicks, and the list jumped after each).
#[test]
fn all_case_fixes_at_once() {
    let more = "MAX.Mustermann@musterfirma.de,mmu-2@musterfirma.local\nLENA.FRISCH@musterfirma.de,lena-2@musterfirma.local\n";
    let (mut h, _) = demo_with_lines(Arc::default(), more);
    h.get_by_label("3 lines write a UPN in other letter case than the tenant.");
    h.get_by_label("Correct all 3 (in the table; Save writes it)")
        .click();
    settle_preview(&mut h);
    assert!(
        h.query_by_label_contains("letter case than the tenant")
            .is_none()
    );
    let lines = crate::support::gui::editor_lines(&h);
    assert!(
        lines.contains(&"Sophie.Wagner@musterfirma.de,sophie.wagner@musterfirma.local".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"max.mustermann@musterfirma.de,mmu-2@musterfirma.local".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"lena.frisch@musterfirma.de,lena-2@musterfirma.local".to_owned()),
        "{lines:?}"
    );
    // One step to undo.
    open_tab(&mut h, "User matching");
    h.get_by_label("Undo").click();
    h.run();
    assert!(!h.state().state.editor.dirty());
}

/// Issue 35 §6: a case fix whose UPN another line names already would make a duplicate line
/// (which blocks saving): it is not offered, and the preview says why, naming that line.
#[test]
fn a_case_fix_that_would_duplicate_another_line_is_named_not_offered() {
    // Line 1 of the demo names mmu@musterfirma.de exactly; line 7 writes it in capitals.
    let more = "MMU@musterfirma.de,mmu-2@musterfirma.local\n";
    let (mut h, _) = demo_with_lines(Arc::default(), more);
    h.get_by_label("2 lines write a UPN in other letter case than the tenant.");
    h.get_by_label(
        "Line 7: \"MMU@musterfirma.de\" differs from mmu@musterfirma.de only in letter case — but \
         mmu@musterfirma.de is on line 1 already. A correction would make two lines for the same \
         account, so none is offered: delete one of the two lines in the editor.",
    );
    // Only Sophie's line can be fixed; fixing all leaves line 7 as it is and makes no duplicate.
    h.get_by_label("Correct it (in the table; Save writes it)")
        .click();
    settle_preview(&mut h);
    let lines = crate::support::gui::editor_lines(&h);
    assert_eq!(lines[6], "MMU@musterfirma.de,mmu-2@musterfirma.local");
    let mmu = lines
        .iter()
        .filter(|l| l.starts_with("mmu@musterfirma.de,"))
        .count();
    assert_eq!(mmu, 1, "{lines:?}");
    assert!(
        h.query_by_label_contains("is already mapped in line")
            .is_none()
    );
    h.get_by_label_contains("mmu@musterfirma.de is on line 1 already");
}

/// Issue 35 §13: a group none of the imported users is in is named (a typo leaves people out
/// silently), one in other letter case with the group meant; without an imported user list the
/// pane says that it cannot check.
#[test]
fn a_group_nobody_imported_is_in_is_named() {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let app = PaneApp::new(demo.dir.path().to_owned(), Lang::En).with_demo(demo.into_window());
    let mut h = harness_for(app);
    h.get_by_label("Per group").click();
    h.run();
    for group in ["Techink", "technik", "Technik"] {
        type_into(&mut h, "New group:", group);
        h.get_by_label("Add").click();
        h.run();
    }
    assert_eq!(
        h.state().state.settings.draft.activation.groups,
        ["Techink", "technik", "Technik"]
    );
    h.get_by_label(
        "None of the 9 imported UCServer users is in the group \"Techink\": the integration is \
         switched on for nobody through it. Check the spelling, or choose the group from the user list.",
    );
    h.get_by_label_contains("is in the group \"technik\", but in \"Technik\" (other letter case)");
    assert!(
        h.query_by_label_contains("in the group \"Technik\"")
            .is_none()
    );

    // A folder without an imported user list: not checkable, said so.
    let dir = crate::support::gui::folder_with_matching(b"");
    let mut h = crate::support::gui::harness(dir.path(), Lang::En);
    h.get_by_label("Per group").click();
    h.run();
    type_into(&mut h, "New group:", "Techink");
    h.get_by_label("Add").click();
    h.run();
    h.get_by_label_contains("Whether anybody is in these groups cannot be checked");
}

/// Issue 38: the window shows the kept accounts at once with their age while it reads them again
/// in the background, and the new result when it arrives.
#[test]
fn the_kept_accounts_show_at_once_with_their_age_and_the_new_read_replaces_them() {
    let (mut h, base) = demo_with_tenant(Arc::default());
    let faults = format!("{base}/_emulator/faults");
    let slow = serde_json::json!({ "latencyMs": 1500 });
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(reqwest::Client::new().put(&faults).json(&slow).send())
        .unwrap();
    // As after a start: no accounts in the window, those read before kept.
    h.state_mut().state.preview.tenant.list = None;
    h.run_steps(2);
    h.get_by_label("Read accounts from the tenant").click();
    let start = std::time::Instant::now();
    // Frames stepped by hand: `settle` waits for the spinner to stop, i.e. the listing's end.
    while h.state().state.preview.tenant.list.is_none() && start.elapsed().as_secs() < 10 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(
        start.elapsed() < std::time::Duration::from_millis(1500),
        "the kept accounts came before any answer of Microsoft: {:?}",
        start.elapsed()
    );
    assert!(h.state().state.preview.tenant.listing.is_running());
    h.run_steps(2);
    h.get_by_label("accounts read 0 min ago");
    h.get_by_label_contains("9 accounts read");
    settle(&mut h, |app| !app.state.preview.tenant.listing.is_running());
    let list = h.state().state.preview.tenant.list.as_ref().unwrap();
    assert_eq!(
        list.kept_at, None,
        "the new read replaced the kept accounts"
    );
    assert!(h.query_by_label("accounts read 0 min ago").is_none());
    h.get_by_label_contains("9 accounts read");
}
