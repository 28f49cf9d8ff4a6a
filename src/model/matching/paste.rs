//! Rows pasted from Excel (or any table): two columns separated by a tab (Excel's clipboard), a
//! semicolon (German Excel's CSV) or a comma. A header line is skipped, quotes around a cell are
//! removed, empty columns at the end are ignored. Lines that do not hold two names are reported by
//! their line number and left out.

use crate::base::i18n::Msg;

/// What a paste yields: the rows, and the lines (1-based) that were left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pasted {
    pub rows: Vec<(String, String)>,
    pub refused: Vec<usize>,
}

impl Pasted {
    /// What to tell the administrator about the left-out lines.
    pub fn refused_msg(&self) -> Option<Msg> {
        (!self.refused.is_empty()).then(|| {
            let lines: Vec<String> = self.refused.iter().map(usize::to_string).collect();
            Msg::new("paste-refused")
                .num("count", self.refused.len())
                .text("lines", lines.join(", "))
        })
    }
}

/// Rows from a file (usermatching.csv or an Excel CSV): UTF-8 with or without BOM, or
/// Windows-1252 as Excel writes it.
pub fn parse_bytes(bytes: &[u8]) -> Pasted {
    parse(&super::ucserver_users::excel_text(bytes))
}

/// Splits pasted text into rows of two names.
pub fn parse(text: &str) -> Pasted {
    let lines: Vec<&str> = text.lines().collect();
    let sep = ['\t', ';', ',']
        .into_iter()
        .find(|s| lines.iter().any(|l| l.contains(*s)))
        .unwrap_or('\t');
    let mut out = Pasted::default();
    let mut first = true;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cells: Vec<String> = line.split(sep).map(unquote).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if std::mem::take(&mut first) && cells.first().is_some_and(|c| is_column_title(c)) {
            continue;
        }
        match <[String; 2]>::try_from(cells) {
            Ok([a, u]) if !a.is_empty() && !u.is_empty() => out.rows.push((a, u)),
            _ => out.refused.push(i + 1),
        }
    }
    out
}

/// A cell without white space around it and without Excel's quotes (`""` inside stands for `"`).
fn unquote(cell: &str) -> String {
    let cell = cell.trim();
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\"").trim().to_owned(),
        None => cell.to_owned(),
    }
}

/// Whether a first cell is a column title rather than a user name.
pub(super) fn is_column_title(first: &str) -> bool {
    let lower = first.to_lowercase();
    let words = ["azure", "entra", "upn", "user", "benutzer", "name", "login"];
    !first.contains('@') && words.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(p: &Pasted) -> Vec<(&str, &str)> {
        p.rows
            .iter()
            .map(|(a, u)| (a.as_str(), u.as_str()))
            .collect()
    }

    #[test]
    fn excel_clipboard_with_header_and_empty_columns() {
        let p = parse("Azure AD\tUCServer\t\r\na@x.de\ta.local\t\r\n\"b@x.de\"\t b.local \r\n");
        assert_eq!(rows(&p), [("a@x.de", "a.local"), ("b@x.de", "b.local")]);
        assert!(p.refused.is_empty());
    }

    #[test]
    fn semicolons_and_commas() {
        let p = parse("a@x.de;a.local\nb@x.de;b.local\n");
        assert_eq!(rows(&p), [("a@x.de", "a.local"), ("b@x.de", "b.local")]);
        let p = parse("a@x.de,a.local\n\nonly-one\nc@x.de,c.local,extra\n");
        assert_eq!(rows(&p), [("a@x.de", "a.local")]);
        assert_eq!(p.refused, [3, 4]);
        assert!(p.refused_msg().is_some());
    }
}
