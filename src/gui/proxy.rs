//! "Web proxy": `u8sProxyAddress` (host:port), validated while typing.

use super::command::Panel;
use super::widgets::{self, section, text_row};
use crate::validate::{self, Field};

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let d = &mut p.state.settings.draft;
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
