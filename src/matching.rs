//! `ExternalServiceProvider/usermatching.csv`: read with line numbers, validate, write back.
//!
//! The UCServer service reads one mapping a line, `Azure AD user name,UCServer user name`, no header,
//! split at the comma with no quoting, and compares case-sensitively. That is simpler than RFC 4180:
//! a CSV library would silently remove the quotes and spaces that the service would keep, so this
//! module splits lines itself and reports exactly what the service will see. Files are written back
//! in the style found (BOM, CRLF, encoding) unless a conversion is asked for.

use crate::files::TextStyle;
use crate::i18n::Msg;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// The separator between the two names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Delimiter {
    Comma,
    /// As German Excel saves "CSV": the service cannot read it.
    Semicolon,
}

impl Delimiter {
    fn char(self) -> char {
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
    pub lines: Vec<String>,
    pub style: TextStyle,
    pub delimiter: Delimiter,
    pub encoding: SourceEncoding,
    pub trailing_newline: bool,
    /// Line of the first byte that is not UTF-8 (when read as Windows-1252).
    first_invalid_line: usize,
}

/// Which of the two names a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Column {
    Azure,
    Ucserver,
}

impl Column {
    fn label_id(self) -> &'static str {
        match self {
            Column::Azure => "column-azure",
            Column::Ucserver => "column-ucserver",
        }
    }
}

/// What is wrong with a line (or, for the first two, the file).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FindingKind {
    NotUtf8,
    Semicolon,
    Header,
    FieldCount { found: usize },
    EmptyField { column: Column },
    Spaces { column: Column },
    Quoted { column: Column },
    NotUpn { value: String },
    DuplicateAzure { value: String, first_line: usize },
    DuplicateUcserver { value: String, first_line: usize },
    CaseOnlyAzure { value: String, other_line: usize },
    CaseOnlyUcserver { value: String, other_line: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Warning,
    Error,
}

/// One finding, on its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub line: usize,
    pub severity: Severity,
    #[serde(flatten)]
    pub kind: FindingKind,
}

impl Finding {
    fn new(line: usize, kind: FindingKind) -> Self {
        let severity = match kind {
            FindingKind::Header
            | FindingKind::CaseOnlyAzure { .. }
            | FindingKind::CaseOnlyUcserver { .. } => Severity::Warning,
            _ => Severity::Error,
        };
        Self {
            line,
            severity,
            kind,
        }
    }

    /// The message: what is wrong on which line and what to do.
    pub fn msg(&self) -> Msg {
        let m = |id| Msg::new(id).num("line", self.line);
        match &self.kind {
            FindingKind::NotUtf8 => m("finding-not-utf8"),
            FindingKind::Semicolon => m("finding-semicolon"),
            FindingKind::Header => m("finding-header"),
            FindingKind::FieldCount { found } => m("finding-field-count").num("found", *found),
            FindingKind::EmptyField { column } => {
                m("finding-empty-field").reference("column", column.label_id())
            }
            FindingKind::Spaces { column } => {
                m("finding-spaces").reference("column", column.label_id())
            }
            FindingKind::Quoted { column } => {
                m("finding-quoted").reference("column", column.label_id())
            }
            FindingKind::NotUpn { value } => m("finding-not-upn").text("value", value),
            FindingKind::DuplicateAzure { value, first_line } => m("finding-duplicate-azure")
                .text("value", value)
                .num("first", *first_line),
            FindingKind::DuplicateUcserver { value, first_line } => m("finding-duplicate-ucserver")
                .text("value", value)
                .num("first", *first_line),
            FindingKind::CaseOnlyAzure { value, other_line } => m("finding-case-azure")
                .text("value", value)
                .num("other", *other_line),
            FindingKind::CaseOnlyUcserver { value, other_line } => m("finding-case-ucserver")
                .text("value", value)
                .num("other", *other_line),
        }
    }
}

/// The result of [`MatchingFile::validate`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Lines that hold a mapping (not blank, not the header).
    pub rows: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
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

impl MatchingFile {
    /// An empty file in the style the service expects (UTF-8, LF, comma).
    pub fn new() -> Self {
        Self {
            lines: Vec::new(),
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
        let (style, body) = TextStyle::detect(bytes);
        let (text, encoding, first_invalid_line) = match std::str::from_utf8(body) {
            Ok(text) => (std::borrow::Cow::Borrowed(text), SourceEncoding::Utf8, 0),
            Err(e) => {
                let line = body[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                (text, SourceEncoding::Windows1252, line)
            }
        };
        let trailing_newline = text.ends_with('\n');
        let mut lines: Vec<String> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
            .collect();
        if trailing_newline || lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        let has = |c: char| lines.iter().any(|l| l.contains(c));
        let delimiter = if !has(',') && has(';') {
            Delimiter::Semicolon
        } else {
            Delimiter::Comma
        };
        Self {
            lines,
            style,
            delimiter,
            encoding,
            trailing_newline,
            first_invalid_line,
        }
    }

    /// The bytes to write: same BOM, line ends, separator and encoding as read.
    pub fn to_bytes(&self) -> Vec<u8> {
        let nl = self.style.newline();
        let mut text = self.lines.join(nl);
        if self.trailing_newline && !self.lines.is_empty() {
            text.push_str(nl);
        }
        match self.encoding {
            SourceEncoding::Utf8 => self.style.encode(&text),
            SourceEncoding::Windows1252 => {
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
                bytes.into_owned()
            }
        }
    }

    /// Whether [`Self::convert`] has something to do.
    pub fn needs_conversion(&self) -> bool {
        self.delimiter == Delimiter::Semicolon || self.encoding == SourceEncoding::Windows1252
    }

    /// Converts to what the service reads: comma-separated, UTF-8. Line ends and BOM stay.
    pub fn convert(&mut self) -> Result<(), ConvertError> {
        if self.delimiter == Delimiter::Semicolon {
            if let Some(i) = self.lines.iter().position(|l| l.contains(',')) {
                return Err(ConvertError { line: i + 1 });
            }
            for line in &mut self.lines {
                *line = line.replace(';', ",");
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

    fn header_line(&self) -> Option<usize> {
        let i = self.lines.iter().position(|l| !l.trim().is_empty())?;
        let first = self.lines[i].split(self.delimiter.char()).next()?;
        let lower = first.to_lowercase();
        let words = ["azure", "entra", "upn", "user", "benutzer", "name", "login"];
        (!first.contains('@') && words.iter().any(|w| lower.contains(w))).then_some(i)
    }

    /// Every finding, in line order; counts of rows, errors and warnings.
    pub fn validate(&self) -> Report {
        let mut findings = Vec::new();
        if self.encoding == SourceEncoding::Windows1252 {
            findings.push(Finding::new(self.first_invalid_line, FindingKind::NotUtf8));
        }
        let header = self.header_line();
        if self.delimiter == Delimiter::Semicolon {
            let first = self.lines.iter().position(|l| !l.trim().is_empty());
            findings.push(Finding::new(
                first.map_or(1, |i| i + 1),
                FindingKind::Semicolon,
            ));
        }
        let mut azure = Seen::default();
        let mut ucserver = Seen::default();
        let mut rows = 0;
        let delim = self.delimiter.char();
        for (i, line) in self.lines.iter().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            if Some(i) == header {
                findings.push(Finding::new(n, FindingKind::Header));
                continue;
            }
            rows += 1;
            let mut fields = line.split(delim);
            let (Some(a), Some(u), None) = (fields.next(), fields.next(), fields.next()) else {
                let found = line.split(delim).count();
                findings.push(Finding::new(n, FindingKind::FieldCount { found }));
                continue;
            };
            let a = check_field(a, Column::Azure, n, &mut findings);
            let u = check_field(u, Column::Ucserver, n, &mut findings);
            if let Some(a) = a {
                if !is_upn(a) {
                    findings.push(Finding::new(
                        n,
                        FindingKind::NotUpn {
                            value: a.to_owned(),
                        },
                    ));
                }
                match azure.see(a, n) {
                    Repeat::None => {}
                    Repeat::Exact(first_line) => findings.push(Finding::new(
                        n,
                        FindingKind::DuplicateAzure {
                            value: a.to_owned(),
                            first_line,
                        },
                    )),
                    Repeat::CaseOnly(other_line) => findings.push(Finding::new(
                        n,
                        FindingKind::CaseOnlyAzure {
                            value: a.to_owned(),
                            other_line,
                        },
                    )),
                }
            }
            if let Some(u) = u {
                match ucserver.see(u, n) {
                    Repeat::None => {}
                    Repeat::Exact(first_line) => findings.push(Finding::new(
                        n,
                        FindingKind::DuplicateUcserver {
                            value: u.to_owned(),
                            first_line,
                        },
                    )),
                    Repeat::CaseOnly(other_line) => findings.push(Finding::new(
                        n,
                        FindingKind::CaseOnlyUcserver {
                            value: u.to_owned(),
                            other_line,
                        },
                    )),
                }
            }
        }
        findings.sort_by_key(|f| f.line);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        Report {
            rows,
            errors,
            warnings: findings.len() - errors,
            findings,
        }
    }
}

impl Default for MatchingFile {
    fn default() -> Self {
        Self::new()
    }
}

/// Reports empty, quoted and space-padded fields; returns the name for the duplicate checks
/// (without the spaces and quotes, so that duplicates are found in spite of them).
fn check_field<'a>(
    raw: &'a str,
    column: Column,
    line: usize,
    findings: &mut Vec<Finding>,
) -> Option<&'a str> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        findings.push(Finding::new(line, FindingKind::EmptyField { column }));
        return None;
    }
    if trimmed.len() != raw.len() {
        findings.push(Finding::new(line, FindingKind::Spaces { column }));
    }
    let unquoted = trimmed.trim_matches('"');
    if unquoted.len() != trimmed.len() {
        findings.push(Finding::new(line, FindingKind::Quoted { column }));
    }
    let name = unquoted.trim();
    (!name.is_empty()).then_some(name)
}

/// `local@domain`: one `@`, no white space, a domain of host-name labels with a dot.
pub fn is_upn(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain.contains('.')
        && crate::validate::is_host_name(domain)
}

enum Repeat {
    None,
    Exact(usize),
    CaseOnly(usize),
}

/// Names seen so far in one column: one case-insensitive map, and a second one only for the rare
/// spellings that differ from the first in letter case (keeps 100,000 rows fast).
#[derive(Default)]
struct Seen<'a> {
    by_caseless: FxHashMap<Caseless<'a>, (usize, &'a str)>,
    variants: FxHashMap<&'a str, usize>,
}

impl<'a> Seen<'a> {
    fn see(&mut self, name: &'a str, line: usize) -> Repeat {
        match self.by_caseless.entry(Caseless(name)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((line, name));
                Repeat::None
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let (first_line, first) = *o.get();
                if first == name {
                    Repeat::Exact(first_line)
                } else if let Some(&l) = self.variants.get(name) {
                    Repeat::Exact(l)
                } else {
                    self.variants.insert(name, line);
                    Repeat::CaseOnly(first_line)
                }
            }
        }
    }
}

/// A string compared and hashed without regard to letter case.
struct Caseless<'a>(&'a str);

impl Caseless<'_> {
    fn folded(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chars().flat_map(char::to_lowercase)
    }
}

impl Hash for Caseless<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Both paths feed the same values for ASCII text, so equal strings hash equally.
        if self.0.is_ascii() {
            for b in self.0.bytes() {
                state.write_u32(u32::from(b.to_ascii_lowercase()));
            }
        } else {
            for c in self.folded() {
                state.write_u32(c as u32);
            }
        }
    }
}

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            self.0.eq_ignore_ascii_case(other.0)
        } else {
            self.folded().eq(other.folded())
        }
    }
}

impl Eq for Caseless<'_> {}
