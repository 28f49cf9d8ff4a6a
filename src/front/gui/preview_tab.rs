//! "Preview" tab: the UCServer users (imported from the UCServer's export), the tenant's accounts
//! (read through Graph with progress and Cancel), and for every user in the activation scope how
//! the service will match it — with counts, filters, the lines that never match (one-click case
//! fix), suggestions addable with one click, CSV export, and a live presence read.
//!
//! The tab is a [`PreviewTab`] (its state and work in `state/preview_tab.rs`) that draws itself:
//! the lists ([`super::preview_sources`]), the counts, fixes and tools
//! ([`super::preview_findings`]), the table ([`super::preview_table`]) and the live read
//! ([`super::live`]).

use super::command::{Command, TabCtx};
use super::state::Tab;
use super::state::editor_tab::EditorTab;
use super::state::preview_tab::{Action, PreviewTab};
use super::widgets::{self, WARNING};
use crate::front::worker::FileJob;
use crate::model::config::{Activation, Settings};

impl PreviewTab {
    /// Draws the tab: the two lists, the editor's save notice, then the preview — its counts,
    /// fixes and tools, and the table (a line picked there is shown in the editor). `saved`: the
    /// settings the work is done with; `activation`: the scope as edited.
    pub fn show(
        &mut self,
        c: &TabCtx,
        editor: &mut EditorTab,
        saved: Option<&Settings>,
        activation: &Activation,
        ui: &mut egui::Ui,
    ) {
        super::editor_tab::dropped(c, FileJob::ImportUcUsers, ui);
        let t = c.t;
        let settings = saved.cloned().unwrap_or_default();
        let mut action = None;
        super::preview_sources::sources(c, self, &settings, ui, &mut action);
        super::usermatching::save_notice(t, editor, ui);
        self.refresh_kept(c.worker, saved);
        self.update_preview(&editor.editor, activation, c.worker);
        if self.preview().is_some() {
            // While a newer preview is computed, this one's line numbers may be old: it offers no
            // fixes and no jumps into the editor meanwhile (a few milliseconds at 100,000 users).
            let stale = self.preview_stale(&editor.editor, activation);
            // The counts and what can be fixed take at most a third of the height; the table the
            // rest.
            let room = ui.available_height() / 3.0;
            let notes = egui::ScrollArea::vertical()
                .id_salt("preview notes")
                .max_height(room.max(60.0))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    super::preview_findings::summary(t, self, editor, activation.mode, ui);
                    super::live::summary(t, self, ui);
                    ui.add_enabled_ui(!stale, |ui| {
                        super::preview_findings::fixes(t, self, editor, ui)
                    });
                });
            // What is below the box's edge is said (findings dropped out of sight without a cue).
            let below =
                notes.content_size.y - notes.inner_rect.height() - notes.state.clamped_offset().y;
            if below > 4.0 {
                widgets::colored(ui, WARNING, t.get("preview-notes-more"));
            }
            ui.add_enabled_ui(!stale, |ui| {
                let ready = settings.is_configured();
                super::preview_findings::tools(c, self, ready, ui, &mut action);
                // Another filter shows in the table of this frame already.
                self.update_shown();
                if let Some(line) = super::preview_table::table(t, self, editor, ui) {
                    editor.table.selected = std::iter::once(line).collect();
                    editor.table.scroll_to = Some(line);
                    action = Some(Action::GoToEditor);
                }
            });
        } else if self.uc.users.is_some() && self.tenant.list.is_some() {
            ui.horizontal(|ui| {
                widgets::busy(ui, "preview computing");
                ui.label(t.get("preview-computing"));
            });
        } else if self.uc.users.is_some() || self.tenant.list.is_some() {
            ui.weak(t.get("preview-need-data"));
        }
        self.act(c, action, saved.cloned());
    }

    /// What the tab asked for in this frame.
    fn act(&mut self, c: &TabCtx, action: Option<Action>, saved: Option<Settings>) {
        use super::state::preview_tab::LiveAsk as Ask;
        match (action, saved) {
            (Some(Action::File(job, title)), _) => c.send.send(Command::FileAsk(job, title)),
            (Some(Action::GoToEditor), _) => c.send.send(Command::ShowTab(Tab::Matching)),
            (Some(Action::CancelListing), _) => self.cancel_listing(),
            (Some(Action::Live(Ask::Cancel)), _) => self.live.cancel(),
            (Some(Action::ListTenant(refresh)), Some(settings)) => {
                self.list_tenant(c.worker, settings, refresh)
            }
            (Some(Action::Live(Ask::Read)), Some(settings)) => self.read_live(c.worker, settings),
            (Some(Action::ReadPresence((id, upn))), Some(settings)) => {
                self.read_presence(c.worker, settings, id, upn)
            }
            _ => {}
        }
    }
}
