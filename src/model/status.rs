//! The authorization status and the status line, one model for the window and the command line;
//! the set-up as steps and the ONE decision what comes next from a check's verdict ([`Progress`]).

use crate::base::i18n::Msg;
use crate::model::secrets::SecretsInfo;
use crate::model::verdict::{Verdict, Which};

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

/// What the administrator does next, decided from the verdict alone (issue 35 §5): the step bar,
/// its sentence and where the keyboard focus goes all follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Enter (and save) the tenant and the app.
    Tenant,
    /// Give this consent (again).
    Consent(Which),
    /// Microsoft cannot be reached: no consent helps; "Verbindung testen", then check again.
    Outage,
    /// The configuration does not fit (the verdict names it): correct it, then check again.
    Configure,
    /// Set up: nothing to do.
    Done,
}

/// The four steps of the set-up — tenant and app, user consent, admin consent, authorized —
/// which of them are done, and what comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: [bool; 4],
    pub next: Next,
}

impl Progress {
    /// From whether the tenant and app are saved (`configured`), the last check's verdict and —
    /// where the verdict does not tell (no check yet, an outage, a consent to redo) — what the
    /// secrets file records: `stored_read` (a refresh token), `stored_write` (an admin consent).
    /// A re-consent of one consent greys only that step; an outage greys none and asks for none.
    pub fn of(
        configured: bool,
        verdict: Option<&Verdict>,
        stored_read: bool,
        stored_write: bool,
    ) -> Self {
        let stored = (stored_read, stored_write);
        let ((read, write), trouble) = match verdict {
            None => (stored, None),
            Some(Verdict::Authorized { .. }) => ((true, true), None),
            Some(Verdict::ReadOnly { .. }) => ((true, false), None),
            Some(Verdict::WriteOnly { .. }) => ((false, true), None),
            Some(Verdict::AuthRequired) => ((false, false), None),
            Some(Verdict::ReconsentNeeded {
                consent: Which::User,
                ..
            }) => ((false, stored_write), None),
            Some(Verdict::ReconsentNeeded {
                consent: Which::Admin,
                ..
            }) => ((stored_read, false), None),
            Some(Verdict::Unreachable { .. }) => (stored, Some(Next::Outage)),
            Some(Verdict::Misconfigured { .. }) => (stored, Some(Next::Configure)),
        };
        let done = [
            configured,
            configured && read,
            configured && write,
            configured && read && write,
        ];
        let next = if !configured {
            Next::Tenant
        } else if let Some(trouble) = trouble {
            trouble
        } else if !read {
            Next::Consent(Which::User)
        } else if !write {
            Next::Consent(Which::Admin)
        } else {
            Next::Done
        };
        Progress { done, next }
    }

    /// The step to mark as the current one (none while Microsoft cannot be reached or the
    /// configuration is wrong: no step would help).
    pub fn current(&self) -> Option<usize> {
        match self.next {
            Next::Tenant => Some(0),
            Next::Consent(Which::User) => Some(1),
            Next::Consent(Which::Admin) => Some(2),
            Next::Outage | Next::Configure | Next::Done => None,
        }
    }

    /// Whether the step of consent `which` is done.
    pub fn given(&self, which: Which) -> bool {
        match which {
            Which::User => self.done[1],
            Which::Admin => self.done[2],
        }
    }

    /// The next step in one sentence.
    pub fn msg(&self) -> Msg {
        Msg::new(match self.next {
            Next::Tenant => "steps-next-tenant",
            Next::Consent(Which::User) => "steps-next-user",
            Next::Consent(Which::Admin) => "steps-next-admin",
            Next::Outage => "steps-next-outage",
            Next::Configure => "steps-next-configure",
            Next::Done => "steps-next-done",
        })
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
pub fn restart_notice(
    t: &crate::base::i18n::Texts,
    fields: &[crate::model::validate::Field],
) -> String {
    let keys: Vec<String> = fields
        .iter()
        .map(|f| {
            t.msg(
                &Msg::new("restart-key")
                    .reference("label", f.label_id())
                    .text("key", crate::model::config::keys::name(*f)),
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

pub use crate::base::i18n::local_time;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::microsoft::client::Stage;

    #[test]
    fn an_outage_asks_for_no_consent_and_a_reconsent_greys_only_its_step() {
        let outage = Verdict::Unreachable {
            stage: Stage::Connect,
        };
        let p = Progress::of(true, Some(&outage), true, true);
        assert_eq!((p.next, p.current()), (Next::Outage, None));
        assert_eq!(p.done, [true, true, true, true], "what is stored stands");
        let user = Verdict::ReconsentNeeded {
            consent: Which::User,
            code: Some(50173),
        };
        let p = Progress::of(true, Some(&user), true, true);
        assert_eq!(p.next, Next::Consent(Which::User));
        assert_eq!(
            p.done,
            [true, false, true, false],
            "the admin consent stays done"
        );
        let admin = Verdict::ReconsentNeeded {
            consent: Which::Admin,
            code: None,
        };
        let p = Progress::of(true, Some(&admin), true, true);
        assert_eq!(p.next, Next::Consent(Which::Admin));
        assert_eq!(p.done, [true, true, false, false]);
        let p = Progress::of(false, Some(&outage), true, true);
        assert_eq!((p.next, p.current()), (Next::Tenant, Some(0)));
        let p = Progress::of(true, None, false, false);
        assert_eq!(p.next, Next::Consent(Which::User));
    }
}
