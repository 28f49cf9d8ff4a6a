//! The worker's side of "App-Registrierung anlegen", "Entfernen" and "Erneuern": the run on the
//! runtime, its steps and the addresses for the browser told through its job, cancelled with the
//! job; afterwards the files read again (the window checks then).

use super::{Ctx, Reply};
use crate::base::i18n::{Lang, Msg};
use crate::microsoft::browser::{Browser, open_or_explain};
use crate::model::config::Settings;
use crate::ops::registration::{self, Created, Guide, Options, Step, StepState};
use crate::ops::store;
use std::sync::Arc;

/// What to do.
#[derive(Debug)]
pub enum RegistrationAction {
    Create(Options),
    /// Remove what a run created.
    Remove(Box<Created>),
    /// Replace the credential of the app the pane created.
    Renew,
}

/// A run with these (saved) settings, in this browser.
#[derive(Debug)]
pub struct RegistrationRequest {
    pub action: RegistrationAction,
    pub settings: Settings,
    pub lang: Lang,
    pub browser: Arc<dyn Browser>,
}

/// How a run ended.
#[derive(Debug)]
pub enum RegistrationEnded {
    /// Created and authorized: the success text.
    Created(Msg),
    /// A step failed: what to tell, and what exists (to remove).
    Failed {
        msgs: Vec<Msg>,
        created: Option<Box<Created>>,
    },
    Removed,
    Renewed(Msg),
    /// Removal or renewal failed.
    Error(Vec<Msg>),
}

/// How far a run is: every step told so far (in order, each with its latest state), the address
/// the browser was sent to last, why the browser did not open.
#[derive(Clone, Debug, Default)]
pub struct RunProgress {
    pub steps: Vec<(Step, StepState)>,
    pub url: Option<String>,
    pub no_browser: Option<Msg>,
}

/// A run's end: how, msteams.cfg as the run left it (it writes `u8sClientId`), the secrets file,
/// and the settings to check with.
#[derive(Debug)]
pub struct RunEnded {
    pub ended: RegistrationEnded,
    pub config: Option<store::LoadedConfig>,
    pub secrets: store::SecretsInfo,
    pub settings: Settings,
}

/// The run's guide: the addresses and steps told to the window, the browser opened, the wait
/// ended by the job's cancel.
struct WorkerGuide<'a> {
    reply: &'a Reply<RunEnded, RunProgress>,
    told: std::sync::Mutex<RunProgress>,
    browser: Arc<dyn Browser>,
}

impl WorkerGuide<'_> {
    fn tell(&self, change: impl FnOnce(&mut RunProgress)) {
        let mut told = self.told.lock().unwrap_or_else(|p| p.into_inner());
        change(&mut told);
        self.reply.progress(told.clone());
    }
}

impl Guide for WorkerGuide<'_> {
    fn open(&self, url: &str) {
        let no_browser = open_or_explain(&*self.browser, url);
        self.tell(|p| {
            p.url = Some(url.to_owned());
            if no_browser.is_some() {
                p.no_browser = no_browser;
            }
        });
    }

    fn step(&self, step: Step, state: StepState) {
        self.tell(|p| match p.steps.iter_mut().find(|(s, _)| *s == step) {
            Some(entry) => entry.1 = state,
            None => p.steps.push((step, state)),
        });
    }

    fn cancelled(&self) -> impl std::future::Future<Output = ()> + Send {
        self.reply.on_cancel()
    }
}

/// Runs `req`; its end with the secrets and msteams.cfg as read afterwards.
pub async fn run(req: RegistrationRequest, reply: Reply<RunEnded, RunProgress>, ctx: Ctx) {
    let guide = WorkerGuide {
        reply: &reply,
        told: Default::default(),
        browser: req.browser.clone(),
    };
    let ended = act(&req, &guide, &ctx).await;
    let dir = ctx.folder.root();
    let config = store::load_config(dir).ok();
    let settings = config.as_ref().and_then(|c| c.settings.clone().ok());
    let secrets = store::load_secrets(dir);
    let settings = settings.unwrap_or_else(|| req.settings.clone());
    reply.finish(RunEnded {
        ended,
        config,
        secrets,
        settings,
    });
}

/// Creates, removes or renews, as `req` says; how it ended.
async fn act(req: &RegistrationRequest, guide: &WorkerGuide<'_>, ctx: &Ctx) -> RegistrationEnded {
    let (dir, settings, lang) = (ctx.folder.root(), &req.settings, req.lang);
    match &req.action {
        RegistrationAction::Create(options) => {
            match registration::create(dir, settings, lang, options, guide).await {
                Ok(created) => RegistrationEnded::Created(
                    Msg::new("reg-done")
                        .text("name", created.display_name.clone())
                        .text("client", created.client_id.unwrap_or_default()),
                ),
                Err(f) => RegistrationEnded::Failed {
                    msgs: f.msgs(),
                    created: f.created.app_object_id.is_some().then_some(f.created),
                },
            }
        }
        RegistrationAction::Remove(created) => {
            match registration::remove(dir, settings, lang, created, guide).await {
                Ok(()) => RegistrationEnded::Removed,
                Err(e) => RegistrationEnded::Error(e.msgs()),
            }
        }
        RegistrationAction::Renew => {
            match registration::renew(dir, settings, lang, guide, async |_| {}).await {
                Ok(info) => RegistrationEnded::Renewed(Msg::new("reg-renewed").text(
                    "date",
                    crate::model::status::local_time(&info.end_date_time),
                )),
                Err(e) => RegistrationEnded::Error(e.msgs()),
            }
        }
    }
}
