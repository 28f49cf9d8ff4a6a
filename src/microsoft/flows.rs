//! The two consents end to end through one entry point, [`give`] (used by the window, the command
//! line and the tests): "Zustimmung des Benutzers" (authorization code with PKCE S256, `state` and
//! `nonce`, on the loopback redirect; the code redeemed, the consenting account's presence read
//! once to prove it, the refresh token stored), "Zustimmung des Administrators" (the v2 admin
//! consent URL; verified with a client-credentials token whose `roles` must hold
//! `Presence.ReadWrite.All` where a client secret is known). Also the two checks the periodic
//! [`super::check`] runs ([`check_read`], [`check_write`]) and the refresh of the stored token.

use super::client::{Client, MsError, RequestError, TokenResponse, claims};
use super::loopback::{Callback, Listener, WaitError};
use crate::i18n::{Lang, Msg};
use crate::secrets::{AdminConsentInfo, Secrets, UserConsentInfo};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::path::Path;
use std::time::Duration;

/// How long the pane waits for the browser.
pub const BROWSER_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// The delegated permission the UCServer service reads presence with.
pub const READ: &str = "Presence.Read.All";
/// The application permission the UCServer service writes presence with.
pub const WRITE: &str = "Presence.ReadWrite.All";

/// Why a consent or check did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("{0}")]
    Browser(#[from] WaitError),
    #[error("{0}")]
    Request(#[from] RequestError),
    /// The token lacks the permission (`scp`/`roles`).
    #[error("the token does not hold {0}")]
    Missing(&'static str),
    /// The id token is not the one for this sign-in (nonce, audience, issuer, tenant, expiry).
    #[error("the id token is not valid for this sign-in: {0}")]
    IdToken(&'static str),
    #[error("{0}")]
    Store(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl FlowError {
    /// What to tell the administrator: the guidance for Microsoft's code, then Microsoft's words
    /// (or the failure itself where Microsoft said nothing).
    pub fn msgs(&self) -> Vec<Msg> {
        if self.is_cancelled() {
            return vec![Msg::new("consent-cancelled")];
        }
        match self.microsoft() {
            Some(m) => {
                let mut out: Vec<Msg> = m
                    .code()
                    .and_then(super::guidance::for_code)
                    .map(|g| g.msg())
                    .into_iter()
                    .collect();
                out.push(
                    Msg::new("consent-microsoft-said")
                        .text("detail", format!("{} {}", m.error, m.error_description)),
                );
                out
            }
            None => vec![Msg::new("consent-failed").text("detail", self.to_string())],
        }
    }

    /// Whether the administrator stopped it ("Abbrechen", Escape, Ctrl+C): not a failure.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, FlowError::Browser(WaitError::Cancelled))
    }

    /// Microsoft's error, where it was one.
    pub fn microsoft(&self) -> Option<&MsError> {
        match self {
            FlowError::Request(RequestError::Microsoft(e)) => Some(&**e),
            _ => None,
        }
    }
}

/// What a consent gave.
#[derive(Debug)]
pub enum Given {
    User(UserConsent),
    Admin(AdminConsent),
}

impl Given {
    /// What to tell the administrator.
    pub fn msg(&self) -> Msg {
        match self {
            Given::User(c) => Msg::new("consent-user-done")
                .text("upn", c.upn.clone())
                .text("scopes", c.scopes.join(" ")),
            Given::Admin(AdminConsent::Verified) => Msg::new("consent-admin-verified"),
            Given::Admin(AdminConsent::Reported) => Msg::new("consent-admin-reported"),
        }
    }
}

/// One consent, end to end — the single way the window, the command line and the tests give
/// one: the listener bound and the URL built, `show` told the URL (to open it in the browser or
/// print it), the browser's answer awaited until `cancel`, then checked and stored in
/// `secrets_path`.
pub async fn give(
    which: super::check::Which,
    settings: &crate::config::Settings,
    lang: Lang,
    secrets_path: &Path,
    show: impl FnOnce(&str),
    cancel: impl std::future::Future<Output = ()>,
) -> Result<Given, FlowError> {
    use super::check::Which;
    let client = Client::for_settings(settings)?;
    let pending = match which {
        Which::User => prepare_user_consent(&client).await?,
        Which::Admin => prepare_admin_consent(&client).await?,
    };
    show(&pending.url);
    let given = match which {
        Which::User => {
            Given::User(finish_user_consent(pending, &client, lang, cancel, secrets_path).await?)
        }
        Which::Admin => {
            Given::Admin(finish_admin_consent(pending, &client, lang, cancel, secrets_path).await?)
        }
    };
    if let Some(log) = crate::audit::beside(secrets_path) {
        let (consent, account) = match &given {
            Given::User(c) => ("user", c.upn.clone()),
            Given::Admin(_) => ("admin", client.client_id.clone()),
        };
        let consent = consent.to_owned();
        crate::audit::append(&log, crate::audit::What::ConsentGiven { consent, account });
    }
    Ok(given)
}

fn random(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    aws_lc_rs::rand::fill(&mut buf).expect("system random");
    URL_SAFE_NO_PAD.encode(buf)
}

/// A consent waiting for the browser: the URL to open and the listener for the answer.
pub struct Pending {
    pub url: String,
    listener: Listener,
    state: String,
    /// Sent with the authorize request; the id token must carry it back.
    nonce: String,
    /// The PKCE verifier of the user consent (the admin consent has none).
    verifier: Option<oauth2::PkceCodeVerifier>,
    redirect_uri: String,
}

/// Prepares "Zustimmung des Benutzers": binds the listener and builds the authorize URL.
async fn prepare_user_consent(client: &Client) -> std::io::Result<Pending> {
    prepare_sign_in(client, &client.endpoints.user_consent_scopes()).await
}

/// Prepares a sign-in (authorization code with PKCE) asking for `scopes`: binds the listener and
/// builds the authorize URL.
pub async fn prepare_sign_in(client: &Client, scopes: &[String]) -> std::io::Result<Pending> {
    let listener = Listener::bind().await?;
    let redirect_uri = listener.redirect_uri();
    let nonce = random(16);
    let a = client
        .authorize_url(&redirect_uri, scopes, random(16), &nonce)
        .map_err(std::io::Error::other)?;
    Ok(Pending {
        url: a.url,
        listener,
        state: a.state,
        nonce,
        verifier: Some(a.verifier),
        redirect_uri,
    })
}

/// Prepares "Zustimmung des Administrators": the v2 admin consent URL with `{graph}/.default`.
async fn prepare_admin_consent(client: &Client) -> std::io::Result<Pending> {
    let listener = Listener::bind().await?;
    let redirect_uri = listener.redirect_uri();
    let state = random(16);
    let mut url = url::Url::parse(&client.endpoints.admin_consent_url(&client.tenant))
        .map_err(std::io::Error::other)?;
    url.query_pairs_mut()
        .append_pair("client_id", &client.client_id)
        .append_pair("scope", &client.endpoints.graph_default_scope())
        .append_pair("redirect_uri", &redirect_uri)
        .append_pair("state", &state);
    Ok(Pending {
        url: url.into(),
        listener,
        state,
        nonce: String::new(),
        verifier: None,
        redirect_uri,
    })
}

fn callback_error(error: String, description: String, code: Option<u32>) -> FlowError {
    FlowError::Request(RequestError::Microsoft(Box::new(MsError {
        error,
        error_description: description,
        error_codes: code.into_iter().collect(),
        ..Default::default()
    })))
}

/// Who consented and what the token holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UserConsent {
    pub upn: String,
    pub scopes: Vec<String>,
}

/// Waits for the browser, redeems the code (1 token request), reads the consenting account's
/// presence once (1 Graph call) and stores the refresh token in the secrets file.
async fn finish_user_consent(
    pending: Pending,
    client: &Client,
    lang: Lang,
    cancel: impl std::future::Future<Output = ()>,
    secrets_path: &Path,
) -> Result<UserConsent, FlowError> {
    let scopes = client.endpoints.user_consent_scopes();
    let (tokens, account) = finish_sign_in(pending, client, &scopes, lang, cancel).await?;
    let consent = verify_user_token(client, &tokens, &account).await?;
    let refresh = tokens
        .refresh_token
        .ok_or_else(|| FlowError::Store("Microsoft sent no refresh token".into()))?;
    let now = chrono::Utc::now().to_rfc3339();
    update_secrets(secrets_path, |s| {
        s.refresh_token = Some(refresh.expose().to_owned());
        s.user_consent = Some(UserConsentInfo {
            upn: consent.upn.clone(),
            object_id: account.oid.clone(),
            consented_at: now.clone(),
            scopes: consent.scopes.clone(),
            last_refresh: now.clone(),
        });
    })?;
    Ok(consent)
}

/// Waits for the browser's answer to [`prepare_sign_in`], redeems the code (1 token request)
/// and checks the id token: the tokens and who signed in.
pub async fn finish_sign_in(
    pending: Pending,
    client: &Client,
    scopes: &[String],
    lang: Lang,
    cancel: impl std::future::Future<Output = ()>,
) -> Result<(TokenResponse, Account), FlowError> {
    let code = match pending
        .listener
        .wait(&pending.state, lang, BROWSER_TIMEOUT, cancel)
        .await?
    {
        Callback::Code(code) => code,
        Callback::Error {
            error,
            description,
            code,
        } => return Err(callback_error(error, description, code)),
        Callback::AdminConsent { .. } => {
            return Err(callback_error("unexpected".into(), String::new(), None));
        }
    };
    let verifier = pending
        .verifier
        .ok_or_else(|| FlowError::Store("no PKCE verifier".into()))?;
    let tokens = client
        .redeem_code(&code, verifier, &pending.redirect_uri, scopes)
        .await?;
    let account = check_id_token(&tokens, client, Some(&pending.nonce))?;
    Ok((tokens, account))
}

/// The signed-in account, from the id token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub upn: String,
    pub oid: String,
}

/// The id token checked as MSAL checks it (received straight from the token endpoint over
/// TLS, so its claims, not its signature): `aud` is this app, `iss` is the login host's issuer
/// for the token's tenant `tid`, it has not expired, and — after a sign-in — it carries the
/// `nonce` sent with the authorize request. The account comes from it.
pub fn check_id_token(
    tokens: &TokenResponse,
    client: &Client,
    nonce: Option<&str>,
) -> Result<Account, FlowError> {
    let id = tokens
        .id_token
        .as_ref()
        .ok_or(FlowError::IdToken("Microsoft sent none"))?;
    let c = claims(id.expose());
    let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
    if text("aud") != client.client_id {
        return Err(FlowError::IdToken("audience"));
    }
    let tid = text("tid");
    if tid.is_empty() {
        return Err(FlowError::IdToken("tenant"));
    }
    if text("iss") != format!("{}/{tid}/v2.0", client.endpoints.login) {
        return Err(FlowError::IdToken("issuer"));
    }
    // Five minutes of clock skew, as MSAL allows.
    let now = chrono::Utc::now().timestamp();
    if c["exp"].as_i64().is_none_or(|exp| exp + 300 < now) {
        return Err(FlowError::IdToken("expiry"));
    }
    if let Some(nonce) = nonce
        && c["nonce"].as_str() != Some(nonce)
    {
        return Err(FlowError::IdToken("nonce"));
    }
    let upn = c["preferred_username"]
        .as_str()
        .or(c["upn"].as_str())
        .unwrap_or_default()
        .to_owned();
    Ok(Account {
        upn,
        oid: text("oid"),
    })
}

/// The delegated permissions a token answer granted: its `scope` — the access token is opaque
/// to a client (Microsoft's access-token documentation) — with Graph's permissions named with
/// or without the resource (`https://graph.microsoft.com/Presence.Read.All`); what was asked
/// when the answer names none (RFC 6749 §5.1).
pub fn granted_scopes(tokens: &TokenResponse, asked: &[String]) -> Vec<String> {
    let raw = tokens.scope.clone().unwrap_or_else(|| asked.join(" "));
    raw.split(' ')
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit('/').next().unwrap_or(s).to_owned())
        .filter(|s| s != "offline_access")
        .collect()
}

/// The answer must grant Presence.Read.All, and reading the account's own presence with the
/// access token must work (the proof).
async fn verify_user_token(
    client: &Client,
    tokens: &TokenResponse,
    account: &Account,
) -> Result<UserConsent, FlowError> {
    let scopes = granted_scopes(tokens, &client.endpoints.user_consent_scopes());
    if !scopes.iter().any(|s| s.eq_ignore_ascii_case(READ)) {
        return Err(FlowError::Missing(READ));
    }
    client
        .graph_at(
            tokens.access_token.expose(),
            &client.endpoints.presences_by_user_id(),
            Some(&serde_json::json!({ "ids": [account.oid] })),
        )
        .await?;
    Ok(UserConsent {
        upn: account.upn.clone(),
        scopes,
    })
}

/// The outcome of "Zustimmung des Administrators".
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AdminConsent {
    /// A client-credentials token holds `Presence.ReadWrite.All`.
    Verified,
    /// Microsoft reported the consent; without a client secret the pane cannot verify it.
    Reported,
}

/// Waits for the browser and records what Microsoft reported (who ran the pane, when, tenant,
/// scope) in the secrets file; then verifies with client credentials where a secret is stored.
async fn finish_admin_consent(
    pending: Pending,
    client: &Client,
    lang: Lang,
    cancel: impl std::future::Future<Output = ()>,
    secrets_path: &Path,
) -> Result<AdminConsent, FlowError> {
    let (tenant, scope) = match pending
        .listener
        .wait(&pending.state, lang, BROWSER_TIMEOUT, cancel)
        .await?
    {
        Callback::AdminConsent { tenant, scope } => (tenant, scope),
        Callback::Error {
            error,
            description,
            code,
        } => return Err(callback_error(error, description, code)),
        Callback::Code(_) => return Err(callback_error("unexpected".into(), String::new(), None)),
    };
    let mut secret = None;
    update_secrets(secrets_path, |s| {
        s.admin_consent = Some(AdminConsentInfo {
            configured_tenant: client.tenant.clone(),
            tenant,
            client_id: client.client_id.clone(),
            scope: scope.unwrap_or_else(|| client.endpoints.graph_default_scope()),
            consented_at: chrono::Utc::now().to_rfc3339(),
            os_account: crate::secrets::os_account(),
        });
        secret = super::credential::stored(s);
    })?;
    match secret {
        Some(Ok(credential)) => check_write(client, &credential)
            .await
            .map(|()| AdminConsent::Verified),
        Some(Err(e)) => Err(FlowError::Store(e)),
        None => Ok(AdminConsent::Reported),
    }
}

/// A client-credentials token whose `roles` hold Presence.ReadWrite.All.
pub async fn check_write(
    client: &Client,
    credential: &super::credential::AppCredential,
) -> Result<(), FlowError> {
    let scope = client.endpoints.graph_default_scope();
    let t = client.client_credentials(credential, &scope).await?;
    let roles = claims(t.access_token.expose())["roles"].clone();
    let has = roles
        .as_array()
        .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(WRITE)));
    if has {
        Ok(())
    } else {
        Err(FlowError::Missing(WRITE))
    }
}

/// When the consenting account's password was last changed, and whether it never expires (from
/// Graph's `lastPasswordChangeDateTime` and `passwordPolicies`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordInfo {
    pub last_change: String,
    pub never_expires: bool,
}

/// A delegated access token from the stored refresh token (the user consent). Microsoft's new
/// refresh token is stored atomically before anything else: the old one may already be spent.
pub async fn refresh(client: &Client, secrets_path: &Path) -> Result<TokenResponse, FlowError> {
    let (_, secrets) = Secrets::load(secrets_path).map_err(|e| FlowError::Store(e.to_string()))?;
    let Some(rt) = secrets.refresh_token.clone() else {
        return Err(FlowError::Missing(READ));
    };
    let tokens = client.refresh(&rt).await?;
    if let Some(new_rt) = tokens.refresh_token.clone() {
        let now = chrono::Utc::now().to_rfc3339();
        update_secrets(secrets_path, |s| {
            s.refresh_token = Some(new_rt.expose().to_owned());
            if let Some(info) = &mut s.user_consent {
                info.last_refresh = now.clone();
            }
        })?;
    }
    Ok(tokens)
}

/// One request of a check, timed: the OAuth and Graph stages "Verbindung testen" shows after the
/// network's (issue 15 §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub step: StepKind,
    pub ok: bool,
    pub millis: u64,
}

/// Which request a [`Step`] was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// OAuth: the stored refresh token redeemed (the user consent).
    Refresh,
    /// Graph: the consenting account's presence read with that token.
    PresenceRead,
    /// OAuth: an app token by client credentials (the admin consent).
    AppToken,
}

impl Step {
    /// How long since `start`, and whether it worked.
    pub fn since(step: StepKind, start: std::time::Instant, ok: bool) -> Self {
        Self {
            step,
            ok,
            millis: start.elapsed().as_millis().try_into().unwrap_or(u64::MAX),
        }
    }

    /// One line: the step, ok or not, its time.
    pub fn msg(&self) -> Msg {
        let step = match self.step {
            StepKind::Refresh => "diag-step-refresh",
            StepKind::PresenceRead => "diag-step-presence-read",
            StepKind::AppToken => "diag-step-app-token",
        };
        Msg::new(if self.ok {
            "diag-step-ok"
        } else {
            "diag-step-failed"
        })
        .reference("step", step)
        .num("millis", self.millis)
    }
}

/// The read side of the check: refresh (store the rotated refresh token atomically), `scp`, a
/// presence read for the consenting account, and its password age (to warn before it breaks).
pub async fn check_read(
    client: &Client,
    secrets_path: &Path,
) -> Result<(UserConsent, Option<PasswordInfo>), FlowError> {
    check_read_timed(client, secrets_path, &mut Vec::new()).await
}

/// [`check_read`], its refresh and its presence read timed into `steps`.
pub async fn check_read_timed(
    client: &Client,
    secrets_path: &Path,
    steps: &mut Vec<Step>,
) -> Result<(UserConsent, Option<PasswordInfo>), FlowError> {
    let start = std::time::Instant::now();
    let signed_in = async {
        let tokens = refresh(client, secrets_path).await?;
        // The account: from the id token a refresh brings (no nonce then), else as stored.
        let account = match &tokens.id_token {
            Some(_) => check_id_token(&tokens, client, None)?,
            None => {
                let (_, secrets) =
                    Secrets::load(secrets_path).map_err(|e| FlowError::Store(e.to_string()))?;
                let info = secrets.user_consent.ok_or(FlowError::Missing(READ))?;
                Account {
                    upn: info.upn,
                    oid: info.object_id,
                }
            }
        };
        Ok::<_, FlowError>((tokens, account))
    }
    .await;
    steps.push(Step::since(StepKind::Refresh, start, signed_in.is_ok()));
    let (tokens, account) = signed_in?;
    let start = std::time::Instant::now();
    let consent = verify_user_token(client, &tokens, &account).await;
    steps.push(Step::since(StepKind::PresenceRead, start, consent.is_ok()));
    let consent = consent?;
    // The password age is a warning, not a condition: a failure here does not fail the check.
    let me = client
        .graph(
            tokens.access_token.expose(),
            "/v1.0/me?$select=lastPasswordChangeDateTime,passwordPolicies",
            None,
        )
        .await
        .ok();
    let password = me.and_then(|me| {
        Some(PasswordInfo {
            last_change: me["lastPasswordChangeDateTime"].as_str()?.to_owned(),
            never_expires: me["passwordPolicies"]
                .as_str()
                .is_some_and(|p| p.contains("DisablePasswordExpiration")),
        })
    });
    Ok((consent, password))
}

/// Reads, changes and writes the secrets file (see [`Secrets::update`]).
fn update_secrets(path: &Path, change: impl FnOnce(&mut Secrets)) -> Result<(), FlowError> {
    Secrets::update(path, change).map_err(FlowError::Store)
}
