//! Every Microsoft URL comes from here: the cloud's login host and Graph host.
//!
//! National clouds and the local emulator (the `custom` cloud with loopback URLs) are
//! configuration, not special cases. Facts from Microsoft's national cloud documentation.

use crate::model::config::{Cloud, Settings};

/// The two base URLs the pane talks to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    /// e.g. `https://login.microsoftonline.com`
    pub login: String,
    /// e.g. `https://graph.microsoft.com`
    pub graph: String,
    /// Whether Microsoft offers the presence API in this cloud (not in China, operated by 21Vianet).
    pub presence_api: bool,
}

impl Endpoints {
    /// The endpoints of the configured cloud (custom: the configured base URLs).
    pub fn for_settings(s: &Settings) -> Self {
        let fixed = |login: &str, graph: &str, presence_api| Endpoints {
            login: login.to_owned(),
            graph: graph.to_owned(),
            presence_api,
        };
        match s.cloud {
            Cloud::Global => fixed(
                "https://login.microsoftonline.com",
                "https://graph.microsoft.com",
                true,
            ),
            Cloud::UsGov => fixed(
                "https://login.microsoftonline.us",
                "https://graph.microsoft.us",
                true,
            ),
            Cloud::UsGovDod => fixed(
                "https://login.microsoftonline.us",
                "https://dod-graph.microsoft.us",
                true,
            ),
            Cloud::China => fixed(
                "https://login.chinacloudapi.cn",
                "https://microsoftgraph.chinacloudapi.cn",
                false,
            ),
            Cloud::Custom => Endpoints {
                login: s.custom_login_url.trim_end_matches('/').to_owned(),
                graph: s.custom_graph_url.trim_end_matches('/').to_owned(),
                presence_api: true,
            },
        }
    }

    /// The Graph scope for application permissions, e.g. `https://graph.microsoft.us/.default`.
    pub fn graph_default_scope(&self) -> String {
        format!("{}/.default", self.graph)
    }

    /// A delegated Graph permission as a scope of this cloud, e.g.
    /// `https://graph.microsoft.com/Presence.Read.All`.
    pub fn graph_scope(&self, permission: &str) -> String {
        format!("{}/{permission}", self.graph)
    }

    /// The scopes of "Zustimmung des Benutzers": sign-in, a refresh token, and the three delegated
    /// Graph permissions the pane and the service use (none needs an administrator).
    pub fn user_consent_scopes(&self) -> Vec<String> {
        let mut scopes: Vec<String> = ["openid", "profile", "offline_access"]
            .map(String::from)
            .to_vec();
        scopes.extend(
            ["Presence.Read.All", "User.Read", "User.ReadBasic.All"].map(|p| self.graph_scope(p)),
        );
        scopes
    }

    /// The scopes of a refresh of the user consent: those of [`Self::user_consent_scopes`] the
    /// consent was granted (`granted`, as stored; all where nothing is stored) — a refresh may ask
    /// "equivalent to or a subset of the scopes requested in the original authorization_code
    /// request leg", as MSAL does.
    pub fn refresh_scopes(&self, granted: &[String]) -> Vec<String> {
        let kept = |scope: &String| {
            let permission = scope.rsplit('/').next().unwrap_or(scope);
            granted.is_empty()
                || ["openid", "profile", "offline_access"].contains(&permission)
                || granted.iter().any(|g| g.eq_ignore_ascii_case(permission))
        };
        self.user_consent_scopes()
            .into_iter()
            .filter(kept)
            .collect()
    }

    /// `{login}/{tenant}/oauth2/v2.0/authorize`
    pub fn authorize_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/oauth2/v2.0/authorize", self.login)
    }

    /// `{login}/{tenant}/oauth2/v2.0/token`
    pub fn token_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/oauth2/v2.0/token", self.login)
    }

    /// `{login}/{tenant}/v2.0/.well-known/openid-configuration`: its `issuer` names the tenant's
    /// id, so a verified domain resolves to the tenant it belongs to.
    pub fn openid_configuration_url(&self, tenant: &str) -> String {
        format!(
            "{}/{tenant}/v2.0/.well-known/openid-configuration",
            self.login
        )
    }

    /// The tenant id in an `issuer` of this login host (`{login}/{tid}/v2.0`).
    pub fn tenant_of_issuer<'a>(&self, issuer: &'a str) -> Option<&'a str> {
        issuer
            .strip_prefix(self.login.as_str())?
            .strip_prefix('/')?
            .strip_suffix("/v2.0")
            .filter(|t| !t.is_empty() && !t.contains('/'))
    }

    /// `{login}/{tenant}/v2.0/adminconsent` (the v2 admin consent endpoint; with scope `.default`).
    pub fn admin_consent_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/v2.0/adminconsent", self.login)
    }

    /// A Graph API path, e.g. `graph_url("/v1.0/me")`.
    pub fn graph_url(&self, path: &str) -> String {
        format!("{}{path}", self.graph)
    }

    /// Whether `url` is on this cloud's Graph host (a `@odata.nextLink` must be).
    pub fn is_graph_url(&self, url: &str) -> bool {
        url.strip_prefix(self.graph.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
    }

    /// The first page of the tenant's users: only the fields the preview needs (all readable with
    /// the delegated `User.ReadBasic.All`), 999 a page, Graph's largest, and the total
    /// (`$count=true`, an advanced query: sent with `ConsistencyLevel: eventual`).
    pub fn users_first_page(&self) -> String {
        self.graph_url(
            "/v1.0/users?$select=id,userPrincipalName,mail,displayName&$top=999&$count=true",
        )
    }

    /// `GET /v1.0/users/delta` with `$deltatoken=latest`: no users, a delta link for the state
    /// now, of the four fields the listing reads (needs the delegated `User.Read.All`).
    pub fn users_delta_latest(&self) -> String {
        self.graph_url(
            "/v1.0/users/delta?$select=id,userPrincipalName,mail,displayName&$deltatoken=latest",
        )
    }

    /// `POST /v1.0/communications/getPresencesByUserId` (at most 650 ids a request).
    pub fn presences_by_user_id(&self) -> String {
        self.graph_url("/v1.0/communications/getPresencesByUserId")
    }

    /// The app's page in the Entra admin center (global cloud), for an own app registration.
    pub fn entra_app_page(client_id: &str) -> String {
        format!(
            "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/{client_id}"
        )
    }
}

/// "Microsoft Graph Command Line Tools", the app `Connect-MgGraph` signs in through: a public
/// client Microsoft provides in every tenant, with `http://localhost` among its redirect URIs.
/// "App-Registrierung anlegen" signs the administrator in through it.
pub const GRAPH_CLI_TOOLS_APP_ID: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

/// The delegated permission that lets the signed-in administrator create and change app
/// registrations (an administrator may consent to it for their own account).
pub const APPLICATION_READWRITE_ALL: Permission = Permission {
    name: "Application.ReadWrite.All",
    kind: "Scope",
    id: "bdfbf15f-ee85-4955-8675-146e8e5296b5",
};

/// The redirect URI of the created app: loopback on any port (Microsoft ignores the port of
/// `http://localhost` for public clients).
pub const LOOPBACK_REDIRECT: &str = "http://localhost";

/// Graph paths of app registrations and presence writes (relative to the cloud's Graph host;
/// see [`Endpoints::graph_url`]).
pub mod graph_path {
    /// `POST` creates an application.
    pub const APPLICATIONS: &str = "/v1.0/applications";
    /// `POST` creates a service principal.
    pub const SERVICE_PRINCIPALS: &str = "/v1.0/servicePrincipals";

    /// An application by its object id (`GET`, `PATCH`, `DELETE`).
    pub fn application(object_id: &str) -> String {
        format!("{APPLICATIONS}/{object_id}")
    }

    pub fn add_password(object_id: &str) -> String {
        format!("{APPLICATIONS}/{object_id}/addPassword")
    }

    pub fn remove_password(object_id: &str) -> String {
        format!("{APPLICATIONS}/{object_id}/removePassword")
    }

    /// A user by object id or UPN, only its id.
    pub fn user_id(user: &str) -> String {
        format!("/v1.0/users/{user}?$select=id")
    }

    /// A user's presence (`GET`).
    pub fn presence(user_id: &str) -> String {
        format!("/v1.0/users/{user_id}/presence")
    }

    /// `POST`: the application's presence session for a user.
    pub fn set_presence(user_id: &str) -> String {
        format!("/v1.0/users/{user_id}/presence/setPresence")
    }

    /// `POST`: ends the application's presence session.
    pub fn clear_presence(user_id: &str) -> String {
        format!("/v1.0/users/{user_id}/presence/clearPresence")
    }
}

/// Microsoft Graph's application id, the `resourceAppId` of every Graph permission.
pub const GRAPH_RESOURCE_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// A Graph permission an own app registration needs: name, type in the manifest, id.
pub struct Permission {
    pub name: &'static str,
    /// `Scope` (delegated) or `Role` (application).
    pub kind: &'static str,
    pub id: &'static str,
}

/// The permissions of the pane and the service, with Microsoft's ids (offline_access's id is the
/// widely used one; no Microsoft page lists it).
pub const PERMISSIONS: [Permission; 5] = [
    Permission {
        name: "Presence.Read.All",
        kind: "Scope",
        id: "9c7a330d-35b3-4aa1-963d-cb2b9f927841",
    },
    Permission {
        name: "User.Read",
        kind: "Scope",
        id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
    },
    Permission {
        name: "User.ReadBasic.All",
        kind: "Scope",
        id: "b340eb25-3456-403f-be2f-af7a0d370277",
    },
    Permission {
        name: "offline_access",
        kind: "Scope",
        id: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
    },
    Permission {
        name: "Presence.ReadWrite.All",
        kind: "Role",
        id: "83cded22-8297-4ff6-a7fa-e97e9545a259",
    },
];

/// The `requiredResourceAccess` of an app registration with [`PERMISSIONS`].
fn required_resource_access() -> serde_json::Value {
    let access: Vec<serde_json::Value> = PERMISSIONS
        .iter()
        .map(|p| serde_json::json!({ "id": p.id, "type": p.kind }))
        .collect();
    serde_json::json!([{ "resourceAppId": GRAPH_RESOURCE_APP_ID, "resourceAccess": access }])
}

/// The `requiredResourceAccess` part of an app manifest with [`PERMISSIONS`].
pub fn manifest_snippet() -> String {
    let value = serde_json::json!({ "requiredResourceAccess": required_resource_access() });
    serde_json::to_string_pretty(&value).expect("serialises")
}

/// The body of `POST /applications` for "App-Registrierung anlegen": single tenant, a public
/// client with the loopback redirect, and exactly the permissions of the pane and the service.
pub fn new_application(display_name: &str) -> serde_json::Value {
    serde_json::json!({
        "displayName": display_name,
        "signInAudience": "AzureADMyOrg",
        "publicClient": { "redirectUris": [LOOPBACK_REDIRECT] },
        "requiredResourceAccess": required_resource_access(),
    })
}

impl Endpoints {
    /// The scopes of the administrator's sign-in that creates an app registration.
    pub fn registration_scopes(&self) -> Vec<String> {
        vec![
            "openid".into(),
            "profile".into(),
            self.graph_scope(APPLICATION_READWRITE_ALL.name),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_snippet_lists_every_permission() {
        let v: serde_json::Value = serde_json::from_str(&manifest_snippet()).unwrap();
        let access = &v["requiredResourceAccess"][0];
        assert_eq!(access["resourceAppId"], GRAPH_RESOURCE_APP_ID);
        assert_eq!(access["resourceAccess"].as_array().unwrap().len(), 5);
        assert_eq!(
            access["resourceAccess"][4]["id"],
            "83cded22-8297-4ff6-a7fa-e97e9545a259"
        );
        assert_eq!(access["resourceAccess"][4]["type"], "Role");
    }

    #[test]
    fn urls_of_the_global_cloud() {
        let e = Endpoints::for_settings(&Settings::default());
        assert_eq!(
            e.authorize_url("contoso.de"),
            "https://login.microsoftonline.com/contoso.de/oauth2/v2.0/authorize"
        );
        assert_eq!(
            e.token_url("contoso.de"),
            "https://login.microsoftonline.com/contoso.de/oauth2/v2.0/token"
        );
        assert_eq!(
            e.admin_consent_url("contoso.de"),
            "https://login.microsoftonline.com/contoso.de/v2.0/adminconsent"
        );
        assert_eq!(
            e.user_consent_scopes().join(" "),
            "openid profile offline_access https://graph.microsoft.com/Presence.Read.All https://graph.microsoft.com/User.Read https://graph.microsoft.com/User.ReadBasic.All"
        );
        assert_eq!(
            e.graph_url("/v1.0/me"),
            "https://graph.microsoft.com/v1.0/me"
        );
    }

    #[test]
    fn custom_cloud_is_the_emulator() {
        let s = Settings {
            cloud: Cloud::Custom,
            custom_login_url: "http://127.0.0.1:4000/".into(),
            custom_graph_url: "http://127.0.0.1:4000".into(),
            ..Default::default()
        };
        let e = Endpoints::for_settings(&s);
        assert_eq!(
            e.token_url("t"),
            "http://127.0.0.1:4000/t/oauth2/v2.0/token"
        );
        assert_eq!(e.graph_default_scope(), "http://127.0.0.1:4000/.default");
    }

    #[test]
    fn scopes_name_the_clouds_own_graph_host() {
        let s = Settings {
            cloud: Cloud::UsGovDod,
            ..Default::default()
        };
        let e = Endpoints::for_settings(&s);
        assert_eq!(e.login, "https://login.microsoftonline.us");
        assert_eq!(
            e.graph_default_scope(),
            "https://dod-graph.microsoft.us/.default"
        );
        let china = Endpoints::for_settings(&Settings {
            cloud: Cloud::China,
            ..Default::default()
        });
        assert!(!china.presence_api);
    }
}
