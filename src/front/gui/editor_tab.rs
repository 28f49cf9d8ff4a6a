//! "User matching" tab: the table editor of usermatching.csv — add, edit (double-click a cell,
//! click into the selected row, or F2 on the focused row), delete, sort (click a column title),
//! search, findings on their row, undo/redo, paste from Excel, import/export through the file
//! dialogs, save with the conflict check. The row with the keyboard focus has a ring; Up and Down
//! move it and the selection.
//!
//! The tab is an [`EditorTab`] (its state in `state/editor_tab.rs`) that draws itself: the
//! summary and repairs ([`super::usermatching`]), the tools ([`super::editor_tools`]) and the
//! table ([`super::editor_table`]). Only the rows in sight are laid out (egui_extras' `rows`), so
//! 100,000 lines cost what 30 do.

use super::command::{Command, TabCtx};
use super::state::editor_tab::{Action, EditorTab};
use crate::front::worker::FileJob;
use crate::model::matching::editor::Sort;

impl EditorTab {
    /// Draws the tab: the summary and repairs, a line conflict, the tools, the table.
    pub fn show(&mut self, c: &TabCtx, ui: &mut egui::Ui) {
        super::usermatching::show(c.t, self, ui);
        self.keep_selection_in_view();
        // Changes made after the table was drawn are shown in one more frame.
        let before = self.look();
        super::editor_table::keyboard(self, ui);
        dropped(c, FileJob::ImportRows, ui);
        super::conflict::matching(c, self, ui);
        let t = c.t;
        // A file that could not be read is not an empty one: nothing to edit (a save would write
        // over it), only why, and reading it again.
        if self.load_error().is_some() {
            super::usermatching::notice(t, self, ui);
            ui.weak(t.get("editor-unreadable"));
            let reading = self.file.read.is_running();
            if ui
                .add_enabled(!reading, egui::Button::new(t.get("editor-read-again")))
                .clicked()
            {
                self.reload_file(c.worker);
            }
            return;
        }
        let mut action = None;
        super::editor_tools::toolbar(c, self, ui, &mut action);
        super::editor_tools::add_form(t, self, ui);
        super::editor_tools::paste_area(t, self, ui);
        super::usermatching::notice(t, self, ui);
        ui.add_space(4.0);
        super::editor_table::table(t, self, ui);
        if self.look() != before {
            ui.ctx().request_repaint();
        }
        match action {
            Some(Action::Save) => {
                self.save(c.worker);
            }
            Some(Action::Reload) => self.reload_file(c.worker),
            Some(Action::File(job, title)) => c.send.send(Command::FileAsk(job, title)),
            None => {}
        }
    }

    /// What the table shows, in short: lines, order, selection, the cell being edited.
    fn look(&self) -> (u64, Option<Sort>, u64, usize, bool) {
        (
            self.editor.generation(),
            self.editor.sort(),
            self.editor.view_serial(),
            self.table.selected.len(),
            self.table.editing.is_some(),
        )
    }
}

/// A file dropped on the window, to import with `job` (rows in the editor, the user list in the
/// preview).
pub(super) fn dropped(c: &TabCtx, job: FileJob, ui: &egui::Ui) {
    let dropped = ui.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
    if let Some(path) = dropped {
        c.send.send(Command::FileDropped(job, path));
    }
}
