//! The loopback redirect listener over real HTTP: the pane's `state` is required, the first
//! answer wins and later ones find nobody, Microsoft's error text is escaped on the page, and
//! waiting ends on timeout or cancel.

use std::time::Duration;
use teams_presence_admin::base::i18n::Lang;
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

/// Local clients that hold connections (issue 12 §4) — one connects and sends nothing, one sends
/// its headers slowly, one starts a 100 MB upload, a thousand connect and wait — delay neither
/// the callback nor the end of the wait: it returns within a second of the callback.
// On worker threads, as the pane's runtime: the listener accepts while the flood connects.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_connections_delay_neither_the_callback_nor_the_end_of_the_wait() {
    use tokio::io::AsyncWriteExt;
    use tokio::net::TcpStream;
    let l = Listener::bind().await.unwrap();
    let port = l.port();
    let wait = tokio::spawn(async move { l.wait("s", Lang::En, LONG, never()).await });
    let connect = || TcpStream::connect(("127.0.0.1", port));
    let idle = connect().await.unwrap();
    let mut slow = connect().await.unwrap();
    slow.write_all(b"GET /?code=x&state=s HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    let mut big = connect().await.unwrap();
    big.write_all(b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 104857600\r\n\r\n")
        .await
        .unwrap();
    big.write_all(&vec![0u8; 256 * 1024]).await.unwrap();
    // The flood: what the system lets through. Under Wine (the Windows build's tests) a flood of
    // 1,000 leaves the callback refused, a gap of Wine's sockets not seen on Linux and not yet
    // looked into on a real Windows: there the flood is 200 (docs/windows.md).
    let flood = if cfg!(windows) { 200 } else { 1000 };
    let mut many = Vec::new();
    for _ in 0..flood {
        if let Ok(c) = connect().await {
            many.push(c);
        }
        tokio::task::yield_now().await;
    }
    assert!(many.len() >= flood / 10, "only {} connections", many.len());
    // The burst is over and the listener has taken the connections in (they stay open, held by
    // the flood): a system's accept backlog is not what this tests (Wine's is small).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let start = std::time::Instant::now();
    let r = reqwest::get(format!("http://127.0.0.1:{port}/?code=good&state=s"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let got = tokio::time::timeout(Duration::from_secs(3), wait)
        .await
        .expect("the wait did not end within 3 s of the callback")
        .unwrap()
        .unwrap();
    assert_eq!(got, Callback::Code("good".into()));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    drop((idle, slow, big, many));
}

/// More idle connections than the listener serves (issue 24 §6: 1,100 idle local connections
/// dropped 33 of 40 callbacks): the oldest idle one is closed for each new one, so the browser's
/// callback is served every time. The whole limit on Linux; under Wine, whose sockets are fewer
/// (see the test above), a limit of 100 flooded with 150.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_idle_connections_than_the_limit_do_not_keep_the_callback_out() {
    use tokio::net::TcpStream;
    let (limit, flood) = if cfg!(windows) {
        (100, 150)
    } else {
        (1024, 1100)
    };
    for round in 0..5 {
        let l = Listener::bind().await.unwrap();
        let l = if cfg!(windows) {
            l.limit_connections(limit)
        } else {
            l
        };
        let port = l.port();
        let state = format!("s{round}");
        let expected = state.clone();
        let wait = tokio::spawn(async move { l.wait(&expected, Lang::En, LONG, never()).await });
        let mut idle = Vec::new();
        for _ in 0..flood {
            if let Ok(c) = TcpStream::connect(("127.0.0.1", port)).await {
                idle.push(c);
            }
        }
        assert!(idle.len() > limit, "only {} connections", idle.len());
        // Taken in (and held: idle for less than the 2 s a request may take to come).
        tokio::time::sleep(Duration::from_millis(200)).await;
        let r = reqwest::get(format!(
            "http://127.0.0.1:{port}/?code=c{round}&state={state}"
        ))
        .await
        .unwrap_or_else(|e| panic!("round {round}: the callback was refused: {e}"));
        assert_eq!(r.status(), 200, "round {round}");
        let got = tokio::time::timeout(Duration::from_secs(3), wait)
            .await
            .expect("the wait did not end within 3 s of the callback")
            .unwrap()
            .unwrap();
        assert_eq!(got, Callback::Code(format!("c{round}").as_str().into()));
        drop(idle);
    }
}

/// Cancel ends the wait within a second although a client holds a connection.
#[tokio::test]
async fn cancel_ends_the_wait_although_a_connection_is_held() {
    let l = Listener::bind().await.unwrap();
    let port = l.port();
    let (cancel, cancelled) = tokio::sync::oneshot::channel::<()>();
    let wait = tokio::spawn(async move {
        let cancelled = async move {
            let _ = cancelled.await;
        };
        l.wait("s", Lang::En, LONG, cancelled).await
    });
    let held = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let start = std::time::Instant::now();
    cancel.send(()).unwrap();
    let r = tokio::time::timeout(Duration::from_secs(3), wait)
        .await
        .expect("cancel did not end the wait within 3 s")
        .unwrap();
    assert!(matches!(r, Err(WaitError::Cancelled)));
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    drop(held);
}

/// A connection that sends its headers too slowly is closed (header read timeout, 2 s).
#[tokio::test]
async fn a_slow_sender_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let l = Listener::bind().await.unwrap();
    let port = l.port();
    let _wait = tokio::spawn(async move { l.wait("s", Lang::En, LONG, never()).await });
    let mut slow = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    slow.write_all(b"GET /?state=s HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the connection was still open after 5 s");
}
