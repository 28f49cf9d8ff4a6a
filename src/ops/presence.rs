//! The presence use cases, each written once for the window and the command line: the live
//! presence of every matched user ([`read_all`], issue 27: read as the UCServer service will,
//! with the stored read consent, at the reader's budget), one user's ([`read_one`]), and the
//! write test ([`write_test`], issue 15 §4): with the app's own permission (client credentials,
//! `Presence.ReadWrite.All`) it sets a presence session — Busy, in a call, for 5 minutes, the
//! session id the app's id as Microsoft requires — reads the presence back, and ends the session
//! (`clearPresence`) whatever the read gave. It proves "write" end to end where a credential is
//! at hand; the colleague sees it in Teams: the window and the command line ask first. The
//! reading itself is [`crate::microsoft::presence`]'s; nothing here is written to the folder.

use crate::microsoft::client::Client;
use crate::microsoft::endpoints::graph_path;
use crate::microsoft::flows::{self, FlowError};
use crate::microsoft::graph::TenantError;
use crate::microsoft::presence as reader;
use crate::model::config::Settings;
use crate::model::presence::{Progress, Readout, Seen};
use crate::model::secrets::Secrets;
use crate::ops::Error;
use reqwest::Method;
use std::path::Path;

/// The presence of `ids` (object ids, each once) with the stored user consent of `settings`'
/// tenant and app (the token refreshed, its rotation stored): [`reader::read`]'s batches, budget
/// and 429 policy, `progress` told after every answer and wait. Cancelled while the token is
/// asked for, it ends with nothing read.
pub async fn read_all(
    settings: &Settings,
    secrets_path: &Path,
    ids: &[String],
    progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Readout, TenantError> {
    let client = Client::for_settings(settings).map_err(FlowError::from)?;
    let mut outer = cancel.clone();
    let token = tokio::select! {
        biased;
        _ = outer.wait_for(|c| *c) => return Err(TenantError::Cancelled),
        t = crate::ops::tokens::access_token(&client, secrets_path) => t?,
    };
    Ok(reader::read(&client, token.expose(), ids, progress, cancel).await?)
}

/// One user's presence (object id `id`) with the stored user consent: a presence, `Unknown`
/// (`PresenceUnknown`) or `Missing` (Microsoft named none); anything else is the error.
pub async fn read_one(
    settings: &Settings,
    secrets_path: &Path,
    id: &str,
) -> Result<Seen, TenantError> {
    let client = Client::for_settings(settings).map_err(FlowError::from)?;
    let token = crate::ops::tokens::access_token(&client, secrets_path).await?;
    Ok(reader::read_one(&client, token.expose(), id).await?)
}

/// The write test for `user` (an object id, or a UPN looked up with the stored user consent).
pub async fn write_test(
    settings: &Settings,
    secrets_path: &Path,
    user: &str,
) -> Result<WriteTest, Error> {
    let id = user_id(settings, secrets_path, user).await?;
    run(settings, secrets_path, &id).await
}

/// What the write test sets.
pub const AVAILABILITY: &str = "Busy";
pub const ACTIVITY: &str = "InACall";

/// What the presence read back said while the session was set: a presence, or `Unknown`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WriteTest {
    pub seen: Seen,
}

impl WriteTest {
    /// Whether the read showed what was written.
    pub fn proved(&self) -> bool {
        matches!(&self.seen, Seen::Presence { availability, .. } if availability == AVAILABILITY)
    }

    /// What the test found for `user`: `Ok` where the read showed the written presence.
    pub fn outcome(&self, user: &str) -> Result<crate::base::i18n::Msg, crate::base::i18n::Msg> {
        let id = if self.proved() {
            "write-test-proved"
        } else {
            "write-test-not-seen"
        };
        let words = self
            .seen
            .words()
            .unwrap_or_else(|| crate::model::presence::describe("", ""));
        let m = crate::base::i18n::Msg::new(id)
            .text("user", user)
            .inner("presence", words);
        if self.proved() { Ok(m) } else { Err(m) }
    }
}

/// The object id of `user` (an id, or a UPN looked up with the stored user consent).
async fn user_id(settings: &Settings, secrets_path: &Path, user: &str) -> Result<String, Error> {
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
async fn run(settings: &Settings, secrets_path: &Path, id: &str) -> Result<WriteTest, Error> {
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
    let read = reader::get(&client, token, id).await;
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
    let seen = read?;
    cleared?;
    Ok(WriteTest { seen })
}
