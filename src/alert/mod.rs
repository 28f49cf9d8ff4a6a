//! Where `watch check`'s alerts go: the Windows Event Log ([`eventlog`]), mail over SMTP
//! ([`mail`]), a webhook ([`webhook`]). Each takes one [`Message`] and answers within its
//! deadline, `Ok` or what failed in the library's words (the caller names the channel, keeps the
//! alert for the next run and says it escaped). Nothing here reads or writes the UCServer folder.

pub mod eventlog;
pub mod mail;
pub mod webhook;

use crate::watch::{Condition, Level};
use std::time::Duration;

/// How long one channel may take for one message.
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

/// Why a channel failed, in the library's words and on one line.
pub(crate) fn one_line(e: impl std::fmt::Display) -> String {
    let s = e.to_string();
    crate::escape::escape_value(&s).into_owned()
}
