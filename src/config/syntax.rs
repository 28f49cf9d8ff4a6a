//! serde_json's syntax problems in a broken msteams.cfg, named in the pane's words (Fluent
//! `json-…`) instead of serde_json's English.

/// serde_json's words for what is wrong (its messages start so), and the pane's message for each.
pub(super) const JSON_PROBLEMS: [(&str, &str); 10] = [
    ("trailing comma", "json-trailing-comma"),
    ("expected value", "json-expected-value"),
    ("expected `,` or `}`", "json-expected-comma-object"),
    ("expected `,` or `]`", "json-expected-comma-array"),
    ("expected `:`", "json-expected-colon"),
    ("key must be a string", "json-key-string"),
    ("EOF while parsing", "json-eof"),
    ("control character", "json-control-character"),
    ("invalid escape", "json-invalid-escape"),
    ("trailing characters", "json-trailing-characters"),
];

/// The Fluent id of serde_json's message, or the message itself (without its position, which
/// the pane names) where it is not a known one.
pub(super) fn json_problem(message: &str) -> &str {
    let text = message.split(" at line ").next().unwrap_or(message);
    JSON_PROBLEMS
        .iter()
        .find(|(words, _)| text.starts_with(words))
        .map_or(text, |(_, id)| id)
}
