//! Notices at the top of the pane (saved, conflict, failure, restart needed), the view of a broken
//! msteams.cfg, and the question before closing with unsaved changes.

use super::intent::{Intent, Panel};
use super::state::{Closing, Confirm, Notice};
use super::widgets;
use crate::config::ConfigError;
use crate::i18n::Texts;
use crate::status;

pub fn notices(p: &mut Panel, ui: &mut egui::Ui) {
    if p.state.restart_pending {
        let t = p.t;
        let mut command = None;
        widgets::frame(ui, widgets::WARNING, |ui| {
            widgets::message(ui, widgets::WARNING, t.get("restart-notice"));
            widgets::message(
                ui,
                ui.visuals().text_color(),
                t.msg(&status::restart_hint()),
            );
            command = super::service::ui(ui, t, &mut p.state.service);
        });
        if let Some(intent) = command {
            p.intents.push(intent);
        }
    }
    super::conflict::config(p, ui);
    let t = p.t;
    let Some(notice) = p.state.notice.clone() else {
        return;
    };
    match notice {
        Notice::Saved => widgets::message(ui, widgets::OK, t.get("saved-ok")),
        Notice::Unchanged => widgets::message(ui, widgets::OK, t.get("saved-unchanged")),
        Notice::SaveBlocked => widgets::message(ui, widgets::ERROR, t.get("save-blocked")),
        Notice::Failed(msgs) => widgets::frame(ui, widgets::ERROR, |ui| {
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
pub fn not_ucserver(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let (mut create, mut choose) = (false, false);
    widgets::frame(ui, widgets::WARNING, |ui| {
        ui.label(
            egui::RichText::new(t.get("not-ucserver-title"))
                .color(widgets::WARNING)
                .strong(),
        );
        let m =
            crate::i18n::Msg::new("not-ucserver-folder").text("path", p.dir.display().to_string());
        widgets::message(ui, ui.visuals().text_color(), t.msg(&m));
        ui.horizontal(|ui| {
            create = ui.button(t.get("folder-create")).clicked();
            choose = ui.button(t.get("folder-choose")).clicked();
        });
    });
    if create {
        p.intents.push(Intent::CreateConfig);
    } else if choose {
        p.intents.push(Intent::PickFolder);
    }
}

pub fn broken_config(t: &Texts, error: &ConfigError, ui: &mut egui::Ui) {
    widgets::frame(ui, widgets::ERROR, |ui| {
        ui.label(
            egui::RichText::new(t.get("cfg-broken-title"))
                .color(widgets::ERROR)
                .strong(),
        );
        widgets::message(ui, ui.visuals().text_color(), t.msg(&error.msg()));
    });
}

/// The question before a consent is forgotten or the client secret removed.
pub fn confirm(p: &mut Panel, ctx: &egui::Context) {
    let Some(which) = p.state.confirm else {
        return;
    };
    let t = p.t;
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
        p.state.confirm = None;
        match which {
            Confirm::ForgetConsent => p.intents.push(Intent::ForgetConsent),
            Confirm::RemoveSecret => p.intents.push(Intent::RemoveSecret),
        }
    } else if cancel || modal.should_close() {
        p.state.confirm = None;
    }
}

pub fn close_question(p: &mut Panel, ctx: &egui::Context) {
    if p.state.closing != Closing::Asking {
        return;
    }
    let t = p.t;
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
        Some(Closing::SaveThenClose) => p.intents.push(Intent::SaveAllThenClose),
        Some(c) => p.state.closing = c,
        None => {}
    }
}
