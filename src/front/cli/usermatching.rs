//! `matching check`, `matching fix` and `matching preview`: usermatching.csv from the command line.

use super::args::MatchingCmd;
use super::fail;
use super::inputs::{Gathered, gather, list_tenant};
use super::out::{escape, outln};
use crate::base::i18n::{Msg, Texts};
use crate::base::paths;
use crate::model::matching::Severity;
use crate::model::matching::preview::{self, Preview, TenantUser, UcUser};
use crate::ops::store::{self, Repair};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn fix(given: &Path, repairs: impl Iterator<Item = Repair>, t: &Texts) -> ExitCode {
    // The file as what it is (issue 34 §2): a relative path or a link is the folder's
    // usermatching.csv all the same — its folder's lock is taken, and the repair replaces the file
    // the link points at, never the link.
    let real = crate::base::files::identity::real_path(given).ok();
    // Anything but a file at the end of a link is refused under the name given.
    let path = match &real {
        Some(real) if real.is_file() => real.as_path(),
        _ => given,
    };
    // Read and every repair written under one hold of the folder's lock.
    let _lock = match crate::base::folder::lock_for(path) {
        Ok(l) => l,
        Err(e) => return fail(t, &[e.msg()]),
    };
    let mut loaded = match store::load_matching(path) {
        Ok(Some(found)) => found,
        Ok(None) => {
            let path = given.display().to_string();
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
    let file = given.file_name().map(|f| f.to_string_lossy().into_owned());
    let id = match changed {
        true => "matching-repaired",
        false => "matching-nothing-to-repair",
    };
    let m = Msg::new(id).text("file", file.unwrap_or_default());
    outln!("{}", t.msg(&m));
    check(given, false, t)
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
        super::out::json(&out);
    } else if report.findings.is_empty() {
        let m = Msg::new("cli-matching-ok")
            .text("path", path.display().to_string())
            .num("rows", report.rows);
        outln!("{}", t.msg(&m));
    } else {
        for f in &report.findings {
            let severity = match f.severity {
                Severity::Error => t.get("severity-error"),
                Severity::Warning => t.get("severity-warning"),
            };
            outln!(
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
        outln!("{}", t.msg(&m));
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
    (all, json, refresh): (bool, bool, bool),
    t: &Texts,
) -> ExitCode {
    let Gathered {
        settings,
        users,
        tenant,
        preview: p,
    } = match gather(dir, users_path, path, refresh, t) {
        Ok(g) => g,
        Err(code) => return code,
    };
    // One buffer over the locked stdout: 100,000 lines are not 100,000 writes.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = if json {
        write_preview_json(&mut out, &p, &users, &tenant)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        print_preview(&mut out, &p, &users, &tenant, &settings, all, t)
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        // A closed pipe (`… | head`) is the reader's choice, not a failure to report.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return fail(
                t,
                &[Msg::new("stdout-failed").text("detail", e.to_string())],
            );
        }
    }
    let attention = p.counts.none + p.counts.ambiguous + p.case_fixes.len() + p.unknown_lines.len();
    if attention > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `matching fix --case`: the lines whose Azure AD name is a UPN of the tenant but for letter
/// case, as the preview finds them (the tenant read with the stored user consent).
fn case_fixes(dir: &Path, path: &Path, t: &Texts) -> Result<Vec<preview::CaseFix>, ExitCode> {
    let settings = super::loaded_settings(dir, t)?;
    let (stop, mut cancel) = tokio::sync::watch::channel(false);
    let stop = std::sync::Arc::new(stop);
    let tenant = super::runtime()
        .block_on(list_tenant(dir, &settings, false, &stop, &mut cancel, t))
        .map_err(|e| {
            fail(t, &e.msgs());
            ExitCode::from(5)
        })?;
    let file = match store::load_matching(path) {
        Ok(Some(found)) => found.file,
        Ok(None) => {
            let path = path.display().to_string();
            return Err(fail(
                t,
                &[Msg::new("cli-matching-missing").text("path", path)],
            ));
        }
        Err(e) => return Err(fail(t, &[Msg::new("load-failed").inner("detail", e.msg())])),
    };
    Ok(preview::preview(&[], |_| true, &file, &tenant).case_fixes)
}

/// `--json` of `matching preview`, written to `out` as it is produced: the rows are borrowed from
/// the preview and serialised one by one (no tree of values, no second copy of 100,000 rows).
fn write_preview_json(
    out: impl Write,
    p: &Preview,
    users: &[UcUser],
    tenant: &[TenantUser],
) -> serde_json::Result<()> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Doc<'a> {
        counts: &'a preview::Counts,
        tenant_users: usize,
        rows: Rows<'a>,
        unknown_lines: &'a [preview::UnknownLine],
        case_fixes: &'a [preview::CaseFix],
    }
    struct Rows<'a>(&'a Preview, &'a [UcUser], &'a [TenantUser]);
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Row<'a> {
        user: &'a str,
        display_name: &'a str,
        #[serde(rename = "match")]
        kind: &'static str,
        teams_upn: Option<&'a str>,
        teams_id: Option<&'a str>,
        lines: &'a [usize],
        suggestion: Option<Suggestion<'a>>,
        line: Option<usize>,
    }
    #[derive(serde::Serialize)]
    struct Suggestion<'a> {
        upn: &'a str,
        reason: &'static str,
    }
    impl serde::Serialize for Rows<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let Rows(p, users, tenant) = *self;
            s.collect_seq(p.rows.iter().map(|r| {
                let u = &users[r.user];
                let account = r.result.tenant().map(|i| &tenant[i]);
                Row {
                    user: &u.name,
                    display_name: &u.display_name,
                    kind: r.result.key(),
                    teams_upn: account.map(|a| a.upn.as_str()),
                    teams_id: account.map(|a| a.id.as_str()),
                    lines: r.result.lines(),
                    suggestion: r.suggestion.map(|(i, why)| Suggestion {
                        upn: &tenant[i].upn,
                        reason: why.key(),
                    }),
                    line: r.line,
                }
            }))
        }
    }
    let doc = Doc {
        counts: &p.counts,
        tenant_users: tenant.len(),
        rows: Rows(p, users, tenant),
        unknown_lines: &p.unknown_lines,
        case_fixes: &p.case_fixes,
    };
    super::out::json_to(out, &doc)
}

fn print_preview(
    mut out: impl Write,
    p: &Preview,
    users: &[UcUser],
    tenant: &[TenantUser],
    settings: &crate::model::config::Settings,
    all: bool,
    t: &Texts,
) -> std::io::Result<()> {
    if settings.activation.mode == crate::model::config::ActivationMode::Off {
        writeln!(out, "{}", t.get("preview-off-note"))?;
    }
    for r in &p.rows {
        if !all && r.result.tenant().is_some() {
            continue;
        }
        writeln!(
            out,
            "{}",
            escape(&t.msg(&preview::row_msg(r, users, tenant)))
        )?;
    }
    for fix in &p.case_fixes {
        writeln!(out, "{}", escape(&t.msg(&preview::case_fix_msg(fix))))?;
    }
    for unknown in &p.unknown_lines {
        writeln!(out, "{}", escape(&t.msg(&unknown.msg())))?;
    }
    writeln!(
        out,
        "{}",
        t.msg(&preview::counts_msg(&p.counts, tenant.len()))
    )
}

/// `matching check|preview|fix`.
pub(super) fn run(dir: &Path, action: &MatchingCmd, t: &Texts) -> ExitCode {
    match action {
        MatchingCmd::Check { file, json } => {
            let path = file.clone().unwrap_or_else(|| paths::usermatching(dir));
            check(&path, *json, t)
        }
        MatchingCmd::Preview {
            users,
            file,
            all,
            json,
            refresh,
        } => {
            let path = file.clone().unwrap_or_else(|| paths::usermatching(dir));
            preview(dir, users, &path, (*all, *json, *refresh), t)
        }
        MatchingCmd::Presence {
            users,
            file,
            all,
            json,
            refresh,
        } => {
            let path = file.clone().unwrap_or_else(|| paths::usermatching(dir));
            super::presence::run(dir, users, &path, (*all, *json, *refresh), t)
        }
        MatchingCmd::Fix {
            file,
            convert,
            remove_header,
            case,
        } => {
            let path = file.clone().unwrap_or_else(|| paths::usermatching(dir));
            let mut repairs = Vec::new();
            if *convert {
                repairs.push(Repair::Convert);
            }
            if *remove_header {
                repairs.push(Repair::RemoveHeader);
            }
            if *case {
                match case_fixes(dir, &path, t) {
                    Ok(fixes) => {
                        for f in &fixes {
                            outln!("{}", t.msg(&preview::case_fix_msg(f)));
                        }
                        let m = Msg::new("matching-case-found").num("count", fixes.len());
                        outln!("{}", t.msg(&m));
                        repairs.push(Repair::Case(fixes));
                    }
                    Err(code) => return code,
                }
            }
            fix(&path, repairs.into_iter(), t)
        }
    }
}
