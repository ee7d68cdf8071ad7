//! Tera's errors in Vietnamese, at the template file (the user's override or the built-in
//! `templates/NAME`) and, where Tera gives one or the name it reports can be found in the
//! source, the line and column.

use std::ops::Range;
use std::path::PathBuf;

use super::guard::{self, Site};
use super::scan::{self, Tok};
use super::tera_text::{Needle, caps, pest_error, translate};
use crate::error::line_col_of_byte;
use crate::error::{Code, Error};

/// A template as the error translation sees it.
pub struct Src<'a> {
    pub name: &'a str,
    /// The source as written (positions refer to it).
    pub text: &'a str,
    /// The file shown to the user.
    pub origin: PathBuf,
}

fn at(s: &Src, off: Option<usize>) -> Error {
    let pos = off.map(|o| line_col_of_byte(s.text, o));
    Error::new(Code::Template, String::new()).at(&s.origin, pos)
}

/// A Tera error for rendering or compiling template `rendering`, as the user's error.
pub fn to_error(e: &tera::Error, rendering: &str, sources: &[Src], sites: &[Site]) -> Error {
    let mut chain: Vec<String> = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = cur {
        chain.push(c.to_string());
        cur = c.source();
    }
    if let Some(err) = recursion_error(&chain, sources, sites) {
        return err;
    }
    if let Some(err) = parse_error(&chain, sources) {
        return err;
    }
    render_error(&chain, rendering, sources)
}

/// A macro nested too deep (or called too often), at its definition.
fn recursion_error(chain: &[String], sources: &[Src], sites: &[Site]) -> Option<Error> {
    for m in chain {
        for (mark, limit) in [
            (guard::DEPTH_MARK, guard::MAX_MACRO_DEPTH),
            (guard::CALLS_MARK, guard::MAX_MACRO_CALLS),
        ] {
            let Some(site) = m
                .strip_prefix(mark)
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| sites.get(i))
            else {
                continue;
            };
            let what = if mark == guard::DEPTH_MARK {
                format!("gọi lồng nhau quá {limit} cấp")
            } else {
                format!("được gọi quá {limit} lần trong một văn bản")
            };
            let mut err = match sources.iter().find(|s| s.name == site.template) {
                Some(s) => at(s, Some(site.offset)),
                None => Error::new(Code::Template, String::new()),
            };
            err.message = format!(
                "lỗi mẫu: macro \"{}\" {what} — có lẽ macro tự gọi lại chính nó (trực tiếp hoặc qua macro khác) mà không có điểm dừng",
                site.callee
            );
            return Some(err);
        }
    }
    None
}

/// A parse error: Tera names the template, pest gives " --> line:col".
fn parse_error(chain: &[String], sources: &[Src]) -> Option<Error> {
    let i = chain
        .iter()
        .position(|m| m.starts_with("Failed to parse '"))?;
    let name = caps(&chain[i], "Failed to parse '{}'")?[0];
    let s = sources.iter().find(|s| s.name == name)?;
    let inner = chain.get(i + 1).map(String::as_str).unwrap_or("");
    let mut err = at(s, None);
    if let Some((pos, detail)) = pest_error(inner) {
        err.pos = Some(pos);
        err.message = format!("lỗi mẫu: cú pháp mẫu không hợp lệ{detail}");
        // At the end of the template: a block left open.
        let end = line_col_of_byte(s.text, s.text.trim_end().len());
        if (pos.line, pos.column) >= (end.line, end.column)
            && let Some((at, kw, closer)) = unclosed_block(s.text)
        {
            err.pos = Some(line_col_of_byte(s.text, at));
            err.message = format!(
                "lỗi mẫu: khối {{% {kw} %}} mở ở đây chưa được đóng (thiếu {{% {closer} %}})"
            );
        }
    } else {
        let (msg, needle) = translate(inner);
        err.pos = needle
            .and_then(|n| search(s.text, 0..s.text.len(), &n))
            .map(|o| line_col_of_byte(s.text, o));
        err.message = format!("lỗi mẫu: {msg}");
    }
    Some(err)
}

/// A render error: at what the innermost message names, searched in the macro and
/// template Tera was in.
fn render_error(chain: &[String], rendering: &str, sources: &[Src]) -> Error {
    let find_src = |n: &str| sources.iter().find(|s| s.name == n);
    let head = chain.first().map(String::as_str).unwrap_or("");
    let (mut tpl, mut mac) = (rendering.to_string(), None);
    if let Some(rest) = head.strip_prefix("Failed to render '")
        && let Some(end) = rest.find('\'')
    {
        tpl = rest[..end].to_string();
        let tail = &rest[end..];
        if let Some(c) = caps(tail, "{}error while rendering macro `{}::{}`{}") {
            mac = Some(c[2].to_string());
        }
        if let Some(c) = caps(tail, "{}(error happened in '{}').") {
            tpl = c[1].to_string();
        }
    }
    let inner_from = usize::from(head.starts_with("Failed to render '"));
    let (message, needle) = describe(&chain[inner_from.min(chain.len().saturating_sub(1))..]);
    let place = needle
        .as_ref()
        .and_then(|n| locate(n, &tpl, mac.as_deref(), sources));
    let mut err = match place {
        Some((s, off)) => at(s, Some(off)),
        None => match mac.as_deref().and_then(|m| macro_def(m, sources)) {
            Some((s, r)) => at(s, Some(r.start)),
            None => match find_src(&tpl) {
                Some(s) => at(s, None),
                None => Error::new(Code::Template, String::new()),
            },
        },
    };
    err.message = match &mac {
        Some(m) => format!("lỗi mẫu: {message} (trong macro \"{m}\")"),
        None => format!("lỗi mẫu: {message}"),
    };
    err
}

/// The message of a chain below the "Failed to render" head: a filter or function call
/// wraps the real cause.
fn describe(chain: &[String]) -> (String, Option<Needle>) {
    let first = chain.first().map(String::as_str).unwrap_or("");
    let inner = || {
        chain
            .get(1..)
            .map(describe)
            .unwrap_or_else(|| (String::new(), None))
    };
    if let Some(c) = caps(first, "Filter call '{}' failed") {
        let (m, _) = inner();
        let own = format!("bộ lọc {}", c[0]);
        return (
            if m.starts_with(&own) {
                m
            } else {
                format!("bộ lọc \"{}\": {m}", c[0])
            },
            Some(Needle::Filter(c[0].into())),
        );
    }
    if let Some(c) = caps(first, "Function call '{}' failed") {
        let (m, _) = inner();
        let raw = chain.get(1).cloned().unwrap_or_default();
        let msg = if c[0] == "throw" && !raw.starts_with("Function `throw`") {
            format!("mẫu dừng lại bằng throw: {raw}")
        } else {
            format!("hàm \"{}\": {m}", c[0])
        };
        return (msg, Some(Needle::Func(c[0].into())));
    }
    if let Some(c) = caps(first, "Test call '{}' failed") {
        let (m, _) = inner();
        return (
            format!("phép thử \"{}\": {m}", c[0]),
            Some(Needle::Test(c[0].into())),
        );
    }
    translate(first)
}

/// The innermost `{% if %}`, `{% for %}`, … of `src` left open at the end, and its closer.
fn unclosed_block(src: &str) -> Option<(usize, String, &'static str)> {
    const PAIRS: &[(&str, &str)] = &[
        ("if", "endif"),
        ("for", "endfor"),
        ("macro", "endmacro"),
        ("filter", "endfilter"),
        ("block", "endblock"),
    ];
    let mut open: Vec<(usize, String, &'static str)> = Vec::new();
    for t in scan::tags(src) {
        let kw = t.keyword(src);
        if let Some((o, c)) = PAIRS.iter().find(|(o, _)| *o == kw) {
            open.push((t.start, o.to_string(), c));
        } else if PAIRS.iter().any(|(_, c)| *c == kw) {
            open.pop();
        }
    }
    open.pop()
}

/// The byte range of macro `name`'s definition in whichever source defines it.
fn macro_def<'a, 'b>(name: &str, sources: &'b [Src<'a>]) -> Option<(&'b Src<'a>, Range<usize>)> {
    for s in sources {
        let tags = scan::tags(s.text);
        for (i, t) in tags.iter().enumerate() {
            if t.keyword(s.text) != "macro" {
                continue;
            }
            let toks = scan::tokens(&s.text[t.code.clone()]);
            if toks.get(1).map(|x| x.1) == Some(Tok::Ident(name)) {
                let end = tags[i..]
                    .iter()
                    .find(|e| e.keyword(s.text) == "endmacro")
                    .map_or(s.text.len(), |e| e.end);
                return Some((s, t.start..end));
            }
        }
    }
    None
}

/// Where `needle` is: in macro `mac` if known, else in template `tpl`, else anywhere.
fn locate<'a, 'b>(
    needle: &Needle,
    tpl: &str,
    mac: Option<&str>,
    sources: &'b [Src<'a>],
) -> Option<(&'b Src<'a>, usize)> {
    if let Some((s, r)) = mac.and_then(|m| macro_def(m, sources))
        && let Some(o) = search(s.text, r, needle)
    {
        return Some((s, o));
    }
    let ordered = sources
        .iter()
        .filter(|s| s.name == tpl)
        .chain(sources.iter().filter(|s| s.name != tpl));
    for s in ordered {
        if let Some(o) = search(s.text, 0..s.text.len(), needle) {
            return Some((s, o));
        }
    }
    None
}

/// The byte offset of the first occurrence of `needle` in the code tags within `range`.
fn search(src: &str, range: Range<usize>, needle: &Needle) -> Option<usize> {
    let mut fallback = None;
    for tag in scan::tags(src) {
        if tag.start < range.start || tag.end > range.end {
            continue;
        }
        let code = &src[tag.code.clone()];
        if let Needle::Text(t) = needle {
            if let Some(i) = code.find(t.as_str()) {
                return Some(tag.code.start + i);
            }
            continue;
        }
        if let Needle::Second(t) = needle {
            // A definition tag: `macro a(`, `block a`.
            let text = tag.text(src);
            if text
                .strip_prefix(t.as_str())
                .is_some_and(|r| !r.starts_with(scan::is_ident_char))
            {
                let at = tag.code.start + code.find(t.as_str()).unwrap_or(0);
                if fallback.is_some() {
                    return Some(at);
                }
                fallback = Some(at);
            }
            continue;
        }
        let toks = scan::tokens(code);
        for (i, (off, t)) in toks.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| toks[p].1);
            let next = toks.get(i + 1).map(|x| x.1);
            let Tok::Ident(id) = t else { continue };
            let hit = match needle {
                Needle::Filter(f) => {
                    id == f
                        && (prev == Some(Tok::Punct('|'))
                            || (i == 1 && tag.keyword(src) == "filter"))
                }
                Needle::Func(f) => {
                    id == f
                        && next == Some(Tok::Open('('))
                        && !matches!(prev, Some(Tok::Punct(':' | '|' | '.')))
                }
                Needle::Macro(m) => {
                    id == m && prev == Some(Tok::Punct(':')) && next == Some(Tok::Open('('))
                }
                Needle::Test(n) => id == n && matches!(prev, Some(Tok::Ident("is" | "not"))),
                Needle::Var(path) => {
                    let first = path.split(['.', '[']).next().unwrap_or(path);
                    let is_kwarg = next == Some(Tok::Punct('='))
                        && toks.get(i + 2).map(|x| x.1) != Some(Tok::Punct('='));
                    if id != &first
                        || is_kwarg
                        || matches!(prev, Some(Tok::Punct('.' | ':')))
                        || matches!(next, Some(Tok::Open('(')) | Some(Tok::Punct(':')))
                    {
                        false
                    } else if code[*off..].starts_with(path.as_str()) {
                        true
                    } else {
                        fallback = fallback.or(Some(tag.code.start + off));
                        false
                    }
                }
                Needle::Text(_) | Needle::Second(_) => false,
            };
            if hit {
                return Some(tag.code.start + off);
            }
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_in_code() {
        let src = "x khong_co\n{{ a.b | so }}{{ list=khong_co.x }}{{ f(list=1) }}{% if v is odd %}";
        let all = 0..src.len();
        let off = |n: &Needle| search(src, all.clone(), n);
        assert_eq!(
            off(&Needle::Var("khong_co.x".into())),
            src.find("khong_co.x")
        );
        assert_eq!(off(&Needle::Filter("so".into())), src.find("so }"));
        assert_eq!(off(&Needle::Func("f".into())), src.find("f("));
        assert_eq!(off(&Needle::Test("odd".into())), src.find("odd"));
        assert_eq!(off(&Needle::Var("list".into())), None);
    }

    #[test]
    fn finds_the_block_left_open() {
        assert_eq!(
            unclosed_block("{% if a %}{% for x in y %}{% endfor %}x"),
            Some((0, "if".to_string(), "endif"))
        );
    }
}
