//! `ExternalServiceProvider/usermatching.csv`: read with line numbers, validate, write back.
//!
//! The UCServer service reads one mapping a line, `Azure AD user name,UCServer user name`, no header,
//! split at the comma with no quoting, and compares case-sensitively. That is simpler than RFC 4180:
//! a CSV library would silently remove the quotes and spaces that the service would keep, so this
//! module splits lines itself and reports exactly what the service will see ([`findings`]). Files
//! are written back in the style found (BOM, CRLF, encoding) unless a conversion is asked for.

pub mod editor;
mod findings;
mod lines;
pub mod live;
pub mod merge;
pub mod paste;
pub mod preview;
mod row;
pub mod ucserver_users;

pub use findings::{Column, Finding, FindingKind, Report, Severity, is_upn};
pub use lines::Lines;

use crate::base::files::TextStyle;
use crate::base::i18n::Msg;

/// The separator between the two names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Delimiter {
    Comma,
    /// As German Excel saves "CSV": the service cannot read it.
    Semicolon,
}

impl Delimiter {
    pub fn char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
        }
    }
}

/// The character encoding the file was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum SourceEncoding {
    Utf8,
    /// Not valid UTF-8; read as Windows-1252, as Excel writes it.
    Windows1252,
}

/// usermatching.csv in memory: every physical line as text, and how the file was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchingFile {
    pub lines: Lines,
    pub style: TextStyle,
    pub delimiter: Delimiter,
    pub encoding: SourceEncoding,
    pub trailing_newline: bool,
    /// Line of the first byte that is not UTF-8 (when read as Windows-1252).
    first_invalid_line: usize,
}

/// Why a conversion to comma-separated UTF-8 is not possible.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: a name contains a comma")]
pub struct ConvertError {
    pub line: usize,
}

impl ConvertError {
    pub fn msg(&self) -> Msg {
        Msg::new("convert-error-comma").num("line", self.line)
    }
}

/// A character that a file kept in Windows-1252 cannot hold (e.g. "ł" typed into an Excel
/// export): the file is not written rather than written with `&#322;` in the name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: \"{ch}\" cannot be written in Windows-1252")]
pub struct Unencodable {
    pub line: usize,
    pub ch: char,
}

impl Unencodable {
    pub fn msg(&self) -> Msg {
        Msg::new("unencodable-1252")
            .num("line", self.line)
            .text("char", self.ch.to_string())
    }
}

impl MatchingFile {
    /// An empty file in the style the service expects (UTF-8, LF, comma).
    pub fn new() -> Self {
        Self {
            lines: Lines::default(),
            style: TextStyle::default(),
            delimiter: Delimiter::Comma,
            encoding: SourceEncoding::Utf8,
            trailing_newline: true,
            first_invalid_line: 0,
        }
    }

    /// Reads the file's bytes. Never fails: what the service would stumble over is reported by
    /// [`Self::validate`].
    pub fn parse(bytes: &[u8]) -> Self {
        Self::parse_owned(bytes.to_vec())
    }

    /// Like [`Self::parse`], keeping the buffer (no copy for a UTF-8 file).
    pub fn parse_owned(bytes: Vec<u8>) -> Self {
        let (style, body) = TextStyle::detect(&bytes);
        let from = bytes.len() - body.len();
        let (text, from, encoding, first_invalid_line) = match String::from_utf8(bytes) {
            Ok(text) => (text, from, SourceEncoding::Utf8, 0),
            Err(e) => {
                let bytes = e.into_bytes();
                let body = &bytes[from..];
                let valid = match std::str::from_utf8(body) {
                    Ok(_) => body.len(),
                    Err(e) => e.valid_up_to(),
                };
                let line = memchr_count(&body[..valid]) + 1;
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                (text.into_owned(), 0, SourceEncoding::Windows1252, line)
            }
        };
        let body = &text[from..];
        let delimiter = if !body.contains(',') && body.contains(';') {
            Delimiter::Semicolon
        } else {
            Delimiter::Comma
        };
        let (lines, trailing_newline) = Lines::split(text, from);
        Self {
            lines,
            style,
            delimiter,
            encoding,
            trailing_newline,
            first_invalid_line,
        }
    }

    /// The bytes to write: same BOM, line ends, separator and encoding as read. A file kept in
    /// Windows-1252 with a character that encoding cannot hold is refused, naming the line.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Unencodable> {
        let nl = self.style.newline();
        let trailing = self.trailing_newline && !self.lines.is_empty();
        let text = self.lines.text(nl, trailing);
        match self.encoding {
            SourceEncoding::Utf8 => Ok(self.style.with_bom(&text)),
            SourceEncoding::Windows1252 => {
                let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&text);
                if !lossy {
                    return Ok(bytes.into_owned());
                }
                let fits = |c: char| {
                    !encoding_rs::WINDOWS_1252
                        .encode(c.encode_utf8(&mut [0; 4]))
                        .2
                };
                let (line, ch) = self
                    .lines
                    .iter()
                    .enumerate()
                    .find_map(|(i, l)| l.chars().find(|&c| !fits(c)).map(|c| (i + 1, c)))
                    .unwrap_or((0, char::REPLACEMENT_CHARACTER));
                Err(Unencodable { line, ch })
            }
        }
    }

    /// Whether [`Self::convert`] has something to do.
    pub fn needs_conversion(&self) -> bool {
        self.delimiter == Delimiter::Semicolon || self.encoding == SourceEncoding::Windows1252
    }

    /// Converts to what the service reads: comma-separated, UTF-8. Line ends and BOM stay.
    /// Nothing changes when it fails.
    pub fn convert(&mut self) -> Result<(), ConvertError> {
        if self.delimiter == Delimiter::Semicolon {
            if let Some(i) = self.lines.iter().position(|l| l.contains(',')) {
                return Err(ConvertError { line: i + 1 });
            }
            for i in 0..self.lines.len() {
                let converted = self.lines.get(i).replace(';', ",");
                self.lines.set(i, converted);
            }
            self.delimiter = Delimiter::Comma;
        }
        self.encoding = SourceEncoding::Utf8;
        Ok(())
    }

    /// Removes a header line, if the first line with content is one.
    pub fn remove_header(&mut self) -> bool {
        match self.header_line() {
            Some(i) => {
                self.lines.remove(i);
                true
            }
            None => false,
        }
    }

    /// Whether the first line with content is a header line.
    pub fn has_header(&self) -> bool {
        self.header_line().is_some()
    }

    /// The index of a header line: the first line with content, when its first field is no
    /// user name but a column title.
    pub(super) fn header_line(&self) -> Option<usize> {
        let i = self.lines.iter().position(|l| !l.trim().is_empty())?;
        let first = self.lines.get(i).split(self.delimiter.char()).next()?;
        paste::is_column_title(first).then_some(i)
    }
}

impl Default for MatchingFile {
    fn default() -> Self {
        Self::new()
    }
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
