//! The loopback redirect listener: `http://localhost:{port}/` on 127.0.0.1 and ::1 (browsers resolve
//! `localhost` either way), nothing but loopback. It waits for the one redirect that carries the
//! pane's `state` (compared in constant time), answers the browser with a short page in the
//! pane's language, and stops: a callback with another `state` is refused, and one after the
//! first is not received at all. A local program cannot hold it: one request a connection,
//! headers within 2 s, at most 1,024 connections — where a new one would be one too many, the
//! oldest that has not sent its request yet is closed for it, so a flood of idle connections
//! cannot keep the browser out — and a second after the answer it is gone.

use crate::base::i18n::{Lang, Texts};
use crate::microsoft::guidance;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, html};
use std::collections::{HashMap, VecDeque};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// What the browser brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// The authorization code of "Zustimmung des Benutzers" (redacted in `Debug`).
    Code(crate::model::secrets::Secret),
    /// "Zustimmung des Administrators" was given; `tenant` as reported (never trusted for access).
    AdminConsent {
        tenant: String,
        scope: Option<String>,
    },
    /// Microsoft's error redirect.
    Error {
        error: String,
        description: String,
        code: Option<u32>,
    },
}

/// Why no callback was received.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    #[error("no answer from the browser within {0:?}")]
    TimedOut(Duration),
    #[error("cancelled")]
    Cancelled,
}

/// A bound listener, before the browser is sent off.
pub struct Listener {
    port: u16,
    listeners: Vec<TcpListener>,
    max_connections: usize,
}

impl Listener {
    /// Binds a free port on 127.0.0.1 and the same port on ::1 (where the system has IPv6).
    pub async fn bind() -> std::io::Result<Self> {
        for _ in 0..10 {
            let v4 = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await?;
            let port = v4.local_addr()?.port();
            match TcpListener::bind(SocketAddr::from((Ipv6Addr::LOCALHOST, port))).await {
                Ok(v6) => {
                    return Ok(Self {
                        port,
                        listeners: vec![v4, v6],
                        max_connections: MAX_CONNECTIONS,
                    });
                }
                // The port is taken on ::1: try another.
                Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
                // No IPv6 on this system: IPv4 alone.
                Err(_) => {
                    return Ok(Self {
                        port,
                        listeners: vec![v4],
                        max_connections: MAX_CONNECTIONS,
                    });
                }
            }
        }
        Err(std::io::Error::other(
            "no free loopback port on both 127.0.0.1 and ::1",
        ))
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves at most `n` connections at once instead of [`MAX_CONNECTIONS`] (the tests flood a
    /// smaller limit where the system's sockets are few, as under Wine).
    pub fn limit_connections(mut self, n: usize) -> Self {
        self.max_connections = n.max(1);
        self
    }

    /// The redirect URI to send to Microsoft (matches a registered `http://localhost`).
    pub fn redirect_uri(&self) -> String {
        format!("http://localhost:{}/", self.port)
    }

    /// Waits for the redirect with `state`, at most `timeout`, or until `cancel` resolves.
    pub async fn wait(
        self,
        state: &str,
        lang: Lang,
        timeout: Duration,
        cancel: impl std::future::Future<Output = ()>,
    ) -> Result<Callback, WaitError> {
        let (tx, rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            state: state.to_owned(),
            lang,
            result: Mutex::new(Some(tx)),
        });
        let app = Router::new().fallback(callback).with_state(shared);
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let open = Arc::new(Open::new(self.max_connections));
        let mut servers = Vec::new();
        for listener in self.listeners {
            let (app, stop, open) = (app.clone(), stop_rx.clone(), open.clone());
            servers.push(tokio::spawn(serve(listener, app, stop, open)));
        }
        let outcome = tokio::select! {
            r = rx => r.map_err(|_| WaitError::Cancelled),
            _ = tokio::time::sleep(timeout) => Err(WaitError::TimedOut(timeout)),
            _ = cancel => Err(WaitError::Cancelled),
        };
        // Stop listening: a later callback finds nobody. The accept loops end at once; an open
        // connection gets a second to finish its page, then it is dropped — nobody holds the wait.
        let _ = stop_tx.send(true);
        for s in servers {
            let _ = s.await;
        }
        outcome
    }
}

/// The most connections served at once (a local program cannot exhaust the pane's sockets).
const MAX_CONNECTIONS: usize = 1024;
/// How long a connection may take to send its request line and headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a connection may live at all (one request each: no keep-alive).
const CONNECTION_LIFETIME: Duration = Duration::from_secs(10);
/// How long an open connection may still finish (send its page) once the wait is over.
const GRACE: Duration = Duration::from_secs(1);

/// The connections being served, oldest first.
struct Open {
    max: usize,
    next: AtomicU64,
    connections: Mutex<VecDeque<Connection>>,
}

/// One connection being served: whether its request has come, and how to close it.
struct Connection {
    id: u64,
    requested: Arc<AtomicBool>,
    close: Arc<tokio::sync::Notify>,
}

impl Open {
    fn new(max: usize) -> Self {
        Self {
            max,
            next: AtomicU64::new(0),
            connections: Mutex::new(VecDeque::new()),
        }
    }

    /// Room for one more connection: `None` when all [`Open::max`] have sent their request (they
    /// end within moments); otherwise the oldest that is still idle is closed to make room.
    fn admit(&self) -> Option<Connection> {
        let mut open = self.connections.lock().unwrap_or_else(|p| p.into_inner());
        if open.len() >= self.max {
            let idle = open
                .iter()
                .position(|c| !c.requested.load(Ordering::Acquire))?;
            if let Some(evicted) = open.remove(idle) {
                evicted.close.notify_one();
            }
        }
        let connection = Connection {
            id: self.next.fetch_add(1, Ordering::Relaxed),
            requested: Arc::new(AtomicBool::new(false)),
            close: Arc::new(tokio::sync::Notify::new()),
        };
        open.push_back(Connection {
            id: connection.id,
            requested: connection.requested.clone(),
            close: connection.close.clone(),
        });
        Some(connection)
    }

    /// The connection `id` has ended.
    fn ended(&self, id: u64) {
        let mut open = self.connections.lock().unwrap_or_else(|p| p.into_inner());
        open.retain(|c| c.id != id);
    }
}

/// Accepts connections until `stop`: each served with one request at most, its headers within
/// [`HEADER_TIMEOUT`], alive [`CONNECTION_LIFETIME`] at most and [`GRACE`] after `stop`; beyond
/// the limit the oldest idle connection is closed for the new one (see [`Open::admit`]). A body is
/// never read.
async fn serve(
    listener: TcpListener,
    app: Router,
    mut stop: tokio::sync::watch::Receiver<bool>,
    open: Arc<Open>,
) {
    use hyper::service::Service as _;
    loop {
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            _ = stop.wait_for(|s| *s) => return,
        };
        let Some(this) = open.admit() else {
            continue;
        };
        let router = hyper_util::service::TowerToHyperService::new(app.clone());
        let requested = this.requested.clone();
        // The request's headers have come: from now on this connection is not idle.
        let service = hyper::service::service_fn(move |request| {
            requested.store(true, Ordering::Release);
            router.call(request)
        });
        let (mut stop, open) = (stop.clone(), open.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .keep_alive(false)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let stopped = async {
                let _ = stop.wait_for(|s| *s).await;
                tokio::time::sleep(GRACE).await;
            };
            tokio::select! {
                _ = tokio::time::timeout(CONNECTION_LIFETIME, connection) => {}
                _ = stopped => {}
                _ = this.close.notified() => {}
            }
            open.ended(this.id);
        });
    }
}

struct Shared {
    state: String,
    lang: Lang,
    result: Mutex<Option<oneshot::Sender<Callback>>>,
}

async fn callback(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let t = Texts::new(shared.lang);
    let Some(result) = read(query.as_deref().unwrap_or(""), &shared.state) else {
        // Not the answer to the pane's request (or forged): refuse, keep waiting.
        return page(&t, None);
    };
    let Some(tx) = shared
        .result
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
    else {
        return page(&t, Some(Err(AlreadyDone)));
    };
    let answer = page(&t, Some(Ok(&result)));
    let _ = tx.send(result);
    answer
}

/// A second callback with the right `state` after the first was taken.
pub struct AlreadyDone;

/// What one request to the listener brings back: the callback, when its query carries the
/// pane's `state` (compared in constant time, so the answer's timing tells nothing about it);
/// `None` for any other request.
pub fn read(query: &str, expected_state: &str) -> Option<Callback> {
    let q: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let state_ok = q.get("state").is_some_and(|s| {
        aws_lc_rs::constant_time::verify_slices_are_equal(s.as_bytes(), expected_state.as_bytes())
            .is_ok()
    });
    if !state_ok {
        return None;
    }
    Some(if let Some(code) = q.get("code") {
        Callback::Code(code.as_str().into())
    } else if q
        .get("admin_consent")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        Callback::AdminConsent {
            tenant: q.get("tenant").cloned().unwrap_or_default(),
            scope: q.get("scope").cloned(),
        }
    } else {
        let description = q.get("error_description").cloned().unwrap_or_default();
        Callback::Error {
            error: q.get("error").cloned().unwrap_or_else(|| "unknown".into()),
            code: guidance::code_in(&description),
            description,
        }
    })
}

/// The page the browser tab shows for a request: `None` a refused one (another `state`),
/// otherwise the callback taken or [`AlreadyDone`].
pub fn page_for(
    t: &Texts,
    outcome: Option<Result<&Callback, AlreadyDone>>,
) -> (StatusCode, String) {
    match outcome {
        None => html_page(
            t,
            StatusCode::BAD_REQUEST,
            &t.get("browser-wrong-state"),
            None,
        ),
        Some(Err(AlreadyDone)) => html_page(
            t,
            StatusCode::CONFLICT,
            &t.get("browser-already-done"),
            None,
        ),
        Some(Ok(Callback::Code(_) | Callback::AdminConsent { .. })) => {
            html_page(t, StatusCode::OK, &t.get("browser-done"), None)
        }
        Some(Ok(Callback::Error {
            description, code, ..
        })) => {
            let advice = code.and_then(guidance::for_code).map(|g| t.msg(&g.msg()));
            html_page(
                t,
                StatusCode::OK,
                &t.get("browser-failed"),
                Some((advice.unwrap_or_default(), description.clone())),
            )
        }
    }
}

fn page(t: &Texts, outcome: Option<Result<&Callback, AlreadyDone>>) -> Response {
    let (status, body) = page_for(t, outcome);
    (status, Html(body)).into_response()
}

/// The short page the browser tab shows; every text is escaped.
fn html_page(
    t: &Texts,
    status: StatusCode,
    headline: &str,
    detail: Option<(String, String)>,
) -> (StatusCode, String) {
    let body = html! {
        (DOCTYPE)
        html lang=(t.lang().code()) {
            head { meta charset="utf-8"; title { (t.get("app-title")) } }
            body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;max-width:560px;margin:48px auto" {
                h1 style="font-size:20px" { (headline) }
                @if let Some((advice, description)) = &detail {
                    @if !advice.is_empty() { p { (advice) } }
                    p style="color:#666;font-size:13px" { (description) }
                }
                p style="color:#666" { (t.get("browser-close-tab")) }
            }
        }
    };
    (status, body.into_string())
}
