//! The UCServer service as the window knows it, and the restart the window starts and follows.

use super::ServiceRestart;
use crate::base::i18n::Lang;
use crate::base::platform::service::{RestartError, Step};
use crate::front::worker::{Job, Polled, ServicesFound, Worker};

/// The UCServer service as the window knows it: the saved keys it must be restarted to read,
/// and the restart from the window.
#[derive(Debug, Default)]
pub struct ServiceState {
    /// Saved changes of keys the service reads only at start, which the running service does
    /// not know yet (in the window's order; empty: nothing waits for a restart).
    pub pending: Vec<crate::model::validate::Field>,
    pub restart: ServiceRestart,
    /// The Service Control Manager asked.
    finding: Option<Job<ServicesFound>>,
    /// The restart under way, with its steps.
    running: Option<Job<Result<(), RestartError>, Step>>,
}

impl ServiceState {
    /// Looks for the UCServer service.
    pub fn find(&mut self, worker: &Worker) {
        self.restart = ServiceRestart::Finding;
        self.finding = Some(worker.find_service());
    }

    /// Stops and starts the service `name` (`elevated`: as administrator).
    pub fn start_restart(&mut self, worker: &Worker, name: String, elevated: bool, lang: Lang) {
        self.restart = ServiceRestart::Running {
            name: name.clone(),
            step: None,
            elevated,
        };
        self.running = Some(worker.restart_service(name, elevated, lang));
    }

    /// Follows the search and the restart (each frame); the service's name once it was
    /// restarted.
    pub fn poll(&mut self) -> Option<String> {
        if let Some(job) = &mut self.finding {
            match job.poll() {
                Polled::Running => {}
                Polled::Done((found, remembered)) => {
                    self.finding = None;
                    self.restart = ServiceRestart::found(found, remembered);
                }
                Polled::Lost => {
                    self.finding = None;
                    self.restart = ServiceRestart::Idle;
                }
            }
        }
        let job = self.running.as_mut()?;
        if let Some(step) = job.progress() {
            self.restart.step(step);
        }
        let result = match job.poll() {
            Polled::Running => return None,
            Polled::Done(result) => result,
            Polled::Lost => Err(RestartError::Other("the restart ended early".into())),
        };
        self.running = None;
        let ServiceRestart::Running { name, .. } = std::mem::take(&mut self.restart) else {
            return None;
        };
        match result {
            Ok(()) => {
                self.pending.clear();
                Some(name)
            }
            Err(e) => {
                self.restart = ServiceRestart::failed(name, &e);
                None
            }
        }
    }

    /// Saved changes of `fields` the running service does not know yet, added to those pending
    /// (each once, in the window's order).
    pub fn restart_pending(&mut self, fields: &[crate::model::validate::Field]) {
        for field in fields {
            if !self.pending.contains(field) {
                self.pending.push(*field);
            }
        }
        self.pending
            .sort_by_key(|f| crate::model::config::keys::fields().position(|k| k == *f));
    }
}
