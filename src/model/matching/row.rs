//! A finding in its row of the editor's table: short, without the row's own line number (the row
//! shows it), another line it refers to first, so that a cut text never cuts off the number
//! (issue 35 §14). The whole message ([`Finding::msg`]) is on hover.

use super::findings::{Finding, FindingKind};
use crate::base::i18n::Msg;

impl Finding {
    /// The finding in its row of the table, short: without the row's own line number (the row
    /// shows it), another line it refers to first (a cut text never cuts it off). The whole
    /// [`Finding::msg`] is on hover.
    pub fn row_msg(&self) -> Msg {
        let m = Msg::new;
        match &self.kind {
            FindingKind::NotUtf8 => m("finding-row-not-utf8"),
            FindingKind::Semicolon => m("finding-row-semicolon"),
            FindingKind::Header => m("finding-row-header"),
            FindingKind::FieldCount { found } => m("finding-row-field-count").num("found", *found),
            FindingKind::EmptyField { column } => {
                m("finding-row-empty-field").reference("column", column.label_id())
            }
            FindingKind::Spaces { column } => {
                m("finding-row-spaces").reference("column", column.label_id())
            }
            FindingKind::Quoted { column } => {
                m("finding-row-quoted").reference("column", column.label_id())
            }
            FindingKind::ControlChar { column, at, code } => m("finding-row-control-char")
                .reference("column", column.label_id())
                .num("at", *at)
                .text("code", code),
            FindingKind::NotUpn { value } => m("finding-row-not-upn").text("value", value),
            FindingKind::DuplicateAzure { value, first_line }
            | FindingKind::DuplicateUcserver { value, first_line } => m("finding-row-duplicate")
                .num("first", *first_line)
                .text("value", value),
            FindingKind::CaseOnlyAzure { value, other_line }
            | FindingKind::CaseOnlyUcserver { value, other_line } => m("finding-row-case")
                .num("other", *other_line)
                .text("value", value),
        }
    }
}
