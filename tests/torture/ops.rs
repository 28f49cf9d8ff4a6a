//! One round: the seed picks the layout, the emulator's faults and 8–16 operations of ours
//! (each with its start within the first 600 ms, a path to reach the folder by, and for one in
//! five a moment for kill -9); they run as real processes beside the lock-less service, each
//! against the deadline; then [`check`](super::check) judges the folder.

use super::check::{self, Violation};
use super::emulator::Emulator;
use super::layout::{self, Folder, Layout};
use super::service::Service;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub struct Context<'a> {
    pub work: PathBuf,
    pub template: PathBuf,
    pub emulator: &'a Emulator,
    pub bind: bool,
    pub deadline: Duration,
}

/// A key of msteams.cfg the operations change, each time to a value of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// `u8sProxyAddress` (a loopback address nobody listens on: `status` then fails fast).
    Proxy,
    /// `au8sActivationGroups`, set with `activation groups:NAME`.
    Activation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// `--ucserver-dir`, no file named.
    Folder,
    /// `matching fix usermatching.csv` run inside `ExternalServiceProvider`.
    Relative,
    /// `matching fix LINK`, a symbolic link to the file.
    Link,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    ConfigSet {
        key: Key,
        value: String,
    },
    ConfigClearProxy,
    WindowConfig {
        key: Key,
        value: String,
        delay: u64,
    },
    Fix {
        convert: bool,
        via: Via,
    },
    WindowMatching {
        token: String,
        delay: u64,
    },
    Forget,
    Status,
    /// `support-bundle OUT [--force]`; `into` names the folder's file OUT stands for, if any.
    Bundle {
        out: PathBuf,
        into: Option<&'static str>,
        force: bool,
    },
}

impl Kind {
    /// One letter for the interleaving's signature.
    fn letter(&self) -> char {
        match self {
            Kind::ConfigSet { .. } => 'c',
            Kind::ConfigClearProxy => 'x',
            Kind::WindowConfig { .. } => 'w',
            Kind::Fix { .. } => 'f',
            Kind::WindowMatching { .. } => 'm',
            Kind::Forget => 'g',
            Kind::Status => 's',
            Kind::Bundle { .. } => 'b',
        }
    }

    /// The msteams.cfg key this changes and to what (`""`: cleared).
    pub fn cfg_change(&self) -> Option<(Key, &str)> {
        match self {
            Kind::ConfigSet { key, value } | Kind::WindowConfig { key, value, .. } => {
                Some((*key, value))
            }
            Kind::ConfigClearProxy => Some((Key::Proxy, "")),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Op {
    pub id: usize,
    pub kind: Kind,
    /// The folder through its second path.
    pub alt: bool,
    pub start_ms: u64,
    pub kill_after_ms: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Exited(i32),
    /// Killed with SIGKILL by the harness at its planned moment.
    Killed,
    /// Still running at the deadline: killed (invariant e).
    Deadline,
}

/// An operation as it ran: `start` before the spawn, `end` when its end was seen.
pub struct Done {
    pub op: Op,
    pub what: String,
    pub start: Instant,
    pub end: Instant,
    pub result: End,
    pub stdout: String,
}

impl Done {
    pub fn ok(&self) -> bool {
        self.result == End::Exited(0)
    }
    /// Whether it may have written (it said so, or it was killed while running).
    pub fn may_have_written(&self) -> bool {
        self.ok() || matches!(self.result, End::Killed | End::Deadline)
    }
}

pub struct RoundResult {
    pub layout: Layout,
    pub faults: &'static str,
    pub ops: usize,
    pub killed: usize,
    pub service_clobbers: usize,
    pub ordering: String,
    pub violations: Vec<Violation>,
    pub log: Vec<String>,
}

fn pick(rng: &mut fastrand::Rng, id: usize, round: u64, f: &Folder, layout: Layout) -> Op {
    let key = if rng.bool() {
        Key::Proxy
    } else {
        Key::Activation
    };
    let value = match key {
        Key::Proxy => format!("127.0.{}.{}:9", id / 200 + 1, id % 200 + 2),
        Key::Activation => format!("g{round}-{id}"),
    };
    let kind = match rng.u32(0..20) {
        0..=3 => Kind::ConfigSet { key, value },
        4 => Kind::ConfigClearProxy,
        5..=6 => Kind::WindowConfig {
            key,
            value,
            delay: rng.u64(0..150),
        },
        7..=11 => Kind::Fix {
            convert: rng.bool(),
            via: *rng
                .choice(&[Via::Folder, Via::Relative, Via::Relative, Via::Link])
                .unwrap(),
        },
        12..=13 => Kind::WindowMatching {
            token: format!("win{id}"),
            delay: rng.u64(0..150),
        },
        14 => Kind::Forget,
        15..=16 => Kind::Status,
        _ => {
            // With `config/` a link only its files are reached otherwise than by their path.
            let files: &[&'static str] = match layout {
                Layout::ConfigLink => &["config/msteams.cfg", "config/msteams.secrets.json"],
                _ => &[
                    "config/msteams.cfg",
                    "ExternalServiceProvider/usermatching.csv",
                    "config/msteams.secrets.json",
                ],
            };
            let file = *rng.choice(files).unwrap();
            if rng.u32(0..10) < 4 {
                Kind::Bundle {
                    out: f.outside.join(format!("bundle{id}.zip")),
                    into: None,
                    force: false,
                }
            } else {
                // A file of the folder, spelled through the other path where there is one
                // (`config/` a link spells it through the link): must be refused.
                let base = match (&f.alt, layout) {
                    (Some(alt), _) if rng.bool() => alt.clone(),
                    _ => f.root.clone(),
                };
                Kind::Bundle {
                    out: base.join(file),
                    into: Some(file),
                    force: rng.u32(0..10) < 8,
                }
            }
        }
    };
    Op {
        id,
        kind,
        alt: f.alt.is_some() && rng.bool(),
        start_ms: rng.u64(0..600),
        kill_after_ms: (rng.u32(0..5) == 0).then(|| rng.u64(5..300)),
    }
}

fn mix(seed: u64, round: u64) -> u64 {
    seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ round.wrapping_mul(0xD1B5_4A32_D192_ED03)
}

pub fn round(seed: u64, round: u64, ctx: &Context) -> RoundResult {
    let mut rng = fastrand::Rng::with_seed(mix(seed, round));
    let layout = Layout::pick(&mut rng, seed, round, ctx.bind);
    let faults = *rng.choice(&super::emulator::FAULTS).unwrap();
    ctx.emulator.faults(faults);
    let folder = layout::build(&ctx.work, &ctx.template, layout);
    let template_token = check::refresh_token(&folder.secrets());
    let n = rng.usize(8..=16);
    let mut plan: Vec<Op> = (0..n)
        .map(|i| pick(&mut rng, i, round, &folder, layout))
        .collect();
    // A repair through a relative path or a link gets, one time in two, the other repair through
    // the folder as a partner starting within 10 ms: both read the same file.
    let partners: Vec<Op> = plan
        .iter()
        .filter_map(|o| match o.kind {
            Kind::Fix { convert, via } if via != Via::Folder => Some((o.start_ms, convert)),
            _ => None,
        })
        .filter(|_| rng.bool())
        .collect::<Vec<_>>()
        .into_iter()
        .enumerate()
        .map(|(k, (start, convert))| Op {
            id: n + k,
            kind: Kind::Fix {
                convert: !convert,
                via: Via::Folder,
            },
            alt: false,
            start_ms: start + rng.u64(0..10),
            kill_after_ms: None,
        })
        .collect();
    plan.extend(partners);
    // In one round of two the round opens with such a pair, alone on usermatching.csv for its
    // first 600 ms (the other writers of the file start later; the service's first line comes
    // after 800 ms).
    if rng.bool() {
        for o in plan.iter_mut() {
            if matches!(o.kind, Kind::Fix { .. } | Kind::WindowMatching { .. }) {
                o.start_ms += 600;
            }
        }
        let convert = rng.bool();
        let via = *rng
            .choice(&[Via::Relative, Via::Relative, Via::Link])
            .unwrap();
        let start = rng.u64(0..20);
        for (kind, start_ms) in [
            (Kind::Fix { convert, via }, start),
            (
                Kind::Fix {
                    convert: !convert,
                    via: Via::Folder,
                },
                start + rng.u64(0..5),
            ),
        ] {
            plan.push(Op {
                id: plan.len(),
                kind,
                alt: folder.alt.is_some() && rng.bool(),
                start_ms,
                kill_after_ms: None,
            });
        }
    }
    // Where a file of the folder has a second spelling (`config/` a link, the root a second path)
    // one `support-bundle --force` at least names a file of the folder by it: it must be refused.
    let spelled_otherwise = |o: &Op| {
        matches!(
            o.kind,
            Kind::Bundle {
                into: Some(_),
                force: true,
                ..
            }
        )
    };
    if matches!(layout, Layout::ConfigLink | Layout::SecondPath { .. })
        && !plan.iter().any(spelled_otherwise)
    {
        let file = *rng
            .choice(&["config/msteams.cfg", "config/msteams.secrets.json"])
            .unwrap();
        let alt = folder.alt.is_some() && rng.bool();
        let base = match (&folder.alt, alt) {
            (Some(a), false) => a.clone(),
            _ => folder.root.clone(),
        };
        plan.push(Op {
            id: plan.len(),
            kind: Kind::Bundle {
                out: base.join(file),
                into: Some(file),
                force: true,
            },
            alt,
            start_ms: rng.u64(0..600),
            kill_after_ms: None,
        });
    }
    plan.sort_by_key(|o| o.start_ms);
    let outdir = ctx.work.join("out");
    std::fs::create_dir_all(&outdir).unwrap();

    let service = Service::start(folder.cfg(), folder.csv(), folder.secrets(), rng.u64(..));
    std::thread::sleep(Duration::from_millis(20));
    let t0 = Instant::now();
    let mut waiting = plan.into_iter();
    let mut next = waiting.next();
    let mut running: Vec<(Op, String, Instant, Child)> = Vec::new();
    let mut done: Vec<Done> = Vec::new();
    let mut events: Vec<(Instant, char, char)> = Vec::new();
    while next.is_some() || !running.is_empty() {
        while let Some(op) = next.take_if(|o| t0.elapsed() >= Duration::from_millis(o.start_ms)) {
            let (mut cmd, what) = super::command::command(&op, &folder);
            let out = std::fs::File::create(outdir.join(format!("{}.out", op.id))).unwrap();
            let err = std::fs::File::create(outdir.join(format!("{}.err", op.id))).unwrap();
            cmd.stdin(Stdio::null()).stdout(out).stderr(err);
            let start = Instant::now();
            let child = cmd.spawn().expect("an operation starts");
            events.push((start, 's', op.kind.letter()));
            running.push((op, what, start, child));
            next = waiting.next();
        }
        let mut i = 0;
        while i < running.len() {
            let (op, _, start, child) = &mut running[i];
            let result = match child.try_wait().unwrap() {
                Some(status) => Some(End::Exited(status.code().unwrap_or(-1))),
                None if op
                    .kill_after_ms
                    .is_some_and(|k| start.elapsed() >= Duration::from_millis(k)) =>
                {
                    let _ = child.kill();
                    let _ = child.wait();
                    Some(End::Killed)
                }
                None if start.elapsed() >= ctx.deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    Some(End::Deadline)
                }
                None => None,
            };
            if let Some(result) = result {
                let (op, what, start, _) = running.swap_remove(i);
                let end = Instant::now();
                events.push((end, 'e', op.kind.letter()));
                let stdout = std::fs::read_to_string(outdir.join(format!("{}.out", op.id)))
                    .unwrap_or_default();
                done.push(Done {
                    op,
                    what,
                    start,
                    end,
                    result,
                    stdout,
                });
            } else {
                i += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // One more turn of the service over the files as our processes left them.
    std::thread::sleep(Duration::from_millis(30));
    let (service_log, seen) = service.stop();

    events.sort_by_key(|e| e.0);
    let ordering: String = events.iter().flat_map(|e| [e.1, e.2]).collect();
    let mut log: Vec<String> = done
        .iter()
        .map(|d| {
            let result = match d.result {
                End::Exited(c) => format!("exit {c}"),
                End::Killed => "killed (kill -9)".into(),
                End::Deadline => "past the deadline".into(),
            };
            let err = std::fs::read_to_string(outdir.join(format!("{}.err", d.op.id)))
                .unwrap_or_default();
            let said: String = d
                .stdout
                .lines()
                .chain(err.lines())
                .next()
                .unwrap_or("")
                .chars()
                .take(120)
                .collect();
            format!(
                "{} — {result} at +{} ms after {} ms: {said}",
                d.what,
                d.end.duration_since(t0).as_millis(),
                d.end.duration_since(d.start).as_millis()
            )
        })
        .collect();
    log.push(format!(
        "service: {} writes of msteams.cfg (last {}), {} lines appended and confirmed, {} unconfirmed",
        service_log.cfg_writes,
        service_log.last_counter,
        service_log.confirmed.len(),
        service_log.appends_unconfirmed
    ));
    let violations = check::all(&check::Round {
        folder: &folder,
        done: &done,
        service: &service_log,
        seen: &seen,
        template_token,
        deadline: ctx.deadline,
        t0,
    });
    RoundResult {
        layout,
        faults,
        ops: done.len(),
        killed: done.iter().filter(|d| d.result == End::Killed).count(),
        service_clobbers: service_log.clobbered.len(),
        ordering,
        violations,
        log,
    }
}
