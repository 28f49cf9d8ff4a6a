//! Every AADSTS code an administrator meets, with what it means and what to do, in German and
//! English (the texts are `aadsts-…` in the Fluent files).

use crate::base::i18n::Msg;

/// What the administrator has to do about an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Remedy {
    /// Give (or repeat) a consent.
    Consent,
    /// Wait for someone else (an approval).
    Wait,
    /// Sign in again in the browser (MFA, password change) and consent again.
    SignInAgain,
    /// Correct the configuration (tenant, cloud, client id, secret, redirect URI).
    Configure,
    /// Correct what was typed in the browser.
    Credentials,
}

/// The meaning of one AADSTS code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Guidance {
    pub code: u32,
    pub remedy: Remedy,
    msg_id: &'static str,
}

impl Guidance {
    /// The sentence for the administrator: what happened and what to do.
    pub fn msg(&self) -> Msg {
        Msg::new(self.msg_id)
    }
}

/// The codes of Microsoft's reference table this pane explains (and a few more it meets).
pub const KNOWN: [u32; 28] = [
    65001, 65004, 90094, 90095, 50173, 700082, 70008, 70043, 50076, 50079, 50055, 50132, 50133,
    50144, 50126, 700016, 7000215, 7000222, 50011, 90002, 500011, 50057, 7000218, 700027, 700024,
    700021, 700023, 50027,
];

/// The guidance for an AADSTS code; `None` for a code this pane does not know (the pane then
/// shows Microsoft's own text with the trace and correlation ids).
pub fn for_code(code: u32) -> Option<Guidance> {
    use Remedy::*;
    let (remedy, msg_id) = match code {
        65001 => (Consent, "aadsts-65001"),
        65004 => (Consent, "aadsts-65004"),
        90094 => (Configure, "aadsts-90094"),
        90095 => (Wait, "aadsts-90095"),
        50173 => (SignInAgain, "aadsts-50173"),
        700082 => (Consent, "aadsts-700082"),
        70008 => (Consent, "aadsts-70008"),
        70043 => (SignInAgain, "aadsts-70043"),
        50076 => (SignInAgain, "aadsts-50076"),
        50079 => (SignInAgain, "aadsts-50079"),
        50055 => (SignInAgain, "aadsts-50055"),
        50132 | 50133 => (SignInAgain, "aadsts-50133"),
        50144 => (SignInAgain, "aadsts-50144"),
        50126 => (Credentials, "aadsts-50126"),
        50057 => (Credentials, "aadsts-50057"),
        700016 => (Configure, "aadsts-700016"),
        7000215 => (Configure, "aadsts-7000215"),
        7000222 => (Configure, "aadsts-7000222"),
        7000218 => (Configure, "aadsts-7000218"),
        700027 => (Configure, "aadsts-700027"),
        700024 => (Configure, "aadsts-700024"),
        700021 | 700023 | 50027 => (Configure, "aadsts-700023"),
        50011 => (Configure, "aadsts-50011"),
        90002 => (Configure, "aadsts-90002"),
        500011 => (Configure, "aadsts-500011"),
        _ => return None,
    };
    Some(Guidance {
        code,
        remedy,
        msg_id,
    })
}

/// The AADSTS code at the start of an `error_description` (`AADSTS50173: The provided grant…`).
pub fn code_in(description: &str) -> Option<u32> {
    let rest = &description[description.find("AADSTS")? + 6..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{Lang, Texts};

    #[test]
    fn every_known_code_has_a_sentence_in_both_languages_naming_the_code() {
        for lang in Lang::ALL {
            let t = Texts::new(lang);
            for code in KNOWN {
                let g = for_code(code).unwrap_or_else(|| panic!("{code} has no guidance"));
                let text = t.msg(&g.msg());
                assert!(!text.starts_with('['), "{lang:?} {code}: {text}");
                let shown = if code == 50132 { 50133 } else { code };
                assert!(
                    text.contains(&format!("AADSTS{shown}")),
                    "{lang:?} {code}: {text}"
                );
            }
        }
    }

    #[test]
    fn codes_are_read_from_descriptions() {
        assert_eq!(
            code_in("AADSTS50173: The provided grant has expired"),
            Some(50173)
        );
        assert_eq!(code_in("x AADSTS7000222: expired"), Some(7000222));
        assert_eq!(code_in("no code here"), None);
        assert_eq!(for_code(12345), None);
    }
}
