//! The editor's table: the header (a click sorts), one row per line of usermatching.csv (the
//! line number coloured by its worst finding, the two names edited in place, the findings), the
//! keyboard (Up and Down move the focused row and the selection, F2 edits, Ctrl+Z/Y undo and
//! redo, Delete deletes, Ctrl+V pastes). Only the rows in sight are laid out.

use super::state::editor_tab::{Editing, EditorTab};
use super::widgets::{self, ERROR, WARNING};
use crate::base::i18n::{Msg, Texts};
use crate::model::matching::editor::{Editor, Sort};
use crate::model::matching::{Column, Severity};
use egui::accesskit::Role;
use egui_extras::{Column as Col, TableBuilder};

const ROW_HEIGHT: f32 = 22.0;

/// Undo, redo, delete and paste from the keyboard, when no text field has the focus.
pub(super) fn keyboard(s: &mut EditorTab, ui: &egui::Ui) {
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

pub(super) fn table(t: &Texts, s: &mut EditorTab, ui: &mut egui::Ui) {
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
    table: &mut super::state::editor_tab::TableState,
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
    table: &mut super::state::editor_tab::TableState,
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
            let shown = crate::base::escape::visible(value);
            ui.add(egui::Label::new(shown).selectable(false).truncate());
        }
    }
}

/// Does what the table's frame asked: the sort, the end or start of an edit, the keys of the
/// focused row, the selection.
fn take_asked(s: &mut EditorTab, asked: Asked, ui: &egui::Ui) {
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
fn row_keys(s: &mut EditorTab, line: usize, page: usize, ui: &egui::Ui) -> Option<Editing> {
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
