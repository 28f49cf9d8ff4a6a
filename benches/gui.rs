//! A frame of the window with the usermatching.csv table open, and one of the preview after a live
//! presence read (issue 27), for 1,000 and 100,000 rows: the
//! CPU time of one egui pass of the pane (only the rows in sight are laid out) plus the
//! tessellation of what it drew — what eframe does on the CPU before the GPU paints.
//!
//! Run: `cargo bench --bench gui`

use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::PaneApp;
use teams_presence_admin::front::gui::Tab;

fn main() {
    divan::main();
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1100.0, 800.0),
        )),
        ..Default::default()
    }
}

/// A UCServer folder whose usermatching.csv has `rows` mappings.
fn folder(rows: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(dir.path().join("config/msteams.cfg"), "{}\n").unwrap();
    let esp = dir.path().join("ExternalServiceProvider");
    std::fs::create_dir_all(&esp).unwrap();
    let mut text = String::with_capacity(rows * 48);
    for i in 0..rows {
        text.push_str(&format!(
            "user{i:06}@bigcorp.example,user{i:06}@bigcorp.local\n"
        ));
    }
    std::fs::write(esp.join("usermatching.csv"), text).unwrap();
    dir
}

/// The window on a folder of `rows` mappings, its usermatching.csv read by the worker.
fn loaded(rows: usize) -> (tempfile::TempDir, PaneApp, egui::Context) {
    let dir = folder(rows);
    let mut app = PaneApp::new(dir.path().to_owned(), Lang::De);
    let ctx = egui::Context::default();
    while app.state.busy() || app.state.editor.editor.len() != rows {
        let _ = ctx.run_ui(input(), |ui| app.ui(ui));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (dir, app, ctx)
}

#[divan::bench(args = [1_000, 100_000], sample_count = 200)]
fn frame_with_matching_table(bencher: divan::Bencher, rows: usize) {
    let (_dir, mut app, ctx) = loaded(rows);
    app.state.tab = Tab::Matching;
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.ui(ui));
    }
    // The table is on screen: the first and the last row in sight are drawn, none beyond.
    let out = ctx.run_ui(input(), |ui| app.ui(ui));
    let drawn = format!("{:?}", out.shapes);
    assert!(
        drawn.contains("user000000@bigcorp.example"),
        "the first row is drawn"
    );
    assert!(
        !drawn.contains("user000100@bigcorp.example"),
        "rows out of sight are not"
    );
    bencher.bench_local(|| {
        let out = ctx.run_ui(input(), |ui| app.ui(ui));
        ctx.tessellate(out.shapes, out.pixels_per_point)
    });
}

/// A frame of the preview with 100,000 matched users after "Live-Präsenz lesen" (issue 27): the
/// column "Teams-Präsenz", the counts by state and the reasons (computed once per result, not per
/// frame), the rows in sight.
#[divan::bench(args = [1_000, 100_000], sample_count = 200)]
fn frame_with_live_presence(bencher: divan::Bencher, rows: usize) {
    use std::sync::Arc;
    use teams_presence_admin::model::matching::live;
    use teams_presence_admin::model::matching::preview::{TenantUser, UcUser};
    use teams_presence_admin::model::matching::ucserver_users::Imported;
    use teams_presence_admin::model::presence::{Readout, Seen};
    let (dir, mut app, ctx) = loaded(rows);
    let no_groups: Arc<[Arc<str>]> = Arc::from(Vec::new());
    let users = (0..rows)
        .map(|i| UcUser {
            name: format!("user{i:06}@bigcorp.local"),
            display_name: format!("User {i:06}"),
            groups: no_groups.clone(),
        })
        .collect();
    let tenant = (0..rows)
        .map(|i| TenantUser {
            id: format!("00000000-0000-4000-8000-{i:012}"),
            upn: format!("user{i:06}@bigcorp.example"),
            mail: None,
            display_name: format!("User {i:06}"),
        })
        .collect();
    let m = &mut app.state.preview;
    let imported = Imported {
        users,
        skipped: Vec::new(),
        groups: Vec::new(),
    };
    m.uc_users_imported(dir.path().join("export.csv"), imported);
    m.tenant_listed(tenant);
    app.state.tab = Tab::Preview;
    // The preview is computed by the worker.
    while app
        .state
        .preview
        .preview()
        .is_none_or(|p| p.rows.len() != rows)
    {
        let _ = ctx.run_ui(input(), |ui| app.ui(ui));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // What a read of them all gave, as the worker reports it: Teams' states, every 50th none.
    let targets = live::targets(app.state.preview.preview().unwrap());
    let states = [
        ("Available", "Available"),
        ("Busy", "InACall"),
        ("Away", "Away"),
    ];
    let seen = (0..targets.len())
        .map(|i| match i % 50 {
            49 => Seen::Unknown,
            _ => Seen::Presence {
                availability: states[i % 3].0.into(),
                activity: states[i % 3].1.into(),
            },
        })
        .collect();
    let m = &mut app.state.preview;
    let read = Readout {
        seen,
        requests: rows.div_ceil(650),
        retries: 0,
        cancelled: false,
    };
    m.live.took(targets, Ok(read));
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.ui(ui));
    }
    let out = ctx.run_ui(input(), |ui| app.ui(ui));
    let drawn = format!("{:?}", out.shapes);
    assert!(drawn.contains("Teams-Präsenz"), "the live column is drawn");
    assert!(
        drawn.contains("Beschäftigt (Im Anruf)"),
        "a presence in Teams' words"
    );
    bencher.bench_local(|| {
        let out = ctx.run_ui(input(), |ui| app.ui(ui));
        ctx.tessellate(out.shapes, out.pixels_per_point)
    });
}
