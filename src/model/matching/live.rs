//! The live presence in the preview's terms: which Teams accounts the service will follow (the
//! matched rows), what a read gave for each, why an account has no readable presence and what to
//! do, the counts by state, and the capacity against the limits Microsoft documents for reading
//! and for change notifications. Shared by the window and `matching presence`; the read itself is
//! [`crate::ops::presence::read_all`]'s, what it saw the model's ([`crate::model::presence`]).

use super::preview::{Preview, TenantUser};
use crate::base::i18n::Msg;
use crate::model::presence::{BATCH, MAX_RETRIES, Readout, Seen, WINDOW_REQUESTS};
use rustc_hash::FxHashMap;

/// Users one presence subscription can follow; one subscription per user and app, delegated
/// only, at most an hour (learn.microsoft.com/graph/changenotifications-for-presence).
pub const SUBSCRIPTION_USERS: usize = 650;

/// The accounts the service will follow: the tenant list's index of every matched row, each once,
/// in the tenant list's order.
pub fn targets(p: &Preview) -> Vec<usize> {
    let mut t: Vec<usize> = p.rows.iter().filter_map(|r| r.result.tenant()).collect();
    t.sort_unstable();
    t.dedup();
    t
}

/// A read as the preview keeps it: what each account (tenant list index) gave, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Live {
    seen: FxHashMap<usize, Seen>,
    pub read_at: String,
    pub requests: usize,
    pub retries: usize,
    pub cancelled: bool,
}

impl Live {
    /// `readout` of the ids of `targets` (in that order), read at `read_at`.
    pub fn new(targets: &[usize], readout: Readout, read_at: String) -> Self {
        Self {
            seen: targets.iter().copied().zip(readout.seen).collect(),
            read_at,
            requests: readout.requests,
            retries: readout.retries,
            cancelled: readout.cancelled,
        }
    }

    /// What the account gave; an account matched only since the read was not read.
    pub fn seen(&self, tenant: usize) -> &Seen {
        self.seen.get(&tenant).unwrap_or(&Seen::NotRead)
    }
}

/// Why an account has no readable presence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// `PresenceUnknown`: mostly no Teams licence.
    NoTeams,
    /// A guest account (`#EXT#` in its UPN) without a presence here.
    Guest,
    /// Not in Microsoft's answer: disabled, deleted, or changed since the list was read.
    Missing,
    /// 403: the stored consent does not cover reading presence.
    Denied,
    Throttled,
    Failed,
    NotRead,
}

impl Why {
    pub const ALL: [Why; 7] = [
        Why::NoTeams,
        Why::Guest,
        Why::Missing,
        Why::Denied,
        Why::Throttled,
        Why::Failed,
        Why::NotRead,
    ];

    /// Why `seen` is no readable presence for the account `upn`; `None` where it is one.
    pub fn of(seen: &Seen, upn: &str) -> Option<Why> {
        let guest = upn
            .as_bytes()
            .windows(5)
            .any(|w| w.eq_ignore_ascii_case(b"#EXT#"));
        Some(match seen {
            Seen::Presence { .. } => return None,
            Seen::Unknown | Seen::Missing if guest => Why::Guest,
            Seen::Unknown => Why::NoTeams,
            Seen::Missing => Why::Missing,
            Seen::Denied => Why::Denied,
            Seen::Throttled => Why::Throttled,
            Seen::Failed { .. } => Why::Failed,
            Seen::NotRead => Why::NotRead,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Why::NoTeams => "no-teams",
            Why::Guest => "guest",
            Why::Missing => "missing",
            Why::Denied => "denied",
            Why::Throttled => "throttled",
            Why::Failed => "failed",
            Why::NotRead => "not-read",
        }
    }

    /// The reason in a few words (a table cell).
    pub fn short(self) -> Msg {
        Msg::new(match self {
            Why::NoTeams => "live-short-no-teams",
            Why::Guest => "live-short-guest",
            Why::Missing => "live-short-missing",
            Why::Denied => "live-short-denied",
            Why::Throttled => "live-short-throttled",
            Why::Failed => "live-short-failed",
            Why::NotRead => "live-short-not-read",
        })
    }

    /// The reason in a sentence with `count` accounts, and what to do.
    pub fn msg(self, count: usize) -> Msg {
        let id = match self {
            Why::NoTeams => "live-why-no-teams",
            Why::Guest => "live-why-guest",
            Why::Missing => "live-why-missing",
            Why::Denied => "live-why-denied",
            Why::Throttled => "live-why-throttled",
            Why::Failed => "live-why-failed",
            Why::NotRead => "live-why-not-read",
        };
        Msg::new(id).num("count", count).num("retries", MAX_RETRIES)
    }
}

/// What one matched row shows: the presence in words, or why there is none.
pub fn cell(seen: &Seen, upn: &str) -> (Msg, Option<Why>) {
    match (seen, Why::of(seen, upn)) {
        (
            Seen::Presence {
                availability,
                activity,
            },
            _,
        ) => (
            crate::model::presence::describe(availability, activity),
            None,
        ),
        (Seen::Failed { status, code }, Some(why)) => (
            Msg::new("live-short-failed-code")
                .num("status", *status)
                .text("code", code),
            Some(why),
        ),
        (_, Some(why)) => (why.short(), Some(why)),
        (_, None) => (Msg::new("live-short-not-read"), Some(Why::NotRead)),
    }
}

/// The counts of a read over the matched rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Matched rows (users the service will follow).
    pub matched: usize,
    pub readable: usize,
    /// Readable rows by availability, most first.
    pub by_availability: Vec<(String, usize)>,
    /// Rows without a readable presence by reason, in [`Why::ALL`]'s order.
    pub without: Vec<(Why, usize)>,
}

impl Summary {
    pub fn of(p: &Preview, tenant: &[TenantUser], live: &Live) -> Self {
        let mut by: FxHashMap<&str, usize> = FxHashMap::default();
        let mut without: FxHashMap<Why, usize> = FxHashMap::default();
        let mut s = Summary::default();
        for t in p.rows.iter().filter_map(|r| r.result.tenant()) {
            s.matched += 1;
            let seen = live.seen(t);
            match (seen, Why::of(seen, &tenant[t].upn)) {
                (Seen::Presence { availability, .. }, _) => {
                    s.readable += 1;
                    *by.entry(availability.as_str()).or_default() += 1;
                }
                (_, why) => *without.entry(why.unwrap_or(Why::NotRead)).or_default() += 1,
            }
        }
        s.by_availability = by.into_iter().map(|(a, n)| (a.to_owned(), n)).collect();
        s.by_availability
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        s.without = Why::ALL
            .into_iter()
            .filter_map(|w| without.get(&w).map(|&n| (w, n)))
            .collect();
        s
    }

    /// "9 zugeordnete Benutzer: 7 mit lesbarer Präsenz, 2 ohne (1 Anfrage, keine Wiederholung)."
    pub fn msg(&self, live: &Live) -> Msg {
        Msg::new(if live.cancelled {
            "live-summary-cancelled"
        } else {
            "live-summary"
        })
        .num("matched", self.matched)
        .num("readable", self.readable)
        .num("without", self.matched - self.readable)
        .num("requests", live.requests)
        .num("retries", live.retries)
        .text("time", live.read_at.clone())
    }

    /// The states and their counts in one line ("Verfügbar: 3 · Abwesend: 1"); empty without a
    /// readable presence.
    pub fn states(&self, t: &crate::base::i18n::Texts) -> String {
        let states: Vec<String> = self
            .by_availability
            .iter()
            .map(|(a, n)| {
                let m = Msg::new("live-state-count")
                    .inner("state", crate::model::presence::describe(a, ""))
                    .num("count", *n);
                t.msg(&m)
            })
            .collect();
        states.join(" · ")
    }
}

/// How the accounts the service will follow stand against Microsoft's documented limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Capacity {
    pub users: usize,
    /// Requests one read of all takes (650 ids each).
    pub requests_per_read: usize,
    /// Reads of all that fit in Microsoft's 1,500 requests per 30 seconds ([`WINDOW_REQUESTS`] in
    /// [`crate::model::presence::WINDOW`]).
    pub reads_per_window: usize,
    /// Presence subscriptions following them all would take (650 users each; one per account).
    pub subscriptions: usize,
}

impl Capacity {
    pub fn of(users: usize) -> Self {
        let requests_per_read = users.div_ceil(BATCH);
        Self {
            users,
            requests_per_read,
            reads_per_window: WINDOW_REQUESTS
                .checked_div(requests_per_read)
                .unwrap_or(WINDOW_REQUESTS),
            subscriptions: users.div_ceil(SUBSCRIPTION_USERS),
        }
    }

    /// More than one read of all cannot be done within Microsoft's 1,500 requests in 30 s.
    pub fn beyond_reads(&self) -> bool {
        self.reads_per_window == 0
    }

    /// More users than one account's presence subscription can follow.
    pub fn beyond_subscription(&self) -> bool {
        self.users > SUBSCRIPTION_USERS
    }

    /// What to say: the figures, then a warning for each limit the tenant is beyond.
    pub fn msgs(&self) -> Vec<(Msg, bool)> {
        let mut out = vec![(
            Msg::new("live-capacity")
                .num("users", self.users)
                .num("requests", self.requests_per_read)
                .num("reads", self.reads_per_window),
            false,
        )];
        if self.beyond_reads() {
            out.push((
                Msg::new("live-capacity-beyond-reads").num("requests", self.requests_per_read),
                true,
            ));
        }
        if self.beyond_subscription() {
            out.push((
                Msg::new("live-capacity-beyond-subscription")
                    .num("users", self.users)
                    .num("subscriptions", self.subscriptions),
                true,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_follows_microsofts_documented_limits() {
        let c = Capacity::of(100_000);
        assert_eq!(
            (c.requests_per_read, c.reads_per_window, c.subscriptions),
            (154, 9, 154)
        );
        assert!(c.beyond_subscription() && !c.beyond_reads());
        let small = Capacity::of(650);
        assert_eq!((small.requests_per_read, small.subscriptions), (1, 1));
        assert!(!small.beyond_subscription());
        assert!(Capacity::of(650 * 1500 + 1).beyond_reads());
        assert_eq!(Capacity::of(0).requests_per_read, 0);
    }

    #[test]
    fn a_guest_without_presence_is_named_a_guest() {
        let guest = "anna_partner.de#EXT#@musterfirma.onmicrosoft.com";
        assert_eq!(Why::of(&Seen::Unknown, guest), Some(Why::Guest));
        assert_eq!(Why::of(&Seen::Unknown, "a@b.de"), Some(Why::NoTeams));
        assert_eq!(Why::of(&Seen::Missing, "a@b.de"), Some(Why::Missing));
        let p = Seen::Presence {
            availability: "Offline".into(),
            activity: "Offline".into(),
        };
        assert_eq!(Why::of(&p, guest), None);
    }
}
