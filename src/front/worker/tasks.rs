//! The worker's tasks for the consents and the service: a folder job on a blocking thread, the
//! check (on request and every `check_every`), a consent from the browser to the stored token,
//! the presence write test (its outcome through its [`super::Reply`]), finding and restarting the UCServer service.

use super::{Ctx, Event, Reply};
use crate::base::i18n::{Lang, Msg};
use crate::base::platform::service;
use crate::microsoft::browser::open_or_explain;
use crate::model::config::Settings;
use crate::ops::store;

/// The services that name the UCServer, and the one chosen last time (when still there).
pub type ServicesFound = (Vec<service::Found>, Option<String>);

/// How long the service may take to stop, and to start.
const SERVICE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Checks both consents with `settings`.
pub async fn check(settings: Settings, reply: Reply<crate::ops::check::Report>, ctx: Ctx) {
    reply.finish(ctx.check(&settings).await);
}

/// Checks again every `every` with the settings of the last check, until the window is gone.
pub async fn check_every(every: std::time::Duration, ctx: Ctx) {
    loop {
        tokio::time::sleep(every).await;
        let settings = ctx.latest.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(settings) = settings
            && !ctx.send(Event::Checked(Box::new(ctx.check(&settings).await)))
        {
            break;
        }
    }
}

/// A consent from the browser to the stored token; the secrets file as it is afterwards (the
/// window checks then, with the settings given back).
pub async fn consent(req: super::ConsentRequest, reply: Reply<Consented, Waiting>, ctx: Ctx) {
    let show = |url: &str| {
        // Without a browser the wait goes on: the address can be opened by hand (shown, copyable).
        let no_browser = open_or_explain(&*req.browser, url);
        reply.progress(Waiting {
            which: req.which,
            url: url.to_owned(),
            no_browser,
        });
    };
    let outcome = crate::ops::consent::give(
        req.which,
        &req.settings,
        req.lang,
        &ctx.folder.secrets(),
        show,
        reply.on_cancel(),
    )
    .await
    .map(|given| given.msg())
    .map_err(|e| e.msgs());
    let secrets = store::load_secrets(ctx.folder.root());
    reply.finish(Consented {
        outcome,
        secrets,
        settings: req.settings,
    });
}

/// The browser a consent waits for: which consent, the address it was sent to, and why it did
/// not open (the address is then opened by hand).
#[derive(Debug)]
pub struct Waiting {
    pub which: crate::ops::check::Which,
    pub url: String,
    pub no_browser: Option<Msg>,
}

/// How a consent ended, the secrets file afterwards, and the settings to check with.
#[derive(Debug)]
pub struct Consented {
    /// What to tell the administrator (`Ok`: success text).
    pub outcome: Result<Msg, Vec<Msg>>,
    pub secrets: store::SecretsInfo,
    pub settings: Settings,
}

/// The presence write test for one user (object id `id`, `upn` to show).
pub async fn write_presence(
    settings: Settings,
    id: String,
    upn: String,
    reply: super::Reply<Result<Msg, Vec<Msg>>>,
    ctx: Ctx,
) {
    let r = crate::ops::presence::write_test(&settings, &ctx.folder.secrets(), &id).await;
    let outcome = match r {
        Ok(w) => w.outcome(&upn).map_err(|m| vec![m]),
        Err(e) => Err(e.msgs()),
    };
    reply.finish(outcome);
}

/// The services that name the UCServer, and the one chosen last time (when still there).
pub fn find_service(reply: Reply<ServicesFound>) {
    let found = service::candidates();
    let remembered = service::remembered().filter(|r| found.iter().any(|f| &f.name == r));
    reply.finish((found, remembered));
}

/// Restarts the service, each step told; a chosen service is remembered for the next time.
pub fn restart_service(
    name: String,
    elevated: bool,
    lang: Lang,
    reply: super::Reply<Result<(), service::RestartError>, service::Step>,
) {
    if let Err(e) = service::remember(&name) {
        tracing::warn!("could not remember the service {name}: {e}");
    }
    let result = if elevated {
        std::env::current_exe()
            .map_err(|e| service::RestartError::Other(e.to_string()))
            .and_then(|exe| service::restart_elevated(&exe, &name, SERVICE_TIMEOUT, lang.code()))
    } else {
        service::restart(&name, SERVICE_TIMEOUT, &mut |step| reply.progress(step))
    };
    reply.finish(result);
}
