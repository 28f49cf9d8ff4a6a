//! The secrets file beside msteams.cfg (`config/msteams.secrets.json`): refresh token and client
//! secret. Readable by the owner only (0600 on Unix), written atomically, never mixed into
//! msteams.cfg (administrators mail that file to support), never printed.

use crate::base::files::{FileMode, SaveError, Snapshot};
use std::fmt;
use std::path::Path;

/// A token, authorization code, verifier or client secret in memory: `Debug` shows its length
/// only, and the bytes are wiped when it is dropped. `expose` is the one way to read it.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Secret(<{} characters, redacted>)",
            self.0.chars().count()
        )
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// What the consent flows store for the UCServer service.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Secrets {
    /// Delegated refresh token from "Zustimmung des Benutzers".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Client secret of an own app registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Certificate credential of an own app registration (certificate and private key); used
    /// instead of the client secret when both are stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate: Option<CertificateCredential>,
    /// The app registration the pane created, and its current credential (for renewal and
    /// removal; not secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<RegistrationInfo>,
    /// Who gave "Zustimmung des Benutzers", when, and what was granted (not secret; kept here
    /// beside the token it belongs to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_consent: Option<UserConsentInfo>,
    /// The last "Zustimmung des Administrators" Microsoft reported (not secret; kept beside the
    /// user consent, not in msteams.cfg).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_consent: Option<AdminConsentInfo>,
    /// Keys written by other tools or later versions, kept as they are.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// A certificate credential: the certificate and its private key (base64 of DER / PKCS#8).
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateCredential {
    pub certificate: String,
    pub private_key: String,
    /// SHA-1 thumbprint in hex, as the Entra admin center shows it.
    pub thumbprint: String,
    /// RFC 3339.
    pub start_date_time: String,
    /// RFC 3339.
    pub end_date_time: String,
}

/// What the pane created in Entra ID ("App-Registrierung anlegen").
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationInfo {
    /// The application object's id (Graph's `/applications/{id}`).
    pub app_object_id: String,
    /// The application (client) id.
    pub client_id: String,
    pub display_name: String,
    /// The tenant it was created in, as configured.
    pub tenant: String,
    /// `certificate` or `secret`.
    pub credential: String,
    /// The credential's `keyId` in Entra ID.
    pub key_id: String,
    /// RFC 3339: when the credential ends.
    pub end_date_time: String,
    /// RFC 3339.
    pub created_at: String,
    pub os_account: String,
    /// `u8sClientId` before the app was created (set back when it is removed).
    #[serde(default)]
    pub previous_client_id: String,
}

/// The record of a user consent.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserConsentInfo {
    pub upn: String,
    pub object_id: String,
    /// RFC 3339.
    pub consented_at: String,
    /// The delegated permissions of the last token (`scp`).
    pub scopes: Vec<String>,
    /// RFC 3339: the last time the refresh token was used.
    pub last_refresh: String,
    /// The application (client) id the refresh token was issued to (empty in records written
    /// before it was kept): `app remove` forgets the token of the app it removes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub client_id: String,
}

/// The record of an admin consent as Microsoft reported it to the pane's redirect.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminConsentInfo {
    /// The tenant as configured when the consent was given (`u8sTenantId`).
    pub configured_tenant: String,
    /// The tenant Microsoft named in its answer (its id).
    pub tenant: String,
    /// The application (client) id the consent was given for.
    pub client_id: String,
    /// What was granted (Microsoft's `scope`, e.g. `https://graph.microsoft.com/.default`).
    pub scope: String,
    /// RFC 3339.
    pub consented_at: String,
    /// The operating-system account that ran the pane: Microsoft's answer does not name the
    /// administrator who signed in.
    pub os_account: String,
}

impl AdminConsentInfo {
    /// Whether this record is about the app and tenant configured now.
    pub fn applies_to(&self, tenant: &str, client_id: &str) -> bool {
        self.client_id.eq_ignore_ascii_case(client_id.trim())
            && self.configured_tenant.eq_ignore_ascii_case(tenant.trim())
    }
}

/// The account the pane runs as, for records of who did what: the system's name of the process's
/// user (`getpwuid_r` on Unix, `GetUserNameW` on Windows — not the USER/USERNAME variables a
/// scheduled task or a service may lack), as `DOMAIN\user` on Windows where the domain is known;
/// the variables only where the system does not answer.
pub fn os_account() -> String {
    let var = |k| std::env::var(k).unwrap_or_default();
    let user = whoami::fallible::username()
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| match var("USERNAME") {
            u if !u.is_empty() => u,
            _ => var("USER"),
        });
    match var("USERDOMAIN") {
        d if cfg!(windows) && !d.is_empty() && !user.is_empty() => format!("{d}\\{user}"),
        _ => user,
    }
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |v: &Option<String>| if v.is_some() { "<set>" } else { "<none>" };
        f.debug_struct("Secrets")
            .field("refresh_token", &shown(&self.refresh_token))
            .field("client_secret", &shown(&self.client_secret))
            .field(
                "client_certificate",
                &self
                    .client_certificate
                    .as_ref()
                    .map(|c| c.thumbprint.clone()),
            )
            .field("registration", &self.registration)
            .field("user_consent", &self.user_consent)
            .field("admin_consent", &self.admin_consent)
            .field("other_keys", &self.other.len())
            .finish()
    }
}

/// Why the secrets file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("line {line}, column {column}: {detail}")]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
}

impl SecretsError {
    /// Whether the file was read but what it holds is unusable (too large, no text, no JSON) —
    /// as opposed to a file that could not be opened.
    pub fn is_unreadable_content(&self) -> bool {
        match self {
            SecretsError::Syntax { .. } => true,
            SecretsError::Io(e) => crate::base::files::limits::Refused::of(e).is_some(),
        }
    }

    /// What to tell the administrator, in the window's language (a refusal by size or content
    /// through its own text, never the library's English).
    pub fn msg(&self, path: &Path) -> crate::base::i18n::Msg {
        use crate::base::i18n::Msg;
        match self {
            SecretsError::Io(e) => crate::base::i18n::io_error(path, e),
            SecretsError::Syntax { line, column, .. } => Msg::new("secrets-syntax")
                .text("path", path.display().to_string())
                .num("line", *line)
                .num("column", *column),
        }
    }
}

/// Why the secrets file was not written. Nothing was.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("{0}")]
    Lock(#[from] crate::base::folder::LockError),
    #[error("{source}")]
    Read {
        path: std::path::PathBuf,
        source: SecretsError,
    },
    #[error("{0}")]
    Write(SaveError),
}

impl UpdateError {
    /// The secrets file at `path` could not be read (for the readers outside [`Secrets::update`]
    /// that report through [`crate::microsoft::flows::FlowError::Secrets`]: the pane's text, not
    /// the library's English).
    pub fn read(path: &Path, source: SecretsError) -> Self {
        UpdateError::Read {
            path: path.to_owned(),
            source,
        }
    }

    /// What to tell the administrator.
    pub fn msg(&self) -> crate::base::i18n::Msg {
        use crate::base::i18n::Msg;
        match self {
            UpdateError::Lock(e) => e.msg(),
            UpdateError::Read { path, source } => {
                Msg::new("secrets-unreadable").inner("detail", source.msg(path))
            }
            UpdateError::Write(SaveError::Io { path, source }) => {
                crate::base::i18n::io_error(path, source)
            }
            UpdateError::Write(SaveError::ChangedOnDisk { path }) => {
                Msg::new("secrets-changed").text("path", path.display().to_string())
            }
        }
    }
}

impl Secrets {
    /// Whether a user consent is stored.
    pub fn has_consent(&self) -> bool {
        self.refresh_token.as_deref().is_some_and(|t| !t.is_empty())
    }

    /// Reads the file; a missing file means nothing is stored.
    pub fn load(path: &Path) -> Result<(Snapshot, Secrets), SecretsError> {
        let (snapshot, bytes) = Snapshot::read(path)?;
        let secrets = match &bytes {
            None => Secrets::default(),
            Some(bytes) => serde_json::from_slice(bytes).map_err(|e| SecretsError::Syntax {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            })?,
        };
        Ok((snapshot, secrets))
    }

    /// Writes the file owner-only and atomically, unless it changed since `snapshot`. Private:
    /// every writer (the consent flows, the store, the demo) goes through [`Self::update`].
    fn save(&self, snapshot: &Snapshot) -> Result<Snapshot, SaveError> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("secrets serialise");
        bytes.push(b'\n');
        snapshot.save(&bytes, false, FileMode::OwnerOnly)
    }

    /// Under the folder's lock: reads the file, applies `change`, writes it back owner-only and
    /// atomically — never over a file that changed in between. Every temporary copy of the file
    /// (a killed writer's too, whatever its age) is removed with the write.
    pub fn update(path: &Path, change: impl FnOnce(&mut Secrets)) -> Result<(), UpdateError> {
        Self::update_if(path, |s| {
            change(s);
            true
        })
        .map(|_| ())
    }

    /// [`Self::update`] where `change` decides, on the file as it is under the lock, whether to
    /// write at all (`false`: nothing is written). Returns whether it wrote — the compare and
    /// swap of a rotated refresh token.
    pub fn update_if(
        path: &Path,
        change: impl FnOnce(&mut Secrets) -> bool,
    ) -> Result<bool, UpdateError> {
        let _lock = crate::base::folder::lock_for(path)?;
        let (snapshot, mut secrets) = Secrets::load(path).map_err(|source| UpdateError::Read {
            path: path.to_owned(),
            source,
        })?;
        if !change(&mut secrets) {
            return Ok(false);
        }
        secrets.save(&snapshot).map_err(UpdateError::Write)?;
        Ok(true)
    }

    /// [`Self::update`] for the one change that must happen even when the file cannot be read
    /// ("consent forget", issue 34 §4): a file that is too large, no text or no JSON is replaced,
    /// under the folder's lock, by one holding only what `change` makes of empty secrets — after
    /// `unreadable` was told why. Whatever it held (a token among it) is gone; no copy is kept.
    /// A file that cannot be opened at all (no permission, a folder) is still refused.
    pub fn update_replacing_unreadable(
        path: &Path,
        change: impl FnOnce(&mut Secrets),
        unreadable: impl FnOnce(&SecretsError),
    ) -> Result<(), UpdateError> {
        let _lock = crate::base::folder::lock_for(path)?;
        match Secrets::load(path) {
            Ok((snapshot, mut secrets)) => {
                change(&mut secrets);
                secrets.save(&snapshot).map_err(UpdateError::Write)?;
            }
            Err(e) if e.is_unreadable_content() => {
                unreadable(&e);
                let mut secrets = Secrets::default();
                change(&mut secrets);
                let mut bytes = serde_json::to_vec_pretty(&secrets).expect("secrets serialise");
                bytes.push(b'\n');
                // Forced: what is there cannot be read, so there is nothing to compare it with.
                Snapshot::of(path, None)
                    .save(&bytes, true, FileMode::OwnerOnly)
                    .map_err(UpdateError::Write)?;
            }
            Err(source) => {
                return Err(UpdateError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        }
        Ok(())
    }

    /// Whether others than the owner may read the file (see [`crate::base::platform::readable_by_others`]).
    pub fn readable_by_others(path: &Path) -> bool {
        crate::base::platform::readable_by_others(path)
    }
}

/// What the pane shows of the secrets file (never the secrets themselves).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecretsInfo {
    pub consent_stored: bool,
    pub client_secret_stored: bool,
    pub readable_by_others: bool,
    /// Who gave the user consent, when, and what was granted.
    pub user_consent: Option<UserConsentInfo>,
    /// The admin consent Microsoft reported, when, to whom.
    pub admin_consent: Option<AdminConsentInfo>,
    /// The file exists but cannot be read or parsed: why, in the window's language (issue 34 §13).
    pub error: Option<crate::base::i18n::Msg>,
}

impl SecretsInfo {
    /// Whether `other` holds other grants: a consent given, forgotten or given anew (by this window,
    /// another one, a script's `consent`), a client secret stored or removed — not a refresh token
    /// renewed by a check (which rewrites the file each time).
    pub fn other_grants(&self, other: &SecretsInfo) -> bool {
        let user = |s: &SecretsInfo| {
            s.user_consent
                .as_ref()
                .map(|u| (u.upn.clone(), u.consented_at.clone(), u.client_id.clone()))
        };
        let admin = |s: &SecretsInfo| {
            s.admin_consent.as_ref().map(|a| {
                (
                    a.tenant.clone(),
                    a.client_id.clone(),
                    a.consented_at.clone(),
                )
            })
        };
        self.consent_stored != other.consent_stored
            || self.client_secret_stored != other.client_secret_stored
            || user(self) != user(other)
            || admin(self) != admin(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_secret() {
        let s = Secrets {
            refresh_token: Some("0.AAAA.refreshvalue".into()),
            client_secret: Some("abc~secret".into()),
            ..Default::default()
        };
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("refreshvalue") && !shown.contains("abc~"),
            "{shown}"
        );
    }

    #[test]
    fn round_trip_keeps_unknown_keys_and_is_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("msteams.secrets.json");
        std::fs::write(&path, br#"{"refreshToken":"r1","future":{"a":1}}"#).unwrap();
        let (snap, mut s) = Secrets::load(&path).unwrap();
        assert!(s.has_consent());
        s.client_secret = Some("c1".into());
        s.save(&snap).unwrap();
        let (_, again) = Secrets::load(&path).unwrap();
        assert_eq!(again.refresh_token.as_deref(), Some("r1"));
        assert_eq!(again.client_secret.as_deref(), Some("c1"));
        assert_eq!(again.other["future"]["a"], 1);
        #[cfg(unix)]
        assert!(!Secrets::readable_by_others(&path));
    }
}
