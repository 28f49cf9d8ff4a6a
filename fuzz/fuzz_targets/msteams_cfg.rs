//! msteams.cfg: parse; a file that parses renders unchanged; an edit renders to a file that
//! parses again with the edit and every other value as before.
#![no_main]
use libfuzzer_sys::fuzz_target;
use teams_presence_admin::model::config;

fuzz_target!(|data: &[u8]| {
    let Ok(settings) = config::parse(Some(data)) else {
        return;
    };
    // Unchanged values: nothing to write, or (values not normalised yet) a file that parses.
    if let Ok(Some(out)) = config::render(Some(data), &settings) {
        config::parse(Some(&out)).expect("a rendered file parses");
    }
    let mut edited = settings.clone();
    edited.proxy = "proxy.firma.local:8080".into();
    let Ok(valid) = edited.validate() else {
        return;
    };
    let out = config::render(Some(data), &valid)
        .expect("a file that parsed renders")
        .unwrap_or_else(|| data.to_vec());
    let back = config::parse(Some(&out)).expect("the edited file parses");
    assert_eq!(back.proxy, "proxy.firma.local:8080");
    assert_eq!(back.activation, valid.activation);
    assert_eq!(back.client_id, valid.client_id);
});
