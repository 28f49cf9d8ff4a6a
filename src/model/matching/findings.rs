//! What is wrong in usermatching.csv, line by line, and how the service would see it.

use super::{Delimiter, MatchingFile, SourceEncoding};
use crate::base::i18n::Msg;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// Which of the two names a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Column {
    Azure,
    Ucserver,
}

impl Column {
    pub fn label_id(self) -> &'static str {
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
    FieldCount {
        found: usize,
    },
    EmptyField {
        column: Column,
    },
    Spaces {
        column: Column,
    },
    Quoted {
        column: Column,
    },
    /// A control character (ESC, BEL, a line break inside a name …) at this character column of
    /// the line (from 1): the service would compare it as part of the name, a terminal would obey
    /// it.
    ControlChar {
        column: Column,
        at: usize,
        code: String,
    },
    NotUpn {
        value: String,
    },
    DuplicateAzure {
        value: String,
        first_line: usize,
    },
    DuplicateUcserver {
        value: String,
        first_line: usize,
    },
    CaseOnlyAzure {
        value: String,
        other_line: usize,
    },
    CaseOnlyUcserver {
        value: String,
        other_line: usize,
    },
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
            FindingKind::ControlChar { column, at, code } => m("finding-control-char")
                .reference("column", column.label_id())
                .num("at", *at)
                .text("code", code),
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

impl Report {
    /// The lines marked red in the table (with at least one error): what a count beside them
    /// says (a line may have several errors, `errors` counts each).
    pub fn error_lines(&self) -> usize {
        self.lines_where(|worst| worst == Severity::Error)
    }

    /// The lines marked yellow (warnings only).
    pub fn warning_lines(&self) -> usize {
        self.lines_where(|worst| worst == Severity::Warning)
    }

    fn lines_where(&self, keep: impl Fn(Severity) -> bool) -> usize {
        // The findings are in line order: one worst severity per run of a line.
        let mut n = 0;
        let mut i = 0;
        while i < self.findings.len() {
            let line = self.findings[i].line;
            let mut worst = self.findings[i].severity;
            i += 1;
            while i < self.findings.len() && self.findings[i].line == line {
                worst = worst.max(self.findings[i].severity);
                i += 1;
            }
            n += usize::from(keep(worst));
        }
        n
    }
}

/// Files with more lines than this are checked on two threads.
const PARALLEL_FROM: usize = 20_000;

/// What the pass over one range of lines found.
#[derive(Default)]
struct Pass {
    rows: usize,
    findings: Vec<Finding>,
    /// Sort keys of every mapping's name, per column, for the duplicate checks (see [`Keys`]).
    azure: Vec<u64>,
    ucserver: Vec<u64>,
}

/// One `u64` a name: the high bits are the case-folded hash of the name, the low bits its line
/// index. Sorted, equal names stand side by side in line order; 8 bytes a name keep 100,000 of
/// them in the processor's cache. Names whose hash bits agree are then compared as text, so a
/// shortened hash costs at most a comparison, never a wrong finding.
#[derive(Clone, Copy)]
struct Keys {
    line_bits: u32,
}

impl Keys {
    fn for_lines(lines: usize) -> Self {
        Self {
            line_bits: usize::BITS - lines.leading_zeros(),
        }
    }

    fn key(self, name: &str, line_index: usize) -> u64 {
        let mask = (1u64 << self.line_bits) - 1;
        (caseless_hash(name) & !mask) | line_index as u64
    }

    fn hash_part(self, key: u64) -> u64 {
        key >> self.line_bits
    }

    fn line_index(self, key: u64) -> u32 {
        (key & ((1u64 << self.line_bits) - 1)) as u32
    }
}

impl MatchingFile {
    /// Every finding, in line order; counts of rows, errors and warnings.
    ///
    /// Large files are checked on two threads: the lines in two halves, then the two columns'
    /// duplicate checks side by side.
    pub fn validate(&self) -> Report {
        let header = self.header_line();
        let len = self.lines.len();
        let mut pass = if len >= PARALLEL_FROM {
            let mid = len / 2;
            let (mut first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| self.check_lines(mid..len, header));
                (
                    self.check_lines(0..mid, header),
                    second.join().expect("no panic"),
                )
            });
            first.rows += second.rows;
            first.findings.extend(second.findings);
            first.azure.extend(second.azure);
            first.ucserver.extend(second.ucserver);
            first
        } else {
            self.check_lines(0..len, header)
        };
        let (mut az, mut uc) = (
            std::mem::take(&mut pass.azure),
            std::mem::take(&mut pass.ucserver),
        );
        let names_a = |i: u32| self.name_at(i as usize, Column::Azure);
        let names_u = |i: u32| self.name_at(i as usize, Column::Ucserver);
        let keys = Keys::for_lines(len);
        let (azure, ucserver) = if len >= PARALLEL_FROM {
            std::thread::scope(|s| {
                let ucserver = s.spawn(|| repeats(&mut uc, keys, names_u));
                (
                    repeats(&mut az, keys, names_a),
                    ucserver.join().expect("no panic"),
                )
            })
        } else {
            (
                repeats(&mut az, keys, names_a),
                repeats(&mut uc, keys, names_u),
            )
        };
        let findings = &mut pass.findings;
        if self.encoding == SourceEncoding::Windows1252 {
            findings.push(Finding::new(self.first_invalid_line, FindingKind::NotUtf8));
        }
        if self.delimiter == Delimiter::Semicolon {
            let first = self.lines.iter().position(|l| !l.trim().is_empty());
            findings.push(Finding::new(
                first.map_or(1, |i| i + 1),
                FindingKind::Semicolon,
            ));
        }
        push_repeats(findings, azure, Column::Azure);
        push_repeats(findings, ucserver, Column::Ucserver);
        // Stable: the findings of one line keep the order in which they were found.
        findings.sort_by_key(|f| f.line);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        Report {
            rows: pass.rows,
            errors,
            warnings: findings.len() - errors,
            findings: pass.findings,
        }
    }

    /// The checks of single lines, for the lines in `range`.
    fn check_lines(&self, range: std::ops::Range<usize>, header: Option<usize>) -> Pass {
        let mut pass = Pass {
            azure: Vec::with_capacity(range.len()),
            ucserver: Vec::with_capacity(range.len()),
            ..Pass::default()
        };
        let findings = &mut pass.findings;
        // ',' and ';' are ASCII, so a byte search cannot hit the middle of a character.
        let delim = self.delimiter.char() as u8;
        let keys = Keys::for_lines(self.lines.len());
        for i in range {
            let line = self.lines.get(i);
            let n = i + 1;
            if is_blank(line) {
                continue;
            }
            if Some(i) == header {
                findings.push(Finding::new(n, FindingKind::Header));
                continue;
            }
            pass.rows += 1;
            let Some((a, u)) = two_fields(line, delim) else {
                let found = line.bytes().filter(|&b| b == delim).count() + 1;
                findings.push(Finding::new(n, FindingKind::FieldCount { found }));
                continue;
            };
            let a = check_field(line, a, Column::Azure, n, findings);
            let u = check_field(line, u, Column::Ucserver, n, findings);
            if let Some(a) = a {
                if !is_upn(a) {
                    findings.push(Finding::new(
                        n,
                        FindingKind::NotUpn {
                            value: a.to_owned(),
                        },
                    ));
                }
                pass.azure.push(keys.key(a, i));
            }
            if let Some(u) = u {
                pass.ucserver.push(keys.key(u, i));
            }
        }
        pass
    }

    /// The cleaned name in `column` of line index `i` (as the duplicate checks compare it).
    fn name_at(&self, i: usize, column: Column) -> &str {
        let delim = self.delimiter.char() as u8;
        let (a, u) = two_fields(self.lines.get(i), delim).expect("only lines with two fields");
        clean_name(match column {
            Column::Azure => a,
            Column::Ucserver => u,
        })
    }
}

/// The findings for the repeated names of one column.
fn push_repeats(findings: &mut Vec<Finding>, repeats: Vec<(usize, Repeat, &str)>, column: Column) {
    for (line, repeat, value) in repeats {
        let value = value.to_owned();
        let kind = match (column, repeat) {
            (Column::Azure, Repeat::Exact(first_line)) => {
                FindingKind::DuplicateAzure { value, first_line }
            }
            (Column::Azure, Repeat::CaseOnly(other_line)) => {
                FindingKind::CaseOnlyAzure { value, other_line }
            }
            (Column::Ucserver, Repeat::Exact(first_line)) => {
                FindingKind::DuplicateUcserver { value, first_line }
            }
            (Column::Ucserver, Repeat::CaseOnly(other_line)) => {
                FindingKind::CaseOnlyUcserver { value, other_line }
            }
        };
        findings.push(Finding::new(line, kind));
    }
}

/// Reports empty, quoted and space-padded fields and control characters in the name; returns the
/// name for the duplicate checks (without the spaces and quotes, so that duplicates are found in
/// spite of them). `raw` is a part of `line`.
fn check_field<'a>(
    line: &str,
    raw: &'a str,
    column: Column,
    line_no: usize,
    findings: &mut Vec<Finding>,
) -> Option<&'a str> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        findings.push(Finding::new(line_no, FindingKind::EmptyField { column }));
        return None;
    }
    if trimmed.len() != raw.len() {
        findings.push(Finding::new(line_no, FindingKind::Spaces { column }));
    }
    let unquoted = trim_quotes(trimmed);
    if unquoted.len() != trimmed.len() {
        findings.push(Finding::new(line_no, FindingKind::Quoted { column }));
    }
    let name = unquoted.trim();
    if let Some((i, c)) = control_char(name) {
        // `name` lies inside `line`: its byte offset there, then the character column.
        let offset = name.as_ptr() as usize - line.as_ptr() as usize;
        let at = line[..offset].chars().count() + name[..i].chars().count() + 1;
        // As the administrator can see it ("␇"), not as a developer writes it.
        let code = crate::base::escape::symbol(c);
        findings.push(Finding::new(
            line_no,
            FindingKind::ControlChar { column, at, code },
        ));
    }
    (!name.is_empty()).then_some(name)
}

/// The first control character (C0, DEL, C1) of `name` with its byte offset. A byte test first:
/// C1 characters are encoded from 0xC2, so a name without any of these bytes has none.
fn control_char(name: &str) -> Option<(usize, char)> {
    if !name.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return None;
    }
    name.char_indices().find(|(_, c)| c.is_control())
}

/// A name without surrounding spaces and quotes.
fn clean_name(raw: &str) -> &str {
    trim_quotes(raw.trim()).trim()
}

/// A 64-bit hash of the case-folded name whose high bits are well mixed ([`Keys`] keeps those):
/// FxHash, then the splitmix64 finaliser.
fn caseless_hash(name: &str) -> u64 {
    let mut h = FxHasher::default();
    Caseless(name).hash(&mut h);
    let mut z = h.finish();
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Without the double quotes at either end (a byte loop: `trim_matches` searches generically).
fn trim_quotes(s: &str) -> &str {
    let b = s.as_bytes();
    let (mut start, mut end) = (0, b.len());
    while start < end && b[start] == b'"' {
        start += 1;
    }
    while end > start && b[end - 1] == b'"' {
        end -= 1;
    }
    &s[start..end]
}

/// `local@domain`: one `@`, no white space, a domain of host-name labels with a dot.
pub fn is_upn(s: &str) -> bool {
    let Some(at) = s.bytes().position(|b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let no_space = if local.is_ascii() {
        !local.bytes().any(|b| b.is_ascii_whitespace())
    } else {
        !local.contains(char::is_whitespace)
    };
    !local.is_empty()
        && no_space
        && domain.bytes().any(|b| b == b'.')
        && crate::model::validate::is_host_name(domain)
}

/// The two fields of a line with exactly one separator (a plain byte loop: lines are short).
fn two_fields(line: &str, delim: u8) -> Option<(&str, &str)> {
    let mut at = None;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == delim {
            if at.is_some() {
                return None;
            }
            at = Some(i);
        }
    }
    let at = at?;
    Some((&line[..at], &line[at + 1..]))
}

/// Empty or only white space (a byte test first: nearly every line starts with a letter).
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        None => true,
        Some(b) if !b.is_ascii_whitespace() && b.is_ascii() => false,
        Some(_) => line.trim().is_empty(),
    }
}

enum Repeat {
    /// The same name as on an earlier line.
    Exact(usize),
    /// The same name as on an earlier line but for letter case.
    CaseOnly(usize),
}

/// Every name that repeats an earlier one, exactly or but for letter case, with its line (1-based).
///
/// `keyed` holds the [`Keys`] of the names; sorted in place, equal hashes stand side by side in
/// line order, and only those names are looked at as text (`name_of`).
fn repeats<'a>(
    keyed: &mut [u64],
    keys: Keys,
    name_of: impl Fn(u32) -> &'a str,
) -> Vec<(usize, Repeat, &'a str)> {
    keyed.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    while start < keyed.len() {
        let hash = keys.hash_part(keyed[start]);
        let end = start
            + keyed[start..]
                .iter()
                .take_while(|&&k| keys.hash_part(k) == hash)
                .count();
        if end - start > 1 {
            let run = keyed[start..end].iter().map(|&k| keys.line_index(k));
            same_hash(run, &name_of, &mut out);
        }
        start = end;
    }
    out
}

/// Within names of one hash (nearly always one name in several spellings): the first spelling
/// of each case-folded name is the original; a later exact copy is a duplicate of the first line
/// with that spelling, another spelling differs only in case from the first line.
fn same_hash<'a>(
    run: impl Iterator<Item = u32>,
    name_of: &impl Fn(u32) -> &'a str,
    out: &mut Vec<(usize, Repeat, &'a str)>,
) {
    // (first line, spellings seen with their first line) per case-folded name.
    let mut classes: Vec<(usize, Vec<(&str, usize)>)> = Vec::new();
    for i in run {
        let (line, name) = (i as usize + 1, name_of(i));
        let class = classes
            .iter_mut()
            .find(|(_, spellings)| Caseless(spellings[0].0) == Caseless(name));
        match class {
            None => classes.push((line, vec![(name, line)])),
            Some((first_line, spellings)) => match spellings.iter().find(|(s, _)| *s == name) {
                Some(&(_, l)) => out.push((line, Repeat::Exact(l), name)),
                None => {
                    spellings.push((name, line));
                    out.push((line, Repeat::CaseOnly(*first_line), name));
                }
            },
        }
    }
}

/// A string compared and hashed without regard to letter case.
pub(crate) struct Caseless<'a>(pub(crate) &'a str);

impl Caseless<'_> {
    fn folded(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chars().flat_map(char::to_lowercase)
    }
}

impl Hash for Caseless<'_> {
    /// Hashes the case-folded UTF-8 bytes as little-endian 64-bit words. ASCII text (nearly every
    /// UPN) is folded eight bytes at a time; other text byte by byte into the same words, so equal
    /// strings hash equally whichever path they take.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut words = Words::default();
        let bytes = self.0.as_bytes();
        if bytes.is_ascii() {
            let mut chunks = bytes.chunks_exact(8);
            for chunk in &mut chunks {
                let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                state.write_u64(ascii_lowercase_word(word));
            }
            for &b in chunks.remainder() {
                words.push(b.to_ascii_lowercase(), state);
            }
        } else {
            let mut utf8 = [0u8; 4];
            for c in self.0.chars() {
                if c.is_ascii() {
                    words.push((c as u8).to_ascii_lowercase(), state);
                } else {
                    for l in c.to_lowercase() {
                        for &b in l.encode_utf8(&mut utf8).as_bytes() {
                            words.push(b, state);
                        }
                    }
                }
            }
        }
        words.finish(state);
    }
}

/// Bytes gathered into 64-bit words for the hasher.
#[derive(Default)]
struct Words {
    word: u64,
    len: u32,
}

impl Words {
    fn push<H: Hasher>(&mut self, b: u8, state: &mut H) {
        self.word |= u64::from(b) << (8 * self.len);
        self.len += 1;
        if self.len == 8 {
            state.write_u64(self.word);
            *self = Words::default();
        }
    }

    fn finish<H: Hasher>(self, state: &mut H) {
        // The length of the last word tells "ab" from "ab\0".
        state.write_u64(self.word);
        state.write_u32(self.len);
    }
}

/// ASCII letters A–Z in each byte of `w` (all bytes < 0x80) turned to a–z, without a branch.
fn ascii_lowercase_word(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let above_z = w + ONES * (0x7f - u64::from(b'Z'));
    let from_a = w + ONES * (0x80 - u64::from(b'A'));
    let upper = from_a & !above_z & (ONES * 0x80);
    w | (upper >> 2)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(s: &str) -> u64 {
        let mut h = FxHasher::default();
        Caseless(s).hash(&mut h);
        h.finish()
    }

    #[test]
    fn word_lowercase_matches_std() {
        for b in 0u8..0x80 {
            let w = u64::from_le_bytes([b; 8]);
            assert_eq!(
                ascii_lowercase_word(w),
                u64::from_le_bytes([b.to_ascii_lowercase(); 8])
            );
        }
    }

    #[test]
    fn caseless_hash_agrees_across_both_paths() {
        // ASCII path vs. the char path (the Kelvin sign folds to 'k').
        assert_eq!(
            hash("Max.Mustermann@Domain.DE"),
            hash("max.mustermann@domain.de")
        );
        assert_eq!(hash("abcdefghK"), hash("ABCDEFGH\u{212A}"));
        assert_eq!(hash("JÜRGEN.Groß@b.de"), hash("jürgen.groß@B.DE"));
        assert_ne!(hash("ab"), hash("ab\0"));
        assert_ne!(hash("max@b.de"), hash("max@b.dex"));
    }
}
