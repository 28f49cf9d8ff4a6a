//! `watch check` end to end (issue 37) at library level, with its clock given: the emulator's
//! faults, a real SMTP server (Python's aiosmtpd in its own process) and a webhook receiver
//! (axum on loopback). Healthy → no alert; broken → one alert a channel naming the consent and
//! what to do; broken again → none; the next day → one reminder; recovered → one; an outage of
//! one run → none, of three → one. A failing channel is named, and its alert is sent by the next
//! run. Unix only: the SMTP server is Python's, which the Windows build's tests under Wine cannot
//! start (`docs/windows.md`'s check list has the mail and the Event Log on a real Windows Server).

#![cfg(unix)]

use chrono::{DateTime, Duration, Utc};
use entra_emulator::{Faults, Running};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use teams_presence_admin::base::i18n::{Lang, Texts};
use teams_presence_admin::base::paths;
use teams_presence_admin::model::secrets::Secrets;
use teams_presence_admin::model::watch::{self, Alert, Channel, Condition, Mail, Tls};
use teams_presence_admin::ops::watch as op;

/// aiosmtpd on a free loopback port; every mail it receives, as text.
struct Smtp {
    child: std::process::Child,
    port: u16,
    mails: Arc<Mutex<Vec<String>>>,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn smtp() -> Smtp {
    let port = free_port();
    let mut child = std::process::Command::new("python3")
        .args(["-u", "-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 with aiosmtpd (python3 -m pip install aiosmtpd)");
    let mails = Arc::new(Mutex::new(Vec::new()));
    let out = child.stdout.take().unwrap();
    let into = mails.clone();
    std::thread::spawn(move || {
        let mut cur: Option<String> = None;
        for line in std::io::BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if line.starts_with("---------- MESSAGE FOLLOWS") {
                cur = Some(String::new());
            } else if line.starts_with("------------ END MESSAGE") {
                into.lock().unwrap().extend(cur.take());
            } else if let Some(c) = &mut cur {
                c.push_str(&line);
                c.push('\n');
            }
        }
    });
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < until, "aiosmtpd did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Smtp { child, port, mails }
}

/// A webhook receiver: the JSON bodies it got; answers `status`.
struct Hook {
    url: String,
    bodies: Arc<Mutex<Vec<serde_json::Value>>>,
    status: Arc<Mutex<u16>>,
}

async fn hook() -> Hook {
    use axum::{Json, Router, extract::State, http::StatusCode, routing::post};
    type S = (Arc<Mutex<Vec<serde_json::Value>>>, Arc<Mutex<u16>>);
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let status = Arc::new(Mutex::new(200u16));
    let app = Router::new()
        .route(
            "/hook",
            post(
                |State((b, s)): State<S>, Json(v): Json<serde_json::Value>| async move {
                    let code = *s.lock().unwrap();
                    if code == 200 {
                        b.lock().unwrap().push(v);
                    }
                    StatusCode::from_u16(code).unwrap()
                },
            ),
        )
        .with_state((bodies.clone(), status.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Hook {
        url,
        bodies,
        status,
    }
}

/// A UCServer folder on the emulator with both consents given.
async fn folder(emu: &Running) -> tempfile::TempDir {
    crate::support::authorized_demo(&emu.base_url).await
}

fn set_channels(dir: &Path, smtp_port: u16, hook_url: &str) {
    Secrets::update(&paths::secrets(dir), |s| {
        s.other
            .insert(watch::WEBHOOK_URL_KEY.into(), hook_url.into());
    })
    .unwrap();
    op::update(dir, |f| {
        f.settings.event_log = false;
        f.settings.webhook = true;
        f.settings.mail = Some(Mail {
            host: "127.0.0.1".into(),
            port: smtp_port,
            from: "ucserver@musterfirma.de".into(),
            to: vec!["it@musterfirma.de".into(), "oncall@musterfirma.de".into()],
            tls: Tls::None,
            user: None,
        });
    })
    .unwrap();
}

async fn check(dir: &Path, now: DateTime<Utc>) -> op::Outcome {
    check_within(dir, now, teams_presence_admin::ops::alert::DEADLINE).await
}

async fn check_within(
    dir: &Path,
    now: DateTime<Utc>,
    deadline: std::time::Duration,
) -> op::Outcome {
    let t = Texts::new(Lang::En);
    op::check(dir, now, &t, deadline, |s, secrets: PathBuf| async move {
        teams_presence_admin::ops::check::run(&s, Some(s.client_id.as_str()), &secrets).await
    })
    .await
    .unwrap()
}

/// Waits until the receivers hold `mails` and `hooks` (aiosmtpd prints a little after it
/// answered), then a little more to see nothing else arrives.
async fn received(
    smtp: &Smtp,
    hook: &Hook,
    mails: usize,
    hooks: usize,
) -> (Vec<String>, Vec<serde_json::Value>) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let (m, h) = (
            smtp.mails.lock().unwrap().len(),
            hook.bodies.lock().unwrap().len(),
        );
        if (m >= mails && h >= hooks) || std::time::Instant::now() > until {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let m = std::mem::take(&mut *smtp.mails.lock().unwrap());
    let h = std::mem::take(&mut *hook.bodies.lock().unwrap());
    (m, h)
}

fn faults(emu: &Running, f: Faults) {
    emu.shared.set_faults(f);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_consent_alerts_once_reminds_daily_and_recovers_once_on_every_channel() {
    let emu = crate::support::emulator().await;
    let dir = folder(&emu).await;
    let smtp = smtp();
    let hook = hook().await;
    set_channels(dir.path(), smtp.port, &hook.url);
    // Monday 1 June 2026, 08:00.
    let t0: DateTime<Utc> = "2026-06-01T08:00:00Z".parse().unwrap();

    // Healthy: no alert.
    let o = check(dir.path(), t0).await;
    assert_eq!(o.condition, Condition::Authorized, "{:?}", o.report);
    assert_eq!(o.nagios as u8, 0);
    assert!(o.run.alerts.is_empty());
    let (m, h) = received(&smtp, &hook, 0, 0).await;
    assert!(m.is_empty() && h.is_empty(), "{m:?} {h:?}");

    // The password changed: exactly one alert a channel, naming the consent and what to do.
    faults(
        &emu,
        Faults {
            password_changed: true,
            ..Default::default()
        },
    );
    let o = check(dir.path(), t0 + Duration::minutes(15)).await;
    assert_eq!(o.condition, Condition::ReconsentUser);
    assert_eq!(o.nagios as u8, 2);
    assert!(o.run.failed.is_empty(), "{:?}", o.run.failed);
    let (m, h) = received(&smtp, &hook, 1, 1).await;
    assert_eq!((m.len(), h.len()), (1, 1), "{m:?} {h:?}");
    let mail = &m[0];
    assert!(mail.contains("Subject: teams-presence-admin ("), "{mail}");
    assert!(
        mail.contains("\"User consent\" must be given again"),
        "{mail}"
    );
    assert!(
        mail.contains("What to do: open the admin pane and click \"User consent\""),
        "{mail}"
    );
    assert!(
        mail.contains("To: it@musterfirma.de, oncall@musterfirma.de"),
        "{mail}"
    );
    assert_eq!(h[0]["kind"], "broken");
    assert_eq!(h[0]["condition"], "reconsent-user");
    assert_eq!(h[0]["eventId"], 1002);
    assert!(
        h[0]["text"].as_str().unwrap().contains("What to do"),
        "{}",
        h[0]
    );

    // Broken again, the same day: nothing.
    check(dir.path(), t0 + Duration::minutes(30)).await;
    check(dir.path(), t0 + Duration::hours(20)).await;
    let (m, h) = received(&smtp, &hook, 0, 0).await;
    assert!(m.is_empty() && h.is_empty(), "{m:?} {h:?}");

    // The next day: one reminder.
    let o = check(dir.path(), t0 + Duration::hours(24) + Duration::minutes(15)).await;
    assert!(
        matches!(o.run.alerts[..], [Alert::Reminder { .. }]),
        "{:?}",
        o.run.alerts
    );
    let (m, h) = received(&smtp, &hook, 1, 1).await;
    assert_eq!((m.len(), h.len()), (1, 1));
    assert!(m[0].contains("is still not working"), "{}", m[0]);
    assert_eq!(h[0]["kind"], "reminder");

    // Recovered: one.
    faults(&emu, Faults::default());
    let o = check(dir.path(), t0 + Duration::hours(25)).await;
    assert_eq!(o.condition, Condition::Authorized);
    let (m, h) = received(&smtp, &hook, 1, 1).await;
    assert_eq!((m.len(), h.len()), (1, 1));
    assert!(m[0].contains("works again"), "{}", m[0]);
    assert_eq!(h[0]["kind"], "recovered");
    assert_eq!(h[0]["eventId"], 1000);

    // An outage of one run: none; of three in a row: one.
    let t1 = t0 + Duration::hours(26);
    faults(
        &emu,
        Faults {
            server_error: true,
            ..Default::default()
        },
    );
    let o = check(dir.path(), t1).await;
    assert_eq!(o.condition, Condition::Unreachable);
    assert_eq!(o.nagios as u8, 1);
    faults(&emu, Faults::default());
    check(dir.path(), t1 + Duration::minutes(15)).await;
    let (m, h) = received(&smtp, &hook, 0, 0).await;
    assert!(m.is_empty() && h.is_empty(), "{m:?} {h:?}");
    faults(
        &emu,
        Faults {
            server_error: true,
            ..Default::default()
        },
    );
    for i in 2..4 {
        check(dir.path(), t1 + Duration::minutes(15 * i)).await;
    }
    let (m, h) = received(&smtp, &hook, 0, 0).await;
    assert!(m.is_empty() && h.is_empty(), "two runs: {m:?} {h:?}");
    let o = check(dir.path(), t1 + Duration::minutes(60)).await;
    assert_eq!(o.nagios as u8, 2);
    let (m, h) = received(&smtp, &hook, 1, 1).await;
    assert_eq!((m.len(), h.len()), (1, 1));
    assert!(m[0].contains("3 checks in a row"), "{}", m[0]);
    assert_eq!(h[0]["condition"], "unreachable");
    assert_eq!(h[0]["eventId"], 1004);

    // The state file holds no secret.
    let text = std::fs::read_to_string(op::path(dir.path())).unwrap();
    let secrets = std::fs::read_to_string(paths::secrets(dir.path())).unwrap();
    let s: serde_json::Value = serde_json::from_str(&secrets).unwrap();
    let token = s["refreshToken"].as_str().unwrap();
    assert!(!text.contains(token) && !text.contains(&hook.url), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_channel_is_named_and_its_alert_sent_by_the_next_run() {
    let emu = crate::support::emulator().await;
    let dir = folder(&emu).await;
    let hook = hook().await;
    // No mail server on this port; the webhook answers 500.
    let dead = free_port();
    set_channels(dir.path(), dead, &hook.url);
    *hook.status.lock().unwrap() = 500;
    let t0: DateTime<Utc> = "2026-06-01T08:00:00Z".parse().unwrap();
    faults(
        &emu,
        Faults {
            client_secret_expired: true,
            ..Default::default()
        },
    );
    let started = std::time::Instant::now();
    let o = check(dir.path(), t0).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(25));
    assert_eq!(o.condition, Condition::Misconfigured, "{:?}", o.report);
    assert_eq!(o.run.alerts.len(), 1);
    let failed: Vec<Channel> = o.run.failed.iter().map(|f| f.channel).collect();
    assert_eq!(
        failed,
        vec![Channel::Mail, Channel::Webhook],
        "{:?}",
        o.run.failed
    );
    assert_eq!(
        o.run.failed[0].why,
        watch::Why::Connect,
        "{:?}",
        o.run.failed
    );
    assert_eq!(o.run.failed[1].why, watch::Why::Status { status: 500 });
    let t = Texts::new(Lang::De);
    assert_eq!(
        t.msg(&op::failure_msg(&o.run.failed[1])),
        "Der Meldeweg webhook ist gescheitert: Der Webhook hat mit HTTP 500 geantwortet. Seine \
         Meldungen bleiben erhalten und werden beim nächsten Lauf erneut gesendet."
    );
    let (_, f) = op::load(dir.path()).unwrap();
    assert_eq!(f.pending.len(), 2);
    assert_eq!(f.runs.last().unwrap().failed.len(), 2);

    // The webhook works again: the next run (no new alert of its own) sends the kept one.
    *hook.status.lock().unwrap() = 200;
    let o = check(dir.path(), t0 + Duration::minutes(15)).await;
    assert!(o.run.alerts.is_empty());
    assert_eq!(o.run.failed.len(), 1, "the mail server is still missing");
    let bodies = std::mem::take(&mut *hook.bodies.lock().unwrap());
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["kind"], "broken");
    assert_eq!(bodies[0]["condition"], "misconfigured");
    let (_, f) = op::load(dir.path()).unwrap();
    assert_eq!(f.pending.len(), 1);
    assert_eq!(f.pending[0].channel, Channel::Mail);
}

#[cfg(not(windows))]
#[tokio::test]
async fn the_event_log_channel_says_it_is_not_available_here() {
    let t = Texts::new(Lang::En);
    let targets = op::Targets {
        settings: watch::Settings::default(),
        smtp_password: None,
        webhook_url: None,
        proxy: String::new(),
        deadline: std::time::Duration::from_secs(1),
    };
    let e = op::send(Channel::EventLog, &op::test_message(&t), &targets)
        .await
        .unwrap_err();
    assert_eq!(e.why, watch::Why::Unavailable);
    assert_eq!(
        t.msg(&op::failure_msg(&e)),
        "The alert channel event-log failed: there is no Windows Event Log on this system; use \
         mail or a webhook. Its alerts are kept and sent again by the next run."
    );
}

/// A mail server that takes the connection and never answers, a slow Microsoft (latencyMs): the
/// run still ends, the mail channel after its deadline, named as a timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_mail_server_and_a_slow_microsoft_do_not_hold_the_run() {
    let emu = crate::support::emulator().await;
    let dir = folder(&emu).await;
    let hook = hook().await;
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut open = vec![];
        while let Ok((s, _)) = silent.accept().await {
            open.push(s);
        }
    });
    set_channels(dir.path(), port, &hook.url);
    faults(
        &emu,
        Faults {
            latency_ms: 300,
            ..Default::default()
        },
    );
    let t0: DateTime<Utc> = "2026-06-01T08:00:00Z".parse().unwrap();
    // Healthy but slow: the check's time is recorded (at least two requests of 300 ms).
    let o = check_within(dir.path(), t0, std::time::Duration::from_secs(1)).await;
    assert_eq!(o.condition, Condition::Authorized);
    assert!(o.run.millis >= 600, "{}", o.run.millis);
    faults(
        &emu,
        Faults {
            password_changed: true,
            ..Default::default()
        },
    );
    let started = std::time::Instant::now();
    let o = check_within(
        dir.path(),
        t0 + Duration::minutes(15),
        std::time::Duration::from_secs(1),
    )
    .await;
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    assert_eq!(o.condition, Condition::ReconsentUser);
    let failed: Vec<(Channel, watch::Why)> =
        o.run.failed.iter().map(|f| (f.channel, f.why)).collect();
    assert_eq!(
        failed,
        vec![(Channel::Mail, watch::Why::Timeout)],
        "{:?}",
        o.run.failed
    );
    // The webhook took its alert meanwhile.
    assert_eq!(hook.bodies.lock().unwrap().len(), 1);
    held.abort();
}

/// The app's secret ends on Monday 8 June: announced once on Monday 1 June (5 working days
/// before), naming Friday 5 June as the day to renew; not again the next run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_credential_ending_is_announced_once_five_working_days_before() {
    let emu = crate::support::emulator().await;
    let dir = folder(&emu).await;
    let hook = hook().await;
    Secrets::update(&paths::secrets(dir.path()), |s| {
        s.other
            .insert(watch::WEBHOOK_URL_KEY.into(), hook.url.clone().into());
        s.registration = Some(teams_presence_admin::model::secrets::RegistrationInfo {
            client_id: entra_emulator::state::DEMO_CLIENT_ID.into(),
            credential: "secret".into(),
            key_id: "k1".into(),
            end_date_time: "2026-06-08T09:00:00Z".into(),
            ..Default::default()
        });
    })
    .unwrap();
    op::update(dir.path(), |f| {
        f.settings.event_log = false;
        f.settings.webhook = true;
    })
    .unwrap();
    let friday: DateTime<Utc> = "2026-05-29T08:00:00Z".parse().unwrap();
    let o = check(dir.path(), friday).await;
    assert_eq!(o.condition, Condition::Authorized, "{:?}", o.report);
    assert!(
        o.run.alerts.is_empty(),
        "6 working days before: {:?}",
        o.run.alerts
    );
    assert_eq!(o.nagios as u8, 0);
    let monday: DateTime<Utc> = "2026-06-01T08:00:00Z".parse().unwrap();
    let o = check(dir.path(), monday).await;
    assert!(
        matches!(o.run.alerts[..], [Alert::Expiring { .. }]),
        "{:?}",
        o.run.alerts
    );
    assert_eq!(o.nagios as u8, 1);
    let o = check(dir.path(), monday + Duration::minutes(15)).await;
    assert!(o.run.alerts.is_empty());
    assert_eq!(o.nagios as u8, 1, "still a WARNING for monitoring");
    let bodies = std::mem::take(&mut *hook.bodies.lock().unwrap());
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    assert_eq!(bodies[0]["kind"], "expiring");
    assert_eq!(bodies[0]["eventId"], 1001);
    let text = bodies[0]["text"].as_str().unwrap();
    assert!(
        text.contains("ends on 2026-06-08. Renew it by 2026-06-05"),
        "{text}"
    );
}
