//! A piece of background work as the window knows it: none asked for, running (with how far it
//! is, where the work tells), or done with what it gave. Busy is "a task runs" — no flag beside
//! an `Option` that the places setting and clearing them must keep in step. The work itself runs
//! in the worker; its handle ([`Job`]) is kept in the task ([`Task::start_job`]) and followed each
//! frame ([`Task::poll`]) — or, where the state makes something else of the outcome, kept beside
//! it and followed with [`Task::follow`].

use crate::front::worker::{Job, Polled};

/// Work that ended without an outcome (its task failed).
#[derive(Debug)]
pub struct Lost;

/// What `job` gave, once it ended (the handle then gone); `None` while it runs or when there is
/// none.
pub fn ended<T, P>(job: &mut Option<Job<T, P>>) -> Option<Result<T, Lost>> {
    let polled = job.as_mut()?.poll();
    let ended = match polled {
        Polled::Running => return None,
        Polled::Done(outcome) => Ok(outcome),
        Polled::Lost => Err(Lost),
    };
    *job = None;
    Some(ended)
}

/// Background work with its result `T` and its progress `P` while it runs.
#[derive(Debug)]
pub struct Task<T, P = ()> {
    running: Option<P>,
    result: Option<T>,
    /// The work under way in the worker, where it gives the result itself.
    job: Option<Job<T, P>>,
}

impl<T, P> Default for Task<T, P> {
    fn default() -> Self {
        Self {
            running: None,
            result: None,
            job: None,
        }
    }
}

impl<T: PartialEq, P: PartialEq> PartialEq for Task<T, P> {
    fn eq(&self, other: &Self) -> bool {
        self.running == other.running && self.result == other.result
    }
}

impl<T, P> Task<T, P> {
    /// Asked for: running, the last result gone.
    pub fn start(&mut self, progress: P) {
        self.running = Some(progress);
        self.result = None;
    }

    /// Asked for again while the last result stays shown (a verdict, a list read again).
    pub fn refresh(&mut self, progress: P) {
        self.running = Some(progress);
    }

    /// Runs `job`: running, the last result gone; its outcome becomes the result ([`Self::poll`]).
    pub fn start_job(&mut self, progress: P, job: Job<T, P>) {
        self.start(progress);
        self.job = Some(job);
    }

    /// Runs `job` while the last result stays shown.
    pub fn refresh_job(&mut self, progress: P, job: Job<T, P>) {
        self.refresh(progress);
        self.job = Some(job);
    }

    /// Follows the task's own job (each frame); whether it ended now.
    pub fn poll(&mut self) -> bool {
        let mut job = self.job.take();
        let outcome = self.follow(&mut job);
        self.job = job;
        match outcome {
            Some(result) => {
                self.finish(result);
                true
            }
            None => false,
        }
    }

    /// Ended with `result`.
    pub fn finish(&mut self, result: T) {
        self.running = None;
        self.result = Some(result);
        self.job = None;
    }

    /// Ended without a result (cancelled): as if never asked; work under way is cancelled.
    pub fn clear(&mut self) {
        self.running = None;
        self.result = None;
        self.job = None;
    }

    /// The result no longer applies; a run under way goes on.
    pub fn forget(&mut self) {
        self.result = None;
    }

    /// Never asked for (or cleared): neither running nor done.
    pub fn is_idle(&self) -> bool {
        self.running.is_none() && self.result.is_none()
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// How far it is, while it runs.
    pub fn progress(&self) -> Option<&P> {
        self.running.as_ref()
    }

    pub fn progress_mut(&mut self) -> Option<&mut P> {
        self.running.as_mut()
    }

    /// What the last run gave.
    pub fn result(&self) -> Option<&T> {
        self.result.as_ref()
    }

    /// Follows the work under way: its latest progress shown, what it gave returned once it ended
    /// (the handle then gone). Work that ended without an outcome (its task failed) leaves the
    /// task as if never asked.
    pub fn follow<O>(&mut self, job: &mut Option<Job<O, P>>) -> Option<O> {
        let j = job.as_mut()?;
        if let (Some(p), Some(now)) = (j.progress(), self.running.as_mut()) {
            *now = p;
        }
        match j.poll() {
            Polled::Running => None,
            Polled::Done(outcome) => {
                *job = None;
                Some(outcome)
            }
            Polled::Lost => {
                *job = None;
                self.clear();
                None
            }
        }
    }
}

impl<T> Task<T> {
    /// Asked for, without progress to tell.
    pub fn run(&mut self) {
        self.start(());
    }

    /// Runs `job`, without progress to tell.
    pub fn run_job(&mut self, job: Job<T>) {
        self.start_job((), job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_runs_then_holds_its_result_until_asked_again() {
        let mut t: Task<&str, u32> = Task::default();
        assert!(!t.is_running() && t.result().is_none());
        t.start(0);
        *t.progress_mut().unwrap() = 7;
        assert_eq!((t.is_running(), t.progress()), (true, Some(&7)));
        t.finish("done");
        assert_eq!((t.is_running(), t.result()), (false, Some(&"done")));
        t.refresh(1);
        assert_eq!(t.result(), Some(&"done"), "shown while it runs again");
        t.start(2);
        assert!(t.result().is_none(), "a new run forgets the last result");
        t.clear();
        assert_eq!(t, Task::default());
    }
}
