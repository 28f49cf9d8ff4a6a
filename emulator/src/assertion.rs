//! Client assertions (`private_key_jwt`) as Entra ID checks them: a JWT signed with the private key
//! of a certificate uploaded to the app (`keyCredentials`), named in the header by `x5t#S256`
//! (or the older `x5t`), with `aud` the tenant's token endpoint and `iss` = `sub` = the client id.
//! Refusals carry the codes Microsoft documents: 50027 malformed, 700027 unknown key, bad
//! signature or expired certificate, 700024 outside its time range, 700021 wrong issuer or
//! subject, 700023 wrong audience.
//!
//! As lenient as Entra ID where clients differ: `exp`/`nbf`/`iat` are NumericDates, which RFC 7519
//! §2 allows to hold fractions (MSAL Python writes `time.time() + 600`); a thumbprint and the
//! JWT's parts may carry base64 padding (MSAL Python's `urlsafe_b64encode` pads `x5t#S256`).

use super::errors::Aadsts;
use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use rustls_pki_types::CertificateDer;
use serde::Deserialize;

/// `client_assertion_type` of a signed JWT (RFC 7523).
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Clock skew Entra ID tolerates on `nbf` and `exp`.
const SKEW_SECONDS: i64 = 300;

pub use super::state::Certificate;

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(rename = "x5t#S256")]
    x5t_s256: Option<String>,
    x5t: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    aud: Option<String>,
    iss: Option<String>,
    sub: Option<String>,
    /// NumericDates: seconds, whole or with a fraction (RFC 7519 §2).
    exp: Option<f64>,
    nbf: Option<f64>,
}

/// base64url with or without its padding.
const URL_SAFE_ANY_PAD: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn malformed() -> Aadsts {
    Aadsts::new(50027, "JWT token is invalid or malformed.")
}

fn invalid_key(reason: &str, thumbprint: &str) -> Aadsts {
    Aadsts::new(
        700027,
        format!(
            "Client assertion contains an invalid signature. [Reason - {reason}, Thumbprint of key used by client: '{thumbprint}']"
        ),
    )
}

/// Checks `assertion` for the app `client_id` whose certificates are `certificates`; `audiences`
/// are the token endpoint addresses it may name. `expired`: the fault switch that makes every
/// certificate expired.
pub fn check(
    assertion: &str,
    client_id: &str,
    certificates: &[Certificate],
    audiences: &[String],
    expired: bool,
) -> Result<(), Aadsts> {
    let mut parts = assertion.split('.');
    let (Some(h), Some(c), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed());
    };
    let decode = |p: &str| URL_SAFE_ANY_PAD.decode(p).map_err(|_| malformed());
    let header: Header = serde_json::from_slice(&decode(h)?).map_err(|_| malformed())?;
    let claims: Claims = serde_json::from_slice(&decode(c)?).map_err(|_| malformed())?;
    let signature = decode(s)?;
    // The thumbprint as named, compared without its padding.
    let bare = |t: &String| t.trim_end_matches('=').to_owned();
    let (thumbprint, cert) = match (&header.x5t_s256, &header.x5t) {
        (Some(t), _) => (
            t,
            certificates.iter().find(|k| k.thumbprint_s256() == bare(t)),
        ),
        (None, Some(t)) => (
            t,
            certificates
                .iter()
                .find(|k| URL_SAFE_NO_PAD.encode(k.thumbprint_sha1()) == bare(t)),
        ),
        (None, None) => return Err(malformed()),
    };
    let Some(cert) = cert else {
        return Err(invalid_key("The key was not found.", thumbprint));
    };
    let now = Utc::now();
    if expired || cert.expires < now || cert.starts > now {
        return Err(invalid_key("The key used is expired.", thumbprint));
    }
    let alg = match header.alg.as_str() {
        "PS256" => webpki::aws_lc_rs::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
        "RS256" => webpki::aws_lc_rs::RSA_PKCS1_2048_8192_SHA256,
        _ => return Err(malformed()),
    };
    let der = CertificateDer::from(cert.der.as_slice());
    let end_entity = webpki::EndEntityCert::try_from(&der).map_err(|_| malformed())?;
    let signed = &assertion[..h.len() + 1 + c.len()];
    if end_entity
        .verify_signature(alg, signed.as_bytes(), &signature)
        .is_err()
    {
        return Err(invalid_key(
            "The provided signature value did not match the expected signature value.",
            thumbprint,
        ));
    }
    if claims.iss.as_deref() != Some(client_id) || claims.sub.as_deref() != Some(client_id) {
        return Err(Aadsts::new(
            700021,
            "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .",
        ));
    }
    if !claims
        .aud
        .as_ref()
        .is_some_and(|a| audiences.iter().any(|x| x == a))
    {
        return Err(Aadsts::new(
            700023,
            "Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .",
        ));
    }
    let t = now.timestamp();
    let (Some(exp), nbf) = (claims.exp, claims.nbf) else {
        return Err(malformed());
    };
    // Whole seconds, as Entra ID reports them.
    let (exp, nbf) = (exp.floor() as i64, nbf.map(|n| n.floor() as i64));
    if exp + SKEW_SECONDS < t || nbf.is_some_and(|n| n - SKEW_SECONDS > t) {
        return Err(Aadsts::new(
            700024,
            format!(
                "Client assertion is not within its valid time range. Current time: {}, assertion valid from {}, expiry time of assertion {}. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .",
                stamp(t),
                nbf.map(stamp).unwrap_or_default(),
                stamp(exp)
            ),
        ));
    }
    Ok(())
}

fn stamp(t: i64) -> String {
    DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%S.0000000Z").to_string())
        .unwrap_or_default()
}
