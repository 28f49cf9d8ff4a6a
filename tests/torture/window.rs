//! The window's saves as child processes of this binary, through the library path the window's
//! worker takes: load (the window's state), a pause (the administrator typing), then
//! `store::save_config` / `store::save_matching` with the loaded snapshot, which merge a change
//! made on disk meanwhile. Each prints one line: `saved`, `merged`, `unchanged` or `refused: …`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use teams_presence_admin::model::config::ActivationMode;
use teams_presence_admin::ops::store;

fn pause(ms: &str) {
    std::thread::sleep(Duration::from_millis(ms.parse().unwrap_or(0)));
}

/// `--window-config DIR FIELD VALUE DELAY_MS`; FIELD `proxy` or `activation` (VALUE a group).
pub fn config_child(args: &[String]) -> ExitCode {
    let [dir, field, value, delay] = args else {
        eprintln!("--window-config DIR FIELD VALUE DELAY_MS");
        return ExitCode::from(2);
    };
    let dir = Path::new(dir);
    let loaded = match store::load_config(dir) {
        Ok(l) => l,
        Err(e) => return refused(&e.to_string()),
    };
    let base = match loaded.settings {
        Ok(s) => s,
        Err(e) => return refused(&format!("{e:?}")),
    };
    pause(delay);
    let mut mine = base.clone();
    match field.as_str() {
        "proxy" => mine.proxy = value.clone(),
        "activation" => {
            mine.activation.mode = ActivationMode::Groups;
            mine.activation.groups = vec![value.clone()];
        }
        other => return refused(&format!("unknown field {other}")),
    }
    let valid = match mine.validate() {
        Ok(v) => v,
        Err(e) => return refused(&format!("{e:?}")),
    };
    match store::save_config(&loaded.snapshot, &base, &valid) {
        Ok(s) if s.unchanged => said("unchanged"),
        Ok(s) if !s.merged.is_empty() => said("merged"),
        Ok(_) => said("saved"),
        Err(e) => refused(&e.to_string()),
    }
}

/// `--window-matching FILE LINE_TOKEN DELAY_MS`: adds the line `TOKEN@firma.de<sep>TOKEN` in the
/// file's own separator, as the editor's "add line" does.
pub fn matching_child(args: &[String]) -> ExitCode {
    let [file, token, delay] = args else {
        eprintln!("--window-matching FILE TOKEN DELAY_MS");
        return ExitCode::from(2);
    };
    let path = Path::new(file);
    let loaded = match store::load_matching(path) {
        Ok(Some(l)) => l,
        Ok(None) => return refused("no usermatching.csv"),
        Err(e) => return refused(&e.to_string()),
    };
    pause(delay);
    let mut mine = loaded.file.clone();
    let sep = mine.delimiter.char();
    mine.lines.push(format!("{token}@firma.de{sep}{token}"));
    match store::save_matching(&loaded.snapshot, &loaded.file, &mine) {
        Ok(s) if s.merged => said("merged"),
        Ok(_) => said("saved"),
        Err(e) => refused(&e.to_string()),
    }
}

fn said(what: &str) -> ExitCode {
    println!("{what}");
    ExitCode::SUCCESS
}

fn refused(why: &str) -> ExitCode {
    println!("refused: {why}");
    ExitCode::from(1)
}
