//! "Preview" tab: the UCServer users (imported from the UCServer's export), the tenant's accounts
//! (read through Graph with progress and Cancel), and for every user in the activation scope how
//! the service will match it — with counts, filters, the lines that never match (one-click case
//! fix), suggestions addable with one click, CSV export, and a live presence read.

use super::command::{Command, Panel};
use super::live::Ask;
use super::session::{KindFilter, MatchingSession, TenantList};
use super::state::Tab;
use super::widgets::{self, ERROR, OK, WARNING, section};
use crate::config::{ActivationMode, Settings};
use crate::i18n::{Lang, Msg, Texts};
use crate::matching::Column;
use crate::matching::preview::{self, Preview};
use crate::microsoft::graph;
use crate::presence::describe;
use crate::worker::{FileJob, Place};

/// How many case fixes and dead lines are listed; the export and `matching preview` list all.
const LISTED: usize = 10;

/// What the panel does after drawing.
enum Action {
    File(FileJob, String),
    /// Read the tenant's accounts; `true`: again, not the kept ones ("Neu lesen").
    ListTenant(bool),
    CancelListing,
    /// "Live-Präsenz lesen" or its "Abbrechen".
    Live(Ask),
    /// Read the selected user's presence (object id, UPN).
    ReadPresence(Account),
    /// Show the editor (a line was selected there).
    GoToEditor,
}

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    super::editor::dropped(p, FileJob::ImportUcUsers, ui);
    let t = p.t;
    let saved = p.state.saved().cloned();
    let settings = saved.clone().unwrap_or_default();
    let activation = p.state.settings.draft.activation.clone();
    let s = &mut p.state.matching;
    let mut action = None;
    sources(t, s, &settings, ui, &mut action);
    super::usermatching::save_notice(t, s, ui);
    s.update_preview(&activation, p.worker);
    if s.preview().is_some() {
        // While a newer preview is computed, this one's line numbers may be old: it offers no
        // fixes and no jumps into the editor meanwhile (a few milliseconds at 100,000 users).
        let stale = s.preview_stale(&activation);
        // The counts and what can be fixed take at most a third of the height; the table the rest.
        let room = ui.available_height() / 3.0;
        let notes = egui::ScrollArea::vertical()
            .id_salt("preview notes")
            .max_height(room.max(60.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                summary(t, s, activation.mode, ui);
                super::live::summary(t, s, ui);
                ui.add_enabled_ui(!stale, |ui| fixes(t, s, ui));
            });
        // What is below the box's edge is said (findings dropped out of sight without a cue).
        let below =
            notes.content_size.y - notes.inner_rect.height() - notes.state.clamped_offset().y;
        if below > 4.0 {
            widgets::colored(ui, WARNING, t.get("preview-notes-more"));
        }
        ui.add_enabled_ui(!stale, |ui| {
            tools(t, s, settings.is_configured(), ui, &mut action);
            // Another filter shows in the table of this frame already.
            s.update_shown();
            if let Some(line) = super::preview_table::table(t, s, ui) {
                s.table.selected = std::iter::once(line).collect();
                s.table.scroll_to = Some(line);
                action = Some(Action::GoToEditor);
            }
        });
    } else if s.uc.users.is_some() && s.tenant.list.is_some() {
        ui.horizontal(|ui| {
            widgets::busy(ui, "preview computing");
            ui.label(t.get("preview-computing"));
        });
    } else if s.uc.users.is_some() || s.tenant.list.is_some() {
        ui.weak(t.get("preview-need-data"));
    }
    let s = &mut p.state.matching;
    match (action, saved) {
        (Some(Action::File(job, title)), _) => p.send.send(Command::FileAsk(job, title)),
        (Some(Action::GoToEditor), _) => p.state.tab = Tab::Matching,
        (Some(Action::CancelListing), _) => s.cancel_listing(),
        (Some(Action::Live(Ask::Cancel)), _) => s.live.cancel(),
        (Some(Action::ListTenant(refresh)), Some(settings)) => {
            s.list_tenant(p.worker, settings, refresh)
        }
        (Some(Action::Live(Ask::Read)), Some(settings)) => s.read_live(p.worker, settings),
        (Some(Action::ReadPresence((id, upn))), Some(settings)) => {
            s.read_presence(p.worker, settings, id, upn)
        }
        _ => {}
    }
}

/// The two lists the preview is made of, each with its button.
fn sources(
    t: &Texts,
    s: &mut MatchingSession,
    settings: &Settings,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    // Both lists in place and nothing to say about them: one line, so that the table has the
    // height (at 800×600 about 2.5 rows were left below the two boxes and the messages).
    let quiet = s.uc.notice.is_none()
        && !s.tenant.listing.is_running()
        && !s.tenant.listing.result().is_some_and(|r| r.is_err());
    if let (true, Some((path, users)), Some(list)) = (quiet, &s.uc.users, &s.tenant.list) {
        ui.horizontal_wrapped(|ui| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let m = Msg::new("preview-ucusers-loaded")
                .num("count", users.len())
                .text("path", name.into_owned());
            widgets::colored(ui, OK, t.msg(&m)).on_hover_text(path.display().to_string());
            import_button(t, s, ui, action);
            ui.separator();
            let m = Msg::new("tenant-loaded")
                .num("count", list.users.len())
                .text("time", list.read_at.clone());
            widgets::colored(ui, OK, t.msg(&m));
            kept_age(t, list, ui);
            list_button(t, s, settings, ui, action);
        });
        ui.add_space(4.0);
        return;
    }
    ui.columns(2, |cols| {
        section(&mut cols[0], &t.get("preview-ucusers-title"), |ui| {
            uc_users(t, s, ui, action)
        });
        section(&mut cols[1], &t.get("preview-tenant-title"), |ui| {
            tenant(t, s, settings, ui, action)
        });
    });
}

/// The UCServer users imported (or not yet), what the import left out, "Importieren …".
fn uc_users(t: &Texts, s: &MatchingSession, ui: &mut egui::Ui, action: &mut Option<Action>) {
    match &s.uc.users {
        Some((path, users)) => {
            let m = Msg::new("preview-ucusers-loaded")
                .num("count", users.len())
                .text("path", path.display().to_string());
            widgets::message(ui, OK, t.msg(&m));
        }
        None => widgets::message(
            ui,
            ui.visuals().weak_text_color(),
            t.get("preview-ucusers-none"),
        ),
    }
    for m in s.uc.notice.iter().flatten() {
        let color = if m.id == "import-skipped" {
            WARNING
        } else {
            ERROR
        };
        widgets::message(ui, color, t.msg(m));
    }
    ui.horizontal(|ui| import_button(t, s, ui, action));
}

/// "Benutzerliste importieren …".
fn import_button(t: &Texts, s: &MatchingSession, ui: &mut egui::Ui, action: &mut Option<Action>) {
    let import = egui::Button::new(t.get("preview-ucusers-import"));
    if ui.add_enabled(!s.file_job.is_running(), import).clicked() {
        *action = Some(Action::File(
            FileJob::ImportUcUsers,
            t.get("preview-ucusers-import"),
        ));
    }
}

/// The tenant's accounts: the listing's progress with "Abbrechen", how many were read when, why a
/// listing failed, "Konten aus dem Tenant lesen".
fn tenant(
    t: &Texts,
    s: &MatchingSession,
    settings: &Settings,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    match (s.tenant.listing.progress(), &s.tenant.list) {
        (Some(p), list) => {
            // The kept accounts serve while they are read again.
            if let Some(list) = list.as_ref().filter(|l| l.kept_at.is_some()) {
                let m = Msg::new("tenant-loaded")
                    .num("count", list.users.len())
                    .text("time", list.read_at.clone());
                widgets::message(ui, OK, t.msg(&m));
                kept_age(t, list, ui);
            }
            ui.horizontal(|ui| {
                let text = t.msg(&graph::progress_msg(p));
                match p.total {
                    Some(total) if total > 0 => {
                        let part = p.read as f32 / total as f32;
                        let bar = egui::ProgressBar::new(part).text(text).desired_width(320.0);
                        ui.add(bar);
                    }
                    _ => {
                        widgets::busy(ui, "listing");
                        ui.label(text);
                    }
                }
                if ui.button(t.get("tenant-cancel")).clicked() {
                    *action = Some(Action::CancelListing);
                }
            });
        }
        (None, Some(list)) => {
            let m = Msg::new("tenant-loaded")
                .num("count", list.users.len())
                .text("time", list.read_at.clone());
            widgets::message(ui, OK, t.msg(&m));
            kept_age(t, list, ui);
        }
        (None, None) => widgets::message(
            ui,
            ui.visuals().weak_text_color(),
            t.get("preview-tenant-none"),
        ),
    }
    for m in s
        .tenant
        .listing
        .result()
        .and_then(|r| r.as_ref().err())
        .into_iter()
        .flatten()
    {
        let color = if m.id == "tenant-cancelled" {
            WARNING
        } else {
            ERROR
        };
        widgets::message(ui, color, t.msg(m));
    }
    ui.horizontal(|ui| list_button(t, s, settings, ui, action));
}

/// "Konten gelesen vor 12 Min." where the accounts shown are the kept ones (issue 38).
fn kept_age(t: &Texts, list: &TenantList, ui: &mut egui::Ui) {
    if let Some(at) = list.kept_at {
        let age = (chrono::Utc::now() - at).to_std().unwrap_or_default();
        ui.label(t.msg(&crate::kept_tenant::age_msg(age)));
    }
}

/// "Konten aus dem Tenant lesen", or "Neu lesen" once they are.
fn list_button(
    t: &Texts,
    s: &MatchingSession,
    settings: &Settings,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
    let label = if s.tenant.list.is_some() {
        "tenant-refresh"
    } else {
        "tenant-list"
    };
    let list = egui::Button::new(t.get(label));
    let ready = settings.is_configured();
    if ui
        .add_enabled(!s.tenant.listing.is_running() && ready, list)
        .clicked()
    {
        *action = Some(Action::ListTenant(s.tenant.list.is_some()));
    }
}

fn summary(t: &Texts, s: &MatchingSession, mode: ActivationMode, ui: &mut egui::Ui) {
    let (Some(p), Some(tenant)) = (s.preview(), &s.tenant.list) else {
        return;
    };
    if mode == ActivationMode::Off {
        widgets::message(ui, WARNING, t.get("preview-off-note"));
    }
    if s.dirty() {
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
fn fixes(t: &Texts, s: &mut MatchingSession, ui: &mut egui::Ui) {
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
        s.editor.fix_case(&fixes);
    }
}

/// Filters, export, the live presence read of every matched user and that of the selected one.
fn tools(
    t: &Texts,
    s: &mut MatchingSession,
    ready: bool,
    ui: &mut egui::Ui,
    action: &mut Option<Action>,
) {
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
            .add_enabled(
                !s.file_job.is_running(),
                egui::Button::new(t.get("preview-export")),
            )
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
    if ask.is_some() {
        s.write_ask = ask;
    }
    s.preview.filter = filter;
}

/// A Teams account: its object id and UPN.
type Account = (String, String);

/// "Live-Präsenz lesen" (of every matched user), then the selected user's buttons — read its
/// presence, the write test (asked first) — and what they gave; the live read asked for, the user
/// to read, and the one to ask about.
fn selected_user(
    t: &Texts,
    s: &MatchingSession,
    p: &Preview,
    tenant: &TenantList,
    ready: bool,
    ui: &mut egui::Ui,
) -> (Option<Account>, Option<Account>, Option<Ask>) {
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
            Some(Ok((upn, Some(pr)))) => {
                let m = Msg::new("preview-presence-result")
                    .text("upn", upn)
                    .inner("presence", describe(&pr.availability, &pr.activity));
                widgets::colored(ui, OK, t.msg(&m));
            }
            Some(Ok((upn, None))) => {
                widgets::colored(
                    ui,
                    WARNING,
                    t.msg(&Msg::new("preview-presence-none").text("upn", upn)),
                );
            }
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
