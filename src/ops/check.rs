//! The check of both consents and the verdict the status line and `status` show: one model for the
//! window and the command line.

use crate::base::i18n::Msg;
use crate::microsoft::client::{Client, RequestError, Stage};
use crate::microsoft::flows::{self, FlowError};
use crate::microsoft::guidance;
use crate::model::config::{Cloud, Settings};
use crate::model::secrets::Secrets;
use crate::ops::Error;
use std::path::Path;

pub use crate::model::verdict::{Setup, Verdict, Which, Write};

/// What only Microsoft's guidance can add to a verdict (the model's [`Verdict`] knows no AADSTS
/// code's meaning).
impl Verdict {
    /// What to do, where Microsoft's code says it.
    pub fn advice(&self) -> Option<Msg> {
        match self {
            Verdict::AuthRequired => Some(Msg::new("status-auth-required-hint")),
            Verdict::Authorized {
                write: Write::Reported { at, by },
                ..
            }
            | Verdict::WriteOnly {
                write: Write::Reported { at, by },
            } => Some(
                Msg::new("verdict-write-reported")
                    .text("time", crate::base::i18n::local_time(at))
                    .text_or("account", by, "account-unknown"),
            ),
            Verdict::ReconsentNeeded { code, .. } | Verdict::Misconfigured { code, .. } => {
                code.and_then(guidance::for_code).map(|g| g.msg())
            }
            _ => None,
        }
    }
}

/// A check's result: the verdict and, for support, Microsoft's trace and correlation ids.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub verdict: Verdict,
    pub checked_at: String,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// Delegated permissions of the user token, where it was read.
    pub scopes: Vec<String>,
    /// The consenting account's password age, where Graph told it.
    pub password: Option<flows::PasswordInfo>,
    /// When the app's credential ends, where the pane knows it (issue 13: expiry watched).
    pub credential: Option<CredentialEnd>,
    /// The requests to Microsoft the check made, timed (refresh, presence read, app token).
    pub steps: Vec<flows::Step>,
    /// What Microsoft said where the check failed (its OAuth error and description, Graph's
    /// status, code and message, or where the connection failed), as received: shown escaped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said: Option<String>,
}

impl Report {
    /// The report of a check that did not finish within its deadline (`Unreachable`, timeout).
    pub fn timed_out(limit: std::time::Duration) -> Self {
        Report {
            verdict: Verdict::Unreachable {
                stage: Stage::Timeout,
            },
            checked_at: chrono::Utc::now().to_rfc3339(),
            trace_id: None,
            correlation_id: None,
            scopes: vec![],
            password: None,
            credential: None,
            steps: vec![],
            said: Some(format!("no answer within {} s", limit.as_secs())),
        }
    }
}

/// What Microsoft said in `e`, for [`Report::said`].
fn said(e: &Error) -> Option<String> {
    match e.flow()? {
        FlowError::Request(RequestError::Microsoft(m)) => {
            Some(format!("{} {}", m.error, m.error_description))
        }
        FlowError::Request(RequestError::Graph {
            status,
            code,
            message,
        }) => Some(format!("Graph {status} {code}: {message}")),
        FlowError::Request(RequestError::Unreachable { detail, .. }) => Some(detail.clone()),
        FlowError::Request(RequestError::Throttled { retry_after }) => Some(format!(
            "429 Too Many Requests (Retry-After {:?})",
            retry_after.map(|d| d.as_secs())
        )),
        _ => None,
    }
}

/// The end of the app's stored credential.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialEnd {
    /// `certificate` or `secret`.
    pub kind: String,
    /// Its `keyId` in Entra ID (the thumbprint for a certificate the pane did not upload).
    pub key_id: String,
    /// RFC 3339.
    pub ends: String,
    pub days_left: i64,
    /// Whether "Erneuern" can replace it: the pane created the app registration.
    pub renewable: bool,
}

impl CredentialEnd {
    /// From the secrets file: the record of the app the pane created (when it is the configured
    /// one), else the stored certificate's own end.
    pub fn of(secrets: &crate::model::secrets::Secrets, client_id: &str) -> Option<Self> {
        let days_left = |ends: &str| {
            chrono::DateTime::parse_from_rfc3339(ends)
                .map(|e| (e.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_days())
                .unwrap_or(0)
        };
        if let Some(r) = secrets
            .registration
            .as_ref()
            .filter(|r| r.client_id.eq_ignore_ascii_case(client_id.trim()))
        {
            return Some(Self {
                kind: r.credential.clone(),
                key_id: r.key_id.clone(),
                days_left: days_left(&r.end_date_time),
                ends: r.end_date_time.clone(),
                renewable: true,
            });
        }
        secrets.client_certificate.as_ref().map(|c| Self {
            kind: "certificate".into(),
            key_id: c.thumbprint.clone(),
            days_left: days_left(&c.end_date_time),
            ends: c.end_date_time.clone(),
            renewable: false,
        })
    }

    /// What to show: its end, a warning within [`WARN_DAYS`](crate::microsoft::credential::WARN_DAYS), or
    /// that it has expired; and whether it is a warning.
    pub fn msg(&self) -> (Msg, bool) {
        let date = crate::base::i18n::local_time(&self.ends);
        let (id, warn) = if self.days_left < 0 {
            ("reg-credential-expired", true)
        } else if self.days_left <= crate::microsoft::credential::WARN_DAYS {
            ("reg-credential-expiring", true)
        } else {
            ("reg-credential-ends", false)
        };
        let m = Msg::new(id)
            .text("kind", self.kind.clone())
            .text("date", date)
            .num("days", self.days_left)
            .text("key", self.key_id.clone());
        (m, warn)
    }
}

/// Checks both consents with Microsoft: refresh and a presence read for the user consent (the
/// rotated refresh token is stored), client credentials for the admin consent where a secret is
/// stored.
pub async fn run(settings: &Settings, client_id: Option<&str>, secrets_path: &Path) -> Report {
    let mut steps = Vec::new();
    let mut report = run_check(settings, client_id, secrets_path, &mut steps).await;
    report.steps = steps;
    tracing::info!(
        "check: {:?} (trace {:?}, correlation {:?})",
        report
            .verdict
            .redacted(crate::base::logging::personal::mark),
        report.trace_id,
        report.correlation_id
    );
    report
}

async fn run_check(
    settings: &Settings,
    client_id: Option<&str>,
    secrets_path: &Path,
    steps: &mut Vec<flows::Step>,
) -> Report {
    let now = chrono::Utc::now().to_rfc3339();
    let report = |verdict, e: Option<&Error>, scopes| {
        let m = e.and_then(Error::microsoft);
        Report {
            verdict,
            checked_at: now.clone(),
            trace_id: m.map(|m| m.trace_id.clone()).filter(|s| !s.is_empty()),
            correlation_id: m
                .map(|m| m.correlation_id.clone())
                .filter(|s| !s.is_empty()),
            scopes,
            password: None,
            credential: None,
            steps: Vec::new(),
            said: e.and_then(said),
        }
    };
    let misconfigured = |setup| Verdict::Misconfigured { setup, code: None };
    if settings.tenant_id.trim().is_empty() {
        return report(misconfigured(Setup::NoTenant), None, vec![]);
    }
    if settings.cloud == Cloud::China {
        return report(misconfigured(Setup::China), None, vec![]);
    }
    let Some(client_id) = client_id.filter(|c| !c.is_empty()) else {
        return report(misconfigured(Setup::NoClientId), None, vec![]);
    };
    let client = match Client::new(settings, client_id) {
        Ok(c) => c,
        Err(RequestError::Unreachable { stage, .. }) => {
            return report(Verdict::Unreachable { stage }, None, vec![]);
        }
        Err(_) => return report(misconfigured(Setup::Microsoft), None, vec![]),
    };
    let secrets = match Secrets::load(secrets_path) {
        Ok((_, s)) => s,
        Err(_) => return report(misconfigured(Setup::Secrets), None, vec![]),
    };
    let read = match secrets.has_consent() {
        true => Some(crate::ops::tokens::check_read_timed(&client, secrets_path, steps).await),
        false => None,
    };
    let write = match crate::microsoft::credential::stored(&secrets) {
        Some(Ok(credential)) => {
            let start = std::time::Instant::now();
            let write = flows::check_write(&client, &credential).await;
            // A token without the role is an answer of Microsoft's: the request worked.
            let ok = matches!(write, Ok(()) | Err(FlowError::Missing(_)));
            steps.push(flows::Step::since(flows::StepKind::AppToken, start, ok));
            Some(write.map_err(Error::from))
        }
        Some(Err(_)) => return report(misconfigured(Setup::Secrets), None, vec![]),
        None => None,
    };
    // Errors first, the configuration's before the network's before a consent's.
    let mut worst: Option<(u8, Verdict, &Error)> = None;
    let errors = [
        (Which::User, read.as_ref().and_then(|r| r.as_ref().err())),
        (Which::Admin, write.as_ref().and_then(|r| r.as_ref().err())),
    ];
    for (which, e) in errors {
        let Some(e) = e else { continue };
        let Some((rank, verdict)) = judge(which, e) else {
            continue;
        };
        if worst.as_ref().is_none_or(|(r, _, _)| rank > *r) {
            worst = Some((rank, verdict, e));
        }
    }
    let scopes = match &read {
        Some(Ok((c, _))) => c.scopes.clone(),
        _ => vec![],
    };
    let password = match &read {
        Some(Ok((_, p))) => p.clone(),
        _ => None,
    };
    let credential = CredentialEnd::of(&secrets, client_id);
    if let Some((_, verdict, e)) = worst {
        return Report {
            credential,
            ..report(verdict, Some(e), scopes)
        };
    }
    let upn = match &read {
        Some(Ok((c, _))) => Some(c.upn.clone()),
        _ => None,
    };
    // Verified where the secret is at hand; else what Microsoft reported for this app and tenant.
    let granted = match &write {
        Some(Ok(())) => Some(Write::Verified),
        Some(Err(_)) => None,
        None => secrets
            .admin_consent
            .as_ref()
            .filter(|a| a.applies_to(&settings.tenant_id, client_id))
            .map(|a| Write::Reported {
                at: a.consented_at.clone(),
                by: a.os_account.clone(),
            }),
    };
    let verdict = match (upn, granted) {
        (Some(upn), Some(write)) => Verdict::Authorized { upn, write },
        (Some(upn), None) => Verdict::ReadOnly {
            upn,
            verifiable: write.is_some(),
        },
        (None, Some(write)) => Verdict::WriteOnly { write },
        (None, None) => Verdict::AuthRequired,
    };
    Report {
        password,
        credential,
        ..report(verdict, None, scopes)
    }
}

/// The verdict an error leads to, with its rank (higher wins); `None`: not an error of the
/// verdict (the write permission simply missing). What each answer means is
/// [`crate::microsoft::meaning`]'s table.
fn judge(which: Which, e: &Error) -> Option<(u8, Verdict)> {
    use crate::microsoft::meaning::Meaning;
    let code = e.microsoft().and_then(|m| m.code());
    Some(match e.meaning() {
        Meaning::NotGranted => return None,
        Meaning::Reconsent => (
            1,
            Verdict::ReconsentNeeded {
                consent: which,
                code,
            },
        ),
        Meaning::Outage(stage) => (2, Verdict::Unreachable { stage }),
        Meaning::Configure => (
            3,
            Verdict::Misconfigured {
                setup: Setup::Microsoft,
                code,
            },
        ),
        Meaning::Secrets => (
            3,
            Verdict::Misconfigured {
                setup: Setup::Secrets,
                code: None,
            },
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{Lang, Texts};

    #[test]
    fn the_credential_warns_thirty_days_before_its_end_and_after_it() {
        let t = Texts::new(Lang::De);
        let end = |days: i64| CredentialEnd {
            kind: "certificate".into(),
            key_id: "k".into(),
            ends: (chrono::Utc::now() + chrono::Duration::days(days) + chrono::Duration::hours(1))
                .to_rfc3339(),
            days_left: days,
            renewable: true,
        };
        let (m, warn) = end(200).msg();
        assert!(!warn);
        assert!(
            t.msg(&m).starts_with("Zertifikat der App gültig bis"),
            "{}",
            t.msg(&m)
        );
        let (m, warn) = end(30).msg();
        assert!(warn && t.msg(&m).contains("in 30 Tagen"), "{}", t.msg(&m));
        let (m, warn) = end(-1).msg();
        assert!(warn && t.msg(&m).contains("abgelaufen"), "{}", t.msg(&m));
    }
}
