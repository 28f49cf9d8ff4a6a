//! The state of the two matching tabs: the editor of usermatching.csv, the UCServer users, the
//! tenant's accounts (kept for the session), the preview (computed again only when one of its
//! inputs changed) and the live presence read; the work they start in the worker (the listing,
//! the preview's computation, the presence reads and the write test) and its handles, followed
//! each frame ([`MatchingSession::poll`]); and the worker events that change them.

use super::state::tracked::Tracked;
use super::task::Task;
use crate::config::Activation;
use crate::config::Settings;
use crate::files::Snapshot;
use crate::i18n::Msg;
use crate::matching::editor::Editor;
use crate::matching::merge::Pick;
use crate::matching::preview::{Match, Preview, TenantUser, UcUser};
use crate::matching::{Column, MatchingFile};
use crate::store::{LoadedMatching, MatchingConflict, SaveFailure};
use crate::worker::{
    FileRequest, Filed, Job, Listed, MatchingSave, Place, Polled, PresenceResult, PreviewJob,
    Prompted, Worker,
};
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
    /// Matched, but without a readable presence in the last live read.
    WithoutPresence,
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
            KindFilter::WithoutPresence => "live-filter-without",
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
    /// Kept from an earlier read (then): shown while they are read again.
    pub kept_at: Option<chrono::DateTime<chrono::Utc>>,
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

/// Everything the matching tabs render: the editor of usermatching.csv with its table, the
/// UCServer users, the tenant's accounts, the preview and the presence read and written there.
pub struct MatchingSession {
    pub editor: Editor,
    /// usermatching.csv as loaded or last saved: the base of the next save (snapshot and lines).
    pub snapshot: Snapshot,
    base_file: MatchingFile,
    /// The file on disk, as the watcher reports it, and its reading.
    pub file: Tracked,
    pub(super) reading: Option<Job<Result<Option<LoadedMatching>, Msg>>>,
    /// The save under way.
    pub save: Task<()>,
    pub(super) saving: Option<Job<Result<crate::store::SavedMatching, SaveFailure>>>,
    pub notice: Option<EditorNotice>,
    /// Lines changed on both sides, to decide before anything is written.
    pub conflict: Option<MatchingConflictView>,
    /// The row being added above the table.
    pub add: AddRow,
    pub paste_text: String,
    /// What the table shows and where the keyboard is.
    pub table: TableState,
    /// A file dialog or a file job (import, export) under way.
    pub file_job: Task<()>,
    filing: Option<Job<Filed>>,
    pub uc: UcUsers,
    pub tenant: Tenant,
    pub preview: PreviewState,
    /// The live presence of every matched user.
    pub live: super::state::live::LiveState,
    /// The live presence of the selected preview row.
    pub presence: Task<PresenceResult>,
    /// The presence write test: the user asked about (object id, UPN), then the test.
    pub write_ask: Option<(String, String)>,
    pub write: Task<Result<Msg, Vec<Msg>>>,
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

/// The imported UCServer users.
#[derive(Debug, Default)]
pub struct UcUsers {
    /// The export's path and users (shared with the preview computed in the background).
    pub users: Option<(PathBuf, Arc<Vec<UcUser>>)>,
    /// The groups of the UCServer users, sorted, each once (for the activation picker).
    pub groups: Vec<String>,
    /// The filter text of the activation picker.
    pub pick_filter: String,
    pub notice: Option<Vec<Msg>>,
}

/// The tenant's accounts as read in this session, and the listing.
#[derive(Debug, Default)]
pub struct Tenant {
    pub list: Option<TenantList>,
    /// How far a running listing is; why the last one failed.
    pub listing: Task<Result<(), Vec<Msg>>, crate::microsoft::graph::Progress>,
    /// The listing under way: the kept accounts (until shown), the accounts read again.
    kept: Option<Job<Option<crate::worker::Kept>>>,
    read: Option<Job<Listed, crate::microsoft::graph::Progress>>,
}

/// The preview: what it was computed from, the one being computed, the rows the filter shows,
/// the selected row.
#[derive(Debug)]
pub struct PreviewState {
    pub filter: KindFilter,
    /// The preview and what it was computed from (editor generation, activation, list sizes).
    computed: Option<(PreviewKey, Preview)>,
    /// The preview being computed on the worker: its inputs and its handle. One at a time; a
    /// change meanwhile is computed when it is back.
    computing: Option<(PreviewKey, Job<Preview>)>,
    /// The preview rows the filter shows, and the filter, preview and live read they were taken
    /// for.
    shown: ((KindFilter, u64, u64), Vec<u32>),
    /// Counts the previews computed, so that `shown` knows when to follow.
    serial: u64,
    /// The selected preview row (index into its rows).
    pub row: Option<usize>,
    pub notice: Option<Vec<Msg>>,
    /// Bumped when the UCServer users or the tenant list change.
    inputs: u64,
}

impl Default for PreviewState {
    fn default() -> Self {
        Self {
            filter: KindFilter::All,
            computed: None,
            computing: None,
            shown: ((KindFilter::All, u64::MAX, 0), Vec::new()),
            serial: 0,
            row: None,
            notice: None,
            inputs: 0,
        }
    }
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
            file: Tracked::default(),
            reading: None,
            save: Task::default(),
            saving: None,
            notice: None,
            conflict: None,
            add: AddRow::default(),
            paste_text: String::new(),
            table: TableState::default(),
            file_job: Task::default(),
            filing: None,
            uc: UcUsers::default(),
            tenant: Tenant::default(),
            preview: PreviewState::default(),
            live: Default::default(),
            presence: Task::default(),
            write_ask: None,
            write: Task::default(),
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
            self.table.scroll_to = Some(first);
        }
        let mut msgs = vec![Msg::new("editor-pasted").num("count", pasted.rows.len())];
        msgs.extend(pasted.refused_msg());
        self.notice = Some(EditorNotice::Info(msgs));
        self.table.selected.clear();
    }

    /// The preview computed by [`Self::update_preview`]; `None` until both lists are there.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.computed.as_ref().map(|(_, p)| p)
    }

    /// Computes the preview for `activation` when an input changed since the last preview and
    /// none is being computed: the worker computes it off the GUI thread (see [`Self::poll`]).
    pub fn update_preview(&mut self, activation: &Activation, worker: &Worker) {
        self.update_shown();
        let (Some((_, users)), Some(tenant)) = (&self.uc.users, &self.tenant.list) else {
            return;
        };
        let key = self.preview_key(activation);
        let p = &mut self.preview;
        if p.computing.is_some() || p.computed.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        p.serial += 1;
        let job = PreviewJob {
            users: users.clone(),
            activation: activation.clone(),
            mapping: self.editor.file().clone(),
            tenant: tenant.users.clone(),
        };
        p.computing = Some((key, worker.preview(job)));
    }

    fn preview_key(&self, activation: &Activation) -> PreviewKey {
        PreviewKey {
            generation: self.editor.generation(),
            inputs: self.preview.inputs,
            activation: activation.clone(),
        }
    }

    /// Whether the preview shown is not that of the current inputs (a newer one is being
    /// computed): its line numbers may be old, so it offers no fixes and no jumps meanwhile.
    pub fn preview_stale(&self, activation: &Activation) -> bool {
        let p = &self.preview;
        p.computing.is_some()
            || p.computed
                .as_ref()
                .is_some_and(|(k, _)| *k != self.preview_key(activation))
    }

    /// The rows the filter admits, taken again when the filter, the preview or the live read
    /// changed.
    pub fn update_shown(&mut self) {
        let p = &mut self.preview;
        let key = (p.filter, p.serial, self.live.generation());
        if p.shown.0 == key {
            return;
        }
        let rows = p.computed.as_ref().map_or(&[][..], |(_, p)| &p.rows[..]);
        let filter = p.filter;
        let without = |m: &Match| {
            let (Some(t), Some(live), Some(list)) =
                (m.tenant(), self.live.live(), &self.tenant.list)
            else {
                return false;
            };
            crate::matching::live::Why::of(live.seen(t), &list.users[t].upn).is_some()
        };
        let shown = (0..rows.len() as u32)
            .filter(|&i| {
                let m = &rows[i as usize].result;
                match filter {
                    KindFilter::WithoutPresence => without(m),
                    f => f.admits(m),
                }
            })
            .collect();
        p.shown = (key, shown);
    }

    /// Follows the work the tabs started (each frame): the file jobs, the listing, the preview's
    /// computation, the presence reads and the write test. A file job whose dialog could not be
    /// shown comes back, to be asked in the window.
    pub fn poll(&mut self) -> Option<Prompted> {
        self.poll_listing();
        self.poll_preview();
        self.live.poll();
        self.presence.poll();
        self.write.poll();
        self.poll_file()
    }

    /// Imports or exports a file (the dialog asked first, where `req` says so).
    pub fn start_file(&mut self, worker: &Worker, req: FileRequest) {
        self.file_job.run();
        self.filing = Some(worker.file(req));
    }

    /// A file job's outcome, told where it was asked for.
    fn poll_file(&mut self) -> Option<Prompted> {
        match self.file_job.follow(&mut self.filing)? {
            Filed::RowsImported { path, pasted } => self.rows_imported(&path, &pasted),
            Filed::UcUsersImported { path, imported } => self.uc_users_imported(path, imported),
            Filed::Exported { place, path } => {
                let id = match place {
                    Place::Preview => "preview-exported",
                    _ => "editor-exported",
                };
                let m = Msg::new(id).text("path", path.display().to_string());
                self.tell(place, Ok(m));
            }
            Filed::Failed { place, msgs } => self.tell(place, Err(msgs)),
            Filed::Cancelled => self.file_job.clear(),
            Filed::NoDialog(prompted) => {
                self.file_job.clear();
                return Some(prompted);
            }
        }
        None
    }

    /// The preview asked for last, once the worker computed it.
    fn poll_preview(&mut self) {
        let p = &mut self.preview;
        let Some((_, job)) = &mut p.computing else {
            return;
        };
        match job.poll() {
            Polled::Running => {}
            Polled::Lost => p.computing = None,
            Polled::Done(computed) => {
                let Some((key, _)) = p.computing.take() else {
                    return;
                };
                if p.row.is_some_and(|r| r >= computed.rows.len()) {
                    p.row = None;
                }
                p.computed = Some((key, computed));
                p.serial += 1;
                self.update_shown();
            }
        }
    }

    /// The UCServer users or the tenant's accounts changed: the preview's rows point into the
    /// old lists, so it goes (and a new one is computed).
    fn inputs_changed(&mut self) {
        let p = &mut self.preview;
        p.inputs += 1;
        p.computed = None;
        p.computing = None;
        p.row = None;
        self.update_shown();
    }

    /// How many Teams accounts the preview matches (the service will follow), each once.
    pub fn live_accounts(&mut self) -> Option<usize> {
        let (_, p) = self.preview.computed.as_ref()?;
        Some(self.live.accounts(p, self.preview.serial))
    }

    /// The counts of the last live read over the preview as it is now.
    pub fn live_summary(&mut self) -> Option<crate::matching::live::Summary> {
        let (Some((_, p)), Some(list)) = (&self.preview.computed, &self.tenant.list) else {
            return None;
        };
        self.live
            .summary(p, self.preview.serial, &list.users)
            .cloned()
    }

    /// Changes whenever the preview was computed again.
    pub fn preview_serial(&self) -> u64 {
        self.preview.serial
    }

    /// The preview rows the filter shows (indexes into its rows), as of [`Self::update_preview`].
    pub fn shown_rows(&self) -> &[u32] {
        &self.preview.shown.1
    }

    /// Tells the outcome of a file job where it was asked for; the job has ended.
    pub fn tell(&mut self, place: Place, outcome: Result<Msg, Vec<Msg>>) {
        self.file_job.clear();
        match (place, outcome) {
            (Place::Editor, Ok(m)) => self.notice = Some(EditorNotice::Info(vec![m])),
            (Place::Editor, Err(msgs)) => self.notice = Some(EditorNotice::Failed(msgs)),
            (Place::UcUsers, r) => self.uc.notice = Some(r.map_or_else(|e| e, |m| vec![m])),
            (Place::Preview, r) => self.preview.notice = Some(r.map_or_else(|e| e, |m| vec![m])),
        }
    }

    /// usermatching.csv as saved by the editor's save (merged with a change on disk, or not).
    pub fn saved(&mut self, saved: crate::store::SavedMatching) {
        self.save.clear();
        self.file.outside = false;
        self.file.disk = None;
        let crate::store::SavedMatching { loaded, merged } = saved;
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
        pasted: &crate::matching::paste::Pasted,
    ) {
        self.file_job.clear();
        self.append(pasted);
        if let Some(EditorNotice::Info(msgs)) = &mut self.notice {
            msgs[0] = Msg::new("editor-imported")
                .num("count", pasted.rows.len())
                .text("path", path.display().to_string());
        }
    }

    /// The UCServer user export read: its users and groups (the preview follows).
    pub fn uc_users_imported(
        &mut self,
        path: PathBuf,
        imported: crate::matching::ucserver_users::Imported,
    ) {
        self.file_job.clear();
        self.uc.notice = (!imported.skipped.is_empty()).then(|| {
            let lines: Vec<String> = imported.skipped.iter().map(|l| l.to_string()).collect();
            vec![Msg::new("import-skipped").text("lines", lines.join(", "))]
        });
        self.uc.groups = imported.groups;
        self.uc.users = Some((path, Arc::new(imported.users)));
        self.inputs_changed();
    }

    /// Reads the tenant's users with the saved `settings` (a running listing is replaced): the
    /// kept ones first where there are any, then read again in the background (`refresh`: read
    /// again only).
    pub fn list_tenant(&mut self, worker: &Worker, settings: Settings, refresh: bool) {
        let progress = crate::microsoft::graph::Progress {
            read: 0,
            total: None,
        };
        self.tenant.listing.start(progress);
        let listing = worker.list_tenant(settings, refresh);
        self.tenant.kept = Some(listing.kept);
        self.tenant.read = Some(listing.read);
    }

    /// "Abbrechen" of the listing: it ends as cancelled.
    pub fn cancel_listing(&self) {
        if let Some(job) = &self.tenant.read {
            job.cancel();
        }
    }

    /// The kept accounts, shown while they are read again (the listing goes on; its result
    /// replaces them when it arrives); then the accounts as listed (the preview follows).
    fn poll_listing(&mut self) {
        // The kept ones come first: the worker tells them before it reads.
        if let Some(job) = &mut self.tenant.kept {
            match job.poll() {
                Polled::Running => return,
                Polled::Done(kept) => {
                    self.tenant.kept = None;
                    if let Some((users, read_at)) = kept {
                        self.set_tenant(users, Some(read_at));
                    }
                }
                Polled::Lost => self.tenant.kept = None,
            }
        }
        match self.tenant.listing.follow(&mut self.tenant.read) {
            Some(Ok(users)) => {
                self.tenant.listing.finish(Ok(()));
                self.set_tenant(users, None);
            }
            Some(Err(msgs)) => self.tenant.listing.finish(Err(msgs)),
            None => {}
        }
    }

    /// Reads the live presence of every account the preview matches, with the saved `settings`.
    pub fn read_live(&mut self, worker: &Worker, settings: Settings) {
        let (Some(p), Some(list)) = (self.preview(), &self.tenant.list) else {
            return;
        };
        let targets = crate::matching::live::targets(p);
        self.live.start(worker, settings, &list.users, targets);
    }

    /// Reads the presence of one user (object id, UPN to show) with the saved `settings`.
    pub fn read_presence(&mut self, worker: &Worker, settings: Settings, id: String, upn: String) {
        self.presence
            .run_job(worker.read_presence(settings, id, upn));
    }

    /// The presence write test for one user (object id, UPN), after the question.
    pub fn write_test(&mut self, worker: &Worker, settings: Settings, id: String, upn: String) {
        self.write.run_job(worker.write_presence(settings, id, upn));
    }

    fn set_tenant(
        &mut self,
        users: Vec<TenantUser>,
        kept_at: Option<chrono::DateTime<chrono::Utc>>,
    ) {
        let at = kept_at.map_or_else(chrono::Local::now, |k| k.with_timezone(&chrono::Local));
        self.tenant.list = Some(TenantList {
            users: Arc::new(users),
            read_at: at.format("%H:%M:%S").to_string(),
            kept_at,
        });
        // The live read's accounts are indexes into the old list.
        self.live.forget();
        self.inputs_changed();
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
