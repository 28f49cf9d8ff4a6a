//! Presence in the model: Microsoft's presence values (`availability`, `activity` of Graph's
//! presence resource) in the words Teams shows, for every place that prints a presence:
//! "Beschäftigt (Im Anruf)", and one word where both say the same ("Offline", not "Offline
//! (Offline)"); a value Microsoft adds later is shown as it came. And what a read of presences
//! saw — for each account a [`Seen`], how far the read is ([`Progress`]), what it gave
//! ([`Readout`]) — with the limits Microsoft documents for reading presence. The reader is
//! [`crate::microsoft::presence`]; the use cases are [`crate::ops::presence`].

use crate::base::i18n::Msg;

/// The message of a presence value; `None` for a value this version does not know.
fn word(value: &str) -> Option<&'static str> {
    Some(match value {
        "Available" => "presence-available",
        "AvailableIdle" => "presence-available-idle",
        "Away" => "presence-away",
        "BeRightBack" => "presence-be-right-back",
        "Busy" => "presence-busy",
        "BusyIdle" => "presence-busy-idle",
        "DoNotDisturb" => "presence-do-not-disturb",
        "Offline" => "presence-offline",
        "PresenceUnknown" => "presence-unknown",
        "InACall" => "presence-in-a-call",
        "InAConferenceCall" => "presence-in-a-conference-call",
        "Inactive" => "presence-inactive",
        "InAMeeting" => "presence-in-a-meeting",
        "OffWork" => "presence-off-work",
        "OutOfOffice" => "presence-out-of-office",
        "Presenting" => "presence-presenting",
        "UrgentInterruptionsOnly" => "presence-urgent-interruptions-only",
        _ => return None,
    })
}

/// One value in words, or as it came.
fn value(msg: Msg, name: &'static str, v: &str) -> Msg {
    match word(v) {
        Some(id) => msg.reference(name, id),
        None => msg.text(name, v),
    }
}

/// A presence in words: availability, and the activity in brackets where it adds something.
pub fn describe(availability: &str, activity: &str) -> Msg {
    if activity.is_empty() || activity == availability {
        value(Msg::new("presence-one"), "availability", availability)
    } else {
        let m = value(Msg::new("presence-two"), "availability", availability);
        value(m, "activity", activity)
    }
}

/// Ids a `getPresencesByUserId` request (Graph's limit).
pub const BATCH: usize = 650;
/// Microsoft's limit of presence reads: 1,500 requests in 30 s per app and tenant (the presence
/// API's page, learn.microsoft.com/graph/api/cloudcommunications-getpresencesbyuserid; the
/// general throttling page says 10,000 — the lower is kept).
pub const WINDOW_REQUESTS: usize = 1_500;
pub const WINDOW: std::time::Duration = std::time::Duration::from_secs(30);
/// Answers of 429 one request is sent again after; beyond that its users are
/// [`Seen::Throttled`].
pub const MAX_RETRIES: u32 = 5;

/// What Microsoft gave for one account.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Seen {
    /// A presence the service can read (Offline included).
    Presence {
        availability: String,
        activity: String,
    },
    /// `PresenceUnknown`: Microsoft keeps no Teams presence for the account.
    Unknown,
    /// Not in Microsoft's answer: the id names no account Graph gives a presence for.
    Missing,
    /// The request was refused (403): the stored consent does not cover reading presence.
    Denied,
    /// Still 429 after [`MAX_RETRIES`] waits.
    Throttled,
    /// Another error answer for the request: Graph's status and code.
    Failed { status: u16, code: String },
    /// Not read: cancelled before its request was answered.
    NotRead,
}

impl Seen {
    /// Whether the service can read a presence for the account.
    pub fn readable(&self) -> bool {
        matches!(self, Seen::Presence { .. })
    }

    /// The presence Microsoft named, in words (`PresenceUnknown` included); `None` where it
    /// named none.
    pub fn words(&self) -> Option<Msg> {
        match self {
            Seen::Presence {
                availability,
                activity,
            } => Some(describe(availability, activity)),
            Seen::Unknown => Some(describe("PresenceUnknown", "")),
            _ => None,
        }
    }
}

/// How far a read is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Accounts whose request has been answered.
    pub read: usize,
    pub total: usize,
    /// HTTP requests Microsoft answered, retries included.
    pub requests: usize,
    /// Answers of 429 waited out.
    pub retries: usize,
    /// The wait Microsoft asked for last, while a request waits.
    pub waiting: Option<std::time::Duration>,
}

impl Progress {
    /// How far in words: users read and requests answered, or the wait Microsoft asked for
    /// (429) and the retries so far.
    pub fn msg(&self) -> Msg {
        match self.waiting {
            Some(wait) => Msg::new("live-progress-waiting")
                .num("read", self.read)
                .num("total", self.total)
                .num("seconds", wait.as_secs().max(1))
                .num("retries", self.retries),
            None => Msg::new("live-progress")
                .num("read", self.read)
                .num("total", self.total)
                .num("requests", self.requests),
        }
    }
}

/// What a read gave: for each id asked, in order, what Microsoft said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readout {
    pub seen: Vec<Seen>,
    /// HTTP requests Microsoft answered (⌈ids/650⌉ plus retries; fewer where cancelled or
    /// refused).
    pub requests: usize,
    pub retries: usize,
    /// Ended by the administrator: the accounts not yet read are [`Seen::NotRead`].
    pub cancelled: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{Lang, Texts};

    #[test]
    fn a_presence_reads_as_teams_shows_it() {
        let de = Texts::new(Lang::De);
        let en = Texts::new(Lang::En);
        assert_eq!(de.msg(&describe("Offline", "Offline")), "Offline");
        assert_eq!(
            de.msg(&describe("Busy", "InACall")),
            "Beschäftigt (Im Anruf)"
        );
        assert_eq!(en.msg(&describe("Busy", "InACall")), "Busy (In a call)");
        assert_eq!(en.msg(&describe("Away", "")), "Away");
        assert_eq!(en.msg(&describe("Elsewhere", "Afk")), "Elsewhere (Afk)");
    }
}
