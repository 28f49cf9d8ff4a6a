//! `status` as the built binary against a hostile or failing Microsoft (issue 34 §9, §6): the
//! verdict table's rows end to end, Microsoft's own words for an unknown code, and the deadline
//! with what it waits for on stderr.

use crate::support::bin;
use entra_emulator::faults::{GraphStatus, TokenError};
use entra_emulator::{Faults, Running};
use std::time::{Duration, Instant};
use teams_presence_admin::front::demo;

/// A demo folder on the emulator with the user consent given (read-only: no admin consent).
async fn consented() -> (Running, tempfile::TempDir) {
    let emu = crate::support::emulator().await;
    let dir = crate::support::consented_demo(&emu, "max.mustermann@musterfirma.de").await;
    (emu, dir)
}

/// `status --json` (and the extra arguments): exit code, the verdict's state, stdout, stderr.
fn status(dir: &std::path::Path, extra: &[&str]) -> (Option<i32>, String, String, String) {
    let o = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(extra)
        .arg("status")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let state = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir)
        .args(["status", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&state.stdout).unwrap_or_default();
    let state = json["verdict"]["state"].as_str().unwrap_or("-").to_owned();
    (o.status.code(), state, out, err)
}

/// The presence read answered 429, 500, 503, 404, 401: Microsoft's side (exit 5), never "give
/// the consent again"; 403: the consent (exit 4).
#[tokio::test(flavor = "multi_thread")]
async fn a_failing_presence_read_is_an_outage_not_a_reconsent() {
    let (emu, dir) = consented().await;
    let (code, state, out, _) = status(dir.path(), &[]);
    assert_eq!((code, state.as_str()), (Some(3), "read-only"), "{out}");
    for (graph, expected) in [
        (429u16, (5, "unreachable")),
        (500, (5, "unreachable")),
        (503, (5, "unreachable")),
        (404, (5, "unreachable")),
        (401, (5, "unreachable")),
        (403, (4, "reconsent-needed")),
    ] {
        emu.shared.set_faults(Faults {
            graph_status: GraphStatus {
                presences_by_user_id: Some(graph),
                ..Default::default()
            },
            ..Default::default()
        });
        let (code, state, out, err) = status(dir.path(), &[]);
        assert_eq!(
            (code, state.as_str()),
            (Some(expected.0), expected.1),
            "Graph {graph}: {out}{err}"
        );
        assert_eq!(
            out.contains("must be given again"),
            graph == 403,
            "{graph}: {out}"
        );
        assert!(out.contains(&format!("Graph {graph}")), "{graph}: {out}");
    }
}

/// The token endpoint: an unknown AADSTS code shows Microsoft's own (escaped) words; its 503 and
/// 429 are an outage.
#[tokio::test(flavor = "multi_thread")]
async fn the_token_endpoints_answers_mean_what_the_table_says() {
    let (emu, dir) = consented().await;
    let fault = |status: u16, error: &str, code: u32, text: &str| Faults {
        token_error: Some(TokenError {
            status,
            error: error.into(),
            code,
            description: text.into(),
        }),
        ..Default::default()
    };
    emu.shared.set_faults(fault(
        400,
        "invalid_request",
        9_999_991,
        "Brand new \u{1b}[31mrule\nforged",
    ));
    let (code, state, out, _) = status(dir.path(), &[]);
    assert_eq!((code, state.as_str()), (Some(6), "misconfigured"), "{out}");
    assert!(out.contains("AADSTS9999991: Brand new"), "{out}");
    assert!(!out.contains('\u{1b}') && out.contains("\\u{1b}"), "{out}");
    assert!(
        !out.contains("\nforged"),
        "a line break from Microsoft: {out}"
    );

    for (fault, expected) in [
        (
            fault(400, "something_new", 9_999_993, "new"),
            (5, "unreachable"),
        ),
        (
            fault(400, "invalid_grant", 50173, "revoked"),
            (4, "reconsent-needed"),
        ),
        (
            fault(400, "invalid_grant", 9_999_992, "new kind"),
            (4, "reconsent-needed"),
        ),
        (
            fault(503, "temporarily_unavailable", 90033, "transient"),
            (5, "unreachable"),
        ),
        (fault(500, "server_error", 0, "boom"), (5, "unreachable")),
        (fault(429, "throttled", 0, "slow down"), (5, "unreachable")),
        (
            fault(401, "invalid_client", 7_000_215, "bad secret"),
            (6, "misconfigured"),
        ),
    ] {
        let what = format!("{:?}", fault.token_error);
        emu.shared.set_faults(fault);
        let (code, state, out, _) = status(dir.path(), &[]);
        assert_eq!(
            (code, state.as_str()),
            (Some(expected.0), expected.1),
            "{what}: {out}"
        );
    }
}

/// A Microsoft that answers after 3 s: `status` says on stderr what it waits for after 2 s, and
/// `--deadline 4` ends it after about 4 s with exit 5, naming the deadline.
#[tokio::test(flavor = "multi_thread")]
async fn status_says_what_it_waits_for_and_ends_at_its_deadline() {
    let (emu, dir) = consented().await;
    emu.shared.set_faults(Faults {
        latency_ms: 3_000,
        ..Default::default()
    });
    let start = Instant::now();
    let o = bin()
        .args(["--lang", "en", "--deadline", "4", "--ucserver-dir"])
        .arg(dir.path())
        .args(["status", "--json"])
        .output()
        .unwrap();
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert_eq!(
        json["verdict"],
        serde_json::json!({"state": "unreachable", "stage": "timeout"})
    );
    assert!(
        err.contains("Waiting for Microsoft (the check of both consents)"),
        "{err}"
    );
    assert!(err.contains("did not answer within 4 s"), "{err}");
    assert!(took < Duration::from_secs(8), "{took:?}");
}

/// `matching presence` through a 429 asking for 120 s (issue 34 §7): the wait is 30 s, and it
/// is said on stderr (no terminal here) with the shared progress text and its seconds. The wait
/// itself is `microsoft::presence::wait_for`'s (its unit test: at most 30 s); here the process is
/// ended once it has said so and is waiting — no retry is sent during the wait — so that CI does
/// not sit through 30 s on Linux and again under Wine.
#[tokio::test(flavor = "multi_thread")]
async fn matching_presence_waits_at_most_30_s_a_429_and_says_so() {
    use entra_emulator::faults::PresenceThrottle;
    use std::io::BufRead as _;
    let (emu, dir) = consented().await;
    let path = "POST /v1.0/communications/getPresencesByUserId";
    // The consent's proof was request 1; the read's first request is the next, the throttled one.
    assert_eq!(emu.shared.requests_to(path), 1);
    emu.shared.set_faults(Faults {
        presence_throttle: Some(PresenceThrottle {
            every: 2,
            retry_after_seconds: Some(120),
        }),
        ..Default::default()
    });
    let mut child = bin()
        .args(["--lang", "en", "--ucserver-dir"])
        .arg(dir.path())
        .args(["matching", "presence", "--users"])
        .arg(demo::sample_users(dir.path()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let said = tokio::task::spawn_blocking(move || {
        let mut seen = String::new();
        for line in stderr.lines() {
            let line = line.unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if line.contains("Microsoft asks to wait (429)") {
                break;
            }
        }
        seen
    });
    let said = tokio::time::timeout(Duration::from_secs(20), said)
        .await
        .expect("the wait is said within 20 s")
        .unwrap();
    assert!(
        said.contains("Microsoft asks to wait (429): 30 s · one retry"),
        "{said}"
    );
    // Waiting: two seconds on, the throttled request is the last one Microsoft saw.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(emu.shared.requests_to(path), 2, "no retry during the wait");
    child.kill().unwrap();
    child.wait().unwrap();
}
