//! The tenant's users, read through Graph with a delegated token: the listing (`$select` of four
//! fields, `$top=999`, following `@odata.nextLink`) with progress and cancel, and its `users/delta`
//! rounds. Their presence is [`super::presence`]'s.

use crate::base::i18n::Msg;
use crate::microsoft::client::{Client, RequestError, answer_error};
use crate::microsoft::flows::FlowError;
use crate::model::matching::preview::TenantUser;
use serde::Deserialize;

/// Users a page (Graph's largest `$top`).
pub const PAGE: usize = 999;

/// Why a listing or presence read stopped.
#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    #[error("{0}")]
    Flow(#[from] FlowError),
    /// A failure on this side before any request (the stored consent could not be read): said
    /// by the use case, in the window's language.
    #[error("{0:?}")]
    Local(Vec<Msg>),
    #[error("cancelled")]
    Cancelled,
    /// An account's field is longer than Entra ID allows: the listing is not Entra's.
    #[error("{field} of {len} characters, more than {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    /// The listing holds more than [`MAX_KEPT_BYTES`].
    #[error("more than {0} bytes of accounts")]
    TooLarge(usize),
}

impl From<RequestError> for TenantError {
    fn from(e: RequestError) -> Self {
        TenantError::Flow(FlowError::Request(e))
    }
}

impl TenantError {
    /// What to tell the administrator about a listing of the tenant's accounts, and what to do.
    pub fn msgs(&self) -> Vec<Msg> {
        self.msgs_of(false)
    }

    /// What to tell the administrator about a read of presences (issue 34 §13: not "the
    /// tenant's accounts could not be read").
    pub fn presence_msgs(&self) -> Vec<Msg> {
        self.msgs_of(true)
    }

    fn msgs_of(&self, presence: bool) -> Vec<Msg> {
        use crate::microsoft::meaning::{Meaning, of_graph_status};
        match self {
            TenantError::Cancelled => vec![Msg::new("tenant-cancelled")],
            // This side's failure, framed as the listing's or the read's.
            TenantError::Local(msgs) => {
                let id = if presence {
                    "presence-failed"
                } else {
                    "tenant-failed"
                };
                let mut out: Vec<Msg> = msgs
                    .first()
                    .map(|m| Msg::new(id).inner("detail", m.clone()))
                    .into_iter()
                    .collect();
                out.extend(msgs.iter().skip(1).cloned());
                out
            }
            TenantError::TooLong { field, len, max } => vec![
                Msg::new("tenant-too-long")
                    .text("field", *field)
                    .num("len", *len)
                    .num("max", *max),
            ],
            TenantError::TooLarge(max) => {
                vec![Msg::new("tenant-too-large").num("max_mb", max / (1024 * 1024))]
            }
            TenantError::Flow(FlowError::Missing(_)) => vec![Msg::new("tenant-needs-consent")],
            TenantError::Flow(FlowError::Request(RequestError::Graph {
                status,
                code,
                message,
            })) => {
                // Only a refusal of the permission is cured by a consent (microsoft::meaning's table).
                let id = match (of_graph_status(*status), presence) {
                    (Meaning::Reconsent, false) => "tenant-graph-error",
                    (Meaning::Reconsent, true) => "presence-graph-denied",
                    (_, false) => "tenant-graph-outage",
                    (_, true) => "presence-graph-outage",
                };
                vec![
                    Msg::new(id)
                        .num("status", usize::from(*status))
                        .text("code", one_line(code))
                        .text("message", one_line(message)),
                ]
            }
            TenantError::Flow(e) if e.microsoft().is_some() => e.msgs(),
            TenantError::Flow(e) => vec![
                Msg::new(if presence {
                    "presence-failed"
                } else {
                    "tenant-failed"
                })
                .text("detail", one_line(&e.to_string())),
            ],
        }
    }
}

/// Microsoft's text on one line: a line break in it cannot forge a line of output.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Entra ID's limits of the fields a listing keeps (Microsoft Graph's user resource): a
/// `userPrincipalName` of at most 113 characters (64 before the `@`, 48 after), a `displayName`
/// and a `mail` of at most 256, an `id` that is a GUID (36). A longer one is no answer of Entra.
pub const MAX_UPN: usize = 113;
pub const MAX_DISPLAY_NAME: usize = 256;
pub const MAX_MAIL: usize = 256;
pub const MAX_ID: usize = 36;
/// The most bytes of ids, names and addresses a listing keeps: 2 million accounts of ordinary
/// length are about 250 MB; at Entra's limits 999 accounts are at most ~660 KB a page.
pub const MAX_KEPT_BYTES: usize = 512 * 1024 * 1024;

/// "n accounts read", or "n of total accounts read" where the total is known.
pub fn progress_msg(p: &Progress) -> Msg {
    match p.total {
        Some(total) => Msg::new("tenant-progress-of")
            .num("count", p.read)
            .num("total", total),
        None => Msg::new("tenant-progress").num("count", p.read),
    }
}

/// A page as it arrives: where the next one is, the total, and the users still undecoded (the
/// next page is requested while they are read).
#[derive(Deserialize)]
struct PageHead<'a> {
    #[serde(borrow)]
    value: &'a serde_json::value::RawValue,
    #[serde(rename = "@odata.nextLink")]
    next: Option<String>,
    #[serde(rename = "@odata.count")]
    count: Option<usize>,
}

/// How far a listing is: accounts read, and the total where Graph told it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub read: usize,
    pub total: Option<usize>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphUser {
    id: String,
    user_principal_name: Option<String>,
    mail: Option<String>,
    display_name: Option<String>,
}

/// The most pages a listing follows: 2,000 pages of 999 are about 2 million accounts.
pub const MAX_PAGES: usize = 2_000;

/// Every user of the tenant, page by page; `progress` is told how far after each page. Stops
/// with [`TenantError::Cancelled`] as soon as `cancel` turns true, even within a request. While
/// a page's users are read (on a blocking thread), the next page is already being requested:
/// its address is known from the page's `@odata.nextLink` before its users are decoded.
pub async fn list_users(
    client: &Client,
    token: &str,
    progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Vec<TenantUser>, TenantError> {
    list_users_within(client, token, progress, cancel, MAX_KEPT_BYTES).await
}

/// [`list_users`] keeping at most `max_bytes` of ids, names and addresses ([`TenantError::TooLarge`]
/// beyond).
pub async fn list_users_within(
    client: &Client,
    token: &str,
    mut progress: impl FnMut(Progress),
    cancel: &mut tokio::sync::watch::Receiver<bool>,
    max_bytes: usize,
) -> Result<Vec<TenantUser>, TenantError> {
    let mut users = Vec::new();
    let mut kept = 0usize;
    let mut total = None;
    let mut pages = 1;
    let first = client.endpoints.users_first_page();
    let mut body = tokio::select! {
        biased;
        _ = cancel.wait_for(|c| *c) => return Err(TenantError::Cancelled),
        r = client.graph_eventual(token, &first) => r?,
    };
    loop {
        let head = read_head(&body)?;
        total = total.or(head.count);
        let next = head.next;
        if next.is_some() {
            // A nextLink that never ends (a loop) ends here: far more pages than any tenant has.
            pages += 1;
            if pages > MAX_PAGES {
                return Err(RequestError::Unreachable {
                    stage: crate::microsoft::client::Stage::Answer,
                    detail: format!("more than {MAX_PAGES} pages of users"),
                }
                .into());
            }
        }
        let decode = tokio::task::spawn_blocking(move || read_users_page(&body));
        let fetch = async {
            match &next {
                Some(url) => client.graph_eventual(token, url).await.map(Some),
                None => Ok(None),
            }
        };
        let (page, next_body) = tokio::select! {
            biased;
            _ = cancel.wait_for(|c| *c) => return Err(TenantError::Cancelled),
            r = async { tokio::join!(decode, fetch) } => r,
        };
        let page = page.map_err(|e| RequestError::Unreachable {
            stage: crate::microsoft::client::Stage::Answer,
            detail: e.to_string(),
        })??;
        kept += page.users.iter().map(kept_bytes).sum::<usize>();
        if kept > max_bytes {
            return Err(TenantError::TooLarge(max_bytes));
        }
        users.extend(page.users);
        progress(Progress {
            read: users.len(),
            total,
        });
        match next_body? {
            Some(b) => body = b,
            None => return Ok(users),
        }
    }
}

/// What a `users/delta` round says of one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Added or changed: the account as it is now.
    Now(TenantUser),
    /// Removed (`@removed`): its id.
    Removed(String),
}

#[derive(Deserialize)]
struct DeltaPage {
    value: Vec<DeltaItem>,
    #[serde(rename = "@odata.nextLink")]
    next: Option<String>,
    #[serde(rename = "@odata.deltaLink")]
    delta: Option<String>,
}

#[derive(Deserialize)]
struct DeltaItem {
    #[serde(flatten)]
    user: GraphUser,
    #[serde(rename = "@removed")]
    removed: Option<serde_json::Value>,
}

/// Whether Graph refused a delta link as too old or unknown (`syncStateNotFound`: read all
/// again).
pub fn sync_state_lost(e: &TenantError) -> bool {
    matches!(e, TenantError::Flow(FlowError::Request(RequestError::Graph { code, .. }))
        if code.eq_ignore_ascii_case("syncStateNotFound"))
}

/// One round of `users/delta` from `link` (a delta link, or [`Endpoints::users_delta_latest`]),
/// its pages followed: what changed since, and the delta link for the next round.
///
/// [`Endpoints::users_delta_latest`]: crate::microsoft::endpoints::Endpoints::users_delta_latest
pub async fn delta_round(
    client: &Client,
    token: &str,
    link: &str,
    cancel: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<(Vec<Change>, String), TenantError> {
    let mut changes = Vec::new();
    let mut url = link.to_owned();
    for _ in 0..MAX_PAGES {
        let body = tokio::select! {
            biased;
            _ = cancel.wait_for(|c| *c) => return Err(TenantError::Cancelled),
            r = client.graph_eventual(token, &url) => r?,
        };
        read_head(&body)?;
        let page: DeltaPage = serde_json::from_slice(&body).map_err(|e| answer_error(&e))?;
        for item in page.value {
            if item.removed.is_some() {
                changes.push(Change::Removed(item.user.id));
                continue;
            }
            within_limits(&item.user)?;
            let u = item.user;
            changes.push(Change::Now(TenantUser {
                id: u.id,
                upn: u.user_principal_name.unwrap_or_default(),
                mail: u.mail,
                display_name: u.display_name.unwrap_or_default(),
            }));
        }
        match (page.next, page.delta) {
            (Some(next), _) => url = next,
            (None, Some(delta)) => return Ok((changes, delta)),
            (None, None) => {
                return Err(RequestError::Unreachable {
                    stage: crate::microsoft::client::Stage::Answer,
                    detail: "a users/delta page without a next or delta link".into(),
                }
                .into());
            }
        }
    }
    Err(RequestError::Unreachable {
        stage: crate::microsoft::client::Stage::Answer,
        detail: format!("more than {MAX_PAGES} pages of users/delta"),
    }
    .into())
}

/// The accounts after a delta round's changes (in the order kept, the new ones at the end).
pub fn apply_changes(users: Vec<TenantUser>, changes: Vec<Change>) -> Vec<TenantUser> {
    let mut at: rustc_hash::FxHashMap<String, usize> = users
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.to_ascii_lowercase(), i))
        .collect();
    let mut slots: Vec<Option<TenantUser>> = users.into_iter().map(Some).collect();
    for change in changes {
        match change {
            Change::Now(u) => match at.get(&u.id.to_ascii_lowercase()) {
                Some(&i) => slots[i] = Some(u),
                None => {
                    at.insert(u.id.to_ascii_lowercase(), slots.len());
                    slots.push(Some(u));
                }
            },
            Change::Removed(id) => {
                if let Some(&i) = at.get(&id.to_ascii_lowercase()) {
                    slots[i] = None;
                }
            }
        }
    }
    slots.into_iter().flatten().collect()
}

/// One page of the user listing, as Graph's answer holds it.
#[derive(Debug)]
pub struct UsersPage {
    pub users: Vec<TenantUser>,
    /// `@odata.nextLink`: where the next page is (checked as a Graph address when followed).
    pub next: Option<String>,
    /// `@odata.count`: how many accounts there are in all.
    pub count: Option<usize>,
}

/// The start of a page: Graph answers with an object (serde would also read a struct from an
/// array), holding a `value`.
fn read_head(body: &[u8]) -> Result<PageHead<'_>, TenantError> {
    if body.trim_ascii_start().first() != Some(&b'{') {
        return Err(RequestError::Unreachable {
            stage: crate::microsoft::client::Stage::Answer,
            detail: format!(
                "Graph's answer is not a JSON object: {:.80}",
                String::from_utf8_lossy(body)
            ),
        }
        .into());
    }
    serde_json::from_slice(body).map_err(|e| answer_error(&e).into())
}

/// A page of `GET /users` read from Graph's JSON (straight into the pane's list, no tree of
/// values); an answer of another shape is an error.
pub fn read_users_page(body: &[u8]) -> Result<UsersPage, TenantError> {
    let head = read_head(body)?;
    let value: Vec<GraphUser> =
        serde_json::from_str(head.value.get()).map_err(|e| answer_error(&e))?;
    for u in &value {
        within_limits(u)?;
    }
    Ok(UsersPage {
        users: value
            .into_iter()
            .map(|u| TenantUser {
                id: u.id,
                upn: u.user_principal_name.unwrap_or_default(),
                mail: u.mail,
                display_name: u.display_name.unwrap_or_default(),
            })
            .collect(),
        next: head.next,
        count: head.count,
    })
}

/// The bytes an account holds in the list (its strings and their headers).
fn kept_bytes(u: &TenantUser) -> usize {
    std::mem::size_of::<TenantUser>()
        + u.id.len()
        + u.upn.len()
        + u.display_name.len()
        + u.mail.as_ref().map_or(0, String::len)
}

/// An account whose fields are within Entra ID's limits; the first one over is the error.
fn within_limits(u: &GraphUser) -> Result<(), TenantError> {
    let fields = [
        ("id", Some(u.id.as_str()), MAX_ID),
        (
            "userPrincipalName",
            u.user_principal_name.as_deref(),
            MAX_UPN,
        ),
        ("displayName", u.display_name.as_deref(), MAX_DISPLAY_NAME),
        ("mail", u.mail.as_deref(), MAX_MAIL),
    ];
    for (field, value, max) in fields {
        let len = value.map_or(0, |v| v.chars().count());
        if len > max {
            return Err(TenantError::TooLong { field, len, max });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Found by fuzzing (`graph_pages`): serde reads a struct from an array too, so `[[]]` passed
    /// as an empty page (of presences then: [`super::super::presence::decode`] refuses it now).
    #[test]
    fn a_page_is_an_object() {
        assert!(read_users_page(br#" [[], null, null]"#).is_err());
        assert!(read_users_page(b"").is_err());
        let page = read_users_page(br#" {"value": [{ "id": "1" }], "@odata.count": 7}"#).unwrap();
        assert_eq!(page.count, Some(7));
        assert_eq!(page.users.len(), 1);
    }

    #[test]
    fn a_field_longer_than_entra_allows_refuses_the_page_by_name() {
        let page = |upn: &str, name: &str| {
            let body =
                json!({"value": [{"id": "1", "userPrincipalName": upn, "displayName": name}]});
            read_users_page(body.to_string().as_bytes())
        };
        let upn_113 = format!("{}@{}", "a".repeat(64), "b".repeat(48));
        assert_eq!(upn_113.len(), 113);
        assert!(page(&upn_113, &"n".repeat(256)).is_ok());
        let long_upn = format!("{}@x.de", "a".repeat(15_000));
        match page(&long_upn, "n") {
            Err(TenantError::TooLong { field, len, max }) => {
                assert_eq!((field, len, max), ("userPrincipalName", 15_005, 113));
            }
            other => panic!("{other:?}"),
        }
        match page("a@b.de", &"n".repeat(257)) {
            Err(TenantError::TooLong { field, .. }) => assert_eq!(field, "displayName"),
            other => panic!("{other:?}"),
        }
        let t = crate::base::i18n::Texts::new(crate::base::i18n::Lang::De);
        let e = page(&long_upn, "n").unwrap_err();
        let text = t.msg(&e.msgs()[0]);
        assert!(
            text.contains("userPrincipalName") && text.contains("113"),
            "{text}"
        );
    }
}
