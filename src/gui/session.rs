//! The state of the two matching tabs: the editor of usermatching.csv, the UCServer users, the
//! tenant's accounts (kept for the session), the preview (computed again only when one of its
//! inputs changed) and the live presence read; and the worker events that change them.

use crate::config::Activation;
use crate::files::Snapshot;
use crate::i18n::Msg;
use crate::matching::editor::Editor;
use crate::matching::merge::Pick;
use crate::matching::preview::{Match, Preview, TenantUser, UcUser};
use crate::matching::{Column, MatchingFile};
use crate::store::{LoadedMatching, MatchingConflict, SaveFailure};
use crate::worker::PreviewJob;
use crate::worker::{Event, FolderJob, Place, PresenceResult};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

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

/// Which rows of the preview are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KindFilter {
    #[default]
    All,
    SameUpn,
    Mapping,
    None,
    Ambiguous,
}

impl KindFilter {
    pub const ALL: [KindFilter; 5] = [
        KindFilter::All,
        KindFilter::SameUpn,
        KindFilter::Mapping,
        KindFilter::None,
        KindFilter::Ambiguous,
    ];

    pub fn label_id(self) -> &'static str {
        match self {
            KindFilter::All => "preview-filter-all",
            KindFilter::SameUpn => "kind-same-upn",
            KindFilter::Mapping => "kind-mapping",
            KindFilter::None => "kind-none",
            KindFilter::Ambiguous => "kind-ambiguous",
        }
    }

    pub fn admits(self, m: &Match) -> bool {
        matches!(
            (self, m),
            (KindFilter::All, _)
                | (KindFilter::SameUpn, Match::SameUpn { .. })
                | (KindFilter::Mapping, Match::Mapping { .. })
                | (KindFilter::None, Match::None)
                | (KindFilter::Ambiguous, Match::Ambiguous { .. })
        )
    }
}

/// The tenant's accounts as read in this session.
#[derive(Clone, Debug)]
pub struct TenantList {
    /// Shared with the preview computed in the background.
    pub users: Arc<Vec<TenantUser>>,
    pub read_at: String,
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

/// Everything the matching tabs render.
pub struct MatchingSession {
    pub editor: Editor,
    /// usermatching.csv as loaded or last saved: the base of the next save (snapshot and lines).
    pub snapshot: Snapshot,
    base_file: MatchingFile,
    pub notice: Option<EditorNotice>,
    pub saving: bool,
    /// usermatching.csv is being read again.
    pub loading: bool,
    /// The reading under way follows a change on disk (the status line says so).
    pub reload_quietly: bool,
    /// usermatching.csv as the watcher last saw it on disk.
    pub disk: Option<Snapshot>,
    /// The file changed on disk while the editor holds unsaved changes: Save will merge.
    pub outside: bool,
    /// Lines changed on both sides, to decide before anything is written.
    pub conflict: Option<MatchingConflictView>,
    pub add_azure: String,
    pub add_ucserver: String,
    pub add_problem: Option<Msg>,
    pub paste_text: String,
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
    /// A file dialog is open.
    pub dialog_open: bool,
    /// The imported UCServer users (shared with the preview computed in the background).
    pub uc_users: Option<(PathBuf, Arc<Vec<UcUser>>)>,
    /// The groups of the UCServer users, sorted, each once (for the activation picker).
    pub uc_groups: Vec<String>,
    /// The filter text of the activation picker.
    pub pick_filter: String,
    pub uc_notice: Option<Vec<Msg>>,
    pub tenant: Option<TenantList>,
    /// How far a running listing is.
    pub listing: Option<crate::microsoft::graph::Progress>,
    pub tenant_notice: Option<Vec<Msg>>,
    pub filter: KindFilter,
    /// The preview and what it was computed from (editor generation, activation, list sizes).
    preview: Option<(PreviewKey, Preview)>,
    /// The preview being computed on the worker: its serial and inputs. One at a time; a change
    /// meanwhile is computed when it is back.
    computing: Option<(u64, PreviewKey)>,
    /// The preview rows the filter shows, and the filter and preview they were taken for.
    shown: (KindFilter, u64, Vec<u32>),
    /// Counts the previews computed, so that `shown` knows when to follow.
    preview_serial: u64,
    /// The selected preview row (index into its rows).
    pub preview_row: Option<usize>,
    pub presence: Option<PresenceResult>,
    pub presence_busy: bool,
    /// The write test asked about (object id, UPN), waiting for the answer to the question.
    pub write_ask: Option<(String, String)>,
    pub write_busy: bool,
    /// The last write test's outcome.
    pub write_result: Option<Result<Msg, Vec<Msg>>>,
    pub preview_notice: Option<Vec<Msg>>,
    /// Bumped when the UCServer users or the tenant list change.
    inputs: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PreviewKey {
    generation: u64,
    inputs: u64,
    activation: Activation,
}

impl MatchingSession {
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
            notice: None,
            saving: false,
            loading: false,
            reload_quietly: false,
            disk: None,
            outside: false,
            conflict: None,
            add_azure: String::new(),
            add_ucserver: String::new(),
            add_problem: None,
            paste_text: String::new(),
            search: String::new(),
            selected: BTreeSet::new(),
            editing: None,
            scroll_to: None,
            focus_line: None,
            row_focus: None,
            dialog_open: false,
            uc_users: None,
            uc_groups: Vec::new(),
            pick_filter: String::new(),
            uc_notice: None,
            tenant: None,
            listing: None,
            tenant_notice: None,
            filter: KindFilter::All,
            preview: None,
            computing: None,
            shown: (KindFilter::All, u64::MAX, Vec::new()),
            preview_serial: 0,
            preview_row: None,
            presence: None,
            presence_busy: false,
            write_ask: None,
            write_busy: false,
            write_result: None,
            preview_notice: None,
            inputs: 0,
        }
    }

    /// Takes over a freshly loaded usermatching.csv; the session's lists stay.
    pub fn reload(&mut self, path: PathBuf, loaded: Option<&LoadedMatching>) {
        let fresh = Self::new(path, loaded);
        self.editor = fresh.editor;
        self.snapshot = fresh.snapshot;
        self.base_file = fresh.base_file;
        self.outside = false;
        self.conflict = None;
        self.selected.clear();
        self.editing = None;
        self.search.clear();
        // Read at last: why it could not be read before is gone.
        if self.load_error().is_some() {
            self.notice = None;
        }
    }

    pub fn dirty(&self) -> bool {
        self.editor.dirty()
    }

    /// The file on disk now becomes the base; the editor holds `lines` on it.
    fn rebase(&mut self, c: &MatchingConflict, lines: Vec<String>) {
        self.snapshot = c.theirs.snapshot.clone();
        self.base_file = c.theirs.file.clone();
        self.editor.rebase(c.theirs.file.clone(), lines);
        self.outside = false;
        self.selected.clear();
        self.editing = None;
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
        use crate::files::limits::{self, TextKind};
        match limits::check(text.as_bytes(), TextKind::Paste) {
            Ok(()) => {
                self.append(&crate::matching::paste::parse(text));
                true
            }
            Err(refused) => {
                self.notice = Some(EditorNotice::Failed(vec![crate::i18n::refused(&refused)]));
                false
            }
        }
    }

    /// Appends rows and says how many (and which lines of the source were left out).
    pub fn append(&mut self, pasted: &crate::matching::paste::Pasted) {
        let first = self.editor.add(&pasted.rows);
        if !pasted.rows.is_empty() {
            self.scroll_to = Some(first);
        }
        let mut msgs = vec![Msg::new("editor-pasted").num("count", pasted.rows.len())];
        msgs.extend(pasted.refused_msg());
        self.notice = Some(EditorNotice::Info(msgs));
        self.selected.clear();
    }

    /// The preview computed by [`Self::update_preview`]; `None` until both lists are there.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref().map(|(_, p)| p)
    }

    /// The preview job for `activation` when an input changed since the last preview and none
    /// is being computed: the worker computes it off the GUI thread (see [`Self::handle`]).
    pub fn update_preview(&mut self, activation: &Activation) -> Option<PreviewJob> {
        self.update_shown();
        let (Some((_, users)), Some(tenant)) = (&self.uc_users, &self.tenant) else {
            return None;
        };
        let key = self.preview_key(activation);
        if self.computing.is_some() || self.preview.as_ref().is_some_and(|(k, _)| *k == key) {
            return None;
        }
        self.preview_serial += 1;
        let job = PreviewJob {
            serial: self.preview_serial,
            users: users.clone(),
            activation: activation.clone(),
            mapping: self.editor.file().clone(),
            tenant: tenant.users.clone(),
        };
        self.computing = Some((self.preview_serial, key));
        Some(job)
    }

    fn preview_key(&self, activation: &Activation) -> PreviewKey {
        PreviewKey {
            generation: self.editor.generation(),
            inputs: self.inputs,
            activation: activation.clone(),
        }
    }

    /// Whether the preview shown is not that of the current inputs (a newer one is being
    /// computed): its line numbers may be old, so it offers no fixes and no jumps meanwhile.
    pub fn preview_stale(&self, activation: &Activation) -> bool {
        self.computing.is_some()
            || self
                .preview
                .as_ref()
                .is_some_and(|(k, _)| *k != self.preview_key(activation))
    }

    /// The rows the filter admits, taken again when the filter or the preview changed.
    pub fn update_shown(&mut self) {
        let (filter, serial) = (self.filter, self.preview_serial);
        if self.shown.0 != filter || self.shown.1 != serial {
            let rows = self.preview.as_ref().map_or(&[][..], |(_, p)| &p.rows[..]);
            let shown = (0..rows.len() as u32)
                .filter(|&i| filter.admits(&rows[i as usize].result))
                .collect();
            self.shown = (filter, serial, shown);
        }
    }

    /// A preview computed by the worker: taken when it is the one asked for last.
    fn computed(&mut self, serial: u64, p: Preview) {
        match self.computing.take() {
            Some((asked, key)) if asked == serial => {
                if self.preview_row.is_some_and(|r| r >= p.rows.len()) {
                    self.preview_row = None;
                }
                self.preview = Some((key, p));
                self.preview_serial += 1;
                self.update_shown();
            }
            other => self.computing = other,
        }
    }

    /// The UCServer users or the tenant's accounts changed: the preview's rows point into the
    /// old lists, so it goes (and a new one is computed).
    fn inputs_changed(&mut self) {
        self.inputs += 1;
        self.preview = None;
        self.computing = None;
        self.preview_row = None;
        self.update_shown();
    }

    /// Changes whenever the preview was computed again.
    pub fn preview_serial(&self) -> u64 {
        self.preview_serial
    }

    /// The preview rows the filter shows (indexes into its rows), as of [`Self::update_preview`].
    pub fn shown_rows(&self) -> &[u32] {
        &self.shown.2
    }

    /// Tells the outcome of a file job where it was asked for.
    fn tell(&mut self, place: Place, outcome: Result<Msg, Vec<Msg>>) {
        match (place, outcome) {
            (Place::Editor, Ok(m)) => self.notice = Some(EditorNotice::Info(vec![m])),
            (Place::Editor, Err(msgs)) => self.notice = Some(EditorNotice::Failed(msgs)),
            (Place::UcUsers, r) => self.uc_notice = Some(r.map_or_else(|e| e, |m| vec![m])),
            (Place::Preview, r) => self.preview_notice = Some(r.map_or_else(|e| e, |m| vec![m])),
        }
    }

    /// Handles a worker event of these tabs; gives back the events of other parts.
    pub fn handle(&mut self, event: Event) -> Option<Event> {
        match event {
            Event::MatchingSaved(saved) => {
                self.saving = false;
                self.outside = false;
                self.disk = None;
                let crate::store::SavedMatching { loaded, merged } = *saved;
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
            Event::MatchingSaveFailed(failure) => {
                self.saving = false;
                match *failure {
                    SaveFailure::MatchingConflict(c) if c.merge.conflicts().next().is_none() => {
                        // Merged without a conflict, but lines have errors: the editor holds the
                        // merge, on the file as it is now, for the administrator to fix.
                        let lines = c.merge.resolve(&[]).unwrap_or_default();
                        self.rebase(&c, lines);
                        let errors = self.editor.report().errors;
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
                    SaveFailure::ChangedOnDisk => {
                        let m = Msg::new("save-changed-again");
                        self.notice = Some(EditorNotice::Failed(vec![m]));
                    }
                    other => self.notice = Some(EditorNotice::Failed(other.msgs())),
                }
            }
            Event::RowsImported { path, pasted } => {
                self.dialog_open = false;
                self.append(&pasted);
                if let Some(EditorNotice::Info(msgs)) = &mut self.notice {
                    msgs[0] = Msg::new("editor-imported")
                        .num("count", pasted.rows.len())
                        .text("path", path.display().to_string());
                }
            }
            Event::UcUsersImported { path, imported } => {
                self.dialog_open = false;
                self.uc_notice = (!imported.skipped.is_empty()).then(|| {
                    let lines: Vec<String> =
                        imported.skipped.iter().map(|l| l.to_string()).collect();
                    vec![Msg::new("import-skipped").text("lines", lines.join(", "))]
                });
                self.uc_groups = imported.groups;
                self.uc_users = Some((path, Arc::new(imported.users)));
                self.inputs_changed();
            }
            Event::Exported { place, path } => {
                self.dialog_open = false;
                let id = match place {
                    Place::Preview => "preview-exported",
                    _ => "editor-exported",
                };
                let m = Msg::new(id).text("path", path.display().to_string());
                self.tell(place, Ok(m));
            }
            Event::DialogCancelled => self.dialog_open = false,
            Event::FileFailed { place, msgs } => {
                self.dialog_open = false;
                self.tell(place, Err(msgs));
            }
            Event::TenantProgress(n) => self.listing = Some(n),
            Event::TenantListed(users) => {
                self.listing = None;
                self.tenant_notice = None;
                self.tenant = Some(TenantList {
                    users: Arc::new(users),
                    read_at: chrono::Local::now().format("%H:%M:%S").to_string(),
                });
                self.inputs_changed();
            }
            Event::TenantFailed(msgs) => {
                self.listing = None;
                self.tenant_notice = Some(msgs);
            }
            Event::PreviewComputed { serial, preview } => self.computed(serial, *preview),
            Event::PresenceRead(result) => {
                self.presence_busy = false;
                self.presence = Some(result);
            }
            Event::PresenceWritten(result) => {
                self.write_busy = false;
                self.write_result = Some(result);
            }
            other => return Some(other),
        }
        None
    }

    /// Starts saving the edited usermatching.csv, merged with a change on disk: the job to
    /// send, or `None` while a save runs or when lines with errors block it (said in the notice).
    pub fn save(&mut self) -> Option<FolderJob> {
        if self.saving {
            return None;
        }
        if self.editor.report().errors > 0 {
            self.notice = Some(EditorNotice::SaveBlocked);
            return None;
        }
        self.saving = true;
        self.notice = None;
        Some(FolderJob::SaveMatching {
            base: self.snapshot.clone(),
            base_file: Box::new(self.base_file.clone()),
            file: Box::new(self.editor.file().clone()),
        })
    }

    /// Takes the decisions of a line conflict: the editor holds the merge on the file as it is
    /// now. Returns whether it is ready to be saved (every clash decided).
    pub fn resolve_conflict(&mut self) -> bool {
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
