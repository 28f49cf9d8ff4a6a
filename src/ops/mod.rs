//! The use cases: what the window and the command line do, each written once — a consent given
//! and stored, forgotten ([`consent`]); the stored token refreshed and its rotation stored
//! ([`tokens`]); both consents checked ([`check`]); an own app registration created, renewed or
//! removed ([`registration`]); the scheduled check and its alerts ([`watch`]); presence read —
//! every matched user's, one user's — and the write test ([`presence`]). Each combines the
//! Microsoft layer ([`crate::microsoft`], which only speaks the protocol) with the owner of the
//! UCServer folder ([`crate::ops::store`], [`crate::model::secrets`], under [`crate::base::folder`]'s lock) and the
//! audit trail. The worker and the command line call these, once each.

pub mod accounts;
pub mod alert;
pub mod check;
pub mod consent;
pub mod diagnosis;
pub mod error;
pub mod kept_tenant;
pub mod log_level;
pub mod presence;
pub mod registration;
pub mod schedule;
pub mod store;
pub mod support;
pub mod tokens;
pub mod watch;
pub use error::Error;
