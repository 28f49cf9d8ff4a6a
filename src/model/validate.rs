//! Validation of what an administrator types: tenant id, client id, proxy, custom URLs, names.
//!
//! Each check returns the value to store (trimmed, normalised) or an [`Invalid`] that names the
//! field, what is wrong and how to fix it (rendered through Fluent in German and English).

use crate::base::i18n::Msg;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The inputs of the pane, each with a label in the Fluent files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    TenantId,
    Cloud,
    CustomLoginUrl,
    CustomGraphUrl,
    ClientId,
    Proxy,
    Activation,
    Groups,
    Users,
    /// A plain text key defined only in the key table (`config::keys`), named by its label's
    /// Fluent id: its value is kept in `Settings::texts`.
    Text(&'static str),
}

impl Field {
    /// The Fluent id of the field's label.
    pub fn label_id(self) -> &'static str {
        match self {
            Field::TenantId => "field-tenant-id",
            Field::Cloud => "field-cloud",
            Field::CustomLoginUrl => "field-custom-login-url",
            Field::CustomGraphUrl => "field-custom-graph-url",
            Field::ClientId => "field-client-id",
            Field::Proxy => "field-proxy",
            Field::Activation => "field-activation",
            Field::Groups => "field-groups",
            Field::Users => "field-users",
            Field::Text(label) => label,
        }
    }
}

/// What is wrong with an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TenantFormat,
    TenantReserved(String),
    GuidFormat,
    ProxyScheme {
        stripped: String,
    },
    ProxyCredentials,
    ProxyMissingPort,
    ProxyPort(String),
    ProxyHost(String),
    /// A bare IPv6 address; `suggestion` is the bracketed form, offered for one click only when
    /// the port was given (`complete`), otherwise shown as an example.
    ProxyIpv6Brackets {
        suggestion: String,
        complete: bool,
    },
    UrlFormat,
    UrlNotHttps,
    NameSpaces,
    NameDuplicate(String),
    UnknownValue {
        value: String,
        allowed: &'static str,
    },
    /// A control character (ESC, BEL, a line break …) at this character position (from 1): it
    /// would steer a terminal or forge a log line, and no name holds one.
    ControlChar {
        position: usize,
        code: String,
    },
    /// `config set KEY ""`: usually a script's empty variable; clearing is `config clear KEY`.
    EmptyUseClear {
        key: String,
    },
}

/// An input that cannot be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: Field,
    pub problem: Problem,
}

impl Invalid {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }

    /// The message: names the field, says what is wrong and how to fix it.
    pub fn msg(&self) -> Msg {
        let m = |id| Msg::new(id).reference("field", self.field.label_id());
        match &self.problem {
            Problem::Required => m("invalid-required"),
            Problem::TenantFormat => m("invalid-tenant-format"),
            Problem::TenantReserved(v) => m("invalid-tenant-reserved").text("value", v),
            Problem::GuidFormat => m("invalid-guid"),
            Problem::ProxyScheme { stripped } => m("invalid-proxy-scheme").text("value", stripped),
            Problem::ProxyCredentials => m("invalid-proxy-credentials"),
            Problem::ProxyMissingPort => m("invalid-proxy-missing-port"),
            Problem::ProxyPort(p) => m("invalid-proxy-port").text("value", p),
            Problem::ProxyHost(h) => m("invalid-proxy-host").text("value", h),
            Problem::ProxyIpv6Brackets { suggestion, .. } => {
                m("invalid-proxy-ipv6").text("value", suggestion)
            }
            Problem::UrlFormat => m("invalid-url"),
            Problem::UrlNotHttps => m("invalid-url-https"),
            Problem::NameSpaces => m("invalid-name-spaces"),
            Problem::NameDuplicate(v) => m("invalid-name-duplicate").text("value", v),
            Problem::UnknownValue { value, allowed } => m("invalid-unknown-value")
                .text("value", value)
                .text("allowed", *allowed),
            Problem::ControlChar { position, code } => m("invalid-control-char")
                .num("position", *position)
                .text("code", code),
            Problem::EmptyUseClear { key } => m("invalid-empty-use-clear").text("key", key),
        }
    }

    /// A corrected value the pane can offer to take over with one click.
    pub fn suggestion(&self) -> Option<&str> {
        match &self.problem {
            Problem::ProxyScheme { stripped } => Some(stripped),
            Problem::ProxyIpv6Brackets {
                suggestion,
                complete: true,
            } => Some(suggestion),
            _ => None,
        }
    }
}

/// Whether `s` is a GUID in the 8-4-4-4-12 hex form (braces are not accepted).
pub fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A DNS host name: labels of letters, digits and hyphens (not at either end), 1–63 characters each,
/// 253 in all.
pub fn is_host_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// "Active Directory Tenant ID": a GUID or a verified domain (`contoso.onmicrosoft.com`).
/// Returns the trimmed value; a GUID is written in lower case.
pub fn tenant_id(input: &str) -> Result<String, Invalid> {
    let v = input.trim();
    let err = |p| Err(Invalid::new(Field::TenantId, p));
    if v.is_empty() {
        return err(Problem::Required);
    }
    if is_guid(v) {
        return Ok(v.to_ascii_lowercase());
    }
    if ["common", "organizations", "consumers"].contains(&v.to_ascii_lowercase().as_str()) {
        return err(Problem::TenantReserved(v.to_owned()));
    }
    let looks_like_domain = v.contains('.')
        && is_host_name(v)
        && v.rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    if looks_like_domain {
        Ok(v.to_owned())
    } else {
        err(Problem::TenantFormat)
    }
}

/// The tenant as saved: empty is allowed (nothing configured yet; the window shows a note, and
/// the consents are not offered), otherwise [`tenant_id`]. The one place of this rule, for the
/// window, the save and the command line.
pub fn saved_tenant_id(input: &str) -> Result<String, Invalid> {
    match input.trim() {
        "" => Ok(String::new()),
        v => tenant_id(v),
    }
}

/// Application (client) id of an own app registration: empty (the estos app) or a GUID.
pub fn client_id(input: &str) -> Result<String, Invalid> {
    let v = input.trim();
    if v.is_empty() || is_guid(v) {
        Ok(v.to_ascii_lowercase())
    } else {
        Err(Invalid::new(Field::ClientId, Problem::GuidFormat))
    }
}

/// `u8sProxyAddress`: empty (no proxy) or `host:port` with a host name, an IPv4 address or an IPv6
/// address in brackets, port 1–65535.
///
/// ```
/// use teams_presence_admin::model::validate::{proxy, Problem};
/// assert_eq!(proxy(" 192.168.1.253:1234 ").unwrap(), "192.168.1.253:1234");
/// assert_eq!(proxy("[2001:db8::1]:3128").unwrap(), "[2001:db8::1]:3128");
/// // A pasted URL is refused, with the stripped form to offer.
/// let e = proxy("http://proxy.firma.local:8080/").unwrap_err();
/// assert_eq!(e.suggestion(), Some("proxy.firma.local:8080"));
/// assert_eq!(proxy("proxy:0").unwrap_err().problem, Problem::ProxyPort("0".into()));
/// ```
pub fn proxy(input: &str) -> Result<String, Invalid> {
    let v = input.trim();
    let err = |p| Err(Invalid::new(Field::Proxy, p));
    if v.is_empty() {
        return Ok(String::new());
    }
    if let Some((scheme, rest)) = v.split_once("://") {
        let rest = rest.trim_end_matches('/');
        // Offer the stripped form only when that form is itself valid.
        return match (
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"),
            proxy(rest),
        ) {
            (true, Ok(stripped)) if !stripped.is_empty() => err(Problem::ProxyScheme { stripped }),
            (_, Err(e)) if e.problem != Problem::Required => Err(e),
            _ => err(Problem::ProxyHost(v.to_owned())),
        };
    }
    if v.contains('@') {
        return err(Problem::ProxyCredentials);
    }
    let (host, port) = if let Some(rest) = v.strip_prefix('[') {
        let Some((addr, after)) = rest.split_once(']') else {
            return err(Problem::ProxyHost(v.to_owned()));
        };
        if addr.parse::<Ipv6Addr>().is_err() {
            return err(Problem::ProxyHost(addr.to_owned()));
        }
        match after.strip_prefix(':') {
            Some(port) => (&v[..addr.len() + 2], port),
            None if after.is_empty() => return err(Problem::ProxyMissingPort),
            None => return err(Problem::ProxyHost(v.to_owned())),
        }
    } else if v.matches(':').count() > 1 {
        // A bare IPv6 address, perhaps with a port after the last colon.
        if v.parse::<Ipv6Addr>().is_ok() {
            return err(Problem::ProxyIpv6Brackets {
                suggestion: format!("[{v}]:8080"),
                complete: false,
            });
        }
        if let Some((addr, port)) = v.rsplit_once(':')
            && addr.parse::<Ipv6Addr>().is_ok()
            && port_number(port).is_some()
        {
            return err(Problem::ProxyIpv6Brackets {
                suggestion: format!("[{addr}]:{port}"),
                complete: true,
            });
        }
        return err(Problem::ProxyHost(v.to_owned()));
    } else {
        match v.split_once(':') {
            Some(hp) => hp,
            None => return err(Problem::ProxyMissingPort),
        }
    };
    if !host.starts_with('[') {
        let numeric = host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let ok = if numeric {
            host.parse::<Ipv4Addr>().is_ok()
        } else {
            is_host_name(host)
        };
        if !ok {
            return err(Problem::ProxyHost(host.to_owned()));
        }
    }
    if port.is_empty() {
        return err(Problem::ProxyMissingPort);
    }
    match port_number(port) {
        Some(p) => Ok(format!("{host}:{p}")),
        None => err(Problem::ProxyPort(port.to_owned())),
    }
}

fn port_number(s: &str) -> Option<u16> {
    if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u16>().ok().filter(|&p| p >= 1)
}

/// Whether the host of `url` is this computer (`localhost`, 127.0.0.0/8, ::1).
fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        None => false,
    }
}

/// Whether a request to `url` keeps its secrets off the network in clear text: `https`, or
/// `http` to this computer (the local emulator). Checked when a custom URL is typed and again
/// before any request (a hand-edited msteams.cfg is not validated by the window).
pub fn is_safe_url(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| match u.scheme() {
        "https" => true,
        "http" => is_loopback(&u),
        _ => false,
    })
}

/// A custom cloud's base URL: `https://…`; plain `http` only for loopback (the local emulator).
/// Returns the URL without a trailing slash.
pub fn base_url(field: Field, input: &str) -> Result<String, Invalid> {
    let v = input.trim();
    let err = |p| Err(Invalid::new(field, p));
    if v.is_empty() {
        return err(Problem::Required);
    }
    let Ok(url) = url::Url::parse(v) else {
        return err(Problem::UrlFormat);
    };
    if url.host().is_none() {
        return err(Problem::UrlFormat);
    }
    let loopback = is_loopback(&url);
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return err(Problem::UrlNotHttps),
        _ => return err(Problem::UrlFormat),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return err(Problem::UrlFormat);
    }
    Ok(v.trim_end_matches('/').to_owned())
}

/// A group or user name for the activation lists: no surrounding spaces, not empty, not twice.
pub fn list_entry(field: Field, input: &str, existing: &[String]) -> Result<String, Invalid> {
    let err = |p| Err(Invalid::new(field, p));
    if input.trim().is_empty() {
        return err(Problem::Required);
    }
    control_chars(field, input)?;
    if input.trim() != input {
        return err(Problem::NameSpaces);
    }
    if existing.iter().any(|e| e == input) {
        return err(Problem::NameDuplicate(input.to_owned()));
    }
    Ok(input.to_owned())
}

/// Refuses a value holding a control character (C0, DEL, C1), naming where and which.
pub fn control_chars(field: Field, input: &str) -> Result<(), Invalid> {
    match input.chars().enumerate().find(|(_, c)| c.is_control()) {
        Some((i, c)) => Err(Invalid::new(
            field,
            Problem::ControlChar {
                position: i + 1,
                code: crate::base::escape::symbol(c),
            },
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_a_control_character_is_refused_where_it_stands() {
        let e = list_entry(Field::Users, "bob\u{1b}]0;pwn\u{7}", &[]).unwrap_err();
        assert_eq!(
            e.problem,
            Problem::ControlChar {
                position: 4,
                code: "[ESC]".into()
            }
        );
        assert!(list_entry(Field::Groups, "a\nb", &[]).is_err());
        assert_eq!(list_entry(Field::Users, "jürgen", &[]).unwrap(), "jürgen");
    }

    fn problem<T: std::fmt::Debug>(r: Result<T, Invalid>) -> Problem {
        r.unwrap_err().problem
    }

    #[test]
    fn tenant_accepts_guid_and_domain() {
        assert_eq!(
            tenant_id(" 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ").unwrap(),
            "72f988bf-86f1-41af-91ab-2d7cd011db47"
        );
        assert_eq!(
            tenant_id("contoso.onmicrosoft.com").unwrap(),
            "contoso.onmicrosoft.com"
        );
        assert_eq!(tenant_id("firma-gmbh.de").unwrap(), "firma-gmbh.de");
    }

    #[test]
    fn tenant_rejects_bad_input() {
        assert_eq!(problem(tenant_id("")), Problem::Required);
        assert_eq!(
            problem(tenant_id("72f988bf-86f1-41af-91ab")),
            Problem::TenantFormat
        );
        assert_eq!(problem(tenant_id("contoso")), Problem::TenantFormat);
        assert_eq!(problem(tenant_id("conto so.de")), Problem::TenantFormat);
        assert_eq!(
            problem(tenant_id("common")),
            Problem::TenantReserved("common".into())
        );
        assert_eq!(
            problem(tenant_id("Organizations")),
            Problem::TenantReserved("Organizations".into())
        );
    }

    #[test]
    fn client_id_is_empty_or_guid() {
        assert_eq!(client_id("").unwrap(), "");
        assert!(client_id("00000003-0000-0000-c000-000000000000").is_ok());
        assert_eq!(problem(client_id("estos")), Problem::GuidFormat);
    }

    #[test]
    fn proxy_forms() {
        assert_eq!(proxy("").unwrap(), "");
        assert_eq!(proxy("192.168.1.253:1234").unwrap(), "192.168.1.253:1234");
        assert_eq!(
            proxy("proxy.firma.local:8080").unwrap(),
            "proxy.firma.local:8080"
        );
        assert_eq!(proxy("[2001:db8::1]:3128").unwrap(), "[2001:db8::1]:3128");
        assert_eq!(proxy(" proxy:80 ").unwrap(), "proxy:80");
        assert_eq!(proxy("proxy:00080").unwrap(), "proxy:80");
    }

    #[test]
    fn proxy_problems() {
        assert_eq!(
            problem(proxy("http://proxy.firma.local:8080/")),
            Problem::ProxyScheme {
                stripped: "proxy.firma.local:8080".into()
            }
        );
        assert_eq!(
            problem(proxy("proxy.firma.local")),
            Problem::ProxyMissingPort
        );
        assert_eq!(problem(proxy("proxy:")), Problem::ProxyMissingPort);
        assert_eq!(problem(proxy("proxy:0")), Problem::ProxyPort("0".into()));
        assert_eq!(
            problem(proxy("proxy:65536")),
            Problem::ProxyPort("65536".into())
        );
        assert_eq!(
            problem(proxy("proxy:http")),
            Problem::ProxyPort("http".into())
        );
        assert_eq!(
            problem(proxy("192.168.1.300:80")),
            Problem::ProxyHost("192.168.1.300".into())
        );
        assert_eq!(
            problem(proxy("my_proxy:80")),
            Problem::ProxyHost("my_proxy".into())
        );
        assert_eq!(
            problem(proxy("user:pw@proxy:80")),
            Problem::ProxyCredentials
        );
        let bare = proxy("2001:db8::1").unwrap_err();
        assert_eq!(
            bare.problem,
            Problem::ProxyIpv6Brackets {
                suggestion: "[2001:db8::1]:8080".into(),
                complete: false
            }
        );
        // The port is not invented for a one-click fix; it is only an example in the message.
        assert_eq!(bare.suggestion(), None);
        // Eight groups and a port: unambiguous, offered as it is.
        let with_port = proxy("2001:db8:0:0:0:0:0:1:3128").unwrap_err();
        assert_eq!(with_port.suggestion(), Some("[2001:db8:0:0:0:0:0:1]:3128"));
        assert_eq!(problem(proxy("[2001:db8::1]")), Problem::ProxyMissingPort);
        assert_eq!(
            problem(proxy("[2001:zz::1]:80")),
            Problem::ProxyHost("2001:zz::1".into())
        );
        assert_eq!(problem(proxy("http://proxy")), Problem::ProxyMissingPort);
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            base_url(Field::CustomLoginUrl, "https://login.example.com/").unwrap(),
            "https://login.example.com"
        );
        assert!(base_url(Field::CustomLoginUrl, "http://127.0.0.1:4000").is_ok());
        assert!(base_url(Field::CustomLoginUrl, "http://localhost:4000").is_ok());
        assert_eq!(
            problem(base_url(Field::CustomLoginUrl, "http://login.example.com")),
            Problem::UrlNotHttps
        );
        assert_eq!(
            problem(base_url(Field::CustomGraphUrl, "graph")),
            Problem::UrlFormat
        );
        assert_eq!(
            problem(base_url(Field::CustomGraphUrl, "")),
            Problem::Required
        );
    }

    #[test]
    fn list_entries() {
        let existing = vec!["Vertrieb".to_owned()];
        assert_eq!(
            list_entry(Field::Groups, "Support", &existing).unwrap(),
            "Support"
        );
        assert_eq!(
            problem(list_entry(Field::Groups, "Vertrieb", &existing)),
            Problem::NameDuplicate("Vertrieb".into())
        );
        assert_eq!(
            problem(list_entry(Field::Groups, " x", &existing)),
            Problem::NameSpaces
        );
        assert_eq!(
            problem(list_entry(Field::Users, "  ", &existing)),
            Problem::Required
        );
    }
}

#[cfg(test)]
mod host_name_tests {
    use super::is_host_name;

    #[test]
    fn host_name_rules() {
        for ok in [
            "a",
            "proxy",
            "proxy.firma.local",
            "x-1.example.com",
            &"a".repeat(63),
        ] {
            assert!(is_host_name(ok), "{ok}");
        }
        let long_label = "a".repeat(64);
        let long_name = ["a"; 127].join(".") + ".de";
        for bad in [
            "",
            ".",
            "a.",
            ".a",
            "a..b",
            "-a",
            "a-",
            "a.-b",
            "a-.b",
            "a_b",
            "a b",
            "ä.de",
            long_label.as_str(),
            long_name.as_str(),
        ] {
            assert!(!is_host_name(bad), "{bad}");
        }
    }
}
