//! The model (layer 4 of 5): what the files shared with the UCServer service and Microsoft's
//! answers hold, and the rules over them — msteams.cfg's keys ([`config`]), usermatching.csv
//! ([`matching`]), the secrets, validation, presence, the status the window shows, the audit
//! trail and the watch's rules. It calls no one: no Microsoft, no use case, no front end.

pub mod audit;
pub mod config;
pub mod matching;
pub mod presence;
pub mod secrets;
pub mod status;
pub mod validate;
pub mod verdict;
pub mod watch;
