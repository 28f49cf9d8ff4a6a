//! Changes by another program: the banner while the window holds unsaved changes to a file that
//! changed on disk (Save will merge), and the decision of a conflict — a key of msteams.cfg or
//! lines of usermatching.csv changed on both sides — with both versions side by side. Nothing is
//! written until every conflict is decided.

use super::command::{Panel, TabCtx};
use super::state::editor_tab::EditorTab;
use super::widgets;
use crate::base::i18n::{Msg, Texts};
use crate::model::config::merge;
use crate::model::matching::merge::Pick;

/// Each line of a usermatching.csv conflict with what each side did to it: changed or deleted
/// in the editor, in the file, or on both (the one thing to decide).
fn line_fates(
    ui: &mut egui::Ui,
    t: &Texts,
    conflict: &crate::model::matching::merge::LineConflict,
) {
    use crate::model::matching::merge::Fate;
    let or_deleted = |l: &Option<String>| l.clone().unwrap_or_else(|| t.get("merge-removed"));
    for f in conflict.fates() {
        let (id, color) = match f.fate() {
            Fate::Unchanged => continue,
            Fate::ChangedHere => ("merge-fate-changed-here", widgets::OK),
            Fate::DeletedHere => ("merge-fate-deleted-here", widgets::OK),
            Fate::ChangedThere => ("merge-fate-changed-there", widgets::WARNING),
            Fate::DeletedThere => ("merge-fate-deleted-there", widgets::WARNING),
            Fate::AddedHere => ("merge-fate-added-here", widgets::OK),
            Fate::AddedThere => ("merge-fate-added-there", widgets::WARNING),
            Fate::SameOnBoth => ("merge-fate-same", widgets::OK),
            Fate::Clash => ("merge-fate-clash", widgets::ERROR),
        };
        let m = Msg::new(id)
            .text("base", f.base.clone().unwrap_or_default())
            .text("mine", or_deleted(&f.mine))
            .text("theirs", or_deleted(&f.theirs));
        widgets::message(ui, color, t.msg(&m));
    }
}

/// What the administrator clicked under a conflict.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    /// "Zusammenführen und speichern" (every conflict decided).
    Apply,
    /// "Meine Änderungen verwerfen und neu laden".
    Discard,
}

/// The frame of a conflict: title, when the file changed, what to do, the rows (`rows`), and the
/// buttons, with how many decisions are still open.
fn frame(
    ui: &mut egui::Ui,
    t: &Texts,
    (title, help, file): (&str, &str, &str),
    modified: Option<&str>,
    rows: impl FnOnce(&mut egui::Ui) -> usize,
) -> Option<Choice> {
    let mut choice = None;
    widgets::frame(ui, widgets::ERROR, |ui| {
        ui.label(
            egui::RichText::new(t.get(title))
                .color(widgets::tone(ui, widgets::ERROR))
                .strong(),
        );
        let time = modified
            .and_then(|m| chrono::DateTime::parse_from_rfc3339(m).ok())
            .map(|d| {
                d.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|| "?".into());
        let when = Msg::new("merge-changed-by-other")
            .text("file", file)
            .text("time", time);
        let text = ui.visuals().text_color();
        widgets::message(ui, text, t.msg(&when));
        widgets::message(ui, text, t.get(help));
        let open = rows(ui);
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let apply = egui::Button::new(t.get("merge-apply"));
            if ui.add_enabled(open == 0, apply).clicked() {
                choice = Some(Choice::Apply);
            }
            if ui.button(t.get("merge-discard-mine")).clicked() {
                choice = Some(Choice::Discard);
            }
            if open > 0 {
                ui.weak(t.msg(&Msg::new("merge-open").num("count", open)));
            }
        });
    });
    choice
}

/// How many of the picks are still open.
fn open<T>(picks: &[Option<T>]) -> usize {
    picks.iter().filter(|p| p.is_none()).count()
}

/// A value as shown: the name of a cloud or mode, "(leer)" for nothing.
fn shown(t: &Texts, field: crate::model::validate::Field, v: &str) -> String {
    match (v.trim(), merge::named_value(field, v)) {
        ("", _) => t.get("merge-empty"),
        (_, Some(id)) => t.get(id),
        (v, None) => v.to_owned(),
    }
}

/// The banner and the conflict of msteams.cfg, at the top of the settings.
pub fn config(p: &mut Panel, ui: &mut egui::Ui) {
    let top = ui.cursor().top();
    config_views(p, ui);
    // Brought into sight when it appears, and from the status line's "decide above".
    if std::mem::take(&mut p.state.window.show_conflict) {
        let rect = egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=ui.cursor().top());
        ui.scroll_to_rect(rect, Some(egui::Align::TOP));
    }
}

fn config_views(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    if p.state.settings.file.outside && p.state.settings.conflict.is_none() {
        widgets::message(ui, widgets::WARNING, t.get("outside-config"));
    }
    let Some(view) = &mut p.state.settings.conflict else {
        return;
    };
    let c = &view.conflict;
    let picks = &mut view.picks;
    let texts = ("merge-config-title", "merge-config-help", "msteams.cfg");
    let choice = frame(ui, t, texts, c.modified.as_deref(), |ui| {
        egui::Grid::new("config_conflict_grid")
            .num_columns(3)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                ui.strong(t.get("merge-col-field"));
                ui.strong(t.get("merge-col-window"));
                ui.strong(t.get("merge-col-file"));
                ui.end_row();
                for (conflict, pick) in c.conflicts.iter().zip(picks.iter_mut()) {
                    ui.label(t.get(conflict.field.label_id()));
                    let value = |v: &str| shown(t, conflict.field, v);
                    let mine = Msg::new("merge-take-window").text("value", value(&conflict.mine));
                    let theirs = Msg::new("merge-take-file").text("value", value(&conflict.theirs));
                    ui.radio_value(pick, Some(true), t.msg(&mine));
                    ui.radio_value(pick, Some(false), t.msg(&theirs));
                    ui.end_row();
                }
            });
        open(picks)
    });
    match choice {
        Some(Choice::Apply) => p.state.settings.resolve_conflict(p.worker),
        Some(Choice::Discard) => p.state.settings.reload(p.worker),
        None => {}
    }
}

/// The banner and the line conflicts of usermatching.csv, above the editor's table.
pub fn matching(tab: &TabCtx, s: &mut EditorTab, ui: &mut egui::Ui) {
    let t = tab.t;
    if s.file.outside && s.conflict.is_none() {
        widgets::message(ui, widgets::WARNING, t.get("outside-matching"));
    }
    let Some(view) = &mut s.conflict else {
        return;
    };
    let c = &view.conflict;
    let picks = &mut view.picks;
    let texts = (
        "merge-matching-title",
        "merge-matching-help",
        "usermatching.csv",
    );
    let choice = frame(ui, t, texts, c.modified.as_deref(), |ui| {
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .id_salt("matching_conflict_list")
            .show(ui, |ui| {
                for (conflict, pick) in c.merge.conflicts().zip(picks.iter_mut()) {
                    ui.separator();
                    ui.strong(t.msg(&Msg::new("merge-at-line").num("line", conflict.line)));
                    line_fates(ui, t, conflict);
                    let lines = |l: &[String]| match l.is_empty() {
                        true => t.get("merge-removed"),
                        false => l.join("\n"),
                    };
                    let mine = Msg::new("merge-take-editor").text("value", lines(&conflict.mine));
                    let theirs = Msg::new("merge-take-file").text("value", lines(&conflict.theirs));
                    ui.radio_value(pick, Some(Pick::Mine), t.msg(&mine));
                    ui.radio_value(pick, Some(Pick::Theirs), t.msg(&theirs));
                    ui.radio_value(pick, Some(Pick::Both), t.get("merge-take-both"));
                    // Offered where it is not one of the above: each side's change kept.
                    let combined = conflict.combined();
                    if combined != conflict.mine && combined != conflict.theirs {
                        let m = Msg::new("merge-take-combined").text("value", lines(&combined));
                        ui.radio_value(pick, Some(Pick::Combined), t.msg(&m));
                    }
                }
            });
        open(picks)
    });
    match choice {
        Some(Choice::Apply) => s.resolve_and_save(tab.worker),
        Some(Choice::Discard) => s.reload_file(tab.worker),
        None => {}
    }
}
