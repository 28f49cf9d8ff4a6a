//! "Web proxy": `u8sProxyAddress` (host:port), validated while typing.

use super::intent::Panel;
use super::widgets::{self, section, text_row};
use crate::validate::{self, Field};

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let d = &mut p.state.settings.draft;
    section(ui, &t.get("section-proxy"), |ui| {
        egui::Grid::new("proxy-grid")
            .num_columns(2)
            .min_col_width(widgets::LABEL_WIDTH)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
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
