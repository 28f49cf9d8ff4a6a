//! What Excel puts on the clipboard (or a CSV file to import): parsed without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use teams_presence_admin::model::matching::paste;

fuzz_target!(|data: &[u8]| {
    let pasted = paste::parse_bytes(data);
    let _ = pasted.refused_msg();
});
