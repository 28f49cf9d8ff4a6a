//! "Verbindung testen" against the emulator and stand-ins on loopback: a real HTTP CONNECT proxy
//! (written here), one that asks for authentication, a name that does not resolve, a refused
//! connection, a TLS server with an untrusted certificate, a server that never answers.

use std::time::Duration;
use teams_presence_admin::microsoft::diagnose::{self, HostDiagnosis, Limits, Stage};
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

const LIMITS: Limits = Limits {
    connect: Duration::from_secs(3),
    answer: Duration::from_millis(800),
};

fn stages(d: &HostDiagnosis) -> Vec<(Stage, bool)> {
    d.stages.iter().map(|s| (s.stage, s.ok)).collect()
}

/// The name the proxy stands in for a Microsoft host with: it tunnels it to this computer. (The
/// pane never sends this computer's own addresses through a proxy.)
const FAR: &str = "login.example.test";

/// A CONNECT proxy on loopback: tunnels ([`FAR`] to 127.0.0.1), or answers 407 when `auth` is set.
/// Returns its address.
async fn proxy(auth: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        loop {
            let Ok((client, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut client = BufReader::new(client);
                let mut first = String::new();
                client.read_line(&mut first).await.unwrap();
                loop {
                    let mut line = String::new();
                    client.read_line(&mut line).await.unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                }
                let target = first
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .replace(FAR, "127.0.0.1");
                let mut client = client.into_inner();
                if auth {
                    let answer = "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n";
                    client.write_all(answer.as_bytes()).await.unwrap();
                    return;
                }
                let Ok(mut upstream) = TcpStream::connect(target).await else {
                    return;
                };
                client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await
                    .unwrap();
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    addr
}

/// Issue 26 §10: this computer's own addresses go around the proxy, as the pane's requests do — a
/// proxy that does not resolve failed the test of the emulator on loopback in red while the check
/// through the same settings passed. The summary names the first failure.
#[tokio::test(flavor = "multi_thread")]
async fn loopback_goes_around_the_proxy_and_the_summary_names_the_first_failure() {
    let emu = crate::support::emulator().await;
    let discovery = "/musterfirma.de/v2.0/.well-known/openid-configuration";
    let d = diagnose::host(
        &emu.base_url,
        discovery,
        "proxy.nonexistent.invalid:8080",
        false,
        LIMITS,
    )
    .await;
    assert_eq!(
        stages(&d),
        [
            (Stage::Dns, true),
            (Stage::Connect, true),
            (Stage::Answer, true)
        ]
    );
    assert_eq!(
        diagnose::summary(std::slice::from_ref(&d), &[]).id,
        "diag-summary-ok"
    );
    let far = diagnose::host(
        "https://login.example.test",
        "/",
        "proxy.nonexistent.invalid:8080",
        true,
        LIMITS,
    )
    .await;
    assert_eq!(stages(&far), [(Stage::Dns, false)]);
    let s = diagnose::summary(&[d, far], &[]);
    let texts =
        teams_presence_admin::base::i18n::Texts::new(teams_presence_admin::base::i18n::Lang::En);
    assert_eq!(
        texts.msg(&s),
        "In short: https://login.example.test fails at DNS — see its advice above."
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn each_stage_directly_and_through_a_connect_proxy() {
    let emu = crate::support::emulator().await;
    let base = emu.base_url.clone();
    let discovery = "/musterfirma.de/v2.0/.well-known/openid-configuration";
    let d = diagnose::host(&base, discovery, "", false, LIMITS).await;
    assert_eq!(
        stages(&d),
        [
            (Stage::Dns, true),
            (Stage::Connect, true),
            (Stage::Answer, true)
        ]
    );
    assert!(
        d.stages[2].detail.starts_with("HTTP/1.1 200"),
        "{:?}",
        d.stages[2]
    );
    // Graph answers without a token with 401: reached.
    let d = diagnose::host(&base, "/v1.0/me", "", false, LIMITS).await;
    assert!(
        d.stages[2].detail.starts_with("HTTP/1.1 401"),
        "{:?}",
        d.stages[2]
    );

    let via = proxy(false).await;
    let far = base.replace("127.0.0.1", FAR);
    let d = diagnose::host(&far, discovery, &via, false, LIMITS).await;
    assert_eq!(
        stages(&d),
        [
            (Stage::Dns, true),
            (Stage::Connect, true),
            (Stage::Proxy, true),
            (Stage::Answer, true)
        ]
    );
    assert_eq!(d.stages[2].detail, "HTTP/1.1 200 Connection established");

    let d = diagnose::host(&far, discovery, &proxy(true).await, false, LIMITS).await;
    assert_eq!(d.stages.last().unwrap().stage, Stage::Proxy);
    assert!(d.stages.last().unwrap().detail.contains("407"));
    assert_eq!(
        d.stages.last().unwrap().advice,
        Some("diag-advice-proxy-auth")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn dns_connect_and_answer_failures_are_told_apart() {
    let d = diagnose::host("https://login.nonexistent.invalid", "/", "", true, LIMITS).await;
    assert_eq!(stages(&d), [(Stage::Dns, false)]);
    assert_eq!(d.stages[0].advice, Some("diag-advice-dns"));

    // A port nobody listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = diagnose::host(&format!("http://127.0.0.1:{port}"), "/", "", false, LIMITS).await;
    assert_eq!(stages(&d), [(Stage::Dns, true), (Stage::Connect, false)]);
    assert_eq!(d.stages[1].advice, Some("diag-advice-connect"));

    // A server that takes the connection and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = silent.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = silent.accept().await {
            held.push(s);
        }
    });
    let d = diagnose::host(&format!("http://{addr}"), "/", "", false, LIMITS).await;
    let last = d.stages.last().unwrap();
    assert_eq!(
        (last.stage, last.ok, last.detail.as_str()),
        (Stage::Answer, false, "timeout")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_untrusted_certificate_is_named_and_a_foreign_root_called_inspection() {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["localhost".into()]).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Corporate Inspection CA");
    let cert = params.self_signed(&key).unwrap();
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((s, _)) = listener.accept().await {
            let _ = acceptor.accept(s).await;
        }
    });
    let base = format!("https://localhost:{port}");
    let d = diagnose::host(&base, "/", "", false, LIMITS).await;
    let tls = d.stages.last().unwrap();
    assert_eq!((tls.stage, tls.ok), (Stage::Tls, false), "{d:?}");
    assert!(
        tls.detail.contains("Corporate Inspection CA"),
        "{}",
        tls.detail
    );
    assert_eq!(tls.advice, Some("diag-advice-tls"));
    // For Microsoft's hosts a root that is not Microsoft's is named as TLS inspection.
    let d = diagnose::host(&base, "/", "", true, LIMITS).await;
    assert_eq!(
        d.stages.last().unwrap().advice,
        Some("diag-advice-tls-inspection")
    );
}
