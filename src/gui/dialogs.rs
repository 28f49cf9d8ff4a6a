//! Notices at the top of the pane (saved, conflict, failure, restart needed), the view of a broken
//! msteams.cfg, and the question before closing with unsaved changes.

use super::command::{Command, Panel};
use super::state::{Closing, Confirm, Notice};
use super::widgets;
use crate::config::ConfigError;
use crate::i18n::{Msg, Texts};
use crate::status;

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
            let m = crate::i18n::Msg::new("service-running").text("name", name.clone());
            (widgets::OK, t.msg(&m))
        }
        Notice::Merged(fields) if fresh => {
            let names: Vec<String> = fields.iter().map(|f| t.get(f.label_id())).collect();
            let m = crate::i18n::Msg::new("saved-merged").text("fields", names.join(", "));
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
        let m =
            crate::i18n::Msg::new("not-ucserver-window").text("path", p.dir.display().to_string());
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

/// The question before a consent is forgotten or the client secret removed.
pub fn confirm(p: &mut Panel, ctx: &egui::Context) {
    let Some(which) = p.state.window.confirm else {
        return;
    };
    let t = p.t;
    let (title, text, yes) = match which {
        Confirm::Revert(_) => (
            "confirm-revert-title",
            "confirm-revert",
            "confirm-revert-yes",
        ),
        // A secrets file that cannot be read is replaced whole: said before (issue 34 §4).
        Confirm::ForgetConsent if p.state.secrets.error.is_some() => (
            "confirm-forget-title",
            "confirm-forget-unreadable",
            "confirm-forget-yes",
        ),
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
        let count = match which {
            Confirm::Revert(n) => n,
            _ => 0,
        };
        let text = t.msg(&crate::i18n::Msg::new(text).num("count", count));
        widgets::message(ui, ui.visuals().text_color(), text);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            go = ui.button(t.get(yes)).clicked();
            cancel = ui.button(t.get("button-cancel")).clicked();
        });
    });
    if go {
        p.state.window.confirm = None;
        match which {
            Confirm::ForgetConsent => p.state.auth.forget_consent(p.worker),
            Confirm::RemoveSecret => p.state.auth.store_client_secret(p.worker, false),
            Confirm::Revert(_) => p.state.revert(),
        }
    } else if cancel || modal.should_close() {
        p.state.window.confirm = None;
    }
}

pub fn close_question(p: &mut Panel, ctx: &egui::Context) {
    if p.state.window.closing != Closing::Asking {
        return;
    }
    let t = p.t;
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::unique("close-question")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(t.get("close-title"));
        ui.label(t.get("close-question"));
        // Which files, so that "Verwerfen" is a choice made knowingly.
        if p.state.config_dirty() {
            let m = Msg::new("close-unsaved-config")
                .text(
                    "file",
                    crate::paths::msteams_cfg(p.dir).display().to_string(),
                )
                .num("count", p.state.changed_settings());
            ui.label(format!("• {}", t.msg(&m)));
        }
        if p.state.editor.dirty() {
            let m = Msg::new("close-unsaved-matching").text(
                "file",
                crate::paths::usermatching(p.dir).display().to_string(),
            );
            ui.label(format!("• {}", t.msg(&m)));
        }
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
    // Escape (or a click beside the question) is "Abbrechen".
    if choice.is_none() && modal.should_close() {
        choice = Some(Closing::No);
    }
    match choice {
        Some(Closing::SaveThenClose) => p.state.save_all_then_close(p.worker),
        Some(c) => p.state.window.closing = c,
        None => {}
    }
}

/// No file dialog could be shown (no desktop portal): says so and asks for the path.
pub fn path_prompt(p: &mut Panel, ctx: &egui::Context) {
    let Some(prompt) = p.state.window.path_prompt.as_mut() else {
        return;
    };
    let t = p.t;
    use crate::worker::{FileJob, Prompted};
    let export = matches!(
        prompt.job,
        Prompted::File(FileJob::Export { .. }) | Prompted::SupportBundle
    );
    let folder = matches!(prompt.job, Prompted::Folder);
    let (mut go, mut cancel) = (false, false);
    let modal = egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(t.get("path-prompt-title"));
        let ask = if folder {
            "path-prompt-folder"
        } else {
            "path-prompt"
        };
        widgets::message(ui, ui.visuals().text_color(), t.get(ask));
        ui.horizontal(|ui| {
            let label = ui.label(t.get("path-prompt-field"));
            let edit = egui::TextEdit::singleline(&mut prompt.path).desired_width(380.0);
            let field = ui.add(edit).labelled_by(label.id);
            // Typed into at once: the keyboard is where the path goes.
            if !prompt.focused {
                field.request_focus();
                prompt.focused = true;
            }
            go = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ok = if export {
                "path-prompt-save"
            } else {
                "path-prompt-open"
            };
            let ready = !prompt.path.trim().is_empty();
            go |= ui
                .add_enabled(ready, egui::Button::new(t.get(ok)))
                .clicked();
            cancel = ui.button(t.get("button-cancel")).clicked();
        });
    });
    if go && !prompt.path.trim().is_empty() {
        let prompt = p.state.window.path_prompt.take().expect("shown");
        let path = std::path::PathBuf::from(prompt.path.trim());
        let source = |path| crate::worker::Source::Path(path);
        match prompt.job {
            Prompted::File(job) => {
                let req = crate::worker::FileRequest {
                    job,
                    source: source(path),
                };
                p.state.files.start(p.worker, req)
            }
            Prompted::SupportBundle => {
                let settings = p.state.saved().cloned();
                let d = &mut p.state.diagnostics;
                d.support_bundle(p.worker, settings, source(path))
            }
            Prompted::Folder => p.send.send(Command::OpenFolder(path)),
        }
    } else if cancel || modal.should_close() {
        p.state.window.path_prompt = None;
    }
}

/// The question before the presence write test: the colleague sees it in Teams.
pub fn write_test_question(p: &mut Panel, ctx: &egui::Context) {
    let Some((id, upn)) = p.state.preview.write_ask.clone() else {
        return;
    };
    let t = p.t;
    let (mut go, mut cancel) = (false, false);
    let modal = egui::Modal::new(egui::Id::unique("write-test-question")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(t.get("write-test-title"));
        let m = crate::i18n::Msg::new("write-test-question-window").text("user", upn.clone());
        widgets::message(ui, ui.visuals().text_color(), t.msg(&m));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            go = ui.button(t.get("write-test-yes")).clicked();
            cancel = ui.button(t.get("button-cancel")).clicked();
        });
    });
    if go {
        p.state.preview.write_ask = None;
        if let Some(settings) = p.state.saved().cloned() {
            p.state.preview.write_test(p.worker, settings, id, upn);
        }
    } else if cancel || modal.should_close() {
        p.state.preview.write_ask = None;
    }
}
