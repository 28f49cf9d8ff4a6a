//! The alert rules of `watch check` as one pure function: from the state the last run left, what
//! this run observed, the time and the settings, to the new state and the alerts to send. No I/O
//! and no clock here: the use case ([`crate::ops::watch`]) reads and writes the state file and
//! sends; this decides.
//!
//! The rules: an alert on a change of state, not on every run — when it breaks (one), a reminder
//! while it stays broken (once every [`Rules::remind_hours`]), when it recovers (one); an outage
//! (Microsoft unreachable) counts only after [`Rules::outage_runs`] checks in a row, so a blip is
//! no page at night; a warning before a known end (password, unused consent, credential) once,
//! [`Rules::warn_working_days`] working days (Monday to Friday) before it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

/// What a check found, reduced to what the rules distinguish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Both consents work.
    Authorized,
    /// A consent was never given (auth required, read only, write only).
    Incomplete,
    /// "Zustimmung des Benutzers" must be given again.
    ReconsentUser,
    /// "Zustimmung des Administrators" must be given again.
    ReconsentAdmin,
    /// Microsoft cannot be reached (an outage, not a consent).
    Unreachable,
    /// The configuration is wrong.
    Misconfigured,
}

impl Condition {
    pub fn is_ok(self) -> bool {
        self == Condition::Authorized
    }
}

/// What will break, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// The consenting account's password reaches its maximum age (the policy's).
    Password,
    /// The refresh token was not used for long: it lapses 90 days after its last use.
    ConsentUnused,
    /// The app's client secret or certificate ends.
    Credential,
}

/// A known end ahead.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub kind: WarningKind,
    /// When it breaks.
    pub due: DateTime<Utc>,
}

impl Warning {
    /// What identifies this end: a renewed credential or a changed password is a new one.
    pub fn key(&self) -> String {
        let kind = match self.kind {
            WarningKind::Password => "password",
            WarningKind::ConsentUnused => "unused-consent",
            WarningKind::Credential => "credential",
        };
        format!("{kind}@{}", self.due.date_naive())
    }
}

/// What this run observed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    pub condition: Condition,
    pub warnings: Vec<Warning>,
}

/// The settings of the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rules {
    /// Checks in a row Microsoft must be unreachable before it is an alert.
    pub outage_runs: u32,
    /// Hours between reminders while it stays broken.
    pub remind_hours: u32,
    /// Working days before a known end that it is announced.
    pub warn_working_days: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            outage_runs: 3,
            remind_hours: 24,
            warn_working_days: 5,
        }
    }
}

/// What the last runs left: kept in the folder between runs (no secret in it).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct State {
    /// The condition the administrator was last told of (none yet: healthy, nothing told).
    pub reported: Option<Condition>,
    /// When that condition was first reported.
    pub reported_since: Option<DateTime<Utc>>,
    /// When the last alert or reminder about it went out.
    pub last_alert: Option<DateTime<Utc>>,
    /// Unreachable checks in a row, this one included.
    pub outage_runs: u32,
    /// The known ends already announced ([`Warning::key`]).
    pub announced: Vec<String>,
}

/// Why an alert goes out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "alert", rename_all = "kebab-case")]
pub enum Alert {
    /// It broke (or broke differently): `condition` is what it is now.
    Broken { condition: Condition },
    /// Still broken, since `since`.
    Reminder {
        condition: Condition,
        since: DateTime<Utc>,
    },
    /// Working again after `was`.
    Recovered { was: Condition },
    /// A known end ahead.
    Expiring { warning: Warning },
}

impl Alert {
    /// The condition an alert is about (a warning's: authorized).
    pub fn condition(&self) -> Condition {
        match self {
            Alert::Broken { condition } | Alert::Reminder { condition, .. } => *condition,
            Alert::Recovered { .. } => Condition::Authorized,
            Alert::Expiring { .. } => Condition::Authorized,
        }
    }
}

/// Nagios' exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Nagios {
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}

/// The state after this run, and the alerts it sends.
pub fn step(
    prev: &State,
    seen: &Observed,
    now: DateTime<Utc>,
    rules: &Rules,
) -> (State, Vec<Alert>) {
    let mut next = prev.clone();
    let mut alerts = Vec::new();
    let remind = Duration::hours(i64::from(rules.remind_hours.max(1)));
    let condition = seen.condition;
    next.outage_runs = match condition {
        Condition::Unreachable => prev.outage_runs.saturating_add(1),
        _ => 0,
    };
    // An outage shorter than the rule's runs leaves the state as it was told.
    let counts =
        condition != Condition::Unreachable || next.outage_runs >= rules.outage_runs.max(1);
    if counts {
        let told = prev.reported.unwrap_or(Condition::Authorized);
        if condition.is_ok() {
            if !told.is_ok() {
                alerts.push(Alert::Recovered { was: told });
            }
            next.reported = None;
            next.reported_since = None;
            next.last_alert = None;
        } else if told != condition {
            alerts.push(Alert::Broken { condition });
            next.reported = Some(condition);
            next.reported_since = Some(now);
            next.last_alert = Some(now);
        } else if prev.last_alert.is_none_or(|at| now - at >= remind) {
            alerts.push(Alert::Reminder {
                condition,
                since: prev.reported_since.unwrap_or(now),
            });
            next.last_alert = Some(now);
        }
    }
    // Known ends: announced once, N working days before; forgotten once they are no longer seen.
    let today = now.date_naive();
    let keys: Vec<String> = seen.warnings.iter().map(Warning::key).collect();
    next.announced.retain(|k| keys.contains(k));
    for (w, key) in seen.warnings.iter().zip(keys) {
        if next.announced.contains(&key) {
            continue;
        }
        if working_days_between(today, w.due.date_naive()) <= i64::from(rules.warn_working_days) {
            alerts.push(Alert::Expiring { warning: w.clone() });
            next.announced.push(key);
        }
    }
    (next, alerts)
}

/// The monitoring verdict of a run: OK; WARNING for a known end within the warning time or an
/// outage not yet long enough to count; CRITICAL when broken.
pub fn nagios(state: &State, seen: &Observed, now: DateTime<Utc>, rules: &Rules) -> Nagios {
    match seen.condition {
        Condition::Authorized => {
            let near = seen.warnings.iter().any(|w| {
                working_days_between(now.date_naive(), w.due.date_naive())
                    <= i64::from(rules.warn_working_days)
            });
            if near { Nagios::Warning } else { Nagios::Ok }
        }
        Condition::Unreachable if state.outage_runs < rules.outage_runs.max(1) => Nagios::Warning,
        _ => Nagios::Critical,
    }
}

/// Working days (Monday to Friday) from `from` (excluded) to `to` (included); 0 or less when
/// `to` is not after `from`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    if to <= from {
        return (to - from).num_days().min(0);
    }
    let mut n = 0;
    let mut d = from;
    // At most a few years are ever asked for; a week at a time for the rest.
    while d < to {
        d = d.succ_opt().unwrap_or(to);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            n += 1;
        }
        if (to - d).num_days() > 3650 {
            return n + (to - d).num_days() * 5 / 7;
        }
    }
    n
}

/// The working day before `due`: when to renew so that the outage is short ("am Werktag davor").
pub fn working_day_before(due: NaiveDate) -> NaiveDate {
    let mut d = due.pred_opt().unwrap_or(due);
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d = d.pred_opt().unwrap_or(d);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use Condition::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        // 2026-06-01 is a Monday.
        chrono::NaiveDate::from_ymd_opt(2026, 6, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
            .and_utc()
    }

    fn seen(condition: Condition) -> Observed {
        Observed {
            condition,
            warnings: vec![],
        }
    }

    /// Runs `conditions` every 15 minutes from `start`; the alerts of each run.
    fn run(start: DateTime<Utc>, conditions: &[Condition]) -> (State, Vec<Vec<Alert>>) {
        let rules = Rules::default();
        let mut state = State::default();
        let mut out = vec![];
        for (i, c) in conditions.iter().enumerate() {
            let now = start + Duration::minutes(15 * i as i64);
            let (s, a) = step(&state, &seen(*c), now, &rules);
            state = s;
            out.push(a);
        }
        (state, out)
    }

    #[test]
    fn healthy_runs_alert_nothing() {
        let (state, alerts) = run(at(1, 8), &[Authorized; 10]);
        assert!(alerts.iter().all(Vec::is_empty));
        assert_eq!(state, State::default());
    }

    #[test]
    fn every_broken_condition_alerts_once_then_recovers_once() {
        for broken in [Incomplete, ReconsentUser, ReconsentAdmin, Misconfigured] {
            let (state, alerts) = run(
                at(1, 8),
                &[Authorized, broken, broken, broken, Authorized, Authorized],
            );
            assert_eq!(alerts[0], vec![]);
            assert_eq!(
                alerts[1],
                vec![Alert::Broken { condition: broken }],
                "{broken:?}"
            );
            assert_eq!(alerts[2], vec![]);
            assert_eq!(alerts[3], vec![]);
            assert_eq!(alerts[4], vec![Alert::Recovered { was: broken }]);
            assert_eq!(alerts[5], vec![]);
            assert_eq!(state.reported, None);
        }
    }

    #[test]
    fn the_first_run_broken_alerts() {
        let (_, alerts) = run(at(1, 8), &[ReconsentUser]);
        assert_eq!(
            alerts[0],
            vec![Alert::Broken {
                condition: ReconsentUser
            }]
        );
    }

    #[test]
    fn a_change_from_one_break_to_another_alerts() {
        let (_, alerts) = run(at(1, 8), &[ReconsentUser, ReconsentAdmin, ReconsentAdmin]);
        assert_eq!(
            alerts[1],
            vec![Alert::Broken {
                condition: ReconsentAdmin
            }]
        );
        assert_eq!(alerts[2], vec![]);
    }

    #[test]
    fn a_week_broken_is_one_alert_and_six_reminders() {
        let runs = 7 * 24 * 4; // every 15 minutes for 7 days
        let (_, alerts) = run(at(1, 8), &vec![ReconsentUser; runs]);
        let all: Vec<&Alert> = alerts.iter().flatten().collect();
        assert_eq!(all.len(), 7, "{all:?}");
        assert_eq!(
            all[0],
            &Alert::Broken {
                condition: ReconsentUser
            }
        );
        for (i, a) in all[1..].iter().enumerate() {
            assert_eq!(
                *a,
                &Alert::Reminder {
                    condition: ReconsentUser,
                    since: at(1, 8)
                },
                "reminder {i}"
            );
        }
        // The reminders come a day apart.
        let runs_with: Vec<usize> = alerts
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.is_empty())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(runs_with, vec![0, 96, 192, 288, 384, 480, 576]);
    }

    #[test]
    fn an_outage_counts_after_three_runs_in_a_row() {
        let (_, alerts) = run(
            at(1, 8),
            &[
                Unreachable,
                Authorized,
                Unreachable,
                Unreachable,
                Authorized,
            ],
        );
        assert!(alerts.iter().all(Vec::is_empty), "{alerts:?}");
        let (state, alerts) = run(
            at(1, 8),
            &[
                Unreachable,
                Unreachable,
                Unreachable,
                Unreachable,
                Authorized,
            ],
        );
        assert_eq!(alerts[0], vec![]);
        assert_eq!(alerts[1], vec![]);
        assert_eq!(
            alerts[2],
            vec![Alert::Broken {
                condition: Unreachable
            }]
        );
        assert_eq!(alerts[3], vec![]);
        assert_eq!(alerts[4], vec![Alert::Recovered { was: Unreachable }]);
        assert_eq!(state.outage_runs, 0);
    }

    #[test]
    fn a_short_outage_while_broken_neither_recovers_nor_reminds() {
        let (state, alerts) = run(
            at(1, 8),
            &[ReconsentUser, Unreachable, Unreachable, ReconsentUser],
        );
        assert_eq!(alerts[1..], [vec![], vec![], vec![]]);
        assert_eq!(state.reported, Some(ReconsentUser));
        assert_eq!(state.reported_since, Some(at(1, 8)));
    }

    #[test]
    fn nagios_codes() {
        let rules = Rules::default();
        let s = State::default();
        let now = at(1, 8);
        assert_eq!(nagios(&s, &seen(Authorized), now, &rules), Nagios::Ok);
        assert_eq!(
            nagios(&s, &seen(ReconsentUser), now, &rules),
            Nagios::Critical
        );
        let blip = State {
            outage_runs: 1,
            ..State::default()
        };
        assert_eq!(
            nagios(&blip, &seen(Unreachable), now, &rules),
            Nagios::Warning
        );
        let long = State {
            outage_runs: 3,
            ..State::default()
        };
        assert_eq!(
            nagios(&long, &seen(Unreachable), now, &rules),
            Nagios::Critical
        );
        let soon = Observed {
            condition: Authorized,
            warnings: vec![Warning {
                kind: WarningKind::Credential,
                due: at(5, 0),
            }],
        };
        assert_eq!(nagios(&s, &soon, now, &rules), Nagios::Warning);
        let later = Observed {
            condition: Authorized,
            warnings: vec![Warning {
                kind: WarningKind::Credential,
                due: at(30, 0),
            }],
        };
        assert_eq!(nagios(&s, &later, now, &rules), Nagios::Ok);
    }

    #[test]
    fn a_known_end_is_announced_once_five_working_days_before() {
        let rules = Rules::default();
        // Due Monday 15 June: five working days before is Monday 8 June.
        let w = Warning {
            kind: WarningKind::Password,
            due: at(15, 9),
        };
        let seen = Observed {
            condition: Authorized,
            warnings: vec![w.clone()],
        };
        let mut state = State::default();
        let mut days = vec![];
        for day in 1..=20 {
            let (s, a) = step(&state, &seen, at(day, 9), &rules);
            state = s;
            if !a.is_empty() {
                assert_eq!(a, vec![Alert::Expiring { warning: w.clone() }]);
                days.push(day);
            }
        }
        assert_eq!(days, vec![8]);
        // A renewed password (a new end) is a new announcement; the old key is forgotten.
        let renewed = Warning {
            kind: WarningKind::Password,
            due: at(25, 9),
        };
        let (s, a) = step(
            &state,
            &Observed {
                condition: Authorized,
                warnings: vec![renewed.clone()],
            },
            at(20, 9),
            &rules,
        );
        assert_eq!(
            a,
            vec![Alert::Expiring {
                warning: renewed.clone()
            }]
        );
        assert_eq!(s.announced, vec![renewed.key()]);
    }

    #[test]
    fn working_days() {
        let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 6, day).unwrap();
        assert_eq!(working_days_between(d(1), d(1)), 0);
        assert_eq!(working_days_between(d(1), d(2)), 1);
        assert_eq!(working_days_between(d(5), d(8)), 1); // Friday → Monday
        assert_eq!(working_days_between(d(1), d(15)), 10);
        assert_eq!(working_days_between(d(8), d(1)), -7);
        assert_eq!(working_day_before(d(8)), d(5)); // Monday → Friday
        assert_eq!(working_day_before(d(10)), d(9));
    }
}
