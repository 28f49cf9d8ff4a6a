//! The loopback redirect listener over real HTTP: the pane's `state` is required, the first
//! answer wins and later ones find nobody, Microsoft's error text is escaped on the page, and
//! waiting ends on timeout or cancel.

use std::time::Duration;
use teams_presence_admin::i18n::Lang;
use teams_presence_admin::microsoft::loopback::{Callback, Listener, WaitError};

const LONG: Duration = Duration::from_secs(10);

fn never() -> std::future::Pending<()> {
    std::future::pending()
}

#[tokio::test]
async fn code_with_the_right_state_is_received_on_ipv4_and_ipv6() {
    for host in ["127.0.0.1", "[::1]"] {
        let l = Listener::bind().await.unwrap();
        let port = l.port();
        assert_eq!(l.redirect_uri(), format!("http://localhost:{port}/"));
        let wait = tokio::spawn(async move { l.wait("s1", Lang::En, LONG, never()).await });
        let r = reqwest::get(format!(
            "http://{host}:{port}/?code=abc&state=s1&session_state=x"
        ))
        .await
        .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("the consent was received"));
        assert_eq!(
            wait.await.unwrap().unwrap(),
            Callback::Code("abc".into()),
            "{host}"
        );
    }
}

#[tokio::test]
async fn wrong_state_is_refused_and_a_second_callback_finds_nobody() {
    let l = Listener::bind().await.unwrap();
    let port = l.port();
    let wait = tokio::spawn(async move { l.wait("right", Lang::De, LONG, never()).await });
    let forged = reqwest::get(format!("http://127.0.0.1:{port}/?code=evil&state=wrong"))
        .await
        .unwrap();
    assert_eq!(forged.status(), 400);
    assert!(
        forged
            .text()
            .await
            .unwrap()
            .contains("gehört nicht zur Anfrage")
    );
    let r = reqwest::get(format!("http://127.0.0.1:{port}/?code=good&state=right"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(wait.await.unwrap().unwrap(), Callback::Code("good".into()));
    let again = reqwest::get(format!("http://127.0.0.1:{port}/?code=late&state=right")).await;
    assert!(
        again.is_err(),
        "the listener must be gone after the first answer"
    );
}

#[tokio::test]
async fn microsofts_error_is_explained_and_escaped() {
    let l = Listener::bind().await.unwrap();
    let port = l.port();
    let wait = tokio::spawn(async move { l.wait("s", Lang::En, LONG, never()).await });
    let mut url = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    url.query_pairs_mut()
        .append_pair("error", "access_denied")
        .append_pair(
            "error_description",
            "AADSTS65004: User declined <script>alert(1)</script>",
        )
        .append_pair("state", "s");
    let html = reqwest::get(url.as_str())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        html.contains("Repeat the consent and choose Accept"),
        "{html}"
    );
    match wait.await.unwrap().unwrap() {
        Callback::Error { error, code, .. } => {
            assert_eq!(error, "access_denied");
            assert_eq!(code, Some(65004));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn admin_consent_redirect_is_recognised() {
    let l = Listener::bind().await.unwrap();
    let port = l.port();
    let wait = tokio::spawn(async move { l.wait("a", Lang::En, LONG, never()).await });
    reqwest::get(format!("http://127.0.0.1:{port}/?admin_consent=True&tenant=t-1&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&state=a"))
        .await
        .unwrap();
    assert_eq!(
        wait.await.unwrap().unwrap(),
        Callback::AdminConsent {
            tenant: "t-1".into(),
            scope: Some("https://graph.microsoft.com/.default".into())
        }
    );
}

#[tokio::test]
async fn waiting_ends_on_timeout_and_on_cancel() {
    let l = Listener::bind().await.unwrap();
    let r = l
        .wait("s", Lang::En, Duration::from_millis(100), never())
        .await;
    assert!(matches!(r, Err(WaitError::TimedOut(_))));
    let l = Listener::bind().await.unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let wait = tokio::spawn(async move {
        l.wait("s", Lang::En, LONG, async {
            let _ = rx.await;
        })
        .await
    });
    tx.send(()).unwrap();
    assert!(matches!(wait.await.unwrap(), Err(WaitError::Cancelled)));
}
