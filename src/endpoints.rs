//! Every Microsoft URL comes from here: the cloud's login host and Graph host.
//!
//! National clouds and the local emulator (the `custom` cloud with loopback URLs) are
//! configuration, not special cases. Facts from Microsoft's national cloud documentation.

use crate::config::{Cloud, Settings};

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

    /// `{login}/{tenant}/oauth2/v2.0/authorize`
    pub fn authorize_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/oauth2/v2.0/authorize", self.login)
    }

    /// `{login}/{tenant}/oauth2/v2.0/token`
    pub fn token_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/oauth2/v2.0/token", self.login)
    }

    /// `{login}/{tenant}/v2.0/adminconsent` (the v2 admin consent endpoint; with scope `.default`).
    pub fn admin_consent_url(&self, tenant: &str) -> String {
        format!("{}/{tenant}/v2.0/adminconsent", self.login)
    }

    /// A Graph API path, e.g. `graph_url("/v1.0/me")`.
    pub fn graph_url(&self, path: &str) -> String {
        format!("{}{path}", self.graph)
    }

    /// The app's page in the Entra admin center (global cloud), for an own app registration.
    pub fn entra_app_page(client_id: &str) -> String {
        format!(
            "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/{client_id}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
