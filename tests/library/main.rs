//! The library without the window: files, matching, texts, tenant, consent flows. One test binary (one link of the library) for these modules.

#[path = "../support/mod.rs"]
mod support;

mod config_roundtrip;
mod consent_flow;
mod consent_loopback;
mod diagnose;
mod hostile_microsoft;
mod hostile_network;
mod i18n;
mod layers;
mod live_presence;
mod redaction;
mod registration;
mod support_bundle;
mod tenant;
mod usermatching;
mod watch;
mod watch_windows;
mod windows_metadata;
