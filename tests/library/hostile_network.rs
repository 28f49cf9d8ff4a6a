//! The network cannot trick the pane (issue 12 §3): a redirect on a token or Graph request is
//! an error and never followed (a 307 would re-send the form with the secret to any host), and
//! an `http://` address to another computer gets no request at all.

use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::any;
use std::sync::{Arc, Mutex};
use teams_presence_admin::microsoft::client::{Client, RequestError, Stage};
use teams_presence_admin::microsoft::credential::AppCredential;
use teams_presence_admin::model::config::{Cloud, Settings};

/// A server on loopback that answers `answer` to everything and records what it was sent.
async fn server(
    answer: impl Fn() -> (StatusCode, HeaderMap) + Clone + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let base: Arc<std::sync::OnceLock<String>> = Arc::default();
    serve(
        move |_| {
            let (status, headers) = answer();
            (status, headers, String::new())
        },
        base,
    )
    .await
}

/// Like [`server`], the answer with a body, made with the server's own base URL.
async fn serve(
    answer: impl Fn(&str) -> (StatusCode, HeaderMap, String) + Clone + Send + Sync + 'static,
    base_cell: Arc<std::sync::OnceLock<String>>,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    let cell = base_cell.clone();
    let app = Router::new().fallback(any(move |headers: HeaderMap, body: String| {
        let (log, answer, cell) = (log.clone(), answer.clone(), cell.clone());
        async move {
            let auth = headers
                .get(header::AUTHORIZATION)
                .map(|v| v.to_str().unwrap_or_default().to_owned())
                .unwrap_or_default();
            log.lock().unwrap().push(format!("{auth} {body}"));
            answer(cell.get().map(String::as_str).unwrap_or_default())
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let _ = base_cell.set(base.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, seen)
}

fn custom(login: &str, graph: &str) -> Settings {
    Settings {
        tenant_id: "contoso.onmicrosoft.com".into(),
        cloud: Cloud::Custom,
        custom_login_url: login.into(),
        custom_graph_url: graph.into(),
        client_id: "11111111-2222-3333-4444-555555555555".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn redirects_on_token_and_graph_requests_are_refused_not_followed() {
    let (thief, stolen) = server(|| (StatusCode::OK, HeaderMap::new())).await;
    for status in [307u16, 308, 302] {
        let to = format!("{thief}/steal");
        let (base, seen) = server(move || {
            let mut h = HeaderMap::new();
            h.insert(header::LOCATION, to.parse().unwrap());
            (StatusCode::from_u16(status).unwrap(), h)
        })
        .await;
        let client = Client::for_settings(&custom(&base, &base)).unwrap();
        let e = client
            .client_credentials(
                &AppCredential::Secret("s3cret-value".into()),
                "https://graph.microsoft.com/.default",
            )
            .await
            .unwrap_err();
        match e {
            RequestError::Unreachable { stage, detail } => {
                assert_eq!(stage, Stage::Redirect);
                assert!(detail.contains("/steal"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        let e = client
            .graph("the-access-token", "/v1.0/me", None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                RequestError::Unreachable {
                    stage: Stage::Redirect,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(seen.lock().unwrap().len(), 2, "each asked once");
    }
    assert!(
        stolen.lock().unwrap().is_empty(),
        "the thief was sent: {:?}",
        stolen.lock().unwrap()
    );
}

#[tokio::test]
async fn http_to_another_computer_gets_no_request() {
    let (local, seen) = server(|| (StatusCode::OK, HeaderMap::new())).await;
    // A hand-edited msteams.cfg: the window's validation never saw these.
    for (login, graph) in [
        ("http://login.example.com", local.as_str()),
        (local.as_str(), "http://graph.example.com"),
    ] {
        match Client::for_settings(&custom(login, graph)) {
            Err(RequestError::Unreachable { stage, detail }) => {
                assert_eq!(stage, Stage::Plaintext);
                assert!(detail.contains("example.com"), "{detail}");
            }
            other => panic!("{:?}", other.err()),
        }
    }
    // The check says so instead of trying.
    let dir = tempfile::tempdir().unwrap();
    let s = custom("http://login.example.com", "http://graph.example.com");
    let secrets = teams_presence_admin::base::paths::secrets(dir.path());
    let report =
        teams_presence_admin::ops::check::run(&s, Some(s.client_id.as_str()), &secrets).await;
    let t =
        teams_presence_admin::base::i18n::Texts::new(teams_presence_admin::base::i18n::Lang::En);
    assert!(
        t.msg(&report.verdict.msg())
            .contains("sends no secret unencrypted"),
        "{}",
        t.msg(&report.verdict.msg())
    );
    // http to this computer (the emulator) stays allowed.
    assert!(Client::for_settings(&custom(&local, &local)).is_ok());
    assert!(seen.lock().unwrap().is_empty());
}

fn json() -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    h
}

#[tokio::test]
async fn oversized_and_broken_answers_are_errors() {
    // A token answer of 300 KB (Microsoft's are a few KB).
    let big = format!("{{\"access_token\": \"{}\"}}", "a".repeat(300 * 1024));
    let (base, _) = serve(
        move |_| (StatusCode::OK, json(), big.clone()),
        Arc::default(),
    )
    .await;
    let client = Client::for_settings(&custom(&base, &base)).unwrap();
    let e = client.refresh("a-refresh-token", &[]).await.unwrap_err();
    assert!(e.to_string().contains("longer than"), "{e}");
    // Graph answers 200 with a body that is not JSON: an error, not an empty success.
    let (base, _) = serve(
        |_| (StatusCode::OK, json(), "<html>proxy login</html>".into()),
        Arc::default(),
    )
    .await;
    let client = Client::for_settings(&custom(&base, &base)).unwrap();
    match client.graph("t", "/v1.0/me/presence", None).await {
        Err(RequestError::Unreachable { stage, detail }) => {
            assert_eq!(stage, Stage::Answer);
            assert!(detail.contains("Graph's answer"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_next_link_loop_ends() {
    use teams_presence_admin::microsoft::graph::{self, MAX_PAGES};
    let (base, seen) = serve(
        |base| {
            let page =
                format!("{{\"value\": [], \"@odata.nextLink\": \"{base}/v1.0/users?again\"}}");
            (StatusCode::OK, json(), page)
        },
        Arc::default(),
    )
    .await;
    let client = Client::for_settings(&custom(&base, &base)).unwrap();
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    let e = graph::list_users(&client, "t", |_| {}, &mut cancel)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("pages of users"), "{e}");
    assert_eq!(seen.lock().unwrap().len(), MAX_PAGES);
}

#[test]
fn retry_after_in_seconds_and_as_http_date() {
    use std::time::Duration;
    use teams_presence_admin::microsoft::client::retry_after;
    let now = chrono::DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
    assert_eq!(
        retry_after("Wed, 21 Oct 2015 07:28:09 GMT", now),
        Some(Duration::from_secs(9))
    );
    assert_eq!(
        retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
        Some(Duration::ZERO)
    );
    assert_eq!(retry_after("soon", now), None);
}

/// The proxy is bypassed for all of 127.0.0.0/8 (as the validation allows http there), not only
/// for 127.0.0.1: the emulator on 127.0.0.2 is reached directly while a proxy is set.
#[tokio::test]
async fn the_proxy_is_bypassed_for_all_of_loopback() {
    let Ok(listener) = tokio::net::TcpListener::bind("127.0.0.2:0").await else {
        eprintln!("127.0.0.2 cannot be bound here; nothing to test");
        return;
    };
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = Router::new().fallback(any(|| async { (StatusCode::OK, json(), "{}") }));
    tokio::spawn(async move { axum::serve(listener, app).await });
    // A proxy that does not exist: a request through it would fail with the proxy stage.
    let settings = Settings {
        proxy: "127.0.0.1:9".into(),
        ..custom(&base, &base)
    };
    let client = Client::for_settings(&settings).unwrap();
    let value = client.graph("t", "/v1.0/me", None).await.unwrap();
    assert_eq!(value, serde_json::json!({}));
}
