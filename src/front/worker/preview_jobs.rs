//! The preview tab's jobs: the preview computed off the GUI thread, the tenant kept at start, the
//! tenant's listing (kept accounts first, then read again) with progress and cancel, the live
//! presence of every matched account, one user's presence and the presence write test.

use super::{Ctx, PreviewJob, Reply};
use crate::base::i18n::Msg;
use crate::microsoft::graph;
use crate::model::config::Settings;

/// The kept accounts and when they were read, shown while they are read again.
pub type Kept = (
    Vec<crate::model::matching::preview::TenantUser>,
    chrono::DateTime<chrono::Utc>,
);

/// The tenant's accounts as read, or what to tell the administrator.
pub type Listed = Result<Vec<crate::model::matching::preview::TenantUser>, Vec<Msg>>;

/// What the live presence read gave for each account, or why it could not start.
pub type LiveRead = Result<crate::model::presence::Readout, Vec<Msg>>;

/// A user's presence as read for the UPN shown (`None`: Graph reported none), or what to tell
/// the administrator.
pub type PresenceResult = Result<(String, crate::model::presence::Seen), Vec<Msg>>;

/// The matching preview of `job`, computed (on a blocking thread).
pub fn preview(job: PreviewJob, reply: Reply<crate::model::matching::preview::Preview>) {
    if reply.wanted() {
        reply.finish(job.run());
    }
}

/// The tenant kept for msteams.cfg's saved tenant, at the window's start (issue 38): where a
/// user consent is stored and the kept accounts are young (`ops::accounts::kept_young`); read on
/// a blocking thread, no request to Microsoft. The window shows them, then reads again.
pub async fn kept_at_start(reply: Reply<Option<Kept>>, ctx: Ctx) {
    let dir = ctx.folder.root().to_owned();
    let kept = tokio::task::spawn_blocking(move || {
        crate::ops::store::load_config(&dir)
            .ok()
            .and_then(|c| c.settings.ok())
            .filter(Settings::is_configured)
            .and_then(|settings| crate::ops::accounts::kept_young(&dir, &settings))
    })
    .await
    .ok()
    .flatten();
    reply.finish(kept.map(|k| (k.users, k.read_at)));
}

/// Lists the tenant's users: the kept ones at once where there are any (unless `refresh`), then
/// read again (a delta round where it can be) and kept, telling the progress after every page.
pub async fn list_tenant(
    settings: Settings,
    refresh: bool,
    shown: Reply<Option<Kept>>,
    reply: Reply<Listed, graph::Progress>,
    ctx: Ctx,
) {
    let mut cancel = reply.cancelled();
    let progress = |p| reply.progress(p);
    let dir = ctx.folder.root().to_owned();
    let key = crate::ops::kept_tenant::Key::of(&settings);
    let kept = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || crate::ops::kept_tenant::load(&dir, &key))
            .await
            .ok()
            .flatten()
    };
    let consent = crate::ops::accounts::consent_stored(&ctx.folder.secrets());
    shown.finish(match &kept {
        Some(k) if !refresh && consent => Some((k.users.clone(), k.read_at)),
        _ => None,
    });
    let listed =
        crate::ops::accounts::read_again(&dir, &settings, kept, progress, &mut cancel).await;
    reply.finish(listed.map(|a| a.users).map_err(|e| e.msgs()));
}

/// Reads the live presence of `ids`, telling the progress after every request, wait and answer.
pub async fn live_presence(
    settings: Settings,
    ids: Vec<String>,
    reply: Reply<LiveRead, crate::model::presence::Progress>,
    ctx: Ctx,
) {
    let mut cancel = reply.cancelled();
    let progress = |p| reply.progress(p);
    let secrets = ctx.folder.secrets();
    let read =
        crate::ops::presence::read_all(&settings, &secrets, &ids, progress, &mut cancel).await;
    reply.finish(read.map_err(|e| e.presence_msgs()));
}

/// Reads one user's Teams presence.
pub async fn read_presence(
    settings: Settings,
    id: String,
    upn: String,
    reply: Reply<PresenceResult>,
    ctx: Ctx,
) {
    let result = crate::ops::presence::read_one(&settings, &ctx.folder.secrets(), &id).await;
    reply.finish(
        result
            .map(|seen| (upn, seen))
            .map_err(|e| e.presence_msgs()),
    );
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
