//! The live presence in the preview: "Live-Präsenz lesen" (a progress bar with the count and
//! "Abbrechen" while it runs), the capacity against Microsoft's limits, what the read gave — the
//! counts by state, each reason without presence with what to do — and the table's presence cell.

use super::state::preview_tab::{KindFilter, LiveAsk, PreviewTab};
use super::widgets::{self, ERROR, OK, WARNING};
use crate::base::i18n::{Msg, Texts};
use crate::model::matching::live::{self, Capacity, Live, Summary};
use crate::model::matching::preview::TenantUser;

/// The button, or the progress with "Abbrechen" while a read runs; what to ask for.
pub fn controls(t: &Texts, s: &PreviewTab, ready: bool, ui: &mut egui::Ui) -> Option<LiveAsk> {
    if let Some(p) = s.live.task.progress() {
        let text = p.msg();
        let part = p.read as f32 / p.total.max(1) as f32;
        ui.add(
            egui::ProgressBar::new(part)
                .text(t.msg(&text))
                .desired_width(360.0),
        );
        let cancel = ui.button(t.get("live-cancel"));
        return cancel.clicked().then_some(LiveAsk::Cancel);
    }
    let label = if s.live.live().is_some() {
        "preview-live-again"
    } else {
        "preview-live"
    };
    // One read at a time, and none while the accounts are read again (its result's indexes
    // point into the tenant list).
    let enabled = ready && !s.tenant.listing.is_running();
    let button = egui::Button::new(t.get(label));
    let clicked = ui
        .add_enabled(enabled, button)
        .on_hover_text(t.get("preview-live-hover"))
        .clicked();
    clicked.then_some(LiveAsk::Read)
}

/// The capacity of the accounts the service will follow, and what the last read gave.
pub fn summary(t: &Texts, s: &mut PreviewTab, ui: &mut egui::Ui) {
    let Some(users) = s.live_accounts() else {
        return;
    };
    for (m, warn) in Capacity::of(users).msgs() {
        if warn {
            widgets::message(ui, WARNING, t.msg(&m));
        } else {
            ui.horizontal_wrapped(|ui| ui.weak(t.msg(&m)));
        }
    }
    if let Some(Err(msgs)) = s.live.task.result() {
        for m in msgs {
            widgets::message(ui, ERROR, t.msg(m));
        }
        return;
    }
    let Some(summary) = s.live_summary() else {
        return;
    };
    let Some(live) = s.live.live() else {
        return;
    };
    result(t, &summary, live, ui, &mut s.preview.filter);
}

/// The counts of a read, by state and by reason.
fn result(t: &Texts, summary: &Summary, live: &Live, ui: &mut egui::Ui, filter: &mut KindFilter) {
    let clean = summary.readable == summary.matched && !live.cancelled;
    let color = if clean { OK } else { WARNING };
    ui.label(
        egui::RichText::new(t.msg(&summary.msg(live)))
            .color(widgets::tone(ui, color))
            .strong(),
    );
    let states = summary.states(t);
    if !states.is_empty() {
        ui.horizontal_wrapped(|ui| ui.label(states));
    }
    if clean {
        widgets::message(ui, OK, t.get("live-all-readable"));
        return;
    }
    for (why, n) in &summary.without {
        ui.horizontal_wrapped(|ui| {
            widgets::colored(ui, WARNING, t.msg(&why.msg(*n)));
        });
    }
    if *filter != KindFilter::WithoutPresence {
        let m = Msg::new("live-show-without").num("count", summary.matched - summary.readable);
        if ui.link(t.msg(&m)).clicked() {
            *filter = KindFilter::WithoutPresence;
        }
    }
}

/// A matched row's presence cell: the presence in words, or the reason in a few words (the
/// sentence with what to do on hover).
pub fn cell(t: &Texts, live: &Live, tenant: &[TenantUser], account: usize, ui: &mut egui::Ui) {
    let (m, why) = live::cell(live.seen(account), &tenant[account].upn);
    let mut text = egui::RichText::new(t.msg(&m));
    if why.is_some() {
        text = text.color(widgets::tone(ui, WARNING));
    }
    let r = ui.add(egui::Label::new(text).selectable(false).truncate());
    if let Some(why) = why {
        r.on_hover_text(t.msg(&why.msg(1)));
    }
}
