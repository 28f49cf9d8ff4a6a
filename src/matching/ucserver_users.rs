//! The UCServer's user list, imported from a CSV export (for the matching preview and the
//! activation pickers). Excel's ways are accepted: a header line or none, commas or semicolons,
//! UTF-8 (with or without BOM) or Windows-1252, fields in quotes.
//!
//! Columns are found by their header (case-insensitive): user name — `Benutzername`,
//! `Anmeldename`, `User name`, `Username`, `Login`; display name — `Anzeigename`, `Display name`,
//! `Name`; groups — `Gruppen`, `Gruppe`, `Groups`. Without a header the columns are user name,
//! display name, groups in that order. Several groups in one field are separated by `|`, or by the
//! separator the file does not use between columns (`,` in a semicolon file, `;` in a comma file).

use super::preview::UcUser;
use crate::i18n::Msg;

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
}

impl ImportError {
    pub fn msg(&self) -> Msg {
        match self {
            ImportError::Empty => Msg::new("import-empty"),
            ImportError::Csv { line, detail } => Msg::new("import-csv")
                .num("line", *line)
                .text("detail", detail),
        }
    }
}

/// The users, and the lines that were skipped because their user name is empty (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub users: Vec<UcUser>,
    pub skipped: Vec<usize>,
}

pub fn parse(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = excel_text(bytes);
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .ok_or(ImportError::Empty)?;
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let inner = if delimiter == b';' { ',' } else { ';' };
    // Byte records, trimmed here: csv's own trimming and UTF-8 check per record cost four times
    // the parse (the text is UTF-8 already; fields are split at ASCII delimiters).
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // One user a line at most: the list is allocated once instead of growing (and copying).
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut out = Imported {
        users: Vec::with_capacity(lines),
        ..Default::default()
    };
    // Where the skipped rows start (bytes); their lines are counted once at the end.
    let mut skipped_at = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut columns = (0, Some(1), Some(2));
    let mut first = true;
    loop {
        let start = reader.position().byte() as usize;
        if !reader.read_byte_record(&mut record).map_err(csv_error)? {
            break;
        }
        if std::mem::take(&mut first) {
            // A header line names the columns (any order); without one: name, display name, groups.
            let find = |names: &[&str]| {
                (0..record.len())
                    .find(|&i| names.contains(&field(&record, Some(i)).to_lowercase().as_str()))
            };
            if let Some(name) = find(&NAME) {
                columns = (name, find(&DISPLAY), find(&GROUPS));
                continue;
            }
        }
        let name = field(&record, Some(columns.0)).to_owned();
        if name.is_empty() {
            if record.iter().any(|f| !f.trim_ascii().is_empty()) {
                skipped_at.push(start);
            }
            continue;
        }
        let groups = field(&record, columns.2)
            .split(['|', inner])
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_owned)
            .collect();
        out.users.push(UcUser {
            name,
            display_name: field(&record, columns.1).to_owned(),
            groups,
        });
    }
    out.skipped = lines_at(text.as_bytes(), &skipped_at);
    Ok(out)
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

/// Field `i` of `record` as text, trimmed ("" when absent or not UTF-8).
fn field(record: &csv::ByteRecord, i: Option<usize>) -> &str {
    i.and_then(|i| record.get(i))
        .and_then(|f| std::str::from_utf8(f).ok())
        .map_or("", str::trim)
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
                    u.groups.iter().map(String::as_str).collect(),
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
    fn empty_file_is_refused() {
        assert_eq!(parse(b"\n  \n").unwrap_err(), ImportError::Empty);
    }
}
