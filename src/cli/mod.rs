//! The command line: the same validation and writing code as the window, for scripts.
//!
//! Exit codes: 0 success; 1 `matching check` found errors; 2 bad input, a file that cannot be read
//! or written (nothing is written then). Messages go to stderr in the chosen language.

use crate::config::{ActivationMode, Cloud, Settings};
use crate::i18n::{Lang, Msg, Texts};
use crate::microsoft::browser::{Browser, SystemBrowser};
use crate::microsoft::flows;
use crate::ops::check;
use crate::ops::check::Which;
use crate::paths;
use crate::status::{self, Auth};
use crate::store::{self, Repair, SaveFailure};
use crate::validate::{self, Field, Invalid, Problem};
use clap::{ArgGroup, Parser, Subcommand, ValueEnum};

mod app;
mod diagnostics;
pub mod help;
mod parse_error;
mod usermatching;
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
            ConfigCmd::Show { json } => show(&dir, *json, t),
            ConfigCmd::Set {
                key,
                value,
                login_url,
                graph_url,
            } => change(&dir, t, |s| {
                set(s, *key, value, login_url.as_deref(), graph_url.as_deref())
            }),
            ConfigCmd::Clear { key } => change(&dir, t, |s| {
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
    let loaded = store::load_config(dir)
        .map_err(|e| fail(t, &[Msg::new("load-failed").inner("detail", e.msg())]))?;
    loaded
        .settings
        .map_err(|e| fail(t, &[Msg::new("cfg-broken-title"), e.msg()]))
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
    eprintln!(
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
    let say = |id: &'static str| println!("{}", t.msg(&Msg::new(id).text("name", name.clone())));
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
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("serialises")
        );
    } else {
        println!("{}", t.msg(&report.verdict.msg()));
        if let Some(advice) = report.verdict.advice() {
            println!("{}", t.msg(&advice));
        }
        if let (Some(trace), Some(corr)) = (&report.trace_id, &report.correlation_id) {
            println!("Trace ID: {trace}  Correlation ID: {corr}");
        }
        if let Some(c) = &report.credential {
            println!("{}", t.msg(&c.msg().0));
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
        println!("{url}");
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
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(text) => {
            eprintln!("{}: {text}", t.get("cli-error"));
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
        eprintln!("{}: {}", t.get("cli-error"), t.msg(m));
    }
    ExitCode::from(2)
}

fn show(dir: &Path, json: bool, t: &Texts) -> ExitCode {
    let loaded = match store::load_config(dir) {
        Ok(l) => l,
        Err(e) => return fail(t, &[Msg::new("load-failed").text("detail", e.to_string())]),
    };
    let settings = match loaded.settings {
        Ok(s) => s,
        Err(e) => return fail(t, &[Msg::new("cfg-broken-title"), e.msg()]),
    };
    let secrets = store::load_secrets(dir);
    let auth = Auth::from_secrets(&secrets);
    let path = paths::msteams_cfg(dir);
    if json {
        let out = serde_json::json!({
            "path": path,
            "exists": loaded.snapshot.exists(),
            "settings": settings,
            "status": { "auth": auth },
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("serialises")
        );
        return ExitCode::SUCCESS;
    }
    let row = |field: Field, value: &str| println!("{}: {value}", t.get(field.label_id()));
    let or = |value: &str, empty_id: &str| match value {
        "" => t.get(empty_id),
        v => v.to_owned(),
    };
    println!("{}", path.display());
    row(Field::TenantId, &or(&settings.tenant_id, "show-no-tenant"));
    row(Field::Cloud, &t.get(settings.cloud.label_id()));
    if settings.cloud == Cloud::Custom {
        row(Field::CustomLoginUrl, &settings.custom_login_url);
        row(Field::CustomGraphUrl, &settings.custom_graph_url);
    }
    row(Field::ClientId, &or(&settings.client_id, "show-estos-app"));
    row(Field::Proxy, &or(&settings.proxy, "show-no-proxy"));
    let a = &settings.activation;
    let names = match a.mode {
        ActivationMode::Groups => format!(" ({})", a.groups.join(", ")),
        ActivationMode::Users => format!(" ({})", a.users.join(", ")),
        _ => String::new(),
    };
    row(
        Field::Activation,
        &format!("{}{names}", t.get(a.mode.label_id())),
    );
    println!("{}", t.msg(&auth.msg()));
    println!("{}", t.msg(&status::proxy_msg(&settings.proxy, false)));
    ExitCode::SUCCESS
}

fn change(
    dir: &Path,
    t: &Texts,
    edit: impl FnOnce(&mut Settings) -> Result<(), Invalid>,
) -> ExitCode {
    // One transaction: read, edit and write under the folder's lock.
    let folder = crate::folder::Folder::new(dir);
    let _lock = match folder.lock(&folder.msteams_cfg()) {
        Ok(l) => l,
        Err(e) => return fail(t, &[e.msg()]),
    };
    let loaded = match store::load_config(dir) {
        Ok(l) => l,
        Err(e) => return fail(t, &[Msg::new("load-failed").text("detail", e.to_string())]),
    };
    let base = match loaded.settings {
        Ok(s) => s,
        Err(e) => return fail(t, &[Msg::new("cfg-broken-title"), e.msg()]),
    };
    let mut settings = base.clone();
    if let Err(e) = edit(&mut settings) {
        return fail(t, &[e.msg()]);
    }
    let valid = match settings.validate() {
        Ok(v) => v,
        Err(list) => return fail(t, &list.iter().map(Invalid::msg).collect::<Vec<_>>()),
    };
    let path = paths::msteams_cfg(dir).display().to_string();
    match store::save_config(&loaded.snapshot, &base, &valid) {
        Ok(saved) if saved.unchanged => {
            println!("{}", t.msg(&Msg::new("cli-unchanged").text("path", path)));
            ExitCode::SUCCESS
        }
        Ok(saved) => {
            println!("{}", t.msg(&Msg::new("cli-saved").text("path", path)));
            if saved.proxy_changed {
                println!("{}", t.get("restart-notice"));
                println!("{}", t.msg(&status::restart_hint()));
            }
            ExitCode::SUCCESS
        }
        Err(SaveFailure::Invalid(list)) => {
            fail(t, &list.iter().map(Invalid::msg).collect::<Vec<_>>())
        }
        Err(e) => fail(t, &e.msgs()),
    }
}

fn set(
    s: &mut Settings,
    key: SetKey,
    value: &str,
    login_url: Option<&str>,
    graph_url: Option<&str>,
) -> Result<(), Invalid> {
    match key {
        SetKey::TenantId => s.tenant_id = validate::saved_tenant_id(value)?,
        SetKey::ClientId => s.client_id = validate::client_id(value)?,
        SetKey::Proxy => s.proxy = validate::proxy(value)?,
        SetKey::Cloud => {
            s.cloud = Cloud::from_key(value.trim()).ok_or_else(|| {
                Invalid::new(
                    Field::Cloud,
                    Problem::UnknownValue {
                        value: value.to_owned(),
                        allowed: Cloud::NAMES,
                    },
                )
            })?;
            if let Some(u) = login_url {
                s.custom_login_url = validate::base_url(Field::CustomLoginUrl, u)?;
            }
            if let Some(u) = graph_url {
                s.custom_graph_url = validate::base_url(Field::CustomGraphUrl, u)?;
            }
        }
        SetKey::Activation => {
            let (mode, names) = match value.split_once(':') {
                Some((m, names)) => (m, Some(names)),
                None => (value, None),
            };
            let mode = ActivationMode::from_key(mode.trim()).ok_or_else(|| {
                Invalid::new(
                    Field::Activation,
                    Problem::UnknownValue {
                        value: value.to_owned(),
                        allowed: "off, global, groups[:A,B], users[:a,b]",
                    },
                )
            })?;
            s.activation.mode = mode;
            if let Some(names) = names {
                let field = match mode {
                    ActivationMode::Groups => Field::Groups,
                    ActivationMode::Users => Field::Users,
                    _ => {
                        return Err(Invalid::new(
                            Field::Activation,
                            Problem::UnknownValue {
                                value: value.to_owned(),
                                allowed: "off, global, groups[:A,B], users[:a,b]",
                            },
                        ));
                    }
                };
                let mut list = Vec::new();
                for name in names.split(',') {
                    let name = validate::list_entry(field, name.trim(), &list)?;
                    list.push(name);
                }
                match field {
                    Field::Groups => s.activation.groups = list,
                    _ => s.activation.users = list,
                }
            }
        }
    }
    Ok(())
}
