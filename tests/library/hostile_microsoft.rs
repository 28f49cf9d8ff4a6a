//! A hostile Microsoft in front of the emulator (issue 34 §5, §8, §16): oversized names, a listing
//! that never ends, Graph's error statuses, and a configuration changed during a sign-in.

use crate::support::give_user_consent;
use entra_emulator::faults::GraphStatus;
use entra_emulator::walker::Walker;
use entra_emulator::{Faults, Running, World};
use teams_presence_admin::base::i18n::{Lang, Texts};
use teams_presence_admin::microsoft::flows::Which;
use teams_presence_admin::microsoft::graph::{self, TenantError};
use teams_presence_admin::model::config::Settings;
use teams_presence_admin::ops::tokens::list_with_consent;
use teams_presence_admin::{base::paths, front::demo};

async fn bigcorp(n: usize) -> (Running, Settings, tempfile::TempDir) {
    let emu = crate::support::emulator_with(World::generated(n), Faults::default()).await;
    let s = demo::emulator_settings(&emu.base_url, "bigcorp.onmicrosoft.com");
    let dir = tempfile::tempdir().unwrap();
    give_user_consent(
        &s,
        &paths::secrets(dir.path()),
        "user000000@bigcorp.example",
    )
    .await
    .unwrap();
    (emu, s, dir)
}

async fn list(s: &Settings, dir: &std::path::Path) -> Result<usize, TenantError> {
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    list_with_consent(s, &paths::secrets(dir), |_| {}, &mut cancel)
        .await
        .map(|u| u.len())
}

/// 7,000-character names, 999 a page (a page of about 14 MB, under the 16 MB an answer may have):
/// refused by name on the first page, nothing kept, not 2,000 pages of it. (15,000 characters
/// make a page longer than 16 MB, refused as such.)
#[tokio::test]
async fn a_listing_of_oversized_names_is_refused_on_its_first_page() {
    let (emu, s, dir) = bigcorp(2500).await;
    emu.shared.set_faults(Faults {
        oversized_names: Some(15_000),
        ..Default::default()
    });
    let e = list(&s, dir.path()).await.unwrap_err();
    assert!(e.to_string().contains("longer than 16777216 bytes"), "{e}");
    emu.shared.set_faults(Faults {
        oversized_names: Some(7_000),
        ..Default::default()
    });
    let e = list(&s, dir.path()).await.unwrap_err();
    match &e {
        TenantError::TooLong { field, len, max } => {
            assert_eq!((*field, *max), ("userPrincipalName", graph::MAX_UPN));
            assert!(*len > 7_000, "{len}");
        }
        other => panic!("{other:?}"),
    }
    // The first page of each listing, and at most the next one requested while it was read.
    assert!(emu.shared.requests_to("GET /v1.0/users") <= 4);
    for lang in [Lang::De, Lang::En] {
        let text = Texts::new(lang).msg(&e.msgs()[0]);
        assert!(
            text.contains("userPrincipalName") && text.contains("113"),
            "{text}"
        );
    }
    // Names at Entra's limits are kept.
    emu.shared.set_faults(Faults {
        oversized_names: Some(64),
        ..Default::default()
    });
    assert_eq!(list(&s, dir.path()).await.unwrap(), 2500);
}

/// A nextLink forever (a new page token each time) ends at MAX_PAGES with an error, not never.
#[tokio::test(flavor = "multi_thread")]
async fn a_listing_that_never_ends_stops_at_the_page_limit() {
    let (emu, s, dir) = bigcorp(3).await;
    emu.shared.set_faults(Faults {
        endless_listing: true,
        ..Default::default()
    });
    let e = list(&s, dir.path()).await.unwrap_err();
    assert!(e.to_string().contains("more than 2000 pages"), "{e}");
    let pages = emu.shared.requests_to("GET /v1.0/users");
    assert!(
        (graph::MAX_PAGES..=graph::MAX_PAGES + 1).contains(&pages),
        "{pages}"
    );
}

/// Graph's error statuses on the listing: only 403 asks for the consent again; an expired page
/// token (400), 401, 404, 429 and 5xx say it is Microsoft's side.
#[tokio::test(flavor = "multi_thread")]
async fn a_listing_failure_asks_for_consent_only_where_consent_cures_it() {
    let (emu, s, dir) = bigcorp(3).await;
    let t = Texts::new(Lang::En);
    for status in [400u16, 401, 403, 404, 429, 500, 503] {
        emu.shared.set_faults(Faults {
            graph_status: GraphStatus {
                users: Some(status),
                ..Default::default()
            },
            ..Default::default()
        });
        let e = list(&s, dir.path()).await.unwrap_err();
        let text = t.msg(&e.msgs()[0]);
        assert!(text.contains(&status.to_string()), "{status}: {text}");
        assert_eq!(
            text.contains("User consent\" again"),
            status == 403,
            "{status}: {text}"
        );
    }
}

/// `config set tenant-id` during the sign-in: the consent is refused by name, nothing stored.
#[tokio::test(flavor = "multi_thread")]
async fn a_consent_is_not_stored_when_the_tenant_changed_during_the_sign_in() {
    let emu = crate::support::emulator().await;
    let dir = tempfile::tempdir().unwrap();
    demo::prepare(dir.path(), &emu.base_url).unwrap();
    let settings = teams_presence_admin::ops::store::load_config(dir.path())
        .unwrap()
        .settings
        .unwrap();
    let cfg = paths::msteams_cfg(dir.path());
    let secrets = paths::secrets(dir.path());
    let before = std::fs::read(&secrets).ok();
    let show = |url: &str| {
        // Another administrator's `config set tenant-id` while the browser is open.
        let text = std::fs::read_to_string(&cfg).unwrap();
        let changed = text.replace(&settings.tenant_id, "contoso.onmicrosoft.com");
        assert_ne!(text, changed);
        std::fs::write(&cfg, changed).unwrap();
        Walker::accepting("max.mustermann@musterfirma.de").walk_in_background(url);
    };
    let r = teams_presence_admin::ops::consent::give(
        Which::User,
        &settings,
        Lang::En,
        &secrets,
        show,
        std::future::pending(),
    )
    .await;
    assert!(
        matches!(r, Err(teams_presence_admin::ops::Error::ConfigChanged)),
        "{r:?}"
    );
    assert_eq!(std::fs::read(&secrets).ok(), before, "nothing stored");
    for lang in [Lang::De, Lang::En] {
        let text = Texts::new(lang).msg(&r.as_ref().unwrap_err().msgs()[0]);
        assert!(text.contains("msteams.cfg"), "{text}");
    }
}

/// What a listing keeps is capped: past the cap it ends with a named refusal, before the next
/// pages are read (the pane's cap is 512 MB; here 300 KB, two pages of the generated tenant).
#[tokio::test(flavor = "multi_thread")]
async fn a_listing_keeps_at_most_its_cap_of_bytes() {
    use teams_presence_admin::microsoft::client::Client;
    let (emu, s, dir) = bigcorp(5000).await;
    let client = Client::for_settings(&s).unwrap();
    let token =
        teams_presence_admin::ops::tokens::access_token(&client, &paths::secrets(dir.path()))
            .await
            .unwrap();
    let (_stop, mut cancel) = tokio::sync::watch::channel(false);
    let mut read = Vec::new();
    let r = graph::list_users_within(
        &client,
        token.expose(),
        |p| read.push(p.read),
        &mut cancel,
        300_000,
    )
    .await;
    assert!(matches!(r, Err(TenantError::TooLarge(300_000))), "{r:?}");
    assert_eq!(read, [999], "the first page kept, the second refused");
    assert!(emu.shared.requests_to("GET /v1.0/users") <= 3);
    for lang in [Lang::De, Lang::En] {
        let text = Texts::new(lang).msg(&r.as_ref().unwrap_err().msgs()[0]);
        assert!(text.contains("MB"), "{text}");
    }
}
