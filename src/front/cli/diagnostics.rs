//! `diagnose`, `write-test`, `support-bundle` and `audit`: the diagnostics of issue 15 on the
//! command line, with the same core as the window's "Diagnose und Änderungsprotokoll".

use super::out::{errln, out, outln};
use super::{describe, fail, loaded_settings, runtime};
use crate::base::i18n::{Msg, Texts};
use crate::base::paths;
use std::path::Path;
use std::process::ExitCode;

pub fn audit(dir: &Path, json: bool, since: Option<&str>, t: &Texts) -> ExitCode {
    let since = match since.map(parse_since) {
        None => None,
        Some(Some(s)) => Some(s),
        Some(None) => {
            let m = Msg::new("audit-bad-since").text("value", since.unwrap_or_default());
            return fail(t, &[m]);
        }
    };
    let trail = match crate::model::audit::read(dir, since) {
        Ok(e) => e,
        Err(e) => {
            return fail(
                t,
                &[crate::base::i18n::io_error(
                    &crate::model::audit::path(dir),
                    &e,
                )],
            );
        }
    };
    // Lines that are no entry are named on stderr (the JSON on stdout stays a list of entries).
    for u in &trail.unreadable {
        errln!("{}", t.msg(&u.msg()));
    }

    let entries = trail.entries;
    if json {
        super::out::json(&entries);
    } else {
        for e in &entries {
            outln!("{}", t.msg(&e.msg()));
        }
    }
    ExitCode::SUCCESS
}

pub fn support_bundle(
    dir: &Path,
    file: &Path,
    personal_data: bool,
    force: bool,
    t: &Texts,
) -> ExitCode {
    // Refused before the check with Microsoft takes its time.
    if let Err(m) = crate::ops::support::destination(dir, file, force) {
        return fail(t, &[m]);
    }
    // msteams.cfg that cannot be used is when support is needed most (issue 34 §14): the bundle
    // is written all the same and names where the file is broken; there is nothing to check
    // with Microsoft then.
    let settings = match crate::ops::store::load_config(dir) {
        Ok(loaded) => loaded.settings.map_err(|e| e.msg()),
        Err(e) => Err(e.msg()),
    };
    let (report, diagnosis) = match settings {
        Ok(settings) => {
            let (diagnosis, report) =
                runtime().block_on(crate::ops::diagnosis::run(dir, &settings));
            (Some(report), diagnosis)
        }
        Err(why) => {
            errln!("{}", t.msg(&why));
            errln!("{}", t.get("support-cfg-broken"));
            (None, Vec::new())
        }
    };
    let options = crate::ops::support::Options { personal_data };
    match crate::ops::support::write(dir, file, report.as_ref(), &diagnosis, options) {
        Ok(names) => {
            let m = Msg::new("support-written")
                .text("path", file.display().to_string())
                .text("files", names.join(", "));
            outln!("{}", t.msg(&m));
            ExitCode::SUCCESS
        }
        Err(e) => fail(t, &[crate::base::i18n::io_error(file, &e)]),
    }
}

pub fn diagnose(dir: &Path, json: bool, t: &Texts) -> ExitCode {
    use crate::microsoft::diagnose;
    let settings = match loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let waiter = super::wait::Waiter::new(t, Msg::new("wait-diagnose"), super::wait::DIAGNOSE);
    let done = runtime().block_on(waiter.run(crate::ops::diagnosis::run(dir, &settings)));
    // Past the deadline: said by the waiter.
    let Ok((hosts, report)) = done else {
        return ExitCode::from(5);
    };
    let ok = hosts.iter().all(diagnose::HostDiagnosis::ok) && report.steps.iter().all(|s| s.ok);
    if json {
        let v = serde_json::json!({ "hosts": hosts, "consents": report });
        super::out::json(&v);
    } else {
        for h in &hosts {
            outln!("{}", super::out::escape_value(&h.host));
            for s in &h.stages {
                outln!("  {}", t.msg(&s.msg()));
                if let Some(advice) = s.advice {
                    outln!("    {}", t.get(advice));
                }
            }
        }
        outln!("{}", t.get("diag-steps"));
        if report.steps.is_empty() {
            outln!("  {}", t.get("diag-steps-none"));
        }
        for s in &report.steps {
            outln!("  {}", t.msg(&s.msg()));
        }
        let v = t.msg(&report.verdict.msg());
        outln!("{}", t.msg(&Msg::new("diag-consents").text("verdict", v)));
        outln!("{}", t.msg(&diagnose::summary(&hosts, &report.steps)));
    }
    ExitCode::from(if ok { 0 } else { 5 })
}

pub fn write_test(dir: &Path, user: &str, yes: bool, t: &Texts) -> ExitCode {
    let settings = match loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let question = Msg::new("write-test-question").text("user", user);
    if !yes {
        use std::io::IsTerminal as _;
        if !std::io::stdin().is_terminal() {
            return fail(t, &[question, Msg::new("write-test-needs-yes")]);
        }
        out!("{} ", t.msg(&question));
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(
            answer.trim().to_lowercase().as_str(),
            "j" | "ja" | "y" | "yes"
        ) {
            outln!("{}", t.get("consent-cancelled"));
            return ExitCode::from(2);
        }
    }
    let secrets = paths::secrets(dir);
    let waiter = super::wait::Waiter::new(t, Msg::new("wait-write-test"), super::wait::APP);
    let result =
        runtime().block_on(waiter.run(crate::ops::presence::write_test(&settings, &secrets, user)));
    // Past the deadline: said by the waiter.
    let Ok(result) = result else {
        return ExitCode::from(5);
    };
    match result {
        Ok(w) => match w.outcome(user) {
            Ok(m) => {
                outln!("{}", t.msg(&m));
                ExitCode::SUCCESS
            }
            Err(m) => {
                errln!("{}", t.msg(&m));
                ExitCode::from(1)
            }
        },
        Err(e) => {
            errln!("{}: {}", t.get("cli-error"), describe(&e, t));
            ExitCode::from(5)
        }
    }
}

/// `--since`: a day (its start, local time) or an RFC 3339 time.
fn parse_since(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(t.with_timezone(&chrono::Utc));
    }
    let day = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    let start = day
        .and_hms_opt(0, 0, 0)?
        .and_local_timezone(chrono::Local)
        .earliest()?;
    Some(start.with_timezone(&chrono::Utc))
}
