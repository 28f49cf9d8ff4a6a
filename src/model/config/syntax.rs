//! serde_json's syntax problems in a broken msteams.cfg, named in the pane's words (Fluent
//! `json-…`) instead of serde_json's English.

/// serde_json's words for what is wrong (its messages start so), and the pane's message for each
/// — every syntax problem serde_json 1.0 names (`serde_json::error::ErrorCode`), so that none of
/// its English reaches a German message.
pub(super) const JSON_PROBLEMS: [(&str, &str); 21] = [
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
    ("recursion limit exceeded", "json-too-deep"),
    ("expected ident", "json-expected-ident"),
    ("expected `\"`", "json-expected-quote"),
    ("invalid number", "json-invalid-number"),
    ("number out of range", "json-number-out-of-range"),
    ("invalid unicode code point", "json-invalid-unicode"),
    ("lone leading surrogate", "json-invalid-unicode"),
    ("unexpected end of hex escape", "json-invalid-escape"),
    (
        "invalid value: expected key to be a number",
        "json-key-string",
    ),
    ("float key must be finite", "json-key-string"),
    // An I/O error while parsing text in memory cannot happen; named generically all the same.
    ("", "json-other"),
];

/// The Fluent id of serde_json's message (its position is named by the pane); `json-other` for
/// a message this version does not know (never its English).
pub(super) fn json_problem(message: &str) -> &'static str {
    let text = message.split(" at line ").next().unwrap_or(message);
    JSON_PROBLEMS
        .iter()
        .find(|(words, _)| text.starts_with(words))
        .map_or("json-other", |(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 34 §13: serde_json's "recursion limit exceeded" (and every other problem) is one of
    /// the pane's texts, never serde's English.
    #[test]
    fn every_serde_json_syntax_problem_has_a_text_of_the_pane() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        for (bad, id) in [
            (deep.as_str(), "json-too-deep"),
            ("{\"a\": tru}", "json-expected-ident"),
            ("{\"a\": 1e999999}", "json-number-out-of-range"),
            ("{\"a\": \"\\ud800x\"}", "json-invalid-escape"),
            ("{\"a\": \"\\ud800\\u0041\"}", "json-invalid-unicode"),
            ("{\"a\": -}", "json-invalid-number"),
            ("{\"a\": \"\\u12\"}", "json-invalid-escape"),
            ("{\"a\": 1,}", "json-trailing-comma"),
        ] {
            let e = serde_json::from_str::<serde_json::Value>(bad).unwrap_err();
            assert_eq!(json_problem(&e.to_string()), id, "{bad}: {e}");
        }
        assert_eq!(
            json_problem("something new at line 1 column 2"),
            "json-other"
        );
    }
}
