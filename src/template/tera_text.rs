//! Tera's English messages in Vietnamese, with what to search for in the template source to
//! place the error (Tera gives a position only for parse errors).

use crate::error::Pos;

/// What to look for in the source to place an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Needle {
    Var(String),
    Filter(String),
    Func(String),
    Macro(String),
    Test(String),
    Text(String),
    /// The second occurrence of a text (a duplicate definition).
    Second(String),
}

/// How a rule's needle is made from its captures.
#[derive(Clone, Copy)]
enum N {
    No,
    Var(usize),
    Filter(usize),
    Func(usize),
    Macro(usize),
    Test(usize),
    /// A text around capture `i`: prefix, suffix.
    Text(usize, &'static str, &'static str),
    /// A fixed text.
    Lit(&'static str),
    /// The second occurrence of prefix + capture `i`.
    Second(&'static str, usize),
}

/// (Tera's pattern, the Vietnamese text, the needle). `{}` in a pattern captures; `{0}`,
/// `{1}`, … in the text are the captures. The first matching rule wins.
const RULES: &[(&str, &str, N)] = &[
    (
        "Variable `{}` not found in context while rendering '{}': the evaluated version was `{}`. Maybe the index is out of bounds?",
        "biến \"{0}\" (tức \"{2}\") không có trong dữ liệu; có thể chỉ số vượt quá độ dài danh sách",
        N::Var(0),
    ),
    (
        "Variable `{}` not found in context while rendering '{}'",
        "biến \"{0}\" không có trong dữ liệu",
        N::Var(0),
    ),
    (
        "Filter '{}' not found",
        "không có bộ lọc (filter) \"{0}\"",
        N::Filter(0),
    ),
    (
        "Function '{}' not found",
        "không có hàm \"{0}\"",
        N::Func(0),
    ),
    (
        "Test '{}' not found",
        "không có phép thử (test) \"{0}\"",
        N::Test(0),
    ),
    (
        "Macro `{}::{}` not found in template `{}`",
        "không có macro \"{1}\" trong mẫu \"{2}\" (gọi là \"{0}::{1}\")",
        N::Macro(1),
    ),
    (
        "Macro namespace `{}` was not found in template `{}`. Have you maybe forgotten to import it, or misspelled it?",
        "mẫu \"{1}\" chưa nhập nhóm macro \"{0}\" (thiếu {% import \"…\" as {0} %} hoặc viết sai tên)",
        N::Text(0, "", "::"),
    ),
    (
        "Macro `{}` is missing the argument `{}`",
        "gọi macro \"{0}\" thiếu tham số \"{1}\"",
        N::Macro(0),
    ),
    (
        "Macro `{}` is duplicated",
        "macro \"{0}\" được định nghĩa hai lần",
        N::Second("macro ", 0),
    ),
    (
        "Block `{}` is duplicated",
        "khối (block) \"{0}\" được định nghĩa hai lần",
        N::Second("block ", 0),
    ),
    (
        "Template `{}` loads macros from `{}` which isn't present in Tera",
        "mẫu \"{0}\" nhập macro từ \"{1}\" nhưng không có mẫu này",
        N::Text(1, "\"", "\""),
    ),
    (
        "Template '{}' is inheriting from '{}', which doesn't exist or isn't loaded.",
        "mẫu \"{0}\" kế thừa (extends) \"{1}\" nhưng không có mẫu này",
        N::Text(1, "\"", "\""),
    ),
    (
        "Circular extend detected for template '{}'. Inheritance chain: `{}`",
        "mẫu \"{0}\" kế thừa (extends) vòng tròn: {1}",
        N::Lit("extends"),
    ),
    (
        "Inheritance in included templates is currently not supported: extended `{}`",
        "mẫu được chèn (include) không được kế thừa (extends) mẫu khác (\"{0}\")",
        N::Lit("extends"),
    ),
    (
        "Variable `{}` was used in a math operation but is not a number",
        "biến \"{0}\" dùng trong phép toán nhưng không phải là số",
        N::Var(0),
    ),
    (
        "Function `{}` was used in a math operation but is not returning a number",
        "hàm \"{0}\" dùng trong phép toán nhưng không trả về số",
        N::Func(0),
    ),
    (
        "Function `{}` was used in a logic operation but is not returning a bool",
        "hàm \"{0}\" dùng trong điều kiện nhưng không trả về đúng/sai",
        N::Func(0),
    ),
    (
        "Tried to do math with a string: `{}`",
        "phép toán với một chuỗi (\"{0}\") thay vì một số",
        N::No,
    ),
    (
        "Tried to do math with a boolean: `{}`",
        "phép toán với giá trị đúng/sai ({0}) thay vì một số",
        N::No,
    ),
    (
        "Tried to do math with {}",
        "phép toán với một giá trị không phải là số",
        N::No,
    ),
    (
        "Tried to do a modulo by zero: {}",
        "phép chia lấy dư cho 0",
        N::Lit("%"),
    ),
    (
        "{} results in an out of bounds {}",
        "phép toán {0} vượt quá giới hạn số nguyên",
        N::No,
    ),
    (
        "Comparison to NaN",
        "so sánh với một giá trị không phải số (NaN)",
        N::No,
    ),
    (
        "Tried to iterate on a container (`{}`) that has a unsupported type",
        "không lặp (for) được trên \"{0}\": không phải danh sách hay bảng khóa",
        N::Var(0),
    ),
    (
        "Tried to iterate using key value on variable `{}`, but it isn't an object/map",
        "lặp theo cặp khóa, giá trị trên \"{0}\" nhưng nó không phải bảng khóa",
        N::Var(0),
    ),
    (
        "Tried to iterate using key value on variable `{}`, but it is missing a key",
        "lặp theo cặp khóa, giá trị trên \"{0}\" nhưng thiếu khóa",
        N::Var(0),
    ),
    (
        "The `in` operator only supports strings, arrays and objects.",
        "phép \"in\" chỉ dùng được với chuỗi, danh sách và bảng khóa",
        N::Lit(" in "),
    ),
    (
        "Tried to check if {} is in a {}, but it isn't a string",
        "phép \"in\" chỉ dùng được với chuỗi, danh sách và bảng khóa",
        N::Lit(" in "),
    ),
    (
        "Only variables evaluating to String or Number can be used as index (`{}` of `{}`)",
        "chỉ số \"{0}\" của \"{1}\" phải là chuỗi hoặc số",
        N::Var(1),
    ),
    (
        "Tried to concat a value that is not a string or a number from ident {}",
        "nối chuỗi (~) với \"{0}\" nhưng nó không phải chuỗi hay số",
        N::Var(0),
    ),
    (
        "Tried to concat a value that is not a string or a number from function call {}",
        "nối chuỗi (~) với kết quả của hàm \"{0}\" nhưng nó không phải chuỗi hay số",
        N::Func(0),
    ),
    (
        "Filter `{}` was called on an incorrect value: got `{}` but expected a {}",
        "bộ lọc \"{0}\" cần một {T2} nhưng nhận {1}",
        N::Filter(0),
    ),
    (
        "Filter `{}` received an incorrect type for arg `{}`: got `{}` but expected a {}",
        "bộ lọc \"{0}\": tham số \"{1}\" cần một {T3} nhưng nhận {2}",
        N::Filter(0),
    ),
    (
        "The `{}` filter has to have an `{}` argument",
        "bộ lọc \"{0}\" cần tham số \"{1}\"",
        N::Filter(0),
    ),
    (
        "The `{}` filter has to have a `{}` argument",
        "bộ lọc \"{0}\" cần tham số \"{1}\"",
        N::Filter(0),
    ),
    (
        "The `{}` filter requires a `{}` argument.",
        "bộ lọc \"{0}\" cần tham số \"{1}\"",
        N::Filter(0),
    ),
    (
        "Filter `{}` expected an arg called `{}`",
        "bộ lọc \"{0}\" cần tham số \"{1}\"",
        N::Filter(0),
    ),
    (
        "Function `{}` was called without a `{}` argument",
        "hàm \"{0}\" cần tham số \"{1}\"",
        N::Func(0),
    ),
    (
        "Function `{}` didn't receive a `{}` argument",
        "hàm \"{0}\" cần tham số \"{1}\"",
        N::Func(0),
    ),
    (
        "Function `{}` didn't receive an `{}` argument",
        "hàm \"{0}\" cần tham số \"{1}\"",
        N::Func(0),
    ),
    (
        "Function `{}` received {}={} but `{}` can only be a {}",
        "hàm \"{0}\": tham số \"{1}\" phải là {T4} (nhận {2})",
        N::Func(0),
    ),
    (
        "Function `range` was called with a `start` argument greater than the `end` one",
        "hàm \"range\": start lớn hơn end",
        N::Lit("range("),
    ),
    (
        "Tester `{}` was called on an undefined variable",
        "phép thử \"{0}\" dùng trên một biến không có trong dữ liệu",
        N::Test(0),
    ),
    (
        "Tester `{}` {}",
        "phép thử \"{0}\" dùng sai (không đúng kiểu giá trị hoặc tham số)",
        N::Test(0),
    ),
    (
        "Integer out of bounds: `{}`",
        "số {0} vượt quá giới hạn",
        N::Text(0, "", ""),
    ),
    (
        "Float out of bounds: `{}`",
        "số {0} vượt quá giới hạn",
        N::Text(0, "", ""),
    ),
    (
        "Attempted `{}` while not in `for loop`",
        "{% {0} %} chỉ dùng được trong vòng lặp for",
        N::Text(0, "", ""),
    ),
    (
        "Tried to use super() in the top level block",
        "super() chỉ dùng được trong một khối (block) của mẫu kế thừa",
        N::Lit("super("),
    ),
];

/// Match `msg` against `pat`, where each `{}` captures (shortest first, the last one up to
/// the end) and the rest must match exactly, the whole message.
pub fn caps<'a>(msg: &'a str, pat: &str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = pat.split("{}").collect();
    let mut rest = msg.strip_prefix(parts[0])?;
    let mut out = Vec::new();
    for (i, lit) in parts.iter().enumerate().skip(1) {
        let at = if i == parts.len() - 1 {
            rest.strip_suffix(lit)?.len()
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
        "number" | "f64" | "i64" | "u64" | "u32" | "usize" => "số",
        "boolean" | "bool" => "giá trị đúng/sai",
        "array" | "Vec < Value >" => "danh sách",
        other => other,
    }
}

/// Tera's message `m` in Vietnamese, and what to search for to place it.
pub fn translate(m: &str) -> (String, Option<Needle>) {
    if let Some(c) = caps(m, "Template '{}' not found") {
        let n = c[0].trim_matches(['[', ']']);
        let first = n.split(", ").next().unwrap_or(n);
        return (
            format!("không có mẫu \"{n}\""),
            Some(Needle::Text(first.into())),
        );
    }
    if let Some(c) = caps(m, "Variable {} can not be evaluated because: {}") {
        let (inner, _) = translate(c[1]);
        return (
            format!("không tính được biến \"{}\": {inner}", c[0]),
            Some(Needle::Var(c[0].into())),
        );
    }
    for (pat, vi, n) in RULES {
        let Some(c) = caps(m, pat) else { continue };
        let mut text = vi.to_string();
        for (i, v) in c.iter().enumerate() {
            text = text
                .replace(&format!("{{{i}}}"), v)
                .replace(&format!("{{T{i}}}"), type_vi(v));
        }
        let s = |i: usize| c.get(i).map_or(String::new(), |v| v.to_string());
        let needle = match *n {
            N::No => None,
            N::Var(i) => Some(Needle::Var(s(i))),
            N::Filter(i) => Some(Needle::Filter(s(i))),
            N::Func(i) => Some(Needle::Func(s(i))),
            N::Macro(i) => Some(Needle::Macro(s(i))),
            N::Test(i) => Some(Needle::Test(s(i))),
            N::Text(i, pre, post) => Some(Needle::Text(format!("{pre}{}{post}", s(i)))),
            N::Lit(t) => Some(Needle::Text(t.into())),
            N::Second(pre, i) => Some(Needle::Second(format!("{pre}{}", s(i)))),
        };
        return (text, needle);
    }
    // Already Vietnamese (vanban's own filters) or unknown: kept, marked as Tera's.
    if m.chars()
        .any(|c| "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".contains(c))
    {
        return (m.to_string(), None);
    }
    (format!("Tera báo: «{m}»"), None)
}

/// A pest error's position and, in Vietnamese, what was expected there.
pub fn pest_error(m: &str) -> Option<(Pos, String)> {
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
        let (items, lead) = if let Some(rest) = part.strip_prefix("unexpected ") {
            (rule_names(rest), "không được có")
        } else if let Some(rest) = part.strip_prefix("expected ") {
            (rule_names(rest), "cần")
        } else {
            continue;
        };
        if !items.is_empty() {
            let suffix = if lead == "cần" { "" } else { " ở đây" };
            detail.push_str(&format!("; {lead} {}{suffix}", or_list(&items)));
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
        ("an identifier", "một tên (bắt đầu bằng chữ cái)"),
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
        let named = NAMES.iter().find(|(en, _)| {
            item == *en
                || item.starts_with(&format!("{en} ("))
                || item.starts_with(&format!("{en}:"))
        });
        let vi = if item.starts_with('`') && item.ends_with('`') {
            Some(item.to_string())
        } else if let Some((_, vi)) = named {
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
    }

    #[test]
    fn translations_are_vietnamese() {
        for (m, vi) in [
            (
                "Variable `x.y` not found in context while rendering 'a.xml'",
                "biến \"x.y\" không có trong dữ liệu",
            ),
            ("Filter 'zz' not found", "không có bộ lọc (filter) \"zz\""),
            ("Function 'zz' not found", "không có hàm \"zz\""),
            (
                "Tried to do math with a string: `abc`",
                "phép toán với một chuỗi (\"abc\") thay vì một số",
            ),
            (
                "Tried to do a modulo by zero: Expr { }/Expr { }",
                "phép chia lấy dư cho 0",
            ),
            (
                "9223372036854775807 + 1 results in an out of bounds i64",
                "phép toán 9223372036854775807 + 1 vượt quá giới hạn số nguyên",
            ),
            (
                "Filter `round` was called on an incorrect value: got `\"a\"` but expected a f64",
                "bộ lọc \"round\" cần một số nhưng nhận \"a\"",
            ),
            (
                "Macro `a` is duplicated",
                "macro \"a\" được định nghĩa hai lần",
            ),
        ] {
            assert_eq!(translate(m).0, vi, "{m}");
        }
        assert_eq!(
            translate("Macro `a` is duplicated").1,
            Some(Needle::Second("macro a".into()))
        );
        assert!(translate("Something new").0.starts_with("Tera báo"));
    }
}
