//! The command line, run as the built binary on temporary UCServer folders.

use std::path::{Path, PathBuf};
use std::process::Output;

const SAMPLE: &str =
    "{\r\n  \"iLogLevel\": 3,\r\n  \"dRate\": 1.50,\r\n  \"objX\": {\"a\": [1e3]}\r\n}\r\n";

fn folder(cfg: Option<&str>, matching: Option<&[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    if let Some(cfg) = cfg {
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(cfg_path(dir.path()), cfg).unwrap();
    }
    if let Some(m) = matching {
        std::fs::create_dir_all(dir.path().join("ExternalServiceProvider")).unwrap();
        std::fs::write(
            dir.path().join("ExternalServiceProvider/usermatching.csv"),
            m,
        )
        .unwrap();
    }
    dir
}

fn cfg_path(dir: &Path) -> PathBuf {
    dir.join("config/msteams.cfg")
}

/// The binary on the UCServer folder `dir`, in `lang` (shared with the other command-line tests).
pub(crate) fn run(dir: &Path, lang: &str, args: &[&str]) -> Output {
    crate::support::bin()
        .arg("--ucserver-dir")
        .arg(dir)
        .args(["--lang", lang])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn set_tenant_writes_only_that_key() {
    let dir = folder(Some(SAMPLE), None);
    let o = run(
        dir.path(),
        "en",
        &["config", "set", "tenant-id", "contoso.onmicrosoft.com"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Saved"), "{}", stdout(&o));
    let text = std::fs::read_to_string(cfg_path(dir.path())).unwrap();
    assert_eq!(
        text,
        "{\r\n  \"iLogLevel\": 3,\r\n  \"dRate\": 1.50,\r\n  \"objX\": {\"a\": [1e3]},\r\n  \"u8sTenantId\": \"contoso.onmicrosoft.com\"\r\n}\r\n"
    );
    // The previous version is kept as a backup.
    assert_eq!(
        std::fs::read_to_string(cfg_path(dir.path()).with_extension("cfg.bak")).unwrap(),
        SAMPLE
    );
}

/// `config set KEY ""` is a script's empty variable more often than a wish (issue 24 §3): refused
/// for the keys `config clear` clears, naming `config clear KEY`, nothing written; `clear` clears,
/// as the window may save an empty tenant; a malformed one never.
#[test]
fn an_empty_value_is_refused_and_clear_clears() {
    let before = "{\n  \"u8sTenantId\": \"contoso.onmicrosoft.com\",\n  \"iLogLevel\": 3\n}\n";
    let dir = folder(Some(before), None);
    for (key, lang, words) in [
        ("tenant-id", "en", "the value is empty"),
        ("client-id", "de", "der Wert ist leer"),
        ("proxy", "en", "the value is empty"),
    ] {
        let o = run(dir.path(), lang, &["config", "set", key, "  "]);
        assert_eq!(o.status.code(), Some(2), "{key}");
        let err = stderr(&o);
        assert!(err.contains(words), "{err}");
        assert!(err.contains(&format!("config clear {key}")), "{err}");
        assert_eq!(
            std::fs::read_to_string(cfg_path(dir.path())).unwrap(),
            before
        );
    }
    let o = run(dir.path(), "de", &["config", "clear", "tenant-id"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(cfg_path(dir.path())).unwrap();
    assert!(text.contains("\"u8sTenantId\": \"\""), "{text}");
    assert!(text.contains("\"iLogLevel\": 3"), "{text}");
    let o = run(dir.path(), "en", &["config", "set", "tenant-id", "common"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(cfg_path(dir.path())).unwrap(), text);
}

/// A name with an escape sequence (issue 24 §2) is refused where it stands, nothing written.
#[test]
fn a_control_character_in_a_name_is_refused() {
    let dir = folder(Some(SAMPLE), None);
    for (lang, words) in [
        ("en", "holds a control character ([ESC]) at character 4"),
        ("de", "enthält ein Steuerzeichen ([ESC]) an Zeichen 4"),
    ] {
        let o = run(
            dir.path(),
            lang,
            &[
                "config",
                "set",
                "activation",
                "users:bob\u{1b}]0;pwn\u{7}\u{1b}[2J",
            ],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(words), "{}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(cfg_path(dir.path())).unwrap(),
            SAMPLE
        );
    }
}

#[test]
fn bad_input_is_named_in_german_and_english_and_nothing_is_written() {
    let dir = folder(Some(SAMPLE), None);
    for (lang, words) in [
        (
            "de",
            ["Active Directory Tenant ID", "weder GUID noch Domäne"],
        ),
        (
            "en",
            ["Active Directory Tenant ID", "neither a GUID nor a domain"],
        ),
    ] {
        let o = run(
            dir.path(),
            lang,
            &["config", "set", "tenant-id", "not a tenant"],
        );
        assert_eq!(o.status.code(), Some(2));
        for w in words {
            assert!(stderr(&o).contains(w), "{lang}: {}", stderr(&o));
        }
    }
    let o = run(
        dir.path(),
        "en",
        &["config", "set", "proxy", "http://proxy.local:8080/"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("proxy.local:8080"), "{}", stderr(&o));
    let o = run(
        dir.path(),
        "en",
        &["config", "set", "proxy", "proxy.local:99999"],
    );
    assert!(stderr(&o).contains("1 to 65535"), "{}", stderr(&o));
    let o = run(dir.path(), "en", &["config", "set", "cloud", "mars"]);
    assert!(stderr(&o).contains("usgov-dod"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(cfg_path(dir.path())).unwrap(),
        SAMPLE
    );
    assert!(!cfg_path(dir.path()).with_extension("cfg.bak").exists());
}

#[test]
fn proxy_set_then_clear_and_restart_notice() {
    let dir = folder(Some(SAMPLE), None);
    let o = run(
        dir.path(),
        "de",
        &["config", "set", "proxy", "192.168.1.253:1234"],
    );
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Gespeichert: Proxy-Adresse (u8sProxyAddress). Der UCServer-Dienst liest msteams.cfg nur beim Start"),
        "{}",
        stdout(&o)
    );
    // Issue 35 §2: every key read only at start says so, naming it.
    let other = folder(Some(SAMPLE), None);
    let o = run(
        other.path(),
        "en",
        &["config", "set", "activation", "global"],
    );
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Saved: Activation (u8sActivationMode). The UCServer service reads msteams.cfg only when it starts"),
        "{}",
        stdout(&o)
    );

    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cfg_path(dir.path())).unwrap()).unwrap();
    assert_eq!(v["u8sProxyAddress"], "192.168.1.253:1234");
    let o = run(dir.path(), "en", &["config", "clear", "proxy"]);
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(cfg_path(dir.path())).unwrap(),
        SAMPLE
    );
}

#[test]
fn setting_the_same_value_again_does_not_rewrite() {
    let dir = folder(Some(SAMPLE), None);
    let o = run(dir.path(), "en", &["config", "set", "activation", "off"]);
    assert!(stdout(&o).contains("not rewritten"), "{}", stdout(&o));
    assert!(!cfg_path(dir.path()).with_extension("cfg.bak").exists());
}

#[test]
fn activation_lists_and_json_show() {
    let dir = folder(Some("{}\n"), None);
    let o = run(
        dir.path(),
        "en",
        &[
            "config",
            "set",
            "activation",
            "users:max@firma.de,lena@firma.de",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(dir.path(), "en", &["config", "show", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["settings"]["activation"]["mode"], "users");
    assert_eq!(
        v["settings"]["activation"]["users"],
        serde_json::json!(["max@firma.de", "lena@firma.de"])
    );
    assert_eq!(v["status"]["auth"], "required");
    let o = run(
        dir.path(),
        "en",
        &["config", "set", "activation", "users:a@b.de,a@b.de"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already in the list"), "{}", stderr(&o));
}

#[test]
fn show_says_auth_required_and_the_proxy() {
    let dir = folder(Some("{\"u8sProxyAddress\": \"10.0.0.1:3128\"}"), None);
    let o = run(dir.path(), "de", &["config", "show"]);
    let out = stdout(&o);
    assert!(out.contains("Auth required"), "{out}");
    assert!(out.contains("Proxy: 10.0.0.1:3128"), "{out}");
}

#[test]
fn broken_file_is_reported_with_position_and_left_alone() {
    let broken = "{\n  \"a\": 1,\n  // comment\n  \"b\": 2\n}\n";
    let dir = folder(Some(broken), None);
    let o = run(dir.path(), "en", &["config", "set", "proxy", "p.local:80"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Line 3, column 3"), "{}", stderr(&o));
    assert!(stderr(&o).contains("will not overwrite"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(cfg_path(dir.path())).unwrap(),
        broken
    );
}

#[test]
fn matching_check_exit_codes_and_lines() {
    let dir = folder(Some("{}\n"), Some(b"a@b.de,x\nnot-a-upn,y\nA@b.de,z\n"));
    let o = run(dir.path(), "en", &["matching", "check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("usermatching.csv:2: Error"), "{out}");
    assert!(out.contains("usermatching.csv:3: Warning"), "{out}");
    assert!(out.contains("3 mappings, 1 error, 1 warning"), "{out}");

    let only_warnings = dir.path().join("w.csv");
    std::fs::write(&only_warnings, "UPN,User\na@b.de,x\n").unwrap();
    let o = run(
        dir.path(),
        "de",
        &[
            "matching",
            "check",
            only_warnings.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["report"]["findings"][0]["kind"], "header");
    assert_eq!(v["report"]["findings"][0]["line"], 1);
    assert_eq!(v["report"]["findings"][0]["severity"], "warning");

    let o = run(
        dir.path(),
        "en",
        &["matching", "check", "/nonexistent/usermatching.csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not exist"));
}

/// An Azure AD name holding ESC/BEL is an error at its line and column, printed escaped.
#[test]
fn matching_check_finds_control_characters_and_prints_them_escaped() {
    let dir = folder(
        Some("{}\n"),
        Some("a@b.de,x\nbob\u{1b}]0;pwn\u{7}@b.de,y\n".as_bytes()),
    );
    let o = run(dir.path(), "en", &["matching", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains(['\u{1b}', '\u{7}']), "{out:?}");
    assert!(
        out.contains("usermatching.csv:2: Error: Line 2, character 4: Azure AD user name holds a control character ([ESC])"),
        "{out}"
    );
    let o = run(dir.path(), "de", &["matching", "check"]);
    assert!(
        stdout(&o).contains(
            "Zeile 2, Zeichen 4: Azure-AD-Benutzername enthält ein Steuerzeichen ([ESC])"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn show_names_empty_values_in_words() {
    let dir = folder(Some("{}"), None);
    let out = stdout(&run(dir.path(), "en", &["config", "show"]));
    assert!(
        out.contains("Active Directory Tenant ID: (not entered)"),
        "{out}"
    );
    assert!(
        out.contains("Proxy address: (none: direct connection)"),
        "{out}"
    );
    assert!(
        out.contains("Application (client) ID: (not entered: no consents are possible without it)"),
        "{out}"
    );
}

#[test]
fn matching_fix_converts_an_excel_file_and_removes_the_header() {
    let excel = b"Azure AD Benutzername;UCServer Benutzername\r\nm\xFCller@firma.de;m\xFCller\r\n";
    let dir = folder(Some("{}\n"), Some(excel));
    let csv = dir.path().join("ExternalServiceProvider/usermatching.csv");
    let o = run(
        dir.path(),
        "de",
        &["matching", "fix", "--convert", "--remove-header"],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("repariert"), "{}", stdout(&o));
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        "müller@firma.de,müller\r\n".as_bytes()
    );
    // The backup holds the state before the last repair (after the conversion).
    assert!(csv.with_extension("csv.bak").exists());
}

#[test]
fn matching_fix_converts_semicolons_keeping_crlf() {
    let dir = folder(Some("{}\n"), Some(b"a@b.de;x\r\nc@b.de;y\r\n"));
    let csv = dir.path().join("ExternalServiceProvider/usermatching.csv");
    let o = run(dir.path(), "en", &["matching", "fix", "--convert"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2 mappings, no findings"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read(&csv).unwrap(), b"a@b.de,x\r\nc@b.de,y\r\n");
    assert_eq!(
        std::fs::read(csv.with_extension("csv.bak")).unwrap(),
        b"a@b.de;x\r\nc@b.de;y\r\n"
    );
}

#[test]
fn matching_fix_without_a_repair_is_a_usage_error() {
    let dir = folder(Some("{}\n"), Some(b"a@b.de,x\n"));
    let o = run(dir.path(), "en", &["matching", "fix"]);
    assert_eq!(o.status.code(), Some(2));
    let file = dir.path().join("ExternalServiceProvider/usermatching.csv");
    let o = run(
        dir.path(),
        "en",
        &["matching", "fix", file.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--convert"), "{}", stderr(&o));
    assert!(!file.with_extension("csv.bak").exists());
}

#[test]
fn a_folder_without_msteams_cfg_is_refused_unless_create() {
    let missing = tempfile::tempdir().unwrap();
    let nowhere = missing.path().join("no-such-folder");
    let o = run(&nowhere, "de", &["config", "show"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("ist kein UCServer-Ordner"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty(), "defaults printed for a wrong folder");
    assert!(!nowhere.exists(), "a folder was created without a word");

    let empty = folder(None, None);
    let o = run(
        empty.path(),
        "en",
        &["config", "set", "proxy", "p.firma.local:8080"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not a UCServer folder"),
        "{}",
        stderr(&o)
    );
    assert!(!empty.path().join("config").exists());

    let o = run(
        empty.path(),
        "en",
        &["--create", "config", "set", "proxy", "p.firma.local:8080"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Created"), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cfg_path(empty.path())).unwrap()).unwrap();
    assert_eq!(v["u8sProxyAddress"], "p.firma.local:8080");
}

#[test]
fn messages_are_in_the_chosen_language_and_name_the_file_given() {
    // `matching fix FILE` names FILE and its backup, not usermatching.csv.
    let dir = folder(Some("{}\n"), None);
    let file = dir.path().join("zuordnung.csv");
    std::fs::write(&file, b"a@b.de;x\r\n").unwrap();
    let o = run(
        dir.path(),
        "de",
        &["matching", "fix", file.to_str().unwrap(), "--convert"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("zuordnung.csv wurde repariert und gespeichert; die vorige Fassung ist zuordnung.csv.bak."),
        "{}",
        stdout(&o)
    );
    // serde_json's English words do not reach a German message.
    let dir = folder(Some("{\"u8sTenantId\": \"x\",}\n"), None);
    let o = run(dir.path(), "de", &["config", "show"]);
    let err = stderr(&o);
    assert!(err.contains("(Komma nach dem letzten Eintrag)"), "{err}");
    assert!(!err.contains("trailing comma"), "{err}");
    // The operating system's English ("No such file or directory (os error 2)") neither.
    let dir = folder(Some("{}\n"), None);
    let missing = dir.path().join("fehlt.csv");
    let o = run(
        dir.path(),
        "de",
        &["matching", "preview", "--users", missing.to_str().unwrap()],
    );
    let err = stderr(&o);
    assert!(
        err.contains("fehlt.csv: Die Datei oder der Ordner existiert nicht."),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn help_is_in_the_chosen_language() {
    let o = crate::support::bin()
        .args(["--lang", "de", "app", "create", "--help"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    // (teams-presence-admin.exe on Windows)
    assert!(out.contains("Aufruf: teams-presence-admin"), "{out}");
    assert!(out.contains(" app create [OPTIONEN]"), "{out}");
    assert!(
        out.contains("Ein geheimer Clientschlüssel statt eines Zertifikats"),
        "{out}"
    );
    assert!(out.contains("Diese Hilfe anzeigen"), "{out}");
    for english in ["Usage:", "Print help", "Options:", "[default"] {
        assert!(!out.contains(english), "{english} in {out}");
    }
    let o = crate::support::bin()
        .args(["--lang", "en", "--help"])
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("Usage: teams-presence-admin"),
        "{}",
        stdout(&o)
    );
}

/// Issue 26 §13: a command's own options first, then those every command takes, under their own
/// heading (`config set --help` mixed them in no order).
#[test]
fn help_lists_a_commands_own_options_before_those_of_every_command() {
    let o = crate::support::bin()
        .args(["--lang", "en", "config", "set", "--help"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} not in {out}"));
    assert!(at("--login-url") < at("--graph-url"), "{out}");
    assert!(at("--graph-url") < at("Options of every command:"), "{out}");
    for global in [
        "--ucserver-dir",
        "--lang",
        "--create",
        "--log-level",
        "--help",
    ] {
        assert!(
            at("Options of every command:") < at(global),
            "{global}: {out}"
        );
    }
}

/// A command line clap refuses is told in the chosen language: what is wrong, clap's suggestion,
/// the usage, where to read more; exit code 2 as clap's.
#[test]
fn a_refused_command_line_is_told_in_the_chosen_language() {
    let refused = |args: &[&str]| {
        let o = crate::support::bin().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stdout(&o).is_empty(), "{args:?}");
        stderr(&o)
    };
    let err = refused(&["--lang", "de", "stauts"]);
    assert!(
        err.contains("Fehler: Den Befehl „stauts“ gibt es nicht."),
        "{err}"
    );
    assert!(err.contains("Meinten Sie „audit“ oder „status“?"), "{err}");
    assert!(err.contains("Aufruf: teams-presence-admin"), "{err}");
    assert!(err.contains("[OPTIONEN]"), "{err}");
    assert!(err.contains("Mehr dazu: --help"), "{err}");

    let err = refused(&["--lang", "de", "status", "--jsn"]);
    assert!(
        err.contains("Das Argument „--jsn“ gibt es hier nicht."),
        "{err}"
    );
    assert!(err.contains("Meinten Sie „--json“?"), "{err}");

    let err = refused(&["--lang", "de", "--check-every", "5000"]);
    assert!(
        err.contains(
            "„5000“ ist für --check-every <CHECK_EVERY> nicht zulässig: erlaubt sind 1 … 1440."
        ),
        "{err}"
    );
    let err = refused(&["--lang", "de", "write-test"]);
    assert!(err.contains("Es fehlt: <USER>"), "{err}");
    for english in [
        "error:",
        "Usage:",
        "tip:",
        "For more information",
        "[OPTIONS]",
    ] {
        assert!(!err.contains(english), "{english} in {err}");
    }

    let err = refused(&["--lang", "en", "stauts"]);
    assert!(
        err.contains("Error: There is no command \"stauts\"."),
        "{err}"
    );
    assert!(
        err.contains("Did you mean \"audit\" or \"status\"?"),
        "{err}"
    );
}

#[test]
fn every_change_lands_in_the_audit_trail() {
    let dir = folder(Some("{}\n"), Some(b"a@b.de,x\n"));
    assert_eq!(
        run(
            dir.path(),
            "en",
            &["config", "set", "tenant-id", "contoso.de"]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        run(
            dir.path(),
            "en",
            &["config", "set", "proxy", "10.0.0.1:8080"]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        run(dir.path(), "en", &["config", "clear", "proxy"])
            .status
            .code(),
        Some(0)
    );
    let o = run(dir.path(), "en", &["audit", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let changes: Vec<(String, String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["what"], "setting");
            assert!(e["by"].is_string() && e["time"].is_string());
            let s = |k: &str| e[k].as_str().unwrap().to_owned();
            (s("key"), s("old"), s("new"))
        })
        .collect();
    let owned = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        changes,
        [
            owned("u8sTenantId", "", "contoso.de"),
            owned("u8sProxyAddress", "", "10.0.0.1:8080"),
            owned("u8sProxyAddress", "10.0.0.1:8080", ""),
        ]
    );
    let o = run(dir.path(), "de", &["audit"]);
    assert!(
        stdout(&o).contains("u8sTenantId: „“ → „contoso.de“"),
        "{}",
        stdout(&o)
    );
    let o = run(
        dir.path(),
        "en",
        &["audit", "--since", "2999-01-01", "--json"],
    );
    assert_eq!(stdout(&o).trim(), "[]");
    let o = run(dir.path(), "de", &["audit", "--since", "gestern"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("„gestern“ ist kein Datum"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_command_line_logs_to_a_daily_file_beside_the_config() {
    let dir = folder(Some("{}\n"), None);
    let o = run(
        dir.path(),
        "en",
        &[
            "--log-level",
            "info",
            "config",
            "set",
            "proxy",
            "10.0.0.1:3128",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let logs: Vec<_> = std::fs::read_dir(dir.path().join("config/logs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(logs.len(), 1, "{logs:?}");
    let name = logs[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("teams-presence-admin.") && name.ends_with(".log"),
        "{name}"
    );
    let text = std::fs::read_to_string(&logs[0]).unwrap();
    assert!(text.contains("started"), "{text}");
    assert!(
        text.contains("change:") && text.contains("u8sProxyAddress"),
        "{text}"
    );
    // The level is honoured: with "error" nothing of the above is written.
    let dir = folder(Some("{}\n"), None);
    run(
        dir.path(),
        "en",
        &["--log-level", "error", "config", "show"],
    );
    let logs = dir.path().join("config/logs");
    let written: usize = std::fs::read_dir(logs)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap().len())
        .sum();
    assert_eq!(written, 0);
}

/// Where the UCServer folder cannot take a log file (here `config/logs` is a file; on Windows
/// an unelevated run cannot write into Program Files), the log goes to the machine-wide place
/// (`%ProgramData%\teams-presence-admin\logs`; here `$XDG_STATE_HOME`) and nothing lands in the
/// UCServer folder.
#[test]
fn a_ucserver_folder_that_cannot_be_written_leaves_the_log_in_the_machine_wide_place() {
    let dir = folder(Some("{}\n"), None);
    std::fs::write(dir.path().join("config/logs"), b"not a folder").unwrap();
    let machine = tempfile::tempdir().unwrap();
    let o = crate::support::bin()
        .env("XDG_STATE_HOME", machine.path())
        .env("ProgramData", machine.path())
        .arg("--ucserver-dir")
        .arg(dir.path())
        .args(["--lang", "en", "config", "show"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let logs = machine.path().join("teams-presence-admin").join("logs");
    let text: String = std::fs::read_dir(&logs)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(text.contains("started"), "{text}");
    assert_eq!(
        std::fs::read(dir.path().join("config/logs")).unwrap(),
        b"not a folder"
    );
}

/// Without a display the window cannot open (as in a Remote Desktop session whose driver offers
/// no OpenGL 2.0): the binary says why, that the command line works, and where the log is —
/// in a message box (rfd; here no desktop shows one) and on stderr — and exits 2.
#[cfg(target_os = "linux")]
#[test]
fn a_window_that_cannot_open_says_why_and_where_the_log_is() {
    let dir = folder(Some("{}"), None);
    for (lang, said) in [
        ("en", "The window could not be opened"),
        ("de", "Das Fenster konnte nicht geöffnet werden"),
    ] {
        let o = crate::support::bin()
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .arg("--ucserver-dir")
            .arg(dir.path())
            .args(["--lang", lang])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(said), "{err}");
        assert!(err.contains("--help"), "{err}");
        // Both renderers were tried, and each one's reason is given.
        assert!(err.contains("wgpu: ") && err.contains("glow: "), "{err}");
        let logs = dir.path().join("config").join("logs");
        assert!(err.contains(&logs.display().to_string()), "{err}");
    }
}

/// What another program put into msteams.cfg reaches the terminal escaped (issue 24 §2): an
/// activation user with an OSC title and a screen clear is shown as `\u{1b}`, in text and JSON
/// (which stays the same value).
#[test]
fn text_from_a_file_reaches_the_terminal_escaped() {
    let cfg = "{\"u8sActivationMode\": \"users\", \"au8sActivationUsers\": [\"bob\\u001b]0;pwn\\u0007\\u001b[2J\\u202e\"]}";
    let dir = folder(Some(cfg), None);
    let o = run(dir.path(), "en", &["config", "show"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("bob\\u{1b}]0;pwn\\u{7}\\u{1b}[2J\\u{202e}"),
        "{out}"
    );
    let o = run(dir.path(), "en", &["config", "show", "--json"]);
    let out = stdout(&o);
    assert!(!out.contains('\u{202e}'), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["settings"]["activation"]["users"][0],
        "bob\u{1b}]0;pwn\u{7}\u{1b}[2J\u{202e}"
    );
}

/// `… | head`: the reader goes before the command has printed; the command ends quietly with
/// its usual status, no panic (issue 24 §7).
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let dir = folder(Some(SAMPLE), None);
    for args in [
        &["config", "show"][..],
        &["audit"],
        &["config", "show", "--json"],
    ] {
        let mut child = crate::support::bin()
            .arg("--ucserver-dir")
            .arg(dir.path())
            .args(["--lang", "en"])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// Issue 34 §11: a name in msteams.cfg with a line feed (and a CR, U+2028, a bidi override)
/// cannot forge a line of `config show`, of `status`-like text or of the audit trail: each value
/// stays on its line, its breaks shown escaped.
#[test]
fn a_line_feed_in_a_value_cannot_forge_an_output_line() {
    let forged = "Authorization: granted by the administrator";
    let cfg = format!(
        r#"{{"u8sTenantId": "contoso.onmicrosoft.com\n{forged}",
  "u8sProxyAddress": "proxy.local:8080\r{forged}",
  "u8sActivationMode": "users",
  "au8sActivationUsers": ["Max Mustermann\u2028{forged}", "Eva\u202e{forged}"]}}"#
    );
    let dir = folder(Some(&cfg), None);
    for lang in ["en", "de"] {
        let o = run(dir.path(), lang, &["config", "show"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        for line in out.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
            assert!(!line.starts_with(forged), "{lang}: forged line in\n{out}");
        }
        assert!(!out.contains('\u{202e}'), "{lang}: {out}");
        assert!(
            out.contains("contoso.onmicrosoft.com\\u{a}Authorization: granted"),
            "{lang}: the value is shown, its break escaped:\n{out}"
        );
    }

    // The audit trail's values (a name written by another program) go through the messages.
    let trail = teams_presence_admin::base::paths::audit(dir.path());
    let entry = teams_presence_admin::model::audit::Entry {
        time: "2026-12-01T10:00:00Z".into(),
        by: format!("MUSTERFIRMA\\mmeier\n{forged}"),
        what: teams_presence_admin::model::audit::What::Setting {
            key: "u8sProxyAddress".into(),
            old: String::new(),
            new: format!("proxy.local\n{forged}"),
        },
    };
    let entry = serde_json::to_string(&entry).unwrap();
    std::fs::write(&trail, format!("{entry}\n")).unwrap();
    let o = run(dir.path(), "en", &["audit"]);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("proxy.local\\u{a}Authorization"), "{all}");
    for line in all.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        assert!(!line.starts_with(forged), "forged line in\n{all}");
    }
}
