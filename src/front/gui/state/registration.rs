//! "App-Registrierung anlegen"'s state: the form, the run, its steps, what it left.

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::ops::registration::{CredentialKind, StepState};

/// "App-Registrierung anlegen": the form, the run's steps, how it ended, what exists.
#[derive(Debug, Default)]
pub struct RegistrationView {
    /// The display name typed (empty: the default name).
    pub name: String,
    pub kind: CredentialKind,
    /// The run: under way, then how it ended.
    pub run: Task<Result<Msg, Vec<Msg>>>,
    pub steps: Vec<(crate::ops::registration::Step, StepState)>,
    /// The address the browser was sent to last.
    pub url: Option<String>,
    /// What a failed run left in Entra ID (removable with one click).
    pub created: Option<Box<crate::ops::registration::Created>>,
    /// Open the manual registration's help and bring it into sight (from the authorization).
    pub show_help: bool,
    /// The PowerShell script of the manual path, and the saved settings and app name it was made
    /// for (made again only when they change, not every frame).
    pub script: Option<((crate::model::config::Settings, String), String)>,
}
