//! What Microsoft (or whoever answers in its place) sends: an error answer, a token's claims,
//! Retry-After — read without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use teams_presence_admin::microsoft::client::{MsError, claims, retry_after};

fuzz_target!(|data: &[u8]| {
    if let Ok(e) = serde_json::from_slice::<MsError>(data) {
        let _ = e.code();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = claims(text);
        let _ = retry_after(text, chrono_now());
        let _ = teams_presence_admin::microsoft::guidance::code_in(text);
    }
});

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap()
}
