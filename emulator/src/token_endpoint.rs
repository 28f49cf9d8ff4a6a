//! The token endpoint: authorization code with PKCE, refresh token (rotating), client credentials.

use super::assertion;
use super::errors::{self as e, Aadsts, oauth_error};
use super::identity::{TenantRef, parse_scopes, tenant_ref};
use super::state::{GRAPH_APP_ID, Refresh, World};
use super::tokens::{self, AccessClaims, IdClaims};
use super::{Shared, base_url};
use axum::Json;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

pub async fn token(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if let Some(te) = shared.faults().token_error {
        return token_fault(&headers, &te);
    }
    let base = base_url(&headers);
    let mut world = shared.world();
    let tref = match tenant_ref(&shared, &world, &tenant) {
        Ok(t) => t,
        Err(a) => return oauth_error(&headers, "invalid_request", a),
    };
    let f = |k: &str| form.get(k).map(String::as_str);
    // client_secret_basic (as the discovery says): id and secret in `Authorization: Basic`,
    // each form-urlencoded (RFC 6749 §2.3.1).
    let basic = basic_credentials(&headers);
    let Some(client_id) = basic.as_ref().map(|b| b.0.as_str()).or(f("client_id")) else {
        return oauth_error(&headers, "invalid_request", e::missing("client_id"));
    };
    let home = match &tref {
        TenantRef::One(t) => Some(t.id),
        TenantRef::Any => None,
    };
    let app = match world.app_in(client_id, home) {
        Some(a) if !shared.faults().unknown_app => a.clone(),
        _ => {
            return oauth_error(
                &headers,
                "unauthorized_client",
                e::app_not_found(client_id, &tenant),
            );
        }
    };
    match f("grant_type") {
        Some("authorization_code") => {
            let Some(code) = f("code") else {
                return oauth_error(&headers, "invalid_request", e::missing("code"));
            };
            let Some(c) = world.codes.get_mut(code) else {
                return oauth_error(&headers, "invalid_grant", e::invalid_code());
            };
            if c.redeemed {
                return oauth_error(&headers, "invalid_grant", e::code_redeemed());
            }
            if c.expires < Utc::now() {
                return oauth_error(&headers, "invalid_grant", e::code_expired());
            }
            if c.client_id != app.client_id
                || matches!(&tref, TenantRef::One(t) if t.id != c.tenant)
            {
                return oauth_error(&headers, "invalid_grant", e::invalid_code());
            }
            if f("redirect_uri") != Some(c.redirect_uri.as_str()) {
                return oauth_error(&headers, "invalid_grant", e::redirect_mismatch());
            }
            if let Some((challenge, method)) = &c.challenge {
                let Some(verifier) = f("code_verifier") else {
                    return oauth_error(&headers, "invalid_request", e::missing("code_verifier"));
                };
                let ok = match method.as_str() {
                    "S256" => tokens::s256(verifier) == *challenge,
                    _ => verifier == challenge,
                };
                if !ok {
                    return oauth_error(&headers, "invalid_grant", e::verifier_mismatch());
                }
            }
            // Single use: a second redemption is refused from now on.
            c.redeemed = true;
            let c = c.clone();
            let client_info = f("client_info") == Some("1");
            user_tokens(
                &shared,
                &mut world,
                &base,
                &c.scopes,
                c.tenant,
                c.user,
                &app,
                c.nonce.as_deref(),
                client_info,
            )
        }
        Some("refresh_token") => {
            let Some(rt) = f("refresh_token") else {
                return oauth_error(&headers, "invalid_request", e::missing("refresh_token"));
            };
            let faults = shared.faults();
            if faults.password_changed {
                return oauth_error(&headers, "invalid_grant", e::grant_revoked());
            }
            if faults.refresh_token_expired {
                return oauth_error(&headers, "invalid_grant", e::refresh_inactive());
            }
            if faults.mfa_required {
                return oauth_error(&headers, "interaction_required", e::mfa_required());
            }
            // Microsoft issues a new refresh token on every use but does not revoke the old one
            // (it expires after 90 days unused): "Securely delete the old refresh token".
            let Some(r) = world
                .refresh_tokens
                .get(rt)
                .filter(|r| r.client_id == app.client_id)
                .cloned()
            else {
                return oauth_error(&headers, "invalid_grant", e::invalid_refresh());
            };
            // Optional; where sent, "equivalent to or a subset of the scopes requested in the
            // original authorization_code request leg" (Microsoft's auth code flow, refresh).
            let asked = f("scope").map(str::to_owned);
            world.refresh_scopes.push(asked.clone());
            if let Some(asked) = asked {
                let requested = match parse_scopes(&asked, &base, &app.delegated) {
                    Ok(s) => s,
                    Err(bad) => {
                        return oauth_error(&headers, "invalid_scope", e::invalid_scope(&bad));
                    }
                };
                let granted = |s: &String| r.scopes.iter().any(|g| g.eq_ignore_ascii_case(s));
                if !requested.iter().all(granted) {
                    return oauth_error(
                        &headers,
                        "invalid_grant",
                        e::not_consented(&app.client_id.to_string(), &app.name),
                    );
                }
            }
            if let Some(r) = world.refresh_tokens.get_mut(rt) {
                r.last_used = Utc::now();
            }
            let client_info = f("client_info") == Some("1");
            user_tokens(
                &shared,
                &mut world,
                &base,
                &r.scopes,
                r.tenant,
                r.user,
                &app,
                None,
                client_info,
            )
        }
        Some("client_credentials") => {
            let tenant_path = tenant.clone();
            let TenantRef::One(tenant) = tref else {
                return oauth_error(
                    &headers,
                    "invalid_request",
                    Aadsts::new(
                        900023,
                        format!(
                            "Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain."
                        ),
                    ),
                );
            };
            let scope = f("scope").unwrap_or("");
            let faults = shared.faults();
            let secret = basic.as_ref().map(|b| b.1.as_str()).or(f("client_secret"));
            match (secret, f("client_assertion_type"), f("client_assertion")) {
                (Some(secret), _, _) => {
                    if !scope.ends_with("/.default") {
                        return oauth_error(&headers, "invalid_scope", e::default_scope_required());
                    }
                    let found = app.secrets.iter().find(|s| s.value == secret);
                    if faults.client_secret_invalid || found.is_none() {
                        return oauth_error(
                            &headers,
                            "invalid_client",
                            e::invalid_secret(client_id),
                        );
                    }
                    if faults.client_secret_expired || found.is_some_and(|s| s.expires < Utc::now())
                    {
                        return oauth_error(
                            &headers,
                            "invalid_client",
                            e::expired_secret(client_id),
                        );
                    }
                }
                (None, Some(kind), Some(jwt)) => {
                    if kind != assertion::ASSERTION_TYPE {
                        return oauth_error(
                            &headers,
                            "invalid_request",
                            Aadsts::new(50027, format!("Invalid client_assertion_type '{kind}'.")),
                        );
                    }
                    // The token endpoint of the tenant, by id or by the name in the path.
                    let audiences: Vec<String> = [tenant.id.to_string(), tenant_path.clone()]
                        .iter()
                        .flat_map(|t| {
                            ["oauth2/v2.0/token", "oauth2/token"].map(|p| format!("{base}/{t}/{p}"))
                        })
                        .collect();
                    if let Err(a) = assertion::check(
                        jwt,
                        client_id,
                        &app.certificates,
                        &audiences,
                        faults.certificate_expired,
                    ) {
                        return oauth_error(&headers, "invalid_client", a);
                    }
                    if !scope.ends_with("/.default") {
                        return oauth_error(&headers, "invalid_scope", e::default_scope_required());
                    }
                }
                _ => {
                    return oauth_error(
                        &headers,
                        "invalid_client",
                        Aadsts::new(
                            7000218,
                            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                        ),
                    );
                }
            }
            let roles: Vec<String> = world
                .app_roles
                .get(&(tenant.id, app.client_id))
                .map(|r| r.iter().cloned().collect())
                .unwrap_or_default();
            let now = Utc::now().timestamp();
            // Microsoft: in an app token, `oid` and `sub` are the service principal's object id.
            let sp = world
                .service_principal(tenant.id, app.client_id)
                .to_string();
            let claims = AccessClaims {
                aud: GRAPH_APP_ID.into(),
                iss: tokens::graph_issuer(&tenant.id.to_string()),
                iat: now,
                nbf: now,
                exp: now + 3599,
                tid: tenant.id.to_string(),
                sub: sp.clone(),
                oid: sp,
                appid: app.client_id.to_string(),
                appidacr: "1".into(),
                ver: "1.0".into(),
                idtyp: "app".into(),
                upn: None,
                unique_name: None,
                name: None,
                scp: None,
                roles: (!roles.is_empty()).then_some(roles),
                uti: tokens::random(16),
            };
            Json(json!({
                "token_type": "Bearer",
                "expires_in": 3599,
                "ext_expires_in": 3599,
                "access_token": shared.keys.sign(&claims),
            }))
            .into_response()
        }
        Some(other) => oauth_error(
            &headers,
            "unsupported_grant_type",
            e::unsupported_grant(other),
        ),
        None => oauth_error(&headers, "invalid_request", e::missing("grant_type")),
    }
}

/// Access token (with `scp`), id token (with `openid`), refresh token (with `offline_access`).
#[allow(clippy::too_many_arguments)]
fn user_tokens(
    shared: &Shared,
    world: &mut World,
    base: &str,
    scopes: &[String],
    tenant: Uuid,
    user_id: Uuid,
    app: &super::state::App,
    nonce: Option<&str>,
    client_info: bool,
) -> Response {
    let Some(user) = world.user(user_id).cloned() else {
        return (StatusCode::BAD_REQUEST, "user gone").into_response();
    };
    let granted = world.granted_delegated(tenant, app.client_id, user.id);
    let scp: Vec<&str> = granted
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "offline_access")
        .collect();
    let now = Utc::now().timestamp();
    let iss = format!("{base}/{tenant}/v2.0");
    let access = AccessClaims {
        aud: GRAPH_APP_ID.into(),
        iss: tokens::graph_issuer(&tenant.to_string()),
        iat: now,
        nbf: now,
        exp: now + 3599,
        tid: tenant.to_string(),
        sub: user.id.to_string(),
        oid: user.id.to_string(),
        appid: app.client_id.to_string(),
        // The pane signs in as a public client (PKCE, no secret).
        appidacr: "0".into(),
        ver: "1.0".into(),
        idtyp: "user".into(),
        upn: Some(user.upn.clone()),
        unique_name: Some(user.upn.clone()),
        name: Some(user.display_name.clone()),
        scp: (!shared.faults().access_token_without_scp).then(|| scp.join(" ")),
        roles: None,
        uti: tokens::random(16),
    };
    let mut body = json!({
        "token_type": "Bearer",
        "scope": scp.join(" "),
        "expires_in": 3599,
        "ext_expires_in": 3599,
        "access_token": shared.keys.sign(&access),
    });
    if scopes.iter().any(|s| s == "offline_access") {
        let rt = tokens::random(64);
        world.refresh_tokens.insert(
            rt.clone(),
            Refresh {
                client_id: app.client_id,
                tenant,
                user: user.id,
                scopes: scopes.to_vec(),
                last_used: Utc::now(),
            },
        );
        body["refresh_token"] = json!(rt);
    }
    if scopes.iter().any(|s| s == "openid") {
        // Another organization's id token, consistent in itself (its issuer names its tenant).
        let (iss, id_tid) = match shared.faults().id_token_other_tenant {
            true => (
                format!("{base}/{OTHER_TENANT}/v2.0"),
                OTHER_TENANT.to_owned(),
            ),
            false => (iss, tenant.to_string()),
        };
        let id = IdClaims {
            aud: app.client_id.to_string(),
            iss,
            iat: now,
            nbf: now,
            exp: now + 3599,
            sub: user.id.to_string(),
            oid: user.id.to_string(),
            tid: id_tid,
            preferred_username: user.upn.clone(),
            name: user.display_name.clone(),
            ver: "2.0".into(),
            nonce: match shared.faults().id_token_wrong_nonce {
                true => Some("not-the-nonce-sent".to_owned()),
                false => nonce.map(str::to_owned),
            },
        };
        body["id_token"] = json!(shared.keys.sign(&id));
    }
    if client_info {
        let info = json!({ "uid": user.id.to_string(), "utid": tenant.to_string() });
        body["client_info"] = json!(tokens::b64url(info.to_string().as_bytes()));
    }
    Json(body).into_response()
}

/// The tenant of [`crate::Faults::id_token_other_tenant`]'s id tokens.
pub const OTHER_TENANT: &str = "0b7e3c1a-5d2f-4e8a-9c6b-1f2e3d4c5b6a";

/// The client id and secret of an `Authorization: Basic` header, form-urldecoded.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    use base64::Engine as _;
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let unescape = |s: &str| -> String {
        url::form_urlencoded::parse(format!("v={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}

/// The fault `tokenError`: Microsoft's error answer with the status, `error` and AADSTS code given.
fn token_fault(headers: &HeaderMap, te: &super::faults::TokenError) -> Response {
    let mut r = oauth_error(
        headers,
        &te.error,
        Aadsts::new(te.code, te.description.clone()),
    );
    *r.status_mut() = StatusCode::from_u16(te.status).unwrap_or(StatusCode::BAD_REQUEST);
    r
}
