//! The shape of the code (issue 36), read from the sources' paths: five layers, each a folder of
//! `src/` — `front` (window, worker, command line, demo), `ops` (the use cases), `microsoft` (the
//! protocol), `model`, `base` — where a module imports only from its own layer or one below it;
//! and no circle between modules at any level, a module standing for all its files (its children
//! counted with it). The Microsoft layer
//! writes no file. The same circle rule holds for the emulator. Each rule is first shown to fail
//! on a planted tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers from the top; a module may import its own layer's modules and those after it.
const LAYERS: [&str; 5] = ["front", "ops", "microsoft", "model", "base"];

/// Module path (`microsoft::flows`) → its source without comments and without its test module
/// (from the `#[cfg(test)]` before a `mod`). The binary's `main.rs`, which uses the library by
/// its name, is no module of it.
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
            if rel == Path::new("main") {
                continue;
            }
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
            let lines: Vec<&str> = text.lines().collect();
            let tests = (0..lines.len()).find(|&i| {
                lines[i].trim() == "#[cfg(test)]"
                    && lines[i + 1..]
                        .iter()
                        .map(|l| l.trim())
                        .find(|l| !l.starts_with("#["))
                        .is_some_and(|l| l.starts_with("mod ") || l.starts_with("pub mod "))
            });
            let code: Vec<&str> = lines[..tests.unwrap_or(lines.len())]
                .iter()
                .copied()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            out.insert(parts.join("::"), code.join("\n"));
        }
    }
    out
}

/// The paths written after `crate::`, `super::` or `self::` at `at`, groups (`{a, b::{c, d}}`)
/// spelled out: `a`, `b::c`, `b::d`.
fn paths_at(code: &str, at: usize) -> Vec<String> {
    let bytes = code.as_bytes();
    let mut head = String::new();
    let mut i = at;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || b"_:".contains(&bytes[i])) {
        head.push(bytes[i] as char);
        i += 1;
    }
    if i >= bytes.len() || bytes[i] != b'{' {
        return vec![head];
    }
    let mut depth = 0;
    let mut start = i + 1;
    let mut out = Vec::new();
    for (j, &b) in bytes.iter().enumerate().skip(i) {
        match b {
            b'{' => depth += 1,
            b'}' | b',' if depth == 1 => {
                let item = code[start..j].trim_start();
                if !item.is_empty() {
                    let off = j - code[start..j].trim_start().len();
                    out.extend(
                        paths_at(code, off)
                            .into_iter()
                            .map(|p| format!("{head}{p}")),
                    );
                }
                start = j + 1;
                if b == b'}' {
                    break;
                }
            }
            b'}' => depth -= 1,
            _ => {}
        }
        if b == b'}' && depth == 0 {
            break;
        }
    }
    out
}

/// The module a path written in module `from` names (the longest prefix that is a module) and
/// the segments after it: `crate::…`, `super::…`, `self::…` or a child's own name.
fn resolve(
    from: &str,
    path: &str,
    all: &BTreeMap<String, String>,
) -> Option<(String, Vec<String>)> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = from.split("::").filter(|s| !s.is_empty()).collect();
    match segs.first() {
        Some(&"crate") => {
            base.clear();
            segs.remove(0);
        }
        Some(&"self") => {
            segs.remove(0);
        }
        Some(&"super") => {
            // A `mod.rs` file's `super` is its folder's parent, as for any file.
            while segs.first() == Some(&"super") {
                base.pop();
                segs.remove(0);
            }
        }
        _ => {}
    }
    let full: Vec<&str> = base.into_iter().chain(segs).collect();
    (1..=full.len()).rev().find_map(|n| {
        let m = full[..n].join("::");
        let rest = full[n..].iter().map(|s| s.to_string()).collect();
        all.contains_key(&m).then_some((m, rest))
    })
}

/// Where module `m` takes `item` from when it re-exports it (`pub use error::Error;`,
/// `pub use crate::model::verdict::{Verdict, Which};`): the module it comes from.
fn reexported(m: &str, item: &str, all: &BTreeMap<String, String>) -> Option<String> {
    let code = &all[m];
    for (i, _) in code.match_indices("pub use ") {
        for path in paths_at(code, i + "pub use ".len()) {
            if path.rsplit("::").next() != Some(item) {
                continue;
            }
            if let Some((source, _)) = resolve(m, &path, all).filter(|(s, _)| s != m) {
                return Some(source);
            }
        }
    }
    None
}

/// The modules `name` refers to, by `crate::…`, `super::…`, `self::…` or a child's own name; an
/// item a module re-exports counts as its source module's (`crate::ops::Error` is
/// `ops::error`'s).
fn uses(name: &str, code: &str, all: &BTreeMap<String, String>) -> BTreeSet<String> {
    let children: BTreeSet<&str> = all
        .keys()
        .filter_map(|m| {
            let rest = if name.is_empty() {
                m.as_str()
            } else {
                m.strip_prefix(&format!("{name}::"))?
            };
            (!rest.is_empty() && !rest.contains("::")).then_some(rest)
        })
        .collect();
    let bytes = code.as_bytes();
    let mut found = BTreeSet::new();
    let mut words = BTreeSet::from(["crate::", "super::", "self::"]);
    let child_words: Vec<String> = children.iter().map(|c| format!("{c}::")).collect();
    words.extend(child_words.iter().map(String::as_str));
    for start in words {
        for (i, _) in code.match_indices(start) {
            // `$crate::…` in a macro counts as `crate::…`.
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || b"_:".contains(&bytes[i - 1])) {
                continue;
            }
            for path in paths_at(code, i) {
                let Some((mut target, rest)) = resolve(name, &path, all) else {
                    continue;
                };
                if let Some(source) = rest.first().and_then(|i| reexported(&target, i, all)) {
                    target = source;
                }
                if target != name {
                    found.insert(target);
                }
            }
        }
    }
    found
}

/// Every import between two modules: (from, to).
fn imports(all: &BTreeMap<String, String>) -> BTreeSet<(String, String)> {
    all.iter()
        .flat_map(|(m, c)| uses(m, c, all).into_iter().map(|t| (m.clone(), t)))
        .collect()
}

/// The imports from a lower layer to a higher one: "model::matching::live → ops::live_presence".
fn upward(all: &BTreeMap<String, String>) -> Vec<String> {
    let layer = |m: &str| LAYERS.iter().position(|l| m.split("::").next() == Some(*l));
    imports(all)
        .into_iter()
        .filter(|(from, to)| matches!((layer(from), layer(to)), (Some(f), Some(t)) if t < f))
        .map(|(from, to)| format!("{from} → {to}"))
        .collect()
}

/// The circles: at every folder, its children as nodes, each standing for all its files (an import
/// from `model::matching::live` to `ops::live_presence` joins `model` to `ops` at the top and
/// nothing inside `model`); a circle is a set of nodes that all reach each other.
fn circles(all: &BTreeMap<String, String>) -> Vec<BTreeSet<String>> {
    let segs = |m: &str| -> Vec<String> {
        m.split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // Folder → node → the nodes it imports.
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (from, to) in imports(all) {
        let (f, t) = (segs(&from), segs(&to));
        let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
        // A folder's own code and its children are one module: `mod.rs` declares and uses them,
        // they use its types through `super::`.
        let (Some(a), Some(b)) = (f.get(common), t.get(common)) else {
            continue;
        };
        graphs
            .entry(f[..common].to_vec())
            .or_default()
            .entry(a.clone())
            .or_default()
            .insert(b.clone());
    }
    let mut out = Vec::new();
    for (folder, graph) in graphs {
        let reach = |from: &String| {
            let mut seen = BTreeSet::new();
            let mut todo: Vec<&String> = graph.get(from).into_iter().flatten().collect();
            while let Some(m) = todo.pop() {
                if seen.insert(m.clone()) {
                    todo.extend(graph.get(m).into_iter().flatten());
                }
            }
            seen
        };
        let reached: BTreeMap<&String, BTreeSet<String>> =
            graph.keys().map(|m| (m, reach(m))).collect();
        for (m, r) in &reached {
            if !r.contains(m.as_str()) {
                continue;
            }
            let circle: BTreeSet<String> = r
                .iter()
                .filter(|o| reached.get(o).is_some_and(|x| x.contains(m.as_str())))
                .map(|o| {
                    format!(
                        "{}{o}",
                        folder.iter().map(|s| format!("{s}::")).collect::<String>()
                    )
                })
                .collect();
            if !out.contains(&circle) {
                out.push(circle);
            }
        }
    }
    out
}

/// The pane's `src/`, or the tree `LAYERS_SRC` names (how docs/architecture.md's "before" was
/// measured: `LAYERS_SRC=/tmp/old/src cargo test --test library layers`).
fn src() -> BTreeMap<String, String> {
    let own = concat!(env!("CARGO_MANIFEST_DIR"), "/src").to_owned();
    modules(Path::new(&std::env::var("LAYERS_SRC").unwrap_or(own)))
}

/// A tree of `(file, text)` in a temporary folder, read as `modules` reads `src/`.
fn planted(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    modules(dir.path())
}

#[test]
fn the_checks_find_an_upward_import_and_circles_through_parents_and_children() {
    let tree = planted(&[
        ("lib.rs", "pub mod model; pub mod ops;"),
        ("ops/mod.rs", "pub mod live;\npub fn run() { live::go() }"),
        (
            "ops/live.rs",
            "use super::run;\nuse crate::model::{x::{A, B}};",
        ),
        ("model/mod.rs", "pub mod x; pub mod y; pub mod z;"),
        ("model/x/mod.rs", "pub mod deep;"),
        (
            "model/x/deep.rs",
            "use crate::model::y::Y; use crate::ops::run;",
        ),
        ("model/y.rs", "use super::x::deep::D;"),
        // An item re-exported by the parent counts as its source module's.
        (
            "model/z/mod.rs",
            "pub mod error;\npub mod store;\npub use error::Error;",
        ),
        ("model/z/error.rs", "use super::store::Saved;"),
        (
            "model/z/store.rs",
            "pub fn f() -> crate::model::z::Error {}",
        ),
    ]);
    assert_eq!(upward(&tree), ["model::x::deep → ops"]);
    let found = circles(&tree);
    let named = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    // A grouped import; a child through its folder.
    assert!(found.contains(&named(&["model", "ops"])), "{found:?}");
    assert!(
        found.contains(&named(&["model::x", "model::y"])),
        "{found:?}"
    );
    assert!(
        found.contains(&named(&["model::z::error", "model::z::store"])),
        "{found:?}"
    );
    // A parent's own code and its child are not two modules.
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn every_module_is_in_a_layer_and_imports_no_layer_above_it() {
    let all = src();
    let outside: Vec<&String> = all
        .keys()
        .filter(|m| !m.is_empty() && !LAYERS.contains(&m.split("::").next().unwrap()))
        .collect();
    assert!(
        outside.is_empty(),
        "modules outside the layers: {outside:?}"
    );
    assert_eq!(upward(&all), Vec::<String>::new());
}

#[test]
fn no_module_imports_itself_through_others() {
    assert_eq!(circles(&src()), Vec::<BTreeSet<String>>::new(), "src");
    let emulator = modules(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/emulator/src"
    )));
    assert_eq!(
        circles(&emulator),
        Vec::<BTreeSet<String>>::new(),
        "emulator"
    );
}

#[test]
fn the_microsoft_layer_speaks_only_the_protocol() {
    let all = src();
    let mut seen = 0;
    for (name, code) in all.iter().filter(|(m, _)| m.starts_with("microsoft")) {
        seen += 1;
        let wrong: Vec<String> = uses(name, code, &all)
            .into_iter()
            .filter(|u| {
                ["front", "ops", "base::files", "base::folder", "base::paths"]
                    .iter()
                    .any(|f| u == f || u.starts_with(&format!("{f}::")))
                    || u.starts_with("model::audit")
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
