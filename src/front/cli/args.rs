//! The command line's words: every command, option and value as clap parses them, and what a
//! parsed command needs (a UCServer folder or not, the language). The handlers are in the files
//! of their command groups (`config.rs`, `usermatching.rs`, `consent.rs`, `app.rs`,
//! `diagnostics.rs`, `service.rs`).

use crate::base::i18n::Lang;
use crate::base::paths;
use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "teams-presence-admin",
    version,
    about = "ProCall Integration in Microsoft Teams: admin pane and command line for the UCServer"
)]
pub struct Cli {
    /// Run on the built-in emulator of Microsoft's services with a sample UCServer folder:
    /// try every flow without a tenant.
    #[arg(long)]
    pub demo: bool,
    /// How often the window checks both consents with Microsoft, in minutes.
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=1440))]
    pub check_every: u64,
    /// The UCServer installation folder (holds config/ and ExternalServiceProvider/).
    #[arg(long, global = true, env = "UCSERVER_DIR", value_name = "DIR")]
    pub ucserver_dir: Option<PathBuf>,
    /// Language of the window and messages (default: the operating system's).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Create config/msteams.cfg in a folder that has none (otherwise such a folder is refused as
    /// "not a UCServer folder").
    #[arg(long, global = true)]
    pub create: bool,
    /// The log file's level (off, error, warn, info, debug, trace, or a filter such as
    /// "teams_presence_admin=debug"); the environment variable TEAMS_PRESENCE_ADMIN_LOG wins.
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// How long a command waits for Microsoft in all, in seconds (default: the command's own,
    /// e.g. 120 for status); past it the command ends with exit 5.
    #[arg(long, global = true, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub deadline: Option<u64>,
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
        action: AppCmd,
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
    /// Watch the integration between visits: a scheduled check that alerts on a change of state
    /// (Windows Event Log, mail, webhook); see docs/watch.md.
    Watch {
        #[command(subcommand)]
        action: WatchCmd,
    },
}

#[derive(Subcommand, Debug)]
pub enum WatchCmd {
    /// The check the schedule runs: the verdict of `status`, the warnings before a break, an
    /// alert on a change of state. Exit (Nagios): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    Check {
        /// text (default) or nagios (one line with performance data).
        #[arg(long, value_enum, default_value_t = WatchFormat::Text)]
        format: WatchFormat,
        /// The run as data.
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// The schedule, the channels, the state and the last runs with what each found.
    Show {
        #[arg(long)]
        json: bool,
        /// How many runs to list.
        #[arg(long, default_value_t = 10)]
        runs: usize,
    },
    /// Send a test message on every channel set.
    Test,
    /// Set where the alerts go, or a rule.
    Set {
        #[command(subcommand)]
        what: WatchSet,
    },
    /// Remove a channel.
    Clear { what: WatchClear },
    /// Run the check on a schedule: a Windows scheduled task (as SYSTEM), elsewhere a systemd timer.
    Install {
        /// How often: minutes (15m) or hours (1h), 5m to 24h.
        #[arg(long, default_value = "15m")]
        every: String,
    },
    /// Remove the schedule.
    Remove,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WatchFormat {
    Text,
    Nagios,
}

#[derive(Subcommand, Debug)]
pub enum WatchSet {
    /// A webhook: the alerts as a JSON POST (https://, through the proxy); the address is kept in
    /// the secrets file.
    Webhook { url: String },
    /// Mail over SMTP.
    Mail {
        /// The mail server, HOST:PORT.
        #[arg(long, value_name = "HOST:PORT")]
        smtp: String,
        #[arg(long)]
        from: String,
        /// One or more recipients, comma separated.
        #[arg(long, value_delimiter = ',', required = true)]
        to: Vec<String>,
        #[arg(long, value_enum, default_value_t = TlsArg::Starttls)]
        tls: TlsArg,
        /// The login at the mail server.
        #[arg(long)]
        user: Option<String>,
        /// Read the login's password from standard input (kept in the secrets file).
        #[arg(long, requires = "user")]
        password_stdin: bool,
    },
    /// The Windows Event Log (on or off).
    EventLog { on: OnOff },
    /// The alerts' language.
    Lang { lang: LangArg },
    /// The tenant's maximum password age in days (0: passwords do not expire): the warning before
    /// the consenting account's password expires.
    PasswordDays { days: u32 },
    /// Working days before a known end that it is announced.
    WarnDays { days: u32 },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum WatchClear {
    Webhook,
    Mail,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TlsArg {
    None,
    Starttls,
    Tls,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
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
        /// A key whose definition lets the command line set it (`config::keys`).
        #[arg(value_parser = key_parser(crate::model::config::keys::set_names()))]
        key: &'static crate::model::config::keys::Key,
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
    /// Remove a value (proxy: connect directly; client-id: no app entered, the consents are not
    /// offered; tenant-id: nothing configured, the consents are not offered).
    Clear {
        /// A key whose definition lets the command line clear it (`config::keys`).
        #[arg(value_parser = key_parser(crate::model::config::keys::clear_names()))]
        key: &'static crate::model::config::keys::Key,
    },
}

/// The key `config set`/`config clear` names, one of `names` (from the key table).
fn key_parser(
    names: Vec<&'static str>,
) -> impl clap::builder::TypedValueParser<Value = &'static crate::model::config::keys::Key> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(names).try_map(|name| {
        crate::model::config::keys::by_cli_name(&name).ok_or("not a key of msteams.cfg")
    })
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
        /// The UCServer's user export (CSV: user name, display name, groups; see docs/user-matching.md).
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
        /// Read the tenant's accounts again, even when those kept are younger than an hour.
        #[arg(long)]
        refresh: bool,
    },
    /// The live Teams presence of every matched user of the preview, read as the service will
    /// (getPresencesByUserId, 650 a request, with the stored user consent; a 429 waits what
    /// Microsoft asks): each user's presence or why there is none and what to do, the counts, the
    /// capacity against Microsoft's limits. Writes nothing. Exit 1 when a matched user has no
    /// readable presence; 5 when the tenant or the presences cannot be read.
    Presence {
        /// The UCServer's user export (CSV: user name, display name, groups; see docs/user-matching.md).
        #[arg(long, value_name = "CSV")]
        users: PathBuf,
        /// usermatching.csv (default: ExternalServiceProvider/usermatching.csv in the UCServer folder).
        #[arg(long, value_name = "CSV")]
        file: Option<PathBuf>,
        /// List every matched user, not only those without a readable presence.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
        /// Read the tenant's accounts again, even when those kept are younger than an hour.
        #[arg(long)]
        refresh: bool,
    },
    /// Repair the file in place (atomically; the previous version stays as .bak).
    #[command(group(ArgGroup::new("repair").required(true).multiple(true).args(["convert", "remove_header", "case"])))]
    Fix {
        /// The file (default: ExternalServiceProvider/usermatching.csv in the UCServer folder).
        file: Option<PathBuf>,
        /// Convert a semicolon-separated or Windows-1252 file to UTF-8 with commas.
        #[arg(long)]
        convert: bool,
        /// Remove a header line.
        #[arg(long)]
        remove_header: bool,
        /// Write each Azure AD name that is a UPN of the tenant but for letter case exactly as the
        /// UPN (the service matches case-sensitively); reads the tenant with the stored user
        /// consent, so it needs the UCServer folder.
        #[arg(long)]
        case: bool,
    },
}

impl Cli {
    /// Whether the command works on the files of a UCServer folder.
    pub(super) fn needs_folder(&self) -> bool {
        match &self.command {
            None | Some(Cmd::Gui) | Some(Cmd::Service { .. }) => false,
            Some(Cmd::Matching { action }) => match action {
                MatchingCmd::Check { file, .. } => file.is_none(),
                MatchingCmd::Fix { file, case, .. } => file.is_none() || *case,
                MatchingCmd::Preview { .. } | MatchingCmd::Presence { .. } => true,
            },
            Some(Cmd::Watch { action }) => !matches!(action, WatchCmd::Remove),
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

#[derive(Subcommand, Debug)]
pub enum AppCmd {
    /// Create an own app registration in the tenant, with its service principal and a
    /// credential, save u8sClientId, and give both consents (3 sign-ins in the browser).
    Create {
        /// The app's display name in Entra ID.
        #[arg(long)]
        name: Option<String>,
        /// A client secret instead of a certificate.
        #[arg(long)]
        secret: bool,
        /// Print the URLs instead of opening the browser.
        #[arg(long)]
        no_browser: bool,
        /// The steps and what was created as JSON on stdout (the URLs then go to stderr).
        #[arg(long)]
        json: bool,
    },
    /// Replace the credential of the app this pane created: add a new one, store it, check it,
    /// then remove the old one.
    Renew {
        #[arg(long)]
        no_browser: bool,
    },
    /// Delete the app registration this pane created, its stored credential, and set
    /// u8sClientId back to what it was.
    Remove {
        #[arg(long)]
        no_browser: bool,
    },
    /// Print the PowerShell script (Microsoft Graph PowerShell) that creates the same
    /// registration by hand.
    Script {
        #[arg(long)]
        name: Option<String>,
    },
}
