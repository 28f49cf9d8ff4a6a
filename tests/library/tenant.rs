//! The tenant's users and presence through Graph, against the emulator over loopback HTTP: paging
//! with `@odata.nextLink`, cancel, presence in batches, and the preview of the demo tenant.

use crate::support::give_user_consent;
use entra_emulator::{self, Faults, Running, World};
use std::path::Path;
use std::time::{Duration, Instant};
use teams_presence_admin::microsoft::client::Client;
use teams_presence_admin::microsoft::graph::TenantError;
use teams_presence_admin::microsoft::presence;
use teams_presence_admin::model::config::{Activation, ActivationMode, Settings};
use teams_presence_admin::model::matching::preview::{self, Counts, Match};
use teams_presence_admin::model::matching::{MatchingFile, ucserver_users};
use teams_presence_admin::model::presence::Seen;
use teams_presence_admin::ops::tokens::{access_token, list_with_consent};
use teams_presence_admin::{base::paths, front::demo};

fn settings(base: &str, tenant: &str) -> Settings {
    demo::emulator_settings(base, tenant)
}

/// An emulator with a generated tenant of `n` users, and a folder holding a user consent for it.
async fn bigcorp(n: usize, faults: Faults) -> (Running, Settings, tempfile::TempDir) {
    let emu = crate::support::emulator_with(World::generated(n), Faults::default()).await;
    let s = settings(&emu.base_url, "bigcorp.onmicrosoft.com");
    let dir = tempfile::tempdir().unwrap();
    give_user_consent(
        &s,
        &paths::secrets(dir.path()),
        "user000000@bigcorp.example",
    )
    .await
    .unwrap();
    emu.shared.set_faults(faults);
    (emu, s, dir)
}

#[tokio::test]
async fn listing_follows_next_links_page_by_page() {
    let (emu, s, dir) = bigcorp(2500, Faults::default()).await;
    let mut seen = Vec::new();
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    let users = list_with_consent(
        &s,
        &paths::secrets(dir.path()),
        |p| seen.push((p.read, p.total)),
        &mut cancel,
    )
    .await
    .unwrap();
    assert_eq!(users.len(), 2500);
    assert_eq!(users[2499].upn, "user002499@bigcorp.example");
    assert_eq!(users[7].display_name, "User 000007");
    assert_eq!(users[7].mail.as_deref(), Some("user000007@bigcorp.example"));
    assert_eq!(
        seen,
        [(999, Some(2500)), (1998, Some(2500)), (2500, Some(2500))],
        "progress after every page, with Graph's total"
    );
    assert_eq!(
        emu.shared.requests_to("GET /v1.0/users"),
        3,
        "⌈2500/999⌉ requests"
    );
}

#[tokio::test]
async fn a_listing_stops_between_pages_and_within_a_request() {
    let (emu, s, dir) = bigcorp(2500, Faults::default()).await;
    let secrets = paths::secrets(dir.path());
    let (stop, mut cancel) = tokio::sync::watch::channel(false);
    let r = list_with_consent(
        &s,
        &secrets,
        |_| {
            let _ = stop.send(true);
        },
        &mut cancel,
    )
    .await;
    assert!(matches!(r, Err(TenantError::Cancelled)), "{r:?}");
    // The second page was requested while the first was read (issue 23 §2); none after it.
    assert_eq!(
        emu.shared.requests_to("GET /v1.0/users"),
        2,
        "no page after the one requested ahead"
    );

    // A slow Graph: the cancel does not wait for the answer.
    emu.shared.set_faults(Faults {
        latency_ms: 3000,
        ..Faults::default()
    });
    let (stop, mut cancel) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let _ = stop.send(true);
    });
    let start = Instant::now();
    let r = list_with_consent(&s, &secrets, |_| {}, &mut cancel).await;
    assert!(matches!(r, Err(TenantError::Cancelled)), "{r:?}");
    assert!(
        start.elapsed() < Duration::from_millis(2500),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn presence_is_read_650_ids_a_request() {
    let (emu, s, dir) = bigcorp(1400, Faults::default()).await;
    // The consent read one presence to prove itself.
    let before = emu
        .shared
        .requests_to("POST /v1.0/communications/getPresencesByUserId");
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    let secrets = paths::secrets(dir.path());
    let users = list_with_consent(&s, &secrets, |_| {}, &mut cancel)
        .await
        .unwrap();
    let client = Client::new(&s, &s.client_id).unwrap();
    let token = access_token(&client, &secrets).await.unwrap();
    let ids: Vec<String> = users.iter().map(|u| u.id.clone()).collect();
    let read = presence::read(&client, token.expose(), &ids, |_| {}, &mut cancel)
        .await
        .unwrap();
    // The generated tenant's disabled accounts (every 250th from the 125th: six of 1,400) are
    // left out of Microsoft's answer.
    assert_eq!(read.seen.len(), 1400);
    let missing: Vec<usize> = (0..ids.len())
        .filter(|&i| read.seen[i] == Seen::Missing)
        .collect();
    // In the order of the ids asked, across the batches (650, 1,300) answered in any order.
    assert_eq!(missing, [125, 375, 625, 875, 1125, 1375]);
    assert!(
        matches!(&read.seen[0], Seen::Presence { availability, .. } if !availability.is_empty())
    );
    assert_eq!(
        emu.shared
            .requests_to("POST /v1.0/communications/getPresencesByUserId")
            - before,
        3,
        "⌈1400/650⌉ requests"
    );
}

#[tokio::test]
async fn without_a_user_consent_the_listing_says_what_to_do() {
    let emu = crate::support::emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    let s = settings(&emu.base_url, "musterfirma.de");
    let e = list_with_consent(&s, &paths::secrets(dir.path()), |_| {}, &mut cancel)
        .await
        .unwrap_err();
    assert_eq!(e.msgs()[0].id, "tenant-needs-consent");
    // Revoked tokens: Microsoft's code and its guidance.
    give_user_consent(&s, &paths::secrets(dir.path()), "admin@musterfirma.de")
        .await
        .unwrap();
    emu.shared.set_faults(Faults {
        password_changed: true,
        ..Faults::default()
    });
    let e = list_with_consent(&s, &paths::secrets(dir.path()), |_| {}, &mut cancel)
        .await
        .unwrap_err();
    let ids: Vec<&str> = e.msgs().iter().map(|m| m.id).collect();
    assert_eq!(ids, ["aadsts-50173", "consent-microsoft-said"]);
}

/// The demo: the sample user export (German Excel) and usermatching.csv on the demo tenant, with
/// every kind of match, a case fix, a dead line and suggestions.
#[tokio::test]
async fn preview_of_the_demo_tenant_shows_every_kind() {
    let emu = crate::support::emulator().await;
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    let s = settings(&emu.base_url, "musterfirma.onmicrosoft.com");
    give_user_consent(&s, &paths::secrets(dir.path()), "admin@musterfirma.de")
        .await
        .unwrap();
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    let tenant = list_with_consent(&s, &paths::secrets(dir.path()), |_| {}, &mut cancel)
        .await
        .unwrap();
    let users = read_users(&demo::sample_users(dir.path()));
    let file = MatchingFile::parse(&std::fs::read(paths::usermatching(dir.path())).unwrap());
    let p = preview::preview(&users, |_| true, &file, &tenant);
    assert_eq!(
        p.counts,
        Counts {
            same_upn: 2,
            mapping: 2,
            none: 4,
            ambiguous: 1
        }
    );
    let kind = |name: &str| {
        let row = p.rows.iter().find(|r| users[r.user].name == name).unwrap();
        (
            row.result.clone(),
            row.suggestion
                .map(|(t, why)| (tenant[t].upn.clone(), why.key())),
        )
    };
    assert!(matches!(
        kind("jsmith@musterfirma.local").0,
        Match::Mapping { line: 3, .. }
    ));
    assert_eq!(
        kind("zentrale@musterfirma.local").0,
        Match::Ambiguous { lines: vec![5, 6] }
    );
    assert_eq!(
        kind("lena@musterfirma.local").1,
        Some(("lena.frisch@musterfirma.de".into(), "same-display-name"))
    );
    assert_eq!(
        kind("juergen.mueller@musterfirma.local").1,
        Some(("juergen.mueller@musterfirma.de".into(), "same-local-part"))
    );
    assert_eq!(kind("empfang@musterfirma.local").1, None);
    assert_eq!(p.case_fixes[0].upn, "Sophie.Wagner@musterfirma.de");
    assert_eq!(
        p.unknown_lines.iter().map(|u| u.line).collect::<Vec<_>>(),
        [4]
    );

    // Scope: only the group "Technik".
    let technik = Activation {
        mode: ActivationMode::Groups,
        groups: vec!["Technik".into()],
        users: vec![],
    };
    let p = preview::preview(&users, preview::in_scope(&technik), &file, &tenant);
    assert_eq!(p.rows.len(), 3);
}

fn read_users(path: &Path) -> Vec<preview::UcUser> {
    ucserver_users::parse(&std::fs::read(path).unwrap())
        .unwrap()
        .users
}
