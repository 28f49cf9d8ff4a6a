//! `watch check`, the use case: the same check as `status` ([`super::check`]), reduced to the
//! condition and the known ends ahead; the alert rules ([`crate::model::watch::rules`]) applied to the
//! state the last run left in `config/teams-presence-admin-watch.json` (read and written under the
//! folder's lock, atomically, never over a file changed meanwhile); the alerts sent to every
//! channel ([`crate::ops::alert`]), each within its deadline and never while the folder is locked. A
//! channel that fails keeps its alerts for the next run and is named in the run's record.

use super::check::{Report, Verdict};
use crate::base::files::{FileMode, SaveError, Snapshot};
use crate::base::i18n::{Msg, Texts};
use crate::model::config::Settings as PaneSettings;
use crate::model::secrets::{Secret, Secrets};
use crate::model::watch::{
    self, Alert, Channel, Condition, Failure, Nagios, Observed, Pending, Run, State, Warning,
    WarningKind, WatchFile,
};
use crate::ops::alert::{self, Message};
use chrono::{DateTime, Duration, Utc};
use std::future::Future;
use std::path::{Path, PathBuf};

/// How long a refresh token lasts unused (Microsoft: 90 days of inactivity).
const REFRESH_TOKEN_DAYS: i64 = 90;
/// From when an unused consent is a known end ahead.
const UNUSED_WARN_DAYS: i64 = 60;

/// `config/teams-presence-admin-watch.json`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join("config").join(watch::FILE)
}

/// Why the watch file was not read or written.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("{0}")]
    Lock(#[from] crate::base::folder::LockError),
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: line {line}, column {column}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{0:?}")]
    Write(SaveError),
}

impl WatchError {
    pub fn msg(&self) -> Msg {
        match self {
            WatchError::Lock(e) => e.msg(),
            WatchError::Read { path, source } => crate::base::i18n::io_error(path, source),
            WatchError::Syntax { path, line, column } => Msg::new("watch-file-syntax")
                .text("path", path.display().to_string())
                .num("line", *line)
                .num("column", *column),
            WatchError::Write(SaveError::Io { path, source }) => {
                crate::base::i18n::io_error(path, source)
            }
            WatchError::Write(SaveError::ChangedOnDisk { path }) => {
                Msg::new("watch-file-changed").text("path", path.display().to_string())
            }
        }
    }
}

/// Reads the watch file (missing: the defaults).
pub fn load(dir: &Path) -> Result<(Snapshot, WatchFile), WatchError> {
    let path = path(dir);
    let (snapshot, bytes) = Snapshot::read(&path).map_err(|source| WatchError::Read {
        path: path.clone(),
        source,
    })?;
    let file = match bytes {
        None => WatchFile::default(),
        Some(b) => serde_json::from_slice(&b).map_err(|e| WatchError::Syntax {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
        })?,
    };
    Ok((snapshot, file))
}

/// Under the folder's lock: reads the watch file, applies `change`, writes it back atomically.
pub fn update<R>(dir: &Path, change: impl FnOnce(&mut WatchFile) -> R) -> Result<R, WatchError> {
    let path = path(dir);
    let _lock = crate::base::folder::Folder::new(dir).lock(&path)?;
    let (snapshot, mut file) = load(dir)?;
    let r = change(&mut file);
    let mut bytes = serde_json::to_vec_pretty(&file).expect("watch file serialises");
    bytes.push(b'\n');
    snapshot
        .save(&bytes, false, FileMode::Shared)
        .map_err(WatchError::Write)?;
    Ok(r)
}

/// A run's result.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub condition: Condition,
    pub nagios: Nagios,
    /// The check's report (none when msteams.cfg could not be used).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    pub warnings: Vec<Warning>,
    pub state: State,
    pub run: Run,
}

/// The condition of a verdict.
pub fn condition(v: &Verdict) -> Condition {
    use super::check::Which;
    match v {
        Verdict::Authorized { .. } => Condition::Authorized,
        Verdict::AuthRequired | Verdict::ReadOnly { .. } | Verdict::WriteOnly { .. } => {
            Condition::Incomplete
        }
        Verdict::ReconsentNeeded {
            consent: Which::User,
            ..
        } => Condition::ReconsentUser,
        Verdict::ReconsentNeeded {
            consent: Which::Admin,
            ..
        } => Condition::ReconsentAdmin,
        Verdict::Unreachable { .. } => Condition::Unreachable,
        Verdict::Misconfigured { .. } => Condition::Misconfigured,
    }
}

/// The known ends ahead: the password's (its age against the policy's maximum, where the
/// administrator set it and the account's password expires), an unused consent's (60 days unused
/// of 90; `before` is the secrets file as it was before the check used the token), the app
/// credential's.
pub fn warnings(report: &Report, before: &Secrets, settings: &watch::Settings) -> Vec<Warning> {
    let parse = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    };
    let mut out = vec![];
    if let (Some(p), Some(days)) = (&report.password, settings.password_max_age_days)
        && !p.never_expires
        && let Some(changed) = parse(&p.last_change)
    {
        out.push(Warning {
            kind: WarningKind::Password,
            due: changed + Duration::days(i64::from(days)),
        });
    }
    if let Some(last) = before
        .user_consent
        .as_ref()
        .and_then(|c| parse(&c.last_refresh))
        && let Some(checked) = parse(&report.checked_at)
        && checked - last > Duration::days(UNUSED_WARN_DAYS)
    {
        out.push(Warning {
            kind: WarningKind::ConsentUnused,
            due: last + Duration::days(REFRESH_TOKEN_DAYS),
        });
    }
    if let Some(c) = &report.credential
        && let Some(ends) = parse(&c.ends)
    {
        out.push(Warning {
            kind: WarningKind::Credential,
            due: ends,
        });
    }
    out
}

/// The check's verdict in sentences (headline, Microsoft's advice), for the alert's body.
fn verdict_lines(report: &Report, t: &Texts) -> Vec<String> {
    let mut lines = vec![t.msg(&report.verdict.msg())];
    if let Some(a) = report.verdict.advice() {
        lines.push(t.msg(&a));
    }
    if let Some(said) = &report.said {
        let m = Msg::new("consent-microsoft-said").text("detail", said.clone());
        lines.push(crate::base::escape::escape_value(&t.msg(&m)).into_owned());
    }
    lines
}

/// A condition in a few words (it names the consent where one is to be repeated).
pub fn short(c: Condition) -> Msg {
    Msg::new(match c {
        Condition::Authorized => "short-authorized",
        Condition::Incomplete => "status-auth-required",
        Condition::ReconsentUser => "verdict-reconsent-user",
        Condition::ReconsentAdmin => "verdict-reconsent-admin",
        Condition::Unreachable => "short-unreachable",
        Condition::Misconfigured => "short-misconfigured",
    })
}

/// One run as `watch show` and the window list it: when, what it found, how long it took, the
/// alerts (`alerts`: as the caller names them) and the channels that failed.
pub fn run_msg(r: &crate::model::watch::Run, alerts: String) -> Msg {
    let failed: Vec<&str> = r.failed.iter().map(|f| f.channel.name()).collect();
    let dash = |v: String| if v.is_empty() { "-".to_owned() } else { v };
    Msg::new("watch-show-run")
        .text("at", crate::base::i18n::local_time(&r.at.to_rfc3339()))
        .inner("state", short(r.condition))
        .num("ms", r.millis)
        .text("alerts", dash(alerts))
        .text("failed", dash(failed.join(", ")))
}

/// What to do about a condition.
fn what_to_do(c: Condition, runs: u32) -> Msg {
    match c {
        Condition::Authorized => Msg::new("watch-do-authorized"),
        Condition::Incomplete => Msg::new("watch-do-incomplete"),
        Condition::ReconsentUser => Msg::new("watch-do-reconsent-user"),
        Condition::ReconsentAdmin => Msg::new("watch-do-reconsent-admin"),
        Condition::Unreachable => Msg::new("watch-do-unreachable").num("runs", runs),
        Condition::Misconfigured => Msg::new("watch-do-misconfigured"),
    }
}

/// An alert in words. `current`: the verdict's sentences of this run, used where the alert is
/// about this run's condition.
pub fn message(
    alert: &Alert,
    current: Option<(Condition, &[String])>,
    runs: u32,
    at: DateTime<Utc>,
    t: &Texts,
) -> Message {
    let host = alert::host_name();
    let date = |d: DateTime<Utc>| crate::base::i18n::local_time(&d.to_rfc3339());
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut body = vec![];
    let (kind, head, what) = match alert {
        Alert::Broken { condition } => (
            "broken",
            Msg::new("watch-broken").text("host", host.clone()),
            short(*condition),
        ),
        Alert::Reminder { condition, since } => (
            "reminder",
            Msg::new("watch-reminder")
                .text("host", host.clone())
                .text("since", date(*since)),
            short(*condition),
        ),
        Alert::Recovered { was } => (
            "recovered",
            Msg::new("watch-recovered")
                .text("host", host.clone())
                .inner("was", short(*was)),
            short(Condition::Authorized),
        ),
        Alert::Expiring { warning } => {
            let renew = day(watch::rules::working_day_before(warning.due.date_naive()));
            let id = match warning.kind {
                WarningKind::Password => "watch-expiring-password",
                WarningKind::ConsentUnused => "watch-expiring-consent-unused",
                WarningKind::Credential => "watch-expiring-credential",
            };
            (
                "expiring",
                Msg::new(id)
                    .text("host", host.clone())
                    .text("date", day(warning.due.date_naive()))
                    .text("renew", renew),
                Msg::new("watch-short-expiring").text("date", day(warning.due.date_naive())),
            )
        }
    };
    body.push(t.msg(&head));
    if let Alert::Broken { condition } | Alert::Reminder { condition, .. } = alert {
        match current {
            Some((c, lines)) if c == *condition => body.extend(lines.iter().cloned()),
            _ => {}
        }
        body.push(t.msg(&what_to_do(*condition, runs)));
    }
    Message {
        kind,
        condition: alert.condition(),
        event_id: watch::event_id(alert),
        level: watch::level(alert),
        subject: t.msg(
            &Msg::new("watch-subject")
                .text("host", host.clone())
                .inner("what", what),
        ),
        body: body.join("\n"),
        host,
        at: at.to_rfc3339(),
    }
}

/// The test message ("Testnachricht senden").
pub fn test_message(t: &Texts) -> Message {
    let host = alert::host_name();
    Message {
        kind: "test",
        condition: Condition::Authorized,
        event_id: watch::TEST_EVENT_ID,
        level: watch::Level::Information,
        subject: t.msg(&Msg::new("watch-test-subject").text("host", host.clone())),
        body: t.msg(&Msg::new("watch-test-body").text("host", host.clone())),
        host,
        at: Utc::now().to_rfc3339(),
    }
}

/// What the channels need that is not in the watch file: the secrets and the proxy.
pub struct Targets {
    pub settings: watch::Settings,
    /// How long a channel may take for one message.
    pub deadline: std::time::Duration,
    pub smtp_password: Option<Secret>,
    pub webhook_url: Option<Secret>,
    pub proxy: String,
}

impl Targets {
    /// The channels' secrets from the secrets file (unreadable: none).
    pub fn read(dir: &Path, settings: watch::Settings, proxy: String) -> Self {
        let secrets = Secrets::load(&crate::base::paths::secrets(dir))
            .map(|(_, s)| s)
            .unwrap_or_default();
        let get = |k: &str| {
            secrets
                .other
                .get(k)
                .and_then(|v| v.as_str())
                .map(Secret::from)
        };
        Self {
            smtp_password: get(watch::SMTP_PASSWORD_KEY),
            webhook_url: get(watch::WEBHOOK_URL_KEY),
            settings,
            deadline: alert::DEADLINE,
            proxy,
        }
    }
}

/// Sends `msg` on `channel`, within the channel's deadline; a failure as the run records it.
pub async fn send(channel: Channel, msg: &Message, to: &Targets) -> Result<(), Failure> {
    use crate::ops::alert::ChannelError;
    let d = to.deadline;
    let work = async {
        match channel {
            Channel::EventLog => alert::eventlog::send(msg),
            Channel::Mail => match &to.settings.mail {
                Some(m) => alert::mail::send(m, to.smtp_password.as_ref(), msg, d).await,
                None => Err(ChannelError::new(
                    watch::Why::NotSet,
                    "no mail server is set",
                )),
            },
            Channel::Webhook => match &to.webhook_url {
                Some(url) => alert::webhook::send(url.expose(), &to.proxy, msg, d).await,
                None => Err(ChannelError::new(
                    watch::Why::NotSet,
                    "no webhook address is stored",
                )),
            },
        }
    };
    let done = tokio::time::timeout(d + std::time::Duration::from_secs(1), work)
        .await
        .unwrap_or_else(|_| {
            Err(ChannelError::new(
                watch::Why::Timeout,
                format!("no answer within {} s", d.as_secs()),
            ))
        });
    done.map_err(|e| Failure {
        channel,
        why: e.why,
        detail: e.detail,
    })
}

/// Why a channel failed, in the administrator's words.
pub fn failure_msg(f: &Failure) -> Msg {
    use watch::Why;
    let why = match f.why {
        Why::Unavailable => Msg::new("watch-why-unavailable"),
        Why::NotSet => Msg::new("watch-why-not-set"),
        Why::Connect => Msg::new("watch-why-connect"),
        Why::Timeout => Msg::new("watch-why-timeout"),
        Why::Tls => Msg::new("watch-why-tls"),
        Why::Login => Msg::new("watch-why-login"),
        Why::Refused { code } => Msg::new("watch-why-refused").num("code", code),
        Why::Status { status } => Msg::new("watch-why-status").num("status", status),
        Why::Other => Msg::new("watch-why-other"),
    };
    Msg::new("watch-channel-failed")
        .text("channel", f.channel.name())
        .inner("why", why)
}

/// One run of `watch check` at `now`: `run_check` is the check itself (the command line gives it
/// its deadline and its word on stderr; a test its clock). Alerts are written in `t`'s language;
/// each channel has `deadline` for each message ([`alert::DEADLINE`] from the command line).
pub async fn check<F>(
    dir: &Path,
    now: DateTime<Utc>,
    t: &Texts,
    deadline: std::time::Duration,
    run_check: impl FnOnce(PaneSettings, PathBuf) -> F,
) -> Result<Outcome, WatchError>
where
    F: Future<Output = Report>,
{
    let (_, file) = load(dir)?;
    let secrets_path = crate::base::paths::secrets(dir);
    let before = Secrets::load(&secrets_path)
        .map(|(_, s)| s)
        .unwrap_or_default();
    let started = std::time::Instant::now();
    let loaded = crate::ops::store::load_config(dir)
        .map_err(|e| vec![Msg::new("load-failed").inner("detail", e.msg())])
        .and_then(|l| {
            l.settings
                .map_err(|e| vec![Msg::new("cfg-broken-title"), e.msg()])
        });
    let (report, lines, proxy) = match loaded {
        Ok(settings) => {
            let proxy = settings.proxy.clone();
            let report = run_check(settings, secrets_path).await;
            let lines = verdict_lines(&report, t);
            (Some(report), lines, proxy)
        }
        Err(msgs) => (None, msgs.iter().map(|m| t.msg(m)).collect(), String::new()),
    };
    let millis = started.elapsed().as_millis() as u64;
    let condition = report
        .as_ref()
        .map_or(Condition::Misconfigured, |r| condition(&r.verdict));
    let warnings = report
        .as_ref()
        .map(|r| warnings(r, &before, &file.settings))
        .unwrap_or_default();
    let observed = Observed {
        condition,
        warnings: warnings.clone(),
    };
    // The rules, under the lock, on the state as it is now (another run may have written it).
    let (settings, state, nagios, alerts) = update(dir, |f| {
        let rules = f.settings.rules;
        let (state, alerts) = watch::rules::step(&f.state, &observed, now, &rules);
        let nagios = watch::rules::nagios(&state, &observed, now, &rules);
        for c in f.settings.channels() {
            for a in &alerts {
                f.pending.push(Pending {
                    channel: c,
                    alert: a.clone(),
                    at: now,
                });
            }
        }
        f.trim_pending();
        f.state = state.clone();
        f.push_run(Run {
            at: now,
            condition,
            nagios: nagios as u8,
            millis,
            alerts: alerts.clone(),
            failed: vec![],
        });
        (f.settings.clone(), state, nagios, alerts)
    })?;
    // Sent without the lock: every channel's waiting alerts, oldest first; a failure stops that
    // channel until the next run.
    let pending = load(dir)?.1.pending;
    let mut targets = Targets::read(dir, settings.clone(), proxy);
    targets.deadline = deadline;
    let current = Some((condition, lines.as_slice()));
    let sends = settings.channels().into_iter().map(|c| {
        let mine: Vec<Pending> = pending.iter().filter(|p| p.channel == c).cloned().collect();
        let targets = &targets;
        async move {
            let mut sent = vec![];
            for p in mine {
                let msg = message(&p.alert, current, state.outage_runs, p.at, t);
                match send(c, &msg, targets).await {
                    Ok(()) => sent.push(p),
                    Err(f) => {
                        tracing::warn!("watch: the {} channel failed: {}", c.name(), f.detail);
                        return (sent, Some(f));
                    }
                }
            }
            (sent, None)
        }
    });
    let results = futures_util::future::join_all(sends).await;
    let run = update(dir, |f| {
        let mut failed = vec![];
        for (sent, failure) in results {
            f.pending.retain(|p| !sent.contains(p));
            failed.extend(failure);
        }
        if let Some(last) = f.runs.iter_mut().rev().find(|r| r.at == now) {
            last.failed = failed;
            last.clone()
        } else {
            Run {
                at: now,
                condition,
                nagios: nagios as u8,
                millis,
                alerts: alerts.clone(),
                failed,
            }
        }
    })?;
    tracing::info!(
        "watch check: {condition:?}, {} alert(s), {} channel(s) failed",
        run.alerts.len(),
        run.failed.len()
    );
    Ok(Outcome {
        condition,
        nagios,
        report,
        warnings,
        state,
        run,
    })
}
