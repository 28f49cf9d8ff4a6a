//! "Tenant and app": Active Directory Tenant ID, cloud (with custom URLs), then the section's
//! text rows from the key table (the client id).

use super::widgets::{self, section, text_row};
use crate::base::i18n::Texts;
use crate::model::config::keys::Section;
use crate::model::config::{Cloud, Settings};
use crate::model::validate::{self, Field};

/// Draws the section over the values as edited.
pub fn show(t: &Texts, d: &mut Settings, ui: &mut egui::Ui) {
    section(ui, &t.get("section-tenant"), |ui| {
        widgets::form_grid(ui, "tenant_grid", |ui| {
            // An empty tenant may be saved (nothing configured yet): a note, not an error.
            let empty = d.tenant_id.trim().is_empty();
            let problem = validate::saved_tenant_id(&d.tenant_id).err();
            text_row(
                ui,
                t,
                &t.get(Field::TenantId.label_id()),
                &t.get("hint-tenant"),
                &mut d.tenant_id,
                problem.as_ref(),
            );
            if empty {
                ui.label("");
                widgets::message(ui, widgets::WARNING, t.get("note-tenant-missing"));
                ui.end_row();
            }

            let label = ui.label(format!("{}:", t.get(Field::Cloud.label_id())));
            ui.vertical(|ui| {
                let combo = egui::ComboBox::from_id_salt("cloud")
                    .selected_text(t.get(d.cloud.label_id()))
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for c in Cloud::ALL {
                            ui.selectable_value(&mut d.cloud, c, t.get(c.label_id()));
                        }
                    });
                combo.response.labelled_by(label.id);
                if d.cloud == Cloud::China {
                    widgets::message(ui, widgets::WARNING, t.get("cloud-china-warning"));
                }
            });
            ui.end_row();

            if d.cloud == Cloud::Custom {
                for (field, value) in [
                    (Field::CustomLoginUrl, &mut d.custom_login_url),
                    (Field::CustomGraphUrl, &mut d.custom_graph_url),
                ] {
                    let problem = validate::base_url(field, value).err();
                    text_row(
                        ui,
                        t,
                        &t.get(field.label_id()),
                        &t.get("hint-url"),
                        value,
                        problem.as_ref(),
                    );
                }
            }

            // The client id and any text key of this section, from the key table.
            widgets::key_rows(ui, t, d, Section::Tenant);
        });
    });
}
