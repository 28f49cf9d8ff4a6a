//! The command line: the same validation and writing code as the window, for scripts.
//!
//! Exit codes: 0 success; 1 `matching check` found errors; 2 bad input, a file that cannot be read
//! or written (nothing is written then). Messages go to stderr in the chosen language.

use crate::base::i18n::{Msg, Texts};
use crate::base::paths;
use crate::model::config::Settings;
use crate::ops::store;

mod app;
mod args;
mod config;
mod consent;
mod diagnostics;
pub mod help;
mod inputs;
pub mod out;
mod parse_error;
mod presence;
mod service;
mod usermatching;
pub mod wait;
mod watch;
pub use self::args::*;
use self::out::errln;
use std::path::Path;
use std::process::ExitCode;

/// Runs a command other than `gui`; then names, in the chosen language, every change whose line
/// in the audit trail could not be written (issue 34 §6: a FIFO in its place took it silently).
pub fn run(cli: &Cli, t: &Texts) -> ExitCode {
    let code = run_command(cli, t);
    for m in crate::model::audit::unwritten() {
        errln!("{}", t.msg(&m));
    }
    code
}

fn run_command(cli: &Cli, t: &Texts) -> ExitCode {
    let dir = cli.dir();
    wait::set_deadline(cli.deadline);
    if cli.needs_folder()
        && let Err(code) = ucserver_folder(&dir, cli.create, t)
    {
        return code;
    }
    match &cli.command {
        None | Some(Cmd::Gui) => ExitCode::SUCCESS,
        Some(Cmd::Consent { action }) => consent::run(&dir, action, t),
        Some(Cmd::App { action }) => app::run(&dir, action, t),
        Some(Cmd::Audit { json, since }) => diagnostics::audit(&dir, *json, since.as_deref(), t),
        Some(Cmd::WriteTest { user, yes }) => diagnostics::write_test(&dir, user, *yes, t),
        Some(Cmd::Diagnose { json }) => diagnostics::diagnose(&dir, *json, t),
        Some(Cmd::SupportBundle {
            file,
            personal_data,
            force,
        }) => diagnostics::support_bundle(&dir, file, *personal_data, *force, t),
        Some(Cmd::Service {
            action: ServiceCmd::Restart { name, timeout },
        }) => service::restart(name.as_deref(), *timeout, t),
        Some(Cmd::Status { json }) => consent::status(&dir, *json, t),
        Some(Cmd::Config { action }) => config::run(&dir, action, t),
        Some(Cmd::Matching { action }) => usermatching::run(&dir, action, t),
        Some(Cmd::Watch { action }) => watch::run(&dir, action, t),
    }
}

pub(crate) fn loaded_settings(dir: &Path, t: &Texts) -> Result<Settings, ExitCode> {
    loaded_config(dir, t).map(|(_, settings)| settings)
}

/// msteams.cfg as read, and its settings; a file that cannot be read or parsed is said so.
pub(crate) fn loaded_config(
    dir: &Path,
    t: &Texts,
) -> Result<(crate::base::files::Snapshot, Settings), ExitCode> {
    let loaded = store::load_config(dir)
        .map_err(|e| fail(t, &[Msg::new("load-failed").inner("detail", e.msg())]))?;
    let settings = loaded
        .settings
        .map_err(|e| fail(t, &[Msg::new("cfg-broken-title"), e.msg()]))?;
    Ok((loaded.snapshot, settings))
}

/// A folder without config/msteams.cfg is no UCServer folder: refused (exit 2), or with
/// `--create` given the file, and said so.
fn ucserver_folder(dir: &Path, create: bool, t: &Texts) -> Result<(), ExitCode> {
    let cfg = paths::msteams_cfg(dir);
    if cfg.is_file() {
        return Ok(());
    }
    let path = dir.display().to_string();
    if !create {
        return Err(fail(
            t,
            &[Msg::new("not-ucserver-folder").text("path", path)],
        ));
    }
    store::create_config(dir).map_err(|e| fail(t, &e.msgs()))?;
    errln!(
        "{}",
        t.msg(&Msg::new("cli-created").text("path", cfg.display().to_string()))
    );
    Ok(())
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// A flow's error for the administrator: the guidance sentence and Microsoft's words.
pub(crate) fn describe(e: &crate::ops::Error, t: &Texts) -> String {
    let lines: Vec<String> = e.msgs().iter().map(|m| t.msg(m)).collect();
    lines.join("\n")
}

pub(crate) fn fail(t: &Texts, msgs: &[Msg]) -> ExitCode {
    for m in msgs {
        errln!("{}: {}", t.get("cli-error"), t.msg(m));
    }
    ExitCode::from(2)
}
