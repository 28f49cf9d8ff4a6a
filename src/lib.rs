//! teams-presence-admin: the admin pane for the UCServer's "ProCall Integration in Microsoft Teams".
//!
//! The code is in five layers, each a folder; a layer imports only the layers below it
//! (`tests/library/layers.rs` checks it, and that no modules import each other in a circle):
//!
//! 1. [`front`] — the front ends: the window ([`front::gui`]) with its background [`front::worker`],
//!    the command line ([`front::cli`]) and the demo. Only here is egui.
//! 2. [`ops`] — the use cases, each written once for every front end: consents, the check, the app
//!    registration, the live presence, the watch; the folder's files read and written as
//!    transactions ([`ops::store`]), the support bundle, the alerts, the kept tenant.
//! 3. [`microsoft`] — Microsoft's protocol: OAuth, Graph, what each answer means. It writes no file.
//! 4. [`model`] — what the files and the answers hold: msteams.cfg's keys ([`model::config`]),
//!    usermatching.csv ([`model::matching`]), the secrets, validation, presence, the status, the
//!    audit trail, the watch's rules.
//! 5. [`base`] — files and the folder's lock, paths, the platform's calls, logging, texts
//!    ([`base::i18n`]) and escaping.
//!
//! `demo` (feature `demo`, on by default) runs the pane on the `entra-emulator` crate.

pub mod base;
pub mod front;
pub mod microsoft;
pub mod model;
pub mod ops;
