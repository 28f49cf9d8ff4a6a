//! `watch check|show|test|set|clear|install|remove` (issue 37): the scheduled check and its alerts
//! for scripts and the schedule. `watch check` exits as a Nagios plugin does (0 OK, 1 WARNING,
//! 2 CRITICAL, 3 UNKNOWN); the other commands 0, or 2 on bad input (nothing is written then).
//! `TPA_WATCH_NOW` (RFC 3339) sets the clock of `watch check`, for tests and rehearsals.

use super::out::{errln, outln};
use super::{OnOff, TlsArg, WatchClear, WatchCmd, WatchFormat, WatchSet, fail, runtime};
use crate::base::escape::escape_value;
use crate::base::i18n::{Lang, Msg, Texts};
use crate::model::watch::{self, Channel, Mail, Tls};
use crate::ops::watch as op;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn run(dir: &Path, action: &WatchCmd, t: &Texts) -> ExitCode {
    match action {
        WatchCmd::Check { format, json } => check(dir, *format, *json, t),
        WatchCmd::Show { json, runs } => show(dir, *json, *runs, t),
        WatchCmd::Test => test(dir, t),
        WatchCmd::Set { what } => set(dir, what, t),
        WatchCmd::Clear { what } => clear(dir, *what, t),
        WatchCmd::Install { every } => install(dir, every, t),
        WatchCmd::Remove => remove(t),
    }
}

/// The alerts' language: the watch's setting, else the command line's.
fn alert_texts(settings: &watch::Settings, t: &Texts) -> Texts {
    let lang = settings
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or(t.lang());
    Texts::new(lang)
}

fn now(t: &Texts) -> Result<chrono::DateTime<chrono::Utc>, ExitCode> {
    match std::env::var("TPA_WATCH_NOW") {
        Ok(v) if !v.is_empty() => chrono::DateTime::parse_from_rfc3339(&v)
            .map(|d| d.with_timezone(&chrono::Utc))
            .map_err(|_| fail(t, &[Msg::new("watch-now-invalid").text("value", v)])),
        _ => Ok(chrono::Utc::now()),
    }
}

fn check(dir: &Path, format: WatchFormat, json: bool, t: &Texts) -> ExitCode {
    const UNKNOWN: u8 = 3;
    let Ok(now) = now(t) else {
        return ExitCode::from(UNKNOWN);
    };
    let settings = match op::load(dir) {
        Ok((_, f)) => f.settings,
        Err(e) => {
            errln!("{}: {}", t.get("cli-error"), t.msg(&e.msg()));
            return ExitCode::from(UNKNOWN);
        }
    };
    let at = alert_texts(&settings, t);
    let waiter = super::wait::Waiter::new(t, Msg::new("wait-check"), super::wait::CHECK);
    let deadline = crate::ops::alert::DEADLINE;
    let outcome = runtime().block_on(op::check(dir, now, &at, deadline, |settings, secrets| {
        let waiter = &waiter;
        async move {
            waiter
                .run(crate::ops::check::run(
                    &settings,
                    Some(settings.client_id.as_str()),
                    &secrets,
                ))
                .await
                .unwrap_or_else(crate::ops::check::Report::timed_out)
        }
    }));
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            if format == WatchFormat::Nagios {
                outln!(
                    "TEAMS-PRESENCE UNKNOWN - {}",
                    escape_value(&t.msg(&e.msg()))
                );
            } else {
                errln!("{}: {}", t.get("cli-error"), t.msg(&e.msg()));
            }
            return ExitCode::from(UNKNOWN);
        }
    };
    let short = t.msg(&op::short(outcome.condition));
    if json {
        super::out::json(&outcome);
    } else if format == WatchFormat::Nagios {
        let status = ["OK", "WARNING", "CRITICAL", "UNKNOWN"][outcome.nagios as usize];
        let days = outcome
            .warnings
            .iter()
            .map(|w| (w.due - now).num_days())
            .min()
            .map(|d| format!(" days_to_expiry={d};;;"))
            .unwrap_or_default();
        outln!(
            "TEAMS-PRESENCE {status} - {} | check_time={:.3}s;;;0 outage_runs={};;;0 alerts={};;;0 failed_channels={};;;0{days}",
            escape_value(&short),
            outcome.run.millis as f64 / 1000.0,
            outcome.state.outage_runs,
            outcome.run.alerts.len(),
            outcome.run.failed.len(),
        );
    } else {
        outln!("{short}");
        if let Some(r) = &outcome.report
            && r.verdict.msg() != op::short(outcome.condition)
        {
            outln!("{}", t.msg(&r.verdict.msg()));
        }
        for a in &outcome.run.alerts {
            let m = op::message(a, None, outcome.state.outage_runs, now, t);
            outln!(
                "{}",
                t.msg(&Msg::new("watch-alert-sent").text("subject", m.subject))
            );
        }
    }
    for f in &outcome.run.failed {
        errln!("{}", t.msg(&failed(f)));
    }
    ExitCode::from(outcome.nagios as u8)
}

fn failed(f: &watch::Failure) -> Msg {
    op::failure_msg(f)
}

fn show(dir: &Path, json: bool, runs: usize, t: &Texts) -> ExitCode {
    let file = match op::load(dir) {
        Ok((_, f)) => f,
        Err(e) => return fail(t, &[e.msg()]),
    };
    let schedule = crate::ops::schedule::installed();
    if json {
        super::out::json(&serde_json::json!({
            "schedule": schedule,
            "settings": file.settings,
            "state": file.state,
            "runs": file.runs.iter().rev().take(runs).collect::<Vec<_>>(),
            "pending": file.pending,
        }));
        return ExitCode::SUCCESS;
    }
    match &schedule {
        Some(s) => outln!(
            "{}",
            t.msg(
                &Msg::new("watch-show-schedule")
                    .text("place", s.place.clone())
                    .num("minutes", s.every_minutes.unwrap_or(0))
            )
        ),
        None => outln!("{}", t.msg(&Msg::new("watch-show-no-schedule"))),
    }
    let channels: Vec<String> = file
        .settings
        .channels()
        .iter()
        .map(|c| channel_words(*c, &file.settings))
        .collect();
    if channels.is_empty() {
        outln!("{}", t.msg(&Msg::new("watch-no-channel")));
    } else {
        outln!(
            "{}",
            t.msg(&Msg::new("watch-show-channels").text("channels", channels.join(", ")))
        );
    }
    let told = file.state.reported.unwrap_or(watch::Condition::Authorized);
    let mut m = Msg::new("watch-show-state").inner("state", op::short(told));
    m = match file.state.reported_since {
        Some(s) => m.text("since", crate::base::i18n::local_time(&s.to_rfc3339())),
        None => m.text("since", "-"),
    };
    outln!("{}", t.msg(&m));
    for c in [Channel::EventLog, Channel::Mail, Channel::Webhook] {
        let n = file.pending.iter().filter(|p| p.channel == c).count();
        if n > 0 {
            outln!(
                "{}",
                t.msg(
                    &Msg::new("watch-show-pending")
                        .num("count", n)
                        .text("channel", c.name())
                )
            );
        }
    }
    for r in file.runs.iter().rev().take(runs) {
        let alerts: Vec<&str> = r
            .alerts
            .iter()
            .map(|a| match a {
                watch::Alert::Broken { .. } => "broken",
                watch::Alert::Reminder { .. } => "reminder",
                watch::Alert::Recovered { .. } => "recovered",
                watch::Alert::Expiring { .. } => "expiring",
            })
            .collect();
        outln!("{}", t.msg(&op::run_msg(r, alerts.join(", "))));
    }
    ExitCode::SUCCESS
}

fn channel_words(c: Channel, s: &watch::Settings) -> String {
    match (c, &s.mail) {
        (Channel::Mail, Some(m)) => format!(
            "mail ({}:{} → {})",
            escape_value(&m.host),
            m.port,
            escape_value(&m.to.join(", "))
        ),
        _ => c.name().to_owned(),
    }
}

fn test(dir: &Path, t: &Texts) -> ExitCode {
    let file = match op::load(dir) {
        Ok((_, f)) => f,
        Err(e) => return fail(t, &[e.msg()]),
    };
    let channels = file.settings.channels();
    if channels.is_empty() {
        return fail(t, &[Msg::new("watch-no-channel")]);
    }
    let proxy = super::loaded_settings(dir, t)
        .map(|s| s.proxy)
        .unwrap_or_default();
    let at = alert_texts(&file.settings, t);
    let targets = op::Targets::read(dir, file.settings.clone(), proxy);
    let msg = op::test_message(&at);
    let mut code = ExitCode::SUCCESS;
    let rt = runtime();
    for c in channels {
        match rt.block_on(op::send(c, &msg, &targets)) {
            Ok(()) => outln!(
                "{}",
                t.msg(&Msg::new("watch-test-sent").text("channel", c.name()))
            ),
            Err(f) => {
                errln!("{}", t.msg(&failed(&f)));
                code = ExitCode::from(1);
            }
        }
    }
    code
}

fn saved(dir: &Path, t: &Texts) {
    outln!(
        "{}",
        t.msg(&Msg::new("watch-set-saved").text("path", op::path(dir).display().to_string()))
    );
}

fn write(dir: &Path, t: &Texts, change: impl FnOnce(&mut watch::WatchFile)) -> ExitCode {
    match op::update(dir, change) {
        Ok(()) => {
            saved(dir, t);
            ExitCode::SUCCESS
        }
        Err(e) => fail(t, &[e.msg()]),
    }
}

/// Stores (or removes, `None`) a channel's secret in the secrets file.
fn store_secret(dir: &Path, key: &str, value: Option<String>, t: &Texts) -> Result<(), ExitCode> {
    crate::model::secrets::Secrets::update(&crate::base::paths::secrets(dir), |s| match value {
        Some(v) => {
            s.other.insert(key.to_owned(), serde_json::Value::String(v));
        }
        None => {
            s.other.remove(key);
        }
    })
    .map_err(|e| fail(t, &[e.msg()]))
}

fn set(dir: &Path, what: &WatchSet, t: &Texts) -> ExitCode {
    match what {
        WatchSet::Webhook { url } => {
            if !crate::ops::alert::webhook::valid_url(url) {
                return fail(
                    t,
                    &[Msg::new("watch-webhook-invalid")
                        .text("value", escape_value(url).into_owned())],
                );
            }
            if let Err(code) = store_secret(dir, watch::WEBHOOK_URL_KEY, Some(url.trim().into()), t)
            {
                return code;
            }
            write(dir, t, |f| f.settings.webhook = true)
        }
        WatchSet::Mail {
            smtp,
            from,
            to,
            tls,
            user,
            password_stdin,
        } => {
            let Some((host, port)) = smtp
                .rsplit_once(':')
                .and_then(|(h, p)| Some((h.trim(), p.trim().parse::<u16>().ok()?)))
                .filter(|(h, p)| !h.is_empty() && *p > 0)
            else {
                return fail(
                    t,
                    &[Msg::new("watch-smtp-invalid")
                        .text("value", escape_value(smtp).into_owned())],
                );
            };
            let mail = Mail {
                host: host
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_owned(),
                port,
                from: from.trim().to_owned(),
                to: to
                    .iter()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect(),
                tls: match tls {
                    TlsArg::None => Tls::None,
                    TlsArg::Starttls => Tls::Starttls,
                    TlsArg::Tls => Tls::Tls,
                },
                user: user.clone(),
            };
            if let Some(bad) = crate::ops::alert::mail::invalid_address(&mail) {
                return fail(
                    t,
                    &[Msg::new("watch-mail-invalid")
                        .text("address", escape_value(&bad).into_owned())],
                );
            }
            let password = if *password_stdin {
                let mut line = String::new();
                if let Err(e) = std::io::stdin().read_line(&mut line) {
                    return fail(
                        t,
                        &[Msg::new("watch-password-stdin").text("detail", e.to_string())],
                    );
                }
                Some(line.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            if let Err(code) = store_secret(dir, watch::SMTP_PASSWORD_KEY, password, t) {
                return code;
            }
            write(dir, t, |f| f.settings.mail = Some(mail))
        }
        WatchSet::EventLog { on } => {
            if *on == OnOff::On && !crate::ops::alert::eventlog::available() {
                return fail(t, &[Msg::new("watch-eventlog-unavailable")]);
            }
            write(dir, t, |f| f.settings.event_log = *on == OnOff::On)
        }
        WatchSet::Lang { lang } => {
            let code = match lang {
                super::LangArg::De => "de",
                super::LangArg::En => "en",
            };
            write(dir, t, |f| f.settings.lang = Some(code.into()))
        }
        WatchSet::PasswordDays { days } => write(dir, t, |f| {
            f.settings.password_max_age_days = (*days > 0).then_some(*days)
        }),
        WatchSet::WarnDays { days } => {
            write(dir, t, |f| f.settings.rules.warn_working_days = *days)
        }
    }
}

fn clear(dir: &Path, what: WatchClear, t: &Texts) -> ExitCode {
    let key = match what {
        WatchClear::Webhook => watch::WEBHOOK_URL_KEY,
        WatchClear::Mail => watch::SMTP_PASSWORD_KEY,
    };
    if let Err(code) = store_secret(dir, key, None, t) {
        return code;
    }
    write(dir, t, |f| match what {
        WatchClear::Webhook => f.settings.webhook = false,
        WatchClear::Mail => f.settings.mail = None,
    })
}

/// `15m`, `1h`, `90` (minutes): 5 minutes to 24 hours.
pub fn minutes(every: &str) -> Option<u32> {
    let v = every.trim().to_ascii_lowercase();
    let (n, unit) = match v.strip_suffix('h') {
        Some(n) => (n, 60),
        None => (
            v.strip_suffix("min")
                .or_else(|| v.strip_suffix('m'))
                .unwrap_or(&v),
            1,
        ),
    };
    let m = n.trim().parse::<u32>().ok()?.checked_mul(unit)?;
    (5..=1440).contains(&m).then_some(m)
}

fn install(dir: &Path, every: &str, t: &Texts) -> ExitCode {
    let Some(m) = minutes(every) else {
        return fail(
            t,
            &[Msg::new("watch-every-invalid").text("value", escape_value(every).into_owned())],
        );
    };
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            return fail(
                t,
                &[Msg::new("watch-install-failed").text("detail", e.to_string())],
            );
        }
    };
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
    let job = crate::ops::schedule::Job {
        exe: &exe,
        ucserver_dir: &dir,
        every_minutes: m,
    };
    match crate::ops::schedule::install(&job) {
        Ok(i) => {
            outln!(
                "{}",
                t.msg(
                    &Msg::new("watch-installed")
                        .num("minutes", m)
                        .text("place", i.place)
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(
            t,
            &[Msg::new("watch-install-failed").text("detail", e.to_string())],
        ),
    }
}

fn remove(t: &Texts) -> ExitCode {
    match crate::ops::schedule::remove() {
        Ok(true) => {
            outln!("{}", t.msg(&Msg::new("watch-removed")));
            ExitCode::SUCCESS
        }
        Ok(false) => {
            outln!("{}", t.msg(&Msg::new("watch-show-no-schedule")));
            ExitCode::SUCCESS
        }
        Err(e) => fail(
            t,
            &[Msg::new("watch-remove-failed").text("detail", e.to_string())],
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_takes_minutes_and_hours_within_bounds() {
        assert_eq!(super::minutes("15m"), Some(15));
        assert_eq!(super::minutes("1h"), Some(60));
        assert_eq!(super::minutes("30"), Some(30));
        assert_eq!(super::minutes("4m"), None);
        assert_eq!(super::minutes("25h"), None);
        assert_eq!(super::minutes("x"), None);
    }
}
