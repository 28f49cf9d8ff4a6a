//! "User matching": a summary of usermatching.csv, its findings, and the one-click repairs
//! (conversion of an Excel file, removal of a header line). The table editor is a later panel.

use super::app::PaneApp;
use super::widgets::{self, section};
use crate::i18n::Msg;
use crate::matching::Severity;
use crate::store::Repair;

/// How many findings the summary lists; `matching check` lists all.
const SHOWN: usize = 20;

pub fn show(app: &mut PaneApp, ui: &mut egui::Ui) {
    let t = &app.texts;
    let mut repair = None;
    section(ui, &t.get("section-matching"), |ui| {
        let Some(loaded) = &app.state.matching else {
            ui.label(t.get("matching-none"));
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
        ui.colored_label(color, t.msg(&summary));
        for f in report.findings.iter().take(SHOWN) {
            let color = match f.severity {
                Severity::Error => widgets::ERROR,
                Severity::Warning => widgets::WARNING,
            };
            widgets::message(ui, color, t.msg(&f.msg()));
        }
        if report.findings.len() > SHOWN {
            let more = Msg::new("matching-more").num("count", report.findings.len() - SHOWN);
            ui.weak(t.msg(&more));
        }
        match &app.state.matching_notice {
            Some(Ok(())) => widgets::message(ui, widgets::OK, t.get("matching-repaired")),
            Some(Err(msgs)) => {
                for m in msgs {
                    widgets::message(ui, widgets::ERROR, t.msg(m));
                }
            }
            None => {}
        }
        ui.horizontal(|ui| {
            let enabled = !app.state.busy;
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
        app.repair_matching(r);
    }
}
