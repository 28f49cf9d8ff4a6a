//! The top of the window: the title, the language, the UCServer folder, the demo's banner and the
//! tabs (marked while they hold unsaved changes).

use super::command::{Command, Panel};
use super::state::Tab;
use crate::base::i18n::{Lang, Msg};

pub fn show(p: &mut Panel, banner: Option<&Msg>, ui: &mut egui::Ui) {
    let t = p.t;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.heading(t.get("app-title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // Right to left: the combo box first, so that its label stands before it.
            let mut lang = t.lang();
            let combo = egui::ComboBox::from_id_salt("language")
                .selected_text(lang.native_name())
                .show_ui(ui, |ui| {
                    for l in Lang::ALL {
                        ui.selectable_value(&mut lang, l, l.native_name());
                    }
                });
            let label = ui.label(format!("{}:", t.get("language-label")));
            combo.response.labelled_by(label.id);
            if lang != t.lang() {
                p.send.send(Command::SetLang(lang));
            }
        });
    });
    ui.weak(t.msg(&Msg::new("folder-label").text("path", p.dir.display().to_string())));
    if let Some(banner) = banner {
        let text = t.msg(banner);
        super::widgets::message(ui, super::widgets::WARNING, text);
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        for tab in Tab::ALL {
            let mut text = t.get(tab.label_id());
            let dirty = match tab {
                Tab::Settings => p.state.config_dirty(),
                Tab::Matching => p.state.editor.dirty(),
                Tab::Preview => false,
            };
            if dirty {
                text.push_str(" *");
            }
            let label = egui::RichText::new(text).size(15.0);
            ui.selectable_value(&mut p.state.tab, tab, label);
        }
    });
    ui.add_space(2.0);
}
