//! The Windows Event Log: the Application log, the pane's event source (registered by the MSI),
//! one id a condition ([`crate::model::watch::event_id`], docs/watch.md). Elsewhere there is none: the
//! channel says so.

use super::{ChannelError, Message};
use crate::base::platform::eventlog::{self, Level};
use crate::model::watch::{self as rules, Why};

/// The event source's name, as the MSI registers it.
pub const SOURCE: &str = "teams-presence-admin";

/// Writes `msg` to the Application log.
pub fn send(msg: &Message) -> Result<(), ChannelError> {
    if !available() {
        return Err(ChannelError::new(
            Why::Unavailable,
            "there is no Windows Event Log on this system",
        ));
    }
    let text = format!("{}\r\n\r\n{}", msg.subject, msg.body.replace('\n', "\r\n"));
    let level = match msg.level {
        rules::Level::Information => Level::Information,
        rules::Level::Warning => Level::Warning,
        rules::Level::Error => Level::Error,
    };
    eventlog::report(SOURCE, msg.event_id, level, &text).map_err(ChannelError::other)
}

/// Whether this system has an Event Log at all.
pub fn available() -> bool {
    cfg!(windows)
}
