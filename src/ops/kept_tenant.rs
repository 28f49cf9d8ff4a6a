//! The tenant kept (issue 38 §1): the accounts the pane needs (id, UPN, mail, display name), stored
//! after a read with the time it was read, so that a preview or a live read within the hour lists
//! no page of users. One file, `tenant-accounts.bin`, in the pane's own place
//! ([`crate::base::logging::place`]: the UCServer folder's `config/` or the machine place), written
//! atomically and readable by the owner only ([`FileMode::OwnerOnly`]); the support bundle takes
//! files by allow-list and never this one. It is keyed by the tenant and the app as configured
//! and the Graph host: another tenant's accounts are never served, its file is read again.
//! `consent forget` removes it.
//!
//! The format is compact: a header line of JSON (key, time read, Graph's delta link), then one
//! record an account — the id as 16 bytes where it is a GUID, each string length-prefixed, the
//! part after the `@` of a UPN or mail as an index into a table of domains, a mail equal to the
//! UPN as a flag.

use crate::base::files::FileMode;
use crate::base::i18n::Msg;
use crate::model::matching::preview::TenantUser;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file's name in the pane's place.
pub const FILE: &str = "tenant-accounts.bin";
/// How long the kept accounts serve a preview or a live read without a read.
pub const YOUNG: Duration = Duration::from_secs(3600);
/// How long Microsoft keeps a delta link of `users/delta` usable (7 days for identity
/// resources); an older one is not tried.
pub const DELTA_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);
/// The most bytes read from the file (the listing's own cap).
const MAX_BYTES: u64 = crate::microsoft::graph::MAX_KEPT_BYTES as u64;

const MAGIC: &[u8] = b"TPA-TENANT-1\n";

/// Whose accounts they are: the tenant and the app as configured, and the Graph host.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Key {
    pub tenant: String,
    pub client_id: String,
    pub graph: String,
}

impl Key {
    /// The key of `settings` (compared without regard to case).
    pub fn of(settings: &crate::model::config::Settings) -> Self {
        let endpoints = crate::microsoft::endpoints::Endpoints::for_settings(settings);
        Key {
            tenant: settings.tenant_id.trim().to_ascii_lowercase(),
            client_id: settings.client_id.trim().to_ascii_lowercase(),
            graph: endpoints.graph.trim_end_matches('/').to_ascii_lowercase(),
        }
    }
}

/// The accounts as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub key: Key,
    pub read_at: DateTime<Utc>,
    /// Graph's `@odata.deltaLink` for `users/delta` (where `User.Read.All` was granted).
    pub delta_link: Option<String>,
    pub users: Vec<TenantUser>,
}

impl Kept {
    /// How long ago the accounts were read (zero where the clock went back).
    pub fn age(&self, now: DateTime<Utc>) -> Duration {
        (now - self.read_at).to_std().unwrap_or_default()
    }

    /// Whether they serve without a read.
    pub fn young(&self, now: DateTime<Utc>) -> bool {
        self.age(now) < YOUNG
    }

    /// Whether its delta link may still be used.
    pub fn delta_usable(&self, now: DateTime<Utc>) -> bool {
        self.delta_link.is_some() && self.age(now) < DELTA_LIFETIME
    }
}

/// "accounts read 12 min ago" / "Konten gelesen vor 12 Min.".
pub fn age_msg(age: Duration) -> Msg {
    let minutes = age.as_secs() / 60;
    if minutes < 120 {
        Msg::new("tenant-kept-age-min").num("minutes", minutes)
    } else {
        Msg::new("tenant-kept-age-h").num("hours", minutes / 60)
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    #[serde(flatten)]
    key: Key,
    read_at: DateTime<Utc>,
    delta_link: Option<String>,
    count: usize,
    domains: Vec<String>,
}

/// Where the file is written for the UCServer folder `dir` (the place the logs go).
pub fn path(dir: &Path) -> Option<PathBuf> {
    crate::base::logging::place::choose(dir)
        .ok()
        .map(|p| p.root.join(FILE))
}

/// Both places it may be in: beside msteams.cfg and the machine place.
fn candidates(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![crate::base::logging::place::in_folder(dir).root.join(FILE)];
    if let Some(m) = crate::base::logging::place::machine() {
        out.push(m.join(FILE));
    }
    out
}

/// The accounts kept for `key`: the newest of both places whose key is `key`. A missing,
/// unreadable or damaged file, or one of another tenant, is none (a read follows).
pub fn load(dir: &Path, key: &Key) -> Option<Kept> {
    candidates(dir)
        .iter()
        .filter_map(|p| {
            let bytes = read_limited(p).ok()?;
            match decode(&bytes, key) {
                Ok(kept) => kept,
                Err(why) => {
                    tracing::warn!("{}: {why}; the tenant is read again", p.display());
                    None
                }
            }
        })
        .max_by_key(|k| k.read_at)
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::other("larger than the listing's cap"));
    }
    Ok(bytes)
}

/// Stores `kept` in the place for `dir` (owner only, atomically); where that fails, the reason
/// (the read itself stands).
pub fn save(dir: &Path, kept: &Kept) -> std::io::Result<PathBuf> {
    let path = path(dir).ok_or_else(|| std::io::Error::other("no place for the pane's files"))?;
    crate::base::files::write_atomic(&path, &encode(kept), FileMode::OwnerOnly)?;
    Ok(path)
}

/// Removes the kept accounts from both places (`consent forget`); what could not be removed.
pub fn remove(dir: &Path) -> Vec<(PathBuf, std::io::Error)> {
    candidates(dir)
        .into_iter()
        .filter_map(|p| match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Some((p, e)),
            _ => None,
        })
        .collect()
}

const GUID: u8 = 1;
const MAIL: u8 = 2;
const MAIL_IS_UPN: u8 = 4;
/// No domain: the string is kept whole.
const NO_DOMAIN: u16 = u16::MAX;

/// The file's bytes.
pub fn encode(kept: &Kept) -> Vec<u8> {
    let mut domains: rustc_hash::FxHashMap<String, u16> = Default::default();
    let mut table: Vec<String> = Vec::new();
    let mut body = Vec::with_capacity(kept.users.len() * 48);
    let mut domain_of = |s: &str| -> (usize, u16) {
        // Split at the last '@': the part after it into the table while it has room.
        match s.rfind('@') {
            Some(at) => {
                let d = &s[at + 1..];
                if let Some(&i) = domains.get(d) {
                    return (at, i);
                }
                if table.len() < usize::from(NO_DOMAIN) {
                    let i = table.len() as u16;
                    table.push(d.to_owned());
                    domains.insert(d.to_owned(), i);
                    return (at, i);
                }
                (s.len(), NO_DOMAIN)
            }
            None => (s.len(), NO_DOMAIN),
        }
    };
    for u in &kept.users {
        let guid = guid_bytes(&u.id);
        let mut flags = 0;
        if guid.is_some() {
            flags |= GUID;
        }
        match &u.mail {
            Some(m) if *m == u.upn => flags |= MAIL_IS_UPN,
            Some(_) => flags |= MAIL,
            None => {}
        }
        body.push(flags);
        match guid {
            Some(g) => body.extend_from_slice(&g),
            None => put_str(&mut body, &u.id),
        }
        put_addr(&mut body, &u.upn, &mut domain_of);
        put_str(&mut body, &u.display_name);
        if flags & MAIL != 0 {
            put_addr(
                &mut body,
                u.mail.as_deref().unwrap_or_default(),
                &mut domain_of,
            );
        }
    }
    let header = Header {
        key: kept.key.clone(),
        read_at: kept.read_at,
        delta_link: kept.delta_link.clone(),
        count: kept.users.len(),
        domains: table,
    };
    let mut out = MAGIC.to_vec();
    out.extend(serde_json::to_vec(&header).expect("a header serialises"));
    out.push(b'\n');
    out.extend(body);
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    // Entra's fields are at most 256 characters (1,024 bytes); the listing refuses longer ones.
    let len = s.len().min(usize::from(u16::MAX));
    out.extend_from_slice(&(len as u16).to_le_bytes());
    out.extend_from_slice(&s.as_bytes()[..len]);
}

fn put_addr(out: &mut Vec<u8>, s: &str, domain_of: &mut impl FnMut(&str) -> (usize, u16)) {
    let (at, domain) = domain_of(s);
    out.extend_from_slice(&domain.to_le_bytes());
    put_str(out, &s[..at]);
}

/// A GUID as Graph writes it (lowercase, hyphenated) as 16 bytes; anything else is kept as text.
fn guid_bytes(id: &str) -> Option<[u8; 16]> {
    let b = id.as_bytes();
    if b.len() != 36 || [8, 13, 18, 23].iter().any(|&i| b[i] != b'-') {
        return None;
    }
    let mut out = [0u8; 16];
    let hex: Vec<u8> = b.iter().copied().filter(|&c| c != b'-').collect();
    for (i, pair) in hex.chunks(2).enumerate() {
        let digit = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

fn guid_text(g: &[u8]) -> String {
    let mut s = String::with_capacity(36);
    for (i, byte) in g.iter().enumerate() {
        if [4, 6, 8, 10].contains(&i) {
            s.push('-');
        }
        s.push_str(&format!("{byte:02x}"));
    }
    s
}

/// The accounts of the file's bytes where its key is `key` (`Ok(None)`: another tenant's).
pub fn decode(bytes: &[u8], key: &Key) -> Result<Option<Kept>, String> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or("not a file of kept accounts")?;
    let end = rest.iter().position(|&b| b == b'\n').ok_or("no header")?;
    let header: Header = serde_json::from_slice(&rest[..end]).map_err(|e| e.to_string())?;
    if header.key != *key {
        return Ok(None);
    }
    let mut r = Reader {
        b: &rest[end + 1..],
        at: 0,
    };
    // No more accounts than bytes: a damaged count allocates nothing large.
    let mut users = Vec::with_capacity(header.count.min(r.b.len()));
    for _ in 0..header.count {
        let flags = r.take(1)?[0];
        let id = match flags & GUID {
            0 => r.string()?,
            _ => guid_text(r.take(16)?),
        };
        let upn = r.addr(&header.domains)?;
        let display_name = r.string()?;
        let mail = if flags & MAIL_IS_UPN != 0 {
            Some(upn.clone())
        } else if flags & MAIL != 0 {
            Some(r.addr(&header.domains)?)
        } else {
            None
        };
        users.push(TenantUser {
            id,
            upn,
            mail,
            display_name,
        });
    }
    if r.at != r.b.len() {
        return Err("bytes after the last account".into());
    }
    Ok(Some(Kept {
        key: header.key,
        read_at: header.read_at,
        delta_link: header.delta_link,
        users,
    }))
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or("the file ends within an account")?;
        self.at += n;
        Ok(s)
    }

    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn string(&mut self) -> Result<String, String> {
        let n = usize::from(self.u16()?);
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|e| e.to_string())
    }

    fn addr(&mut self, domains: &[String]) -> Result<String, String> {
        let domain = self.u16()?;
        let mut s = self.string()?;
        if domain != NO_DOMAIN {
            let d = domains
                .get(usize::from(domain))
                .ok_or("a domain not in the table")?;
            s.push('@');
            s.push_str(d);
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(tenant: &str) -> Key {
        Key {
            tenant: tenant.into(),
            client_id: "c".into(),
            graph: "https://graph.microsoft.com".into(),
        }
    }

    fn users(n: usize) -> Vec<TenantUser> {
        (0..n)
            .map(|i| TenantUser {
                id: format!("{:08x}-0000-4000-8000-{:012x}", i, i * 7),
                upn: format!("user{i:06}@bigcorp.example"),
                mail: match i % 3 {
                    0 => Some(format!("user{i:06}@bigcorp.example")),
                    1 => Some(format!("U.{i}@mail.bigcorp.example")),
                    _ => None,
                },
                display_name: format!("Üser {i:06}"),
            })
            .collect()
    }

    #[test]
    fn the_accounts_come_back_as_they_were_kept_and_only_for_their_tenant() {
        let mut list = users(1000);
        list.push(TenantUser {
            id: "not-a-guid".into(),
            upn: "no-at-sign".into(),
            mail: Some("a@b@c".into()),
            display_name: String::new(),
        });
        let kept = Kept {
            key: key("t1"),
            read_at: Utc::now(),
            delta_link: Some("https://graph.microsoft.com/v1.0/users/delta?$deltatoken=x".into()),
            users: list,
        };
        let bytes = encode(&kept);
        assert_eq!(decode(&bytes, &key("t1")).unwrap().unwrap(), kept);
        assert_eq!(decode(&bytes, &key("t2")).unwrap(), None);
        // Damaged: cut short, or a byte more.
        assert!(decode(&bytes[..bytes.len() - 3], &key("t1")).is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, &key("t1")).is_err());
        assert!(decode(b"{}", &key("t1")).is_err());
    }

    #[test]
    fn the_age_is_said_in_minutes_and_an_hour_is_no_longer_young() {
        let now = Utc::now();
        let kept = Kept {
            key: key("t"),
            read_at: now - chrono::Duration::minutes(12),
            delta_link: None,
            users: vec![],
        };
        assert!(kept.young(now));
        assert_eq!(
            age_msg(kept.age(now)),
            Msg::new("tenant-kept-age-min").num("minutes", 12)
        );
        assert!(!kept.young(now + chrono::Duration::minutes(48)));
        assert!(!kept.delta_usable(now));
    }

    /// The size on disk for 100,000 accounts (docs/figures.md).
    #[test]
    fn a_hundred_thousand_accounts_are_compact() {
        let kept = Kept {
            key: key("t"),
            read_at: Utc::now(),
            delta_link: None,
            users: users(100_000),
        };
        let size = encode(&kept).len();
        println!("100,000 accounts kept: {size} bytes");
        assert!(size < 6_000_000, "{size}");
    }
}
