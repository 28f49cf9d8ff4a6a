//! App registrations through Graph (issue 13 §4): signed in through Microsoft Graph Command Line
//! Tools with `Application.ReadWrite.All`, an administrator creates an application, its service
//! principal and a secret; the new app gets tokens with it, loses them with the secret and with
//! the application; Graph's refusals where Microsoft refuses.

use super::*;
use reqwest::Method;
use serde_json::Value;
use state::GRAPH_CLI_TOOLS_ID;

const ADMIN: &str = "admin@musterfirma.de";
const SCOPES: &str = "openid offline_access https://graph.microsoft.com/Application.ReadWrite.All";

/// The delegated token of `user` through the command-line tools app, or the authorize answer's
/// query when the sign-in was refused.
pub(super) async fn cli_tools_token(
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
    let answer: serde_json::Value = redeem_for(
        http,
        base,
        (GRAPH_CLI_TOOLS_ID, SCOPES),
        code,
        redirect_uri,
        &verifier,
    )
    .await
    .json()
    .await
    .unwrap();
    Ok(answer["access_token"].as_str().expect("a token").to_owned())
}

/// Graph as a signed-in caller.
struct Api<'a> {
    http: &'a reqwest::Client,
    token: &'a str,
}

impl Api<'_> {
    /// The status and JSON of a request with the caller's token.
    async fn send(&self, method: Method, url: String, body: Option<Value>) -> (u16, Value) {
        let mut r = self.http.request(method, url).bearer_auth(self.token);
        if let Some(b) = body {
            r = r.json(&b);
        }
        let r = r.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or_default())
    }
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
    let r = app_token_for(http, base, app_id, secret).await;
    (r.status().as_u16(), r.json().await.unwrap())
}

/// The status and AADSTS code of client credentials that are refused.
async fn refused(http: &reqwest::Client, base: &str, app_id: &str, secret: &str) -> (u16, u64) {
    let (status, t) = client_credentials(http, base, app_id, secret).await;
    let code = t["error_codes"][0].as_u64();
    (status, code.unwrap_or_else(|| panic!("not refused: {t}")))
}

#[tokio::test]
async fn an_administrator_creates_an_app_with_a_secret_and_removes_it() {
    let emu = start(World::demo()).await;
    let (http, base) = (client(), emu.base_url.clone());
    let token = cli_tools_token(&http, &base, ADMIN).await.unwrap();
    let api = Api {
        http: &http,
        token: &token,
    };
    let (status, app) = api
        .send(
            Method::POST,
            format!("{base}/v1.0/applications"),
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

    let (status, sp) = api
        .send(
            Method::POST,
            format!("{base}/v1.0/servicePrincipals"),
            Some(serde_json::json!({ "appId": app_id })),
        )
        .await;
    assert_eq!(status, 201, "{sp}");
    let (status, again) = api
        .send(
            Method::POST,
            format!("{base}/v1.0/servicePrincipals"),
            Some(serde_json::json!({ "appId": app_id })),
        )
        .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (409, Some("Request_MultipleObjectsWithSameKeyValue"))
    );

    let end = (chrono::Utc::now() + chrono::Duration::days(180)).to_rfc3339();
    let body = serde_json::json!({ "passwordCredential": { "displayName": "UCServer", "endDateTime": end } });
    let (status, pw) = api
        .send(
            Method::POST,
            format!("{base}/v1.0/applications/{object_id}/addPassword"),
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
    let (_, listed) = api
        .send(
            Method::GET,
            format!("{base}/v1.0/applications/{object_id}"),
            None,
        )
        .await;
    assert_eq!(
        listed["passwordCredentials"][0]["secretText"],
        serde_json::Value::Null,
        "never listed"
    );

    let body = serde_json::json!({ "keyId": pw["keyId"] });
    let (status, _) = api
        .send(
            Method::POST,
            format!("{base}/v1.0/applications/{object_id}/removePassword"),
            Some(body),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        refused(&http, &base, &app_id, &secret).await,
        (401, 7000215)
    );

    let (status, _) = api
        .send(
            Method::DELETE,
            format!("{base}/v1.0/applications/{object_id}"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(refused(&http, &base, &app_id, &secret).await, (400, 700016));
    let (status, _) = api
        .send(
            Method::GET,
            format!("{base}/v1.0/applications/{object_id}"),
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

    // A user may not consent to Application.ReadWrite.All for the command-line tools.
    let refused = cli_tools_token(&http, &base, "max.mustermann@musterfirma.de")
        .await
        .unwrap_err();
    assert_eq!(refused["error"], "access_denied");

    // The pane's own token holds no Application.ReadWrite.All.
    let own = user_consent(&http, &base, ADMIN).await;
    let (status, e) = Api {
        http: &http,
        token: own["access_token"].as_str().unwrap(),
    }
    .send(Method::POST, url.clone(), Some(manifest("x")))
    .await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (403, Some("Authorization_RequestDenied"))
    );

    let token = cli_tools_token(&http, &base, ADMIN).await.unwrap();
    let api = Api {
        http: &http,
        token: &token,
    };
    let mut bad = manifest("x");
    bad["requiredResourceAccess"][0]["resourceAccess"][0]["id"] =
        "00000000-0000-0000-0000-000000000001".into();
    let (status, _) = api.send(Method::POST, url.clone(), Some(bad)).await;
    assert_eq!(status, 400, "an unknown permission id");
    let (status, _) = api
        .send(Method::POST, url.clone(), Some(manifest(" ")))
        .await;
    assert_eq!(status, 400, "no display name");

    let faults = Faults {
        admin_lacks_role: true,
        ..Faults::default()
    };
    emu.shared.set_faults(faults);
    let (status, e) = api
        .send(Method::POST, url.clone(), Some(manifest("x")))
        .await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (403, Some("Authorization_RequestDenied"))
    );
    emu.shared.set_faults(Faults {
        users_cannot_register_apps: true,
        ..Faults::default()
    });
    let (status, _) = api.send(Method::POST, url, Some(manifest("x"))).await;
    assert_eq!(status, 201, "an administrator still may");
}

#[tokio::test]
async fn a_single_tenant_app_is_unknown_in_other_tenants() {
    let emu = start(World::generated(3)).await;
    let (http, base) = (client(), emu.base_url.clone());
    let token = cli_tools_token(&http, &base, ADMIN).await.unwrap();
    let api = Api {
        http: &http,
        token: &token,
    };
    let (_, app) = api
        .send(
            Method::POST,
            format!("{base}/v1.0/applications"),
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
