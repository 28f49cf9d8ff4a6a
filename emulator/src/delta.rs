//! Graph's `GET /v1.0/users/delta` (change tracking of users): the initial round (every user, page
//! by page, a `@odata.deltaLink` at its end), `$deltatoken=latest` (no users, a delta link for the
//! state now), and a round from a delta link (the users changed since, in their latest state, and
//! the removed ones as `{"id": …, "@removed": {"reason": "changed"}}`). Delegated `User.Read.All`
//! (or `Directory.Read.All`) as Microsoft's page asks; a delta link older than 7 days, a damaged
//! one or the fault `deltaSyncStateNotFound` gets 400 `syncStateNotFound`, Microsoft's answer.

// Handlers return the error answer itself (`Result<_, Response>`), as in `graph`.
#![allow(clippy::result_large_err)]

use super::errors::graph_error;
use super::graph::{authenticate, bad_request, forbidden, user_json};
use super::{Shared, base_url};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::json;

/// Users a page of the initial round unless `Prefer: odata.maxpagesize` asks for another size.
const PAGE: usize = 100;
/// How long a delta link lives (Microsoft: 7 days for identity resources).
const LIFETIME_SECONDS: i64 = 7 * 24 * 3600;

#[derive(Deserialize, Default)]
pub struct DeltaQuery {
    #[serde(rename = "$select")]
    select: Option<String>,
    #[serde(rename = "$deltatoken", alias = "$deltaToken")]
    deltatoken: Option<String>,
    #[serde(rename = "$skiptoken")]
    skiptoken: Option<String>,
}

/// What a token carries: the change counter it stands at, when it was made, where an initial
/// round is (the index of its next user), and the `$select`.
struct State_ {
    seq: u64,
    made: i64,
    next: Option<usize>,
    select: String,
}

fn encode(s: &State_) -> String {
    let next = s.next.map_or(String::from("-"), |n| n.to_string());
    let raw = format!("{}|{}|{}|{}", s.seq, s.made, next, s.select);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

fn decode(token: &str) -> Option<State_> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .ok()?;
    let raw = String::from_utf8(raw).ok()?;
    let mut parts = raw.splitn(4, '|');
    let seq = parts.next()?.parse().ok()?;
    let made = parts.next()?.parse().ok()?;
    let next = match parts.next()? {
        "-" => None,
        n => Some(n.parse().ok()?),
    };
    let select = parts.next()?.to_owned();
    Some(State_ {
        seq,
        made,
        next,
        select,
    })
}

fn sync_state_not_found(headers: &HeaderMap) -> Response {
    graph_error(
        headers,
        StatusCode::BAD_REQUEST,
        "syncStateNotFound",
        "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
    )
}

pub async fn users_delta(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<DeltaQuery>,
) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if !caller.may(
        &["User.Read.All", "Directory.Read.All"],
        &["User.Read.All", "Directory.Read.All"],
    ) {
        return forbidden(&headers);
    }
    let faults = shared.faults();
    let page_size = headers
        .get("prefer")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .find_map(|p| p.trim().strip_prefix("odata.maxpagesize="))
        })
        .and_then(|n| n.trim().parse::<usize>().ok())
        .map_or(PAGE, |n| n.clamp(1, 999));
    if faults.users_page_ms_per_100 > 0 && q.deltatoken.is_none() {
        let ms = faults.users_page_ms_per_100 * page_size as u64 / 100;
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    let now = chrono::Utc::now().timestamp();
    let base = base_url(&headers);
    let link = |s: &State_, kind: &str| format!("{base}/v1.0/users/delta?{kind}={}", encode(s));
    let tenant = caller.tenant();
    let world = shared.world();
    let select_of = |s: &str| -> Option<Vec<String>> {
        (!s.is_empty()).then(|| s.split(',').map(|p| p.trim().to_owned()).collect())
    };
    let mut body = json!({ "@odata.context": format!("{base}/v1.0/$metadata#users") });
    match (q.deltatoken.as_deref(), q.skiptoken.as_deref()) {
        (Some("latest"), _) => {
            if faults.delta_latest_refused {
                return graph_error(
                    &headers,
                    StatusCode::BAD_REQUEST,
                    "BadRequest",
                    "Unsupported query.",
                );
            }
            let s = State_ {
                seq: world.change_seq,
                made: now,
                next: None,
                select: q.select.clone().unwrap_or_default(),
            };
            body["value"] = json!([]);
            body["@odata.deltaLink"] = json!(link(&s, "$deltatoken"));
        }
        (Some(token), _) => {
            let Some(s) = decode(token).filter(|s| s.next.is_none()) else {
                return sync_state_not_found(&headers);
            };
            if faults.delta_sync_state_not_found || now - s.made > LIFETIME_SECONDS {
                return sync_state_not_found(&headers);
            }
            let select = select_of(&s.select);
            let mut value: Vec<_> = world
                .users
                .iter()
                .filter(|u| u.tenant == tenant)
                .filter(|u| world.user_changed.get(&u.id).is_some_and(|&c| c > s.seq))
                .map(|u| user_json(u, select.as_deref()))
                .collect();
            value.extend(
                world
                    .users_removed
                    .iter()
                    .filter(|(c, _, t)| *c > s.seq && *t == tenant)
                    .map(|(_, id, _)| json!({"id": id.to_string(), "@removed": {"reason": "changed"}})),
            );
            let next = State_ {
                seq: world.change_seq,
                made: now,
                ..s
            };
            body["value"] = json!(value);
            body["@odata.deltaLink"] = json!(link(&next, "$deltatoken"));
        }
        (None, skip) => {
            // The initial round: from the start, or where a page token says.
            let s = match skip {
                None => State_ {
                    seq: world.change_seq,
                    made: now,
                    next: Some(0),
                    select: q.select.clone().unwrap_or_default(),
                },
                Some(t) => match decode(t).filter(|s| s.next.is_some()) {
                    Some(s) => s,
                    None => return bad_request(&headers, "Invalid skip token."),
                },
            };
            let select = select_of(&s.select);
            let start = s.next.unwrap_or_default();
            let mut value = Vec::with_capacity(page_size);
            let mut next = None;
            for (i, u) in world.users.iter().enumerate().skip(start) {
                if u.tenant != tenant {
                    continue;
                }
                if value.len() == page_size {
                    next = Some(i);
                    break;
                }
                value.push(user_json(u, select.as_deref()));
            }
            body["value"] = json!(value);
            match next {
                Some(i) => {
                    let s = State_ { next: Some(i), ..s };
                    body["@odata.nextLink"] = json!(link(&s, "$skiptoken"));
                }
                None => {
                    let s = State_ { next: None, ..s };
                    body["@odata.deltaLink"] = json!(link(&s, "$deltatoken"));
                }
            }
        }
    }
    Json(body).into_response()
}
