//! "User matching": the summary of usermatching.csv as saved (rows, errors, warnings) and the
//! one-click repairs (conversion of an Excel file, removal of a header line). The findings are
//! shown on their rows in the [`super::editor`] below.

use super::intent::{Intent, Panel};
use super::widgets::{self, section};
use crate::i18n::Msg;
use crate::matching::FindingKind;
use crate::store::Repair;

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let mut repair = None;
    section(ui, &t.get("section-matching"), |ui| {
        let Some(loaded) = &p.state.summary.loaded else {
            // Unreadable is not missing: the editor's notice below says why.
            if p.state.matching.load_error().is_none() {
                ui.label(t.get("matching-none"));
            }
            return;
        };
        let report = &loaded.report;
        let summary = Msg::new("matching-summary")
            .num("rows", report.rows)
            .num("errors", report.errors)
            .num("warnings", report.warnings);
        let color = if report.errors > 0 {
            widgets::ERROR
        } else if report.warnings > 0 {
            widgets::WARNING
        } else {
            widgets::OK
        };
        widgets::colored(ui, color, t.msg(&summary));
        // What concerns the whole file (Excel's separator and encoding) stands here, by its repair.
        for f in report
            .findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::NotUtf8 | FindingKind::Semicolon))
        {
            widgets::message(ui, widgets::ERROR, t.msg(&f.msg()));
        }
        match p.state.summary.repair.result() {
            Some(Ok(())) => widgets::message(
                ui,
                widgets::OK,
                t.msg(&crate::i18n::Msg::new("matching-repaired").text("file", "usermatching.csv")),
            ),
            Some(Err(msgs)) => {
                for m in msgs {
                    widgets::message(ui, widgets::ERROR, t.msg(m));
                }
            }
            None => {}
        }
        if !loaded.file.needs_conversion() && !loaded.file.has_header() {
            return;
        }
        ui.horizontal(|ui| {
            // A repair works on the file on disk: not while the editor holds other changes.
            let enabled = !p.state.busy() && !p.state.matching.dirty();
            if loaded.file.needs_conversion()
                && ui
                    .add_enabled(enabled, egui::Button::new(t.get("matching-convert")))
                    .clicked()
            {
                repair = Some(Repair::Convert);
            }
            if loaded.file.has_header()
                && ui
                    .add_enabled(enabled, egui::Button::new(t.get("matching-remove-header")))
                    .clicked()
            {
                repair = Some(Repair::RemoveHeader);
            }
        });
    });
    if let Some(r) = repair {
        p.intents.push(Intent::RepairMatching(r));
    }
}
