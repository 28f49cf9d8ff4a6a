//! "Überwachung" (issue 37) in the settings tab: whether the scheduled check is installed, where
//! its alerts go, what it last told and its last runs; install or remove the schedule and send a
//! test message with one click each. Read by the worker when the section is opened and after each
//! button; the channels are set with `watch set` (docs/watch.md).

use super::state::watch::WatchState;
use super::task::Task;
use super::widgets;
use crate::base::i18n::{Msg, Texts};
use crate::front::worker::Worker;
use crate::front::worker::watch_jobs::{WatchJob, WatchView};
use crate::ops::watch::short;

/// The runs shown, newest first.
const RUNS: usize = 5;
/// The schedule the button installs.
const EVERY_MINUTES: u32 = 15;

impl WatchState {
    /// Draws the section; its buttons' work starts here.
    pub fn show(&mut self, t: &Texts, worker: &Worker, ui: &mut egui::Ui) {
        if let Some(job) = show(t, &self.task, ui) {
            self.run(worker, job);
        }
    }
}

/// The section; what was asked for (read when opened the first time).
fn show(t: &Texts, w: &Task<WatchView>, ui: &mut egui::Ui) -> Option<WatchJob> {
    let mut job = None;
    let header = egui::CollapsingHeader::new(t.get("watch-title"))
        .id_salt("collapse-watch")
        .show(ui, |ui| {
            let busy = w.is_running();
            if busy {
                ui.horizontal(|ui| {
                    widgets::busy(ui, "watch");
                    ui.label(t.get("watch-busy"));
                });
            }
            let Some(view) = w.result() else { return };
            match &view.schedule {
                Some(s) => ui.label(
                    t.msg(
                        &Msg::new("watch-show-schedule")
                            .text("place", s.place.clone())
                            .num("minutes", s.every_minutes.unwrap_or(0)),
                    ),
                ),
                None => ui.label(t.get("watch-show-no-schedule")),
            };
            match &view.file {
                Err(m) => widgets::message(ui, widgets::ERROR, t.msg(m)),
                Ok(f) => file(t, f, ui),
            }
            if let Some(j) = buttons(t, view.schedule.is_some(), busy, ui) {
                job = Some(j);
            }
            match &view.said {
                Some(Ok(msgs)) => msgs
                    .iter()
                    .for_each(|m| widgets::message(ui, widgets::OK, t.msg(m))),
                Some(Err(msgs)) => msgs
                    .iter()
                    .for_each(|m| widgets::message(ui, widgets::ERROR, t.msg(m))),
                None => {}
            }
            ui.label(t.get("watch-gui-hint"));
        });
    widgets::focus_ring(ui, &header.header_response);
    if header.body_returned.is_some() && w.is_idle() {
        job = Some(WatchJob::Show);
    }
    job
}

/// What the watch file holds: the channels, what was told last and since when, the last runs.
fn file(t: &Texts, f: &crate::model::watch::WatchFile, ui: &mut egui::Ui) {
    let channels: Vec<&str> = f.settings.channels().iter().map(|c| c.name()).collect();
    if channels.is_empty() {
        widgets::message(ui, widgets::WARNING, t.get("watch-no-channel"));
    } else {
        ui.label(t.msg(&Msg::new("watch-show-channels").text("channels", channels.join(", "))));
    }
    let told = f
        .state
        .reported
        .unwrap_or(crate::model::watch::Condition::Authorized);
    let since = f
        .state
        .reported_since
        .map(|s| crate::base::i18n::local_time(&s.to_rfc3339()))
        .unwrap_or_else(|| "-".into());
    ui.label(
        t.msg(
            &Msg::new("watch-show-state")
                .inner("state", short(told))
                .text("since", since),
        ),
    );
    for r in f.runs.iter().rev().take(RUNS) {
        let alerts = r.alerts.len().to_string();
        let line = t.msg(&crate::ops::watch::run_msg(r, alerts));
        let color = if r.failed.is_empty() {
            ui.visuals().text_color()
        } else {
            widgets::ERROR
        };
        widgets::colored(ui, color, line);
    }
}

/// Install or remove the schedule, send a test, read again; what was clicked.
fn buttons(t: &Texts, installed: bool, busy: bool, ui: &mut egui::Ui) -> Option<WatchJob> {
    let mut job = None;
    ui.horizontal(|ui| {
        let install = egui::Button::new(
            t.msg(&Msg::new("watch-install-button").num("minutes", EVERY_MINUTES)),
        );
        if !installed && ui.add_enabled(!busy, install).clicked() {
            job = Some(WatchJob::Install {
                minutes: EVERY_MINUTES,
            });
        }
        if installed
            && ui
                .add_enabled(!busy, egui::Button::new(t.get("watch-remove-button")))
                .clicked()
        {
            job = Some(WatchJob::Remove);
        }
        if ui
            .add_enabled(!busy, egui::Button::new(t.get("watch-test-button")))
            .clicked()
        {
            job = Some(WatchJob::Test { lang: t.lang() });
        }
        if ui
            .add_enabled(!busy, egui::Button::new(t.get("watch-reload")))
            .clicked()
        {
            job = Some(WatchJob::Show);
        }
    });
    job
}
