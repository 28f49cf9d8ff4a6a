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
}

#[cfg(test)]
mod tests {
    use super::*;

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
