//! `service restart [NAME]`: the UCServer service (Windows) stopped and started from the command
//! line, each step said.

use super::fail;
use super::out::outln;
use crate::base::i18n::{Msg, Texts};
use std::process::ExitCode;

/// `service restart [NAME]`: the UCServer service stopped and started, each step said. Without
/// NAME: the one service named so, or the one chosen last time in the window.
pub(super) fn restart(name: Option<&str>, timeout: u64, t: &Texts) -> ExitCode {
    use crate::base::platform::service::{self, RestartError, Step};
    if cfg!(not(windows)) {
        return fail(t, &[Msg::new("service-windows-only")]);
    }
    let found = service::candidates();
    let remembered = service::remembered().filter(|r| found.iter().any(|f| &f.name == r));
    let name = match (name, remembered, found.as_slice()) {
        (Some(n), _, _) => n.to_owned(),
        (None, Some(r), _) => r,
        (None, None, [one]) => one.name.clone(),
        (None, None, []) => return fail(t, &[Msg::new("service-none-found")]),
        (None, None, several) => {
            let names: Vec<&str> = several.iter().map(|f| f.name.as_str()).collect();
            return fail(
                t,
                &[Msg::new("service-several-found").text("names", names.join(", "))],
            );
        }
    };
    let say = |id: &'static str| outln!("{}", t.msg(&Msg::new(id).text("name", name.clone())));
    let mut progress = |step| match step {
        Step::Stopping => say("service-stopping"),
        Step::Starting => say("service-starting"),
        Step::Running => say("service-running"),
    };
    match service::restart(
        &name,
        std::time::Duration::from_secs(timeout),
        &mut progress,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(RestartError::AccessDenied(n)) => {
            fail(t, &[Msg::new("service-access-denied").text("name", n)])
        }
        Err(e) => fail(
            t,
            &[Msg::new("service-failed").text("detail", e.to_string())],
        ),
    }
}
