//! A real X server for the tests and benchmarks that start the window (Xvfb, no GPU).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An Xvfb of its own on a display number it chose (`-displayfd`), stopped when dropped.
pub struct Xvfb {
    child: Child,
    pub display: String,
}

impl Xvfb {
    pub fn start() -> Self {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is not installed: run scripts/window-tests (installs xvfb)");
        // Xvfb writes the display's number once it accepts connections.
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut line,
        )
        .unwrap();
        let n: u32 = line.trim().parse().expect("Xvfb did not start");
        Self {
            child,
            display: format!(":{n}"),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until a window named `title` is visible on `display` (eframe shows its window once the
/// first frame is painted), polling `xdotool` every 5 ms; `false` after `timeout`.
pub fn wait_visible(display: &str, title: &str, timeout: Duration) -> bool {
    let until = Instant::now() + timeout;
    while Instant::now() < until {
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
            .env("DISPLAY", display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("xdotool is not installed (apt-get install xdotool)");
        if found.success() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}
