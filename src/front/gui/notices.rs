//! Notices at the top of the pane (saved, conflict, failure, restart needed), the status line's
//! word on the last save, a folder that is no UCServer folder, and the view of a broken
//! msteams.cfg.

use super::command::{Command, Panel};
use super::state::Notice;
use super::widgets;
use crate::base::i18n::Texts;
use crate::model::config::ConfigError;
use crate::model::status;

pub fn notices(p: &mut Panel, ui: &mut egui::Ui) {
    // Both concern msteams.cfg: shown with the settings only. The outcome of Save and Revert is
    // in the status line, beside the buttons.
    if p.state.tab != super::state::Tab::Settings {
        return;
    }
    if !p.state.service.pending.is_empty() {
        let t = p.t;
        let mut command = None;
        let notice = status::restart_notice(t, &p.state.service.pending);
        widgets::frame(ui, widgets::WARNING, |ui| {
            widgets::message(ui, widgets::WARNING, notice);
            widgets::message(
                ui,
                ui.visuals().text_color(),
                t.msg(&status::restart_hint()),
            );
            command = super::service::ui(ui, t, &mut p.state.service.restart);
        });
        match command {
            Some(super::service::Ask::Find) => p.state.service.find(p.worker),
            Some(super::service::Ask::Restart { name, elevated }) => {
                let lang = t.lang();
                p.state
                    .service
                    .start_restart(p.worker, name, elevated, lang)
            }
            None => {}
        }
    }
    super::conflict::config(p, ui);
}

/// The outcome of the last Save or Revert of msteams.cfg, short, for the status line; `None`
/// when there is nothing to say (or it no longer holds: the window was changed again).
pub fn notice_text(t: &Texts, state: &super::state::PaneState) -> Option<(egui::Color32, String)> {
    if state.settings.conflict.is_some() {
        return Some((widgets::ERROR, t.get("status-conflict")));
    }
    let notice = state.settings.notice.as_ref()?;
    // A save's news holds while nothing in the window is unsaved — in neither file.
    let fresh = !state.dirty();
    Some(match notice {
        Notice::Saved if fresh => (widgets::OK, t.get("saved-ok")),
        Notice::Unchanged if fresh => (widgets::OK, t.get("saved-unchanged")),
        Notice::TookFile if fresh => (widgets::OK, t.get("merge-took-file")),
        Notice::Restarted(name) if fresh => {
            let m = crate::base::i18n::Msg::new("service-running").text("name", name.clone());
            (widgets::OK, t.msg(&m))
        }
        Notice::Merged(fields) if fresh => {
            let names: Vec<String> = fields.iter().map(|f| t.get(f.label_id())).collect();
            let m = crate::base::i18n::Msg::new("saved-merged").text("fields", names.join(", "));
            (widgets::OK, t.msg(&m))
        }
        // Only while a field is still wrong: it goes once the fields are corrected.
        Notice::SaveBlocked if state.settings.draft.validate().is_err() => {
            (widgets::ERROR, t.get("save-blocked"))
        }
        Notice::Failed(_) => (widgets::ERROR, t.get("save-failed-short")),
        _ => return None,
    })
}

/// A failed save's whole text, above the status line (where the eye is after clicking Save),
/// with "Schließen".
pub fn save_failure(p: &mut Panel, ui: &mut egui::Ui) {
    let Some(Notice::Failed(msgs)) = &p.state.settings.notice else {
        return;
    };
    if p.state.tab != super::state::Tab::Settings {
        return;
    }
    let t = p.t;
    let mut close = false;
    widgets::frame(ui, widgets::ERROR, |ui| {
        for m in msgs {
            widgets::message(ui, widgets::ERROR, t.msg(m));
        }
        close = ui.button(t.get("button-dismiss")).clicked();
    });
    if close {
        p.state.settings.notice = None;
    }
}

/// A folder without config/msteams.cfg: create it here, or choose another folder.
pub fn not_ucserver(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let (mut create, mut choose) = (false, false);
    widgets::frame(ui, widgets::WARNING, |ui| {
        ui.label(
            egui::RichText::new(t.get("not-ucserver-title"))
                .color(widgets::tone(ui, widgets::WARNING))
                .strong(),
        );
        let m = crate::base::i18n::Msg::new("not-ucserver-window")
            .text("path", p.dir.display().to_string());
        widgets::message(ui, ui.visuals().text_color(), t.msg(&m));
        ui.horizontal_wrapped(|ui| {
            create = ui.button(t.get("folder-create")).clicked();
            choose = ui.button(t.get("folder-choose")).clicked();
        });
    });
    if create {
        p.state.settings.create_config(p.worker);
    } else if choose {
        p.send.send(Command::PickFolder);
    }
}

pub fn broken_config(t: &Texts, error: &ConfigError, ui: &mut egui::Ui) {
    widgets::frame(ui, widgets::ERROR, |ui| {
        ui.label(
            egui::RichText::new(t.get("cfg-broken-title"))
                .color(widgets::tone(ui, widgets::ERROR))
                .strong(),
        );
        widgets::message(ui, ui.visuals().text_color(), t.msg(&error.msg()));
    });
}
