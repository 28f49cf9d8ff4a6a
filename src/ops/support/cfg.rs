//! msteams.cfg as the support bundle carries it: by allow-list. The keys the pane knows keep their
//! values (the activation's users and groups only with personal data; a user name and password in
//! a proxy or login address never); every other key — a service password, a proxy credential, a
//! token another tool stored — is kept by name with its value replaced by its length. A file that
//! cannot be read as JSON goes in as where it is broken, never as its text; one the pane cannot
//! use is named in `msteams-cfg-problem.json` ([`entries`]).

use super::scrub::removed;
use crate::model::audit::is_personal_key;
use crate::model::config::keys::KEYS;
use serde_json::Value;

/// The bundle's msteams.cfg for the file's `text`.
pub fn allowed(text: &str, personal_data: bool) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let map = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return unreadable("the file is JSON but not an object", text),
        Err(e) => {
            let why = format!("not JSON: {e}");
            return unreadable(&why, text);
        }
    };
    let out: serde_json::Map<String, Value> = map
        .into_iter()
        .map(|(key, value)| {
            let value = if !KEYS.iter().any(|k| k.name == key) {
                Value::String(removed(&shown(&value)))
            } else if is_personal_key(&key) && !personal_data {
                names_removed(value)
            } else {
                known(value)
            };
            (key, value)
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&out).expect("serialises");
    json.push('\n');
    json
}

/// The bundle's files for msteams.cfg as read (`cfg`): the file by allow-list where it could be
/// read, and — where the pane cannot use it (too large, not text, no JSON, a wrong type …) —
/// `msteams-cfg-problem.json`: where it is broken (line, column) and what, in the pane's English
/// words, never a value of the file (issue 34 §14: it may hold secrets).
pub fn entries(
    cfg: &std::io::Result<Option<Vec<u8>>>,
    personal_data: bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let en = crate::base::i18n::Texts::new(crate::base::i18n::Lang::En);
    let problem = match cfg {
        Ok(None) => None,
        Ok(Some(bytes)) => {
            let text = String::from_utf8_lossy(bytes);
            let error = crate::model::config::parse(Some(bytes)).err();
            let mut cfg = allowed(&text, personal_data);
            if let Some(key) = error.as_ref().and_then(offending_key) {
                cfg = without_key_value(&cfg, key);
            }
            out.push(("msteams.cfg".to_owned(), cfg));
            error.map(|e| {
                let (line, column) = e.position();
                serde_json::json!({
                    "line": line,
                    "column": column,
                    "problem": en.msg(&without_value(&e)),
                })
            })
        }
        Err(e) => {
            let path = std::path::Path::new("msteams.cfg");
            Some(serde_json::json!({ "problem": en.msg(&crate::base::i18n::io_error(path, e)) }))
        }
    };
    if let Some(p) = problem {
        let mut json = serde_json::to_string_pretty(&p).expect("serialises");
        json.push('\n');
        out.push(("msteams-cfg-problem.json".to_owned(), json));
    }
    out
}

/// The key whose value the pane cannot use (a wrong type, an unknown value).
fn offending_key(e: &crate::model::config::ConfigError) -> Option<&'static str> {
    use crate::model::config::ConfigError;
    match e {
        ConfigError::WrongType { key, .. } | ConfigError::UnknownValue { key, .. } => Some(key),
        _ => None,
    }
}

/// The bundle's msteams.cfg (`cfg`, as [`allowed`] wrote it) with the value of `key` replaced by
/// its length: a value the pane cannot read is no known value (a secret pasted into the wrong
/// key, say).
fn without_key_value(cfg: &str, key: &str) -> String {
    let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(cfg) else {
        return cfg.to_owned();
    };
    if let Some(v) = map.get_mut(key) {
        *v = Value::String(removed(&shown(v)));
    }
    let mut json = serde_json::to_string_pretty(&map).expect("serialises");
    json.push('\n');
    json
}

/// The message of `e` with the one value of the file it may quote (an unknown value) replaced by
/// its length.
fn without_value(e: &crate::model::config::ConfigError) -> crate::base::i18n::Msg {
    use crate::model::config::ConfigError;
    match e {
        ConfigError::UnknownValue {
            key,
            value,
            line,
            column,
        } => ConfigError::UnknownValue {
            key,
            value: removed(value),
            line: *line,
            column: *column,
        }
        .msg(),
        other => other.msg(),
    }
}

/// What stands in place of a file that is no JSON object: why, and its size.
fn unreadable(why: &str, text: &str) -> String {
    let note = serde_json::json!({
        "unreadable": format!("msteams.cfg could not be read ({why}); its text is left out, it may hold secrets"),
        "characters": text.chars().count(),
    });
    serde_json::to_string_pretty(&note).expect("serialises") + "\n"
}

/// A value as written in the file (a string without its quotes).
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The activation's users or groups: each name by its length.
fn names_removed(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| Value::String(removed(&shown(v))))
                .collect(),
        ),
        other => Value::String(removed(&shown(&other))),
    }
}

/// A known key's value as it is, but for what a known key should never hold: the user name and
/// password of an address (`user:pw@proxy:8080`, `https://user:pw@host`) and nested objects.
fn known(value: Value) -> Value {
    match value {
        Value::String(s) => Value::String(without_user_info(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(known).collect()),
        Value::Object(_) => Value::String(removed(&value.to_string())),
        other => other,
    }
}

/// `user:pw@host:port` → `<removed: 7 characters>@host:port` (with or without a scheme).
fn without_user_info(s: &str) -> String {
    let after_scheme = s.find("://").map_or(0, |i| i + 3);
    let host_part_end = s[after_scheme..]
        .find('/')
        .map_or(s.len(), |i| after_scheme + i);
    match s[after_scheme..host_part_end].rfind('@') {
        Some(at) => {
            let at = after_scheme + at;
            format!(
                "{}{}{}",
                &s[..after_scheme],
                removed(&s[after_scheme..at]),
                &s[at..]
            )
        }
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_keep_their_values_others_only_their_names() {
        let cfg = r#"{"u8sTenantId": "musterfirma.onmicrosoft.com", "u8sServicePassword": "Geheim-Passwort-12345",
            "u8sProxyAddress": "jsmith:pw@proxy.local:8080", "au8sActivationUsers": ["jsmith", "Max Mustermann"],
            "nested": {"token": "abc"}, "u8sActivationMode": "users"}"#;
        let v: Value = serde_json::from_str(&allowed(cfg, false)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "u8sTenantId": "musterfirma.onmicrosoft.com",
                "u8sServicePassword": "<removed: 21 characters>",
                "u8sProxyAddress": "<removed: 9 characters>@proxy.local:8080",
                "au8sActivationUsers": ["<removed: 6 characters>", "<removed: 14 characters>"],
                "nested": "<removed: 15 characters>",
                "u8sActivationMode": "users",
            })
        );
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys[1], "u8sServicePassword", "the file's order");
        let v: Value = serde_json::from_str(&allowed(cfg, true)).unwrap();
        assert_eq!(v["au8sActivationUsers"][1], "Max Mustermann");

        let broken = allowed("{\"u8sServicePassword\": \"Geheim\", ", false);
        let problem = entries(
            &Ok(Some(b"{\"u8sCloud\": \"Geheim-Wolke\"}".to_vec())),
            false,
        );
        assert_eq!(problem[1].0, "msteams-cfg-problem.json");
        assert!(!problem[1].1.contains("Geheim"), "{problem:?}");
        assert!(problem[1].1.contains("\"line\": 1"), "{problem:?}");
        assert!(!broken.contains("Geheim"), "{broken}");
        assert!(broken.contains("could not be read"), "{broken}");
    }
}
