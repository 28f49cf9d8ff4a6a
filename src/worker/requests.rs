//! What the window hands the worker with a command: the inputs of a preview, a file job and its
//! source, a folder to pick, a consent to give, the values to save.

use super::jobs::{FileJob, Source};
use crate::config::{Activation, Settings};
use crate::files::Snapshot;
use crate::i18n::Lang;
use crate::matching::MatchingFile;
use crate::matching::preview::{self, Preview, TenantUser, UcUser};
use crate::microsoft::browser::Browser;
use crate::ops::check::Which;
use std::sync::Arc;

/// The inputs of a matching preview; the lists are shared with the window, not copied.
pub struct PreviewJob {
    pub users: Arc<Vec<UcUser>>,
    pub activation: Activation,
    pub mapping: MatchingFile,
    pub tenant: Arc<Vec<TenantUser>>,
}

// By hand: 100,000 users and tenant accounts are counted, not listed.
impl std::fmt::Debug for PreviewJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreviewJob")
            .field("users", &self.users.len())
            .field("lines", &self.mapping.lines.len())
            .field("tenant", &self.tenant.len())
            .finish_non_exhaustive()
    }
}

impl PreviewJob {
    pub fn run(&self) -> Preview {
        preview::preview(
            &self.users,
            preview::in_scope(&self.activation),
            &self.mapping,
            &self.tenant,
        )
    }
}

/// A file job and where its file comes from.
#[derive(Debug)]
pub struct FileRequest {
    pub job: FileJob,
    pub source: Source,
}

/// Another UCServer folder, asked in this dialog.
#[derive(Debug)]
pub struct FolderRequest {
    pub title: String,
    pub dialog: Arc<dyn crate::file_dialog::FileDialog>,
}

/// A consent to give with these (saved) settings, in this browser.
#[derive(Debug)]
pub struct ConsentRequest {
    pub which: Which,
    pub settings: Settings,
    pub lang: Lang,
    pub browser: Arc<dyn Browser>,
}

/// The values to save, and the snapshot and values they were edited against (the base of the
/// three-way merge with a change on disk).
#[derive(Debug)]
pub struct SaveRequest {
    pub base: Snapshot,
    pub base_settings: Settings,
    /// The window's values, validated there (once).
    pub settings: crate::config::Valid,
}
