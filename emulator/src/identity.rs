//! The identity endpoints: OpenID discovery, keys, the authorize page (sign-in and consent), and
//! the helpers the token endpoint ([`super::token`]) and admin consent ([`super::admin`]) share.

use super::errors::{self as e, Aadsts, oauth_error};
use super::pages::{self, PageLang, SignIn};
use super::state::{Code, Tenant, World};
use super::tokens;
use super::{Shared, base_url};
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use serde_json::json;
use std::collections::BTreeSet;
use uuid::Uuid;

pub(super) type Params = Vec<(String, String)>;

pub(super) fn get<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// OpenID Connect scopes, answered by the identity platform itself.
pub(super) const OIDC: [&str; 4] = ["openid", "profile", "email", "offline_access"];
/// Delegated Graph permissions that only an administrator may consent to.
const ADMIN_ONLY: [&str; 3] = [
    "User.Read.All",
    "Directory.Read.All",
    "Application.ReadWrite.All",
];
/// Graph resource prefixes a scope may carry (every cloud's Graph host and the app id).
const GRAPH_PREFIXES: [&str; 5] = [
    "https://graph.microsoft.com/",
    "https://graph.microsoft.us/",
    "https://dod-graph.microsoft.us/",
    "https://microsoftgraph.chinacloudapi.cn/",
    "00000003-0000-0000-c000-000000000000/",
];

/// The tenant a request names: a real one, or `common`/`organizations`.
pub(super) enum TenantRef {
    One(Tenant),
    Any,
}

pub(super) fn tenant_ref(shared: &Shared, world: &World, name: &str) -> Result<TenantRef, Aadsts> {
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
pub(super) fn parse_scopes(
    raw: &str,
    base: &str,
    registered: &[String],
) -> Result<Vec<String>, String> {
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

/// How the authorize endpoint hands its answer back (`response_mode`): in the query (the default
/// for `response_type=code`), in the fragment, or as a form the browser posts to the redirect URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ResponseMode {
    Query,
    Fragment,
    FormPost,
}

impl ResponseMode {
    fn parse(value: Option<&str>) -> Result<Self, Aadsts> {
        match value {
            None | Some("query") => Ok(Self::Query),
            Some("fragment") => Ok(Self::Fragment),
            Some("form_post") => Ok(Self::FormPost),
            Some(other) => Err(e::invalid_response_mode(other)),
        }
    }
}

/// The answer to the client at its redirect URI, in the response mode it asked for.
pub(super) fn reply(mode: ResponseMode, uri: &str, params: &[(&str, &str)]) -> Response {
    let mut url = match url::Url::parse(uri) {
        Ok(u) => u,
        Err(_) => return (StatusCode::BAD_REQUEST, "bad redirect_uri").into_response(),
    };
    let encoded = || {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish()
    };
    match mode {
        ResponseMode::Query => {
            url.query_pairs_mut().extend_pairs(params);
            Redirect::to(url.as_str()).into_response()
        }
        ResponseMode::Fragment => {
            url.set_fragment(Some(&encoded()));
            Redirect::to(url.as_str()).into_response()
        }
        ResponseMode::FormPost => {
            Html(pages::form_post(url.as_str(), params).into_string()).into_response()
        }
    }
}

/// A redirect in the query, as admin consent and the query mode answer.
pub(super) fn redirect_to(uri: &str, params: &[(&str, &str)]) -> Response {
    reply(ResponseMode::Query, uri, params)
}

pub(super) fn redirect_error(
    a: &Authorize,
    error: &str,
    aadsts: &Aadsts,
    headers: &HeaderMap,
) -> Response {
    let trace = Uuid::new_v4().to_string();
    let desc = aadsts.description(&trace, &e::correlation_id(headers), &e::timestamp());
    let mut p = vec![("error", error), ("error_description", desc.as_str())];
    if let Some(s) = a.state.as_deref() {
        p.push(("state", s));
    }
    reply(a.mode, &a.redirect_uri, &p)
}

pub(super) fn lang(headers: &HeaderMap) -> PageLang {
    PageLang::from_accept_language(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

pub(super) fn error_page(headers: &HeaderMap, a: &Aadsts) -> Response {
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
        "authorization_endpoint": format!("{base}/{path_tenant}/oauth2/v2.0/authorize"),
        // Microsoft also lists userinfo, device code and logout endpoints; the emulator has none
        // of them, so it does not name them.
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
pub(super) struct Authorize {
    pub(super) tenant: TenantRef,
    pub(super) app_name: String,
    pub(super) registered: Vec<String>,
    pub(super) client_id: Uuid,
    pub(super) redirect_uri: String,
    pub(super) state: Option<String>,
    pub(super) mode: ResponseMode,
}

pub(super) fn check_authorize(
    shared: &Shared,
    world: &World,
    tenant: &str,
    params: &Params,
) -> Result<Authorize, Aadsts> {
    let tenant = tenant_ref(shared, world, tenant)?;
    let client_id = get(params, "client_id").ok_or_else(|| e::missing("client_id"))?;
    let home = match &tenant {
        TenantRef::One(t) => Some(t.id),
        TenantRef::Any => None,
    };
    let app = match world.app_in(client_id, home) {
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
    let mode = ResponseMode::parse(get(params, "response_mode"))?;
    Ok(Authorize {
        tenant,
        app_name: app.name.clone(),
        registered: app.delegated.clone(),
        client_id: app.client_id,
        redirect_uri: redirect_uri.to_owned(),
        state: get(params, "state").map(str::to_owned),
        mode,
    })
}

pub(super) fn accounts(world: &World, tenant: &TenantRef) -> Vec<String> {
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

pub(super) fn tenant_name(world: &World, tenant: &TenantRef) -> String {
    match tenant {
        TenantRef::One(t) => t.name.clone(),
        TenantRef::Any => world
            .tenants
            .first()
            .map(|t| t.name.clone())
            .unwrap_or_default(),
    }
}

/// How the sign-in page is shown: the account typed (or hinted), the error of the last try, and
/// whether it is the admin consent page.
pub(super) struct Shown<'a> {
    pub(super) login_hint: &'a str,
    pub(super) error: Option<Aadsts>,
    pub(super) admin: bool,
}

/// The sign-in page for the request `a`: its parameters as hidden fields (never what was typed),
/// the permissions in words, the accounts to pick from, and the error of the last try.
pub(super) fn sign_in_page(
    headers: &HeaderMap,
    world: &World,
    a: &Authorize,
    params: &Params,
    scopes: &[String],
    shown: Shown<'_>,
) -> Response {
    let hidden: Params = params
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "username" | "password" | "action"))
        .cloned()
        .collect();
    let error = shown.error.map(|e| format!("AADSTS{}: {}", e.code, e.text));
    let page = SignIn {
        lang: lang(headers),
        app_name: &a.app_name,
        tenant_name: &tenant_name(world, &a.tenant),
        login_hint: shown.login_hint,
        params: &hidden,
        scopes,
        accounts: &accounts(world, &a.tenant),
        error: error.as_deref(),
        admin: shown.admin,
    };
    Html(pages::sign_in(&page).into_string()).into_response()
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
    if get(&params, "response_type") != Some("code") {
        return redirect_error(
            &a,
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
            &a,
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
            return redirect_error(&a, "invalid_request", &e::missing("scope"), &headers);
        }
        Err(bad) => {
            return redirect_error(&a, "invalid_scope", &e::invalid_scope(&bad), &headers);
        }
    };
    let shown = Shown {
        login_hint: get(&params, "login_hint").unwrap_or(""),
        error: None,
        admin: false,
    };
    sign_in_page(&headers, &world, &a, &params, &scopes, shown)
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
            return redirect_error(&a, "invalid_scope", &e::invalid_scope(&bad), &headers);
        }
    };
    if get(&form, "action") != Some("accept") || shared.faults().user_declines {
        return redirect_error(&a, "access_denied", &e::declined(), &headers);
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
        let shown = Shown {
            login_hint: username,
            error: Some(err),
            admin: false,
        };
        sign_in_page(&headers, world, &a, &form, &scopes, shown)
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
            return redirect_error(&a, "access_denied", &e::admin_only(&a.app_name), &headers);
        }
        if !tenant.user_consent_allowed || shared.faults().user_consent_disabled {
            return redirect_error(
                &a,
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
    reply(a.mode, &a.redirect_uri, &p)
}
