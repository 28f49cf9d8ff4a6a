//! "Activate the integration": off, global, per group or per user, with the list editors.

use super::command::Panel;
use super::state::preview_tab::PreviewTab;
use super::widgets::{self, section};
use crate::base::i18n::{Msg, Texts};
use crate::model::config::ActivationMode;
use crate::model::validate::{self, Field};

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let s = &mut p.state;
    section(ui, &t.get("section-activation"), |ui| {
        ui.horizontal_wrapped(|ui| {
            for mode in ActivationMode::ALL {
                ui.radio_value(
                    &mut s.settings.draft.activation.mode,
                    mode,
                    t.get(mode.label_id()),
                );
            }
        });
        let (field, list, input, empty_id, new_id) = match s.settings.draft.activation.mode {
            ActivationMode::Off => {
                ui.weak(t.get("activation-off-note"));
                return;
            }
            ActivationMode::Global => return,
            ActivationMode::Groups => (
                Field::Groups,
                &mut s.settings.draft.activation.groups,
                &mut s.activation.new_group,
                "activation-empty-groups",
                "activation-new-group",
            ),
            ActivationMode::Users => (
                Field::Users,
                &mut s.settings.draft.activation.users,
                &mut s.activation.new_user,
                "activation-empty-users",
                "activation-new-user",
            ),
        };
        ui.add_space(6.0);
        ui.label(egui::RichText::new(t.get(field.label_id())).strong());
        if list.is_empty() {
            widgets::message(ui, widgets::WARNING, t.get(empty_id));
        }
        names(t, list, ui);
        if field == Field::Groups {
            group_hints(t, &s.preview.uc, list, ui);
        }
        if let Some(name) = add_field(t, new_id, input, ui) {
            match validate::list_entry(field, &name, list) {
                Ok(name) => {
                    list.push(name);
                    input.clear();
                    s.activation.problem = None;
                }
                Err(e) => s.activation.problem = Some(e),
            }
        }
        if let Some(p) = s.activation.problem.as_ref().filter(|p| p.field == field) {
            widgets::message(ui, widgets::ERROR, t.msg(&p.msg()));
        }
        if let Some(name) = picker(t, &mut s.preview, field, list, ui) {
            match validate::list_entry(field, &name, list) {
                Ok(name) => {
                    list.push(name);
                    s.activation.problem = None;
                }
                Err(e) => s.activation.problem = Some(e),
            }
        }
    });
}

/// A group none of the imported UCServer users is in (a typo leaves its people out silently),
/// named, with a group that differs only in letter case where there is one; without an imported
/// user list, that this cannot be checked.
fn group_hints(
    t: &Texts,
    uc: &super::state::preview_tab::UcUsers,
    list: &[String],
    ui: &mut egui::Ui,
) {
    if list.is_empty() {
        return;
    }
    let Some((_, users)) = &uc.users else {
        ui.weak(t.get("activation-groups-unchecked"));
        return;
    };
    for group in list.iter().filter(|g| uc.groups.binary_search(g).is_err()) {
        let similar = uc
            .groups
            .iter()
            .find(|known| known.to_lowercase() == group.to_lowercase());
        let m = match similar {
            Some(known) => Msg::new("activation-group-case").text("similar", known),
            None => Msg::new("activation-group-unknown"),
        };
        let m = m.text("group", group).num("users", users.len());
        widgets::message(ui, widgets::WARNING, t.msg(&m));
    }
}

/// The names in the list, each with "Entfernen".
fn names(t: &Texts, list: &mut Vec<String>, ui: &mut egui::Ui) {
    let mut remove = None;
    for (i, name) in list.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(name);
            let hover = t.msg(&Msg::new("activation-remove-hover").text("name", name));
            let button = ui
                .small_button(t.get("activation-remove"))
                .on_hover_text(hover);
            if button.clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        list.remove(i);
    }
}

/// The field for a new name with "Hinzufügen" (or Enter); the name typed when asked to add it.
fn add_field(t: &Texts, label_id: &str, input: &mut String, ui: &mut egui::Ui) -> Option<String> {
    ui.horizontal(|ui| {
        let label = ui.label(format!("{}:", t.get(label_id)));
        let edit = ui
            .add(egui::TextEdit::singleline(input).desired_width(260.0))
            .labelled_by(label.id);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        (ui.button(t.get("activation-add")).clicked() || enter).then(|| input.clone())
    })
    .inner
}

/// How many names the picker offers at once; the filter narrows them down.
const OFFERED: usize = 40;

/// Groups or users from the imported UCServer user list, filtered, each added with a click.
fn picker(
    t: &Texts,
    session: &mut PreviewTab,
    field: Field,
    list: &[String],
    ui: &mut egui::Ui,
) -> Option<String> {
    let Some((_, users)) = &session.uc.users else {
        ui.weak(t.get("activation-pick-none"));
        return None;
    };
    let mut picked = None;
    let c = egui::CollapsingHeader::new(t.get("activation-pick"))
        .id_salt("activation_pick")
        .show(ui, |ui| {
            let label = ui.label(format!("{}:", t.get("activation-pick-search")));
            ui.add(egui::TextEdit::singleline(&mut session.uc.pick_filter).desired_width(260.0))
                .labelled_by(label.id);
            let needle = session.uc.pick_filter.trim().to_lowercase();
            let hit = |s: &str| needle.is_empty() || s.to_lowercase().contains(&needle);
            let offers: Vec<(String, String)> = if field == Field::Groups {
                session
                    .uc
                    .groups
                    .iter()
                    .filter(|g| !list.contains(g) && hit(g))
                    .take(OFFERED)
                    .map(|g| (g.clone(), g.clone()))
                    .collect()
            } else {
                users
                    .iter()
                    .filter(|u| !list.contains(&u.name) && (hit(&u.name) || hit(&u.display_name)))
                    .take(OFFERED)
                    .map(|u| (u.name.clone(), format!("{} ({})", u.name, u.display_name)))
                    .collect()
            };
            ui.horizontal_wrapped(|ui| {
                for (name, text) in offers {
                    if ui.small_button(text).clicked() {
                        picked = Some(name);
                    }
                }
            });
        });
    widgets::focus_ring(ui, &c.header_response);
    picked
}
