//! Where the emulator must answer as Microsoft does, so that the pane learns no wrong habits
//! (issue 12 §8, in part): token answers are never cached, a Graph 401 names its scheme, presence
//! has `workLocation`, discovery names only endpoints that exist, a crafted Host header gets an
//! answer, not a panic.

use super::*;

#[tokio::test]
async fn token_answers_say_no_store_on_success_and_error() {
    let emu = start(World::demo()).await;
    let url = format!("{}/{TENANT}/oauth2/v2.0/token", emu.base_url);
    let refused = client()
        .post(&url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT),
            ("refresh_token", "nope"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    let secret = state::DEMO_CLIENT_SECRET;
    let scope = "https://graph.microsoft.com/.default";
    let given = client()
        .post(&url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT),
            ("client_secret", secret),
            ("scope", scope),
        ])
        .send()
        .await
        .unwrap();
    for r in [&refused, &given] {
        assert_eq!(r.headers()["cache-control"], "no-store", "{:?}", r.status());
        assert_eq!(r.headers()["pragma"], "no-cache");
    }
}

#[tokio::test]
async fn graph_401_names_bearer_and_presence_has_work_location() {
    let emu = start(World::demo()).await;
    let r = client()
        .get(format!("{}/v1.0/me/presence", emu.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let challenge = r.headers()["www-authenticate"].to_str().unwrap().to_owned();
    assert!(challenge.starts_with("Bearer "), "{challenge}");
    assert!(challenge.contains("authorization_uri="), "{challenge}");
    let token = emu
        .shared
        .delegated_token("max.mustermann@musterfirma.de", "Presence.Read.All");
    let p: serde_json::Value = client()
        .get(format!("{}/v1.0/me/presence", emu.base_url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(p["workLocation"]["workLocationType"].is_string(), "{p}");
}

#[tokio::test]
async fn discovery_names_only_endpoints_that_answer() {
    let emu = start(World::demo()).await;
    let doc: serde_json::Value = client()
        .get(format!(
            "{}/{TENANT}/v2.0/.well-known/openid-configuration",
            emu.base_url
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for key in [
        "userinfo_endpoint",
        "device_authorization_endpoint",
        "end_session_endpoint",
    ] {
        assert!(doc.get(key).is_none(), "{key} is listed");
    }
    for key in ["authorization_endpoint", "token_endpoint", "jwks_uri"] {
        let url = doc[key].as_str().unwrap();
        let r = client().get(url).send().await.unwrap();
        assert_ne!(r.status(), 404, "{key}: {url}");
    }
}

#[tokio::test]
async fn a_crafted_host_header_gets_an_answer_not_a_panic() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let emu = start(World::demo()).await;
    let token = emu
        .shared
        .delegated_token("max.mustermann@musterfirma.de", "User.ReadBasic.All");
    let addr = emu.base_url.trim_start_matches("http://").to_owned();
    for host in ["a b", "evil.example/x?y", "[::1"] {
        let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        let request = format!(
            "GET /v1.0/users?$top=1 HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
        );
        s.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 "), "{host}: {answer:?}");
        assert!(!answer.contains(host), "{host} echoed: {answer}");
    }
}

#[test]
fn a_remote_listen_address_needs_allow_remote() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_entra-emulator"))
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--allow-remote"));
}

#[tokio::test]
async fn single_objects_and_presence_carry_odata_context() {
    let emu = start(World::demo()).await;
    let token = emu.shared.delegated_token(
        "max.mustermann@musterfirma.de",
        "Presence.Read.All User.Read",
    );
    let get = |path: &str| {
        client()
            .get(format!("{}{path}", emu.base_url))
            .bearer_auth(&token)
            .send()
    };
    let me: serde_json::Value = get("/v1.0/me").await.unwrap().json().await.unwrap();
    assert!(
        me["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("$metadata#users/$entity")
    );
    let p: serde_json::Value = get("/v1.0/me/presence")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        p["@odata.context"]
            .as_str()
            .unwrap()
            .contains("/presence/$entity"),
        "{p}"
    );
    let id = me["id"].as_str().unwrap();
    let batch: serde_json::Value = client()
        .post(format!(
            "{}/v1.0/communications/getPresencesByUserId",
            emu.base_url
        ))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "ids": [id] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        batch["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("$metadata#Collection(microsoft.graph.presence)"),
        "{batch}"
    );
}

/// A token whose signature does not match is refused as such, not as "expired".
#[tokio::test]
async fn a_bad_signature_is_not_reported_as_expired() {
    let emu = start(World::demo()).await;
    let token = emu
        .shared
        .delegated_token("max.mustermann@musterfirma.de", "User.Read");
    let (head, _) = token.rsplit_once('.').unwrap();
    let forged = format!("{head}.AAAA");
    let r: serde_json::Value = client()
        .get(format!("{}/v1.0/me", emu.base_url))
        .bearer_auth(forged)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let message = r["error"]["message"].as_str().unwrap();
    assert!(message.contains("signature"), "{message}");
    assert!(!message.contains("expired"), "{message}");
}

/// client_secret_basic, which the discovery advertises, is accepted.
#[tokio::test]
async fn client_secret_basic_is_accepted() {
    let emu = start(World::demo()).await;
    let r = client()
        .post(format!("{}/{TENANT}/oauth2/v2.0/token", emu.base_url))
        .basic_auth(CLIENT, Some(state::DEMO_CLIENT_SECRET))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status();
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body["access_token"].is_string());
}

/// The `state` of an authorize answer, and the status of redeeming its `code`.
async fn redeemed(
    http: &reqwest::Client,
    base: &str,
    answer: &HashMap<String, String>,
    redirect_uri: &str,
    verifier: &str,
) -> (String, u16) {
    let r = redeem(http, base, &answer["code"], redirect_uri, verifier).await;
    (answer["state"].clone(), r.status().as_u16())
}

/// The authorize URL of `authorize_url` with another `response_mode`.
fn with_mode(url: &str, mode: &str) -> String {
    url.replace("response_mode=query", &format!("response_mode={mode}"))
}

#[tokio::test]
async fn response_mode_fragment_and_form_post_answer_as_asked() {
    let emu = start(World::demo()).await;
    let http = client();
    let redirect_uri = "http://localhost:50123/";
    let user = "max.mustermann@musterfirma.de";

    let (verifier, challenge) = pkce();
    let url = with_mode(
        &authorize_url(&emu.base_url, redirect_uri, &challenge, USER_SCOPES),
        "fragment",
    );
    let to = location(&sign_in(&http, &url, user, state::DEMO_PASSWORD, "accept").await);
    let to = url::Url::parse(&to).unwrap();
    assert_eq!(
        to.query(),
        None,
        "fragment mode puts nothing in the query: {to}"
    );
    let answer: HashMap<String, String> =
        url::form_urlencoded::parse(to.fragment().unwrap().as_bytes())
            .into_owned()
            .collect();
    assert_eq!(
        redeemed(&http, &emu.base_url, &answer, redirect_uri, &verifier).await,
        ("st-123".to_owned(), 200),
        "the code from the fragment redeems"
    );

    let (verifier, challenge) = pkce();
    let url = with_mode(
        &authorize_url(&emu.base_url, redirect_uri, &challenge, USER_SCOPES),
        "form_post",
    );
    let page = sign_in(&http, &url, user, state::DEMO_PASSWORD, "accept").await;
    assert_eq!(
        page.status(),
        200,
        "form_post answers with a page, not a redirect"
    );
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!(
            "method=\"POST\" name=\"hiddenform\" action=\"{redirect_uri}\""
        )),
        "{html}"
    );
    assert!(html.contains("document.forms[0].submit()"), "{html}");
    let answer: HashMap<String, String> = hidden_fields(&html).into_iter().collect();
    assert_eq!(
        redeemed(&http, &emu.base_url, &answer, redirect_uri, &verifier).await,
        ("st-123".to_owned(), 200),
        "the posted code redeems"
    );

    // A refusal comes back the same way.
    let (_, challenge) = pkce();
    let url = with_mode(
        &authorize_url(&emu.base_url, redirect_uri, &challenge, USER_SCOPES),
        "fragment",
    );
    let to = location(&sign_in(&http, &url, user, state::DEMO_PASSWORD, "cancel").await);
    let fragment = url::Url::parse(&to).unwrap().fragment().unwrap().to_owned();
    assert!(fragment.starts_with("error=access_denied"), "{fragment}");

    let url = with_mode(
        &authorize_url(&emu.base_url, redirect_uri, &challenge, USER_SCOPES),
        "carrier_pigeon",
    );
    let r = http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 400, "an unknown mode stays on Microsoft's page");
    assert!(r.text().await.unwrap().contains("response_mode"));
}

#[tokio::test]
async fn graph_tokens_are_v1_id_tokens_v2_and_app_tokens_name_the_service_principal() {
    let emu = start(World::demo()).await;
    let http = client();
    let tokens = user_consent(&http, &emu.base_url, "max.mustermann@musterfirma.de").await;
    let access = claims(tokens["access_token"].as_str().unwrap());
    let tid = state::DEMO_TENANT_ID;
    assert_eq!(access["iss"], format!("https://sts.windows.net/{tid}/"));
    assert_eq!(access["ver"], "1.0");
    assert_eq!(access["upn"], "max.mustermann@musterfirma.de");
    assert_eq!(access["unique_name"], "max.mustermann@musterfirma.de");
    assert_eq!(access["appid"], CLIENT);
    assert!(access.get("preferred_username").is_none(), "{access}");
    assert!(access.get("azp").is_none(), "{access}");
    let id = claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(id["ver"], "2.0");
    assert_eq!(id["iss"], format!("{}/{tid}/v2.0", emu.base_url));
    assert_eq!(id["preferred_username"], "max.mustermann@musterfirma.de");

    let first: serde_json::Value = app_token(&http, &emu.base_url).await.json().await.unwrap();
    let second: serde_json::Value = app_token(&http, &emu.base_url).await.json().await.unwrap();
    let (a, b) = (
        claims(first["access_token"].as_str().unwrap()),
        claims(second["access_token"].as_str().unwrap()),
    );
    assert_eq!(a["ver"], "1.0");
    assert_eq!(a["appid"], CLIENT);
    assert_ne!(
        a["oid"], CLIENT,
        "oid is the service principal, not the app"
    );
    assert!(uuid::Uuid::parse_str(a["oid"].as_str().unwrap()).is_ok());
    assert_eq!(a["oid"], a["sub"]);
    assert_eq!(a["oid"], b["oid"], "one service principal per tenant");
}
