//! Changes by another program: the banner while the window holds unsaved changes to a file that
//! changed on disk (Save will merge), and the decision of a conflict — a key of msteams.cfg or
//! lines of usermatching.csv changed on both sides — with both versions side by side. Nothing is
//! written until every conflict is decided.

use super::app::PaneApp;
use super::widgets;
use crate::config::merge;
use crate::i18n::{Msg, Texts};
use crate::matching::merge::Pick;

/// "Changed on … by another program" (the file's modification time, where known).
fn when(t: &Texts, file: &str, modified: Option<&str>) -> String {
    let time = modified
        .and_then(|m| chrono::DateTime::parse_from_rfc3339(m).ok())
        .map(|d| {
            d.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|| "?".into());
    t.msg(
        &Msg::new("merge-changed-by-other")
            .text("file", file)
            .text("time", time),
    )
}

/// A value as shown: the name of a cloud or mode, "(leer)" for nothing.
fn shown(t: &Texts, field: crate::validate::Field, v: &str) -> String {
    match (v.trim(), merge::named_value(field, v)) {
        ("", _) => t.get("merge-empty"),
        (_, Some(id)) => t.get(id),
        (v, None) => v.to_owned(),
    }
}

/// The banner and the conflict of msteams.cfg, at the top of the settings.
pub fn config(app: &mut PaneApp, ui: &mut egui::Ui) {
    let t = &app.texts;
    if app.state.outside_config && app.state.config_conflict.is_none() {
        widgets::message(ui, widgets::WARNING, t.get("outside-config"));
    }
    let mut decide = false;
    let mut reload = false;
    if let Some(view) = &mut app.state.config_conflict {
        super::dialogs::frame(ui, widgets::ERROR, |ui| {
            ui.label(
                egui::RichText::new(t.get("merge-config-title"))
                    .color(widgets::ERROR)
                    .strong(),
            );
            let c = &view.conflict;
            widgets::message(
                ui,
                ui.visuals().text_color(),
                when(t, "msteams.cfg", c.modified.as_deref()),
            );
            widgets::message(ui, ui.visuals().text_color(), t.get("merge-config-help"));
            egui::Grid::new("config_conflict_grid")
                .num_columns(3)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    ui.strong(t.get("merge-col-field"));
                    ui.strong(t.get("merge-col-window"));
                    ui.strong(t.get("merge-col-file"));
                    ui.end_row();
                    for (conflict, pick) in c.conflicts.iter().zip(view.picks.iter_mut()) {
                        ui.label(t.get(conflict.field.label_id()));
                        let mine = Msg::new("merge-take-window")
                            .text("value", shown(t, conflict.field, &conflict.mine));
                        let theirs = Msg::new("merge-take-file")
                            .text("value", shown(t, conflict.field, &conflict.theirs));
                        ui.radio_value(pick, Some(true), t.msg(&mine));
                        ui.radio_value(pick, Some(false), t.msg(&theirs));
                        ui.end_row();
                    }
                });
            ui.add_space(4.0);
            let open = view.picks.iter().filter(|p| p.is_none()).count();
            ui.horizontal(|ui| {
                let button = egui::Button::new(t.get("merge-apply"));
                decide = ui.add_enabled(open == 0, button).clicked();
                reload = ui.button(t.get("merge-discard-mine")).clicked();
                if open > 0 {
                    ui.weak(t.msg(&Msg::new("merge-open").num("count", open)));
                }
            });
        });
    }
    if decide {
        app.resolve_config_conflict();
    } else if reload {
        app.reload();
    }
}

/// The banner and the line conflicts of usermatching.csv, above the editor's table.
pub fn matching(app: &mut PaneApp, ui: &mut egui::Ui) {
    let t = &app.texts;
    let s = &mut app.state.session;
    if s.outside && s.conflict.is_none() {
        widgets::message(ui, widgets::WARNING, t.get("outside-matching"));
    }
    let mut decide = false;
    let mut reload = false;
    if let Some(view) = &mut s.conflict {
        super::dialogs::frame(ui, widgets::ERROR, |ui| {
            ui.label(
                egui::RichText::new(t.get("merge-matching-title"))
                    .color(widgets::ERROR)
                    .strong(),
            );
            let c = &view.conflict;
            widgets::message(
                ui,
                ui.visuals().text_color(),
                when(t, "usermatching.csv", c.modified.as_deref()),
            );
            widgets::message(ui, ui.visuals().text_color(), t.get("merge-matching-help"));
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .id_salt("matching_conflict_list")
                .show(ui, |ui| {
                    for (conflict, pick) in c.merge.conflicts().zip(view.picks.iter_mut()) {
                        ui.separator();
                        ui.strong(t.msg(&Msg::new("merge-at-line").num("line", conflict.line)));
                        let lines = |l: &[String]| match l.is_empty() {
                            true => t.get("merge-removed"),
                            false => l.join("\n"),
                        };
                        let mine =
                            Msg::new("merge-take-editor").text("value", lines(&conflict.mine));
                        let theirs =
                            Msg::new("merge-take-file").text("value", lines(&conflict.theirs));
                        ui.radio_value(pick, Some(Pick::Mine), t.msg(&mine));
                        ui.radio_value(pick, Some(Pick::Theirs), t.msg(&theirs));
                        ui.radio_value(pick, Some(Pick::Both), t.get("merge-take-both"));
                    }
                });
            let open = view.picks.iter().filter(|p| p.is_none()).count();
            ui.horizontal(|ui| {
                let button = egui::Button::new(t.get("merge-apply"));
                decide = ui.add_enabled(open == 0, button).clicked();
                reload = ui.button(t.get("merge-discard-mine")).clicked();
                if open > 0 {
                    ui.weak(t.msg(&Msg::new("merge-open").num("count", open)));
                }
            });
        });
    }
    if decide {
        app.resolve_matching_conflict();
    } else if reload {
        app.reload_matching();
    }
}
