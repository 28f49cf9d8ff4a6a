//! The UCServer service as the window knows it.

/// The UCServer service as the window knows it: whether it must be restarted to read a saved
/// proxy, and the restart from the window.
#[derive(Debug, Default)]
pub struct ServiceState {
    /// A saved proxy change that the running service does not know yet.
    pub pending: bool,
    pub restart: super::ServiceRestart,
}
