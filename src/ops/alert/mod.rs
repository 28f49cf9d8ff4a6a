//! Where `watch check`'s alerts go: the Windows Event Log ([`eventlog`]), mail over SMTP
//! ([`mail`]), a webhook ([`webhook`]). Each takes one [`Message`] and answers within its
//! deadline, `Ok` or what failed in the library's words (the caller names the channel, keeps the
//! alert for the next run and says it escaped). Nothing here reads or writes the UCServer folder.

pub mod eventlog;
pub mod mail;
pub mod webhook;

use crate::model::watch::{Condition, Level, Why};
use std::time::Duration;

/// How long one channel may take for one message (by default).
pub const DEADLINE: Duration = Duration::from_secs(20);

/// One alert, in words (the alert's language) and as data.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// `broken`, `reminder`, `recovered`, `expiring` or `test`.
    pub kind: &'static str,
    pub condition: Condition,
    pub event_id: u32,
    pub level: Level,
    /// One line: the mail's subject, the chat message's title.
    pub subject: String,
    /// What happened and what to do, a sentence a line.
    pub body: String,
    /// The computer that checked.
    pub host: String,
    /// RFC 3339.
    pub at: String,
}

/// The computer's name, for the alerts ("which UCServer?").
pub fn host_name() -> String {
    whoami::fallible::hostname().unwrap_or_else(|_| "?".into())
}

/// Why a channel failed: the kind the administrator is told, the library's words for the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelError {
    pub why: Why,
    pub detail: String,
}

impl ChannelError {
    pub fn new(why: Why, detail: impl std::fmt::Display) -> Self {
        Self {
            why,
            detail: one_line(detail),
        }
    }

    /// A failure of no particular kind.
    pub fn other(detail: impl std::fmt::Display) -> Self {
        Self::new(Why::Other, detail)
    }
}

/// The library's words on one line, escaped.
pub(crate) fn one_line(e: impl std::fmt::Display) -> String {
    let s = e.to_string();
    crate::base::escape::escape_value(&s).into_owned()
}

/// An I/O error's kind, where it says one.
pub(crate) fn io_why(e: &(dyn std::error::Error + 'static)) -> Option<Why> {
    let mut cur = Some(e);
    while let Some(e) = cur {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            return Some(match io.kind() {
                K::TimedOut => Why::Timeout,
                K::ConnectionRefused
                | K::ConnectionReset
                | K::ConnectionAborted
                | K::NotConnected
                | K::HostUnreachable
                | K::NetworkUnreachable
                | K::AddrNotAvailable => Why::Connect,
                _ => return None,
            });
        }
        cur = e.source();
    }
    None
}
