//! Watching between visits (issue 37), the model: the alert rules ([`rules`], a pure function),
//! where the alerts go ([`Settings`]: the Windows Event Log, mail over SMTP, a webhook) and what
//! the folder keeps between runs ([`WatchFile`], `config/teams-presence-admin-watch.json`: the
//! settings, the state, the last runs — never a secret: the SMTP password and the webhook's URL,
//! which carries its signature, are in the secrets file under [`SMTP_PASSWORD_KEY`] and
//! [`WEBHOOK_URL_KEY`]). The Event Log's ids are one a condition ([`event_id`]).
//! No I/O here: [`crate::ops::watch`] reads, checks, writes and sends.

pub mod rules;

pub use rules::{Alert, Condition, Nagios, Observed, Rules, State, Warning, WarningKind};

/// The watch file's name, in `config/`.
pub const FILE: &str = "teams-presence-admin-watch.json";
/// The secrets file's key of the SMTP password.
pub const SMTP_PASSWORD_KEY: &str = "watchSmtpPassword";
/// The secrets file's key of the webhook's URL.
pub const WEBHOOK_URL_KEY: &str = "watchWebhookUrl";
/// How many runs the file keeps.
pub const RUNS_KEPT: usize = 50;
/// How many undelivered alerts a channel keeps for the next run.
pub const PENDING_KEPT: usize = 20;

/// How the mail server is spoken to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tls {
    /// Plain SMTP (a relay inside the network).
    None,
    /// SMTP, then STARTTLS (port 587 or 25).
    #[default]
    Starttls,
    /// TLS from the start (port 465).
    Tls,
}

/// Mail over SMTP.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mail {
    pub host: String,
    pub port: u16,
    pub from: String,
    pub to: Vec<String>,
    #[serde(default)]
    pub tls: Tls,
    /// The login (its password is in the secrets file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

/// Where the alerts go and the rules' settings.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    #[serde(flatten)]
    pub rules: Rules,
    /// The tenant's maximum password age in days, where the administrator knows it (Graph does not
    /// say it): the warning before the consenting account's password expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_max_age_days: Option<u32>,
    /// The alerts' language (`de` or `en`; the system's when unset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The Windows Event Log (Application log, the pane's event source).
    pub event_log: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail: Option<Mail>,
    /// Whether a webhook is set (its URL is in the secrets file).
    pub webhook: bool,
}

// Not derivable on Windows: the Event Log is on by default there.
#[allow(clippy::derivable_impls)]
impl Default for Settings {
    fn default() -> Self {
        Self {
            rules: Rules::default(),
            password_max_age_days: None,
            lang: None,
            event_log: cfg!(windows),
            mail: None,
            webhook: false,
        }
    }
}

impl Settings {
    /// The channels set, in the order they are sent to.
    pub fn channels(&self) -> Vec<Channel> {
        let mut out = vec![];
        if self.event_log {
            out.push(Channel::EventLog);
        }
        if self.mail.is_some() {
            out.push(Channel::Mail);
        }
        if self.webhook {
            out.push(Channel::Webhook);
        }
        out
    }
}

/// One way an alert goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    EventLog,
    Mail,
    Webhook,
}

impl Channel {
    pub fn name(self) -> &'static str {
        match self {
            Channel::EventLog => "event-log",
            Channel::Mail => "mail",
            Channel::Webhook => "webhook",
        }
    }
}

/// Why a channel failed, as the administrator is told it (the library's own words stay in
/// [`Failure::detail`], for the log and `--json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Why {
    /// There is no Windows Event Log here.
    Unavailable,
    /// The channel's address is not stored (the secrets file lost it).
    NotSet,
    /// No connection to the server.
    Connect,
    /// No answer within the deadline.
    Timeout,
    /// The TLS handshake failed.
    Tls,
    /// The mail server refused the login.
    Login,
    /// The mail server refused the mail (its code).
    Refused { code: u16 },
    /// The webhook answered with this HTTP status.
    Status { status: u16 },
    #[default]
    Other,
}

/// A channel that failed, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    pub channel: Channel,
    #[serde(default)]
    pub why: Why,
    /// The library's words, on one line.
    pub detail: String,
}

/// One run of `watch check`, as `watch show` lists it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub at: chrono::DateTime<chrono::Utc>,
    pub condition: Condition,
    pub nagios: u8,
    /// How long the check with Microsoft took.
    pub millis: u64,
    #[serde(default)]
    pub alerts: Vec<Alert>,
    /// The channels that failed in this run (their alerts are retried by the next run).
    #[serde(default)]
    pub failed: Vec<Failure>,
}

/// An alert a channel has not taken yet.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub channel: Channel,
    pub alert: Alert,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// `config/teams-presence-admin-watch.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchFile {
    pub settings: Settings,
    pub state: State,
    /// Newest last, at most [`RUNS_KEPT`].
    pub runs: Vec<Run>,
    /// Alerts a channel failed to take, retried by the next run (at most [`PENDING_KEPT`] a channel).
    pub pending: Vec<Pending>,
}

impl WatchFile {
    /// Adds a run, keeping the last [`RUNS_KEPT`].
    pub fn push_run(&mut self, run: Run) {
        self.runs.push(run);
        let over = self.runs.len().saturating_sub(RUNS_KEPT);
        self.runs.drain(..over);
    }

    /// Keeps the newest [`PENDING_KEPT`] undelivered alerts of each channel.
    pub fn trim_pending(&mut self) {
        for c in [Channel::EventLog, Channel::Mail, Channel::Webhook] {
            let n = self.pending.iter().filter(|p| p.channel == c).count();
            let mut drop = n.saturating_sub(PENDING_KEPT);
            self.pending.retain(|p| {
                if p.channel == c && drop > 0 {
                    drop -= 1;
                    false
                } else {
                    true
                }
            });
        }
    }
}

/// The Event Log's id of an alert (documented in docs/watch.md): one a condition, 1001 a known end
/// ahead, 1009 the test message.
pub fn event_id(alert: &Alert) -> u32 {
    match alert {
        Alert::Expiring { .. } => 1001,
        Alert::Recovered { .. } => 1000,
        Alert::Broken { condition } | Alert::Reminder { condition, .. } => {
            condition_event_id(*condition)
        }
    }
}

/// The Event Log's id of a condition.
pub fn condition_event_id(c: Condition) -> u32 {
    match c {
        Condition::Authorized => 1000,
        Condition::ReconsentUser => 1002,
        Condition::ReconsentAdmin => 1003,
        Condition::Unreachable => 1004,
        Condition::Misconfigured => 1005,
        Condition::Incomplete => 1006,
    }
}

/// The test message's Event Log id.
pub const TEST_EVENT_ID: u32 = 1009;

/// How serious an alert is (the Event Log's type; the mail's and webhook's `level`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Information,
    Warning,
    Error,
}

pub fn level(alert: &Alert) -> Level {
    match alert {
        Alert::Recovered { .. } => Level::Information,
        Alert::Expiring { .. } => Level::Warning,
        Alert::Broken {
            condition: Condition::Incomplete,
        }
        | Alert::Reminder {
            condition: Condition::Incomplete,
            ..
        } => Level::Warning,
        Alert::Broken { .. } | Alert::Reminder { .. } => Level::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_round_trips_and_keeps_its_bounds() {
        let mut f = WatchFile::default();
        for i in 0..(RUNS_KEPT + 5) {
            f.push_run(Run {
                at: chrono::DateTime::from_timestamp(i as i64, 0).unwrap(),
                condition: Condition::Authorized,
                nagios: 0,
                millis: 1,
                alerts: vec![],
                failed: vec![],
            });
        }
        assert_eq!(f.runs.len(), RUNS_KEPT);
        assert_eq!(f.runs[0].at.timestamp(), 5);
        for _ in 0..(PENDING_KEPT + 3) {
            f.pending.push(Pending {
                channel: Channel::Mail,
                alert: Alert::Recovered {
                    was: Condition::Unreachable,
                },
                at: chrono::Utc::now(),
            });
        }
        f.trim_pending();
        assert_eq!(f.pending.len(), PENDING_KEPT);
        let text = serde_json::to_string(&f).unwrap();
        let back: WatchFile = serde_json::from_str(&text).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn every_condition_has_its_own_event_id() {
        use Condition::*;
        let ids: std::collections::BTreeSet<u32> = [
            Authorized,
            Incomplete,
            ReconsentUser,
            ReconsentAdmin,
            Unreachable,
            Misconfigured,
        ]
        .into_iter()
        .map(condition_event_id)
        .chain([1001, TEST_EVENT_ID])
        .collect();
        assert_eq!(ids.len(), 8);
    }
}
