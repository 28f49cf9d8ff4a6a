//! "Diagnose": the support bundle (with or without names) and the audit trail (every change the
//! pane made), newest first, with a filter; read by the worker when the section is opened and on
//! "Neu laden"; and where the log files are.

use super::intent::{Intent, Panel};
use super::widgets;

/// The most entries shown (the newest); the filter finds older ones.
const SHOWN: usize = 200;

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let logs = crate::logging::dir(p.dir).display().to_string();
    let a = &mut p.state.audit;
    let mut load = false;
    let mut bundle = false;
    let mut diagnose = false;
    let header = egui::CollapsingHeader::new(t.get("audit-title"))
        .id_salt("collapse-audit")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let test = egui::Button::new(t.get("diag-title"));
                diagnose = ui.add_enabled(!a.diagnosing, test).clicked();
                if a.diagnosing {
                    ui.spinner();
                }
            });
            if let Some((hosts, verdict)) = &a.diagnosis {
                for h in hosts {
                    ui.strong(&h.host);
                    for s in &h.stages {
                        let color = if s.ok { widgets::OK } else { widgets::ERROR };
                        widgets::message(ui, color, t.msg(&s.msg()));
                        if let Some(advice) = s.advice {
                            widgets::message(ui, ui.visuals().text_color(), t.get(advice));
                        }
                    }
                }
                let m = crate::i18n::Msg::new("diag-consents").text("verdict", t.msg(verdict));
                ui.label(t.msg(&m));
            }
            ui.separator();
            widgets::message(ui, ui.visuals().text_color(), t.get("support-hint"));
            ui.horizontal(|ui| {
                let create = egui::Button::new(t.get("support-create"));
                bundle = ui.add_enabled(!a.bundling, create).clicked();
                ui.checkbox(&mut a.personal_data, t.get("support-personal-data"));
                if a.bundling {
                    ui.spinner();
                }
            });
            match &a.bundle {
                Some(Ok(m)) => widgets::message(ui, widgets::OK, t.msg(m)),
                Some(Err(m)) => widgets::message(ui, widgets::ERROR, t.msg(m)),
                None => {}
            }
            ui.separator();
            widgets::message(ui, ui.visuals().text_color(), t.get("audit-hint"));
            let m = crate::i18n::Msg::new("audit-logs").text("path", logs);
            ui.add(egui::Label::new(t.msg(&m)).selectable(true));
            ui.horizontal(|ui| {
                let label = ui.label(t.get("audit-filter"));
                let edit = egui::TextEdit::singleline(&mut a.filter).desired_width(300.0);
                ui.add(edit).labelled_by(label.id);
                load = ui
                    .add_enabled(!a.loading, egui::Button::new(t.get("audit-reload")))
                    .clicked();
                if a.loading {
                    ui.spinner();
                }
            });
            match &a.entries {
                None => {}
                Some(Err(e)) => widgets::message(ui, widgets::ERROR, e.clone()),
                Some(Ok(entries)) => {
                    let needle = a.filter.to_lowercase();
                    let lines: Vec<String> = entries
                        .iter()
                        .rev()
                        .map(crate::audit::Entry::line)
                        .filter(|l| needle.is_empty() || l.to_lowercase().contains(&needle))
                        .take(SHOWN)
                        .collect();
                    if lines.is_empty() {
                        ui.weak(t.get("audit-empty"));
                    }
                    for line in lines {
                        ui.add(
                            egui::Label::new(egui::RichText::new(line).monospace())
                                .selectable(true),
                        );
                    }
                }
            }
        });
    // Read when opened the first time, and on request.
    let opened = header.body_returned.is_some() && a.entries.is_none() && !a.loading;
    if load || opened {
        p.intents.push(Intent::LoadAudit);
    }
    if bundle {
        p.intents.push(Intent::SupportBundle);
    }
    if diagnose {
        p.intents.push(Intent::Diagnose);
    }
}
