//! Graph presence: read one, read many (`getPresencesByUserId`), app sessions (`setPresence`,
//! `clearPresence`) and the user's preferred presence, aggregated as Microsoft documents.

// Handlers return the error answer itself (`Result<_, Response>`): axum's idiom.
#![allow(clippy::result_large_err)]

use super::Shared;
use super::errors::graph_error;
use super::graph::{Caller, authenticate, bad_request, forbidden, not_found, with_context};
use super::state::{Preferred, Session, World};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// At most this many ids in one `getPresencesByUserId`.
pub const MAX_PRESENCE_IDS: usize = 650;

/// The aggregated presence: an account without a Teams licence has none (`PresenceUnknown`);
/// signed out of Teams with no live app session → Offline; a preferred presence beats the rest;
/// otherwise the highest of what Teams shows and the apps' sessions, DoNotDisturb > Busy >
/// Available > Away (Microsoft's documented precedence).
fn presence_json(world: &World, id: Uuid) -> Value {
    let now = Utc::now();
    let p = world.presence.get(&id);
    let teams = world.user(id).is_none_or(|u| u.teams);
    let base = p.and_then(|p| p.base.as_ref());
    let live: Vec<(&str, &str)> = p
        .map(|p| {
            p.sessions
                .iter()
                .filter(|s| s.expires > now)
                .map(|s| (s.availability.as_str(), s.activity.as_str()))
                .chain(base.map(|(a, b)| (a.as_str(), b.as_str())))
                .collect()
        })
        .unwrap_or_default();
    let rank = |a: &str| match a {
        "DoNotDisturb" => 4,
        "Busy" => 3,
        "Available" => 2,
        "Away" | "BeRightBack" => 1,
        _ => 0,
    };
    let (availability, activity) = if !teams {
        ("PresenceUnknown".to_owned(), "PresenceUnknown".to_owned())
    } else if live.is_empty() {
        ("Offline".to_owned(), "Offline".to_owned())
    } else if let Some(pref) = p
        .and_then(|p| p.preferred.as_ref())
        .filter(|x| x.expires.is_none_or(|e| e > now))
    {
        (pref.availability.clone(), pref.activity.clone())
    } else {
        let best = live.iter().max_by_key(|(a, _)| rank(a)).expect("not empty");
        (best.0.to_owned(), best.1.to_owned())
    };
    json!({
        "id": id.to_string(),
        "availability": availability,
        "activity": activity,
        "statusMessage": null,
        "outOfOfficeSettings": { "message": null, "isOutOfOffice": false },
        "sequenceNumber": format!("C{:018}", p.map_or(0, |p| p.sequence)),
        "workLocation": { "workLocationType": "unspecified", "source": "none", "placeId": null },
    })
}

const READ_DELEGATED: [&str; 3] = ["Presence.Read", "Presence.Read.All", "Presence.ReadWrite"];
const READ_APP: [&str; 2] = ["Presence.Read.All", "Presence.ReadWrite.All"];

pub async fn presence(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = shared.graph_failure(&headers, shared.faults().graph_status.presence) {
        return r;
    }
    if !caller.may(&READ_DELEGATED, &READ_APP) {
        return forbidden(&headers);
    }
    let world = shared.world();
    match world
        .user_by_key(&key)
        .filter(|u| u.tenant == caller.tenant() && u.enabled)
    {
        Some(u) => {
            let context = format!("users('{}')/presence/$entity", u.id);
            with_context(&headers, &context, presence_json(&world, u.id))
        }
        None => not_found(&headers, &key),
    }
}

pub async fn my_presence(State(shared): State<Shared>, headers: HeaderMap) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) = shared.graph_failure(&headers, shared.faults().graph_status.presence) {
        return r;
    }
    if !caller.delegated() {
        return bad_request(
            &headers,
            "/me request is only valid with delegated authentication flow.",
        );
    }
    if !caller.may(&READ_DELEGATED, &[]) {
        return forbidden(&headers);
    }
    let world = shared.world();
    let id = Uuid::parse_str(&caller.claims.oid).unwrap_or_default();
    with_context(
        &headers,
        "users('me')/presence/$entity",
        presence_json(&world, id),
    )
}

#[derive(Deserialize)]
pub struct Ids {
    ids: Vec<String>,
}

pub async fn presences_by_user_id(
    State(shared): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<Ids>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Some(r) =
        shared.graph_failure(&headers, shared.faults().graph_status.presences_by_user_id)
    {
        return r;
    }
    if !caller.may(&READ_DELEGATED, &READ_APP) {
        return forbidden(&headers);
    }
    let Ok(Json(body)) = body else {
        return bad_request(
            &headers,
            "Request body is missing or not valid JSON: expected {\"ids\": [...]}.",
        );
    };
    if body.ids.is_empty() || body.ids.len() > MAX_PRESENCE_IDS {
        return bad_request(
            &headers,
            &format!("The number of ids must be between 1 and {MAX_PRESENCE_IDS}."),
        );
    }
    if let Some(throttled) = shared.presence_throttled(&headers) {
        return throttled;
    }
    let world = shared.world();
    let tenant = caller.tenant();
    // Accounts of other tenants, unknown ids and disabled accounts are left out of the answer
    // (the emulator's model of "no presence for this id").
    let value: Vec<Value> = body
        .ids
        .iter()
        .filter_map(|id| Uuid::parse_str(id).ok())
        .filter(|id| {
            world
                .user(*id)
                .is_some_and(|u| u.tenant == tenant && u.enabled)
        })
        .map(|id| presence_json(&world, id))
        .collect();
    with_context(
        &headers,
        "Collection(microsoft.graph.presence)",
        json!({ "value": value }),
    )
}

/// `PT5M` … `PT4H` (minutes and hours, as Microsoft's examples write them).
fn duration(s: &str) -> Option<Duration> {
    let rest = s.strip_prefix("PT")?;
    let (mut total, mut num) = (0i64, String::new());
    for c in rest.chars() {
        match c {
            '0'..='9' => num.push(c),
            'H' => total += std::mem::take(&mut num).parse::<i64>().ok()? * 3600,
            'M' => total += std::mem::take(&mut num).parse::<i64>().ok()? * 60,
            'S' => total += std::mem::take(&mut num).parse::<i64>().ok()?,
            _ => return None,
        }
    }
    (num.is_empty() && total > 0).then(|| Duration::seconds(total))
}

const SESSION_PAIRS: [(&str, &str); 5] = [
    ("Available", "Available"),
    ("Busy", "InACall"),
    ("Busy", "InAConferenceCall"),
    ("Away", "Away"),
    ("DoNotDisturb", "Presenting"),
];
const PREFERRED_PAIRS: [(&str, &str); 6] = [
    ("Available", "Available"),
    ("Busy", "Busy"),
    ("DoNotDisturb", "DoNotDisturb"),
    ("BeRightBack", "BeRightBack"),
    ("Away", "Away"),
    ("Offline", "OffWork"),
];

fn writer(shared: &Shared, headers: &HeaderMap, key: &str) -> Result<(Caller, Uuid), Response> {
    let caller = authenticate(shared, headers)?;
    let world = shared.world();
    let Some(u) = world
        .user_by_key(key)
        .filter(|u| u.tenant == caller.tenant())
    else {
        return Err(not_found(headers, key));
    };
    let own = caller.delegated() && caller.claims.oid == u.id.to_string();
    if !(caller.may(&[], &["Presence.ReadWrite.All"])
        || (own && caller.may(&["Presence.ReadWrite"], &[])))
    {
        return Err(forbidden(headers));
    }
    Ok((caller, u.id))
}

pub async fn set_presence(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
    Json(body): Json<HashMap<String, String>>,
) -> Response {
    let (caller, id) = match writer(&shared, &headers, &key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (Some(session), Some(av), Some(act)) = (
        body.get("sessionId"),
        body.get("availability"),
        body.get("activity"),
    ) else {
        return bad_request(
            &headers,
            "sessionId, availability and activity are required.",
        );
    };
    if !SESSION_PAIRS.contains(&(av.as_str(), act.as_str())) {
        return bad_request(
            &headers,
            &format!(
                "Invalid presence state: availability '{av}' with activity '{act}' is not supported."
            ),
        );
    }
    let Ok(app) = Uuid::parse_str(session) else {
        return bad_request(&headers, "sessionId must be the application's id.");
    };
    if app.to_string() != caller.claims.appid {
        return bad_request(
            &headers,
            "sessionId must be the id of the calling application.",
        );
    }
    let expires = match body.get("expirationDuration").map(|d| duration(d)) {
        None => Duration::minutes(5),
        Some(Some(d)) if d >= Duration::minutes(5) && d <= Duration::hours(4) => d,
        Some(_) => {
            return bad_request(
                &headers,
                "expirationDuration must be between PT5M and PT4H.",
            );
        }
    };
    let mut world = shared.world();
    let p = world.presence.entry(id).or_default();
    p.sessions.retain(|s| s.app != app);
    p.sessions.push(Session {
        app,
        availability: av.clone(),
        activity: act.clone(),
        expires: Utc::now() + expires,
    });
    p.sequence += 1;
    StatusCode::OK.into_response()
}

pub async fn clear_presence(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
    Json(body): Json<HashMap<String, String>>,
) -> Response {
    let (_, id) = match writer(&shared, &headers, &key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let app = body.get("sessionId").and_then(|s| Uuid::parse_str(s).ok());
    let mut world = shared.world();
    let p = world.presence.entry(id).or_default();
    let before = p.sessions.len();
    p.sessions.retain(|s| Some(s.app) != app);
    if p.sessions.len() == before {
        return graph_error(
            &headers,
            StatusCode::NOT_FOUND,
            "NotFound",
            "The presence session was not found.",
        );
    }
    p.sequence += 1;
    StatusCode::OK.into_response()
}

pub async fn set_preferred(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
    Json(body): Json<HashMap<String, String>>,
) -> Response {
    let (_, id) = match writer(&shared, &headers, &key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (Some(av), Some(act)) = (body.get("availability"), body.get("activity")) else {
        return bad_request(&headers, "availability and activity are required.");
    };
    if !PREFERRED_PAIRS.contains(&(av.as_str(), act.as_str())) {
        return bad_request(
            &headers,
            &format!(
                "Invalid preferred presence: availability '{av}' with activity '{act}' is not supported."
            ),
        );
    }
    let expires = match body.get("expirationDuration").map(|d| duration(d)) {
        None => None,
        Some(Some(d)) => Some(Utc::now() + d),
        Some(None) => {
            return bad_request(&headers, "expirationDuration is not an ISO 8601 duration.");
        }
    };
    let mut world = shared.world();
    let p = world.presence.entry(id).or_default();
    p.preferred = Some(Preferred {
        availability: av.clone(),
        activity: act.clone(),
        expires,
    });
    p.sequence += 1;
    StatusCode::OK.into_response()
}

pub async fn clear_preferred(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Response {
    let (_, id) = match writer(&shared, &headers, &key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut world = shared.world();
    let p = world.presence.entry(id).or_default();
    p.preferred = None;
    p.sequence += 1;
    StatusCode::OK.into_response()
}
