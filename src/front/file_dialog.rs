//! The seam to the native file dialogs (rfd: the Windows dialog, the XDG portal on Linux). The
//! worker awaits them, so the window never waits; the tests put fixed answers there.

use futures_util::future::BoxFuture;
use std::path::PathBuf;

/// Asks the administrator for a file to read or a place to write; `None` when they cancel.
pub trait FileDialog: Send + Sync + std::fmt::Debug {
    fn open(
        &self,
        title: String,
        filter: &'static str,
        extensions: &'static [&'static str],
    ) -> BoxFuture<'static, Option<PathBuf>>;
    fn save(&self, title: String, file_name: String) -> BoxFuture<'static, Option<PathBuf>>;
    /// A folder (the UCServer folder to open).
    fn pick_folder(&self, title: String) -> BoxFuture<'static, Option<PathBuf>>;
    /// Whether a `None` that comes back at once means that no dialog could be shown: rfd answers
    /// `None` both when the administrator cancels and when it could open no dialog (on Linux
    /// without an XDG desktop portal or zenity), and nobody cancels a dialog within a blink.
    fn fails_silently(&self) -> bool {
        false
    }
}

/// How soon a `None` must come for [`FileDialog::fails_silently`] to count it as "no dialog".
pub const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(250);

/// The operating system's dialogs.
#[derive(Debug)]
pub struct NativeDialog;

impl FileDialog for NativeDialog {
    fn open(
        &self,
        title: String,
        filter: &'static str,
        extensions: &'static [&'static str],
    ) -> BoxFuture<'static, Option<PathBuf>> {
        Box::pin(async move {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter(filter, extensions)
                .pick_file()
                .await
                .map(|f| f.path().to_owned())
        })
    }

    fn save(&self, title: String, file_name: String) -> BoxFuture<'static, Option<PathBuf>> {
        Box::pin(async move {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .set_file_name(file_name)
                .save_file()
                .await
                .map(|f| f.path().to_owned())
        })
    }

    fn pick_folder(&self, title: String) -> BoxFuture<'static, Option<PathBuf>> {
        Box::pin(async move {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .pick_folder()
                .await
                .map(|f| f.path().to_owned())
        })
    }

    fn fails_silently(&self) -> bool {
        true
    }
}
