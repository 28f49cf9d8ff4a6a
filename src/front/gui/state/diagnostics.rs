//! "Diagnose und Änderungsprotokoll"'s state: the connection test, the support bundle, the audit
//! trail, the log's place and level.

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;

/// "Diagnose und Änderungsprotokoll": the connection test, the support bundle, the audit trail
/// (read when opened; the list stays while it is read again) and the log's place and level.
#[derive(Debug, Default)]
pub struct DiagnosticsView {
    pub trail: Task<Result<crate::model::audit::Trail, Msg>>,
    pub filter: String,
    /// "mit Namen" ticked for the support bundle.
    pub personal_data: bool,
    pub bundle: Task<Result<Msg, Msg>>,
    /// The last connection test.
    pub diagnosis: Task<Diagnosis>,
    /// The log level chosen in this window (`None`: the one the program started with).
    pub log_level: Option<String>,
    /// How the last choice of the log level went.
    pub log_level_notice: Option<Result<String, Msg>>,
    /// Where the log files are, as read with the trail.
    pub logs: Option<Msg>,
    /// What draws the window (see [`super::renderer::describe`]); `None` in the GUI tests.
    pub drawn_by: Option<String>,
}

/// A connection test's result: each host's stages, the check's requests, the consents' verdict.
#[derive(Debug)]
pub struct Diagnosis {
    pub hosts: Vec<crate::microsoft::diagnose::HostDiagnosis>,
    pub steps: Vec<crate::microsoft::flows::Step>,
    pub verdict: Msg,
}
