//! msteams.cfg over a corpus of real-world shapes: nothing changes when nothing is edited, one
//! edited value changes only its own bytes, broken files are refused with line and column.

use teams_presence_admin::model::config::{
    self, ActivationMode, Cloud, ConfigError, RenderError, Settings,
};

/// Files as Windows tools and people write them.
const CORPUS: &[(&str, &str)] = &[
    ("minimal", "{}"),
    ("empty-with-newline", "{\n}\n"),
    (
        "nested-unknown",
        r#"{
  "u8sTenantId": "contoso.onmicrosoft.com",
  "objLogging": { "iLevel": 4, "asTargets": ["file", {"kind": "syslog", "port": 514}] },
  "aiPorts": [1, 2, 3],
  "bEnabled": false,
  "nothing": null
}"#,
    ),
    (
        "unicode",
        "{\n\t\"u8sComment\": \"Müller & Söhne – Zürich ✓ \\u00e9\",\n\t\"名前\": \"値\"\n}\n",
    ),
    (
        "bom-crlf",
        "\u{feff}{\r\n    \"u8sProxyAddress\" : \"192.168.1.253:1234\",\r\n    \"iX\": 1\r\n}\r\n",
    ),
    (
        "odd-numbers",
        "{\"a\": 1e3, \"b\": 1.50, \"c\": -0.0, \"d\": 12345678901234567890, \"e\": 1E-7}",
    ),
    (
        "everything-owned",
        r#"{
  "u8sTenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
  "u8sCloud": "usgov",
  "u8sClientId": "11111111-2222-3333-4444-555555555555",
  "u8sProxyAddress": "[2001:db8::1]:3128",
  "u8sActivationMode": "users",
  "au8sActivationGroups": [],
  "au8sActivationUsers": ["max.mustermann@domain.local"]
}"#,
    ),
];

fn bytes_with_bom_handling(s: &str) -> Vec<u8> {
    match s.strip_prefix('\u{feff}') {
        Some(rest) => [b"\xEF\xBB\xBF".as_slice(), rest.as_bytes()].concat(),
        None => s.as_bytes().to_vec(),
    }
}

#[test]
fn unchanged_settings_write_nothing() {
    for (name, text) in CORPUS {
        let bytes = bytes_with_bom_handling(text);
        let settings = config::parse(Some(&bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = config::render(Some(&bytes), &settings).unwrap();
        assert_eq!(out, None, "{name}: rewritten although nothing changed");
    }
}

#[test]
fn one_changed_value_changes_only_its_own_bytes() {
    for (name, text) in CORPUS {
        let bytes = bytes_with_bom_handling(text);
        let mut settings = config::parse(Some(&bytes)).unwrap();
        settings.proxy = "proxy.firma.local:8080".into();
        let out = config::render(Some(&bytes), &settings)
            .unwrap()
            .expect("changed");
        // The result parses, holds the new value and everything else as before.
        let back = config::parse(Some(&out)).unwrap();
        assert_eq!(back.proxy, "proxy.firma.local:8080", "{name}");
        let before: serde_json::Value = serde_json::from_slice(strip_bom(&bytes)).unwrap();
        let after: serde_json::Value = serde_json::from_slice(strip_bom(&out)).unwrap();
        let (before, after) = (before.as_object().unwrap(), after.as_object().unwrap());
        for (k, v) in before {
            if k != "u8sProxyAddress" {
                assert_eq!(after.get(k), Some(v), "{name}: key {k}");
            }
        }
        // Key order is kept; a new key goes to the end.
        let keys_before: Vec<_> = before.keys().filter(|k| *k != "u8sProxyAddress").collect();
        let keys_after: Vec<_> = after.keys().filter(|k| *k != "u8sProxyAddress").collect();
        assert_eq!(keys_before, keys_after, "{name}");
        // BOM and line ends as found.
        assert_eq!(
            out.starts_with(b"\xEF\xBB\xBF"),
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{name}"
        );
        let crlf_before = bytes.windows(2).any(|w| w == b"\r\n");
        let lone_lf_after = out
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\n' && (i == 0 || out[i - 1] != b'\r'));
        if crlf_before {
            assert!(!lone_lf_after, "{name}: LF written into a CRLF file");
        }
    }
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

#[test]
fn replacing_a_value_keeps_every_other_byte() {
    let text = "\u{feff}{\r\n  \"iMaxUsers\": 1e3,\r\n  \"u8sProxyAddress\" : \"192.168.1.253:1234\",\r\n  \"dRate\": 1.50\r\n}\r\n";
    let bytes = bytes_with_bom_handling(text);
    let mut s = config::parse(Some(&bytes)).unwrap();
    s.proxy = "10.0.0.1:3128".into();
    let out = config::render(Some(&bytes), &s).unwrap().unwrap();
    let expected = bytes_with_bom_handling(&text.replace("192.168.1.253:1234", "10.0.0.1:3128"));
    assert_eq!(
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&expected)
    );
}

#[test]
fn clearing_the_proxy_removes_the_key() {
    let bytes = b"{\n  \"a\": 1,\n  \"u8sProxyAddress\": \"p:1\",\n  \"b\": 2\n}\n".to_vec();
    let mut s = config::parse(Some(&bytes)).unwrap();
    s.proxy.clear();
    let out = String::from_utf8(config::render(Some(&bytes), &s).unwrap().unwrap()).unwrap();
    assert_eq!(out, "{\n  \"a\": 1,\n  \"b\": 2\n}\n");
}

#[test]
fn all_owned_keys_round_trip() {
    let s = Settings {
        tenant_id: "72f988bf-86f1-41af-91ab-2d7cd011db47".into(),
        cloud: Cloud::Custom,
        custom_login_url: "http://127.0.0.1:4000".into(),
        custom_graph_url: "http://127.0.0.1:4000/graph".into(),
        client_id: "11111111-2222-3333-4444-555555555555".into(),
        proxy: "[::1]:8080".into(),
        activation: config::Activation {
            mode: ActivationMode::Groups,
            groups: vec!["Vertrieb".into(), "Süd \"Team\"".into()],
            users: vec!["a@b.de".into()],
        },
        texts: Default::default(),
    };
    let out = config::render(None, &s).unwrap().unwrap();
    assert_eq!(config::parse(Some(&out)).unwrap(), s);
    assert!(out.ends_with(b"\n"));
}

#[test]
fn new_file_gets_only_non_default_keys() {
    let s = Settings {
        tenant_id: "contoso.de".into(),
        ..Default::default()
    };
    let out = String::from_utf8(config::render(None, &s).unwrap().unwrap()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v, serde_json::json!({"u8sTenantId": "contoso.de"}));
}

#[test]
fn comments_and_trailing_commas_are_refused_with_position() {
    let cases: &[(&str, usize, usize)] = &[
        ("{\n  // proxy\n  \"a\": 1\n}", 2, 3),
        ("{\n  \"a\": 1,\n}", 3, 1),
        ("{\n  \"a\": [1, 2,]\n}", 2, 14),
        ("{\n  /* x */ \"a\": 1\n}", 2, 3),
        ("{\n  'a': 1\n}", 2, 3),
    ];
    for (text, line, column) in cases {
        match config::parse(Some(text.as_bytes())) {
            Err(ConfigError::Syntax {
                line: l, column: c, ..
            }) => {
                assert_eq!((l, c), (*line, *column), "{text:?}");
            }
            other => panic!("{text:?}: expected a syntax error, got {other:?}"),
        }
        // Rendering refuses too: nothing would be written.
        let s = Settings::default();
        assert!(matches!(
            config::render(Some(text.as_bytes()), &s),
            Err(RenderError::Config(ConfigError::Syntax { .. }))
        ));
    }
}

#[test]
fn wrong_types_and_values_are_named_with_position() {
    let err = config::parse(Some(b"{\n  \"u8sProxyAddress\": 8080\n}")).unwrap_err();
    assert_eq!(
        err,
        ConfigError::WrongType {
            key: "u8sProxyAddress",
            expected: "cfg-type-string",
            line: 2,
            column: 3
        }
    );
    let err = config::parse(Some(b"{\"u8sCloud\": \"mars\"}")).unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::UnknownValue {
                key: "u8sCloud",
                ..
            }
        ),
        "{err:?}"
    );
    let err = config::parse(Some(b"[1, 2]")).unwrap_err();
    assert_eq!(err, ConfigError::NotObject);
    let err = config::parse(Some(b"{\"a\": \"\xFF\"}")).unwrap_err();
    assert_eq!(err, ConfigError::NotUtf8 { line: 1, column: 8 });
}

#[test]
fn invalid_settings_render_nothing() {
    let s = Settings {
        proxy: "proxy".into(),
        ..Default::default()
    };
    assert!(matches!(
        config::render(None, &s),
        Err(RenderError::Invalid(_))
    ));
}

#[test]
fn new_file_is_indented_like_a_person_would() {
    let s = Settings {
        tenant_id: "contoso.de".into(),
        proxy: "p.local:8080".into(),
        ..Default::default()
    };
    let out = String::from_utf8(config::render(None, &s).unwrap().unwrap()).unwrap();
    assert_eq!(
        out,
        "{\n  \"u8sTenantId\": \"contoso.de\",\n  \"u8sProxyAddress\": \"p.local:8080\"\n}\n"
    );
}

/// A UCServer folder with spaces and umlauts in its name, deeper than Windows' old 260-character
/// limit: saved, saved again (with the backup), read back, and the secrets file written.
#[test]
fn a_deep_folder_with_spaces_and_umlauts_is_saved_and_read() {
    use teams_presence_admin::{base::paths, ops::store};
    let root = tempfile::tempdir().unwrap();
    let dir = root
        .path()
        .join("UC Server Müller & Söhne")
        .join("ä".repeat(60))
        .join("x".repeat(150));
    assert!(dir.as_os_str().len() > 260, "{}", dir.display());
    std::fs::create_dir_all(dir.join("config")).unwrap();
    std::fs::write(paths::msteams_cfg(&dir), "{}\n").unwrap();
    for proxy in ["proxy.firma.local:8080", "proxy.firma.local:3128"] {
        let loaded = store::load_config(&dir).unwrap();
        let base = loaded.settings.unwrap();
        let mut mine = base.clone();
        mine.proxy = proxy.into();
        store::save_config(&loaded.snapshot, &base, &mine.validate().unwrap()).unwrap();
    }
    let loaded = store::load_config(&dir).unwrap();
    assert_eq!(loaded.settings.unwrap().proxy, "proxy.firma.local:3128");
    let backup = teams_presence_admin::base::files::backup_path(&paths::msteams_cfg(&dir));
    assert!(std::fs::read_to_string(backup).unwrap().contains("8080"));
    store::set_client_secret(&dir, Some("s3cr3t".into())).unwrap();
    assert!(store::load_secrets(&dir).client_secret_stored);
}

/// Found by the fuzzer (fuzz/fuzz_targets/msteams_cfg.rs): one of the pane's keys twice — which
/// one the service reads is ambiguous, and an edit changed only the first — so the file is
/// refused like a broken one, naming key, line and column; another program's key twice is kept.
#[test]
fn a_key_of_the_pane_twice_is_refused_with_its_position() {
    let text = b"{\n  \"u8sClientId\": \" \",\n  \"iLogLevel\": 3,\n  \"u8sClientId\": \"x\"\n}\n";
    let e = config::parse(Some(text)).unwrap_err();
    assert_eq!(
        e,
        config::ConfigError::DuplicateKey {
            key: "u8sClientId",
            line: 4,
            column: 3
        }
    );
    let t =
        teams_presence_admin::base::i18n::Texts::new(teams_presence_admin::base::i18n::Lang::En);
    assert!(t.msg(&e.msg()).contains("twice"), "{}", t.msg(&e.msg()));
    let others = b"{\"iLogLevel\": 3, \"iLogLevel\": 4}";
    assert!(config::parse(Some(others)).is_ok());
}
