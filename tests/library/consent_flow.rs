//! The consent flows end to end against the emulator, with a browser stand-in that walks the
//! emulator's pages over HTTP as the administrator would in the system browser.

use entra_emulator::walker::Walker;
use entra_emulator::{Faults, Running, state};
use std::path::Path;
use teams_presence_admin::base::i18n::Lang;
use teams_presence_admin::base::paths;
use teams_presence_admin::microsoft::client::Client;
use teams_presence_admin::microsoft::credential::AppCredential;
use teams_presence_admin::microsoft::flows::{self, AdminConsent, FlowError};
use teams_presence_admin::model::config::Settings;
use teams_presence_admin::model::secrets::Secrets;
use teams_presence_admin::ops::Error;
use teams_presence_admin::ops::check::Which;

async fn emulator() -> Running {
    crate::support::emulator().await
}

fn settings(base: &str) -> Settings {
    teams_presence_admin::front::demo::emulator_settings(base, "musterfirma.de")
}

/// The browser: opens the page, signs in, presses the button, follows the redirect.
async fn browser(url: String, user: &'static str, action: &'static str) {
    let walker = Walker {
        action: action.into(),
        ..Walker::accepting(user)
    };
    walker.walk(&url).await.unwrap();
}

fn never() -> std::future::Pending<()> {
    std::future::pending()
}

/// A consent given through `flows::give` (the one entry point), the browser answering with
/// `action`; the URL it was sent to is put in `url`.
async fn give(
    emu: &Running,
    which: Which,
    secrets: &Path,
    user: &'static str,
    action: &'static str,
    url: &mut String,
) -> Result<flows::Given, Error> {
    let show = |u: &str| {
        *url = u.to_owned();
        tokio::spawn(browser(u.to_owned(), user, action));
    };
    let s = settings(&emu.base_url);
    teams_presence_admin::ops::consent::give(which, &s, Lang::En, secrets, show, never()).await
}

async fn user_consent(
    emu: &Running,
    secrets: &Path,
    user: &'static str,
) -> Result<flows::UserConsent, Error> {
    match give(
        emu,
        Which::User,
        secrets,
        user,
        "accept",
        &mut String::new(),
    )
    .await?
    {
        flows::Given::User(c) => Ok(c),
        other => panic!("{other:?}"),
    }
}

/// A folder whose secrets hold `user`'s consent, its secrets file, and the demo app's client.
async fn consented(
    emu: &Running,
    user: &'static str,
) -> (tempfile::TempDir, std::path::PathBuf, Client) {
    let dir = tempfile::tempdir().unwrap();
    let secrets = paths::secrets(dir.path());
    user_consent(emu, &secrets, user).await.unwrap();
    let client = Client::new(&settings(&emu.base_url), state::DEMO_CLIENT_ID).unwrap();
    (dir, secrets, client)
}

async fn admin_consent(
    emu: &Running,
    secrets: &Path,
    action: &'static str,
    url: &mut String,
) -> Result<AdminConsent, Error> {
    let user = "admin@musterfirma.de";
    match give(emu, Which::Admin, secrets, user, action, url).await? {
        flows::Given::Admin(c) => Ok(c),
        other => panic!("{other:?}"),
    }
}

/// The id token must carry the nonce the authorize request sent (issue 12 §2): a sign-in whose id
/// token carries another is refused and nothing is stored.
#[tokio::test]
async fn an_id_token_with_another_nonce_is_refused() {
    let emu = emulator().await;
    emu.shared.set_faults(Faults {
        id_token_wrong_nonce: true,
        ..Default::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let secrets = paths::secrets(dir.path());
    let e = user_consent(&emu, &secrets, "max.mustermann@musterfirma.de")
        .await
        .unwrap_err();
    assert!(
        matches!(e.flow(), Some(FlowError::IdToken("nonce"))),
        "{e:?}"
    );
    assert!(!secrets.exists(), "nothing stored");
}

/// The id token's tenant (`tid`) must be the configured one (issue 24 §4): configured as a
/// verified domain (resolved through its OpenID configuration) and as the tenant's id, an id token
/// of another organization is refused with guidance naming both, and nothing is stored.
#[tokio::test]
async fn an_id_token_of_another_tenant_is_refused() {
    let emu = emulator().await;
    emu.shared.set_faults(Faults {
        id_token_other_tenant: true,
        ..Default::default()
    });
    let other = entra_emulator::OTHER_TENANT;
    for tenant in ["musterfirma.de", state::DEMO_TENANT_ID] {
        let dir = tempfile::tempdir().unwrap();
        let secrets = paths::secrets(dir.path());
        let settings = teams_presence_admin::front::demo::emulator_settings(&emu.base_url, tenant);
        let show = |u: &str| {
            tokio::spawn(browser(
                u.to_owned(),
                "max.mustermann@musterfirma.de",
                "accept",
            ));
        };
        let e = teams_presence_admin::ops::consent::give(
            Which::User,
            &settings,
            Lang::En,
            &secrets,
            show,
            never(),
        )
        .await
        .unwrap_err();
        let Some(FlowError::OtherTenant {
            tid, configured_id, ..
        }) = e.flow()
        else {
            panic!("{tenant}: {e:?}");
        };
        assert_eq!(
            (tid.as_str(), configured_id.as_str()),
            (other, state::DEMO_TENANT_ID)
        );
        let texts = teams_presence_admin::base::i18n::Texts::new(Lang::En);
        let shown: Vec<String> = e.msgs().iter().map(|m| texts.msg(m)).collect();
        assert_eq!(
            shown,
            [format!(
                "The account max.mustermann@musterfirma.de belongs to tenant {other}; the configured tenant is \"{tenant}\" ({}). Nothing was stored. Sign in with an account of that tenant (\"Use another account\" in the browser), or enter the account's tenant as \"Active Directory Tenant ID\".",
                state::DEMO_TENANT_ID
            )]
        );
        assert!(!secrets.exists(), "{tenant}: nothing stored");
    }
}

/// The refresh asks for the scopes the consent was granted, as MSAL does (issue 24 §8): all of
/// the consent's while the record lists them all, only those it lists once it lists fewer.
#[tokio::test]
async fn a_refresh_asks_for_the_scopes_the_consent_was_granted() {
    let emu = emulator().await;
    let (_dir, secrets, client) = consented(&emu, "max.mustermann@musterfirma.de").await;
    let asked = |emu: &Running| emu.shared.world().refresh_scopes.last().cloned().flatten();
    teams_presence_admin::ops::tokens::check_read(&client, &secrets)
        .await
        .unwrap();
    let graph = &emu.base_url;
    assert_eq!(
        asked(&emu).as_deref(),
        Some(
            format!("openid profile offline_access {graph}/Presence.Read.All {graph}/User.Read {graph}/User.ReadBasic.All")
                .as_str()
        )
    );
    Secrets::update(&secrets, |s| {
        s.user_consent.as_mut().unwrap().scopes = vec!["Presence.Read.All".into()];
    })
    .unwrap();
    teams_presence_admin::ops::tokens::check_read(&client, &secrets)
        .await
        .unwrap();
    assert_eq!(
        asked(&emu).as_deref(),
        Some(format!("openid profile offline_access {graph}/Presence.Read.All").as_str())
    );
}

/// The access token is opaque to a client (issue 12 §2): a token without `scp` is fine when the
/// token answer's `scope` grants Presence.Read.All — proven by the live presence read — and the
/// account comes from the id token. The check after it too.
#[tokio::test]
async fn the_grant_is_read_from_the_token_answer_not_the_access_token() {
    let emu = emulator().await;
    emu.shared.set_faults(Faults {
        access_token_without_scp: true,
        ..Default::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let secrets = paths::secrets(dir.path());
    let consent = user_consent(&emu, &secrets, "max.mustermann@musterfirma.de")
        .await
        .unwrap();
    assert_eq!(consent.upn, "max.mustermann@musterfirma.de");
    assert!(
        consent.scopes.iter().any(|s| s == "Presence.Read.All"),
        "{consent:?}"
    );
    let client = Client::new(&settings(&emu.base_url), state::DEMO_CLIENT_ID).unwrap();
    let (again, _) = teams_presence_admin::ops::tokens::check_read(&client, &secrets)
        .await
        .unwrap();
    assert_eq!(again.upn, "max.mustermann@musterfirma.de");
}

#[tokio::test]
async fn user_consent_stores_the_refresh_token_owner_only_in_three_round_trips() {
    let emu = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = paths::secrets(dir.path());
    let consent = user_consent(&emu, &secrets, "max.mustermann@musterfirma.de")
        .await
        .unwrap();
    assert_eq!(consent.upn, "max.mustermann@musterfirma.de");
    assert!(consent.scopes.iter().any(|s| s == "Presence.Read.All"));
    let (_, stored) = Secrets::load(&secrets).unwrap();
    assert!(stored.has_consent());
    assert_eq!(
        stored.user_consent.unwrap().upn,
        "max.mustermann@musterfirma.de"
    );
    #[cfg(unix)]
    assert!(!Secrets::readable_by_others(&secrets));
    // After the browser came back: one token request, the configured domain resolved to its
    // tenant's id (once a process, to compare with the id token's `tid`) and one verification
    // call.
    let after: Vec<String> = emu
        .shared
        .requests()
        .into_iter()
        .skip_while(|r| !r.starts_with("POST /musterfirma.de/oauth2/v2.0/authorize"))
        .skip(1)
        .collect();
    assert_eq!(
        after,
        [
            "POST /musterfirma.de/oauth2/v2.0/token",
            "GET /musterfirma.de/v2.0/.well-known/openid-configuration",
            "POST /v1.0/communications/getPresencesByUserId"
        ]
    );
}

#[tokio::test]
async fn check_rotates_the_refresh_token_and_reports_a_revoked_grant() {
    let emu = emulator().await;
    let (_dir, secrets, client) = consented(&emu, "lena.frisch@musterfirma.de").await;
    let before = Secrets::load(&secrets).unwrap().1.refresh_token.unwrap();
    teams_presence_admin::ops::tokens::check_read(&client, &secrets)
        .await
        .unwrap();
    let after = Secrets::load(&secrets).unwrap().1.refresh_token.unwrap();
    assert_ne!(before, after, "the rotated refresh token must be stored");
    emu.shared.set_faults(Faults {
        password_changed: true,
        ..Default::default()
    });
    let e = teams_presence_admin::ops::tokens::check_read(&client, &secrets)
        .await
        .unwrap_err();
    assert_eq!(e.microsoft().and_then(|m| m.code()), Some(50173));
    assert!(!e.microsoft().unwrap().trace_id.is_empty());
}

#[tokio::test]
async fn a_tenant_policy_against_user_consent_comes_back_as_90094() {
    let emu = emulator().await;
    emu.shared.set_faults(Faults {
        user_consent_disabled: true,
        ..Default::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let e = user_consent(
        &emu,
        &paths::secrets(dir.path()),
        "lena.frisch@musterfirma.de",
    )
    .await
    .unwrap_err();
    assert_eq!(e.microsoft().and_then(|m| m.code()), Some(90094));
    assert!(
        !paths::secrets(dir.path()).exists(),
        "nothing stored on failure"
    );
}

#[tokio::test]
async fn admin_consent_is_verified_with_a_secret_and_recorded_without() {
    let emu = emulator().await;
    let client = Client::new(&settings(&emu.base_url), state::DEMO_CLIENT_ID).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets = paths::secrets(dir.path());
    for (secret, expected) in [
        (None, AdminConsent::Reported),
        (Some(state::DEMO_CLIENT_SECRET), AdminConsent::Verified),
    ] {
        if let Some(secret) = secret {
            teams_presence_admin::ops::store::set_client_secret(dir.path(), Some(secret.into()))
                .unwrap();
        }
        let mut url = String::new();
        let r = admin_consent(&emu, &secrets, "accept", &mut url)
            .await
            .unwrap();
        assert!(url.contains("%2F.default"), "{url}");
        assert_eq!(r, expected);
        // What Microsoft reported is recorded beside the user consent, not in msteams.cfg.
        let (_, stored) = Secrets::load(&secrets).unwrap();
        let record = stored.admin_consent.expect("a record of the admin consent");
        assert_eq!(record.client_id, state::DEMO_CLIENT_ID);
        assert_eq!(record.configured_tenant, "musterfirma.de");
        assert!(!record.tenant.is_empty());
        assert!(record.scope.ends_with("/.default"), "{}", record.scope);
        assert!(chrono::DateTime::parse_from_rfc3339(&record.consented_at).is_ok());
    }
    // A wrong secret is Microsoft's 7000215, not a silent "reported".
    let e = flows::check_write(&client, &AppCredential::Secret("wrong".into()))
        .await
        .unwrap_err();
    assert_eq!(e.microsoft().and_then(|m| m.code()), Some(7000215));
}

#[tokio::test]
async fn declined_admin_consent_is_65004() {
    let emu = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = paths::secrets(dir.path());
    let e = admin_consent(&emu, &secrets, "cancel", &mut String::new())
        .await
        .unwrap_err();
    assert_eq!(e.microsoft().and_then(|m| m.code()), Some(65004));
    assert!(!secrets.exists(), "a declined consent is not recorded");
}

#[tokio::test]
async fn graph_throttling_is_retried_after_retry_after() {
    let emu = emulator().await;
    let (_dir, secrets, client) = consented(&emu, "max.mustermann@musterfirma.de").await;
    emu.shared.set_faults(Faults {
        graph_throttle_seconds: Some(1),
        ..Default::default()
    });
    let shared = emu.shared.clone();
    // Lift the throttling after the first 429.
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        shared.set_faults(Faults::default());
    });
    let t = std::time::Instant::now();
    teams_presence_admin::ops::tokens::check_read(&client, &secrets)
        .await
        .unwrap();
    assert!(
        t.elapsed() >= std::time::Duration::from_secs(1),
        "Retry-After was not waited for"
    );
}

/// Every fault switch of the emulator leads to the right verdict, and where Microsoft names a code,
/// to a sentence in both languages that says what to do.
#[tokio::test]
async fn every_fault_switch_leads_to_the_right_verdict_and_guidance() {
    use teams_presence_admin::base::i18n::Texts;
    use teams_presence_admin::microsoft::client::Stage;
    use teams_presence_admin::ops::check::{self, Setup, Verdict};
    let emu = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = paths::secrets(dir.path());
    user_consent(&emu, &secrets, "admin@musterfirma.de")
        .await
        .unwrap();
    // Admin consent and the client secret, so that both sides are checked.
    admin_consent(&emu, &secrets, "accept", &mut String::new())
        .await
        .unwrap();
    teams_presence_admin::ops::store::set_client_secret(
        dir.path(),
        Some(state::DEMO_CLIENT_SECRET.into()),
    )
    .unwrap();
    let s = settings(&emu.base_url);
    let run = || check::run(&s, Some(state::DEMO_CLIENT_ID), &secrets);
    let first = run().await;
    assert!(
        matches!(first.verdict, Verdict::Authorized { .. }),
        "{first:?}"
    );

    let reconsent = |code| Verdict::ReconsentNeeded {
        consent: Which::User,
        code: Some(code),
    };
    let misconfigured = |code| Verdict::Misconfigured {
        setup: Setup::Microsoft,
        code: Some(code),
    };
    let cases = [
        (
            Faults {
                password_changed: true,
                ..Default::default()
            },
            reconsent(50173),
        ),
        (
            Faults {
                refresh_token_expired: true,
                ..Default::default()
            },
            reconsent(700082),
        ),
        (
            Faults {
                mfa_required: true,
                ..Default::default()
            },
            reconsent(50076),
        ),
        (
            Faults {
                client_secret_invalid: true,
                ..Default::default()
            },
            misconfigured(7000215),
        ),
        (
            Faults {
                client_secret_expired: true,
                ..Default::default()
            },
            misconfigured(7000222),
        ),
        (
            Faults {
                unknown_tenant: true,
                ..Default::default()
            },
            misconfigured(90002),
        ),
        (
            Faults {
                unknown_app: true,
                ..Default::default()
            },
            misconfigured(700016),
        ),
        (
            Faults {
                server_error: true,
                ..Default::default()
            },
            Verdict::Unreachable {
                stage: Stage::Answer,
            },
        ),
    ];
    for (faults, expected) in cases {
        emu.shared.set_faults(faults.clone());
        let report = run().await;
        assert_eq!(report.verdict, expected, "{faults:?}");
        if let Verdict::ReconsentNeeded { code: Some(_), .. }
        | Verdict::Misconfigured { code: Some(_), .. } = &report.verdict
        {
            assert!(
                report.trace_id.is_some() && report.correlation_id.is_some(),
                "{faults:?}"
            );
            for lang in Lang::ALL {
                let advice = Texts::new(lang).msg(&report.verdict.advice().unwrap());
                assert!(
                    advice.contains("AADSTS") && !advice.starts_with('['),
                    "{lang:?}: {advice}"
                );
            }
        }
        emu.shared.set_faults(Faults::default());
        // Each case consumed nothing it should not: the consent is still good afterwards.
        if !matches!(expected, Verdict::ReconsentNeeded { .. }) {
            assert!(
                matches!(run().await.verdict, Verdict::Authorized { .. }),
                "after {faults:?}"
            );
        }
    }
    // A dropped connection is "unreachable" — cut off, not an error Microsoft answered with
    // (issue 35 §5) — and latency alone changes nothing.
    emu.shared.set_faults(Faults {
        connection_reset: true,
        ..Default::default()
    });
    assert_eq!(
        run().await.verdict,
        Verdict::Unreachable {
            stage: Stage::Interrupted
        }
    );
    emu.shared.set_faults(Faults {
        latency_ms: 200,
        ..Default::default()
    });
    assert!(matches!(run().await.verdict, Verdict::Authorized { .. }));
    // The consent-page faults (policy, decline) are covered by the flow tests above.
}
