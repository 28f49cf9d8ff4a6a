//! `matching check`, `matching fix` and `matching preview`: usermatching.csv from the command line.

use super::fail;
use crate::i18n::{Msg, Texts};
use crate::matching::preview::{self, Preview, TenantUser, UcUser};
use crate::matching::{Severity, ucserver_users};
use crate::microsoft::graph;
use crate::store::{self, Repair};
use std::io::IsTerminal as _;
use std::path::Path;
use std::process::ExitCode;

pub fn fix(path: &Path, repairs: impl Iterator<Item = Repair>, t: &Texts) -> ExitCode {
    // Read and every repair written under one hold of the folder's lock.
    let _lock = match crate::folder::lock_for(path) {
        Ok(l) => l,
        Err(e) => return fail(t, &[e.msg()]),
    };
    let mut loaded = match store::load_matching(path) {
        Ok(Some(found)) => found,
        Ok(None) => {
            let path = path.display().to_string();
            return fail(t, &[Msg::new("cli-matching-missing").text("path", path)]);
        }
        Err(e) => return fail(t, &[Msg::new("load-failed").inner("detail", e.msg())]),
    };
    let mut changed = false;
    for repair in repairs {
        loaded = match store::repair_matching(&loaded.snapshot, repair) {
            Ok(r) => {
                changed |= r.changed;
                r.loaded
            }
            Err(e) => return fail(t, &e.msgs()),
        };
    }
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
    let id = match changed {
        true => "matching-repaired",
        false => "matching-nothing-to-repair",
    };
    let m = Msg::new(id).text("file", file.unwrap_or_default());
    println!("{}", t.msg(&m));
    check(path, false, t)
}

pub fn check(path: &Path, json: bool, t: &Texts) -> ExitCode {
    let report = match store::load_matching(path) {
        Ok(Some(found)) => found.report,
        Ok(None) => {
            let path = path.display().to_string();
            return fail(t, &[Msg::new("cli-matching-missing").text("path", path)]);
        }
        Err(e) => return fail(t, &[Msg::new("load-failed").inner("detail", e.msg())]),
    };
    if json {
        let out = serde_json::json!({ "path": path, "report": report });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("serialises")
        );
    } else if report.findings.is_empty() {
        let m = Msg::new("cli-matching-ok")
            .text("path", path.display().to_string())
            .num("rows", report.rows);
        println!("{}", t.msg(&m));
    } else {
        for f in &report.findings {
            let severity = match f.severity {
                Severity::Error => t.get("severity-error"),
                Severity::Warning => t.get("severity-warning"),
            };
            println!(
                "{}:{}: {severity}: {}",
                path.display(),
                f.line,
                t.msg(&f.msg())
            );
        }
        let m = Msg::new("matching-summary")
            .num("rows", report.rows)
            .num("errors", report.errors)
            .num("warnings", report.warnings);
        println!("{}", t.msg(&m));
    }
    if report.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `matching preview`: the preview of the window, on the command line.
pub fn preview(
    dir: &Path,
    users_path: &Path,
    path: &Path,
    all: bool,
    json: bool,
    t: &Texts,
) -> ExitCode {
    let settings = match super::loaded_settings(dir, t) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let users = match std::fs::read(users_path) {
        Ok(bytes) => match ucserver_users::parse(&bytes) {
            Ok(imported) => imported.users,
            Err(e) => return fail(t, &[e.msg()]),
        },
        Err(e) => return fail(t, &[crate::i18n::io_error(users_path, &e)]),
    };
    let mapping = match store::load_matching(path) {
        Ok(found) => found.map(|m| m.file).unwrap_or_default(),
        Err(e) => return fail(t, &[Msg::new("load-failed").inner("detail", e.msg())]),
    };
    let listed = super::runtime().block_on(async {
        let (stop, mut cancel) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                let _ = stop.send(true);
            }
        });
        let terminal = std::io::stderr().is_terminal();
        let progress = |p: graph::Progress| {
            if terminal {
                eprint!("\r{}", t.msg(&graph::progress_msg(&p)));
            }
        };
        let secrets = crate::paths::secrets(dir);
        let r =
            crate::ops::tokens::list_with_consent(&settings, &secrets, progress, &mut cancel).await;
        if terminal {
            eprintln!();
        }
        r
    });
    let tenant = match listed {
        Ok(list) => list,
        Err(e) => {
            fail(t, &e.msgs());
            return ExitCode::from(5);
        }
    };
    let p = preview::preview(
        &users,
        preview::in_scope(&settings.activation),
        &mapping,
        &tenant,
    );
    if json {
        println!("{}", preview_json(&p, &users, &tenant));
    } else {
        print_preview(&p, &users, &tenant, &settings, all, t);
    }
    let attention = p.counts.none + p.counts.ambiguous + p.case_fixes.len() + p.unknown_lines.len();
    if attention > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn preview_json(p: &Preview, users: &[UcUser], tenant: &[TenantUser]) -> String {
    let rows: Vec<_> = p
        .rows
        .iter()
        .map(|r| {
            let u = &users[r.user];
            serde_json::json!({
                "user": u.name,
                "displayName": u.display_name,
                "match": r.result.key(),
                "teamsUpn": r.result.tenant().map(|i| &tenant[i].upn),
                "teamsId": r.result.tenant().map(|i| &tenant[i].id),
                "lines": r.result.lines(),
                "suggestion": r.suggestion.map(|(i, why)| serde_json::json!({
                    "upn": tenant[i].upn,
                    "reason": why.key(),
                })),
                "line": r.line,
            })
        })
        .collect();
    let out = serde_json::json!({
        "counts": p.counts,
        "tenantUsers": tenant.len(),
        "rows": rows,
        "unknownLines": p.unknown_lines,
        "caseFixes": p.case_fixes,
    });
    serde_json::to_string_pretty(&out).expect("serialises")
}

fn print_preview(
    p: &Preview,
    users: &[UcUser],
    tenant: &[TenantUser],
    settings: &crate::config::Settings,
    all: bool,
    t: &Texts,
) {
    if settings.activation.mode == crate::config::ActivationMode::Off {
        println!("{}", t.get("preview-off-note"));
    }
    for r in &p.rows {
        if !all && r.result.tenant().is_some() {
            continue;
        }
        println!("{}", t.msg(&preview::row_msg(r, users, tenant)));
    }
    for fix in &p.case_fixes {
        println!("{}", t.msg(&preview::case_fix_msg(fix)));
    }
    for unknown in &p.unknown_lines {
        println!("{}", t.msg(&unknown.msg()));
    }
    println!("{}", t.msg(&preview::counts_msg(&p.counts, tenant.len())));
}
