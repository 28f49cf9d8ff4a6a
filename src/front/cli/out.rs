//! What the command line prints. Every line for stdout or stderr goes through here, so that text
//! from a file or from Microsoft cannot steer the administrator's terminal — control characters
//! other than line breaks and tabs, and the bidirectional overrides, are shown escaped
//! (`\u{1b}`) — and so that a reader that went away (`… | head`) ends the printing quietly: the
//! command finishes and exits with its usual status, without a panic.

use crate::base::escape::hidden;
pub use crate::base::escape::{escape, escape_value};
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once stdout's reader has gone: later output is dropped.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes a JSON document (and a line break) to stdout, escaped as [`json_to`] does.
pub fn json(value: &impl serde::Serialize) {
    let mut text = Vec::new();
    json_to(&mut text, value).expect("serialises");
    text.push(b'\n');
    write_stdout(std::str::from_utf8(&text).expect("serde writes UTF-8"));
}

/// Writes `value` as pretty JSON to `out` as it is produced, for a terminal: serde already
/// escapes C0 controls in strings; what is left (DEL, C1, the bidirectional controls) is written
/// as JSON's `\uXXXX`, so the document stays the same value.
pub fn json_to(out: impl std::io::Write, value: &impl serde::Serialize) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, TerminalSafe::default());
    value.serialize(&mut ser)
}

/// serde_json's pretty formatter, whose string fragments (the parts serde does not escape) have
/// [`hidden`] characters escaped.
#[derive(Default)]
struct TerminalSafe(serde_json::ser::PrettyFormatter<'static>);

/// The methods [`serde_json::ser::PrettyFormatter`] overrides, handed to it.
macro_rules! pretty {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for TerminalSafe {
    pretty! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // serde escaped the C0 controls already; DEL, C1 (from 0xC2), the Arabic letter mark
        // (0xD8) and the bidirectional controls and line separators (from 0xE2) are the only
        // bytes to look closer at.
        if !fragment
            .bytes()
            .any(|b| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2))
        {
            return w.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| hidden(c)) {
            w.write_all(&rest.as_bytes()[..i])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
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
    () => { $crate::front::cli::out::stdout("\n") };
    ($($arg:tt)*) => { $crate::front::cli::out::stdout(&format!("{}\n", format_args!($($arg)*))) };
}

/// `print!` for the command line.
macro_rules! out {
    ($($arg:tt)*) => { $crate::front::cli::out::stdout(&format!($($arg)*)) };
}

/// `eprintln!` for the command line: escaped.
macro_rules! errln {
    () => { $crate::front::cli::out::stderr("\n") };
    ($($arg:tt)*) => { $crate::front::cli::out::stderr(&format!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {errln, out, outln};

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn what_would_steer_a_terminal_is_shown_escaped() {
        assert_eq!(escape("bob\u{1b}]0;pwn\u{7}"), "bob\\u{1b}]0;pwn\\u{7}");
        assert_eq!(escape("a\u{202e}b\r"), "a\\u{202e}b\\u{d}");
        assert_eq!(escape("Zeile 1\n\tjürgen"), "Zeile 1\n\tjürgen");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        let mut json = Vec::new();
        json_to(
            &mut json,
            &serde_json::json!({ "u": "a\u{1b}\u{9b}\u{202e}x\u{7f}" }),
        )
        .unwrap();
        let shown = String::from_utf8(json).unwrap();
        assert!(!shown.chars().any(hidden), "{shown}");
        assert!(shown.contains("\\u009b"), "{shown}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&shown).unwrap()["u"],
            "a\u{1b}\u{9b}\u{202e}x\u{7f}"
        );
    }
}
