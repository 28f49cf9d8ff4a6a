//! Text from a file or from Microsoft as it may be shown — on a terminal, in the window, in a
//! message: control characters other than line breaks and tabs, and the bidirectional marks,
//! embeddings, overrides and isolates, are written as `\u{1b}`. A terminal would obey them; the
//! window would draw boxes; a bidirectional override makes text read other than it is.
//! A value (a name, an address, Microsoft's words) has its line breaks escaped too
//! ([`escape_value`]: LF, CR, NEL, U+2028, U+2029): a name with a line feed cannot forge a line
//! of the output (issue 34 §11). [`escape`] keeps `\n` for a text the pane composed of lines.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is shown escaped: C0 and C1 controls and DEL except `\n` and `\t`, and the
/// bidirectional embeddings, overrides and isolates (text that reads other than it is).
pub fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Whether `c` is shown escaped inside a value: what [`hidden`] names, and the line feed.
pub fn hidden_in_value(c: char) -> bool {
    c == '\n' || hidden(c)
}

/// A value from a file or from Microsoft as it may stand inside a line: [`escape`] with the line
/// feed escaped too, so that it cannot start a line of its own.
pub fn escape_value(text: &str) -> Cow<'_, str> {
    escape_where(text, hidden_in_value)
}

/// A hidden character as an administrator can read it in the window or a message: a C0 control
/// by its common abbreviation in brackets (BEL as "[BEL]", ESC as "[ESC]", a line feed as "[LF]"),
/// DEL as "[DEL]", anything else [`hidden_in_value`] names as "[U+202E]" — never a developer's
/// `\u{7}`. (The window's fonts have no control pictures such as "␇": they would be boxes.)
pub fn symbol(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US",
    ];
    match u32::from(c) {
        n @ 0..=0x1f => format!("[{}]", C0[n as usize]),
        0x7f => "[DEL]".to_owned(),
        n => format!("[U+{n:04X}]"),
    }
}

/// A value for a cell of the window: each hidden character (see [`hidden_in_value`]) as its
/// [`symbol`].
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden_in_value) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden_in_value(c) {
            out.push_str(&symbol(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` as it may reach a terminal.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, hidden)
}

fn escape_where(text: &str, hidden: fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 34 §11: every character that starts a line or turns text around is escaped in a
    /// value; a composed text keeps its own line feeds.
    #[test]
    fn a_value_cannot_start_a_line_of_its_own() {
        let forged = "Max\nverdict: authorized\rX\u{85}Y\u{2028}Z\u{2029}W\u{200f}V";
        let shown = escape_value(forged);
        assert!(
            !shown.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{200f}']),
            "{shown}"
        );
        assert_eq!(
            shown,
            "Max\\u{a}verdict: authorized\\u{d}X\\u{85}Y\\u{2028}Z\\u{2029}W\\u{200f}V"
        );
        assert_eq!(escape("line 1\nline 2\u{2028}"), "line 1\nline 2\\u{2028}");
    }
}
