//! The window's start and memory per renderer (issue 22 §1), the built pane beside the bare eframe
//! window (`examples/bare_window.rs`, same size, features and renderer) in the same run: from the
//! process's start to its window visible (eframe shows it once the first frame is painted) on a
//! real X server without a GPU (Xvfb; wgpu on Mesa's lavapipe, glow on llvmpipe). The memory
//! (resident set, and its peak) is read 2 s after the window appeared, then the CPU time the idle
//! window uses in the next 10 s (utime + stime of /proc/PID/stat, all its threads), printed
//! before divan's table.
//!
//! Run: `cargo bench --bench window` (needs `apt-get install xvfb xdotool mesa-vulkan-drivers`).

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use support::xvfb::{Xvfb, wait_visible};

const RENDERERS: [&str; 2] = ["wgpu", "glow"];
const PANE_TITLE: &str = "ProCall Integration in Microsoft Teams";
const BARE_TITLE: &str = "bare eframe window";

fn main() {
    let x = Xvfb::start();
    let bare = bare_window();
    println!(
        "memory 2 s after the window appeared, resident / peak, and CPU time in the next 10 s idle (median of 3 starts):"
    );
    for renderer in RENDERERS {
        for (name, title, exe) in [
            ("pane", PANE_TITLE, pane_exe()),
            ("bare eframe window", BARE_TITLE, bare.clone()),
        ] {
            let mut rss = Vec::new();
            let mut peak = Vec::new();
            let mut idle = Vec::new();
            for _ in 0..3 {
                let (mut child, _dir) = start(&x, &exe, renderer);
                assert!(wait_visible(&x.display, title, Duration::from_secs(60)));
                std::thread::sleep(Duration::from_secs(2));
                let (r, p) = memory(&child);
                rss.push(r);
                peak.push(p);
                let before = cpu_ms(&child);
                std::thread::sleep(IDLE);
                idle.push(cpu_ms(&child) - before);
                let _ = child.kill();
                let _ = child.wait();
                settle_x();
            }
            rss.sort_unstable();
            peak.sort_unstable();
            idle.sort_unstable();
            println!(
                "  {renderer:<5} {name:<19} {:>4} MiB / {:>4} MiB, idle {:>3} ms CPU in {} s ({:.2} %)",
                rss[1] / 1024,
                peak[1] / 1024,
                idle[1],
                IDLE.as_secs(),
                idle[1] as f64 / IDLE.as_millis() as f64 * 100.0
            );
        }
    }
    drop(x);
    divan::main();
}

fn pane_exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_teams-presence-admin"))
}

/// The bare window, built in the bench's own profile beside the pane.
fn bare_window() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--example", "bare_window"])
        .status()
        .unwrap();
    assert!(status.success());
    let exe = pane_exe();
    exe.parent().unwrap().join("examples").join("bare_window")
}

/// Starts `exe` with `renderer` on `x`: the pane on a UCServer folder of its own (no tenant, so
/// no request leaves the machine).
fn start(x: &Xvfb, exe: &PathBuf, renderer: &str) -> (Child, tempfile::TempDir) {
    let dir = support::folder("{}\n");
    let child = Command::new(exe)
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env("TEAMS_PRESENCE_ADMIN_RENDERER", renderer)
        .arg("--ucserver-dir")
        .arg(dir.path())
        .args(["--lang", "en"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    (child, dir)
}

/// How long the idle window is watched.
const IDLE: Duration = Duration::from_secs(10);

/// The CPU time `child` has used so far (user + system, all threads), in milliseconds.
fn cpu_ms(child: &Child) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", child.id())).unwrap();
    // After the command's name in parentheses: state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks * 1000 / clock_ticks_per_second()
}

/// The unit of utime and stime (`getconf CLK_TCK`, 100 on Linux).
fn clock_ticks_per_second() -> u64 {
    let out = Command::new("getconf").arg("CLK_TCK").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// VmRSS and VmHWM of `child` in KiB.
fn memory(child: &Child) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// A pause between a killed window and the next start, not timed: Xvfb refused the next
/// client's connection now and then ("Failed to open connection to X server", 1 start in 30)
/// while it was still cleaning up after the killed one.
fn settle_x() {
    std::thread::sleep(Duration::from_millis(300));
}

/// One start: the process spawned until its window is visible (then it is stopped).
fn time_start(bencher: divan::Bencher, exe: PathBuf, title: &str, renderer: &str) {
    let x = Xvfb::start();
    bencher.with_inputs(settle_x).bench_local_values(|()| {
        let (mut child, dir) = start(&x, &exe, renderer);
        assert!(wait_visible(&x.display, title, Duration::from_secs(60)));
        let _ = child.kill();
        let _ = child.wait();
        drop(dir);
    });
}

#[divan::bench(args = RENDERERS, sample_count = 10)]
fn start_pane(bencher: divan::Bencher, renderer: &str) {
    time_start(bencher, pane_exe(), PANE_TITLE, renderer);
}

#[divan::bench(args = RENDERERS, sample_count = 10)]
fn start_bare_eframe_window(bencher: divan::Bencher, renderer: &str) {
    let exe = pane_exe()
        .parent()
        .unwrap()
        .join("examples")
        .join("bare_window");
    time_start(bencher, exe, BARE_TITLE, renderer);
}
