//! The webhook: the alert as a JSON POST (a Teams workflow, a chat or a monitoring system takes
//! it) through the pane's HTTP client — the proxy of msteams.cfg, TLS with the platform verifier,
//! no redirect followed. Any 2xx is taken.

use super::{DEADLINE, Message, one_line};

/// Whether `url` may be a webhook: `https://`, or `http://` to this computer.
pub fn valid_url(url: &str) -> bool {
    crate::validate::is_safe_url(url.trim())
}

/// POSTs `msg` to `url` (through `proxy`, "host:port" or empty).
pub async fn send(url: &str, proxy: &str, msg: &Message) -> Result<(), String> {
    if !valid_url(url) {
        return Err(
            "the webhook's address is neither https:// nor http:// to this computer".into(),
        );
    }
    let client = crate::microsoft::client::http_client(proxy).map_err(one_line)?;
    // The fields a Teams workflow ("When a Teams webhook request is received") and most chats read:
    // `text` and `title`; the rest for a monitoring system.
    let mut body = serde_json::to_value(msg).map_err(one_line)?;
    body["title"] = serde_json::Value::String(msg.subject.clone());
    body["text"] = serde_json::Value::String(format!("{}\n\n{}", msg.subject, msg.body));
    let answer = tokio::time::timeout(DEADLINE, client.post(url.trim()).json(&body).send())
        .await
        .map_err(|_| format!("no answer within {} s", DEADLINE.as_secs()))?
        .map_err(|e| one_line(without_url(e)))?;
    let status = answer.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("the webhook answered {status}"))
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
