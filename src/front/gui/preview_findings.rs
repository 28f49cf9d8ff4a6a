//! The preview's counts and what can be done about them, above its table: the summary, the lines
//! that never match (one-click case fixes), the filters, the export, the live read and the
//! selected user's presence read and write test.

use super::command::TabCtx;
use super::state::editor_tab::EditorTab;
use super::state::preview_tab::{Account, Action, KindFilter, LiveAsk, PreviewTab, TenantList};
use super::widgets::{self, ERROR, OK, WARNING};
use crate::base::i18n::{Lang, Msg, Texts};
use crate::front::worker::{FileJob, Place};
use crate::model::config::ActivationMode;
use crate::model::matching::Column;
use crate::model::matching::preview::{self, Preview};

/// How many case fixes and dead lines are listed; the export and `matching preview` list all.
const LISTED: usize = 10;

/// The counts (with why they may not hold: the activation off, the editor's unsaved lines).
pub(super) fn summary(
    t: &Texts,
    s: &PreviewTab,
    editor: &EditorTab,
    mode: ActivationMode,
    ui: &mut egui::Ui,
) {
    let (Some(p), Some(tenant)) = (s.preview(), &s.tenant.list) else {
        return;
    };
    if mode == ActivationMode::Off {
        widgets::message(ui, WARNING, t.get("preview-off-note"));
    }
    if editor.dirty() {
        widgets::message(ui, WARNING, t.get("preview-dirty-note"));
    }
    for m in s.preview.notice.iter().flatten() {
        let color = if m.id == "preview-exported" {
            OK
        } else {
            ERROR
        };
        widgets::message(ui, color, t.msg(m));
    }
    let color = if p.counts.none + p.counts.ambiguous > 0 {
        WARNING
    } else {
        OK
    };
    let counts = preview::counts_msg(&p.counts, tenant.users.len());
    ui.label(
        egui::RichText::new(t.msg(&counts))
            .color(widgets::tone(ui, color))
            .strong(),
    );
}

/// The lines that can never match: all the case fixes at once (and each one, in a list that opens),
/// and the lines naming no account.
pub(super) fn fixes(t: &Texts, s: &PreviewTab, editor: &mut EditorTab, ui: &mut egui::Ui) {
    let Some(p) = s.preview() else {
        return;
    };
    let mut fix: Option<Vec<preview::CaseFix>> = None;
    if !p.case_fixes.is_empty() {
        let n = p.case_fixes.len();
        // A fix that would make a second line for its account is named, never offered.
        let applicable: Vec<_> = p
            .case_fixes
            .iter()
            .filter(|f| f.applicable())
            .cloned()
            .collect();
        ui.horizontal_wrapped(|ui| {
            let m = Msg::new("matching-case-found").num("count", n);
            widgets::colored(ui, WARNING, t.msg(&m));
            if !applicable.is_empty() {
                let all = Msg::new("preview-case-fix-all").num("count", applicable.len());
                if ui.button(t.msg(&all)).clicked() {
                    fix = Some(applicable.clone());
                }
            }
        });
        // The ones that cannot be fixed stay in sight, with the line that prevents it.
        for f in p.case_fixes.iter().filter(|f| !f.applicable()).take(LISTED) {
            widgets::message(ui, WARNING, t.msg(&preview::case_fix_msg(f)));
        }
        let each = egui::CollapsingHeader::new(t.get("preview-case-fix-each"))
            .id_salt("preview case fixes");
        if !applicable.is_empty() {
            each.show(ui, |ui| {
                for f in applicable.iter().take(LISTED) {
                    ui.horizontal_wrapped(|ui| {
                        widgets::colored(ui, WARNING, t.msg(&preview::case_fix_msg(f)));
                        let hover = t.msg(
                            &Msg::new("editor-cell")
                                .num("line", f.line)
                                .reference("column", Column::Azure.label_id()),
                        );
                        if ui
                            .button(t.get("preview-case-fix-button"))
                            .on_hover_text(hover)
                            .clicked()
                        {
                            fix = Some(vec![f.clone()]);
                        }
                    });
                }
                if applicable.len() > LISTED {
                    let more = applicable.len() - LISTED;
                    ui.weak(t.msg(&Msg::new("matching-more").num("count", more)));
                }
            });
        }
    }
    for unknown in p.unknown_lines.iter().take(LISTED) {
        widgets::message(ui, WARNING, t.msg(&unknown.msg()));
    }
    let more = p.unknown_lines.len().saturating_sub(LISTED);
    if more > 0 {
        ui.weak(t.msg(&Msg::new("matching-more").num("count", more)));
    }
    if let Some(fixes) = fix {
        editor.editor.fix_case(&fixes);
    }
}

/// Filters, export, the live presence read of every matched user and that of the selected one.
pub(super) fn tools(
    tab: &TabCtx,
    s: &mut PreviewTab,
    ready: bool,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    let t = tab.t;
    let without = s.live_summary().map(|l| l.matched - l.readable);
    let (Some(p), Some(tenant), Some((_, users))) = (s.preview(), &s.tenant.list, &s.uc.users)
    else {
        return;
    };
    let mut filter = s.preview.filter;
    if without.is_none() && filter == KindFilter::WithoutPresence {
        filter = KindFilter::All;
    }
    let mut export = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{}:", t.get("preview-filter")));
        let c = &p.counts;
        let counted = [
            (KindFilter::All, Some(p.rows.len())),
            (KindFilter::SameUpn, Some(c.same_upn)),
            (KindFilter::Mapping, Some(c.mapping)),
            (KindFilter::None, Some(c.none)),
            (KindFilter::Ambiguous, Some(c.ambiguous)),
            (KindFilter::WithoutPresence, without),
        ];
        for (k, n) in counted {
            if let Some(n) = n {
                ui.selectable_value(&mut filter, k, format!("{} ({n})", t.get(k.label_id())));
            }
        }
        ui.separator();
        export = ui
            .add_enabled(!tab.file_busy, egui::Button::new(t.get("preview-export")))
            .clicked();
    });
    let (read, ask, live) = selected_user(t, s, p, tenant, ready, ui);
    if let Some(live) = live {
        *action = Some(Action::Live(live));
    }
    if export {
        let delimiter = if t.lang() == Lang::De { b';' } else { b',' };
        let bytes = preview::to_csv(p, users, &tenant.users, delimiter);
        let job = FileJob::Export {
            file_name: "preview.csv".into(),
            bytes,
            place: Place::Preview,
        };
        *action = Some(Action::File(job, t.get("preview-export")));
    }
    if let Some((id, upn)) = read {
        *action = Some(Action::ReadPresence((id, upn)));
    }
    if let Some((id, upn)) = ask {
        tab.send
            .send(super::command::Command::AskWriteTest { id, upn });
    }
    s.preview.filter = filter;
}

/// "Live-Präsenz lesen" (of every matched user), then the selected user's buttons — read its
/// presence, the write test (asked first) — and what they gave; the live read asked for, the user
/// to read, and the one to ask about.
fn selected_user(
    t: &Texts,
    s: &PreviewTab,
    p: &Preview,
    tenant: &TenantList,
    ready: bool,
    ui: &mut egui::Ui,
) -> (Option<Account>, Option<Account>, Option<LiveAsk>) {
    let (mut read, mut ask, mut live) = (None, None, None);
    ui.horizontal_wrapped(|ui| {
        live = super::live::controls(t, s, ready, ui);
        ui.separator();
        let selected = s
            .preview
            .row
            .and_then(|r| p.rows.get(r))
            .and_then(|r| r.result.tenant());
        match selected {
            Some(i) => {
                let button = egui::Button::new(t.get("preview-presence"));
                if ui.add_enabled(!s.presence.is_running(), button).clicked() {
                    read = Some((tenant.users[i].id.clone(), tenant.users[i].upn.clone()));
                }
                // Asked first: the colleague sees it in Teams.
                let write = egui::Button::new(t.get("write-test-button"));
                if ui.add_enabled(!s.write.is_running(), write).clicked() {
                    ask = Some((tenant.users[i].id.clone(), tenant.users[i].upn.clone()));
                }
            }
            None => {
                ui.weak(t.get("preview-select"));
            }
        }
        if s.presence.is_running() || s.write.is_running() {
            widgets::busy(ui, "presence");
        }
        if let Some(result) = s.write.result() {
            widgets::outcome(ui, t, result);
        }
        match s.presence.result() {
            Some(Ok((upn, seen))) => match seen.words() {
                Some(words) => {
                    let m = Msg::new("preview-presence-result")
                        .text("upn", upn)
                        .inner("presence", words);
                    widgets::colored(ui, OK, t.msg(&m));
                }
                None => {
                    let m = Msg::new("preview-presence-none").text("upn", upn);
                    widgets::colored(ui, WARNING, t.msg(&m));
                }
            },
            Some(Err(msgs)) => {
                for m in msgs {
                    widgets::colored(ui, ERROR, t.msg(m));
                }
            }
            None => {}
        }
    });
    (read, ask, live)
}
