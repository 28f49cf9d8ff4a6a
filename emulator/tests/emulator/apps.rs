//! App registrations through Graph (issue 13 §4): signed in through Microsoft Graph Command Line
//! Tools with `Application.ReadWrite.All`, an administrator creates an application, its service
//! principal and a secret; the new app gets tokens with it, loses them with the secret and with
//! the application; Graph's refusals where Microsoft refuses.

use super::*;
use state::GRAPH_CLI_TOOLS_ID;

const ADMIN: &str = "admin@musterfirma.de";
const SCOPES: &str = "openid offline_access https://graph.microsoft.com/Application.ReadWrite.All";

/// The delegated token of `user` through the command-line tools app, or the authorize answer's
/// query when the sign-in was refused.
async fn cli_tools_token(
    http: &reqwest::Client,
    base: &str,
    user: &str,
) -> Result<String, HashMap<String, String>> {
    let (verifier, challenge) = pkce();
    let redirect_uri = "http://localhost:50124/";
    let url =
        authorize_url(base, redirect_uri, &challenge, SCOPES).replace(CLIENT, GRAPH_CLI_TOOLS_ID);
    let q = query_of(&location(
        &sign_in(http, &url, user, state::DEMO_PASSWORD, "accept").await,
    ));
    let Some(code) = q.get("code") else {
        return Err(q);
    };
    let answer: serde_json::Value = http
        .post(format!("{base}/{TENANT}/oauth2/v2.0/token"))
        .form(&[
            ("client_id", GRAPH_CLI_TOOLS_ID),
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", &verifier),
            ("scope", SCOPES),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Ok(answer["access_token"].as_str().expect("a token").to_owned())
}

async fn graph(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut r = http.request(method, url).bearer_auth(token);
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or_default())
}

fn manifest(name: &str) -> serde_json::Value {
    serde_json::json!({
        "displayName": name,
        "signInAudience": "AzureADMyOrg",
        "publicClient": { "redirectUris": ["http://localhost"] },
        "requiredResourceAccess": [{
            "resourceAppId": "00000003-0000-0000-c000-000000000000",
            "resourceAccess": [
                { "id": "9c7a330d-35b3-4aa1-963d-cb2b9f927841", "type": "Scope" },
                { "id": "83cded22-8297-4ff6-a7fa-e97e9545a259", "type": "Role" }
            ]
        }]
    })
}

async fn client_credentials(
    http: &reqwest::Client,
    base: &str,
    app_id: &str,
    secret: &str,
) -> (u16, serde_json::Value) {
    let r = http
        .post(format!("{base}/{TENANT}/oauth2/v2.0/token"))
        .form(&[
            ("client_id", app_id),
            ("grant_type", "client_credentials"),
            ("client_secret", secret),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn an_administrator_creates_an_app_with_a_secret_and_removes_it() {
    let emu = start(World::demo()).await;
    let (http, base) = (client(), emu.base_url.clone());
    let token = cli_tools_token(&http, &base, ADMIN).await.unwrap();
    let post = reqwest::Method::POST;

    let (status, app) = graph(
        &http,
        post.clone(),
        format!("{base}/v1.0/applications"),
        &token,
        Some(manifest("ProCall Präsenz")),
    )
    .await;
    assert_eq!(status, 201, "{app}");
    assert_eq!(app["displayName"], "ProCall Präsenz");
    assert!(
        app["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("$metadata#applications/$entity")
    );
    assert_eq!(
        app["requiredResourceAccess"],
        manifest("x")["requiredResourceAccess"]
    );
    let (object_id, app_id) = (
        app["id"].as_str().unwrap().to_owned(),
        app["appId"].as_str().unwrap().to_owned(),
    );
    assert_ne!(object_id, app_id, "the object id is not the client id");

    let (status, sp) = graph(
        &http,
        post.clone(),
        format!("{base}/v1.0/servicePrincipals"),
        &token,
        Some(serde_json::json!({ "appId": app_id })),
    )
    .await;
    assert_eq!(status, 201, "{sp}");
    let (status, again) = graph(
        &http,
        post.clone(),
        format!("{base}/v1.0/servicePrincipals"),
        &token,
        Some(serde_json::json!({ "appId": app_id })),
    )
    .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (409, Some("Request_MultipleObjectsWithSameKeyValue"))
    );

    let end = (chrono::Utc::now() + chrono::Duration::days(180)).to_rfc3339();
    let body = serde_json::json!({ "passwordCredential": { "displayName": "UCServer", "endDateTime": end } });
    let (status, pw) = graph(
        &http,
        post.clone(),
        format!("{base}/v1.0/applications/{object_id}/addPassword"),
        &token,
        Some(body),
    )
    .await;
    assert_eq!(status, 200, "{pw}");
    let secret = pw["secretText"].as_str().unwrap().to_owned();
    assert_eq!(pw["displayName"], "UCServer");
    assert_eq!(pw["hint"], secret[..3]);

    // The new app's token names its service principal; roles come with the admin consent.
    let (status, t) = client_credentials(&http, &base, &app_id, &secret).await;
    assert_eq!(status, 200, "{t}");
    assert_eq!(claims(t["access_token"].as_str().unwrap())["oid"], sp["id"]);
    let (_, listed) = graph(
        &http,
        reqwest::Method::GET,
        format!("{base}/v1.0/applications/{object_id}"),
        &token,
        None,
    )
    .await;
    assert_eq!(
        listed["passwordCredentials"][0]["secretText"],
        serde_json::Value::Null,
        "never listed"
    );

    let body = serde_json::json!({ "keyId": pw["keyId"] });
    let (status, _) = graph(
        &http,
        post.clone(),
        format!("{base}/v1.0/applications/{object_id}/removePassword"),
        &token,
        Some(body),
    )
    .await;
    assert_eq!(status, 204);
    let (status, t) = client_credentials(&http, &base, &app_id, &secret).await;
    assert_eq!(
        (status, t["error_codes"][0].as_u64()),
        (401, Some(7000215)),
        "{t}"
    );

    let (status, _) = graph(
        &http,
        reqwest::Method::DELETE,
        format!("{base}/v1.0/applications/{object_id}"),
        &token,
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, t) = client_credentials(&http, &base, &app_id, &secret).await;
    assert_eq!(
        (status, t["error_codes"][0].as_u64()),
        (400, Some(700016)),
        "{t}"
    );
    let (status, _) = graph(
        &http,
        reqwest::Method::GET,
        format!("{base}/v1.0/applications/{object_id}"),
        &token,
        None,
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn graph_refuses_what_microsoft_refuses() {
    let emu = start(World::demo()).await;
    let (http, base) = (client(), emu.base_url.clone());
    let url = format!("{base}/v1.0/applications");
    let post = reqwest::Method::POST;

    // A user may not consent to Application.ReadWrite.All for the command-line tools.
    let refused = cli_tools_token(&http, &base, "max.mustermann@musterfirma.de")
        .await
        .unwrap_err();
    assert_eq!(refused["error"], "access_denied");

    // The pane's own token holds no Application.ReadWrite.All.
    let own = user_consent(&http, &base, ADMIN).await;
    let (status, e) = graph(
        &http,
        post.clone(),
        url.clone(),
        own["access_token"].as_str().unwrap(),
        Some(manifest("x")),
    )
    .await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (403, Some("Authorization_RequestDenied"))
    );

    let token = cli_tools_token(&http, &base, ADMIN).await.unwrap();
    let mut bad = manifest("x");
    bad["requiredResourceAccess"][0]["resourceAccess"][0]["id"] =
        "00000000-0000-0000-0000-000000000001".into();
    let (status, _) = graph(&http, post.clone(), url.clone(), &token, Some(bad)).await;
    assert_eq!(status, 400, "an unknown permission id");
    let (status, _) = graph(
        &http,
        post.clone(),
        url.clone(),
        &token,
        Some(manifest(" ")),
    )
    .await;
    assert_eq!(status, 400, "no display name");

    let faults = Faults {
        admin_lacks_role: true,
        ..Faults::default()
    };
    emu.shared.set_faults(faults);
    let (status, e) = graph(
        &http,
        post.clone(),
        url.clone(),
        &token,
        Some(manifest("x")),
    )
    .await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (403, Some("Authorization_RequestDenied"))
    );
    emu.shared.set_faults(Faults {
        users_cannot_register_apps: true,
        ..Faults::default()
    });
    let (status, _) = graph(&http, post, url, &token, Some(manifest("x"))).await;
    assert_eq!(status, 201, "an administrator still may");
}

#[tokio::test]
async fn a_single_tenant_app_is_unknown_in_other_tenants() {
    let emu = start(World::generated(3)).await;
    let (http, base) = (client(), emu.base_url.clone());
    let token = cli_tools_token(&http, &base, ADMIN).await.unwrap();
    let (_, app) = graph(
        &http,
        reqwest::Method::POST,
        format!("{base}/v1.0/applications"),
        &token,
        Some(manifest("x")),
    )
    .await;
    let app_id = app["appId"].as_str().unwrap();
    let r = http
        .get(format!("{base}/bigcorp.example/oauth2/v2.0/authorize?client_id={app_id}&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A1%2F&scope=openid"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("700016"));
}
