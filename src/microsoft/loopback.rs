//! The loopback redirect listener: `http://localhost:{port}/` on 127.0.0.1 and ::1 (browsers resolve
//! `localhost` either way), nothing but loopback. It waits for the one redirect that carries the
//! pane's `state`, answers the browser with a short page in the pane's language, and stops: a
//! callback with another `state` is refused, and one after the first is not received at all.

use crate::i18n::{Lang, Texts};
use crate::microsoft::guidance;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, html};
use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// What the browser brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// The authorization code of "Zustimmung des Benutzers" (redacted in `Debug`).
    Code(crate::secrets::Secret),
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
                    });
                }
                // The port is taken on ::1: try another.
                Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
                // No IPv6 on this system: IPv4 alone.
                Err(_) => {
                    return Ok(Self {
                        port,
                        listeners: vec![v4],
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
        let mut servers = Vec::new();
        for listener in self.listeners {
            let mut stop = stop_rx.clone();
            let app = app.clone();
            servers.push(tokio::spawn(async move {
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stop.wait_for(|s| *s).await;
                    })
                    .await;
            }));
        }
        let outcome = tokio::select! {
            r = rx => r.map_err(|_| WaitError::Cancelled),
            _ = tokio::time::sleep(timeout) => Err(WaitError::TimedOut(timeout)),
            _ = cancel => Err(WaitError::Cancelled),
        };
        // Stop listening: a later callback finds nobody (the answer page is already sent).
        let _ = stop_tx.send(true);
        for s in servers {
            let _ = s.await;
        }
        outcome
    }
}

struct Shared {
    state: String,
    lang: Lang,
    result: Mutex<Option<oneshot::Sender<Callback>>>,
}

async fn callback(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let t = Texts::new(shared.lang);
    if q.get("state") != Some(&shared.state) {
        // Not the answer to the pane's request (or forged): refuse, keep waiting.
        return page(
            &t,
            StatusCode::BAD_REQUEST,
            &t.get("browser-wrong-state"),
            None,
        );
    }
    let result = if let Some(code) = q.get("code") {
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
    };
    let Some(tx) = shared
        .result
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
    else {
        return page(
            &t,
            StatusCode::CONFLICT,
            &t.get("browser-already-done"),
            None,
        );
    };
    let answer = match &result {
        Callback::Code(_) | Callback::AdminConsent { .. } => {
            page(&t, StatusCode::OK, &t.get("browser-done"), None)
        }
        Callback::Error {
            description, code, ..
        } => {
            let advice = code.and_then(guidance::for_code).map(|g| t.msg(&g.msg()));
            page(
                &t,
                StatusCode::OK,
                &t.get("browser-failed"),
                Some((advice.unwrap_or_default(), description.clone())),
            )
        }
    };
    let _ = tx.send(result);
    answer
}

/// The short page the browser tab shows; every text is escaped.
fn page(
    t: &Texts,
    status: StatusCode,
    headline: &str,
    detail: Option<(String, String)>,
) -> Response {
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
    (status, Html(body.into_string())).into_response()
}
