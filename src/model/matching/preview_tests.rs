//! The tests of the preview (`super`): who matches how, suggestions, case fixes, counts, CSV.

use super::*;

fn uc(name: &str, display: &str) -> UcUser {
    UcUser {
        name: name.into(),
        display_name: display.into(),
        groups: Default::default(),
    }
}

fn t(upn: &str, mail: &str, display: &str) -> TenantUser {
    TenantUser {
        id: upn.into(),
        upn: upn.into(),
        mail: Some(mail.into()),
        display_name: display.into(),
    }
}

/// Issue 26 §8: every case fix written at once, the rest of each line kept; a line changed
/// since the fix was found is left alone.
#[test]
fn case_fixes_are_applied_at_once_to_the_lines_still_as_found() {
    let tenant = [
        t("Max.M@firma.de", "m@firma.de", "Max"),
        t("Eva@firma.de", "e@firma.de", "Eva"),
    ];
    let mut file =
        MatchingFile::parse(b"max.m@firma.de,max\r\n eva@firma.de ,eva\r\nother@firma.de,o\r\n");
    let fixes = preview(&[], |_| true, &file, &tenant).case_fixes;
    assert_eq!(fixes.len(), 2);
    file.lines.set(0, "max.m@firma.de,changed".into());
    file.lines.set(0, "max.m@firma.de,max".into());
    assert_eq!(apply_case_fixes(&mut file, &fixes), 2);
    let lines: Vec<&str> = file.lines.iter().collect();
    assert_eq!(
        lines,
        [
            "Max.M@firma.de,max",
            " Eva@firma.de ,eva",
            "other@firma.de,o"
        ]
    );
    let mut moved = MatchingFile::parse(b"someone@firma.de,max\n");
    assert_eq!(
        apply_case_fixes(&mut moved, &fixes[..1]),
        0,
        "no longer the line it was"
    );
}

/// Issue 26 §9: an account that a line of usermatching.csv names already is never suggested
/// (adding or changing a line to it would be refused as a second line for the same name).
#[test]
fn an_account_already_on_a_line_is_not_suggested() {
    let tenant = [t("max@firma.de", "max@firma.de", "Max")];
    let users = [
        uc("max@firma.local", "Max"),
        uc("other@firma.local", "Other"),
    ];
    let mapping = MatchingFile::parse(b"max@firma.de,somebody-else\n");
    let p = preview(&users, |_| true, &mapping, &tenant);
    assert_eq!(p.rows[0].result, Match::None);
    assert_eq!(
        p.rows[0].suggestion, None,
        "max@firma.de is on line 1 already"
    );
    let free = preview(&users, |_| true, &MatchingFile::new(), &tenant);
    assert_eq!(free.rows[0].suggestion, Some((0, Reason::SameLocalPart)));
}

/// A suggestion names one account: where two fit by a rule (letter case ignored), that rule
/// suggests nobody and the next one is asked.
#[test]
fn a_suggestion_only_where_exactly_one_account_fits() {
    let tenant = vec![
        t("p.kurz@firma.de", "pk@firma.de", "Paul Kurz"),
        t("p.kurz@tochter.de", "pk2@firma.de", "paul kurz"),
        t("erika@firma.de", "e1@firma.de", "Erika Lang"),
        t("ERIKA@tochter.de", "e2@firma.de", "Erika L."),
    ];
    let users = vec![
        uc("p.kurz@firma.local", "PAUL KURZ"), // two by local part, two by name
        uc("erika@firma.local", "Erika Lang"), // two by local part, one by name
        uc("PK2@FIRMA.DE", "Somebody"),        // one by mail
    ];
    let file = MatchingFile::parse(b"");
    let p = preview(&users, |_| true, &file, &tenant);
    let suggestions: Vec<_> = p.rows.iter().map(|r| r.suggestion).collect();
    assert_eq!(
        suggestions,
        [
            None,
            Some((2, Reason::SameDisplayName)),
            Some((1, Reason::SameMail))
        ]
    );
}

#[test]
fn every_kind_of_match() {
    let tenant = vec![
        t("max@firma.de", "max@firma.de", "Max Muster"),
        t("mmu@firma.de", "mmu@firma.de", "Markus Mustermann"),
        t(
            "Sophie.Wagner@firma.de",
            "sophie.wagner@firma.de",
            "Sophie Wagner",
        ),
        t("lena.frisch@firma.de", "lena@firma.de", "Lena Frisch"),
        t("a1@firma.de", "a1@firma.de", "A One"),
        t("a2@firma.de", "a2@firma.de", "A Two"),
    ];
    let users = vec![
        uc("max@firma.de", "Max Muster"),                         // same UPN
        uc("markus.mustermann@firma.local", "Markus Mustermann"), // mapping
        uc("sophie.wagner@firma.local", "Sophie Wagner"),         // mapping with wrong case
        uc("lena@firma.de", "Lena Frisch"),                       // none; same mail
        uc("zz@firma.local", "Nobody"),                           // none, no suggestion
        uc("dup@firma.local", "Dup"),                             // ambiguous
        uc("out@firma.local", "Out of scope"),
    ];
    let file = MatchingFile::parse(
        b"mmu@firma.de,markus.mustermann@firma.local\nsophie.wagner@firma.de,sophie.wagner@firma.local\ngone@firma.de,x@firma.local\na1@firma.de,dup@firma.local\na2@firma.de,dup@firma.local\n",
    );
    let p = preview(&users, |u| u.name != "out@firma.local", &file, &tenant);
    let results: Vec<_> = p.rows.iter().map(|r| r.result.clone()).collect();
    assert_eq!(
        results,
        vec![
            Match::SameUpn { tenant: 0 },
            Match::Mapping { tenant: 1, line: 1 },
            Match::None,
            Match::None,
            Match::None,
            Match::Ambiguous { lines: vec![4, 5] },
        ]
    );
    assert_eq!(
        p.counts,
        Counts {
            same_upn: 1,
            mapping: 1,
            none: 3,
            ambiguous: 1
        }
    );
    assert_eq!(
        p.unknown_lines,
        vec![UnknownLine {
            line: 3,
            account: "gone@firma.de".into()
        }]
    );
    // Sophie is on line 2 already (but for case): that line is fixed, no second one added.
    let lines: Vec<_> = p.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [None, None, Some(2), None, None, None]);
    assert_eq!(
        p.case_fixes,
        vec![CaseFix {
            line: 2,
            written: "sophie.wagner@firma.de".into(),
            upn: "Sophie.Wagner@firma.de".into(),
            clash: None
        }]
    );
    // Suggestions: Sophie by local part, Lena by mail, nobody for zz.
    assert_eq!(p.rows[2].suggestion, Some((2, Reason::SameLocalPart)));
    assert_eq!(p.rows[3].suggestion, Some((3, Reason::SameMail)));
    assert_eq!(p.rows[4].suggestion, None);
    let csv = String::from_utf8(to_csv(&p, &users, &tenant, b';')).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}ucserver_user;display_name;match;teams_upn;usermatching_lines;suggestion;reason"
    );
    assert_eq!(
        lines[2],
        "markus.mustermann@firma.local;Markus Mustermann;mapping;mmu@firma.de;1;;"
    );
    assert_eq!(
        lines[4],
        "lena@firma.de;Lena Frisch;none;;;lena.frisch@firma.de;same-mail"
    );
    assert_eq!(lines[6], "dup@firma.local;Dup;ambiguous;;4 5;;");
}

#[test]
fn scope_follows_the_activation() {
    let mut u = uc("a@x.local", "A");
    u.groups = ["Vertrieb".into()].into();
    let mut act = Activation::default();
    assert!(in_scope(&act)(&u), "off: the preview shows everybody");
    act.mode = ActivationMode::Groups;
    act.groups = vec!["Technik".into()];
    assert!(!in_scope(&act)(&u));
    act.groups.push("Vertrieb".into());
    assert!(in_scope(&act)(&u));
    act.mode = ActivationMode::Users;
    act.users = vec!["b@x.local".into()];
    assert!(!in_scope(&act)(&u));
}
