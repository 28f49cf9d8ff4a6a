//! Entry point: the window by default, or a command-line action.

use clap::Parser;
use std::process::ExitCode;
use teams_presence_admin::cli::{Cli, Cmd};
use teams_presence_admin::i18n::Texts;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let lang = cli.language();
    match cli.command {
        None | Some(Cmd::Gui) => match teams_presence_admin::gui::run(cli.dir(), lang) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        Some(_) => teams_presence_admin::cli::run(&cli, &Texts::new(lang)),
    }
}
