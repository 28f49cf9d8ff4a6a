//! "Überwachung"'s state: the watch as read, and the button's work under way.

use crate::front::gui::task::Task;
use crate::front::worker::Worker;
use crate::front::worker::watch_jobs::{WatchJob, WatchView};

/// The watch as read (shown while a button's work runs), and that work.
#[derive(Debug, Default)]
pub struct WatchState {
    pub task: Task<WatchView>,
}

impl WatchState {
    /// Reads the watch, installs or removes its schedule, or sends a test; what was read stays
    /// shown while the work runs.
    pub fn run(&mut self, worker: &Worker, job: WatchJob) {
        self.task.refresh_job((), worker.watch(job));
    }
}
