//! `matching presence`: the live Teams presence of every matched user of the preview, read as the
//! window's "Live-Präsenz lesen" reads it (the same use case: [`crate::ops::presence::read_all`],
//! the same view: [`crate::model::matching::live`]) — each user without a readable presence with the reason and what to
//! do (`--all`: every matched user), the counts by state, the capacity against Microsoft's limits.
//! Nothing is written.

use super::fail;
use super::inputs::{Gathered, gather};
use super::out::{errln, escape};
use crate::base::i18n::{Msg, Texts};
use crate::model::matching::live::{self, Capacity, Live, Summary, Why};
use crate::model::matching::preview::{Preview, TenantUser, UcUser};
use crate::model::presence::{Progress, Readout, Seen};
use std::io::{IsTerminal as _, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit 0 when every matched user has a readable presence, 1 when one has none (or the read was
/// cancelled), 2 for a file, 5 when the tenant or the presences cannot be read.
pub(super) fn run(
    dir: &Path,
    users_path: &Path,
    path: &Path,
    (all, json, refresh): (bool, bool, bool),
    t: &Texts,
) -> ExitCode {
    let g = match gather(dir, users_path, path, refresh, t) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let Gathered {
        settings,
        users,
        tenant,
        preview: p,
    } = g;
    let targets = live::targets(&p);
    let ids: Vec<String> = targets.iter().map(|&i| tenant[i].id.clone()).collect();
    let secrets = crate::base::paths::secrets(dir);
    let readout = super::runtime().block_on(read_presence(&settings, &secrets, &ids, t));
    let readout = match readout {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            fail(t, &e.presence_msgs());
            return ExitCode::from(5);
        }
        // The deadline passed: said by the waiter.
        Err(_) => return ExitCode::from(5),
    };
    let time = chrono::Local::now().format("%H:%M:%S").to_string();
    let live = Live::new(&targets, readout, time);
    let summary = Summary::of(&p, &tenant, &live);
    let capacity = Capacity::of(targets.len());
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let view = View {
        p: &p,
        users: &users,
        tenant: &tenant,
        live: &live,
    };
    let written = if json {
        write_json(&mut out, &view, &summary, &capacity)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        print(&mut out, &view, &summary, &capacity, all, t)
    };
    if let Err(e) = written.and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return fail(
            t,
            &[Msg::new("stdout-failed").text("detail", e.to_string())],
        );
    }
    if summary.readable == summary.matched && !live.cancelled {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The read, its progress on stderr where that is a terminal — and on any stderr while Microsoft
/// asks to wait longer than 2 s (429), so that a script's log says why it takes long; Ctrl+C ends
/// it (what was read stays, the rest is "not read"). Past its deadline (`Err`) it ends, said.
async fn read_presence(
    settings: &crate::model::config::Settings,
    secrets: &Path,
    ids: &[String],
    t: &Texts,
) -> Result<Result<Readout, crate::microsoft::graph::TenantError>, std::time::Duration> {
    let waiter = super::wait::Waiter::new(t, Msg::new("wait-presence"), super::wait::PRESENCE);
    let (stop, mut cancel) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = stop.send(true);
        }
    });
    let terminal = std::io::stderr().is_terminal();
    let progress = |p: Progress| {
        let line = t.msg(&p.msg());
        if terminal {
            // The line is written over: a shorter one after a longer one is padded.
            let _ = write!(std::io::stderr(), "\r{:<100}", escape(&line));
            waiter.heard();
        } else if p.waiting.is_some_and(|w| w > super::wait::QUIET) {
            errln!("{}", escape(&line));
            waiter.heard();
        }
    };
    let r = waiter
        .run(crate::ops::presence::read_all(
            settings,
            secrets,
            ids,
            progress,
            &mut cancel,
        ))
        .await;
    if terminal {
        errln!();
    }
    r
}

/// What the output is made of.
struct View<'a> {
    p: &'a Preview,
    users: &'a [UcUser],
    tenant: &'a [TenantUser],
    live: &'a Live,
}

impl View<'_> {
    /// Every matched row: the UCServer user, the Teams account, what the read gave.
    fn rows(&self) -> impl Iterator<Item = (&UcUser, &TenantUser, &Seen)> {
        self.p.rows.iter().filter_map(|r| {
            let account = r.result.tenant()?;
            Some((
                &self.users[r.user],
                &self.tenant[account],
                self.live.seen(account),
            ))
        })
    }
}

fn print(
    mut out: impl Write,
    v: &View,
    summary: &Summary,
    capacity: &Capacity,
    all: bool,
    t: &Texts,
) -> std::io::Result<()> {
    for (user, account, seen) in v.rows() {
        let (m, why) = live::cell(seen, &account.upn);
        if all || why.is_some() {
            let line = Msg::new("cli-live-row")
                .text("user", &user.name)
                .text("upn", &account.upn)
                .inner("presence", m);
            writeln!(out, "{}", escape(&t.msg(&line)))?;
        }
    }
    for (why, n) in &summary.without {
        writeln!(out, "{}", t.msg(&why.msg(*n)))?;
    }
    writeln!(out, "{}", escape(&t.msg(&summary.msg(v.live))))?;
    let states = summary.states(t);
    if !states.is_empty() {
        writeln!(out, "{}", escape(&states))?;
    }
    for (m, _) in capacity.msgs() {
        writeln!(out, "{}", t.msg(&m))?;
    }
    Ok(())
}

/// `--json`: the counts, the capacity, and every matched user, written as it is produced.
fn write_json(
    out: impl Write,
    v: &View,
    summary: &Summary,
    capacity: &Capacity,
) -> serde_json::Result<()> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Doc<'a> {
        matched: usize,
        readable: usize,
        requests: usize,
        retries: usize,
        cancelled: bool,
        by_availability: std::collections::BTreeMap<&'a str, usize>,
        without: std::collections::BTreeMap<&'static str, usize>,
        capacity: &'a Capacity,
        users: Rows<'a>,
    }
    struct Rows<'a>(&'a View<'a>);
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Row<'a> {
        user: &'a str,
        display_name: &'a str,
        teams_upn: &'a str,
        teams_id: &'a str,
        availability: Option<&'a str>,
        activity: Option<&'a str>,
        readable: bool,
        reason: Option<&'static str>,
    }
    impl serde::Serialize for Rows<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.rows().map(|(user, account, seen)| {
                let presence = match seen {
                    Seen::Presence {
                        availability,
                        activity,
                    } => Some((availability.as_str(), activity.as_str())),
                    _ => None,
                };
                Row {
                    user: &user.name,
                    display_name: &user.display_name,
                    teams_upn: &account.upn,
                    teams_id: &account.id,
                    availability: presence.map(|p| p.0),
                    activity: presence.map(|p| p.1),
                    readable: seen.readable(),
                    reason: Why::of(seen, &account.upn).map(Why::key),
                }
            }))
        }
    }
    let doc = Doc {
        matched: summary.matched,
        readable: summary.readable,
        requests: v.live.requests,
        retries: v.live.retries,
        cancelled: v.live.cancelled,
        by_availability: summary
            .by_availability
            .iter()
            .map(|(a, n)| (a.as_str(), *n))
            .collect(),
        without: summary.without.iter().map(|(w, n)| (w.key(), *n)).collect(),
        capacity,
        users: Rows(v),
    };
    super::out::json_to(out, &doc)
}
