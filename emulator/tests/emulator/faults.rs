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

/// Issue 38 §3: a latency with jitter, the user listing's page time growing with `$top`, and
/// Microsoft's throttle of Graph (a sliding window per app and tenant) answering 429 with the
/// seconds until the oldest request leaves the window.
#[tokio::test]
async fn latency_with_jitter_page_time_by_top_and_microsofts_throttle_window() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    let token = emu
        .shared
        .delegated_token("max.mustermann@musterfirma.de", "User.ReadBasic.All");
    let timed = |url: String| {
        let (http, token) = (http.clone(), token.clone());
        async move {
            let t = std::time::Instant::now();
            let r = http.get(url).bearer_auth(&token).send().await.unwrap();
            (
                r.status().as_u16(),
                t.elapsed(),
                r.headers().get("retry-after").cloned(),
            )
        }
    };
    let ms = std::time::Duration::from_millis;
    set_faults(
        &http,
        base,
        serde_json::json!({"latencyMs": 100, "latencyJitterMs": 100}),
    )
    .await;
    let mut took = Vec::new();
    for _ in 0..6 {
        let (status, t, _) = timed(format!("{base}/v1.0/me")).await;
        assert_eq!(status, 200);
        assert!(t >= ms(100), "{t:?}");
        took.push(t);
    }
    assert!(
        took.iter().any(|t| *t < ms(400)),
        "jitter is at most 100 ms: {took:?}"
    );

    set_faults(&http, base, serde_json::json!({"usersPageMsPer100": 100})).await;
    let (status, small, _) = timed(format!("{base}/v1.0/users?$top=10")).await;
    assert_eq!(status, 200);
    let (status, large, _) = timed(format!("{base}/v1.0/users?$top=999")).await;
    assert_eq!(status, 200);
    assert!(large >= ms(999), "{large:?}");
    assert!(small < ms(900), "{small:?}");

    set_faults(
        &http,
        base,
        serde_json::json!({"graphThrottle": {"requests": 3, "seconds": 30}}),
    )
    .await;
    for _ in 0..3 {
        assert_eq!(timed(format!("{base}/v1.0/me")).await.0, 200);
    }
    let (status, _, retry_after) = timed(format!("{base}/v1.0/me")).await;
    assert_eq!(status, 429, "the fourth in 30 s");
    let secs: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
    assert!((29..=31).contains(&secs), "{secs}");
    // Another user of the same app and tenant: the same window (Microsoft counts per app and
    // tenant, not per user).
    let other = emu
        .shared
        .delegated_token("lena.frisch@musterfirma.de", "User.ReadBasic.All");
    let r = http
        .get(format!("{base}/v1.0/me"))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429, "same app and tenant: the same window");
}

/// Issue 38 §1: `users/delta` — the initial round to its delta link, `$deltatoken=latest`, a
/// round naming what changed and what was removed, `syncStateNotFound` for a refused link, and
/// 403 without `User.Read.All`.
#[tokio::test]
async fn users_delta_rounds_changes_removals_and_a_lost_sync_state() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    let get = |url: String, token: String| {
        let http = http.clone();
        async move {
            let r = http.get(url).bearer_auth(token).send().await.unwrap();
            let status = r.status().as_u16();
            (status, r.json::<serde_json::Value>().await.unwrap())
        }
    };
    let basic = emu
        .shared
        .delegated_token("max.mustermann@musterfirma.de", "User.ReadBasic.All");
    let (status, _) = get(format!("{base}/v1.0/users/delta"), basic).await;
    assert_eq!(status, 403);
    let token = emu
        .shared
        .delegated_token("max.mustermann@musterfirma.de", "User.Read.All");
    let tenant = emu.shared.world().tenant(TENANT).unwrap().id;
    let in_tenant = emu
        .shared
        .world()
        .users
        .iter()
        .filter(|u| u.tenant == tenant)
        .count();
    // The initial round, page by page.
    let mut url = format!("{base}/v1.0/users/delta?$select=id,displayName");
    let mut seen = 0;
    let delta_link = loop {
        let (status, page) = get(url.clone(), token.clone()).await;
        assert_eq!(status, 200, "{page}");
        seen += page["value"].as_array().unwrap().len();
        if let Some(next) = page["@odata.nextLink"].as_str() {
            url = next.to_owned();
            continue;
        }
        break page["@odata.deltaLink"].as_str().unwrap().to_owned();
    };
    assert_eq!(seen, in_tenant);
    let (_, latest) = get(
        format!("{base}/v1.0/users/delta?$deltatoken=latest"),
        token.clone(),
    )
    .await;
    assert_eq!(latest["value"], serde_json::json!([]));
    assert!(latest["@odata.deltaLink"].is_string());
    // Nothing changed: nothing named.
    let (_, none) = get(delta_link.clone(), token.clone()).await;
    assert_eq!(none["value"], serde_json::json!([]));
    let (renamed, removed) = {
        let mut w = emu.shared.world();
        let ids: Vec<_> = w
            .users
            .iter()
            .filter(|u| u.tenant == tenant)
            .map(|u| u.id)
            .collect();
        let i = w.user_by_id[&ids[0]];
        w.users[i].display_name = "Neuer Name".into();
        w.touch_user(ids[0]);
        w.remove_user(ids[1]);
        (ids[0].to_string(), ids[1].to_string())
    };
    let (status, changes) = get(delta_link.clone(), token.clone()).await;
    assert_eq!(status, 200);
    let value = changes["value"].as_array().unwrap();
    assert_eq!(value.len(), 2, "{changes}");
    assert_eq!(value[0]["id"], renamed.as_str());
    assert_eq!(value[0]["displayName"], "Neuer Name");
    assert_eq!(value[1]["id"], removed.as_str());
    assert!(value[1]["@removed"].is_object());
    set_faults(
        &http,
        base,
        serde_json::json!({"deltaSyncStateNotFound": true}),
    )
    .await;
    let (status, e) = get(delta_link, token).await;
    assert_eq!(status, 400);
    assert_eq!(e["error"]["code"], "syncStateNotFound");
}
