//! The bare eframe window the pane's start is measured against (`benches/window.rs`, issue 22
//! §1): the same size, the same eframe features and the same renderer choice
//! (`TEAMS_PRESENCE_ADMIN_RENDERER=wgpu|glow`), one label and nothing else.

fn main() -> eframe::Result {
    let renderer = match std::env::var("TEAMS_PRESENCE_ADMIN_RENDERER").as_deref() {
        Ok("glow") => eframe::Renderer::Glow,
        _ => eframe::Renderer::Wgpu,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1100.0, 800.0]),
        renderer,
        ..Default::default()
    };
    eframe::run_ui_native("bare eframe window", options, |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("bare eframe window");
        });
    })
}
