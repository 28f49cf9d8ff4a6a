//! Everything that talks to Microsoft, and only that — it speaks the protocol and returns tokens
//! and objects; what is stored in the UCServer folder is [`crate::ops`]'s business: every URL
//! ([`endpoints`]), the HTTP client with its error model, retries and proxy ([`client`]), the
//! OAuth requests on the oauth2 crate ([`oauth`]), the app's credential — secret or certificate
//! ([`credential`]) —, the two consents as the protocol has them ([`flows`]), the tenant's users
//! in Graph ([`graph`]), the one presence reader ([`presence`]), the connection test ([`diagnose`]), what Microsoft's
//! errors mean for an administrator ([`guidance`]) and for the verdict of the check ([`meaning`]), the loopback listener that receives the
//! browser's redirect ([`loopback`]), the PowerShell script of a registration by hand
//! ([`script`]), and the seam that opens the system browser ([`browser`]).

pub mod browser;
pub mod client;
pub mod credential;
pub mod diagnose;
pub mod endpoints;
pub mod flows;
pub mod graph;
pub mod guidance;
pub mod loopback;
pub mod meaning;
pub mod oauth;
pub mod presence;
pub mod script;
