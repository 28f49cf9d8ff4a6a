//! The "User matching" tab's state (drawn by `gui/editor_tab.rs`): the editor of
//! usermatching.csv, the file as loaded and on disk, its reading and saving (jobs this part
//! starts and the app follows), the table's selection and keyboard, the row being added.

use super::tracked::Tracked;
use crate::base::files::Snapshot;
use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::front::worker::{FileJob, Job, MatchingSave, Worker};
use crate::model::matching::Column;
use crate::model::matching::MatchingFile;
use crate::model::matching::editor::Editor;
use crate::model::matching::merge::Pick;
use crate::ops::store::{LoadedMatching, MatchingConflict, SaveFailure};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// A message in the editor's tab, until the next action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditorNotice {
    Saved,
    /// Save refused: lines with errors (counted again when shown; gone once they are fixed).
    SaveBlocked,
    /// Saved, with the changes another program had made to the file kept.
    SavedMerged,
    Info(Vec<Msg>),
    Failed(Vec<Msg>),
}

/// A cell being edited: its line, column and the text typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editing {
    pub line: usize,
    pub column: Column,
    pub text: String,
    /// Started from the keyboard (F2, Enter): the focus goes back to the row afterwards.
    pub keyboard: bool,
}

/// Lines of usermatching.csv changed in the editor and on disk, being decided.
#[derive(Clone, Debug)]
pub struct MatchingConflictView {
    pub conflict: MatchingConflict,
    pub picks: Vec<Option<Pick>>,
}

/// The "User matching" tab: usermatching.csv as loaded, edited, read again and saved, and the
/// table's state.
pub struct EditorTab {
    pub editor: Editor,
    /// usermatching.csv as loaded or last saved: the base of the next save (snapshot and lines).
    pub snapshot: Snapshot,
    base_file: MatchingFile,
    /// The file on disk, as the watcher reports it, and its reading.
    pub file: Tracked,
    pub(in crate::front::gui) reading: Option<Job<Result<Option<LoadedMatching>, Msg>>>,
    /// The save under way.
    pub save: Task<()>,
    pub(in crate::front::gui) saving:
        Option<Job<Result<crate::ops::store::SavedMatching, SaveFailure>>>,
    pub notice: Option<EditorNotice>,
    /// Lines changed on both sides, to decide before anything is written.
    pub conflict: Option<MatchingConflictView>,
    /// The row being added above the table.
    pub add: AddRow,
    pub paste_text: String,
    /// What the table shows and where the keyboard is.
    pub table: TableState,
}

/// The row being added: its two names and why it was refused.
#[derive(Debug, Default)]
pub struct AddRow {
    pub azure: String,
    pub ucserver: String,
    pub problem: Option<Msg>,
}

/// The editor's table: the search, the selection, the cell being edited, the keyboard.
#[derive(Debug, Default)]
pub struct TableState {
    pub search: String,
    /// Selected lines (0-based).
    pub selected: BTreeSet<usize>,
    pub editing: Option<Editing>,
    /// A line to bring into sight in the next frame (a row just added).
    pub scroll_to: Option<usize>,
    /// A line whose row takes the keyboard focus when it is laid out (arrow keys, the end of an
    /// edit begun from the keyboard), brought into sight as little as needed.
    pub focus_line: Option<usize>,
    /// The line whose row had the keyboard focus last: the table's tab stop.
    pub row_focus: Option<usize>,
    /// The editor's view the selection was last checked against.
    view_seen: u64,
}

/// What the tab's tools ask for after drawing.
pub enum Action {
    Save,
    Reload,
    File(FileJob, String),
}

impl EditorTab {
    /// The editor on usermatching.csv as loaded (`None`: there is no such file yet).
    pub fn new(path: PathBuf, loaded: Option<&LoadedMatching>) -> Self {
        let (file, snapshot) = match loaded {
            Some(m) => (m.file.clone(), m.snapshot.clone()),
            None => (MatchingFile::new(), Snapshot::of(&path, None)),
        };
        Self {
            editor: Editor::new(file.clone()),
            snapshot,
            base_file: file,
            file: Tracked::default(),
            reading: None,
            save: Task::default(),
            saving: None,
            notice: None,
            conflict: None,
            add: AddRow::default(),
            paste_text: String::new(),
            table: TableState::default(),
        }
    }

    /// Takes over a freshly loaded usermatching.csv; the session's lists stay.
    pub fn reload(&mut self, path: PathBuf, loaded: Option<&LoadedMatching>) {
        let fresh = Self::new(path, loaded);
        self.editor = fresh.editor;
        self.snapshot = fresh.snapshot;
        self.base_file = fresh.base_file;
        self.file.outside = false;
        self.conflict = None;
        self.table.selected.clear();
        self.table.editing = None;
        self.table.search.clear();
        // Read at last: why it could not be read before is gone.
        if self.load_error().is_some() {
            self.notice = None;
        }
    }

    pub fn dirty(&self) -> bool {
        self.editor.dirty()
    }

    /// Keeps the selection to the rows shown: a search or filter that hides a selected row takes
    /// it out of the selection, so that "Auswahl löschen" never deletes a row nobody sees.
    pub fn keep_selection_in_view(&mut self) {
        let serial = self.editor.view_serial();
        if self.table.view_seen == serial {
            return;
        }
        self.table.view_seen = serial;
        if self.table.selected.is_empty() {
            return;
        }
        let mut shown = vec![false; self.editor.len()];
        for &line in self.editor.view() {
            shown[line as usize] = true;
        }
        self.table
            .selected
            .retain(|&line| shown.get(line).copied().unwrap_or(false));
    }

    /// The file on disk now becomes the base; the editor holds `lines` on it.
    fn rebase(&mut self, c: &MatchingConflict, lines: Vec<String>) {
        self.snapshot = c.theirs.snapshot.clone();
        self.base_file = c.theirs.file.clone();
        self.editor.rebase(c.theirs.file.clone(), lines);
        self.file.outside = false;
        self.table.selected.clear();
        self.table.editing = None;
    }

    /// usermatching.csv could not be read again: said in the editor, the editor keeps its lines.
    /// Why usermatching.csv could not be read, while that is the last word on it.
    pub fn load_error(&self) -> Option<&Msg> {
        match &self.notice {
            Some(EditorNotice::Failed(msgs)) => msgs.first().filter(|m| m.id == "load-failed"),
            _ => None,
        }
    }

    pub fn load_failed(&mut self, error: Msg) {
        let m = Msg::new("load-failed").inner("detail", error);
        self.notice = Some(EditorNotice::Failed(vec![m]));
    }

    /// Pasted text, within the limits of a paste (else the refusal, nothing added): its rows go
    /// to the end of the file. Whether it was taken.
    pub fn paste(&mut self, text: &str) -> bool {
        use crate::base::files::limits::{self, TextKind};
        match limits::check(text.as_bytes(), TextKind::Paste) {
            Ok(()) => {
                self.append(&crate::model::matching::paste::parse(text));
                true
            }
            Err(refused) => {
                self.notice = Some(EditorNotice::Failed(vec![crate::base::i18n::refused(
                    &refused,
                )]));
                false
            }
        }
    }

    /// Appends rows and says how many (and which lines of the source were left out).
    pub fn append(&mut self, pasted: &crate::model::matching::paste::Pasted) {
        let first = self.editor.add(&pasted.rows);
        if !pasted.rows.is_empty() {
            self.table.scroll_to = Some(first);
        }
        let mut msgs = vec![Msg::new("editor-pasted").num("count", pasted.rows.len())];
        msgs.extend(pasted.refused_msg());
        self.notice = Some(EditorNotice::Info(msgs));
        self.table.selected.clear();
    }

    /// usermatching.csv as saved by the editor's save (merged with a change on disk, or not).
    pub fn saved(&mut self, saved: crate::ops::store::SavedMatching) {
        self.save.clear();
        self.file.outside = false;
        self.file.disk = None;
        let crate::ops::store::SavedMatching { loaded, merged } = saved;
        self.snapshot = loaded.snapshot.clone();
        self.base_file = loaded.file.clone();
        if merged {
            // The lines are the merge now; the undo steps were about the editor's own.
            let lines = loaded.file.lines.iter().map(str::to_owned).collect();
            self.editor.rebase(loaded.file, lines);
            self.notice = Some(EditorNotice::SavedMerged);
        } else {
            self.editor.saved(loaded.file);
            self.notice = Some(EditorNotice::Saved);
        }
    }

    /// The editor's save failed: a conflict to decide, a merge with errors to fix, or why.
    pub fn save_failed(&mut self, failure: SaveFailure) {
        self.save.clear();
        match failure {
            SaveFailure::MatchingConflict(c) if c.merge.conflicts().next().is_none() => {
                // Merged without a conflict, but lines have errors: the editor holds the merge,
                // on the file as it is now, for the administrator to fix.
                let lines = c.merge.resolve(&[]).unwrap_or_default();
                self.rebase(&c, lines);
                let errors = self.editor.report().error_lines();
                let m = Msg::new("editor-merge-errors").num("errors", errors);
                self.notice = Some(EditorNotice::Failed(vec![m]));
            }
            SaveFailure::MatchingConflict(c) => {
                let picks = vec![None; c.merge.conflicts().count()];
                self.conflict = Some(MatchingConflictView {
                    conflict: *c,
                    picks,
                });
                self.notice = None;
            }
            SaveFailure::ChangedOnDisk { .. } => {
                let m = Msg::new("save-changed-again");
                self.notice = Some(EditorNotice::Failed(vec![m]));
            }
            other => self.notice = Some(EditorNotice::Failed(other.msgs())),
        }
    }

    /// Rows read from a file, appended, and said so.
    pub fn rows_imported(
        &mut self,
        path: &std::path::Path,
        pasted: &crate::model::matching::paste::Pasted,
    ) {
        self.append(pasted);
        if let Some(EditorNotice::Info(msgs)) = &mut self.notice {
            msgs[0] = Msg::new("editor-imported")
                .num("count", pasted.rows.len())
                .text("path", path.display().to_string());
        }
    }

    /// Starts saving the edited usermatching.csv, merged with a change on disk; whether it
    /// started (not while a save runs, nor when lines with errors block it: said in the notice).
    pub fn save(&mut self, worker: &Worker) -> bool {
        if self.save.is_running() {
            return false;
        }
        if self.editor.report().errors > 0 {
            self.notice = Some(EditorNotice::SaveBlocked);
            return false;
        }
        self.save.run();
        self.notice = None;
        self.saving = Some(worker.save_matching(MatchingSave {
            base: self.snapshot.clone(),
            base_file: Box::new(self.base_file.clone()),
            file: Box::new(self.editor.file().clone()),
        }));
        true
    }

    /// Reads usermatching.csv again; the editor's unsaved changes are dropped, nothing else.
    pub fn reload_file(&mut self, worker: &Worker) {
        self.file.read.start(false);
        self.conflict = None;
        self.reading = Some(worker.load_matching());
    }

    /// Reads usermatching.csv again that another program changed (the window holds no changes
    /// to it).
    pub fn read_again(&mut self, worker: &Worker) {
        self.reading = Some(worker.load_matching());
    }

    /// Takes the decisions of a line conflict and saves the merge.
    pub fn resolve_and_save(&mut self, worker: &Worker) {
        if self.resolve_conflict() {
            self.save(worker);
        }
    }

    /// Takes the decisions of a line conflict: the editor holds the merge on the file as it is
    /// now. Returns whether it is ready to be saved (every clash decided).
    fn resolve_conflict(&mut self) -> bool {
        let Some(view) = self.conflict.take() else {
            return false;
        };
        let Some(lines) = view.conflict.merge.resolve(&view.picks) else {
            self.conflict = Some(view);
            return false;
        };
        self.rebase(&view.conflict, lines);
        true
    }
}
