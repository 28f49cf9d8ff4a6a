//! "Authorization": the status as the original pane shows it ("Auth required") and what to do.

use super::app::PaneApp;
use super::widgets::{self, section};
use crate::i18n::Msg;
use crate::status::Auth;

pub fn show(app: &mut PaneApp, ui: &mut egui::Ui) {
    let t = &app.texts;
    let secrets = &app.state.secrets;
    let auth = Auth::from_secrets(secrets);
    section(ui, &t.get("section-auth"), |ui| {
        let color = match auth {
            Auth::Required => widgets::ERROR,
            Auth::StoredUnchecked => widgets::WARNING,
        };
        ui.label(
            egui::RichText::new(t.msg(&auth.msg()))
                .color(color)
                .strong(),
        );
        widgets::message(ui, ui.visuals().text_color(), t.msg(&auth.hint()));
        if secrets.readable_by_others {
            widgets::message(ui, widgets::WARNING, t.get("secrets-readable-by-others"));
        }
        if let Some(e) = &secrets.error {
            let text = t.msg(&Msg::new("secrets-error").text("detail", e));
            widgets::message(ui, widgets::ERROR, text);
        }
    });
}
