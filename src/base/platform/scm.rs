//! Windows: the Service Control Manager (the `windows-service` crate) for [`super::service`]:
//! the UCServer services found in its registry view, a restart with progress and a timeout, the
//! same restart run elevated (the pane's own `service restart`, asked for with "runas"), and
//! the service the administrator chose, remembered per user in the registry.

use super::service_types::{Found, RestartError, Step};
use std::time::{Duration, Instant};
use windows_service::service::{ServiceAccess, ServiceState};
use windows_service::service_manager::{ServiceManager, ServiceManagerAccess};

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

/// Where the chosen service is remembered (per user).
const REMEMBER_KEY: &str = r"Software\teams-presence-admin";
const REMEMBER_VALUE: &str = "UCServerService";

pub fn remembered() -> Option<String> {
    let hkcu = winreg::RegKey::predef(winreg::enums::HKEY_CURRENT_USER);
    let name: String = hkcu
        .open_subkey(REMEMBER_KEY)
        .ok()?
        .get_value(REMEMBER_VALUE)
        .ok()?;
    (!name.is_empty()).then_some(name)
}

pub fn remember(name: &str) -> std::io::Result<()> {
    let hkcu = winreg::RegKey::predef(winreg::enums::HKEY_CURRENT_USER);
    let (key, _) = hkcu.create_subkey(REMEMBER_KEY)?;
    key.set_value(REMEMBER_VALUE, &name)
}

/// Runs `exe` with `args`, elevated ("runas": the UAC prompt), hidden, and waits for it.
pub fn run_elevated(exe: &std::path::Path, args: &str) -> Result<u32, RestartError> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_CANCELLED, GetLastError};
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, INFINITE, WaitForSingleObject,
    };
    use windows_sys::Win32::UI::Shell::{
        SEE_MASK_NOASYNC, SEE_MASK_NOCLOSEPROCESS, SHELLEXECUTEINFOW, ShellExecuteExW,
    };
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_HIDE;
    let wide = |s: &std::ffi::OsStr| -> Vec<u16> { s.encode_wide().chain([0]).collect() };
    let (verb, file, params) = (
        wide("runas".as_ref()),
        wide(exe.as_os_str()),
        wide(args.as_ref()),
    );
    // SAFETY: all-zero is a valid SHELLEXECUTEINFOW (null pointers, no flags).
    let mut info: SHELLEXECUTEINFOW = unsafe { std::mem::zeroed() };
    info.cbSize = std::mem::size_of::<SHELLEXECUTEINFOW>() as u32;
    info.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC;
    info.lpVerb = verb.as_ptr();
    info.lpFile = file.as_ptr();
    info.lpParameters = params.as_ptr();
    info.nShow = SW_HIDE;
    // SAFETY: the strings outlive the call; info is fully initialised.
    if unsafe { ShellExecuteExW(&mut info) } == 0 {
        // SAFETY: reads the calling thread's last error.
        let code = unsafe { GetLastError() };
        return Err(if code == ERROR_CANCELLED {
            RestartError::Declined
        } else {
            RestartError::Other(std::io::Error::from_raw_os_error(code as i32).to_string())
        });
    }
    if info.hProcess.is_null() {
        return Err(RestartError::Other("no process was started".into()));
    }
    let mut code = 0u32;
    // SAFETY: hProcess is the started process's handle (SEE_MASK_NOCLOSEPROCESS), closed here.
    unsafe {
        WaitForSingleObject(info.hProcess, INFINITE);
        GetExitCodeProcess(info.hProcess, &mut code);
        CloseHandle(info.hProcess);
    }
    Ok(code)
}
