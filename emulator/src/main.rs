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
    /// Instead of serving: walk the sign-in or consent page at URL as a browser would (sign in
    /// as --user with the demo password, accept, follow the redirect to the pane) — a browser
    /// stand-in for scripts and screenshots without a desktop.
    #[arg(long, value_name = "URL")]
    walk: Option<String>,
    #[arg(long, default_value = "admin@musterfirma.de", requires = "walk")]
    user: String,
    /// Wait this long before walking (so that a screenshot catches the pane waiting).
    #[arg(long, default_value_t = 0, requires = "walk")]
    delay_ms: u64,
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
    if let Some(url) = &args.walk {
        std::thread::sleep(std::time::Duration::from_millis(args.delay_ms));
        let walker = entra_emulator::walker::Walker::accepting(&args.user);
        let walked = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|rt| rt.block_on(walker.walk(url)));
        return match walked {
            Ok(location) => {
                println!("{location}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("walk: {e}");
                ExitCode::from(2)
            }
        };
    }
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
