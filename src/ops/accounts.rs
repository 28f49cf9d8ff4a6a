//! The tenant's accounts for a preview or a live read (issue 38 §1), shared by the window and
//! the command line: the kept accounts ([`crate::ops::kept_tenant`]) while they are young, else read
//! again with the stored user consent — by a `users/delta` round from the kept delta link where
//! the granted scopes include `User.Read.All` (a link Microsoft no longer knows,
//! `syncStateNotFound`, reads all), otherwise the whole listing — and kept for the next time.
//! The pane asks for no permission beyond the ones it has.

use crate::microsoft::client::Client;
use crate::microsoft::flows::FlowError;
use crate::microsoft::graph::{self, Progress, TenantError};
use crate::model::matching::preview::TenantUser;
use crate::ops::kept_tenant::{self, Kept, Key};
use chrono::{DateTime, Utc};
use std::path::Path;

/// The permission `users/delta` needs (delegated, least privileged per Microsoft's page).
pub const DELTA_SCOPE: &str = "User.Read.All";

/// How the accounts were come by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Kept, young: no request.
    Kept,
    /// A `users/delta` round on the kept ones.
    Delta,
    /// The whole listing.
    Full,
}

/// The accounts, when they were read and how.
#[derive(Clone, Debug)]
pub struct Accounts {
    pub users: Vec<TenantUser>,
    pub read_at: DateTime<Utc>,
    pub source: Source,
}

/// The accounts for the UCServer folder `dir`: the kept ones while young and the user consent is
/// stored (unless `refresh`), else [`read_again`].
pub async fn accounts(
    dir: &Path,
    settings: &crate::model::config::Settings,
    refresh: bool,
    progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Accounts, TenantError> {
    let kept = kept_tenant::load(dir, &Key::of(settings));
    // Only while the consent they were read with is stored: without it, nothing is read.
    if !refresh
        && consent_stored(&crate::base::paths::secrets(dir))
        && let Some(k) = kept.as_ref().filter(|k| k.young(Utc::now()))
    {
        return Ok(Accounts {
            users: k.users.clone(),
            read_at: k.read_at,
            source: Source::Kept,
        });
    }
    read_again(dir, settings, kept, progress, cancel).await
}

/// The kept accounts for `settings` where they serve without a read — young, this tenant's, a
/// user consent stored (the rules of [`accounts`]) — what the window shows at its start before
/// anything is asked of Microsoft. The file is read only where a consent is stored.
pub fn kept_young(dir: &Path, settings: &crate::model::config::Settings) -> Option<Kept> {
    if !consent_stored(&crate::base::paths::secrets(dir)) {
        return None;
    }
    kept_tenant::load(dir, &Key::of(settings)).filter(|k| k.young(Utc::now()))
}

/// Whether a user consent (its refresh token) is stored.
pub fn consent_stored(secrets_path: &Path) -> bool {
    crate::model::secrets::Secrets::load(secrets_path).is_ok_and(|(_, s)| s.refresh_token.is_some())
}

/// Whether the stored user consent's scopes include [`DELTA_SCOPE`] (`scp` names it bare; a
/// scope may also be written with Graph's resource in front).
pub fn delta_granted(secrets_path: &Path) -> bool {
    crate::model::secrets::Secrets::load(secrets_path)
        .ok()
        .and_then(|(_, s)| s.user_consent)
        .is_some_and(|c| {
            c.scopes.iter().any(|s| {
                let name = s.rsplit('/').next().unwrap_or(s);
                name.eq_ignore_ascii_case(DELTA_SCOPE)
            })
        })
}

/// Reads the accounts with the stored user consent and keeps them: a delta round from `kept`'s
/// link where that can be used, else all. Failing to keep them is logged, not an error (the
/// read stands).
pub async fn read_again(
    dir: &Path,
    settings: &crate::model::config::Settings,
    kept: Option<Kept>,
    progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Accounts, TenantError> {
    let client = Client::for_settings(settings).map_err(FlowError::from)?;
    let secrets = crate::base::paths::secrets(dir);
    let key = Key::of(settings);
    let mut outer = cancel.clone();
    let work = async {
        let token = crate::ops::tokens::access_token(&client, &secrets).await?;
        let token = token.expose();
        let delta = delta_granted(&secrets);
        let now = Utc::now();
        if delta && let Some(k) = kept.filter(|k| k.delta_usable(now)) {
            let link = k.delta_link.clone().unwrap_or_default();
            match graph::delta_round(&client, token, &link, cancel).await {
                Ok((changes, link)) => {
                    let users = graph::apply_changes(k.users, changes);
                    return Ok((users, Some(link), Source::Delta, now));
                }
                Err(e) if graph::sync_state_lost(&e) => {
                    tracing::info!("users/delta: the delta link is no longer known; all read")
                }
                Err(e) => return Err(e),
            }
        }
        // The delta link of the state before the listing: a change during it comes again.
        // `$deltatoken=latest` is not in the user-delta page's parameters: where Graph refuses it,
        // this read lists all accounts all the same and the next one does too.
        let link = match delta {
            true => {
                let latest = client.endpoints.users_delta_latest();
                match graph::delta_round(&client, token, &latest, cancel).await {
                    Ok((_, link)) => Some(link),
                    Err(TenantError::Cancelled) => return Err(TenantError::Cancelled),
                    Err(e) => {
                        tracing::warn!("users/delta: no delta link for the next read ({e})");
                        None
                    }
                }
            }
            false => None,
        };
        let users = graph::list_users(&client, token, progress, cancel).await?;
        Ok((users, link, Source::Full, now))
    };
    let (users, delta_link, source, read_at) = tokio::select! {
        biased;
        _ = outer.wait_for(|c| *c) => return Err(TenantError::Cancelled),
        r = work => r?,
    };
    let kept = Kept {
        key,
        read_at,
        delta_link,
        users,
    };
    if let Err(e) = kept_tenant::save(dir, &kept) {
        tracing::warn!("the tenant's accounts could not be kept: {e}");
    }
    Ok(Accounts {
        users: kept.users,
        read_at,
        source,
    })
}
