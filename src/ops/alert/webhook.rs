//! The webhook: the alert as a JSON POST (a Teams workflow, a chat or a monitoring system takes
//! it) through the pane's HTTP client — the proxy of msteams.cfg, TLS with the platform verifier,
//! no redirect followed. Any 2xx is taken.

use super::{ChannelError, Message, one_line};
use crate::model::watch::Why;
use std::time::Duration;

/// Whether `url` may be a webhook: `https://`, or `http://` to this computer.
pub fn valid_url(url: &str) -> bool {
    crate::model::validate::is_safe_url(url.trim())
}

/// POSTs `msg` to `url` (through `proxy`, "host:port" or empty) within `deadline`.
pub async fn send(
    url: &str,
    proxy: &str,
    msg: &Message,
    deadline: Duration,
) -> Result<(), ChannelError> {
    if !valid_url(url) {
        return Err(ChannelError::new(
            Why::NotSet,
            "the webhook's address is neither https:// nor http:// to this computer",
        ));
    }
    let client = crate::microsoft::client::http_client(proxy).map_err(ChannelError::other)?;
    // The fields a Teams workflow ("When a Teams webhook request is received") and most chats read:
    // `text` and `title`; the rest for a monitoring system.
    let mut body = serde_json::to_value(msg).map_err(ChannelError::other)?;
    body["title"] = serde_json::Value::String(msg.subject.clone());
    body["text"] = serde_json::Value::String(format!("{}\n\n{}", msg.subject, msg.body));
    let answer = tokio::time::timeout(deadline, client.post(url.trim()).json(&body).send())
        .await
        .map_err(|_| {
            ChannelError::new(
                Why::Timeout,
                format!("no answer within {} s", deadline.as_secs()),
            )
        })?
        .map_err(|e| {
            let why = if e.is_timeout() {
                Why::Timeout
            } else if e.is_connect() {
                super::io_why(&e).unwrap_or(Why::Connect)
            } else {
                Why::Other
            };
            ChannelError {
                why,
                detail: one_line(without_url(e)),
            }
        })?;
    let status = answer.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(ChannelError::new(
            Why::Status {
                status: status.as_u16(),
            },
            format!("the webhook answered {status}"),
        ))
    }
}

/// A reqwest error without the URL (it may carry the webhook's signature), with its causes.
fn without_url(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut shown = e.to_string();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = cur {
        shown.push_str(": ");
        shown.push_str(&s.to_string());
        cur = s.source();
    }
    shown
}
