//! A use case's failure (issue 36 §1): Microsoft's — the protocol's [`FlowError`] — or the
//! folder's (a file not read or written, the secrets file, msteams.cfg changed meanwhile, a stored
//! credential that cannot be used). Every variant says itself in the window's language; what it
//! means for the verdict is [`Error::meaning`].

use crate::base::i18n::Msg;
use crate::microsoft::client::{MsError, RequestError};
use crate::microsoft::flows::FlowError;
use crate::microsoft::meaning::{self, Meaning};
use crate::model::secrets::UpdateError;

/// Why a use case did not finish.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Microsoft's side: a request, the browser, a token, the protocol.
    #[error(transparent)]
    Microsoft(#[from] FlowError),
    /// A file of the folder could not be read or written (or its lock not taken): what and why.
    #[error("{0:?}")]
    Folder(Msg),
    /// msteams.cfg could not be saved (nothing was written): why.
    #[error("{0}")]
    Save(#[from] crate::ops::store::SaveFailure),
    /// The secrets file could not be read or written.
    #[error("{0}")]
    Secrets(#[from] UpdateError),
    /// msteams.cfg names another tenant, cloud or app than when the sign-in began (`config set`
    /// or the window changed it meanwhile): what Microsoft gave is for the old one and is not
    /// stored.
    #[error("msteams.cfg was changed during the sign-in")]
    ConfigChanged,
    /// The stored client secret or certificate cannot be used (or a new certificate not made):
    /// the library's words.
    #[error("the app's credential cannot be used: {0}")]
    Credential(String),
    /// A new certificate for the app could not be made (the library's words).
    #[error("no certificate could be made: {0}")]
    Certificate(String),
    /// Renewing or removing needs an app registration this pane created; there is none.
    #[error("no app registration created by this pane")]
    NoRegistration,
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Microsoft(e.into())
    }
}

impl From<crate::microsoft::loopback::WaitError> for Error {
    fn from(e: crate::microsoft::loopback::WaitError) -> Self {
        Error::Microsoft(e.into())
    }
}

impl From<RequestError> for Error {
    fn from(e: RequestError) -> Self {
        Error::Microsoft(e.into())
    }
}

/// A listing's or a presence read's failure: Microsoft's as the protocol's, this side's as said.
impl From<Error> for crate::microsoft::graph::TenantError {
    fn from(e: Error) -> Self {
        match e {
            Error::Microsoft(f) => Self::Flow(f),
            other => Self::Local(other.msgs()),
        }
    }
}

impl Error {
    /// What to tell the administrator.
    pub fn msgs(&self) -> Vec<Msg> {
        match self {
            Error::Microsoft(e) => e.msgs(),
            Error::Folder(m) => vec![m.clone()],
            Error::Save(e) => e.msgs(),
            Error::Secrets(e) => vec![e.msg()],
            Error::ConfigChanged => vec![Msg::new("consent-config-changed")],
            Error::Credential(detail) => {
                vec![Msg::new("ops-credential-unusable").text("detail", detail)]
            }
            Error::NoRegistration => vec![Msg::new("ops-no-registration")],
            Error::Certificate(detail) => {
                vec![Msg::new("ops-certificate-not-made").text("detail", detail)]
            }
        }
    }

    /// What it means for the verdict (see [`crate::microsoft::meaning`]).
    pub fn meaning(&self) -> Meaning {
        match self {
            Error::Microsoft(e) => meaning::of(e),
            Error::Folder(_) | Error::Secrets(_) | Error::Credential(_) => Meaning::Secrets,
            Error::Save(_) => Meaning::Configure,
            Error::NoRegistration | Error::Certificate(_) => Meaning::Secrets,
            Error::ConfigChanged => Meaning::Configure,
        }
    }

    /// Whether the administrator stopped it ("Abbrechen", Escape, Ctrl+C): not a failure.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Error::Microsoft(e) if e.is_cancelled())
    }

    /// Microsoft's error, where it was one.
    pub fn microsoft(&self) -> Option<&MsError> {
        match self {
            Error::Microsoft(e) => e.microsoft(),
            _ => None,
        }
    }

    /// The protocol's error, where it was one.
    pub fn flow(&self) -> Option<&FlowError> {
        match self {
            Error::Microsoft(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{Lang, Texts};

    #[test]
    fn the_folders_failures_mean_the_secrets_or_the_configuration_and_say_so_in_both_languages() {
        let cases = [
            (
                Error::Folder(Msg::new("consent-config-changed")),
                Meaning::Secrets,
            ),
            (Error::ConfigChanged, Meaning::Configure),
            (Error::Credential("bad key".into()), Meaning::Secrets),
            (Error::NoRegistration, Meaning::Secrets),
            (Error::Certificate("rcgen".into()), Meaning::Secrets),
            (
                Error::Secrets(UpdateError::read(
                    std::path::Path::new("config/msteams.secrets.json"),
                    crate::model::secrets::SecretsError::Io(std::io::Error::other("x")),
                )),
                Meaning::Secrets,
            ),
            (
                Error::Save(crate::ops::store::SaveFailure::Read(Msg::new(
                    "consent-config-changed",
                ))),
                Meaning::Configure,
            ),
        ];
        for (e, m) in cases {
            assert_eq!(e.meaning(), m, "{e:?}");
            for lang in [Lang::De, Lang::En] {
                let t = Texts::new(lang);
                let said: Vec<String> = e.msgs().iter().map(|m| t.msg(m)).collect();
                assert!(
                    said.iter().all(|s| !s.is_empty() && !s.contains("ops-")),
                    "{said:?}"
                );
            }
        }
        let de = Texts::new(Lang::De).msg(&Error::NoRegistration.msgs()[0]);
        assert!(de.contains("App-Registrierung"), "{de}");
    }

    #[test]
    fn only_a_stopped_browser_wait_is_cancelled() {
        use crate::microsoft::loopback::WaitError;
        assert!(Error::from(WaitError::Cancelled).is_cancelled());
        assert!(!Error::ConfigChanged.is_cancelled());
        assert!(!Error::from(FlowError::Missing("Presence.Read.All")).is_cancelled());
    }
}
