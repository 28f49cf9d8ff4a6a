//! The presence write test (issue 15 §4), on request for one user: with the app's own permission
//! (client credentials, `Presence.ReadWrite.All`) it sets a presence session — Busy, in a call,
//! for 5 minutes, the session id the app's id as Microsoft requires — reads the presence back, and
//! ends the session (`clearPresence`) whatever the read gave. It proves "write" end to end where a
//! credential is at hand. The colleague sees it in Teams: the window and the command line ask
//! first.

use crate::microsoft::client::Client;
use crate::microsoft::endpoints::graph_path;
use crate::microsoft::flows::{self, FlowError};
use crate::model::config::Settings;
use crate::model::secrets::Secrets;
use crate::ops::Error;
use reqwest::Method;
use std::path::Path;

/// What the test sets.
pub const AVAILABILITY: &str = "Busy";
pub const ACTIVITY: &str = "InACall";

/// What the presence read back said while the session was set.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WriteTest {
    pub availability: String,
    pub activity: String,
}

impl WriteTest {
    /// Whether the read showed what was written.
    pub fn proved(&self) -> bool {
        self.availability == AVAILABILITY
    }

    /// What the test found for `user`: `Ok` where the read showed the written presence.
    pub fn outcome(&self, user: &str) -> Result<crate::base::i18n::Msg, crate::base::i18n::Msg> {
        let id = if self.proved() {
            "write-test-proved"
        } else {
            "write-test-not-seen"
        };
        let m = crate::base::i18n::Msg::new(id).text("user", user).inner(
            "presence",
            crate::model::presence::describe(&self.availability, &self.activity),
        );
        if self.proved() { Ok(m) } else { Err(m) }
    }
}

/// The object id of `user` (an id, or a UPN looked up with the stored user consent).
pub async fn user_id(
    settings: &Settings,
    secrets_path: &Path,
    user: &str,
) -> Result<String, Error> {
    if !user.contains('@') {
        return Ok(user.to_owned());
    }
    let client = Client::for_settings(settings)?;
    let tokens = crate::ops::tokens::refresh(&client, secrets_path).await?;
    let v = client
        .graph_method(
            tokens.access_token.expose(),
            Method::GET,
            &graph_path::user_id(user),
            None,
        )
        .await?;
    v["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or(FlowError::Incomplete("id").into())
}

/// Sets, reads back and clears the app's presence session for the user `id`.
pub async fn run(settings: &Settings, secrets_path: &Path, id: &str) -> Result<WriteTest, Error> {
    let client = Client::for_settings(settings)?;
    let (_, secrets) = Secrets::load(secrets_path)
        .map_err(|e| Error::Secrets(crate::model::secrets::UpdateError::read(secrets_path, e)))?;
    let credential = crate::microsoft::credential::stored(&secrets)
        .ok_or(FlowError::Missing(flows::WRITE))?
        .map_err(Error::Credential)?;
    let scope = client.endpoints.graph_default_scope();
    let token = client.client_credentials(&credential, &scope).await?;
    let token = token.access_token.expose();
    let session = serde_json::json!({
        "sessionId": client.client_id,
        "availability": AVAILABILITY,
        "activity": ACTIVITY,
        "expirationDuration": "PT5M",
    });
    client
        .graph_method(
            token,
            Method::POST,
            &graph_path::set_presence(id),
            Some(&session),
        )
        .await?;
    let read = client
        .graph_method(token, Method::GET, &graph_path::presence(id), None)
        .await;
    // The session ends whatever the read gave.
    let clear = serde_json::json!({ "sessionId": client.client_id });
    let cleared = client
        .graph_method(
            token,
            Method::POST,
            &graph_path::clear_presence(id),
            Some(&clear),
        )
        .await;
    let read = read?;
    cleared?;
    let text = |k: &str| read[k].as_str().unwrap_or_default().to_owned();
    Ok(WriteTest {
        availability: text("availability"),
        activity: text("activity"),
    })
}
