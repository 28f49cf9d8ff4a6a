//! The window: panels that draw [`state::PaneState`] and work on their part of it.
//!
//! A feature is its panel, its state part and its use case: a click starts the work through the
//! worker the panel is given (`crate::front::worker`), which returns a handle ([`crate::front::worker::Job`]);
//! the state part keeps it and follows it each frame ([`state::PaneState::poll`], a
//! [`task::Task`]: busy is "a task runs"). What needs the app (a file dialog, the browser, the
//! texts, another folder) is a [`command::Command`] sent through the panel's
//! [`command::CommandSender`] and carried out in [`actions`] after drawing.
//!
//! One frame ([`app`]): the worker's events (the watcher's reports, the timer's check, a folder
//! job's outcome) and the jobs' outcomes that change more than their own part are taken in
//! ([`events`]); the watcher's reports are followed ([`state::tracked::Tracked`]); the panels draw
//! with a narrow [`command::Panel`] (texts, state, folder, worker, sender) — none of them imports
//! the app.
//!
//! The state is in parts (`state/`): msteams.cfg as known and edited, each panel's own (the
//! authorization, the activation input, the app registration, the service, the diagnostics, the
//! watch), the two matching tabs and the window's own (closing, questions).
//!
//! Panels: the [`header`] (title, language, folder, tabs); three tabs — Settings: [`tenant`],
//! [`auth`], [`create_app`], [`client_secret`], [`proxy`], [`activation`], [`watch`],
//! [`diagnostics`]; User matching: an [`editor_tab::EditorTab`], which owns its state and draws
//! itself ([`usermatching`]: summary, repairs; [`editor_tools`]; [`editor_table`]); Preview: a
//! [`preview_tab::PreviewTab`] likewise ([`preview_sources`], [`preview_findings`],
//! [`preview_table`], [`live`]). Below them the [`status_bar`], the [`notices`] with the [`conflict`]
//! views and the [`service`] restart, and the questions ([`dialog::Dialogs`]).

mod actions;
mod activation;
mod app;
mod auth;
mod client_secret;
mod command;
mod conflict;
mod create_app;
mod diagnostics;
mod dialog;
mod editor_tab;
mod editor_table;
mod editor_tools;
mod events;
mod header;
mod live;
mod notices;
mod preview_findings;
mod preview_sources;
mod preview_tab;
mod preview_table;
mod proxy;
pub mod renderer;
mod service;
mod state;
mod status_bar;
mod task;
mod tenant;
mod usermatching;
mod watch;
mod widgets;

pub use app::PaneApp;
pub use state::{Closing, ConfigState, Notice, PaneState, ServiceRestart, Tab};

use crate::base::i18n::Lang;
use std::path::PathBuf;

/// What the window shows and keeps alive when it runs on the demo (`--demo`).
pub struct DemoWindow {
    /// Said at the top of the window (the emulator's address, the demo password).
    pub banner: crate::base::i18n::Msg,
    /// The sample UCServer user export, imported for the preview at start.
    pub users: PathBuf,
    /// The emulator and the temporary folder, dropped with the window.
    pub keep: Box<dyn std::any::Any>,
}

/// Opens the window on the UCServer folder `dir` (with `demo`: on the running demo), with the
/// first renderer that starts (see [`renderer`]). When none starts, every renderer's reason.
pub fn run(
    dir: PathBuf,
    lang: Lang,
    check_every: std::time::Duration,
    demo: Option<DemoWindow>,
) -> Result<(), Vec<renderer::Failed>> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../../assets/icon.png"))
        .expect("assets/icon.png is a valid PNG");
    let title = crate::base::i18n::Texts::new(lang).get("app-title");
    // Taken by the first renderer that gets as far as creating the pane; a renderer that failed
    // before leaves them (and the demo's emulator) for the next one.
    let parts = std::rc::Rc::new(std::cell::RefCell::new(Some((dir, demo))));
    renderer::run_first(&renderer::order(), |renderer| {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title(title.clone())
                .with_app_id("teams-presence-admin")
                .with_inner_size([1100.0, 800.0])
                .with_min_inner_size([640.0, 480.0])
                .with_icon(icon.clone()),
            renderer,
            ..Default::default()
        };
        let parts = parts.clone();
        eframe::run_native(
            "teams-presence-admin",
            options,
            Box::new(move |cc| {
                let drawn_by = renderer::describe(cc);
                tracing::info!("window drawn by {drawn_by}");
                let (dir, demo) = parts
                    .borrow_mut()
                    .take()
                    .ok_or("the window was opened twice")?;
                let mut app = PaneApp::with_check_interval(dir, lang, check_every);
                app.state.diagnostics.drawn_by = Some(drawn_by);
                if let Some(demo) = demo {
                    app = app.with_demo(demo);
                }
                Ok(Box::new(app))
            }),
        )
    })
}

/// What to tell the administrator when the window cannot open (no renderer: no Direct3D 12 nor
/// OpenGL 2.0 in a Remote Desktop session without a GPU, no display): each renderer's reason,
/// that the command line still works, where the log is.
pub fn start_failed(
    failed: &[renderer::Failed],
    logs: Option<&crate::base::logging::Place>,
) -> crate::base::i18n::Msg {
    let reasons: Vec<String> = failed
        .iter()
        .map(|f| format!("{}: {}", f.renderer, f.reason.trim_end_matches('.')))
        .collect();
    let logs = match logs {
        Some(p) => p.logs().display().to_string(),
        None => "-".to_owned(),
    };
    crate::base::i18n::Msg::new("start-failed")
        .text("reason", reasons.join("; "))
        .text("logs", logs)
}
