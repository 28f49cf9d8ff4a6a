//! The front ends (layer 1 of 5, see the crate's documentation): the window ([`gui`]) and its
//! background [`worker`], the command line ([`cli`]), the file dialog's seam and the demo. They
//! call the use cases in [`crate::ops`]; nothing below imports them.

pub mod cli;
#[cfg(feature = "demo")]
pub mod demo;
pub mod file_dialog;
pub mod gui;
pub mod worker;
