//! The invariants' own test, run before the rounds: each check is shown a folder where its promise
//! is broken on purpose (a saved change missing, the service's number taken back, a token back
//! after forget, a zip as msteams.cfg, a command past its deadline) and must report it — and a
//! folder where all holds must pass. A check that cannot fail would make a clean run worthless.

use super::check::{self, Invariant, Round};
use super::layout::{self, Layout};
use super::ops::{Done, End, Key, Kind, Op};
use super::service::{COUNTER, Seen, ServiceLog};
use std::path::Path;
use std::time::{Duration, Instant};

fn done(id: usize, kind: Kind, start: Instant, end: Instant, result: End) -> Done {
    Done {
        op: Op {
            id,
            kind,
            alt: false,
            start_ms: 0,
            kill_after_ms: None,
        },
        what: format!("#{id} planted"),
        start,
        end,
        result,
        stdout: String::new(),
    }
}

fn set_cfg(cfg: &Path, proxy: &str, counter: u64) {
    let v = serde_json::json!({ "u8sProxyAddress": proxy, COUNTER: counter });
    std::fs::write(cfg, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

/// Panics naming the invariant whose check missed its planted fault (or fired on a clean folder).
pub fn run(work: &Path, template: &Path) {
    let folder = layout::build(&work.join("selftest"), template, Layout::Plain);
    let t0 = Instant::now();
    let t = |ms: u64| t0 + Duration::from_millis(ms);
    let set = Kind::ConfigSet {
        key: Key::Proxy,
        value: "127.0.0.9:9".into(),
    };
    let judge = |done: &[Done], service: &ServiceLog, seen: &[Seen]| {
        let r = Round {
            folder: &folder,
            done,
            service,
            seen,
            template_token: None,
            deadline: Duration::from_secs(30),
            t0,
        };
        check::all(&r)
            .into_iter()
            .map(|v| v.invariant)
            .collect::<Vec<_>>()
    };
    let service = ServiceLog {
        last_counter: 5,
        ..Default::default()
    };
    std::fs::remove_file(folder.csv()).unwrap();

    // All holds: the saved value and the service's last number are in the file.
    set_cfg(&folder.cfg(), "127.0.0.9:9", 5);
    let saved = [done(0, set.clone(), t(0), t(50), End::Exited(0))];
    let found = judge(&saved, &service, &[]);
    assert!(found.is_empty(), "a clean folder judged {found:?}");

    let planted: [(Invariant, &dyn Fn() -> Vec<Invariant>); 5] = [
        (Invariant::Saved, &|| {
            set_cfg(&folder.cfg(), "", 5);
            judge(&saved, &service, &[])
        }),
        (Invariant::ServiceKept, &|| {
            set_cfg(&folder.cfg(), "127.0.0.9:9", 3);
            judge(&saved, &service, &[])
        }),
        (Invariant::Forgotten, &|| {
            set_cfg(&folder.cfg(), "127.0.0.9:9", 5);
            let forget = [done(1, Kind::Forget, t(0), t(10), End::Exited(0))];
            let back = Seen {
                at: t(20),
                token: Some("planted-token".into()),
            };
            judge(&forget, &service, &[back])
        }),
        (Invariant::Parses, &|| {
            std::fs::write(folder.cfg(), b"PK\x03\x04 a zip").unwrap();
            judge(&[], &ServiceLog::default(), &[])
        }),
        (Invariant::Deadline, &|| {
            set_cfg(&folder.cfg(), "127.0.0.9:9", 5);
            judge(
                &[done(2, Kind::Status, t(0), t(30_000), End::Deadline)],
                &service,
                &[],
            )
        }),
    ];
    for (want, plant) in planted {
        let found = plant();
        assert!(
            found.contains(&want),
            "the check of ({}) missed its planted fault: {found:?}",
            want.letter()
        );
    }
    let _ = std::fs::remove_dir_all(work.join("selftest"));
}
