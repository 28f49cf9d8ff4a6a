//! Helpers of the window tests: the harness, waiting for the worker, typing.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::time::{Duration, Instant};

pub use super::folder;
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::PaneApp;

/// The window in a harness of `size`. A worker event asks for one repaint; under Wine they can
/// arrive during a settling run, so a run may take a few more steps than egui_kittest's default 4
/// (a window that never settles still fails).
pub fn window(app: PaneApp, size: egui::Vec2) -> Harness<'static, PaneApp> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut PaneApp| app.ui(ui), app)
}

pub fn harness(dir: &Path, lang: Lang) -> Harness<'static, PaneApp> {
    let mut h = window(
        PaneApp::new(dir.to_owned(), lang),
        egui::vec2(900.0, 1400.0),
    );
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h
}

/// Steps frames until the worker has answered (bounded), then until the window is idle: work that
/// follows the answer (a preview computed after the tenant's list, its spinner) may take longer
/// than a run's steps under Wine, so runs are repeated while it goes on — for 10 s at most, a
/// window that never settles still fails.
pub fn settle(h: &mut Harness<'static, PaneApp>, done: impl Fn(&PaneApp) -> bool) {
    // Process what is queued (a click that sends a command) before looking at the state.
    h.step();
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the worker did not answer"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(2));
    }
    while let Err(e) = h.try_run() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the window does not settle: {e}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Steps frames until the preview shown is that of the current inputs (the worker computes it).
pub fn settle_preview(h: &mut Harness<'static, PaneApp>) {
    settle(h, |app| {
        let s = &app.state.preview;
        let activation = &app.state.settings.draft.activation;
        s.preview().is_some() && !s.preview_stale(&app.state.editor.editor, activation)
    });
}

pub fn cfg_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("config/msteams.cfg")).unwrap()
}

/// Clicks the tab `name` (marked `name *` while it holds unsaved changes).
pub fn open_tab(h: &mut Harness<'static, PaneApp>, name: &str) {
    let marked = format!("{name} *");
    match h.query_by_label(name) {
        Some(tab) => tab.click(),
        None => h.get_by_label(&marked).click(),
    }
    h.run();
}

pub fn type_into(h: &mut Harness<'static, PaneApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// The harness around an app built by the test (with a dialog or browser stand-in), settled.
pub fn harness_for(app: PaneApp) -> Harness<'static, PaneApp> {
    let mut h = window(app, egui::vec2(1100.0, 1400.0));
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h
}

/// A UCServer folder with this usermatching.csv.
pub fn folder_with_matching(matching: &[u8]) -> tempfile::TempDir {
    let dir = folder("{}\n");
    let esp = dir.path().join("ExternalServiceProvider");
    std::fs::create_dir_all(&esp).unwrap();
    std::fs::write(esp.join("usermatching.csv"), matching).unwrap();
    dir
}

/// The editor's lines as the table holds them now (not yet saved).
pub fn editor_lines(h: &Harness<'_, PaneApp>) -> Vec<String> {
    let file = h.state().state.editor.editor.file();
    file.lines.iter().map(String::from).collect()
}

pub fn matching_bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("ExternalServiceProvider/usermatching.csv")).unwrap()
}
