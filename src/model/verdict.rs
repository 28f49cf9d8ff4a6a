//! What a check found (the verdict the status line, `status` and the watch show): which consent,
//! where a connection failed, what is wrong with the configuration, how the write side stands.
//! The model of Microsoft's answers: `microsoft::meaning` decides a verdict, `ops::check` runs the
//! check and adds Microsoft's guidance for a code, `status` draws the next step from it.

use crate::base::i18n::Msg;

/// Which consent a flow or a verdict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Which {
    User,
    Admin,
}

/// Where a connection failed, so that the pane can say what to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Dns,
    Connect,
    Proxy,
    Tls,
    Timeout,
    /// Microsoft answered, but not in the form expected (5xx, a body that is not its JSON).
    Answer,
    /// The connection broke off in the middle of the answer (reset, closed before its end): the
    /// network, a proxy or a firewall between — not an error Microsoft answered with.
    Interrupted,
    /// The answer was a redirect; the pane follows none (a redirect may re-send the form with
    /// the secret, the refresh token or the verifier to another host).
    Redirect,
    /// The address is `http://` to another computer: no request is made (no secret in clear
    /// text).
    Plaintext,
}

/// What is wrong with the configuration when no request could be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Setup {
    NoTenant,
    NoClientId,
    /// Microsoft offers no presence API in the China cloud.
    China,
    Secrets,
    /// Microsoft's answer names the configuration (AADSTS code in `code`).
    Microsoft,
}

/// How the write side ("Zustimmung des Administrators") stands where it is granted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "proof", rename_all = "kebab-case")]
pub enum Write {
    /// An app token holds `Presence.ReadWrite.All` (the client secret is stored here).
    Verified,
    /// Microsoft reported the consent on `at` (RFC 3339) to the pane run by `by`; without the
    /// app's secret (the normal case with the estos app) it cannot be verified here.
    Reported { at: String, by: String },
}

/// The verdict after a check.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Verdict {
    /// Reading is verified and writing is granted (verified, or reported by Microsoft).
    Authorized { upn: String, write: Write },
    /// Nothing is granted: the original pane's "Auth required".
    AuthRequired,
    /// Reading works; writing is missing (`verifiable`: a client secret is known, so the pane
    /// checked and found no `Presence.ReadWrite.All`).
    ReadOnly { upn: String, verifiable: bool },
    /// Writing is granted; no user consent is stored.
    WriteOnly { write: Write },
    /// A consent must be given again (password changed, revoked, unused, MFA …).
    ReconsentNeeded { consent: Which, code: Option<u32> },
    /// Microsoft cannot be reached; `stage` says where it failed.
    Unreachable { stage: Stage },
    /// The configuration is wrong (tenant, cloud, client id, secret, redirect URI …).
    Misconfigured { setup: Setup, code: Option<u32> },
}

impl Verdict {
    /// The verdict with its personal values (the consenting account, the OS account that reported
    /// the admin consent) passed through `personal`: marked for the log, removed for the support
    /// bundle.
    pub fn redacted(&self, personal: impl Fn(&str) -> String) -> Verdict {
        let write = |w: &Write| match w {
            Write::Verified => Write::Verified,
            Write::Reported { at, by } => Write::Reported {
                at: at.clone(),
                by: personal(by),
            },
        };
        match self {
            Verdict::Authorized { upn, write: w } => Verdict::Authorized {
                upn: personal(upn),
                write: write(w),
            },
            Verdict::ReadOnly { upn, verifiable } => Verdict::ReadOnly {
                upn: personal(upn),
                verifiable: *verifiable,
            },
            Verdict::WriteOnly { write: w } => Verdict::WriteOnly { write: write(w) },
            other => other.clone(),
        }
    }

    /// The exit code of `status`: 0 authorized, 3 auth required or incomplete, 4 re-consent
    /// needed, 5 unreachable, 6 misconfigured.
    pub fn exit_code(&self) -> u8 {
        match self {
            Verdict::Authorized { .. } => 0,
            Verdict::AuthRequired | Verdict::ReadOnly { .. } | Verdict::WriteOnly { .. } => 3,
            Verdict::ReconsentNeeded { .. } => 4,
            Verdict::Unreachable { .. } => 5,
            Verdict::Misconfigured { .. } => 6,
        }
    }

    /// The headline.
    pub fn msg(&self) -> Msg {
        match self {
            Verdict::Authorized {
                upn,
                write: Write::Verified,
            } => Msg::new("verdict-authorized").text("upn", upn),
            Verdict::Authorized {
                upn,
                write: Write::Reported { .. },
            } => Msg::new("verdict-authorized-reported").text("upn", upn),
            Verdict::AuthRequired => Msg::new("status-auth-required"),
            Verdict::ReadOnly {
                upn,
                verifiable: true,
            } => Msg::new("verdict-read-only").text("upn", upn),
            Verdict::ReadOnly {
                upn,
                verifiable: false,
            } => Msg::new("verdict-read-only-unverified").text("upn", upn),
            Verdict::WriteOnly { .. } => Msg::new("verdict-write-only"),
            Verdict::ReconsentNeeded {
                consent: Which::User,
                ..
            } => Msg::new("verdict-reconsent-user"),
            Verdict::ReconsentNeeded {
                consent: Which::Admin,
                ..
            } => Msg::new("verdict-reconsent-admin"),
            Verdict::Unreachable { stage } => Msg::new(match stage {
                Stage::Dns => "verdict-unreachable-dns",
                Stage::Connect => "verdict-unreachable-connect",
                Stage::Proxy => "verdict-unreachable-proxy",
                Stage::Tls => "verdict-unreachable-tls",
                Stage::Timeout => "verdict-unreachable-timeout",
                Stage::Answer => "verdict-unreachable-answer",
                Stage::Interrupted => "verdict-unreachable-interrupted",
                Stage::Redirect => "verdict-unreachable-redirect",
                Stage::Plaintext => "verdict-unreachable-plaintext",
            }),
            Verdict::Misconfigured { setup, .. } => Msg::new(match setup {
                Setup::NoTenant => "verdict-no-tenant",
                Setup::NoClientId => "verdict-no-client-id",
                Setup::China => "cloud-china-warning",
                Setup::Secrets => "verdict-secrets",
                Setup::Microsoft => "verdict-misconfigured",
            }),
        }
    }

    /// A few words for the status line.
    pub fn short(&self) -> Msg {
        Msg::new(match self {
            Verdict::Authorized { .. } => "short-authorized",
            Verdict::AuthRequired => "status-auth-required",
            Verdict::ReadOnly { .. } => "short-read-only",
            Verdict::WriteOnly { .. } => "short-write-only",
            Verdict::ReconsentNeeded { .. } => "short-reconsent",
            Verdict::Unreachable { .. } => "short-unreachable",
            Verdict::Misconfigured { .. } => "short-misconfigured",
        })
    }
}
