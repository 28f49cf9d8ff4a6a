//! The "Preview" tab's state (drawn by `gui/preview_tab.rs`): the UCServer users, the tenant's
//! accounts and their listing, the preview computed from them and the editor's lines, the rows
//! the filter shows, the live presence read, the selected user's presence read and write test —
//! and the work it starts for them, followed each frame ([`PreviewTab::poll`]).

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::front::worker::{FileJob, Job, Listed, Polled, PresenceResult, PreviewJob, Worker};
use crate::model::config::{Activation, Settings};
use crate::model::matching::editor::Editor;
use crate::model::matching::preview::{Match, Preview, TenantUser, UcUser};
use std::path::PathBuf;
use std::sync::Arc;

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
    kept: Option<Job<Option<crate::front::worker::Kept>>>,
    read: Option<Job<Listed, crate::microsoft::graph::Progress>>,
    /// The window's start: the tenant kept, where it is young (issue 38).
    pub start: Option<Job<Option<crate::front::worker::Kept>>>,
    /// The kept accounts shown at start are read again in the background when the tab is drawn.
    refresh_kept: bool,
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

/// The "Preview" tab: the two lists, the preview, the presence read and written there.
#[derive(Debug, Default)]
pub struct PreviewTab {
    pub uc: UcUsers,
    pub tenant: Tenant,
    pub preview: PreviewState,
    /// The live presence of every matched user.
    pub live: super::live::LiveState,
    /// The live presence of the selected preview row.
    pub presence: Task<PresenceResult>,
    /// The presence write test (asked first).
    pub write: Task<Result<Msg, Vec<Msg>>>,
}

/// What the tab does after drawing.
pub enum Action {
    File(FileJob, String),
    /// Read the tenant's accounts; `true`: again, not the kept ones ("Neu lesen").
    ListTenant(bool),
    CancelListing,
    /// "Live-Präsenz lesen" or its "Abbrechen".
    Live(LiveAsk),
    /// Read the selected user's presence (object id, UPN).
    ReadPresence(Account),
    /// Show the editor (a line was selected there).
    GoToEditor,
}

/// What the live read's controls ask for.
pub enum LiveAsk {
    Read,
    Cancel,
}

/// A Teams account: its object id and UPN.
pub type Account = (String, String);

impl PreviewTab {
    /// Follows the work the tab started (each frame): the listing, the preview's computation,
    /// the presence reads and the write test.
    pub fn poll(&mut self) {
        self.poll_listing();
        self.poll_preview();
        self.live.poll();
        self.presence.poll();
        self.write.poll();
    }

    /// The preview computed by [`Self::update_preview`]; `None` until both lists are there.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.computed.as_ref().map(|(_, p)| p)
    }

    /// Computes the preview for `activation` when an input changed since the last preview and
    /// none is being computed: the worker computes it off the GUI thread (see [`Self::poll`]).
    pub fn update_preview(&mut self, editor: &Editor, activation: &Activation, worker: &Worker) {
        self.update_shown();
        let (Some((_, users)), Some(tenant)) = (&self.uc.users, &self.tenant.list) else {
            return;
        };
        let key = self.preview_key(editor, activation);
        let p = &mut self.preview;
        if p.computing.is_some() || p.computed.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        p.serial += 1;
        let job = PreviewJob {
            users: users.clone(),
            activation: activation.clone(),
            mapping: editor.file().clone(),
            tenant: tenant.users.clone(),
        };
        p.computing = Some((key, worker.preview(job)));
    }

    fn preview_key(&self, editor: &Editor, activation: &Activation) -> PreviewKey {
        PreviewKey {
            generation: editor.generation(),
            inputs: self.preview.inputs,
            activation: activation.clone(),
        }
    }

    /// Whether the preview shown is not that of the current inputs (a newer one is being
    /// computed): its line numbers may be old, so it offers no fixes and no jumps meanwhile.
    pub fn preview_stale(&self, editor: &Editor, activation: &Activation) -> bool {
        let p = &self.preview;
        p.computing.is_some()
            || p.computed
                .as_ref()
                .is_some_and(|(k, _)| *k != self.preview_key(editor, activation))
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
            crate::model::matching::live::Why::of(live.seen(t), &list.users[t].upn).is_some()
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
    pub fn live_summary(&mut self) -> Option<crate::model::matching::live::Summary> {
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

    /// The UCServer user export read: its users and groups (the preview follows).
    pub fn uc_users_imported(
        &mut self,
        path: PathBuf,
        imported: crate::model::matching::ucserver_users::Imported,
    ) {
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

    /// The kept accounts shown at start are read again in the background (a delta round where
    /// the consent allows it), with the saved `settings`, once, unless a listing runs; the result
    /// replaces them when it arrives (issue 38).
    pub fn refresh_kept(&mut self, worker: &Worker, settings: Option<&Settings>) {
        if !self.tenant.refresh_kept || self.tenant.listing.is_running() {
            return;
        }
        if let Some(settings) = settings {
            self.tenant.refresh_kept = false;
            self.list_tenant(worker, settings.clone(), true);
        }
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
        // At start: the kept accounts, unless a listing's are shown already; read again later.
        if let Some(job) = &mut self.tenant.start {
            match job.poll() {
                Polled::Running => {}
                Polled::Done(kept) => {
                    self.tenant.start = None;
                    if let Some((users, read_at)) = kept.filter(|_| self.tenant.list.is_none()) {
                        self.tenant_kept(users, read_at);
                        self.tenant.refresh_kept = true;
                    }
                }
                Polled::Lost => self.tenant.start = None,
            }
        }
        // The kept ones come first: the worker tells them before it reads.
        if let Some(job) = &mut self.tenant.kept {
            match job.poll() {
                Polled::Running => return,
                Polled::Done(kept) => {
                    self.tenant.kept = None;
                    if let Some((users, read_at)) = kept {
                        self.tenant_kept(users, read_at);
                    }
                }
                Polled::Lost => self.tenant.kept = None,
            }
        }
        match self.tenant.listing.follow(&mut self.tenant.read) {
            Some(Ok(users)) => self.tenant_listed(users),
            Some(Err(msgs)) => self.tenant.listing.finish(Err(msgs)),
            None => {}
        }
    }

    /// Reads the live presence of every account the preview matches, with the saved `settings`.
    pub fn read_live(&mut self, worker: &Worker, settings: Settings) {
        let (Some(p), Some(list)) = (self.preview(), &self.tenant.list) else {
            return;
        };
        let targets = crate::model::matching::live::targets(p);
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

    /// The tenant's accounts as listed (the preview follows).
    pub fn tenant_listed(&mut self, users: Vec<TenantUser>) {
        self.tenant.listing.finish(Ok(()));
        self.set_tenant(users, None);
    }

    /// The kept accounts, read at `read_at`, shown while they are read again (a listing under
    /// way goes on; its result replaces them when it arrives).
    pub fn tenant_kept(&mut self, users: Vec<TenantUser>, read_at: chrono::DateTime<chrono::Utc>) {
        self.set_tenant(users, Some(read_at));
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
}
