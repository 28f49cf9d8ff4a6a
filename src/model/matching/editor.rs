//! The model of the usermatching.csv editor: the file's lines as rows, edited with undo and redo,
//! a sorted and filtered view of them, and each line's findings. No GUI here; the panel renders
//! [`Editor::view`] and calls the edits.
//!
//! A row is a physical line of the file, so line numbers, findings and the lossless write-back
//! (BOM, line ends, encoding) stay those of [`MatchingFile`]. An edited line is written as
//! `Azure AD name,UCServer name` with the file's separator.

use super::MatchingFile;
use super::findings::{Column, Finding, Report, Severity, is_upn};
use crate::base::i18n::Msg;

/// The sort order of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub ascending: bool,
}

/// One change, as applied; applying it returns the change that undoes it.
#[derive(Clone, Debug)]
enum Edit {
    /// Line `line` becomes `text`.
    Set { line: usize, text: String },
    /// A block of lines is inserted before line `at`.
    Insert { at: usize, lines: Vec<String> },
    /// The lines at these indexes (ascending) are removed.
    Remove { at: Vec<usize> },
    /// Lines are put back at these indexes (ascending), as before a removal.
    Restore { lines: Vec<(usize, String)> },
    /// The whole file becomes this one (a repair: separator, encoding, a header line).
    Replace { file: Box<MatchingFile> },
}

/// usermatching.csv being edited.
#[derive(Clone, Debug)]
pub struct Editor {
    file: MatchingFile,
    report: Report,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    revision: u64,
    saved_revision: u64,
    /// Counts every change (never goes back), for caches of what depends on the lines.
    generation: u64,
    view: Vec<u32>,
    /// Counts the times the view was made again (a selection follows it).
    views: u64,
    sort: Option<Sort>,
    filter: String,
    only_findings: bool,
}

impl Editor {
    pub fn new(file: MatchingFile) -> Self {
        let report = file.validate();
        let mut editor = Self {
            file,
            report,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            saved_revision: 0,
            generation: 0,
            view: Vec::new(),
            views: 0,
            sort: None,
            filter: String::new(),
            only_findings: false,
        };
        editor.rebuild_view();
        editor
    }

    pub fn file(&self) -> &MatchingFile {
        &self.file
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The number of lines (rows) of the file.
    pub fn len(&self) -> usize {
        self.file.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.file.lines.is_empty()
    }

    /// The lines (0-based) shown, in the order shown.
    pub fn view(&self) -> &[u32] {
        &self.view
    }

    /// Changes whenever the view was made again (filter, sort, an edit).
    pub fn view_serial(&self) -> u64 {
        self.views
    }

    /// The two names of line `line` as the service splits them (at the first separator).
    pub fn cells(&self, line: usize) -> (&str, &str) {
        let text = self.file.lines.get(line);
        text.split_once(self.file.delimiter.char())
            .unwrap_or((text, ""))
    }

    /// The findings on line `line` (0-based).
    pub fn findings(&self, line: usize) -> &[Finding] {
        let f = &self.report.findings;
        let n = line + 1;
        let from = f.partition_point(|x| x.line < n);
        let to = from + f[from..].partition_point(|x| x.line == n);
        &f[from..to]
    }

    /// The worst finding on line `line`.
    pub fn severity(&self, line: usize) -> Option<Severity> {
        self.findings(line).iter().map(|f| f.severity).max()
    }

    /// Whether there are edits that are not saved.
    pub fn dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Sets one name of line `line`; `false` when nothing changed.
    pub fn set_cell(&mut self, line: usize, column: Column, value: &str) -> bool {
        let (azure, ucserver) = self.cells(line);
        let value = value.trim();
        let (azure, ucserver) = match column {
            Column::Azure => (value, ucserver),
            Column::Ucserver => (azure, value),
        };
        let text = self.join(azure, ucserver);
        if text == self.file.lines.get(line) {
            return false;
        }
        self.apply(Edit::Set { line, text });
        true
    }

    /// Appends rows (one undo step); returns the 0-based line of the first one.
    pub fn add(&mut self, rows: &[(String, String)]) -> usize {
        let at = self.len();
        if rows.is_empty() {
            return at;
        }
        let lines = rows
            .iter()
            .map(|(a, u)| self.join(a.trim(), u.trim()))
            .collect();
        self.apply(Edit::Insert { at, lines });
        at
    }

    /// Removes these lines (0-based, any order; one undo step).
    pub fn delete(&mut self, lines: &[usize]) {
        let mut at: Vec<usize> = lines.iter().copied().filter(|&l| l < self.len()).collect();
        at.sort_unstable();
        at.dedup();
        if !at.is_empty() {
            self.apply(Edit::Remove { at });
        }
    }

    /// Converts the file to what the service reads — comma-separated, UTF-8 — as an edit (undone
    /// with Undo, written with Save); `Ok(false)` when there was nothing to convert.
    pub fn convert(&mut self) -> Result<bool, super::ConvertError> {
        if !self.file.needs_conversion() {
            return Ok(false);
        }
        let mut file = self.file.clone();
        file.convert()?;
        self.apply(Edit::Replace {
            file: Box::new(file),
        });
        Ok(true)
    }

    /// Writes every case fix at once as one edit (undone with Undo, written with Save); how many
    /// lines it fixed.
    pub fn fix_case(&mut self, fixes: &[super::preview::CaseFix]) -> usize {
        let mut file = self.file.clone();
        let fixed = super::preview::apply_case_fixes(&mut file, fixes);
        if fixed > 0 {
            self.apply(Edit::Replace {
                file: Box::new(file),
            });
        }
        fixed
    }

    /// Removes the header line as an edit (undone with Undo, written with Save); `false` when
    /// there is none.
    pub fn remove_header(&mut self) -> bool {
        let Some(i) = self.file.header_line() else {
            return false;
        };
        self.apply(Edit::Remove { at: vec![i] });
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        self.replay(true)
    }

    pub fn redo(&mut self) -> bool {
        self.replay(false)
    }

    /// Undoes (`back`) or redoes the last step; its inverse goes onto the other stack.
    fn replay(&mut self, back: bool) -> bool {
        let from = if back { &mut self.undo } else { &mut self.redo };
        let Some(edit) = from.pop() else {
            return false;
        };
        let structural = !matches!(edit, Edit::Set { .. });
        let inverse = self.run(edit);
        if back {
            self.redo.push(inverse);
            self.revision = self.revision.wrapping_sub(1);
        } else {
            self.undo.push(inverse);
            self.revision = self.revision.wrapping_add(1);
        }
        self.changed(structural);
        true
    }

    /// Takes the file as saved (its snapshot's bytes): no longer dirty, the undo history stays.
    pub fn saved(&mut self, file: MatchingFile) {
        self.file = file;
        self.saved_revision = self.revision;
        self.changed(true);
    }

    /// Takes `saved` (the file on disk now, after another program changed it) as the saved
    /// state and `lines` (the merge with the editor's changes) as the lines being edited. The
    /// undo history is dropped: its steps were about the lines before the merge.
    pub fn rebase(&mut self, saved: MatchingFile, lines: Vec<String>) {
        let same = saved.lines.len() == lines.len()
            && saved.lines.iter().eq(lines.iter().map(String::as_str));
        let mut file = saved;
        file.lines = super::Lines::from(lines);
        self.file = file;
        self.undo.clear();
        self.redo.clear();
        self.revision = self.revision.wrapping_add(1);
        self.saved_revision = if same { self.revision } else { u64::MAX };
        self.changed(true);
    }

    pub fn sort(&self) -> Option<Sort> {
        self.sort
    }

    pub fn set_sort(&mut self, sort: Option<Sort>) {
        if self.sort != sort {
            self.sort = sort;
            self.rebuild_view();
        }
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// Shows only lines containing `filter` (ignoring letter case).
    pub fn set_filter(&mut self, filter: &str) {
        if self.filter != filter {
            self.filter = filter.to_owned();
            self.rebuild_view();
        }
    }

    pub fn only_findings(&self) -> bool {
        self.only_findings
    }

    /// Shows only lines with findings.
    pub fn set_only_findings(&mut self, only: bool) {
        if self.only_findings != only {
            self.only_findings = only;
            self.rebuild_view();
        }
    }

    /// Checks a row before it is added: both names given, no separator in them, the Azure AD name
    /// a UPN, neither name on a line already. The message names the field and what to do.
    pub fn check_row(&self, azure: &str, ucserver: &str) -> Result<(String, String), Msg> {
        let (azure, ucserver) = (azure.trim(), ucserver.trim());
        for (column, value) in [(Column::Azure, azure), (Column::Ucserver, ucserver)] {
            let m = |id| {
                Msg::new(id)
                    .reference("column", column.label_id())
                    .text("value", value)
            };
            if value.is_empty() {
                return Err(m("editor-field-empty"));
            }
            if value.contains([',', ';']) {
                return Err(m("editor-field-comma"));
            }
            if column == Column::Azure && !is_upn(value) {
                return Err(m("editor-field-not-upn"));
            }
            let taken = (0..self.len()).find(|&l| {
                let (a, u) = self.cells(l);
                match column {
                    Column::Azure => a.trim() == value,
                    Column::Ucserver => u.trim() == value,
                }
            });
            if let Some(line) = taken {
                return Err(m("editor-field-duplicate").num("line", line + 1));
            }
        }
        Ok((azure.to_owned(), ucserver.to_owned()))
    }

    fn join(&self, azure: &str, ucserver: &str) -> String {
        format!("{azure}{}{ucserver}", self.file.delimiter.char())
    }

    /// Applies a new edit: it can be undone, and what was undone before cannot be redone.
    fn apply(&mut self, edit: Edit) {
        let structural = !matches!(edit, Edit::Set { .. });
        let inverse = self.run(edit);
        self.undo.push(inverse);
        self.redo.clear();
        self.revision = self.revision.wrapping_add(1);
        // A revision reached again by new edits is not the saved one.
        if self.revision == self.saved_revision {
            self.saved_revision = u64::MAX;
        }
        self.changed(structural);
    }

    fn run(&mut self, edit: Edit) -> Edit {
        let lines = &mut self.file.lines;
        match edit {
            Edit::Set { line, text } => {
                let old = lines.get(line).to_owned();
                lines.set(line, text);
                Edit::Set { line, text: old }
            }
            Edit::Insert { at, lines: new } => {
                let n = new.len();
                for (i, text) in new.into_iter().enumerate() {
                    lines.insert(at + i, text);
                }
                Edit::Remove {
                    at: (at..at + n).collect(),
                }
            }
            Edit::Remove { at } => {
                let mut removed: Vec<(usize, String)> =
                    at.iter().map(|&i| (i, lines.get(i).to_owned())).collect();
                for &i in at.iter().rev() {
                    lines.remove(i);
                }
                removed.sort_unstable_by_key(|(i, _)| *i);
                Edit::Restore { lines: removed }
            }
            Edit::Replace { file } => Edit::Replace {
                file: Box::new(std::mem::replace(&mut self.file, *file)),
            },
            Edit::Restore { lines: back } => {
                let at = back.iter().map(|(i, _)| *i).collect();
                for (i, text) in back {
                    lines.insert(i, text);
                }
                Edit::Remove { at }
            }
        }
    }

    /// A number that changes with every change of the lines.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// After every change: validate again. The view is rebuilt when lines came or went; an edited
    /// line keeps its place (it does not jump away under the cursor, as in a spreadsheet).
    fn changed(&mut self, structural: bool) {
        self.generation += 1;
        self.report = self.file.validate();
        if structural {
            self.rebuild_view();
        }
    }

    fn rebuild_view(&mut self) {
        let needle = self.filter.trim().to_lowercase();
        let lines = &self.file.lines;
        let mut view: Vec<u32> = (0..lines.len() as u32)
            .filter(|&i| {
                let i = i as usize;
                (needle.is_empty() || contains_caseless(lines.get(i), &needle))
                    && (!self.only_findings || !self.findings(i).is_empty())
            })
            .collect();
        if let Some(sort) = self.sort {
            let key = |i: u32| {
                let (a, u) = self.cells(i as usize);
                match sort.column {
                    Column::Azure => a,
                    Column::Ucserver => u,
                }
            };
            // Letter case aside first, then exactly, then in file order: a stable, total order.
            let mut keyed: Vec<(String, u32)> =
                view.iter().map(|&i| (key(i).to_lowercase(), i)).collect();
            keyed.sort_unstable_by(|(kx, x), (ky, y)| {
                let o = kx.cmp(ky).then_with(|| key(*x).cmp(key(*y))).then(x.cmp(y));
                if sort.ascending { o } else { o.reverse() }
            });
            view = keyed.into_iter().map(|(_, i)| i).collect();
        }
        self.view = view;
        self.views += 1;
    }
}

/// Whether `text` contains `needle` (already lower case), ignoring letter case.
fn contains_caseless(text: &str, needle: &str) -> bool {
    if text.is_ascii() && needle.is_ascii() {
        let (t, n) = (text.as_bytes(), needle.as_bytes());
        n.len() <= t.len()
            && t.windows(n.len())
                .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
    } else {
        text.to_lowercase().contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor(text: &str) -> Editor {
        Editor::new(MatchingFile::parse(text.as_bytes()))
    }

    fn text(e: &Editor) -> String {
        String::from_utf8(e.file().to_bytes().unwrap()).unwrap()
    }

    #[test]
    fn edits_undo_and_redo() {
        let mut e = editor("a@x.de,a\r\nb@x.de,b\r\n");
        assert!(e.set_cell(1, Column::Ucserver, " bb "));
        assert!(
            !e.set_cell(1, Column::Ucserver, "bb"),
            "same value: no edit"
        );
        e.add(&[("c@x.de".into(), "c".into()), ("d@x.de".into(), "d".into())]);
        e.delete(&[0, 2]);
        assert_eq!(text(&e), "b@x.de,bb\r\nd@x.de,d\r\n");
        assert!(e.dirty());
        while e.undo() {}
        assert_eq!(text(&e), "a@x.de,a\r\nb@x.de,b\r\n");
        assert!(!e.dirty(), "back where it was saved");
        e.redo();
        e.redo();
        assert_eq!(
            text(&e),
            "a@x.de,a\r\nb@x.de,bb\r\nc@x.de,c\r\nd@x.de,d\r\n"
        );
        e.set_cell(0, Column::Azure, "z@x.de");
        assert!(!e.can_redo(), "a new edit ends the redo history");
    }

    #[test]
    fn rows_to_add_are_checked_field_by_field() {
        let e = editor("a@x.de,a\n");
        let id = |r: Result<_, Msg>| r.unwrap_err().id;
        assert_eq!(id(e.check_row(" ", "b")), "editor-field-empty");
        assert_eq!(id(e.check_row("b@x.de", "b;c")), "editor-field-comma");
        assert_eq!(id(e.check_row("max", "b")), "editor-field-not-upn");
        assert_eq!(id(e.check_row("a@x.de", "b")), "editor-field-duplicate");
        assert_eq!(id(e.check_row("b@x.de", "a")), "editor-field-duplicate");
        assert_eq!(
            e.check_row(" b@x.de ", "b").unwrap(),
            ("b@x.de".into(), "b".into())
        );
    }

    #[test]
    fn view_sorts_filters_and_shows_findings() {
        let mut e = editor("b@x.de,Zed\nA@x.de,yan\nc@x.de\nb@x.de,other\n");
        e.set_sort(Some(Sort {
            column: Column::Azure,
            ascending: true,
        }));
        assert_eq!(e.view(), [1, 0, 3, 2]);
        e.set_sort(Some(Sort {
            column: Column::Ucserver,
            ascending: false,
        }));
        assert_eq!(e.view(), [0, 1, 3, 2]);
        e.set_filter("YAN");
        assert_eq!(e.view(), [1]);
        e.set_filter("");
        e.set_only_findings(true);
        // Line 3 lacks a name, line 4 repeats the Azure AD name of line 1.
        assert_eq!(e.view(), [3, 2]);
        assert_eq!(e.severity(2), Some(Severity::Error));
        assert_eq!(e.findings(0).len(), 0);
        assert_eq!(e.cells(2), ("c@x.de", ""));
    }

    #[test]
    fn a_saved_editor_is_clean_until_the_next_edit() {
        let mut e = editor("a@x.de,a\n");
        e.set_cell(0, Column::Ucserver, "b");
        let saved = MatchingFile::parse(&e.file().to_bytes().unwrap());
        e.saved(saved);
        assert!(!e.dirty());
        e.undo();
        assert!(e.dirty(), "undoing past the save is a change");
        e.redo();
        assert!(!e.dirty());
    }
}
