//! "Diagnose und Änderungsprotokoll"'s state: the connection test, the support bundle, the audit
//! trail, the log's place and level; the work the section starts and follows.

use crate::base::i18n::Msg;
use crate::front::gui::task::Task;
use crate::front::worker::{BundleRequest, Bundled, Diagnosed, Job, Source, Worker};
use crate::model::config::Settings;

/// "Diagnose und Änderungsprotokoll": the connection test, the support bundle, the audit trail
/// (read when opened; the list stays while it is read again) and the log's place and level.
#[derive(Debug, Default)]
pub struct DiagnosticsView {
    pub trail: Task<Result<crate::model::audit::Trail, Msg>>,
    pub filter: String,
    /// "mit Namen" ticked for the support bundle.
    pub personal_data: bool,
    pub bundle: Task<Result<Msg, Msg>>,
    bundle_job: Option<Job<Bundled>>,
    pub(in crate::front::gui) trail_job: Option<Job<crate::front::worker::AuditRead>>,
    pub(in crate::front::gui) level_job: Option<Job<Result<String, Msg>>>,
    /// The last connection test.
    pub diagnosis: Task<Diagnosis>,
    diagnosis_job: Option<Job<Diagnosed>>,
    /// The log level chosen in this window (`None`: the one the program started with).
    pub log_level: Option<String>,
    /// How the last choice of the log level went.
    pub log_level_notice: Option<Result<String, Msg>>,
    /// Where the log files are, as read with the trail.
    pub logs: Option<Msg>,
    /// What draws the window (see [`super::renderer::describe`]); `None` in the GUI tests.
    pub drawn_by: Option<String>,
}

impl DiagnosticsView {
    /// "Verbindung testen" with the saved `settings`.
    pub fn diagnose(&mut self, worker: &Worker, settings: Settings) {
        self.diagnosis.run();
        self.diagnosis_job = Some(worker.diagnose(settings));
    }

    /// Writes a support bundle where `source` says, with the saved `settings` — and without them
    /// where msteams.cfg cannot be used, when support is needed most (issue 34 §14).
    pub fn support_bundle(&mut self, worker: &Worker, settings: Option<Settings>, source: Source) {
        self.bundle.run();
        self.bundle_job = Some(worker.support_bundle(BundleRequest {
            settings,
            personal_data: self.personal_data,
            source,
        }));
    }

    /// Reads the audit trail; the list read last stays shown while it is read again.
    pub fn load_audit(&mut self, worker: &Worker) {
        self.trail.refresh(());
        self.trail_job = Some(worker.load_audit());
    }

    /// "Protokollstufe": keeps this level and applies it at once.
    pub fn choose_log_level(&mut self, worker: &Worker, level: String) {
        self.log_level_notice = None;
        self.level_job = Some(worker.choose_log_level(level));
    }

    /// Follows the section's work (each frame); `true` when the bundle's dialog could not be
    /// shown (the path is to be asked in the window).
    pub fn poll(&mut self) -> bool {
        if let Some((hosts, report)) = self.diagnosis.follow(&mut self.diagnosis_job) {
            self.diagnosis.finish(Diagnosis {
                hosts,
                verdict: report.verdict.msg(),
                steps: report.steps,
            });
        }
        match self.bundle.follow(&mut self.bundle_job) {
            Some(Bundled::Written(result)) => self.bundle.finish(result),
            Some(Bundled::Cancelled) => self.bundle.clear(),
            Some(Bundled::NoDialog) => {
                self.bundle.clear();
                return true;
            }
            None => {}
        }
        false
    }
}

/// A connection test's result: each host's stages, the check's requests, the consents' verdict.
#[derive(Debug)]
pub struct Diagnosis {
    pub hosts: Vec<crate::microsoft::diagnose::HostDiagnosis>,
    pub steps: Vec<crate::microsoft::flows::Step>,
    pub verdict: Msg,
}
