//! The seam between the window and its background work: starting work returns a [`Job`], the
//! handle the feature's state polls each frame (its latest progress, then what it gave); the
//! worker's task holds the other end, a [`Reply`], through which it tells its progress and its
//! outcome — each wakes the window (a progress at most four times a second, see the worker's
//! `notify`). Dropping the handle cancels the work (a cancellable job watches
//! [`Reply::cancelled`]); a task that ends without an outcome (it panicked) leaves the handle
//! [`Polled::Lost`]. Modelled on rerun's `poll_promise` with a progress beside the promise.

use std::sync::{Arc, Mutex};

/// Wakes the window: `true` for a progress report (drawn a few times a second, not each).
pub type Wake = Arc<dyn Fn(bool) + Send + Sync>;

/// What a job has told so far.
struct Shared<T, P> {
    progress: Option<P>,
    outcome: Option<T>,
    /// The worker's end is gone without an outcome.
    lost: bool,
    /// The outcome was taken by the window.
    taken: bool,
    /// The window dropped its handle: nobody to wake.
    abandoned: bool,
}

/// The window's handle of work under way, with its outcome `T` and its progress `P`.
pub struct Job<T, P = ()> {
    shared: Arc<Mutex<Shared<T, P>>>,
    cancel: tokio::sync::watch::Sender<bool>,
    /// The outcome was taken: nothing more comes.
    ended: bool,
}

/// The worker's end of a [`Job`]: progress and the outcome go through it.
pub struct Reply<T, P = ()> {
    shared: Arc<Mutex<Shared<T, P>>>,
    cancel: tokio::sync::watch::Receiver<bool>,
    wake: Wake,
}

/// What a poll of a [`Job`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Polled<T> {
    /// Still under way (or its outcome taken before).
    Running,
    /// Ended with this outcome (given once).
    Done(T),
    /// The worker's task ended without an outcome (it panicked); given once.
    Lost,
}

/// A new job: the window's handle and the worker's end; `wake` is called after every report.
pub fn pair<T, P>(wake: Wake) -> (Job<T, P>, Reply<T, P>) {
    let shared = Arc::new(Mutex::new(Shared {
        progress: None,
        outcome: None,
        lost: false,
        taken: false,
        abandoned: false,
    }));
    let (tx, rx) = tokio::sync::watch::channel(false);
    let job = Job {
        shared: shared.clone(),
        cancel: tx,
        ended: false,
    };
    let reply = Reply {
        shared,
        cancel: rx,
        wake,
    };
    (job, reply)
}

fn lock<T, P>(m: &Mutex<Shared<T, P>>) -> std::sync::MutexGuard<'_, Shared<T, P>> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl<T, P> Job<T, P> {
    /// The progress told since the last call (the latest only), while it runs.
    pub fn progress(&mut self) -> Option<P> {
        lock(&self.shared).progress.take()
    }

    /// Whether the work ended, and what it gave (once).
    pub fn poll(&mut self) -> Polled<T> {
        if self.ended {
            return Polled::Running;
        }
        let mut s = lock(&self.shared);
        if let Some(outcome) = s.outcome.take() {
            s.taken = true;
            self.ended = true;
            return Polled::Done(outcome);
        }
        if s.lost {
            self.ended = true;
            return Polled::Lost;
        }
        Polled::Running
    }

    /// Asks the work to stop; it ends with what it has (a cancellable job says so in its outcome).
    pub fn cancel(&self) {
        let _ = self.cancel.send(true);
    }
}

impl<T, P> Drop for Job<T, P> {
    /// Nobody waits for the outcome any more: the work stops where it can, and its end wakes
    /// nobody.
    fn drop(&mut self) {
        lock(&self.shared).abandoned = true;
        self.cancel();
    }
}

impl<T, P> std::fmt::Debug for Job<T, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("ended", &self.ended).finish()
    }
}

impl<T, P> Reply<T, P> {
    /// Tells how far the work is (the window shows the latest).
    pub fn progress(&self, p: P) {
        let mut s = lock(&self.shared);
        s.progress = Some(p);
        // Woken before the window can see it (the lock is held): a frame that takes it never
        // leaves a wake behind, and an idle window stays idle.
        if !s.abandoned {
            (self.wake)(true);
        }
    }

    /// Ends the work with `outcome`.
    pub fn finish(self, outcome: T) {
        let mut s = lock(&self.shared);
        s.outcome = Some(outcome);
        if !s.abandoned {
            (self.wake)(false);
        }
        // `Drop` finds the outcome there.
    }

    /// Turns true when the window cancelled the work or dropped its handle.
    pub fn cancelled(&self) -> tokio::sync::watch::Receiver<bool> {
        self.cancel.clone()
    }

    /// Ends when the window cancels the work or drops its handle.
    pub fn on_cancel(&self) -> impl std::future::Future<Output = ()> + Send + use<T, P> {
        let mut cancel = self.cancelled();
        async move {
            let _ = cancel.wait_for(|c| *c).await;
        }
    }

    /// Whether the window still waits for the outcome.
    pub fn wanted(&self) -> bool {
        !*self.cancel.borrow()
    }
}

impl<T, P> Drop for Reply<T, P> {
    /// Without an outcome there will never be one: the window is told.
    fn drop(&mut self) {
        let mut s = lock(&self.shared);
        if s.outcome.is_none() && !s.taken {
            s.lost = true;
            if !s.abandoned {
                (self.wake)(false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn counting() -> (Wake, Arc<AtomicUsize>) {
        let n = Arc::new(AtomicUsize::new(0));
        let m = n.clone();
        let wake: Wake = Arc::new(move |_| {
            m.fetch_add(1, Ordering::SeqCst);
        });
        (wake, n)
    }

    #[test]
    fn a_job_gives_its_latest_progress_then_its_outcome_once() {
        let (wake, woken) = counting();
        let (mut job, reply) = pair::<&str, u32>(wake);
        assert_eq!(job.poll(), Polled::Running);
        reply.progress(1);
        reply.progress(2);
        assert_eq!(job.progress(), Some(2), "the latest progress");
        assert_eq!(job.progress(), None, "told once");
        reply.finish("done");
        assert_eq!(
            woken.load(Ordering::SeqCst),
            3,
            "each report wakes the window"
        );
        assert_eq!(job.poll(), Polled::Done("done"));
        assert_eq!(job.poll(), Polled::Running, "the outcome is given once");
    }

    #[test]
    fn a_task_gone_without_an_outcome_is_lost_and_a_dropped_handle_cancels_quietly() {
        let (wake, woken) = counting();
        let (mut job, reply) = pair::<(), ()>(wake.clone());
        drop(reply);
        assert_eq!(job.poll(), Polled::Lost);
        assert_eq!(woken.load(Ordering::SeqCst), 1, "the window is told");
        let (job, reply) = pair::<(), ()>(wake);
        let cancelled = reply.cancelled();
        assert!(!*cancelled.borrow() && reply.wanted());
        drop(job);
        assert!(*cancelled.borrow(), "dropping the handle cancels the work");
        assert!(!reply.wanted());
        reply.finish(());
        assert_eq!(
            woken.load(Ordering::SeqCst),
            1,
            "a job nobody waits for wakes nobody"
        );
    }
}
