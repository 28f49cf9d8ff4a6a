//! Everything that talks to Microsoft: every URL ([`endpoints`]), the HTTP client with its error
//! model, retries and proxy ([`client`]), the OAuth requests on the oauth2 crate ([`oauth`]), the app's credential — secret or certificate
//! ([`credential`]) —, an own app registration created in one run ([`registration`]), the two consents end to end ([`flows`]), the check of
//! both ([`check`]), the tenant's users and presences in Graph ([`graph`]), what Microsoft's
//! errors mean for an administrator ([`guidance`]), the loopback listener that receives the
//! browser's redirect ([`loopback`]), and the seam that opens the system browser ([`browser`]).

pub mod browser;
pub mod check;
pub mod client;
pub mod credential;
pub mod diagnose;
pub mod endpoints;
pub mod flows;
pub mod graph;
pub mod guidance;
pub mod loopback;
pub mod oauth;
pub mod registration;
pub mod script;
pub mod write_test;
