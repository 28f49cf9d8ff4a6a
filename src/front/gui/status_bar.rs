//! The status line at the bottom: authorization, the proxy in effect, unsaved changes, Save/Revert.

use super::command::Panel;
use super::state::Tab;
use super::widgets;
use crate::model::status::{self, Auth};

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    ui.add_space(4.0);
    super::notices::save_failure(p, ui);
    let saved_proxy = p.state.saved().map(|s| s.proxy.clone()).unwrap_or_default();
    let proxy = t.msg(&status::proxy_msg(
        &saved_proxy,
        p.state
            .service
            .pending
            .contains(&crate::model::validate::Field::Proxy),
    ));
    // Said until the next change in the window.
    let disk = (!p.state.dirty())
        .then(|| p.state.window.disk_notice.as_ref().map(|m| t.msg(m)))
        .flatten();
    // What Save or Revert did, beside them.
    let notice = (p.state.tab == Tab::Settings)
        .then(|| super::notices::notice_text(t, p.state))
        .flatten();
    // Beside the buttons where all of it fits in one line; otherwise the notices, in full, in a
    // line of their own above it (never drawn over the proxy, never cut).
    let fits = {
        let width = |text: &str| text_width(ui, text) + 20.0;
        let auth = text_width(ui, &authorization_text(t, p.state).1);
        let buttons = width(&t.get("button-save")) + width(&t.get("button-revert")) + 140.0;
        let notices =
            disk.as_deref().map_or(0.0, width) + notice.as_ref().map_or(0.0, |n| width(&n.1));
        auth + width(&proxy) + notices + buttons <= ui.available_width()
    };
    // A conflict: the words take the administrator to it (at the top of the settings).
    let jumps = p.state.settings.conflict.is_some();
    let mut jump = false;
    if !fits {
        let plain = ui.visuals().text_color();
        for text in disk.iter() {
            widgets::message(ui, plain, text.clone());
        }
        if let Some((color, text)) = notice.clone() {
            ui.horizontal_wrapped(|ui| jump |= said(ui, color, text, jumps));
        }
    }
    ui.horizontal(|ui| {
        let (mut save_clicked, mut revert_clicked) = (false, false);
        authorization(t, p.state, ui);
        ui.separator();
        ui.label(&proxy);
        if let Some(d) = disk.as_ref().filter(|_| fits) {
            ui.separator();
            ui.label(d);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // Save waits for the save under way and for a reading of msteams.cfg; other work
            // (a check, a consent, the editor's save) does not hold it.
            let settings = &p.state.settings;
            let busy = settings.save.is_running() || settings.file.read.is_running();
            let ready = p.state.saved().is_some() && !busy;
            let dirty = p.state.config_dirty();
            // Save/Revert of msteams.cfg belong to the settings; the matching tabs have their own.
            if p.state.tab == Tab::Settings {
                let save = ui.add_enabled(ready && dirty, egui::Button::new(t.get("button-save")));
                let revert =
                    ui.add_enabled(ready && dirty, egui::Button::new(t.get("button-revert")));
                save_clicked = save.clicked();
                revert_clicked = revert.clicked();
            }
            if p.state.busy() {
                widgets::busy(ui, "status bar");
            }
            if dirty {
                widgets::colored(ui, widgets::WARNING, t.get("unsaved-mark"));
            }
            if let Some((color, text)) = notice.filter(|_| fits) {
                jump |= said(ui, color, text, jumps);
            }
        });
        if save_clicked {
            p.state.settings.save(p.worker);
        }
        if revert_clicked {
            revert(p);
        }
    });
    if jump {
        p.state.window.show_conflict = true;
        p.state.tab = Tab::Settings;
    }
    ui.add_space(4.0);
}

/// A notice of the status line; a link where it `jumps` (whether it was clicked).
fn said(ui: &mut egui::Ui, color: egui::Color32, text: String, jumps: bool) -> bool {
    let text = egui::RichText::new(text).color(widgets::tone(ui, color));
    if jumps {
        ui.link(text).clicked()
    } else {
        ui.label(text);
        false
    }
}

/// How wide `text` is in the body font.
fn text_width(ui: &egui::Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.painter()
        .layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
        .size()
        .x
}

/// The verdict of the last check in short, or what is stored before any check.
fn authorization(t: &crate::base::i18n::Texts, s: &super::state::PaneState, ui: &mut egui::Ui) {
    let (color, text) = authorization_text(t, s);
    widgets::colored(ui, color, text);
}

fn authorization_text(
    t: &crate::base::i18n::Texts,
    s: &super::state::PaneState,
) -> (egui::Color32, String) {
    // No msteams.cfg: nothing to authorize yet, and that is what is true.
    if matches!(
        s.settings.config,
        super::state::ConfigState::NotUcServer { .. }
    ) {
        return (widgets::WARNING, t.get("not-ucserver-title"));
    }
    match s.auth.check.result() {
        Some(report) => {
            let v = &report.verdict;
            (super::auth::color(v), t.msg(&v.short()))
        }
        None => {
            let auth = Auth::from_secrets(&s.secrets);
            let color = match auth {
                Auth::Required => widgets::ERROR,
                Auth::StoredUnchecked => widgets::WARNING,
            };
            (color, t.msg(&auth.msg()))
        }
    }
}

/// "Verwerfen": discarding several changes is asked first; one is undone at once.
fn revert(p: &mut Panel) {
    let changed = p.state.changed_settings();
    if changed >= 2 {
        p.state
            .window
            .dialogs
            .confirm(super::state::Confirm::Revert(changed));
    } else {
        p.state.revert();
    }
}
