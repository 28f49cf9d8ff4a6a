//! Personal values in a log line, marked where they stand: an account, a UCServer user or group,
//! a usermatching.csv line is written between `‹` and `›`, so that the support bundle removes
//! every one of them by its place in the line, whatever it looks like (`jsmith`,
//! `MUSTERFIRMA\mmeier`, "Max Mustermann" are no mail addresses).

use std::borrow::Cow;

/// Opens a personal value in a log line.
pub const OPEN: char = '‹';
/// Closes it.
pub const CLOSE: char = '›';

/// `value` marked as personal for the log (a `‹` or `›` inside it written as `<` / `>`, so that
/// the mark ends where the value ends).
pub fn mark(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 6);
    out.push(OPEN);
    out.extend(value.chars().map(|c| match c {
        OPEN => '<',
        CLOSE => '>',
        c => c,
    }));
    out.push(CLOSE);
    out
}

/// A `{:?}` rendering (a parsed command line) with each quoted string in it marked: its values
/// (a user to activate, a UPN for the write test, a path) are what the administrator typed.
pub fn mark_quoted(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len() + 16);
    let mut chars = debug.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
            continue;
        }
        let mut quoted = String::from('"');
        while let Some(q) = chars.next() {
            quoted.push(q);
            match q {
                '\\' => quoted.extend(chars.next()),
                '"' => break,
                _ => {}
            }
        }
        out.push_str(&mark(&quoted));
    }
    out
}

/// `text` with every marked value replaced by `replace(value)` (the marks go with it). A mark
/// that is never closed runs to the end of its line.
pub fn replace_marked<'a>(text: &'a str, replace: impl Fn(&str) -> String) -> Cow<'a, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let value_and_more = &rest[start + OPEN.len_utf8()..];
        let end = value_and_more
            .find([CLOSE, '\n'])
            .unwrap_or(value_and_more.len());
        out.push_str(&replace(&value_and_more[..end]));
        rest = &value_and_more[end..];
        rest = rest.strip_prefix(CLOSE).unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_values_are_found_where_they_stand() {
        let line = format!(
            "change: {} consent user: {} and {}\nnext {}",
            mark("MUSTERFIRMA\\mmeier"),
            mark("Max ›Mustermann‹"),
            mark(""),
            "‹unclosed"
        );
        assert_eq!(
            replace_marked(&line, |v| format!("<{}>", v.chars().count())),
            "change: <18> consent user: <16> and <0>\nnext <8>"
        );
        assert!(matches!(
            replace_marked("plain", |_| String::new()),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            mark_quoted(r#"Set { key: Activation, value: "users:a\"b,MUSTERFIRMA\\mmeier" }"#),
            r#"Set { key: Activation, value: ‹"users:a\"b,MUSTERFIRMA\\mmeier"› }"#
        );
    }
}
