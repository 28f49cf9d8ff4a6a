//! The three-way merge of msteams.cfg: the values as the window loaded them (base), as edited in
//! the window (mine) and as another program left them on disk (theirs). Only what the
//! administrator changed in the window is written, into the file as it is now; a key changed on
//! both sides to different values is a [`Conflict`] that the administrator decides.

use super::{ActivationMode, Cloud, Settings};
use crate::validate::Field;

/// Every key of msteams.cfg the pane owns, in the order the window shows them.
pub const FIELDS: [Field; 9] = super::keys::FIELDS;

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
    match field {
        Field::TenantId => s.tenant_id.clone(),
        Field::Cloud => s.cloud.key().to_owned(),
        Field::CustomLoginUrl => s.custom_login_url.clone(),
        Field::CustomGraphUrl => s.custom_graph_url.clone(),
        Field::ClientId => s.client_id.clone(),
        Field::Proxy => s.proxy.clone(),
        Field::Activation => s.activation.mode.key().to_owned(),
        Field::Groups => s.activation.groups.join(", "),
        Field::Users => s.activation.users.join(", "),
    }
}

/// Copies the value of `field` from `from` into `to`.
pub fn take(to: &mut Settings, from: &Settings, field: Field) {
    match field {
        Field::TenantId => to.tenant_id.clone_from(&from.tenant_id),
        Field::Cloud => to.cloud = from.cloud,
        Field::CustomLoginUrl => to.custom_login_url.clone_from(&from.custom_login_url),
        Field::CustomGraphUrl => to.custom_graph_url.clone_from(&from.custom_graph_url),
        Field::ClientId => to.client_id.clone_from(&from.client_id),
        Field::Proxy => to.proxy.clone_from(&from.proxy),
        Field::Activation => to.activation.mode = from.activation.mode,
        Field::Groups => to.activation.groups.clone_from(&from.activation.groups),
        Field::Users => to.activation.users.clone_from(&from.activation.users),
    }
}

/// Whether two values of `field` mean the same to the service: spaces around them aside, and
/// letter case aside where the service ignores it (GUIDs and domains).
fn same(field: Field, a: &Settings, b: &Settings) -> bool {
    let (x, y) = (value(a, field), value(b, field));
    let (x, y) = (x.trim(), y.trim());
    match field {
        Field::TenantId | Field::ClientId => x.eq_ignore_ascii_case(y),
        Field::Groups => a.activation.groups == b.activation.groups,
        Field::Users => a.activation.users == b.activation.users,
        _ => x == y,
    }
}

/// Merges the window's changes (`mine` against `base`) into the file as it is now (`theirs`).
pub fn merge(base: &Settings, mine: &Settings, theirs: &Settings) -> Merged {
    let mut settings = theirs.clone();
    let mut conflicts = Vec::new();
    let mut from_file = Vec::new();
    for field in FIELDS {
        let changed_here = !same(field, base, mine);
        let changed_there = !same(field, base, theirs);
        match (changed_here, changed_there) {
            (true, true) if !same(field, mine, theirs) => {
                take(&mut settings, mine, field);
                conflicts.push(Conflict {
                    field,
                    base: value(base, field),
                    mine: value(mine, field),
                    theirs: value(theirs, field),
                });
            }
            (true, _) => take(&mut settings, mine, field),
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
    match field {
        Field::Cloud => Cloud::from_key(v).map(Cloud::label_id),
        Field::Activation => ActivationMode::from_key(v).map(ActivationMode::label_id),
        _ => None,
    }
}

/// The keys the service reads only at start ([`super::keys::read_at_start`]) whose values
/// differ between `before` and `after`, in the window's order: what a restart of the service must
/// pick up.
pub fn restart_needed(before: &Settings, after: &Settings) -> Vec<Field> {
    super::keys::KEYS
        .iter()
        .filter(|k| k.read_at_start && value(before, k.field) != value(after, k.field))
        .map(|k| k.field)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
