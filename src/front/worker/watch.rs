//! Noticing what other programs do to the pane's files while the window is open: the folders are
//! watched (the `notify` crate: inotify, ReadDirectoryChangesW, FSEvents). Only where that cannot
//! be relied on — no watcher, a folder it could not watch, a network drive or share, where change
//! notifications may not arrive — the files' length and modification time are compared every few
//! seconds; elsewhere nothing runs while nothing happens. A file whose bytes changed is reported
//! as [`Event::OnDisk`] with its new snapshot; the window decides what that means (no event, no
//! repaint, when nothing changed).

use super::{Emit, Event, FileKind};
use crate::base::files::Snapshot;
use notify::Watcher;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How long events are collected before the files are looked at (an atomic save is several).
const DEBOUNCE: Duration = Duration::from_millis(120);
/// How often the files are compared where notifications may not arrive.
const POLL: Duration = Duration::from_secs(3);

/// What the watcher last saw of a file.
#[derive(Default)]
struct Seen {
    meta: Option<(u64, Option<SystemTime>)>,
    snapshot: Option<Snapshot>,
}

fn meta(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// Watches the files of the UCServer folder `dir` until the window is gone.
pub async fn watch(dir: PathBuf, send: Arc<Emit>) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<PathBuf>>();
    let network = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || crate::base::platform::on_network_drive(&dir))
            .await
            .unwrap_or(true)
    };
    if network {
        tracing::info!(
            "{} is on a network drive: the files are also compared every {POLL:?}",
            dir.display()
        );
    }
    // Kept alive for as long as this task runs; without it the poll notices changes.
    let (_watcher, unwatched) = watcher(&dir, tx);
    let poll = network || unwatched;
    // Waits for the next comparison where there is one, else for ever (the select's other arm).
    let next_poll = || async move {
        if poll {
            tokio::time::sleep(POLL).await
        } else {
            std::future::pending().await
        }
    };
    let Ok(mut seen) = first_seen(dir.clone()).await else {
        return;
    };
    loop {
        let touched = tokio::select! {
            paths = rx.recv() => {
                let Some(mut touched) = paths else { return };
                tokio::time::sleep(DEBOUNCE).await;
                while let Ok(more) = rx.try_recv() {
                    touched.extend(more);
                }
                touched
            }
            () = next_poll() => Vec::new(),
        };
        for (file, s) in &mut seen {
            if let Some(event) = look(&dir, *file, s, &touched).await
                && !send(event)
            {
                return;
            }
        }
    }
}

/// The watcher on the folders of msteams.cfg and usermatching.csv, sending the paths of changes
/// to `tx`; and whether a file must be compared as well (no watcher, a folder it could not watch
/// or that is not there yet).
fn watcher(
    dir: &Path,
    tx: tokio::sync::mpsc::UnboundedSender<Vec<PathBuf>>,
) -> (Option<notify::RecommendedWatcher>, bool) {
    let watcher = notify::recommended_watcher(move |r: notify::Result<notify::Event>| {
        // Only changes: our own read of a file is an access event (inotify's open, read and
        // close) and must not make the next read, which would be one again, every 120 ms (it
        // did, until issue 23: 0.3 % CPU of an idle window). A file closed after writing stays.
        use notify::event::{AccessKind, AccessMode, EventKind};
        if let Ok(e) = r
            && (!matches!(e.kind, EventKind::Access(_))
                || e.kind == EventKind::Access(AccessKind::Close(AccessMode::Write)))
        {
            let _ = tx.send(e.paths);
        }
    });
    let mut w = match watcher {
        Ok(w) => w,
        Err(e) => {
            tracing::info!("no file watcher ({e}); the files are compared every {POLL:?}");
            return (None, true);
        }
    };
    let mut poll = false;
    for file in [FileKind::Config, FileKind::Matching] {
        let folder = file.path(dir).parent().map(Path::to_path_buf);
        // A file whose folder is not there yet: the UCServer folder is watched, which does not
        // see the file appear inside the new folder, so it is also compared.
        let folder = folder.filter(|f| f.is_dir()).unwrap_or_else(|| {
            poll = true;
            dir.to_owned()
        });
        if let Err(e) = w.watch(&folder, notify::RecursiveMode::NonRecursive) {
            tracing::info!(
                "{} is not watched ({e}); compared every {POLL:?}",
                folder.display()
            );
            poll = true;
        }
    }
    (Some(w), poll)
}

/// What is there now: the base that later changes are compared with (read off the runtime's
/// threads, as every read here).
async fn first_seen(dir: PathBuf) -> Result<[(FileKind, Seen); 3], tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || {
        FileKind::ALL.map(|file| {
            let path = file.path(&dir);
            let snapshot = Snapshot::read(&path).ok().map(|(s, _)| s);
            let meta = meta(&path);
            (file, Seen { meta, snapshot })
        })
    })
    .await
}

/// `file` looked at again when a change named it or its length or time moved: the event for the
/// window where its bytes changed since `seen`.
async fn look(dir: &Path, file: FileKind, seen: &mut Seen, touched: &[PathBuf]) -> Option<Event> {
    let path = file.path(dir);
    let named = touched.iter().any(|p| p.file_name() == path.file_name());
    let now_meta = meta(&path);
    if !named && now_meta == seen.meta {
        return None;
    }
    seen.meta = now_meta;
    let read = {
        let path = path.clone();
        tokio::task::spawn_blocking(move || Snapshot::read(&path)).await
    };
    let snapshot = match read.ok()? {
        Ok((snapshot, _)) => snapshot,
        // Unreadable now (grown past its limit, no longer text, no access): reported as a change
        // to a file the window cannot know, so that the window reads it again and names why (or,
        // with unsaved changes, says it changed; Save then refuses).
        Err(e) => {
            tracing::warn!("{} changed and cannot be read: {e}", path.display());
            Snapshot {
                path: path.clone(),
                fingerprint: None,
            }
        }
    };
    if seen.snapshot.as_ref() == Some(&snapshot) {
        return None;
    }
    seen.snapshot = Some(snapshot.clone());
    Some(match file {
        // What the window shows of the secrets (who consented …) follows the file.
        FileKind::Secrets => Event::SecretsLoaded(Box::new(crate::ops::store::load_secrets(dir))),
        _ => Event::OnDisk { file, snapshot },
    })
}
