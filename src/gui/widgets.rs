//! Small building blocks shared by the panels: a labelled row, an error line, a section frame.

use crate::i18n::Texts;
use crate::validate::Invalid;
use egui::{Color32, RichText, Ui};

/// The colour of messages that block saving.
pub const ERROR: Color32 = Color32::from_rgb(0xD0, 0x3A, 0x2F);
/// The colour of warnings and notices that need attention.
pub const WARNING: Color32 = Color32::from_rgb(0xC0, 0x7A, 0x00);
/// The width of the label column, so that the sections' fields line up.
pub const LABEL_WIDTH: f32 = 190.0;
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
        .desired_width(420.0);
    let response = ui.add(edit).labelled_by(label.id);
    ui.end_row();
    if let Some(p) = problem {
        ui.label("");
        let mut taken = None;
        ui.vertical(|ui| {
            ui.set_max_width(560.0);
            message(ui, ERROR, texts.msg(&p.msg()));
            if let Some(s) = p.suggestion() {
                let text = texts.msg(&crate::i18n::Msg::new("suggestion-apply").text("value", s));
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

/// A wrapped message in a colour.
pub fn message(ui: &mut Ui, color: Color32, text: impl Into<String>) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(color, text.into());
    });
}

/// A framed box in `color` around a notice, full width.
pub fn frame(ui: &mut egui::Ui, color: egui::Color32, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, color))
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
    result: &Result<crate::i18n::Msg, Vec<crate::i18n::Msg>>,
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

/// A copy button; after a click it says "kopiert" beside it (until another copy button is used).
/// `key` names the button among the window's copy buttons.
pub fn copy_button(
    ui: &mut Ui,
    texts: &Texts,
    key: &'static str,
    text: &str,
    copied: &mut Option<&'static str>,
) {
    ui.horizontal(|ui| {
        if ui.button(texts.get("reg-copy")).clicked() {
            ui.ctx().copy_text(text.to_owned());
            *copied = Some(key);
        }
        if *copied == Some(key) {
            ui.colored_label(OK, texts.get("reg-copied"));
        }
    });
}

/// Text to read and copy (a manifest, a script): full width, monospace, with its label and a copy
/// button; what is typed into it is dropped.
pub fn copy_box(
    ui: &mut Ui,
    texts: &Texts,
    key: &'static str,
    label: &str,
    text: &str,
    copied: &mut Option<&'static str>,
) {
    copy_button(ui, texts, key, text, copied);
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
