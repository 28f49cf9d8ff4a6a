//! The restart of the UCServer service from the restart notice (Windows): the service found in
//! the Service Control Manager is confirmed (one picked when several fit; the last choice
//! preselected), stopped and started on the worker with each step shown; a lack of rights offers
//! the restart as administrator.

use super::state::ServiceRestart;
use super::widgets;
use crate::base::i18n::{Msg, Texts};
use crate::base::platform::service::Step;

/// What the restart's part asks for.
pub enum Ask {
    /// Look for the service.
    Find,
    /// Restart it (as administrator: `elevated`).
    Restart { name: String, elevated: bool },
}

/// The restart's part of the notice; what was asked for.
pub fn ui(ui: &mut egui::Ui, t: &Texts, state: &mut ServiceRestart) -> Option<Ask> {
    if !cfg!(windows) {
        return None;
    }
    let restart = |name: &str, elevated| Ask::Restart {
        name: name.to_owned(),
        elevated,
    };
    let mut command = None;
    match state {
        ServiceRestart::Idle => {
            if ui.button(t.get("service-restart-button")).clicked() {
                command = Some(Ask::Find);
            }
        }
        ServiceRestart::Finding => {
            ui.horizontal(|ui| {
                widgets::busy(ui, "service finding");
                ui.label(t.get("service-finding"));
            });
        }
        ServiceRestart::Choose { found, pick } => match choose(ui, t, found, pick) {
            Some(true) => command = Some(restart(pick, false)),
            Some(false) => *state = ServiceRestart::Idle,
            None => {}
        },
        ServiceRestart::Running {
            name,
            step,
            elevated,
        } => {
            let id = match (step, *elevated) {
                (_, true) => "service-elevated-running",
                (Some(Step::Starting), _) => "service-starting",
                _ => "service-stopping",
            };
            ui.horizontal(|ui| {
                widgets::busy(ui, "service restart");
                ui.label(t.msg(&Msg::new(id).text("name", name.clone())));
            });
        }
        ServiceRestart::Failed { msg, name } => {
            widgets::message(ui, widgets::ERROR, t.msg(msg));
            ui.horizontal(|ui| {
                if let Some(name) = name.as_deref()
                    && ui.button(t.get("service-elevate-button")).clicked()
                {
                    command = Some(restart(name, true));
                }
                if ui.button(t.get("service-restart-again")).clicked() {
                    command = Some(Ask::Find);
                }
            });
        }
    }
    command
}

/// The services that fit, one picked (the last choice preselected); `Some(true)` confirmed,
/// `Some(false)` cancelled.
fn choose(
    ui: &mut egui::Ui,
    t: &Texts,
    found: &[crate::base::platform::service::Found],
    pick: &mut String,
) -> Option<bool> {
    ui.label(t.get("service-choose"));
    for f in found {
        let label = if f.display_name.is_empty() || f.display_name == f.name {
            f.name.clone()
        } else {
            format!("{} ({})", f.display_name, f.name)
        };
        ui.radio_value(pick, f.name.clone(), label);
    }
    let (confirm, cancel) = ui
        .horizontal(|ui| {
            let confirm = ui.button(t.get("service-confirm")).clicked();
            (confirm, ui.button(t.get("button-cancel")).clicked())
        })
        .inner;
    if confirm {
        Some(true)
    } else if cancel {
        Some(false)
    } else {
        None
    }
}
