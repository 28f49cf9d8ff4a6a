//! `config show`, `config set` and `config clear`: msteams.cfg from the command line, each change
//! one transaction under the folder's lock (read, edit, validate, write).

use super::args::{ClearKey, ConfigCmd, SetKey};
use super::out::{escape_value, outln};
use super::{fail, loaded_config};
use crate::config::{ActivationMode, Cloud, Settings};
use crate::i18n::{Msg, Texts};
use crate::paths;
use crate::status::{self, Auth};
use crate::store::{self, SaveFailure};
use crate::validate::{self, Field, Invalid, Problem};
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
    // Values from the file: one line each, whatever they hold (issue 34 §11).
    let row =
        |field: Field, value: &str| outln!("{}: {}", t.get(field.label_id()), escape_value(value));
    let or = |value: &str, empty_id: &str| match value {
        "" => t.get(empty_id),
        v => v.to_owned(),
    };
    outln!("{}", path.display());
    row(Field::TenantId, &or(&settings.tenant_id, "show-no-tenant"));
    row(Field::Cloud, &t.get(settings.cloud.label_id()));
    if settings.cloud == Cloud::Custom {
        row(Field::CustomLoginUrl, &settings.custom_login_url);
        row(Field::CustomGraphUrl, &settings.custom_graph_url);
    }
    row(Field::ClientId, &or(&settings.client_id, "show-estos-app"));
    row(Field::Proxy, &or(&settings.proxy, "show-no-proxy"));
    let a = &settings.activation;
    let names = match a.mode {
        ActivationMode::Groups => format!(" ({})", a.groups.join(", ")),
        ActivationMode::Users => format!(" ({})", a.users.join(", ")),
        _ => String::new(),
    };
    row(
        Field::Activation,
        &format!("{}{names}", t.get(a.mode.label_id())),
    );
    outln!("{}", t.msg(&auth.msg()));
    outln!("{}", t.msg(&status::proxy_msg(&settings.proxy, false)));
    ExitCode::SUCCESS
}

pub fn change(
    dir: &Path,
    t: &Texts,
    edit: impl FnOnce(&mut Settings) -> Result<(), Invalid>,
) -> ExitCode {
    // One transaction: read, edit and write under the folder's lock.
    let folder = crate::folder::Folder::new(dir);
    let _lock = match folder.lock(&folder.msteams_cfg()) {
        Ok(l) => l,
        Err(e) => return fail(t, &[e.msg()]),
    };
    let (snapshot, base) = match loaded_config(dir, t) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut settings = base.clone();
    if let Err(e) = edit(&mut settings) {
        return fail(t, &[e.msg()]);
    }
    let valid = match settings.validate() {
        Ok(v) => v,
        Err(list) => return fail(t, &list.iter().map(Invalid::msg).collect::<Vec<_>>()),
    };
    let path = paths::msteams_cfg(dir).display().to_string();
    match store::save_config(&snapshot, &base, &valid) {
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

pub fn set(
    s: &mut Settings,
    key: SetKey,
    value: &str,
    login_url: Option<&str>,
    graph_url: Option<&str>,
) -> Result<(), Invalid> {
    // An empty value is a script's empty variable more often than a wish: clearing is its own
    // command.
    let clear = match key {
        SetKey::TenantId => Some((Field::TenantId, super::ClearKey::TenantId)),
        SetKey::ClientId => Some((Field::ClientId, super::ClearKey::ClientId)),
        SetKey::Proxy => Some((Field::Proxy, super::ClearKey::Proxy)),
        _ => None,
    };
    if let Some((field, clear)) = clear
        && value.trim().is_empty()
    {
        use clap::ValueEnum as _;
        let key = clear
            .to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default();
        return Err(Invalid::new(field, Problem::EmptyUseClear { key }));
    }
    match key {
        SetKey::TenantId => s.tenant_id = validate::saved_tenant_id(value)?,
        SetKey::ClientId => s.client_id = validate::client_id(value)?,
        SetKey::Proxy => s.proxy = validate::proxy(value)?,
        SetKey::Cloud => {
            s.cloud = Cloud::from_key(value.trim()).ok_or_else(|| {
                Invalid::new(
                    Field::Cloud,
                    Problem::UnknownValue {
                        value: value.to_owned(),
                        allowed: Cloud::NAMES,
                    },
                )
            })?;
            if let Some(u) = login_url {
                s.custom_login_url = validate::base_url(Field::CustomLoginUrl, u)?;
            }
            if let Some(u) = graph_url {
                s.custom_graph_url = validate::base_url(Field::CustomGraphUrl, u)?;
            }
        }
        SetKey::Activation => {
            let (mode, names) = match value.split_once(':') {
                Some((m, names)) => (m, Some(names)),
                None => (value, None),
            };
            let mode = ActivationMode::from_key(mode.trim()).ok_or_else(|| {
                Invalid::new(
                    Field::Activation,
                    Problem::UnknownValue {
                        value: value.to_owned(),
                        allowed: "off, global, groups[:A,B], users[:a,b]",
                    },
                )
            })?;
            s.activation.mode = mode;
            if let Some(names) = names {
                let field = match mode {
                    ActivationMode::Groups => Field::Groups,
                    ActivationMode::Users => Field::Users,
                    _ => {
                        return Err(Invalid::new(
                            Field::Activation,
                            Problem::UnknownValue {
                                value: value.to_owned(),
                                allowed: "off, global, groups[:A,B], users[:a,b]",
                            },
                        ));
                    }
                };
                let mut list = Vec::new();
                for name in names.split(',') {
                    let name = validate::list_entry(field, name.trim(), &list)?;
                    list.push(name);
                }
                match field {
                    Field::Groups => s.activation.groups = list,
                    _ => s.activation.users = list,
                }
            }
        }
    }
    Ok(())
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
            set(s, *key, value, login_url.as_deref(), graph_url.as_deref())
        }),
        ConfigCmd::Clear { key } => change(dir, t, |s| {
            let field = match key {
                ClearKey::Proxy => Field::Proxy,
                ClearKey::ClientId => Field::ClientId,
                ClearKey::TenantId => Field::TenantId,
            };
            // Cleared = the key's default value, as the key table's merge takes it.
            crate::config::merge::take(s, &Settings::default(), field);
            Ok(())
        }),
    }
}
