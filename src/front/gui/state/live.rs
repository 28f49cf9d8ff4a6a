//! The live presence read of the preview: the read under way (its handle, its progress, the
//! accounts it asked for) or done (what each account gave), and its counts over the preview as it
//! is now.

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::front::worker::{Job, LiveRead, Worker};
use crate::model::config::Settings;
use crate::model::matching::live::{Live, Summary};
use crate::model::matching::preview::{Preview, TenantUser};
use crate::model::presence::Progress;

#[derive(Debug, Default)]
pub struct LiveState {
    /// The read: how far while it runs, then what it gave or why it could not start.
    pub task: Task<Result<Live, Vec<Msg>>, Progress>,
    /// The read under way in the worker.
    job: Option<Job<LiveRead, Progress>>,
    /// The accounts (tenant list indexes) the running read asked for, in order.
    asked: Vec<usize>,
    /// Counts each result taken, so that the counts and the filter follow.
    generation: u64,
    /// The counts of the result over the preview: for which preview and result.
    summary: Option<((u64, u64), Summary)>,
    /// How many accounts the preview matches (the capacity's count): for which preview.
    accounts: Option<(u64, usize)>,
}

impl LiveState {
    /// Starts reading the presence of the accounts `targets` (indexes into `tenant`) with the
    /// saved `settings`; a read under way is cancelled.
    pub fn start(
        &mut self,
        worker: &Worker,
        settings: Settings,
        tenant: &[TenantUser],
        targets: Vec<usize>,
    ) {
        let ids = targets.iter().map(|&t| tenant[t].id.clone()).collect();
        self.task.start(Progress {
            total: targets.len(),
            ..Progress::default()
        });
        self.asked = targets;
        self.job = Some(worker.live_presence(settings, ids));
    }

    /// "Abbrechen": the read ends with what it has read.
    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// Follows the read under way (each frame).
    pub fn poll(&mut self) {
        if let Some(read) = self.task.follow(&mut self.job) {
            self.finished(read);
        }
    }

    /// What a read of the accounts `targets` gave, taken as if this window had read them.
    pub fn took(&mut self, targets: Vec<usize>, read: LiveRead) {
        self.asked = targets;
        self.finished(read);
    }

    /// The read ended.
    fn finished(&mut self, read: LiveRead) {
        let asked = std::mem::take(&mut self.asked);
        let time = chrono::Local::now().format("%H:%M:%S").to_string();
        self.task
            .finish(read.map(|readout| Live::new(&asked, readout, time)));
        self.generation += 1;
    }

    /// The tenant list was read again: the result's indexes point into the old one.
    pub fn forget(&mut self) {
        self.task.forget();
        self.generation += 1;
    }

    /// The result, if the last read gave one.
    pub fn live(&self) -> Option<&Live> {
        self.task.result().and_then(|r| r.as_ref().ok())
    }

    /// Changes whenever another result is taken or forgotten.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many accounts `p` matches, each once (sorted and counted again only for another
    /// preview: at 100,000 rows that is half a frame's time).
    pub fn accounts(&mut self, p: &Preview, serial: u64) -> usize {
        match self.accounts {
            Some((s, n)) if s == serial => n,
            _ => {
                let n = crate::model::matching::live::targets(p).len();
                self.accounts = Some((serial, n));
                n
            }
        }
    }

    /// The counts of the result over `p` (computed again only when the preview or the result
    /// changed: 100,000 rows are a few milliseconds, not to be spent every frame).
    pub fn summary(&mut self, p: &Preview, serial: u64, tenant: &[TenantUser]) -> Option<&Summary> {
        let live = self.task.result().and_then(|r| r.as_ref().ok())?;
        let key = (serial, self.generation);
        if self.summary.as_ref().is_none_or(|(k, _)| *k != key) {
            self.summary = Some((key, Summary::of(p, tenant, live)));
        }
        self.summary.as_ref().map(|(_, s)| s)
    }
}
