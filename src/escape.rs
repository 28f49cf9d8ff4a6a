//! Text from a file or from Microsoft as it may be shown — on a terminal, in the window, in a
//! message: control characters other than line breaks and tabs, and the bidirectional
//! embeddings, overrides and isolates, are written as `\u{1b}`. A terminal would obey them; the
//! window would draw boxes; a bidirectional override makes text read other than it is.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is shown escaped: C0 and C1 controls and DEL except `\n` and `\t`, and the
/// bidirectional embeddings, overrides and isolates (text that reads other than it is).
pub fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` as it may reach a terminal.
pub fn escape(text: &str) -> Cow<'_, str> {
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
