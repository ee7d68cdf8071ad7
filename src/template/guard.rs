//! Bounds on what a template can make Tera do, checked or built in before Tera sees it.
//! Tera renders (and parses) recursively, so a macro that calls itself without end, an
//! include cycle or a very deeply nested expression would overflow the stack and abort.
//!
//! - Macro recursion: every macro definition gets a hidden parameter `__vb_depth=0`, every
//!   macro call passes `__vb_depth=__vb_depth + 1` (the render's context has
//!   `__vb_depth = 0` for calls outside macros), and every macro body starts with
//!   `{{ __vb_enter(d=__vb_depth, s=N) }}`, which prints nothing and fails past
//!   [`MAX_MACRO_DEPTH`] nested calls (or [`MAX_MACRO_CALLS`] calls in one render); `N`
//!   names the macro for the error message. The built-in templates recurse once per level
//!   of nested content, and the YAML's nesting is bounded well below this limit. (A
//!   function call in every macro call's arguments instead made Tera's parser 5× slower.)
//! - Nesting: blocks (`if`, `for`, `macro`, …), brackets and chained operators together at
//!   most [`MAX_NESTING`] deep.
//! - `{% include %}` cycles are refused.
//! - Names starting with `__vb_` are reserved.

use std::cell::Cell;
use std::collections::HashMap;

use super::scan::{self, Tok};

/// Macro calls nested inside each other, at most.
pub const MAX_MACRO_DEPTH: u64 = 200;
/// Macro calls in one render, at most (a macro calling itself twice per level would
/// otherwise run for hours).
pub const MAX_MACRO_CALLS: u64 = 1_000_000;
/// Blocks, brackets and operator chains nested in one template, at most.
pub const MAX_NESTING: usize = 100;

/// Messages of `__vb_enter`'s errors: a marker and the macro's [`Site`] index.
pub const DEPTH_MARK: &str = "\u{1}vb-depth:";
pub const CALLS_MARK: &str = "\u{1}vb-calls:";

const RESERVED: &str = "__vb_";

/// A problem found in a template before compiling it: the byte offset and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
}

/// A rewritten macro definition: where it is in the original source and its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub template: String,
    pub offset: usize,
    pub callee: String,
}

thread_local! {
    static CALLS: Cell<u64> = const { Cell::new(0) };
}

/// Start counting macro calls afresh (at the start of a render).
pub fn reset_calls() {
    CALLS.with(|c| c.set(0));
}

/// The Tera function every macro runs first: `d` is its depth, `s` its [`Site`].
pub fn enter(args: &HashMap<String, serde_json::Value>) -> tera::Result<serde_json::Value> {
    let d = args.get("d").and_then(|v| v.as_u64()).unwrap_or(0);
    let s = args.get("s").and_then(|v| v.as_u64()).unwrap_or(0);
    if d > MAX_MACRO_DEPTH {
        return Err(tera::Error::msg(format!("{DEPTH_MARK}{s}")));
    }
    let n = CALLS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    if n > MAX_MACRO_CALLS {
        return Err(tera::Error::msg(format!("{CALLS_MARK}{s}")));
    }
    Ok(serde_json::Value::from(""))
}

/// Check `src` (template `name`) and rewrite its macros to count their depth; the macro
/// definitions are appended to `sites`.
pub fn prepare(name: &str, src: &str, sites: &mut Vec<Site>) -> Result<String, Problem> {
    let tags = scan::tags(src);
    check_nesting(src, &tags)?;
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for tag in &tags {
        let code = &src[tag.code.clone()];
        let toks = scan::tokens(code);
        for (off, t) in &toks {
            if let Tok::Ident(id) = t
                && id.starts_with(RESERVED)
            {
                return Err(Problem {
                    offset: tag.code.start + off,
                    message: format!(
                        "tên \"{id}\" không dùng được: các tên bắt đầu bằng \"{RESERVED}\" dành riêng cho vanban"
                    ),
                });
            }
        }
        let abs = |o: usize| tag.code.start + o;
        if tag.keyword(src) == "macro"
            && let Some((_, Tok::Ident(mac))) = toks.get(1)
            && let Some(close) = matching_close(&toks, 2)
        {
            // `macro name(args)`: the hidden depth parameter (with a literal default), and
            // the check at the start of the body. Its closing `-}}` trims what the macro
            // tag's `-%}` trimmed, so the output is the same.
            inserts.push((
                abs(toks[close].0),
                arg_text(&toks, 2, close, "__vb_depth=0"),
            ));
            let trim = if src[..tag.end].ends_with("-%}") {
                "-"
            } else {
                ""
            };
            inserts.push((
                tag.end,
                format!(
                    "{{{{ __vb_enter(d=__vb_depth, s={}) {trim}}}}}",
                    sites.len()
                ),
            ));
            sites.push(Site {
                template: name.to_string(),
                offset: tag.start,
                callee: mac.to_string(),
            });
        }
        for i in 0..toks.len() {
            let [
                (_, Tok::Ident(_)),
                (_, Tok::Punct(':')),
                (_, Tok::Punct(':')),
            ] = toks[i..].get(..3).unwrap_or_default()
            else {
                continue;
            };
            let (Some((_, Tok::Ident(_))), Some((_, Tok::Open('(')))) =
                (toks.get(i + 3), toks.get(i + 4))
            else {
                continue;
            };
            if let Some(close) = matching_close(&toks, i + 4) {
                let arg = "__vb_depth=__vb_depth + 1";
                inserts.push((abs(toks[close].0), arg_text(&toks, i + 4, close, arg)));
            }
        }
    }
    inserts.sort_by_key(|(o, _)| *o);
    let mut out = String::with_capacity(src.len() + inserts.len() * 48);
    let mut from = 0;
    for (o, text) in inserts {
        out.push_str(&src[from..o]);
        out.push_str(&text);
        from = o;
    }
    out.push_str(&src[from..]);
    Ok(out)
}

/// The text to insert before the `)` at `close` to add argument `arg` to the list opened
/// at `open`: with a comma unless the list is empty or already ends with one.
fn arg_text(toks: &[(usize, Tok)], open: usize, close: usize, arg: &str) -> String {
    if close == open + 1 || toks[close - 1].1 == Tok::Punct(',') {
        arg.to_string()
    } else {
        format!(", {arg}")
    }
}

/// The index of the token closing the bracket opened at `open` (which must be `(`).
fn matching_close(toks: &[(usize, Tok)], open: usize) -> Option<usize> {
    if toks.get(open).map(|t| t.1) != Some(Tok::Open('(')) {
        return None;
    }
    let mut depth = 0usize;
    for (j, (_, t)) in toks.iter().enumerate().skip(open) {
        match t {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

const OPENERS: &[&str] = &["if", "for", "macro", "filter", "block"];
const CLOSERS: &[&str] = &["endif", "endfor", "endmacro", "endfilter", "endblock"];

fn is_operator(t: &Tok) -> bool {
    match t {
        Tok::Punct(c) => "+-*/%~<>".contains(*c),
        Tok::Ident(w) => matches!(*w, "and" | "or" | "not" | "in" | "is"),
        _ => false,
    }
}

/// Blocks, brackets and chains of operators nested more than [`MAX_NESTING`] deep.
fn check_nesting(src: &str, tags: &[scan::Tag]) -> Result<(), Problem> {
    let too_deep = |offset| Problem {
        offset,
        message: format!(
            "mẫu lồng nhau quá sâu: quá {MAX_NESTING} cấp khối lệnh ({{% if %}}, {{% for %}}, …), ngoặc và phép toán nối tiếp; hãy tách thành các biểu thức ngắn hơn"
        ),
    };
    let mut blocks = 0usize;
    for tag in tags {
        let kw = tag.keyword(src);
        if CLOSERS.contains(&kw) {
            blocks = blocks.saturating_sub(1);
        }
        // One entry per open bracket level: the operators chained at that level so far.
        let mut levels: Vec<usize> = vec![0];
        for (off, t) in scan::tokens(&src[tag.code.clone()]) {
            match t {
                Tok::Open(_) => levels.push(0),
                Tok::Close(_) if levels.len() > 1 => {
                    levels.pop();
                }
                Tok::Punct(',') => *levels.last_mut().expect("never empty") = 0,
                _ if is_operator(&t) => *levels.last_mut().expect("never empty") += 1,
                _ => {}
            }
            let depth = blocks + levels.iter().map(|n| n + 1).sum::<usize>();
            if depth > MAX_NESTING {
                return Err(too_deep(tag.code.start + off));
            }
        }
        if OPENERS.contains(&kw) {
            blocks += 1;
            if blocks > MAX_NESTING {
                return Err(too_deep(tag.start));
            }
        }
    }
    Ok(())
}

/// The template names a tag imports, includes or extends, with the tag's offset.
pub fn dependencies(src: &str) -> Vec<(String, &'static str, usize)> {
    let mut out = Vec::new();
    for tag in scan::tags(src) {
        let kw = tag.keyword(src);
        let kw = match kw {
            "import" => "import",
            "include" => "include",
            "extends" => "extends",
            _ => continue,
        };
        let code = &src[tag.code.clone()];
        for (off, t) in scan::tokens(code) {
            if t == Tok::Str {
                let q = code[off..].chars().next().unwrap_or('"');
                if let Some(end) = code[off + 1..].find(q) {
                    out.push((code[off + 1..off + 1 + end].to_string(), kw, tag.start));
                }
            }
            // `import "x" as ns`: only the first string.
            if kw != "include" && t == Tok::Str {
                break;
            }
        }
    }
    out
}

/// An include cycle among `sources` reachable from `name`: the template, offset of the
/// include tag that closes it, and the chain of names.
pub fn include_cycle(sources: &[(&str, &str)], name: &str) -> Option<(String, usize, Vec<String>)> {
    fn visit(
        sources: &[(&str, &str)],
        n: &str,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<(String, usize, Vec<String>)> {
        let (_, src) = sources.iter().find(|(m, _)| *m == n)?;
        path.push(n.to_string());
        for (dep, kw, at) in dependencies(src) {
            if kw != "include" || done.contains(&dep) {
                continue;
            }
            if path.contains(&dep) {
                let mut chain = path.clone();
                chain.push(dep);
                return Some((n.to_string(), at, chain));
            }
            if let Some(c) = visit(sources, &dep, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.push(n.to_string());
        None
    }
    // Includes can start in any template of the closure (a macro file's macro may include).
    for (n, _) in sources.iter().filter(|(m, _)| *m == name).chain(sources) {
        if let Some(c) = visit(sources, n, &mut Vec::new(), &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_definitions_and_calls() {
        let mut sites = Vec::new();
        let src = "{% macro f(a, b=1) -%}\n{{ self::f(a=a,) }}{% endmacro f %}{% macro g() %}{% endmacro %}{{ m::g() }}";
        let out = prepare("x.xml", src, &mut sites).unwrap();
        assert_eq!(
            out,
            "{% macro f(a, b=1, __vb_depth=0) -%}{{ __vb_enter(d=__vb_depth, s=0) -}}\n\
             {{ self::f(a=a,__vb_depth=__vb_depth + 1) }}{% endmacro f %}\
             {% macro g(__vb_depth=0) %}{{ __vb_enter(d=__vb_depth, s=1) }}{% endmacro %}\
             {{ m::g(__vb_depth=__vb_depth + 1) }}"
        );
        assert_eq!(sites[0].callee, "f");
        assert_eq!(sites[0].offset, 0);
        assert_eq!(sites[1].callee, "g");
        assert_eq!(sites[1].offset, src.find("{% macro g").unwrap());
    }

    #[test]
    fn strings_and_comments_are_left_alone() {
        let mut sites = Vec::new();
        let src = "{# m::f() #}a::b() {{ \"m::f()\" }}{% raw %}{{ m::f() }}{% endraw %}";
        assert_eq!(prepare("x.xml", src, &mut sites).unwrap(), src);
        assert!(sites.is_empty());
    }

    #[test]
    fn reserved_names_are_refused() {
        let e = prepare("x.xml", "ab{% set __vb_depth = 0 %}", &mut Vec::new()).unwrap_err();
        assert_eq!(e.offset, 9);
        assert!(e.message.contains("__vb_depth"));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{{{{ {}1{} }}}}", "(".repeat(150), ")".repeat(150));
        let e = prepare("x.xml", &deep, &mut Vec::new()).unwrap_err();
        assert!(e.message.contains("lồng nhau quá sâu"));
        let chain = format!("{{{{ 1{} }}}}", "+1".repeat(150));
        assert!(prepare("x.xml", &chain, &mut Vec::new()).is_err());
        let ifs = format!("{}x{}", "{% if a %}".repeat(150), "{% endif %}".repeat(150));
        assert!(prepare("x.xml", &ifs, &mut Vec::new()).is_err());
        // Long but flat: many arguments, each with an operator; sequential blocks.
        let flat = format!(
            "{{{{ f({}) }}}}{}",
            (0..150)
                .map(|i| format!("a{i}=1+1"))
                .collect::<Vec<_>>()
                .join(","),
            "{% if a %}x{% endif %}".repeat(500)
        );
        assert!(prepare("x.xml", &flat, &mut Vec::new()).is_ok());
    }

    #[test]
    fn include_cycles_are_found() {
        let s = [
            ("a.xml", "{% include \"b.xml\" %}"),
            ("b.xml", "x\n{% include [\"c.xml\", \"a.xml\"] %}"),
            ("c.xml", "c"),
        ];
        let (file, at, chain) = include_cycle(&s, "a.xml").unwrap();
        assert_eq!((file.as_str(), at), ("b.xml", 2));
        assert_eq!(chain, ["a.xml", "b.xml", "a.xml"]);
        assert!(include_cycle(&s[2..], "c.xml").is_none());
    }
}
