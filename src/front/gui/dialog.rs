//! The window's questions, each over everything else (egui's modal): before closing with unsaved
//! changes, before something is removed for good, the path where no file dialog opens, before the
//! presence write test. Each is an `Option` in [`Dialogs`] (`state/dialogs.rs`); its `show()`
//! draws it and says whether it stays open, and once closed it does what was decided (Ruffle's
//! `Dialogs` is the model).

use super::command::{Command, Panel};
use super::state::dialogs::{CloseQuestion, ConfirmQuestion, Dialogs, WriteTest};
use super::state::{Closing, Confirm, PathPrompt};
use super::widgets;
use crate::base::i18n::Msg;
use crate::front::worker::{FileJob, FileRequest, Prompted, Source};

impl Dialogs {
    /// Draws the questions open; one that is answered closes and does what was decided.
    pub fn show(&mut self, p: &mut Panel, ctx: &egui::Context) {
        if let Some(d) = &mut self.close
            && !d.show(p, ctx)
            && let Some(d) = self.close.take()
        {
            d.close(p);
        }
        if let Some(d) = &mut self.confirm
            && !d.show(p, ctx)
            && let Some(d) = self.confirm.take()
        {
            d.close(p);
        }
        if let Some(d) = &mut self.path
            && !d.show(p, ctx)
            && let Some(d) = self.path.take()
        {
            d.close(p);
        }
        if let Some(d) = &mut self.write_test
            && !d.show(p, ctx)
            && let Some(d) = self.write_test.take()
        {
            d.close(p);
        }
    }
}

impl CloseQuestion {
    /// Draws the question; whether it stays open.
    pub fn show(&mut self, p: &mut Panel, ctx: &egui::Context) -> bool {
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
                        crate::base::paths::msteams_cfg(p.dir).display().to_string(),
                    )
                    .num("count", p.state.changed_settings());
                ui.label(format!("• {}", t.msg(&m)));
            }
            if p.state.editor.dirty() {
                let m = Msg::new("close-unsaved-matching").text(
                    "file",
                    crate::base::paths::usermatching(p.dir)
                        .display()
                        .to_string(),
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
        self.answer = choice;
        choice.is_none()
    }

    /// Answered: saves and closes, closes, or stays.
    fn close(self, p: &mut Panel) {
        match self.answer {
            Some(Closing::SaveThenClose) => p.state.save_all_then_close(p.worker),
            Some(c) => p.state.window.closing = c,
            None => {}
        }
    }
}

impl ConfirmQuestion {
    /// Draws the question; whether it stays open.
    pub fn show(&mut self, p: &mut Panel, ctx: &egui::Context) -> bool {
        let which = self.which;
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
            let text = t.msg(&crate::base::i18n::Msg::new(text).num("count", count));
            widgets::message(ui, ui.visuals().text_color(), text);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                go = ui.button(t.get(yes)).clicked();
                cancel = ui.button(t.get("button-cancel")).clicked();
            });
        });
        self.go = go;
        !(go || cancel || modal.should_close())
    }

    /// Closed: does what was confirmed.
    fn close(self, p: &mut Panel) {
        if !self.go {
            return;
        }
        match self.which {
            Confirm::ForgetConsent => p.state.auth.forget_consent(p.worker),
            Confirm::RemoveSecret => p.state.auth.store_client_secret(p.worker, false),
            Confirm::Revert(_) => p.state.revert(),
        }
    }
}

impl PathPrompt {
    /// Draws the question; whether it stays open.
    pub fn show(&mut self, p: &mut Panel, ctx: &egui::Context) -> bool {
        let prompt = self;
        let t = p.t;
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
        prompt.go = go && !prompt.path.trim().is_empty();
        !(prompt.go || cancel || modal.should_close())
    }

    /// Closed: does the job with the path typed.
    fn close(self, p: &mut Panel) {
        if !self.go {
            return;
        }
        let path = std::path::PathBuf::from(self.path.trim());
        let source = |path| Source::Path(path);
        match self.job {
            Prompted::File(job) => {
                let req = FileRequest {
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
    }
}

impl WriteTest {
    /// Draws the question; whether it stays open.
    pub fn show(&mut self, p: &mut Panel, ctx: &egui::Context) -> bool {
        let upn = &self.upn;
        let t = p.t;
        let (mut go, mut cancel) = (false, false);
        let modal = egui::Modal::new(egui::Id::unique("write-test-question")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading(t.get("write-test-title"));
            let m =
                crate::base::i18n::Msg::new("write-test-question-window").text("user", upn.clone());
            widgets::message(ui, ui.visuals().text_color(), t.msg(&m));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                go = ui.button(t.get("write-test-yes")).clicked();
                cancel = ui.button(t.get("button-cancel")).clicked();
            });
        });
        self.go = go;
        !(go || cancel || modal.should_close())
    }

    /// Closed: runs the test where it was asked for.
    fn close(self, p: &mut Panel) {
        if let (true, Some(settings)) = (self.go, p.state.saved().cloned()) {
            p.state
                .preview
                .write_test(p.worker, settings, self.id, self.upn);
        }
    }
}
