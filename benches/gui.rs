//! A frame of the window with the usermatching.csv table open, for 1,000 and 100,000 rows: the
//! CPU time of one egui pass of the pane (only the rows in sight are laid out) plus the
//! tessellation of what it drew — what eframe does on the CPU before the GPU paints.
//!
//! Run: `cargo bench --bench gui`

use teams_presence_admin::gui::PaneApp;
use teams_presence_admin::gui::Tab;
use teams_presence_admin::i18n::Lang;

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

#[divan::bench(args = [1_000, 100_000], sample_count = 200)]
fn frame_with_matching_table(bencher: divan::Bencher, rows: usize) {
    let dir = folder(rows);
    let mut app = PaneApp::new(dir.path().to_owned(), Lang::De);
    let ctx = egui::Context::default();
    while app.state.busy() || app.state.matching.editor.len() != rows {
        let _ = ctx.run_ui(input(), |ui| app.ui(ui));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
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
