//! "Own app registration": the client secret (masked, stored only in the secrets file) and what to
//! set up in Entra ID — redirect URI, permissions with their ids, a manifest snippet, a link.

use super::command::Panel;
use super::widgets::{self, section};
use crate::microsoft::endpoints::{self, Endpoints, PERMISSIONS};

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let (mut store, mut remove) = (false, false);
    let t = p.t;
    let s = &mut p.state;
    let reveal = std::mem::take(&mut s.registration.show_help);
    section(ui, &t.get("section-app-registration"), |ui| {
        if s.secrets.client_secret_stored {
            ui.horizontal(|ui| {
                widgets::colored(ui, widgets::OK, t.get("secret-stored"));
                remove = ui.button(t.get("secret-remove")).clicked();
            });
        }
        widgets::form_grid(ui, "client-secret-grid", |ui| {
            let label = ui.label(format!("{}:", t.get("field-client-secret")));
            ui.horizontal(|ui| {
                let edit = egui::TextEdit::singleline(&mut s.auth.secret_input)
                    .password(true)
                    .desired_width(widgets::FIELD_WIDTH);
                ui.add(edit).labelled_by(label.id);
                store = ui
                    .add_enabled(
                        !s.auth.secret_input.trim().is_empty(),
                        egui::Button::new(t.get("secret-store")),
                    )
                    .clicked();
            });
            ui.end_row();
        });
        ui.weak(t.get("secret-hint"));
        match s.auth.secret.result() {
            Some(Ok(())) => widgets::message(ui, widgets::OK, t.get("secret-saved")),
            Some(Err(e)) => widgets::message(
                ui,
                widgets::ERROR,
                t.msg(&crate::base::i18n::Msg::new("save-io-error").inner("detail", e.clone())),
            ),
            None => {}
        }
        let help = help(t, s, reveal, ui);
        widgets::focus_ring(ui, &help.header_response);
        if reveal {
            help.header_response.scroll_to_me(Some(egui::Align::TOP));
        }
    });
    if store {
        p.state.auth.store_client_secret(p.worker, true);
    } else if remove {
        // Removing the secret ends the verification of writing: asked first.
        p.state
            .window
            .dialogs
            .confirm(super::state::Confirm::RemoveSecret);
    }
}

/// What to set up in Entra ID for an own app: the redirect URI, the permissions with their ids, the
/// manifest snippet to copy, a link to the app in the Entra admin center; opened when `reveal`.
fn help(
    t: &crate::base::i18n::Texts,
    s: &mut super::state::PaneState,
    reveal: bool,
    ui: &mut egui::Ui,
) -> egui::CollapsingResponse<()> {
    egui::CollapsingHeader::new(t.get("registration-help"))
        .id_salt("registration-help")
        .open(reveal.then_some(true))
        .show(ui, |ui| {
            widgets::message(
                ui,
                ui.visuals().text_color(),
                t.get("registration-redirect"),
            );
            egui::Grid::new("permissions")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for p in &PERMISSIONS {
                        ui.monospace(p.name);
                        ui.label(if p.kind == "Role" {
                            t.get("permission-application")
                        } else {
                            t.get("permission-delegated")
                        });
                        widgets::id_label(ui, p.id);
                        ui.end_row();
                    }
                });
            ui.label(t.get("registration-manifest"));
            widgets::copy_box(
                ui,
                t,
                "requiredResourceAccess:",
                manifest(),
                &mut s.window.copied,
            );
            if let Some(saved) = s.saved().filter(|c| !c.client_id.is_empty()) {
                ui.hyperlink_to(
                    t.get("registration-open-entra"),
                    Endpoints::entra_app_page(&saved.client_id),
                );
            }
        })
}

/// The manifest snippet: the same for every tenant, made once.
fn manifest() -> &'static str {
    static SNIPPET: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(endpoints::manifest_snippet);
    &SNIPPET
}
