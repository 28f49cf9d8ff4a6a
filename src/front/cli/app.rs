//! `app create|renew|remove|script`: the own app registration from the command line, with the
//! same core as the window's "App-Registrierung anlegen" ([`registration`]).

use super::args::AppCmd;
use super::out::{errln, out, outln};
use super::{describe, fail, loaded_settings, runtime};
use crate::base::i18n::{Msg, Texts};
use crate::base::paths;
use crate::microsoft::browser::{Browser, SystemBrowser};
use crate::microsoft::endpoints::Endpoints;
use crate::model::secrets::Secrets;
use crate::ops::registration::{self, CredentialKind, Guide, Options, Step, StepState};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

/// The command line as the run's guide: URLs printed (and opened), steps printed or collected.
struct CliGuide {
    /// The steps' names, in [`Step::ALL`]'s order.
    labels: Vec<String>,
    no_browser: bool,
    json: bool,
    steps: Mutex<Vec<serde_json::Value>>,
}

impl Guide for CliGuide {
    fn open(&self, url: &str) {
        use std::io::Write as _;
        let shown = super::out::escape_value(url);
        if self.json {
            errln!("{shown}");
        } else {
            outln!("{shown}");
            let _ = std::io::stdout().flush();
        }
        if !self.no_browser {
            let _ = SystemBrowser.open(url);
        }
    }

    fn step(&self, step: Step, state: StepState) {
        let i = Step::ALL
            .iter()
            .position(|s| *s == step)
            .unwrap_or_default();
        let label = &self.labels[i];
        if self.json {
            let v = serde_json::json!({ "step": step, "outcome": state });
            self.steps.lock().expect("steps").push(v);
            return;
        }
        // Microsoft's words and names from Entra ID: one line each (issue 34 §11).
        let state = match state {
            StepState::Done(d) => StepState::Done(super::out::escape_value(&d).into_owned()),
            StepState::Failed(d) => StepState::Failed(super::out::escape_value(&d).into_owned()),
            other => other,
        };
        match state {
            StepState::Running => {}
            StepState::Done(d) if d.is_empty() => outln!("✓ {label}"),
            StepState::Done(d) => outln!("✓ {label}: {d}"),
            StepState::Failed(d) => errln!("✗ {label}: {d}"),
        }
    }

    async fn cancelled(&self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}

pub fn run(dir: &Path, action: &AppCmd, t: &Texts) -> ExitCode {
    let settings = match loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let default_name = t.get("reg-default-name");
    let name_of = |n: &Option<String>| n.clone().unwrap_or(default_name.clone());
    if let AppCmd::Script { name } = action {
        let e = Endpoints::for_settings(&settings);
        out!(
            "{}",
            crate::microsoft::script::powershell(&e, &settings.tenant_id, &name_of(name))
        );
        return ExitCode::SUCCESS;
    }
    if settings.tenant_id.is_empty() {
        return fail(t, &[Msg::new("verdict-no-tenant")]);
    }
    let (no_browser, json) = match action {
        AppCmd::Create {
            no_browser, json, ..
        } => (*no_browser, *json),
        AppCmd::Renew { no_browser } | AppCmd::Remove { no_browser } => (*no_browser, false),
        AppCmd::Script { .. } => unreachable!("handled above"),
    };
    let guide = CliGuide {
        labels: Step::ALL.iter().map(|s| t.get(s.label_id())).collect(),
        no_browser,
        json,
        steps: Mutex::new(Vec::new()),
    };
    let run = Run {
        dir,
        settings: &settings,
        t,
        guide: &guide,
        rt: runtime(),
        waiter: super::wait::Waiter::new(t, Msg::new("wait-app"), super::wait::APP),
    };
    match action {
        AppCmd::Create { name, secret, .. } => create(&run, &name_of(name), *secret, json),
        AppCmd::Renew { .. } => renew(&run),
        AppCmd::Remove { .. } => remove(&run),
        AppCmd::Script { .. } => unreachable!("handled above"),
    }
}

/// What the three runs share: the folder, its settings, the texts, the steps' guide, and the
/// deadline for Microsoft.
struct Run<'a> {
    dir: &'a Path,
    settings: &'a crate::model::config::Settings,
    t: &'a Texts,
    guide: &'a CliGuide,
    rt: tokio::runtime::Runtime,
    waiter: super::wait::Waiter<'a>,
}

impl Run<'_> {
    /// `work` within the deadline; past it the command ends with exit 5 (said by the waiter).
    fn within<T>(&self, work: impl std::future::Future<Output = T>) -> Result<T, ExitCode> {
        self.rt
            .block_on(self.waiter.run(work))
            .map_err(|_| ExitCode::from(5))
    }
}

/// `app create`: the whole run; what was made so far is named when it stops.
fn create(run: &Run, name: &str, secret: bool, json: bool) -> ExitCode {
    let t = run.t;
    if name.trim().is_empty() {
        return fail(t, &[Msg::new("reg-name-empty")]);
    }
    let kind = match secret {
        true => CredentialKind::Secret,
        false => CredentialKind::Certificate,
    };
    let options = Options::new(name, kind);
    let work = registration::create(run.dir, run.settings, t.lang(), &options, run.guide);
    let result = match run.within(work) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (created, error) = match &result {
        Ok(c) => (c, None),
        Err(f) => {
            let text: Vec<String> = f.msgs().iter().map(|m| t.msg(m)).collect();
            (&*f.created, Some(text.join("\n")))
        }
    };
    if json {
        let v = serde_json::json!({
            "steps": *run.guide.steps.lock().expect("steps"),
            "created": created,
            "authorized": error.is_none(),
            "error": error,
        });
        super::out::json(&v);
    }
    let client = created.client_id.clone().unwrap_or_default();
    let named = |id| {
        Msg::new(id)
            .text("name", name.to_owned())
            .text("client", client.clone())
    };
    match error {
        None => {
            if !json {
                outln!("{}", t.msg(&named("reg-done")));
            }
            ExitCode::SUCCESS
        }
        Some(e) => {
            errln!("{}: {e}", t.get("cli-error"));
            if created.app_object_id.is_some() {
                errln!("{}", t.msg(&named("reg-created-so-far")));
            }
            ExitCode::from(2)
        }
    }
}

/// `app renew`: a new credential for the app this pane created.
fn renew(run: &Run) -> ExitCode {
    let t = run.t;
    let work = registration::renew(run.dir, run.settings, t.lang(), run.guide, async |_| {});
    match run.within(work) {
        Err(code) => code,
        Ok(Ok(info)) => {
            let m = Msg::new("reg-renewed").text("date", info.end_date_time);
            outln!("{}", t.msg(&m));
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            errln!("{}: {}", t.get("cli-error"), describe(&e, t));
            ExitCode::from(2)
        }
    }
}

/// `app remove`: the app this pane created, and what it left in the folder.
fn remove(run: &Run) -> ExitCode {
    let t = run.t;
    let recorded = Secrets::load(&paths::secrets(run.dir))
        .ok()
        .and_then(|(_, s)| s.registration);
    let Some(info) = recorded else {
        return fail(t, &[Msg::new("reg-remove-nothing")]);
    };
    let created = registration::Created {
        display_name: info.display_name,
        app_object_id: Some(info.app_object_id),
        client_id: Some(info.client_id),
        previous_client_id: info.previous_client_id,
        ..Default::default()
    };
    let work = registration::remove(run.dir, run.settings, t.lang(), &created, run.guide);
    match run.within(work) {
        Err(code) => code,
        Ok(Ok(())) => {
            outln!("{}", t.get("reg-removed"));
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            errln!("{}: {}", t.get("cli-error"), describe(&e, t));
            ExitCode::from(2)
        }
    }
}
