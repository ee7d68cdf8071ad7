//! The top-level modules of the crate form a layered graph (issue 11): no module imports,
//! directly or through others, a module that imports it.
//!
//! A module is the first path segment under `src/` (`src/load.rs` and `src/load/**` are `load`);
//! `lib.rs` and `main.rs` are not modules. Edges come from `crate::X` paths (in `use` statements
//! and in expressions) and from `super::` paths that climb out of the module to the crate root.
//! The scan is textual: comments, string and char literals are skipped first.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // `::`
    Open,
    Close,
    Comma,
    Other,
}

/// Source text without comments and literals, as tokens.
fn tokens(src: &str) -> Vec<Tok> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = skip_block_comment(b, i);
        } else if c == b'"' {
            i = skip_string(b, i + 1);
        } else if (c == b'r' || c == b'b') && raw_string_start(b, i).is_some() {
            i = skip_raw_string(b, raw_string_start(b, i).unwrap_or(i));
        } else if c == b'b' && b.get(i + 1) == Some(&b'"') {
            i = skip_string(b, i + 2);
        } else if c == b'\'' {
            i = skip_char_or_lifetime(b, i);
            out.push(Tok::Other);
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(src[start..i].to_string()));
        } else if c == b':' && b.get(i + 1) == Some(&b':') {
            out.push(Tok::Path);
            i += 2;
        } else {
            out.push(match c {
                b'{' => Tok::Open,
                b'}' => Tok::Close,
                b',' => Tok::Comma,
                b' ' | b'\n' | b'\t' | b'\r' => {
                    i += 1;
                    continue;
                }
                _ => Tok::Other,
            });
            i += 1;
        }
    }
    out
}

fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// `i` is just after the opening quote.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// If a raw string (`r"`, `r#"`, `br#"`) starts at `i`, the index of its `r`.
fn raw_string_start(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let r = if b[i] == b'b' { i + 1 } else { i };
    if b.get(r) != Some(&b'r') {
        return None;
    }
    let mut j = r + 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    (b.get(j) == Some(&b'"')).then_some(r)
}

fn skip_raw_string(b: &[u8], r: usize) -> usize {
    let mut j = r + 1;
    let mut hashes = 0;
    while b.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    j += 1;
    while j < b.len() {
        if b[j] == b'"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&b'#')) {
            return j + 1 + hashes;
        }
        j += 1;
    }
    j
}

/// A char literal (`'a'`, `'\n'`, `'\u{1F600}'`, `'"'`) or a lifetime (`'a`).
fn skip_char_or_lifetime(b: &[u8], i: usize) -> usize {
    if b.get(i + 1) == Some(&b'\\') {
        let mut j = i + 2;
        while j < b.len() && b[j] != b'\'' {
            j += 1;
        }
        return j + 1;
    }
    // One (possibly multi-byte) character followed by a quote is a char literal.
    let rest = std::str::from_utf8(&b[i + 1..]).unwrap_or("");
    if let Some(ch) = rest.chars().next() {
        let len = ch.len_utf8();
        if b.get(i + 1 + len) == Some(&b'\'') {
            return i + 2 + len;
        }
    }
    i + 1
}

/// Top-level module names a path starting at `toks[i]` (just after `crate::`) names:
/// one ident, or the first idents of each element of a `{...}` group.
fn heads(toks: &[Tok], i: usize) -> Vec<String> {
    match toks.get(i) {
        Some(Tok::Ident(name)) => vec![name.clone()],
        Some(Tok::Open) => {
            let mut out = Vec::new();
            let mut depth = 0;
            let mut expect_head = true;
            for t in &toks[i..] {
                match t {
                    Tok::Open => {
                        depth += 1;
                        if depth == 1 {
                            expect_head = true;
                        }
                    }
                    Tok::Close => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Tok::Comma if depth == 1 => expect_head = true,
                    Tok::Ident(name) if depth == 1 && expect_head => {
                        out.push(name.clone());
                        expect_head = false;
                    }
                    _ => {}
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Top-level modules one file refers to. `path` is the file's module path (`["load", "messages"]`).
fn references(src: &str, path: &[String]) -> BTreeSet<String> {
    let toks = tokens(src);
    let mut out = BTreeSet::new();
    // Inline `mod name { ... }` blocks deepen the module path for `super::`.
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last() == Some(&depth) {
                    inline.pop();
                }
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some(Tok::Ident(_)), Some(Tok::Open)) = (toks.get(i + 1), toks.get(i + 2)) {
                    inline.push(depth);
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(kw) if kw == "crate" && toks.get(i + 1) == Some(&Tok::Path) => {
                out.extend(heads(&toks, i + 2));
            }
            Tok::Ident(kw) if kw == "super" && !after_path(&toks, i) => {
                let mut n = 0;
                let mut j = i;
                while toks.get(j) == Some(&Tok::Ident("super".into()))
                    && toks.get(j + 1) == Some(&Tok::Path)
                {
                    n += 1;
                    j += 2;
                }
                if n > 0 && n >= path.len() + inline.len() {
                    out.extend(heads(&toks, j));
                }
                i = j.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn after_path(toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i - 1] == Tok::Path
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Module path of a file under `src/`: `load/messages.rs` → `["load", "messages"]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    parts
}

/// The source without its `#[cfg(test)] mod … { … }` blocks at the top level: test code is
/// not part of the library, and a unit test may parse YAML with `load` from a lower stage.
fn without_test_modules(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut lines = src.lines().peekable();
    while let Some(line) = lines.next() {
        let test_mod = line.trim_end() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.starts_with("mod ") && next.trim_end().ends_with('{'));
        if test_mod {
            // Skip to the block's closing brace in column 0.
            for l in lines.by_ref() {
                if l.trim_end() == "}" {
                    break;
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut uses: Vec<(String, BTreeSet<String>)> = Vec::new();
    let mut modules = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let path = module_path(rel);
        if path.len() == 1 && (path[0] == "lib" || path[0] == "main") {
            continue;
        }
        let text = without_test_modules(&fs::read_to_string(file).expect("read source"));
        modules.insert(path[0].clone());
        uses.push((path[0].clone(), references(&text, &path)));
    }
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for (from, targets) in uses {
        for to in targets {
            if to != from && modules.contains(&to) {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    graph
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in &s.graph[v] {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The shortest cycle through `start` inside its component (breadth-first search).
fn shortest_cycle(graph: &Graph, comp: &BTreeSet<String>, start: &str) -> Vec<String> {
    let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in &graph[v] {
            if !comp.contains(w) {
                continue;
            }
            if w == start {
                let mut path = vec![v.to_string()];
                let mut cur = v;
                while cur != start {
                    cur = prev[cur];
                    path.push(cur.to_string());
                }
                path.reverse();
                path.push(start.to_string());
                return path;
            }
            if !prev.contains_key(w.as_str()) && w != start {
                prev.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    Vec::new()
}

fn describe(graph: &Graph, comps: &[Vec<String>]) -> String {
    let mut text = String::new();
    for comp in comps {
        let set: BTreeSet<String> = comp.iter().cloned().collect();
        text += &format!("import cycle among {{{}}}:\n", comp.join(", "));
        for m in comp {
            let cycle = shortest_cycle(graph, &set, m);
            text += &format!("  {}\n", cycle.join(" → "));
        }
        for m in comp {
            let inside: Vec<&str> = graph[m]
                .iter()
                .filter(|t| set.contains(*t))
                .map(String::as_str)
                .collect();
            text += &format!("  {m} uses {}\n", inside.join(", "));
        }
    }
    text
}

#[test]
fn top_level_module_graph_is_acyclic() {
    let graph = graph();
    let comps = cycles(&graph);
    assert!(
        comps.is_empty(),
        "the top-level modules must not import each other in a cycle:\n{}",
        describe(&graph, &comps)
    );
}

#[test]
fn test_modules_are_not_edges() {
    let src = "use crate::a::X;\n#[cfg(test)]\nmod tests {\n    use crate::b::Y;\n}\nfn f() { crate::c::z(); }\n";
    let kept = without_test_modules(src);
    assert!(
        kept.contains("crate::a") && kept.contains("crate::c"),
        "{kept}"
    );
    assert!(!kept.contains("crate::b"), "{kept}");
}

#[test]
fn scanner_finds_edges_and_skips_comments_and_strings() {
    let path = vec!["load".to_string(), "messages".to_string()];
    let src = r##"
        use crate::model::DocumentSpec;
        use crate::{error::Error, sources::{self, Sources}};
        // crate::commented::Out
        /* crate::block /* nested */ crate::still_comment */
        const S: &str = "crate::in_string";
        const R: &str = r#"crate::in_raw "quoted" "#;
        const C: char = '"';
        fn f<'a>(x: &'a str) { crate::format::number(x); }
        use super::super::files::write;
        use super::sibling;
        pub(super) fn g() {}
        mod tests { use super::super::super::kinds; use super::super::not_root; }
    "##;
    let refs: Vec<String> = references(src, &path).into_iter().collect();
    assert_eq!(
        refs,
        ["error", "files", "format", "kinds", "model", "sources"]
    );
}

#[test]
fn cycle_detection_reports_a_cycle() {
    let mut graph = Graph::new();
    let edge = |g: &mut Graph, a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    };
    edge(&mut graph, "load", "model");
    edge(&mut graph, "model", "tasks");
    edge(&mut graph, "tasks", "load");
    edge(&mut graph, "tasks", "error");
    let comps = cycles(&graph);
    assert_eq!(comps, vec![vec!["load", "model", "tasks"]]);
    assert!(describe(&graph, &comps).contains("load → model → tasks → load"));
}
