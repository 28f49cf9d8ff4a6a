//! "Verbindung testen" (issue 15 §1): for the login host and the Graph host of the configured
//! cloud, each stage of a connection on its own with its time — DNS, TCP connect, the proxy
//! (`CONNECT` through `u8sProxyAddress`, its status line; 407 named as proxy authentication), TLS
//! (with the platform's verifier, as the pane's requests; the certificate chain's subjects and
//! issuers named, and a root that is not Microsoft's named as a TLS-inspecting proxy), HTTP (a
//! request Microsoft answers without sign-in: the login host's discovery, Graph's 401). Every
//! failed stage says what to check. The stages are the client's ([`Stage`]), the HTTP request's
//! being `Answer`. The OAuth and Graph stages (refresh, presence read, app token) follow as the
//! timed [`super::flows::Step`]s of [`super::check`].

pub use super::client::Stage;
use super::endpoints::Endpoints;
use crate::base::i18n::Msg;
use crate::model::config::{Cloud, Settings};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt as _, AsyncRead, AsyncWrite, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

/// How a stage went.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageResult {
    pub stage: Stage,
    pub ok: bool,
    pub millis: u64,
    /// What was found (addresses, the proxy's status line, the chain, the HTTP status).
    pub detail: String,
    /// For a failure: what to check (a Fluent id).
    #[serde(skip)]
    pub advice: Option<&'static str>,
}

/// The stages of one host, in order, up to the first that failed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct HostDiagnosis {
    pub host: String,
    pub stages: Vec<StageResult>,
}

impl HostDiagnosis {
    pub fn ok(&self) -> bool {
        self.stages.iter().all(|s| s.ok)
    }
}

/// The test in one line: all fine, or the first stage or request that failed (where to look
/// first).
pub fn summary(hosts: &[HostDiagnosis], steps: &[super::flows::Step]) -> Msg {
    let failed_stage = hosts
        .iter()
        .find_map(|h| h.stages.iter().find(|s| !s.ok).map(|s| (h, s)));
    if let Some((h, s)) = failed_stage {
        return Msg::new("diag-summary-stage")
            .text("host", h.host.clone())
            .reference("stage", stage_id(s.stage));
    }
    match steps.iter().find(|s| !s.ok) {
        Some(step) => Msg::new("diag-summary-step").inner("step", step.msg()),
        None => Msg::new("diag-summary-ok"),
    }
}

/// Timeouts of the stages (shorter in tests).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub connect: Duration,
    pub answer: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            answer: Duration::from_secs(15),
        }
    }
}

/// Both hosts of the configured cloud.
pub async fn run(settings: &Settings, limits: Limits) -> Vec<HostDiagnosis> {
    let e = Endpoints::for_settings(settings);
    let tenant = match settings.tenant_id.trim() {
        "" => "common".to_owned(),
        t => t.to_owned(),
    };
    let microsoft = settings.cloud != Cloud::Custom;
    let login = format!("/{tenant}/v2.0/.well-known/openid-configuration");
    let mut out = Vec::new();
    for (base, path) in [
        (e.login.as_str(), login.as_str()),
        (e.graph.as_str(), "/v1.0/me"),
    ] {
        out.push(host(base, path, &settings.proxy, microsoft, limits).await);
    }
    out
}

/// One host: `base` (`https://login.microsoftonline.com`), the path of the unauthenticated
/// request, the proxy (`host:port` or empty).
pub async fn host(
    base: &str,
    path: &str,
    proxy: &str,
    microsoft: bool,
    limits: Limits,
) -> HostDiagnosis {
    let mut d = HostDiagnosis {
        host: base.to_owned(),
        stages: Vec::new(),
    };
    // Each stage writes its line; a failed one ends the diagnosis (`None`).
    let _ = stages(&mut d, base, path, proxy, microsoft, limits).await;
    d
}

/// The stages one after the other: name resolution, connection, the proxy's tunnel, TLS, HTTP.
async fn stages(
    d: &mut HostDiagnosis,
    base: &str,
    path: &str,
    proxy: &str,
    microsoft: bool,
    limits: Limits,
) -> Option<()> {
    let Ok(url) = url::Url::parse(base) else {
        d.stages
            .push(failed(Stage::Dns, 0, base.to_owned(), "diag-advice-url"));
        return None;
    };
    let host = url.host_str().unwrap_or_default().to_owned();
    // As the pane's requests go: around the proxy for this computer.
    let proxy = if super::client::bypasses_proxy(&host) {
        ""
    } else {
        proxy
    };
    let port = url.port_or_known_default().unwrap_or(443);
    // Without a proxy the pane connects to the host; with one, to the proxy.
    let (connect_host, connect_port) = match proxy.rsplit_once(':') {
        Some((h, p)) if !proxy.is_empty() => (unbracket(h), p.parse().unwrap_or(8080)),
        _ => (unbracket(&host), port),
    };
    let addrs = resolve(d, &connect_host, connect_port, proxy, limits).await?;
    let stream = connect(d, &addrs, &connect_host, connect_port, proxy, limits).await?;
    let mut stream = BufReader::new(stream);
    if !proxy.is_empty() {
        tunnel(d, &mut stream, &format!("{host}:{port}"), limits).await?;
    }
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: teams-presence-admin/{}\r\nConnection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    );
    if url.scheme() != "https" {
        http(d, stream, &request, limits).await;
        return Some(());
    }
    let start = Instant::now();
    match tokio::time::timeout(limits.answer, handshake(stream.into_inner(), &host)).await {
        Ok((Ok(tls), chain)) => {
            d.stages
                .push(passed(Stage::Tls, ms(start), chain_text(&chain, microsoft)));
            http(d, BufReader::new(tls), &request, limits).await;
        }
        Ok((Err(e), chain)) => {
            let inspecting = microsoft && !microsofts_root(&chain) && !chain.is_empty();
            let advice = if inspecting {
                "diag-advice-tls-inspection"
            } else {
                "diag-advice-tls"
            };
            let detail = format!("{e}; {}", chain_text(&chain, microsoft));
            d.stages.push(failed(Stage::Tls, ms(start), detail, advice));
        }
        Err(_) => d.stages.push(failed(
            Stage::Tls,
            ms(start),
            "timeout".into(),
            "diag-advice-tls",
        )),
    }
    Some(())
}

/// A host or an IPv6 address without its brackets.
fn unbracket(host: &str) -> String {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned()
}

/// Name resolution of the host (or the proxy) the pane connects to.
async fn resolve(
    d: &mut HostDiagnosis,
    host: &str,
    port: u16,
    proxy: &str,
    limits: Limits,
) -> Option<Vec<std::net::SocketAddr>> {
    let start = Instant::now();
    let lookup = tokio::net::lookup_host((host.to_owned(), port));
    let why = match tokio::time::timeout(limits.connect, lookup).await {
        Ok(Ok(a)) => {
            let addrs: Vec<std::net::SocketAddr> = a.collect();
            let list: Vec<String> = addrs.iter().map(|a| a.ip().to_string()).collect();
            let detail = format!("{host}: {}", list.join(", "));
            d.stages.push(passed(Stage::Dns, ms(start), detail));
            return Some(addrs);
        }
        Ok(Err(e)) => e.to_string(),
        Err(_) => "timeout".to_owned(),
    };
    let detail = format!("{host}: {why}");
    d.stages
        .push(failed(Stage::Dns, ms(start), detail, dns_advice(proxy)));
    None
}

/// The TCP connection to one of `addrs`.
async fn connect(
    d: &mut HostDiagnosis,
    addrs: &[std::net::SocketAddr],
    host: &str,
    port: u16,
    proxy: &str,
    limits: Limits,
) -> Option<TcpStream> {
    let start = Instant::now();
    let why = match tokio::time::timeout(limits.connect, TcpStream::connect(addrs)).await {
        Ok(Ok(s)) => {
            let peer = s.peer_addr().map(|a| a.to_string()).unwrap_or_default();
            d.stages.push(passed(Stage::Connect, ms(start), peer));
            return Some(s);
        }
        Ok(Err(e)) => e.to_string(),
        Err(_) => "timeout".to_owned(),
    };
    let detail = format!("{host}:{port}: {why}");
    d.stages.push(failed(
        Stage::Connect,
        ms(start),
        detail,
        connect_advice(proxy),
    ));
    None
}

/// The proxy's tunnel to `authority` (`CONNECT`): 200, or 407 (credentials) or another refusal.
async fn tunnel<S: AsyncRead + AsyncWrite + Unpin>(
    d: &mut HostDiagnosis,
    stream: &mut BufReader<S>,
    authority: &str,
    limits: Limits,
) -> Option<()> {
    let start = Instant::now();
    let request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
    let (detail, advice) =
        match tokio::time::timeout(limits.answer, connect_tunnel(stream, &request)).await {
            Ok(Ok(status)) if status.split_whitespace().nth(1) == Some("200") => {
                d.stages.push(passed(Stage::Proxy, ms(start), status));
                return Some(());
            }
            Ok(Ok(status)) if status.split_whitespace().nth(1) == Some("407") => {
                (status, "diag-advice-proxy-auth")
            }
            Ok(Ok(status)) => (status, "diag-advice-proxy-refused"),
            Ok(Err(e)) => (e.to_string(), "diag-advice-proxy-refused"),
            Err(_) => ("timeout".to_owned(), "diag-advice-proxy-refused"),
        };
    d.stages
        .push(failed(Stage::Proxy, ms(start), detail, advice));
    None
}

async fn connect_tunnel<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut BufReader<S>,
    request: &str,
) -> std::io::Result<String> {
    stream.get_mut().write_all(request.as_bytes()).await?;
    let status = read_line(stream).await?;
    // The rest of the proxy's answer, up to the empty line.
    loop {
        let line = read_line(stream).await?;
        if line.is_empty() {
            break;
        }
    }
    Ok(status)
}

async fn read_line<S: AsyncRead + Unpin>(stream: &mut BufReader<S>) -> std::io::Result<String> {
    let mut line = String::new();
    if stream.read_line(&mut line).await? == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the connection was closed",
        ));
    }
    Ok(line.trim_end().to_owned())
}

/// The HTTP stage: the request, the answer's status line (any status: Microsoft answered).
async fn http<S: AsyncRead + AsyncWrite + Unpin>(
    d: &mut HostDiagnosis,
    mut stream: BufReader<S>,
    request: &str,
    limits: Limits,
) {
    let start = Instant::now();
    let answer = async {
        stream.get_mut().write_all(request.as_bytes()).await?;
        read_line(&mut stream).await
    };
    match tokio::time::timeout(limits.answer, answer).await {
        Ok(Ok(status)) if status.starts_with("HTTP/") => {
            d.stages.push(passed(Stage::Answer, ms(start), status))
        }
        Ok(Ok(other)) => d
            .stages
            .push(failed(Stage::Answer, ms(start), other, "diag-advice-http")),
        Ok(Err(e)) => d.stages.push(failed(
            Stage::Answer,
            ms(start),
            e.to_string(),
            "diag-advice-http",
        )),
        Err(_) => d.stages.push(failed(
            Stage::Answer,
            ms(start),
            "timeout".into(),
            "diag-advice-http",
        )),
    }
}

/// The TLS handshake with the platform's verifier, and the chain the server presented (also when
/// it was refused).
async fn handshake(
    tcp: TcpStream,
    host: &str,
) -> (
    std::io::Result<tokio_rustls::client::TlsStream<TcpStream>>,
    Vec<Vec<u8>>,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier = match rustls_platform_verifier::Verifier::new(provider.clone()) {
        Ok(v) => v,
        Err(e) => return (Err(std::io::Error::other(e)), Vec::new()),
    };
    let recording = Arc::new(Recording {
        inner: Arc::new(verifier),
        seen: seen.clone(),
    });
    let config = match rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
    {
        Ok(b) => b
            .dangerous()
            .with_custom_certificate_verifier(recording)
            .with_no_client_auth(),
        Err(e) => return (Err(std::io::Error::other(e)), Vec::new()),
    };
    let name = match rustls::pki_types::ServerName::try_from(
        host.trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned(),
    ) {
        Ok(n) => n,
        Err(e) => return (Err(std::io::Error::other(e)), Vec::new()),
    };
    let result = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await;
    let chain = seen.lock().map(|c| c.clone()).unwrap_or_default();
    (result, chain)
}

/// The platform's verifier, recording the chain it was shown.
#[derive(Debug)]
struct Recording {
    inner: Arc<dyn rustls::client::danger::ServerCertVerifier>,
    seen: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl rustls::client::danger::ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        intermediates: &[rustls::pki_types::CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        ocsp: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = std::iter::once(end_entity)
                .chain(intermediates)
                .map(|c| c.to_vec())
                .collect();
        }
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// Subject and issuer of each certificate of the chain.
fn names(chain: &[Vec<u8>]) -> Vec<(String, String)> {
    chain
        .iter()
        .filter_map(|der| x509_parser::parse_x509_certificate(der).ok())
        .map(|(_, c)| (c.subject().to_string(), c.issuer().to_string()))
        .collect()
}

/// Whether the chain ends at a root Microsoft's hosts use (DigiCert's or Microsoft's own).
fn microsofts_root(chain: &[Vec<u8>]) -> bool {
    names(chain)
        .last()
        .is_some_and(|(_, issuer)| issuer.contains("DigiCert") || issuer.contains("Microsoft"))
}

fn chain_text(chain: &[Vec<u8>], microsoft: bool) -> String {
    let mut text: Vec<String> = names(chain)
        .iter()
        .map(|(s, i)| format!("{s} ← {i}"))
        .collect();
    if microsoft && !chain.is_empty() && !microsofts_root(chain) {
        text.push("not Microsoft's root: a TLS-inspecting proxy?".into());
    }
    text.join(" | ")
}

fn ms(start: Instant) -> u64 {
    start.elapsed().as_millis().try_into().unwrap_or(u64::MAX)
}

fn passed(stage: Stage, millis: u64, detail: String) -> StageResult {
    StageResult {
        stage,
        ok: true,
        millis,
        detail,
        advice: None,
    }
}

fn failed(stage: Stage, millis: u64, detail: String, advice: &'static str) -> StageResult {
    StageResult {
        stage,
        ok: false,
        millis,
        detail,
        advice: Some(advice),
    }
}

fn dns_advice(proxy: &str) -> &'static str {
    if proxy.is_empty() {
        "diag-advice-dns"
    } else {
        "diag-advice-dns-proxy"
    }
}

fn connect_advice(proxy: &str) -> &'static str {
    if proxy.is_empty() {
        "diag-advice-connect"
    } else {
        "diag-advice-connect-proxy"
    }
}

/// A stage's name (a Fluent id).
fn stage_id(stage: Stage) -> &'static str {
    match stage {
        Stage::Dns => "diag-stage-dns",
        Stage::Connect => "diag-stage-connect",
        Stage::Proxy => "diag-stage-proxy",
        Stage::Tls => "diag-stage-tls",
        // The HTTP request: Microsoft's answer (the other stages of the client do not occur).
        Stage::Answer
        | Stage::Interrupted
        | Stage::Timeout
        | Stage::Redirect
        | Stage::Plaintext => "diag-stage-http",
    }
}

impl StageResult {
    /// One line: the stage, ok or not, the time, what was found.
    pub fn msg(&self) -> Msg {
        Msg::new(if self.ok { "diag-ok" } else { "diag-failed" })
            .reference("stage", stage_id(self.stage))
            .num("millis", self.millis)
            .text("detail", self.detail.clone())
    }
}
