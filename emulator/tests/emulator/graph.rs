//! Graph: users with paging, `$select` and `$filter`; presence read, batch read, set, clear,
//! preferred presence and precedence; permissions and Graph's error shape.

use super::*;

async fn user_token(http: &reqwest::Client, base: &str) -> String {
    user_consent(http, base, "max.mustermann@musterfirma.de").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn consented_app_token(http: &reqwest::Client, base: &str) -> String {
    admin_consent(http, base).await;
    let t: serde_json::Value = app_token(http, base).await.json().await.unwrap();
    t["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn me_and_users_with_select_filter_and_errors() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    let token = user_token(&http, base).await;
    let me: serde_json::Value = http
        .get(format!("{base}/v1.0/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["userPrincipalName"], "max.mustermann@musterfirma.de");
    let r: serde_json::Value = http
        .get(format!("{base}/v1.0/users"))
        .query(&[
            (
                "$select",
                "id,userPrincipalName,mail,displayName,accountEnabled",
            ),
            (
                "$filter",
                "userPrincipalName eq 'sophie.wagner@musterfirma.de'",
            ),
        ])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let v = r["value"].as_array().unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["userPrincipalName"], "Sophie.Wagner@musterfirma.de");
    assert_eq!(
        v[0].as_object().unwrap().len(),
        5,
        "only the selected properties"
    );
    let by_upn: serde_json::Value = http
        .get(format!("{base}/v1.0/users/lena.frisch@musterfirma.de"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let by_id: serde_json::Value = http
        .get(format!(
            "{base}/v1.0/users/{}",
            by_upn["id"].as_str().unwrap()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(by_upn, by_id);

    let r = http
        .get(format!("{base}/v1.0/users/nobody@musterfirma.de"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["error"]["code"], "Request_ResourceNotFound");
    for key in ["date", "request-id", "client-request-id"] {
        assert!(e["error"]["innerError"][key].is_string(), "{key}");
    }
    let r = http
        .get(format!("{base}/v1.0/users"))
        .query(&[("$top", "1000")])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = http.get(format!("{base}/v1.0/users")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["error"]["code"],
        "InvalidAuthenticationToken"
    );
}

#[tokio::test]
async fn paging_follows_next_links_in_ceil_n_over_999_requests() {
    let n = 2500;
    let emu = start(World::generated(n)).await;
    let http = client();
    let base = &emu.base_url;
    // Sign in as the generated tenant's administrator (user000000).
    let lb = Loopback::start().await;
    let (verifier, challenge) = pkce();
    let url = authorize_url(base, &lb.redirect_uri(), &challenge, USER_SCOPES)
        .replace(TENANT, "bigcorp.example");
    let r = sign_in(
        &http,
        &url,
        "user000000@bigcorp.example",
        state::DEMO_PASSWORD,
        "accept",
    )
    .await;
    let code = query_of(&location(&r))["code"].clone();
    let tokens: serde_json::Value = http
        .post(format!("{base}/bigcorp.example/oauth2/v2.0/token"))
        .form(&[
            ("client_id", CLIENT),
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", lb.redirect_uri().as_str()),
            ("code_verifier", verifier.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = tokens["access_token"].as_str().unwrap();
    let mut next = Some(format!(
        "{base}/v1.0/users?$select=id,userPrincipalName&$top=999"
    ));
    let (mut requests, mut seen) = (0, std::collections::HashSet::new());
    while let Some(url) = next {
        let page: serde_json::Value = http
            .get(&url)
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        requests += 1;
        for u in page["value"].as_array().unwrap() {
            assert!(
                seen.insert(u["id"].as_str().unwrap().to_owned()),
                "a user twice"
            );
        }
        next = page["@odata.nextLink"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len(), n);
    assert_eq!(requests, n.div_ceil(999));
}

#[tokio::test]
async fn presence_precedence_preferred_clear_and_batch_limits() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    let app = consented_app_token(&http, base).await;
    let user = user_token(&http, base).await;
    let max = "max.mustermann@musterfirma.de";
    let presence = |who: &str| {
        let (http, base, user) = (http.clone(), base.clone(), user.clone());
        let who = who.to_owned();
        async move {
            http.get(format!("{base}/v1.0/users/{who}/presence"))
                .bearer_auth(&user)
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(presence(max).await["availability"], "Offline");
    let set = |body: serde_json::Value, action: &str| {
        http.post(format!("{base}/v1.0/users/{max}/presence/{action}"))
            .bearer_auth(&app)
            .json(&body)
            .send()
    };
    let r = set(serde_json::json!({"sessionId": CLIENT, "availability": "Busy", "activity": "InACall", "expirationDuration": "PT1H"}), "setPresence").await.unwrap();
    assert_eq!(r.status(), 200);
    let p = presence(max).await;
    assert_eq!(
        (p["availability"].as_str(), p["activity"].as_str()),
        (Some("Busy"), Some("InACall"))
    );
    // Not a documented pair.
    let r = set(
        serde_json::json!({"sessionId": CLIENT, "availability": "Busy", "activity": "Away"}),
        "setPresence",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 400);
    // The user's own choice beats the app's session.
    set(
        serde_json::json!({"availability": "DoNotDisturb", "activity": "DoNotDisturb"}),
        "setUserPreferredPresence",
    )
    .await
    .unwrap();
    assert_eq!(presence(max).await["availability"], "DoNotDisturb");
    // Batch read of the same user.
    let id = presence(max).await["id"].as_str().unwrap().to_owned();
    let batch: serde_json::Value = http
        .post(format!("{base}/v1.0/communications/getPresencesByUserId"))
        .bearer_auth(&user)
        .json(&serde_json::json!({"ids": [id]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(batch["value"][0]["availability"], "DoNotDisturb");
    let too_many: Vec<String> = (0..651).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let r = http
        .post(format!("{base}/v1.0/communications/getPresencesByUserId"))
        .bearer_auth(&user)
        .json(&serde_json::json!({"ids": too_many}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // Clearing: the session goes, the user is Offline again; a second clear is 404.
    assert_eq!(
        set(serde_json::json!({"sessionId": CLIENT}), "clearPresence")
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(presence(max).await["availability"], "Offline");
    assert_eq!(
        set(serde_json::json!({"sessionId": CLIENT}), "clearPresence")
            .await
            .unwrap()
            .status(),
        404
    );
    // A delegated user token may not write other users' presence.
    let r = http.post(format!("{base}/v1.0/users/lena.frisch@musterfirma.de/presence/setPresence")).bearer_auth(&user).json(&serde_json::json!({"sessionId": CLIENT, "availability": "Available", "activity": "Available"})).send().await.unwrap();
    assert_eq!(r.status(), 403);
}

/// `$count=true` is an advanced query: refused without `ConsistencyLevel: eventual`, and with it
/// the total stands on the first page only.
#[tokio::test]
async fn count_needs_eventual_consistency_and_stands_on_the_first_page() {
    let emu = start(World::demo()).await;
    let http = client();
    let base = &emu.base_url;
    let token = user_token(&http, base).await;
    let url = format!("{base}/v1.0/users?$top=5&$count=true");
    let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let first: serde_json::Value = http
        .get(&url)
        .header("ConsistencyLevel", "eventual")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(first["@odata.count"], 9, "the demo tenant's accounts");
    let next = first["@odata.nextLink"].as_str().unwrap();
    assert!(next.contains("%24count=true"), "{next}");
    let second: serde_json::Value = http
        .get(next)
        .header("ConsistencyLevel", "eventual")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(second.get("@odata.count").is_none());
    assert_eq!(second["value"].as_array().unwrap().len(), 4);
}
