//! Microsoft's presence values (`availability`, `activity` of Graph's presence resource) in the
//! words Teams shows, for every place that prints a presence: "Beschäftigt (Im Anruf)", and one
//! word where both say the same ("Offline", not "Offline (Offline)"). A value Microsoft adds later
//! is shown as it came.

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
