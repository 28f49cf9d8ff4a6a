//! Protocol tests of the emulator over real HTTP on loopback: every endpoint and fault switch,
//! with a browser stand-in that walks the sign-in pages as a browser would.

mod apps;
mod certificates;
mod cli;
mod faults;
mod fidelity;
mod graph;
mod identity;

use entra_emulator::{self as emulator, Faults, Running, World, state, tokens};
use std::collections::HashMap;

pub const CLIENT: &str = state::DEMO_CLIENT_ID;
pub const TENANT: &str = "musterfirma.de";

pub async fn start(world: World) -> Running {
    emulator::start(([127, 0, 0, 1], 0).into(), world, Faults::default())
        .await
        .unwrap()
}

/// A client that does not follow redirects: the tests look at each `Location`.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub use entra_emulator::walker::hidden_fields;

/// The query of a redirect's `Location` as a map.
pub fn query_of(location: &str) -> HashMap<String, String> {
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

/// A one-shot HTTP listener on loopback that records the path and query of the request it gets
/// (the pane's redirect listener, as far as the browser can tell).
pub struct Loopback {
    pub port: u16,
    rx: tokio::sync::oneshot::Receiver<String>,
}

impl Loopback {
    pub async fn start() -> Self {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut buf = vec![0u8; 8192];
            let n = sock.read(&mut buf).await.unwrap();
            let head = String::from_utf8_lossy(&buf[..n]).into_owned();
            let target = head.split(' ').nth(1).unwrap_or("").to_owned();
            let body = "done";
            let _ = sock
                .write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    )
                    .as_bytes(),
                )
                .await;
            let _ = tx.send(target);
        });
        Self { port, rx }
    }

    pub fn redirect_uri(&self) -> String {
        format!("http://localhost:{}/", self.port)
    }

    pub async fn received(self) -> HashMap<String, String> {
        let target = self.rx.await.unwrap();
        query_of(&format!("http://localhost{target}"))
    }
}

/// PKCE verifier and its S256 challenge.
pub fn pkce() -> (String, String) {
    let verifier = tokens::random(32);
    let challenge = tokens::s256(&verifier);
    (verifier, challenge)
}

/// The authorize URL as the pane builds it.
pub fn authorize_url(base: &str, redirect_uri: &str, challenge: &str, scope: &str) -> String {
    let mut url = url::Url::parse(&format!("{base}/{TENANT}/oauth2/v2.0/authorize")).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", CLIENT)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("response_mode", "query")
        .append_pair("scope", scope)
        .append_pair("state", "st-123")
        .append_pair("nonce", "n-456")
        .append_pair("code_challenge", challenge)
        .append_pair("code_challenge_method", "S256");
    url.into()
}

pub const USER_SCOPES: &str = "openid profile offline_access https://graph.microsoft.com/Presence.Read.All https://graph.microsoft.com/User.Read https://graph.microsoft.com/User.ReadBasic.All";

/// Opens the page, fills in the account, presses a button; returns the redirect `Location`.
pub async fn sign_in(
    http: &reqwest::Client,
    url: &str,
    user: &str,
    password: &str,
    action: &str,
) -> reqwest::Response {
    let page = http.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200, "sign-in page");
    let html = page.text().await.unwrap();
    let mut form = hidden_fields(&html);
    form.push(("username".into(), user.into()));
    form.push(("password".into(), password.into()));
    form.push(("action".into(), action.into()));
    http.post(url).form(&form).send().await.unwrap()
}

pub fn location(r: &reqwest::Response) -> String {
    assert!(
        r.status().is_redirection(),
        "expected a redirect, got {}",
        r.status()
    );
    r.headers()["location"].to_str().unwrap().to_owned()
}

/// The whole user consent: page, sign-in, redirect to the loopback listener, code redeemed with
/// PKCE. Returns the token response.
pub async fn user_consent(http: &reqwest::Client, base: &str, user: &str) -> serde_json::Value {
    let lb = Loopback::start().await;
    let (verifier, challenge) = pkce();
    let url = authorize_url(base, &lb.redirect_uri(), &challenge, USER_SCOPES);
    let r = sign_in(http, &url, user, state::DEMO_PASSWORD, "accept").await;
    http.get(location(&r)).send().await.unwrap();
    let q = lb.received().await;
    assert_eq!(q.get("state").map(String::as_str), Some("st-123"));
    let code = q.get("code").expect("code in the redirect").clone();
    redeem(http, base, &code, &lb_uri(&url), &verifier)
        .await
        .json()
        .await
        .unwrap()
}

fn lb_uri(authorize: &str) -> String {
    query_of(authorize)["redirect_uri"].clone()
}

pub async fn redeem(
    http: &reqwest::Client,
    base: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> reqwest::Response {
    redeem_for(
        http,
        base,
        (CLIENT, USER_SCOPES),
        code,
        redirect_uri,
        verifier,
    )
    .await
}

/// The code redeemed by the app `client` for `scope`s, with `client_info`.
pub async fn redeem_for(
    http: &reqwest::Client,
    base: &str,
    (client, scope): (&str, &str),
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> reqwest::Response {
    http.post(format!("{base}/{TENANT}/oauth2/v2.0/token"))
        .form(&[
            ("client_id", client),
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", verifier),
            ("client_info", "1"),
            ("scope", scope),
        ])
        .send()
        .await
        .unwrap()
}

/// The payload of a JWT, not verified (the tests that need verification use the JWKS).
pub fn claims(jwt: &str) -> serde_json::Value {
    use base64::Engine as _;
    let payload = jwt.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// Admin consent walked in the browser as the demo administrator.
pub async fn admin_consent(http: &reqwest::Client, base: &str) -> HashMap<String, String> {
    let mut url = url::Url::parse(&format!("{base}/{TENANT}/v2.0/adminconsent")).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", CLIENT)
        .append_pair("scope", "https://graph.microsoft.com/.default")
        .append_pair("redirect_uri", "http://localhost:9/")
        .append_pair("state", "adm-1");
    let r = sign_in(
        http,
        url.as_str(),
        "admin@musterfirma.de",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    query_of(&location(&r))
}

pub async fn app_token(http: &reqwest::Client, base: &str) -> reqwest::Response {
    app_token_for(http, base, CLIENT, state::DEMO_CLIENT_SECRET).await
}

/// Client credentials of the app `client` with `secret`.
pub async fn app_token_for(
    http: &reqwest::Client,
    base: &str,
    client: &str,
    secret: &str,
) -> reqwest::Response {
    http.post(format!("{base}/{TENANT}/oauth2/v2.0/token"))
        .form(&[
            ("client_id", client),
            ("grant_type", "client_credentials"),
            ("client_secret", secret),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .await
        .unwrap()
}
