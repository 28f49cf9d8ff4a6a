//! The harness's command line, its child modes, the loop over rounds and the summary: rounds,
//! operations, interleavings, and the violations per invariant with what broke each, the seed and
//! the rounds to replay.

use super::check::{Invariant, Violation};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// How many failed rounds' folders are kept.
const KEPT: usize = 5;

/// The command line of the harness itself.
struct Args {
    seed: u64,
    round: Option<u64>,
    budget: Duration,
    deadline: Duration,
    verbose: bool,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut a = Args {
        seed: std::env::var("TORTURE_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| fastrand::u64(1..1_000_000)),
        round: None,
        budget: Duration::from_secs(100),
        deadline: Duration::from_secs(30),
        verbose: false,
    };
    let mut filters = Vec::new();
    let mut it = args.iter().skip(1);
    let num = |v: Option<&String>, name: &str| -> Result<u64, String> {
        v.and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{name} needs a number"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => a.seed = num(it.next(), "--seed")?,
            "--round" => a.round = Some(num(it.next(), "--round")?),
            "--minutes" => a.budget = Duration::from_secs(60 * num(it.next(), "--minutes")?),
            "--deadline" => a.deadline = Duration::from_secs(num(it.next(), "--deadline")?),
            "--verbose" => a.verbose = true,
            // libtest's flags that cargo may pass (`--nocapture`, `--quiet`, …) mean nothing here.
            s if s.starts_with('-') => {}
            s => filters.push(s.to_owned()),
        }
    }
    // `cargo test -- NAME` filters: run only when no filter or a matching one is given.
    if !filters.is_empty() && !filters.iter().any(|f| "torture".contains(f.as_str())) {
        return Ok(None);
    }
    Ok(Some(a))
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("--emulator") => return super::emulator::child(),
        Some("--window-config") => return super::window::config_child(&args[2..]),
        Some("--window-matching") => return super::window::matching_child(&args[2..]),
        _ => {}
    }
    let a = match parse_args(&args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("0 passed, 0 failed");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("torture: {e}");
            return ExitCode::from(2);
        }
    };
    run(&a)
}

fn run(a: &Args) -> ExitCode {
    let started = Instant::now();
    let work = tempfile::Builder::new()
        .prefix("torture.")
        .tempdir()
        .expect("a temporary folder");
    let bind = super::layout::bind_mount_works(work.path());
    let emulator = super::emulator::Emulator::start();
    let template = work.path().join("template");
    super::emulator::consented_folder(&emulator.url, &template);
    super::selftest::run(work.path(), &template);
    println!(
        "torture: seed {} ({}); second path of the root: {}; deadline {} s; each invariant's check caught its planted fault; set-up {:.1} s",
        a.seed,
        match a.round {
            Some(r) => format!("round {r} only"),
            None => format!("rounds started for {} s", a.budget.as_secs()),
        },
        if bind {
            "a bind mount (unshare -rm) or a symlink, by the seed"
        } else {
            "a symlink (unshare -rm cannot bind-mount here)"
        },
        a.deadline.as_secs(),
        started.elapsed().as_secs_f64()
    );

    let mut totals: BTreeMap<Invariant, usize> = BTreeMap::new();
    let mut sources: BTreeMap<(Invariant, String), (usize, BTreeSet<u64>)> = BTreeMap::new();
    let mut failed_rounds = Vec::new();
    let mut orderings = HashSet::new();
    let (mut rounds, mut ops_run, mut kills, mut clobbers) = (0u64, 0usize, 0usize, 0usize);
    let mut by_layout: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let rounds_started = Instant::now();
    let mut next = a.round.unwrap_or(0);
    loop {
        if a.round.is_none() && rounds_started.elapsed() >= a.budget {
            break;
        }
        let ctx = super::ops::Context {
            work: work.path().join(format!("r{next}")),
            template: template.clone(),
            emulator: &emulator,
            bind,
            deadline: a.deadline,
        };
        let result = super::ops::round(a.seed, next, &ctx);
        rounds += 1;
        ops_run += result.ops;
        kills += result.killed;
        clobbers += result.service_clobbers;
        orderings.insert(result.ordering.clone());
        let entry = by_layout.entry(result.layout.name()).or_default();
        entry.0 += 1;
        if !result.violations.is_empty() {
            entry.1 += 1;
        }
        print_round(next, &result, a.verbose);
        for v in &result.violations {
            *totals.entry(v.invariant).or_default() += 1;
            let s = sources.entry((v.invariant, v.source.clone())).or_default();
            s.0 += 1;
            s.1.insert(next);
        }
        if !result.violations.is_empty() {
            failed_rounds.push(next);
        }
        // Each round's folder goes, unless it is one of the first 5 that failed (those stay for a
        // look; a round's folder holds a few MB).
        if result.violations.is_empty() || failed_rounds.len() > KEPT {
            let _ = std::fs::remove_dir_all(work.path().join(format!("r{next}")));
        }
        next += 1;
        if a.round.is_some() {
            break;
        }
    }
    drop(emulator);

    let violations: usize = totals.values().sum();
    println!(
        "torture: seed {}: {rounds} rounds in {:.1} s, {ops_run} operations executed ({kills} killed with SIGKILL), {} distinct interleavings (orderings of starts and ends)",
        a.seed,
        started.elapsed().as_secs_f64(),
        orderings.len()
    );
    for (layout, (n, bad)) in &by_layout {
        println!("  layout {layout}: {n} rounds, {bad} with a violation");
    }
    println!(
        "  the service's own lock-less race displaced a change of ours {clobbers} times (not counted: a lock-less writer can always do that)"
    );
    for inv in Invariant::ALL {
        println!(
            "  ({}) {}: {} violations",
            inv.letter(),
            inv.describe(),
            totals.get(&inv).copied().unwrap_or(0)
        );
        for ((_, source), (n, in_rounds)) in sources.iter().filter(|(k, _)| k.0 == inv) {
            println!("      {n} by {source}, in {} rounds", in_rounds.len());
        }
    }
    if violations == 0 {
        println!("torture: no violation");
        ExitCode::SUCCESS
    } else {
        let replay: Vec<String> = failed_rounds.iter().take(10).map(u64::to_string).collect();
        println!(
            "torture: FAILED, {violations} violations in {} of {rounds} rounds; replay one with: scripts/torture --seed {} --round R (R in {}{})",
            failed_rounds.len(),
            a.seed,
            replay.join(", "),
            if failed_rounds.len() > 10 {
                ", …"
            } else {
                ""
            }
        );
        // Kept for a look: the folders of the failed rounds.
        let kept: PathBuf = work.keep();
        println!(
            "torture: the failed rounds' folders are kept in {}",
            kept.display()
        );
        ExitCode::FAILURE
    }
}

fn print_round(round: u64, r: &super::ops::RoundResult, verbose: bool) {
    println!(
        "round {round}: layout {}, faults {}, {} operations ({} killed), {} violations",
        r.layout.describe(),
        r.faults,
        r.ops,
        r.killed,
        r.violations.len()
    );
    if verbose {
        for line in &r.log {
            println!("    {line}");
        }
    }
    for Violation {
        invariant, detail, ..
    } in &r.violations
    {
        println!(
            "  VIOLATION ({}) round {round}: {detail}",
            invariant.letter()
        );
    }
}
