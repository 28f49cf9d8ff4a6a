//! Microsoft Graph: the bearer-token check every Graph endpoint shares, and the user endpoints
//! (me, users with `$select`, `$top`, `$filter`, paging). Presence is in [`super::presence`].

// Handlers return the error answer itself (`Result<_, Response>`): axum's idiom, built once per
// request, so the size of the error variant does not matter here.
#![allow(clippy::result_large_err)]

use super::errors::graph_error;
use super::state::{GRAPH_APP_ID, User};
use super::tokens::AccessClaims;
use super::{Shared, base_url};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// The caller, from a valid bearer token.
pub(super) struct Caller {
    pub(super) claims: AccessClaims,
}

impl Caller {
    pub(super) fn delegated(&self) -> bool {
        self.claims.idtyp == "user"
    }

    /// Whether the token holds one of the delegated (`scp`) or application (`roles`) permissions.
    pub(super) fn may(&self, delegated: &[&str], application: &[&str]) -> bool {
        match (&self.claims.scp, &self.claims.roles) {
            (Some(scp), _) if self.delegated() => scp.split(' ').any(|s| delegated.contains(&s)),
            (_, Some(roles)) if !self.delegated() => {
                roles.iter().any(|r| application.contains(&r.as_str()))
            }
            _ => false,
        }
    }

    pub(super) fn tenant(&self) -> Uuid {
        Uuid::parse_str(&self.claims.tid).unwrap_or_default()
    }
}

/// A single object's answer with its `@odata.context`, as Graph sends it.
pub(super) fn with_context(headers: &HeaderMap, context: &str, mut body: Value) -> Response {
    if let Value::Object(map) = &mut body {
        let mut out = Map::new();
        out.insert(
            "@odata.context".into(),
            json!(format!("{}/v1.0/$metadata#{context}", base_url(headers))),
        );
        out.extend(std::mem::take(map));
        body = Value::Object(out);
    }
    Json(body).into_response()
}

pub(super) fn authenticate(shared: &Shared, headers: &HeaderMap) -> Result<Caller, Response> {
    let unauthorized = |m: &str| {
        graph_error(
            headers,
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            m,
        )
    };
    let Some(auth) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Err(unauthorized("Access token is empty."));
    };
    let Some(token) = auth.strip_prefix("Bearer ") else {
        return Err(unauthorized("Access token is empty."));
    };
    let claims = match shared.keys.verify(token) {
        Ok(claims) => claims,
        Err(why) => return Err(unauthorized(why.message())),
    };
    if claims.aud != GRAPH_APP_ID {
        return Err(unauthorized(
            "Access token validation failure. Invalid audience.",
        ));
    }
    if let Some(seconds) = shared.faults().graph_throttle_seconds {
        let mut r = graph_error(
            headers,
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            "Too many requests.",
        );
        r.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        return Err(r);
    }
    let mut claims = claims;
    // A delegated token without `scp`: the grant as recorded, as a resource server would look
    // it up (fault `accessTokenWithoutScp`).
    if claims.idtyp == "user" && claims.scp.is_none() {
        let id = |s: &str| Uuid::parse_str(s).unwrap_or_default();
        let granted =
            shared
                .world()
                .granted_delegated(id(&claims.tid), id(&claims.appid), id(&claims.oid));
        claims.scp = Some(granted.into_iter().collect::<Vec<_>>().join(" "));
    }
    Ok(Caller { claims })
}

pub(super) fn forbidden(headers: &HeaderMap) -> Response {
    graph_error(
        headers,
        StatusCode::FORBIDDEN,
        "Forbidden",
        "Insufficient privileges to complete the operation.",
    )
}

pub(super) fn not_found(headers: &HeaderMap, key: &str) -> Response {
    graph_error(
        headers,
        StatusCode::NOT_FOUND,
        "Request_ResourceNotFound",
        &format!(
            "Resource '{key}' does not exist or one of its queried reference-property objects are not present."
        ),
    )
}

pub(super) fn bad_request(headers: &HeaderMap, message: &str) -> Response {
    graph_error(headers, StatusCode::BAD_REQUEST, "BadRequest", message)
}

const DEFAULT_PROPERTIES: [&str; 11] = [
    "businessPhones",
    "displayName",
    "givenName",
    "jobTitle",
    "mail",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
    "surname",
    "userPrincipalName",
    "id",
];

pub(super) fn user_json(u: &User, select: Option<&[String]>) -> Value {
    let (given, surname) = u
        .display_name
        .split_once(' ')
        .unwrap_or((&u.display_name, ""));
    let value = |p: &str| -> Value {
        match p {
            "id" => json!(u.id.to_string()),
            "userPrincipalName" => json!(u.upn),
            "mail" => json!(u.mail),
            "displayName" => json!(u.display_name),
            "givenName" => json!(given),
            "surname" => json!(surname),
            "accountEnabled" => json!(u.enabled),
            "lastPasswordChangeDateTime" => json!(
                u.last_password_change
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            ),
            "passwordPolicies" => json!(u.password_policies),
            "businessPhones" => json!([]),
            _ => Value::Null,
        }
    };
    let mut m = Map::new();
    match select {
        Some(props) => props.iter().for_each(|p| {
            m.insert(p.clone(), value(p));
        }),
        None => DEFAULT_PROPERTIES.iter().for_each(|p| {
            m.insert((*p).to_owned(), value(p));
        }),
    }
    Value::Object(m)
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(rename = "$select")]
    select: Option<String>,
    #[serde(rename = "$top")]
    top: Option<String>,
    #[serde(rename = "$filter")]
    filter: Option<String>,
    #[serde(rename = "$skiptoken")]
    skiptoken: Option<String>,
    #[serde(rename = "$count")]
    count: Option<String>,
}

fn select_list(q: &ListQuery) -> Option<Vec<String>> {
    q.select
        .as_ref()
        .map(|s| s.split(',').map(|p| p.trim().to_owned()).collect())
}

/// The `$filter` forms the emulator understands: `userPrincipalName eq '…'`, `mail eq '…'`,
/// `startswith(displayName,'…')`, `accountEnabled eq true|false`.
type UserFilter = Box<dyn Fn(&User) -> bool>;

fn filter_fn(filter: &str) -> Option<UserFilter> {
    let unquote = |s: &str| {
        s.trim()
            .strip_prefix('\'')?
            .strip_suffix('\'')
            .map(|v| v.replace("''", "'"))
    };
    if let Some(rest) = filter.strip_prefix("startswith(") {
        let (prop, value) = rest.strip_suffix(')')?.split_once(',')?;
        let value = unquote(value)?.to_lowercase();
        let prop = prop.trim().to_owned();
        return Some(Box::new(move |u: &User| {
            let v = match prop.as_str() {
                "displayName" => u.display_name.to_lowercase(),
                "userPrincipalName" => u.upn.to_lowercase(),
                "mail" => u.mail.clone().unwrap_or_default().to_lowercase(),
                _ => return false,
            };
            v.starts_with(&value)
        }));
    }
    let (prop, value) = filter.split_once(" eq ")?;
    match prop.trim() {
        "userPrincipalName" => {
            let v = unquote(value)?.to_lowercase();
            Some(Box::new(move |u: &User| u.upn.to_lowercase() == v))
        }
        "mail" => {
            let v = unquote(value)?.to_lowercase();
            Some(Box::new(move |u: &User| {
                u.mail.as_deref().is_some_and(|m| m.to_lowercase() == v)
            }))
        }
        "accountEnabled" => {
            let v = value.trim() == "true";
            Some(Box::new(move |u: &User| u.enabled == v))
        }
        _ => None,
    }
}

pub async fn users(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if !caller.may(
        &["User.ReadBasic.All", "User.Read.All", "Directory.Read.All"],
        &["User.Read.All", "Directory.Read.All"],
    ) {
        return forbidden(&headers);
    }
    let faults = shared.faults();
    if let Some(r) = shared.graph_failure(&headers, faults.graph_status.users) {
        return r;
    }
    let top = match q.top.as_deref().map(str::parse::<usize>) {
        None => 100,
        Some(Ok(n)) if (1..=999).contains(&n) => n,
        Some(_) => {
            let t = q.top.clone().unwrap_or_default();
            return bad_request(
                &headers,
                &format!(
                    "Invalid page size specified: '{t}'. Must be between 1 and 999 inclusive."
                ),
            );
        }
    };
    // Microsoft's page time grows with the page's size.
    if faults.users_page_ms_per_100 > 0 {
        let ms = faults.users_page_ms_per_100 * top as u64 / 100;
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    let filter = match q.filter.as_deref() {
        None => None,
        Some(f) => match filter_fn(f) {
            Some(f) => Some(f),
            None => return bad_request(&headers, "Unsupported Query."),
        },
    };
    let start = match q.skiptoken.as_deref() {
        None => 0,
        Some(t) => match decode_skiptoken(t) {
            Some(n) => n,
            None => {
                return bad_request(
                    &headers,
                    "The specified page token value has expired and can no longer be included in your request.",
                );
            }
        },
    };
    // `$count` is an advanced query: Graph wants `ConsistencyLevel: eventual` with it.
    let count = q.count.as_deref() == Some("true");
    let eventual = headers
        .get("consistencylevel")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("eventual"));
    if count && !eventual {
        return bad_request(
            &headers,
            "$count requires the ConsistencyLevel header set to eventual (emulator's wording).",
        );
    }
    let select = select_list(&q);
    let world = shared.world();
    let tenant = caller.tenant();
    let mut value = Vec::with_capacity(top);
    let mut next = None;
    for (i, u) in world.users.iter().enumerate().skip(start) {
        if u.tenant != tenant || filter.as_ref().is_some_and(|f| !f(u)) {
            continue;
        }
        if value.len() == top {
            next = Some(i);
            break;
        }
        let mut json = user_json(u, select.as_deref());
        if let Some(n) = faults.oversized_names {
            oversize(&mut json, n);
        }
        value.push(json);
    }
    // A listing that never ends: the first page's users again, behind a new page token.
    if faults.endless_listing && next.is_none() {
        next = Some(0);
    }
    let base = base_url(&headers);
    let mut body = json!({
        "@odata.context": format!("{base}/v1.0/$metadata#users"),
    });
    // The total stands on the first page.
    if count && start == 0 {
        let total = world
            .users
            .iter()
            .filter(|u| u.tenant == tenant && filter.as_ref().is_none_or(|f| f(u)))
            .count();
        body["@odata.count"] = json!(total);
    }
    body["value"] = json!(value);
    if let Some(i) = next {
        let mut url = url::Url::parse(&format!("{base}/v1.0/users")).expect("valid base");
        {
            let mut p = url.query_pairs_mut();
            if let Some(s) = &q.select {
                p.append_pair("$select", s);
            }
            if let Some(f) = &q.filter {
                p.append_pair("$filter", f);
            }
            p.append_pair("$top", &top.to_string());
            if count {
                p.append_pair("$count", "true");
            }
            p.append_pair("$skiptoken", &encode_skiptoken(i));
            if faults.endless_listing {
                p.append_pair("$endless", &uuid::Uuid::new_v4().to_string());
            }
        }
        body["@odata.nextLink"] = json!(url.as_str());
    }
    Json(body).into_response()
}

/// Pads `displayName` and the `userPrincipalName`'s part before the `@` to `n` characters (fault
/// `oversizedNames`).
fn oversize(user: &mut Value, n: usize) {
    let pad = |s: &str| format!("{s}{}", "x".repeat(n.saturating_sub(s.chars().count())));
    if let Some(name) = user["displayName"].as_str() {
        user["displayName"] = json!(pad(name));
    }
    if let Some(upn) = user["userPrincipalName"].as_str() {
        let (local, domain) = upn.split_once('@').unwrap_or((upn, ""));
        user["userPrincipalName"] = json!(format!("{}@{domain}", pad(local)));
    }
}

fn encode_skiptoken(i: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("RFNwdAIAAQAAAB{i}"))
}

fn decode_skiptoken(t: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(t)
        .ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("RFNwdAIAAQAAAB")?
        .parse()
        .ok()
}

pub async fn user(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let world = shared.world();
    let Some(u) = world
        .user_by_key(&key)
        .filter(|u| u.tenant == caller.tenant())
    else {
        return not_found(&headers, &key);
    };
    let own = caller.delegated() && caller.claims.oid == u.id.to_string();
    let allowed = caller.may(
        &["User.ReadBasic.All", "User.Read.All", "Directory.Read.All"],
        &["User.Read.All", "Directory.Read.All"],
    ) || (own && caller.may(&["User.Read"], &[]));
    if !allowed {
        return forbidden(&headers);
    }
    with_context(
        &headers,
        "users/$entity",
        user_json(u, select_list(&q).as_deref()),
    )
}

pub async fn me(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if !caller.delegated() {
        return bad_request(
            &headers,
            "/me request is only valid with delegated authentication flow.",
        );
    }
    if !caller.may(&["User.Read", "User.ReadBasic.All", "User.Read.All"], &[]) {
        return forbidden(&headers);
    }
    let world = shared.world();
    match world.user_by_key(&caller.claims.oid) {
        Some(u) => with_context(
            &headers,
            "users/$entity",
            user_json(u, select_list(&q).as_deref()),
        ),
        None => not_found(&headers, &caller.claims.oid),
    }
}
