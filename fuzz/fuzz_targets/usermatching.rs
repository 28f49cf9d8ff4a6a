//! usermatching.csv: read and validate anything; written back unchanged it is the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use teams_presence_admin::model::matching::MatchingFile;

fuzz_target!(|data: &[u8]| {
    let file = MatchingFile::parse(data);
    let _ = file.validate();
    if let Ok(out) = file.to_bytes() {
        assert_eq!(out, data, "unchanged file written back differently");
    }
});
