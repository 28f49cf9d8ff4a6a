//! The questions the window has open (drawn by `gui/dialog.rs`): before closing with unsaved
//! changes, before a removal, the path typed where no file dialog opens, before the presence
//! write test — each an `Option`, gone once answered.

use super::{Closing, Confirm, PathPrompt};

/// The questions open; drawn after the panels, each closed when it is answered.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// Before closing with unsaved changes (the window's closing is `Closing::Asking`).
    pub close: Option<CloseQuestion>,
    /// Before a consent is forgotten, the client secret removed, several changes discarded.
    pub confirm: Option<ConfirmQuestion>,
    /// No file dialog could be shown: the path is typed instead.
    pub path: Option<PathPrompt>,
    /// Before the presence write test: the colleague sees it in Teams.
    pub write_test: Option<WriteTest>,
}

impl Dialogs {
    /// Asks before a removal.
    pub fn confirm(&mut self, which: Confirm) {
        self.confirm = Some(ConfirmQuestion { which, go: false });
    }

    /// Whether a question takes Escape itself (egui's modal closes on it).
    pub fn take_escape(&self) -> bool {
        self.close.is_some() || self.confirm.is_some() || self.path.is_some()
    }

    /// Back after drawing: a question opened meanwhile comes first.
    pub fn restore(&mut self, shown: Dialogs) {
        self.close = self.close.take().or(shown.close);
        self.confirm = self.confirm.take().or(shown.confirm);
        self.path = self.path.take().or(shown.path);
        self.write_test = self.write_test.take().or(shown.write_test);
    }
}

/// The question before closing with unsaved changes, and its answer.
#[derive(Debug, Default)]
pub struct CloseQuestion {
    pub(in crate::front::gui) answer: Option<Closing>,
}

/// The question before something is removed for good, and whether it was confirmed.
#[derive(Debug)]
pub struct ConfirmQuestion {
    pub which: Confirm,
    pub(in crate::front::gui) go: bool,
}

/// The question before the presence write test for this user (object id, UPN), and the answer.
#[derive(Debug)]
pub struct WriteTest {
    pub id: String,
    pub upn: String,
    pub(in crate::front::gui) go: bool,
}

impl WriteTest {
    pub fn new(id: String, upn: String) -> Self {
        Self { id, upn, go: false }
    }
}
