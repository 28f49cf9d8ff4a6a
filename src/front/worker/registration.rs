//! The worker's side of "App-Registrierung anlegen", "Entfernen" and "Erneuern": the run on the
//! runtime, its steps and the addresses for the browser reported as events, cancelled with the
//! consents' cancel switch; afterwards the files and the status read again.

use super::{Ctx, Event};
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

/// The run's guide: the addresses and steps told to the window, the browser opened, the wait
/// ended by the consents' cancel switch.
struct WorkerGuide<'a> {
    ctx: &'a Ctx,
    browser: Arc<dyn Browser>,
}

impl Guide for WorkerGuide<'_> {
    fn open(&self, url: &str) {
        self.ctx.send(Event::RegistrationUrl(url.to_owned()));
        if let Some(m) = open_or_explain(&*self.browser, url) {
            self.ctx.send(Event::ConsentNoBrowser(m));
        }
    }

    fn step(&self, step: Step, state: StepState) {
        self.ctx.send(Event::RegistrationStep(step, state));
    }

    fn cancelled(&self) -> impl std::future::Future<Output = ()> + Send {
        self.ctx.cancel.notified()
    }
}

/// Runs `req`, reports its end, then the secrets, msteams.cfg and a check.
pub async fn run(req: RegistrationRequest, ctx: Ctx) {
    let guide = WorkerGuide {
        ctx: &ctx,
        browser: req.browser.clone(),
    };
    let ended = act(&req, &guide, &ctx).await;
    let dir = ctx.folder.root();
    let config = store::load_config(dir).ok();
    let settings = config.as_ref().and_then(|c| c.settings.clone().ok());
    ctx.send(Event::RegistrationEnded {
        ended,
        config: config.map(Box::new),
    });
    ctx.send(Event::SecretsLoaded(Box::new(store::load_secrets(dir))));
    let settings = settings.unwrap_or_else(|| req.settings.clone());
    ctx.send(Event::Checked(Box::new(ctx.check(&settings).await)));
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
