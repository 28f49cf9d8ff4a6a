//! The stored user consent in use: the refresh token redeemed and Microsoft's rotated one
//! stored by compare and swap ([`refresh`]), the read side of the check ([`check_read`]), and
//! the tenant's users read with it ([`list_with_consent`]).

use crate::microsoft::client::{Client, TokenResponse};
use crate::microsoft::flows::{
    self, Account, FlowError, PasswordInfo, READ, Step, StepKind, UserConsent,
};
use crate::microsoft::graph::{self, Progress, TenantError};
use crate::model::matching::preview::TenantUser;
use crate::model::secrets::{Secret, Secrets};
use crate::ops::Error;
use std::path::Path;

/// A delegated access token from the stored refresh token (the user consent). Microsoft's new
/// refresh token is stored before anything else (the old one may already be spent) — and only
/// over the one that was sent (compare and swap under the folder's lock): forgotten meanwhile
/// ("consent forget"), it stays forgotten and the refresh fails; replaced by another program's
/// rotation or a new consent, that one stays.
pub async fn refresh(client: &Client, secrets_path: &Path) -> Result<TokenResponse, Error> {
    let (_, secrets) = Secrets::load(secrets_path)
        .map_err(|e| Error::Secrets(crate::model::secrets::UpdateError::read(secrets_path, e)))?;
    let Some(rt) = secrets.refresh_token.clone() else {
        return Err(FlowError::Missing(READ).into());
    };
    let granted = secrets
        .user_consent
        .as_ref()
        .map(|u| u.scopes.clone())
        .unwrap_or_default();
    let scopes = client.endpoints.refresh_scopes(&granted);
    let tokens = client.refresh(&rt, &scopes).await?;
    if let Some(new_rt) = tokens.refresh_token.clone() {
        let now = chrono::Utc::now().to_rfc3339();
        let mut forgotten = false;
        Secrets::update_if(secrets_path, |s| {
            if s.refresh_token.as_deref() != Some(rt.as_str()) {
                forgotten = s.refresh_token.is_none();
                return false;
            }
            s.refresh_token = Some(new_rt.expose().to_owned());
            if let Some(info) = &mut s.user_consent {
                info.last_refresh = now.clone();
            }
            true
        })?;
        if forgotten {
            return Err(FlowError::Missing(READ).into());
        }
    }
    Ok(tokens)
}

/// A delegated access token from the stored user consent (see [`refresh`]).
pub async fn access_token(client: &Client, secrets_path: &Path) -> Result<Secret, TenantError> {
    Ok(refresh(client, secrets_path).await?.access_token)
}

/// The read side of the check: refresh (the rotation stored), `scp`, a presence read for the
/// consenting account, and its password age (to warn before it breaks).
pub async fn check_read(
    client: &Client,
    secrets_path: &Path,
) -> Result<(UserConsent, Option<PasswordInfo>), Error> {
    check_read_timed(client, secrets_path, &mut Vec::new()).await
}

/// [`check_read`], its refresh and its presence read timed into `steps`.
pub async fn check_read_timed(
    client: &Client,
    secrets_path: &Path,
    steps: &mut Vec<Step>,
) -> Result<(UserConsent, Option<PasswordInfo>), Error> {
    let start = std::time::Instant::now();
    let signed_in = async {
        let tokens = refresh(client, secrets_path).await?;
        // The account: from the id token a refresh brings (no nonce then), else as stored.
        let account = match &tokens.id_token {
            Some(_) => flows::check_id_token(&tokens, client, None)?,
            None => {
                let (_, secrets) = Secrets::load(secrets_path).map_err(|e| {
                    Error::Secrets(crate::model::secrets::UpdateError::read(secrets_path, e))
                })?;
                let info = secrets.user_consent.ok_or(FlowError::Missing(READ))?;
                Account {
                    upn: info.upn,
                    oid: info.object_id,
                    tid: String::new(),
                }
            }
        };
        Ok::<_, Error>((tokens, account))
    }
    .await;
    steps.push(Step::since(StepKind::Refresh, start, signed_in.is_ok()));
    let (tokens, account) = signed_in?;
    let start = std::time::Instant::now();
    let consent = flows::verify_user_token(client, &tokens, &account).await;
    steps.push(Step::since(StepKind::PresenceRead, start, consent.is_ok()));
    let consent = consent?;
    // The password age is a warning, not a condition: a failure here does not fail the check.
    let password = flows::password_info(client, tokens.access_token.expose()).await;
    Ok((consent, password))
}

/// Lists the tenant's users with the stored user consent of `settings`' tenant and app.
pub async fn list_with_consent(
    settings: &crate::model::config::Settings,
    secrets_path: &Path,
    progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Vec<TenantUser>, TenantError> {
    let client = Client::for_settings(settings).map_err(FlowError::from)?;
    // The token request is cancelled as well as the pages.
    let mut outer = cancel.clone();
    let work = async {
        let token = access_token(&client, secrets_path).await?;
        graph::list_users(&client, token.expose(), progress, cancel).await
    };
    tokio::select! {
        biased;
        _ = outer.wait_for(|c| *c) => Err(TenantError::Cancelled),
        r = work => r,
    }
}
