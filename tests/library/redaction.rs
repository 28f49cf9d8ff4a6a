//! Secrets in memory (issue 12 §5): every type that holds a token, code or secret prints it
//! redacted — a log line or a panic message never carries one.

use teams_presence_admin::front::worker::SecretsChange;
use teams_presence_admin::microsoft::client::TokenResponse;
use teams_presence_admin::microsoft::loopback::Callback;
use teams_presence_admin::model::secrets::Secret;

const VALUES: [&str; 4] = [
    "eyJ-access-token-value",
    "0.AAA-refresh-token-value",
    "eyJ-id-token-value",
    "s3cret~client.value",
];

fn assert_redacted(shown: &str) {
    for v in VALUES {
        assert!(!shown.contains(v), "{v} shown in {shown}");
    }
}

#[test]
fn tokens_codes_and_secrets_are_redacted_in_debug() {
    let tokens: TokenResponse = serde_json::from_value(serde_json::json!({
        "access_token": VALUES[0],
        "refresh_token": VALUES[1],
        "id_token": VALUES[2],
        "scope": "Presence.Read.All",
    }))
    .unwrap();
    let shown = format!("{tokens:?}");
    assert_redacted(&shown);
    assert!(shown.contains("Presence.Read.All"), "{shown}");
    assert_eq!(tokens.access_token.expose(), VALUES[0]);
    assert_redacted(&format!(
        "{:?}",
        SecretsChange::ClientSecret(Some(Secret::from(VALUES[3])))
    ));
    assert_redacted(&format!("{:?}", Callback::Code(VALUES[1].into())));
    assert_redacted(&format!("{:#?}", Secret::new(VALUES[3])));
}
