//! Every fault switch, set through the control API, leads to Microsoft's answer for it.

use super::*;

async fn set_faults(http: &reqwest::Client, base: &str, faults: serde_json::Value) {
    let r = http
        .put(format!("{base}/_emulator/faults"))
        .json(&faults)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

async fn refresh_error(http: &reqwest::Client, base: &str, rt: &str) -> (String, u64) {
    let r = http
        .post(format!("{base}/{TENANT}/oauth2/v2.0/token"))
        .form(&[
            ("client_id", CLIENT),
            ("grant_type", "refresh_token"),
            ("refresh_token", rt),
        ])
        .send()
        .await
        .unwrap();
    let b: serde_json::Value = r.json().await.unwrap();
    (
        b["error"].as_str().unwrap_or("").to_owned(),
        b["error_codes"][0].as_u64().unwrap_or(0),
    )
}

#[tokio::test]
async fn refresh_faults_password_changed_inactive_and_mfa() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    let rt = user_consent(&http, base, "max.mustermann@musterfirma.de").await["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    for (fault, expected) in [
        ("passwordChanged", ("invalid_grant", 50173)),
        ("refreshTokenExpired", ("invalid_grant", 700082)),
        ("mfaRequired", ("interaction_required", 50076)),
    ] {
        set_faults(&http, base, serde_json::json!({ fault: true })).await;
        assert_eq!(
            refresh_error(&http, base, &rt).await,
            (expected.0.to_owned(), expected.1),
            "{fault}"
        );
    }
}

#[tokio::test]
async fn consent_faults_policy_and_decline() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    set_faults(
        &http,
        base,
        serde_json::json!({"userConsentDisabled": true}),
    )
    .await;
    let (_, challenge) = pkce();
    let url = authorize_url(base, "http://localhost:50123/", &challenge, USER_SCOPES);
    let r = sign_in(
        &http,
        &url,
        "lena.frisch@musterfirma.de",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    let q = query_of(&location(&r));
    assert_eq!(q["error"], "access_denied");
    assert!(
        q["error_description"]
            .starts_with("AADSTS90094: An administrator of Musterfirma GmbH has set a policy"),
        "{}",
        q["error_description"]
    );
    // An administrator may still consent.
    let r = sign_in(
        &http,
        &url,
        "admin@musterfirma.de",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    assert!(query_of(&location(&r)).contains_key("code"));

    set_faults(&http, base, serde_json::json!({"userDeclines": true})).await;
    let r = sign_in(
        &http,
        &url,
        "admin@musterfirma.de",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    assert!(query_of(&location(&r))["error_description"].starts_with("AADSTS65004"));
}

#[tokio::test]
async fn secret_tenant_and_app_faults() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    for (fault, code) in [
        ("clientSecretInvalid", 7000215),
        ("clientSecretExpired", 7000222),
        ("unknownTenant", 90002),
        ("unknownApp", 700016),
    ] {
        set_faults(&http, base, serde_json::json!({ fault: true })).await;
        let b: serde_json::Value = app_token(&http, base).await.json().await.unwrap();
        assert_eq!(b["error_codes"][0], code, "{fault}: {b}");
    }
}

#[tokio::test]
async fn graph_throttling_latency_server_error_and_reset() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    let token = user_consent(&http, base, "max.mustermann@musterfirma.de").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();

    set_faults(&http, base, serde_json::json!({"graphThrottleSeconds": 7})).await;
    let r = http
        .get(format!("{base}/v1.0/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "7");

    set_faults(&http, base, serde_json::json!({"latencyMs": 300})).await;
    let t = std::time::Instant::now();
    assert_eq!(
        http.get(format!("{base}/v1.0/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert!(t.elapsed() >= std::time::Duration::from_millis(300));

    set_faults(&http, base, serde_json::json!({"serverError": true})).await;
    assert_eq!(
        http.get(format!("{base}/v1.0/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        503
    );

    set_faults(&http, base, serde_json::json!({"connectionReset": true})).await;
    let r = http
        .get(format!("{base}/v1.0/me"))
        .bearer_auth(&token)
        .send()
        .await;
    let failed = match r {
        Err(_) => true,
        Ok(resp) => resp.bytes().await.is_err(),
    };
    assert!(failed, "the connection should drop");

    // The control API itself is never disturbed, and unknown switches are refused.
    let r = http
        .put(format!("{base}/_emulator/faults"))
        .json(&serde_json::json!({"noSuchSwitch": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    set_faults(&http, base, serde_json::json!({})).await;
    assert_eq!(
        http.get(format!("{base}/v1.0/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}
