//! The window in egui_kittest: settings, user matching, preview. One test binary (one link of the library) for these modules.

#[path = "../support/mod.rs"]
mod support;

mod guidance;
mod layout;
mod live;
mod matching;
mod preview;
mod registration;
mod start;
mod truthful;
mod watch;
mod window;
