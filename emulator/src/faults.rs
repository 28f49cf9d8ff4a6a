//! Fault switches: what can go wrong with Microsoft, switched on at start (`--config FILE`) or at
//! run time through the control API (`GET`/`PUT /_emulator/faults`).

use serde::{Deserialize, Serialize};

/// Throttling of the presence batch read: every `every`-th request (counted from the emulator's
/// start, 1 = all) is answered 429, with `Retry-After: retryAfterSeconds` where given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PresenceThrottle {
    pub every: u64,
    #[serde(default)]
    pub retry_after_seconds: Option<u64>,
}

/// Graph answers one of its calls with an error status (400, 401, 404, 429, 500, 503 …) in Graph's
/// shape; a 429 carries `Retry-After: 1`. `None`: the call works.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct GraphStatus {
    /// `GET /v1.0/users` (every page of the listing; 400 says the page token expired).
    pub users: Option<u16>,
    /// `POST /v1.0/communications/getPresencesByUserId` (the check's proof and the live read).
    pub presences_by_user_id: Option<u16>,
    /// `GET /v1.0/users/{id}/presence` and `GET /v1.0/me/presence`.
    pub presence: Option<u16>,
}

/// The token endpoint answers every request with this error: an HTTP status, the OAuth `error`,
/// an AADSTS code and Microsoft's sentence (an unknown code, a 5xx with Microsoft's JSON …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenError {
    pub status: u16,
    pub error: String,
    pub code: u32,
    pub description: String,
}

/// Microsoft's throttle of Graph: at most `requests` requests in any `seconds` (a sliding
/// window) per app and tenant; beyond that 429 with `Retry-After` until the oldest leaves the
/// window. Microsoft's presence API page: 1,500 requests in 30 s.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GraphThrottle {
    pub requests: u64,
    pub seconds: u64,
}

/// Every switch, off by default. The JSON form uses these names (`{"passwordChanged": true}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Faults {
    /// The tenant's policy forbids user consent: AADSTS90094 at sign-in for non-admins.
    pub user_consent_disabled: bool,
    /// The user declines consent: AADSTS65004 (`access_denied`), as if Cancel were clicked.
    pub user_declines: bool,
    /// Password changed or tokens revoked: refreshing fails with AADSTS50173.
    pub password_changed: bool,
    /// Refresh token unused for too long: refreshing fails with AADSTS700082.
    pub refresh_token_expired: bool,
    /// MFA required: refreshing fails with AADSTS50076 (`interaction_required`).
    pub mfa_required: bool,
    /// The client secret is wrong: AADSTS7000215.
    pub client_secret_invalid: bool,
    /// The client secret expired: AADSTS7000222.
    pub client_secret_expired: bool,
    /// No tenant is found: AADSTS90002 for every tenant.
    pub unknown_tenant: bool,
    /// No app is found: AADSTS700016 for every client id.
    pub unknown_app: bool,
    /// Graph answers 429 with this `Retry-After` (seconds).
    pub graph_throttle_seconds: Option<u64>,
    /// `getPresencesByUserId` answers every n-th request with 429 (and `Retry-After` where
    /// set), as Microsoft throttles beyond 1,500 requests in 30 s per app and tenant.
    pub presence_throttle: Option<PresenceThrottle>,
    /// Delay before every answer, in milliseconds.
    pub latency_ms: u64,
    /// Up to this many milliseconds more, drawn anew for every answer (a network's jitter).
    pub latency_jitter_ms: u64,
    /// A page of the user listing (`/users`, `/users/delta`) takes this many milliseconds more
    /// for every 100 users asked for (`$top`): Microsoft's page time grows with its size.
    pub users_page_ms_per_100: u64,
    /// Graph throttled as Microsoft throttles it (requests in a sliding window per app and
    /// tenant).
    pub graph_throttle: Option<GraphThrottle>,
    /// `users/delta` refuses every delta link (400 `syncStateNotFound`, as for one older than 7
    /// days): the client must read all again.
    pub delta_sync_state_not_found: bool,
    /// `users/delta?$deltatoken=latest` is refused (400 `BadRequest`): a Graph that does not
    /// take the form, which the user-delta page does not list.
    pub delta_latest_refused: bool,
    /// Every endpoint answers 503 Service Unavailable.
    pub server_error: bool,
    /// Every answer is cut off after its headers (the client sees the connection drop).
    pub connection_reset: bool,
    /// The id token carries another `nonce` than the authorize request sent (a replayed or
    /// injected sign-in): the client must refuse it.
    pub id_token_wrong_nonce: bool,
    /// The id token names another tenant (`tid`, with the issuer of that tenant) than the one
    /// signed in to: the client must compare `tid` with the tenant it is configured for.
    pub id_token_other_tenant: bool,
    /// Delegated access tokens carry no `scp` (as a standard OAuth server may issue opaque or
    /// scope-less tokens; the grant is in the token answer's `scope`). Graph looks the grant up.
    pub access_token_without_scp: bool,
    /// The tenant does not let users register apps: `POST /applications` and the other writes
    /// of app registrations answer 403 for accounts without an administrator role.
    pub users_cannot_register_apps: bool,
    /// The signed-in administrator lacks the role to register apps: those writes answer 403 for
    /// everybody.
    pub admin_lacks_role: bool,
    /// Every certificate credential has expired: client assertions get AADSTS700027 ("The key
    /// used is expired").
    pub certificate_expired: bool,
    /// Graph's calls answering with an error status (a hostile or failing Microsoft).
    pub graph_status: GraphStatus,
    /// The token endpoint's error for every request.
    pub token_error: Option<TokenError>,
    /// The user listing pads every `displayName` and `userPrincipalName` (before the `@`) to this
    /// many characters (Entra allows 256 and 113): a hostile listing's oversized names.
    pub oversized_names: Option<usize>,
    /// The user listing never ends: every page names a next page (the first page's users again,
    /// with a new page token each time).
    pub endless_listing: bool,
}
