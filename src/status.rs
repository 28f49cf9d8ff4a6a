//! The authorization status and the status line, one model for the window and the command line.

use crate::i18n::Msg;
use crate::store::SecretsInfo;

/// Whether the UCServer may read and write Teams presence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Auth {
    /// No consent is stored: the original pane's "Auth required".
    Required,
    /// A consent is stored or recorded; it has not been checked against Microsoft by this pane yet.
    StoredUnchecked,
}

impl Auth {
    pub fn from_secrets(info: &SecretsInfo) -> Self {
        if info.consent_stored || info.admin_consent.is_some() {
            Auth::StoredUnchecked
        } else {
            Auth::Required
        }
    }

    pub fn msg(self) -> Msg {
        match self {
            Auth::Required => Msg::new("status-auth-required"),
            Auth::StoredUnchecked => Msg::new("status-auth-stored"),
        }
    }

    /// What the administrator does next.
    pub fn hint(self) -> Msg {
        match self {
            Auth::Required => Msg::new("status-auth-required-hint"),
            Auth::StoredUnchecked => Msg::new("status-auth-stored-hint"),
        }
    }
}

/// The proxy the status line reports: the value saved in msteams.cfg, and whether the running
/// service still uses an older value (it reads msteams.cfg only when it starts).
pub fn proxy_msg(saved_proxy: &str, restart_pending: bool) -> Msg {
    match (saved_proxy.is_empty(), restart_pending) {
        (true, false) => Msg::new("status-proxy-none"),
        (false, false) => Msg::new("status-proxy").text("proxy", saved_proxy),
        (true, true) => Msg::new("status-proxy-none-pending"),
        (false, true) => Msg::new("status-proxy-pending").text("proxy", saved_proxy),
    }
}

/// The notice after a save that changed keys the service reads only at start, naming each
/// (its label and its key in msteams.cfg).
pub fn restart_notice(t: &crate::i18n::Texts, fields: &[crate::validate::Field]) -> String {
    let keys: Vec<String> = fields
        .iter()
        .map(|f| {
            t.msg(
                &Msg::new("restart-key")
                    .reference("label", f.label_id())
                    .text("key", crate::config::keys::name(*f)),
            )
        })
        .collect();
    t.msg(&Msg::new("restart-notice-keys").text("keys", keys.join(", ")))
}

/// How to restart the UCServer service so that it reads msteams.cfg again.
pub fn restart_hint() -> Msg {
    if cfg!(windows) {
        Msg::new("restart-hint-windows")
    } else {
        Msg::new("restart-hint-other")
    }
}

/// Whole days since an RFC 3339 time (0 when it cannot be read).
pub fn days_since(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_days())
        .unwrap_or(0)
}

pub use crate::i18n::local_time;
