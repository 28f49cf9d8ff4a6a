//! The one presence reader: `getPresencesByUserId` with [`BATCH`] ids a request — the only place
//! that builds its `{"ids": …}` body ([`request`]) and decodes its answer ([`decode`], into the
//! model's [`Seen`] in the order of the ids asked) — at Microsoft's budget (issue 38 §2,
//! [`Budget`]): as many requests in flight as the latency asks for, never more than Microsoft's
//! documented 1,500 in 30 s per app and tenant, fewer after a 429; a 429 waits what Microsoft's
//! `Retry-After` asks (exponential where it names nothing, at most [`WAIT_CAP`]), counted and
//! cancellable ([`read`], [`read_one`]). It speaks only the protocol: the token is the caller's
//! ([`crate::ops::presence`] brings the stored consent's).

use crate::microsoft::client::{Client, RequestError, Stage, answer_error};
use crate::model::presence::{
    BATCH, MAX_RETRIES, Progress, Readout, Seen, WINDOW, WINDOW_REQUESTS,
};
use futures_util::StreamExt as _;
use serde::Deserialize;
use std::time::Duration;

/// Requests in flight at the start, and at least (at no latency more do not help: the work is
/// the answers' decoding).
pub const PARALLEL: usize = 4;
/// Requests in flight at most.
pub const MAX_IN_FLIGHT: usize = 32;
/// The rate the requests in flight are sized for (Little's law: in flight = rate × latency):
/// 1,500 requests spent in 7.5 s at the most, then the window paces.
const TARGET_RATE_PER_S: f64 = 200.0;
/// The longest wait one 429 is given, whatever `Retry-After` says (issue 34 §7: with 120 s, two
/// users waited 600 s in silence; docs/user-matching.md promises 30 s).
pub const WAIT_CAP: Duration = Duration::from_secs(30);

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

/// How long to wait after the `attempt`-th 429: what `Retry-After` asked (1, 2, 4 … s where it
/// named nothing), at most [`WAIT_CAP`].
pub fn wait_for(retry_after: Option<Duration>, attempt: u32) -> Duration {
    retry_after
        .unwrap_or(Duration::from_secs(1 << attempt.min(10)))
        .min(WAIT_CAP)
}

/// One presence of Microsoft's answer (the fields read; the others are left).
#[derive(Deserialize)]
struct Item {
    id: String,
    #[serde(default)]
    availability: String,
    #[serde(default)]
    activity: String,
}

#[derive(Deserialize)]
struct Answer {
    value: Vec<Item>,
}

/// The answer to one request, in the order of its `ids`: the presence where Microsoft named the
/// id (GUIDs compared without regard to case), `PresenceUnknown` as [`Seen::Unknown`], the rest
/// [`Seen::Missing`]. An answer of another shape (not a JSON object holding a `value` of
/// presences) is an error.
pub fn decode(bytes: &[u8], ids: &[String]) -> Result<Vec<Seen>, RequestError> {
    // Found by fuzzing (`graph_pages`): serde reads a struct from an array too.
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Err(RequestError::Unreachable {
            stage: Stage::Answer,
            detail: format!(
                "Graph's answer is not a JSON object: {:.80}",
                String::from_utf8_lossy(bytes)
            ),
        });
    }
    let answer: Answer = serde_json::from_slice(bytes).map_err(|e| answer_error(&e))?;
    let mut by_id: rustc_hash::FxHashMap<String, Item> = answer
        .value
        .into_iter()
        .map(|item| (item.id.to_ascii_lowercase(), item))
        .collect();
    Ok(ids
        .iter()
        .map(|id| {
            by_id
                .remove(&id.to_ascii_lowercase())
                .map_or(Seen::Missing, Item::seen)
        })
        .collect())
}

impl Item {
    /// The presence as the model has it: `PresenceUnknown` is [`Seen::Unknown`].
    fn seen(self) -> Seen {
        if self.availability == "PresenceUnknown" {
            Seen::Unknown
        } else {
            Seen::Presence {
                availability: self.availability,
                activity: self.activity,
            }
        }
    }
}

/// One user's presence resource (`GET /users/{id}/presence`: how the write test reads back its
/// session with the app's token), read by the same decoder: a presence or [`Seen::Unknown`].
pub async fn get(client: &Client, token: &str, id: &str) -> Result<Seen, RequestError> {
    let path = crate::microsoft::endpoints::graph_path::presence(id);
    let value = client
        .graph_method(token, reqwest::Method::GET, &path, None)
        .await?;
    if !value.is_object() {
        return Err(RequestError::Unreachable {
            stage: Stage::Answer,
            detail: format!(
                "Graph's answer is not a JSON object: {:.80}",
                value.to_string()
            ),
        });
    }
    let item: Item = serde_json::from_value(value).map_err(|e| answer_error(&e))?;
    Ok(item.seen())
}

/// One `getPresencesByUserId` request of at most [`BATCH`] `ids`, decoded; a 429 as the
/// `client`'s policy has it (the reader's client waits none: [`RequestError::Throttled`]).
pub async fn request(
    client: &Client,
    token: &str,
    ids: &[String],
) -> Result<Vec<Seen>, RequestError> {
    decode(&post(client, token, ids).await?, ids)
}

/// The request itself: its body, the only one built for Microsoft's presence; the answer's bytes.
async fn post(client: &Client, token: &str, ids: &[String]) -> Result<Vec<u8>, RequestError> {
    debug_assert!(ids.len() <= BATCH);
    let url = client.endpoints.presences_by_user_id();
    let body = serde_json::json!({ "ids": ids });
    client.graph_post_bytes(token, &url, &body).await
}

/// What one batch's requests report while they run.
enum Note {
    /// Microsoft answered a request (whatever it said).
    Answered,
    Waiting(Duration),
}

/// One request of up to 650 ids within `budget`, sent again after each 429 (at most
/// [`MAX_RETRIES`] times, each wait [`wait_for`]); still 429 after that is
/// [`RequestError::Throttled`]. `client` waits for no 429 itself.
async fn request_within(
    client: &Client,
    budget: &Budget,
    token: &str,
    ids: &[String],
    notes: &tokio::sync::mpsc::UnboundedSender<Note>,
) -> Result<Vec<Seen>, RequestError> {
    let mut attempt = 0;
    loop {
        budget.acquire().await;
        let sent = std::time::Instant::now();
        let answer = post(client, token, ids).await;
        let throttled = matches!(answer, Err(RequestError::Throttled { .. }));
        budget.release(sent.elapsed(), throttled);
        if !matches!(&answer, Err(RequestError::Unreachable { .. })) {
            let _ = notes.send(Note::Answered);
        }
        match answer {
            Ok(bytes) => return decode(&bytes, ids),
            Err(RequestError::Throttled { retry_after }) if attempt < MAX_RETRIES => {
                let wait = wait_for(retry_after, attempt);
                let _ = notes.send(Note::Waiting(wait));
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// The presence of one user (object id `id`) at the reader's 429 policy: [`Seen::Presence`],
/// [`Seen::Unknown`] or [`Seen::Missing`]; a refusal, a throttle that does not end or another
/// error answer is the error.
pub async fn read_one(client: &Client, token: &str, id: &str) -> Result<Seen, RequestError> {
    let client = client.clone().without_retries();
    let (tx, _notes) = tokio::sync::mpsc::unbounded_channel();
    let ids = [id.to_owned()];
    let seen = request_within(&client, &Budget::default(), token, &ids, &tx).await?;
    Ok(seen.into_iter().next().unwrap_or(Seen::Missing))
}

/// Why a batch ended the read.
enum Stop {
    Denied,
    Error(RequestError),
}

/// Reads the presence of `ids` (object ids, each once) with the delegated `token`, [`BATCH`] a
/// request; `progress` is told after every answer and every wait. Cancelling (`cancel` turns
/// true) drops the requests in flight and sends no more: what was read stays, the rest is
/// [`Seen::NotRead`]. A 403 ends the read: every account not read is [`Seen::Denied`]; a batch
/// still 429 after [`MAX_RETRIES`] is [`Seen::Throttled`], another error answer
/// [`Seen::Failed`]. An unreachable Graph or a refused token (401) is the error.
pub async fn read(
    client: &Client,
    token: &str,
    ids: &[String],
    mut progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Readout, RequestError> {
    let client = client.clone().without_retries();
    let (tx, mut notes) = tokio::sync::mpsc::unbounded_channel();
    let budget = Budget::default();
    let (c, b) = (&client, &budget);
    // Owned batches: a closure over borrowed chunks makes a future the runtime cannot take as
    // `Send` (a higher-ranked lifetime rustc cannot name); 100,000 ids copied once is nothing.
    let owned: Vec<Vec<String>> = ids.chunks(BATCH).map(<[String]>::to_vec).collect();
    let batches = owned.into_iter().enumerate().map(move |(i, batch)| {
        let tx = tx.clone();
        async move {
            let answer = match request_within(c, b, token, &batch, &tx).await {
                Ok(seen) => Ok(seen),
                Err(RequestError::Throttled { .. }) => Ok(vec![Seen::Throttled; batch.len()]),
                Err(RequestError::Graph { status: 403, .. }) => Err(Stop::Denied),
                Err(RequestError::Graph { status, code, .. }) if status != 401 => {
                    Ok(vec![Seen::Failed { status, code }; batch.len()])
                }
                Err(e) => Err(Stop::Error(e)),
            };
            (i, answer)
        }
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
                let at = i * BATCH;
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
                    Err(Stop::Error(e)) => return Err(e),
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
        assert!(
            decode(br#"{"value": []}"#, &ids)
                .unwrap()
                .iter()
                .all(|s| *s == Seen::Missing)
        );
        assert!(decode(b"[[]]", &ids).is_err());
        assert!(decode(b" [[], null]", &ids).is_err());
        assert!(decode(b"", &ids).is_err());
        assert!(decode(br#"{"value": 3}"#, &ids).is_err());
        assert!(decode(br#"{"value": [{"availability": "Busy"}]}"#, &ids).is_err());
    }
}
