//! The identity endpoints: OpenID discovery, keys, authorize (sign-in and consent page), token
//! (authorization code with PKCE, refresh token, client credentials) and admin consent (v2, v1).

use super::errors::{self as e, Aadsts, oauth_error};
use super::pages::{self, PageLang, SignIn};
use super::state::{Code, GRAPH_APP_ID, Refresh, Tenant, World};
use super::tokens::{self, AccessClaims, IdClaims};
use super::{Shared, base_url};
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

type Params = Vec<(String, String)>;

fn get<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// OpenID Connect scopes, answered by the identity platform itself.
const OIDC: [&str; 4] = ["openid", "profile", "email", "offline_access"];
/// Delegated Graph permissions that only an administrator may consent to.
const ADMIN_ONLY: [&str; 2] = ["User.Read.All", "Directory.Read.All"];
/// Graph resource prefixes a scope may carry (every cloud's Graph host and the app id).
const GRAPH_PREFIXES: [&str; 5] = [
    "https://graph.microsoft.com/",
    "https://graph.microsoft.us/",
    "https://dod-graph.microsoft.us/",
    "https://microsoftgraph.chinacloudapi.cn/",
    "00000003-0000-0000-c000-000000000000/",
];

/// The tenant a request names: a real one, or `common`/`organizations`.
enum TenantRef {
    One(Tenant),
    Any,
}

fn tenant_ref(shared: &Shared, world: &World, name: &str) -> Result<TenantRef, Aadsts> {
    if shared.faults().unknown_tenant {
        return Err(e::tenant_not_found(name));
    }
    match name.to_ascii_lowercase().as_str() {
        "common" | "organizations" => Ok(TenantRef::Any),
        _ => world
            .tenant(name)
            .cloned()
            .map(TenantRef::One)
            .ok_or_else(|| e::tenant_not_found(name)),
    }
}

/// The scopes of a request: OIDC scopes as they are, Graph permissions without their resource
/// prefix, `.default` expanded to the app's registered permissions.
fn parse_scopes(raw: &str, base: &str, registered: &[String]) -> Result<Vec<String>, String> {
    let own = format!("{base}/");
    let mut out = Vec::new();
    for s in raw.split_whitespace() {
        let bare = GRAPH_PREFIXES
            .iter()
            .copied()
            .chain([own.as_str()])
            .find_map(|p| s.strip_prefix(p))
            .unwrap_or(s);
        if bare == ".default" {
            out.extend(registered.iter().cloned());
        } else if bare.is_empty() || bare.contains('/') || bare.contains(':') {
            return Err(s.to_owned());
        } else {
            out.push(bare.to_owned());
        }
    }
    let mut seen = BTreeSet::new();
    out.retain(|s| seen.insert(s.clone()));
    Ok(out)
}

/// Microsoft's loopback rule: for `http://localhost` (and a registered `http://127.0.0.1`) the port
/// is ignored; every other redirect URI must match exactly (case-sensitive).
pub fn redirect_allowed(registered: &[String], requested: &str) -> bool {
    if requested.len() > 256 {
        return false;
    }
    let Ok(req) = url::Url::parse(requested) else {
        return false;
    };
    registered.iter().any(|r| {
        if r == requested {
            return true;
        }
        let Ok(reg) = url::Url::parse(r) else {
            return false;
        };
        let loopback = matches!(reg.host_str(), Some("localhost") | Some("127.0.0.1"));
        loopback
            && reg.scheme() == "http"
            && req.scheme() == "http"
            && reg.host_str() == req.host_str()
            && reg.path() == req.path()
            && reg.query() == req.query()
    })
}

fn redirect_to(uri: &str, params: &[(&str, &str)]) -> Response {
    let mut url = match url::Url::parse(uri) {
        Ok(u) => u,
        Err(_) => return (StatusCode::BAD_REQUEST, "bad redirect_uri").into_response(),
    };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            q.append_pair(k, v);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

fn redirect_error(
    uri: &str,
    state: Option<&str>,
    error: &str,
    aadsts: &Aadsts,
    headers: &HeaderMap,
) -> Response {
    let trace = Uuid::new_v4().to_string();
    let desc = aadsts.description(&trace, &e::correlation_id(headers), &e::timestamp());
    let mut p = vec![("error", error), ("error_description", desc.as_str())];
    if let Some(s) = state {
        p.push(("state", s));
    }
    redirect_to(uri, &p)
}

fn lang(headers: &HeaderMap) -> PageLang {
    PageLang::from_accept_language(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn error_page(headers: &HeaderMap, a: &Aadsts) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(pages::error(lang(headers), a.code, &a.text).into_string()),
    )
        .into_response()
}

pub async fn discovery(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
) -> Response {
    let world = shared.world();
    let tid = match tenant_ref(&shared, &world, &tenant) {
        Ok(TenantRef::One(t)) => t.id.to_string(),
        Ok(TenantRef::Any) => "{tenantid}".to_owned(),
        Err(a) => return oauth_error(&headers, "invalid_tenant", a),
    };
    let base = base_url(&headers);
    let path_tenant = if tid == "{tenantid}" {
        tenant.clone()
    } else {
        tid.clone()
    };
    Json(json!({
        "token_endpoint": format!("{base}/{path_tenant}/oauth2/v2.0/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": format!("{base}/{path_tenant}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": format!("{base}/{tid}/v2.0"),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": format!("{base}/oidc/userinfo"),
        "authorization_endpoint": format!("{base}/{path_tenant}/oauth2/v2.0/authorize"),
        "device_authorization_endpoint": format!("{base}/{path_tenant}/oauth2/v2.0/devicecode"),
        "http_logout_supported": true,
        "frontchannel_logout_supported": true,
        "end_session_endpoint": format!("{base}/{path_tenant}/oauth2/v2.0/logout"),
        "claims_supported": ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
        "tenant_region_scope": "EU",
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": base.trim_start_matches("http://").trim_start_matches("https://"),
        "rbac_url": "https://pas.windows.net",
    }))
    .into_response()
}

pub async fn keys(State(shared): State<Shared>) -> Response {
    Json(json!({ "keys": [shared.keys.jwk.clone()] })).into_response()
}

/// The checks before any page is shown; errors Microsoft shows on its own page come back as `Err`.
struct Authorize {
    tenant: TenantRef,
    app_name: String,
    registered: Vec<String>,
    client_id: Uuid,
    redirect_uri: String,
    state: Option<String>,
}

fn check_authorize(
    shared: &Shared,
    world: &World,
    tenant: &str,
    params: &Params,
) -> Result<Authorize, Aadsts> {
    let tenant = tenant_ref(shared, world, tenant)?;
    let client_id = get(params, "client_id").ok_or_else(|| e::missing("client_id"))?;
    let app = match world.app(client_id) {
        Some(a) if !shared.faults().unknown_app => a,
        _ => {
            let tname = match &tenant {
                TenantRef::One(t) => t.id.to_string(),
                TenantRef::Any => "common".into(),
            };
            return Err(e::app_not_found(client_id, &tname));
        }
    };
    let redirect_uri = get(params, "redirect_uri").ok_or_else(|| e::missing("redirect_uri"))?;
    if !redirect_allowed(&app.redirect_uris, redirect_uri) {
        return Err(e::reply_url_mismatch(redirect_uri, client_id));
    }
    Ok(Authorize {
        tenant,
        app_name: app.name.clone(),
        registered: app.delegated.clone(),
        client_id: app.client_id,
        redirect_uri: redirect_uri.to_owned(),
        state: get(params, "state").map(str::to_owned),
    })
}

fn accounts(world: &World, tenant: &TenantRef) -> Vec<String> {
    world
        .users
        .iter()
        .filter(|u| {
            matches!(tenant, TenantRef::Any)
                || matches!(tenant, TenantRef::One(t) if t.id == u.tenant)
        })
        .take(50)
        .map(|u| u.upn.clone())
        .collect()
}

fn tenant_name(world: &World, tenant: &TenantRef) -> String {
    match tenant {
        TenantRef::One(t) => t.name.clone(),
        TenantRef::Any => world
            .tenants
            .first()
            .map(|t| t.name.clone())
            .unwrap_or_default(),
    }
}

pub async fn authorize_page(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    let world = shared.world();
    let a = match check_authorize(&shared, &world, &tenant, &params) {
        Ok(a) => a,
        Err(err) => return error_page(&headers, &err),
    };
    let state = a.state.as_deref();
    if get(&params, "response_type") != Some("code") {
        return redirect_error(
            &a.redirect_uri,
            state,
            "unsupported_response_type",
            &Aadsts::new(
                70005,
                "response_type 'token' is not enabled for the application.",
            ),
            &headers,
        );
    }
    if let Some(m) = get(&params, "code_challenge_method")
        && m != "S256"
        && m != "plain"
    {
        return redirect_error(
            &a.redirect_uri,
            state,
            "invalid_request",
            &Aadsts::new(50000, format!("Invalid code_challenge_method '{m}'.")),
            &headers,
        );
    }
    let scopes = match parse_scopes(
        get(&params, "scope").unwrap_or(""),
        &base_url(&headers),
        &a.registered,
    ) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => {
            return redirect_error(
                &a.redirect_uri,
                state,
                "invalid_request",
                &e::missing("scope"),
                &headers,
            );
        }
        Err(bad) => {
            return redirect_error(
                &a.redirect_uri,
                state,
                "invalid_scope",
                &e::invalid_scope(&bad),
                &headers,
            );
        }
    };
    let page = SignIn {
        lang: lang(&headers),
        app_name: &a.app_name,
        tenant_name: &tenant_name(&world, &a.tenant),
        login_hint: get(&params, "login_hint").unwrap_or(""),
        params: &params,
        scopes: &scopes,
        accounts: &accounts(&world, &a.tenant),
        error: None,
        admin: false,
    };
    Html(pages::sign_in(&page).into_string()).into_response()
}

pub async fn authorize_submit(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Params>,
) -> Response {
    let mut world = shared.world();
    let a = match check_authorize(&shared, &world, &tenant, &form) {
        Ok(a) => a,
        Err(err) => return error_page(&headers, &err),
    };
    let state = a.state.as_deref();
    let base = base_url(&headers);
    let scopes = match parse_scopes(get(&form, "scope").unwrap_or(""), &base, &a.registered) {
        Ok(s) => s,
        Err(bad) => {
            return redirect_error(
                &a.redirect_uri,
                state,
                "invalid_scope",
                &e::invalid_scope(&bad),
                &headers,
            );
        }
    };
    if get(&form, "action") != Some("accept") || shared.faults().user_declines {
        return redirect_error(
            &a.redirect_uri,
            state,
            "access_denied",
            &e::declined(),
            &headers,
        );
    }
    let username = get(&form, "username").unwrap_or("");
    let user = world
        .user_by_name(username)
        .cloned()
        .filter(|u| match &a.tenant {
            TenantRef::One(t) => u.tenant == t.id,
            TenantRef::Any => true,
        });
    let reshow = |world: &World, err: Aadsts| {
        let params: Params = form
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "username" | "password" | "action"))
            .cloned()
            .collect();
        let text = format!("AADSTS{}: {}", err.code, err.text);
        let page = SignIn {
            lang: lang(&headers),
            app_name: &a.app_name,
            tenant_name: &tenant_name(world, &a.tenant),
            login_hint: username,
            params: &params,
            scopes: &scopes,
            accounts: &accounts(world, &a.tenant),
            error: Some(&text),
            admin: false,
        };
        Html(pages::sign_in(&page).into_string()).into_response()
    };
    let Some(user) = user.filter(|u| u.password == get(&form, "password").unwrap_or("")) else {
        return reshow(&world, e::wrong_password());
    };
    if !user.enabled {
        return reshow(&world, e::account_disabled());
    }
    let tenant = world
        .tenants
        .iter()
        .find(|t| t.id == user.tenant)
        .cloned()
        .expect("user's tenant");
    let graph: BTreeSet<String> = scopes
        .iter()
        .filter(|s| !OIDC.contains(&s.as_str()))
        .cloned()
        .collect();
    let granted = world.granted_delegated(tenant.id, a.client_id, user.id);
    let missing: Vec<&String> = graph.iter().filter(|s| !granted.contains(*s)).collect();
    if !user.admin && !missing.is_empty() {
        if missing.iter().any(|s| ADMIN_ONLY.contains(&s.as_str())) {
            return redirect_error(
                &a.redirect_uri,
                state,
                "access_denied",
                &e::admin_only(&a.app_name),
                &headers,
            );
        }
        if !tenant.user_consent_allowed || shared.faults().user_consent_disabled {
            return redirect_error(
                &a.redirect_uri,
                state,
                "access_denied",
                &e::consent_policy(&tenant.name, &a.app_name),
                &headers,
            );
        }
    }
    world
        .delegated_grants
        .entry((tenant.id, a.client_id, Some(user.id)))
        .or_default()
        .extend(scopes.iter().cloned());
    let code = tokens::random(48);
    let challenge = get(&form, "code_challenge").map(|c| {
        (
            c.to_owned(),
            get(&form, "code_challenge_method")
                .unwrap_or("plain")
                .to_owned(),
        )
    });
    world.codes.insert(
        code.clone(),
        Code {
            client_id: a.client_id,
            tenant: tenant.id,
            user: user.id,
            redirect_uri: a.redirect_uri.clone(),
            challenge,
            scopes,
            nonce: get(&form, "nonce").map(str::to_owned),
            expires: Utc::now() + Duration::minutes(10),
            redeemed: false,
        },
    );
    let session = Uuid::new_v4().to_string();
    let mut p = vec![("code", code.as_str())];
    if let Some(s) = state {
        p.push(("state", s));
    }
    p.push(("session_state", &session));
    redirect_to(&a.redirect_uri, &p)
}

pub async fn token(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let base = base_url(&headers);
    let mut world = shared.world();
    let tref = match tenant_ref(&shared, &world, &tenant) {
        Ok(t) => t,
        Err(a) => return oauth_error(&headers, "invalid_request", a),
    };
    let f = |k: &str| form.get(k).map(String::as_str);
    let Some(client_id) = f("client_id") else {
        return oauth_error(&headers, "invalid_request", e::missing("client_id"));
    };
    let app = match world.app(client_id) {
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
            let Some(r) = world
                .refresh_tokens
                .remove(rt)
                .filter(|r| r.client_id == app.client_id)
            else {
                return oauth_error(&headers, "invalid_grant", e::invalid_refresh());
            };
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
            let Some(secret) = f("client_secret") else {
                return oauth_error(
                    &headers,
                    "invalid_client",
                    Aadsts::new(
                        7000218,
                        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                    ),
                );
            };
            let scope = f("scope").unwrap_or("");
            if !scope.ends_with("/.default") {
                return oauth_error(&headers, "invalid_scope", e::default_scope_required());
            }
            let faults = shared.faults();
            let found = app.secrets.iter().find(|s| s.value == secret);
            if faults.client_secret_invalid || found.is_none() {
                return oauth_error(&headers, "invalid_client", e::invalid_secret(client_id));
            }
            if faults.client_secret_expired || found.is_some_and(|s| s.expires < Utc::now()) {
                return oauth_error(&headers, "invalid_client", e::expired_secret(client_id));
            }
            let roles: Vec<String> = world
                .app_roles
                .get(&(tenant.id, app.client_id))
                .map(|r| r.iter().cloned().collect())
                .unwrap_or_default();
            let now = Utc::now().timestamp();
            let claims = AccessClaims {
                aud: GRAPH_APP_ID.into(),
                iss: format!("{base}/{}/v2.0", tenant.id),
                iat: now,
                nbf: now,
                exp: now + 3599,
                tid: tenant.id.to_string(),
                sub: app.client_id.to_string(),
                oid: app.client_id.to_string(),
                appid: app.client_id.to_string(),
                azp: app.client_id.to_string(),
                ver: "2.0".into(),
                idtyp: "app".into(),
                upn: None,
                preferred_username: None,
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
        iss: iss.clone(),
        iat: now,
        nbf: now,
        exp: now + 3599,
        tid: tenant.to_string(),
        sub: user.id.to_string(),
        oid: user.id.to_string(),
        appid: app.client_id.to_string(),
        azp: app.client_id.to_string(),
        ver: "2.0".into(),
        idtyp: "user".into(),
        upn: Some(user.upn.clone()),
        preferred_username: Some(user.upn.clone()),
        name: Some(user.display_name.clone()),
        scp: Some(scp.join(" ")),
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
        let id = IdClaims {
            aud: app.client_id.to_string(),
            iss,
            iat: now,
            nbf: now,
            exp: now + 3599,
            sub: user.id.to_string(),
            oid: user.id.to_string(),
            tid: tenant.to_string(),
            preferred_username: user.upn.clone(),
            name: user.display_name.clone(),
            ver: "2.0".into(),
            nonce: nonce.map(str::to_owned),
        };
        body["id_token"] = json!(shared.keys.sign(&id));
    }
    if client_info {
        let info = json!({ "uid": user.id.to_string(), "utid": tenant.to_string() });
        body["client_info"] = json!(tokens::b64url(info.to_string().as_bytes()));
    }
    Json(body).into_response()
}

/// `GET /{tenant}/v2.0/adminconsent` and `GET /{tenant}/adminconsent` (v1, no scope).
pub async fn admin_consent_page(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    admin_consent(shared, tenant, headers, params, None).await
}

pub async fn admin_consent_submit(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Params>,
) -> Response {
    let action = get(&form, "action").map(str::to_owned);
    admin_consent(shared, tenant, headers, form, Some(action)).await
}

async fn admin_consent(
    shared: Shared,
    tenant: String,
    headers: HeaderMap,
    params: Params,
    submitted: Option<Option<String>>,
) -> Response {
    let v2 = get(&params, "scope").is_some();
    let mut world = shared.world();
    if v2 && tenant.eq_ignore_ascii_case("common") {
        return error_page(
            &headers,
            &Aadsts::new(
                90130,
                "Application does not support the 'common' endpoint for admin consent. Use 'organizations' or the tenant's id or domain.",
            ),
        );
    }
    let a = match check_authorize(&shared, &world, &tenant, &params) {
        Ok(a) => a,
        Err(err) => return error_page(&headers, &err),
    };
    let state = a.state.as_deref();
    let app = world
        .app(&a.client_id.to_string())
        .cloned()
        .expect("checked");
    let mut listed: Vec<String> = app.application.clone();
    listed.extend(
        app.delegated
            .iter()
            .filter(|s| !OIDC.contains(&s.as_str()))
            .cloned(),
    );
    let show = |world: &World, error: Option<&str>, username: &str| {
        let hidden: Params = params
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "username" | "password" | "action"))
            .cloned()
            .collect();
        let page = SignIn {
            lang: lang(&headers),
            app_name: &a.app_name,
            tenant_name: &tenant_name(world, &a.tenant),
            login_hint: username,
            params: &hidden,
            scopes: &listed,
            accounts: &accounts(world, &a.tenant),
            error,
            admin: true,
        };
        Html(pages::sign_in(&page).into_string()).into_response()
    };
    let Some(action) = submitted else {
        return show(&world, None, get(&params, "login_hint").unwrap_or(""));
    };
    if action.as_deref() != Some("accept") {
        return if v2 {
            redirect_error(
                &a.redirect_uri,
                state,
                "access_denied",
                &e::declined(),
                &headers,
            )
        } else {
            let mut p = vec![
                ("error", "permission_denied"),
                ("error_description", "The admin canceled the request"),
            ];
            if let Some(s) = state {
                p.push(("state", s));
            }
            redirect_to(&a.redirect_uri, &p)
        };
    }
    let username = get(&params, "username").unwrap_or("");
    let user = world
        .user_by_name(username)
        .cloned()
        .filter(|u| match &a.tenant {
            TenantRef::One(t) => u.tenant == t.id,
            TenantRef::Any => true,
        });
    let Some(user) =
        user.filter(|u| u.password == get(&params, "password").unwrap_or("") && u.enabled)
    else {
        let err = e::wrong_password();
        return show(
            &world,
            Some(&format!("AADSTS{}: {}", err.code, err.text)),
            username,
        );
    };
    if !user.admin {
        let err = e::admin_only(&a.app_name);
        return show(
            &world,
            Some(&format!("AADSTS{}: {}", err.code, err.text)),
            username,
        );
    }
    // Tenant-wide consent replaces earlier tenant-wide grants of the app.
    let tid = user.tenant;
    world.app_roles.insert(
        (tid, app.client_id),
        app.application.iter().cloned().collect(),
    );
    world.delegated_grants.insert(
        (tid, app.client_id, None),
        app.delegated.iter().cloned().collect(),
    );
    let tid = tid.to_string();
    let mut p = vec![("admin_consent", "True"), ("tenant", tid.as_str())];
    if let Some(scope) = get(&params, "scope") {
        p.push(("scope", scope));
    }
    if let Some(s) = state {
        p.push(("state", s));
    }
    redirect_to(&a.redirect_uri, &p)
}
