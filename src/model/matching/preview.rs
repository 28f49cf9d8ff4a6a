//! The preview of who will be synchronized: for every UCServer user in the activation scope, how
//! the service will find the Teams account — the same UPN, a line of usermatching.csv, nothing, or
//! more than one — with the lines that can never match and suggestions for the unmatched.
//!
//! The service compares exactly (case-sensitively); case-insensitive lookups here only find what
//! *almost* matches, to say so.

use super::MatchingFile;
use super::findings::Caseless;
use crate::base::i18n::Msg;
use crate::model::config::{Activation, ActivationMode};
use rustc_hash::FxHashMap;

/// A UCServer user, from the UCServer's user export.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UcUser {
    pub name: String,
    pub display_name: String,
    /// Shared by the users with the same groups (one allocation a combination, not a user).
    pub groups: std::sync::Arc<[std::sync::Arc<str>]>,
}

/// A user of the tenant, from Graph.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TenantUser {
    pub id: String,
    pub upn: String,
    pub mail: Option<String>,
    pub display_name: String,
}

/// How one UCServer user will be matched (indexes into the tenant list, lines are 1-based).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Match {
    SameUpn {
        tenant: usize,
    },
    Mapping {
        tenant: usize,
        line: usize,
    },
    None,
    /// More than one line of usermatching.csv names this user, with existing accounts.
    Ambiguous {
        lines: Vec<usize>,
    },
}

/// Why a suggestion was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    SameMail,
    SameLocalPart,
    SameDisplayName,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    /// Index into the UCServer user list.
    pub user: usize,
    pub result: Match,
    /// For an unmatched user: a tenant account that is very likely the same person.
    pub suggestion: Option<(usize, Reason)>,
    /// For an unmatched user: the line of usermatching.csv that already names it but no account
    /// (a line can only be changed then; a second line for the user would be refused).
    pub line: Option<usize>,
}

/// A line of usermatching.csv whose Azure AD name is no account of the tenant.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnknownLine {
    pub line: usize,
    pub account: String,
}

/// A line of usermatching.csv whose Azure AD name differs from a real UPN only in letter case.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CaseFix {
    pub line: usize,
    pub written: String,
    pub upn: String,
    /// Another line already names the UPN (exactly, or it is the first line fixed to it): the
    /// fix would make a second line for the account, which blocks saving, so it is not offered
    /// and not applied; the preview names that line instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clash: Option<usize>,
}

impl CaseFix {
    /// The fix can be written without making a second line for the account.
    pub fn applicable(&self) -> bool {
        self.clash.is_none()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub same_upn: usize,
    pub mapping: usize,
    pub none: usize,
    pub ambiguous: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Preview {
    pub rows: Vec<Row>,
    pub counts: Counts,
    /// Lines whose Azure AD name is no account of the tenant (not even but for case).
    pub unknown_lines: Vec<UnknownLine>,
    pub case_fixes: Vec<CaseFix>,
}

impl UnknownLine {
    /// "Zeile 5: „x@firma.de“ gibt es im Tenant nicht …"
    pub fn msg(&self) -> Msg {
        Msg::new("preview-unknown-line")
            .num("line", self.line)
            .text("account", self.account.clone())
    }
}

/// Writes each case fix's UPN in place of the name its line has (the rest of the line kept); a
/// line whose name is no longer the one the fix was made for is left alone. How many were fixed.
/// The one way the window ("Alle … korrigieren") and `matching fix --case` fix letter case.
pub fn apply_case_fixes(file: &mut MatchingFile, fixes: &[CaseFix]) -> usize {
    let delim = file.delimiter.char();
    let mut fixed = 0;
    for f in fixes.iter().filter(|f| f.applicable()) {
        let Some(i) = f.line.checked_sub(1).filter(|&i| i < file.lines.len()) else {
            continue;
        };
        let line = file.lines.get(i);
        let Some((azure, rest)) = line.split_once(delim) else {
            continue;
        };
        if azure.trim() != f.written {
            continue;
        }
        let new = format!("{}{delim}{rest}", azure.replace(&f.written, &f.upn));
        file.lines.set(i, new);
        fixed += 1;
    }
    fixed
}

/// Computes the preview for the users `in_scope` selects.
pub fn preview(
    users: &[UcUser],
    in_scope: impl Fn(&UcUser) -> bool,
    mapping: &MatchingFile,
    tenant: &[TenantUser],
) -> Preview {
    let mut exact: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(tenant.len(), Default::default());
    for (i, t) in tenant.iter().enumerate() {
        exact.insert(&t.upn, i);
    }
    let lines = Lines::read(mapping, tenant, &exact);
    let mut rows = Vec::new();
    let mut counts = Counts::default();
    for (u, user) in users.iter().enumerate() {
        if !in_scope(user) {
            continue;
        }
        let row = lines.row(u, &user.name, &exact);
        match row.result {
            Match::SameUpn { .. } => counts.same_upn += 1,
            Match::Mapping { .. } => counts.mapping += 1,
            Match::None => counts.none += 1,
            Match::Ambiguous { .. } => counts.ambiguous += 1,
        }
        rows.push(row);
    }
    // Suggestions only where something is unmatched (the lookups are built for them alone).
    if counts.none > 0 {
        let unmatched = rows.iter().filter(|r| r.result == Match::None);
        let lookups = Lookups::new(tenant, unmatched.map(|r| &users[r.user]));
        for row in rows.iter_mut().filter(|r| r.result == Match::None) {
            row.suggestion = lookups
                .suggest(&users[row.user])
                .filter(|(t, _)| !lines.named[*t]);
        }
    }
    Preview {
        rows,
        counts,
        unknown_lines: lines.unknown_lines,
        case_fixes: lines.case_fixes,
    }
}

/// What usermatching.csv's lines say, looked up in the tenant once.
struct Lines<'a> {
    /// UCServer name → (line, tenant index) of the first line naming an existing account;
    mapped: FxHashMap<&'a str, (usize, usize)>,
    /// further such lines make the user ambiguous.
    more: FxHashMap<&'a str, Vec<usize>>,
    unknown_lines: Vec<UnknownLine>,
    case_fixes: Vec<CaseFix>,
    /// The accounts a line names already: never suggested (a second line naming one is refused).
    named: Vec<bool>,
    /// UCServer name → the first line naming it with no account (unknown, or but for case).
    dead: FxHashMap<&'a str, usize>,
}

impl<'a> Lines<'a> {
    fn read(
        mapping: &'a MatchingFile,
        tenant: &[TenantUser],
        exact: &FxHashMap<&str, usize>,
    ) -> Self {
        use std::collections::hash_map::Entry;
        // Built only when a line needs it (a name that is no exact UPN).
        let mut caseless: Option<FxHashMap<Caseless<'_>, usize>> = None;
        let mut out = Lines {
            mapped: FxHashMap::with_capacity_and_hasher(mapping.lines.len(), Default::default()),
            more: FxHashMap::default(),
            unknown_lines: Vec::new(),
            case_fixes: Vec::new(),
            named: vec![false; tenant.len()],
            dead: FxHashMap::default(),
        };
        // The first line naming each account exactly, and the account of each case fix: a fix to
        // an account another line names would make a duplicate line.
        let mut named_at: FxHashMap<usize, usize> = FxHashMap::default();
        let mut fix_targets: Vec<usize> = Vec::new();
        let delim = mapping.delimiter.char();
        for (i, line) in mapping.lines.iter().enumerate() {
            let Some((azure, ucs)) = line.split_once(delim) else {
                continue;
            };
            let (azure, ucs) = (azure.trim(), ucs.trim());
            if azure.is_empty() || ucs.is_empty() || line.matches(delim).count() != 1 {
                continue;
            }
            if let Some(&t) = exact.get(azure) {
                out.named[t] = true;
                named_at.entry(t).or_insert(i + 1);
                match out.mapped.entry(ucs) {
                    Entry::Vacant(v) => {
                        v.insert((i + 1, t));
                    }
                    Entry::Occupied(_) => out.more.entry(ucs).or_default().push(i + 1),
                }
                continue;
            }
            out.dead.entry(ucs).or_insert(i + 1);
            let caseless = caseless.get_or_insert_with(|| {
                tenant
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (Caseless(t.upn.as_str()), i))
                    .collect()
            });
            match caseless.get(&Caseless(azure)) {
                Some(&t) => {
                    fix_targets.push(t);
                    out.case_fixes.push(CaseFix {
                        line: i + 1,
                        written: azure.to_owned(),
                        upn: tenant[t].upn.clone(),
                        clash: None,
                    })
                }
                None => out.unknown_lines.push(UnknownLine {
                    line: i + 1,
                    account: azure.to_owned(),
                }),
            }
        }
        // A fix clashes with the line naming its account exactly, or with the first fix to it.
        for (f, &t) in out.case_fixes.iter_mut().zip(&fix_targets) {
            match named_at.entry(t) {
                Entry::Occupied(o) => f.clash = Some(*o.get()),
                Entry::Vacant(v) => {
                    v.insert(f.line);
                }
            }
        }
        out
    }

    /// The row of the UCServer user `u` named `name`: a line's account, the same UPN, or none.
    fn row(&self, u: usize, name: &str, exact: &FxHashMap<&str, usize>) -> Row {
        let result = match (self.mapped.get(name), self.more.get(name)) {
            (Some(&(line, _)), Some(others)) => Match::Ambiguous {
                lines: std::iter::once(line)
                    .chain(others.iter().copied())
                    .collect(),
            },
            (Some(&(line, tenant)), None) => Match::Mapping { tenant, line },
            _ => match exact.get(name) {
                Some(&t) => Match::SameUpn { tenant: t },
                None => Match::None,
            },
        };
        let line = match result {
            Match::None => self.dead.get(name).copied(),
            _ => None,
        };
        Row {
            user: u,
            result,
            suggestion: None,
            line,
        }
    }
}

/// Whom the activation switches the integration on for. With the integration off nobody is, and
/// the preview shows everybody as if it were switched on globally (the pane says so).
pub fn in_scope(activation: &Activation) -> impl Fn(&UcUser) -> bool + '_ {
    move |u: &UcUser| match activation.mode {
        ActivationMode::Off | ActivationMode::Global => true,
        ActivationMode::Groups => u
            .groups
            .iter()
            .any(|g| activation.groups.iter().any(|a| a.as_str() == &**g)),
        ActivationMode::Users => activation.users.contains(&u.name),
    }
}

impl Match {
    /// The kind as written in exports and `--json`.
    pub fn key(&self) -> &'static str {
        match self {
            Match::SameUpn { .. } => "same-upn",
            Match::Mapping { .. } => "mapping",
            Match::None => "none",
            Match::Ambiguous { .. } => "ambiguous",
        }
    }

    /// The Teams account it matches, if exactly one.
    pub fn tenant(&self) -> Option<usize> {
        match self {
            Match::SameUpn { tenant } | Match::Mapping { tenant, .. } => Some(*tenant),
            _ => None,
        }
    }

    /// The usermatching.csv lines (1-based) it rests on.
    pub fn lines(&self) -> &[usize] {
        match self {
            Match::Mapping { line, .. } => std::slice::from_ref(line),
            Match::Ambiguous { lines } => lines,
            _ => &[],
        }
    }
}

impl Reason {
    /// The Fluent id of the reason's words.
    pub fn label_id(self) -> &'static str {
        match self {
            Reason::SameMail => "reason-same-mail",
            Reason::SameLocalPart => "reason-same-local-part",
            Reason::SameDisplayName => "reason-same-display-name",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Reason::SameMail => "same-mail",
            Reason::SameLocalPart => "same-local-part",
            Reason::SameDisplayName => "same-display-name",
        }
    }
}

/// One row as a sentence: the user, how it matches, and the suggestion where there is one.
pub fn row_msg(r: &Row, users: &[UcUser], tenant: &[TenantUser]) -> Msg {
    let m = match &r.result {
        Match::SameUpn { tenant: t } => {
            Msg::new("preview-row-same-upn").text("upn", &tenant[*t].upn)
        }
        Match::Mapping { tenant: t, line } => Msg::new("preview-row-mapping")
            .text("upn", &tenant[*t].upn)
            .num("line", *line),
        // A user already on a (dead) line gets that line changed, never a second one.
        Match::None => match (r.line, r.suggestion) {
            (Some(line), Some((t, why))) => Msg::new("preview-row-change-line")
                .num("line", line)
                .text("upn", &tenant[t].upn)
                .reference("reason", why.label_id()),
            (Some(line), None) => Msg::new("preview-row-dead-line").num("line", line),
            (None, Some((t, why))) => Msg::new("preview-row-suggestion")
                .text("upn", &tenant[t].upn)
                .reference("reason", why.label_id()),
            (None, None) => Msg::new("preview-row-none"),
        },
        Match::Ambiguous { lines } => {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            Msg::new("preview-row-ambiguous").text("lines", lines.join(", "))
        }
    };
    m.text("user", &users[r.user].name)
}

/// A line that differs from a real UPN only in letter case.
pub fn case_fix_msg(fix: &CaseFix) -> Msg {
    let m = match fix.clash {
        Some(other) => Msg::new("preview-case-fix-clash").num("other", other),
        None => Msg::new("preview-case-fix"),
    };
    m.num("line", fix.line)
        .text("written", &fix.written)
        .text("upn", &fix.upn)
}

/// The counts at the top.
pub fn counts_msg(c: &Counts, tenant_users: usize) -> Msg {
    Msg::new("preview-counts")
        .num("total", c.same_upn + c.mapping + c.none + c.ambiguous)
        .num("same", c.same_upn)
        .num("mapping", c.mapping)
        .num("none", c.none)
        .num("ambiguous", c.ambiguous)
        .num("tenant", tenant_users)
}

/// The preview as CSV with a header line, for Excel: UTF-8 with BOM, `delimiter` between fields
/// (`;` for German Excel, `,` otherwise).
pub fn to_csv(p: &Preview, users: &[UcUser], tenant: &[TenantUser], delimiter: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "ucserver_user",
        "display_name",
        "match",
        "teams_upn",
        "usermatching_lines",
        "suggestion",
        "reason",
    ];
    // Writing into a Vec cannot fail.
    let _ = w.write_record(header);
    for row in &p.rows {
        let u = &users[row.user];
        let upn = row.result.tenant().map_or("", |t| tenant[t].upn.as_str());
        let lines: Vec<String> = row.result.lines().iter().map(usize::to_string).collect();
        let (suggestion, reason) = row
            .suggestion
            .map_or(("", ""), |(t, r)| (tenant[t].upn.as_str(), r.key()));
        let _ = w.write_record([
            u.name.as_str(),
            u.display_name.as_str(),
            row.result.key(),
            upn,
            lines.join(" ").as_str(),
            suggestion,
            reason,
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Case-insensitive lookups of the tenant for suggestions: mail, local part, display name. Keyed
/// by what the unmatched users are called (a few, usually) and filled in one pass over the
/// tenant, so a tenant of 100,000 costs 100,000 look-ups into small tables, not three tables of
/// 100,000 built.
struct Lookups<'a> {
    by_mail: FxHashMap<Caseless<'a>, Hit>,
    by_local: FxHashMap<Caseless<'a>, Hit>,
    by_name: FxHashMap<Caseless<'a>, Hit>,
}

/// The tenant's accounts under one key: a suggestion only where exactly one.
#[derive(Clone, Copy)]
enum Hit {
    Nobody,
    One(usize),
    Many,
}

impl Hit {
    fn add(&mut self, i: usize) {
        *self = match self {
            Hit::Nobody => Hit::One(i),
            _ => Hit::Many,
        };
    }
}

impl<'a> Lookups<'a> {
    fn new(tenant: &'a [TenantUser], wanted: impl Iterator<Item = &'a UcUser>) -> Self {
        let mut l = Lookups {
            by_mail: FxHashMap::default(),
            by_local: FxHashMap::default(),
            by_name: FxHashMap::default(),
        };
        for u in wanted {
            l.by_mail.insert(Caseless(&u.name), Hit::Nobody);
            l.by_local
                .insert(Caseless(local_part(&u.name)), Hit::Nobody);
            l.by_name.insert(Caseless(&u.display_name), Hit::Nobody);
        }
        let add = |m: &mut FxHashMap<Caseless<'a>, Hit>, k: &'a str, i| {
            if let Some(hit) = m.get_mut(&Caseless(k)) {
                hit.add(i);
            }
        };
        for (i, t) in tenant.iter().enumerate() {
            if let Some(mail) = &t.mail {
                add(&mut l.by_mail, mail, i);
            }
            add(&mut l.by_local, local_part(&t.upn), i);
            add(&mut l.by_name, &t.display_name, i);
        }
        l
    }

    fn suggest(&self, user: &UcUser) -> Option<(usize, Reason)> {
        let pick = |m: &FxHashMap<Caseless<'_>, Hit>, k: &str, r| match m.get(&Caseless(k)) {
            Some(Hit::One(t)) => Some((*t, r)),
            _ => None,
        };
        pick(&self.by_mail, &user.name, Reason::SameMail)
            .or_else(|| {
                pick(
                    &self.by_local,
                    local_part(&user.name),
                    Reason::SameLocalPart,
                )
            })
            .or_else(|| pick(&self.by_name, &user.display_name, Reason::SameDisplayName))
    }
}

fn local_part(name: &str) -> &str {
    name.split_once('@').map_or(name, |(l, _)| l)
}

#[cfg(test)]
#[path = "preview_tests.rs"]
mod tests;
