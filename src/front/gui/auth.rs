//! "Authorization": the status ("Auth required" until both consents are in place), the two consent
//! buttons of the original pane, waiting for the browser with Cancel, "Prüfen", and what to do.

use super::command::{Command, Panel};
use super::state::PaneState;
use super::widgets::{self, section};
use crate::base::i18n::{Msg, Texts};
use crate::model::status::{Auth, Next, Progress, days_since, local_time};
use crate::ops::check::{Verdict, Which};

/// The colour of a verdict.
pub fn color(verdict: &Verdict) -> egui::Color32 {
    match verdict {
        Verdict::Authorized { .. } => widgets::OK,
        Verdict::ReadOnly { .. } | Verdict::WriteOnly { .. } => widgets::WARNING,
        _ => widgets::ERROR,
    }
}

/// What the consent row shows: its buttons, or the wait for the browser with Cancel.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shown {
    Buttons,
    Waiting(Which),
}

/// Whether the consent row shows something else than at the last frame, and what that was: the
/// keyboard focus then goes to Cancel when a wait begins, and to the next button when it ends —
/// it was lost with the button that went, and Tab started over at the language box.
fn moved(ui: &egui::Ui, now: Shown) -> Option<Shown> {
    let id = egui::Id::unique("auth row shown");
    let was = ui.data_mut(|d| {
        let was = d.get_temp::<Shown>(id);
        d.insert_temp(id, now);
        was
    });
    was.filter(|w| *w != now)
}

/// The buttons of the consent row.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Button {
    User,
    Admin,
    Check,
}

/// The button a keyboard user goes on with after a wait for `was`: the admin consent after the
/// user consent was given, "Prüfen" after the admin consent, the same button after a failure or
/// Cancel.
fn after_wait(s: &PaneState, was: Shown) -> Button {
    let given = matches!(s.auth.consent.result(), Some(Ok(_)));
    match was {
        Shown::Waiting(Which::User) if given => Button::Admin,
        Shown::Waiting(Which::Admin) if given => Button::Check,
        Shown::Waiting(Which::User) => Button::User,
        Shown::Waiting(Which::Admin) => Button::Admin,
        Shown::Buttons => Button::User,
    }
}

/// What a click asks for, done after the panel is drawn.
enum Action {
    Consent(Which),
    Cancel,
    Check,
    Forget,
    Help,
}

pub fn show(p: &mut Panel, ui: &mut egui::Ui) {
    let t = p.t;
    let focus_next = std::mem::take(&mut p.state.auth.focus_next);
    let s = &p.state;
    let mut action = None;
    let mut copied = None;
    section(ui, &t.get("section-auth"), |ui| {
        steps(ui, t, s);
        verdict(ui, t, s);
        let forget = records(ui, t, s);
        ui.add_space(6.0);
        let clicked = match s.auth.consent.progress() {
            Some((which, url)) => {
                let focus = moved(ui, Shown::Waiting(*which)).is_some();
                waiting(ui, t, s, *which, url, focus, &mut copied)
            }
            None => {
                let focus = moved(ui, Shown::Buttons).map(|was| after_wait(s, was));
                // The check after a consent decides where the keyboard goes on.
                let focus = focus.or(focus_next.then(|| next_button(s)));
                buttons(ui, t, s, focus)
            }
        };
        action = forget.or(clicked);
        if let Some(result) = s.auth.consent.result() {
            widgets::outcome(ui, t, result);
        }
    });
    if copied.is_some() {
        p.state.window.copied = copied;
    }
    match action {
        Some(Action::Consent(which)) => p.send.send(Command::Consent(which)),
        Some(Action::Cancel) => p.state.cancel_browser_waits(),
        Some(Action::Check) => p.state.check(p.worker),
        Some(Action::Forget) => p
            .state
            .window
            .dialogs
            .confirm(super::state::Confirm::ForgetConsent),
        Some(Action::Help) => p.state.registration.show_help = true,
        None => {}
    }
}

/// The verdict of the last check with its ids, when, the password's age and the credential's
/// end; "Auth required" (or what is stored) before any check.
fn verdict(ui: &mut egui::Ui, t: &Texts, s: &PaneState) {
    match s.auth.check.result() {
        Some(report) => {
            let v = &report.verdict;
            ui.label(
                egui::RichText::new(t.msg(&v.msg()))
                    .color(widgets::tone(ui, color(v)))
                    .strong(),
            );
            match (v.advice(), &report.said) {
                (Some(advice), _) => {
                    widgets::message(ui, ui.visuals().text_color(), t.msg(&advice));
                }
                // A code the pane does not know: Microsoft's own words, escaped, on one line.
                (None, Some(said)) => {
                    let said = said.replace(['\n', '\r'], " ");
                    let m = Msg::new("consent-microsoft-said").text("detail", said);
                    let text = crate::base::escape::escape(&t.msg(&m)).into_owned();
                    widgets::message(ui, ui.visuals().text_color(), text);
                }
                (None, None) => {}
            }
            if let (Some(trace), Some(corr)) = (&report.trace_id, &report.correlation_id) {
                // Selectable, so that the ids can be copied for Microsoft support.
                ui.add(
                    egui::Label::new(format!("Trace ID: {trace}   Correlation ID: {corr}"))
                        .selectable(true),
                );
            }
            // After "Prüfen" the note beside the button says when (to the second) and what
            // changed; the same time here too would say it twice.
            if s.auth.check_note.is_none() {
                let when = Msg::new("auth-checked-at").text("time", local_time(&report.checked_at));
                ui.weak(t.msg(&when));
            }
            if let Some(p) = &report.password {
                let age = Msg::new("auth-password-age")
                    .num("days", days_since(&p.last_change))
                    .text("date", local_time(&p.last_change));
                ui.label(t.msg(&age));
                if !p.never_expires {
                    widgets::message(ui, widgets::WARNING, t.get("auth-password-advice"));
                }
            }
            // The app's credential ending soon (or ended) is part of the status; its end and
            // "Erneuern" are in the app registration's section.
            if let Some((msg, true)) = report.credential.as_ref().map(|c| c.msg()) {
                widgets::message(ui, widgets::WARNING, t.msg(&msg));
            }
        }
        None => {
            let auth = Auth::from_secrets(&s.secrets);
            let c = if auth == Auth::Required {
                widgets::ERROR
            } else {
                widgets::WARNING
            };
            ui.label(
                egui::RichText::new(t.msg(&auth.msg()))
                    .color(widgets::tone(ui, c))
                    .strong(),
            );
            widgets::message(ui, ui.visuals().text_color(), t.msg(&auth.hint()));
        }
    }
}

/// What the secrets file records of the consents (with "forget"), and its warnings.
fn records(ui: &mut egui::Ui, t: &Texts, s: &PaneState) -> Option<Action> {
    let mut action = None;
    if let Some(info) = &s.secrets.user_consent {
        let record = Msg::new("auth-user-record")
            .text("upn", info.upn.clone())
            .text("time", local_time(&info.consented_at))
            .text("scopes", info.scopes.join(" "));
        ui.weak(t.msg(&record));
    }
    if let Some(info) = &s.secrets.admin_consent {
        let record = Msg::new("auth-admin-record")
            .text("time", local_time(&info.consented_at))
            .text_or("account", &info.os_account, "account-unknown")
            .text("tenant", info.tenant.clone());
        ui.weak(t.msg(&record));
    }
    // A secrets file that cannot be read may still hold a token: forgetting is offered there
    // too, and replaces it (issue 34 §4).
    let forgettable = s.secrets.user_consent.is_some()
        || s.secrets.admin_consent.is_some()
        || s.secrets.error.is_some();
    if forgettable && ui.small_button(t.get("button-forget")).clicked() {
        action = Some(Action::Forget);
    }
    if let Some(info) = &s.secrets.user_consent {
        let unused = days_since(&info.last_refresh);
        if unused > 60 {
            let m = Msg::new("auth-refresh-unused").num("days", unused);
            widgets::message(ui, widgets::WARNING, t.msg(&m));
        }
    }
    if s.secrets.readable_by_others {
        widgets::message(ui, widgets::WARNING, t.get("secrets-readable-by-others"));
    }
    if let Some(e) = &s.secrets.error {
        widgets::message(
            ui,
            widgets::ERROR,
            t.msg(&Msg::new("secrets-error").inner("detail", e.clone())),
        );
    }
    action
}

/// A consent waiting for the browser: Cancel, the address to open by hand, why no browser came.
fn waiting(
    ui: &mut egui::Ui,
    t: &Texts,
    s: &PaneState,
    which: Which,
    url: &str,
    focus: bool,
    copied: &mut Option<String>,
) -> Option<Action> {
    let mut action = None;
    let key = match which {
        Which::User => "auth-waiting-user",
        Which::Admin => "auth-waiting-admin",
    };
    ui.horizontal(|ui| {
        // Still, but for a tick a second (issue 35 §1): a wait of up to 5 minutes.
        let since = widgets::busy(ui, url);
        let since = Msg::new("auth-waiting-since").text("time", widgets::minutes_seconds(since));
        ui.label(t.msg(&since));
        let cancel = ui.button(t.get("button-cancel"));
        if focus {
            cancel.request_focus();
        }
        if cancel.clicked() {
            action = Some(Action::Cancel);
        }
    });
    widgets::message(ui, ui.visuals().text_color(), t.get(key));
    if let Some(m) = &s.auth.no_browser {
        widgets::message(ui, widgets::WARNING, t.msg(m));
    }
    if !url.is_empty() {
        // Readable (not small and grey): it may have to be typed on another machine.
        ui.add(egui::Label::new(egui::RichText::new(url).monospace()).selectable(true));
        ui.horizontal(|ui| {
            if ui.button(t.get("auth-copy-url")).clicked() {
                ui.ctx().copy_text(url.to_owned());
                *copied = Some(url.to_owned());
            }
            // Keyed on the address: another consent's address was not copied.
            if copied.as_deref().or(s.window.copied.as_deref()) == Some(url) {
                widgets::colored(ui, widgets::OK, t.get("reg-copied"));
            }
        });
    }
    action
}

/// The consent buttons and "Prüfen" (with the note on the last check), and why they are disabled.
fn buttons(ui: &mut egui::Ui, t: &Texts, s: &PaneState, focus: Option<Button>) -> Option<Action> {
    let mut action = None;
    let ready = s
        .saved()
        .is_some_and(crate::model::config::Settings::is_configured);
    let enabled = ready && !s.config_dirty();
    // Ids of their own: the texts above come and go with the state.
    widgets::keyed_row(ui, "consent buttons", |ui| {
        let user = ui.add_enabled(enabled, egui::Button::new(t.get("button-consent-user")));
        let admin = ui.add_enabled(enabled, egui::Button::new(t.get("button-consent-admin")));
        // Stays enabled while it runs, so that the keyboard focus stays on it.
        let check = ui.add_enabled(enabled, egui::Button::new(t.get("button-check")));
        if s.auth.check.is_running() {
            widgets::busy(ui, "check");
            ui.label(t.get("auth-checking"));
        } else if let Some(note) = &s.auth.check_note {
            // Wrapped beside the buttons: in this row it would widen the whole pane past the
            // window at 800 px ("geprüft um … — vorher: Nur lesen (Schreiben fehlt)").
            ui.add(egui::Label::new(t.msg(note)).wrap());
        }
        match focus {
            Some(Button::User) => user.request_focus(),
            Some(Button::Admin) => admin.request_focus(),
            Some(Button::Check) => check.request_focus(),
            None => {}
        }
        if user.clicked() {
            action = Some(Action::Consent(Which::User));
        } else if admin.clicked() {
            action = Some(Action::Consent(Which::Admin));
        } else if check.clicked() && !s.auth.check.is_running() {
            action = Some(Action::Check);
        }
    });
    // A disabled button says why, next to it.
    let saved = s.saved();
    if saved.is_none_or(|c| c.tenant_id.is_empty()) {
        widgets::message(ui, widgets::WARNING, t.get("auth-needs-tenant"));
    } else if saved.is_some_and(|c| c.client_id.is_empty()) {
        widgets::message(ui, widgets::WARNING, t.get("auth-needs-client-id"));
        if ui.button(t.get("auth-show-registration-help")).clicked() {
            action = Some(Action::Help);
        }
    } else if s.config_dirty() {
        widgets::message(ui, widgets::WARNING, t.get("auth-save-first"));
    }
    action
}

/// Where the set-up stands: [`Progress`] from the last check's verdict (or, before one, what the
/// secrets file records) — the one decision that the step bar, its sentence and the keyboard
/// focus follow.
fn progress(s: &PaneState) -> Progress {
    // Done when saved — not while the fields above hold another (or a wrong) tenant or app.
    let configured = s
        .saved()
        .is_some_and(|c| c.is_configured() && c.same_tenant_and_app(&s.settings.draft));
    Progress::of(
        configured,
        s.auth.check.result().map(|r| &r.verdict),
        s.secrets.consent_stored,
        s.secrets.admin_consent.is_some(),
    )
}

/// The button of the next step.
fn next_button(s: &PaneState) -> Button {
    match progress(s).next {
        Next::Consent(Which::User) => Button::User,
        Next::Consent(Which::Admin) => Button::Admin,
        Next::Tenant | Next::Outage | Next::Configure | Next::Done => Button::Check,
    }
}

/// The set-up of the seed as steps — tenant and app, user consent, admin consent, authorized —
/// the current one marked, and what to do next in one sentence.
fn steps(ui: &mut egui::Ui, t: &crate::base::i18n::Texts, s: &PaneState) {
    let p = progress(s);
    let current = p.current();
    let names = [
        "steps-tenant",
        "steps-user",
        "steps-admin",
        "steps-authorized",
    ];
    ui.horizontal_wrapped(|ui| {
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                ui.weak("›");
            }
            let text = format!("{}. {}", i + 1, t.get(name));
            let rich = egui::RichText::new(text);
            let rich = if p.done[i] {
                rich.color(widgets::tone(ui, widgets::OK))
            } else if Some(i) == current {
                rich.strong().underline()
            } else {
                rich.weak()
            };
            ui.label(rich);
        }
    });
    ui.label(t.msg(&p.msg()));
    ui.add_space(4.0);
}
