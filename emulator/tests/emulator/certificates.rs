//! Certificate credentials (issue 13 §2, §4): a certificate uploaded with `PATCH keyCredentials`
//! lets the app sign client assertions; Entra's refusals for an unknown key, a wrong audience,
//! issuer or time range, a malformed assertion and an expired certificate.

use super::*;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PSS_SHA256, RsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use reqwest::Method;
use serde_json::{Value, json};

/// A certificate and its private key (PKCS#8).
struct Cert {
    der: Vec<u8>,
    key: Vec<u8>,
}

fn new_cert() -> Cert {
    let key = rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
        .unwrap();
    let params = rcgen::CertificateParams::new(vec![]).unwrap();
    let cert = params.self_signed(&key).unwrap();
    Cert {
        der: cert.der().to_vec(),
        key: key.serialize_der(),
    }
}

/// A PS256 client assertion of `cert` with these claims.
fn assertion(cert: &Cert, claims: &Value) -> String {
    let thumb = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &cert.der);
    let header = json!({ "alg": "PS256", "typ": "JWT", "x5t#S256": URL_SAFE_NO_PAD.encode(thumb) });
    signed_by(&cert.key, &header, claims)
}

/// A client assertion built the way MSAL Python builds it (`oauth2cli/assertion.py` with PyJWT):
/// `x5t#S256` from `base64.urlsafe_b64encode`, so padded with `=`; `exp`, `iat` and `nbf` from
/// `time.time()`, so with fractions; signed with `signer`'s key while naming `named`.
fn msal_assertion(named: &Cert, signer: &Cert, app_id: &str, aud: &str) -> String {
    let thumb = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &named.der);
    let padded = base64::engine::general_purpose::URL_SAFE.encode(thumb);
    assert!(padded.ends_with('='), "{padded}");
    let header = json!({ "alg": "PS256", "typ": "JWT", "x5t#S256": padded });
    let now = chrono::Utc::now().timestamp_micros() as f64 / 1e6;
    let claims = json!({ "aud": aud, "iss": app_id, "sub": app_id, "exp": now + 600.0, "iat": now, "nbf": now, "jti": uuid::Uuid::new_v4() });
    assert!(claims["exp"].is_f64(), "{claims}");
    signed_by(&signer.key, &header, &claims)
}

/// `header.claims.signature`, PS256 with the PKCS#8 key `key`.
fn signed_by(key: &[u8], header: &Value, claims: &Value) -> String {
    let signed = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let pair = RsaKeyPair::from_pkcs8(key).unwrap();
    let mut sig = vec![0; pair.public_modulus_len()];
    pair.sign(
        &RSA_PSS_SHA256,
        &SystemRandom::new(),
        signed.as_bytes(),
        &mut sig,
    )
    .unwrap();
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(sig))
}

fn claims_for(app_id: &str, aud: &str, offset: i64) -> Value {
    let now = chrono::Utc::now().timestamp() + offset;
    json!({ "aud": aud, "iss": app_id, "sub": app_id, "jti": uuid::Uuid::new_v4(), "nbf": now, "iat": now, "exp": now + 600 })
}

/// The status and AADSTS code (0 for none) of client credentials with this assertion.
async fn with_assertion(http: &reqwest::Client, base: &str, app_id: &str, jwt: &str) -> (u16, u64) {
    let r = http
        .post(format!("{base}/{TENANT}/oauth2/v2.0/token"))
        .form(&[
            ("client_id", app_id),
            ("grant_type", "client_credentials"),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", jwt),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    (status, body["error_codes"][0].as_u64().unwrap_or(0))
}

#[tokio::test]
async fn a_certificate_signs_client_assertions_and_entra_refuses_bad_ones() {
    let emu = start(World::demo()).await;
    let (http, base) = (client(), emu.base_url.clone());
    let token = super::apps::cli_tools_token(&http, &base, "admin@musterfirma.de")
        .await
        .unwrap();
    let send = |method: Method, url: String, body: Option<Value>| {
        let mut r = http.request(method, url).bearer_auth(&token);
        if let Some(b) = body {
            r = r.json(&b);
        }
        async move {
            let r = r.send().await.unwrap();
            (
                r.status().as_u16(),
                r.json::<Value>().await.unwrap_or_default(),
            )
        }
    };
    let (_, app) = send(
        Method::POST,
        format!("{base}/v1.0/applications"),
        Some(json!({ "displayName": "Zertifikat", "signInAudience": "AzureADMyOrg" })),
    )
    .await;
    let (object_id, app_id) = (app["id"].as_str().unwrap(), app["appId"].as_str().unwrap());
    let (cert, other) = (new_cert(), new_cert());
    let end = (chrono::Utc::now() + chrono::Duration::days(365)).to_rfc3339();
    let key = |c: &Cert| json!({ "type": "AsymmetricX509Cert", "usage": "Verify", "key": STANDARD.encode(&c.der), "displayName": "CN=UCServer", "endDateTime": end });
    let (status, _) = send(
        Method::PATCH,
        format!("{base}/v1.0/applications/{object_id}"),
        Some(json!({ "keyCredentials": [key(&cert)] })),
    )
    .await;
    assert_eq!(status, 204);
    let (_, listed) = send(
        Method::GET,
        format!("{base}/v1.0/applications/{object_id}"),
        None,
    )
    .await;
    let listed = &listed["keyCredentials"][0];
    assert_eq!(
        (listed["type"].as_str(), listed["key"].as_str()),
        (Some("AsymmetricX509Cert"), None)
    );
    let (status, bad) = send(
        Method::PATCH,
        format!("{base}/v1.0/applications/{object_id}"),
        Some(json!({ "keyCredentials": [{ "type": "AsymmetricX509Cert", "usage": "Verify", "key": "bm8gY2VydA==" }] })),
    )
    .await;
    assert_eq!(status, 400, "{bad}");

    let aud = format!("{base}/{TENANT}/oauth2/v2.0/token");
    let good = claims_for(app_id, &aud, 0);
    assert_eq!(
        with_assertion(&http, &base, app_id, &assertion(&cert, &good)).await,
        (200, 0)
    );
    let by_id = format!(
        "{base}/{}/oauth2/v2.0/token",
        emu.shared.world().tenants[0].id
    );
    let jwt = assertion(&cert, &claims_for(app_id, &by_id, 0));
    assert_eq!(
        with_assertion(&http, &base, app_id, &jwt).await,
        (200, 0),
        "the tenant id in aud"
    );

    // Built as MSAL Python builds it (padded thumbprint, fractional times): Entra ID takes it, and
    // the same signed with another key than the one named is Microsoft's 700027, not "malformed".
    let msal = msal_assertion(&cert, &cert, app_id, &aud);
    assert_eq!(with_assertion(&http, &base, app_id, &msal).await, (200, 0));
    let wrong_key = msal_assertion(&cert, &other, app_id, &aud);
    assert_eq!(
        with_assertion(&http, &base, app_id, &wrong_key).await,
        (401, 700027)
    );

    let refusals = [
        (assertion(&other, &good), 700027, "a key not uploaded"),
        (
            assertion(
                &cert,
                &claims_for(
                    app_id,
                    "https://login.microsoftonline.com/x/oauth2/v2.0/token",
                    0,
                ),
            ),
            700023,
            "another audience",
        ),
        (
            assertion(
                &cert,
                &claims_for("6731de76-14a6-49ae-97bc-6eba6914391e", &aud, 0),
            ),
            700021,
            "another issuer",
        ),
        (
            assertion(&cert, &claims_for(app_id, &aud, -3600)),
            700024,
            "expired an hour ago",
        ),
        ("a.b.c".to_owned(), 50027, "malformed"),
    ];
    for (jwt, code, why) in refusals {
        assert_eq!(
            with_assertion(&http, &base, app_id, &jwt).await,
            (401, code),
            "{why}"
        );
    }
    let mut signed = assertion(&cert, &good);
    signed.replace_range(signed.len() - 8.., "AAAAAAAA");
    assert_eq!(
        with_assertion(&http, &base, app_id, &signed).await,
        (401, 700027),
        "tampered"
    );

    emu.shared.set_faults(Faults {
        certificate_expired: true,
        ..Faults::default()
    });
    assert_eq!(
        with_assertion(&http, &base, app_id, &assertion(&cert, &good)).await,
        (401, 700027)
    );
    emu.shared.set_faults(Faults::default());

    // Replacing the set drops the old certificate.
    let (status, _) = send(
        Method::PATCH,
        format!("{base}/v1.0/applications/{object_id}"),
        Some(json!({ "keyCredentials": [key(&other)] })),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(
        with_assertion(&http, &base, app_id, &assertion(&cert, &good)).await,
        (401, 700027)
    );
    assert_eq!(
        with_assertion(&http, &base, app_id, &assertion(&other, &good)).await,
        (200, 0)
    );
}
