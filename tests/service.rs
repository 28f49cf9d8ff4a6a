//! The UCServer service restart against a real service in the Service Control Manager: this
//! test program registers itself as a service (Windows; under Wine in the test prefix), then
//! `service restart NAME` of the pane's command line stops and starts it. Elsewhere there is no
//! service manager to test against, and it says so (0 tests).
//!
//! The window's restart (button in the restart notice, confirm, progress, success notice) and
//! the restart as administrator are tested against the same service.
//!
//! `service --as-service` is the service itself.

#[cfg(windows)]
mod support;

use std::process::ExitCode;

#[cfg(not(windows))]
fn main() -> ExitCode {
    println!("service: a Windows test (run by scripts/windows test); nothing to run here");
    println!("0 passed, 0 failed");
    ExitCode::SUCCESS
}

#[cfg(windows)]
fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--as-service") {
        as_service::run();
        return ExitCode::SUCCESS;
    }
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let name = "restarts_the_registered_service";
    if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
        println!("0 passed, 0 failed");
        return ExitCode::SUCCESS;
    }
    let ok = std::panic::catch_unwind(restarts_the_registered_service).is_ok();
    println!("test {name} ... {}", if ok { "ok" } else { "FAILED" });
    println!("{} passed, {} failed", usize::from(ok), usize::from(!ok));
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(windows)]
fn restarts_the_registered_service() {
    use std::ffi::OsString;
    use windows_service::service::{
        ServiceAccess, ServiceErrorControl, ServiceInfo, ServiceStartType, ServiceState,
        ServiceType,
    };
    use windows_service::service_manager::{ServiceManager, ServiceManagerAccess};
    let name = format!("TpaTestUCServer{}", std::process::id());
    let manager = ServiceManager::local_computer(
        None::<&str>,
        ServiceManagerAccess::CONNECT | ServiceManagerAccess::CREATE_SERVICE,
    )
    .unwrap();
    let info = ServiceInfo {
        name: OsString::from(&name),
        display_name: OsString::from("estos UCServer (test)"),
        service_type: ServiceType::OWN_PROCESS,
        start_type: ServiceStartType::OnDemand,
        error_control: ServiceErrorControl::Normal,
        executable_path: std::env::current_exe().unwrap(),
        launch_arguments: vec![OsString::from("--as-service")],
        dependencies: vec![],
        account_name: None,
        account_password: None,
    };
    let access = ServiceAccess::QUERY_STATUS | ServiceAccess::STOP | ServiceAccess::DELETE;
    let service = manager.create_service(&info, access).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_teams-presence-admin"))
            .args(["--lang", "en", "service", "restart"])
            .args(args)
            .output()
            .unwrap()
    };
    let result = std::panic::catch_unwind(|| {
        // Found among the services by its display name; stopped (never started): started.
        let found = teams_presence_admin::base::platform::service::candidates();
        assert!(found.iter().any(|f| f.name == name), "{found:?}");
        let o = run(&[&name, "--timeout", "30"]);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            o.status.success(),
            "{out}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!out.contains("Stopping"), "{out}");
        assert!(
            out.contains(&format!("The service {name} runs again")),
            "{out}"
        );
        assert_eq!(
            service.query_status().unwrap().current_state,
            ServiceState::Running
        );
        // Running: stopped, then started.
        let o = run(&[&name, "--timeout", "30"]);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(o.status.success(), "{out}");
        let (stop, start) = (out.find("Stopping").unwrap(), out.find("Starting").unwrap());
        assert!(stop < start, "{out}");
        assert_eq!(
            service.query_status().unwrap().current_state,
            ServiceState::Running
        );
        window_restarts_the_service(&name);
        // As administrator ("runas"; Wine starts it without a prompt): the pane's own command.
        let exe = std::path::Path::new(env!("CARGO_BIN_EXE_teams-presence-admin"));
        let (service_fn, secs) = (
            teams_presence_admin::base::platform::service::restart_elevated,
            std::time::Duration::from_secs(30),
        );
        service_fn(exe, &name, secs, "en").unwrap();
        assert_eq!(
            service.query_status().unwrap().current_state,
            ServiceState::Running
        );
        let e = service_fn(exe, "NoSuchServiceTpa", secs, "en");
        assert_eq!(
            e,
            Err(teams_presence_admin::base::platform::service::RestartError::Elevated(2))
        );
        // A name that is no service is named.
        let o = run(&["NoSuchServiceTpa", "--timeout", "5"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("there is no service NoSuchServiceTpa")
        );
    });
    let _ = service.stop();
    let _ = service.delete();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

/// A saved proxy change, then the restart notice's button: the service is found, confirmed,
/// stopped and started; the notice goes, the success is said, the choice is remembered.
#[cfg(windows)]
fn window_restarts_the_service(name: &str) {
    use egui_kittest::kittest::Queryable;
    use support::gui::*;
    use teams_presence_admin::base::i18n::Lang;
    use teams_presence_admin::front::gui::PaneApp;
    let dir = folder(r#"{"u8sTenantId": "", "u8sProxyAddress": ""}"#);
    let mut h = harness(dir.path(), Lang::En);
    type_into(&mut h, "Proxy address:", "proxy.firma.local:8080");
    h.get_by_label("Save").click();
    settle(&mut h, |app| !app.state.busy());
    h.get_by_label("Restart the service now …").click();
    settle(&mut h, |app: &PaneApp| {
        !matches!(
            app.state.service.restart,
            teams_presence_admin::front::gui::ServiceRestart::Finding
        )
    });
    let label = format!("estos UCServer (test) ({name})");
    h.get_by_label(&label).click();
    h.run();
    h.get_by_label("Restart").click();
    h.step();
    let start = std::time::Instant::now();
    while !h.state().state.service.pending.is_empty() {
        assert!(start.elapsed() < std::time::Duration::from_secs(90));
        if let teams_presence_admin::front::gui::ServiceRestart::Failed { msg, .. } =
            &h.state().state.service.restart
        {
            panic!("{}", h.state().texts.msg(msg));
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    h.get_by_label(&format!(
        "The service {name} runs again and has read msteams.cfg anew."
    ));
    assert!(h.query_by_label("Restart the service now …").is_none());
    assert_eq!(
        teams_presence_admin::base::platform::service::remembered().as_deref(),
        Some(name)
    );
}

/// The service: reports Running, stops when told.
#[cfg(windows)]
mod as_service {
    use std::ffi::OsString;
    use std::sync::mpsc;
    use std::time::Duration;
    use windows_service::service::{
        ServiceControl, ServiceControlAccept, ServiceExitCode, ServiceState, ServiceStatus,
        ServiceType,
    };
    use windows_service::service_control_handler::{self, ServiceControlHandlerResult};
    use windows_service::{define_windows_service, service_dispatcher};

    define_windows_service!(ffi_service_main, service_main);

    pub fn run() {
        // For a service of its own process the name here is not looked at.
        let _ = service_dispatcher::start("TpaTestUCServer", ffi_service_main);
    }

    fn status(state: ServiceState, accept: ServiceControlAccept) -> ServiceStatus {
        ServiceStatus {
            service_type: ServiceType::OWN_PROCESS,
            current_state: state,
            controls_accepted: accept,
            exit_code: ServiceExitCode::Win32(0),
            checkpoint: 0,
            wait_hint: Duration::default(),
            process_id: None,
        }
    }

    fn service_main(arguments: Vec<OsString>) {
        let name = arguments.first().cloned().unwrap_or_default();
        let (stop, stopped) = mpsc::channel();
        let handler = move |control| match control {
            ServiceControl::Stop => {
                let _ = stop.send(());
                ServiceControlHandlerResult::NoError
            }
            ServiceControl::Interrogate => ServiceControlHandlerResult::NoError,
            _ => ServiceControlHandlerResult::NotImplemented,
        };
        let Ok(handle) = service_control_handler::register(name, handler) else {
            return;
        };
        let _ =
            handle.set_service_status(status(ServiceState::Running, ServiceControlAccept::STOP));
        let _ = stopped.recv();
        let _ =
            handle.set_service_status(status(ServiceState::Stopped, ServiceControlAccept::empty()));
    }
}
