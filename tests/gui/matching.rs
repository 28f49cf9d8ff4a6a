//! The usermatching.csv editor in egui_kittest: real frames, real files, the worker on its runtime,
//! the file dialogs answered by a stand-in. Widgets are found by their accessible names.

use crate::support::FixedDialog;
use crate::support::gui::{
    folder_with_matching, harness, harness_for, matching_bytes, open_tab, settle, type_into,
};
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::sync::Arc;
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::Closing;
use teams_presence_admin::front::gui::PaneApp;
use teams_presence_admin::model::matching::Column;

fn editor(h: &mut Harness<'static, PaneApp>) {
    open_tab(h, "User matching");
}

/// A folder with this usermatching.csv, the window on it, the matching tab open.
fn editor_on(matching: &[u8]) -> (tempfile::TempDir, Harness<'static, PaneApp>) {
    let dir = folder_with_matching(matching);
    let mut h = harness(dir.path(), Lang::En);
    editor(&mut h);
    (dir, h)
}

/// The editor on `before` with the name of `line` (0-based) changed to `mine`, the file written as
/// `theirs` by another program meanwhile, and "Save matching" clicked: the conflict is shown.
fn conflict_on(
    before: &[u8],
    line: usize,
    mine: &str,
    theirs: &[u8],
) -> (tempfile::TempDir, Harness<'static, PaneApp>) {
    let (dir, mut h) = editor_on(before);
    let editor = &mut h.state_mut().state.editor.editor;
    assert!(editor.set_cell(line, Column::Ucserver, mine));
    h.run();
    let path = dir.path().join("ExternalServiceProvider/usermatching.csv");
    std::fs::write(&path, theirs).unwrap();
    h.get_by_label("Save matching").click();
    settle(&mut h, idle);
    (dir, h)
}

/// The editor at 900×700 on a usermatching.csv of `n` lines `userNNN@x.de,userNNN`.
fn numbered_table(n: usize) -> (tempfile::TempDir, Harness<'static, PaneApp>) {
    let csv: String = (1..=n)
        .map(|i| format!("user{i:03}@x.de,user{i:03}\r\n"))
        .collect();
    let dir = folder_with_matching(csv.as_bytes());
    let app = PaneApp::new(dir.path().to_owned(), Lang::En);
    let mut h = crate::support::gui::window(app, egui::vec2(900.0, 700.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    editor(&mut h);
    (dir, h)
}

fn idle(app: &PaneApp) -> bool {
    !app.state.busy() && !app.state.editor.save.is_running() && !app.state.files.is_running()
}

/// The lines in the order the table shows them.
fn shown(h: &Harness<'static, PaneApp>) -> Vec<String> {
    let e = &h.state().state.editor.editor;
    e.view()
        .iter()
        .map(|&l| e.file().lines.get(l as usize).to_owned())
        .collect()
}

#[test]
fn rows_are_added_checked_undone_deleted_and_saved_in_the_files_style() {
    let (dir, mut h) = editor_on(b"a@x.de,a\r\n");
    h.get_by_label("1 of 1 line");

    // Bad input: the field is named, nothing is added.
    type_into(&mut h, "Azure AD user name:", "max");
    type_into(&mut h, "UCServer user name:", "b");
    h.get_by_label("Add row").click();
    h.run();
    h.get_by_label_contains("Azure AD user name: \"max\" is not a user principal name");
    h.get_by_label("1 of 1 line");
    type_into(&mut h, "Azure AD user name:", "@x.de");
    h.get_by_label("Add row").click();
    h.run();
    h.get_by_label("2 of 2 lines");
    h.get_by_label("max@x.de");
    h.get_by_label("Not saved");
    assert!(h.state().state.dirty(), "unsaved changes count for closing");

    h.get_by_label("Undo").click();
    h.run();
    h.get_by_label("1 of 1 line");
    h.get_by_label("Redo").click();
    h.run();
    h.get_by_label("2 of 2 lines");

    // Select the first row by clicking its line and delete it.
    h.get_by_label("a@x.de").click();
    h.run();
    h.get_by_label("1 selected");
    h.get_by_label("Delete selected").click();
    h.run();
    assert_eq!(shown(&h), ["max@x.de,b"]);

    h.get_by_label("Save matching").click();
    settle(&mut h, idle);
    h.get_by_label_contains("usermatching.csv was saved");
    // CRLF as found; the previous version is the backup.
    assert_eq!(matching_bytes(dir.path()), b"max@x.de,b\r\n");
    let bak = dir
        .path()
        .join("ExternalServiceProvider/usermatching.csv.bak");
    assert_eq!(std::fs::read(bak).unwrap(), b"a@x.de,a\r\n");
    assert!(!h.state().state.dirty());
}

#[test]
fn a_cell_of_the_selected_row_is_edited_in_place() {
    let (_dir, mut h) = editor_on(b"a@x.de,a\nb@x.de,b\n");
    // A click selects the row, a second click into it edits the cell.
    h.get_by_label("b").click();
    h.run();
    h.get_by_label("b").click();
    h.run();
    // The field is named by its column.
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "UCServer user name")
        .type_text("bernd");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(shown(&h), ["a@x.de,a", "b@x.de,bernd"]);
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(shown(&h), ["a@x.de,a", "b@x.de,b"]);
}

#[test]
fn search_sort_and_lines_with_findings() {
    let (_dir, mut h) = editor_on(b"zoe@x.de,zoe\nAnna@x.de,anna\nbad\nbob@x.de,bob\n");
    type_into(&mut h, "Search:", "ANNA");
    h.get_by_label("1 of 4 lines");
    assert_eq!(shown(&h), ["Anna@x.de,anna"]);
    h.get_by_label("Search:").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_label("4 of 4 lines");

    // A click on a column title sorts A-Z, another Z-A, a third restores the file's order.
    h.get_by_label("Azure AD user name").click();
    h.run();
    assert_eq!(
        shown(&h),
        ["Anna@x.de,anna", "bad", "bob@x.de,bob", "zoe@x.de,zoe"]
    );
    h.get_by_label("Azure AD user name (A-Z)").click();
    h.run();
    assert_eq!(shown(&h)[0], "zoe@x.de,zoe");
    h.get_by_label("Azure AD user name (Z-A)").click();
    h.run();
    assert_eq!(shown(&h)[0], "zoe@x.de,zoe");
    assert_eq!(shown(&h)[1], "Anna@x.de,anna");

    h.get_by_label("Only lines with findings").click();
    h.run();
    assert_eq!(shown(&h), ["bad"]);
    // The finding stands on its row, without repeating the row's number (issue 35 §14).
    h.get_by_label("One field instead of 2");
    assert!(h.query_by_label_contains("Line 3: ").is_none());
}

/// A search that hides a selected row takes it out of the selection: "Delete selected" never
/// deletes a row nobody sees (issue 26 §1: row 968 selected, a search showing only row 100000, and
/// the click deleted row 968).
#[test]
fn a_row_the_search_hides_is_not_deleted() {
    let (_dir, mut h) = editor_on(b"a@x.de,a\nb@x.de,b\nc@x.de,c\n");
    h.get_by_label("a@x.de").click();
    h.run();
    h.get_by_label("1 selected");
    type_into(&mut h, "Search:", "b@x");
    h.run();
    assert_eq!(shown(&h), ["b@x.de,b"]);
    assert!(
        h.query_by_label("1 selected").is_none(),
        "the hidden row is still selected"
    );
    h.get_by_label("Delete selected").click();
    h.run();
    let lines = crate::support::gui::editor_lines(&h);
    assert_eq!(
        lines,
        ["a@x.de,a", "b@x.de,b", "c@x.de,c"],
        "nothing was deleted"
    );
    assert!(!h.state().state.editor.dirty());
}

/// Issue 26 §11: the header counts the table, not the saved file, and says "not saved yet";
/// "was saved" goes with the next change (it stood beside "Not saved").
#[test]
fn the_summary_counts_the_table_and_saved_goes_with_the_next_change() {
    let (_dir, mut h) = editor_on(b"a@x.de,a\n");
    h.get_by_label("1 mapping — lines with errors (red): 0, with warnings (yellow): 0");
    type_into(&mut h, "Azure AD user name:", "b@x.de");
    type_into(&mut h, "UCServer user name:", "b");
    h.get_by_label("Add row").click();
    h.run();
    h.get_by_label("2 mappings — lines with errors (red): 0, with warnings (yellow): 0 — in the table, not saved yet");
    h.get_by_label("Save matching").click();
    settle(&mut h, idle);
    h.get_by_label("2 mappings — lines with errors (red): 0, with warnings (yellow): 0");
    h.get_by_label_contains("usermatching.csv was saved");
    h.get_by_label("b@x.de").click();
    h.run();
    h.get_by_label("Delete selected").click();
    h.run();
    h.get_by_label("Not saved");
    assert!(h.query_by_label_contains("was saved").is_none());
    h.get_by_label("1 mapping — lines with errors (red): 0, with warnings (yellow): 0 — in the table, not saved yet");
}

#[test]
fn rows_pasted_from_excel_are_appended() {
    let (_dir, mut h) = editor_on(b"a@x.de,a\n");
    // Excel's clipboard: tabs, a header line, CRLF.
    h.get_by_label("Paste from Excel").click();
    h.run();
    type_into(
        &mut h,
        "Copied rows:",
        "Azure AD\tUCServer\r\nc@x.de\tc\r\nonly-one\r\n",
    );
    h.get_by_label("Add the rows").click();
    h.run();
    h.get_by_label_contains("One row was added.");
    h.get_by_label_contains("One line was left out (line 3)");
    // German Excel's semicolons, pasted with Ctrl+V while no field has the focus.
    h.get_by_label("a@x.de").click();
    h.run();
    h.event(egui::Event::Paste("d@x.de;d\ne@x.de;e".into()));
    h.run();
    h.get_by_label_contains("2 rows were added.");
    assert_eq!(shown(&h), ["a@x.de,a", "c@x.de,c", "d@x.de,d", "e@x.de,e"]);
}

/// A name with a control character (pasted here; from a file alike) is the same finding as on the
/// command line, at its line and column, and Save is refused: nothing is written (issue 24 §2).
#[test]
fn a_pasted_name_with_a_control_character_is_a_finding_and_blocks_the_save() {
    let (dir, mut h) = editor_on(b"a@x.de,a\n");
    h.get_by_label("a@x.de").click();
    h.run();
    h.event(egui::Event::Paste("bob\u{1b}]0;pwn\u{7}@x.de\tbob".into()));
    h.run();
    h.get_by_label_contains("One row was added.");
    // In its row: the character (not a developer's "column"), the control character by name.
    h.get_by_label("Character 4: control character [ESC] in Azure AD user name");
    // The name is shown with its control characters written out, not drawn as boxes.
    h.get_by_label("bob[ESC]]0;pwn[BEL]@x.de");
    h.get_by_label("Save matching").click();
    h.run();
    h.get_by_label_contains("One line of usermatching.csv has errors. Fix the lines marked red");
    assert_eq!(matching_bytes(dir.path()), b"a@x.de,a\n");
}

#[test]
fn import_and_export_go_through_the_file_dialog() {
    let dir = folder_with_matching(b"a@x.de,a\n");
    let import = dir.path().join("from-excel.csv");
    // As German Excel saves it: header, semicolons, Windows-1252.
    std::fs::write(&import, b"UPN;Benutzer\r\nj\xFCrgen@x.de;j\xFCrgen\r\n").unwrap();
    let export = dir.path().join("export/usermatching-copy.csv");
    let dialog = Arc::new(FixedDialog::default());
    dialog.open.lock().unwrap().push(import);
    dialog.save.lock().unwrap().push(export.clone());
    let app = PaneApp::new(dir.path().to_owned(), Lang::En).with_dialog(dialog);
    let mut h = harness_for(app);
    editor(&mut h);
    h.get_by_label("Import …").click();
    settle(&mut h, idle);
    h.get_by_label_contains("One row added from");
    assert_eq!(shown(&h), ["a@x.de,a", "jürgen@x.de,jürgen"]);
    h.get_by_label("Export …").click();
    settle(&mut h, idle);
    h.get_by_label_contains("The matching was exported to");
    assert_eq!(
        std::fs::read_to_string(export).unwrap(),
        "a@x.de,a\njürgen@x.de,jürgen\n"
    );
    // The export is no save: usermatching.csv is untouched.
    assert_eq!(matching_bytes(dir.path()), b"a@x.de,a\n");
}

/// Steps frames until a label containing `text` is shown (the watcher's debounce and a read).
fn wait_for_label(h: &mut Harness<'static, PaneApp>, text: &str) {
    let start = std::time::Instant::now();
    while h.query_by_label_contains(text).is_none() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "not shown: {text}"
        );
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// usermatching.csv grown past its limit by another program while the window is open (issue 23
/// §5): named as soon as it happens, nothing to edit, nothing written.
#[test]
fn a_file_grown_past_its_limit_on_disk_is_named_and_never_written() {
    let limit = "where usermatching.csv may hold at most 64 MB";
    // Nothing unsaved: read again at once, the refusal shown in place of the table.
    let dir = folder_with_matching(b"a@x.de,a\n");
    let path = dir.path().join("ExternalServiceProvider/usermatching.csv");
    let mut h = harness(dir.path(), Lang::En);
    editor(&mut h);
    h.get_by_label("1 of 1 line");
    let grow = || {
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(65 << 20).unwrap();
    };
    grow();
    wait_for_label(&mut h, limit);
    h.get_by_label_contains("too large: 65 MB");
    assert!(h.query_by_label("Add row").is_none());

    // Unsaved rows: the window says the file changed; Save refuses by name, the file stays.
    let dir = folder_with_matching(b"a@x.de,a\n");
    let path = dir.path().join("ExternalServiceProvider/usermatching.csv");
    let mut h = harness(dir.path(), Lang::En);
    editor(&mut h);
    type_into(&mut h, "Azure AD user name:", "b@x.de");
    type_into(&mut h, "UCServer user name:", "b");
    h.get_by_label("Add row").click();
    h.run();
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(65 << 20).unwrap();
    wait_for_label(&mut h, "was changed outside this window");
    h.get_by_label("Save matching").click();
    settle(&mut h, idle);
    h.get_by_label_contains(limit);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 65 << 20);
    assert!(h.state().state.editor.dirty(), "the rows typed are kept");
}

/// A pasted block with a line far longer than any name (a whole document on one line) is
/// refused by name; nothing is added and the text stays to be corrected.
#[test]
fn a_pasted_line_beyond_the_limit_is_refused_by_name() {
    let (_dir, mut h) = editor_on(b"a@x.de,a\n");
    h.get_by_label("Paste from Excel").click();
    h.run();
    let long = format!("c@x.de\tc\n{}\n", "x".repeat(5_000));
    type_into(&mut h, "Copied rows:", &long);
    h.get_by_label("Add the rows").click();
    h.run();
    h.get_by_label_contains("line 2 holds 5,000 bytes, where a line of the pasted text may hold");
    assert_eq!(shown(&h), ["a@x.de,a"]);
    assert_eq!(h.state().state.editor.paste_text, long);
    assert!(!h.state().state.editor.dirty());
}

#[test]
fn a_file_changed_on_disk_is_merged_with_the_editors_changes() {
    let (dir, mut h) = editor_on(b"a@x.de,a\nc@x.de,c\n");
    type_into(&mut h, "Azure AD user name:", "b@x.de");
    type_into(&mut h, "UCServer user name:", "b");
    h.get_by_label("Add row").click();
    h.run();
    // Another program edits line 2 and adds a line meanwhile.
    let path = dir.path().join("ExternalServiceProvider/usermatching.csv");
    std::fs::write(&path, b"a@x.de,a\nc@x.de,cc\nother@x.de,other\n").unwrap();
    let start = std::time::Instant::now();
    while h
        .query_by_label_contains("was changed outside this window")
        .is_none()
    {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(1),
            "not noticed"
        );
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.get_by_label("Save matching").click();
    settle(&mut h, idle);
    h.get_by_label("Saved. The changes another program made to the file were kept.");
    assert_eq!(
        matching_bytes(dir.path()),
        b"a@x.de,a\nc@x.de,cc\nother@x.de,other\nb@x.de,b\n"
    );
    // The summary of the file as saved follows the save.
    h.get_by_label("4 mappings — lines with errors (red): 0, with warnings (yellow): 0");
    assert!(!h.state().state.editor.dirty());
}

#[test]
fn a_line_changed_on_both_sides_shows_both_versions_until_decided() {
    let theirs = b"a@x.de,a\nb@x.de,theirs\nz@x.de,z\n";
    let (dir, mut h) = conflict_on(b"a@x.de,a\nb@x.de,b\n", 1, "mine", theirs);
    h.get_by_label("usermatching.csv was changed while you were editing it");
    h.get_by_label("Line 2 of the file");
    h.get_by_label("Editor: b@x.de,mine");
    h.get_by_label("File: b@x.de,theirs");
    // The other program's new line is no part of the conflict: it is kept whatever is chosen.
    assert!(h.query_by_label_contains("z@x.de").is_none());
    assert_eq!(
        matching_bytes(dir.path()),
        theirs,
        "written before the decision"
    );
    h.get_by_label("Editor: b@x.de,mine").click();
    h.run();
    h.get_by_label("Merge and save").click();
    settle(&mut h, idle);
    assert_eq!(
        matching_bytes(dir.path()),
        b"a@x.de,a\nb@x.de,mine\nz@x.de,z\n"
    );
    assert!(!h.state().state.editor.dirty());
}

/// Issue 26 §2: the editor changed line 3; another program changed line 3 differently and
/// deleted line 4. The conflict names each line's side, and the combination keeps the editor's
/// line 3 and the other program's deletion (picking "Editor" used to bring line 4 back silently).
#[test]
fn a_conflict_names_each_lines_side_and_offers_the_combination() {
    let (dir, mut h) = conflict_on(
        b"a@x.de,a\nb@x.de,b\nc@x.de,c\nd@x.de,d\n",
        2,
        "mine",
        b"a@x.de,a\nb@x.de,b\nc@x.de,theirs\n",
    );
    h.get_by_label(
        "Changed on both sides — editor: c@x.de,mine; file: c@x.de,theirs (was c@x.de,c)",
    );
    h.get_by_label("Deleted in the file by another program: d@x.de,d");
    let combine = "Combine — each line as the side that changed it has it, the editor's where both did: c@x.de,mine";
    h.get_by_label(combine).click();
    h.run();
    h.get_by_label("Merge and save").click();
    settle(&mut h, idle);
    assert_eq!(
        matching_bytes(dir.path()),
        b"a@x.de,a\nb@x.de,b\nc@x.de,mine\n"
    );
}

#[test]
fn lines_with_errors_block_saving_and_closing_saves_the_matching() {
    let (dir, mut h) = editor_on(b"a@x.de,a\n");
    // A pasted line that repeats an Azure AD name is an error: saving is refused.
    h.event(egui::Event::Paste("a@x.de,again\n".into()));
    h.run();
    h.get_by_label("Save matching").click();
    h.run();
    h.get_by_label_contains("One line of usermatching.csv has errors");
    assert_eq!(matching_bytes(dir.path()), b"a@x.de,a\n");
    h.get_by_label("Undo").click();
    h.event(egui::Event::Paste("c@x.de,c\n".into()));
    h.run();

    h.state_mut().request_close();
    h.run();
    assert_eq!(h.state().state.window.closing, Closing::Asking);
    h.get_by_label("Save and close").click();
    settle(&mut h, |app| app.state.window.closing == Closing::Closed);
    assert_eq!(matching_bytes(dir.path()), b"a@x.de,a\nc@x.de,c\n");
}

/// The editor tab with a table, a selection and a search does not repaint when nothing happens.
#[test]
fn the_idle_editor_does_not_repaint() {
    let (_dir, mut h) = editor_on(b"a@x.de,a\nb@x.de,b\nbad\n");
    type_into(&mut h, "Search:", "x.de");
    h.get_by_label("a@x.de").click();
    h.run();
    h.step();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert_eq!(delay, std::time::Duration::MAX, "repaints after {delay:?}");
}

/// Only the rows in sight are laid out; a row added at the end of a long file is brought into sight.
#[test]
fn an_added_row_is_scrolled_into_sight() {
    let mut text = String::new();
    for i in 0..500 {
        text.push_str(&format!("u{i:03}@x.de,u{i:03}\n"));
    }
    let (_dir, mut h) = editor_on(text.as_bytes());
    h.get_by_label("u000@x.de");
    assert!(h.query_by_label("u499@x.de").is_none(), "not laid out");
    type_into(&mut h, "Azure AD user name:", "new@x.de");
    type_into(&mut h, "UCServer user name:", "new");
    h.get_by_label("Add row").click();
    h.run();
    h.get_by_label("new@x.de");
    h.get_by_label("501");
    assert!(
        h.query_by_label("u000@x.de").is_none(),
        "scrolled away from the top"
    );
}

/// A file dropped from the Explorer onto the window.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_editor_is_imported() {
    let dir = folder_with_matching(b"a@x.de,a\n");
    let file = dir.path().join("more.csv");
    std::fs::write(&file, b"b@x.de;b\r\n").unwrap();
    let mut h = harness(dir.path(), Lang::En);
    editor(&mut h);
    h.input_mut().dropped_files.push(Arc::new(Dropped(file)));
    settle(&mut h, idle);
    h.get_by_label_contains("One row added from");
    assert_eq!(shown(&h), ["a@x.de,a", "b@x.de,b"]);
}

/// "Discard changes" in the editor reads usermatching.csv again and leaves the settings alone.
#[test]
fn discarding_the_matching_keeps_unsaved_settings() {
    let dir = folder_with_matching(b"a@x.de,a\n");
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Proxy address:", "proxy.firma.local:8080");
    editor(&mut h);
    h.event(egui::Event::Paste("b@x.de,b\n".into()));
    h.run();
    assert_eq!(shown(&h).len(), 2);
    h.get_by_label("Discard changes").click();
    settle(&mut h, idle);
    assert_eq!(shown(&h), ["a@x.de,a"]);
    assert!(!h.state().state.editor.dirty());
    assert_eq!(
        h.state().state.settings.draft.proxy,
        "proxy.firma.local:8080"
    );
    assert!(h.state().state.config_dirty());
}

/// msteams.cfg read again (quietly after an outside change, or "discard my changes" in a
/// conflict) keeps the editor's unsaved lines.
#[test]
fn reloading_the_settings_keeps_unsaved_matching() {
    let (dir, mut h) = editor_on(b"a@x.de,a\n");
    h.event(egui::Event::Paste("b@x.de,b\n".into()));
    h.run();
    open_tab(&mut h, "Settings");
    let cfg = dir.path().join("config/msteams.cfg");
    std::fs::write(&cfg, "{\"u8sProxyAddress\": \"outside.firma.local:1\"}\n").unwrap();
    let start = std::time::Instant::now();
    while h.state().state.settings.draft.proxy != "outside.firma.local:1" {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(2),
            "not read again"
        );
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(shown(&h), ["a@x.de,a", "b@x.de,b"]);
    assert!(h.state().state.editor.dirty());

    h.get_by_label("Proxy address:").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Proxy address:")
        .type_text("mine.firma.local:2");
    h.run();
    std::fs::write(&cfg, "{\"u8sProxyAddress\": \"theirs.firma.local:3\"}\n").unwrap();
    h.get_by_label("Save").click();
    settle(&mut h, idle);
    h.get_by_label("Discard my changes and reload").click();
    settle(&mut h, idle);
    assert_eq!(h.state().state.settings.draft.proxy, "theirs.firma.local:3");
    assert_eq!(shown(&h), ["a@x.de,a", "b@x.de,b"]);
    assert!(h.state().state.editor.dirty());
}

/// Where no file dialog can be shown (no desktop portal), the window says so and asks for the path.
#[test]
fn without_a_file_dialog_the_path_is_asked_in_the_window() {
    let dir = folder_with_matching(b"a@x.de,a\n");
    let import = dir.path().join("more.csv");
    std::fs::write(&import, b"b@x.de,b\n").unwrap();
    let dialog = Arc::new(FixedDialog {
        silent: true,
        ..FixedDialog::default()
    });
    let app = PaneApp::new(dir.path().to_owned(), Lang::En).with_dialog(dialog);
    let mut h = harness_for(app);
    editor(&mut h);
    h.get_by_label("Import …").click();
    settle(&mut h, |app| app.state.window.dialogs.path.is_some());
    h.get_by_label("No file dialog available");
    h.get_by_label_contains("No file dialog can be shown on this system");
    type_into(&mut h, "Path:", import.to_str().unwrap());
    h.get_by_label("Open").click();
    settle(&mut h, idle);
    h.get_by_label_contains("One row added from");
    assert_eq!(shown(&h), ["a@x.de,a", "b@x.de,b"]);
    assert!(h.state().state.window.dialogs.path.is_none());
}

/// A message goes when its cause goes: "already on line 2" once line 2 is deleted, "has one
/// error" once the bad line is gone.
#[test]
fn editor_messages_go_when_their_cause_goes() {
    let (dir, mut h) = editor_on(b"a@x.de,a\nb@x.de,b\nnot-an-upn,c\n");
    type_into(&mut h, "Azure AD user name:", "b@x.de");
    type_into(&mut h, "UCServer user name:", "bb");
    h.get_by_label("Add row").click();
    h.run();
    h.get_by_label_contains("\"b@x.de\" is already on line 2");
    h.get_by_label("b@x.de").click();
    h.run();
    h.get_by_label("Delete selected").click();
    h.run();
    assert!(h.query_by_label_contains("is already on line").is_none());

    h.get_by_label("Save matching").click();
    h.run();
    h.get_by_label_contains("One line of usermatching.csv has errors");
    h.get_by_label("not-an-upn").click();
    h.run();
    h.get_by_label("Delete selected").click();
    h.run();
    assert!(
        h.query_by_label_contains("Fix the lines marked red")
            .is_none()
    );
    // Nothing was written by the refused save.
    assert_eq!(
        matching_bytes(dir.path()),
        b"a@x.de,a\nb@x.de,b\nnot-an-upn,c\n"
    );
}

/// A finding cut to its column shows one tooltip with every finding in full (not a second one
/// of egui's for the cut text).
#[test]
fn a_finding_has_one_tooltip() {
    let dir = folder_with_matching(
        b"a@x.de,a-very-long-ucserver-user-name-that-is-cut-in-its-column@firma.local\nb@x.de,a-very-long-ucserver-user-name-that-is-cut-in-its-column@firma.local\n",
    );
    let mut h = harness(dir.path(), Lang::En);
    editor(&mut h);
    // The row names the other line first (a cut text never cuts off its number, issue 35
    // §14), the tooltip says it all, once.
    h.get_by_label_contains("Duplicate, as line 1: ").hover();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("Duplicate, as line 1: ")
            .count(),
        1
    );
    assert_eq!(
        h.query_all_by_label_contains("Line 2: UCServer user \"a-very-long")
            .count(),
        1
    );
}

/// The table by keyboard alone: the focused row is shown (a ring, selected, named "Line N"), Up and
/// Down move it in the order shown and past the rows in sight, F2 edits its first cell, Enter takes
/// the value and gives the focus back to the row, Delete removes it and the focus goes on.
#[test]
fn the_table_is_worked_by_keyboard_alone_and_shows_the_focused_row() {
    use egui::Key;
    let (_dir, mut h) = numbered_table(200);
    h.get_by_label("200 of 200 lines");
    h.input_mut().focused = true;
    h.get_by_label("Line 1").focus();
    h.run();
    assert!(h.get_by_label("Line 1").is_focused());

    // 60 rows down: far beyond the rows laid out at 700 px.
    for _ in 0..60 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    let row = h.get_by_label("Line 61");
    assert!(row.is_focused(), "the focus moved row by row");
    // egui tells a selected widget as "toggled".
    assert_eq!(row.accesskit_node().toggled(), Some(Toggled::True));
    let b = row.accesskit_node().bounding_box().unwrap();
    assert!(
        b.y0 >= 0.0 && b.y1 <= 700.0,
        "the focused row is out of sight: {b:?}"
    );
    h.key_press(Key::ArrowUp);
    h.run();
    assert!(h.get_by_label("Line 60").is_focused());
    assert_eq!(
        h.state()
            .state
            .editor
            .table
            .selected
            .iter()
            .collect::<Vec<_>>(),
        [&59],
        "the selection follows the focus"
    );

    // F2 edits the first cell; Enter takes it and the focus is back on the row.
    h.key_press(Key::F2);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Azure AD user name")
        .type_text("renamed@x.de");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(
        h.state().state.editor.editor.file().lines.get(59),
        "renamed@x.de,user060"
    );
    assert!(
        h.get_by_label("Line 60").is_focused(),
        "focus back on the row"
    );

    // Delete removes the focused, selected row; the next one takes its place and the focus.
    h.key_press(Key::Delete);
    h.run();
    h.run();
    h.get_by_label("199 of 199 lines");
    assert_eq!(
        h.state().state.editor.editor.file().lines.get(59),
        "user061@x.de,user061"
    );
    let row = h.get_by_label("Line 60");
    assert!(row.is_focused(), "the focus went on to the next row");
    assert_eq!(row.accesskit_node().toggled(), Some(Toggled::True));
}

/// Issue 26 §12: after a click on a row the keys go on from it — Down, PageDown, PageUp,
/// Ctrl+End, Ctrl+Home — and each row they reach is in sight, focused and selected (they did
/// nothing after a click).
#[test]
fn after_a_click_on_a_row_the_page_keys_move_from_it() {
    use egui::Key;
    let (_dir, mut h) = numbered_table(500);
    h.input_mut().focused = true;
    h.get_by_label_contains("user003@x.de").click();
    h.run();
    h.run();
    let at = |h: &mut egui_kittest::Harness<'_, PaneApp>, line: usize| {
        let name = format!("Line {line}");
        let row = h.get_by_label(&name);
        assert!(row.is_focused(), "line {line} has the focus");
        let b = row.accesskit_node().bounding_box().unwrap();
        assert!(
            b.y0 >= 0.0 && b.y1 <= 700.0,
            "line {line} out of sight: {b:?}"
        );
        let selected: Vec<usize> = h
            .state()
            .state
            .editor
            .table
            .selected
            .iter()
            .copied()
            .collect();
        assert_eq!(selected, [line - 1]);
    };
    at(&mut h, 3);
    let press = |h: &mut egui_kittest::Harness<'_, PaneApp>, m, k| {
        h.key_press_modifiers(m, k);
        h.run();
        h.run();
    };
    let none = egui::Modifiers::NONE;
    press(&mut h, none, Key::ArrowDown);
    at(&mut h, 4);
    press(&mut h, none, Key::PageDown);
    let paged = h
        .state()
        .state
        .editor
        .table
        .selected
        .iter()
        .next()
        .copied()
        .unwrap()
        + 1;
    assert!(paged > 10, "PageDown moved a page, not a row: line {paged}");
    at(&mut h, paged);
    press(&mut h, none, Key::PageUp);
    at(&mut h, 4);
    press(&mut h, egui::Modifiers::COMMAND, Key::End);
    at(&mut h, 500);
    press(&mut h, egui::Modifiers::COMMAND, Key::Home);
    at(&mut h, 1);
}

/// Issue 35 §14: the count beside the table counts what it marks — red lines — and says the sum
/// of errors where a line holds more than one.
#[test]
fn the_summary_counts_the_red_lines_it_shows() {
    // Line 1 holds two errors (quoted and a control character), line 2 one.
    let (_dir, h) = editor_on("\"x\u{7}@b.de\",y\nbad\nok@b.de,ok\n".as_bytes());
    h.get_by_label(
        "3 mappings — lines with errors (red): 2 (3 errors in all), with warnings (yellow): 0",
    );
}
