//! `consent user|admin|forget` and `status`: the consents given in the browser, forgotten, and
//! checked with Microsoft, through the same core as the window.

use super::args::ConsentCmd;
use super::out::{errln, escape_value, outln};
use super::{describe, fail, loaded_settings, runtime};
use crate::base::i18n::{Msg, Texts};
use crate::base::paths;
use crate::microsoft::browser::{SystemBrowser, open_or_explain};
use crate::ops::check::{self, Which};
use std::path::Path;
use std::process::ExitCode;

/// `status [--json]`: both consents checked; the exit code says the verdict.
pub(super) fn status(dir: &Path, json: bool, t: &Texts) -> ExitCode {
    let settings = match loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let waiter = super::wait::Waiter::new(t, Msg::new("wait-check"), super::wait::CHECK);
    let report = runtime()
        .block_on(waiter.run(check::run(
            &settings,
            Some(settings.client_id.as_str()),
            &paths::secrets(dir),
        )))
        .unwrap_or_else(check::Report::timed_out);
    if json {
        super::out::json(&report);
    } else {
        outln!("{}", t.msg(&report.verdict.msg()));
        if let Some(advice) = report.verdict.advice() {
            outln!("{}", t.msg(&advice));
        }
        if let Some(said) = &report.said {
            // On one line: a line break in Microsoft's text cannot forge a line of output.
            let m =
                Msg::new("consent-microsoft-said").text("detail", said.replace(['\n', '\r'], " "));
            outln!("{}", super::out::escape(&t.msg(&m)));
        }
        if let (Some(trace), Some(corr)) = (&report.trace_id, &report.correlation_id) {
            // Microsoft's words: one line each, whatever they hold (issue 34 §11).
            let (trace, corr) = (escape_value(trace), escape_value(corr));
            outln!("Trace ID: {trace}  Correlation ID: {corr}");
        }
        if let Some(c) = &report.credential {
            outln!("{}", t.msg(&c.msg().0));
        }
    }
    ExitCode::from(report.verdict.exit_code())
}

/// `consent user|admin|forget`.
pub(super) fn run(dir: &Path, action: &ConsentCmd, t: &Texts) -> ExitCode {
    let (which, no_browser) = match action {
        ConsentCmd::User { no_browser } => (Which::User, *no_browser),
        ConsentCmd::Admin { no_browser } => (Which::Admin, *no_browser),
        // Before msteams.cfg is read: forgetting needs only the secrets file (issue 34 §4).
        ConsentCmd::Forget => {
            let tell = |m: Msg| errln!("{}", t.msg(&m));
            return match crate::ops::consent::forget(dir, tell) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => fail(t, &[Msg::new("save-io-error").inner("detail", e)]),
            };
        }
    };
    let settings = match loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let secrets_path = paths::secrets(dir);
    if !settings.is_configured() {
        let setup = if settings.tenant_id.is_empty() {
            "verdict-no-tenant"
        } else {
            "verdict-no-client-id"
        };
        return fail(t, &[Msg::new(setup)]);
    }
    let show = |url: &str| {
        outln!("{}", escape_value(url));
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        if !no_browser && let Some(m) = open_or_explain(&SystemBrowser, url) {
            errln!("{}", t.msg(&m));
        }
    };
    let cancel = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    // The browser's wait is quiet by design (the URL is printed): the deadline covers it all.
    let waiter = super::wait::Waiter::new(t, Msg::new("wait-consent"), super::wait::CONSENT);
    let given = runtime().block_on(waiter.run(crate::ops::consent::give(
        which,
        &settings,
        t.lang(),
        &secrets_path,
        show,
        cancel,
    )));
    // Past the deadline: said by the waiter; nothing was stored.
    let Ok(given) = given else {
        return ExitCode::from(5);
    };
    let result = given
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
