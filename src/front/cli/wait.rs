//! Deadlines of the commands that talk to Microsoft, and what they wait for: every such command
//! runs its requests through a [`Waiter`], which ends them when the deadline passes (the default
//! of the command, or `--deadline SECONDS`) and — while nothing was heard for more than 2 s —
//! says on stderr what it waits for and for how long (rewritten in place on a terminal, a line
//! every 10 s otherwise, so that a log or a script sees it too).

use super::out::escape;
use crate::base::i18n::{Msg, Texts};
use std::cell::Cell;
use std::io::{IsTerminal as _, Write as _};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// `status`: a refresh, a presence read and an app token, each with its waits after 429.
pub const CHECK: Duration = Duration::from_secs(120);
/// `diagnose`: the network's stages for both hosts, then the check.
pub const DIAGNOSE: Duration = Duration::from_secs(180);
/// `consent user|admin`: the browser (5 minutes) and the requests after it.
pub const CONSENT: Duration = Duration::from_secs(7 * 60);
/// `app create|renew|remove|script`, `write-test`: a handful of Graph requests and a sign-in.
pub const APP: Duration = Duration::from_secs(7 * 60);
/// `matching preview|presence|fix --case`: the listing of up to 2,000 pages.
pub const LISTING: Duration = Duration::from_secs(30 * 60);
/// `matching presence`: the live read of up to 100,000 users, 429 waits included.
pub const PRESENCE: Duration = Duration::from_secs(30 * 60);

/// Quiet longer than this is said on stderr.
pub const QUIET: Duration = Duration::from_secs(2);
/// Off a terminal, the line is repeated this often while the wait lasts.
const REPEAT: Duration = Duration::from_secs(10);

/// `--deadline SECONDS`, where given: it replaces every command's own deadline.
static OVERRIDE: OnceLock<Duration> = OnceLock::new();

/// Takes `--deadline` (once a process).
pub fn set_deadline(seconds: Option<u64>) {
    if let Some(s) = seconds {
        let _ = OVERRIDE.set(Duration::from_secs(s));
    }
}

/// The deadline of a command whose own is `default`.
pub fn deadline(default: Duration) -> Duration {
    OVERRIDE.get().copied().unwrap_or(default)
}

/// One command's wait for Microsoft: its deadline and what it says while it waits.
pub struct Waiter<'a> {
    t: &'a Texts,
    what: Msg,
    limit: Duration,
    start: Instant,
    /// When progress was last shown (by the command itself, [`Self::heard`]) or the wait said.
    heard: Cell<Instant>,
    said: Cell<Option<Instant>>,
    terminal: bool,
}

impl<'a> Waiter<'a> {
    pub fn new(t: &'a Texts, what: Msg, default: Duration) -> Self {
        let now = Instant::now();
        Self {
            t,
            what,
            limit: deadline(default),
            start: now,
            heard: Cell::new(now),
            said: Cell::new(None),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// The command showed progress of its own: the quiet time starts again.
    pub fn heard(&self) {
        self.heard.set(Instant::now());
        self.said.set(None);
    }

    /// The deadline in force.
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Runs `work` until it ends or the deadline passes (`Err(limit)`), saying what it waits for
    /// during a quiet longer than 2 s.
    pub async fn run<T>(&self, work: impl std::future::Future<Output = T>) -> Result<T, Duration> {
        let ticker = async {
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                self.tick();
            }
        };
        let r = tokio::select! {
            r = tokio::time::timeout(self.limit, work) => r.map_err(|_| self.limit),
            never = ticker => never,
        };
        if self.terminal && self.said.get().is_some() {
            let _ = writeln!(std::io::stderr());
        }
        if r.is_err() {
            let m = Msg::new("cli-deadline")
                .num("limit", self.limit.as_secs())
                .inner("what", self.what.clone());
            let _ = writeln!(
                std::io::stderr(),
                "{}: {}",
                self.t.get("cli-error"),
                escape(&self.t.msg(&m))
            );
        }
        r
    }

    fn tick(&self) {
        if self.heard.get().elapsed() <= QUIET {
            return;
        }
        let due = match self.said.get() {
            None => true,
            Some(at) => self.terminal || at.elapsed() >= REPEAT,
        };
        if !due {
            return;
        }
        self.said.set(Some(Instant::now()));
        let m = Msg::new("cli-waiting")
            .inner("what", self.what.clone())
            .num("seconds", self.start.elapsed().as_secs())
            .num("limit", self.limit.as_secs());
        let line = escape(&self.t.msg(&m)).into_owned();
        let mut err = std::io::stderr();
        let _ = if self.terminal {
            write!(err, "\r{line:<100}")
        } else {
            writeln!(err, "{line}")
        };
    }
}
