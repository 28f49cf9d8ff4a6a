//! Talking to Microsoft: one HTTP client (through `u8sProxyAddress` when set, never for loopback;
//! TLS with the operating system's trust store), the token requests of the consent flows, and
//! Microsoft's error answers with their AADSTS code, trace and correlation ids.
//!
//! The token requests themselves are built by the oauth2 crate (`super::oauth`) and sent through
//! this client. No redirect is followed, no `http://` request leaves this computer, answers are
//! capped.

use crate::microsoft::endpoints::Endpoints;
use crate::model::config::Settings;
use crate::model::secrets::Secret;
use serde::Deserialize;
use std::time::Duration;

/// Microsoft's answer to a failed request, as the pane shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct MsError {
    pub error: String,
    #[serde(default)]
    pub error_description: String,
    #[serde(default)]
    pub error_codes: Vec<u32>,
    #[serde(default)]
    pub trace_id: String,
    #[serde(default)]
    pub correlation_id: String,
    #[serde(default)]
    pub timestamp: String,
}

impl MsError {
    /// The first AADSTS code.
    pub fn code(&self) -> Option<u32> {
        self.error_codes
            .first()
            .copied()
            .or_else(|| super::guidance::code_in(&self.error_description))
    }
}

/// Why a request to Microsoft failed.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// Microsoft answered with an error.
    #[error("{} ({})", .0.error, .0.error_description)]
    Microsoft(Box<MsError>),
    /// Graph answered with an error status.
    #[error("Graph answered {status}: {code}")]
    Graph {
        status: u16,
        code: String,
        message: String,
    },
    /// Microsoft could not be reached: which stage failed and the detail.
    #[error("{stage:?}: {detail}")]
    Unreachable { stage: Stage, detail: String },
    /// Graph answered 429 to a client that leaves the waiting to its caller
    /// ([`Client::without_retries`]): how long Microsoft asked to wait (`Retry-After`), if it said.
    #[error("Graph answered 429 (retry after {retry_after:?})")]
    Throttled { retry_after: Option<Duration> },
}

pub use crate::model::verdict::Stage;

/// The tokens of a successful request (redacted in `Debug`, wiped when dropped).
#[derive(Clone, Debug, Deserialize)]
pub struct TokenResponse {
    pub access_token: Secret,
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    #[serde(default)]
    pub id_token: Option<Secret>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub expires_in: Option<u64>,
}

/// The hosts the proxy is never used for: this computer (the emulator on loopback).
pub const NO_PROXY: &str = "localhost,127.0.0.0/8,::1";

/// Whether requests to `host` go around the proxy ([`NO_PROXY`]), as reqwest decides it.
pub fn bypasses_proxy(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The largest token answer read (Microsoft's are a few KB): a longer one is an error.
pub const TOKEN_BODY_CAP: usize = 256 * 1024;
/// The largest Graph answer read (a page of 999 users is about 250 KB).
pub const GRAPH_BODY_CAP: usize = 16 * 1024 * 1024;
/// The longest wait a `Retry-After` may ask for.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);

/// The pane's HTTP client: through `proxy` ("host:port", empty: directly) except for loopback,
/// TLS with the platform verifier, no redirect followed, 10 s to connect, 30 s a request. Every
/// request of the pane goes through one made here (Microsoft's and the watch's webhook).
pub fn http_client(proxy: &str) -> Result<reqwest::Client, RequestError> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("teams-presence-admin/", env!("CARGO_PKG_VERSION")));
    if !proxy.is_empty() {
        let proxy = reqwest::Proxy::all(format!("http://{proxy}"))
            .map_err(|e| unreachable(Stage::Proxy, e))?
            .no_proxy(reqwest::NoProxy::from_string(NO_PROXY));
        builder = builder.proxy(proxy);
    } else {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| unreachable(Stage::Tls, e))
}

/// The client for one configuration (cloud, tenant, app, proxy).
#[derive(Clone)]
pub struct Client {
    pub(super) http: reqwest::Client,
    pub endpoints: Endpoints,
    pub tenant: String,
    pub client_id: String,
    /// Retries after 429 (bounded).
    max_retries: u32,
}

impl Client {
    /// The client for `settings`' own app (its client id).
    pub fn for_settings(settings: &Settings) -> Result<Self, RequestError> {
        Self::new(settings, &settings.client_id)
    }

    pub fn new(settings: &Settings, client_id: &str) -> Result<Self, RequestError> {
        let endpoints = Endpoints::for_settings(settings);
        for url in [&endpoints.login, &endpoints.graph] {
            if !crate::model::validate::is_safe_url(url) {
                return Err(unreachable(Stage::Plaintext, url));
            }
        }
        Ok(Self {
            http: http_client(&settings.proxy)?,
            endpoints,
            tenant: settings.tenant_id.trim().to_owned(),
            client_id: client_id.to_owned(),
            max_retries: 3,
        })
    }

    /// This client without its own waits after 429: a throttled answer comes back at once as
    /// [`RequestError::Throttled`], for a caller that counts the retries, shows the wait and lets
    /// the administrator cancel it (the live presence read of every matched user).
    pub fn without_retries(mut self) -> Self {
        self.max_retries = 0;
        self
    }

    /// A Graph request with a bearer token; JSON in, JSON out.
    pub async fn graph(
        &self,
        token: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<serde_json::Value, RequestError> {
        self.graph_at(token, &self.endpoints.graph_url(path), body)
            .await
    }

    /// Like [`Self::graph`] with a whole URL (an `@odata.nextLink`), which must be one of this
    /// cloud's Graph: the token is never sent elsewhere.
    pub async fn graph_at(
        &self,
        token: &str,
        url: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<serde_json::Value, RequestError> {
        let method = match body {
            Some(_) => reqwest::Method::POST,
            None => reqwest::Method::GET,
        };
        self.graph_request(token, method, url, body, false).await
    }

    /// A Graph request with any method (`PATCH`, `DELETE` …) on a path; an empty answer (204)
    /// is `null`.
    pub async fn graph_method(
        &self,
        token: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<serde_json::Value, RequestError> {
        let url = self.endpoints.graph_url(path);
        self.graph_request(token, method, &url, body, false).await
    }

    /// A GET of an advanced query (`$count`, `$search`): with `ConsistencyLevel: eventual`, as
    /// Graph requires for them. The answer's bytes, for the caller to read into its own types
    /// (a page of 999 users is read straight into the pane's lists, not through a tree of values).
    pub async fn graph_eventual(&self, token: &str, url: &str) -> Result<Vec<u8>, RequestError> {
        let (_, body) = self
            .graph_send(token, reqwest::Method::GET, url, None, true)
            .await?;
        Ok(body)
    }

    /// A POST of JSON whose answer's bytes the caller reads into its own types (650 presences a
    /// `getPresencesByUserId`, read straight into the pane's list).
    pub async fn graph_post_bytes(
        &self,
        token: &str,
        url: &str,
        body: &serde_json::Value,
    ) -> Result<Vec<u8>, RequestError> {
        let (_, body) = self
            .graph_send(token, reqwest::Method::POST, url, Some(body), false)
            .await?;
        Ok(body)
    }

    async fn graph_request(
        &self,
        token: &str,
        method: reqwest::Method,
        url: &str,
        body: Option<&serde_json::Value>,
        eventual: bool,
    ) -> Result<serde_json::Value, RequestError> {
        let write = method != reqwest::Method::GET;
        let (status, body) = self.graph_send(token, method, url, body, eventual).await?;
        // 204, or a write Graph answers with an empty 200 (setPresence): nothing to read.
        if status == reqwest::StatusCode::NO_CONTENT || (write && body.is_empty()) {
            return Ok(serde_json::Value::Null);
        }
        // A 200 whose body is not JSON is an error, never an empty success.
        serde_json::from_slice(&body).map_err(|e| answer_error(&e))
    }

    /// Sends a Graph request; a successful answer's status and bytes, an error answer as
    /// [`RequestError::Graph`] with Graph's code and message.
    async fn graph_send(
        &self,
        token: &str,
        method: reqwest::Method,
        url: &str,
        body: Option<&serde_json::Value>,
        eventual: bool,
    ) -> Result<(reqwest::StatusCode, Vec<u8>), RequestError> {
        if !self.endpoints.is_graph_url(url) {
            return Err(unreachable(
                Stage::Answer,
                format!("not a Graph address of this cloud: {url}"),
            ));
        }
        let response = self
            .send(|| {
                let r = self.http.request(method.clone(), url);
                let r = match body {
                    Some(b) => r.json(b),
                    None => r,
                };
                let r = if eventual {
                    r.header("ConsistencyLevel", "eventual")
                } else {
                    r
                };
                r.bearer_auth(token)
            })
            .await?;
        let status = response.status();
        refuse_redirect(&response)?;
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS && self.max_retries == 0 {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after(v, chrono::Utc::now()));
            return Err(RequestError::Throttled { retry_after });
        }
        let body = read_capped(response, GRAPH_BODY_CAP).await?;
        if status.is_success() {
            return Ok((status, body));
        }
        let value = serde_json::from_slice::<serde_json::Value>(&body).unwrap_or_default();
        Err(RequestError::Graph {
            status: status.as_u16(),
            code: value["error"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            message: value["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        })
    }

    /// The id of the tenant `tenant` names (a GUID as it is; a verified domain through its OpenID
    /// configuration, whose `issuer` holds the id — asked once a process: a domain does not move
    /// between tenants while the pane runs). An unknown tenant is Microsoft's error (AADSTS90002).
    pub async fn tenant_id_of(&self, tenant: &str) -> Result<String, RequestError> {
        use std::collections::HashMap;
        use std::sync::{Mutex, OnceLock};
        static RESOLVED: OnceLock<Mutex<HashMap<(String, String), String>>> = OnceLock::new();
        if crate::model::validate::is_guid(tenant) {
            return Ok(tenant.to_ascii_lowercase());
        }
        let key = (self.endpoints.login.clone(), tenant.to_ascii_lowercase());
        let resolved = RESOLVED.get_or_init(Default::default);
        let known = |r: &Mutex<HashMap<_, String>>| {
            r.lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&key)
                .cloned()
        };
        if let Some(id) = known(resolved) {
            return Ok(id);
        }
        let id = self.resolve_tenant(tenant).await?;
        resolved
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, id.clone());
        Ok(id)
    }

    /// [`Self::tenant_id_of`] a domain, from Microsoft.
    async fn resolve_tenant(&self, tenant: &str) -> Result<String, RequestError> {
        let url = self.endpoints.openid_configuration_url(tenant);
        let response = self.send(|| self.http.get(&url)).await?;
        refuse_redirect(&response)?;
        let status = response.status();
        let body = read_capped(response, TOKEN_BODY_CAP).await?;
        if !status.is_success() {
            return Err(match serde_json::from_slice::<MsError>(&body) {
                Ok(e) => RequestError::Microsoft(Box::new(e)),
                Err(_) => unreachable(Stage::Answer, format!("{url} answered {status}")),
            });
        }
        let doc: serde_json::Value = serde_json::from_slice(&body).map_err(|e| answer_error(&e))?;
        doc["issuer"]
            .as_str()
            .and_then(|i| self.endpoints.tenant_of_issuer(i))
            .map(str::to_ascii_lowercase)
            .ok_or_else(|| {
                unreachable(
                    Stage::Answer,
                    format!("{url}: no issuer of this login host"),
                )
            })
    }

    /// Sends, honouring 429 `Retry-After` (at most `max_retries` times, at most 30 s a wait;
    /// exponential backoff where no header is sent).
    pub(super) async fn send(
        &self,
        request: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, RequestError> {
        let mut attempt = 0;
        loop {
            let response = request().send().await.map_err(classify)?;
            if response.status() != reqwest::StatusCode::TOO_MANY_REQUESTS
                || attempt >= self.max_retries
            {
                return Ok(response);
            }
            let header = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok());
            let wait = header
                .and_then(|v| retry_after(v, chrono::Utc::now()))
                .unwrap_or(Duration::from_secs(1 << attempt))
                .min(RETRY_AFTER_CAP);
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// `Retry-After` in both of its forms (RFC 9110): seconds, or an HTTP date (a date in the past
/// is no wait).
pub fn retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        (at.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or_default(),
    )
}

/// The body, read up to `cap` bytes; a longer one is an error (a hostile or broken server
/// cannot fill the memory).
pub(super) async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, RequestError> {
    let too_long = || {
        unreachable(
            Stage::Answer,
            format!("the answer is longer than {cap} bytes"),
        )
    };
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_long());
    }
    let mut body = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
    while let Some(chunk) = response.chunk().await.map_err(classify)? {
        if body.len() + chunk.len() > cap {
            return Err(too_long());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A 3xx answer is an error naming where it pointed; it is never followed.
pub(super) fn refuse_redirect(response: &reqwest::Response) -> Result<(), RequestError> {
    let status = response.status();
    if !status.is_redirection() {
        return Ok(());
    }
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    Err(unreachable(
        Stage::Redirect,
        format!("HTTP {status} to {location} (not followed)"),
    ))
}

/// A successful answer that is not the JSON expected: the pane cannot use it.
pub fn answer_error(e: &serde_json::Error) -> RequestError {
    unreachable(Stage::Answer, format!("Graph's answer: {e}"))
}

pub(super) fn unreachable(stage: Stage, e: impl std::fmt::Display) -> RequestError {
    RequestError::Unreachable {
        stage,
        detail: e.to_string(),
    }
}

/// Which stage of the connection failed, from reqwest's error chain.
fn classify(e: reqwest::Error) -> RequestError {
    let chain = {
        let mut s = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(inner) = source {
            s.push_str(": ");
            s.push_str(&inner.to_string());
            source = inner.source();
        }
        s
    };
    let lower = chain.to_lowercase();
    let stage = if e.is_timeout() {
        Stage::Timeout
    } else if lower.contains("proxy") || lower.contains("tunnel") {
        Stage::Proxy
    } else if lower.contains("dns") || lower.contains("resolve") || lower.contains("lookup") {
        Stage::Dns
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        Stage::Tls
    } else if e.is_connect() {
        Stage::Connect
    } else if e.is_body()
        || e.is_decode()
        || [
            "reset",
            "closed",
            "incomplete",
            "eof",
            "broken pipe",
            "aborted",
        ]
        .iter()
        .any(|w| lower.contains(w))
    {
        Stage::Interrupted
    } else {
        Stage::Answer
    };
    RequestError::Unreachable {
        stage,
        detail: chain,
    }
}

/// The claims of a JWT's payload, not verified (Microsoft signed it; the pane only reads `scp`,
/// `roles`, `oid` and `upn` to show them).
pub fn claims(jwt: &str) -> serde_json::Value {
    use base64::Engine as _;
    jwt.split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .ok()
        })
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}
