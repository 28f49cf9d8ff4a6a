//! "Web proxy": its text rows from the key table (`u8sProxyAddress`, host:port), validated while
//! typing.

use super::widgets::{self, section};
use crate::base::i18n::Texts;
use crate::model::config::Settings;
use crate::model::config::keys::Section;

/// Draws the section over the values as edited.
pub fn show(t: &Texts, d: &mut Settings, ui: &mut egui::Ui) {
    section(ui, &t.get("section-proxy"), |ui| {
        widgets::form_grid(ui, "proxy-grid", |ui| {
            widgets::key_rows(ui, t, d, Section::Proxy);
        });
    });
}
