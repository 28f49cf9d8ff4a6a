//! The UCServer user export: any bytes are read or refused with a message, never a panic; every
//! skipped line is a line of the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use teams_presence_admin::model::matching::ucserver_users;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = ucserver_users::parse(data) {
        let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
        for &line in &imported.skipped {
            assert!(line >= 1 && line <= lines, "line {line} of {lines}");
        }
        for u in &imported.users {
            assert!(!u.name.is_empty());
        }
    }
});
