//! A local emulator of the Microsoft Entra ID and Microsoft Graph endpoints this pane uses.
//!
//! It serves the offline demo (`--demo`) and the tests, and follows Microsoft's documented
//! behaviour closely enough that Microsoft's own client libraries could talk to it: OpenID
//! discovery and keys, the authorize page with sign-in and consent, the token endpoint
//! (authorization code with PKCE, refresh tokens that rotate, client credentials), admin consent,
//! and Graph's users and presence. Fault switches ([`faults::Faults`]) reproduce what goes wrong
//! with the real service. One server answers both the login and the Graph paths.

mod admin;
mod apps;
mod assertion;
mod delta;
mod errors;
pub mod faults;
mod graph;
mod identity;
mod pages;
mod presence;
pub mod state;
mod token_endpoint;
pub mod tokens;
pub mod walker;

pub use faults::Faults;
pub use identity::redirect_allowed;
pub use state::World;
pub use token_endpoint::OTHER_TENANT;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

/// The emulator's shared state.
pub struct Emulator {
    world: Mutex<World>,
    faults: RwLock<Faults>,
    pub keys: tokens::Keys,
    /// Every request answered, as `METHOD /path` (the tests count round trips with it).
    requests: Mutex<Vec<String>>,
    /// `getPresencesByUserId` requests so far (the fault `presenceThrottle` counts with it).
    presence_batches: std::sync::atomic::AtomicU64,
    /// When each Graph request of the last window came, per (tenant, app) (the fault
    /// `graphThrottle`).
    graph_window: Mutex<
        std::collections::HashMap<(String, String), std::collections::VecDeque<std::time::Instant>>,
    >,
}

/// What every handler holds.
pub type Shared = Arc<Emulator>;

impl Emulator {
    pub fn new(world: World, faults: Faults) -> Shared {
        Arc::new(Self {
            world: Mutex::new(world),
            faults: RwLock::new(faults),
            keys: tokens::Keys::load(),
            requests: Mutex::new(Vec::new()),
            presence_batches: Default::default(),
            graph_window: Default::default(),
        })
    }

    /// The requests answered so far (`METHOD /path`).
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// How many requests starting with `prefix` (e.g. `GET /v1.0/users`) were answered so far.
    pub fn requests_to(&self, prefix: &str) -> usize {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|r| r.starts_with(prefix))
            .count()
    }

    /// The 429 answer for this `getPresencesByUserId` request where the fault
    /// `presenceThrottle` says so (every n-th request).
    pub(crate) fn presence_throttled(&self, headers: &HeaderMap) -> Option<Response> {
        let n = 1 + self
            .presence_batches
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let throttle = self.faults().presence_throttle?;
        if !n.is_multiple_of(throttle.every.max(1)) {
            return None;
        }
        let mut r = errors::graph_error(
            headers,
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            "Too many requests.",
        );
        if let Some(seconds) = throttle.retry_after_seconds {
            r.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        }
        Some(r)
    }

    /// Whether this Graph request is one too many for its app and tenant in the window of the
    /// fault `graphThrottle`: then the seconds until the oldest leaves the window. A request
    /// without a token Graph could read counts for nobody (it is refused anyway).
    fn graph_throttled(
        &self,
        headers: &HeaderMap,
        throttle: &faults::GraphThrottle,
    ) -> Option<u64> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))?;
        let claims = self.keys.verify(token).ok()?;
        let window = std::time::Duration::from_secs(throttle.seconds);
        let now = std::time::Instant::now();
        let mut all = self.graph_window.lock().unwrap_or_else(|p| p.into_inner());
        let sent = all.entry((claims.tid, claims.appid)).or_default();
        while sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            sent.pop_front();
        }
        if sent.len() as u64 >= throttle.requests {
            let oldest = *sent.front()?;
            let left = window.saturating_sub(now.duration_since(oldest));
            return Some(left.as_secs() + 1);
        }
        sent.push_back(now);
        None
    }

    /// The error answer for a Graph call the fault `graphStatus` fails (`status` from it).
    pub(crate) fn graph_failure(
        &self,
        headers: &HeaderMap,
        status: Option<u16>,
    ) -> Option<Response> {
        let status = StatusCode::from_u16(status?).ok()?;
        let (code, message) = match status.as_u16() {
            400 => (
                "BadRequest",
                "The specified page token value has expired and can no longer be included in your request.",
            ),
            401 => (
                "InvalidAuthenticationToken",
                "Access token validation failure.",
            ),
            403 => (
                "Forbidden",
                "Insufficient privileges to complete the operation.",
            ),
            404 => ("Request_ResourceNotFound", "Resource does not exist."),
            429 => ("TooManyRequests", "Too many requests."),
            500 => ("InternalServerError", "An internal server error occurred."),
            502 => ("BadGateway", "Bad gateway."),
            503 => (
                "ServiceUnavailable",
                "The service is temporarily unavailable.",
            ),
            504 => ("GatewayTimeout", "Gateway timeout."),
            _ => ("UnknownError", "Fault switch graphStatus."),
        };
        let mut r = errors::graph_error(headers, status, code, message);
        if status == StatusCode::TOO_MANY_REQUESTS {
            r.headers_mut().insert(header::RETRY_AFTER, 1.into());
        }
        Some(r)
    }

    /// The world, locked for the duration of one request's work (never across an await).
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn faults(&self) -> Faults {
        self.faults
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_faults(&self, faults: Faults) {
        *self.faults.write().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    /// A delegated Graph token for `upn` with the scopes `scp`, signed with the emulator's key,
    /// without the sign-in: for benchmarks that measure Graph, not the consent.
    pub fn delegated_token(&self, upn: &str, scp: &str) -> String {
        let w = self.world();
        let u = w.user_by_name(upn).expect("a user of the world");
        let now = chrono::Utc::now().timestamp();
        let claims = tokens::AccessClaims {
            aud: state::GRAPH_APP_ID.into(),
            iss: tokens::graph_issuer(&u.tenant.to_string()),
            iat: now,
            nbf: now,
            exp: now + 3600,
            tid: u.tenant.to_string(),
            sub: u.id.to_string(),
            oid: u.id.to_string(),
            appid: state::DEMO_CLIENT_ID.into(),
            appidacr: "0".into(),
            ver: "1.0".into(),
            idtyp: "user".into(),
            upn: Some(u.upn.clone()),
            unique_name: Some(u.upn.clone()),
            name: None,
            scp: Some(scp.into()),
            roles: None,
            uti: tokens::random(8),
        };
        self.keys.sign(&claims)
    }
}

/// The base URL as the client addressed the emulator: `X-Forwarded-Proto`/`X-Forwarded-Host` from
/// a TLS-terminating reverse proxy win over the `Host` header.
pub fn base_url(headers: &HeaderMap) -> String {
    let h = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let proto = h("x-forwarded-proto").unwrap_or_else(|| "http".into());
    let host = h("x-forwarded-host")
        .or_else(|| h(header::HOST.as_str()))
        .unwrap_or_else(|| "localhost".into());
    let base = format!("{proto}://{host}");
    // A crafted Host (spaces, a path, another scheme) must not make an address the handlers
    // cannot parse: such a request is answered for `localhost`.
    match url::Url::parse(&base) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.path() == "/"
                && u.query().is_none()
                && u.fragment().is_none()
                && u.username().is_empty() =>
        {
            base
        }
        _ => "http://localhost".into(),
    }
}

/// Token answers are never cached (Microsoft, as RFC 6749 §5.1 asks): `Cache-Control: no-store`,
/// `Pragma: no-cache`, on success and error alike.
async fn no_store(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    h.insert(header::PRAGMA, header::HeaderValue::from_static("no-cache"));
    response
}

/// All routes: identity, Graph, and the control API under `/_emulator`.
pub fn router(shared: Shared) -> Router {
    let microsoft = Router::new()
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(identity::discovery),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(identity::keys))
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(identity::authorize_page).post(identity::authorize_submit),
        )
        .route(
            "/{tenant}/oauth2/v2.0/token",
            post(token_endpoint::token).layer(middleware::map_response(no_store)),
        )
        .route(
            "/{tenant}/v2.0/adminconsent",
            get(admin::admin_consent_page).post(admin::admin_consent_submit),
        )
        .route(
            "/{tenant}/adminconsent",
            get(admin::admin_consent_page).post(admin::admin_consent_submit),
        )
        .route("/v1.0/me", get(graph::me))
        .route("/v1.0/me/presence", get(presence::my_presence))
        .route("/v1.0/users", get(graph::users))
        .route("/v1.0/users/delta", get(delta::users_delta))
        .route("/v1.0/users/{key}", get(graph::user))
        .route("/v1.0/users/{key}/presence", get(presence::presence))
        .route(
            "/v1.0/communications/presences/{key}",
            get(presence::presence),
        )
        .route(
            "/v1.0/communications/getPresencesByUserId",
            post(presence::presences_by_user_id),
        )
        .route(
            "/v1.0/users/{key}/presence/setPresence",
            post(presence::set_presence),
        )
        .route(
            "/v1.0/users/{key}/presence/clearPresence",
            post(presence::clear_presence),
        )
        .route(
            "/v1.0/users/{key}/presence/setUserPreferredPresence",
            post(presence::set_preferred),
        )
        .route(
            "/v1.0/users/{key}/presence/clearUserPreferredPresence",
            post(presence::clear_preferred),
        )
        .route("/v1.0/applications", post(apps::create_application))
        .route(
            "/v1.0/applications/{id}",
            get(apps::get_application)
                .delete(apps::delete_application)
                .patch(apps::update_application),
        )
        .route(
            "/v1.0/applications/{id}/addPassword",
            post(apps::add_password),
        )
        .route(
            "/v1.0/applications/{id}/removePassword",
            post(apps::remove_password),
        )
        .route(
            "/v1.0/servicePrincipals",
            post(apps::create_service_principal),
        )
        .layer(middleware::from_fn_with_state(shared.clone(), fault_layer));
    let control = Router::new()
        .route("/_emulator/faults", get(get_faults).put(put_faults))
        .route("/_emulator/requests", get(count_requests));
    microsoft
        .merge(control)
        .layer(middleware::from_fn_with_state(shared.clone(), log_layer))
        .with_state(shared)
}

async fn get_faults(State(shared): State<Shared>) -> Response {
    axum::Json(shared.faults()).into_response()
}

#[derive(serde::Deserialize)]
struct Prefix {
    #[serde(default)]
    prefix: String,
}

/// `GET /_emulator/requests?prefix=POST%20/v1.0/communications/getPresencesByUserId`: how many
/// requests starting with `prefix` were answered (`{"count": n}`), for tests and benchmarks
/// against the emulator in a process of its own.
async fn count_requests(
    State(shared): State<Shared>,
    axum::extract::Query(q): axum::extract::Query<Prefix>,
) -> Response {
    axum::Json(serde_json::json!({ "count": shared.requests_to(&q.prefix) })).into_response()
}

async fn put_faults(
    State(shared): State<Shared>,
    body: Result<axum::Json<Faults>, axum::extract::rejection::JsonRejection>,
) -> Response {
    match body {
        Ok(axum::Json(f)) => {
            shared.set_faults(f.clone());
            axum::Json(f).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, e.body_text()).into_response(),
    }
}

/// Latency (with jitter), Microsoft's throttle of Graph, 5xx and dropped connections for every
/// Microsoft endpoint (not the control API).
async fn fault_layer(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    let faults = shared.faults();
    let jitter = match faults.latency_jitter_ms {
        0 => 0,
        j => (uuid::Uuid::new_v4().as_u128() % u128::from(j + 1)) as u64,
    };
    if faults.latency_ms + jitter > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(faults.latency_ms + jitter)).await;
    }
    if let Some(throttle) = &faults.graph_throttle
        && request.uri().path().starts_with("/v1.0/")
        && let Some(wait) = shared.graph_throttled(request.headers(), throttle)
    {
        let mut r = errors::graph_error(
            request.headers(),
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            "Too many requests.",
        );
        r.headers_mut().insert(header::RETRY_AFTER, wait.into());
        return r;
    }
    if faults.server_error {
        return (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response();
    }
    let response = next.run(request).await;
    if faults.connection_reset {
        let (parts, _) = response.into_parts();
        let broken = futures_util::stream::once(async {
            Err::<axum::body::Bytes, _>(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "fault switch: connection reset",
            ))
        });
        return Response::from_parts(parts, Body::from_stream(broken));
    }
    response
}

async fn log_layer(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    shared
        .requests
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(format!("{method} {path}"));
    let response = next.run(request).await;
    tracing::info!(target: "emulator", "{method} {path} {}", response.status().as_u16());
    response
}

/// A running emulator: its base URL and state. Dropping it stops the server.
pub struct Running {
    pub base_url: String,
    pub shared: Shared,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds `addr` and serves on the current tokio runtime.
pub async fn start(addr: SocketAddr, world: World, faults: Faults) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let shared = Emulator::new(world, faults);
    let app = router(shared.clone());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    let host = match local {
        SocketAddr::V4(a) => format!("{}:{}", a.ip(), a.port()),
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
    };
    Ok(Running {
        base_url: format!("http://{host}"),
        shared,
        shutdown: Some(tx),
    })
}
