//! Notices at the top of the pane (saved, conflict, failure, restart needed), the view of a broken
//! msteams.cfg, and the question before closing with unsaved changes.

use super::app::{Closing, Notice, PaneApp};
use super::widgets;
use crate::config::ConfigError;
use crate::i18n::Texts;
use crate::status;

pub fn notices(app: &mut PaneApp, ui: &mut egui::Ui) {
    let t = &app.texts;
    if app.state.restart_pending {
        frame(ui, widgets::WARNING, |ui| {
            widgets::message(ui, widgets::WARNING, t.get("restart-notice"));
            widgets::message(
                ui,
                ui.visuals().text_color(),
                t.msg(&status::restart_hint()),
            );
        });
    }
    let Some(notice) = app.state.notice.clone() else {
        return;
    };
    match notice {
        Notice::Saved => widgets::message(ui, widgets::OK, t.get("saved-ok")),
        Notice::Unchanged => widgets::message(ui, widgets::OK, t.get("saved-unchanged")),
        Notice::SaveBlocked => widgets::message(ui, widgets::ERROR, t.get("save-blocked")),
        Notice::Failed(msgs) => frame(ui, widgets::ERROR, |ui| {
            for m in &msgs {
                widgets::message(ui, widgets::ERROR, t.msg(m));
            }
        }),
        Notice::Conflict => {
            let (mut reload, mut overwrite) = (false, false);
            frame(ui, widgets::ERROR, |ui| {
                widgets::message(ui, widgets::ERROR, t.get("save-conflict"));
                ui.horizontal(|ui| {
                    reload = ui.button(t.get("button-reload")).clicked();
                    overwrite = ui.button(t.get("button-overwrite")).clicked();
                });
            });
            if reload {
                app.reload();
            } else if overwrite {
                app.state.notice = None;
                app.save(true);
            }
        }
    }
    ui.add_space(6.0);
}

pub fn broken_config(t: &Texts, error: &ConfigError, ui: &mut egui::Ui) {
    frame(ui, widgets::ERROR, |ui| {
        ui.label(
            egui::RichText::new(t.get("cfg-broken-title"))
                .color(widgets::ERROR)
                .strong(),
        );
        widgets::message(ui, ui.visuals().text_color(), t.msg(&error.msg()));
    });
}

pub fn close_question(app: &mut PaneApp, ctx: &egui::Context) {
    if app.state.closing != Closing::Asking {
        return;
    }
    let t = &app.texts;
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("close-question")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(t.get("close-title"));
        ui.label(t.get("close-question"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(t.get("button-close-save")).clicked() {
                choice = Some(Closing::SaveThenClose);
            }
            if ui.button(t.get("button-close-discard")).clicked() {
                choice = Some(Closing::Confirmed);
            }
            if ui.button(t.get("button-cancel")).clicked() {
                choice = Some(Closing::No);
            }
        });
    });
    match choice {
        Some(Closing::SaveThenClose) => app.save_all_then_close(),
        Some(c) => app.state.closing = c,
        None => {}
    }
}

fn frame(ui: &mut egui::Ui, color: egui::Color32, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, color))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
    ui.add_space(6.0);
}
