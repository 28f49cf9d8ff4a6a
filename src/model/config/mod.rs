//! `config/msteams.cfg`: typed access to the keys the pane owns, lossless for everything else.
//!
//! The file is a strict JSON object that the UCServer service reads at start. [`parse`] reads the
//! pane's keys into [`Settings`]; [`render`] writes changed values back through a concrete syntax
//! tree (jsonc-parser's CST), so every other key, its position, number formats like `1e3` or `1.50`,
//! the indentation, a UTF-8 BOM and CRLF line ends stay as they were. A file that does not parse is
//! reported with line and column and never rewritten.

pub mod keys;
pub mod merge;
mod syntax;

use crate::base::files::TextStyle;
use crate::base::i18n::Msg;
use crate::model::validate::Invalid;
use jsonc_parser::cst::{CstInputValue, CstRootNode};
use serde_json::Value;

pub use keys::KEYS;

/// Which Microsoft cloud the tenant lives in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cloud {
    #[default]
    Global,
    UsGov,
    UsGovDod,
    China,
    Custom,
}

impl Cloud {
    pub const ALL: [Cloud; 5] = [
        Cloud::Global,
        Cloud::UsGov,
        Cloud::UsGovDod,
        Cloud::China,
        Cloud::Custom,
    ];
    pub const NAMES: &'static str = "global, usgov, usgov-dod, china, custom";

    /// The value written to msteams.cfg.
    pub fn key(self) -> &'static str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGov => "usgov",
            Cloud::UsGovDod => "usgov-dod",
            Cloud::China => "china",
            Cloud::Custom => "custom",
        }
    }

    pub fn from_key(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == s)
    }

    /// Fluent id of the cloud's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Cloud::Global => "cloud-global",
            Cloud::UsGov => "cloud-usgov",
            Cloud::UsGovDod => "cloud-usgov-dod",
            Cloud::China => "cloud-china",
            Cloud::Custom => "cloud-custom",
        }
    }
}

/// For whom the integration is switched on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActivationMode {
    #[default]
    Off,
    Global,
    Groups,
    Users,
}

impl ActivationMode {
    pub const ALL: [ActivationMode; 4] = [
        ActivationMode::Off,
        ActivationMode::Global,
        ActivationMode::Groups,
        ActivationMode::Users,
    ];
    pub const NAMES: &'static str = "off, global, groups, users";

    pub fn key(self) -> &'static str {
        match self {
            ActivationMode::Off => "off",
            ActivationMode::Global => "global",
            ActivationMode::Groups => "groups",
            ActivationMode::Users => "users",
        }
    }

    pub fn from_key(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            ActivationMode::Off => "activation-off",
            ActivationMode::Global => "activation-global",
            ActivationMode::Groups => "activation-groups",
            ActivationMode::Users => "activation-users",
        }
    }
}

/// Activation mode with its two lists (both kept whatever the mode, so switching back loses nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Activation {
    pub mode: ActivationMode,
    pub groups: Vec<String>,
    pub users: Vec<String>,
}

/// The values of msteams.cfg the pane owns.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Settings {
    pub tenant_id: String,
    pub cloud: Cloud,
    pub custom_login_url: String,
    pub custom_graph_url: String,
    pub client_id: String,
    pub proxy: String,
    pub activation: Activation,
    /// The values of plain text keys that have no field of their own: a key defined only by its
    /// entry in [`KEYS`] (see docs/architecture.md, "How to add a key"), by its name in the file.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub texts: std::collections::BTreeMap<&'static str, String>,
}

impl Settings {
    /// A plain text key's value (see [`Settings::texts`]); empty where it is not set.
    pub fn text(&self, name: &str) -> &str {
        self.texts.get(name).map_or("", String::as_str)
    }

    /// Sets a plain text key's value; an empty one is no entry (settings read from a file without
    /// the key equal the defaults).
    pub fn set_text(&mut self, name: &'static str, value: &str) {
        if value.is_empty() {
            self.texts.remove(name);
        } else {
            self.texts.insert(name, value.to_owned());
        }
    }

    /// Whether a consent or a check can be asked for: the tenant and the app's client id are set.
    pub fn is_configured(&self) -> bool {
        !self.tenant_id.is_empty() && !self.client_id.is_empty()
    }

    /// Whether `other` names the same tenant, cloud and app: what the consents are given for.
    pub fn same_tenant_and_app(&self, other: &Settings) -> bool {
        self.tenant_id == other.tenant_id
            && self.cloud == other.cloud
            && self.custom_login_url == other.custom_login_url
            && self.custom_graph_url == other.custom_graph_url
            && self.client_id == other.client_id
    }

    /// Validates every field once: the values as they are written (trimmed and normalised), or
    /// every problem found, each naming its field.
    pub fn validate(&self) -> Result<Valid, Vec<Invalid>> {
        // Each key checks its own value (the custom URLs look at the cloud); a key without a
        // check is saved as it is.
        let mut problems = Vec::new();
        let mut out = self.clone();
        for key in KEYS {
            if let keys::Value::Text {
                get,
                put,
                check: Some(check),
                ..
            } = &key.value
            {
                match check(self, get(self)) {
                    Ok(v) => put(&mut out, &v).expect("a checked value is one the key holds"),
                    Err(e) => problems.push(e),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Valid(out))
    }

    /// Every problem that prevents saving, each naming its field.
    pub fn problems(&self) -> Vec<Invalid> {
        self.validate().err().unwrap_or_default()
    }

    /// The values as they are written: trimmed and normalised. Fails with every problem found.
    pub fn normalized(&self) -> Result<Settings, Vec<Invalid>> {
        self.validate().map(Valid::into_inner)
    }
}

/// Settings that passed [`Settings::validate`], normalised: what may be written. Only
/// `validate` makes one, so a save validates once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Valid(Settings);

impl Valid {
    pub fn into_inner(self) -> Settings {
        self.0
    }
}

impl std::ops::Deref for Valid {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.0
    }
}

/// Why msteams.cfg cannot be used. The file is left untouched in every case.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("line {line}, column {column}: not UTF-8")]
    NotUtf8 { line: usize, column: usize },
    #[error("line {line}, column {column}: {detail}")]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("the file is not a JSON object")]
    NotObject,
    #[error("line {line}, column {column}: \"{key}\" is in the file twice")]
    DuplicateKey {
        key: &'static str,
        line: usize,
        column: usize,
    },
    #[error("line {line}, column {column}: \"{key}\" must be {expected}")]
    WrongType {
        key: &'static str,
        expected: &'static str,
        line: usize,
        column: usize,
    },
    #[error("line {line}, column {column}: \"{key}\" has the unknown value \"{value}\"")]
    UnknownValue {
        key: &'static str,
        value: String,
        line: usize,
        column: usize,
    },
}

impl ConfigError {
    /// Where in the file it is (line, column; 0, 0 where the whole file is meant).
    pub fn position(&self) -> (usize, usize) {
        match self {
            ConfigError::NotObject => (0, 0),
            ConfigError::NotUtf8 { line, column }
            | ConfigError::Syntax { line, column, .. }
            | ConfigError::DuplicateKey { line, column, .. }
            | ConfigError::WrongType { line, column, .. }
            | ConfigError::UnknownValue { line, column, .. } => (*line, *column),
        }
    }

    /// The message for the administrator: where the file is broken and what to do.
    pub fn msg(&self) -> Msg {
        match self {
            ConfigError::NotUtf8 { line, column } => Msg::new("cfg-error-utf8")
                .num("line", *line)
                .num("column", *column),
            ConfigError::Syntax {
                line,
                column,
                detail,
            } => {
                let m = Msg::new("cfg-error-syntax")
                    .num("line", *line)
                    .num("column", *column);
                // serde_json's problem in the chosen language, never its English (issue 34 §13).
                let id = syntax::JSON_PROBLEMS
                    .iter()
                    .find(|(_, id)| *id == detail.as_str())
                    .map_or_else(|| syntax::json_problem(detail), |(_, id)| id);
                m.reference("detail", id)
            }
            ConfigError::NotObject => Msg::new("cfg-error-not-object"),
            ConfigError::DuplicateKey { key, line, column } => Msg::new("cfg-error-duplicate")
                .text("key", *key)
                .num("line", *line)
                .num("column", *column),
            ConfigError::WrongType {
                key,
                expected,
                line,
                column,
            } => Msg::new("cfg-error-type")
                .text("key", *key)
                .reference("expected", expected)
                .num("line", *line)
                .num("column", *column),
            ConfigError::UnknownValue {
                key,
                value,
                line,
                column,
            } => Msg::new("cfg-error-value")
                .text("key", *key)
                .text("value", value)
                .num("line", *line)
                .num("column", *column),
        }
    }
}

/// msteams.cfg as read, parsed once (strictly, with line and column on error): its bytes, its
/// text without BOM, its style and its value. A save reads the file into one `Doc`, takes the
/// settings from it and renders the new values into it.
pub struct Doc<'a> {
    bytes: &'a [u8],
    text: &'a str,
    style: TextStyle,
    object: serde_json::Map<String, Value>,
}

impl<'a> Doc<'a> {
    pub fn read(bytes: &'a [u8]) -> Result<Self, ConfigError> {
        read_doc(bytes)
    }
}

fn read_doc(bytes: &[u8]) -> Result<Doc<'_>, ConfigError> {
    let (style, body) = TextStyle::detect(bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        let (line, column) = line_col_bytes(body, e.valid_up_to());
        ConfigError::NotUtf8 { line, column }
    })?;
    // serde_json is strict: comments, trailing commas and single quotes are syntax errors. The
    // object is read with its keys checked: one of the pane's keys twice is ambiguous (which one
    // does the service read?), so such a file is not used.
    let top: TopLevel = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ConfigError::NotObject,
        _ => ConfigError::Syntax {
            line: e.line(),
            column: e.column(),
            detail: syntax::json_problem(&e.to_string()).to_owned(),
        },
    })?;
    if let Some(key) = top.duplicate {
        let at = text
            .match_indices(&format!("\"{key}\""))
            .nth(1)
            .map_or(0, |(i, _)| i);
        let (line, column) = line_col_bytes(text.as_bytes(), at);
        return Err(ConfigError::DuplicateKey { key, line, column });
    }
    Ok(Doc {
        bytes,
        text,
        style,
        object: top.object,
    })
}

/// The top-level object, and the first of the pane's keys found twice in it.
struct TopLevel {
    object: serde_json::Map<String, Value>,
    duplicate: Option<&'static str>,
}

impl<'de> serde::Deserialize<'de> for TopLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = TopLevel;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<TopLevel, A::Error> {
                let mut top = TopLevel {
                    object: serde_json::Map::new(),
                    duplicate: None,
                };
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    let own = KEYS.iter().map(|k| k.name).find(|k| *k == key);
                    if top.object.insert(key, value).is_some() && top.duplicate.is_none() {
                        top.duplicate = own;
                    }
                }
                Ok(top)
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Reads the pane's settings from the file's bytes (`None`: no file yet, all defaults).
pub fn parse(bytes: Option<&[u8]>) -> Result<Settings, ConfigError> {
    match bytes {
        None => Ok(Settings::default()),
        Some(bytes) => read_doc(bytes)?.settings(),
    }
}

impl Doc<'_> {
    /// The pane's settings in the document.
    pub fn settings(&self) -> Result<Settings, ConfigError> {
        let mut out = Settings::default();
        for key in KEYS {
            let value = self.object.get(key.name);
            match &key.value {
                keys::Value::Text { put, .. } => {
                    let v = match value {
                        None | Some(Value::Null) => "",
                        Some(Value::String(s)) => s.as_str(),
                        Some(_) => return Err(wrong_type(self.text, key.name, "cfg-type-string")),
                    };
                    put(&mut out, v).map_err(|()| unknown_value(self.text, key.name, v))?;
                }
                keys::Value::List { put, .. } => {
                    let list = match value {
                        None | Some(Value::Null) => Vec::new(),
                        Some(Value::Array(items)) => items
                            .iter()
                            .map(|v| v.as_str().map(str::to_owned))
                            .collect::<Option<Vec<_>>>()
                            .ok_or_else(|| wrong_type(self.text, key.name, "cfg-type-list"))?,
                        Some(_) => return Err(wrong_type(self.text, key.name, "cfg-type-list")),
                    };
                    put(&mut out, list);
                }
            }
        }
        Ok(out)
    }
}

/// What a key should hold after saving.
enum Want {
    /// The value; a key that is absent is only added when the value is not the default.
    Value { value: Value, is_default: bool },
    /// The key is removed (an empty proxy: the service connects directly).
    Absent,
}

fn wants(s: &Settings) -> impl Iterator<Item = (&'static str, Want)> + '_ {
    KEYS.iter().map(move |key| {
        let want = match &key.value {
            keys::Value::Text {
                get,
                default,
                empty_removes,
                ..
            } => match get(s) {
                "" if *empty_removes => Want::Absent,
                v => Want::Value {
                    value: Value::String(v.to_owned()),
                    is_default: v == *default,
                },
            },
            keys::Value::List { get, .. } => Want::Value {
                value: Value::Array(get(s).iter().cloned().map(Value::String).collect()),
                is_default: get(s).is_empty(),
            },
        };
        (key.name, want)
    })
}

/// Writes `settings` into the file's bytes (`None`: create a new file). Returns `None` when the
/// result would be byte-for-byte what is there (nothing to write). Fails, writing nothing, when the
/// current file does not parse or the settings do not validate.
///
/// ```
/// use teams_presence_admin::model::config::{parse, render};
/// let file = b"{\r\n  \"iMaxUsers\": 1e3,\r\n  \"u8sProxyAddress\": \"old:1\"\r\n}\r\n";
/// let mut settings = parse(Some(file)).unwrap();
/// assert_eq!(render(Some(file), &settings).unwrap(), None); // nothing changed, nothing to write
/// settings.proxy = "proxy.firma.local:8080".into();
/// let out = render(Some(file), &settings).unwrap().unwrap();
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "{\r\n  \"iMaxUsers\": 1e3,\r\n  \"u8sProxyAddress\": \"proxy.firma.local:8080\"\r\n}\r\n"
/// );
/// ```
pub fn render(bytes: Option<&[u8]>, settings: &Settings) -> Result<Option<Vec<u8>>, RenderError> {
    let valid = settings.validate().map_err(RenderError::Invalid)?;
    let doc = bytes
        .map(read_doc)
        .transpose()
        .map_err(RenderError::Config)?;
    render_valid(doc.as_ref(), &valid)
}

/// [`render`] of values already validated into the file already read (`None`: no file yet).
pub fn render_valid(file: Option<&Doc>, settings: &Valid) -> Result<Option<Vec<u8>>, RenderError> {
    let empty = b"{\n}\n";
    let new_doc;
    let doc = match file {
        Some(doc) => doc,
        None => {
            new_doc = read_doc(empty).map_err(RenderError::Config)?;
            &new_doc
        }
    };
    let root = CstRootNode::parse(doc.text, &strict()).map_err(|e| {
        // serde_json accepted it, so this is unexpected; report it like a syntax error.
        RenderError::Config(ConfigError::Syntax {
            line: e.line_display(),
            column: e.column_display(),
            detail: e.to_string(),
        })
    })?;
    let object = root
        .object_value()
        .ok_or(RenderError::Config(ConfigError::NotObject))?;
    for (key, want) in wants(settings) {
        let current = doc.object.get(key);
        match want {
            Want::Absent => {
                if current.is_some()
                    && let Some(prop) = object.get(key)
                {
                    prop.remove();
                }
            }
            Want::Value { value, is_default } => match current {
                Some(cur) if *cur == value => {}
                Some(_) => {
                    if let Some(prop) = object.get(key) {
                        prop.set_value(to_cst(&value));
                    }
                }
                None if is_default => {}
                None => {
                    object.append(key, to_cst(&value));
                }
            },
        }
    }
    let mut text = root.to_string();
    if file.is_none() && !text.ends_with('\n') {
        text.push('\n');
    }
    let out = doc.style.encode(&text);
    Ok(match file {
        Some(old) if old.bytes == out.as_slice() => None,
        _ => Some(out),
    })
}

/// Why [`render`] wrote nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("msteams.cfg cannot be read: {0}")]
    Config(ConfigError),
    #[error("invalid input: {0:?}")]
    Invalid(Vec<Invalid>),
}

fn strict() -> jsonc_parser::ParseOptions {
    jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn to_cst(value: &Value) -> CstInputValue {
    match value {
        Value::Null => CstInputValue::Null,
        Value::Bool(b) => CstInputValue::Bool(*b),
        Value::Number(n) => CstInputValue::Number(n.to_string()),
        Value::String(s) => CstInputValue::String(s.clone()),
        Value::Array(items) => CstInputValue::Array(items.iter().map(to_cst).collect()),
        Value::Object(map) => {
            CstInputValue::Object(map.iter().map(|(k, v)| (k.clone(), to_cst(v))).collect())
        }
    }
}

fn wrong_type(text: &str, key: &'static str, expected: &'static str) -> ConfigError {
    let (line, column) = locate_key(text, key);
    ConfigError::WrongType {
        key,
        expected,
        line,
        column,
    }
}

fn unknown_value(text: &str, key: &'static str, value: &str) -> ConfigError {
    let (line, column) = locate_key(text, key);
    ConfigError::UnknownValue {
        key,
        value: value.to_owned(),
        line,
        column,
    }
}

/// Line and column (1-based) of the first `"key"` followed by a colon.
fn locate_key(text: &str, key: &str) -> (usize, usize) {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find(&quoted) {
        let at = from + i;
        if text[at + quoted.len()..].trim_start().starts_with(':') {
            return line_col(text, at);
        }
        from = at + quoted.len();
    }
    (1, 1)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    line_col_bytes(text.as_bytes(), offset)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
