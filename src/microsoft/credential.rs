//! The credential of an own app registration for client credentials (the write side): a client
//! secret, or — Microsoft's recommendation for confidential clients — a certificate. The pane
//! makes the certificate itself (RSA 2048, self-signed, with rcgen), keeps its private key in the
//! secrets file, and proves it with a client assertion as Microsoft's "certificate credentials"
//! page describes: header `alg` PS256, `typ` JWT, `x5t#S256`; claims `aud` (the tenant's token
//! endpoint), `iss` = `sub` = the client id, `jti`, `nbf`, `iat`, `exp`.

use crate::model::secrets::{CertificateCredential, Secret};
use aws_lc_rs::digest;
use aws_lc_rs::signature::{RSA_PSS_SHA256, RsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, Datelike, Duration, Utc};
use zeroize::Zeroizing;

/// How long a new certificate is valid.
pub const CERTIFICATE_DAYS: i64 = 365;
/// How long a new client secret is valid: the Entra admin center's recommended 180 days.
pub const SECRET_DAYS: i64 = 180;
/// How long before the end the status warns.
pub const WARN_DAYS: i64 = 30;
/// How long an assertion is valid (Microsoft: "5-10 minutes after nbf").
const ASSERTION_SECONDS: i64 = 600;

/// What client credentials authenticate with.
#[derive(Clone, Debug)]
pub enum AppCredential {
    Secret(Secret),
    Certificate(Certificate),
}

/// A certificate with its private key.
#[derive(Clone)]
pub struct Certificate {
    /// The certificate, DER.
    pub der: Vec<u8>,
    /// The private key, PKCS#8 DER (wiped when dropped).
    key: Zeroizing<Vec<u8>>,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certificate")
            .field("thumbprint", &self.thumbprint())
            .field("ends", &self.ends)
            .finish_non_exhaustive()
    }
}

impl Certificate {
    /// A new key pair and a self-signed certificate valid from today (00:00 UTC) for `days`.
    pub fn generate(subject: &str, days: i64) -> Result<Self, String> {
        let text = |e: rcgen::Error| e.to_string();
        let key =
            rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
                .map_err(text)?;
        let today = Utc::now().date_naive();
        let end = today + Duration::days(days);
        let ymd =
            |d: chrono::NaiveDate| rcgen::date_time_ymd(d.year(), d.month() as u8, d.day() as u8);
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(text)?;
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, subject);
        params.not_before = ymd(today);
        params.not_after = ymd(end);
        let cert = params.self_signed(&key).map_err(text)?;
        let midnight = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
        Ok(Self {
            der: cert.der().to_vec(),
            key: Zeroizing::new(key.serialize_der()),
            starts: midnight(today),
            ends: midnight(end),
        })
    }

    /// The certificate as the secrets file keeps it.
    pub fn stored(&self) -> CertificateCredential {
        CertificateCredential {
            certificate: STANDARD.encode(&self.der),
            private_key: STANDARD.encode(&*self.key),
            thumbprint: self.thumbprint(),
            start_date_time: self.starts.to_rfc3339(),
            end_date_time: self.ends.to_rfc3339(),
        }
    }

    /// The certificate from the secrets file.
    pub fn from_stored(c: &CertificateCredential) -> Result<Self, String> {
        let der = STANDARD.decode(&c.certificate).map_err(|e| e.to_string())?;
        let key = Zeroizing::new(STANDARD.decode(&c.private_key).map_err(|e| e.to_string())?);
        RsaKeyPair::from_pkcs8(&key).map_err(|e| e.to_string())?;
        let date = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|e| e.to_string())
        };
        Ok(Self {
            der,
            key,
            starts: date(&c.start_date_time)?,
            ends: date(&c.end_date_time)?,
        })
    }

    /// The SHA-1 thumbprint in hex, as Windows and the Entra admin center show it.
    pub fn thumbprint(&self) -> String {
        digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &self.der)
            .as_ref()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect()
    }

    /// The `keyCredentials` entry that uploads this certificate (Graph's `keyCredential`).
    pub fn key_credential(&self, display_name: &str, key_id: &str) -> serde_json::Value {
        serde_json::json!({
            "keyId": key_id,
            "type": "AsymmetricX509Cert",
            "usage": "Verify",
            "key": STANDARD.encode(&self.der),
            "displayName": display_name,
            "startDateTime": self.starts.to_rfc3339(),
            "endDateTime": self.ends.to_rfc3339(),
        })
    }

    /// A client assertion for `client_id` at the token endpoint `audience`.
    pub fn assertion(&self, client_id: &str, audience: &str) -> Result<String, String> {
        let pair = RsaKeyPair::from_pkcs8(&self.key).map_err(|e| e.to_string())?;
        let x5t = URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, &self.der));
        let header = serde_json::json!({ "alg": "PS256", "typ": "JWT", "x5t#S256": x5t });
        let now = Utc::now().timestamp();
        let mut jti = [0u8; 16];
        aws_lc_rs::rand::fill(&mut jti).map_err(|e| e.to_string())?;
        let claims = serde_json::json!({
            "aud": audience,
            "iss": client_id,
            "sub": client_id,
            "jti": URL_SAFE_NO_PAD.encode(jti),
            "nbf": now,
            "iat": now,
            "exp": now + ASSERTION_SECONDS,
        });
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; pair.public_modulus_len()];
        pair.sign(
            &RSA_PSS_SHA256,
            &aws_lc_rs::rand::SystemRandom::new(),
            signed.as_bytes(),
            &mut signature,
        )
        .map_err(|e| e.to_string())?;
        Ok(format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature)))
    }
}

/// The credential the secrets file holds for client credentials: the certificate where one is
/// stored, else the client secret; `Err` when the stored certificate cannot be read.
pub fn stored(s: &crate::model::secrets::Secrets) -> Option<Result<AppCredential, String>> {
    match (&s.client_certificate, &s.client_secret) {
        (Some(c), _) => Some(Certificate::from_stored(c).map(AppCredential::Certificate)),
        (None, Some(secret)) => Some(Ok(AppCredential::Secret(Secret::new(secret.clone())))),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_survives_the_secrets_file_and_signs() {
        let c = Certificate::generate("UCServer Präsenz", 365).unwrap();
        assert_eq!(c.ends - c.starts, Duration::days(365));
        assert!(c.starts <= Utc::now());
        let back = Certificate::from_stored(&c.stored()).unwrap();
        assert_eq!((back.der.as_slice(), back.ends), (c.der.as_slice(), c.ends));
        assert_eq!(c.thumbprint().len(), 40);
        let jwt = back
            .assertion("app", "https://login/t/oauth2/v2.0/token")
            .unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["alg"], "PS256");
        assert_eq!(header["x5t#S256"].as_str().unwrap().len(), 43);
    }
}
