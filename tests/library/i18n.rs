//! Texts: both languages define the same messages with the same arguments, every message formats,
//! and every message id the code uses exists.

use std::collections::{BTreeMap, BTreeSet};
use teams_presence_admin::base::i18n::{Lang, Msg, Texts};

/// Message id → the variables its text uses, read from the .ftl source.
fn variables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Indented lines continue the message above (select expressions, long texts).
        let text = if line.starts_with(' ') {
            line
        } else {
            let (id, text) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("bad line {line:?}"));
            assert!(
                out.insert(id.to_owned(), BTreeSet::new()).is_none(),
                "{id} defined twice"
            );
            current = Some(id.to_owned());
            text
        };
        let id = current
            .as_ref()
            .expect("a continuation line after a message");
        let vars = out.get_mut(id).unwrap();
        vars.extend(
            text.split("{ $")
                .skip(1)
                .map(|rest| rest.split([' ', '}']).next().unwrap().to_owned()),
        );
    }
    out
}

#[test]
fn both_languages_have_the_same_messages_and_arguments() {
    let de = variables(include_str!("../../i18n/de.ftl"));
    let en = variables(include_str!("../../i18n/en.ftl"));
    let de_ids: BTreeSet<_> = de.keys().collect();
    let en_ids: BTreeSet<_> = en.keys().collect();
    assert_eq!(
        de_ids.symmetric_difference(&en_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "ids missing in one language"
    );
    for (id, vars) in &de {
        assert_eq!(vars, &en[id], "{id}: the languages use different arguments");
    }
    assert_eq!(Texts::new(Lang::De).ids().len(), de.len());
}

#[test]
fn every_message_formats_in_both_languages() {
    for lang in Lang::ALL {
        let texts = Texts::new(lang);
        let source = match lang {
            Lang::De => include_str!("../../i18n/de.ftl"),
            Lang::En => include_str!("../../i18n/en.ftl"),
        };
        for (id, vars) in variables(source) {
            let id: &'static str = Box::leak(id.into_boxed_str());
            // Once with text arguments, once with numbers (plural selection).
            for number in [false, true] {
                let mut msg = Msg::new(id);
                for v in &vars {
                    let name: &'static str = Box::leak(v.clone().into_boxed_str());
                    msg = if number {
                        msg.num(name, 1)
                    } else {
                        msg.text(name, "X")
                    };
                }
                let text = texts.msg(&msg);
                assert!(!text.starts_with('['), "{lang:?} {id}: {text}");
                assert!(!text.contains("{ $"), "{lang:?} {id}: {text}");
            }
        }
    }
}

#[test]
fn a_missing_argument_is_visible_not_silent() {
    let texts = Texts::new(Lang::En);
    let text = texts.msg(&Msg::new("status-proxy"));
    assert!(text.contains("does not format"), "{text}");
    assert!(texts.get("no-such-message").contains("missing"));
}

/// Every string literal in src/ that looks like one of our message ids must exist in both files.
#[test]
fn every_message_id_used_in_the_code_exists() {
    const PREFIXES: &[&str] = &[
        "app-",
        "language-",
        "load-",
        "loading",
        "folder-",
        "field-",
        "hint-",
        "section-",
        "cloud-",
        "status-",
        "secrets-",
        "restart-",
        "activation-",
        "matching-",
        "severity-",
        "column-",
        "finding-",
        "convert-",
        "button-",
        "unsaved-",
        "saved-",
        "save-",
        "suggestion-",
        "cfg-",
        "close-",
        "invalid-",
        "cli-",
        "show-",
        "note-",
        "demo-",
        "aadsts-",
        "tab-",
        "editor-",
        "paste-",
        "preview-",
        "tenant-",
        "kind-",
        "reason-",
        "browser-",
        "verdict-",
        "consent-",
        "auth-",
        "short-",
        "secret-",
        "registration-",
        "reg-",
        "permission-",
        "import-",
    ];
    let de = variables(include_str!("../../i18n/de.ftl"));
    let en = variables(include_str!("../../i18n/en.ftl"));
    let mut checked = 0;
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let parts: Vec<&str> = source.split('"').collect();
        for (i, &literal) in parts.iter().enumerate().skip(1).step_by(2) {
            // In the key table (config/keys.rs) `name: "…"` is a key's name in msteams.cfg or
            // on the command line (`tenant-id`), never a message id.
            let key_name = path.ends_with("config/keys.rs") && parts[i - 1].ends_with("name: ");
            let looks_like_id = !key_name
                && PREFIXES.iter().any(|p| literal.starts_with(p))
                && literal
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit());
            if looks_like_id && !literal.ends_with('-') {
                checked += 1;
                assert!(
                    de.contains_key(literal) && en.contains_key(literal),
                    "{}: \"{literal}\" is not in both .ftl files",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 80, "only {checked} ids found: the scan is broken");
}

#[test]
fn counts_are_in_singular_and_plural() {
    let en = Texts::new(Lang::En);
    let summary = |rows: usize, errors: usize| {
        Msg::new("matching-summary")
            .num("rows", rows)
            .num("errors", errors)
            .num("warnings", 0)
    };
    assert_eq!(en.msg(&summary(1, 1)), "1 mapping, 1 error, 0 warnings");
    assert_eq!(en.msg(&summary(2, 0)), "2 mappings, 0 errors, 0 warnings");
    let de = Texts::new(Lang::De);
    assert_eq!(de.msg(&summary(1, 2)), "1 Zuordnung, 2 Fehler, 0 Warnungen");
}

#[test]
fn german_labels_are_those_of_the_original_pane() {
    let de = Texts::new(Lang::De);
    assert_eq!(de.get("field-tenant-id"), "Active Directory Tenant ID");
    assert_eq!(de.get("status-auth-required"), "Auth required");
    assert_eq!(
        de.get("app-title"),
        "ProCall Integration in Microsoft Teams"
    );
}

#[test]
fn os_locale_tags_map_to_languages() {
    assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
    assert_eq!(Lang::from_tag("de_CH.UTF-8"), Some(Lang::De));
    assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
    assert_eq!(Lang::from_tag("fr-FR"), None);
}

/// Issue 26 §13: counts read as a person writes them — "ein Feld", "100.000 Zuordnungen" — in
/// both languages; plurals still choose on the number.
#[test]
fn counts_have_their_plural_and_thousands_separators() {
    let de = Texts::new(Lang::De);
    let en = Texts::new(Lang::En);
    let field = |n: i64| {
        Msg::new("finding-field-count")
            .num("line", 12_345)
            .num("found", n)
    };
    assert!(
        de.msg(&field(1))
            .starts_with("Zeile 12.345: ein Feld statt 2."),
        "{}",
        de.msg(&field(1))
    );
    assert!(
        en.msg(&field(1))
            .starts_with("Line 12,345: one field instead of 2.")
    );
    assert!(
        de.msg(&field(3))
            .starts_with("Zeile 12.345: 3 Felder statt 2.")
    );
    let summary = |rows: i64| {
        Msg::new("matching-summary")
            .num("rows", rows)
            .num("errors", 0)
            .num("warnings", 1)
    };
    assert_eq!(
        de.msg(&summary(100_000)),
        "100.000 Zuordnungen, 0 Fehler, 1 Warnung"
    );
    assert!(en.msg(&summary(100_000)).starts_with("100,000 mappings"));
    assert!(en.msg(&summary(1)).starts_with("1 mapping,"));
    assert_eq!(
        en.msg(
            &Msg::new("tenant-loaded")
                .num("count", 1)
                .text("time", "1 s")
        ),
        "One account read (1 s)."
    );
}
