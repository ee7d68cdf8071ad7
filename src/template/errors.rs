//! Tera's errors in Vietnamese, at the template file (the user's override or the built-in
//! `templates/NAME`) and, where Tera gives one or the name it reports can be found in the
//! source, the line and column.

use std::ops::Range;
use std::path::PathBuf;

use super::guard::{self, Site};
use super::scan::{self, Tok};
use crate::error::{Error, Kind, Pos};
use crate::load::line_col_of_byte;

/// A template as the error translation sees it.
pub struct Src<'a> {
    pub name: &'a str,
    /// The source as written (positions refer to it).
    pub text: &'a str,
    /// The file shown to the user.
    pub origin: PathBuf,
}

/// What to look for in the source to place an error.
#[derive(Debug, Clone, PartialEq)]
enum Needle {
    Var(String),
    Filter(String),
    Func(String),
    Macro(String),
    Test(String),
    Text(String),
}

/// Match `msg` against `pat`, where each `{}` captures (shortest first) and the rest must
/// match exactly, the whole message.
fn caps<'a>(msg: &'a str, pat: &str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = pat.split("{}").collect();
    let mut rest = msg.strip_prefix(parts[0])?;
    let mut out = Vec::new();
    for (i, lit) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        let at = if last {
            if !rest.ends_with(lit) {
                return None;
            }
            rest.len() - lit.len()
        } else if lit.is_empty() {
            return None;
        } else {
            rest.find(lit)?
        };
        out.push(&rest[..at]);
        rest = &rest[at + lit.len()..];
    }
    (parts.len() > 1 || rest.is_empty()).then_some(out)
}

fn type_vi(t: &str) -> &str {
    match t.trim() {
        "string" | "String" => "chuỗi",
        "number" | "f64" | "i64" | "u64" => "số",
        "boolean" | "bool" => "giá trị đúng/sai",
        "array" | "Vec < Value >" => "danh sách",
        other => other,
    }
}

/// Tera's message `m` in Vietnamese, and what to search for to place it.
fn translate(m: &str) -> (String, Option<Needle>) {
    let var = |s: &str| Some(Needle::Var(s.to_string()));
    let q = |s: &str| format!("\"{s}\"");
    let tr = |pat: &str| caps(m, pat);
    if let Some(c) = tr(
        "Variable `{}` not found in context while rendering '{}': the evaluated version was `{}`. Maybe the index is out of bounds?",
    ) {
        return (
            format!(
                "biến {} (tức {}) không có trong dữ liệu; có thể chỉ số vượt quá độ dài danh sách",
                q(c[0]),
                q(c[2])
            ),
            var(c[0]),
        );
    }
    if let Some(c) = tr("Variable `{}` not found in context while rendering '{}'") {
        return (
            format!("biến {} không có trong dữ liệu", q(c[0])),
            var(c[0]),
        );
    }
    if let Some(c) = tr("Filter '{}' not found") {
        return (
            format!("không có bộ lọc (filter) {}", q(c[0])),
            Some(Needle::Filter(c[0].into())),
        );
    }
    if let Some(c) = tr("Function '{}' not found") {
        return (
            format!("không có hàm {}", q(c[0])),
            Some(Needle::Func(c[0].into())),
        );
    }
    if let Some(c) = tr("Test '{}' not found") {
        return (
            format!("không có phép thử (test) {}", q(c[0])),
            Some(Needle::Test(c[0].into())),
        );
    }
    if let Some(c) = tr("Template '{}' not found") {
        let n = c[0].trim_matches(['[', ']']);
        return (
            format!("không có mẫu {}", q(n)),
            Some(Needle::Text(n.split(", ").next().unwrap_or(n).into())),
        );
    }
    if let Some(c) = tr("Macro `{}::{}` not found in template `{}`") {
        return (
            format!(
                "không có macro {} trong mẫu {} (gọi là {})",
                q(c[1]),
                q(c[2]),
                q(&format!("{}::{}", c[0], c[1]))
            ),
            Some(Needle::Macro(c[1].into())),
        );
    }
    if let Some(c) = tr(
        "Macro namespace `{}` was not found in template `{}`. Have you maybe forgotten to import it, or misspelled it?",
    ) {
        return (
            format!(
                "mẫu {} chưa nhập nhóm macro {} (thiếu {{% import \"…\" as {} %}} hoặc viết sai tên)",
                q(c[1]),
                q(c[0]),
                c[0]
            ),
            Some(Needle::Text(format!("{}::", c[0]))),
        );
    }
    if let Some(c) = tr("Macro `{}` is missing the argument `{}`") {
        return (
            format!("gọi macro {} thiếu tham số {}", q(c[0]), q(c[1])),
            Some(Needle::Macro(c[0].into())),
        );
    }
    if let Some(c) = tr("Macro `{}` is duplicated") {
        return (
            format!("macro {} được định nghĩa hai lần", q(c[0])),
            Some(Needle::Text(format!("macro {}", c[0]))),
        );
    }
    if let Some(c) = tr("Block `{}` is duplicated") {
        return (
            format!("khối (block) {} được định nghĩa hai lần", q(c[0])),
            Some(Needle::Text(format!("block {}", c[0]))),
        );
    }
    if let Some(c) = tr("Template `{}` loads macros from `{}` which isn't present in Tera") {
        return (
            format!(
                "mẫu {} nhập macro từ {} nhưng không có mẫu này",
                q(c[0]),
                q(c[1])
            ),
            Some(Needle::Text(format!("\"{}\"", c[1]))),
        );
    }
    if let Some(c) =
        tr("Template '{}' is inheriting from '{}', which doesn't exist or isn't loaded.")
    {
        return (
            format!(
                "mẫu {} kế thừa (extends) {} nhưng không có mẫu này",
                q(c[0]),
                q(c[1])
            ),
            Some(Needle::Text(format!("\"{}\"", c[1]))),
        );
    }
    if let Some(c) = tr("Circular extend detected for template '{}'. Inheritance chain: `{}`") {
        return (
            format!("mẫu {} kế thừa (extends) vòng tròn: {}", q(c[0]), c[1]),
            Some(Needle::Text("extends".into())),
        );
    }
    if let Some(c) =
        tr("Inheritance in included templates is currently not supported: extended `{}`")
    {
        return (
            format!(
                "mẫu được chèn (include) không được kế thừa (extends) mẫu khác ({})",
                q(c[0])
            ),
            Some(Needle::Text("extends".into())),
        );
    }
    if let Some(c) = tr("Variable `{}` was used in a math operation but is not a number") {
        return (
            format!(
                "biến {} dùng trong phép toán nhưng không phải là số",
                q(c[0])
            ),
            var(c[0]),
        );
    }
    if let Some(c) = tr("Function `{}` was used in a math operation but is not returning a number")
    {
        return (
            format!("hàm {} dùng trong phép toán nhưng không trả về số", q(c[0])),
            Some(Needle::Func(c[0].into())),
        );
    }
    if let Some(c) = tr("Function `{}` was used in a logic operation but is not returning a bool") {
        return (
            format!(
                "hàm {} dùng trong điều kiện nhưng không trả về đúng/sai",
                q(c[0])
            ),
            Some(Needle::Func(c[0].into())),
        );
    }
    if let Some(c) = tr("Tried to do math with a string: `{}`") {
        return (
            format!("phép toán với một chuỗi ({}) thay vì một số", q(c[0])),
            None,
        );
    }
    if let Some(c) = tr("Tried to do math with a boolean: `{}`") {
        return (
            format!("phép toán với giá trị đúng/sai ({}) thay vì một số", c[0]),
            None,
        );
    }
    if m.starts_with("Tried to do math with") {
        return ("phép toán với một giá trị không phải là số".into(), None);
    }
    if let Some(c) = tr("Tried to do a modulo by zero: {}/{}") {
        return (
            format!("phép chia lấy dư cho 0 ({} % {})", c[0], c[1]),
            Some(Needle::Text("%".into())),
        );
    }
    for (op, sign) in [("x", "×"), ("+", "+"), ("-", "−")] {
        for ty in ["i64", "u64"] {
            if let Some(c) = tr(&format!("{{}} {op} {{}} results in an out of bounds {ty}")) {
                return (
                    format!(
                        "phép toán {} {sign} {} vượt quá giới hạn số nguyên",
                        c[0], c[1]
                    ),
                    None,
                );
            }
        }
    }
    if m == "Comparison to NaN" {
        return ("so sánh với một giá trị không phải số (NaN)".into(), None);
    }
    if let Some(c) = tr("Tried to iterate on a container (`{}`) that has a unsupported type") {
        return (
            format!(
                "không lặp (for) được trên {}: không phải danh sách hay bảng khóa",
                q(c[0])
            ),
            var(c[0]),
        );
    }
    if let Some(c) =
        tr("Tried to iterate using key value on variable `{}`, but it isn't an object/map")
    {
        return (
            format!(
                "lặp theo cặp khóa, giá trị trên {} nhưng nó không phải bảng khóa",
                q(c[0])
            ),
            var(c[0]),
        );
    }
    if let Some(c) =
        tr("Tried to iterate using key value on variable `{}`, but it is missing a key")
    {
        return (
            format!(
                "lặp theo cặp khóa, giá trị trên {} nhưng thiếu khóa",
                q(c[0])
            ),
            var(c[0]),
        );
    }
    if m == "The `in` operator only supports strings, arrays and objects."
        || m.starts_with("Tried to check if ")
    {
        return (
            "phép \"in\" chỉ dùng được với chuỗi, danh sách và bảng khóa".into(),
            Some(Needle::Text(" in ".into())),
        );
    }
    if let Some(c) =
        tr("Only variables evaluating to String or Number can be used as index (`{}` of `{}`)")
    {
        return (
            format!("chỉ số {} của {} phải là chuỗi hoặc số", q(c[0]), q(c[1])),
            var(c[1]),
        );
    }
    if let Some(c) = tr("Variable {} can not be evaluated because: {}") {
        let (inner, _) = translate(c[1]);
        return (
            format!("không tính được biến {}: {inner}", q(c[0])),
            var(c[0]),
        );
    }
    if let Some(c) = tr("Tried to concat a value that is not a string or a number from ident {}") {
        return (
            format!(
                "nối chuỗi (~) với {} nhưng nó không phải chuỗi hay số",
                q(c[0])
            ),
            var(c[0]),
        );
    }
    if let Some(c) = tr("Filter `{}` was called on an incorrect value: got `{}` but expected a {}")
    {
        return (
            format!(
                "bộ lọc {} cần một {} nhưng nhận {}",
                q(c[0]),
                type_vi(c[2]),
                c[1]
            ),
            Some(Needle::Filter(c[0].into())),
        );
    }
    if let Some(c) =
        tr("Filter `{}` received an incorrect type for arg `{}`: got `{}` but expected a {}")
    {
        return (
            format!(
                "bộ lọc {}: tham số {} cần một {} nhưng nhận {}",
                q(c[0]),
                q(c[1]),
                type_vi(c[3]),
                c[2]
            ),
            Some(Needle::Filter(c[0].into())),
        );
    }
    for pat in [
        "The `{}` filter has to have an `{}` argument",
        "The `{}` filter has to have a `{}` argument",
        "Filter `{}` expected an arg called `{}`",
    ] {
        if let Some(c) = tr(pat) {
            return (
                format!("bộ lọc {} cần tham số {}", q(c[0]), q(c[1])),
                Some(Needle::Filter(c[0].into())),
            );
        }
    }
    if let Some(c) = tr("Function `{}` was called without a `{}` argument") {
        return (
            format!("hàm {} cần tham số {}", q(c[0]), q(c[1])),
            Some(Needle::Func(c[0].into())),
        );
    }
    if let Some(c) = tr("Function `{}` didn't receive a `{}` argument")
        .or_else(|| tr("Function `{}` didn't receive an `{}` argument"))
    {
        return (
            format!("hàm {} cần tham số {}", q(c[0]), q(c[1])),
            Some(Needle::Func(c[0].into())),
        );
    }
    if let Some(c) = tr("Function `{}` received {}={} but `{}` can only be a {}") {
        return (
            format!(
                "hàm {}: tham số {} phải là {} (nhận {})",
                q(c[0]),
                q(c[1]),
                type_vi(c[4]),
                c[2]
            ),
            Some(Needle::Func(c[0].into())),
        );
    }
    if m == "Function `range` was called with a `start` argument greater than the `end` one" {
        return (
            "hàm \"range\": start lớn hơn end".into(),
            Some(Needle::Func("range".into())),
        );
    }
    if let Some(c) = tr("Tester `{}` was called on an undefined variable") {
        return (
            format!(
                "phép thử {} dùng trên một biến không có trong dữ liệu",
                q(c[0])
            ),
            Some(Needle::Test(c[0].into())),
        );
    }
    if let Some(c) = tr("Tester `{}` {}") {
        return (
            format!(
                "phép thử {} dùng sai (không đúng kiểu giá trị hoặc tham số)",
                q(c[0])
            ),
            Some(Needle::Test(c[0].into())),
        );
    }
    if let Some(c) = tr("Integer out of bounds: `{}`").or_else(|| tr("Float out of bounds: `{}`")) {
        return (
            format!("số {} vượt quá giới hạn", c[0]),
            Some(Needle::Text(c[0].into())),
        );
    }
    if let Some(c) = tr("Attempted `{}` while not in `for loop`") {
        return (
            format!("{{% {} %}} chỉ dùng được trong vòng lặp for", c[0]),
            Some(Needle::Text(c[0].into())),
        );
    }
    if m == "Tried to use super() in the top level block" {
        return (
            "super() chỉ dùng được trong một khối (block) của mẫu kế thừa".into(),
            Some(Needle::Func("super".into())),
        );
    }
    // Already Vietnamese (vanban's own filters) or unknown: kept, marked as Tera's.
    if m.chars()
        .any(|c| "ăâđêôơưáàảãạếềểễệóòỏõọúùủũụíìỉĩịýỳỷỹỵ".contains(c))
    {
        return (m.to_string(), None);
    }
    (format!("Tera báo: «{m}»"), None)
}

/// A Tera error for rendering or compiling template `rendering`, as the user's error.
pub fn to_error(e: &tera::Error, rendering: &str, sources: &[Src], sites: &[Site]) -> Error {
    let mut chain: Vec<String> = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = cur {
        chain.push(c.to_string());
        cur = c.source();
    }
    let find_src = |n: &str| sources.iter().find(|s| s.name == n);
    let at = |s: &Src, off: Option<usize>| -> Error {
        let pos = off.map(|o| line_col_of_byte(s.text, o));
        Error::new(Kind::Template, String::new()).at(&s.origin, pos)
    };

    // A macro called too deep (or too often): at the call site.
    for m in &chain {
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
            let mut err = match find_src(&site.template) {
                Some(s) => at(s, Some(site.offset)),
                None => Error::new(Kind::Template, String::new()),
            };
            err.message = format!(
                "lỗi mẫu: macro \"{}\" {what} — có lẽ macro tự gọi lại chính nó (trực tiếp hoặc qua macro khác) mà không có điểm dừng",
                site.callee
            );
            return err;
        }
    }

    // A parse error: Tera names the template, pest gives " --> line:col".
    if let Some(i) = chain
        .iter()
        .position(|m| m.starts_with("Failed to parse '"))
        && let Some(name) = caps(&chain[i], "Failed to parse '{}'").map(|c| c[0].to_string())
        && let Some(s) = find_src(&name)
    {
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
        return err;
    }

    // A render error: the template and macro Tera was in, the innermost message.
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
                None => Error::new(Kind::Template, String::new()),
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

/// A pest error's position and, in Vietnamese, what was expected there.
fn pest_error(m: &str) -> Option<(Pos, String)> {
    let arrow = m.find("--> ")?;
    let lc: String = m[arrow + 4..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (l, c) = lc.split_once(':')?;
    let pos = Pos::new(l.parse().ok()?, c.parse().ok()?);
    let note = m
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))
        .unwrap_or("");
    if note == "stack limit reached" {
        return Some((pos, ": mẫu lồng nhau quá sâu".into()));
    }
    let mut detail = String::new();
    for part in note.split("; ") {
        if let Some(rest) = part.strip_prefix("unexpected ") {
            let items = rule_names(rest);
            if !items.is_empty() {
                detail.push_str(&format!("; không được có {} ở đây", or_list(&items)));
            }
        } else if let Some(rest) = part.strip_prefix("expected ") {
            let items = rule_names(rest);
            if !items.is_empty() {
                detail.push_str(&format!("; cần {}", or_list(&items)));
            }
        }
    }
    Some((pos, detail.replacen("; ", ": ", 1)))
}

fn or_list(v: &[String]) -> String {
    match v.len() {
        0 => String::new(),
        1 => v[0].clone(),
        n => format!("{} hoặc {}", v[..n - 1].join(", "), v[n - 1]),
    }
}

/// Tera's names for what pest expected ("`%}` or `-%}`", "an identifier …") in Vietnamese;
/// names without a translation are left out.
fn rule_names(list: &str) -> Vec<String> {
    const NAMES: &[(&str, &str)] = &[
        ("tag", "một thẻ {% … %}"),
        ("some content", "nội dung"),
        ("some text", "văn bản"),
        ("the macro content", "nội dung macro"),
        ("a value", "một giá trị"),
        ("a value that can be negated", "một giá trị"),
        ("an expression", "một biểu thức"),
        ("any expressions", "một biểu thức"),
        ("an expression with an optional filter", "một biểu thức"),
        (
            "an identifier (must start with a-z)",
            "một tên (bắt đầu bằng chữ cái)",
        ),
        ("a dotted identifier", "một tên"),
        ("a square bracketed identifier", "một tên"),
        ("a string", "một chuỗi"),
        ("an integer", "một số nguyên"),
        ("a float", "một số thập phân"),
        ("a filter", "một bộ lọc (| …)"),
        ("a function call", "một lời gọi hàm"),
        ("a macro function call", "một lời gọi macro"),
        ("a keyword argument", "một tham số dạng `tên=giá trị`"),
        (
            "a list of keyword arguments",
            "các tham số dạng `tên=giá trị`",
        ),
        ("a mathematical operator", "một phép toán"),
        ("a comparison operator", "một phép so sánh"),
        ("a test", "một phép thử"),
        ("an array of values", "một danh sách"),
        ("end of input", "hết mẫu"),
    ];
    let list = list.replace(", or ", ", ").replace(" or ", ", ");
    let mut out: Vec<String> = Vec::new();
    for item in list.split(", ").map(str::trim) {
        let vi = if item.starts_with('`') && item.ends_with('`') {
            Some(item.to_string())
        } else if let Some((_, vi)) = NAMES.iter().find(|(en, _)| {
            item == *en
                || item.starts_with(&format!("{en} ("))
                || item.starts_with(&format!("{en}:"))
        }) {
            Some(vi.to_string())
        } else if let (Some(a), Some(b)) = (item.find("(`"), item.rfind("`)")) {
            Some(item[a + 1..b + 1].to_string())
        } else {
            None
        };
        if let Some(v) = vi.filter(|v| !out.contains(v)) {
            out.push(v);
        }
    }
    out
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
                Needle::Text(_) => false,
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
    fn patterns_capture() {
        assert_eq!(
            caps("Filter 'so' not found", "Filter '{}' not found"),
            Some(vec!["so"])
        );
        assert_eq!(
            caps("Filter 'so' not foundx", "Filter '{}' not found"),
            None
        );
        assert_eq!(caps("abc", "abc"), Some(vec![]));
        assert_eq!(caps("abd", "abc"), None);
    }

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
    fn pest_positions_and_expectations() {
        let m = " --> 3:27\n  |\n3 | {{ m::nodes(list=noi_dung }}\n  |   ^---\n  |\n  = expected `or`, `and`, or a filter";
        let (pos, detail) = pest_error(m).unwrap();
        assert_eq!(pos, Pos::new(3, 27));
        assert_eq!(detail, ": cần `or`, `and` hoặc một bộ lọc (| …)");
        let m =
            " --> 1:4\n  = expected a variable end (`}}`) or an identifier (must start with a-z)";
        assert_eq!(
            pest_error(m).unwrap().1,
            ": cần `}}` hoặc một tên (bắt đầu bằng chữ cái)"
        );
        assert_eq!(
            unclosed_block("{% if a %}{% for x in y %}{% endfor %}x"),
            Some((0, "if".to_string(), "endif"))
        );
    }

    #[test]
    fn translations_are_vietnamese() {
        for m in [
            "Variable `x.y` not found in context while rendering 'a.xml'",
            "Filter 'zz' not found",
            "Function 'zz' not found",
            "Tried to do math with a string: `abc`",
            "Tried to do a modulo by zero: 1/0",
            "9223372036854775807 + 1 results in an out of bounds i64",
        ] {
            let (v, _) = translate(m);
            assert!(!v.contains("Tera báo"), "{m} → {v}");
        }
    }
}
