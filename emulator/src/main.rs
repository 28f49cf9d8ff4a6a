//! `entra-emulator`: serves the emulator until Ctrl-C; the first line on stdout is its base URL.
//! For trying the pane's command line and for scripted tests against a process of its own.

use clap::Parser;
use entra_emulator::{Faults, World};
use std::path::PathBuf;
use std::process::ExitCode;

/// A local emulator of Microsoft Entra ID and Microsoft Graph (demo and tests only).
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Address to listen on (loopback by default; a free port with :0).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: std::net::SocketAddr,
    /// JSON file with fault switches, e.g. {"passwordChanged": true}.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Add a generated tenant with this many users (bigcorp.example).
    #[arg(long)]
    users: Option<usize>,
    /// Allow a --listen address other than loopback. The emulator signs tokens with a public
    /// test key and accepts the demo passwords: never on a network others can reach.
    #[arg(long)]
    allow_remote: bool,
}

fn main() -> ExitCode {
    // Every request is logged (RUST_LOG overrides).
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,emulator=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let faults = match &args.config {
        None => Faults::default(),
        Some(path) => match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Faults>(&b).map_err(|e| e.to_string()))
        {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
    };
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        eprintln!(
            "emulator: {} is not a loopback address. The emulator signs tokens with a public test key and accepts the demo passwords; to listen there anyway, add --allow-remote.",
            args.listen
        );
        return ExitCode::from(2);
    }
    match serve(args.listen, faults, args.users) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("emulator: {e}");
            ExitCode::from(2)
        }
    }
}

fn serve(
    listen: std::net::SocketAddr,
    faults: Faults,
    users: Option<usize>,
) -> std::io::Result<()> {
    if !listen.ip().is_loopback() {
        eprintln!(
            "WARNING: the emulator listens on {listen}, not on loopback. It signs tokens with a public test key and accepts the demo passwords: never expose it to a network."
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let world = users.map_or_else(World::demo, World::generated);
        let running = entra_emulator::start(listen, world, faults).await?;
        println!("{}", running.base_url);
        use std::io::Write as _;
        std::io::stdout().flush()?;
        tokio::signal::ctrl_c().await?;
        drop(running);
        Ok(())
    })
}
