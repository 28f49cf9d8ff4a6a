//! "Diagnose": the connection test, the support bundle (with or without names) and the audit
//! trail (every change the pane made), newest first, with a filter; read by the worker when the
//! section is opened and on "Neu laden"; where the log files are and their level.

use super::command::{Command, TabCtx};
use super::state::diagnostics::DiagnosticsView;
use super::widgets;
use crate::base::i18n::Texts;
use crate::model::config::Settings;

/// The most entries shown (the newest); the filter finds older ones.
const SHOWN: usize = 200;

impl DiagnosticsView {
    /// Draws the section; what it starts runs with the `saved` settings.
    pub fn show(&mut self, c: &TabCtx, saved: Option<&Settings>, ui: &mut egui::Ui) {
        show(self, c, saved, ui)
    }

    /// The support bundle alone, below an msteams.cfg that cannot be read or used (issue 34
    /// §14): when support is needed most, the bundle names where the file is broken.
    pub fn bundle_only(&mut self, c: &TabCtx, ui: &mut egui::Ui) {
        ui.separator();
        if support_bundle(c.t, self, ui) {
            c.send.send(Command::SupportBundle);
        }
    }
}

fn show(a: &mut DiagnosticsView, c: &TabCtx, saved: Option<&Settings>, ui: &mut egui::Ui) {
    let t = c.t;
    let (mut load, mut bundle, mut diagnose, mut level) = (false, false, false, None);
    let header = egui::CollapsingHeader::new(t.get("audit-title"))
        .id_salt("collapse-audit")
        .show(ui, |ui| {
            diagnose = connection_test(t, a, ui);
            ui.separator();
            bundle = support_bundle(t, a, ui);
            ui.separator();
            about_logs(t, a, ui);
            level = log_level(t, a, ui);
            load = audit_trail(t, a, ui);
        });
    widgets::focus_ring(ui, &header.header_response);
    // Read when opened the first time, and on request.
    let opened = header.body_returned.is_some() && a.trail.is_idle();
    if load || opened {
        a.load_audit(c.worker);
    }
    if bundle {
        c.send.send(Command::SupportBundle);
    }
    if diagnose && let Some(settings) = saved.cloned() {
        a.diagnose(c.worker, settings);
    }
    if let Some(level) = level {
        a.choose_log_level(c.worker, level);
    }
}

/// "Verbindung testen" and its last result: each host's stages, the check's requests, the
/// consents' verdict; whether it was clicked.
fn connection_test(t: &Texts, a: &DiagnosticsView, ui: &mut egui::Ui) -> bool {
    let mut diagnose = false;
    ui.horizontal(|ui| {
        let test = egui::Button::new(t.get("diag-title"));
        diagnose = ui.add_enabled(!a.diagnosis.is_running(), test).clicked();
        if a.diagnosis.is_running() {
            widgets::busy(ui, "diagnosis");
        }
    });
    if let Some(d) = a.diagnosis.result() {
        // The test in one line first: where to look.
        let summary = crate::microsoft::diagnose::summary(&d.hosts, &d.steps);
        let fine = summary.id == "diag-summary-ok";
        let color = if fine { widgets::OK } else { widgets::ERROR };
        widgets::colored(ui, color, t.msg(&summary));
        for h in &d.hosts {
            ui.strong(&h.host);
            for s in &h.stages {
                let color = if s.ok { widgets::OK } else { widgets::ERROR };
                widgets::message(ui, color, t.msg(&s.msg()));
                if let Some(advice) = s.advice {
                    widgets::message(ui, ui.visuals().text_color(), t.get(advice));
                }
            }
        }
        ui.strong(t.get("diag-steps"));
        if d.steps.is_empty() {
            ui.label(t.get("diag-steps-none"));
        }
        for s in &d.steps {
            let color = if s.ok { widgets::OK } else { widgets::ERROR };
            widgets::message(ui, color, t.msg(&s.msg()));
        }
        let m = crate::base::i18n::Msg::new("diag-consents").text("verdict", t.msg(&d.verdict));
        ui.label(t.msg(&m));
    }
    diagnose
}

/// "Support-Paket erstellen …" with "mit Namen", and how the last one went; whether it was clicked.
fn support_bundle(t: &Texts, a: &mut DiagnosticsView, ui: &mut egui::Ui) -> bool {
    let mut bundle = false;
    widgets::message(ui, ui.visuals().text_color(), t.get("support-hint"));
    ui.horizontal(|ui| {
        let create = egui::Button::new(t.get("support-create"));
        bundle = ui.add_enabled(!a.bundle.is_running(), create).clicked();
        ui.checkbox(&mut a.personal_data, t.get("support-personal-data"));
        if a.bundle.is_running() {
            widgets::busy(ui, "bundle");
        }
    });
    match a.bundle.result() {
        Some(Ok(m)) => widgets::message(ui, widgets::OK, t.msg(m)),
        Some(Err(m)) => widgets::message(ui, widgets::ERROR, t.msg(m)),
        None => {}
    }
    bundle
}

/// What the audit trail is, where the logs are, what draws the window.
fn about_logs(t: &Texts, a: &DiagnosticsView, ui: &mut egui::Ui) {
    widgets::message(ui, ui.visuals().text_color(), t.get("audit-hint"));
    if let Some(m) = &a.logs {
        ui.add(egui::Label::new(t.msg(m)).selectable(true));
    }
    if let Some(r) = &a.drawn_by {
        let m = crate::base::i18n::Msg::new("audit-renderer").text("renderer", r.clone());
        ui.add(egui::Label::new(t.msg(&m)).selectable(true));
    }
}

/// The audit trail with its filter, newest first; whether "Neu laden" was clicked.
fn audit_trail(t: &Texts, a: &mut DiagnosticsView, ui: &mut egui::Ui) -> bool {
    let mut load = false;
    ui.horizontal(|ui| {
        let label = ui.label(t.get("audit-filter"));
        let edit = egui::TextEdit::singleline(&mut a.filter).desired_width(300.0);
        ui.add(edit).labelled_by(label.id);
        load = ui
            .add_enabled(
                !a.trail.is_running(),
                egui::Button::new(t.get("audit-reload")),
            )
            .clicked();
        if a.trail.is_running() {
            widgets::busy(ui, "audit");
        }
    });
    match a.trail.result() {
        None => {}
        Some(Err(e)) => widgets::message(ui, widgets::ERROR, t.msg(e)),
        Some(Ok(trail)) => {
            for u in &trail.unreadable {
                widgets::message(ui, widgets::WARNING, t.msg(&u.msg()));
            }
            let needle = a.filter.to_lowercase();
            let lines: Vec<String> = trail
                .entries
                .iter()
                .rev()
                .map(|e| t.msg(&e.msg()))
                .filter(|l| needle.is_empty() || l.to_lowercase().contains(&needle))
                .take(SHOWN)
                .collect();
            if lines.is_empty() {
                ui.weak(t.get("audit-empty"));
            }
            for line in lines {
                ui.add(egui::Label::new(egui::RichText::new(line).monospace()).selectable(true));
            }
        }
    }
    load
}

/// "Protokollstufe": the log file's level in effect, a choice that is kept and applies at once.
fn log_level(t: &Texts, a: &DiagnosticsView, ui: &mut egui::Ui) -> Option<String> {
    let current = a
        .log_level
        .clone()
        .unwrap_or_else(crate::base::logging::level);
    let name = |level: &str| match crate::base::logging::LEVELS
        .iter()
        .position(|l| *l == level)
    {
        Some(i) => t.get(LEVEL_IDS[i]),
        // A filter given at start (`teams_presence_admin=trace`): as it is.
        None => level.to_owned(),
    };
    let mut chosen = current.clone();
    ui.horizontal(|ui| {
        let label = ui.label(format!("{}:", t.get("log-level")));
        let combo = egui::ComboBox::from_id_salt("log-level")
            .selected_text(name(&current))
            .show_ui(ui, |ui| {
                for l in crate::base::logging::LEVELS {
                    ui.selectable_value(&mut chosen, l.to_owned(), name(l));
                }
            });
        combo.response.labelled_by(label.id);
    });
    widgets::message(ui, ui.visuals().text_color(), t.get("log-level-hint"));
    match &a.log_level_notice {
        Some(Ok(level)) => {
            let m = crate::base::i18n::Msg::new("log-level-saved").text("level", name(level));
            widgets::message(ui, widgets::OK, t.msg(&m));
        }
        Some(Err(m)) => widgets::message(ui, widgets::ERROR, t.msg(m)),
        None => {}
    }
    (chosen != current).then_some(chosen)
}

/// The names of [`crate::base::logging::LEVELS`].
const LEVEL_IDS: [&str; 5] = [
    "log-level-error",
    "log-level-warn",
    "log-level-info",
    "log-level-debug",
    "log-level-trace",
];
