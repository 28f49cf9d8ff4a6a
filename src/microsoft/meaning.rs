//! What every answer of Microsoft means for the check (issue 34 §9): ONE table from an error of a
//! request to the verdict it leads to — the token endpoint's OAuth errors and AADSTS codes, its
//! HTTP status, Graph's status codes, network failures and deadlines. A consent is asked for again
//! only where a consent cures it (a refresh token revoked or expired, consent or MFA required, the
//! read permission missing); Microsoft's own trouble (5xx, 429, a token it has just issued refused,
//! an answer it should not give) is an outage (exit 5); what only a corrected configuration cures
//! is "misconfigured" (exit 6). `docs/diagnostics.md` shows the same table for administrators.

use crate::microsoft::client::{MsError, RequestError, Stage};
use crate::microsoft::flows::{FlowError, READ, WRITE};
use crate::microsoft::guidance::{self, Remedy};

/// What an answer means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// A consent must be given again (exit 4): only a consent cures it.
    Reconsent,
    /// Microsoft cannot be reached, or answered with trouble of its own (exit 5): wait and check
    /// again; a consent would not help.
    Outage(Stage),
    /// The configuration does not fit the tenant (exit 6): the tenant, cloud, client id, secret
    /// or redirect address has to be corrected.
    Configure,
    /// The secrets file cannot be read or written (exit 6).
    Secrets,
    /// Not an error of the verdict: the write permission is simply not granted.
    NotGranted,
}

/// The OAuth `error` values (RFC 6749 §5.2 and Microsoft's) a consent cures.
const CONSENT_CURES: [&str; 3] = ["invalid_grant", "interaction_required", "consent_required"];
/// The OAuth `error` values that name the configuration (the app, its secret, the request).
const CONFIGURATION: [&str; 5] = [
    "invalid_client",
    "unauthorized_client",
    "invalid_request",
    "unsupported_grant_type",
    "invalid_scope",
];
/// The OAuth `error` values of Microsoft's own trouble.
const OUTAGE: [&str; 2] = ["temporarily_unavailable", "server_error"];

/// AADSTS codes of Microsoft's own trouble: "A transient error has occurred. Please try again."
const TRANSIENT_CODES: [u32; 1] = [90033];

/// What the token endpoint's error answer means: the AADSTS code first (the guidance table),
/// then the OAuth `error`.
pub fn of_token_error(m: &MsError) -> Meaning {
    let code = m.code();
    if code.is_some_and(|c| TRANSIENT_CODES.contains(&c)) {
        return Meaning::Outage(Stage::Answer);
    }
    match code.and_then(guidance::for_code).map(|g| g.remedy) {
        Some(Remedy::Configure) => return Meaning::Configure,
        Some(Remedy::Consent | Remedy::SignInAgain | Remedy::Wait | Remedy::Credentials) => {
            return Meaning::Reconsent;
        }
        None => {}
    }
    let error = m.error.as_str();
    if CONSENT_CURES.contains(&error) {
        Meaning::Reconsent
    } else if CONFIGURATION.contains(&error) {
        Meaning::Configure
    } else if OUTAGE.contains(&error) {
        Meaning::Outage(Stage::Answer)
    } else {
        // An error this pane does not know: Microsoft's text is shown; nothing says a consent
        // would help.
        Meaning::Outage(Stage::Answer)
    }
}

/// What Graph's error status means for a request made with a token Microsoft has just issued.
pub fn of_graph_status(status: u16) -> Meaning {
    match status {
        // The token does not cover the request: the consent lacks the permission.
        403 => Meaning::Reconsent,
        // 400 (an expired page token, a request Graph no longer takes), 401 (a token Microsoft
        // issued a moment ago refused), 404, 409, 429, 5xx and the rest: Microsoft's side, or a
        // read to start again; a consent would not change them.
        _ => Meaning::Outage(Stage::Answer),
    }
}

/// What an error of the check means.
pub fn of(e: &FlowError) -> Meaning {
    match e {
        FlowError::Missing(p) if *p == WRITE => Meaning::NotGranted,
        FlowError::Missing(p) if *p == READ => Meaning::Reconsent,
        FlowError::Request(r) => of_request(r),
        // An id token not for this app or tenant: the consent has to be given again (with an
        // account of the configured tenant).
        FlowError::IdToken(_) | FlowError::OtherTenant { .. } => Meaning::Reconsent,
        FlowError::Io(_) => Meaning::Secrets,
        // Microsoft answered, but without what the protocol promises: not in the form expected.
        FlowError::Incomplete(_) => Meaning::Outage(Stage::Answer),
        // The sign-in's own state is gone: the consent is given again.
        FlowError::Lost(_) => Meaning::Reconsent,
        FlowError::Missing(_) | FlowError::Browser(_) => Meaning::Reconsent,
    }
}

/// What a failed request means.
pub fn of_request(e: &RequestError) -> Meaning {
    match e {
        RequestError::Unreachable { stage, .. } => Meaning::Outage(*stage),
        RequestError::Throttled { .. } => Meaning::Outage(Stage::Answer),
        RequestError::Microsoft(m) => of_token_error(m),
        RequestError::Graph { status, .. } => of_graph_status(*status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(error: &str, code: Option<u32>) -> FlowError {
        FlowError::Request(RequestError::Microsoft(Box::new(MsError {
            error: error.into(),
            error_description: code.map(|c| format!("AADSTS{c}: text")).unwrap_or_default(),
            error_codes: code.into_iter().collect(),
            ..Default::default()
        })))
    }

    fn graph(status: u16) -> FlowError {
        FlowError::Request(RequestError::Graph {
            status,
            code: "x".into(),
            message: "y".into(),
        })
    }

    fn unreachable(stage: Stage) -> FlowError {
        FlowError::Request(RequestError::Unreachable {
            stage,
            detail: String::new(),
        })
    }

    /// Every row of the table in docs/diagnostics.md, one assertion each.
    #[test]
    fn every_answer_of_microsoft_means_what_the_table_says() {
        use Meaning::*;
        let answer = Outage(Stage::Answer);
        let rows: Vec<(&str, FlowError, Meaning)> = vec![
            // The token endpoint: what a consent cures.
            (
                "50173 revoked",
                token("invalid_grant", Some(50173)),
                Reconsent,
            ),
            (
                "700082 expired",
                token("invalid_grant", Some(700082)),
                Reconsent,
            ),
            (
                "70008 expired",
                token("invalid_grant", Some(70008)),
                Reconsent,
            ),
            (
                "65001 no consent",
                token("invalid_grant", Some(65001)),
                Reconsent,
            ),
            (
                "65004 declined",
                token("access_denied", Some(65004)),
                Reconsent,
            ),
            (
                "50076 MFA",
                token("interaction_required", Some(50076)),
                Reconsent,
            ),
            (
                "50079 MFA enrol",
                token("interaction_required", Some(50079)),
                Reconsent,
            ),
            (
                "70043 sign-in frequency",
                token("invalid_grant", Some(70043)),
                Reconsent,
            ),
            (
                "50055 password expired",
                token("invalid_grant", Some(50055)),
                Reconsent,
            ),
            (
                "50133 password changed",
                token("invalid_grant", Some(50133)),
                Reconsent,
            ),
            (
                "50144 password expired",
                token("invalid_grant", Some(50144)),
                Reconsent,
            ),
            (
                "50057 account disabled",
                token("invalid_grant", Some(50057)),
                Reconsent,
            ),
            (
                "90095 approval",
                token("access_denied", Some(90095)),
                Reconsent,
            ),
            (
                "invalid_grant unknown",
                token("invalid_grant", Some(123456)),
                Reconsent,
            ),
            (
                "consent_required",
                token("consent_required", None),
                Reconsent,
            ),
            (
                "interaction_required",
                token("interaction_required", None),
                Reconsent,
            ),
            // The token endpoint: the configuration.
            (
                "90002 tenant",
                token("invalid_request", Some(90002)),
                Configure,
            ),
            (
                "700016 app",
                token("unauthorized_client", Some(700016)),
                Configure,
            ),
            (
                "7000215 secret",
                token("invalid_client", Some(7000215)),
                Configure,
            ),
            (
                "7000222 secret expired",
                token("invalid_client", Some(7000222)),
                Configure,
            ),
            (
                "700027 certificate",
                token("invalid_client", Some(700027)),
                Configure,
            ),
            (
                "50011 redirect",
                token("invalid_request", Some(50011)),
                Configure,
            ),
            (
                "90094 policy",
                token("access_denied", Some(90094)),
                Configure,
            ),
            (
                "500011 resource",
                token("invalid_resource", Some(500011)),
                Configure,
            ),
            (
                "invalid_client unknown",
                token("invalid_client", Some(999999)),
                Configure,
            ),
            (
                "unauthorized_client",
                token("unauthorized_client", None),
                Configure,
            ),
            ("invalid_scope", token("invalid_scope", None), Configure),
            // The token endpoint: Microsoft's trouble.
            (
                "90033 transient",
                token("invalid_request", Some(90033)),
                answer,
            ),
            (
                "temporarily_unavailable",
                token("temporarily_unavailable", None),
                answer,
            ),
            ("server_error", token("server_error", Some(123456)), answer),
            (
                "unknown error",
                token("something_new", Some(4242424)),
                answer,
            ),
            // Graph: only a refusal of the permission is cured by a consent.
            ("Graph 403", graph(403), Reconsent),
            ("Graph 400", graph(400), answer),
            ("Graph 401", graph(401), answer),
            ("Graph 404", graph(404), answer),
            ("Graph 409", graph(409), answer),
            ("Graph 429", graph(429), answer),
            ("Graph 500", graph(500), answer),
            ("Graph 502", graph(502), answer),
            ("Graph 503", graph(503), answer),
            ("Graph 504", graph(504), answer),
            (
                "429 outlasting the waits",
                FlowError::Request(RequestError::Throttled { retry_after: None }),
                answer,
            ),
            // The network and the deadlines.
            ("DNS", unreachable(Stage::Dns), Outage(Stage::Dns)),
            (
                "connect",
                unreachable(Stage::Connect),
                Outage(Stage::Connect),
            ),
            ("proxy", unreachable(Stage::Proxy), Outage(Stage::Proxy)),
            ("TLS", unreachable(Stage::Tls), Outage(Stage::Tls)),
            (
                "deadline",
                unreachable(Stage::Timeout),
                Outage(Stage::Timeout),
            ),
            (
                "redirect",
                unreachable(Stage::Redirect),
                Outage(Stage::Redirect),
            ),
            (
                "plaintext",
                unreachable(Stage::Plaintext),
                Outage(Stage::Plaintext),
            ),
            // The token and the files.
            ("no Presence.Read.All", FlowError::Missing(READ), Reconsent),
            (
                "no Presence.ReadWrite.All",
                FlowError::Missing(WRITE),
                NotGranted,
            ),
            (
                "id token of another app",
                FlowError::IdToken("audience"),
                Reconsent,
            ),
            (
                "an answer without its refresh token",
                FlowError::Incomplete("refresh_token"),
                Outage(Stage::Answer),
            ),
        ];
        let wrong: Vec<String> = rows
            .iter()
            .filter(|(_, e, m)| of(e) != *m)
            .map(|(name, e, m)| format!("{name}: {:?}, expected {m:?}", of(e)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
