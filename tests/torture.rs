//! The torture harness of issue 34: the pane's own processes (the built binary, and the window's
//! save through the library in a child process of this binary) at random on one real UCServer
//! folder, beside a lock-less writer playing the UCServer service, with kill -9 at random moments,
//! a hostile folder layout and the emulator's faults; after every round the invariants of
//! [`check`] are checked. Seeded: `--seed S --round R` replays the choices of round R (the
//! operating system's timing is not replayed).
//!
//! ```text
//! torture [--minutes N] [--seed S] [--round R] [--deadline SECS] [--verbose]
//! torture --emulator                                  (child: the emulator as its own process)
//! torture --window-config DIR FIELD VALUE DELAY_MS    (child: the window's save of msteams.cfg)
//! torture --window-matching FILE LINE DELAY_MS        (child: the window's save of usermatching.csv)
//! ```
//!
//! Without `--minutes` the run is bounded (rounds are started for 100 s; with the per-command
//! deadline of 30 s it ends within about 140 s): that is what `cargo test` runs. It prints every
//! round with its violations, then the totals per invariant, and exits 1 on any violation.
//! See docs/files.md, "Torture harness".

#[cfg(target_os = "linux")]
mod torture {
    pub mod check;
    pub mod command;
    pub mod emulator;
    pub mod layout;
    pub mod ops;
    pub mod run;
    pub mod selftest;
    pub mod service;
    pub mod window;
}

#[cfg(target_os = "linux")]
fn main() -> std::process::ExitCode {
    torture::run::main()
}

/// FIFOs, SIGKILL, `renameat2(RENAME_EXCHANGE)` and bind mounts in a namespace of one's own are
/// Linux's: elsewhere nothing is run, and the run says so.
#[cfg(not(target_os = "linux"))]
fn main() {
    println!("torture: runs on Linux only; nothing was run here");
}
