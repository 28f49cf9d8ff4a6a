//! `watch` as the built binary (issue 37): `watch check` in Nagios' form and as JSON against the
//! emulator, with its clock set by TPA_WATCH_NOW; bad input to `watch set` refused in German and
//! English, nothing written; `watch install`/`remove` writing systemd units to TPA_SYSTEMD_DIR;
//! the SMTP password kept in the secrets file only.
//! Not on Windows: these expect what Linux has — systemd units, no Event Log (so `set event-log on`
//! is refused) — and Wine's `schtasks /query` answers "found" for any task name; the Windows parts
//! are `tests/library/watch_windows.rs` and the real-Windows check list (docs/windows.md).

#![cfg(not(windows))]

use entra_emulator::Faults;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::support::bin;

fn watch(dir: &Path, lang: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = bin();
    cmd.args(["--lang", lang, "--ucserver-dir"])
        .arg(dir)
        .arg("watch")
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

async fn consented(base_url: &str) -> tempfile::TempDir {
    crate::support::authorized_demo(base_url).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_check_answers_as_a_nagios_plugin_and_as_json() {
    let emu = crate::support::emulator().await;
    let dir = consented(&emu.base_url).await;
    let now = [("TPA_WATCH_NOW", "2026-06-01T08:00:00Z")];
    let o = watch(dir.path(), "en", &["check", "--format", "nagios"], &now);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        out.starts_with("TEAMS-PRESENCE OK - Authorized | check_time="),
        "{out}"
    );
    assert!(
        out.contains(" outage_runs=0;;;0 alerts=0;;;0 failed_channels=0;;;0"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");

    emu.shared.set_faults(Faults {
        refresh_token_expired: true,
        ..Default::default()
    });
    let o = watch(
        dir.path(),
        "en",
        &["check", "--json"],
        &[("TPA_WATCH_NOW", "2026-06-01T08:15:00Z")],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["condition"], "reconsent-user");
    assert_eq!(v["nagios"], "CRITICAL");
    assert_eq!(v["run"]["alerts"][0]["alert"], "broken");
    assert_eq!(v["report"]["verdict"]["state"], "reconsent-needed");

    // An outage of one run is a WARNING, not yet an alert.
    emu.shared.set_faults(Faults {
        server_error: true,
        ..Default::default()
    });
    let o = watch(
        dir.path(),
        "de",
        &["check", "--format", "nagios"],
        &[("TPA_WATCH_NOW", "2026-06-01T08:30:00Z")],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        out.starts_with("TEAMS-PRESENCE WARNING - Microsoft nicht erreichbar |"),
        "{out}"
    );
    assert!(out.contains("outage_runs=1;;;0 alerts=0;;;0"), "{out}");

    // `watch show` lists the runs, newest first.
    let o = watch(dir.path(), "en", &["show"], &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("Schedule: none"), "{out}");
    assert!(
        out.contains("Last told: \"User consent\" must be given again."),
        "{out}"
    );
    let runs: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" ms) · alerts: "))
        .collect();
    assert_eq!(runs.len(), 3, "{out}");
    assert!(runs[1].contains("alerts: broken"), "{out}");

    // A bad clock is refused by name.
    let o = watch(
        dir.path(),
        "en",
        &["check"],
        &[("TPA_WATCH_NOW", "tomorrow")],
    );
    assert_eq!(o.status.code(), Some(3));
    assert!(
        text(&o).contains("TPA_WATCH_NOW must be a time in RFC 3339"),
        "{}",
        text(&o)
    );
}

#[test]
fn bad_input_to_watch_set_is_refused_in_both_languages_and_nothing_is_written() {
    let dir = crate::support::folder("{}\n");
    let file = dir.path().join("config/teams-presence-admin-watch.json");
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &[
                "set",
                "mail",
                "--smtp",
                "mail.example.com",
                "--from",
                "a@example.com",
                "--to",
                "b@example.com",
            ],
            "--smtp wants the mail server as HOST:PORT",
            "--smtp erwartet den Mailserver als HOST:PORT",
        ),
        (
            &[
                "set",
                "mail",
                "--smtp",
                "mail.example.com:587",
                "--from",
                "nobody",
                "--to",
                "b@example.com",
            ],
            "\"nobody\" is not a mail address",
            "„nobody“ ist keine Mailadresse",
        ),
        (
            &["set", "webhook", "http://hooks.example.com/x"],
            "The webhook's address must start with https://",
            "Die Adresse des Webhooks muss mit https:// beginnen",
        ),
        (
            &["install", "--every", "2m"],
            "--every wants minutes (15m) or hours (1h)",
            "--every erwartet Minuten (15m) oder Stunden (1h)",
        ),
        (
            &["set", "event-log", "on"],
            "no Windows Event Log on this system",
            "gibt es kein Windows-Ereignisprotokoll",
        ),
    ];
    for (args, en, de) in cases {
        for (lang, want) in [("en", en), ("de", de)] {
            let o = watch(
                dir.path(),
                lang,
                args,
                &[("TPA_SYSTEMD_DIR", "/nonexistent-unit-dir")],
            );
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
            assert!(text(&o).contains(want), "{lang} {args:?}: {}", text(&o));
        }
    }
    assert!(!file.exists());
    assert!(!dir.path().join("config/msteams.secrets.json").exists());
}

#[test]
fn the_smtp_password_goes_to_the_secrets_file_only() {
    let dir = crate::support::folder("{}\n");
    let mut child = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir.path())
        .args([
            "watch",
            "set",
            "mail",
            "--smtp",
            "mail.example.com:587",
            "--from",
            "ucserver@example.com",
        ])
        .args([
            "--to",
            "a@example.com,b@example.com",
            "--user",
            "ucserver",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"pa55-w0rd-x\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let watch_file =
        std::fs::read_to_string(dir.path().join("config/teams-presence-admin-watch.json")).unwrap();
    let cfg = std::fs::read_to_string(dir.path().join("config/msteams.cfg")).unwrap();
    let secrets = std::fs::read_to_string(dir.path().join("config/msteams.secrets.json")).unwrap();
    assert!(
        !watch_file.contains("pa55") && !cfg.contains("pa55"),
        "{watch_file}"
    );
    assert!(
        secrets.contains("\"watchSmtpPassword\": \"pa55-w0rd-x\""),
        "{secrets}"
    );
    let v: serde_json::Value = serde_json::from_str(&watch_file).unwrap();
    assert_eq!(
        v["settings"]["mail"]["to"],
        serde_json::json!(["a@example.com", "b@example.com"])
    );
    assert_eq!(v["settings"]["mail"]["tls"], "starttls");
    assert_eq!(v["settings"]["mail"]["user"], "ucserver");
    let o = watch(dir.path(), "en", &["show"], &[]);
    assert!(
        text(&o)
            .contains("Alerts go to: mail (mail.example.com:587 → a@example.com, b@example.com)"),
        "{}",
        text(&o)
    );
}

#[test]
fn watch_install_writes_a_systemd_timer_and_remove_removes_it() {
    let dir = crate::support::folder("{}\n");
    let units = tempfile::tempdir().unwrap();
    let env = [("TPA_SYSTEMD_DIR", units.path().to_str().unwrap())];
    let o = watch(dir.path(), "en", &["install", "--every", "10m"], &env);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("The check runs every 10 minutes"),
        "{}",
        text(&o)
    );
    let timer =
        std::fs::read_to_string(units.path().join("teams-presence-admin-watch.timer")).unwrap();
    let service =
        std::fs::read_to_string(units.path().join("teams-presence-admin-watch.service")).unwrap();
    assert!(timer.contains("OnUnitActiveSec=10min"), "{timer}");
    assert!(
        service.contains(&format!(
            "--ucserver-dir \"{}\" watch check",
            dir.path().display()
        )),
        "{service}"
    );
    assert!(
        service.contains(env!("CARGO_BIN_EXE_teams-presence-admin")),
        "{service}"
    );
    let o = watch(dir.path(), "en", &["show"], &env);
    assert!(text(&o).contains("every 10 minutes"), "{}", text(&o));
    let o = watch(dir.path(), "en", &["remove"], &env);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("The schedule was removed."),
        "{}",
        text(&o)
    );
    assert_eq!(std::fs::read_dir(units.path()).unwrap().count(), 0);
    let o = watch(dir.path(), "en", &["remove"], &env);
    assert!(text(&o).contains("Schedule: none"), "{}", text(&o));
}
