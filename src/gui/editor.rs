//! "User matching" tab: the table editor of usermatching.csv — add, edit (double-click a cell,
//! click into the selected row, or F2 on the focused row), delete, sort (click a column title),
//! search, findings on their row, undo/redo, paste from Excel, import/export through the file
//! dialogs, save with the conflict check. The row with the keyboard focus has a ring; Up and Down
//! move it and the selection.
//!
//! Only the rows in sight are laid out (egui_extras' `rows`), so 100,000 lines cost what 30 do.

use super::command::{Command, Panel};
use super::session::{Editing, EditorNotice, MatchingSession};
use super::widgets::{self, ERROR, WARNING};
use crate::i18n::{Msg, Texts};
use crate::matching::editor::{Editor, Sort};
use crate::matching::{Column, Severity};
use crate::worker::{FileJob, Place};
use egui::accesskit::Role;
use egui_extras::{Column as Col, TableBuilder};

const ROW_HEIGHT: f32 = 22.0;

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    p.state.matching.keep_selection_in_view();
    // Changes made after the table was drawn are shown in one more frame.
    let before = look(&p.state.matching);
    keyboard(&mut p.state.matching, ui);
    dropped(p, FileJob::ImportRows, ui);
    super::conflict::matching(p, ui);
    let t = p.t;
    let mut action = None;
    // A file that could not be read is not an empty one: nothing to edit (a save would write
    // over it), only why, and reading it again.
    if p.state.matching.load_error().is_some() {
        super::usermatching::notice(t, &p.state.matching, ui);
        ui.weak(t.get("editor-unreadable"));
        let reading = p.state.matching.file.read.is_running();
        if ui
            .add_enabled(!reading, egui::Button::new(t.get("editor-read-again")))
            .clicked()
        {
            p.state.matching.reload_file(p.worker);
        }
        return;
    }
    toolbar(t, &mut p.state.matching, ui, &mut action);
    add_form(t, &mut p.state.matching, ui);
    paste_area(t, &mut p.state.matching, ui);
    super::usermatching::notice(t, &p.state.matching, ui);
    ui.add_space(4.0);
    table(t, &mut p.state.matching, ui);
    if look(&p.state.matching) != before {
        ui.ctx().request_repaint();
    }
    match action {
        Some(Action::Save) => {
            p.state.matching.save(p.worker);
        }
        Some(Action::Reload) => p.state.matching.reload_file(p.worker),
        Some(Action::File(job, title)) => p.send.send(Command::FileAsk(job, title)),
        None => {}
    }
}

/// A file dropped on the window, to import with `job` (rows in the editor, the user list in the
/// preview).
pub(super) fn dropped(p: &mut Panel, job: FileJob, ui: &egui::Ui) {
    let dropped = ui.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
    if let Some(path) = dropped {
        let source = crate::worker::Source::Path(path);
        let req = crate::worker::FileRequest { job, source };
        p.state.matching.start_file(p.worker, req);
    }
}

/// What the table shows, in short: lines, order, selection, the cell being edited.
fn look(s: &MatchingSession) -> (u64, Option<Sort>, u64, usize, bool) {
    (
        s.editor.generation(),
        s.editor.sort(),
        s.editor.view_serial(),
        s.table.selected.len(),
        s.table.editing.is_some(),
    )
}

/// What the panel asks of the app after drawing.
enum Action {
    Save,
    Reload,
    File(FileJob, String),
}

/// Undo, redo, delete and paste from the keyboard, when no text field has the focus.
fn keyboard(s: &mut MatchingSession, ui: &egui::Ui) {
    if ui.ctx().text_edit_focused() {
        return;
    }
    // The modifiers as the key event carries them, not as they are at the frame's end: over Remote
    // Desktop a quick Ctrl+Z arrives with Ctrl already released in the same frame (issue 35 §11).
    // Ctrl+Shift+Z before Ctrl+Z: a shortcut's match ignores an extra Shift.
    let (undo, redo, delete, pasted) = ui.input_mut(|i| {
        let pasted = i.events.iter().find_map(|e| match e {
            egui::Event::Paste(text) => Some(text.clone()),
            _ => None,
        });
        let cmd = egui::Modifiers::COMMAND;
        let redo = i.consume_key(cmd | egui::Modifiers::SHIFT, egui::Key::Z)
            | i.consume_key(cmd, egui::Key::Y);
        let undo = i.consume_key(cmd, egui::Key::Z);
        (undo, redo, i.key_pressed(egui::Key::Delete), pasted)
    });
    if undo {
        s.editor.undo();
        s.table.selected.clear();
    }
    if redo {
        s.editor.redo();
        s.table.selected.clear();
    }
    if delete && !s.table.selected.is_empty() {
        // Only rows in sight: a search typed in this frame may have hidden some.
        s.keep_selection_in_view();
        let lines: Vec<usize> = s.table.selected.iter().copied().collect();
        let view = s.editor.view();
        let at = view
            .iter()
            .position(|&l| s.table.selected.contains(&(l as usize)));
        s.editor.delete(&lines);
        s.table.selected.clear();
        // From a focused row, the focus goes on to the row that took its place.
        let row_focused = ui.ctx().memory(|m| m.focused().is_some());
        let view = s.editor.view();
        if let Some(&next) = at
            .filter(|_| row_focused)
            .and_then(|p| view.get(p).or(view.last()))
        {
            s.table.selected.insert(next as usize);
            s.table.focus_line = Some(next as usize);
        }
    }
    if let Some(text) = pasted {
        s.paste(&text);
    }
}

fn toolbar(t: &Texts, s: &mut MatchingSession, ui: &mut egui::Ui, action: &mut Option<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label(format!("{}:", t.get("editor-search")));
        let search = egui::TextEdit::singleline(&mut s.table.search)
            .hint_text(t.get("editor-search-hint"))
            .desired_width(220.0);
        if ui.add(search).labelled_by(label.id).changed() {
            s.editor.set_filter(&s.table.search);
        }
        let mut only = s.editor.only_findings();
        if ui
            .checkbox(&mut only, t.get("editor-only-findings"))
            .changed()
        {
            s.editor.set_only_findings(only);
        }
        let rows = Msg::new("editor-rows")
            .num("shown", s.editor.view().len())
            .num("total", s.editor.len());
        ui.weak(t.msg(&rows));
        if !s.table.selected.is_empty() {
            ui.weak(t.msg(&Msg::new("editor-selected").num("count", s.table.selected.len())));
        }
        // Here, not after the buttons: with it the buttons wrapped into two rows at 800 px.
        if s.save.is_running() {
            widgets::busy(ui, "matching save");
        } else if s.editor.dirty() {
            widgets::colored(ui, WARNING, t.get("editor-unsaved"));
        }
    });
    ui.horizontal_wrapped(|ui| buttons(t, s, ui, action));
}

/// The editor's buttons: undo, redo, delete the selected rows; import, export; save, discard.
fn buttons(t: &Texts, s: &mut MatchingSession, ui: &mut egui::Ui, action: &mut Option<Action>) {
    if ui
        .add_enabled(s.editor.can_undo(), egui::Button::new(t.get("editor-undo")))
        .clicked()
    {
        s.editor.undo();
        s.table.selected.clear();
    }
    if ui
        .add_enabled(s.editor.can_redo(), egui::Button::new(t.get("editor-redo")))
        .clicked()
    {
        s.editor.redo();
        s.table.selected.clear();
    }
    let delete = egui::Button::new(t.get("editor-delete"));
    if ui
        .add_enabled(!s.table.selected.is_empty(), delete)
        .clicked()
    {
        // Only rows in sight: a search typed in this frame may have hidden some.
        s.keep_selection_in_view();
        let lines: Vec<usize> = s.table.selected.iter().copied().collect();
        s.editor.delete(&lines);
        s.table.selected.clear();
    }
    ui.separator();
    let idle = !s.file_job.is_running();
    if ui
        .add_enabled(idle, egui::Button::new(t.get("editor-import")))
        .clicked()
    {
        *action = Some(Action::File(FileJob::ImportRows, t.get("editor-import")));
    }
    if ui
        .add_enabled(idle, egui::Button::new(t.get("editor-export")))
        .clicked()
    {
        match s.editor.file().to_bytes() {
            Ok(bytes) => {
                let job = FileJob::Export {
                    file_name: "usermatching.csv".into(),
                    bytes,
                    place: Place::Editor,
                };
                *action = Some(Action::File(job, t.get("editor-export")));
            }
            Err(e) => s.notice = Some(EditorNotice::Failed(vec![e.msg()])),
        }
    }
    ui.separator();
    let dirty = s.editor.dirty() && !s.save.is_running();
    let save = egui::Button::new(egui::RichText::new(t.get("editor-save")).strong());
    if ui.add_enabled(dirty, save).clicked() {
        *action = Some(Action::Save);
    }
    if ui
        .add_enabled(dirty, egui::Button::new(t.get("editor-revert")))
        .clicked()
    {
        *action = Some(Action::Reload);
    }
}

/// Two fields and a button: a new row, checked before it is added.
fn add_form(t: &Texts, s: &mut MatchingSession, ui: &mut egui::Ui) {
    let mut add = false;
    ui.horizontal_wrapped(|ui| {
        for (column, value) in [
            (Column::Azure, &mut s.add.azure),
            (Column::Ucserver, &mut s.add.ucserver),
        ] {
            let label = ui.label(format!("{}:", t.get(column.label_id())));
            let edit = ui
                .add(egui::TextEdit::singleline(value).desired_width(220.0))
                .labelled_by(label.id);
            add |= edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        }
        add |= ui.button(t.get("editor-add")).clicked();
    });
    if add {
        match s.editor.check_row(&s.add.azure, &s.add.ucserver) {
            Ok(row) => {
                s.table.scroll_to = Some(s.editor.add(&[row]));
                s.add.azure.clear();
                s.add.ucserver.clear();
                s.add.problem = None;
                s.table.selected.clear();
            }
            Err(m) => s.add.problem = Some(m),
        }
    }
    // A problem goes when its cause goes (the row it names was deleted or changed, the field
    // was changed or emptied).
    if s.add.problem.is_some() {
        let empty = s.add.azure.trim().is_empty() && s.add.ucserver.trim().is_empty();
        s.add.problem = match s.editor.check_row(&s.add.azure, &s.add.ucserver) {
            Err(m) if !empty => Some(m),
            _ => None,
        };
    }
    if let Some(p) = &s.add.problem {
        widgets::message(ui, ERROR, t.msg(p));
    }
}

fn paste_area(t: &Texts, s: &mut MatchingSession, ui: &mut egui::Ui) {
    let c = egui::CollapsingHeader::new(t.get("editor-paste-title"))
        .id_salt("paste_area")
        .show(ui, |ui| {
            let label = ui.label(format!("{}:", t.get("editor-paste-label")));
            ui.add(
                egui::TextEdit::multiline(&mut s.paste_text)
                    .hint_text(t.get("editor-paste-hint"))
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            let apply = egui::Button::new(t.get("editor-paste-apply"));
            if ui
                .add_enabled(!s.paste_text.trim().is_empty(), apply)
                .clicked()
            {
                let text = std::mem::take(&mut s.paste_text);
                if !s.paste(&text) {
                    // Refused: the text stays, to be corrected.
                    s.paste_text = text;
                }
            }
        });
    widgets::focus_ring(ui, &c.header_response);
}

/// What the table's header, clicks and keys asked for in this frame, done after it is drawn.
#[derive(Default)]
struct Asked {
    /// A column header clicked: the sort to take (`None`: the file's order).
    sort: Option<Option<Sort>>,
    /// A row clicked, and whether Ctrl was held (add to the selection).
    clicked: Option<(usize, bool)>,
    edit_start: Option<Editing>,
    commit: bool,
    cancel: bool,
    /// The line whose row has the keyboard focus.
    focused: Option<usize>,
    /// How many rows PageUp and PageDown move: those in sight, less one kept for orientation.
    page: usize,
}

/// Where a key moves the focused row to.
#[derive(Clone, Copy)]
enum Move {
    Back(usize),
    On(usize),
    First,
    Last,
}

/// What every row of a frame needs to know: the headers (the cells' names), the tab stop, how
/// many rows are in sight, the first row laid out, the focus ring's colour.
struct Rows {
    header_ids: [egui::Id; 2],
    stop: Option<usize>,
    in_sight: usize,
    first_laid_out: Option<usize>,
    ring: egui::Color32,
}

fn table(t: &Texts, s: &mut MatchingSession, ui: &mut egui::Ui) {
    if s.editor.is_empty() {
        ui.weak(t.get("editor-empty"));
        return;
    }
    let sort = s.editor.sort();
    let mut asked = Asked::default();
    let position = |line: usize| s.editor.view().iter().position(|&l| l as usize == line);
    // A row just added: into the middle; a row the keyboard moved to: into sight.
    let target = match s.table.scroll_to.take().and_then(position) {
        Some(row) => Some((row, Some(egui::Align::Center))),
        None => s.table.focus_line.and_then(position).map(|row| (row, None)),
    };
    // One tab stop for the table: the row last focused, else the first selected, else the first
    // in sight; the arrow keys move from there.
    let stop = s
        .table
        .row_focus
        .or_else(|| s.table.selected.first().copied())
        .and_then(position);
    let mut rows = Rows {
        header_ids: [egui::Id::NULL; 2],
        stop,
        in_sight: (ui.available_height() / ROW_HEIGHT).ceil() as usize,
        first_laid_out: None,
        ring: ui.visuals().selection.stroke.color,
    };
    let mut builder = TableBuilder::new(ui);
    if let Some((row, align)) = target {
        builder = builder.scroll_to_row(row, align);
    }
    builder
        .id_salt("matching_table")
        .striped(true)
        .resizable(true)
        // Clicks on the cells; the keyboard's focus is the row's own (not four stops a row).
        .sense(egui::Sense::CLICK)
        .auto_shrink(false)
        .max_scroll_height(f32::INFINITY)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Col::exact(56.0))
        .column(Col::initial(280.0).at_least(120.0).clip(true))
        .column(Col::initial(280.0).at_least(120.0).clip(true))
        .column(Col::remainder().clip(true))
        .header(ROW_HEIGHT, |header| {
            rows.header_ids = header_row(t, sort, header, &mut asked);
        })
        .body(|body| {
            let view = s.editor.view();
            body.rows(ROW_HEIGHT, view.len(), |row| {
                let line = view[row.index()] as usize;
                table_row(t, &s.editor, &mut s.table, line, row, &mut rows, &mut asked);
            });
        });
    asked.page = rows.in_sight.saturating_sub(1).max(1);
    take_asked(s, asked, ui);
}

/// The header: the line, the two names (a click sorts: A-Z, Z-A, the file's order) and the
/// findings; the names' ids (each cell being edited is labelled by its header).
fn header_row(
    t: &Texts,
    sort: Option<Sort>,
    mut header: egui_extras::TableRow,
    asked: &mut Asked,
) -> [egui::Id; 2] {
    let mut ids = [egui::Id::NULL; 2];
    header.col(|ui| {
        ui.strong(t.get("editor-line"));
    });
    for (i, column) in [Column::Azure, Column::Ucserver].into_iter().enumerate() {
        header.col(|ui| {
            let (mark, next) = match sort {
                Some(s) if s.column == column && s.ascending => (
                    " (A-Z)",
                    Some(Sort {
                        column,
                        ascending: false,
                    }),
                ),
                Some(s) if s.column == column => (" (Z-A)", None),
                _ => (
                    "",
                    Some(Sort {
                        column,
                        ascending: true,
                    }),
                ),
            };
            let text = egui::RichText::new(format!("{}{mark}", t.get(column.label_id())));
            let r = ui.add(egui::Button::new(text.strong()).frame(false));
            widgets::focus_ring(ui, &r);
            ids[i] = r.id;
            if r.clicked() {
                asked.sort = Some(next);
            }
        });
    }
    header.col(|ui| {
        ui.strong(t.get("editor-findings"));
    });
    ids
}

/// One row: the line number (red or yellow by its worst finding; the row's keyboard focus where
/// it is the tab stop), the two names (one being edited in place), the findings.
fn table_row(
    t: &Texts,
    editor: &Editor,
    table: &mut super::session::TableState,
    line: usize,
    mut row: egui_extras::TableRow,
    rows: &mut Rows,
    asked: &mut Asked,
) {
    let selected = table.selected.contains(&line);
    let edited = table.editing.as_ref().is_some_and(|e| e.line == line);
    row.set_selected(selected || edited);
    let severity = editor.severity(line);
    let first = *rows.first_laid_out.get_or_insert(row.index());
    let is_stop = table.focus_line == Some(line)
        || match rows.stop {
            Some(p) if (first..first + rows.in_sight).contains(&p) => p == row.index(),
            _ => row.index() == first,
        };
    let mut focus = None;
    row.col(|ui| {
        let mut number = egui::RichText::new(format!("{}", line + 1));
        match severity {
            Some(Severity::Error) => number = number.color(widgets::tone(ui, ERROR)).strong(),
            Some(Severity::Warning) => number = number.color(widgets::tone(ui, WARNING)),
            None => {}
        }
        ui.add(egui::Label::new(number).selectable(false));
        if is_stop {
            let id = egui::Id::unique(("matching_row", line));
            focus = Some(ui.interact(ui.max_rect(), id, egui::Sense::FOCUSABLE));
        }
    });
    let (azure, ucserver) = editor.cells(line);
    for (i, (column, value)) in [(Column::Azure, azure), (Column::Ucserver, ucserver)]
        .into_iter()
        .enumerate()
    {
        let (_, cell) =
            row.col(|ui| name_cell(table, line, column, value, rows.header_ids[i], asked, ui));
        // A double click, or a click into the only selected row, edits the cell.
        let again = cell.clicked()
            && table.selected.len() == 1
            && table.selected.contains(&line)
            && table.editing.is_none();
        if cell.double_clicked() || again {
            asked.edit_start = Some(Editing {
                line,
                column,
                text: value.to_owned(),
                keyboard: false,
            });
        }
    }
    row.col(|ui| findings_cell(t, editor, line, ui));
    let r = row.response();
    if let Some(f) = focus {
        let name = t.msg(&Msg::new("editor-row-name").num("line", line + 1));
        f.widget_info(|| egui::WidgetInfo::selected(Role::Row, true, selected, &name));
        if table.focus_line == Some(line) {
            f.request_focus();
            table.focus_line = None;
        }
        if f.has_focus() {
            asked.focused = Some(line);
            widgets::ring(&r, rows.ring);
        }
    }
    if r.clicked() {
        let add = widgets::click_modifiers(&r.ctx).command;
        asked.clicked = Some((line, add));
    }
}

/// A name: as text (control characters written out), or the field it is edited in, labelled by
/// its column's header.
fn name_cell(
    table: &mut super::session::TableState,
    line: usize,
    column: Column,
    value: &str,
    header: egui::Id,
    asked: &mut Asked,
    ui: &mut egui::Ui,
) {
    match &mut table.editing {
        Some(e) if e.line == line && e.column == column => {
            let r = ui
                .add(egui::TextEdit::singleline(&mut e.text).desired_width(f32::INFINITY))
                .labelled_by(header);
            if !r.has_focus() && !r.lost_focus() {
                r.request_focus();
            }
            asked.commit |= r.lost_focus();
            asked.cancel |= ui.input(|i| i.key_pressed(egui::Key::Escape));
        }
        _ => {
            // A control character shown as its symbol ("␛"), not as a box.
            let shown = crate::escape::visible(value);
            ui.add(egui::Label::new(shown).selectable(false).truncate());
        }
    }
}

/// Does what the table's frame asked: the sort, the end or start of an edit, the keys of the
/// focused row, the selection.
fn take_asked(s: &mut MatchingSession, asked: Asked, ui: &egui::Ui) {
    if let Some(sort) = asked.sort {
        s.editor.set_sort(sort);
    }
    let ended = if asked.cancel || asked.commit {
        s.table.editing.take()
    } else {
        None
    };
    if let Some(e) = ended {
        if asked.commit && !asked.cancel {
            s.editor.set_cell(e.line, e.column, &e.text);
        }
        if e.keyboard {
            s.table.focus_line = Some(e.line);
        }
    }
    if asked.focused.is_some() {
        s.table.row_focus = asked.focused;
    }
    let mut edit_start = asked.edit_start;
    if let Some(line) = asked.focused
        && s.table.editing.is_none()
    {
        edit_start = edit_start.or_else(|| row_keys(s, line, asked.page, ui));
    }
    if let Some(e) = edit_start {
        s.table.editing = Some(e);
    }
    if let Some((line, add)) = asked.clicked {
        if !add {
            s.table.selected.clear();
        }
        if !s.table.selected.remove(&line) || !add {
            s.table.selected.insert(line);
        }
        // The keys go on from the row clicked (Down, PageDown, Ctrl+End did nothing after a click).
        if s.table.editing.is_none() {
            s.table.focus_line = Some(line);
        }
    }
}

/// A focused row: Up and Down, PageUp and PageDown (`page` rows), Home and End (with or without
/// Ctrl) move the focus and the selection through the rows as they are sorted and filtered (into
/// sight, beyond the rows laid out); Space or Enter selects it; F2 — or Enter on the selected row —
/// edits its first cell.
fn row_keys(s: &mut MatchingSession, line: usize, page: usize, ui: &egui::Ui) -> Option<Editing> {
    let (none, ctrl) = (egui::Modifiers::NONE, egui::Modifiers::COMMAND);
    let (moved, f2, enter, space) = ui.input_mut(|i| {
        let mut key = |k| i.consume_key(none, k);
        let moved = [
            (egui::Key::ArrowUp, Move::Back(1)),
            (egui::Key::ArrowDown, Move::On(1)),
            (egui::Key::PageUp, Move::Back(page)),
            (egui::Key::PageDown, Move::On(page)),
            (egui::Key::Home, Move::First),
            (egui::Key::End, Move::Last),
        ]
        .into_iter()
        .find(|(k, _)| key(*k))
        .map(|(_, m)| m);
        let moved = moved
            .or_else(|| i.consume_key(ctrl, egui::Key::Home).then_some(Move::First))
            .or_else(|| i.consume_key(ctrl, egui::Key::End).then_some(Move::Last));
        let mut key = |k| i.consume_key(none, k);
        (
            moved,
            key(egui::Key::F2),
            key(egui::Key::Enter),
            key(egui::Key::Space),
        )
    });
    if let Some(m) = moved {
        // Ours, not egui's move to whatever lies in that direction.
        ui.ctx()
            .memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        let view = s.editor.view();
        let at = view.iter().position(|&l| l as usize == line)?;
        let last = view.len().saturating_sub(1);
        let next = match m {
            Move::Back(n) => at.saturating_sub(n),
            Move::On(n) => (at + n).min(last),
            Move::First => 0,
            Move::Last => last,
        };
        if let Some(&next) = view.get(next) {
            s.table.selected = std::iter::once(next as usize).collect();
            s.table.focus_line = Some(next as usize);
        }
        return None;
    }
    let selected_alone = s.table.selected.len() == 1 && s.table.selected.contains(&line);
    if (enter && !selected_alone) || space {
        s.table.selected = std::iter::once(line).collect();
        return None;
    }
    (f2 || enter).then(|| Editing {
        line,
        column: Column::Azure,
        text: s.editor.cells(line).0.to_owned(),
        keyboard: true,
    })
}

/// The worst finding's colour and the first finding's text; all of them on hover.
fn findings_cell(t: &Texts, editor: &Editor, line: usize, ui: &mut egui::Ui) {
    let findings = editor.findings(line);
    let Some(first) = findings.first() else {
        return;
    };
    let color = match editor.severity(line) {
        Some(Severity::Error) => ERROR,
        _ => WARNING,
    };
    let mut text = t.msg(&first.row_msg());
    if findings.len() > 1 {
        text.push_str(&format!(" (+{})", findings.len() - 1));
    }
    // One tooltip: every finding in full (not also egui's own for the cut text).
    let r = ui.add(
        egui::Label::new(egui::RichText::new(text).color(widgets::tone(ui, color)))
            .selectable(false)
            .truncate()
            .show_tooltip_when_elided(false),
    );
    r.on_hover_ui(|ui| {
        for f in findings {
            ui.label(t.msg(&f.msg()));
        }
    });
}
