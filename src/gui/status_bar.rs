//! The status line at the bottom: authorization, the proxy in effect, unsaved changes, Save/Revert.

use super::app::{PaneApp, Tab};
use super::widgets;
use crate::status::{self, Auth};

pub fn show(app: &mut PaneApp, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let t = &app.texts;
        let (mut save_clicked, mut revert_clicked) = (false, false);
        match &app.state.report {
            Some(report) => {
                let v = &report.verdict;
                ui.colored_label(super::auth::color(v), t.msg(&v.short()));
            }
            None => {
                let auth = Auth::from_secrets(&app.state.secrets);
                let color = match auth {
                    Auth::Required => widgets::ERROR,
                    Auth::StoredUnchecked => widgets::WARNING,
                };
                ui.colored_label(color, t.msg(&auth.msg()));
            }
        }
        ui.separator();
        let saved_proxy = app
            .state
            .saved()
            .map(|s| s.proxy.clone())
            .unwrap_or_default();
        ui.label(t.msg(&status::proxy_msg(&saved_proxy, app.state.restart_pending)));
        // Said until the next change in the window; cut short rather than run under the buttons.
        if let Some(m) = app
            .state
            .disk_notice
            .as_ref()
            .filter(|_| !app.state.dirty())
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
            let jobs = app.state.jobs;
            let ready = app.state.saved().is_some() && !jobs.saving_config && !jobs.loading;
            let dirty = app.state.config_dirty();
            // Save/Revert of msteams.cfg belong to the settings; the matching tabs have their own.
            if app.state.tab == Tab::Settings {
                let save = ui.add_enabled(ready && dirty, egui::Button::new(t.get("button-save")));
                let revert =
                    ui.add_enabled(ready && dirty, egui::Button::new(t.get("button-revert")));
                save_clicked = save.clicked();
                revert_clicked = revert.clicked();
            }
            if app.state.busy() {
                ui.spinner();
            }
            if dirty {
                ui.colored_label(widgets::WARNING, t.get("unsaved-mark"));
            }
        });
        if save_clicked {
            app.save();
        }
        if revert_clicked {
            app.revert();
        }
    });
    ui.add_space(4.0);
}
