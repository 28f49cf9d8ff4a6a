//! Small building blocks shared by the panels: a labelled row, an error line, a section frame.

use crate::base::i18n::Texts;
use crate::model::validate::Invalid;
use egui::{Color32, RichText, Ui};

/// The colour of messages that block saving.
pub const ERROR: Color32 = Color32::from_rgb(0xD0, 0x3A, 0x2F);
/// The colour of warnings and notices that need attention.
pub const WARNING: Color32 = Color32::from_rgb(0xC0, 0x7A, 0x00);
/// The width of the label column, so that the sections' fields line up.
pub const LABEL_WIDTH: f32 = 190.0;
/// How wide the settings' sections grow on a wide screen.
pub const READABLE_WIDTH: f32 = 1100.0;
/// The colour of good news.
pub const OK: Color32 = Color32::from_rgb(0x2E, 0x8B, 0x3E);

/// A titled group box, full width.
pub fn section(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(title).strong().size(15.0));
            ui.add_space(4.0);
            add(ui);
        });
    ui.add_space(8.0);
}

/// The grid of a section's fields: labels in a column of [`LABEL_WIDTH`], so that the fields of
/// every section start at the same x.
pub fn form_grid<R>(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Grid::new(id)
        .num_columns(2)
        .min_col_width(LABEL_WIDTH)
        .spacing([12.0, 8.0])
        .show(ui, add)
        .inner
}

/// The width of a section's text fields.
pub const FIELD_WIDTH: f32 = 420.0;

/// A grid row with a label and a single-line text input, and below the input (in a row of its
/// own, so that the label stays level with the field) the validation message and a suggestion
/// to take over with one click.
pub fn text_row(
    ui: &mut Ui,
    texts: &Texts,
    label: &str,
    hint: &str,
    value: &mut String,
    problem: Option<&Invalid>,
) -> egui::Response {
    let label = ui.label(format!("{label}:"));
    let edit = egui::TextEdit::singleline(value)
        .hint_text(hint)
        .desired_width(FIELD_WIDTH);
    let response = ui.add(edit).labelled_by(label.id);
    ui.end_row();
    if let Some(p) = problem {
        ui.label("");
        let mut taken = None;
        ui.vertical(|ui| {
            ui.set_max_width(560.0);
            message(ui, ERROR, texts.msg(&p.msg()));
            if let Some(s) = p.suggestion() {
                let text =
                    texts.msg(&crate::base::i18n::Msg::new("suggestion-apply").text("value", s));
                if ui.button(text).clicked() {
                    taken = Some(s.to_owned());
                }
            }
        });
        ui.end_row();
        if let Some(s) = taken {
            *value = s;
        }
    }
    response
}

/// The text rows the key table gives `section` (`keys::Row::Text`): each key's label, hint,
/// value and its check's problem — a new text key is shown without code of its own here.
pub fn key_rows(
    ui: &mut Ui,
    texts: &Texts,
    draft: &mut crate::model::config::Settings,
    section: crate::model::config::keys::Section,
) {
    use crate::model::config::keys::{KEYS, Row, Value};
    for key in KEYS {
        let (
            Row::Text { section: s, hint },
            Value::Text {
                get, put, check, ..
            },
        ) = (&key.row, &key.value)
        else {
            continue;
        };
        if *s != section {
            continue;
        }
        let mut value = get(draft).to_owned();
        let problem = check.and_then(|c| c(draft, &value).err());
        let label = texts.get(key.field.label_id());
        text_row(
            ui,
            texts,
            &label,
            &texts.get(hint),
            &mut value,
            problem.as_ref(),
        );
        if value != get(draft) {
            // A text key takes any text; what it cannot hold is its check's problem.
            let _ = put(draft, &value);
        }
    }
}

/// A row of controls with ids of their own (`name`, unique in the window): egui numbers widgets
/// without an id in the order they are drawn, so a text that comes or goes above a button gave it
/// another id, and the keyboard focus on it was lost — the next Tab started over at the top.
pub fn keyed_row<R>(ui: &mut Ui, name: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let builder = egui::UiBuilder::new().scope_id(egui::Id::unique(("keyed-row", name)));
    ui.scope_builder(builder, |ui| ui.horizontal(add).inner)
        .inner
}

/// A wrapped message in a colour.
pub fn message(ui: &mut Ui, color: Color32, text: impl Into<String>) {
    ui.horizontal_wrapped(|ui| {
        colored(ui, color, text.into());
    });
}

/// A ring around `r` for the keyboard focus, in the selection's colour.
pub fn ring(r: &egui::Response, color: Color32) {
    r.ctx.layer_painter(r.layer_id).rect_stroke(
        r.rect,
        2.0,
        egui::Stroke::new(2.0, color),
        egui::StrokeKind::Inside,
    );
}

/// The keyboard focus shown where egui shows none: on a frameless button or a collapsing
/// header.
pub fn focus_ring(ui: &Ui, r: &egui::Response) {
    if r.has_focus() {
        ring(r, ui.visuals().selection.stroke.color);
    }
}

/// The state colours ([`ERROR`], [`WARNING`], [`OK`] name them) as drawn in the current theme:
/// each with a contrast of at least 4.5:1 (WCAG AA) to the panel, in the dark theme and in the
/// light one (Windows Server's default). Other colours are drawn as they are.
pub fn tone(ui: &Ui, color: Color32) -> Color32 {
    tone_for(ui.visuals().dark_mode, color)
}

fn tone_for(dark: bool, color: Color32) -> Color32 {
    match color {
        ERROR if dark => Color32::from_rgb(0xFF, 0x6B, 0x5E),
        ERROR => Color32::from_rgb(0xB3, 0x26, 0x1E),
        WARNING if dark => Color32::from_rgb(0xE0, 0xA0, 0x30),
        WARNING => Color32::from_rgb(0x9A, 0x5B, 0x00),
        OK if dark => Color32::from_rgb(0x4C, 0xC3, 0x6A),
        OK => Color32::from_rgb(0x1E, 0x7B, 0x34),
        other => other,
    }
}

/// The window's visuals made readable: egui's weak (helper) text is too faint (2.3:1 on the
/// dark panel); here it has at least 4.5:1 in either theme.
pub fn readable(visuals: &mut egui::Visuals) {
    visuals.weak_text_color = Some(if visuals.dark_mode {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(96)
    });
}

/// A label in a state colour ([`tone`]).
pub fn colored(ui: &mut Ui, color: Color32, text: impl Into<RichText>) -> egui::Response {
    let color = tone(ui, color);
    ui.colored_label(color, text)
}

/// A framed box in `color` around a notice, full width.
pub fn frame(ui: &mut egui::Ui, color: egui::Color32, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, tone(ui, color)))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
    ui.add_space(6.0);
}

/// The outcome of a consent or a run: success in green, the administrator's own "Abbrechen" in
/// the text colour (neutral, not a failure), a failure in red.
pub fn outcome(
    ui: &mut Ui,
    texts: &Texts,
    result: &Result<crate::base::i18n::Msg, Vec<crate::base::i18n::Msg>>,
) {
    match result {
        Ok(m) => message(ui, OK, texts.msg(m)),
        Err(msgs) => {
            let cancelled = msgs.iter().all(|m| m.id == "consent-cancelled");
            let color = if cancelled {
                ui.visuals().text_color()
            } else {
                ERROR
            };
            for m in msgs {
                message(ui, color, texts.msg(m));
            }
        }
    }
}

/// A copy button; after a click it says "kopiert" beside it — for as long as the text it copies is
/// the text copied last (`copied`): keyed on the text, not on the button, so that a button whose
/// text changed or another text never claims to be in the clipboard.
pub fn copy_button(ui: &mut Ui, texts: &Texts, text: &str, copied: &mut Option<String>) {
    ui.horizontal(|ui| {
        if ui.button(texts.get("reg-copy")).clicked() {
            ui.ctx().copy_text(text.to_owned());
            *copied = Some(text.to_owned());
        }
        if copied.as_deref() == Some(text) {
            colored(ui, OK, texts.get("reg-copied"));
        }
    });
}

/// Text to read and copy (a manifest, a script): full width, monospace, with its label and a copy
/// button; what is typed into it is dropped.
pub fn copy_box(ui: &mut Ui, texts: &Texts, label: &str, text: &str, copied: &mut Option<String>) {
    copy_button(ui, texts, text, copied);
    let label = ui.label(label);
    let mut shown = text.to_owned();
    let rows = text.lines().count().clamp(3, 24);
    ui.add(
        egui::TextEdit::multiline(&mut shown)
            .code_editor()
            .desired_width(f32::INFINITY)
            .desired_rows(rows),
    )
    .labelled_by(label.id);
}

/// An id (GUID) that is never broken inside: monospace, selectable, not wrapped.
pub fn id_label(ui: &mut Ui, id: &str) -> egui::Response {
    ui.add(
        egui::Label::new(RichText::new(id).monospace())
            .selectable(true)
            .wrap_mode(egui::TextWrapMode::Extend),
    )
}

/// Something runs (issue 35 §1): a still arc that moves on a quarter turn once a second — never an
/// animation at the screen's rate, which on a server without a GPU (a software renderer over
/// Remote Desktop) cost almost two cores for as long as a consent waited. Returns the seconds
/// since this indicator (named by `salt`) appeared; it starts again when it was not drawn in the
/// pass before.
pub fn busy(ui: &mut Ui, salt: &str) -> f64 {
    let id = egui::Id::unique(("busy indicator", salt));
    let now = ui.input(|i| i.time);
    let pass = ui.ctx().cumulative_pass_nr();
    let start = ui.data_mut(|d| {
        let (start, last) = d.get_temp::<(f64, u64)>(id).unwrap_or((now, pass));
        let start = if last + 1 < pass { now } else { start };
        d.insert_temp(id, (start, pass));
        start
    });
    let elapsed = (now - start).max(0.0);
    let size = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::Role::ProgressIndicator));
    if ui.is_rect_visible(rect) {
        let center = rect.center();
        let radius = rect.height() / 2.0 - 2.0;
        let from = elapsed.floor() * std::f64::consts::FRAC_PI_2;
        let points: Vec<egui::Pos2> = (0..=24)
            .map(|i| {
                let angle = (from + f64::from(i) / 24.0 * 240f64.to_radians()) as f32;
                center + radius * egui::vec2(angle.cos(), angle.sin())
            })
            .collect();
        let stroke = egui::Stroke::new(2.0, ui.visuals().strong_text_color());
        ui.painter().add(egui::Shape::line(points, stroke));
    }
    // The next step at the clock's next whole second — the same for every indicator shown, so
    // that two of them do not ask for two frames a second; one more second when that is close.
    let wait = 1.0 - now.fract();
    let wait = if wait < 0.5 { wait + 1.0 } else { wait };
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs_f64(wait));
    elapsed
}

/// Seconds as "0:42" (minutes and seconds).
pub fn minutes_seconds(seconds: f64) -> String {
    let s = seconds.max(0.0) as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The modifiers held at this frame's last click, as its event carries them (not as they are at
/// the frame's end: events come in bursts over Remote Desktop); the current ones without a click.
pub fn click_modifiers(ctx: &egui::Context) -> egui::Modifiers {
    ctx.input(|i| {
        i.events
            .iter()
            .rev()
            .find_map(|e| match e {
                egui::Event::PointerButton { modifiers, .. } => Some(*modifiers),
                _ => None,
            })
            .unwrap_or(i.modifiers)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f32 {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn state_colours_and_helper_text_have_a_contrast_of_4_5_in_both_themes() {
        for mut visuals in [egui::Visuals::dark(), egui::Visuals::light()] {
            readable(&mut visuals);
            let dark = visuals.dark_mode;
            let backgrounds = [
                visuals.panel_fill,
                visuals.window_fill,
                visuals.extreme_bg_color,
            ];
            let texts = [
                ("error", tone_for(dark, ERROR)),
                ("warning", tone_for(dark, WARNING)),
                ("ok", tone_for(dark, OK)),
                ("text", visuals.text_color()),
                ("weak text", visuals.weak_text_color()),
            ];
            for (name, fg) in texts {
                for bg in backgrounds {
                    let c = contrast(fg, bg);
                    assert!(c >= 4.5, "dark={dark} {name} {fg:?} on {bg:?}: {c:.2}");
                }
            }
        }
    }
}
