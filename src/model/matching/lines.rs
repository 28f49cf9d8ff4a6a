//! The lines of a text file, kept as ranges of the one buffer read from disk until a line is
//! edited. A 100,000-line file costs one allocation instead of 100,000.

use std::fmt;

/// A list of lines (without their line ends).
#[derive(Clone, Default)]
pub struct Lines {
    text: String,
    lines: Vec<Line>,
}

#[derive(Clone)]
enum Line {
    /// A line as read: its range, and whether its line end was `\r\n` (kept as it was, so that
    /// a file with mixed line ends is written back byte for byte).
    Span(usize, usize, bool),
    /// A line edited or added: it takes the file's line end.
    Owned(String),
}

impl Lines {
    /// Splits `text[from..]` at `\n`, dropping a `\r` before it. Returns whether the text ended
    /// with a line end.
    pub fn split(text: String, from: usize) -> (Self, bool) {
        let body = &text[from..];
        let trailing_newline = body.ends_with('\n');
        let base = text.as_ptr() as usize;
        let pieces = body.split('\n').count();
        let mut lines: Vec<Line> = body
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                // Only a `\r` before a `\n` is a line end; at the very end of a file without a
                // final line end it is part of the line.
                let crlf = i + 1 < pieces && l.ends_with('\r');
                let l = if crlf { &l[..l.len() - 1] } else { l };
                let start = l.as_ptr() as usize - base;
                Line::Span(start, start + l.len(), crlf)
            })
            .collect();
        // `split` yields an empty piece after the last line end.
        if lines
            .last()
            .is_some_and(|l| matches!(l, Line::Span(s, e, _) if s == e))
        {
            lines.pop();
        }
        (Self { text, lines }, trailing_newline)
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `i` (0-based).
    pub fn get(&self, i: usize) -> &str {
        match &self.lines[i] {
            Line::Span(s, e, _) => &self.text[*s..*e],
            Line::Owned(t) => t,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.lines.len()).map(|i| self.get(i))
    }

    pub fn set(&mut self, i: usize, line: String) {
        self.lines[i] = Line::Owned(line);
    }

    pub fn push(&mut self, line: String) {
        self.lines.push(Line::Owned(line));
    }

    pub fn remove(&mut self, i: usize) {
        self.lines.remove(i);
    }

    /// Inserts `line` before line `i` (at the end when `i == len`).
    pub fn insert(&mut self, i: usize, line: String) {
        self.lines.insert(i, Line::Owned(line));
    }

    /// The whole text: each line read with its own line end, each line edited or added with
    /// `newline`; after the last line only when `trailing`.
    pub fn text(&self, newline: &str, trailing: bool) -> String {
        let mut out = String::with_capacity(self.text.len() + self.lines.len());
        let n = self.lines.len();
        for (i, line) in self.lines.iter().enumerate() {
            let (content, end) = match line {
                Line::Span(s, e, crlf) => (&self.text[*s..*e], if *crlf { "\r\n" } else { "\n" }),
                Line::Owned(t) => (t.as_str(), newline),
            };
            out.push_str(content);
            if i + 1 < n || trailing {
                out.push_str(end);
            }
        }
        out
    }

    /// The lines joined with `newline`.
    pub fn join(&self, newline: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.lines.len());
        for (i, line) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(newline);
            }
            out.push_str(line);
        }
        out
    }
}

impl From<Vec<String>> for Lines {
    fn from(lines: Vec<String>) -> Self {
        Self {
            text: String::new(),
            lines: lines.into_iter().map(Line::Owned).collect(),
        }
    }
}

impl PartialEq for Lines {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Lines {}

impl fmt::Debug for Lines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf_and_keeps_blank_lines() {
        let (lines, trailing) = Lines::split("\u{feff}a,b\r\n\r\nc,d".to_owned(), 3);
        assert_eq!(lines.iter().collect::<Vec<_>>(), ["a,b", "", "c,d"]);
        assert!(!trailing);
        let (lines, trailing) = Lines::split("x\n".to_owned(), 0);
        assert_eq!(lines.iter().collect::<Vec<_>>(), ["x"]);
        assert!(trailing);
        let (lines, _) = Lines::split(String::new(), 0);
        assert!(lines.is_empty());
    }

    #[test]
    fn edits_replace_single_lines() {
        let (mut lines, _) = Lines::split("a\nb\nc\n".to_owned(), 0);
        lines.set(1, "B".into());
        lines.remove(0);
        lines.push("d".into());
        assert_eq!(lines.join("\r\n"), "B\r\nc\r\nd");
    }
}
