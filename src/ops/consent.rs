//! A consent given and stored — the one way the window, the command line and the tests give one
//! ([`give`]) — and the stored consents forgotten ([`forget`]). Microsoft's part is
//! [`flows::obtain`]; here what it gave goes into the secrets file (under the folder's lock) and
//! the audit trail, and the admin consent is verified with the stored app credential. Right before
//! storing, msteams.cfg is read again under the lock: a consent for a tenant or app changed during
//! the sign-in is refused ([`Error::ConfigChanged`]).

use crate::base::i18n::{Lang, Msg};
use crate::microsoft::credential;
use crate::microsoft::flows::{self, AdminConsent, Given, Obtained, Which};
use crate::model::audit::{self, What};
use crate::model::config::Settings;
use crate::model::secrets::{AdminConsentInfo, Secrets, UserConsentInfo};
use crate::ops::Error;
use crate::ops::store::SecretsInfo;
use std::path::Path;

/// One consent end to end: [`flows::obtain`] (the URL told to `show`, the browser's answer
/// awaited until `cancel`), then stored in `secrets_path`: the refresh token and who consented,
/// or the admin consent's record — which is then verified with client credentials where an app
/// credential is stored. Logged in the audit trail.
pub async fn give(
    which: Which,
    settings: &Settings,
    lang: Lang,
    secrets_path: &Path,
    show: impl FnOnce(&str),
    cancel: impl std::future::Future<Output = ()>,
) -> Result<Given, Error> {
    let (client, obtained) = flows::obtain(which, settings, lang, show, cancel).await?;
    let now = chrono::Utc::now().to_rfc3339();
    let given = match obtained {
        Obtained::User {
            consent,
            object_id,
            refresh_token,
        } => {
            let mut changed = false;
            Secrets::update_if(secrets_path, |s| {
                changed = config_changed(secrets_path, settings);
                if changed {
                    return false;
                }
                s.refresh_token = Some(refresh_token.expose().to_owned());
                s.user_consent = Some(UserConsentInfo {
                    upn: consent.upn.clone(),
                    object_id,
                    consented_at: now.clone(),
                    scopes: consent.scopes.clone(),
                    last_refresh: now.clone(),
                    client_id: client.client_id.clone(),
                });
                true
            })?;
            if changed {
                return Err(Error::ConfigChanged);
            }
            Given::User(consent)
        }
        Obtained::Admin { tenant, scope } => {
            let mut stored = None;
            let mut changed = false;
            Secrets::update_if(secrets_path, |s| {
                changed = config_changed(secrets_path, settings);
                if changed {
                    return false;
                }
                s.admin_consent = Some(AdminConsentInfo {
                    configured_tenant: client.tenant.clone(),
                    tenant,
                    client_id: client.client_id.clone(),
                    scope: scope.unwrap_or_else(|| client.endpoints.graph_default_scope()),
                    consented_at: now.clone(),
                    os_account: crate::model::secrets::os_account(),
                });
                stored = credential::stored(s);
                true
            })?;
            if changed {
                return Err(Error::ConfigChanged);
            }
            Given::Admin(match stored {
                Some(Ok(c)) => {
                    flows::check_write(&client, &c).await?;
                    AdminConsent::Verified
                }
                Some(Err(e)) => return Err(Error::Credential(e)),
                None => AdminConsent::Reported,
            })
        }
    };
    if let Some(log) = audit::beside(secrets_path) {
        let (consent, account) = match &given {
            Given::User(c) => ("user", c.upn.clone()),
            Given::Admin(_) => ("admin", client.client_id.clone()),
        };
        let consent = consent.to_owned();
        audit::append(&log, What::ConsentGiven { consent, account });
    }
    Ok(given)
}

/// Whether msteams.cfg beside the secrets file (read under the folder's lock, right before the
/// consent is stored) names another tenant, cloud or app than `settings`, with which the sign-in
/// began; a file that no longer reads counts as changed. Without msteams.cfg beside it (the
/// settings came from elsewhere) nothing can have changed.
fn config_changed(secrets_path: &Path, settings: &Settings) -> bool {
    let cfg = secrets_path.with_file_name("msteams.cfg");
    let now = match crate::base::files::Snapshot::read(&cfg) {
        Ok((_, None)) => return false,
        Ok((_, Some(bytes))) => match crate::model::config::parse(Some(&bytes)) {
            Ok(now) => now,
            Err(_) => return true,
        },
        Err(_) => return true,
    };
    let app = |s: &Settings| {
        (
            s.tenant_id.trim().to_ascii_lowercase(),
            s.client_id.trim().to_ascii_lowercase(),
            s.cloud,
            s.custom_login_url.trim().to_owned(),
            s.custom_graph_url.trim().to_owned(),
        )
    };
    let changed = app(&now) != app(settings);
    if changed {
        tracing::warn!("consent not stored: msteams.cfg changed during the sign-in");
    }
    changed
}

/// Removes the stored user consent (refresh token and its record) and the record of the admin
/// consent: "forget consent". At Microsoft both stay granted until revoked in Entra ID. Writes
/// the secrets file only (msteams.cfg need not parse). Forgetting is always possible: a secrets
/// file that cannot be read (too large, no text, no JSON) is replaced by an empty one — `tell`
/// hears why before it is — since a token kept in an unreadable file is a token not forgotten.
pub fn forget(dir: &Path, tell: impl FnOnce(Msg)) -> Result<SecretsInfo, Msg> {
    let path = crate::base::paths::secrets(dir);
    Secrets::update_replacing_unreadable(
        &path,
        |s| {
            s.refresh_token = None;
            s.user_consent = None;
            s.admin_consent = None;
        },
        |e| tell(Msg::new("forget-replaces-unreadable").inner("why", unreadable_why(e))),
    )
    .map_err(|e| e.msg())?;
    // The accounts read with the consent go with it (issue 38): kept, they would serve a preview.
    for (path, e) in crate::ops::kept_tenant::remove(dir) {
        tracing::warn!("{}: not removed: {e}", path.display());
    }
    audit::append(&audit::path(dir), What::ConsentForgotten);
    Ok(crate::ops::store::load_secrets(dir))
}

/// Why the secrets file "consent forget" replaces cannot be read, in a few words.
fn unreadable_why(e: &crate::model::secrets::SecretsError) -> Msg {
    use crate::base::files::limits::{Refused, mb};
    use crate::model::secrets::SecretsError;
    match e {
        SecretsError::Syntax { line, column, .. } => Msg::new("forget-why-syntax")
            .num("line", *line)
            .num("column", *column),
        SecretsError::Io(io) => match Refused::of(io) {
            Some(Refused::TooLarge { size, max, .. }) => Msg::new("forget-why-too-large")
                .num("size_mb", mb(*size))
                .num("max_mb", mb(*max)),
            Some(Refused::LineTooLong { line, .. }) => {
                Msg::new("forget-why-line-too-long").num("line", *line)
            }
            Some(Refused::NotText { .. }) | None => Msg::new("forget-why-not-text"),
        },
    }
}
