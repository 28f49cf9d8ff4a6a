//! "App-Registrierung anlegen": why and through which app the administrator signs in, the
//! display name and the credential, the button, every step with its outcome, what a failed run
//! left (with "Entfernen"), the credential's end with "Erneuern", and the PowerShell script of
//! the manual path with a copy button.

use super::command::{Command, Panel, Run};
use super::state::registration::RegistrationView;
use super::widgets::{self, section};
use crate::base::i18n::{Msg, Texts};
use crate::microsoft::endpoints::Endpoints;
use crate::ops::registration::{CredentialKind, StepState};

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let s = &mut *p.state;
    let configured = s.saved().is_some_and(|c| !c.tenant_id.is_empty());
    let busy = s.registration.run.is_running() || s.auth.consent.is_running();
    let mut ask = None;
    section(ui, &t.get("section-registration"), |ui| {
        if let Some(c) = s.auth.check.result().and_then(|r| r.credential.as_ref()) {
            ask = credential_end(t, c, busy, ui);
        }
        widgets::message(ui, ui.visuals().text_color(), t.get("reg-why"));
        form(t, &mut s.registration, busy, ui);
        ask = run(t, &s.registration, configured && !busy, ui).or(ask.take());
        script(ui, t, s);
    });
    match ask {
        Some(Ask::Run(run)) => p.send.send(Command::Registration(run)),
        Some(Ask::Cancel) => p.state.cancel_browser_waits(),
        None => {}
    }
}

/// What the section asks for.
enum Ask {
    Run(Run),
    /// Stop waiting for the browser.
    Cancel,
}

/// When the app's credential ends, with "Erneuern" where the pane created the app.
fn credential_end(
    t: &Texts,
    c: &crate::ops::check::CredentialEnd,
    busy: bool,
    ui: &mut egui::Ui,
) -> Option<Ask> {
    let mut ask = None;
    let (msg, warn) = c.msg();
    ui.horizontal_wrapped(|ui| {
        let color = if warn {
            widgets::WARNING
        } else {
            ui.visuals().text_color()
        };
        widgets::colored(ui, color, t.msg(&msg));
        if c.renewable {
            let renew = egui::Button::new(t.get("reg-renew"));
            if ui.add_enabled(!busy, renew).clicked() {
                ask = Some(Ask::Run(Run::Renew));
            }
        }
    });
    ui.add_space(4.0);
    ask
}

/// The app's display name and its credential (certificate or client secret).
fn form(t: &Texts, r: &mut RegistrationView, busy: bool, ui: &mut egui::Ui) {
    widgets::form_grid(ui, "grid-registration-form", |ui| {
        let label = ui.label(format!("{}:", t.get("reg-name")));
        let edit = egui::TextEdit::singleline(&mut r.name)
            .hint_text(t.get("reg-default-name"))
            .desired_width(widgets::FIELD_WIDTH);
        ui.add_enabled(!busy, edit).labelled_by(label.id);
        ui.end_row();
        ui.label(format!("{}:", t.get("reg-credential")));
        ui.horizontal(|ui| {
            for (kind, id) in [
                (CredentialKind::Certificate, "reg-credential-certificate"),
                (CredentialKind::Secret, "reg-credential-secret"),
            ] {
                let radio = egui::RadioButton::new(r.kind == kind, t.get(id));
                if ui.add_enabled(!busy, radio).clicked() {
                    r.kind = kind;
                }
            }
        });
        ui.end_row();
    });
}

/// "App-Registrierung anlegen" (`can_start`), the run under way with Cancel and the address the
/// browser was sent to, its steps and outcome, what a failed run left with "Entfernen".
fn run(t: &Texts, r: &RegistrationView, can_start: bool, ui: &mut egui::Ui) -> Option<Ask> {
    let mut ask = None;
    ui.horizontal(|ui| {
        let create = egui::Button::new(t.get("reg-create"));
        if ui.add_enabled(can_start, create).clicked() {
            ask = Some(Ask::Run(Run::Create));
        }
        if r.run.is_running() {
            widgets::busy(ui, "registration");
            if ui.button(t.get("button-cancel")).clicked() {
                ask = Some(Ask::Cancel);
            }
        }
    });
    if let Some(url) = r.url.as_ref().filter(|_| r.run.is_running()) {
        ui.add(egui::Label::new(egui::RichText::new(url).monospace().size(11.0)).selectable(true));
    }
    steps(ui, t, &r.steps);
    if let Some(result) = r.run.result() {
        widgets::outcome(ui, t, result);
    }
    if let Some(created) = r.created.as_ref().filter(|_| !r.run.is_running()) {
        let m = Msg::new("reg-created-so-far")
            .text("name", created.display_name.clone())
            .text("client", created.client_id.clone().unwrap_or_default());
        widgets::message(ui, widgets::WARNING, t.msg(&m));
        if ui.button(t.get("reg-remove")).clicked() {
            ask = Some(Ask::Run(Run::RemoveCreated));
        }
    }
    ask
}

/// Every step reported so far, marked done, failed or running (in words: the fonts have no tick
/// marks, and a screen reader reads words), with what it made.
fn steps(ui: &mut egui::Ui, t: &Texts, steps: &[(crate::ops::registration::Step, StepState)]) {
    if steps.is_empty() {
        return;
    }
    egui::Grid::new("grid-registration-steps")
        .num_columns(2)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for (step, state) in steps {
                let (mark, color, detail) = match state {
                    StepState::Running => (
                        t.get("reg-running"),
                        ui.visuals().text_color(),
                        String::new(),
                    ),
                    StepState::Done(d) => (t.get("reg-state-done"), widgets::OK, d.clone()),
                    StepState::Failed(d) => (
                        t.get("reg-state-failed"),
                        widgets::ERROR,
                        t.msg(&Msg::new("reg-failed").text("detail", d.clone())),
                    ),
                };
                widgets::colored(ui, color, mark);
                ui.horizontal_wrapped(|ui| {
                    ui.label(t.get(step.label_id()));
                    if !detail.is_empty() {
                        ui.add(
                            egui::Label::new(egui::RichText::new(detail).weak()).selectable(true),
                        );
                    }
                });
                ui.end_row();
            }
        });
}

/// The manual path: the PowerShell script, full width, with a copy button. The script is made
/// again only when what it is made of changes (the saved settings, the name, the language).
fn script(ui: &mut egui::Ui, t: &Texts, s: &mut super::state::PaneState) {
    let Some(saved) = s.saved() else {
        return;
    };
    let name = match s.registration.name.trim() {
        "" => t.get("reg-default-name"),
        n => n.to_owned(),
    };
    let key = (saved.clone(), name);
    let r = &mut s.registration;
    let c = egui::CollapsingHeader::new(t.get("reg-script"))
        .id_salt("collapse-registration-script")
        .show(ui, |ui| {
            widgets::message(ui, ui.visuals().text_color(), t.get("reg-script-hint"));
            if r.script.as_ref().is_none_or(|(k, _)| *k != key) {
                let e = Endpoints::for_settings(&key.0);
                let text = crate::microsoft::script::powershell(&e, &key.0.tenant_id, &key.1);
                r.script = Some((key, text));
            }
            let text = r.script.as_ref().map_or("", |(_, text)| text.as_str());
            widgets::copy_box(ui, t, "PowerShell:", text, &mut s.window.copied);
        });
    widgets::focus_ring(ui, &c.header_response);
}
