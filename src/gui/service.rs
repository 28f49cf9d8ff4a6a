//! The restart of the UCServer service from the restart notice (Windows): the service found in
//! the Service Control Manager is confirmed (one picked when several fit; the last choice
//! preselected), stopped and started on the worker with each step shown; a lack of rights offers
//! the restart as administrator.

use super::widgets;
use crate::i18n::{Msg, Texts};
use crate::platform::service::{Found, RestartError, Step};
use crate::worker::Command;

/// Where the restart from the window stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ServiceRestart {
    #[default]
    Idle,
    /// The Service Control Manager is asked.
    Finding,
    /// The administrator confirms the service (and picks one when several fit).
    Choose { found: Vec<Found>, pick: String },
    /// Stopping and starting; `step` as far as reported.
    Running {
        name: String,
        step: Option<Step>,
        elevated: bool,
    },
    /// It did not work: what to say, and whether a restart as administrator may help.
    Failed { msg: Msg, name: Option<String> },
}

impl ServiceRestart {
    pub fn found(found: Vec<Found>, remembered: Option<String>) -> Self {
        match found.first() {
            None => Self::Failed {
                msg: Msg::new("service-none-found-window"),
                name: None,
            },
            Some(first) => {
                let pick = remembered.unwrap_or_else(|| first.name.clone());
                Self::Choose { found, pick }
            }
        }
    }

    pub fn step(&mut self, to: Step) {
        if let Self::Running { step, .. } = self {
            *step = Some(to);
        }
    }

    /// The restart ended with an error (success ends it: the notice goes).
    pub fn failed(name: String, error: &RestartError) -> Self {
        let msg = match error {
            RestartError::AccessDenied(_) => Msg::new("service-denied-window"),
            RestartError::Declined => Msg::new("service-declined"),
            RestartError::Elevated(code) => {
                Msg::new("service-elevated-failed").text("code", code.to_string())
            }
            other => Msg::new("service-failed").text("detail", other.to_string()),
        }
        .text("name", name.clone());
        let retry = matches!(
            error,
            RestartError::AccessDenied(_) | RestartError::Declined
        );
        Self::Failed {
            msg,
            name: retry.then_some(name),
        }
    }
}

/// The restart's part of the notice; the command to send, when one was asked for.
pub fn ui(ui: &mut egui::Ui, t: &Texts, state: &mut ServiceRestart) -> Option<Command> {
    if !cfg!(windows) {
        return None;
    }
    let restart = |name: &str, elevated| Command::RestartService {
        name: name.to_owned(),
        elevated,
        lang: t.lang(),
    };
    let mut command = None;
    match state {
        ServiceRestart::Idle => {
            if ui.button(t.get("service-restart-button")).clicked() {
                *state = ServiceRestart::Finding;
                command = Some(Command::FindService);
            }
        }
        ServiceRestart::Finding => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t.get("service-finding"));
            });
        }
        ServiceRestart::Choose { found, pick } => {
            ui.label(t.get("service-choose"));
            for f in found.iter() {
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
                command = Some(restart(pick, false));
            } else if cancel {
                *state = ServiceRestart::Idle;
            }
        }
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
                ui.spinner();
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
                    command = Some(Command::FindService);
                }
            });
        }
    }
    match &command {
        Some(Command::RestartService { name, elevated, .. }) => {
            *state = ServiceRestart::Running {
                name: name.clone(),
                step: None,
                elevated: *elevated,
            }
        }
        Some(Command::FindService) => *state = ServiceRestart::Finding,
        _ => {}
    }
    command
}
