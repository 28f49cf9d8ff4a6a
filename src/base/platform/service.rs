//! Restarting the UCServer service after a saved proxy change, as the setup guide describes it
//! (the service reads msteams.cfg only when it starts): the service found in the Service Control
//! Manager by its name or display name, stopped and started with progress and a timeout; when
//! the pane lacks the rights, the same restart run elevated. Windows only (the code is in
//! `scm.rs`); elsewhere no service is found and a restart says so.

use std::time::Duration;

pub use super::service_types::{Found, RestartError, Step};

/// The services whose name or display name contains "UCServer" (the SCM's registry view).
pub fn candidates() -> Vec<Found> {
    #[cfg(windows)]
    {
        super::scm::candidates()
    }
    #[cfg(not(windows))]
    Vec::new()
}

/// Stops the service `name` (when it runs) and starts it again, each within `timeout`; tells
/// each step to `progress`.
pub fn restart(
    name: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(Step),
) -> Result<(), RestartError> {
    #[cfg(windows)]
    {
        super::scm::restart(name, timeout, progress)
    }
    #[cfg(not(windows))]
    {
        let _ = (name, timeout, progress);
        Err(RestartError::WindowsOnly)
    }
}

/// The same restart as administrator: the pane's `service restart NAME` (`exe`: the pane's
/// program), started with the UAC prompt ("runas"), waited for; `lang`: the window's language code
/// (`de`, `en`) for the messages of that program.
pub fn restart_elevated(
    exe: &std::path::Path,
    name: &str,
    timeout: Duration,
    lang: &str,
) -> Result<(), RestartError> {
    let args = elevated_args(name, timeout, lang);
    #[cfg(windows)]
    {
        match super::scm::run_elevated(exe, &args)? {
            0 => Ok(()),
            code => Err(RestartError::Elevated(code)),
        }
    }
    #[cfg(not(windows))]
    {
        let _ = (exe, args);
        Err(RestartError::WindowsOnly)
    }
}

/// The command line of the elevated restart (quoted as `CommandLineToArgvW` reads it; service
/// names hold no backslash).
fn elevated_args(name: &str, timeout: Duration, lang: &str) -> String {
    format!(
        "--lang {} service restart \"{}\" --timeout {}",
        lang,
        name.replace('"', "\\\""),
        timeout.as_secs()
    )
}

/// The service the administrator chose last time (per Windows user).
pub fn remembered() -> Option<String> {
    #[cfg(windows)]
    {
        super::scm::remembered()
    }
    #[cfg(not(windows))]
    None
}

/// Remembers the chosen service for the next restart.
pub fn remember(name: &str) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        super::scm::remember(name)
    }
    #[cfg(not(windows))]
    {
        let _ = name;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elevated_command_line_quotes_the_name() {
        let args = elevated_args("estos UCServer", Duration::from_secs(60), "de");
        assert_eq!(
            args,
            "--lang de service restart \"estos UCServer\" --timeout 60"
        );
    }
}
