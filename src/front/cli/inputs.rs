//! What `matching preview`, `matching presence` and `matching fix --case` read before they work:
//! the UCServer's user export and usermatching.csv (read while the tenant is listed), the tenant's
//! accounts — those kept while younger than an hour (their age said on stderr), else read with
//! the stored user consent (progress on stderr, Ctrl+C ends it) — and the preview of how they
//! match.

use super::fail;
use super::out::errln;
use crate::base::i18n::{Msg, Texts};
use crate::microsoft::graph;
use crate::model::matching::preview::{self, Preview, TenantUser, UcUser};
use crate::model::matching::ucserver_users;
use crate::ops::store;
use std::io::{IsTerminal as _, Write};
use std::path::Path;
use std::process::ExitCode;

/// What `matching preview` and `matching presence` work on: the settings, the UCServer users, the
/// tenant's accounts and the preview of how they match.
pub(super) struct Gathered {
    pub settings: crate::model::config::Settings,
    pub users: Vec<UcUser>,
    pub tenant: Vec<TenantUser>,
    pub preview: Preview,
}

/// Reads the UCServer's user export and usermatching.csv while the tenant is listed with the
/// stored user consent, and computes the preview; a failure is said (exit 2 for a file, 5 for the
/// tenant).
pub(super) fn gather(
    dir: &Path,
    users_path: &Path,
    path: &Path,
    refresh: bool,
    t: &Texts,
) -> Result<Gathered, ExitCode> {
    let settings = super::loaded_settings(dir, t)?;
    let (stop, mut cancel) = tokio::sync::watch::channel(false);
    let stop = std::sync::Arc::new(stop);
    // The export and usermatching.csv are read and parsed while the tenant is listed (the
    // listing waits on Graph most of its time); a file that cannot be read stops the listing.
    let (read, listed) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let r = read_inputs(users_path, path);
            if r.is_err() {
                let _ = stop.send(true);
            }
            r
        });
        let listed =
            super::runtime().block_on(list_tenant(dir, &settings, refresh, &stop, &mut cancel, t));
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read, listed)
    });
    // What the files say comes first: without them the listing was of no use.
    let (users, mapping) = read.map_err(|msg| fail(t, &[msg]))?;
    let tenant = listed.map_err(|e| {
        fail(t, &e.msgs());
        ExitCode::from(5)
    })?;
    let preview = preview::preview(
        &users,
        preview::in_scope(&settings.activation),
        &mapping,
        &tenant,
    );
    Ok(Gathered {
        settings,
        users,
        tenant,
        preview,
    })
}

/// The tenant's accounts: those kept while young (unless `refresh`; their age said on stderr),
/// else read with the stored user consent and kept — the progress on stderr where that is a
/// terminal, Ctrl+C (or `stop`) ends it.
pub(super) async fn list_tenant(
    dir: &Path,
    settings: &crate::model::config::Settings,
    refresh: bool,
    stop: &std::sync::Arc<tokio::sync::watch::Sender<bool>>,
    cancel: &mut tokio::sync::watch::Receiver<bool>,
    t: &Texts,
) -> Result<Vec<TenantUser>, graph::TenantError> {
    let on_ctrl_c = stop.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = on_ctrl_c.send(true);
        }
    });
    let terminal = std::io::stderr().is_terminal();
    let waiter = super::wait::Waiter::new(t, Msg::new("wait-listing"), super::wait::LISTING);
    let progress = |p: graph::Progress| {
        if terminal {
            let _ = write!(
                std::io::stderr(),
                "\r{}",
                super::out::escape(&t.msg(&graph::progress_msg(&p)))
            );
            waiter.heard();
        }
    };
    let listing = crate::ops::accounts::accounts(dir, settings, refresh, progress, cancel);
    // Past the deadline (said by the waiter) the listing ends as a timeout.
    let r = waiter.run(listing).await.unwrap_or_else(|limit| {
        Err(crate::microsoft::client::RequestError::Unreachable {
            stage: crate::microsoft::client::Stage::Timeout,
            detail: format!("no end within {} s", limit.as_secs()),
        }
        .into())
    });
    if terminal {
        errln!();
    }
    let accounts = r?;
    if accounts.source == crate::ops::accounts::Source::Kept {
        let age = (chrono::Utc::now() - accounts.read_at)
            .to_std()
            .unwrap_or_default();
        errln!("{}", t.msg(&crate::ops::kept_tenant::age_msg(age)));
    }
    Ok(accounts.users)
}

/// The UCServer users of the export and the lines of usermatching.csv (none when it is missing).
fn read_inputs(
    users_path: &Path,
    path: &Path,
) -> Result<(Vec<UcUser>, crate::model::matching::MatchingFile), Msg> {
    use crate::base::files::limits::{self, TextKind};
    let users = match limits::read(users_path, TextKind::UserExport) {
        // Named: "export.csv: the file is empty …".
        Ok(Some(bytes)) => {
            let named = |e: crate::model::matching::ucserver_users::ImportError| {
                Msg::new("io-error")
                    .text("path", users_path.display().to_string())
                    .inner("problem", e.msg())
            };
            ucserver_users::parse(&bytes).map_err(named)?.users
        }
        Ok(None) => {
            let missing = std::io::ErrorKind::NotFound.into();
            return Err(crate::base::i18n::io_error(users_path, &missing));
        }
        Err(e) => return Err(crate::base::i18n::io_error(users_path, &e)),
    };
    let mapping = match store::load_matching(path) {
        Ok(found) => found.map(|m| m.file).unwrap_or_default(),
        Err(e) => return Err(Msg::new("load-failed").inner("detail", e.msg())),
    };
    Ok((users, mapping))
}
