//! The command line: the same validation and writing code as the window, for scripts.
//!
//! Exit codes: 0 success; 1 `matching check` found errors; 2 bad input, a file that cannot be read
//! or written (nothing is written then). Messages go to stderr in the chosen language.

use crate::config::Settings;
use crate::i18n::{Lang, Msg, Texts};
use crate::microsoft::browser::{Browser, SystemBrowser};
use crate::microsoft::flows;
use crate::ops::check::{self, Which};
use crate::paths;
use crate::store::{self, Repair};
use crate::validate::Field;
use clap::{ArgGroup, Parser, Subcommand, ValueEnum};

mod app;
mod config;
mod diagnostics;
pub mod help;
pub mod out;
mod parse_error;
mod usermatching;
use self::out::{errln, outln};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "teams-presence-admin",
    version,
    about = "ProCall Integration in Microsoft Teams: admin pane and command line for the UCServer"
)]
pub struct Cli {
    /// The UCServer installation folder (holds config/ and ExternalServiceProvider/).
    #[arg(long, global = true, env = "UCSERVER_DIR", value_name = "DIR")]
    pub ucserver_dir: Option<PathBuf>,
    /// Language of the window and messages (default: the operating system's).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Run on the built-in emulator of Microsoft's services with a sample UCServer folder:
    /// try every flow without a tenant.
    #[arg(long)]
    pub demo: bool,
    /// Create config/msteams.cfg in a folder that has none (otherwise such a folder is refused as
    /// "not a UCServer folder").
    #[arg(long, global = true)]
    pub create: bool,
    /// The log file's level (off, error, warn, info, debug, trace, or a filter such as
    /// "teams_presence_admin=debug"); the environment variable TEAMS_PRESENCE_ADMIN_LOG wins.
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// How often the window checks both consents with Microsoft, in minutes.
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=1440))]
    pub check_every: u64,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    De,
    En,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Open the window (the default).
    Gui,
    /// The UCServer service (Windows): restart it so that it reads msteams.cfg again.
    Service {
        #[command(subcommand)]
        action: ServiceCmd,
    },
    /// Show or change msteams.cfg.
    Config {
        #[command(subcommand)]
        action: ConfigCmd,
    },
    /// Check usermatching.csv.
    Matching {
        #[command(subcommand)]
        action: MatchingCmd,
    },
    /// Give a consent in the browser: "Zustimmung des Benutzers" or "Zustimmung des Administrators".
    Consent {
        #[command(subcommand)]
        action: ConsentCmd,
    },
    /// An own app registration: create it in one run, renew its credential, remove it, or print
    /// the PowerShell script that creates it by hand.
    App {
        #[command(subcommand)]
        action: app::AppCmd,
    },
    /// The audit trail: every change the pane made (settings, usermatching.csv, consents, secret,
    /// app registration), oldest first.
    Audit {
        #[arg(long)]
        json: bool,
        /// Only entries from this day on (YYYY-MM-DD, or an RFC 3339 time).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// Write a support bundle: the status, the system, msteams.cfg, what is stored (no value),
    /// usermatching.csv's findings, the audit trail and the last log lines, every secret removed.
    SupportBundle {
        /// The zip to write.
        file: PathBuf,
        /// Include names (usermatching.csv, the accounts in findings and the audit trail).
        #[arg(long)]
        personal_data: bool,
        /// Replace FILE if it exists (never a file in the UCServer folder).
        #[arg(long)]
        force: bool,
    },
    /// Prove writing end to end for one user: set a presence (Busy, in a call, 5 minutes) with the
    /// app's permission, read it back, clear it. The colleague sees it in Teams: asks first.
    WriteTest {
        /// The user: UPN (looked up with the user consent) or object id.
        user: String,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
    /// Test the connection to Microsoft: for the login and the Graph host each stage on its own
    /// with its time (DNS, TCP, proxy, TLS, HTTP), then the sign-in and Graph requests of the
    /// check with their times and the consents. Exit 0 all fine, 5 a stage failed.
    Diagnose {
        #[arg(long)]
        json: bool,
    },
    /// Check both consents with Microsoft. Exit code: 0 authorized, 3 auth required or
    /// incomplete, 4 re-consent needed, 5 unreachable, 6 misconfigured.
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ConfigCmd {
    /// Print the pane's settings and the status.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Set one value; it is validated like in the window, and nothing is written on error.
    Set {
        key: SetKey,
        /// tenant-id: GUID or domain; cloud: global|usgov|usgov-dod|china|custom; client-id: GUID
        /// or ""; proxy: host:port or "" (no proxy); activation: off|global|groups[:A,B]|users[:a,b]
        value: String,
        /// With `cloud custom`: the login base URL.
        #[arg(long)]
        login_url: Option<String>,
        /// With `cloud custom`: the Graph base URL.
        #[arg(long)]
        graph_url: Option<String>,
    },
    /// Remove a value (proxy: connect directly; client-id: use the estos app; tenant-id: nothing
    /// configured, the consents are not offered).
    Clear { key: ClearKey },
}

#[derive(Subcommand, Debug)]
pub enum ConsentCmd {
    /// "Zustimmung des Benutzers" (read presence): sign in with the account whose consent the
    /// UCServer service uses.
    User {
        /// Print the URL instead of opening the browser (open it on any machine; the answer must
        /// reach this machine's localhost).
        #[arg(long)]
        no_browser: bool,
    },
    /// "Zustimmung des Administrators" (write presence) for the whole organization.
    Admin {
        #[arg(long)]
        no_browser: bool,
    },
    /// Forget the stored user consent (refresh token).
    Forget,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SetKey {
    TenantId,
    Cloud,
    ClientId,
    Proxy,
    Activation,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ClearKey {
    Proxy,
    ClientId,
    TenantId,
}

#[derive(Subcommand, Debug)]
pub enum ServiceCmd {
    /// Stop and start the UCServer service (the one service named so, or NAME).
    Restart {
        name: Option<String>,
        /// Seconds to wait for each of stopping and starting.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum MatchingCmd {
    /// List the findings with line numbers; exit 1 when there are errors.
    Check {
        /// The file (default: ExternalServiceProvider/usermatching.csv in the UCServer folder).
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Who will be synchronized: every UCServer user in the activation scope and how it matches
    /// a Teams account (same UPN, usermatching.csv, none, ambiguous), read from the tenant with
    /// the stored user consent. Exit 1 when a user has no or no unique match or a line can never
    /// match; 5 when the tenant cannot be read.
    Preview {
        /// The UCServer's user export (CSV: user name, display name, groups; see README).
        #[arg(long, value_name = "CSV")]
        users: PathBuf,
        /// usermatching.csv (default: ExternalServiceProvider/usermatching.csv in the UCServer folder).
        #[arg(long, value_name = "CSV")]
        file: Option<PathBuf>,
        /// List every user, not only those that need attention.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Repair the file in place (atomically; the previous version stays as .bak).
    #[command(group(ArgGroup::new("repair").required(true).multiple(true).args(["convert", "remove_header"])))]
    Fix {
        /// The file (default: ExternalServiceProvider/usermatching.csv in the UCServer folder).
        file: Option<PathBuf>,
        /// Convert a semicolon-separated or Windows-1252 file to UTF-8 with commas.
        #[arg(long)]
        convert: bool,
        /// Remove a header line.
        #[arg(long)]
        remove_header: bool,
    },
}

impl Cli {
    /// Whether the command works on the files of a UCServer folder.
    fn needs_folder(&self) -> bool {
        match &self.command {
            None | Some(Cmd::Gui) | Some(Cmd::Service { .. }) => false,
            Some(Cmd::Matching { action }) => match action {
                MatchingCmd::Check { file, .. } | MatchingCmd::Fix { file, .. } => file.is_none(),
                MatchingCmd::Preview { .. } => true,
            },
            Some(_) => true,
        }
    }

    pub fn dir(&self) -> PathBuf {
        self.ucserver_dir
            .clone()
            .unwrap_or_else(paths::default_ucserver_dir)
    }

    pub fn language(&self) -> Lang {
        match self.lang {
            Some(LangArg::De) => Lang::De,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_os(),
        }
    }
}

/// Runs a command other than `gui`.
pub fn run(cli: &Cli, t: &Texts) -> ExitCode {
    let dir = cli.dir();
    if cli.needs_folder()
        && let Err(code) = ucserver_folder(&dir, cli.create, t)
    {
        return code;
    }
    match &cli.command {
        None | Some(Cmd::Gui) => ExitCode::SUCCESS,
        Some(Cmd::Consent { action }) => consent(&dir, action, t),
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
        }) => restart_service(name.as_deref(), *timeout, t),
        Some(Cmd::Status { json }) => status(&dir, *json, t),
        Some(Cmd::Config { action }) => match action {
            ConfigCmd::Show { json } => config::show(&dir, *json, t),
            ConfigCmd::Set {
                key,
                value,
                login_url,
                graph_url,
            } => config::change(&dir, t, |s| {
                config::set(s, *key, value, login_url.as_deref(), graph_url.as_deref())
            }),
            ConfigCmd::Clear { key } => config::change(&dir, t, |s| {
                let field = match key {
                    ClearKey::Proxy => Field::Proxy,
                    ClearKey::ClientId => Field::ClientId,
                    ClearKey::TenantId => Field::TenantId,
                };
                // Cleared = the key's default value, as the key table's merge takes it.
                crate::config::merge::take(s, &Settings::default(), field);
                Ok(())
            }),
        },
        Some(Cmd::Matching { action }) => match action {
            MatchingCmd::Check { file, json } => {
                let path = file.clone().unwrap_or_else(|| paths::usermatching(&dir));
                usermatching::check(&path, *json, t)
            }
            MatchingCmd::Preview {
                users,
                file,
                all,
                json,
            } => {
                let path = file.clone().unwrap_or_else(|| paths::usermatching(&dir));
                usermatching::preview(&dir, users, &path, *all, *json, t)
            }
            MatchingCmd::Fix {
                file,
                convert,
                remove_header,
            } => {
                let path = file.clone().unwrap_or_else(|| paths::usermatching(&dir));
                let repairs = [
                    (*convert, Repair::Convert),
                    (*remove_header, Repair::RemoveHeader),
                ];
                usermatching::fix(&path, repairs.iter().filter(|r| r.0).map(|r| r.1), t)
            }
        },
    }
}

pub(crate) fn loaded_settings(dir: &Path, t: &Texts) -> Result<Settings, ExitCode> {
    loaded_config(dir, t).map(|(_, settings)| settings)
}

/// msteams.cfg as read, and its settings; a file that cannot be read or parsed is said so.
pub(crate) fn loaded_config(
    dir: &Path,
    t: &Texts,
) -> Result<(crate::files::Snapshot, Settings), ExitCode> {
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

/// `service restart [NAME]`: the UCServer service stopped and started, each step said. Without
/// NAME: the one service named so, or the one chosen last time in the window.
fn restart_service(name: Option<&str>, timeout: u64, t: &Texts) -> ExitCode {
    use crate::platform::service::{self, RestartError, Step};
    if cfg!(not(windows)) {
        return fail(t, &[Msg::new("service-windows-only")]);
    }
    let found = service::candidates();
    let remembered = service::remembered().filter(|r| found.iter().any(|f| &f.name == r));
    let name = match (name, remembered, found.as_slice()) {
        (Some(n), _, _) => n.to_owned(),
        (None, Some(r), _) => r,
        (None, None, [one]) => one.name.clone(),
        (None, None, []) => return fail(t, &[Msg::new("service-none-found")]),
        (None, None, several) => {
            let names: Vec<&str> = several.iter().map(|f| f.name.as_str()).collect();
            return fail(
                t,
                &[Msg::new("service-several-found").text("names", names.join(", "))],
            );
        }
    };
    let say = |id: &'static str| outln!("{}", t.msg(&Msg::new(id).text("name", name.clone())));
    let mut progress = |step| match step {
        Step::Stopping => say("service-stopping"),
        Step::Starting => say("service-starting"),
        Step::Running => say("service-running"),
    };
    match service::restart(
        &name,
        std::time::Duration::from_secs(timeout),
        &mut progress,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(RestartError::AccessDenied(n)) => {
            fail(t, &[Msg::new("service-access-denied").text("name", n)])
        }
        Err(e) => fail(
            t,
            &[Msg::new("service-failed").text("detail", e.to_string())],
        ),
    }
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn status(dir: &Path, json: bool, t: &Texts) -> ExitCode {
    let settings = match loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let report = runtime().block_on(check::run(
        &settings,
        Some(settings.client_id.as_str()),
        &paths::secrets(dir),
    ));
    if json {
        self::out::json(&report);
    } else {
        outln!("{}", t.msg(&report.verdict.msg()));
        if let Some(advice) = report.verdict.advice() {
            outln!("{}", t.msg(&advice));
        }
        if let (Some(trace), Some(corr)) = (&report.trace_id, &report.correlation_id) {
            outln!("Trace ID: {trace}  Correlation ID: {corr}");
        }
        if let Some(c) = &report.credential {
            outln!("{}", t.msg(&c.msg().0));
        }
    }
    ExitCode::from(report.verdict.exit_code())
}

fn consent(dir: &Path, action: &ConsentCmd, t: &Texts) -> ExitCode {
    let settings = match loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let secrets_path = paths::secrets(dir);
    if let ConsentCmd::Forget = action {
        return match crate::ops::consent::forget(dir) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => fail(t, &[Msg::new("save-io-error").inner("detail", e)]),
        };
    }
    if !settings.is_configured() {
        let setup = if settings.tenant_id.is_empty() {
            "verdict-no-tenant"
        } else {
            "verdict-no-client-id"
        };
        return fail(t, &[Msg::new(setup)]);
    }
    let (which, no_browser) = match action {
        ConsentCmd::User { no_browser } => (Which::User, *no_browser),
        ConsentCmd::Admin { no_browser } => (Which::Admin, *no_browser),
        ConsentCmd::Forget => unreachable!("handled above"),
    };
    let show = |url: &str| {
        outln!("{url}");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        if !no_browser {
            let _ = SystemBrowser.open(url);
        }
    };
    let cancel = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let result = runtime()
        .block_on(crate::ops::consent::give(
            which,
            &settings,
            t.lang(),
            &secrets_path,
            show,
            cancel,
        ))
        .map(|given| t.msg(&given.msg()))
        .map_err(|e| describe(&e, t));
    match result {
        Ok(text) => {
            outln!("{text}");
            ExitCode::SUCCESS
        }
        Err(text) => {
            errln!("{}: {text}", t.get("cli-error"));
            ExitCode::from(2)
        }
    }
}

/// A flow's error for the administrator: the guidance sentence and Microsoft's words.
pub(crate) fn describe(e: &flows::FlowError, t: &Texts) -> String {
    let lines: Vec<String> = e.msgs().iter().map(|m| t.msg(m)).collect();
    lines.join("\n")
}

pub(crate) fn fail(t: &Texts, msgs: &[Msg]) -> ExitCode {
    for m in msgs {
        errln!("{}: {}", t.get("cli-error"), t.msg(m));
    }
    ExitCode::from(2)
}
