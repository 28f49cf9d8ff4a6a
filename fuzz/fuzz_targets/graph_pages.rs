//! What Graph (or whoever answers in its place) sends as a page of users or of presences:
//! read into the pane's lists or refused as an answer of another shape — never a panic; a page
//! read has as many users as its `value` array; a `nextLink` is followed only to this cloud's
//! Graph.
#![no_main]
use libfuzzer_sys::fuzz_target;
use teams_presence_admin::model::config::Settings;
use teams_presence_admin::microsoft::endpoints::Endpoints;
use teams_presence_admin::microsoft::graph::read_users_page;
use teams_presence_admin::microsoft::presence;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let listed = value["value"].as_array().map(Vec::len);
    if let Ok(page) = read_users_page(data) {
        assert_eq!(Some(page.users.len()), listed);
        if let Some(next) = &page.next {
            let endpoints = Endpoints::for_settings(&Settings::default());
            if endpoints.is_graph_url(next) {
                let url = url::Url::parse(next).expect("a Graph URL parses");
                assert_eq!(url.scheme(), "https");
                assert_eq!(url.host_str(), Some("graph.microsoft.com"));
            }
        }
    }
    // The ids the answer names, asked for: each one's presence (or none) in their order.
    let ids: Vec<String> = value["value"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v["id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    if let Ok(seen) = presence::decode(data, &ids) {
        assert!(listed.is_some(), "only an object with a value array is read");
        assert_eq!(seen.len(), ids.len());
    }
});
