//! `config show`, `config set` and `config clear`: msteams.cfg from the command line, each change
//! one transaction under the folder's lock (read, edit, validate, write).

use super::args::ConfigCmd;
use super::out::{escape_value, outln};
use super::{fail, loaded_config};
use crate::base::i18n::{Msg, Texts};
use crate::base::paths;
use crate::model::config::keys::{Cli, Key, SetArgs, Shown};
use crate::model::config::{KEYS, Settings};
use crate::model::status::{self, Auth};
use crate::model::validate::{Invalid, Problem};
use crate::ops::store::{self, SaveFailure};
use std::path::Path;
use std::process::ExitCode;

pub fn show(dir: &Path, json: bool, t: &Texts) -> ExitCode {
    let (snapshot, settings) = match loaded_config(dir, t) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let secrets = store::load_secrets(dir);
    let auth = Auth::from_secrets(&secrets);
    let path = paths::msteams_cfg(dir);
    if json {
        let out = serde_json::json!({
            "path": path,
            "exists": snapshot.exists(),
            "settings": settings,
            "status": { "auth": auth },
        });
        super::out::json(&out);
        return ExitCode::SUCCESS;
    }
    // Values from the file: one line each, whatever they hold (issue 34 §11); each key says
    // what it shows.
    outln!("{}", path.display());
    for key in KEYS {
        let value = match (key.show)(&settings) {
            None => continue,
            Some(Shown::Value(v)) => v,
            Some(Shown::Text { id, suffix }) => format!("{}{suffix}", t.get(id)),
        };
        outln!("{}: {}", t.get(key.field.label_id()), escape_value(&value));
    }
    outln!("{}", t.msg(&auth.msg()));
    outln!("{}", t.msg(&status::proxy_msg(&settings.proxy, false)));
    ExitCode::SUCCESS
}

pub fn change(
    dir: &Path,
    t: &Texts,
    edit: impl FnOnce(&mut Settings) -> Result<(), Invalid>,
) -> ExitCode {
    // One transaction: read, edit and write under the folder's lock (the store's use case).
    let path = paths::msteams_cfg(dir).display().to_string();
    match store::change_config(dir, edit) {
        Ok(saved) if saved.unchanged => {
            outln!("{}", t.msg(&Msg::new("cli-unchanged").text("path", path)));
            ExitCode::SUCCESS
        }
        Ok(saved) => {
            outln!("{}", t.msg(&Msg::new("cli-saved").text("path", path)));
            if !saved.restart.is_empty() {
                outln!("{}", status::restart_notice(t, &saved.restart));
                outln!("{}", t.msg(&status::restart_hint()));
            }
            ExitCode::SUCCESS
        }
        Err(SaveFailure::Invalid(list)) => {
            fail(t, &list.iter().map(Invalid::msg).collect::<Vec<_>>())
        }
        Err(e) => fail(t, &e.msgs()),
    }
}

/// `config set KEY VALUE` into `s`: the key's own setter, after refusing an empty value for a key
/// that `config clear` empties. A key without a setter is not offered by the command line.
pub fn set(s: &mut Settings, key: &Key, value: &str, args: &SetArgs) -> Result<(), Invalid> {
    let Cli::Set { name, set, clear } = &key.cli else {
        return Ok(());
    };
    // An empty value is a script's empty variable more often than a wish: clearing is its own
    // command.
    if *clear && value.trim().is_empty() {
        return Err(Invalid::new(
            key.field,
            Problem::EmptyUseClear {
                key: (*name).to_owned(),
            },
        ));
    }
    set(s, value, args)
}

/// `config show|set|clear`.
pub(super) fn run(dir: &Path, action: &ConfigCmd, t: &Texts) -> ExitCode {
    match action {
        ConfigCmd::Show { json } => show(dir, *json, t),
        ConfigCmd::Set {
            key,
            value,
            login_url,
            graph_url,
        } => change(dir, t, |s| {
            let args = SetArgs {
                login_url: login_url.as_deref(),
                graph_url: graph_url.as_deref(),
            };
            set(s, key, value, &args)
        }),
        ConfigCmd::Clear { key } => change(dir, t, |s| {
            // Cleared = the key's default value, as the merge takes it.
            key.take(s, &Settings::default());
            Ok(())
        }),
    }
}
