//! "User matching": the summary of the table as it is now (rows, errors, warnings — "not saved"
//! while it differs from the file) and the one-click repairs (conversion of an Excel file, removal
//! of a header line), made in the editor: undone with Undo, written with Save. The findings are
//! shown on their rows in the [`super::editor`] below.

use super::state::editor_tab::{EditorNotice, EditorTab};
use super::widgets::{self, section};
use crate::base::i18n::{Msg, Texts};
use crate::model::matching::FindingKind;

pub fn show(t: &Texts, s: &mut EditorTab, ui: &mut egui::Ui) {
    section(ui, &t.get("section-matching"), |ui| {
        if !s.snapshot.exists() && s.editor.is_empty() {
            // Unreadable is not missing: the editor's notice below says why.
            if s.load_error().is_none() {
                ui.label(t.get("matching-none"));
            }
            return;
        }
        summary(t, s, ui);
        repairs(t, s, ui);
    });
}

/// The table's counts, and what concerns the whole file (Excel's separator and encoding).
fn summary(t: &Texts, s: &EditorTab, ui: &mut egui::Ui) {
    let report = s.editor.report();
    let mut summary = t.msg(
        // What the table shows: its red and yellow lines (a line may hold several findings).
        &Msg::new("matching-summary-lines")
            .num("rows", report.rows)
            .num("error_lines", report.error_lines())
            // The sum of errors only where it differs from the red lines (0: not said).
            .num(
                "errors",
                if report.errors == report.error_lines() {
                    0
                } else {
                    report.errors
                },
            )
            .num("warning_lines", report.warning_lines()),
    );
    if s.dirty() {
        summary.push_str(&format!(" — {}", t.get("matching-summary-unsaved")));
    }
    let color = if report.errors > 0 {
        widgets::ERROR
    } else if report.warnings > 0 {
        widgets::WARNING
    } else {
        widgets::OK
    };
    widgets::colored(ui, color, summary);
    for f in report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::NotUtf8 | FindingKind::Semicolon))
    {
        widgets::message(ui, widgets::ERROR, t.msg(&f.msg()));
    }
}

/// The repairs the table needs, made in the editor and said so.
fn repairs(t: &Texts, s: &mut EditorTab, ui: &mut egui::Ui) {
    let file = s.editor.file();
    let (convert, header) = (file.needs_conversion(), file.has_header());
    if !convert && !header {
        return;
    }
    let (mut do_convert, mut do_header) = (false, false);
    ui.horizontal(|ui| {
        let enabled = !s.save.is_running() && s.conflict.is_none();
        if convert {
            let b = egui::Button::new(t.get("matching-convert"));
            do_convert = ui.add_enabled(enabled, b).clicked();
        }
        if header {
            let b = egui::Button::new(t.get("matching-remove-header"));
            do_header = ui.add_enabled(enabled, b).clicked();
        }
    });
    let done = if do_convert {
        match s.editor.convert() {
            Ok(changed) => changed,
            Err(e) => {
                s.notice = Some(EditorNotice::Failed(vec![e.msg()]));
                false
            }
        }
    } else {
        do_header && s.editor.remove_header()
    };
    if done {
        let m = Msg::new("matching-repaired-editor").text("file", "usermatching.csv");
        s.notice = Some(EditorNotice::Info(vec![m]));
    }
}

/// The editor's notice: how the last save went, what an import or paste did.
pub(super) fn notice(t: &Texts, s: &EditorTab, ui: &mut egui::Ui) {
    save_notice(t, s, ui);
    if let Some(EditorNotice::Info(msgs)) = &s.notice {
        for (i, m) in msgs.iter().enumerate() {
            let color = if i == 0 {
                widgets::OK
            } else {
                widgets::WARNING
            };
            widgets::message(ui, color, t.msg(m));
        }
    }
}

/// How the last save of usermatching.csv went, for as long as it holds — also on the preview,
/// where Ctrl+S saves the file too (issue 35 §12).
pub(super) fn save_notice(t: &Texts, s: &EditorTab, ui: &mut egui::Ui) {
    match &s.notice {
        None => {}
        // "Gespeichert" (merged or not) holds until the next change.
        Some(EditorNotice::Saved) if !s.dirty() => {
            widgets::message(ui, widgets::OK, t.get("editor-saved"))
        }
        Some(EditorNotice::Saved) => {}
        Some(EditorNotice::SaveBlocked) => {
            let lines = s.editor.report().error_lines();
            if lines > 0 {
                let m = Msg::new("editor-save-blocked-lines").num("lines", lines);
                widgets::message(ui, widgets::ERROR, t.msg(&m));
            }
        }
        Some(EditorNotice::Info(_)) => {}
        Some(EditorNotice::Failed(msgs)) => {
            for m in msgs {
                widgets::message(ui, widgets::ERROR, t.msg(m));
            }
        }
        Some(EditorNotice::SavedMerged) if !s.dirty() => {
            widgets::message(ui, widgets::OK, t.get("editor-saved-merged"))
        }
        Some(EditorNotice::SavedMerged) => {}
    }
}
