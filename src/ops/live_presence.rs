//! The live presence of every matched user, read the way the UCServer service will read it
//! (issue 27): `getPresencesByUserId` with 650 ids a request and the stored read consent, at
//! Microsoft's budget (issue 38 §2, [`Budget`]): as many requests in flight as the latency asks
//! for, never more than Microsoft's documented 1,500 in 30 s per app and tenant, fewer after a
//! 429; a 429 waits what Microsoft's `Retry-After` asks (exponential where it names nothing),
//! counted and cancellable. What each account gave — a presence, none, or why not — and the
//! counts by state. Nothing is written.

use crate::microsoft::client::{Client, RequestError};
use crate::microsoft::flows::FlowError;
use crate::microsoft::graph::{PRESENCE_BATCH, TenantError};
use futures_util::StreamExt as _;
use serde::Deserialize;
use std::time::Duration;

/// Requests in flight at the start, and at least (at no latency more do not help: the work is
/// the answers' decoding).
pub const PARALLEL: usize = 4;
/// Requests in flight at most.
pub const MAX_IN_FLIGHT: usize = 32;
/// Microsoft's limit of presence reads: 1,500 requests in 30 s per app and tenant (the presence
/// API's page; the general throttling page says 10,000 — the lower is kept).
pub const WINDOW_REQUESTS: usize = 1_500;
pub const WINDOW: Duration = Duration::from_secs(30);
/// The rate the requests in flight are sized for (Little's law: in flight = rate × latency):
/// 1,500 requests spent in 7.5 s at the most, then the window paces.
const TARGET_RATE_PER_S: f64 = 200.0;

/// How many requests may be sent now: in flight at most `limit` (sized by the latency seen,
/// halved by a 429), and no more than [`WINDOW_REQUESTS`] sent in any [`WINDOW`].
#[derive(Debug)]
pub struct Budget {
    state: std::sync::Mutex<BudgetState>,
    changed: tokio::sync::Notify,
    window_requests: usize,
    window: Duration,
}

#[derive(Debug)]
struct BudgetState {
    in_flight: usize,
    limit: usize,
    /// A 429 was seen: the limit no longer grows with the latency.
    throttled: bool,
    /// The latency seen (an average weighted to the last answers), in seconds.
    latency: Option<f64>,
    sent: std::collections::VecDeque<std::time::Instant>,
}

impl Default for Budget {
    fn default() -> Self {
        Self::with_window(WINDOW_REQUESTS, WINDOW)
    }
}

impl Budget {
    /// At most `requests` sent in any `window`.
    pub fn with_window(requests: usize, window: Duration) -> Self {
        Budget {
            window_requests: requests,
            window,
            state: std::sync::Mutex::new(BudgetState {
                in_flight: 0,
                limit: PARALLEL,
                throttled: false,
                latency: None,
                sent: Default::default(),
            }),
            changed: tokio::sync::Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BudgetState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until a request may be sent, and counts it as sent.
    pub async fn acquire(&self) {
        loop {
            let notified = self.changed.notified();
            let wait = {
                let mut s = self.lock();
                let now = std::time::Instant::now();
                while s
                    .sent
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.window)
                {
                    s.sent.pop_front();
                }
                if s.in_flight < s.limit && s.sent.len() < self.window_requests {
                    s.in_flight += 1;
                    s.sent.push_back(now);
                    return;
                }
                // Full window: until its oldest request leaves it; else until an answer.
                (s.sent.len() >= self.window_requests)
                    .then(|| self.window.saturating_sub(now.duration_since(s.sent[0])))
            };
            match wait {
                Some(d) => tokio::time::sleep(d).await,
                None => notified.await,
            }
        }
    }

    /// A request came back after `took`; `throttled`: with 429 (the limit halves and grows no
    /// more with the latency).
    pub fn release(&self, took: Duration, throttled: bool) {
        let mut s = self.lock();
        s.in_flight = s.in_flight.saturating_sub(1);
        if throttled {
            s.throttled = true;
            s.limit = (s.limit / 2).max(1);
        } else {
            let l = took.as_secs_f64();
            let avg = s.latency.map_or(l, |a| 0.8 * a + 0.2 * l);
            s.latency = Some(avg);
            if !s.throttled {
                let wanted = (avg * TARGET_RATE_PER_S).ceil() as usize;
                s.limit = wanted.clamp(PARALLEL, MAX_IN_FLIGHT);
            }
        }
        drop(s);
        self.changed.notify_waiters();
    }

    /// Requests in flight allowed now.
    pub fn limit(&self) -> usize {
        self.lock().limit
    }
}
/// Answers of 429 one request is sent again after; beyond that its users are "throttled".
pub const MAX_RETRIES: u32 = 5;
/// The longest wait one 429 is given, whatever `Retry-After` says (issue 34 §7: with 120 s, two
/// users waited 600 s in silence; docs/user-matching.md promises 30 s).
pub const WAIT_CAP: Duration = Duration::from_secs(30);

/// What Microsoft gave for one account.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Seen {
    /// A presence the service can read (Offline included).
    Presence {
        availability: String,
        activity: String,
    },
    /// `PresenceUnknown`: Microsoft keeps no Teams presence for the account.
    Unknown,
    /// Not in Microsoft's answer: the id names no account Graph gives a presence for.
    Missing,
    /// The request was refused (403): the stored consent does not cover reading presence.
    Denied,
    /// Still 429 after [`MAX_RETRIES`] waits.
    Throttled,
    /// Another error answer for the request: Graph's status and code.
    Failed { status: u16, code: String },
    /// Not read: cancelled before its request was answered.
    NotRead,
}

impl Seen {
    /// Whether the service can read a presence for the account.
    pub fn readable(&self) -> bool {
        matches!(self, Seen::Presence { .. })
    }
}

/// How far a read is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Accounts whose request has been answered.
    pub read: usize,
    pub total: usize,
    /// HTTP requests Microsoft answered, retries included.
    pub requests: usize,
    /// Answers of 429 waited out.
    pub retries: usize,
    /// The wait Microsoft asked for last, while a request waits.
    pub waiting: Option<Duration>,
}

/// What a read gave: for each id asked, in order, what Microsoft said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readout {
    pub seen: Vec<Seen>,
    /// HTTP requests Microsoft answered (⌈ids/650⌉ plus retries; fewer where cancelled or
    /// refused).
    pub requests: usize,
    pub retries: usize,
    /// Ended by the administrator: the accounts not yet read are [`Seen::NotRead`].
    pub cancelled: bool,
}

#[derive(Deserialize)]
struct Answer {
    value: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    #[serde(default)]
    availability: String,
    #[serde(default)]
    activity: String,
}

/// What one batch's requests report while they run.
enum Note {
    /// Microsoft answered a request (whatever it said).
    Answered,
    Waiting(Duration),
}

/// Why a batch ended without presences.
enum Stop {
    Denied,
    Error(RequestError),
}

/// Reads the presence of `ids` (object ids, each once) with the delegated `token`; `progress` is
/// told after every answer and every wait. Cancelling (`cancel` turns true)
/// drops the requests in flight and sends no more: what was read stays, the rest is
/// [`Seen::NotRead`]. A 403 ends the read: every account not read is [`Seen::Denied`]. An
/// unreachable Graph or a refused token (401) is the error.
pub async fn read(
    client: &Client,
    token: &str,
    ids: &[String],
    mut progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Readout, TenantError> {
    let client = client.clone().without_retries();
    let url = client.endpoints.presences_by_user_id();
    let (tx, mut notes) = tokio::sync::mpsc::unbounded_channel();
    let budget = Budget::default();
    let (c, u, b) = (&client, url.as_str(), &budget);
    // Owned batches: a closure over borrowed chunks makes a future the runtime cannot take as
    // `Send` (a higher-ranked lifetime rustc cannot name); 100,000 ids copied once is nothing.
    let owned: Vec<Vec<String>> = ids.chunks(PRESENCE_BATCH).map(<[String]>::to_vec).collect();
    let batches = owned.into_iter().enumerate().map(move |(i, batch)| {
        let tx = tx.clone();
        async move { (i, read_batch(c, u, b, token, &batch, &tx).await) }
    });
    // The budget decides what is sent; the stream only holds as many as may ever be in flight.
    let mut answers = futures_util::stream::iter(batches).buffer_unordered(MAX_IN_FLIGHT);
    let mut seen: Vec<Option<Seen>> = vec![None; ids.len()];
    let mut p = Progress {
        total: ids.len(),
        ..Progress::default()
    };
    let mut ended = None;
    loop {
        tokio::select! {
            biased;
            _ = cancel.wait_for(|c| *c) => {
                ended = Some(Seen::NotRead);
                break;
            }
            Some(note) = notes.recv() => {
                match note {
                    Note::Answered => p.requests += 1,
                    Note::Waiting(wait) => {
                        p.retries += 1;
                        p.waiting = Some(wait);
                    }
                }
                progress(p);
            }
            answer = answers.next() => {
                let Some((i, answer)) = answer else { break };
                let at = i * PRESENCE_BATCH;
                match answer {
                    Ok(batch) => {
                        p.read += batch.len();
                        p.waiting = None;
                        for (slot, s) in seen[at..].iter_mut().zip(batch) {
                            *slot = Some(s);
                        }
                        progress(p);
                    }
                    Err(Stop::Denied) => {
                        ended = Some(Seen::Denied);
                        break;
                    }
                    Err(Stop::Error(e)) => return Err(e.into()),
                }
            }
        }
    }
    // Answers not yet counted (the notes still queued) count too; a request dropped in flight
    // by a cancel is not counted (Microsoft may have seen it: the count is at most one a request
    // in flight short).
    drop(answers);
    while let Ok(note) = notes.try_recv() {
        match note {
            Note::Answered => p.requests += 1,
            Note::Waiting(_) => p.retries += 1,
        }
    }
    let cancelled = ended == Some(Seen::NotRead);
    let rest = ended.unwrap_or(Seen::NotRead);
    Ok(Readout {
        seen: seen
            .into_iter()
            .map(|s| s.unwrap_or_else(|| rest.clone()))
            .collect(),
        requests: p.requests,
        retries: p.retries,
        cancelled,
    })
}

/// [`read`] with the stored user consent of `settings`' tenant and app (the token refreshed, its
/// rotation stored). Cancelled while the token is asked for, it ends with nothing read.
pub async fn read_with_consent(
    settings: &crate::model::config::Settings,
    secrets_path: &std::path::Path,
    ids: &[String],
    progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Readout, TenantError> {
    let client = Client::for_settings(settings).map_err(FlowError::from)?;
    let mut outer = cancel.clone();
    let token = tokio::select! {
        biased;
        _ = outer.wait_for(|c| *c) => return Err(TenantError::Cancelled),
        t = crate::ops::tokens::access_token(&client, secrets_path) => t?,
    };
    read(&client, token.expose(), ids, progress, cancel).await
}

/// One request of up to 650 ids, sent again after each 429 (at most [`MAX_RETRIES`] times).
async fn read_batch(
    client: &Client,
    url: &str,
    budget: &Budget,
    token: &str,
    ids: &[String],
    notes: &tokio::sync::mpsc::UnboundedSender<Note>,
) -> Result<Vec<Seen>, Stop> {
    let body = serde_json::json!({ "ids": ids });
    let mut attempt = 0;
    loop {
        budget.acquire().await;
        let sent = std::time::Instant::now();
        let answer = client.graph_post_bytes(token, url, &body).await;
        let throttled = matches!(answer, Err(RequestError::Throttled { .. }));
        budget.release(sent.elapsed(), throttled);
        if !matches!(&answer, Err(RequestError::Unreachable { .. })) {
            let _ = notes.send(Note::Answered);
        }
        match answer {
            Ok(bytes) => return decode(&bytes, ids).map_err(Stop::Error),
            Err(RequestError::Throttled { retry_after }) if attempt < MAX_RETRIES => {
                let wait = wait_for(retry_after, attempt);
                let _ = notes.send(Note::Waiting(wait));
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Err(RequestError::Throttled { .. }) => return Ok(vec![Seen::Throttled; ids.len()]),
            Err(RequestError::Graph { status: 403, .. }) => return Err(Stop::Denied),
            Err(RequestError::Graph { status, code, .. }) if status != 401 => {
                return Ok(vec![Seen::Failed { status, code }; ids.len()]);
            }
            Err(e) => return Err(Stop::Error(e)),
        }
    }
}

/// How long to wait after the `attempt`-th 429: what `Retry-After` asked (1, 2, 4 … s where it
/// named nothing), at most [`WAIT_CAP`].
pub fn wait_for(retry_after: Option<Duration>, attempt: u32) -> Duration {
    retry_after
        .unwrap_or(Duration::from_secs(1 << attempt.min(10)))
        .min(WAIT_CAP)
}

/// The answer to one request, in the order of its ids: the presence where Microsoft named the id
/// (GUIDs compared without regard to case), `PresenceUnknown` as [`Seen::Unknown`], the rest
/// [`Seen::Missing`].
fn decode(bytes: &[u8], ids: &[String]) -> Result<Vec<Seen>, RequestError> {
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Err(RequestError::Unreachable {
            stage: crate::microsoft::client::Stage::Answer,
            detail: "Graph's answer is not a JSON object".into(),
        });
    }
    let answer: Answer =
        serde_json::from_slice(bytes).map_err(|e| crate::microsoft::client::answer_error(&e))?;
    let mut by_id: rustc_hash::FxHashMap<String, Item> = answer
        .value
        .into_iter()
        .map(|item| (item.id.to_ascii_lowercase(), item))
        .collect();
    Ok(ids
        .iter()
        .map(|id| match by_id.remove(&id.to_ascii_lowercase()) {
            None => Seen::Missing,
            Some(item) if item.availability == "PresenceUnknown" => Seen::Unknown,
            Some(item) => Seen::Presence {
                availability: item.availability,
                activity: item.activity,
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 38 §2: in flight sized by the latency (150 ms: 30; none: 4), halved by a 429 and
    /// then no longer grown; never more sent in a window than it allows.
    #[tokio::test]
    async fn the_budget_follows_the_latency_the_429_and_the_window() {
        let b = Budget::default();
        assert_eq!(b.limit(), PARALLEL);
        for _ in 0..4 {
            b.acquire().await;
        }
        for _ in 0..4 {
            b.release(Duration::from_millis(150), false);
        }
        assert_eq!(b.limit(), 30);
        b.release(Duration::from_micros(300), false);
        assert!(b.limit() >= 24, "one fast answer does not undo the latency");
        b.release(Duration::ZERO, true);
        let halved = b.limit();
        assert!(halved <= 15, "{halved}");
        b.release(Duration::from_millis(900), false);
        assert_eq!(
            b.limit(),
            halved,
            "after a 429 the latency no longer raises it"
        );

        let fast = Budget::default();
        for _ in 0..10 {
            fast.acquire().await;
            fast.release(Duration::from_micros(200), false);
        }
        assert_eq!(fast.limit(), PARALLEL);

        // Three a 300 ms window: the fourth waits for the first to leave it.
        let w = Budget::with_window(3, Duration::from_millis(300));
        let start = std::time::Instant::now();
        for _ in 0..3 {
            w.acquire().await;
            w.release(Duration::ZERO, false);
        }
        assert!(start.elapsed() < Duration::from_millis(200));
        w.acquire().await;
        assert!(
            start.elapsed() >= Duration::from_millis(300),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn a_wait_after_429_is_at_most_30_seconds() {
        let s = Duration::from_secs;
        assert_eq!(wait_for(Some(s(120)), 0), s(30));
        assert_eq!(wait_for(Some(s(86_400)), 4), s(30));
        assert_eq!(wait_for(Some(s(7)), 0), s(7));
        assert_eq!(wait_for(None, 0), s(1));
        assert_eq!(wait_for(None, 4), s(16));
        assert_eq!(wait_for(None, 40), s(30));
        // Five waits of one request: at most 150 s, not 600.
        let worst: Duration = (0..MAX_RETRIES).map(|a| wait_for(Some(s(120)), a)).sum();
        assert_eq!(worst, s(150));
    }

    #[test]
    fn an_answer_is_read_in_the_order_of_the_ids() {
        let ids = ["A-1", "b-2", "c-3"].map(String::from);
        let body = br#"{"value": [
            {"id": "c-3", "availability": "PresenceUnknown", "activity": "PresenceUnknown"},
            {"id": "a-1", "availability": "Busy", "activity": "InACall", "statusMessage": null}
        ]}"#;
        assert_eq!(
            decode(body, &ids).unwrap(),
            vec![
                Seen::Presence {
                    availability: "Busy".into(),
                    activity: "InACall".into()
                },
                Seen::Missing,
                Seen::Unknown,
            ]
        );
        assert!(decode(b"[[]]", &ids).is_err());
        assert!(decode(br#"{"value": 3}"#, &ids).is_err());
    }
}
