//! The editor's tools above its table: the search and the buttons (undo, redo, delete; import,
//! export; save, discard), the row being added, the paste area.

use super::command::TabCtx;
use super::state::editor_tab::{Action, EditorNotice, EditorTab};
use super::widgets::{self, ERROR, WARNING};
use crate::base::i18n::{Msg, Texts};
use crate::front::worker::{FileJob, Place};
use crate::model::matching::Column;

/// The search, the counts, the buttons.
pub(super) fn toolbar(
    c: &TabCtx,
    s: &mut EditorTab,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    let t = c.t;
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
    ui.horizontal_wrapped(|ui| buttons(t, s, c.file_busy, ui, action));
}

/// The editor's buttons: undo, redo, delete the selected rows; import, export; save, discard.
fn buttons(
    t: &Texts,
    s: &mut EditorTab,
    file_busy: bool,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
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
    let idle = !file_busy;
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
pub(super) fn add_form(t: &Texts, s: &mut EditorTab, ui: &mut egui::Ui) {
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

pub(super) fn paste_area(t: &Texts, s: &mut EditorTab, ui: &mut egui::Ui) {
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
