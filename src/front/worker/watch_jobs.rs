//! The window's "Überwachung" (issue 37): the watch file, the schedule, and the section's buttons
//! — install or remove the schedule, send a test message on every channel — done here, off the
//! window's thread, each followed by the state read again.

use super::{Ctx, Reply};
use crate::base::i18n::{Lang, Msg, Texts};
use crate::model::watch::WatchFile;
use crate::ops::schedule::{self, Installed};
use crate::ops::watch as op;

/// What the section asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchJob {
    /// Read the state.
    Show,
    /// Install (or replace) the schedule, every N minutes.
    Install {
        minutes: u32,
    },
    Remove,
    /// A test message on every channel, in `lang` where the watch names none.
    Test {
        lang: Lang,
    },
}

/// The section's view: the schedule, the watch file, and what the last button did.
#[derive(Debug)]
pub struct WatchView {
    pub schedule: Option<Installed>,
    pub file: Result<WatchFile, Msg>,
    /// What the last button did: done (what to say) or failed (why, one a channel).
    pub said: Option<Result<Vec<Msg>, Vec<Msg>>>,
}

pub async fn run(job: WatchJob, reply: Reply<WatchView>, ctx: Ctx) {
    let dir = ctx.folder.root().to_owned();
    let said = match job {
        WatchJob::Show => None,
        WatchJob::Install { minutes } => {
            let d = dir.clone();
            let done = tokio::task::spawn_blocking(move || {
                let exe = std::env::current_exe()?;
                let d = std::path::absolute(&d).unwrap_or(d);
                schedule::install(&schedule::Job {
                    exe: &exe,
                    ucserver_dir: &d,
                    every_minutes: minutes,
                })
            })
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e.to_string())));
            Some(match done {
                Ok(i) => Ok(vec![
                    Msg::new("watch-installed")
                        .num("minutes", minutes)
                        .text("place", i.place),
                ]),
                Err(e) => Err(vec![
                    Msg::new("watch-install-failed").text("detail", e.to_string()),
                ]),
            })
        }
        WatchJob::Remove => {
            let done = tokio::task::spawn_blocking(schedule::remove)
                .await
                .unwrap_or_else(|e| Err(std::io::Error::other(e.to_string())));
            Some(match done {
                Ok(_) => Ok(vec![Msg::new("watch-removed")]),
                Err(e) => Err(vec![
                    Msg::new("watch-remove-failed").text("detail", e.to_string()),
                ]),
            })
        }
        WatchJob::Test { lang } => Some(test(&dir, lang).await),
    };
    let d = dir.clone();
    let (schedule, file) = tokio::task::spawn_blocking(move || {
        (
            schedule::installed(),
            op::load(&d).map(|(_, f)| f).map_err(|e| e.msg()),
        )
    })
    .await
    .unwrap_or_else(|e| {
        (
            None,
            Err(Msg::new("watch-install-failed").text("detail", e.to_string())),
        )
    });
    reply.finish(WatchView {
        schedule,
        file,
        said,
    });
}

/// The test message on every channel set.
async fn test(dir: &std::path::Path, lang: Lang) -> Result<Vec<Msg>, Vec<Msg>> {
    let settings = op::load(dir).map_err(|e| vec![e.msg()])?.1.settings;
    let channels = settings.channels();
    if channels.is_empty() {
        return Err(vec![Msg::new("watch-no-channel")]);
    }
    let proxy = crate::ops::store::load_config(dir)
        .ok()
        .and_then(|l| l.settings.ok())
        .map(|s| s.proxy)
        .unwrap_or_default();
    let lang = settings
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or(lang);
    let msg = op::test_message(&Texts::new(lang));
    let targets = op::Targets::read(dir, settings, proxy);
    let (mut sent, mut failed) = (vec![], vec![]);
    for c in channels {
        match op::send(c, &msg, &targets).await {
            Ok(()) => sent.push(Msg::new("watch-test-sent").text("channel", c.name())),
            Err(f) => failed.push(op::failure_msg(&f)),
        }
    }
    if failed.is_empty() {
        Ok(sent)
    } else {
        failed.extend(sent);
        Err(failed)
    }
}
