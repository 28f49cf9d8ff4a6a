//! "App-Registrierung anlegen" (issue 13): an own app registration in one guided run. The
//! administrator signs in through Microsoft Graph Command Line Tools with the delegated
//! `Application.ReadWrite.All`; through Graph the pane creates the application (single tenant,
//! loopback redirect, exactly the permissions of the pane and the service), its service principal
//! and a credential (a certificate by default, or a client secret); it writes `u8sClientId`
//! through the normal save and the credential into the secrets file; then the two consents follow.
//! Every step reports its outcome; what was created is named and can be removed
//! ([`remove`]). [`renew`] replaces the credential without a moment without a working one.

use crate::base::i18n::{Lang, Msg};
use crate::base::paths;
use crate::microsoft::client::{Client, RequestError};
use crate::microsoft::credential::{AppCredential, CERTIFICATE_DAYS, Certificate, SECRET_DAYS};
use crate::microsoft::endpoints::{GRAPH_CLI_TOOLS_APP_ID, graph_path, new_application};
use crate::microsoft::flows::Which;
use crate::microsoft::flows::{self, FlowError};
use crate::model::config::Settings;
use crate::model::secrets::{RegistrationInfo, Secret, Secrets};
use crate::ops::Error;
use reqwest::Method;
use serde_json::{Value, json};
use std::future::Future;
use std::path::Path;
use std::time::Duration;

/// The credential a new registration gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialKind {
    /// Microsoft's recommendation: a certificate, its private key only on this server.
    #[default]
    Certificate,
    /// A client secret (for a UCServer that needs one).
    Secret,
}

/// The steps of the run, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    SignIn,
    Application,
    ServicePrincipal,
    Credential,
    ClientId,
    AdminConsent,
    UserConsent,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::SignIn,
        Step::Application,
        Step::ServicePrincipal,
        Step::Credential,
        Step::ClientId,
        Step::AdminConsent,
        Step::UserConsent,
    ];

    /// The Fluent id of the step's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Step::SignIn => "reg-step-sign-in",
            Step::Application => "reg-step-application",
            Step::ServicePrincipal => "reg-step-service-principal",
            Step::Credential => "reg-step-credential",
            Step::ClientId => "reg-step-client-id",
            Step::AdminConsent => "reg-step-admin-consent",
            Step::UserConsent => "reg-step-user-consent",
        }
    }
}

/// What a step reports.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "state", content = "detail")]
pub enum StepState {
    Running,
    /// Done; what it made (an id, an account, an end date).
    Done(String),
    Failed(String),
}

/// What exists in Entra ID after (a part of) the run.
#[derive(Clone, Debug, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    pub display_name: String,
    /// The application object's id.
    pub app_object_id: Option<String>,
    /// The application (client) id.
    pub client_id: Option<String>,
    pub service_principal: bool,
    pub credential: Option<CredentialKind>,
    /// `u8sClientId` before the run (restored by [`remove`]).
    pub previous_client_id: String,
    /// The administrator's Graph token of the run, for removing what was created.
    #[serde(skip)]
    pub token: Option<Secret>,
}

/// A step that failed, and what exists.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct Failed {
    pub step: Step,
    pub error: Error,
    pub created: Box<Created>,
}

impl Failed {
    /// What to tell the administrator: for a write Graph refused (403), which role or policy is
    /// missing first; then the error's own guidance.
    pub fn msgs(&self) -> Vec<Msg> {
        let denied = matches!(
            self.error,
            Error::Microsoft(FlowError::Request(RequestError::Graph { status: 403, .. }))
        );
        let mut out = Vec::new();
        if denied {
            out.push(Msg::new("reg-denied"));
        }
        out.extend(self.error.msgs());
        out
    }
}

/// How the run goes: the name, the credential, how long to wait for Entra ID's replication.
#[derive(Clone, Debug)]
pub struct Options {
    pub display_name: String,
    pub credential: CredentialKind,
    /// Tries of a write that Entra ID refuses until the new object has replicated, and the wait
    /// between them (Microsoft: new objects may take a while to be seen everywhere).
    pub replication: (u32, Duration),
}

impl Options {
    pub fn new(display_name: &str, credential: CredentialKind) -> Self {
        Self {
            display_name: display_name.trim().to_owned(),
            credential,
            replication: (12, Duration::from_secs(5)),
        }
    }
}

/// How the run talks to the administrator: opens an address in the browser, reports a step,
/// and is cancelled.
pub trait Guide: Sync {
    fn open(&self, url: &str);
    fn step(&self, step: Step, state: StepState);
    fn cancelled(&self) -> impl Future<Output = ()> + Send;
}

/// The whole run, from the sign-in to both consents (see the module's text).
pub async fn create(
    dir: &Path,
    settings: &Settings,
    lang: Lang,
    options: &Options,
    guide: &impl Guide,
) -> Result<Created, Failed> {
    let mut created = Created {
        display_name: options.display_name.clone(),
        previous_client_id: settings.client_id.clone(),
        ..Default::default()
    };
    macro_rules! step {
        ($step:expr, $body:expr) => {{
            guide.step($step, StepState::Running);
            match $body {
                Ok(v) => v,
                Err(error) => {
                    let error: Error = error;
                    // Said in the window's language (issue 36: no English text in a German line).
                    let texts = crate::base::i18n::Texts::new(lang);
                    let said: Vec<String> = error.msgs().iter().map(|m| texts.msg(m)).collect();
                    guide.step($step, StepState::Failed(said.join(" ")));
                    return Err(Failed {
                        step: $step,
                        error,
                        created: Box::new(created),
                    });
                }
            }
        }};
    }
    let admin = step!(Step::SignIn, sign_in(settings, lang, guide).await);
    guide.step(Step::SignIn, StepState::Done(admin.1.clone()));
    let token = admin.0;
    created.token = Some(token.clone());
    let graph = step!(Step::Application, graph_client(settings));
    let app = step!(
        Step::Application,
        graph
            .graph_method(
                token.expose(),
                Method::POST,
                graph_path::APPLICATIONS,
                Some(&new_application(&options.display_name)),
            )
            .await
            .map_err(Error::from)
    );
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let (object_id, client_id) = (text(&app["id"]), text(&app["appId"]));
    created.app_object_id = Some(object_id.clone());
    created.client_id = Some(client_id.clone());
    guide.step(Step::Application, StepState::Done(client_id.clone()));

    let body = json!({ "appId": client_id });
    step!(
        Step::ServicePrincipal,
        replicated(options, || graph.graph_method(
            token.expose(),
            Method::POST,
            graph_path::SERVICE_PRINCIPALS,
            Some(&body),
        ))
        .await
    );
    created.service_principal = true;
    guide.step(Step::ServicePrincipal, StepState::Done(String::new()));

    let new = step!(
        Step::Credential,
        add_credential(&graph, token.expose(), &object_id, options, None).await
    );
    created.credential = Some(options.credential);
    let ends = new.ends.clone();
    let info = record(settings, options, &object_id, &client_id, &new);
    step!(Step::Credential, store_credential(dir, &new, info));
    guide.step(
        Step::Credential,
        StepState::Done(crate::model::status::local_time(&ends)),
    );

    let saved = crate::ops::store::change_config(dir, |s| {
        s.client_id = client_id.clone();
        Ok(())
    });
    let saved = step!(Step::ClientId, saved.map_err(Error::Save));
    guide.step(Step::ClientId, StepState::Done(client_id.clone()));

    let settings = saved.settings;
    let secrets = paths::secrets(dir);
    let consent = |which| {
        crate::ops::consent::give(
            which,
            &settings,
            lang,
            &secrets,
            |url: &str| guide.open(url),
            guide.cancelled(),
        )
    };
    let admin = step!(
        Step::AdminConsent,
        admin_consent(consent(Which::Admin).await, &settings, dir, options).await
    );
    let detail = match admin {
        flows::AdminConsent::Verified => flows::WRITE.to_owned(),
        flows::AdminConsent::Reported => String::new(),
    };
    guide.step(Step::AdminConsent, StepState::Done(detail));
    let user = step!(Step::UserConsent, consent(Which::User).await);
    let upn = match user {
        flows::Given::User(c) => c.upn,
        flows::Given::Admin(_) => String::new(),
    };
    guide.step(Step::UserConsent, StepState::Done(upn));
    let what = crate::model::audit::What::AppCreated {
        client_id: client_id.clone(),
        name: options.display_name.clone(),
        credential: format!("{:?}", options.credential).to_lowercase(),
    };
    crate::model::audit::append(&crate::model::audit::path(dir), what);
    Ok(created)
}

/// What the secrets file records of the app this run created (for renewing and removing it).
fn record(
    settings: &Settings,
    options: &Options,
    object_id: &str,
    client_id: &str,
    new: &NewCredential,
) -> RegistrationInfo {
    RegistrationInfo {
        app_object_id: object_id.to_owned(),
        client_id: client_id.to_owned(),
        display_name: options.display_name.clone(),
        tenant: settings.tenant_id.trim().to_owned(),
        credential: match options.credential {
            CredentialKind::Certificate => "certificate".into(),
            CredentialKind::Secret => "secret".into(),
        },
        key_id: new.key_id.clone(),
        end_date_time: new.ends.clone(),
        created_at: chrono::Utc::now().to_rfc3339(),
        os_account: crate::model::secrets::os_account(),
        previous_client_id: settings.client_id.clone(),
    }
}

/// The admin consent's outcome for a new app: where Entra ID does not yet know the new
/// credential or role everywhere, the write permission is verified with the app's own token.
async fn admin_consent(
    given: Result<flows::Given, Error>,
    settings: &Settings,
    dir: &Path,
    options: &Options,
) -> Result<flows::AdminConsent, Error> {
    match given {
        Ok(flows::Given::Admin(a)) => Ok(a),
        Ok(flows::Given::User(_)) => Ok(flows::AdminConsent::Reported),
        Err(e) if still_replicating(&e) => verify(settings, dir, options)
            .await
            .map(|()| flows::AdminConsent::Verified),
        Err(e) => Err(e),
    }
}

/// The administrator's sign-in through Microsoft Graph Command Line Tools: a Graph token with
/// `Application.ReadWrite.All` and who signed in.
async fn sign_in(
    settings: &Settings,
    lang: Lang,
    guide: &impl Guide,
) -> Result<(Secret, String), Error> {
    let client = Client::new(settings, GRAPH_CLI_TOOLS_APP_ID)?;
    let scopes = client.endpoints.registration_scopes();
    let pending = flows::prepare_sign_in(&client, &scopes).await?;
    guide.open(&pending.url);
    let (tokens, account) =
        flows::finish_sign_in(pending, &client, &scopes, lang, guide.cancelled()).await?;
    Ok((tokens.access_token.clone(), account.upn))
}

fn graph_client(settings: &Settings) -> Result<Client, Error> {
    Ok(Client::new(settings, GRAPH_CLI_TOOLS_APP_ID)?)
}

/// A write retried while Entra ID has not yet replicated the object it names (404, or 400
/// naming a missing reference).
async fn replicated<F: Future<Output = Result<Value, RequestError>>>(
    options: &Options,
    write: impl Fn() -> F,
) -> Result<Value, Error> {
    let (tries, wait) = options.replication;
    let mut attempt = 0;
    loop {
        match write().await {
            Err(RequestError::Graph { status: 404, .. }) if attempt + 1 < tries => {}
            other => return other.map_err(Error::from),
        }
        attempt += 1;
        tokio::time::sleep(wait).await;
    }
}

/// Whether a client-credentials refusal right after creating is Entra ID still replicating
/// the new app or its credential (unknown app, unknown secret or key, no role yet).
fn still_replicating(e: &Error) -> bool {
    matches!(e.flow(), Some(FlowError::Missing(flows::WRITE)))
        || e.microsoft()
            .and_then(|m| m.code())
            .is_some_and(|c| matches!(c, 700016 | 7000215 | 700027))
}

/// Client credentials with the stored credential until they hold the write permission.
async fn verify(settings: &Settings, dir: &Path, options: &Options) -> Result<(), Error> {
    let client = Client::for_settings(settings)?;
    let (tries, wait) = options.replication;
    let mut attempt = 0;
    loop {
        let (_, secrets) = Secrets::load(&paths::secrets(dir)).map_err(|e| {
            Error::Secrets(crate::model::secrets::UpdateError::read(
                &paths::secrets(dir),
                e,
            ))
        })?;
        let credential = crate::microsoft::credential::stored(&secrets)
            .ok_or(FlowError::Missing(flows::WRITE))?
            .map_err(Error::Credential)?;
        match flows::check_write(&client, &credential)
            .await
            .map_err(Error::from)
        {
            Err(e) if still_replicating(&e) && attempt + 1 < tries => {}
            other => return other,
        }
        attempt += 1;
        tokio::time::sleep(wait).await;
    }
}

/// A credential added in Entra ID, not yet stored.
struct NewCredential {
    credential: AppCredential,
    key_id: String,
    ends: String,
}

/// Adds a credential of `options.credential`'s kind to the application; `keep`: a certificate
/// the app keeps beside the new one (renewal: `keyCredentials` is replaced as a whole).
async fn add_credential(
    graph: &Client,
    token: &str,
    object_id: &str,
    options: &Options,
    keep: Option<(&Certificate, &str)>,
) -> Result<NewCredential, Error> {
    let name = &options.display_name;
    match options.credential {
        CredentialKind::Certificate => {
            let subject = format!("CN={name}");
            let cert = tokio::task::spawn_blocking(move || {
                Certificate::generate(&subject, CERTIFICATE_DAYS)
            })
            .await
            .map_err(|e| Error::Certificate(e.to_string()))?
            .map_err(Error::Certificate)?;
            let key_id = random_key_id();
            let mut keys = vec![cert.key_credential(name, &key_id)];
            if let Some((old, old_id)) = keep {
                keys.insert(0, old.key_credential(name, old_id));
            }
            let path = graph_path::application(object_id);
            let body = json!({ "keyCredentials": keys });
            replicated(options, || {
                graph.graph_method(token, Method::PATCH, &path, Some(&body))
            })
            .await?;
            Ok(NewCredential {
                ends: cert.ends.to_rfc3339(),
                credential: AppCredential::Certificate(cert),
                key_id,
            })
        }
        CredentialKind::Secret => {
            let end = chrono::Utc::now() + chrono::Duration::days(SECRET_DAYS);
            let body = json!({ "passwordCredential": {
                "displayName": name, "endDateTime": end.to_rfc3339() } });
            let path = graph_path::add_password(object_id);
            let answer = replicated(options, || {
                graph.graph_method(token, Method::POST, &path, Some(&body))
            })
            .await?;
            let text = |k: &str| answer[k].as_str().unwrap_or_default().to_owned();
            if text("secretText").is_empty() {
                return Err(FlowError::Incomplete("secretText").into());
            }
            Ok(NewCredential {
                credential: AppCredential::Secret(Secret::new(text("secretText"))),
                key_id: text("keyId"),
                ends: text("endDateTime"),
            })
        }
    }
}

/// A `keyId` for a new key credential (a random GUID, version 4).
fn random_key_id() -> String {
    let mut b = [0u8; 16];
    aws_lc_rs::rand::fill(&mut b).expect("system random");
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// Stores the credential and the registration record in the secrets file (the other kind of
/// credential, which belonged to an earlier app, goes).
fn store_credential(dir: &Path, new: &NewCredential, info: RegistrationInfo) -> Result<(), Error> {
    Secrets::update(&paths::secrets(dir), |s| {
        match &new.credential {
            AppCredential::Certificate(c) => {
                s.client_certificate = Some(c.stored());
                s.client_secret = None;
            }
            AppCredential::Secret(secret) => {
                s.client_secret = Some(secret.expose().to_owned());
                s.client_certificate = None;
            }
        }
        s.registration = Some(info);
    })?;
    Ok(())
}

/// Removes what a run created: the application (its service principal goes with it), the
/// stored credential and record, and `u8sClientId` back to what it was (when it is still the
/// created app's). Signs in again when the run's token is gone.
pub async fn remove(
    dir: &Path,
    settings: &Settings,
    lang: Lang,
    created: &Created,
    guide: &impl Guide,
) -> Result<(), Error> {
    if let Some(object_id) = &created.app_object_id {
        let token = match &created.token {
            Some(t) => t.clone(),
            None => sign_in(settings, lang, guide).await?.0,
        };
        let graph = graph_client(settings)?;
        let path = graph_path::application(object_id);
        match graph
            .graph_method(token.expose(), Method::DELETE, &path, None)
            .await
        {
            Ok(_) | Err(RequestError::Graph { status: 404, .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    forget_app(dir, created)
}

/// What belonged to the removed app leaves the folder in one transaction under its lock (no
/// await inside: the lock is the thread's): the registration record and its credential; the
/// refresh token and the user consent's record where they were given to this app; the admin
/// consent's record for it; `u8sClientId` back to the one before; the audit line.
fn forget_app(dir: &Path, created: &Created) -> Result<(), Error> {
    let folder = crate::base::folder::Folder::new(dir);
    let _lock = folder
        .lock(&folder.secrets())
        .map_err(|e| Error::Folder(e.msg()))?;
    let configured = crate::ops::store::load_config(dir)
        .ok()
        .and_then(|l| l.settings.ok())
        .map(|s| s.client_id);
    let app = created.client_id.as_deref();
    let is_app = |id: &str| app.is_some_and(|a| a.eq_ignore_ascii_case(id));
    Secrets::update(&folder.secrets(), |s| {
        if s.registration.as_ref().map(|r| &r.app_object_id) == created.app_object_id.as_ref() {
            s.registration = None;
            s.client_certificate = None;
            s.client_secret = None;
        }
        // A record from before the client id was kept: the token is the configured app's.
        let token_is_apps = s.user_consent.as_ref().is_some_and(|u| {
            is_app(&u.client_id)
                || (u.client_id.is_empty() && app.is_some() && configured.as_deref() == app)
        });
        if token_is_apps {
            s.refresh_token = None;
            s.user_consent = None;
        }
        if s.admin_consent
            .as_ref()
            .is_some_and(|a| is_app(&a.client_id))
        {
            s.admin_consent = None;
        }
    })?;
    if configured.is_some() && configured.as_deref() == created.client_id.as_deref() {
        let previous = created.previous_client_id.clone();
        crate::ops::store::change_config(dir, |s| {
            s.client_id = previous;
            Ok(())
        })
        .map_err(Error::Save)?;
    }
    if let Some(client_id) = created.client_id.clone() {
        let what = crate::model::audit::What::AppRemoved { client_id };
        crate::model::audit::append(&folder.audit(), what);
    }
    Ok(())
}

/// The steps of a renewal, each followed by `between` (the tests check the status there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RenewStep {
    /// The new credential exists in Entra ID beside the old one.
    Added,
    /// The secrets file holds the new one.
    Switched,
    /// Client credentials with the new one hold the write permission.
    Verified,
    /// The old one is removed from Entra ID.
    OldRemoved,
}

/// "Erneuern": a new credential of the same kind, stored, verified, and only then the old one
/// removed — at every moment one that works is stored. Signs the administrator in.
pub async fn renew(
    dir: &Path,
    settings: &Settings,
    lang: Lang,
    guide: &impl Guide,
    between: impl AsyncFn(RenewStep),
) -> Result<RegistrationInfo, Error> {
    let secrets_path = paths::secrets(dir);
    let (_, secrets) = Secrets::load(&secrets_path)
        .map_err(|e| Error::Secrets(crate::model::secrets::UpdateError::read(&secrets_path, e)))?;
    let Some(mut info) = secrets.registration.clone() else {
        return Err(Error::NoRegistration);
    };
    let kind = match info.credential.as_str() {
        "certificate" => CredentialKind::Certificate,
        _ => CredentialKind::Secret,
    };
    let old = crate::microsoft::credential::stored(&secrets)
        .ok_or(FlowError::Missing(flows::WRITE))?
        .map_err(Error::Credential)?;
    let (token, _) = sign_in(settings, lang, guide).await?;
    let graph = graph_client(settings)?;
    let options = Options::new(&info.display_name, kind);
    let keep = match &old {
        AppCredential::Certificate(c) => Some((c, info.key_id.as_str())),
        AppCredential::Secret(_) => None,
    };
    let new = add_credential(&graph, token.expose(), &info.app_object_id, &options, keep).await?;
    between(RenewStep::Added).await;
    let old_key = std::mem::replace(&mut info.key_id, new.key_id.clone());
    info.end_date_time = new.ends.clone();
    store_credential(dir, &new, info.clone())?;
    between(RenewStep::Switched).await;
    verify(settings, dir, &options).await?;
    between(RenewStep::Verified).await;
    let path = graph_path::application(&info.app_object_id);
    match &new.credential {
        AppCredential::Certificate(c) => {
            let body =
                json!({ "keyCredentials": [c.key_credential(&info.display_name, &info.key_id)] });
            graph
                .graph_method(token.expose(), Method::PATCH, &path, Some(&body))
                .await?;
        }
        AppCredential::Secret(_) => {
            let body = json!({ "keyId": old_key });
            graph
                .graph_method(
                    token.expose(),
                    Method::POST,
                    &graph_path::remove_password(&info.app_object_id),
                    Some(&body),
                )
                .await?;
        }
    }
    between(RenewStep::OldRemoved).await;
    let what = crate::model::audit::What::CredentialRenewed {
        client_id: info.client_id.clone(),
        key_id: info.key_id.clone(),
    };
    crate::model::audit::append(&crate::model::audit::path(dir), what);
    Ok(info)
}
