//! The shape of the code as the design has it (issue 21 §5), read from the sources: the
//! Microsoft layer speaks only the protocol (it names none of the folder's files, the store, the
//! audit trail or the use cases), and no two modules import each other, in the pane or in the
//! emulator.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`microsoft::flows`) → its source without comments and without its tests.
fn modules(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: Vec<&str> = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            out.insert(parts.join("::"), code.join("\n"));
        }
    }
    out
}

/// The modules `name` refers to through `crate::…` and `super::…` paths (the longest that is a
/// module; its own parents and children left out).
fn uses(name: &str, code: &str, all: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (i, _) in code.match_indices(start) {
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
                continue;
            }
            let path: String = code[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let mut base: Vec<&str> = Vec::new();
            if segs[0] == "crate" {
                segs.remove(0);
            } else {
                base = name.split("::").filter(|s| !s.is_empty()).collect();
                base.pop();
                segs.remove(0);
                while segs.first() == Some(&"super") {
                    base.pop();
                    segs.remove(0);
                }
            }
            let full: Vec<&str> = base.into_iter().chain(segs).collect();
            let target = (1..=full.len())
                .rev()
                .map(|n| full[..n].join("::"))
                .find(|m| all.contains_key(m));
            if let Some(t) = target {
                let related = t == name
                    || t.starts_with(&format!("{name}::"))
                    || name.starts_with(&format!("{t}::"));
                if !related {
                    found.insert(t);
                }
            }
        }
    }
    found
}

/// The import circles: each a set of modules that all reach each other through their imports.
fn circles(root: &str) -> BTreeSet<BTreeSet<String>> {
    let all = modules(Path::new(root));
    let graph: BTreeMap<String, BTreeSet<String>> = all
        .iter()
        .map(|(m, c)| (m.clone(), uses(m, c, &all)))
        .collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[from].iter().collect();
        while let Some(m) = todo.pop() {
            if seen.insert(m.clone()) {
                todo.extend(graph[m].iter());
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    reached
        .iter()
        .filter(|(m, r)| r.contains(m.as_str()))
        .map(|(m, r)| {
            r.iter()
                .filter(|o| reached[o].contains(m.as_str()))
                .cloned()
                .collect()
        })
        .collect()
}

#[test]
fn no_module_imports_itself_through_others() {
    for root in [
        concat!(env!("CARGO_MANIFEST_DIR"), "/src"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/emulator/src"),
    ] {
        assert_eq!(circles(root), BTreeSet::new(), "{root}");
    }
}

#[test]
fn the_microsoft_layer_speaks_only_the_protocol() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let all = modules(Path::new(root));
    let forbidden = [
        "store", "audit", "folder", "ops", "files", "paths", "worker", "gui", "cli",
    ];
    let mut seen = 0;
    for (name, code) in all.iter().filter(|(m, _)| m.starts_with("microsoft")) {
        seen += 1;
        let used = uses(name, code, &all);
        let wrong: Vec<&String> = used
            .iter()
            .filter(|u| {
                forbidden
                    .iter()
                    .any(|f| *u == f || u.starts_with(&format!("{f}::")))
            })
            .collect();
        assert!(wrong.is_empty(), "{name} uses {wrong:?}");
        for call in ["Secrets::update", "Secrets::load", "write_atomic"] {
            assert!(!code.contains(call), "{name} calls {call}");
        }
    }
    assert!(
        seen >= 10,
        "only {seen} modules of the Microsoft layer found"
    );
}
