//! The base (layer 5 of 5): files written atomically and known by what they are ([`files`]), the
//! folder's lock ([`folder`]), where things are ([`paths`]), the operating system's calls
//! ([`platform`]), logging, texts in German and English ([`i18n`]) and the escaping of foreign
//! text ([`escape`]). It imports no other layer.

pub mod escape;
pub mod files;
pub mod folder;
pub mod i18n;
pub mod logging;
pub mod paths;
pub mod platform;
