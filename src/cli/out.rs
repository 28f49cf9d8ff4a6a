//! What the command line prints. Every line for stdout or stderr goes through here, so that text
//! from a file or from Microsoft cannot steer the administrator's terminal — control characters
//! other than line breaks and tabs, and the bidirectional overrides, are shown escaped
//! (`\u{1b}`) — and so that a reader that went away (`… | head`) ends the printing quietly: the
//! command finishes and exits with its usual status, without a panic.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once stdout's reader has gone: later output is dropped.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether `c` is shown escaped: C0 and C1 controls and DEL except `\n` and `\t`, and the
/// bidirectional embeddings, overrides and isolates (text that reads other than it is).
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` as it may reach a terminal.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_as(text, |out, c| {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    })
}

/// JSON (serde's, whose strings already escape C0 controls) as it may reach a terminal: what is
/// left (DEL, C1, the bidirectional controls, only ever inside strings) as JSON's `\uXXXX`, so the
/// document stays the same value.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    escape_as(json, |out, c| {
        let _ = write!(out, "\\u{:04x}", u32::from(c));
    })
}

fn escape_as(text: &str, mut esc: impl FnMut(&mut String, char)) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            esc(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes a JSON document (and a line break) to stdout, escaped as [`escape_json`].
pub fn json(value: &impl serde::Serialize) {
    let text = serde_json::to_string_pretty(value).expect("serialises");
    write_stdout(&format!("{}\n", escape_json(&text)));
}

/// Writes `text`, escaped, to stdout; a closed pipe ends all further output quietly.
pub fn stdout(text: &str) {
    write_stdout(&escape(text));
}

fn write_stdout(text: &str) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut w = std::io::stdout().lock();
    let written = w.write_all(text.as_bytes()).and_then(|()| w.flush());
    if let Err(e) = written
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Writes `text`, escaped, to stderr (nothing to do when that fails).
pub fn stderr(text: &str) {
    let mut w = std::io::stderr().lock();
    let _ = w.write_all(escape(text).as_bytes());
}

/// `println!` for the command line: escaped, quiet on a closed pipe.
macro_rules! outln {
    () => { $crate::cli::out::stdout("\n") };
    ($($arg:tt)*) => { $crate::cli::out::stdout(&format!("{}\n", format_args!($($arg)*))) };
}

/// `print!` for the command line.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::out::stdout(&format!($($arg)*)) };
}

/// `eprintln!` for the command line: escaped.
macro_rules! errln {
    () => { $crate::cli::out::stderr("\n") };
    ($($arg:tt)*) => { $crate::cli::out::stderr(&format!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {errln, out, outln};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_would_steer_a_terminal_is_shown_escaped() {
        assert_eq!(escape("bob\u{1b}]0;pwn\u{7}"), "bob\\u{1b}]0;pwn\\u{7}");
        assert_eq!(escape("a\u{202e}b\r"), "a\\u{202e}b\\u{d}");
        assert_eq!(escape("Zeile 1\n\tjürgen"), "Zeile 1\n\tjürgen");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        let json =
            serde_json::to_string(&serde_json::json!({ "u": "a\u{1b}\u{9b}\u{202e}" })).unwrap();
        let shown = escape_json(&json);
        assert!(!shown.chars().any(hidden), "{shown}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&shown).unwrap()["u"],
            "a\u{1b}\u{9b}\u{202e}"
        );
    }
}
