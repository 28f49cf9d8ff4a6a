//! Identity endpoints: discovery, keys, the browser walk with PKCE, refusals as Microsoft words
//! them, refresh rotation, client credentials and admin consent.

use super::*;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, jwk::Jwk};

#[tokio::test]
async fn discovery_follows_tenant_host_and_forwarded_headers() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    for name in [
        state::DEMO_TENANT_ID,
        "musterfirma.de",
        "MusterFirma.onmicrosoft.com",
    ] {
        let doc: serde_json::Value = http
            .get(format!(
                "{base}/{name}/v2.0/.well-known/openid-configuration"
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            doc["issuer"],
            format!("{base}/{}/v2.0", state::DEMO_TENANT_ID),
            "{name}"
        );
        assert!(
            doc["authorization_endpoint"]
                .as_str()
                .unwrap()
                .ends_with("/oauth2/v2.0/authorize")
        );
    }
    let doc: serde_json::Value = http
        .get(format!(
            "{base}/common/v2.0/.well-known/openid-configuration"
        ))
        .header("x-forwarded-proto", "https")
        .header("x-forwarded-host", "login.example.net")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["issuer"], "https://login.example.net/{tenantid}/v2.0");
    assert_eq!(
        doc["token_endpoint"],
        "https://login.example.net/common/oauth2/v2.0/token"
    );
    let r = http
        .get(format!(
            "{base}/nosuch.example/v2.0/.well-known/openid-configuration"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error_codes"][0], 90002);
}

#[tokio::test]
async fn browser_walk_redeems_code_with_pkce_and_tokens_verify_against_jwks() {
    let emu = start(World::demo()).await;
    let http = client();
    let tokens = user_consent(&http, &emu.base_url, "max.mustermann@musterfirma.de").await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(
        tokens["refresh_token"]
            .as_str()
            .is_some_and(|t| t.len() > 40)
    );
    let scope = tokens["scope"].as_str().unwrap();
    for s in ["Presence.Read.All", "User.Read", "User.ReadBasic.All"] {
        assert!(scope.split(' ').any(|x| x == s), "{scope}");
    }
    // Signature and claims, checked with the published key as a client library would.
    let keys: serde_json::Value = http
        .get(format!("{}/{TENANT}/discovery/v2.0/keys", emu.base_url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jwk: Jwk = serde_json::from_value(keys["keys"][0].clone()).unwrap();
    let key = DecodingKey::from_jwk(&jwk).unwrap();
    let mut v = Validation::new(Algorithm::RS256);
    v.set_audience(&[CLIENT]);
    v.set_issuer(&[format!("{}/{}/v2.0", emu.base_url, state::DEMO_TENANT_ID)]);
    let id =
        jsonwebtoken::decode::<serde_json::Value>(tokens["id_token"].as_str().unwrap(), &key, &v)
            .unwrap();
    assert_eq!(id.claims["nonce"], "n-456");
    assert_eq!(
        id.claims["preferred_username"],
        "max.mustermann@musterfirma.de"
    );
    let mut v = Validation::new(Algorithm::RS256);
    v.set_audience(&["00000003-0000-0000-c000-000000000000"]);
    let access = jsonwebtoken::decode::<serde_json::Value>(
        tokens["access_token"].as_str().unwrap(),
        &key,
        &v,
    )
    .unwrap();
    assert_eq!(access.claims["tid"], state::DEMO_TENANT_ID);
    assert!(
        access.claims["scp"]
            .as_str()
            .unwrap()
            .contains("Presence.Read.All")
    );
    assert!(access.claims["exp"].as_i64().unwrap() > access.claims["iat"].as_i64().unwrap());
    // client_info: base64url JSON with uid and utid, as MSAL expects.
    use base64::Engine as _;
    let info = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(tokens["client_info"].as_str().unwrap())
        .unwrap();
    let info: serde_json::Value = serde_json::from_slice(&info).unwrap();
    assert_eq!(info["utid"], state::DEMO_TENANT_ID);
    assert_eq!(info["uid"], access.claims["oid"]);
}

/// Walks to a code and returns (code, redirect_uri, verifier).
async fn code_for(http: &reqwest::Client, base: &str) -> (String, String, String) {
    let (verifier, challenge) = pkce();
    let redirect_uri = "http://localhost:50123/";
    let url = authorize_url(base, redirect_uri, &challenge, USER_SCOPES);
    let r = sign_in(
        http,
        &url,
        "lena.frisch@musterfirma.de",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    let q = query_of(&location(&r));
    (q["code"].clone(), redirect_uri.to_owned(), verifier)
}

async fn error_of(r: reqwest::Response) -> (u16, String, u64) {
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap();
    for key in [
        "error_description",
        "timestamp",
        "trace_id",
        "correlation_id",
    ] {
        assert!(body[key].is_string(), "{key} missing in {body}");
    }
    (
        status,
        body["error"].as_str().unwrap().to_owned(),
        body["error_codes"][0].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn wrong_verifier_reused_code_and_other_redirect_are_refused() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;

    let (code, redirect, _) = code_for(&http, base).await;
    let r = redeem(
        &http,
        base,
        &code,
        &redirect,
        "not-the-verifier-not-the-verifier-1234567",
    )
    .await;
    assert_eq!(error_of(r).await, (400, "invalid_grant".into(), 501481));

    let (code, _, verifier) = code_for(&http, base).await;
    let r = redeem(
        &http,
        base,
        &code,
        "http://localhost:50999/other",
        &verifier,
    )
    .await;
    assert_eq!(error_of(r).await, (400, "invalid_grant".into(), 70000));

    let (code, redirect, verifier) = code_for(&http, base).await;
    assert_eq!(
        redeem(&http, base, &code, &redirect, &verifier)
            .await
            .status(),
        200
    );
    let again = redeem(&http, base, &code, &redirect, &verifier).await;
    assert_eq!(error_of(again).await, (400, "invalid_grant".into(), 54005));
}

#[tokio::test]
async fn unregistered_redirect_and_unknown_app_stay_on_microsofts_page() {
    let emu = start(World::demo()).await;
    let http = client();
    let (_, challenge) = pkce();
    let url = authorize_url(
        &emu.base_url,
        "https://evil.example/cb",
        &challenge,
        USER_SCOPES,
    );
    let r = http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("AADSTS50011"));
    let url = url.replace(CLIENT, "11111111-2222-3333-4444-555555555555");
    let r = http.get(&url).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("AADSTS700016"));
}

#[test]
fn loopback_redirects_ignore_the_port_everything_else_matches_exactly() {
    use entra_emulator::redirect_allowed;
    let reg = vec![
        "http://localhost".to_owned(),
        "https://app.example/cb".to_owned(),
    ];
    assert!(redirect_allowed(&reg, "http://localhost:49152/"));
    assert!(redirect_allowed(&reg, "http://localhost:1"));
    assert!(
        !redirect_allowed(&reg, "http://127.0.0.1:49152/"),
        "127.0.0.1 must be registered itself"
    );
    assert!(!redirect_allowed(&reg, "https://localhost:49152/"));
    assert!(redirect_allowed(&reg, "https://app.example/cb"));
    assert!(
        !redirect_allowed(&reg, "https://app.example/CB"),
        "case-sensitive"
    );
    assert!(!redirect_allowed(&reg, "https://app.example:8443/cb"));
}

#[tokio::test]
async fn cancel_and_wrong_password() {
    let emu = start(World::demo()).await;
    let http = client();
    let (_, challenge) = pkce();
    let url = authorize_url(
        &emu.base_url,
        "http://localhost:50123/",
        &challenge,
        USER_SCOPES,
    );
    let r = sign_in(
        &http,
        &url,
        "max.mustermann@musterfirma.de",
        state::DEMO_PASSWORD,
        "cancel",
    )
    .await;
    let q = query_of(&location(&r));
    assert_eq!(q["error"], "access_denied");
    assert!(q["error_description"].starts_with("AADSTS65004"));
    assert_eq!(q["state"], "st-123");
    let r = sign_in(
        &http,
        &url,
        "max.mustermann@musterfirma.de",
        "wrong",
        "accept",
    )
    .await;
    assert_eq!(r.status(), 200, "the page is shown again");
    assert!(r.text().await.unwrap().contains("AADSTS50126"));
}

#[tokio::test]
async fn html_in_parameters_is_escaped_on_the_page() {
    let emu = start(World::demo()).await;
    let http = client();
    let (_, challenge) = pkce();
    let url = authorize_url(
        &emu.base_url,
        "http://localhost:50123/",
        &challenge,
        USER_SCOPES,
    )
    .replace("st-123", "%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    let html = http.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("<script>"), "unescaped");
    assert!(html.contains("&lt;script&gt;"));
    // Enter in the password field submits with the first button: that must be Accept.
    let first = html.find("type=\"submit\"").unwrap();
    assert!(
        html[first..].starts_with("type=\"submit\" name=\"action\" value=\"accept\""),
        "{}",
        &html[first..first + 60]
    );
}

/// A refresh of the demo app's `rt`, with `scope` where given.
async fn refresh(
    http: &reqwest::Client,
    base: &str,
    rt: String,
    scope: Option<&str>,
) -> reqwest::Response {
    let mut form = vec![
        ("client_id", CLIENT),
        ("grant_type", "refresh_token"),
        ("refresh_token", rt.as_str()),
    ];
    form.extend(scope.map(|s| ("scope", s)));
    http.post(format!("{base}/{TENANT}/oauth2/v2.0/token"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
/// Microsoft: a new refresh token on every use; the old one is not revoked (refresh-tokens doc).
async fn refresh_tokens_rotate_and_the_old_one_stays_valid() {
    let emu = start(World::demo()).await;
    let http = client();
    let first = user_consent(&http, &emu.base_url, "max.mustermann@musterfirma.de").await;
    let rt1 = first["refresh_token"].as_str().unwrap().to_owned();
    let refresh = |rt: String| refresh(&http, &emu.base_url, rt, None);
    let second: serde_json::Value = refresh(rt1.clone()).await.json().await.unwrap();
    let rt2 = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(rt1, rt2);
    assert!(second["access_token"].is_string());
    assert_eq!(
        refresh(rt1).await.status(),
        200,
        "Microsoft does not revoke the old one"
    );
    assert_eq!(
        error_of(refresh("made-up".into()).await).await.1,
        "invalid_grant"
    );
    assert_eq!(refresh(rt2).await.status(), 200);
}

#[tokio::test]
/// A refresh may name its scopes, "equivalent to or a subset of the scopes requested in the
/// original authorization_code request leg" (Microsoft's auth code flow): a subset is answered, a
/// scope the grant does not hold is `invalid_grant` AADSTS65001, as Entra ID answers it.
async fn a_refresh_asks_for_the_scopes_of_its_grant_or_fewer() {
    let emu = start(World::demo()).await;
    let http = client();
    let first = user_consent(&http, &emu.base_url, "max.mustermann@musterfirma.de").await;
    let rt = first["refresh_token"].as_str().unwrap().to_owned();
    let refresh = |scope| refresh(&http, &emu.base_url, rt.clone(), Some(scope));
    let subset = "openid offline_access https://graph.microsoft.com/Presence.Read.All";
    assert_eq!(refresh(subset).await.status(), 200);
    assert_eq!(
        error_of(refresh("openid https://graph.microsoft.com/Mail.Read").await).await,
        (400, "invalid_grant".to_owned(), 65001)
    );
    assert_eq!(
        emu.shared
            .world()
            .refresh_scopes
            .last()
            .cloned()
            .flatten()
            .as_deref(),
        Some("openid https://graph.microsoft.com/Mail.Read"),
        "what was asked is kept for the tests"
    );
}

#[tokio::test]
async fn client_credentials_carry_roles_only_after_admin_consent() {
    let emu = start(World::demo()).await;
    let http = client();
    let before: serde_json::Value = app_token(&http, &emu.base_url).await.json().await.unwrap();
    assert!(
        claims(before["access_token"].as_str().unwrap())
            .get("roles")
            .is_none()
    );
    assert!(before.get("refresh_token").is_none());

    let q = admin_consent(&http, &emu.base_url).await;
    assert_eq!(q["admin_consent"], "True");
    assert_eq!(q["tenant"], state::DEMO_TENANT_ID);
    assert_eq!(q["state"], "adm-1");

    let after: serde_json::Value = app_token(&http, &emu.base_url).await.json().await.unwrap();
    let c = claims(after["access_token"].as_str().unwrap());
    assert_eq!(c["roles"], serde_json::json!(["Presence.ReadWrite.All"]));
    assert_eq!(c["idtyp"], "app");

    let r = http
        .post(format!("{}/{TENANT}/oauth2/v2.0/token", emu.base_url))
        .form(&[
            ("client_id", CLIENT),
            ("grant_type", "client_credentials"),
            ("client_secret", "wrong"),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, (401, "invalid_client".into(), 7000215));
    let r = http
        .post(format!("{}/{TENANT}/oauth2/v2.0/token", emu.base_url))
        .form(&[
            ("client_id", CLIENT),
            ("grant_type", "client_credentials"),
            ("client_secret", state::DEMO_CLIENT_SECRET),
            (
                "scope",
                "https://graph.microsoft.com/Presence.ReadWrite.All",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, (400, "invalid_scope".into(), 1002012));
}

#[tokio::test]
async fn admin_consent_needs_an_admin_and_cancel_is_the_documented_error() {
    let emu = start(World::demo()).await;
    let http = client();
    let mut url = url::Url::parse(&format!("{}/{TENANT}/v2.0/adminconsent", emu.base_url)).unwrap();
    url.query_pairs_mut()
        .append_pair("client_id", CLIENT)
        .append_pair("scope", "https://graph.microsoft.com/.default")
        .append_pair("redirect_uri", "http://localhost:9/")
        .append_pair("state", "adm-2");
    let r = sign_in(
        &http,
        url.as_str(),
        "max.mustermann@musterfirma.de",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("AADSTS90094"));
    let r = sign_in(
        &http,
        url.as_str(),
        "admin@musterfirma.de",
        state::DEMO_PASSWORD,
        "cancel",
    )
    .await;
    let q = query_of(&location(&r));
    assert_eq!(q["error"], "access_denied");
    assert!(q["error_description"].starts_with("AADSTS65004"));
    // v1 (no scope): the admin's cancel reads permission_denied.
    let mut v1 = url::Url::parse(&format!("{}/{TENANT}/adminconsent", emu.base_url)).unwrap();
    v1.query_pairs_mut()
        .append_pair("client_id", CLIENT)
        .append_pair("redirect_uri", "http://localhost:9/")
        .append_pair("state", "adm-3");
    let r = sign_in(
        &http,
        v1.as_str(),
        "admin@musterfirma.de",
        state::DEMO_PASSWORD,
        "cancel",
    )
    .await;
    assert_eq!(query_of(&location(&r))["error"], "permission_denied");
    let r = sign_in(
        &http,
        v1.as_str(),
        "admin@musterfirma.de",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    let q = query_of(&location(&r));
    assert_eq!(q["admin_consent"], "True");
    assert!(!q.contains_key("scope"));
}
