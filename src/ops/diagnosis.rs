//! "Verbindung testen" and `diagnose`, and what the support bundle carries of them: each stage of
//! a connection to both of Microsoft's hosts, then both consents checked — one use case for the
//! window, the command line and the bundle.

use crate::base::paths;
use crate::microsoft::diagnose::{self, HostDiagnosis, Limits};
use crate::model::config::Settings;
use crate::ops::check::{self, Report};
use std::path::Path;

/// Both hosts' stages and the check's report for the folder `dir` with `settings`.
pub async fn run(dir: &Path, settings: &Settings) -> (Vec<HostDiagnosis>, Report) {
    let hosts = diagnose::run(settings, Limits::default()).await;
    let report = check::run(
        settings,
        Some(settings.client_id.as_str()),
        &paths::secrets(dir),
    )
    .await;
    (hosts, report)
}
