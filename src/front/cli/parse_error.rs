//! clap's own messages in the chosen language: a command line clap refuses (an unknown command or
//! argument, a value that is not allowed, one missing) is told from Fluent (`cli-err-…`), with
//! clap's suggestion and the usage line; `--help` and `--version` are printed as clap renders
//! them, with "[OPTIONS]" in the chosen language.

use crate::base::i18n::{Msg, Texts};
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Prints what `e` says in `t`'s language and exits as clap does (0 for help and version, 2 for a
/// refused command line).
pub fn exit(e: &clap::Error, t: &Texts) -> ! {
    use std::io::{IsTerminal as _, Write as _};
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = if std::io::stdout().is_terminal() {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let text = options(&text, t);
            // clap's rendering (with its colours on a terminal), our own text: not escaped.
            // A reader that went away (`--help | head -1`) is no failure.
            let _ = if e.use_stderr() {
                std::io::stderr().write_all(text.as_bytes())
            } else {
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes()).and_then(|()| out.flush())
            };
        }
        _ => super::out::stderr(&format!("{}\n", text(e, t))),
    }
    std::process::exit(e.exit_code())
}

/// The whole message of a refused command line: what is wrong, a suggestion, the usage, where
/// to read more.
pub fn text(e: &clap::Error, t: &Texts) -> String {
    let mut out = format!("{}: {}", t.get("cli-error"), t.msg(&message(e)));
    let suggestions = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| match e.get(k)? {
        ContextValue::String(s) => Some(vec![s.clone()]),
        ContextValue::Strings(v) if !v.is_empty() => Some(v.clone()),
        _ => None,
    });
    if let Some(s) = suggestions {
        let m = Msg::new("cli-err-did-you-mean").text("suggestion", one_of(&s, t));
        out.push_str(&format!("\n  {}", t.msg(&m)));
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        let usage = options(usage, t);
        out.push_str(&format!("\n\n{}: {usage}", t.get("cli-heading-usage")));
    }
    out.push_str(&format!("\n\n{}", t.get("cli-err-more")));
    out
}

/// What is wrong, by clap's kind of error and its context.
fn message(e: &clap::Error) -> Msg {
    let arg = || context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = || context(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => Msg::new("cli-err-unknown-argument").text("arg", arg()),
        ErrorKind::InvalidSubcommand => Msg::new("cli-err-unknown-command").text(
            "value",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::InvalidValue => match context(e, ContextKind::ValidValue) {
            Some(valid) if !valid.is_empty() => Msg::new("cli-err-invalid-value")
                .text("arg", arg())
                .text("value", value())
                .text("valid", valid),
            _ => Msg::new("cli-err-empty-value").text("arg", arg()),
        },
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e).map(|s| s.to_string());
            // clap's range check: "5000 is not in 1..=1440".
            match reason.as_deref().and_then(|r| r.split_once(" is not in ")) {
                Some((_, range)) => Msg::new("cli-err-range")
                    .text("arg", arg())
                    .text("value", value())
                    .text("range", range.replace("..=", " … ")),
                None => Msg::new("cli-err-not-allowed")
                    .text("arg", arg())
                    .text("value", value()),
            }
        }
        ErrorKind::MissingRequiredArgument => Msg::new("cli-err-missing").text("arg", arg()),
        ErrorKind::MissingSubcommand => Msg::new("cli-err-missing-command"),
        ErrorKind::ArgumentConflict => Msg::new("cli-err-conflict").text("arg", arg()).text(
            "prior",
            context(e, ContextKind::PriorArg).unwrap_or_default(),
        ),
        ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::NoEquals => Msg::new("cli-err-values").text("arg", arg()),
        ErrorKind::InvalidUtf8 => Msg::new("cli-err-utf8"),
        _ => Msg::new("cli-err-other"),
    }
}

/// `„a“`, `„a“ oder „b“`, `„a“, „b“ oder „c“` in `t`'s language.
fn one_of(items: &[String], t: &Texts) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| t.msg(&Msg::new("cli-err-quoted").text("item", i.clone())))
        .collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), t.get("cli-err-or")),
        None => String::new(),
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| v.to_string())
}

/// clap's "[OPTIONS]" in the chosen language.
fn options(text: &str, t: &Texts) -> String {
    text.replace("[OPTIONS]", &format!("[{}]", t.get("cli-options-value")))
}
