//! What the window hands the worker with a command: the inputs of a preview, a file job, where
//! its outcome is told and its source, a folder to pick, a consent to give, the values to save.

use crate::base::files::Snapshot;
use crate::base::i18n::Lang;
use crate::front::file_dialog::FileDialog;
use crate::microsoft::browser::Browser;
use crate::model::config::{Activation, Settings};
use crate::model::matching::MatchingFile;
use crate::model::matching::preview::{self, Preview, TenantUser, UcUser};
use crate::ops::check::Which;
use std::path::PathBuf;
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
    pub dialog: Arc<dyn crate::front::file_dialog::FileDialog>,
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
    pub settings: crate::model::config::Valid,
}

/// What a file dialog is asked for.
#[derive(Debug)]
pub enum FileJob {
    /// Rows from a usermatching.csv or an Excel CSV, to append in the editor.
    ImportRows,
    /// The UCServer's user export.
    ImportUcUsers,
    /// Write these bytes where the administrator says (export of the matching or the preview).
    Export {
        file_name: String,
        bytes: Vec<u8>,
        place: Place,
    },
}

/// Where the outcome of a file job is told: the editor, the user list, or the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Editor,
    UcUsers,
    Preview,
}

/// Which file: asked in a dialog with this title, or already known (a file dropped on the window).
#[derive(Debug)]
pub enum Source {
    Ask {
        title: String,
        dialog: Arc<dyn FileDialog>,
    },
    Path(PathBuf),
}
