//! The diagnostics' jobs: "Verbindung testen" and the support bundle, each through its use case
//! (`ops::diagnosis`, `ops::support`).

use super::file_jobs::Picked;
use super::{Ctx, Reply, Source};
use crate::base::i18n::Msg;
use crate::model::config::Settings;

/// The connection test: each host's stages, and the consents' check.
pub type Diagnosed = (
    Vec<crate::microsoft::diagnose::HostDiagnosis>,
    crate::ops::check::Report,
);

/// A support bundle to write where the administrator says, with these (saved) settings' check —
/// `None` where msteams.cfg cannot be used: the bundle then names where it is broken, unchecked
/// (issue 34 §14).
#[derive(Debug)]
pub struct BundleRequest {
    pub settings: Option<Settings>,
    pub personal_data: bool,
    pub source: Source,
}

/// What became of a support bundle.
#[derive(Debug)]
pub enum Bundled {
    /// Written (what to say) or failed (why).
    Written(Result<Msg, Msg>),
    /// The dialog was closed without a place.
    Cancelled,
    /// No dialog could be shown: the path is to be typed.
    NoDialog,
}

/// Asks where, checks with Microsoft (for the status in it), writes the bundle.
pub async fn support_bundle(req: BundleRequest, reply: Reply<Bundled>, ctx: Ctx) {
    let dir = ctx.folder.root();
    // The save dialog asks before replacing a file; a typed path never replaces one.
    let typed = matches!(req.source, Source::Path(_));
    let path = match req.source.save("support-bundle.zip".into()).await {
        Picked::Path(p) => p,
        Picked::Cancelled => return reply.finish(Bundled::Cancelled),
        Picked::Unavailable => return reply.finish(Bundled::NoDialog),
    };
    // The UCServer folder is refused always.
    if let Err(m) = crate::ops::support::destination(dir, &path, !typed) {
        let m = match m.id {
            "support-exists" => {
                Msg::new("support-exists-window").text("path", path.display().to_string())
            }
            _ => m,
        };
        return reply.finish(Bundled::Written(Err(m)));
    }
    let (report, diagnosis) = match &req.settings {
        Some(settings) => {
            let (diagnosis, report) = crate::ops::diagnosis::run(dir, settings).await;
            (Some(report), diagnosis)
        }
        None => (None, Vec::new()),
    };
    let options = crate::ops::support::Options {
        personal_data: req.personal_data,
    };
    let dir = dir.to_owned();
    let written = tokio::task::spawn_blocking(move || {
        crate::ops::support::write(&dir, &path, report.as_ref(), &diagnosis, options)
            .map(|_| Msg::new("support-written-window").text("path", path.display().to_string()))
            .map_err(|e| crate::base::i18n::io_error(&path, &e))
    })
    .await
    .unwrap_or_else(|e| Err(Msg::new("load-failed").text("detail", e.to_string())));
    reply.finish(Bundled::Written(written));
}

/// "Verbindung testen": each stage to both hosts, then the consents.
pub async fn diagnose(settings: Settings, reply: Reply<Diagnosed>, ctx: Ctx) {
    reply.finish(crate::ops::diagnosis::run(ctx.folder.root(), &settings).await);
}
