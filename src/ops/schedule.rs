//! The schedule that runs `watch check`: on Windows a task of the Task Scheduler (`schtasks.exe`
//! with a task XML: every N minutes, as SYSTEM — it runs whether a user is logged on or not and
//! may read the secrets file, whose DACL grants SYSTEM), elsewhere a systemd timer and its service
//! written to the unit folder (`TPA_SYSTEMD_DIR`, else `/etc/systemd/system`; `systemctl` is run
//! only for the system's own folder).

use std::io;
use std::path::Path;

/// The task's name (Windows) and the units' stem (systemd).
pub const NAME: &str = "teams-presence-admin-watch";

/// What to run, how often.
pub struct Job<'a> {
    pub exe: &'a Path,
    pub ucserver_dir: &'a Path,
    pub every_minutes: u32,
}

/// Where the schedule is and how often it runs, as `watch show` says it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Installed {
    /// The task's name or the timer unit's path.
    pub place: String,
    pub every_minutes: Option<u32>,
}

/// The systemd unit folder.
#[cfg(not(windows))]
fn unit_dir() -> (std::path::PathBuf, bool) {
    match std::env::var_os("TPA_SYSTEMD_DIR") {
        Some(d) if !d.is_empty() => (d.into(), false),
        _ => ("/etc/systemd/system".into(), true),
    }
}

/// Quotes an argument for systemd's `ExecStart=` (double quotes, `\` and `"` escaped, `%` doubled).
#[cfg(not(windows))]
fn systemd_quote(p: &Path) -> String {
    let s = p.display().to_string();
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('%', "%%")
    )
}

/// The service and timer units of `job`.
#[cfg(not(windows))]
pub fn units(job: &Job) -> (String, String) {
    let service = format!(
        "[Unit]\nDescription=teams-presence-admin: check the Teams integration and alert on a change\n\n\
         [Service]\nType=oneshot\nExecStart={} --ucserver-dir {} watch check\n",
        systemd_quote(job.exe),
        systemd_quote(job.ucserver_dir)
    );
    let timer = format!(
        "[Unit]\nDescription=teams-presence-admin: watch every {m} minutes\n\n\
         [Timer]\nOnBootSec=2min\nOnUnitActiveSec={m}min\nPersistent=true\n\n\
         [Install]\nWantedBy=timers.target\n",
        m = job.every_minutes
    );
    (service, timer)
}

/// Installs (or replaces) the schedule.
#[cfg(not(windows))]
pub fn install(job: &Job) -> io::Result<Installed> {
    let (dir, system) = unit_dir();
    let (service, timer) = units(job);
    std::fs::create_dir_all(&dir)?;
    let timer_path = dir.join(format!("{NAME}.timer"));
    crate::base::files::write_atomic(
        &dir.join(format!("{NAME}.service")),
        service.as_bytes(),
        crate::base::files::FileMode::Shared,
    )?;
    crate::base::files::write_atomic(
        &timer_path,
        timer.as_bytes(),
        crate::base::files::FileMode::Shared,
    )?;
    if system {
        systemctl(&["daemon-reload"])?;
        systemctl(&["enable", "--now", &format!("{NAME}.timer")])?;
    }
    Ok(Installed {
        place: timer_path.display().to_string(),
        every_minutes: Some(job.every_minutes),
    })
}

/// Removes the schedule; `false` when there was none.
#[cfg(not(windows))]
pub fn remove() -> io::Result<bool> {
    let (dir, system) = unit_dir();
    let timer = dir.join(format!("{NAME}.timer"));
    if !timer.exists() {
        return Ok(false);
    }
    if system {
        systemctl(&["disable", "--now", &format!("{NAME}.timer")])?;
    }
    std::fs::remove_file(&timer)?;
    match std::fs::remove_file(dir.join(format!("{NAME}.service"))) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    if system {
        systemctl(&["daemon-reload"])?;
    }
    Ok(true)
}

/// The schedule as installed, if it is.
#[cfg(not(windows))]
pub fn installed() -> Option<Installed> {
    let (dir, _) = unit_dir();
    let timer = dir.join(format!("{NAME}.timer"));
    let text = std::fs::read_to_string(&timer).ok()?;
    let every = text
        .lines()
        .find_map(|l| l.strip_prefix("OnUnitActiveSec="))
        .and_then(|v| v.trim().trim_end_matches("min").parse().ok());
    Some(Installed {
        place: timer.display().to_string(),
        every_minutes: every,
    })
}

#[cfg(not(windows))]
fn systemctl(args: &[&str]) -> io::Result<()> {
    let status = std::process::Command::new("systemctl")
        .args(args)
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "systemctl {} ended with {status}",
            args.join(" ")
        )))
    }
}

/// The task XML of `job` (Task Scheduler schema 1.2): every N minutes from now on, as SYSTEM,
/// at most one instance, stopped after 10 minutes.
pub fn task_xml(job: &Job, start: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>teams-presence-admin: check the Teams integration and alert on a change (docs/watch.md)</Description>
  </RegistrationInfo>
  <Triggers>
    <TimeTrigger>
      <Repetition>
        <Interval>PT{m}M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <StartBoundary>{start}</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT10M</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{exe}</Command>
      <Arguments>--ucserver-dir "{dir}" watch check</Arguments>
    </Exec>
  </Actions>
</Task>
"#,
        m = job.every_minutes,
        exe = esc(&job.exe.display().to_string()),
        dir = esc(&job.ucserver_dir.display().to_string()),
    )
}

/// Why schtasks failed: its error output, else its output, else its exit code (under Wine it
/// failed with neither, and the message ended in a colon).
#[cfg(windows)]
fn failure(out: &std::process::Output) -> String {
    let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_owned();
    [text(&out.stderr), text(&out.stdout)]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| format!("schtasks.exe ended with {}", out.status))
}

#[cfg(windows)]
fn schtasks(args: &[&std::ffi::OsStr]) -> io::Result<std::process::Output> {
    std::process::Command::new("schtasks.exe")
        .args(args)
        .output()
}

/// Installs (or replaces) the task.
#[cfg(windows)]
pub fn install(job: &Job) -> io::Result<Installed> {
    let start = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let xml = task_xml(job, &start);
    let file = tempfile::Builder::new().suffix(".xml").tempfile()?;
    // schtasks reads the XML as UTF-16 with its byte order mark.
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(file.path(), bytes)?;
    let os = std::ffi::OsStr::new;
    let out = schtasks(&[
        os("/Create"),
        os("/TN"),
        os(NAME),
        os("/XML"),
        file.path().as_os_str(),
        os("/F"),
    ])?;
    if !out.status.success() {
        return Err(io::Error::other(failure(&out)));
    }
    Ok(Installed {
        place: format!("Task Scheduler: {NAME}"),
        every_minutes: Some(job.every_minutes),
    })
}

/// Removes the task; `false` when there was none.
#[cfg(windows)]
pub fn remove() -> io::Result<bool> {
    if installed().is_none() {
        return Ok(false);
    }
    let os = std::ffi::OsStr::new;
    let out = schtasks(&[os("/Delete"), os("/TN"), os(NAME), os("/F")])?;
    if !out.status.success() {
        return Err(io::Error::other(failure(&out)));
    }
    Ok(true)
}

/// The task as registered, if it is.
#[cfg(windows)]
pub fn installed() -> Option<Installed> {
    let os = std::ffi::OsStr::new;
    let out = schtasks(&[os("/Query"), os("/TN"), os(NAME), os("/XML")]).ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let every = text
        .split("<Interval>PT")
        .nth(1)
        .and_then(|r| r.split('M').next())
        .and_then(|m| m.parse().ok());
    Some(Installed {
        place: format!("Task Scheduler: {NAME}"),
        every_minutes: every,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_task_xml_escapes_the_paths_and_repeats() {
        let job = Job {
            exe: Path::new(r"C:\Program Files\tpa\teams-presence-admin.exe"),
            ucserver_dir: Path::new(r"C:\UC & Co"),
            every_minutes: 15,
        };
        let xml = task_xml(&job, "2026-06-01T08:00:00");
        assert!(xml.contains("<Interval>PT15M</Interval>"));
        assert!(
            xml.contains(r#"--ucserver-dir "C:\UC &amp; Co" watch check"#),
            "{xml}"
        );
        assert!(xml.contains("<UserId>S-1-5-18</UserId>"));
    }

    #[cfg(not(windows))]
    #[test]
    fn the_units_quote_the_paths() {
        let job = Job {
            exe: Path::new("/opt/tpa/teams-presence-admin"),
            ucserver_dir: Path::new("/srv/uc 100%"),
            every_minutes: 5,
        };
        let (service, timer) = units(&job);
        assert!(
            service.contains(r#"ExecStart="/opt/tpa/teams-presence-admin" --ucserver-dir "/srv/uc 100%%" watch check"#),
            "{service}"
        );
        assert!(timer.contains("OnUnitActiveSec=5min"));
    }
}
