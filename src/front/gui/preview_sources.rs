//! The two lists the preview is made of, above it: the UCServer users imported (or not yet) with
//! "Importieren …", the tenant's accounts with the listing's progress and "Abbrechen", how many
//! were read when (the kept ones' age), "Konten aus dem Tenant lesen".

use super::command::TabCtx;
use super::state::preview_tab::{Action, PreviewTab, TenantList};
use super::widgets::{self, ERROR, OK, WARNING, section};
use crate::base::i18n::{Msg, Texts};
use crate::front::worker::FileJob;
use crate::microsoft::graph;
use crate::model::config::Settings;

/// The two lists the preview is made of, each with its button.
pub(super) fn sources(
    c: &TabCtx,
    s: &mut PreviewTab,
    settings: &Settings,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    let t = c.t;
    // Both lists in place and nothing to say about them: one line, so that the table has the
    // height (at 800×600 about 2.5 rows were left below the two boxes and the messages).
    let quiet = s.uc.notice.is_none()
        && !s.tenant.listing.is_running()
        && !s.tenant.listing.result().is_some_and(|r| r.is_err());
    if let (true, Some((path, users)), Some(list)) = (quiet, &s.uc.users, &s.tenant.list) {
        ui.horizontal_wrapped(|ui| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let m = Msg::new("preview-ucusers-loaded")
                .num("count", users.len())
                .text("path", name.into_owned());
            widgets::colored(ui, OK, t.msg(&m)).on_hover_text(path.display().to_string());
            import_button(t, c.file_busy, ui, action);
            ui.separator();
            let m = Msg::new("tenant-loaded")
                .num("count", list.users.len())
                .text("time", list.read_at.clone());
            widgets::colored(ui, OK, t.msg(&m));
            kept_age(t, list, ui);
            list_button(t, s, settings, ui, action);
        });
        ui.add_space(4.0);
        return;
    }
    ui.columns(2, |cols| {
        section(&mut cols[0], &t.get("preview-ucusers-title"), |ui| {
            uc_users(t, s, c.file_busy, ui, action)
        });
        section(&mut cols[1], &t.get("preview-tenant-title"), |ui| {
            tenant(t, s, settings, ui, action)
        });
    });
}

/// The UCServer users imported (or not yet), what the import left out, "Importieren …".
fn uc_users(
    t: &Texts,
    s: &PreviewTab,
    file_busy: bool,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    match &s.uc.users {
        Some((path, users)) => {
            let m = Msg::new("preview-ucusers-loaded")
                .num("count", users.len())
                .text("path", path.display().to_string());
            widgets::message(ui, OK, t.msg(&m));
        }
        None => widgets::message(
            ui,
            ui.visuals().weak_text_color(),
            t.get("preview-ucusers-none"),
        ),
    }
    for m in s.uc.notice.iter().flatten() {
        let color = if m.id == "import-skipped" {
            WARNING
        } else {
            ERROR
        };
        widgets::message(ui, color, t.msg(m));
    }
    ui.horizontal(|ui| import_button(t, file_busy, ui, action));
}

/// "Benutzerliste importieren …".
fn import_button(t: &Texts, file_busy: bool, ui: &mut egui::Ui, action: &mut Option<Action>) {
    let import = egui::Button::new(t.get("preview-ucusers-import"));
    if ui.add_enabled(!file_busy, import).clicked() {
        *action = Some(Action::File(
            FileJob::ImportUcUsers,
            t.get("preview-ucusers-import"),
        ));
    }
}

/// The tenant's accounts: the listing's progress with "Abbrechen", how many were read when, why a
/// listing failed, "Konten aus dem Tenant lesen".
fn tenant(
    t: &Texts,
    s: &PreviewTab,
    settings: &Settings,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    match (s.tenant.listing.progress(), &s.tenant.list) {
        (Some(p), list) => {
            // The kept accounts serve while they are read again.
            if let Some(list) = list.as_ref().filter(|l| l.kept_at.is_some()) {
                let m = Msg::new("tenant-loaded")
                    .num("count", list.users.len())
                    .text("time", list.read_at.clone());
                widgets::message(ui, OK, t.msg(&m));
                kept_age(t, list, ui);
            }
            ui.horizontal(|ui| {
                let text = t.msg(&graph::progress_msg(p));
                match p.total {
                    Some(total) if total > 0 => {
                        let part = p.read as f32 / total as f32;
                        let bar = egui::ProgressBar::new(part).text(text).desired_width(320.0);
                        ui.add(bar);
                    }
                    _ => {
                        widgets::busy(ui, "listing");
                        ui.label(text);
                    }
                }
                if ui.button(t.get("tenant-cancel")).clicked() {
                    *action = Some(Action::CancelListing);
                }
            });
        }
        (None, Some(list)) => {
            let m = Msg::new("tenant-loaded")
                .num("count", list.users.len())
                .text("time", list.read_at.clone());
            widgets::message(ui, OK, t.msg(&m));
            kept_age(t, list, ui);
        }
        (None, None) => widgets::message(
            ui,
            ui.visuals().weak_text_color(),
            t.get("preview-tenant-none"),
        ),
    }
    for m in s
        .tenant
        .listing
        .result()
        .and_then(|r| r.as_ref().err())
        .into_iter()
        .flatten()
    {
        let color = if m.id == "tenant-cancelled" {
            WARNING
        } else {
            ERROR
        };
        widgets::message(ui, color, t.msg(m));
    }
    ui.horizontal(|ui| list_button(t, s, settings, ui, action));
}

/// "Konten gelesen vor 12 Min." where the accounts shown are the kept ones (issue 38).
fn kept_age(t: &Texts, list: &TenantList, ui: &mut egui::Ui) {
    if let Some(at) = list.kept_at {
        let age = (chrono::Utc::now() - at).to_std().unwrap_or_default();
        ui.label(t.msg(&crate::ops::kept_tenant::age_msg(age)));
    }
}

/// "Konten aus dem Tenant lesen", or "Neu lesen" once they are.
fn list_button(
    t: &Texts,
    s: &PreviewTab,
    settings: &Settings,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    let label = if s.tenant.list.is_some() {
        "tenant-refresh"
    } else {
        "tenant-list"
    };
    let list = egui::Button::new(t.get(label));
    let ready = settings.is_configured();
    if ui
        .add_enabled(!s.tenant.listing.is_running() && ready, list)
        .clicked()
    {
        *action = Some(Action::ListTenant(s.tenant.list.is_some()));
    }
}
