//! The UCServer service as the window knows it.

/// The UCServer service as the window knows it: the saved keys it must be restarted to read,
/// and the restart from the window.
#[derive(Debug, Default)]
pub struct ServiceState {
    /// Saved changes of keys the service reads only at start, which the running service does
    /// not know yet (in the window's order; empty: nothing waits for a restart).
    pub pending: Vec<crate::model::validate::Field>,
    pub restart: super::ServiceRestart,
}

impl ServiceState {
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
