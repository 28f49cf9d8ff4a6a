//! Notices at the top of the pane (saved, conflict, failure, restart needed), the view of a broken
//! msteams.cfg, and the question before closing with unsaved changes.

use super::app::{Closing, Confirm, Notice, PaneApp};
use super::widgets;
use crate::config::ConfigError;
use crate::i18n::Texts;
use crate::status;

pub fn notices(app: &mut PaneApp, ui: &mut egui::Ui) {
    if app.state.restart_pending {
        let t = &app.texts;
        let mut command = None;
        frame(ui, widgets::WARNING, |ui| {
            widgets::message(ui, widgets::WARNING, t.get("restart-notice"));
            widgets::message(
                ui,
                ui.visuals().text_color(),
                t.msg(&status::restart_hint()),
            );
            command = super::service::ui(ui, t, &mut app.state.service);
        });
        if let Some(command) = command {
            app.send(command);
        }
    }
    super::conflict::config(app, ui);
    let t = &app.texts;
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
        Notice::TookFile => widgets::message(ui, widgets::OK, t.get("merge-took-file")),
        Notice::Restarted(name) => {
            let m = crate::i18n::Msg::new("service-running").text("name", name);
            widgets::message(ui, widgets::OK, t.msg(&m));
        }
        Notice::Merged(fields) => {
            let names: Vec<String> = fields.iter().map(|f| t.get(f.label_id())).collect();
            let m = crate::i18n::Msg::new("saved-merged").text("fields", names.join(", "));
            widgets::message(ui, widgets::OK, t.msg(&m));
        }
    }
    ui.add_space(6.0);
}

/// A folder without config/msteams.cfg: create it here, or choose another folder.
pub fn not_ucserver(app: &mut PaneApp, ui: &mut egui::Ui) {
    let t = &app.texts;
    let (mut create, mut choose) = (false, false);
    frame(ui, widgets::WARNING, |ui| {
        ui.label(
            egui::RichText::new(t.get("not-ucserver-title"))
                .color(widgets::WARNING)
                .strong(),
        );
        let m = crate::i18n::Msg::new("not-ucserver-folder")
            .text("path", app.dir.display().to_string());
        widgets::message(ui, ui.visuals().text_color(), t.msg(&m));
        ui.horizontal(|ui| {
            create = ui.button(t.get("folder-create")).clicked();
            choose = ui.button(t.get("folder-choose")).clicked();
        });
    });
    if create {
        app.create_config();
    } else if choose {
        app.pick_folder();
    }
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

/// The question before a consent is forgotten or the client secret removed.
pub fn confirm(app: &mut PaneApp, ctx: &egui::Context) {
    let Some(which) = app.state.confirm else {
        return;
    };
    let t = &app.texts;
    let (title, text, yes) = match which {
        Confirm::ForgetConsent => (
            "confirm-forget-title",
            "confirm-forget",
            "confirm-forget-yes",
        ),
        Confirm::RemoveSecret => (
            "confirm-secret-title",
            "confirm-secret",
            "confirm-secret-yes",
        ),
    };
    let (mut go, mut cancel) = (false, false);
    let modal = egui::Modal::new(egui::Id::unique("confirm-removal")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(t.get(title));
        widgets::message(ui, ui.visuals().text_color(), t.get(text));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            go = ui.button(t.get(yes)).clicked();
            cancel = ui.button(t.get("button-cancel")).clicked();
        });
    });
    if go {
        app.state.confirm = None;
        match which {
            Confirm::ForgetConsent => app.forget_consent(),
            Confirm::RemoveSecret => app.store_client_secret(false),
        }
    } else if cancel || modal.should_close() {
        app.state.confirm = None;
    }
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

pub(super) fn frame(ui: &mut egui::Ui, color: egui::Color32, add: impl FnOnce(&mut egui::Ui)) {
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
