//! Windows: restarting the UCServer service after a saved proxy change, as the setup guide
//! describes it (the service reads msteams.cfg only when it starts): the service found in the
//! Service Control Manager by its name or display name, stopped and started with progress and a
//! timeout (the `windows-service` crate).

use std::time::{Duration, Instant};
use windows_service::service::{ServiceAccess, ServiceState};
use windows_service::service_manager::{ServiceManager, ServiceManagerAccess};

/// A service that names the UCServer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub display_name: String,
}

/// The services whose name or display name contains "UCServer" (the SCM's registry view).
pub fn candidates() -> Vec<Found> {
    let hklm = winreg::RegKey::predef(winreg::enums::HKEY_LOCAL_MACHINE);
    let Ok(services) = hklm.open_subkey(r"SYSTEM\CurrentControlSet\Services") else {
        return Vec::new();
    };
    let names = |s: &str| s.to_lowercase().contains("ucserver");
    services
        .enum_keys()
        .flatten()
        .filter_map(|name| {
            let key = services.open_subkey(&name).ok()?;
            let display_name: String = key.get_value("DisplayName").unwrap_or_default();
            let image: String = key.get_value("ImagePath").unwrap_or_default();
            (!image.is_empty() && (names(&name) || names(&display_name)))
                .then_some(Found { name, display_name })
        })
        .collect()
}

/// How far a restart is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Stopping,
    Starting,
    Running,
}

/// Why a restart did not end with the service running.
#[derive(Debug, thiserror::Error)]
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
    #[error("{0}")]
    Other(String),
}

fn failure(name: &str, e: windows_service::Error) -> RestartError {
    match &e {
        windows_service::Error::Winapi(io) => match io.raw_os_error() {
            Some(5) => RestartError::AccessDenied(name.to_owned()),
            Some(1060) => RestartError::NotFound(name.to_owned()),
            _ => RestartError::Other(format!("{name}: {e}")),
        },
        _ => RestartError::Other(format!("{name}: {e}")),
    }
}

/// Stops the service `name` (when it runs) and starts it again, each within `timeout`; tells
/// each step to `progress`.
pub fn restart(
    name: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(Step),
) -> Result<(), RestartError> {
    let manager = ServiceManager::local_computer(None::<&str>, ServiceManagerAccess::CONNECT)
        .map_err(|e| failure(name, e))?;
    let access = ServiceAccess::QUERY_STATUS | ServiceAccess::STOP | ServiceAccess::START;
    let service = manager
        .open_service(name, access)
        .map_err(|e| failure(name, e))?;
    let state = || -> Result<ServiceState, RestartError> {
        Ok(service
            .query_status()
            .map_err(|e| failure(name, e))?
            .current_state)
    };
    let wait = |want: ServiceState, label: &'static str| -> Result<(), RestartError> {
        let start = Instant::now();
        while state()? != want {
            if start.elapsed() > timeout {
                let secs = timeout.as_secs();
                let name = name.to_owned();
                return Err(RestartError::Timeout {
                    name,
                    state: label,
                    secs,
                });
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(())
    };
    if state()? != ServiceState::Stopped {
        progress(Step::Stopping);
        if state()? != ServiceState::StopPending {
            service.stop().map_err(|e| failure(name, e))?;
        }
        wait(ServiceState::Stopped, "stopped")?;
    }
    progress(Step::Starting);
    service.start::<&str>(&[]).map_err(|e| failure(name, e))?;
    wait(ServiceState::Running, "running")?;
    progress(Step::Running);
    Ok(())
}
