//! The UCServer's user list, imported from a CSV export (for the matching preview and the
//! activation pickers). Excel's ways are accepted: a header line or none, commas or semicolons,
//! UTF-8 (with or without BOM) or Windows-1252, fields in quotes. The separator is the one of
//! Excel's (comma, semicolon, tab) the first line uses most; a first line with none of them but
//! another (`|`, `:`) is refused naming it. A quote never closed is refused at its line instead
//! of taking the rest of the file for one field (issue 34 §12).
//!
//! Columns are found by their header (case-insensitive): user name — `Benutzername`,
//! `Anmeldename`, `User name`, `Username`, `Login`; display name — `Anzeigename`, `Display name`,
//! `Name`; groups — `Gruppen`, `Gruppe`, `Groups`. Without a header the columns are user name,
//! display name, groups in that order. Several groups in one field are separated by `|`, or by the
//! separator the file does not use between columns (`,` in a semicolon file, `;` in a comma file).

use super::preview::UcUser;
use crate::base::i18n::Msg;
use rustc_hash::FxHashMap;
use std::sync::Arc;

const NAME: [&str; 6] = [
    "benutzername",
    "anmeldename",
    "user name",
    "username",
    "login",
    "user",
];
const DISPLAY: [&str; 5] = [
    "anzeigename",
    "display name",
    "displayname",
    "name",
    "vollständiger name",
];
const GROUPS: [&str; 3] = ["gruppen", "gruppe", "groups"];

/// Why the file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("line {line}: {detail}")]
    Csv { line: usize, detail: String },
    /// A quote opened at `line` is never closed: the rest of the file (`lines` lines) would be
    /// one field.
    #[error("line {line}: a quote is not closed")]
    UnclosedQuote { line: usize, lines: usize },
    /// The first line's columns are separated by `found`, which is none of Excel's.
    #[error("the columns are separated by {found:?}")]
    Delimiter { found: char },
}

impl ImportError {
    pub fn msg(&self) -> Msg {
        match self {
            ImportError::Empty => Msg::new("import-empty"),
            ImportError::Csv { line, detail } => Msg::new("import-csv")
                .num("line", *line)
                .text("detail", detail),
            ImportError::UnclosedQuote { line, lines } => Msg::new("import-unclosed-quote")
                .num("line", *line)
                .num("lines", *lines),
            ImportError::Delimiter { found } => {
                Msg::new("import-delimiter").text("found", found.to_string())
            }
        }
    }
}

/// The users, and the lines that were skipped because their user name is empty (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub users: Vec<UcUser>,
    pub skipped: Vec<usize>,
    /// The names of the users' groups, sorted, each once (for the activation picker).
    pub groups: Vec<String>,
}

pub fn parse(bytes: &[u8]) -> Result<Imported, ImportError> {
    // The bytes are split as they are: separators, quotes and line ends are ASCII in UTF-8 and
    // in Windows-1252 alike, so only the fields kept are decoded (no copy of the whole file).
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body
        .split(|&b| b == b'\n')
        .find(|l| !l.trim_ascii().is_empty())
        .ok_or(ImportError::Empty)?;
    let delimiter = delimiter(first)?;
    let mut layout = Layout {
        delimiter,
        inner: if delimiter == b',' { b';' } else { b',' },
        columns: (0, Some(1), Some(2)),
        utf8: std::str::from_utf8(body).is_ok(),
    };
    // A header line names the columns (any order); without one: name, display name, groups.
    let mut reader = layout.reader(body);
    let mut record = csv::ByteRecord::new();
    let mut data = 0;
    if reader.read_byte_record(&mut record).map_err(csv_error)? {
        if reader.position().byte() as usize >= body.len() {
            unclosed(body, 0, &record)?;
        }
        let find = |names: &[&str]| {
            (0..record.len()).find(|&i| {
                let text = layout.decode(field(&record, Some(i))).to_lowercase();
                names.contains(&text.as_str())
            })
        };
        if let Some(name) = find(&NAME) {
            layout.columns = (name, find(&DISPLAY), find(&GROUPS));
            data = reader.position().byte() as usize;
        }
    }
    // A large file without quotes (a quoted field may hold a line break) is read in two halves
    // at a line break, one a core.
    let rest = &body[data..];
    let middle = (rest.len() >= SPLIT_FROM && !rest.contains(&b'"'))
        .then(|| rest[rest.len() / 2..].iter().position(|&b| b == b'\n'))
        .flatten()
        .map(|at| rest.len() / 2 + at + 1);
    let mut part = match middle {
        None => layout.rows(body, rest, data)?,
        Some(middle) => {
            let (first, second) = std::thread::scope(|scope| {
                let second = scope.spawn(|| layout.rows(body, &rest[middle..], data + middle));
                let first = layout.rows(body, &rest[..middle], data);
                let second = second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (first, second)
            });
            let (mut first, second) = (first?, second?);
            first.users.extend(second.users);
            first.skipped_at.extend(second.skipped_at);
            first.groups.extend(second.groups);
            first
        }
    };
    part.skipped_at.sort_unstable();
    let mut groups: Vec<String> = part.groups.iter().map(|g| g.to_string()).collect();
    groups.sort_unstable();
    groups.dedup();
    Ok(Imported {
        users: part.users,
        skipped: lines_at(body, &part.skipped_at),
        groups,
    })
}

/// What a part of the file holds.
struct Part {
    users: Vec<UcUser>,
    /// Where the rows without a user name start (bytes of the file).
    skipped_at: Vec<usize>,
    /// The names of the groups, each once.
    groups: Vec<Arc<str>>,
}

/// From this size on, a file is read by two threads.
const SPLIT_FROM: usize = 1 << 20;

/// How the rows of a file are read: separators, the columns, the text encoding.
struct Layout {
    delimiter: u8,
    /// Between the groups of one field, besides `|`: the separator the columns do not use.
    inner: u8,
    /// User name, display name, groups.
    columns: (usize, Option<usize>, Option<usize>),
    utf8: bool,
}

impl Layout {
    /// Byte records, trimmed by [`field`]: csv's own trimming and UTF-8 check per record cost
    /// four times the parse.
    fn reader<'a>(&self, part: &'a [u8]) -> csv::Reader<&'a [u8]> {
        csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(part)
    }

    /// A field as text, trimmed of white space (a no-break space too, as Excel may leave one).
    fn decode(&self, f: &[u8]) -> String {
        let text = if self.utf8 {
            String::from_utf8_lossy(f)
        } else {
            encoding_rs::WINDOWS_1252.decode_without_bom_handling(f).0
        };
        match text.trim() {
            trimmed if trimmed.len() == text.len() => text.into_owned(),
            trimmed => trimmed.to_owned(),
        }
    }

    /// The users of `part`, which starts at byte `base` of the file `whole`.
    fn rows(&self, whole: &[u8], part: &[u8], base: usize) -> Result<Part, ImportError> {
        let mut reader = self.reader(part);
        // One user a line at most: the list is allocated once instead of growing (and copying).
        let lines = part.iter().filter(|&&b| b == b'\n').count() + 1;
        let mut users = Vec::with_capacity(lines);
        let mut skipped_at = Vec::new();
        // Each group's name once, and each groups field once: shared by the users that have it
        // (an export has few group combinations and many users).
        let mut names: FxHashMap<Vec<u8>, Arc<str>> = FxHashMap::default();
        let mut fields: FxHashMap<Vec<u8>, Arc<[Arc<str>]>> = FxHashMap::default();
        let mut record = csv::ByteRecord::new();
        let (name_at, display_at, groups_at) = self.columns;
        loop {
            let start = base + reader.position().byte() as usize;
            if !reader.read_byte_record(&mut record).map_err(csv_error)? {
                break;
            }
            if reader.position().byte() as usize >= part.len() {
                unclosed(whole, start, &record)?;
            }
            let name = self.decode(field(&record, Some(name_at)));
            if name.is_empty() {
                if record.iter().any(|f| !f.trim_ascii().is_empty()) {
                    skipped_at.push(start);
                }
                continue;
            }
            let raw = field(&record, groups_at);
            let groups = match fields.get(raw) {
                Some(shared) => shared.clone(),
                None => {
                    let list: Arc<[Arc<str>]> = raw
                        .split(|&b| b == b'|' || b == self.inner)
                        .map(|g| {
                            names
                                .entry(g.to_vec())
                                .or_insert_with(|| self.decode(g).into())
                                .clone()
                        })
                        .filter(|g| !g.is_empty())
                        .collect();
                    fields.insert(raw.to_vec(), list.clone());
                    list
                }
            };
            users.push(UcUser {
                name,
                display_name: self.decode(field(&record, display_at)),
                groups,
            });
        }
        Ok(Part {
            users,
            skipped_at,
            groups: names.into_values().filter(|g| !g.is_empty()).collect(),
        })
    }
}

/// The separator of the first line (outside quotes): Excel's comma, semicolon or tab, whichever
/// it holds most (a comma where it holds none: one column); a first line with none of them but a
/// `|` or `:` is refused naming it — every line would be taken for one user name.
fn delimiter(first: &[u8]) -> Result<u8, ImportError> {
    let mut quoted = false;
    let mut counts = [0usize; 5];
    const SEEN: [u8; 5] = [b',', b';', b'\t', b'|', b':'];
    for &b in first {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = SEEN.iter().position(|&s| s == b) {
            counts[i] += 1;
        }
    }
    let excel = (0..3).max_by_key(|&i| (counts[i], usize::from(i == 0)));
    match excel {
        Some(i) if counts[i] > 0 => Ok(SEEN[i]),
        _ => match (3..5).find(|&i| counts[i] > 0) {
            Some(i) => Err(ImportError::Delimiter {
                found: char::from(SEEN[i]),
            }),
            None => Ok(b','),
        },
    }
}

/// Refuses the record that starts at byte `start` of `text` and ran to its end when a quote in it
/// is never closed: a field then took line breaks, and its quotes are odd in number. Named at
/// the line of its first quote, with the lines it would have swallowed.
fn unclosed(text: &[u8], start: usize, record: &csv::ByteRecord) -> Result<(), ImportError> {
    let raw = &text[start.min(text.len())..];
    let quotes = raw.iter().filter(|&&b| b == b'"').count();
    if quotes % 2 == 0 || !record.iter().any(|f| f.contains(&b'\n')) {
        return Ok(());
    }
    let quote = start + raw.iter().position(|&b| b == b'"').unwrap_or(0);
    Err(ImportError::UnclosedQuote {
        line: text[..quote].iter().filter(|&&b| b == b'\n').count() + 1,
        lines: text[quote..].iter().filter(|&&b| b == b'\n').count(),
    })
}

/// The 1-based lines of the records that start at these byte positions (ascending), counted in
/// one pass. The reader's position before a record can still stand on the `\n` of a CRLF before
/// it, so that byte is counted as passed.
fn lines_at(text: &[u8], starts: &[usize]) -> Vec<usize> {
    let (mut counted_to, mut breaks) = (0usize, 0usize);
    starts
        .iter()
        .map(|&start| {
            let at = (start + 1).min(text.len());
            if at > counted_to {
                breaks += text[counted_to..at].iter().filter(|&&b| b == b'\n').count();
                counted_to = at;
            }
            breaks + 1
        })
        .collect()
}

/// Field `i` of `record`, trimmed of ASCII white space (empty when absent).
fn field(record: &csv::ByteRecord, i: Option<usize>) -> &[u8] {
    i.and_then(|i| record.get(i))
        .map_or(&[], <[u8]>::trim_ascii)
}

fn csv_error(e: csv::Error) -> ImportError {
    ImportError::Csv {
        line: e.position().map_or(0, |p| p.line() as usize),
        detail: e.to_string(),
    }
}

/// The text of a file as Excel writes it: UTF-8 with or without BOM, or else Windows-1252.
pub fn excel_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(i: &Imported) -> Vec<(&str, &str, Vec<&str>)> {
        i.users
            .iter()
            .map(|u| {
                (
                    u.name.as_str(),
                    u.display_name.as_str(),
                    u.groups.iter().map(|g| &**g).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn german_excel_export_with_header_semicolons_and_1252() {
        let bytes = b"Anzeigename;Benutzername;Gruppen\r\nJ\xFCrgen M\xFCller;juergen.mueller@firma.local;Vertrieb,Support\r\n\"Frisch; Lena\";lena.frisch@firma.local;Vertrieb\r\n;;\r\nOhne Name;;Support\r\n";
        let i = parse(bytes).unwrap();
        assert_eq!(
            names(&i),
            vec![
                (
                    "juergen.mueller@firma.local",
                    "Jürgen Müller",
                    vec!["Vertrieb", "Support"]
                ),
                ("lena.frisch@firma.local", "Frisch; Lena", vec!["Vertrieb"]),
            ]
        );
        assert_eq!(i.skipped, vec![5]);
        assert_eq!(i.groups, ["Support", "Vertrieb"], "sorted, each once");
    }

    #[test]
    fn comma_file_without_header_and_with_bom() {
        let i = parse("\u{feff}max@firma.local,Max Muster,A|B\nanna@firma.local,Anna\n".as_bytes())
            .unwrap();
        assert_eq!(
            names(&i),
            vec![
                ("max@firma.local", "Max Muster", vec!["A", "B"]),
                ("anna@firma.local", "Anna", vec![])
            ]
        );
    }

    #[test]
    fn english_header_in_any_order() {
        let i = parse(b"Groups,User name,Display name\nSales,max@firma.local,Max\nSales,,Nobody\n")
            .unwrap();
        assert_eq!(names(&i), vec![("max@firma.local", "Max", vec!["Sales"])]);
        assert_eq!(i.skipped, vec![3]);
    }

    #[test]
    fn no_break_spaces_are_trimmed_and_group_names_shared() {
        for bytes in [
            "a@x.local;\u{a0}A\u{a0};Vertrieb\nb@x.local;B;Vertrieb|Technik\n"
                .as_bytes()
                .to_vec(),
            b"a@x.local;\xA0A\xA0;Vertrieb\nb@x.local;B;Vertrieb|Technik\n".to_vec(),
        ] {
            let i = parse(&bytes).unwrap();
            assert_eq!(i.users[0].display_name, "A");
            assert!(
                std::sync::Arc::ptr_eq(&i.users[0].groups[0], &i.users[1].groups[0]),
                "one Vertrieb for both"
            );
        }
    }

    #[test]
    fn a_large_file_read_in_two_halves_keeps_order_and_line_numbers() {
        let mut file = String::from("Benutzername;Anzeigename;Gruppen\r\n");
        let mut skipped = Vec::new();
        for i in 0..40_000 {
            if i % 10_000 == 5 {
                file.push_str(";Ohne Namen;Technik\r\n");
                skipped.push(i + 2);
            } else {
                file.push_str(&format!("u{i:05}@firma.local;User {i};Vertrieb\r\n"));
            }
        }
        assert!(file.len() > SPLIT_FROM);
        let i = parse(file.as_bytes()).unwrap();
        assert_eq!(i.skipped, skipped, "rows without a name in both halves");
        assert_eq!(i.users.len(), 40_000 - 4);
        let names: Vec<&str> = i.users.iter().map(|u| u.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "the file's order");
        assert_eq!(names[0], "u00000@firma.local");
        assert_eq!(names[names.len() - 1], "u39999@firma.local");
        // The same file with one quoted field is read in one piece, with the same outcome.
        let quoted = file.replacen("User 7;", "\"User 7\";", 1);
        let j = parse(quoted.as_bytes()).unwrap();
        assert_eq!(j, i);
    }

    /// 1,001 rows of an export: a header and 1,000 users, as `sep` separates them.
    fn export(sep: &str) -> String {
        let mut file = format!("Benutzername{sep}Anzeigename{sep}Gruppen\r\n");
        for i in 0..1_000 {
            file.push_str(&format!(
                "u{i:04}@firma.local{sep}User {i}{sep}Vertrieb\r\n"
            ));
        }
        file
    }

    /// Issue 34 §12: an unterminated quote no longer swallows the rest of the file without a
    /// word: refused at the line of the quote, with the lines it would have taken.
    #[test]
    fn an_unclosed_quote_is_refused_at_its_line_not_swallowing_the_rest() {
        let file = export(";").replacen("User 1;", "\"User 1;", 1);
        assert_eq!(
            parse(file.as_bytes()).unwrap_err(),
            ImportError::UnclosedQuote {
                line: 3,
                lines: 999
            }
        );
        let header = format!("\"{}", export(","));
        assert_eq!(
            parse(header.as_bytes()).unwrap_err(),
            ImportError::UnclosedQuote {
                line: 1,
                lines: 1_001
            }
        );
        // A quoted field with a line break (Excel's Alt+Enter) that is closed is read as before.
        let closed = export(";").replacen("User 1;", "\"User\n1\";", 1);
        let i = parse(closed.as_bytes()).unwrap();
        assert_eq!(i.users.len(), 1_000);
        assert_eq!(i.users[1].display_name, "User\n1");
    }

    /// Issue 34 §12: a tab-separated export (Excel's "Text (Tab delimited)") is read by its
    /// columns, its header not taken for a user; a `|`-separated one is refused naming `|`.
    #[test]
    fn tabs_are_excels_separator_too_and_another_is_refused_by_name() {
        let i = parse(export("\t").as_bytes()).unwrap();
        assert_eq!(i.users.len(), 1_000);
        assert_eq!(i.users[0].name, "u0000@firma.local");
        assert_eq!(i.users[999].display_name, "User 999");
        assert_eq!(i.groups, ["Vertrieb"]);
        assert_eq!(
            parse(export("|").as_bytes()).unwrap_err(),
            ImportError::Delimiter { found: '|' }
        );
        // One column of user names, without any separator, is still a list of users.
        let one = parse(b"a@firma.local\nb@firma.local\n").unwrap();
        assert_eq!(one.users.len(), 2);
        // A comma inside quotes does not decide the separator.
        let quoted = parse("\"Muster, Max\"\tmax@firma.local\n".as_bytes()).unwrap();
        assert_eq!(quoted.users[0].name, "Muster, Max");
    }

    #[test]
    fn empty_file_is_refused() {
        assert_eq!(parse(b"\n  \n").unwrap_err(), ImportError::Empty);
    }
}
