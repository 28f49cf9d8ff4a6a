//! "Web proxy": `u8sProxyAddress` (host:port), validated while typing.

use super::widgets::{self, section, text_row};
use crate::config::Settings;
use crate::i18n::Texts;
use crate::validate::{self, Field};

/// Draws the section over the values as edited.
pub fn show(t: &Texts, d: &mut Settings, ui: &mut egui::Ui) {
    section(ui, &t.get("section-proxy"), |ui| {
        widgets::form_grid(ui, "proxy-grid", |ui| {
            let problem = validate::proxy(&d.proxy).err();
            text_row(
                ui,
                t,
                &t.get(Field::Proxy.label_id()),
                &t.get("hint-proxy"),
                &mut d.proxy,
                problem.as_ref(),
            );
        });
    });
}
