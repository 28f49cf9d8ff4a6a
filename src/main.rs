//! Entry point: the window by default, or a command-line action.
//!
//! On Windows the executable is a GUI program (no console window when started from Explorer);
//! started from a console, it writes to that console (see `platform::attach_console`).

// A GUI program on Windows: Explorer opens no console window beside the pane.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;
use teams_presence_admin::cli::Cmd;
use teams_presence_admin::i18n::Texts;

fn main() -> ExitCode {
    teams_presence_admin::platform::attach_console();
    let cli = teams_presence_admin::cli::help::parse();
    // Warnings on stderr (RUST_LOG overrides), the log file beside msteams.cfg (see `logging`).
    let _log = teams_presence_admin::logging::init(&cli.dir(), cli.log_level.as_deref());
    tracing::info!(
        "teams-presence-admin {} started: {:?}",
        env!("CARGO_PKG_VERSION"),
        cli.command
    );
    let lang = cli.language();
    let check_every = std::time::Duration::from_secs(cli.check_every * 60);
    match cli.command {
        #[cfg(feature = "demo")]
        None | Some(Cmd::Gui) if cli.demo => match teams_presence_admin::demo::start() {
            Ok(demo) => {
                let dir = demo.dir.path().to_owned();
                let demo = Some(demo.into_window());
                match teams_presence_admin::gui::run(dir, lang, check_every, demo) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("{e}");
                        ExitCode::from(2)
                    }
                }
            }
            Err(e) => {
                eprintln!("demo: {e}");
                ExitCode::from(2)
            }
        },
        #[cfg(not(feature = "demo"))]
        None | Some(Cmd::Gui) if cli.demo => {
            eprintln!("{}", Texts::new(lang).get("demo-not-built"));
            ExitCode::from(2)
        }
        None | Some(Cmd::Gui) => {
            match teams_presence_admin::gui::run(cli.dir(), lang, check_every, None) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(2)
                }
            }
        }
        Some(_) => teams_presence_admin::cli::run(&cli, &Texts::new(lang)),
    }
}
