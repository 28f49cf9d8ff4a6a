//! One definition per key of msteams.cfg the pane owns (the model is ripgrep's `flags/defs.rs`):
//! its name in the file, its field (and so its label), how its value is read from the settings and
//! written into them, how it is validated, rendered and merged, whether it holds personal data
//! (audit trail, support bundle), whether the service reads it only at start, what `config show`
//! prints for it and whether `config set`/`config clear` may change it — and its test beside it.
//!
//! Parsing, rendering, the merge, the audit trail, the support bundle, `config show/set/clear`,
//! the duplicate-key check and the window's text rows iterate [`KEYS`]; nothing else names a
//! key's position. A new text key is one `Key` constant here with its place in [`KEYS`] (its value
//! in `Settings::texts`, its field `Field::Text`, its row `Row::Text`) and two lines in each .ftl
//! file (label and hint); see docs/architecture.md, "How to add a key".

use super::{ActivationMode, Cloud, Settings};
use crate::model::validate::{self, Field, Invalid, Problem};

/// A key of msteams.cfg the pane reads and writes.
pub struct Key {
    pub field: Field,
    /// The key in msteams.cfg.
    pub name: &'static str,
    /// The UCServer service reads this key only when it starts (the setup guide: stop, edit,
    /// start): a saved change takes effect after a restart of the service, and the window and
    /// `config set` say so, naming the key.
    pub read_at_start: bool,
    /// The key holds names of people or groups: the support bundle leaves its values out unless
    /// personal data is asked for.
    pub personal: bool,
    /// How the value is kept in the file and in [`Settings`].
    pub value: Value,
    /// What `config show` prints for the key (`None`: no line of its own).
    pub show: fn(&Settings) -> Option<Shown>,
    /// Whether and how the command line changes the key.
    pub cli: Cli,
    /// Where the window shows the key.
    pub row: Row,
}

/// Where the window shows a key.
pub enum Row {
    /// Its panel draws it: a choice, a list, a row that depends on another key or says more.
    Panel,
    /// A text row at the end of `section`, drawn from this definition: the label, the hint (a
    /// Fluent id), the value and its check's problem.
    Text {
        section: Section,
        hint: &'static str,
    },
}

/// A section of the window's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// "Tenant und App".
    Tenant,
    /// "Web-Proxy".
    Proxy,
}

/// How a key's value is kept.
pub enum Value {
    /// A JSON string.
    Text {
        get: fn(&Settings) -> &str,
        /// Stores a value read from the file or taken over by the merge; `Err` for a value the
        /// key cannot hold (an unknown cloud or mode, reported with line and column).
        put: fn(&mut Settings, &str) -> Result<(), ()>,
        /// The value a missing key means; a missing key is only added when the value differs.
        default: &'static str,
        /// An empty value removes the key (an empty proxy: the service connects directly).
        empty_removes: bool,
        /// Letter case does not count when comparing values (GUIDs and domains).
        ignore_case: bool,
        /// The Fluent id of a value's name, where values are shown by name (cloud, mode).
        named: Option<fn(&str) -> Option<&'static str>>,
        /// The value as saved (trimmed, normalised) or the problem, naming the field. `None`: the
        /// value is saved as it is.
        check: Option<Check>,
    },
    /// A JSON array of strings.
    List {
        get: fn(&Settings) -> &[String],
        put: fn(&mut Settings, Vec<String>),
    },
}

/// A key's check of a value given the other settings: the value as saved or the problem.
pub type Check = fn(&Settings, &str) -> Result<String, Invalid>;

/// A line of `config show`: the value as it is, or a Fluent text followed by `suffix`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    Value(String),
    Text { id: &'static str, suffix: String },
}

/// The command line's access to a key.
pub enum Cli {
    /// Only the window and the file change it.
    None,
    /// `config set NAME VALUE` (and `config clear NAME` where `clear`).
    Set {
        name: &'static str,
        set: fn(&mut Settings, &str, &SetArgs) -> Result<(), Invalid>,
        /// `config clear NAME` sets the default value; `config set NAME ""` is refused then
        /// (usually a script's empty variable; clearing is its own command).
        clear: bool,
    },
}

/// The options of `config set` beside key and value.
#[derive(Clone, Copy, Debug, Default)]
pub struct SetArgs<'a> {
    /// `--login-url` (with `cloud custom`).
    pub login_url: Option<&'a str>,
    /// `--graph-url` (with `cloud custom`).
    pub graph_url: Option<&'a str>,
}

/// Every key the pane owns, in the window's order.
pub const KEYS: &[&Key] = &[
    &TENANT_ID,
    &CLOUD,
    &CUSTOM_LOGIN_URL,
    &CUSTOM_GRAPH_URL,
    &CLIENT_ID,
    &PROXY,
    &ACTIVATION_MODE,
    &ACTIVATION_GROUPS,
    &ACTIVATION_USERS,
];

/// The "Active Directory Tenant ID" (GUID or verified domain).
pub const TENANT_ID: Key = Key {
    field: Field::TenantId,
    name: "u8sTenantId",
    read_at_start: true,
    personal: false,
    value: Value::Text {
        get: |s| &s.tenant_id,
        put: |s, v| {
            s.tenant_id = v.to_owned();
            Ok(())
        },
        default: "",
        empty_removes: false,
        ignore_case: true,
        named: None,
        check: Some(|_, v| validate::saved_tenant_id(v)),
    },
    show: |s| Some(or_text(&s.tenant_id, "show-no-tenant")),
    cli: Cli::Set {
        name: "tenant-id",
        set: |s, v, _| {
            s.tenant_id = validate::saved_tenant_id(v)?;
            Ok(())
        },
        clear: true,
    },
    row: Row::Panel,
};

/// `global`, `usgov`, `usgov-dod`, `china` or `custom`.
pub const CLOUD: Key = Key {
    field: Field::Cloud,
    name: "u8sCloud",
    read_at_start: true,
    personal: false,
    value: Value::Text {
        get: |s| s.cloud.key(),
        put: |s, v| {
            s.cloud = match v {
                "" => Cloud::Global,
                v => Cloud::from_key(v).ok_or(())?,
            };
            Ok(())
        },
        default: "global",
        empty_removes: false,
        ignore_case: false,
        named: Some(|v| Cloud::from_key(v).map(Cloud::label_id)),
        check: None,
    },
    show: |s| {
        Some(Shown::Text {
            id: s.cloud.label_id(),
            suffix: String::new(),
        })
    },
    cli: Cli::Set {
        name: "cloud",
        set: set_cloud,
        clear: false,
    },
    row: Row::Panel,
};

/// `config set cloud NAME [--login-url URL] [--graph-url URL]`.
fn set_cloud(s: &mut Settings, value: &str, args: &SetArgs) -> Result<(), Invalid> {
    s.cloud = Cloud::from_key(value.trim()).ok_or_else(|| {
        Invalid::new(
            Field::Cloud,
            Problem::UnknownValue {
                value: value.to_owned(),
                allowed: Cloud::NAMES,
            },
        )
    })?;
    if let Some(u) = args.login_url {
        s.custom_login_url = validate::base_url(Field::CustomLoginUrl, u)?;
    }
    if let Some(u) = args.graph_url {
        s.custom_graph_url = validate::base_url(Field::CustomGraphUrl, u)?;
    }
    Ok(())
}

/// Login base URL when the cloud is `custom` (e.g. the local emulator).
pub const CUSTOM_LOGIN_URL: Key = Key {
    field: Field::CustomLoginUrl,
    name: "u8sCustomLoginUrl",
    read_at_start: true,
    personal: false,
    value: Value::Text {
        get: |s| &s.custom_login_url,
        put: |s, v| {
            s.custom_login_url = v.to_owned();
            Ok(())
        },
        default: "",
        empty_removes: false,
        ignore_case: false,
        named: None,
        check: Some(|s, v| custom_url(s, Field::CustomLoginUrl, v)),
    },
    show: |s| (s.cloud == Cloud::Custom).then(|| Shown::Value(s.custom_login_url.clone())),
    cli: Cli::None,
    row: Row::Panel,
};

/// Graph base URL when the cloud is `custom`.
pub const CUSTOM_GRAPH_URL: Key = Key {
    field: Field::CustomGraphUrl,
    name: "u8sCustomGraphUrl",
    read_at_start: true,
    personal: false,
    value: Value::Text {
        get: |s| &s.custom_graph_url,
        put: |s, v| {
            s.custom_graph_url = v.to_owned();
            Ok(())
        },
        default: "",
        empty_removes: false,
        ignore_case: false,
        named: None,
        check: Some(|s, v| custom_url(s, Field::CustomGraphUrl, v)),
    },
    show: |s| (s.cloud == Cloud::Custom).then(|| Shown::Value(s.custom_graph_url.clone())),
    cli: Cli::None,
    row: Row::Panel,
};

/// A custom URL counts only for the custom cloud; otherwise it is kept as typed.
fn custom_url(s: &Settings, field: Field, v: &str) -> Result<String, Invalid> {
    match v.trim() {
        "" if s.cloud != Cloud::Custom => Ok(String::new()),
        v if s.cloud != Cloud::Custom => {
            Ok(validate::base_url(field, v).unwrap_or_else(|_| v.to_owned()))
        }
        v => validate::base_url(field, v),
    }
}

/// Application (client) id of an own app registration; absent = the estos app.
pub const CLIENT_ID: Key = Key {
    field: Field::ClientId,
    name: "u8sClientId",
    read_at_start: true,
    personal: false,
    value: Value::Text {
        get: |s| &s.client_id,
        put: |s, v| {
            s.client_id = v.to_owned();
            Ok(())
        },
        default: "",
        empty_removes: false,
        ignore_case: true,
        named: None,
        check: Some(|_, v| validate::client_id(v)),
    },
    show: |s| Some(or_text(&s.client_id, "show-estos-app")),
    cli: Cli::Set {
        name: "client-id",
        set: |s, v, _| {
            s.client_id = validate::client_id(v)?;
            Ok(())
        },
        clear: true,
    },
    row: Row::Text {
        section: Section::Tenant,
        hint: "hint-client-id",
    },
};

/// Web proxy `host:port`, exactly as the setup guide names it.
pub const PROXY: Key = Key {
    field: Field::Proxy,
    name: "u8sProxyAddress",
    read_at_start: true,
    personal: false,
    value: Value::Text {
        get: |s| &s.proxy,
        put: |s, v| {
            s.proxy = v.to_owned();
            Ok(())
        },
        default: "",
        empty_removes: true,
        ignore_case: false,
        named: None,
        check: Some(|_, v| validate::proxy(v)),
    },
    show: |s| Some(or_text(&s.proxy, "show-no-proxy")),
    cli: Cli::Set {
        name: "proxy",
        set: |s, v, _| {
            s.proxy = validate::proxy(v)?;
            Ok(())
        },
        clear: true,
    },
    row: Row::Text {
        section: Section::Proxy,
        hint: "hint-proxy",
    },
};

/// `off`, `global`, `groups` or `users`.
pub const ACTIVATION_MODE: Key = Key {
    field: Field::Activation,
    name: "u8sActivationMode",
    read_at_start: true,
    personal: false,
    value: Value::Text {
        get: |s| s.activation.mode.key(),
        put: |s, v| {
            s.activation.mode = match v {
                "" => ActivationMode::Off,
                v => ActivationMode::from_key(v).ok_or(())?,
            };
            Ok(())
        },
        default: "off",
        empty_removes: false,
        ignore_case: false,
        named: Some(|v| ActivationMode::from_key(v).map(ActivationMode::label_id)),
        check: None,
    },
    show: |s| {
        let a = &s.activation;
        let suffix = match a.mode {
            ActivationMode::Groups => format!(" ({})", a.groups.join(", ")),
            ActivationMode::Users => format!(" ({})", a.users.join(", ")),
            _ => String::new(),
        };
        Some(Shown::Text {
            id: a.mode.label_id(),
            suffix,
        })
    },
    cli: Cli::Set {
        name: "activation",
        set: set_activation,
        clear: false,
    },
    row: Row::Panel,
};

/// `config set activation off|global|groups[:A,B]|users[:a,b]`.
fn set_activation(s: &mut Settings, value: &str, _: &SetArgs) -> Result<(), Invalid> {
    let unknown = || {
        Invalid::new(
            Field::Activation,
            Problem::UnknownValue {
                value: value.to_owned(),
                allowed: "off, global, groups[:A,B], users[:a,b]",
            },
        )
    };
    let (mode, names) = match value.split_once(':') {
        Some((m, names)) => (m, Some(names)),
        None => (value, None),
    };
    let mode = ActivationMode::from_key(mode.trim()).ok_or_else(unknown)?;
    s.activation.mode = mode;
    if let Some(names) = names {
        let field = match mode {
            ActivationMode::Groups => Field::Groups,
            ActivationMode::Users => Field::Users,
            _ => return Err(unknown()),
        };
        let mut list = Vec::new();
        for name in names.split(',') {
            let name = validate::list_entry(field, name.trim(), &list)?;
            list.push(name);
        }
        match mode {
            ActivationMode::Groups => s.activation.groups = list,
            _ => s.activation.users = list,
        }
    }
    Ok(())
}

/// UCServer group names, used when the mode is `groups`.
pub const ACTIVATION_GROUPS: Key = Key {
    field: Field::Groups,
    name: "au8sActivationGroups",
    read_at_start: true,
    personal: true,
    value: Value::List {
        get: |s| &s.activation.groups,
        put: |s, v| s.activation.groups = v,
    },
    show: |_| None,
    cli: Cli::None,
    row: Row::Panel,
};

/// UCServer user names, used when the mode is `users`.
pub const ACTIVATION_USERS: Key = Key {
    field: Field::Users,
    name: "au8sActivationUsers",
    read_at_start: true,
    personal: true,
    value: Value::List {
        get: |s| &s.activation.users,
        put: |s, v| s.activation.users = v,
    },
    show: |_| None,
    cli: Cli::None,
    row: Row::Panel,
};

/// `value`, or the Fluent text `empty_id` where it is empty.
fn or_text(value: &str, empty_id: &'static str) -> Shown {
    match value {
        "" => Shown::Text {
            id: empty_id,
            suffix: String::new(),
        },
        v => Shown::Value(v.to_owned()),
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Key {
    /// The value as the window shows it (lists joined with ", ").
    pub fn shown_value(&self, s: &Settings) -> String {
        match &self.value {
            Value::Text { get, .. } => get(s).to_owned(),
            Value::List { get, .. } => get(s).join(", "),
        }
    }

    /// Copies the key's value from `from` into `to`.
    pub fn take(&self, to: &mut Settings, from: &Settings) {
        match &self.value {
            Value::Text { get, put, .. } => {
                // A value of valid settings is one the key holds.
                let taken = put(to, get(from));
                debug_assert!(taken.is_ok(), "{}", self.name);
            }
            Value::List { get, put } => put(to, get(from).to_vec()),
        }
    }

    /// Whether two values mean the same to the service: spaces around them aside, and letter
    /// case aside where the service ignores it.
    pub fn same(&self, a: &Settings, b: &Settings) -> bool {
        match &self.value {
            Value::Text {
                get, ignore_case, ..
            } => {
                let (x, y) = (get(a).trim(), get(b).trim());
                if *ignore_case {
                    x.eq_ignore_ascii_case(y)
                } else {
                    x == y
                }
            }
            Value::List { get, .. } => get(a) == get(b),
        }
    }

    /// The Fluent id of the name of the value `v`, for a key shown by the names of its values.
    pub fn named_value(&self, v: &str) -> Option<&'static str> {
        match &self.value {
            Value::Text {
                named: Some(named), ..
            } => named(v),
            _ => None,
        }
    }

    /// The `config set`/`config clear` name, if the command line may change the key.
    pub fn cli_name(&self) -> Option<&'static str> {
        match self.cli {
            Cli::Set { name, .. } => Some(name),
            Cli::None => None,
        }
    }
}

/// The definition of `field`'s key.
pub fn of(field: Field) -> &'static Key {
    KEYS.iter()
        .copied()
        .find(|k| k.field == field)
        .expect("every field has a key")
}

/// The definition of the key named `name` in msteams.cfg.
pub fn named(name: &str) -> Option<&'static Key> {
    KEYS.iter().copied().find(|k| k.name == name)
}

/// The fields of [`KEYS`], in the window's order.
pub fn fields() -> impl Iterator<Item = Field> {
    KEYS.iter().map(|k| k.field)
}

/// The name in msteams.cfg of `field`'s key.
pub fn name(field: Field) -> &'static str {
    of(field).name
}

/// Whether the service reads `field`'s key only when it starts.
pub fn read_at_start(field: Field) -> bool {
    of(field).read_at_start
}

/// The names `config set` accepts, in the window's order.
pub fn set_names() -> Vec<&'static str> {
    KEYS.iter().filter_map(|k| k.cli_name()).collect()
}

/// The names `config clear` accepts, in the window's order.
pub fn clear_names() -> Vec<&'static str> {
    KEYS.iter()
        .filter_map(|k| match k.cli {
            Cli::Set {
                name, clear: true, ..
            } => Some(name),
            _ => None,
        })
        .collect()
}

/// The key `config set`/`config clear` calls `name`.
pub fn by_cli_name(name: &str) -> Option<&'static Key> {
    KEYS.iter().copied().find(|k| k.cli_name() == Some(name))
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
