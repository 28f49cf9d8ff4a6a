//! Background work: a tokio runtime that does all disk (and, later, network) work for the GUI.
//!
//! The GUI sends [`Command`]s and receives [`Event`]s over channels; every event wakes the GUI
//! with the `notify` callback (egui's `request_repaint`). The GUI thread never waits on I/O.

use crate::config::Settings;
use crate::files::Snapshot;
use crate::store::{self, Loaded, LoadedMatching, Repair, SaveFailure, Saved};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

/// What the GUI asks for.
#[derive(Debug)]
pub enum Command {
    /// Read msteams.cfg, the secrets file and usermatching.csv.
    Load,
    /// Write the settings into msteams.cfg (see [`store::save_config`]).
    SaveConfig(Box<SaveRequest>),
    /// Repair usermatching.csv (conversion, header removal) and save it.
    RepairMatching { base: Snapshot, repair: Repair },
}

/// The values to save and the snapshot they were edited against.
#[derive(Debug)]
pub struct SaveRequest {
    pub base: Snapshot,
    pub settings: Settings,
    /// Overwrite a file that changed on disk (never one that does not parse).
    pub force: bool,
}

/// What the worker reports back.
#[derive(Debug)]
pub enum Event {
    Loaded(Box<Loaded>),
    LoadFailed(String),
    Saved(Box<Saved>),
    SaveFailed(Box<SaveFailure>),
    MatchingRepaired(Box<LoadedMatching>),
    RepairFailed(Box<SaveFailure>),
}

/// The handle the GUI keeps. Dropping it finishes the commands under way and stops the runtime.
pub struct Worker {
    commands: tokio::sync::mpsc::UnboundedSender<Command>,
    events: mpsc::Receiver<Event>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Worker {
    /// Starts the runtime for the UCServer folder `dir`; `notify` is called after every event.
    pub fn start(dir: PathBuf, notify: impl Fn() + Send + Sync + 'static) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("tpa-worker")
            .enable_all()
            .build()
            .expect("tokio runtime starts");
        let (commands, mut rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
        let (tx, events) = mpsc::channel();
        let notify = Arc::new(notify);
        runtime.spawn(async move {
            // One command after the other, so that a save never overtakes the load before it.
            while let Some(command) = rx.recv().await {
                let dir = dir.clone();
                let event = tokio::task::spawn_blocking(move || handle(&dir, command))
                    .await
                    .unwrap_or_else(|e| Event::LoadFailed(format!("internal error: {e}")));
                if tx.send(event).is_err() {
                    break;
                }
                notify();
            }
        });
        Self {
            commands,
            events,
            runtime: Some(runtime),
        }
    }

    pub fn send(&self, command: Command) {
        // The receiver lives as long as the runtime, which lives as long as `self`.
        let _ = self.commands.send(command);
    }

    /// The next event, if one arrived; never blocks.
    pub fn try_recv(&self) -> Option<Event> {
        self.events.try_recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            // Let a write under way finish: a closed window must not leave a half-done save.
            rt.shutdown_timeout(std::time::Duration::from_secs(10));
        }
    }
}

fn handle(dir: &std::path::Path, command: Command) -> Event {
    match command {
        Command::Load => match store::load_all(dir) {
            Ok(loaded) => Event::Loaded(Box::new(loaded)),
            Err(e) => Event::LoadFailed(e.to_string()),
        },
        Command::SaveConfig(req) => match store::save_config(&req.base, &req.settings, req.force) {
            Ok(saved) => Event::Saved(Box::new(saved)),
            Err(e) => Event::SaveFailed(Box::new(e)),
        },
        Command::RepairMatching { base, repair } => match store::repair_matching(&base, repair) {
            Ok(loaded) => Event::MatchingRepaired(Box::new(loaded)),
            Err(e) => Event::RepairFailed(Box::new(e)),
        },
    }
}
