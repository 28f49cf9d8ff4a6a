//! "Web proxy": its text rows from the key table (`u8sProxyAddress`, host:port), validated while
//! typing.

use super::intent::Panel;
use super::widgets::{self, section};
use crate::model::config::keys::Section;

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let d = &mut p.state.settings.draft;
    section(ui, &t.get("section-proxy"), |ui| {
        widgets::form_grid(ui, "proxy-grid", |ui| {
            widgets::key_rows(ui, t, d, Section::Proxy);
        });
    });
}
