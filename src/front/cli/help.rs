//! `--help` in the chosen language: every command's description and every argument's help come
//! from the Fluent files (`cli-about-…`, `cli-arg-…`; the doc comments of the derive are their
//! English originals), with the headings and the help and version flags.

use crate::base::i18n::{Lang, Texts};
use clap::{Arg, ArgAction, Command};

/// The language of the help, read before clap parses: `--lang de|en` (or `--lang=…`) as given,
/// else the operating system's.
pub fn language(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_owned()),
            None if a == "--lang" => it.next().map(|v| v.into_owned()),
            None => None,
        };
        if let Some(lang) = value.as_deref().and_then(Lang::from_tag) {
            return lang;
        }
    }
    Lang::from_os()
}

/// The Fluent key of a command (`config-set`) or of one of its arguments.
fn key(kind: &str, path: &str, arg: Option<&str>) -> String {
    let mut k = format!("cli-{kind}-{path}");
    if let Some(a) = arg {
        k.push('-');
        k.push_str(&a.replace('_', "-"));
    }
    k
}

/// `cmd` with its texts in `t`'s language.
pub fn localize(cmd: Command, t: &Texts) -> Command {
    localize_at(cmd, "root", t, true)
}

fn localize_at(mut cmd: Command, path: &str, t: &Texts, root: bool) -> Command {
    cmd = cmd.disable_help_subcommand(true);
    if let Some(about) = t.find(&key("about", path, None)) {
        cmd = cmd.long_about(None);
        cmd = cmd.about(about);
    }
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            let id = a.get_id().to_string();
            (id, a.is_positional(), a.is_global_set())
        })
        .collect();
    // A command's own options first, in the order they are declared; below them, under a
    // heading of their own, the options every command takes.
    for (i, (id, positional, global)) in ids.into_iter().enumerate() {
        let help = t.find(&key("arg", path, Some(&id)));
        let (heading, order) = match (positional, global) {
            (true, _) => ("cli-heading-arguments", i),
            (false, false) => ("cli-heading-options", i),
            (false, true) => ("cli-heading-global-options", 1000 + i),
        };
        let heading = t.get(heading);
        // Defaults, values and the environment variable are in the text, in its language.
        cmd = cmd.mut_arg(&id, |a| {
            let takes_values = a.get_action().takes_values();
            let mut a = a
                .help_heading(heading.clone())
                .display_order(order)
                .hide_env(true);
            if takes_values {
                a = a.hide_default_value(true).hide_possible_values(true);
            }
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t.get("cli-heading-usage")
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(t.get("cli-heading-commands"))
        .subcommand_value_name(t.get("cli-command-value"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .display_order(2000)
                .help_heading(t.get(if root {
                    "cli-heading-options"
                } else {
                    "cli-heading-global-options"
                }))
                .help(t.get("cli-flag-help")),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help_heading(t.get("cli-heading-options"))
                .help(t.get("cli-flag-version")),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub = if root {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize_at(s, &sub, t, false));
    }
    cmd
}

/// Every key the German help looks up (for the test that they all exist).
pub fn keys(cmd: &Command) -> Vec<String> {
    let mut out = Vec::new();
    collect(cmd, "root", true, &mut out);
    out
}

fn collect(cmd: &Command, path: &str, root: bool, out: &mut Vec<String>) {
    if !root {
        out.push(key("about", path, None));
    }
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if id != "help" && id != "version" {
            out.push(key("arg", path, Some(id)));
        }
    }
    for s in cmd.get_subcommands() {
        let sub = if root {
            s.get_name().to_owned()
        } else {
            format!("{path}-{}", s.get_name())
        };
        collect(s, &sub, false, out);
    }
}

/// Parses the command line with the help in the language chosen (`--lang`) or the system's.
pub fn parse() -> super::Cli {
    use clap::{CommandFactory as _, FromArgMatches as _};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let t = Texts::new(language(&args));
    let cmd = localize(super::Cli::command(), &t);
    let matches = cmd
        .try_get_matches_from(args)
        .unwrap_or_else(|e| super::parse_error::exit(&e, &t));
    super::Cli::from_arg_matches(&matches).unwrap_or_else(|e| super::parse_error::exit(&e, &t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let keys = keys(&crate::front::cli::Cli::command());
        assert!(keys.len() > 40, "{keys:?}");
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let t = Texts::new(lang);
            missing.extend(
                keys.iter()
                    .filter(|k| t.find(k).is_none())
                    .map(|k| format!("{lang:?}: {k}")),
            );
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn the_localized_command_line_is_valid_in_both_languages() {
        for lang in Lang::ALL {
            localize(crate::front::cli::Cli::command(), &Texts::new(lang)).debug_assert();
        }
    }

    #[test]
    fn the_language_of_the_help_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(language(&args(&["x", "--lang", "de", "--help"])), Lang::De);
        assert_eq!(language(&args(&["x", "--lang=en", "status"])), Lang::En);
    }
}
