//! What a service restart reports — the service found, the step it is at, why it failed —
//! shared by the portable front ([`super::service`]) and the Windows code behind it (`scm.rs`),
//! so that neither imports the other's types.

/// A service that names the UCServer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub display_name: String,
}

/// How far a restart is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Stopping,
    Starting,
    Running,
}

/// Why a restart did not end with the service running.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RestartError {
    #[error("there is no service {0}")]
    NotFound(String),
    #[error("stopping and starting {0} needs administrator rights")]
    AccessDenied(String),
    #[error("{name} was not {state} after {secs} s")]
    Timeout {
        name: String,
        state: &'static str,
        secs: u64,
    },
    /// The administrator said no to the elevation (UAC).
    #[error("the elevation was declined")]
    Declined,
    /// The elevated restart ended with this exit code.
    #[error("the restart as administrator ended with exit code {0}")]
    Elevated(u32),
    #[error("restarting a service exists only on Windows")]
    WindowsOnly,
    #[error("{0}")]
    Other(String),
}
