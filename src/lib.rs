//! teams-presence-admin: the admin pane for the UCServer's "ProCall Integration in Microsoft Teams".
//!
//! The library holds everything that is not drawing: where the files are ([`paths`]), the files
//! shared with the UCServer service ([`files`], [`config`], [`matching`], [`secrets`], read and
//! written through [`store`]), input validation ([`validate`]), the status model ([`status`]), the audit trail of every change
//! ([`audit`]),
//! everything that talks to Microsoft ([`microsoft`]), texts ([`i18n`]), what differs on Windows
//! ([`platform`]) and background work ([`worker`]). The GUI ([`gui`]) and the command line
//! ([`cli`]) are thin front ends over it; `demo` (feature `demo`, on by default) runs the pane on
//! the `entra-emulator` crate.

pub mod alert;
pub mod audit;
pub mod cli;
pub mod config;
#[cfg(feature = "demo")]
pub mod demo;
pub mod escape;
pub mod file_dialog;
pub mod files;
pub mod folder;
pub mod gui;
pub mod i18n;
pub mod kept_tenant;
pub mod logging;
pub mod matching;
pub mod microsoft;
pub mod ops;
pub mod paths;
pub mod platform;
pub mod presence;
pub mod secrets;
pub mod status;
pub mod store;
pub mod support;
pub mod validate;
pub mod watch;
pub mod worker;
