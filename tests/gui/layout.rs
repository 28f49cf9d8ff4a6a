//! The window at 800×600 in German (issue 35 §10): no widget wider than the window, the
//! preview's table with room and a focused row in sight.

use crate::support::gui::{open_tab, settle, settle_preview};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::front::gui::PaneApp;

/// The demo in German at `size`, the user consent given, the tenant read.
pub(crate) fn demo_de(size: egui::Vec2) -> Harness<'static, PaneApp> {
    let demo = teams_presence_admin::front::demo::start().unwrap();
    let app = PaneApp::new(demo.dir.path().to_owned(), Lang::De)
        .with_demo(demo.into_window())
        .with_browser(crate::support::WalkingBrowser::accepting(
            "admin@musterfirma.de",
        ));
    let mut h = crate::support::gui::window(app, size);
    settle(&mut h, |app| {
        !app.state.busy() && !app.state.auth.check.is_running()
    });
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Zustimmung des Benutzers")
        .click();
    settle(&mut h, |app| {
        !app.state.auth.consent.is_running()
            && !app.state.auth.check.is_running()
            && app.state.auth.check.result().is_some()
    });
    open_tab(&mut h, "Vorschau");
    h.get_by_label("Konten aus dem Tenant lesen").click();
    settle(&mut h, |app| app.state.preview.tenant.list.is_some());
    settle_preview(&mut h);
    h
}

/// Every node whose rectangle reaches past the window's left or right edge, with its role,
/// text and x range; `inside` tells which of them may (lying in a sideways scrolling table).
fn too_wide(
    h: &Harness<'static, PaneApp>,
    width: f64,
    inside: impl Fn(&egui::accesskit::Rect) -> bool,
) -> Vec<String> {
    h.root()
        .children_recursive()
        .filter_map(|n| {
            let b = n.accesskit_node().bounding_box()?;
            (b.x1 > width + 0.5 || b.x0 < -0.5)
                .then_some(b)
                .filter(|b| !inside(b))
                .map(|b| {
                    let node = n.accesskit_node();
                    let name = node.label().or_else(|| node.value()).unwrap_or_default();
                    format!("{:?} {name:?} x {:.0}..{:.0}", node.role(), b.x0, b.x1)
                })
        })
        .collect()
}

/// Issue 35 §10: at 800×600 in German no widget of any tab reaches past the window's edges —
/// the settings after a check that changed the verdict ("geprüft um … — vorher: Nur lesen
/// (Schreiben fehlt)" widened the whole pane), the preview's table scrolls sideways instead of
/// cutting "(Zeile N)" and the suggestions — and a row reached by Tab is in sight in the table.
#[test]
fn at_800_by_600_in_german_nothing_is_wider_than_the_window_and_a_tabbed_row_is_in_sight() {
    let mut h = demo_de(egui::vec2(800.0, 600.0));
    open_tab(&mut h, "Einstellungen");
    h.get_by_role_and_label(
        egui::accesskit::Role::Button,
        "Zustimmung des Administrators",
    )
    .click();
    settle(&mut h, |app| {
        !app.state.auth.consent.is_running() && !app.state.auth.check.is_running()
    });
    h.get_by_label_contains("— vorher: Nur lesen (Schreiben fehlt)");
    for open in [
        "Diagnose und Änderungsprotokoll",
        "PowerShell-Skript (Microsoft Graph PowerShell)",
        "Eine eigene App-Registrierung in Entra ID einrichten",
    ] {
        h.get_by_label(open).click_accesskit();
        h.run();
    }
    assert_eq!(too_wide(&h, 800.0, |_| false), Vec::<String>::new());
    open_tab(&mut h, "Benutzerzuordnung");
    assert_eq!(too_wide(&h, 800.0, |_| false), Vec::<String>::new());

    open_tab(&mut h, "Vorschau");
    let header = h
        .get_by_label("UCServer-Benutzer")
        .accesskit_node()
        .bounding_box()
        .unwrap();
    let bar = h
        .get_by_label("Autorisiert")
        .accesskit_node()
        .bounding_box()
        .unwrap()
        .y0;
    // Only the table's cells may lie beyond the edge, and then the table scrolls sideways.
    let sideways = h
        .root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::ScrollBar)
        .filter_map(|n| n.accesskit_node().bounding_box())
        .any(|b| b.width() > b.height() && b.y0 >= header.y0 && b.y1 <= bar + 1.0);
    let in_table = |b: &egui::accesskit::Rect| sideways && b.y0 >= header.y0 - 1.0 && b.y1 <= bar;
    assert_eq!(too_wide(&h, 800.0, in_table), Vec::<String>::new());
    // "(Zeile N)" is not cut: it ends before the next column starts.
    let next = h
        .get_by_label("Teams-Konto")
        .accesskit_node()
        .bounding_box()
        .unwrap()
        .x0;
    let mut mapped = 0;
    for n in h.query_all_by_label_contains("Über usermatching.csv (Zeile ") {
        let b = n.accesskit_node().bounding_box().unwrap();
        assert!(b.x1 <= next, "cut: {b:?}, the next column at {next}");
        mapped += 1;
    }
    assert!(mapped >= 2, "{mapped}");

    // Tab from the filters into the rows: each widget reached lies in the table's visible area
    // (below its header, above the status bar, inside the window).
    h.get_by_label("Vorschau als CSV exportieren …").focus();
    h.run();
    let mut reached = 0;
    for _ in 0..90 {
        h.key_press(egui::Key::Tab);
        // The scroll to it is animated.
        for _ in 0..6 {
            h.run();
        }
        // The focused widget as egui knows it (a table cell's accessible box is not set).
        let Some(rect) = h
            .ctx
            .memory(|m| m.focused())
            .and_then(|id| h.ctx.read_response(id))
            .map(|r| r.rect)
        else {
            continue;
        };
        if f64::from(rect.top()) < header.y1 {
            continue;
        }
        reached += 1;
        let (top, bottom) = (f64::from(rect.top()), f64::from(rect.bottom()));
        // In the rows' height, and starting inside the window (a cell's content may run on
        // under the table's right edge, where the column clips it).
        assert!(
            top >= header.y1 - 0.5
                && bottom <= bar + 0.5
                && rect.left() >= -0.5
                && rect.left() < 790.0,
            "{rect:?}: outside the table's area (header ends {}, bar at {bar})",
            header.y1
        );
    }
    assert!(reached >= 5, "{reached} widgets of the rows reached by Tab");
}
