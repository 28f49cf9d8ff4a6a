//! The command line as the built binary. One test binary (one link of the library) for these modules.

#[path = "../support/mod.rs"]
mod support;

mod app;
mod bundle;
mod commands;
mod consent;
mod file_types;
mod folder;
mod hostile;
mod hostile_folder;
mod kept_tenant;
mod limits;
mod preview;
mod watch;
mod window_start;
