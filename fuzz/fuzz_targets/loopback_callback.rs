//! What a browser (or any local program) sends to the loopback listener: the query of its
//! request. A callback is taken only with the pane's `state`; the page shown for any request
//! carries nothing of the request as markup.
#![no_main]
use libfuzzer_sys::fuzz_target;
use teams_presence_admin::base::i18n::{Lang, Texts};
use teams_presence_admin::microsoft::loopback::{page_for, read};

const STATE: &str = "Zv3_state-of-the-pane";

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let callback = read(&query, STATE);
    if callback.is_some() {
        let has_state = url::form_urlencoded::parse(query.as_bytes())
            .filter(|(k, _)| k == "state")
            .last()
            .is_some_and(|(_, v)| v == STATE);
        assert!(has_state, "a callback without the pane's state: {query:?}");
    }
    let t = Texts::new(Lang::En);
    let (_, html) = page_for(&t, callback.as_ref().map(Ok));
    // The page's own markup has no script, no attribute handlers and one <p> per text.
    assert!(!html.contains("<script"), "markup from the request: {html}");
    assert!(!html.contains("<img"), "markup from the request: {html}");
    assert!(!html.contains(" onerror="), "markup from the request: {html}");
});
