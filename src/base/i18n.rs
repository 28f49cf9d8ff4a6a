//! Every text a user sees, from the Fluent files in `i18n/` (German and English).
//!
//! The core describes what it wants to say as a [`Msg`] (a message id and its arguments); the GUI
//! and the command line render it with [`Texts`] in the chosen [`Lang`].

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::fmt;

/// The languages the pane speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// German when the operating system's language is German, English otherwise.
    pub fn from_os() -> Self {
        Self::from_tag(&sys_locale::get_locale().unwrap_or_default()).unwrap_or(Lang::En)
    }

    /// `de`, `de-AT`, `de_CH.UTF-8` → German; `en…` → English; anything else → `None`.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("de") {
            Some(Lang::De)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::De => include_str!("../../i18n/de.ftl"),
            Lang::En => include_str!("../../i18n/en.ftl"),
        }
    }
}

/// One argument of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Num(i64),
    /// Another message, rendered first in the same language (e.g. a field's label).
    Ref(&'static str),
    /// Another message with its own arguments (e.g. a file's error inside "cannot be read"),
    /// rendered first in the same language.
    Msg(Box<Msg>),
}

/// A message to show: a Fluent id and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    pub fn num(mut self, name: &'static str, value: impl TryInto<i64>) -> Self {
        let n = value.try_into().unwrap_or(i64::MAX);
        self.args.push((name, Arg::Num(n)));
        self
    }

    /// `value`, or the message `unknown` where it is empty (a record written without the name).
    pub fn text_or(self, name: &'static str, value: &str, unknown: &'static str) -> Self {
        match value.trim() {
            "" => self.reference(name, unknown),
            v => self.text(name, v),
        }
    }

    pub fn reference(mut self, name: &'static str, id: &'static str) -> Self {
        self.args.push((name, Arg::Ref(id)));
        self
    }

    pub fn inner(mut self, name: &'static str, msg: Msg) -> Self {
        self.args.push((name, Arg::Msg(Box::new(msg))));
        self
    }
}

/// `2026-11-26T05:50:00+00:00` in the computer's time zone, to the minute.
pub fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// A file's error in the chosen language: its path and, for the errors an administrator meets
/// (missing, no permission, read-only, disk full …), what happened in words; else the operating
/// system's own text.
pub fn io_error(path: &std::path::Path, e: &std::io::Error) -> Msg {
    use std::io::ErrorKind::*;
    if let Some(r) = crate::base::files::limits::Refused::of(e) {
        return Msg::new("io-error")
            .text("path", path.display().to_string())
            .inner("problem", refused(r));
    }
    if let Some(n) = crate::base::files::NotAFile::of(e) {
        return Msg::new("io-error")
            .text("path", path.display().to_string())
            .inner(
                "problem",
                Msg::new("io-not-a-file").reference("what", n.kind.label_id()),
            );
    }
    let problem = match e.kind() {
        _ if crate::base::files::LinkRefused::is(e) => Some("io-link-refused"),
        _ if crate::base::files::identity::ChangedMeanwhile::is(e) => Some("io-changed-meanwhile"),
        NotFound => Some("io-not-found"),
        PermissionDenied => Some("io-permission-denied"),
        AlreadyExists => Some("io-already-exists"),
        ReadOnlyFilesystem => Some("io-read-only"),
        StorageFull => Some("io-storage-full"),
        IsADirectory => Some("io-is-a-directory"),
        NotADirectory => Some("io-not-a-directory"),
        _ => None,
    };
    let m = Msg::new("io-error").text("path", path.display().to_string());
    match problem {
        Some(id) => m.reference("problem", id),
        // The system's own words, as a sentence like the others.
        None => m.text("problem", format!("{e}.")),
    }
}

/// Why a text is not taken in (too large, too long a line, no text) and how to fix it.
pub fn refused(r: &crate::base::files::limits::Refused) -> Msg {
    use crate::base::files::limits::{Refused, mb};
    let (m, kind) = match r {
        Refused::TooLarge { kind, size, max } => (
            Msg::new("text-too-large")
                .num("size_mb", mb(*size))
                .num("max_mb", mb(*max)),
            kind,
        ),
        Refused::LineTooLong {
            kind,
            line,
            len,
            max,
        } => (
            Msg::new("text-line-too-long")
                .num("line", *line)
                .num("len", *len)
                .num("max", *max),
            kind,
        ),
        Refused::NotText { kind, utf16, .. } => {
            use crate::base::files::limits::TextKind::{Matching, Paste, UserExport};
            let id = match (utf16, kind) {
                // A CSV from Excel gets Excel's advice; msteams.cfg and the JSON files a text
                // editor's (issue 34 §13).
                (true, Matching | UserExport | Paste) => "text-utf16",
                (true, _) => "text-utf16-json",
                (false, _) => "text-not-text",
            };
            (Msg::new(id), kind)
        }
    };
    m.reference("kind", kind.label_id())
}

/// The texts of one language.
pub struct Texts {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Texts").field("lang", &self.lang).finish()
    }
}

/// Whole numbers with thousands separators ("100.000 Zuordnungen", "100,000 mappings"); others as
/// Fluent writes them. Fluent selects plurals on the number, so only the text changes.
fn grouped<const SEP: char, M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0 || n.value.abs() < 1_000.0 || n.value.abs() >= 1e15 {
        return None;
    }
    let digits = format!("{}", n.value.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n.value < 0.0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(SEP);
        }
        out.push(d);
    }
    Some(out)
}

impl Texts {
    pub fn new(lang: Lang) -> Self {
        let resource =
            FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(_, errors)| {
                panic!("i18n/{}.ftl does not parse: {errors:?}", lang.code())
            });
        let langid = lang.code().parse().expect("valid language id");
        let mut bundle = FluentBundle::new(vec![langid]);
        // egui draws the Unicode isolation marks as boxes; our arguments are plain text.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match lang {
            Lang::De => grouped::<'.', _>,
            Lang::En => grouped::<',', _>,
        }));
        bundle
            .add_resource(resource)
            .expect("no message id is defined twice");
        Self { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message without arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None).unwrap_or_else(|e| e)
    }

    /// A message without arguments, where this language has it.
    pub fn find(&self, id: &str) -> Option<String> {
        self.format(id, None).ok()
    }

    /// A message with its arguments.
    pub fn msg(&self, msg: &Msg) -> String {
        let mut args = FluentArgs::new();
        for (name, arg) in &msg.args {
            let value = match arg {
                // Text from a file or from Microsoft: shown, never obeyed (`crate::base::escape`).
                Arg::Text(s) => {
                    FluentValue::from(crate::base::escape::escape_value(s).into_owned())
                }
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Ref(id) => FluentValue::from(self.get(id)),
                Arg::Msg(m) => FluentValue::from(self.msg(m)),
            };
            args.set(*name, value);
        }
        self.format(msg.id, Some(&args)).unwrap_or_else(|e| e)
    }

    /// Formats a message; `Err` holds a visible stand-in naming what is wrong.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> Result<String, String> {
        let Some(message) = self.bundle.get_message(id) else {
            return Err(format!("[missing text: {id}]"));
        };
        let Some(pattern) = message.value() else {
            return Err(format!("[text without value: {id}]"));
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(format!("[text {id} does not format: {errors:?}]"))
        }
    }

    /// Every message id of this language, for the completeness test.
    pub fn ids(&self) -> Vec<String> {
        message_ids(self.lang.source())
    }
}

fn message_ids(source: &str) -> Vec<String> {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}
