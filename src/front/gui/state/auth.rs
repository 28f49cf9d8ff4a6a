//! The authorization panel's state: the consent under way and how it ended, the check, the
//! client secret being typed and stored.

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::ops::check::{Report, Which};

/// What the authorization panel shows and edits: the consent under way (its browser and
/// address) and how it ended, the check, the client secret being typed and its storing.
#[derive(Debug, Default)]
pub struct AuthState {
    /// A consent: waiting for the browser (which one, the address it was sent to), then how it
    /// ended.
    pub consent: Task<Result<Msg, Vec<Msg>>, (Which, String)>,
    /// Why the browser did not open for the consent under way.
    pub no_browser: Option<Msg>,
    /// Which consent the last one was (its outcome is shown only while the check agrees).
    pub(in crate::front::gui) consent_which: Option<Which>,
    /// The check after a consent ended: the keyboard focus goes to the next step's button.
    pub(in crate::front::gui) focus_next: bool,
    /// Whether a check followed the last consent (its outcome then goes when the verdict changes).
    pub(in crate::front::gui) consent_checked: bool,
    /// The check with Microsoft: the last report stays shown while a check runs again (the timer's
    /// checks arrive without being asked for).
    pub check: Task<Report>,
    /// A check is due at the next frame (at start, after the secret changed).
    pub(in crate::front::gui) check_wanted: bool,
    /// What the last check said beside "Prüfen" (when; unchanged or what it was before).
    pub check_note: Option<Msg>,
    /// The client secret being typed (never shown again once stored).
    pub secret_input: String,
    /// Storing or removing the client secret, forgetting the consent: how it went.
    pub secret: Task<Result<(), Msg>>,
}
