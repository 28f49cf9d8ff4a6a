//! Error answers in Microsoft's shapes: the identity platform's OAuth errors (with AADSTS codes,
//! trace and correlation ids) and Graph's `{"error": {"code", "message", "innerError"}}`.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Microsoft's timestamp format in identity errors: `2026-11-26 04:26:27Z`.
pub fn timestamp() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string()
}

/// The correlation id the client sent (`client-request-id`), or a new one.
pub fn correlation_id(headers: &HeaderMap) -> String {
    headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

/// An AADSTS error: its number and the sentence Microsoft writes.
#[derive(Clone, Debug)]
pub struct Aadsts {
    pub code: u32,
    pub text: String,
}

impl Aadsts {
    pub fn new(code: u32, text: impl Into<String>) -> Self {
        Self {
            code,
            text: text.into(),
        }
    }

    /// `AADSTS50173: … Trace ID: … Correlation ID: … Timestamp: …`
    pub fn description(&self, trace: &str, correlation: &str, ts: &str) -> String {
        format!(
            "AADSTS{}: {} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {ts}",
            self.code, self.text
        )
    }
}

/// The token endpoint's error answer.
pub fn oauth_error(headers: &HeaderMap, error: &str, aadsts: Aadsts) -> Response {
    let status = match error {
        "invalid_client" => StatusCode::UNAUTHORIZED,
        "temporarily_unavailable" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_REQUEST,
    };
    let (trace, correlation, ts) = (
        uuid::Uuid::new_v4().to_string(),
        correlation_id(headers),
        timestamp(),
    );
    let body = json!({
        "error": error,
        "error_description": aadsts.description(&trace, &correlation, &ts),
        "error_codes": [aadsts.code],
        "timestamp": ts,
        "trace_id": trace,
        "correlation_id": correlation,
        "error_uri": format!("https://login.microsoftonline.com/error?code={}", aadsts.code),
    });
    (status, Json(body)).into_response()
}

/// Graph's error answer.
pub fn graph_error(headers: &HeaderMap, status: StatusCode, code: &str, message: &str) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let client_request_id = correlation_id(headers);
    let body = json!({
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                "request-id": request_id,
                "client-request-id": client_request_id,
            }
        }
    });
    let mut response = (status, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("request-id", v);
    }
    // As Graph: a 401 names the scheme and where to get a token.
    if status == StatusCode::UNAUTHORIZED {
        let base = super::base_url(headers);
        let challenge = format!(
            "Bearer realm=\"\", authorization_uri=\"{base}/common/oauth2/authorize\", client_id=\"{}\"",
            super::state::GRAPH_APP_ID
        );
        if let Ok(v) = HeaderValue::from_str(&challenge) {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, v);
        }
    }
    response
}

// The AADSTS errors the emulator produces, with Microsoft's wording.
pub fn tenant_not_found(tenant: &str) -> Aadsts {
    Aadsts::new(
        90002,
        format!(
            "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."
        ),
    )
}

pub fn app_not_found(client_id: &str, tenant: &str) -> Aadsts {
    Aadsts::new(
        700016,
        format!(
            "Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
        ),
    )
}

pub fn reply_url_mismatch(redirect_uri: &str, client_id: &str) -> Aadsts {
    Aadsts::new(
        50011,
        format!(
            "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal."
        ),
    )
}

pub fn declined() -> Aadsts {
    Aadsts::new(65004, "User declined to consent to access the app.")
}

pub fn consent_policy(tenant_name: &str, app_name: &str) -> Aadsts {
    Aadsts::new(
        90094,
        format!(
            "An administrator of {tenant_name} has set a policy that prevents you from granting {app_name} the permissions it is requesting. Contact an administrator of {tenant_name}, who can grant permissions to this application on your behalf."
        ),
    )
}

pub fn admin_only(app_name: &str) -> Aadsts {
    Aadsts::new(
        90094,
        format!(
            "The grant requires admin permission. {app_name} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it."
        ),
    )
}

pub fn wrong_password() -> Aadsts {
    Aadsts::new(
        50126,
        "Error validating credentials due to invalid username or password.",
    )
}

pub fn account_disabled() -> Aadsts {
    Aadsts::new(50057, "The user account is disabled.")
}

pub fn grant_revoked() -> Aadsts {
    Aadsts::new(
        50173,
        "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.",
    )
}

pub fn refresh_inactive() -> Aadsts {
    Aadsts::new(
        700082,
        "The refresh token has expired due to inactivity. The token was issued on a date more than 90 days ago and was inactive for 90.00:00:00.",
    )
}

pub fn mfa_required() -> Aadsts {
    Aadsts::new(
        50076,
        "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.",
    )
}

pub fn invalid_secret(client_id: &str) -> Aadsts {
    Aadsts::new(
        7000215,
        format!(
            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'."
        ),
    )
}

pub fn expired_secret(client_id: &str) -> Aadsts {
    Aadsts::new(
        7000222,
        format!(
            "The provided client secret keys for app '{client_id}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds."
        ),
    )
}

pub fn invalid_code() -> Aadsts {
    Aadsts::new(
        70000,
        "The provided value for the 'code' parameter is not valid.",
    )
}

pub fn code_redeemed() -> Aadsts {
    Aadsts::new(
        54005,
        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    )
}

pub fn code_expired() -> Aadsts {
    Aadsts::new(
        70008,
        "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    )
}

pub fn verifier_mismatch() -> Aadsts {
    Aadsts::new(
        501481,
        "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
    )
}

pub fn redirect_mismatch() -> Aadsts {
    Aadsts::new(
        70000,
        "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code.",
    )
}

pub fn invalid_refresh() -> Aadsts {
    Aadsts::new(9002313, "Invalid request. Request is malformed or invalid.")
}

pub fn missing(parameter: &str) -> Aadsts {
    Aadsts::new(
        900144,
        format!("The request body must contain the following parameter: '{parameter}'."),
    )
}

/// Microsoft documents no code of its own for an unknown `response_mode`; the emulator answers
/// with the code of its invalid-parameter family.
pub fn invalid_response_mode(mode: &str) -> Aadsts {
    Aadsts::new(
        900144,
        format!(
            "The provided value for the input parameter 'response_mode' is not valid: '{mode}'. Use query, fragment or form_post."
        ),
    )
}

/// A refresh asking for a scope its grant does not hold (`invalid_grant`, suberror
/// `consent_required`, as Entra ID answers it).
pub fn not_consented(client_id: &str, app_name: &str) -> Aadsts {
    Aadsts::new(
        65001,
        format!(
            "The user or administrator has not consented to use the application with ID '{client_id}' named '{app_name}'. Send an interactive authorization request for this user and resource."
        ),
    )
}

pub fn invalid_scope(scope: &str) -> Aadsts {
    Aadsts::new(
        70011,
        format!(
            "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid."
        ),
    )
}

pub fn default_scope_required() -> Aadsts {
    Aadsts::new(
        1002012,
        "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
    )
}

pub fn unsupported_grant(grant: &str) -> Aadsts {
    Aadsts::new(
        70003,
        format!("The app requested an unsupported grant type '{grant}'."),
    )
}
