//! Graph's app registrations (issue 13 §4): create an application (`POST /applications`), read and
//! delete it, add and remove client secrets (`addPassword`, `removePassword`), and create its
//! service principal (`POST /servicePrincipals`), set certificates (`PATCH` of `keyCredentials`) — with Graph's shapes and errors: 403 without
//! `Application.ReadWrite.All` (or when the tenant's policy or the account's role forbids it),
//! 400 for a manifest Graph would refuse, 404 for an unknown id.

// Handlers return the error answer itself (`Result<_, Response>`): axum's idiom.
#![allow(clippy::result_large_err)]

use super::Shared;
use super::errors::graph_error;
use super::graph::{Caller, authenticate, bad_request, not_found, with_context};
use super::state::Certificate;
use super::state::{App, GRAPH_APP_ID, GRAPH_PERMISSIONS, Secret};
use super::tokens;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

const WRITE: [&str; 1] = ["Application.ReadWrite.All"];

/// The caller, when it may write app registrations.
fn writer(shared: &Shared, headers: &HeaderMap) -> Result<Caller, Response> {
    let caller = authenticate(shared, headers)?;
    let faults = shared.faults();
    let admin = caller.delegated()
        && shared
            .world()
            .user_by_key(&caller.claims.oid)
            .is_some_and(|u| u.admin);
    let denied = !caller.may(&WRITE, &WRITE)
        || faults.admin_lacks_role
        || (faults.users_cannot_register_apps && caller.delegated() && !admin);
    if denied {
        return Err(graph_error(
            headers,
            StatusCode::FORBIDDEN,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        ));
    }
    Ok(caller)
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A password credential as Graph lists it (`secretText` only in the answer to `addPassword`).
fn password_json(s: &Secret, with_text: bool) -> Value {
    let mut v = json!({
        "customKeyIdentifier": null,
        "displayName": s.display_name,
        "endDateTime": time(s.expires),
        "hint": s.value.chars().take(3).collect::<String>(),
        "keyId": s.key_id,
        "secretText": null,
        "startDateTime": time(s.starts),
    });
    if with_text {
        v["secretText"] = json!(s.value);
    }
    v
}

fn application_json(app: &App) -> Value {
    let access: Vec<Value> = GRAPH_PERMISSIONS
        .iter()
        .filter(|(_, name, kind)| match *kind {
            "Scope" => app.delegated.iter().any(|d| d == name),
            _ => app.application.iter().any(|a| a == name),
        })
        .map(|(id, _, kind)| json!({ "id": id, "type": kind }))
        .collect();
    json!({
        "id": app.object_id,
        "appId": app.client_id,
        "displayName": app.name,
        "signInAudience": "AzureADMyOrg",
        "publicClient": { "redirectUris": app.redirect_uris },
        "requiredResourceAccess": [{ "resourceAppId": GRAPH_APP_ID, "resourceAccess": access }],
        "passwordCredentials": app.secrets.iter().map(|s| password_json(s, false)).collect::<Vec<_>>(),
        "keyCredentials": app.certificates.iter().map(key_json).collect::<Vec<_>>(),
    })
}

/// A key credential as Graph lists it (`key` only when selected; never here).
fn key_json(k: &Certificate) -> Value {
    json!({
        "customKeyIdentifier": STANDARD.encode(k.thumbprint_sha1()),
        "displayName": k.display_name,
        "endDateTime": time(k.expires),
        "key": null,
        "keyId": k.key_id,
        "startDateTime": time(k.starts),
        "type": "AsymmetricX509Cert",
        "usage": "Verify",
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewApplication {
    display_name: Option<String>,
    sign_in_audience: Option<String>,
    #[serde(default)]
    public_client: Option<PublicClient>,
    #[serde(default)]
    required_resource_access: Vec<ResourceAccess>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicClient {
    #[serde(default)]
    redirect_uris: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceAccess {
    resource_app_id: String,
    resource_access: Vec<Access>,
}

#[derive(Deserialize)]
pub struct Access {
    id: String,
    #[serde(rename = "type")]
    kind: String,
}

/// `POST /v1.0/applications`: a single-tenant registration in the caller's tenant.
pub async fn create_application(
    State(shared): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<NewApplication>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let caller = match writer(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Ok(Json(new)) = body else {
        return bad_request(&headers, "Unable to read JSON request payload.");
    };
    let Some(name) = new.display_name.filter(|n| !n.trim().is_empty()) else {
        return bad_request(
            &headers,
            "Property 'displayName' is required and cannot be empty.",
        );
    };
    if new
        .sign_in_audience
        .as_deref()
        .is_some_and(|a| a != "AzureADMyOrg")
    {
        return bad_request(
            &headers,
            "Invalid value specified for property 'signInAudience' of resource 'Application'.",
        );
    }
    let (mut delegated, mut application) = (Vec::new(), Vec::new());
    for resource in &new.required_resource_access {
        for access in &resource.resource_access {
            let known = GRAPH_PERMISSIONS
                .iter()
                .find(|(id, _, kind)| *id == access.id && *kind == access.kind);
            match known {
                Some((_, name, "Scope")) if resource.resource_app_id == GRAPH_APP_ID => {
                    delegated.push((*name).to_owned())
                }
                Some((_, name, _)) if resource.resource_app_id == GRAPH_APP_ID => {
                    application.push((*name).to_owned())
                }
                _ => {
                    return bad_request(
                        &headers,
                        "Invalid value specified for property 'resourceAccess' of resource 'RequiredResourceAccess'.",
                    );
                }
            }
        }
    }
    let app = App {
        client_id: Uuid::new_v4(),
        object_id: Uuid::new_v4(),
        home_tenant: Some(caller.tenant()),
        name,
        secrets: Vec::new(),
        certificates: Vec::new(),
        redirect_uris: new
            .public_client
            .map(|p| p.redirect_uris)
            .unwrap_or_default(),
        delegated,
        application,
    };
    let body = application_json(&app);
    shared.world().apps.push(app);
    let mut r = with_context(&headers, "applications/$entity", body);
    *r.status_mut() = StatusCode::CREATED;
    r
}

/// The registration `id` (object id) in the caller's tenant.
fn own_app<'a>(apps: &'a mut [App], caller: &Caller, id: &str) -> Option<&'a mut App> {
    let id = Uuid::parse_str(id).ok()?;
    apps.iter_mut()
        .find(|a| a.object_id == id && a.home_tenant == Some(caller.tenant()))
}

/// `GET /v1.0/applications/{id}`.
pub async fn get_application(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let caller = match authenticate(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let mut world = shared.world();
    match own_app(&mut world.apps, &caller, &id) {
        Some(app) => with_context(&headers, "applications/$entity", application_json(app)),
        None => not_found(&headers, &id),
    }
}

/// `DELETE /v1.0/applications/{id}`: the registration and its service principals go.
pub async fn delete_application(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let caller = match writer(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let mut world = shared.world();
    let Some(client_id) = own_app(&mut world.apps, &caller, &id).map(|a| a.client_id) else {
        return not_found(&headers, &id);
    };
    world.apps.retain(|a| a.client_id != client_id);
    world
        .service_principals
        .retain(|(_, app), _| *app != client_id);
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationPatch {
    key_credentials: Option<Vec<NewKey>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewKey {
    #[serde(rename = "type")]
    kind: Option<String>,
    usage: Option<String>,
    /// The certificate, base64 of its DER.
    key: Option<String>,
    key_id: Option<Uuid>,
    display_name: Option<String>,
    start_date_time: Option<String>,
    end_date_time: Option<String>,
}

/// `PATCH /v1.0/applications/{id}`: `keyCredentials` replaces the app's certificates — every
/// one the app keeps must be sent again with its `key`, as Graph requires.
pub async fn update_application(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<ApplicationPatch>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let caller = match writer(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Ok(Json(patch)) = body else {
        return bad_request(&headers, "Unable to read JSON request payload.");
    };
    let now = Utc::now();
    let mut certificates = Vec::new();
    for k in patch.key_credentials.into_iter().flatten() {
        let der = k.key.as_deref().and_then(|b| STANDARD.decode(b).ok());
        let date = |d: Option<&str>, default| match d.map(DateTime::parse_from_rfc3339) {
            None => Some(default),
            Some(Ok(t)) => Some(t.with_timezone(&Utc)),
            Some(Err(_)) => None,
        };
        let starts = date(k.start_date_time.as_deref(), now);
        let expires = date(k.end_date_time.as_deref(), now + Duration::days(365));
        let (Some(der), Some(starts), Some(expires), Some("AsymmetricX509Cert"), Some("Verify")) =
            (der, starts, expires, k.kind.as_deref(), k.usage.as_deref())
        else {
            return bad_request(
                &headers,
                "Invalid value specified for property 'keyCredentials' of resource 'Application'.",
            );
        };
        let der_ref = rustls_pki_types::CertificateDer::from(der.as_slice());
        if webpki::EndEntityCert::try_from(&der_ref).is_err() || expires <= starts {
            return bad_request(
                &headers,
                "Invalid value specified for property 'keyCredentials' of resource 'Application'.",
            );
        }
        certificates.push(Certificate {
            key_id: k.key_id.unwrap_or_else(Uuid::new_v4),
            display_name: k.display_name.unwrap_or_default(),
            der,
            starts,
            expires,
        });
    }
    let mut world = shared.world();
    let Some(app) = own_app(&mut world.apps, &caller, &id) else {
        return not_found(&headers, &id);
    };
    app.certificates = certificates;
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddPassword {
    #[serde(default)]
    password_credential: NewPassword,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewPassword {
    display_name: Option<String>,
    /// ISO 8601, as Graph takes it.
    end_date_time: Option<String>,
}

/// `POST /v1.0/applications/{id}/addPassword`: a new secret (two years unless `endDateTime`
/// says otherwise); its text only in this answer.
pub async fn add_password(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Option<Json<AddPassword>>,
) -> Response {
    let caller = match writer(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let new = body
        .map(|Json(b)| b.password_credential)
        .unwrap_or_default();
    let now = Utc::now();
    let end = match new
        .end_date_time
        .as_deref()
        .map(DateTime::parse_from_rfc3339)
    {
        None => now + Duration::days(730),
        Some(Ok(t)) => t.with_timezone(&Utc),
        Some(Err(_)) => {
            return bad_request(
                &headers,
                "Invalid value specified for property 'endDateTime' of resource 'PasswordCredential'.",
            );
        }
    };
    let secret = Secret {
        key_id: Uuid::new_v4(),
        display_name: new.display_name.unwrap_or_default(),
        value: tokens::random(30),
        starts: now,
        expires: end,
    };
    let mut world = shared.world();
    let Some(app) = own_app(&mut world.apps, &caller, &id) else {
        return not_found(&headers, &id);
    };
    let body = password_json(&secret, true);
    app.secrets.push(secret);
    with_context(&headers, "microsoft.graph.passwordCredential", body)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemovePassword {
    key_id: Uuid,
}

/// `POST /v1.0/applications/{id}/removePassword`.
pub async fn remove_password(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<RemovePassword>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let caller = match writer(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Ok(Json(remove)) = body else {
        return bad_request(&headers, "Property 'keyId' is required.");
    };
    let mut world = shared.world();
    let Some(app) = own_app(&mut world.apps, &caller, &id) else {
        return not_found(&headers, &id);
    };
    let before = app.secrets.len();
    app.secrets.retain(|s| s.key_id != remove.key_id);
    if app.secrets.len() == before {
        return not_found(&headers, &remove.key_id.to_string());
    }
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewServicePrincipal {
    app_id: Option<String>,
}

/// `POST /v1.0/servicePrincipals`: the app's service principal in the caller's tenant.
pub async fn create_service_principal(
    State(shared): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<NewServicePrincipal>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let caller = match writer(&shared, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some(app_id) = body.ok().and_then(|Json(b)| b.app_id) else {
        return bad_request(&headers, "Property 'appId' is required.");
    };
    let tenant = caller.tenant();
    let mut world = shared.world();
    let Some(app) = world.app_in(&app_id, Some(tenant)).cloned() else {
        return not_found(&headers, &app_id);
    };
    if world
        .service_principals
        .contains_key(&(tenant, app.client_id))
    {
        return graph_error(
            &headers,
            StatusCode::CONFLICT,
            "Request_MultipleObjectsWithSameKeyValue",
            "Another object with the same value for property servicePrincipalNames already exists.",
        );
    }
    let id = world.service_principal(tenant, app.client_id);
    let body = json!({
        "id": id,
        "appId": app.client_id,
        "displayName": app.name,
        "servicePrincipalType": "Application",
        "appOwnerOrganizationId": tenant,
    });
    let mut r = with_context(&headers, "servicePrincipals/$entity", body);
    *r.status_mut() = StatusCode::CREATED;
    r
}
