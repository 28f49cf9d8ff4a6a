//! The authorization's jobs: the check (on request and every `check_every`), a consent from the
//! browser to the stored token.

use super::{Ctx, Event, Reply};
use crate::base::i18n::Msg;
use crate::microsoft::browser::open_or_explain;
use crate::model::config::Settings;
use crate::ops::store;

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
