//! The HTML pages a browser sees: sign-in with consent, admin consent, and Microsoft-style error
//! pages. Built with maud, which escapes every value.

use maud::{DOCTYPE, Markup, html};

/// German when the browser prefers it, English otherwise.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PageLang {
    De,
    En,
}

impl PageLang {
    pub fn from_accept_language(header: Option<&str>) -> Self {
        match header {
            Some(h) if h.trim_start().to_ascii_lowercase().starts_with("de") => PageLang::De,
            _ => PageLang::En,
        }
    }

    fn t(self, en: &'static str, de: &'static str) -> &'static str {
        match self {
            PageLang::En => en,
            PageLang::De => de,
        }
    }
}

/// What a permission allows, in words (as the consent screen lists it).
pub fn describe(scope: &str, lang: PageLang) -> String {
    let (en, de) = match scope {
        "openid" => ("Sign you in", "Sie anmelden"),
        "profile" => ("View your basic profile", "Ihr Basisprofil anzeigen"),
        "email" => ("View your email address", "Ihre E-Mail-Adresse anzeigen"),
        "offline_access" => (
            "Maintain access to data you have given it access to",
            "Zugriff auf Daten beibehalten, für die Sie Zugriff erteilt haben",
        ),
        "User.Read" => (
            "Sign in and read your profile",
            "Anmelden und Ihr Profil lesen",
        ),
        "User.ReadBasic.All" => (
            "Read all users' basic profiles",
            "Grundlegende Profile aller Benutzer lesen",
        ),
        "User.Read.All" => (
            "Read all users' full profiles",
            "Vollständige Profile aller Benutzer lesen",
        ),
        "Presence.Read.All" => (
            "Read presence information of all users in your organization",
            "Anwesenheitsinformationen aller Benutzer in Ihrer Organisation lesen",
        ),
        "Presence.ReadWrite.All" => (
            "Read and write presence information for all users",
            "Anwesenheitsinformationen aller Benutzer lesen und schreiben",
        ),
        other => return other.to_owned(),
    };
    lang.t(en, de).to_owned()
}

fn page(lang: PageLang, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(match lang { PageLang::De => "de", PageLang::En => "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (CSS) }
            }
            body {
                main {
                    p.brand { "Microsoft (" (lang.t("local emulator", "lokaler Emulator")) ")" }
                    (body)
                }
            }
        }
    }
}

const CSS: &str = "body{font-family:Segoe UI,Helvetica,Arial,sans-serif;background:#f2f2f2;margin:0}\
main{max-width:440px;margin:48px auto;background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}\
.brand{color:#737373;font-size:14px}h1{font-size:22px;font-weight:600}\
label{display:block;margin-top:12px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:6px;font-size:15px}\
ul{padding-left:20px}.error{color:#a80000}.buttons{margin-top:20px;display:flex;flex-direction:row-reverse;gap:8px}\
button{padding:6px 18px;font-size:15px}button.primary{background:#0067b8;color:#fff;border:0}";

/// The sign-in and consent page of the authorization endpoint.
pub struct SignIn<'a> {
    pub lang: PageLang,
    pub app_name: &'a str,
    pub tenant_name: &'a str,
    pub login_hint: &'a str,
    /// Every query parameter, sent back as hidden fields.
    pub params: &'a [(String, String)],
    pub scopes: &'a [String],
    pub accounts: &'a [String],
    pub error: Option<&'a str>,
    /// Admin consent page instead of user consent.
    pub admin: bool,
}

pub fn sign_in(p: &SignIn<'_>) -> Markup {
    let l = p.lang;
    let title = if p.admin {
        l.t(
            "Permissions requested – accept for your organization",
            "Angeforderte Berechtigungen – für Ihre Organisation zustimmen",
        )
    } else {
        l.t("Permissions requested", "Angeforderte Berechtigungen")
    };
    page(
        l,
        title,
        html! {
            h1 { (title) }
            p { strong { (p.app_name) } " · " (p.tenant_name) }
            @if let Some(e) = p.error { p.error role="alert" { (e) } }
            form method="post" {
                @for (k, v) in p.params {
                    input type="hidden" name=(k) value=(v);
                }
                label for="username" { (l.t("Account", "Konto")) }
                input type="text" id="username" name="username" list="accounts" value=(p.login_hint) autocomplete="username";
                datalist id="accounts" { @for a in p.accounts { option value=(a) {} } }
                label for="password" { (l.t("Password", "Kennwort")) }
                input type="password" id="password" name="password" autocomplete="current-password";
                p { (l.t("This app would like to:", "Diese App möchte:")) }
                ul { @for s in p.scopes { li { (describe(s, l)) } } }
                @if p.admin {
                    p { (l.t("If you accept, this app gets access to the specified resources for all users in your organization.", "Wenn Sie zustimmen, erhält diese App Zugriff auf die angegebenen Ressourcen für alle Benutzer in Ihrer Organisation.")) }
                }
                // Accept comes first in the document, so that Enter in the password field accepts;
                // the style shows it on the right, as Microsoft does.
                div.buttons {
                    button.primary type="submit" name="action" value="accept" { (l.t("Accept", "Akzeptieren")) }
                    button type="submit" name="action" value="cancel" { (l.t("Cancel", "Abbrechen")) }
                }
            }
        },
    )
}

/// An error Microsoft shows on its own page instead of redirecting (unknown app, unregistered
/// redirect URI, unknown tenant).
pub fn error(lang: PageLang, code: u32, text: &str) -> Markup {
    page(
        lang,
        lang.t(
            "Sorry, but we're having trouble signing you in.",
            "Leider können wir Sie nicht anmelden.",
        ),
        html! {
            h1 { (lang.t("Sorry, but we're having trouble signing you in.", "Leider können wir Sie nicht anmelden.")) }
            p.error { "AADSTS" (code) ": " (text) }
        },
    )
}

/// `response_mode=form_post`: a page whose form the browser posts to the redirect URI at once,
/// carrying the answer in the body, as Microsoft's page does.
pub fn form_post(action: &str, params: &[(&str, &str)]) -> Markup {
    html! {
        (DOCTYPE)
        html {
            head { title { "Working..." } }
            body onload="document.forms[0].submit()" {
                form method="POST" name="hiddenform" action=(action) {
                    @for (name, value) in params {
                        input type="hidden" name=(name) value=(value);
                    }
                    noscript {
                        p { "Script is disabled. Click Submit to continue." }
                        input type="submit" value="Submit";
                    }
                }
            }
        }
    }
}
