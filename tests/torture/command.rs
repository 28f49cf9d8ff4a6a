//! An operation as the command that runs it: the built binary (or this binary's window modes)
//! with its arguments and working folder — in a bind-mount layout inside `unshare -rm`, where the
//! second path is the root bind-mounted.

use super::emulator::pane;
use super::layout::Folder;
use super::ops::{Key, Kind, Op, Via};
use std::path::PathBuf;
use std::process::Command;

/// The command of `op`, and a short text for the log.
pub fn command(op: &Op, f: &Folder) -> (Command, String) {
    let dir = match (&f.alt, op.alt) {
        (Some(alt), true) => alt.clone(),
        _ => f.root.clone(),
    };
    let lang = ["--lang", "en"];
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    let mut cwd: Option<PathBuf> = None;
    let mut program: PathBuf = pane().into();
    let folder_args = |args: &mut Vec<std::ffi::OsString>| {
        args.extend(lang.map(Into::into));
        args.push("--ucserver-dir".into());
        args.push(dir.clone().into());
    };
    let what;
    match &op.kind {
        Kind::ConfigSet { key, value } => {
            folder_args(&mut args);
            let (k, v) = match key {
                Key::Proxy => ("proxy", value.clone()),
                Key::Activation => ("activation", format!("groups:{value}")),
            };
            args.extend(["config", "set", k, &v].map(Into::into));
            what = format!("config set {k} {v}");
        }
        Kind::ConfigClearProxy => {
            folder_args(&mut args);
            args.extend(["config", "clear", "proxy"].map(Into::into));
            what = "config clear proxy".into();
        }
        Kind::WindowConfig { key, value, delay } => {
            program = std::env::current_exe().unwrap();
            let k = match key {
                Key::Proxy => "proxy",
                Key::Activation => "activation",
            };
            args.push("--window-config".into());
            args.push(dir.clone().into());
            args.extend([k, value, &delay.to_string()].map(Into::into));
            what = format!("window's save of {k} {value} (after {delay} ms)");
        }
        Kind::Fix { convert, via } => {
            let repair = if *convert {
                "--convert"
            } else {
                "--remove-header"
            };
            match via {
                Via::Folder => {
                    folder_args(&mut args);
                    args.extend(["matching", "fix", repair].map(Into::into));
                }
                Via::Relative => {
                    args.extend(lang.map(Into::into));
                    args.extend(["matching", "fix", "usermatching.csv", repair].map(Into::into));
                    cwd = Some(dir.join("ExternalServiceProvider"));
                }
                Via::Link => {
                    args.extend(lang.map(Into::into));
                    args.extend(["matching", "fix"].map(Into::into));
                    args.push(f.link.clone().into());
                    args.push(repair.into());
                }
            }
            what = format!("matching fix {repair} via {via:?}");
        }
        Kind::WindowMatching { token, delay } => {
            program = std::env::current_exe().unwrap();
            args.push("--window-matching".into());
            args.push(dir.join("ExternalServiceProvider/usermatching.csv").into());
            args.extend([token.as_str(), &delay.to_string()].map(Into::into));
            what = format!("window's save of usermatching.csv adding {token}");
        }
        Kind::Forget => {
            folder_args(&mut args);
            args.extend(["consent", "forget"].map(Into::into));
            what = "consent forget".into();
        }
        Kind::Status => {
            folder_args(&mut args);
            args.push("status".into());
            what = "status".into();
        }
        Kind::Bundle { out, into, force } => {
            folder_args(&mut args);
            args.push("support-bundle".into());
            args.push(out.clone().into());
            if *force {
                args.push("--force".into());
            }
            what = format!(
                "support-bundle {}{}{}",
                out.display(),
                if *force { " --force" } else { "" },
                into.map(|i| format!(" (the folder's {i})"))
                    .unwrap_or_default()
            );
        }
    }
    let via = if op.alt { " [second path]" } else { "" };
    let what = format!("#{} {what}{via}", op.id);
    // In a bind-mount layout every command runs in a mount namespace of its own where the
    // second path is the root bind-mounted (the path names the same files, spelled otherwise).
    let cmd = match (&f.alt, f.bind) {
        (Some(alt), true) => {
            let mut c = Command::new("unshare");
            c.args(["-rm", "sh", "-c"])
                .arg("r=$1 a=$2 c=$3; shift 3; mount --bind \"$r\" \"$a\" && cd \"$c\" && exec \"$@\"")
                .arg("sh")
                .arg(&f.root)
                .arg(alt)
                .arg(cwd.unwrap_or_else(|| std::env::current_dir().unwrap()))
                .arg(program)
                .args(args);
            c
        }
        _ => {
            let mut c = Command::new(program);
            c.args(args);
            if let Some(d) = &cwd {
                c.current_dir(d);
            }
            c
        }
    };
    (cmd, what)
}
