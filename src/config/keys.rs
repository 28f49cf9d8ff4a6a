//! One definition per key of msteams.cfg the pane owns: its name in the file and the field of the
//! window, command line and validation it belongs to, in the order the window shows them. The
//! merge's list of keys, the audit trail's key names, the duplicate-key check and the named
//! constants (`KEY_TENANT_ID` …) come from [`KEYS`]. A key's value is read and rendered by its
//! constant in `config/mod.rs`, and the merge's per-field access is an exhaustive match on
//! [`Field`]: a new key is an entry here, a `Field` (the compiler then names the matches), and its
//! line in reading and rendering.

use crate::validate::Field;

/// A key of msteams.cfg the pane reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub field: Field,
    /// The key in msteams.cfg.
    pub name: &'static str,
    /// The UCServer service reads this key only when it starts (the setup guide: stop, edit,
    /// start): a saved change takes effect after a restart of the service, and the window and
    /// `config set` say so, naming the key.
    pub read_at_start: bool,
}

/// Every key the pane owns, in the window's order.
pub const KEYS: [Key; 9] = [
    // The "Active Directory Tenant ID" (GUID or verified domain).
    key(Field::TenantId, "u8sTenantId"),
    // `global`, `usgov`, `usgov-dod`, `china` or `custom`.
    key(Field::Cloud, "u8sCloud"),
    // Login base URL when the cloud is `custom` (e.g. the local emulator).
    key(Field::CustomLoginUrl, "u8sCustomLoginUrl"),
    // Graph base URL when the cloud is `custom`.
    key(Field::CustomGraphUrl, "u8sCustomGraphUrl"),
    // Application (client) id of an own app registration; absent = the estos app.
    key(Field::ClientId, "u8sClientId"),
    // Web proxy `host:port`, exactly as the setup guide names it.
    key(Field::Proxy, "u8sProxyAddress"),
    // `off`, `global`, `groups` or `users`.
    key(Field::Activation, "u8sActivationMode"),
    // UCServer group names, used when the mode is `groups`.
    key(Field::Groups, "au8sActivationGroups"),
    // UCServer user names, used when the mode is `users`.
    key(Field::Users, "au8sActivationUsers"),
];

/// A key the service reads only when it starts (every key of msteams.cfg today: the service
/// reads the file once, at its start). A key the service reads again while it runs would be
/// written with `read_at_start: false`.
const fn key(field: Field, name: &'static str) -> Key {
    Key {
        field,
        name,
        read_at_start: true,
    }
}

/// The fields of [`KEYS`], in the window's order.
pub const FIELDS: [Field; KEYS.len()] = {
    let mut out = [Field::TenantId; KEYS.len()];
    let mut i = 0;
    while i < KEYS.len() {
        out[i] = KEYS[i].field;
        i += 1;
    }
    out
};

/// The name in msteams.cfg of `field`'s key.
pub fn name(field: Field) -> &'static str {
    KEYS.iter()
        .find(|k| k.field == field)
        .map(|k| k.name)
        .expect("every field has a key")
}

/// Whether the service reads `field`'s key only when it starts.
pub fn read_at_start(field: Field) -> bool {
    KEYS.iter().any(|k| k.field == field && k.read_at_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_key_and_every_key_one_field() {
        for (i, a) in KEYS.iter().enumerate() {
            for b in &KEYS[i + 1..] {
                assert!(a.field != b.field && a.name != b.name, "{a:?} {b:?}");
            }
            assert_eq!(name(a.field), a.name);
        }
    }
}
