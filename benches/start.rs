//! The window's start with the tenant kept (issue 38's goal "the preview tab shows the kept
//! tenant's result ≤ 0.5 s after start", 100,000 accounts): from the window's creation
//! (`PaneApp::new`) to the frame that draws, on the preview tab, (a) the kept accounts with their
//! age ("100,000 accounts read", "accounts read 0 min ago") and (b) with the 100,000 UCServer
//! users of the user export imported at start (as `--demo` imports its sample), the preview's
//! result over them, the kept accounts and 50,000 usermatching lines. The frames run in
//! egui_kittest (the pane's real frames, no GPU painting), stepped every millisecond as the
//! worker's repaint requests would; each frame's text is read through AccessKit as a screen
//! reader would. The emulator (`entra-emulator --users 100000`) in its own process, the tenant
//! read and kept once before by `matching preview --refresh`; the kept accounts are shown before
//! any request for them (the window then reads the tenant again in the background; the emulator
//! counts those reads). At no latency and at 150 ms a request; median of 5 starts each.
//!
//! Run: `cargo bench --bench start` (`TPA_BENCH_LATENCIES=0` for no latency only)

#[path = "../tests/support/mod.rs"]
mod support;

// Only its setup and latency are used here.
#[path = "common/processes.rs"]
#[allow(dead_code)]
mod processes;

use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::{PaneApp, Tab};

const USERS: usize = 100_000;
const STARTS: usize = 5;

/// Requests of the users listing and of `users/delta` the emulator answered.
fn listing_requests(base_url: &str) -> u64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = format!("{base_url}/_emulator/requests?prefix=GET%20/v1.0/users");
    let v: serde_json::Value = rt
        .block_on(async { reqwest::get(&url).await?.json().await })
        .unwrap();
    v["count"].as_u64().unwrap()
}

/// One start: the seconds from the window's creation to the first frame that shows `shown`
/// (every text in it, on the preview tab), the user export imported at start where `users`.
fn start(s: &processes::Setup, users: bool, shown: &[&str]) -> f64 {
    let t = Instant::now();
    let mut app = PaneApp::new(s.dir.path().to_owned(), Lang::En);
    if users {
        app = app.with_users(s.users());
    }
    app.state.tab = Tab::Preview;
    let mut h = support::gui::window(app, egui::vec2(1100.0, 800.0));
    loop {
        h.step();
        if shown
            .iter()
            .all(|text| h.query_by_label_contains(text).is_some())
        {
            break t.elapsed().as_secs_f64();
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "never shown: {shown:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn median(mut f: impl FnMut() -> f64) -> f64 {
    let mut times: Vec<f64> = (0..STARTS).map(|_| f()).collect();
    times.sort_by(f64::total_cmp);
    times[STARTS / 2]
}

fn main() {
    let s = processes::Setup::start(USERS, &processes::export(), &processes::usermatching());
    // The tenant read and kept, as a first preview on the command line leaves it.
    processes::run({
        let mut cmd = s.pane("preview", false);
        cmd.arg("--refresh");
        cmd
    });
    let listed = listing_requests(&s.base_url);
    let kept = ["100,000 accounts read", "min ago"];
    let result = [
        "100,000 UCServer users in the activation scope",
        "(100,000 accounts in the tenant)",
        "min ago",
    ];
    println!(
        "the window's start to the preview tab showing (median of {STARTS} starts, {USERS} accounts kept):"
    );
    println!(
        "| latency | the kept accounts with their age | the preview's result (100,000 UCServer users imported at start) |"
    );
    println!("|---|---|---|");
    for ms in processes::latencies() {
        processes::set_faults(&s.base_url, serde_json::json!({ "latencyMs": ms }));
        let accounts = median(|| start(&s, false, &kept));
        let preview = median(|| start(&s, true, &result));
        println!("| {ms} ms | {accounts:.3} s | {preview:.3} s |");
    }
    processes::set_faults(&s.base_url, serde_json::json!({}));
    // The age text in the measured frame says the accounts shown were the kept ones, not a
    // listing's; the window reads the tenant again after that frame.
    println!(
        "listing requests during the starts (each start ends at its measured frame; a read again the window began then ends with it): {}",
        listing_requests(&s.base_url) - listed
    );
}
