//! Noticing what other programs do to the pane's files while the window is open: the folders are
//! watched (the `notify` crate: inotify, ReadDirectoryChangesW, FSEvents), and as a fallback for
//! network shares, where change notifications may not arrive, the files' length and modification
//! time are compared every few seconds. A file whose bytes changed is reported as
//! [`Event::OnDisk`] with its new snapshot; the window decides what that means.

use super::{Emit, Event, FileKind};
use crate::files::Snapshot;
use notify::Watcher;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How long events are collected before the files are looked at (an atomic save is several).
const DEBOUNCE: Duration = Duration::from_millis(120);
/// How often the files are compared without a notification.
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
    let watcher = notify::recommended_watcher(move |r: notify::Result<notify::Event>| {
        if let Ok(e) = r {
            let _ = tx.send(e.paths);
        }
    });
    // Kept alive for as long as this task runs; without it the poll still notices changes.
    let _watcher = match watcher {
        Ok(mut w) => {
            for file in [FileKind::Config, FileKind::Matching] {
                let folder = file.path(&dir).parent().map(Path::to_path_buf);
                let folder = folder.filter(|f| f.is_dir()).unwrap_or_else(|| dir.clone());
                if let Err(e) = w.watch(&folder, notify::RecursiveMode::NonRecursive) {
                    tracing::info!(
                        "{} is not watched ({e}); compared every {POLL:?}",
                        folder.display()
                    );
                }
            }
            Some(w)
        }
        Err(e) => {
            tracing::info!("no file watcher ({e}); the files are compared every {POLL:?}");
            None
        }
    };
    // What is there now: the base that later changes are compared with (read off the runtime's
    // threads, as every read here).
    let start = dir.clone();
    let first = tokio::task::spawn_blocking(move || {
        FileKind::ALL.map(|file| {
            let path = file.path(&start);
            let snapshot = Snapshot::read(&path).ok().map(|(s, _)| s);
            let meta = meta(&path);
            (file, Seen { meta, snapshot })
        })
    })
    .await;
    let Ok(mut seen) = first else { return };
    loop {
        let mut touched: Vec<PathBuf> = Vec::new();
        tokio::select! {
            paths = rx.recv() => {
                let Some(paths) = paths else { return };
                touched.extend(paths);
                tokio::time::sleep(DEBOUNCE).await;
                while let Ok(more) = rx.try_recv() {
                    touched.extend(more);
                }
            }
            _ = tokio::time::sleep(POLL) => {}
        }
        for (file, s) in &mut seen {
            let path = file.path(&dir);
            let named = touched.iter().any(|p| p.file_name() == path.file_name());
            let now_meta = meta(&path);
            if !named && now_meta == s.meta {
                continue;
            }
            s.meta = now_meta;
            let read = {
                let path = path.clone();
                tokio::task::spawn_blocking(move || Snapshot::read(&path)).await
            };
            let Ok(Ok((snapshot, _))) = read else {
                continue;
            };
            if s.snapshot.as_ref() == Some(&snapshot) {
                continue;
            }
            s.snapshot = Some(snapshot.clone());
            let event = match file {
                // What the window shows of the secrets (who consented …) follows the file.
                FileKind::Secrets => {
                    Event::SecretsLoaded(Box::new(crate::store::load_secrets(&dir)))
                }
                _ => Event::OnDisk {
                    file: *file,
                    snapshot,
                },
            };
            if !send(event) {
                return;
            }
        }
    }
}
