//! What the support bundle removes from text (the logs above all), after each file has had its
//! personal values removed where they stand: the folder's stored secrets by value; secrets by the
//! key they follow (`refresh_token=`, `client_secret: `, `"assertion":"…"`, `Authorization:
//! Bearer …`), whatever their value looks like; anything shaped like a token (JWTs, private keys,
//! long runs of token characters). Without personal data also the values the pane marked as
//! personal in its log ([`crate::base::logging::personal`]), every name the folder knows (for log lines
//! written before the marks) and what looks like a mail address.

use crate::base::logging::personal;
use crate::model::secrets::Secrets;
use regex_lite::Regex;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// Stands where a secret or token was removed.
pub const SECRET: &str = "<removed: secret>";

/// Stands where a personal value or an unknown setting was removed: its length only.
pub fn removed(value: &str) -> String {
    match value.chars().count() {
        1 => "<removed: 1 character>".to_owned(),
        n => format!("<removed: {n} characters>"),
    }
}

/// A secret after the key it belongs to: `key=value`, `key: value`, `"key": "value"`,
/// `key="value"`, `Authorization: Bearer value`. The key stands alone (not `error_code=`); `code`
/// only as a query or form parameter (`"code": "Forbidden"` is Graph's error, not a secret). An
/// unquoted value never starts with `{` or `[`: a JSON object or list after the key (the password
/// age's `"password": {"lastChange": …}`) is no secret itself, its members are scrubbed by theirs.
static KEYED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?i)(?:^|[^a-z0-9_-])"#,
        r#"(?:(?:refresh_token|access_token|id_token|client_secret|client_assertion|assertion|"#,
        r#"code_verifier|password|passwd|pwd|secret|token|private_key|privatekey|api_key|apikey|"#,
        r#"proxy-authorization|authorization|cookie|set-cookie|x-api-key)"?\s*[:=]\s*|code=)"#,
        r#"("(?:[^"\\]|\\.)*"|'[^']*'|(?:bearer|basic|negotiate|ntlm|digest)\s+[^\s&,;"'<>]+|[^\s&,;"'<>)\]}{\[][^\s&,;"'<>)\]}]*)"#,
    ))
    .expect("a valid pattern")
});

/// A PEM private key, whole.
static PEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\z)")
        .expect("a valid pattern")
});

/// A run of token characters this long is a token or code (refresh tokens and codes are hundreds
/// of characters; GUIDs, trace ids and thumbprints are shorter).
const TOKEN_RUN: usize = 64;

/// Removes the folder's secrets, secrets by key, tokens by shape and — without personal data —
/// names.
pub struct Scrubber {
    secrets: Vec<String>,
    /// The names to remove, lower-cased; `None` keeps names (`--personal-data`).
    names: Option<FxHashSet<String>>,
}

impl Scrubber {
    /// For the folder's `secrets`; `names` are the names the folder knows (see
    /// [`Scrubber::keep_names`] for a bundle with personal data).
    pub fn new(s: &Secrets, names: impl IntoIterator<Item = String>) -> Self {
        let mut secrets: Vec<String> = [s.refresh_token.clone(), s.client_secret.clone()]
            .into_iter()
            .flatten()
            .collect();
        if let Some(c) = &s.client_certificate {
            secrets.push(c.private_key.clone());
        }
        secrets.retain(|x| x.len() >= 8);
        let mut set = FxHashSet::default();
        for name in names {
            add_name(&mut set, &name);
        }
        Self {
            secrets,
            names: Some(set),
        }
    }

    /// Names stay (the administrator chose to include personal data).
    pub fn keep_names(mut self) -> Self {
        self.names = None;
        self
    }

    pub fn clean(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.secrets {
            out = out.replace(s.as_str(), SECRET);
        }
        let out = PEM.replace_all(&out, SECRET);
        let out = remove_jwts(&out);
        let out = KEYED.replace_all(&out, |c: &regex_lite::Captures| {
            let whole = c.get(0).expect("the match");
            let value = c.get(1).expect("the value");
            let key = &whole.as_str()[..value.start() - whole.start()];
            // A quoted value keeps its quotes, an unquoted one after a quoted key gets them
            // (`"password": 42`), and JSON's literals stay: JSON stays JSON.
            let json_key = key.trim_start().starts_with('"') && key.trim_end().ends_with(':');
            match value.as_str().chars().next() {
                Some(q @ ('"' | '\'')) => format!("{key}{q}{SECRET}{q}"),
                _ if json_key && matches!(value.as_str(), "null" | "true" | "false") => {
                    whole.as_str().to_owned()
                }
                _ if json_key => format!("{key}\"{SECRET}\""),
                _ => format!("{key}{SECRET}"),
            }
        });
        let out = remove_token_runs(&out);
        let Some(names) = &self.names else {
            return out;
        };
        let out = personal::replace_marked(&out, removed).into_owned();
        let out = remove_addresses(&out);
        remove_names(&out, names)
    }
}

/// JWTs (three base64url parts starting `eyJ`) replaced.
fn remove_jwts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("eyJ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(tail.len());
        if tail[..end].matches('.').count() >= 2 {
            out.push_str(SECRET);
        } else {
            out.push_str(&tail[..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// `name` and, for a name of several words or a `DOMAIN\user`, each part of it: a log line
/// written before the marks is cut into words to find them.
fn add_name(set: &mut FxHashSet<String>, name: &str) {
    let name = name.trim();
    let mut add = |part: &str| {
        // Shorter words would take common words with them; the marks find short names.
        if part.chars().count() >= 3 {
            set.insert(part.to_lowercase());
        }
    };
    add(name);
    for part in name.split(|c: char| is_separator(c) || c == '\\') {
        add(part);
    }
}

/// What ends a word of a log line when looking for names.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | ','
                | ';'
                | ':'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '='
                | '<'
                | '>'
                | '+'
                | '−'
                | '|'
                | '‹'
                | '›'
                | '„'
                | '“'
                | '”'
        )
}

/// Each word of `text` that is a known name (or a `DOMAIN\name` whose part is) replaced.
fn remove_names(text: &str, names: &FxHashSet<String>) -> String {
    if names.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut word_start = None;
    let flush = |out: &mut String, word: &str| {
        let known = names.contains(&word.to_lowercase())
            || word
                .split('\\')
                .any(|part| names.contains(&part.to_lowercase()));
        if known {
            out.push_str(&removed(word));
        } else {
            out.push_str(word);
        }
    };
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            if let Some(s) = word_start.take() {
                flush(&mut out, &text[s..i]);
            }
            out.push(c);
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(s) = word_start {
        flush(&mut out, &text[s..]);
    }
    out
}

/// Runs of [`TOKEN_RUN`] or more token characters (base64url, `.`, `~`) holding letters and
/// digits: a refresh token, a code or a key that no key names.
fn remove_token_runs(text: &str) -> String {
    let is_token =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '+' | '/' | '=');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_token) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail.find(|c: char| !is_token(c)).unwrap_or(tail.len());
        let run = &tail[..end];
        let looks_like_token = run.len() >= TOKEN_RUN
            && run.bytes().any(|b| b.is_ascii_digit())
            && run.bytes().any(|b| b.is_ascii_alphabetic())
            && !run.contains("//");
        out.push_str(if looks_like_token { SECRET } else { run });
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Words shaped `local@domain.tld` (UPNs, mail addresses) replaced: a net under the names removed
/// by place and by value.
fn remove_addresses(text: &str) -> String {
    let is_word = |c: char| c.is_alphanumeric() || "._-+%'".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let tail = &rest[at + 1..];
        let end = tail.find(|c: char| !is_word(c)).unwrap_or(tail.len());
        let domain = tail[..end].trim_end_matches('.');
        out.push_str(&rest[..start]);
        if start < at && domain.contains('.') {
            out.push_str(&removed(&rest[start..at + 1 + domain.len()]));
            rest = &tail[domain.len()..];
        } else {
            out.push_str(&rest[start..=at]);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_removed_by_value_by_key_and_by_shape() {
        let s = Secrets {
            client_secret: Some("s3cret~value~long".into()),
            ..Default::default()
        };
        let text = "secret s3cret~value~long jwt eyJhbGciOi.eyJzdWIi.sig-1 \
                    url ?code=0.AAA&state=x {\"refresh_token\":\"1.BBB\"} \
                    client_secret: abc8Q~xyz, Authorization: Bearer abc.def error_code=50126 \
                    {\"code\": \"Forbidden\"} assertion=eyJ0.x.y";
        let clean = Scrubber::new(&s, []).keep_names().clean(text);
        assert_eq!(
            clean,
            "secret <removed: secret> jwt <removed: secret> \
             url ?code=<removed: secret>&state=x {\"refresh_token\":\"<removed: secret>\"} \
             client_secret: <removed: secret>, Authorization: <removed: secret> error_code=50126 \
             {\"code\": \"Forbidden\"} assertion=<removed: secret>"
        );
        // Issue 35 §7: JSON stays JSON — an object after a secret's key is kept (its members
        // are scrubbed by their keys), an unquoted value is quoted, a literal kept.
        let json = r#"{"password": {"lastChange": "2026-11-01T08:00:00Z"}, "token": 12345678, "secret": null}"#;
        let clean = Scrubber::new(&s, []).keep_names().clean(json);
        assert_eq!(
            clean,
            r#"{"password": {"lastChange": "2026-11-01T08:00:00Z"}, "token": "<removed: secret>", "secret": null}"#
        );
        serde_json::from_str::<serde_json::Value>(&clean).unwrap();
        let long = format!("token-like {} end", "0.AXo".to_owned() + &"aB3_".repeat(20));
        assert_eq!(
            Scrubber::new(&s, []).clean(&long),
            "token-like <removed: secret> end"
        );
    }

    #[test]
    fn names_are_removed_where_marked_by_value_and_by_shape() {
        let names = ["jsmith", "MUSTERFIRMA\\mmeier", "Max Mustermann", "al"].map(String::from);
        let s = Scrubber::new(&Secrets::default(), names);
        let line = format!(
            "change: {} users: \"jsmith, Max Mustermann\" by MUSTERFIRMA\\mmeier, mmeier, \
             max.muster@firma.de; al stays",
            personal::mark("x")
        );
        assert_eq!(
            s.clean(&line),
            "change: <removed: 1 character> users: \"<removed: 6 characters>, \
             <removed: 3 characters> <removed: 10 characters>\" by \
             <removed: 18 characters>, <removed: 6 characters>, \
             <removed: 19 characters>; al stays"
        );
    }
}
