//! The three-way merge of usermatching.csv, line by line (diff3): the lines as the editor loaded
//! them (base), as edited (mine) and as they are on disk now (theirs). What only one side changed
//! is taken; lines both sides added at the same place are all kept; a line changed on both sides
//! differently is a [`LineConflict`] that the administrator decides. Nothing typed and nothing on
//! disk is lost.

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::time::{Duration, Instant};

/// Lines changed on both sides, at one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineConflict {
    /// 1-based line in the file on disk where the conflict stands.
    pub line: usize,
    pub base: Vec<String>,
    pub mine: Vec<String>,
    pub theirs: Vec<String>,
}

/// Which side's lines a decided conflict keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The editor's lines.
    Mine,
    /// The lines on disk.
    Theirs,
    /// Both: the lines on disk, then the editor's.
    Both,
    /// Each line as the side that changed it has it; where both changed the same line, the
    /// editor's ("my edit plus their deletion"). See [`LineConflict::combined`].
    Combined,
}

/// What happened to one line of a conflict, matched by its Azure AD name across the versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineFate {
    /// The line as loaded; `None`: added.
    pub base: Option<String>,
    /// As in the editor; `None`: not there (deleted here, or added there).
    pub mine: Option<String>,
    /// As on disk; `None`: not there (deleted there, or added here).
    pub theirs: Option<String>,
}

/// How a [`LineFate`] reads: which side did what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    Unchanged,
    ChangedHere,
    DeletedHere,
    ChangedThere,
    DeletedThere,
    AddedHere,
    AddedThere,
    /// The same change on both sides.
    SameOnBoth,
    /// Changed (or deleted) on both sides, differently: the one thing to decide.
    Clash,
}

impl LineFate {
    pub fn fate(&self) -> Fate {
        let (b, m, t) = (&self.base, &self.mine, &self.theirs);
        match (b, m == b, t == b) {
            (None, _, _) if m.is_some() && t.is_some() && m == t => Fate::SameOnBoth,
            (None, _, _) if m.is_some() && t.is_some() => Fate::Clash,
            (None, _, _) if m.is_some() => Fate::AddedHere,
            (None, _, _) => Fate::AddedThere,
            (Some(_), true, true) => Fate::Unchanged,
            (Some(_), false, true) if m.is_some() => Fate::ChangedHere,
            (Some(_), false, true) => Fate::DeletedHere,
            (Some(_), true, false) if t.is_some() => Fate::ChangedThere,
            (Some(_), true, false) => Fate::DeletedThere,
            (Some(_), false, false) if m == t => Fate::SameOnBoth,
            (Some(_), false, false) => Fate::Clash,
        }
    }

    /// The line the combination keeps: the side that changed it; the editor's where both did.
    fn combined(&self) -> Option<&String> {
        match self.fate() {
            Fate::ChangedThere | Fate::DeletedThere | Fate::AddedThere => self.theirs.as_ref(),
            _ => self.mine.as_ref(),
        }
    }
}

impl LineConflict {
    /// Each line of the conflict and what each side did to it, in the order of the file as
    /// loaded (lines added on either side after it): lines are matched by their Azure AD name,
    /// as the service matches a mapping.
    pub fn fates(&self) -> Vec<LineFate> {
        let mut mine: Vec<Option<&String>> = self.mine.iter().map(Some).collect();
        let mut theirs: Vec<Option<&String>> = self.theirs.iter().map(Some).collect();
        let take = |side: &mut Vec<Option<&String>>, k: &str| {
            side.iter_mut()
                .find(|l| l.is_some_and(|l| key(l) == k))
                .and_then(Option::take)
                .cloned()
        };
        let mut out: Vec<LineFate> = self
            .base
            .iter()
            .map(|b| LineFate {
                base: Some(b.clone()),
                mine: take(&mut mine, &key(b)),
                theirs: take(&mut theirs, &key(b)),
            })
            .collect();
        // Lines added: by name when both sides added one, else on the side that did.
        for m in mine.into_iter().flatten() {
            let t = take(&mut theirs, &key(m));
            out.push(LineFate {
                base: None,
                mine: Some(m.clone()),
                theirs: t,
            });
        }
        out.extend(theirs.into_iter().flatten().map(|t| LineFate {
            base: None,
            mine: None,
            theirs: Some(t.clone()),
        }));
        out
    }

    /// The combination: each line as the side that changed it has it; where both sides changed
    /// the same line, the editor's.
    pub fn combined(&self) -> Vec<String> {
        self.fates()
            .iter()
            .filter_map(|f| f.combined().cloned())
            .collect()
    }
}

/// A run of merged lines, or a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chunk {
    Lines(Vec<String>),
    Conflict(LineConflict),
}

/// The outcome of [`merge`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineMerge {
    pub chunks: Vec<Chunk>,
}

impl LineMerge {
    pub fn conflicts(&self) -> impl Iterator<Item = &LineConflict> {
        self.chunks.iter().filter_map(|c| match c {
            Chunk::Conflict(c) => Some(c),
            Chunk::Lines(_) => None,
        })
    }

    /// The merged lines with each conflict decided by `picks` (in order); `None` while a
    /// conflict has no pick.
    pub fn resolve(&self, picks: &[Option<Pick>]) -> Option<Vec<String>> {
        let mut out = Vec::new();
        let mut picks = picks.iter();
        for chunk in &self.chunks {
            match chunk {
                Chunk::Lines(lines) => out.extend(lines.iter().cloned()),
                Chunk::Conflict(c) => match (*picks.next()?)? {
                    Pick::Mine => out.extend(c.mine.iter().cloned()),
                    Pick::Theirs => out.extend(c.theirs.iter().cloned()),
                    Pick::Both => out.extend(union(&c.theirs, &c.mine)),
                    Pick::Combined => out.extend(c.combined()),
                },
            }
        }
        Some(out)
    }
}

/// `first`, then the lines of `second` that `first` does not hold.
fn union(first: &[String], second: &[String]) -> Vec<String> {
    let mut out = first.to_vec();
    out.extend(second.iter().filter(|l| !first.contains(l)).cloned());
    out
}

/// One side only added lines before or after the stretch (`added` holds `base` whole), the other
/// changed it: the change, with the added lines around it. (A line appended right after a line
/// the other side edited is no conflict: the file is a list of mappings.)
fn around(base: &[&str], added: &[&str], changed: &[&str]) -> Option<Vec<String>> {
    let n = base.len();
    let k = (0..=added.len().checked_sub(n)?).find(|&k| &added[k..k + n] == base)?;
    let owned = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let mut out = owned(&added[..k]);
    out.extend(owned(changed));
    out.extend(owned(&added[k + n..]));
    Some(out)
}

/// The Azure AD name of a line (before the separator), letter case aside.
fn key(line: &str) -> String {
    line.split([',', ';'])
        .next()
        .unwrap_or(line)
        .trim()
        .to_lowercase()
}

/// The lines of `side` whose Azure AD name none of `others` holds, and the rest.
fn split_new<'a>(side: &[&'a str], others: &[&[&str]]) -> (Vec<&'a str>, Vec<&'a str>) {
    let known: std::collections::HashSet<String> = others
        .iter()
        .flat_map(|o| o.iter().map(|l| key(l)))
        .collect();
    side.iter().partition(|l| !known.contains(&key(l)))
}

/// For each line of `old`, its line in `new` where the diff keeps it.
fn matches(old: &[&str], new: &[&str]) -> Vec<Option<usize>> {
    let mut m = vec![None; old.len()];
    let deadline = Instant::now() + Duration::from_secs(2);
    for op in capture_diff_slices_deadline(Algorithm::Myers, old, new, Some(deadline)) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                m[old_index + k] = Some(new_index + k);
            }
        }
    }
    m
}

/// Merges three versions of the file's lines.
pub fn merge(base: &[&str], mine: &[&str], theirs: &[&str]) -> LineMerge {
    let to_mine = matches(base, mine);
    let to_theirs = matches(base, theirs);
    let owned = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let mut chunks: Vec<Chunk> = Vec::new();
    let push = |chunks: &mut Vec<Chunk>, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        match chunks.last_mut() {
            Some(Chunk::Lines(l)) => l.extend(lines),
            _ => chunks.push(Chunk::Lines(lines)),
        }
    };
    let (mut b, mut m, mut t) = (0, 0, 0);
    loop {
        // The next base line both sides kept: the end of the unstable stretch before it.
        let stable = (b..base.len()).find_map(|i| match (to_mine[i], to_theirs[i]) {
            (Some(mi), Some(ti)) if mi >= m && ti >= t => Some((i, mi, ti)),
            _ => None,
        });
        let (b2, m2, t2) = stable.unwrap_or((base.len(), mine.len(), theirs.len()));
        let (ob, om, ot) = (&base[b..b2], &mine[m..m2], &theirs[t..t2]);
        if om == ob {
            push(&mut chunks, owned(ot));
        } else if ot == ob || om == ot {
            push(&mut chunks, owned(om));
        } else if ob.is_empty() {
            // Both added lines at the same place: keep all of them.
            push(&mut chunks, union(&owned(ot), &owned(om)));
        } else if let Some(lines) = around(ob, om, ot).or_else(|| around(ob, ot, om)) {
            push(&mut chunks, lines);
        } else {
            // Lines of one side whose Azure AD name the other versions do not hold are plain
            // additions: kept, and out of the conflict, which holds only what really clashes.
            let (mine_new, mine_rest) = split_new(om, &[ob, ot]);
            let (theirs_new, theirs_rest) = split_new(ot, &[ob, om]);
            if mine_rest == theirs_rest || mine_rest == ob {
                push(&mut chunks, owned(&theirs_rest));
            } else if theirs_rest == ob {
                push(&mut chunks, owned(&mine_rest));
            } else {
                chunks.push(Chunk::Conflict(LineConflict {
                    line: t + 1,
                    base: owned(ob),
                    mine: owned(&mine_rest),
                    theirs: owned(&theirs_rest),
                }));
            }
            push(&mut chunks, union(&owned(&theirs_new), &owned(&mine_new)));
        }
        let Some((i, mi, ti)) = stable else { break };
        push(&mut chunks, vec![base[i].to_owned()]);
        (b, m, t) = (i + 1, mi + 1, ti + 1);
    }
    LineMerge { chunks }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 26 §2: line 3 changed here and there, line 4 deleted there; the fates name each side,
    /// and the combination is my edit plus their deletion.
    #[test]
    fn a_conflict_names_each_lines_side_and_combines_them() {
        let m = merged(
            "a,1\nb,2\nc,3\nd,4\ne,5\n",
            "a,1\nb,2\nc,mine\nd,4\ne,5\nf,new\n",
            "a,1\nb,2\nc,theirs\ne,5\n",
        );
        let c = m.conflicts().next().expect("a conflict");
        let all = c.fates();
        let fates: Vec<(Fate, Option<&str>)> =
            all.iter().map(|f| (f.fate(), f.base.as_deref())).collect();
        assert_eq!(
            fates,
            [
                (Fate::Clash, Some("c,3")),
                (Fate::DeletedThere, Some("d,4"))
            ]
        );
        assert_eq!(c.combined(), ["c,mine"]);
        let picked = m.resolve(&[Some(Pick::Combined)]).unwrap();
        assert_eq!(picked, ["a,1", "b,2", "c,mine", "e,5", "f,new"]);
        let mine = m.resolve(&[Some(Pick::Mine)]).unwrap();
        assert!(
            mine.contains(&"d,4".to_owned()),
            "the editor's version holds line 4"
        );
    }

    fn lines(s: &str) -> Vec<&str> {
        s.lines().collect()
    }

    fn merged(base: &str, mine: &str, theirs: &str) -> LineMerge {
        merge(&lines(base), &lines(mine), &lines(theirs))
    }

    #[test]
    fn changes_in_different_places_are_both_kept() {
        let base = "a,1\nb,2\nc,3\nd,4\ne,5\nf,6\n";
        // Mine edits line 1, deletes line 3 and appends; theirs edits line 5 and appends.
        let mine = "a,A\nb,2\nd,4\ne,5\nf,6\nm,7\n";
        let theirs = "a,1\nb,2\nc,3\nd,4\ne,E\nf,6\nt,8\n";
        let m = merged(base, mine, theirs);
        assert_eq!(m.conflicts().count(), 0);
        assert_eq!(
            m.resolve(&[]).unwrap(),
            ["a,A", "b,2", "d,4", "e,E", "f,6", "t,8", "m,7"]
        );
    }

    #[test]
    fn a_line_added_next_to_a_line_the_other_side_edited_is_no_conflict() {
        let m = merged("a,1\nc,3\n", "a,1\nc,3\nb,2\n", "a,1\nc,33\nz,9\n");
        assert_eq!(m.conflicts().count(), 0);
        assert_eq!(m.resolve(&[]).unwrap(), ["a,1", "c,33", "z,9", "b,2"]);
        // The same with the sides swapped.
        let m = merged("a,1\nc,3\n", "a,1\nc,33\n", "a,1\nc,3\nt,4\n");
        assert_eq!(m.resolve(&[]).unwrap(), ["a,1", "c,33", "t,4"]);
    }

    #[test]
    fn a_line_changed_on_both_sides_is_a_conflict_with_both_versions() {
        let base = "a@x.de,a\nb@x.de,b\nc@x.de,c\n";
        let mine = "a@x.de,a\nb@x.de,mine\nc@x.de,c\n";
        let theirs = "a@x.de,a\nb@x.de,theirs\nc@x.de,c\n";
        let m = merged(base, mine, theirs);
        let c: Vec<_> = m.conflicts().collect();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].line, 2);
        assert_eq!(c[0].mine, ["b@x.de,mine"]);
        assert_eq!(c[0].theirs, ["b@x.de,theirs"]);
        assert_eq!(m.resolve(&[None]), None, "undecided");
        assert_eq!(
            m.resolve(&[Some(Pick::Theirs)]).unwrap(),
            ["a@x.de,a", "b@x.de,theirs", "c@x.de,c"]
        );
        assert_eq!(
            m.resolve(&[Some(Pick::Both)]).unwrap(),
            ["a@x.de,a", "b@x.de,theirs", "b@x.de,mine", "c@x.de,c"]
        );
    }

    #[test]
    fn a_conflict_holds_only_the_clashing_lines() {
        let m = merged("a,1\nb,2\n", "a,1\nb,mine\n", "a,1\nb,theirs\nz,9\n");
        let c: Vec<_> = m.conflicts().collect();
        assert_eq!(
            (c[0].mine.clone(), c[0].theirs.clone()),
            (vec!["b,mine".to_string()], vec!["b,theirs".to_string()])
        );
        assert_eq!(
            m.resolve(&[Some(Pick::Mine)]).unwrap(),
            ["a,1", "b,mine", "z,9"]
        );
    }

    #[test]
    fn deleted_here_and_edited_there_is_a_conflict() {
        let m = merged("a,1\nb,2\n", "a,1\n", "a,1\nb,3\n");
        let c: Vec<_> = m.conflicts().collect();
        assert_eq!((c[0].mine.len(), c[0].theirs.len()), (0, 1));
    }
}
