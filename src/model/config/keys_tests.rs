//! The key table's tests: every key written, read back, merged and cleared on its own; one field,
//! one name and one command-line name a key.

use super::*;
use crate::model::config::{parse, render};

/// Settings with every key away from its default, valid for the custom cloud.
fn full() -> Settings {
    let mut s = Settings {
        tenant_id: "contoso.onmicrosoft.com".into(),
        cloud: Cloud::Custom,
        custom_login_url: "http://127.0.0.1:4000".into(),
        custom_graph_url: "http://127.0.0.1:4001".into(),
        client_id: "00000003-0000-0000-c000-000000000000".into(),
        proxy: "proxy.firma.local:8080".into(),
        ..Default::default()
    };
    s.activation.mode = ActivationMode::Users;
    s.activation.groups = vec!["Vertrieb".into()];
    s.activation.users = vec!["max".into(), "erika".into()];
    // A text key defined only in the table gets a value of its own: its test needs no line.
    for key in KEYS {
        if let (Field::Text(_), Value::Text { put, .. }) = (key.field, &key.value) {
            put(&mut s, &format!("{} value", key.name)).unwrap();
        }
    }
    s
}

#[test]
fn every_field_has_one_key_and_every_key_one_field_and_name() {
    for (i, a) in KEYS.iter().enumerate() {
        for b in &KEYS[i + 1..] {
            assert!(a.field != b.field && a.name != b.name, "{a:?} {b:?}");
        }
        assert_eq!(name(a.field), a.name);
    }
    // By the keys' names in the file (the i18n scan would take "tenant-…" for a message id).
    let file_names = |names: Vec<&str>| -> Vec<&str> {
        names.iter().map(|n| by_cli_name(n).unwrap().name).collect()
    };
    assert_eq!(
        file_names(set_names()),
        [
            "u8sTenantId",
            "u8sCloud",
            "u8sClientId",
            "u8sProxyAddress",
            "u8sActivationMode"
        ]
    );
    assert_eq!(
        file_names(clear_names()),
        ["u8sTenantId", "u8sClientId", "u8sProxyAddress"]
    );
}

/// Each key alone: written into an empty file under its name, read back to the same value,
/// taken over by the merge and reset to what a missing key means.
#[test]
fn each_key_is_written_read_and_taken_on_its_own() {
    let all = full();
    for key in KEYS {
        let mut one = Settings::default();
        key.take(&mut one, &all);
        // The custom cloud needs both its URLs, and they count only for it.
        let custom = [Field::Cloud, Field::CustomLoginUrl, Field::CustomGraphUrl];
        if custom.contains(&key.field) {
            for other in [&CLOUD, &CUSTOM_LOGIN_URL, &CUSTOM_GRAPH_URL] {
                other.take(&mut one, &all);
            }
        }
        assert!(!key.same(&one, &Settings::default()), "{key:?}");
        let bytes = render(None, &one).unwrap().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.contains(&format!("\"{}\"", key.name)),
            "{key:?}: {text}"
        );
        let back = parse(Some(&bytes)).unwrap();
        assert_eq!(key.shown_value(&back), key.shown_value(&all), "{key:?}");
        let mut cleared = back.clone();
        key.take(&mut cleared, &Settings::default());
        assert!(key.same(&cleared, &Settings::default()), "{key:?}");
    }
}

#[test]
fn tenant_id_is_compared_without_letter_case_and_set_refuses_empty() {
    let a = Settings {
        tenant_id: "Contoso.onmicrosoft.com".into(),
        ..Default::default()
    };
    let b = Settings {
        tenant_id: "contoso.onmicrosoft.com ".into(),
        ..Default::default()
    };
    assert!(TENANT_ID.same(&a, &b));
    let Cli::Set { set, clear, .. } = TENANT_ID.cli else {
        panic!("tenant-id is set from the command line")
    };
    assert!(clear);
    let mut s = Settings::default();
    let e = set(&mut s, "common", &SetArgs::default()).unwrap_err();
    assert_eq!(e.field, Field::TenantId);
}

#[test]
fn cloud_and_mode_are_shown_by_name_and_refuse_unknown_values_in_the_file() {
    assert_eq!(CLOUD.named_value("usgov"), Some("cloud-usgov"));
    assert_eq!(
        ACTIVATION_MODE.named_value("users"),
        Some("activation-users")
    );
    assert_eq!(PROXY.named_value("x:1"), None);
    let e = parse(Some(br#"{"u8sCloud": "mars"}"#)).unwrap_err();
    assert_eq!(e.msg().id, "cfg-error-value");
    let e = parse(Some(br#"{"u8sActivationMode": 3}"#)).unwrap_err();
    assert_eq!(e.msg().id, "cfg-error-type");
}

#[test]
fn custom_urls_are_checked_only_for_the_custom_cloud() {
    let mut s = Settings {
        custom_login_url: "not a url".into(),
        ..Default::default()
    };
    assert!(s.problems().is_empty());
    s.cloud = Cloud::Custom;
    let fields: Vec<Field> = s.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, [Field::CustomLoginUrl, Field::CustomGraphUrl]);
    assert_eq!(CUSTOM_LOGIN_URL.cli_name(), None);
}

#[test]
fn an_empty_proxy_removes_the_key() {
    let file = br#"{"u8sProxyAddress": "old:1", "x": 1}"#;
    let mut s = parse(Some(file)).unwrap();
    s.proxy.clear();
    let out = render(Some(file), &s).unwrap().unwrap();
    assert!(!String::from_utf8(out).unwrap().contains("u8sProxyAddress"));
}

#[test]
fn only_the_activation_lists_are_personal_and_set_with_the_mode() {
    let personal: Vec<&str> = KEYS.iter().filter(|k| k.personal).map(|k| k.name).collect();
    assert_eq!(personal, ["au8sActivationGroups", "au8sActivationUsers"]);
    let mut s = Settings::default();
    set_activation(&mut s, "groups: Vertrieb, Technik", &SetArgs::default()).unwrap();
    assert_eq!(s.activation.groups, ["Vertrieb", "Technik"]);
    assert!(set_activation(&mut s.clone(), "global:a", &SetArgs::default()).is_err());
    assert_eq!(
        (ACTIVATION_USERS.show)(&s),
        None,
        "the lists show inside the mode's line"
    );
    assert_eq!(
        (ACTIVATION_MODE.show)(&s),
        Some(Shown::Text {
            id: "activation-groups",
            suffix: " (Vertrieb, Technik)".into()
        })
    );
}

/// A key defined only in the table (its value in `Settings::texts`, no field of its own): taken,
/// compared and shown like any other; an empty value is no entry, so settings without it equal
/// the defaults.
#[test]
fn a_table_only_text_key_keeps_its_value_by_name() {
    const NOTE: Key = Key {
        field: Field::Text("field-proxy"),
        name: "u8sNote",
        read_at_start: true,
        personal: false,
        value: Value::Text {
            get: |s| s.text("u8sNote"),
            put: |s, v| {
                s.set_text("u8sNote", v);
                Ok(())
            },
            default: "",
            empty_removes: true,
            ignore_case: false,
            named: None,
            check: None,
        },
        show: |s| Some(Shown::Value(s.text("u8sNote").to_owned())),
        cli: Cli::None,
        row: Row::Text {
            section: Section::Proxy,
            hint: "hint-proxy",
        },
    };
    let mut all = Settings::default();
    let Value::Text { put, .. } = &NOTE.value else {
        unreachable!()
    };
    put(&mut all, "hallo").unwrap();
    let mut one = Settings::default();
    NOTE.take(&mut one, &all);
    assert_eq!(one.text("u8sNote"), "hallo");
    assert!(!NOTE.same(&one, &Settings::default()));
    assert_eq!(NOTE.shown_value(&one), NOTE.shown_value(&all));
    put(&mut one, "").unwrap();
    assert_eq!(one, Settings::default(), "an empty value is no entry");
    assert_eq!(Field::Text("field-proxy").label_id(), "field-proxy");
}
