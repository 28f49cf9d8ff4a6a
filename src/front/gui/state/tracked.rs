//! A file of the folder the window holds a copy of (msteams.cfg, usermatching.csv) and how the
//! window follows what the watcher saw of it on disk.

use crate::base::files::Snapshot;
use crate::front::gui::task::Task;

/// A file of the folder the window holds a copy of: what the watcher last saw of it on disk, and
/// the window's reading of it. One way of following the disk for msteams.cfg and
/// usermatching.csv ([`Tracked::follow`]).
#[derive(Debug, Default)]
pub struct Tracked {
    /// The file as the watcher last saw it on disk.
    pub disk: Option<Snapshot>,
    /// Changed on disk while the window holds unsaved changes: Save will merge.
    pub outside: bool,
    /// Being read; `true` when that follows a change on disk (the status line says so).
    pub read: Task<(), bool>,
}

impl Tracked {
    /// Follows what the watcher saw, where no job on the file is under way (`busy`): nothing
    /// when the disk holds the window's copy (`known`); with unsaved changes (`dirty`) Save will
    /// merge; otherwise the file is to be read again, quietly — the answer is `true` then, and
    /// the reading has started.
    pub fn follow(&mut self, known: Option<&Snapshot>, dirty: bool, busy: bool) -> bool {
        let Some(disk) = &self.disk else {
            return false;
        };
        if busy || self.read.is_running() {
            return false;
        }
        if known.map(|k| &k.fingerprint) == Some(&disk.fingerprint) {
            self.outside = false;
            false
        } else if dirty {
            self.outside = true;
            false
        } else {
            self.read.start(true);
            true
        }
    }
}
