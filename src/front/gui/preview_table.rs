//! The preview's table: one row per UCServer user in the activation scope — how it matches (a
//! link to its line), the Teams account, the live presence, what can be done. Each column at least
//! as wide as what it must show uncut, the table scrolling sideways where the window is narrower,
//! in the height there is; a cell reached by Tab is scrolled into sight (issue 35 §10).

use super::state::editor_tab::EditorTab;
use super::state::preview_tab::{PreviewTab, TenantList};
use super::widgets::{self, ERROR, OK};
use crate::base::i18n::{Msg, Texts};
use crate::model::matching::Column;
use crate::model::matching::preview::{self, Match, Preview};
use egui_extras::{Column as Col, TableBuilder};

/// A suggested account with why (mail, local part, display name), cut to the column.
fn suggestion_label(ui: &mut egui::Ui, upn: &str, why: &str) {
    ui.add(
        egui::Label::new(format!("{upn} ({why})"))
            .selectable(false)
            .truncate(),
    );
}

/// Draws the rows the filter shows; returns the usermatching.csv line (0-based) to go to.
pub(super) fn table(
    t: &Texts,
    s: &mut PreviewTab,
    editor: &mut EditorTab,
    ui: &mut egui::Ui,
) -> Option<usize> {
    let live = s.live.live().is_some().then_some(());
    // In proportion to the width at first sight (the column of suggestions with its buttons was
    // beyond the right edge at 800 px); resizable from there. After a live read, its column
    // (a table of its own id: egui keeps the widths per table). Each column at least as wide as
    // what it must show uncut ("Über usermatching.csv (Zeile 12)", "Keine Teams-Präsenz", a
    // suggestion's button); where that is wider than the window the table scrolls sideways
    // (issue 35 §10: "(Zeile N)" and the suggestions were cut at 800 px).
    let widths: &[f32] = match live {
        Some(_) => &[0.18, 0.13, 0.16, 0.18, 0.14],
        None => &[0.22, 0.15, 0.2, 0.2],
    };
    let text_width = |text: &str| {
        let font = egui::TextStyle::Body.resolve(ui.style());
        ui.painter()
            .layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
            .size()
            .x
            + 12.0
    };
    let match_min = text_width(&format!(
        "{} ({} 999)",
        t.get("kind-mapping"),
        t.get("editor-line")
    ));
    let live_min = text_width(&t.get("live-short-no-teams"));
    let action_min = text_width(&t.msg(&Msg::new("preview-fix-line").num("line", 999)));
    let mins: &[f32] = match live {
        Some(_) => &[140.0, 100.0, match_min, 140.0, live_min],
        None => &[140.0, 100.0, match_min, 140.0],
    };
    let table_min = mins.iter().sum::<f32>() + action_min + 8.0 * mins.len() as f32;
    // The window's width, or what the columns need where that is more (then it scrolls).
    let width = ui.available_width().max(table_min);
    egui::ScrollArea::horizontal()
        .id_salt("preview table sideways")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Bounded: in a sideways scroll area the last column would take infinite room.
            ui.set_width(width);
            let widths = (widths, mins, action_min);
            let (go_to, focus) = table_body(t, s, editor, ui, widths, live.is_some());
            if let Some(rect) = focus {
                ui.scroll_to_rect(rect, None);
            }
            go_to
        })
        .inner
}

/// Column widths: the share of the width, the least width of each, that of the last column.
type Widths<'a> = (&'a [f32], &'a [f32], f32);

/// The table itself, in its sideways scroll area.
fn table_body(
    t: &Texts,
    s: &mut PreviewTab,
    editor: &mut EditorTab,
    ui: &mut egui::Ui,
    (widths, mins, action_min): Widths<'_>,
    with_live: bool,
) -> (Option<usize>, Option<egui::Rect>) {
    let (Some(p), Some(tenant), Some((_, users))) = (s.preview(), &s.tenant.list, &s.uc.users)
    else {
        return (None, None);
    };
    let shown = s.shown_rows();
    let live = s.live.live().filter(|_| with_live);
    let mut clicked = None;
    let mut asked = Asked::default();
    let w = ui.available_width();
    let mut builder = TableBuilder::new(ui)
        .id_salt(if live.is_some() {
            "preview_table_live"
        } else {
            "preview_table"
        })
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .auto_shrink(false)
        // The rows in the height there is, never more: egui_extras' default of at least 200 px
        // ran the table under the status bar at 800×600, rows focused there out of sight.
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for (&part, &min) in widths.iter().zip(mins) {
        builder = builder.column(Col::initial((w * part).max(min)).at_least(min).clip(true));
    }
    let mut headers = vec![
        "preview-col-user",
        "preview-col-name",
        "preview-col-match",
        "preview-col-teams",
    ];
    if live.is_some() {
        headers.push("live-col");
    }
    headers.push("preview-col-action");
    builder
        .column(Col::remainder().at_least(action_min).clip(true))
        .header(22.0, |mut h| {
            for id in headers {
                h.col(|ui| {
                    ui.strong(t.get(id));
                });
            }
        })
        .body(|body| {
            body.rows(22.0, shown.len(), |row| {
                let i = shown[row.index()] as usize;
                let selected = s.preview.row == Some(i);
                let data = (p, &users[..], tenant, live);
                if preview_row(t, data, i, selected, row, &mut asked) {
                    clicked = Some(i);
                }
            });
        });
    if let Some(i) = clicked {
        s.preview.row = Some(i);
        s.presence.clear();
    }
    if let Some((line, upn)) = asked.change {
        ui.ctx().request_repaint();
        editor.editor.set_cell(line, Column::Azure, &upn);
        s.preview.notice = None;
    }
    if let Some((upn, name)) = asked.add {
        ui.ctx().request_repaint();
        match editor.editor.check_row(&upn, &name) {
            Ok(row) => {
                editor.editor.add(&[row]);
                s.preview.notice = None;
            }
            Err(m) => s.preview.notice = Some(vec![m]),
        }
    }
    (asked.go_to, asked.focus)
}

/// One row: the UCServer user, how it matches (a link to its line), the Teams account, what can be
/// done; whether the row was clicked.
fn preview_row(
    t: &Texts,
    (p, users, tenant, live): Rows,
    i: usize,
    selected: bool,
    mut row: egui_extras::TableRow,
    asked: &mut Asked,
) -> bool {
    let r = &p.rows[i];
    let u = &users[r.user];
    row.set_selected(selected);
    let mut focus = None;
    let cell = |row: &mut egui_extras::TableRow<'_, '_>,
                text: &str,
                color: Option<egui::Color32>,
                focus: &mut Option<egui::Rect>| {
        let (_, r) = row.col(|ui| {
            let mut rt = egui::RichText::new(text);
            if let Some(c) = color {
                rt = rt.color(widgets::tone(ui, c));
            }
            ui.add(egui::Label::new(rt).selectable(false).truncate());
        });
        in_sight(r, focus);
    };
    cell(&mut row, &u.name, None, &mut focus);
    cell(&mut row, &u.display_name, None, &mut focus);
    let (kind, color) = kind_text(t, &r.result);
    // A match through usermatching.csv links to its (first) line in the editor.
    match r.result.lines().first() {
        Some(&line) => {
            let (_, r) = row.col(|ui| {
                let link = ui.link(egui::RichText::new(&kind).color(widgets::tone(ui, color)));
                if in_sight(link.on_hover_text(t.get("preview-go-to-line")), &mut focus).clicked() {
                    asked.go_to = Some(line - 1);
                }
            });
            in_sight(r, &mut focus);
        }
        None => cell(&mut row, &kind, Some(color), &mut focus),
    }
    let upn = r
        .result
        .tenant()
        .map_or("", |i| tenant.users[i].upn.as_str());
    cell(&mut row, upn, None, &mut focus);
    if let Some(live) = live {
        let (_, r) = row.col(|ui| {
            if let Some(account) = r.result.tenant() {
                super::live::cell(t, live, &tenant.users, account, ui);
            }
        });
        in_sight(r, &mut focus);
    }
    let (_, cell) = row.col(|ui| row_action(t, r, p, tenant, &u.name, asked, ui));
    in_sight(cell, &mut focus);
    asked.focus = asked.focus.or(focus);
    row.response().clicked()
}

/// A cell or widget of a row reached by Tab is scrolled into sight (it could stay below the
/// table's edge or beyond the window's, issue 35 §10).
fn in_sight(r: egui::Response, focus: &mut Option<egui::Rect>) -> egui::Response {
    if r.gained_focus() {
        // Up or down in the table's own scroll area; sideways by the one around it (a scroll
        // area takes both directions' targets, so the outer one is told after the table).
        r.scroll_to_me(None);
        *focus = Some(r.rect);
    }
    r
}

/// What the table's rows are drawn from: the preview, the UCServer users, the tenant's accounts,
/// the live read where there is one.
type Rows<'a> = (
    &'a Preview,
    &'a [preview::UcUser],
    &'a TenantList,
    Option<&'a crate::model::matching::live::Live>,
);

/// What a row's buttons and links asked for: a line changed, a line added, the editor at a line.
#[derive(Default)]
struct Asked {
    /// Where a widget reached by Tab is, to be scrolled into sight sideways.
    focus: Option<egui::Rect>,
    change: Option<(usize, String)>,
    add: Option<(String, String)>,
    go_to: Option<usize>,
}

/// How a row matched, in words, and its colour.
fn kind_text(t: &Texts, result: &Match) -> (String, egui::Color32) {
    match result {
        Match::SameUpn { .. } => (t.get("kind-same-upn"), OK),
        Match::Mapping { line, .. } => (
            format!(
                "{} ({} {line})",
                t.get("kind-mapping"),
                t.get("editor-line")
            ),
            OK,
        ),
        Match::None => (t.get("kind-none"), ERROR),
        Match::Ambiguous { lines } => {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            let m = Msg::new("preview-lines").text("lines", lines.join(", "));
            (
                format!("{} ({})", t.get("kind-ambiguous"), t.msg(&m)),
                ERROR,
            )
        }
    }
}

/// What can be done about a row — only what can be applied: a user already on a line gets that
/// line fixed or changed (a second line for it would be refused), others a new line.
fn row_action(
    t: &Texts,
    r: &preview::Row,
    p: &Preview,
    tenant: &TenantList,
    user: &str,
    asked: &mut Asked,
    ui: &mut egui::Ui,
) {
    // Only what can be applied: a user already on a line gets that line fixed
    // or changed (a second line for it would be refused), others a new line.
    let case_fix = r
        .line
        .and_then(|l| p.case_fixes.iter().find(|f| f.line == l))
        .filter(|f| f.applicable());
    match (r.line, case_fix, r.suggestion) {
        (Some(line), Some(f), _) => {
            let m = Msg::new("preview-fix-line").num("line", line);
            if in_sight(ui.small_button(t.msg(&m)), &mut asked.focus).clicked() {
                asked.change = Some((line - 1, f.upn.clone()));
            }
        }
        (Some(line), None, Some((ti, why))) => {
            let m = Msg::new("preview-change-line").num("line", line);
            let hover = t.get(why.label_id());
            if in_sight(
                ui.small_button(t.msg(&m)).on_hover_text(&hover),
                &mut asked.focus,
            )
            .clicked()
            {
                asked.change = Some((line - 1, tenant.users[ti].upn.clone()));
            }
            suggestion_label(ui, &tenant.users[ti].upn, &hover);
        }
        (Some(line), None, None) => {
            let m = Msg::new("preview-check-line").num("line", line);
            if in_sight(ui.link(t.msg(&m)), &mut asked.focus).clicked() {
                asked.go_to = Some(line - 1);
            }
        }
        (None, _, Some((ti, why))) => {
            let hover = t.get(why.label_id());
            if in_sight(
                ui.small_button(t.get("preview-add-suggestion"))
                    .on_hover_text(&hover),
                &mut asked.focus,
            )
            .clicked()
            {
                asked.add = Some((tenant.users[ti].upn.clone(), user.to_owned()));
            }
            suggestion_label(ui, &tenant.users[ti].upn, &hover);
        }
        (None, _, None) => {}
    }
}
