//! The OAuth 2.0 requests on the `oauth2` crate: the authorize URL of "Zustimmung des
//! Benutzers" (PKCE S256, `state`, `nonce`), the code exchange, the refresh and client
//! credentials. Microsoft's error answer is the client's error type ([`MsError`] implements
//! `oauth2::ErrorResponse`: `error_codes`, `trace_id`, `correlation_id` … are kept), and every
//! request goes through the pane's one reqwest client ([`Client::execute`]: its proxy, TLS,
//! timeouts, 429 handling, no redirects, capped answers). The admin consent URL and its callback
//! are not OAuth and stay in `flows`.

use super::client::{Client, MsError, RequestError, Stage, TOKEN_BODY_CAP, TokenResponse};
use super::credential::AppCredential;
use crate::model::secrets::Secret;

/// `client_assertion_type` of a JWT signed with the app's certificate (RFC 7523).
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
use oauth2::basic::{
    BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError,
    Scope, StandardRevocableToken, StandardTokenResponse, TokenResponse as _, TokenUrl,
};

impl oauth2::ErrorResponse for MsError {}

impl std::fmt::Display for MsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.error_description)
    }
}

/// The token answer's field beyond OAuth's: Microsoft's id token.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct IdToken {
    #[serde(default)]
    id_token: Option<String>,
}

impl oauth2::ExtraTokenFields for IdToken {}

type Answer = StandardTokenResponse<IdToken, BasicTokenType>;

/// The oauth2 client for Microsoft: its error type, both endpoints set.
type OAuth = oauth2::Client<
    MsError,
    Answer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// An authorize URL, with what the answer is checked against.
pub struct Authorize {
    pub url: String,
    pub state: String,
    pub verifier: PkceCodeVerifier,
}

impl Client {
    fn oauth(&self, secret: Option<&str>, redirect: Option<&str>) -> Result<OAuth, RequestError> {
        let bad = |e: oauth2::url::ParseError| super::client::unreachable(Stage::Answer, e);
        let mut c = oauth2::Client::new(ClientId::new(self.client_id.clone()))
            .set_auth_uri(AuthUrl::new(self.endpoints.authorize_url(&self.tenant)).map_err(bad)?)
            .set_token_uri(TokenUrl::new(self.endpoints.token_url(&self.tenant)).map_err(bad)?)
            // Microsoft takes the secret in the form as well as in Basic; the form it is.
            .set_auth_type(AuthType::RequestBody);
        if let Some(secret) = secret {
            c = c.set_client_secret(ClientSecret::new(secret.to_owned()));
        }
        if let Some(redirect) = redirect {
            c = c.set_redirect_uri(RedirectUrl::new(redirect.to_owned()).map_err(bad)?);
        }
        Ok(c)
    }

    /// The authorize URL of "Zustimmung des Benutzers": code flow with PKCE S256, `state`,
    /// the `nonce` the id token must carry back, the answer in the query, the account chosen.
    pub fn authorize_url(
        &self,
        redirect: &str,
        scopes: &[String],
        state: String,
        nonce: &str,
    ) -> Result<Authorize, RequestError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let oauth = self.oauth(None, Some(redirect))?;
        let (url, state) = oauth
            .authorize_url(|| CsrfToken::new(state))
            .add_scopes(scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .add_extra_param("response_mode", "query")
            .add_extra_param("nonce", nonce)
            .add_extra_param("prompt", "select_account")
            .url();
        Ok(Authorize {
            url: url.into(),
            state: state.secret().clone(),
            verifier,
        })
    }

    /// Redeems the authorization code (with the PKCE verifier).
    pub async fn redeem_code(
        &self,
        code: &Secret,
        verifier: PkceCodeVerifier,
        redirect: &str,
        scopes: &[String],
    ) -> Result<TokenResponse, RequestError> {
        let oauth = self.oauth(None, Some(redirect))?;
        let http = Http(self);
        let answer = oauth
            .exchange_code(AuthorizationCode::new(code.expose().to_owned()))
            .set_pkce_verifier(verifier)
            .add_extra_param("scope", scopes.join(" "))
            .request_async(&http)
            .await;
        tokens(answer)
    }

    /// A new access token (and rotated refresh token) from the stored refresh token, for
    /// `scopes` (those it was granted for, see [`super::endpoints::Endpoints::refresh_scopes`]).
    pub async fn refresh(
        &self,
        refresh_token: &str,
        scopes: &[String],
    ) -> Result<TokenResponse, RequestError> {
        let oauth = self.oauth(None, None)?;
        let http = Http(self);
        let rt = RefreshToken::new(refresh_token.to_owned());
        let answer = oauth
            .exchange_refresh_token(&rt)
            .add_scopes(scopes.iter().cloned().map(Scope::new))
            .request_async(&http)
            .await;
        tokens(answer)
    }

    /// An app-only token for `scope` (`{graph}/.default`), with the client secret or a client
    /// assertion signed by the certificate.
    pub async fn client_credentials(
        &self,
        credential: &AppCredential,
        scope: &str,
    ) -> Result<TokenResponse, RequestError> {
        let http = Http(self);
        let answer = match credential {
            AppCredential::Secret(secret) => {
                let oauth = self.oauth(Some(secret.expose()), None)?;
                oauth
                    .exchange_client_credentials()
                    .add_scope(Scope::new(scope.to_owned()))
                    .request_async(&http)
                    .await
            }
            AppCredential::Certificate(cert) => {
                let audience = self.endpoints.token_url(&self.tenant);
                let jwt = cert
                    .assertion(&self.client_id, &audience)
                    .map_err(|e| super::client::unreachable(Stage::Answer, e))?;
                let oauth = self.oauth(None, None)?;
                oauth
                    .exchange_client_credentials()
                    .add_scope(Scope::new(scope.to_owned()))
                    .add_extra_param("client_assertion_type", ASSERTION_TYPE)
                    .add_extra_param("client_assertion", jwt)
                    .request_async(&http)
                    .await
            }
        };
        tokens(answer)
    }

    /// One request of the oauth2 crate, sent with this client (see [`Client`]'s rules).
    async fn execute(
        &self,
        request: oauth2::HttpRequest,
    ) -> Result<oauth2::HttpResponse, RequestError> {
        let (parts, body) = request.into_parts();
        let response = self
            .send(|| {
                self.http
                    .request(parts.method.clone(), parts.uri.to_string())
                    .headers(parts.headers.clone())
                    .body(body.clone())
            })
            .await?;
        super::client::refuse_redirect(&response)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = super::client::read_capped(response, TOKEN_BODY_CAP).await?;
        // Microsoft's own trouble is no answer about the grant, whatever its body says: a 429
        // that outlasted the waits is a throttle, a 5xx an outage (with Microsoft's words).
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            let retry_after = headers
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| super::client::retry_after(v, chrono::Utc::now()));
            return Err(RequestError::Throttled { retry_after });
        }
        if status.is_server_error() {
            let said = serde_json::from_slice::<MsError>(&body)
                .map(|m| format!("{} {}", m.error, m.error_description))
                .unwrap_or_else(|_| String::from_utf8_lossy(&body).chars().take(300).collect());
            return Err(super::client::unreachable(
                Stage::Answer,
                format!("the token endpoint answered {status}: {said}"),
            ));
        }
        let mut out = oauth2::http::Response::new(body);
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        Ok(out)
    }
}

/// The oauth2 crate's HTTP client: this pane's client (a named type, so that the request
/// futures are `Send` for the worker's runtime).
struct Http<'a>(&'a Client);

impl<'c> oauth2::AsyncHttpClient<'c> for Http<'_> {
    type Error = RequestError;
    type Future = std::pin::Pin<
        Box<
            dyn std::future::Future<Output = Result<oauth2::HttpResponse, RequestError>>
                + Send
                + 'c,
        >,
    >;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(self.0.execute(request))
    }
}

/// The token answer as the pane uses it, or why there is none.
fn tokens(
    answer: Result<Answer, RequestTokenError<RequestError, MsError>>,
) -> Result<TokenResponse, RequestError> {
    match answer {
        Ok(a) => Ok(TokenResponse {
            access_token: Secret::new(a.access_token().secret().clone()),
            refresh_token: a.refresh_token().map(|r| Secret::new(r.secret().clone())),
            id_token: a.extra_fields().id_token.clone().map(Secret::new),
            scope: a
                .scopes()
                .map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")),
            expires_in: a.expires_in().map(|d| d.as_secs()),
        }),
        Err(RequestTokenError::ServerResponse(e)) => Err(RequestError::Microsoft(Box::new(e))),
        Err(RequestTokenError::Request(e)) => Err(e),
        Err(RequestTokenError::Parse(e, _)) => Err(super::client::unreachable(
            Stage::Answer,
            format!("the answer is not a token: {e}"),
        )),
        Err(RequestTokenError::Other(e)) => Err(super::client::unreachable(Stage::Answer, e)),
    }
}
