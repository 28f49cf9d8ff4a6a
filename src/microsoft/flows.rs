//! The two consents as the protocol has them, through one entry point, [`obtain`]: "Zustimmung des
//! Benutzers" (authorization code with PKCE S256, `state` and `nonce`, on the loopback redirect;
//! the code redeemed, the consenting account's presence read once to prove it) and "Zustimmung
//! des Administrators" (the v2 admin consent URL and Microsoft's answer to the redirect). Also the
//! proofs the check uses ([`verify_user_token`], [`check_write`]) and the id token's check.
//!
//! Nothing here reads or writes a file: what Microsoft gave comes back as values, and
//! [`crate::ops`] stores it in the UCServer folder.

use super::client::{Client, MsError, RequestError, TokenResponse, claims};
use super::loopback::{Callback, Listener, WaitError};
use crate::base::i18n::{Lang, Msg};
use crate::model::secrets::Secret;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::time::Duration;

pub use crate::model::verdict::Which;

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
    /// The account that signed in belongs to another tenant than the configured one (the id
    /// token's `tid`).
    #[error(
        "{account} signed in to tenant {tid}, the configured tenant {configured} is {configured_id}"
    )]
    OtherTenant {
        account: String,
        tid: String,
        configured: String,
        configured_id: String,
    },
    /// Microsoft's answer lacks a field the protocol promises (`refresh_token`, `secretText`,
    /// `id`).
    #[error("the answer holds no {0}")]
    Incomplete(&'static str),
    /// The sign-in lost its own state (its PKCE verifier): it is begun again.
    #[error("the sign-in lost its {0}")]
    Lost(&'static str),
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
        if let FlowError::Incomplete(field) = self {
            return vec![Msg::new("flow-answer-incomplete").text("field", *field)];
        }
        if let FlowError::Lost(_) = self {
            return vec![Msg::new("flow-state-lost")];
        }
        if let FlowError::OtherTenant {
            account,
            tid,
            configured,
            configured_id,
        } = self
        {
            return vec![
                Msg::new("consent-other-tenant")
                    .text("account", account)
                    .text("tid", tid)
                    .text("configured", configured)
                    .text("configured_id", configured_id),
            ];
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

/// What a consent brought back from Microsoft, for [`crate::ops::consent`] to store.
#[derive(Debug)]
pub enum Obtained {
    /// The consenting account, what was granted, and the refresh token for the UCServer service.
    User {
        consent: UserConsent,
        object_id: String,
        refresh_token: Secret,
    },
    /// Microsoft's answer to the admin consent's redirect: the tenant's id and the scope.
    Admin {
        tenant: String,
        scope: Option<String>,
    },
}

/// One consent as the protocol has it: the listener bound and the URL built, `show` told the URL
/// (to open it in the browser or print it), the browser's answer awaited until `cancel`, then
/// checked. Returns the client it used and what Microsoft gave.
pub async fn obtain(
    which: Which,
    settings: &crate::model::config::Settings,
    lang: Lang,
    show: impl FnOnce(&str),
    cancel: impl std::future::Future<Output = ()>,
) -> Result<(Client, Obtained), FlowError> {
    let client = Client::for_settings(settings)?;
    let pending = match which {
        Which::User => prepare_user_consent(&client).await?,
        Which::Admin => prepare_admin_consent(&client).await?,
    };
    show(&pending.url);
    let obtained = match which {
        Which::User => finish_user_consent(pending, &client, lang, cancel).await?,
        Which::Admin => finish_admin_consent(pending, lang, cancel).await?,
    };
    Ok((client, obtained))
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

/// Waits for the browser, redeems the code (1 token request) and reads the consenting account's
/// presence once (1 Graph call).
async fn finish_user_consent(
    pending: Pending,
    client: &Client,
    lang: Lang,
    cancel: impl std::future::Future<Output = ()>,
) -> Result<Obtained, FlowError> {
    let scopes = client.endpoints.user_consent_scopes();
    let (tokens, account) = finish_sign_in(pending, client, &scopes, lang, cancel).await?;
    let consent = verify_user_token(client, &tokens, &account).await?;
    let refresh_token = tokens
        .refresh_token
        .ok_or(FlowError::Incomplete("refresh_token"))?;
    Ok(Obtained::User {
        consent,
        object_id: account.oid,
        refresh_token,
    })
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
    let verifier = pending.verifier.ok_or(FlowError::Lost("code_verifier"))?;
    let tokens = client
        .redeem_code(&code, verifier, &pending.redirect_uri, scopes)
        .await?;
    let account = check_id_token(&tokens, client, Some(&pending.nonce))?;
    // A GUID was compared in `check_id_token`; a domain is resolved to its tenant's id first.
    if !crate::model::validate::is_guid(&client.tenant) {
        let configured_id = client.tenant_id_of(&client.tenant).await?;
        same_tenant(client, &account, &configured_id)?;
    }
    Ok((tokens, account))
}

/// The account's tenant (`tid`) must be `configured_id`, the configured tenant's id.
fn same_tenant(client: &Client, account: &Account, configured_id: &str) -> Result<(), FlowError> {
    if account.tid.eq_ignore_ascii_case(configured_id) {
        return Ok(());
    }
    Err(FlowError::OtherTenant {
        account: account.upn.clone(),
        tid: account.tid.clone(),
        configured: client.tenant.clone(),
        configured_id: configured_id.to_owned(),
    })
}

/// The signed-in account, from the id token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub upn: String,
    pub oid: String,
    /// The tenant the account signed in to (`tid`).
    pub tid: String,
}

/// The id token checked as MSAL checks it (received straight from the token endpoint over
/// TLS, so its claims, not its signature): `aud` is this app, `iss` is the login host's issuer
/// for the token's tenant `tid`, `tid` is the configured tenant where that is a GUID (a domain is
/// resolved and compared by [`finish_sign_in`]), it has not expired, and — after a sign-in — it
/// carries the `nonce` sent with the authorize request. The account comes from it.
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
    let account = Account {
        upn,
        oid: text("oid"),
        tid,
    };
    if crate::model::validate::is_guid(&client.tenant) {
        same_tenant(client, &account, &client.tenant)?;
    }
    Ok(account)
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
pub async fn verify_user_token(
    client: &Client,
    tokens: &TokenResponse,
    account: &Account,
) -> Result<UserConsent, FlowError> {
    let scopes = granted_scopes(tokens, &client.endpoints.user_consent_scopes());
    if !scopes.iter().any(|s| s.eq_ignore_ascii_case(READ)) {
        return Err(FlowError::Missing(READ));
    }
    super::presence::request(
        client,
        tokens.access_token.expose(),
        std::slice::from_ref(&account.oid),
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

/// Waits for the browser's answer to the admin consent: the tenant and scope Microsoft reported.
async fn finish_admin_consent(
    pending: Pending,
    lang: Lang,
    cancel: impl std::future::Future<Output = ()>,
) -> Result<Obtained, FlowError> {
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
    Ok(Obtained::Admin { tenant, scope })
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

/// The signed-in account's password age (Graph's `lastPasswordChangeDateTime` and
/// `passwordPolicies`), to warn before it breaks the refresh; `None` where Graph does not tell.
pub async fn password_info(client: &Client, access_token: &str) -> Option<PasswordInfo> {
    let me = client
        .graph(
            access_token,
            "/v1.0/me?$select=lastPasswordChangeDateTime,passwordPolicies",
            None,
        )
        .await
        .ok()?;
    Some(PasswordInfo {
        last_change: me["lastPasswordChangeDateTime"].as_str()?.to_owned(),
        never_expires: me["passwordPolicies"]
            .as_str()
            .is_some_and(|p| p.contains("DisablePasswordExpiration")),
    })
}
