//! What the pane refuses to read (issue 23 §5), as the built binary: files far too large, too long
//! a line, binary content and UTF-16 — each named in German and English, nothing written.

use crate::commands::{run, stderr};
use std::path::Path;

/// Every file of the folder with its length (a sparse 1 GB file is not read to compare it).
fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for sub in ["config", "ExternalServiceProvider"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".log") && !name.ends_with(".lock") && name != "logs" {
                out.push((format!("{sub}/{name}"), e.metadata().unwrap().len()));
            }
        }
    }
    out.sort();
    out
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::create_dir_all(dir.path().join("ExternalServiceProvider")).unwrap();
    std::fs::write(dir.path().join("config/msteams.cfg"), "{}\r\n").unwrap();
    dir
}

/// A file of `len` zero bytes that takes no disk (its size alone is refused).
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

#[test]
fn a_one_gigabyte_usermatching_csv_is_refused_by_its_size_and_left_alone() {
    let dir = folder();
    let matching = dir.path().join("ExternalServiceProvider/usermatching.csv");
    sparse(&matching, 1 << 30);
    let before = listing(dir.path());
    for (lang, words) in [
        (
            "en",
            "too large: 1,024 MB, where usermatching.csv may hold at most 64 MB",
        ),
        (
            "de",
            "zu groß: 1.024 MB, wo usermatching.csv höchstens 64 MB enthalten darf",
        ),
    ] {
        let o = run(dir.path(), lang, &["matching", "check"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(words), "{lang}: {}", stderr(&o));
        let o = run(dir.path(), lang, &["matching", "fix", "--convert"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(words), "{lang}: {}", stderr(&o));
    }
    assert_eq!(
        listing(dir.path()),
        before,
        "nothing written, no backup made"
    );
}

#[test]
fn a_hundred_megabyte_msteams_cfg_is_refused_and_no_second_copy_is_written() {
    let dir = folder();
    let cfg = dir.path().join("config/msteams.cfg");
    sparse(&cfg, 100 << 20);
    let before = listing(dir.path());
    let o = run(dir.path(), "en", &["config", "set", "proxy", "p.local:80"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("too large: 100 MB, where msteams.cfg may hold at most 16 MB"),
        "{}",
        stderr(&o)
    );
    assert_eq!(listing(dir.path()), before);
}

#[test]
fn too_long_a_line_is_named_by_its_number() {
    let dir = folder();
    let matching = dir.path().join("ExternalServiceProvider/usermatching.csv");
    let text = format!("a@firma.de,a\r\n{}@firma.de,b\r\n", "x".repeat(5000));
    std::fs::write(&matching, &text).unwrap();
    let o = run(dir.path(), "en", &["matching", "fix", "--convert"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "line 2 holds 5,011 bytes, where a line of usermatching.csv may hold at most 4,096"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&matching).unwrap(), text);
}

#[test]
fn a_binary_or_utf16_user_export_is_not_taken_for_users() {
    let dir = folder();
    let export = dir.path().join("export.csv");
    // The start of an Excel workbook (a zip archive).
    std::fs::write(&export, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00").unwrap();
    let args = ["matching", "preview", "--users", export.to_str().unwrap()];
    let o = run(dir.path(), "en", &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a text file (the user export): it holds binary data"),
        "{}",
        stderr(&o)
    );
    let o = run(dir.path(), "de", &args);
    assert!(
        stderr(&o).contains("keine Textdatei (der Benutzerexport)"),
        "{}",
        stderr(&o)
    );

    let utf16: Vec<u8> = "\u{feff}Benutzername;Anzeigename\r\nmax@firma.de;Max\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&export, utf16).unwrap();
    let o = run(dir.path(), "en", &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the user export is written in UTF-16"),
        "{}",
        stderr(&o)
    );
}

/// Issue 34 §13: a UTF-16 msteams.cfg gets a text editor's advice (save as UTF-8), not Excel's
/// CSV advice, in German and English; a 2 MB secrets file is refused in the window's language,
/// never as the library's "… bytes, more than the 1048576 allowed for Secrets".
#[test]
fn a_utf16_msteams_cfg_gets_its_own_advice_and_an_oversized_secrets_file_speaks_german() {
    let dir = folder();
    let cfg = dir.path().join("config/msteams.cfg");
    let utf16: Vec<u8> = "\u{feff}{\r\n  \"u8sTenantId\": \"x\"\r\n}\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&cfg, &utf16).unwrap();
    for (lang, words) in [
        ("en", "save it as \"UTF-8\""),
        ("de", "speichern Sie sie als „UTF-8“"),
    ] {
        let o = run(dir.path(), lang, &["config", "show"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(words), "{lang}: {}", stderr(&o));
        assert!(!stderr(&o).contains("CSV"), "{lang}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read(&cfg).unwrap(), utf16, "nothing written");

    // A configured folder; `write-test` with an object id reads the secrets file before it asks
    // Microsoft anything.
    std::fs::write(
        &cfg,
        "{\"u8sTenantId\": \"musterfirma.onmicrosoft.com\", \"u8sClientId\": \"11111111-2222-3333-4444-555555555555\"}\r\n",
    )
    .unwrap();
    let secrets = dir.path().join("config/msteams.secrets.json");
    sparse(&secrets, 2 << 20);
    let id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    let o = run(dir.path(), "de", &["write-test", id, "--yes"]);
    assert!(!o.status.success(), "{}", stderr(&o));
    let text = stderr(&o);
    assert!(!text.contains("bytes, more than"), "{text}");
    assert!(!text.contains("allowed for"), "{text}");
    assert!(
        text.contains("zu groß: 2 MB, wo die Geheimnisdatei höchstens 1 MB"),
        "{text}"
    );
}

/// Issue 34 §12 as the built binary: a 1,001-row export with a quote never closed in line 3 is
/// refused naming line 3 and the rest it would have swallowed (German and English), and one
/// separated by `|` is refused naming `|` — never taken for 1,001 one-column "users".
#[test]
fn an_export_with_an_unclosed_quote_or_a_foreign_separator_is_refused_by_line_and_name() {
    let dir = folder();
    let export = dir.path().join("export.csv");
    let rows = |sep: &str| {
        let mut file = format!("Benutzername{sep}Anzeigename\r\n");
        for i in 0..1_000 {
            file.push_str(&format!("u{i:04}@firma.local{sep}User {i}\r\n"));
        }
        file
    };
    let args = ["matching", "preview", "--users", export.to_str().unwrap()];
    std::fs::write(&export, rows(";").replacen(";User 1\r", ";\"User 1\r", 1)).unwrap();
    for (lang, words) in [
        (
            "en",
            "line 3: a quote (\") opened here is never closed, so the rest of the file (999 lines)",
        ),
        (
            "de",
            "Zeile 3: Ein hier geöffnetes Anführungszeichen (\") wird nie geschlossen, der Rest der Datei (999 Zeilen)",
        ),
    ] {
        let o = run(dir.path(), lang, &args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(words), "{lang}: {}", stderr(&o));
    }
    std::fs::write(&export, rows("|")).unwrap();
    let o = run(dir.path(), "en", &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("separated by \"|\", which is none of the separators read here"),
        "{}",
        stderr(&o)
    );
}
