//! Entry point: the window by default, or a command-line action.
//!
//! On Windows the executable is a GUI program (no console window when started from Explorer);
//! started from a console, it writes to that console (see `platform::attach_console`).

// A GUI program on Windows: Explorer opens no console window beside the pane.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;
use teams_presence_admin::base::i18n::Texts;
use teams_presence_admin::front::cli::Cmd;

fn main() -> ExitCode {
    teams_presence_admin::base::platform::attach_console();
    let cli = teams_presence_admin::front::cli::help::parse();
    let lang = cli.language();
    let check_every = std::time::Duration::from_secs(cli.check_every * 60);
    if cli.demo && matches!(cli.command, None | Some(Cmd::Gui)) {
        return demo_window(&cli, lang, check_every);
    }
    // Warnings on stderr (RUST_LOG overrides), the log file beside msteams.cfg or in
    // %ProgramData% (see `logging::place`).
    let _log = teams_presence_admin::base::logging::init(&cli.dir(), cli.log_level.as_deref());
    started(&cli);
    match cli.command {
        None | Some(Cmd::Gui) => window(cli.dir(), lang, check_every, None),
        Some(_) => teams_presence_admin::front::cli::run(&cli, &Texts::new(lang)),
    }
}

fn started(cli: &teams_presence_admin::front::cli::Cli) {
    tracing::info!(
        "teams-presence-admin {} started: {}",
        env!("CARGO_PKG_VERSION"),
        teams_presence_admin::base::logging::personal::mark_quoted(&format!("{:?}", cli.command))
    );
}

fn window(
    dir: std::path::PathBuf,
    lang: teams_presence_admin::base::i18n::Lang,
    check_every: std::time::Duration,
    demo: Option<teams_presence_admin::front::gui::DemoWindow>,
) -> ExitCode {
    let logs = teams_presence_admin::base::logging::place_for(&dir);
    match teams_presence_admin::front::gui::run(dir, lang, check_every, demo) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failed) => {
            // A double-clicked .exe has no console: the reasons go into a message box as well
            // as to stderr and the log.
            let texts = Texts::new(lang);
            let failed =
                teams_presence_admin::front::gui::start_failed(&failed, logs.as_ref().ok());
            let text = texts.msg(&failed);
            // To stderr and the log file at once (the stderr layer shows errors).
            tracing::error!("{text}");
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title(texts.get("start-failed-title"))
                .set_description(text)
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
            ExitCode::from(2)
        }
    }
}

/// The window on the demo: the emulator and the sample folder first, so that the log file is the
/// sample folder's (the one the window shows).
#[cfg(feature = "demo")]
fn demo_window(
    cli: &teams_presence_admin::front::cli::Cli,
    lang: teams_presence_admin::base::i18n::Lang,
    check_every: std::time::Duration,
) -> ExitCode {
    match teams_presence_admin::front::demo::start() {
        Ok(demo) => {
            let dir = demo.dir.path().to_owned();
            let _log = teams_presence_admin::base::logging::init(&dir, cli.log_level.as_deref());
            started(cli);
            window(dir, lang, check_every, Some(demo.into_window()))
        }
        Err(e) => {
            eprintln!("demo: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(not(feature = "demo"))]
fn demo_window(
    _cli: &teams_presence_admin::front::cli::Cli,
    lang: teams_presence_admin::base::i18n::Lang,
    _check_every: std::time::Duration,
) -> ExitCode {
    eprintln!("{}", Texts::new(lang).get("demo-not-built"));
    ExitCode::from(2)
}
