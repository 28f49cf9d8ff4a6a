//! The three-way merge of msteams.cfg: the values as the window loaded them (base), as edited in
//! the window (mine) and as another program left them on disk (theirs). Only what the
//! administrator changed in the window is written, into the file as it is now; a key changed on
//! both sides to different values is a [`Conflict`] that the administrator decides.

use super::Settings;
use super::keys::{self, KEYS};
use crate::model::validate::Field;

/// A key changed in the window and on disk to different values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub field: Field,
    /// The value as the window loaded it.
    pub base: String,
    /// The value as edited in the window.
    pub mine: String,
    /// The value in the file now.
    pub theirs: String,
}

/// The outcome of [`merge`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The merged values; a conflicting key holds the window's value until decided.
    pub settings: Settings,
    pub conflicts: Vec<Conflict>,
    /// Keys that another program changed and the window takes over.
    pub from_file: Vec<Field>,
}

/// The value of `field` as the window shows it (lists joined with ", ").
pub fn value(s: &Settings, field: Field) -> String {
    keys::of(field).shown_value(s)
}

/// Copies the value of `field` from `from` into `to`.
pub fn take(to: &mut Settings, from: &Settings, field: Field) {
    keys::of(field).take(to, from);
}

/// Merges the window's changes (`mine` against `base`) into the file as it is now (`theirs`).
pub fn merge(base: &Settings, mine: &Settings, theirs: &Settings) -> Merged {
    let mut settings = theirs.clone();
    let mut conflicts = Vec::new();
    let mut from_file = Vec::new();
    for key in KEYS {
        let field = key.field;
        let changed_here = !key.same(base, mine);
        let changed_there = !key.same(base, theirs);
        match (changed_here, changed_there) {
            (true, true) if !key.same(mine, theirs) => {
                key.take(&mut settings, mine);
                conflicts.push(Conflict {
                    field,
                    base: value(base, field),
                    mine: value(mine, field),
                    theirs: value(theirs, field),
                });
            }
            (true, _) => key.take(&mut settings, mine),
            (false, true) => from_file.push(field),
            (false, false) => {}
        }
    }
    Merged {
        settings,
        conflicts,
        from_file,
    }
}

/// Whether `field` is shown with the names of its values (cloud, activation mode) rather than
/// as typed.
pub fn named_value(field: Field, v: &str) -> Option<&'static str> {
    keys::of(field).named_value(v)
}

/// The keys the service reads only at start ([`super::keys::read_at_start`]) whose values
/// differ between `before` and `after`, in the window's order: what a restart of the service must
/// pick up.
pub fn restart_needed(before: &Settings, after: &Settings) -> Vec<Field> {
    KEYS.iter()
        .filter(|k| k.read_at_start && k.shown_value(before) != k.shown_value(after))
        .map(|k| k.field)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::ActivationMode;

    fn s(proxy: &str, mode: ActivationMode, groups: &[&str]) -> Settings {
        let mut s = Settings {
            proxy: proxy.into(),
            ..Default::default()
        };
        s.activation.mode = mode;
        s.activation.groups = groups.iter().map(|g| g.to_string()).collect();
        s
    }

    #[test]
    fn changes_on_different_keys_are_both_kept() {
        let base = s("", ActivationMode::Off, &[]);
        let mine = s("proxy:8080", ActivationMode::Off, &[]);
        let theirs = s("", ActivationMode::Groups, &["Vertrieb", "Technik"]);
        let m = merge(&base, &mine, &theirs);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.settings.proxy, "proxy:8080");
        assert_eq!(m.settings.activation.mode, ActivationMode::Groups);
        assert_eq!(m.settings.activation.groups, ["Vertrieb", "Technik"]);
        assert_eq!(m.from_file, [Field::Activation, Field::Groups]);
    }

    #[test]
    fn the_same_key_changed_to_different_values_is_a_conflict() {
        let base = s("old:1", ActivationMode::Off, &[]);
        let mine = s("mine:2", ActivationMode::Off, &[]);
        let theirs = s("theirs:3", ActivationMode::Off, &[]);
        let m = merge(&base, &mine, &theirs);
        assert_eq!(
            m.conflicts,
            [Conflict {
                field: Field::Proxy,
                base: "old:1".into(),
                mine: "mine:2".into(),
                theirs: "theirs:3".into(),
            }]
        );
        // The same change on both sides is no conflict.
        let m = merge(&base, &mine, &mine);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.settings, mine);
    }
}
