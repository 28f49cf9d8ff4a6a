//! Signed tokens (RS256 JWTs with the emulator's published key), random codes, and the claims
//! Microsoft puts into access and id tokens.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// The emulator's signing key. It is public (in the repository) on purpose: the emulator is a
/// test double, and nothing outside it trusts this key.
const SIGNING_KEY_PEM: &str = include_str!("../assets/emulator-signing-key.pem");
/// The public half, as the JWKS publishes it.
const JWK: &str = include_str!("../assets/emulator-jwk.json");

/// Signing and verification keys.
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub jwk: serde_json::Value,
    kid: String,
}

impl Keys {
    pub fn load() -> Self {
        let jwk: serde_json::Value = serde_json::from_str(JWK).expect("assets/emulator-jwk.json");
        let n = jwk["n"].as_str().expect("n");
        let e = jwk["e"].as_str().expect("e");
        Self {
            encoding: EncodingKey::from_rsa_pem(SIGNING_KEY_PEM.as_bytes()).expect("signing key"),
            decoding: DecodingKey::from_rsa_components(n, e).expect("jwk"),
            kid: jwk["kid"].as_str().expect("kid").to_owned(),
            jwk,
        }
    }

    pub fn sign<T: Serialize>(&self, claims: &T) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("RS256 signing")
    }

    /// Verifies signature and lifetime; the audience is checked by the caller.
    /// The claims of a token this emulator signed and that is valid now; or why not.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, Invalid> {
        use jsonwebtoken::errors::ErrorKind;
        let mut v = Validation::new(Algorithm::RS256);
        v.validate_aud = false;
        v.leeway = 0;
        jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &v)
            .map(|d| d.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature | ErrorKind::ImmatureSignature => Invalid::Lifetime,
                ErrorKind::InvalidSignature => Invalid::Signature,
                _ => Invalid::Malformed,
            })
    }
}

/// Why a bearer token was refused, in Graph's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    Lifetime,
    Signature,
    Malformed,
}

impl Invalid {
    pub fn message(self) -> &'static str {
        match self {
            Invalid::Lifetime => "Lifetime validation failed, the token is expired.",
            Invalid::Signature => "Access token validation failure. Invalid signature.",
            Invalid::Malformed => "JWT is not well formed.",
        }
    }
}

/// A random URL-safe string of `bytes` random bytes.
pub fn random(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    aws_lc_rs::rand::fill(&mut buf).expect("system random");
    URL_SAFE_NO_PAD.encode(buf)
}

/// `BASE64URL(SHA256(verifier))`, the S256 code challenge of RFC 7636.
pub fn s256(verifier: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    URL_SAFE_NO_PAD.encode(digest.as_ref())
}

pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The claims of an access token for Microsoft Graph. Graph's tokens are v1.0 tokens whichever
/// endpoint issued them (Microsoft's access-token reference): issuer `https://sts.windows.net/{tid}/`,
/// `appid`/`appidacr` instead of `azp`/`azpacr`, `upn` and `unique_name`, no `preferred_username`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub aud: String,
    pub iss: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub tid: String,
    pub sub: String,
    /// The user's object id; in an app token, the service principal's.
    pub oid: String,
    pub appid: String,
    /// How the client authenticated: `0` public client, `1` secret, `2` certificate.
    pub appidacr: String,
    pub ver: String,
    /// `user` or `app`.
    pub idtyp: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Delegated permissions, space separated (user tokens).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scp: Option<String>,
    /// Application permissions (app tokens).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    pub uti: String,
}

/// The issuer of a Graph (v1.0) access token.
pub fn graph_issuer(tenant: &str) -> String {
    format!("https://sts.windows.net/{tenant}/")
}

/// The claims of a v2.0 id token.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IdClaims {
    pub aud: String,
    pub iss: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub sub: String,
    pub oid: String,
    pub tid: String,
    pub preferred_username: String,
    pub name: String,
    pub ver: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
}
