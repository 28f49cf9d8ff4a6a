//! The service's jobs: the services that name the UCServer, and its restart (as administrator
//! where the pane's account may not).

use super::Reply;
use crate::base::i18n::Lang;
use crate::base::platform::service;

/// The services that name the UCServer, and the one chosen last time (when still there).
pub type ServicesFound = (Vec<service::Found>, Option<String>);

/// How long the service may take to stop, and to start.
const SERVICE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// The services that name the UCServer, and the one chosen last time (when still there).
pub fn find_service(reply: Reply<ServicesFound>) {
    let found = service::candidates();
    let remembered = service::remembered().filter(|r| found.iter().any(|f| &f.name == r));
    reply.finish((found, remembered));
}

/// Restarts the service, each step told; a chosen service is remembered for the next time.
pub fn restart_service(
    name: String,
    elevated: bool,
    lang: Lang,
    reply: super::Reply<Result<(), service::RestartError>, service::Step>,
) {
    if let Err(e) = service::remember(&name) {
        tracing::warn!("could not remember the service {name}: {e}");
    }
    let result = if elevated {
        std::env::current_exe()
            .map_err(|e| service::RestartError::Other(e.to_string()))
            .and_then(|exe| service::restart_elevated(&exe, &name, SERVICE_TIMEOUT, lang.code()))
    } else {
        service::restart(&name, SERVICE_TIMEOUT, &mut |step| reply.progress(step))
    };
    reply.finish(result);
}
