//! What a panel asks of the app, and what a panel draws with. A panel works on its own state part
//! itself — starting its feature's work there through the [`Worker`] it is given (the handle goes
//! into the part, which follows it each frame). What needs the app's own resources (the file
//! dialogs, the browser, the texts) or replaces the app (another folder) is a [`Command`] sent
//! through the [`CommandSender`] it is given; the app carries them out after drawing, in
//! `actions.rs` (rerun's `CommandSender` is the model).

use super::state::{PaneState, Tab};
use crate::base::i18n::{Lang, Texts};
use crate::front::worker::{FileJob, Worker};
use crate::ops::check::Which;
use std::path::{Path, PathBuf};

/// What a panel asks of the app.
#[derive(Debug)]
pub enum Command {
    /// "Anderen Ordner wählen …" (asks in the folder dialog).
    PickFolder,
    /// Open this UCServer folder (typed where no folder dialog could be shown).
    OpenFolder(PathBuf),
    /// Give a consent in the browser.
    Consent(Which),
    /// A run of "App-Registrierung anlegen" in the browser.
    Registration(Run),
    /// Write a support bundle (asks where in the file dialog).
    SupportBundle,
    /// Import or export through the file dialog titled so.
    FileAsk(FileJob, String),
    /// Import a file dropped on the window.
    FileDropped(FileJob, PathBuf),
    /// Show this tab (a line picked in the preview is shown in the editor).
    ShowTab(Tab),
    /// Ask before the presence write test for this user (object id, UPN).
    AskWriteTest { id: String, upn: String },
    /// The window's language.
    SetLang(Lang),
}

/// Which run of the app registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run {
    /// Create the app (with the name typed, or the default name).
    Create,
    /// Remove what a failed run created.
    RemoveCreated,
    /// Replace the credential of the app the pane created.
    Renew,
}

/// Where panels send their commands; the app takes them after drawing.
#[derive(Clone, Debug)]
pub struct CommandSender(std::sync::mpsc::Sender<Command>);

impl CommandSender {
    /// A sender, and the app's end.
    pub fn new() -> (Self, std::sync::mpsc::Receiver<Command>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (Self(tx), rx)
    }

    pub fn send(&self, command: Command) {
        // The receiver lives in the app, as long as the panels it draws.
        let _ = self.0.send(command);
    }
}

/// What a tab draws with besides its own state: the texts, the worker to start its work with,
/// the sender for what goes to the app, and whether a file dialog or file job is under way (one
/// at a time, for both matching tabs).
pub struct TabCtx<'a> {
    pub t: &'a Texts,
    pub worker: &'a Worker,
    pub send: &'a CommandSender,
    pub file_busy: bool,
}

/// What a panel draws with: the texts, the state, the UCServer folder, the worker to start its
/// feature's work with (the handle goes into the state), and the sender for what goes to the app.
/// The fields are apart, so that a panel can hold the texts while it edits the state.
pub struct Panel<'a> {
    pub t: &'a Texts,
    pub state: &'a mut PaneState,
    pub dir: &'a Path,
    pub worker: &'a Worker,
    pub send: &'a CommandSender,
}
