//! usermatching.csv: one case per finding, conversions, and lossless round trips.

use teams_presence_admin::model::matching::{
    Column, Delimiter, FindingKind, MatchingFile, Severity, SourceEncoding,
};

fn kinds(text: &[u8]) -> Vec<(usize, FindingKind)> {
    MatchingFile::parse(text)
        .validate()
        .findings
        .into_iter()
        .map(|f| (f.line, f.kind))
        .collect()
}

#[test]
fn the_seed_example_is_clean() {
    let file = MatchingFile::parse(
        b"mmu@domain.de,max.mustermann@domain.local\nlfr@domain.de,lena.frisch@domain.local\n",
    );
    let report = file.validate();
    assert_eq!(report.rows, 2);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn wrong_number_of_fields() {
    assert_eq!(
        kinds(b"a@b.de,x\na@c.de\nd@e.de,y,z\n"),
        vec![
            (2, FindingKind::FieldCount { found: 1 }),
            (3, FindingKind::FieldCount { found: 3 })
        ]
    );
}

#[test]
fn empty_field() {
    assert_eq!(
        kinds(b"a@b.de,\n,x\n"),
        vec![
            (
                1,
                FindingKind::EmptyField {
                    column: Column::Ucserver
                }
            ),
            (
                2,
                FindingKind::EmptyField {
                    column: Column::Azure
                }
            ),
        ]
    );
}

#[test]
fn leading_or_trailing_spaces() {
    assert_eq!(
        kinds(b" a@b.de,x\na@c.de,y \n"),
        vec![
            (
                1,
                FindingKind::Spaces {
                    column: Column::Azure
                }
            ),
            (
                2,
                FindingKind::Spaces {
                    column: Column::Ucserver
                }
            ),
        ]
    );
}

#[test]
fn quoted_fields() {
    assert_eq!(
        kinds(b"\"a@b.de\",x\n"),
        vec![(
            1,
            FindingKind::Quoted {
                column: Column::Azure
            }
        )]
    );
}

#[test]
fn duplicate_azure_name() {
    assert_eq!(
        kinds(b"a@b.de,x\nc@b.de,y\na@b.de,z\n"),
        vec![(
            3,
            FindingKind::DuplicateAzure {
                value: "a@b.de".into(),
                first_line: 1
            }
        )]
    );
}

#[test]
fn duplicate_ucserver_name() {
    assert_eq!(
        kinds(b"a@b.de,x\nc@b.de,x\n"),
        vec![(
            2,
            FindingKind::DuplicateUcserver {
                value: "x".into(),
                first_line: 1
            }
        )]
    );
}

#[test]
fn entries_that_differ_only_in_case_are_warnings() {
    let report = MatchingFile::parse(b"Max@Domain.de,max\nmax@domain.de,Max\n").validate();
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.line, f.severity, f.kind.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                2,
                Severity::Warning,
                FindingKind::CaseOnlyAzure {
                    value: "max@domain.de".into(),
                    other_line: 1
                }
            ),
            (
                2,
                Severity::Warning,
                FindingKind::CaseOnlyUcserver {
                    value: "Max".into(),
                    other_line: 1
                }
            ),
        ]
    );
    assert_eq!((report.errors, report.warnings), (0, 2));
}

#[test]
fn case_variant_repeated_exactly_is_a_duplicate() {
    assert_eq!(
        kinds(b"A@b.de,x\na@b.de,y\na@b.de,z\n"),
        vec![
            (
                2,
                FindingKind::CaseOnlyAzure {
                    value: "a@b.de".into(),
                    other_line: 1
                }
            ),
            (
                3,
                FindingKind::DuplicateAzure {
                    value: "a@b.de".into(),
                    first_line: 2
                }
            ),
        ]
    );
}

#[test]
fn non_ascii_case_variants_are_found() {
    assert_eq!(
        kinds("jürgen@b.de,x\nJÜRGEN@b.de,y\n".as_bytes()),
        vec![(
            2,
            FindingKind::CaseOnlyAzure {
                value: "JÜRGEN@b.de".into(),
                other_line: 1
            }
        )]
    );
}

#[test]
fn azure_name_not_of_the_form_local_at_domain() {
    for bad in [
        "mmu",
        "mmu@",
        "@domain.de",
        "m mu@domain.de",
        "a@b@c.de",
        "mmu@domain",
    ] {
        let text = format!("{bad},x\n");
        assert_eq!(
            kinds(text.as_bytes()),
            vec![(1, FindingKind::NotUpn { value: bad.into() })],
            "{bad}"
        );
    }
}

#[test]
fn a_control_character_in_a_name_is_an_error_at_its_line_and_column() {
    // ESC/BEL in the Azure AD name (which still has the form name@domain), a C1 control (U+009B,
    // "CSI") in the UCServer name after a quoted Azure AD name; a tab at a field's end is only
    // padding ("spaces"), as before.
    let report = MatchingFile::parse(
        "bob\u{1b}]0;pwn\u{7}@b.de,bob\n\"ä@b.de\",x\u{9b}2J\nc@b.de,c\t\n".as_bytes(),
    )
    .validate();
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.line, f.severity, f.kind.clone()))
        .collect();
    let control = |column, at, code: &str| FindingKind::ControlChar {
        column,
        at,
        code: code.into(),
    };
    assert_eq!(
        found,
        vec![
            (1, Severity::Error, control(Column::Azure, 4, "[ESC]")),
            (
                2,
                Severity::Error,
                FindingKind::Quoted {
                    column: Column::Azure
                }
            ),
            (
                2,
                Severity::Error,
                control(Column::Ucserver, 11, "[U+009B]")
            ),
            (
                3,
                Severity::Error,
                FindingKind::Spaces {
                    column: Column::Ucserver
                }
            ),
        ]
    );
    assert_eq!(report.errors, 4);
}

#[test]
fn header_line_is_a_warning() {
    let report =
        MatchingFile::parse(b"Azure AD Benutzername,UCServer Benutzername\na@b.de,x\n").validate();
    assert_eq!(report.rows, 1);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].kind, FindingKind::Header);
    assert_eq!(report.findings[0].severity, Severity::Warning);
    let mut file = MatchingFile::parse(b"UPN,User\na@b.de,x\n");
    assert!(file.remove_header());
    assert_eq!(file.to_bytes().unwrap(), b"a@b.de,x\n");
}

#[test]
fn semicolon_file_is_found_and_converted() {
    let bytes = b"a@b.de;x\r\nc@b.de;y\r\n";
    let mut file = MatchingFile::parse(bytes);
    assert_eq!(file.delimiter, Delimiter::Semicolon);
    let report = file.validate();
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert_eq!(
        (report.findings[0].line, &report.findings[0].kind),
        (1, &FindingKind::Semicolon)
    );
    assert_eq!(report.findings[0].severity, Severity::Error);
    assert!(file.needs_conversion());
    file.convert().unwrap();
    assert_eq!(file.to_bytes().unwrap(), b"a@b.de,x\r\nc@b.de,y\r\n");
    assert!(file.validate().findings.is_empty());
}

#[test]
fn semicolon_conversion_refuses_names_with_commas() {
    let mut file = MatchingFile::parse(b"a@b.de;x\nc@b.de;Muster, Max\n");
    // The second line has a comma, so this is not taken for a semicolon file…
    assert_eq!(file.delimiter, Delimiter::Comma);
    let mut semi = MatchingFile::parse(b"a@b.de;x\n");
    semi.lines.push("c@b.de;Muster, Max".into());
    assert_eq!(semi.convert().unwrap_err().line, 2);
    // …and nothing is changed by a failed conversion.
    assert_eq!(semi.lines.get(0), "a@b.de;x");
    assert!(file.convert().is_ok());
}

#[test]
fn windows_1252_file_is_found_and_converted() {
    // "jürgen" in Windows-1252: ü = 0xFC.
    let bytes = b"a@b.de,x\nj\xFCrgen@b.de,j\xFCrgen\n";
    let mut file = MatchingFile::parse(bytes);
    assert_eq!(file.encoding, SourceEncoding::Windows1252);
    let report = file.validate();
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert_eq!(
        (report.findings[0].line, &report.findings[0].kind),
        (2, &FindingKind::NotUtf8)
    );
    // Written back as found unless converted.
    assert_eq!(file.to_bytes().unwrap(), bytes);
    file.convert().unwrap();
    assert_eq!(
        file.to_bytes().unwrap(),
        "a@b.de,x\njürgen@b.de,jürgen\n".as_bytes()
    );
}

#[test]
fn excel_semicolon_and_1252_together() {
    let mut file = MatchingFile::parse(b"m\xFCller@b.de;m\xFCller\r\n");
    let kinds: Vec<_> = file
        .validate()
        .findings
        .into_iter()
        .map(|f| f.kind)
        .collect();
    assert_eq!(kinds, vec![FindingKind::NotUtf8, FindingKind::Semicolon]);
    file.convert().unwrap();
    assert_eq!(
        file.to_bytes().unwrap(),
        "müller@b.de,müller\r\n".as_bytes()
    );
}

#[test]
fn style_round_trips_byte_for_byte() {
    for bytes in [
        b"\xEF\xBB\xBFa@b.de,x\r\nc@b.de,y\r\n".as_slice(),
        b"a@b.de,x\nc@b.de,y",
        b"a@b.de,x\n\nc@b.de,y\n",
        b"",
    ] {
        assert_eq!(
            MatchingFile::parse(bytes).to_bytes().unwrap(),
            bytes,
            "{bytes:?}"
        );
    }
}

#[test]
fn blank_lines_are_not_findings() {
    let report = MatchingFile::parse(b"a@b.de,x\n\n   \nc@b.de,y\n").validate();
    assert_eq!(report.rows, 2);
    assert!(report.findings.is_empty());
}

#[test]
fn long_names_differing_only_in_case_are_found_whatever_their_length() {
    // Longer than one hashing chunk (64 bytes), with a non-ASCII letter in one spelling only.
    let a = format!("{}k@b.de", "x".repeat(70));
    let b = format!("{}\u{212A}@b.de", "X".repeat(70)); // KELVIN SIGN lowers to 'k'
    let text = format!("{a},one\n{b},two\n");
    assert_eq!(
        kinds(text.as_bytes())
            .into_iter()
            .filter(|(_, k)| matches!(k, FindingKind::CaseOnlyAzure { .. }))
            .count(),
        1
    );
}

/// Large files are checked on two threads; findings across the two halves must still be found,
/// with the right lines, in line order.
#[test]
fn large_file_findings_across_both_halves() {
    let mut text = String::new();
    for i in 0..30_000 {
        text.push_str(&format!("user{i}@firma.de,ucs{i}\n"));
    }
    text.push_str("user5@firma.de,other\n"); // line 30001: duplicate of line 6
    text.push_str("USER29000@firma.de,x\n"); // line 30002: case-only of line 29001
    text.push_str("broken line\n"); // line 30003
    let report = MatchingFile::parse(text.as_bytes()).validate();
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.line, f.kind.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                30001,
                FindingKind::DuplicateAzure {
                    value: "user5@firma.de".into(),
                    first_line: 6
                }
            ),
            (
                30002,
                FindingKind::CaseOnlyAzure {
                    value: "USER29000@firma.de".into(),
                    other_line: 29001
                }
            ),
            (30003, FindingKind::FieldCount { found: 1 }),
        ]
    );
    assert_eq!(report.rows, 30_003);
}

/// A file kept in Windows-1252 (Excel) cannot hold "ł": the save is refused naming the line and
/// the character, and the file on disk stays as it was (before, the name was written as
/// `&#322;`, which no user name matches).
#[test]
fn a_character_windows_1252_cannot_hold_is_refused_not_garbled() {
    use teams_presence_admin::ops::store::{self, SaveFailure};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usermatching.csv");
    let bytes = b"a@b.de,x\nj\xFCrgen@b.de,j\xFCrgen\n";
    std::fs::write(&path, bytes).unwrap();
    let loaded = store::load_matching(&path).unwrap().unwrap();
    let mut file = loaded.file.clone();
    file.lines.set(0, "a@b.de,micha\u{142}".to_owned());
    let e = file.to_bytes().unwrap_err();
    assert_eq!((e.line, e.ch), (1, '\u{142}'));
    match store::save_matching(&loaded.snapshot, &loaded.file, &file) {
        Err(SaveFailure::Unencodable(e)) => {
            let t = teams_presence_admin::base::i18n::Texts::new(
                teams_presence_admin::base::i18n::Lang::De,
            );
            let text = t.msg(&e.msg());
            assert!(text.contains("Zeile 1") && text.contains("ł"), "{text}");
        }
        other => panic!("{:?}", other.err()),
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

/// Found by the fuzzer (fuzz/fuzz_targets/usermatching.rs): a file whose lines end partly in LF
/// and partly in CRLF is written back byte for byte — each line read keeps its own line end, an
/// edited or added line takes the file's.
#[test]
fn mixed_line_ends_survive_a_write_back() {
    let bytes = b"a@b.de,x\nc@d.de,y\r\ne@f.de,z\n";
    let mut file = MatchingFile::parse(bytes);
    assert_eq!(file.to_bytes().unwrap(), bytes);
    file.lines.set(2, "e@f.de,zz".to_owned());
    file.lines.push("g@h.de,w".to_owned());
    assert_eq!(
        file.to_bytes().unwrap(),
        b"a@b.de,x\nc@d.de,y\r\ne@f.de,zz\ng@h.de,w\n"
    );
    let crlf = b"a@b.de,x\r\nc@d.de,y\ne@f.de,z\r\n";
    assert_eq!(MatchingFile::parse(crlf).to_bytes().unwrap(), crlf);
    // A `\r` at the very end of a file without a final line end is part of the last line.
    let cr_at_end = b"a@b.de,x\r\nc@d.de,y\r";
    assert_eq!(
        MatchingFile::parse(cr_at_end).to_bytes().unwrap(),
        cr_at_end
    );
}

/// Issue 34 §13: a repair refused because usermatching.csv changed since it was read names
/// usermatching.csv (its own text), in German and English — not msteams.cfg.
#[test]
fn a_repair_over_a_changed_usermatching_csv_names_usermatching_csv() {
    use teams_presence_admin::base::i18n::{Lang, Texts};
    use teams_presence_admin::ops::store::{Repair, load_matching, repair_matching};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usermatching.csv");
    std::fs::write(&path, "Email,Name\na@firma.de,a@firma.local\n").unwrap();
    let loaded = load_matching(&path).unwrap().unwrap();
    std::fs::write(&path, "Email,Name\nb@firma.de,b@firma.local\n").unwrap();
    let e = repair_matching(&loaded.snapshot, Repair::RemoveHeader).unwrap_err();
    for (lang, words) in [
        (Lang::En, "usermatching.csv was changed by another program"),
        (Lang::De, "usermatching.csv wurde seit dem Laden"),
    ] {
        let text: Vec<String> = e.msgs().iter().map(|m| Texts::new(lang).msg(m)).collect();
        let text = text.join("\n");
        assert!(text.contains(words), "{text}");
        assert!(!text.contains("msteams.cfg"), "{text}");
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Email,Name\nb@firma.de,b@firma.local\n",
        "nothing written"
    );
}
