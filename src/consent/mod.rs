//! The consent flows' client side: what Microsoft's errors mean for an administrator
//! ([`guidance`]), the loopback listener that receives the browser's redirect ([`loopback`]), and
//! the seam that opens the system browser ([`browser`]).

pub mod browser;
pub mod check;
pub mod client;
pub mod flow;
pub mod guidance;
pub mod loopback;
