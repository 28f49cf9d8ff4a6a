//! The status line at the bottom: authorization, the proxy in effect, unsaved changes, Save/Revert.

use super::intent::{Intent, Panel};
use super::state::Tab;
use super::widgets;
use crate::status::{self, Auth};

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    super::dialogs::save_failure(p, ui);
    ui.horizontal(|ui| {
        let t = p.t;
        let (mut save_clicked, mut revert_clicked) = (false, false);
        authorization(t, p.state, ui);
        ui.separator();
        let saved_proxy = p.state.saved().map(|s| s.proxy.clone()).unwrap_or_default();
        ui.label(t.msg(&status::proxy_msg(&saved_proxy, p.state.service.pending)));
        // Said until the next change in the window; cut short rather than run under the buttons.
        if let Some(m) = p
            .state
            .window
            .disk_notice
            .as_ref()
            .filter(|_| !p.state.dirty())
        {
            ui.separator();
            let width = (ui.available_width() - 260.0).max(80.0);
            ui.add_sized(
                [width, ui.spacing().interact_size.y],
                egui::Label::new(t.msg(m)).truncate(),
            );
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
                ui.spinner();
            }
            if dirty {
                widgets::colored(ui, widgets::WARNING, t.get("unsaved-mark"));
            }
            // What Save or Revert did, beside them.
            if p.state.tab == Tab::Settings
                && let Some((color, text)) = super::dialogs::notice_text(t, p.state)
            {
                widgets::colored(ui, color, text);
            }
        });
        if save_clicked {
            p.intents.push(Intent::Save);
        }
        if revert_clicked {
            revert(p);
        }
    });
    ui.add_space(4.0);
}

/// The verdict of the last check in short, or what is stored before any check.
fn authorization(t: &crate::i18n::Texts, s: &super::state::PaneState, ui: &mut egui::Ui) {
    match s.auth.check.result() {
        Some(report) => {
            let v = &report.verdict;
            widgets::colored(ui, super::auth::color(v), t.msg(&v.short()));
        }
        None => {
            let auth = Auth::from_secrets(&s.secrets);
            let color = match auth {
                Auth::Required => widgets::ERROR,
                Auth::StoredUnchecked => widgets::WARNING,
            };
            widgets::colored(ui, color, t.msg(&auth.msg()));
        }
    }
}

/// "Verwerfen": discarding several changes is asked first; one is undone at once.
fn revert(p: &mut Panel) {
    let changed = p.state.saved().map_or(0, |saved| {
        let value = crate::config::merge::value;
        crate::config::merge::FIELDS
            .iter()
            .filter(|f| value(saved, **f) != value(&p.state.settings.draft, **f))
            .count()
    });
    if changed >= 2 {
        p.state.window.confirm = Some(super::state::Confirm::Revert(changed));
    } else {
        p.intents.push(Intent::Revert);
    }
}
