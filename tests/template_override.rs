//! Errors in a user's `--templates` override: reported against the user's file and line in
//! Vietnamese, with exit 1 and nothing written — including a macro that recurses without
//! end and expressions nested deeper than Tera's recursion can take.

use crate::common;

use std::time::{Duration, Instant};

fn doc() -> String {
    format!(
        "{}noi_dung: [Một đoạn văn.]\n{}",
        common::REPORT_HEAD,
        common::REPORT_TAIL
    )
}

/// The built-in template of a report, with `line` added as the first line of the body and
/// `before` above the markup's root. With `before` empty, `line` is line 6.
fn bao_cao(before: &str, line: &str) -> String {
    let src = include_str!("../templates/bao-cao.xml");
    let at = src.find("<body>\n").expect("a body") + "<body>\n".len();
    let mut s = format!("{}{line}\n{}", &src[..at], &src[at..]);
    let root = s.find("<vanban>").expect("a root");
    s.insert_str(root, before);
    s
}

/// The 1-based line of `t` holding `needle`.
fn line_of(t: &str, needle: &str) -> usize {
    t.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

/// [`assert_refused_with`] for a template error (code `mau`).
fn assert_refused(files: &[(&str, &str)], prefix: &str, expect: &[&str]) -> String {
    assert_refused_with(files, prefix, "mau", expect)
}

/// Validate and render `doc()` with the templates `files` (name, source) in `mau/`: both
/// exit 1 within a couple of seconds with `prefix` (`lỗi: FILE:LINE:COL:`), the error code
/// `error_code` and each of `expect`, no English, and nothing written.
fn assert_refused_with(
    files: &[(&str, &str)],
    prefix: &str,
    error_code: &str,
    expect: &[&str],
) -> String {
    assert!(prefix.starts_with("lỗi: mau/"), "{prefix}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), doc()).unwrap();
    std::fs::create_dir(dir.path().join("mau")).unwrap();
    for (name, src) in files {
        std::fs::write(dir.path().join("mau").join(name), src).unwrap();
    }
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("van-ban.docx"), b"old").unwrap();
    let mut last = String::new();
    for args in [
        &["validate", "van-ban.yaml", "--templates", "mau"][..],
        &["render", "van-ban.yaml", "-o", "out", "--templates", "mau"][..],
    ] {
        let start = Instant::now();
        let (code, _, err) = common::vanban(args, dir.path());
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{args:?} took {:?}",
            start.elapsed()
        );
        assert!(
            err.starts_with(prefix),
            "{args:?}: expected {prefix:?} in: {err}"
        );
        let first = err.lines().next().unwrap_or("");
        assert!(
            first.ends_with(&format!(" [mã lỗi: {error_code}]")),
            "{args:?}: {first}"
        );
        for e in expect {
            assert!(err.contains(e), "{args:?}: expected {e:?} in: {err}");
        }
        for marker in [
            "expected",
            "invalid",
            "error",
            "Error",
            "not found",
            "Failed",
            "Variable",
            "Tera báo",
            "overflow",
            "panicked",
            "templates/",
        ] {
            assert!(!err.contains(marker), "English or built-in file in: {err}");
        }
        let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
        assert_eq!(left.len(), 1, "{args:?} wrote into out/");
        assert_eq!(std::fs::read(out.join("van-ban.docx")).unwrap(), b"old");
        last = err;
    }
    last
}

#[test]
fn recursive_macro() {
    let t = bao_cao(
        "{% macro vong(n) %}\n{{ self::vong(n=n) }}\n{% endmacro vong %}\n",
        "{{ self::vong(n=1) }}",
    );
    // At the macro's definition.
    assert_refused(
        &[("bao-cao.xml", &t)],
        &format!("lỗi: mau/bao-cao.xml:{}:1: ", line_of(&t, "{% macro vong")),
        &["macro \"vong\" gọi lồng nhau quá 200 cấp"],
    );
}

#[test]
fn mutually_recursive_macros_in_another_file() {
    let t = bao_cao("{% import \"rieng.xml\" as r %}\n", "{{ r::a() }}");
    let rieng = "{% macro a() %}{{ self::b() }}{% endmacro a %}\n\n{% macro b() -%}\n  {{ self::a() }}\n{%- endmacro b %}\n";
    let err = assert_refused(
        &[("bao-cao.xml", &t), ("rieng.xml", rieng)],
        "lỗi: mau/rieng.xml:",
        &["gọi lồng nhau quá 200 cấp"],
    );
    assert!(
        err.starts_with("lỗi: mau/rieng.xml:1:1: ") || err.starts_with("lỗi: mau/rieng.xml:3:1: "),
        "{err}"
    );
}

#[test]
fn recursion_that_ends_is_fine() {
    // 150 levels: within the limit, and the built-in macros recurse the same way.
    let t = bao_cao(
        "{% macro dem(n) %}{% if n > 0 %}{{ self::dem(n=n - 1) }}{% endif %}{% endmacro dem %}\n",
        "<p>{{ self::dem(n=150) }}Xong.</p>",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), doc()).unwrap();
    std::fs::create_dir(dir.path().join("mau")).unwrap();
    std::fs::write(dir.path().join("mau/bao-cao.xml"), t).unwrap();
    let (code, _, err) = common::vanban(
        &["render", "van-ban.yaml", "-o", "out", "--templates", "mau"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn syntax_error_at_its_line_and_column() {
    // Two names in a row: Tera stops at the second one (column 17).
    let t = bao_cao("", "<p>{{ trich_yeu trich_yeu }}</p>");
    let err = assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:17: ",
        &["cú pháp mẫu không hợp lệ: cần "],
    );
    assert!(err.contains("`}}`"), "{err}");
}

#[test]
fn unclosed_block() {
    let t = bao_cao("", "{% if trich_yeu %}<p>x</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:1: ",
        &["khối {% if %} mở ở đây chưa được đóng (thiếu {% endif %})"],
    );
}

#[test]
fn unknown_variable_filter_and_macro() {
    let t = bao_cao("", "<p>{{ khong_co.truong }}</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:7: ",
        &["biến \"khong_co.truong\" không có trong dữ liệu"],
    );
    let t = bao_cao("", "<p>{{ trich_yeu | khong_co }}</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:19: ",
        &["không có bộ lọc (filter) \"khong_co\""],
    );
    let t = bao_cao("", "<p>{{ zz::khong_co(a=1) }}</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:7: ",
        &["chưa nhập nhóm macro \"zz\""],
    );
    let t = bao_cao("", "<p>{{ m::khong_co(a=1) }}</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:10: ",
        &["không có macro \"khong_co\""],
    );
}

#[test]
fn unknown_variable_inside_a_users_macro_file() {
    // An override of the shared macros: the error names it, not templates/_macros.xml.
    let macros =
        include_str!("../templates/_macros.xml").replace("<sec><h>", "<sec><h>{{ cap_do }}");
    let line = macros.lines().position(|l| l.contains("cap_do")).unwrap() + 1;
    // A document with a heading, so that the line runs.
    let dir_doc = doc().replace(
        "noi_dung: [Một đoạn văn.]",
        "noi_dung:\n  - muc: Phần một\n    noi_dung: [Một đoạn văn.]",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), dir_doc).unwrap();
    std::fs::create_dir(dir.path().join("mau")).unwrap();
    std::fs::write(dir.path().join("mau/_macros.xml"), &macros).unwrap();
    let (code, _, err) = common::vanban(
        &["validate", "van-ban.yaml", "--templates", "mau"],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(&format!("lỗi: mau/_macros.xml:{line}:")),
        "line {line}: {err}"
    );
    assert!(
        err.contains("biến \"cap_do\" không có trong dữ liệu"),
        "{err}"
    );
}

#[test]
fn throw_and_math_errors() {
    let t = bao_cao("", "{{ throw(message=\"thiếu số liệu quý\") }}");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:4: ",
        &["mẫu dừng lại bằng throw: thiếu số liệu quý"],
    );
    let t = bao_cao("", "<p>{{ trich_yeu * 2 }}</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:7: ",
        &["biến \"trich_yeu\" dùng trong phép toán nhưng không phải là số"],
    );
}

#[test]
fn decimal_places_out_of_range_in_a_filter() {
    // Panicked (capacity overflow) before.
    let t = bao_cao("", "<p>{{ 1.5 | so(le=9223372036854775807) }}</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:13: ",
        &["bộ lọc so: le (số chữ số thập phân) phải là số nguyên từ 0 đến 15"],
    );
}

#[test]
fn duplicate_macro_at_its_second_definition() {
    let t = bao_cao(
        "{% macro a() %}{% endmacro a %}\n{% macro a() %}{% endmacro a %}\n",
        "",
    );
    assert_refused(
        &[("bao-cao.xml", &t)],
        &format!("lỗi: mau/bao-cao.xml:{}:4: ", line_of(&t, "{% macro a") + 1),
        &["macro \"a\" được định nghĩa hai lần"],
    );
}

#[test]
fn missing_indicator_names_the_users_file() {
    let t = bao_cao("", "<p>{{ chi_tieu.khong_co.so }}</p>");
    assert_refused_with(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:7: ",
        "tham-chieu",
        &["mẫu dùng chỉ tiêu \"khong_co\""],
    );
}

#[test]
fn include_cycle() {
    let t = bao_cao("", "{% include \"mot.xml\" %}");
    assert_refused(
        &[
            ("bao-cao.xml", &t),
            ("mot.xml", "x\n{% include \"bao-cao.xml\" %}"),
        ],
        "lỗi: mau/mot.xml:2:1: ",
        &["mẫu chèn (include) lại chính nó: bao-cao.xml → mot.xml → bao-cao.xml"],
    );
}

#[test]
fn nesting_too_deep_for_the_parser() {
    // Each of these overflowed the stack (abort) before.
    let parens = format!("{{{{ {}1{} }}}}", "(".repeat(3000), ")".repeat(3000));
    let sum = format!("{{{{ 1{} }}}}", "+1".repeat(50_000));
    let ifs = format!(
        "{}x{}",
        "{% if true %}".repeat(3000),
        "{% endif %}".repeat(3000)
    );
    for body in [parens, sum, ifs] {
        let t = bao_cao("", &body);
        assert_refused(
            &[("bao-cao.xml", &t)],
            "lỗi: mau/bao-cao.xml:6:",
            &["mẫu lồng nhau quá sâu: quá 100 cấp"],
        );
    }
}

#[test]
fn reserved_names() {
    let t = bao_cao("", "{% set __vb_depth = 0 %}");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml:6:8: ",
        &["tên \"__vb_depth\" không dùng được"],
    );
}

#[test]
fn generated_markup_errors_name_the_users_file() {
    let t = bao_cao("", "<p>a<b></p>");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), doc()).unwrap();
    std::fs::create_dir(dir.path().join("mau")).unwrap();
    std::fs::write(dir.path().join("mau/bao-cao.xml"), t).unwrap();
    let (code, _, err) = common::vanban(
        &["validate", "van-ban.yaml", "--templates", "mau"],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("lỗi: mau/bao-cao.xml: "), "{err}");
}

#[test]
fn markup_with_levels_or_a_reference_to_no_annex() {
    // Markup written with levels, as templates did before compose gave them, is told how
    // to nest instead.
    let t = bao_cao("", "<h level=\"1\">Kết quả</h>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml: ",
        &["thẻ <h> chỉ đứng đầu <sec>", "không dùng thuộc tính level"],
    );
    let t = bao_cao("", "<p>Xem <annexref to=\"bang-1\"/>.</p>");
    assert_refused(
        &[("bao-cao.xml", &t)],
        "lỗi: mau/bao-cao.xml: ",
        &["<annexref to=\"bang-1\"/> chỉ đến một phụ lục không có"],
    );
}

#[test]
fn markup_nested_deeper_than_the_parser_can_take() {
    // A loop can write any depth of markup; this overflowed the stack (abort) before.
    for (open, close) in [("<b>", "</b>"), ("<sec>", "</sec>")] {
        let line = format!(
            "<p>{{% for i in range(end=200000) %}}{open}{{% endfor %}}x{{% for i in range(end=200000) %}}{close}{{% endfor %}}</p>"
        );
        let t = bao_cao("", &line);
        assert_refused(
            &[("bao-cao.xml", &t)],
            "lỗi: mau/bao-cao.xml: ",
            &["markup lồng nhau quá 100 cấp"],
        );
    }
}

/// `vanban templates --export DIR` writes every built-in template; rendering with them as
/// the override gives the very bytes of the built-ins, and a second export overwrites
/// nothing.
#[test]
fn exported_templates_are_the_built_ins() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = common::vanban(&["templates", "--export", "mau"], dir.path());
    assert_eq!(code, 0, "{err}");
    let mau = dir.path().join("mau");
    for (name, text) in vanban::template::BUILTIN {
        assert!(out.contains(&format!("đã ghi mau/{name}")), "{out}");
        assert_eq!(&std::fs::read_to_string(mau.join(name)).unwrap(), text);
    }
    let ex = common::root().join("data/examples/ke-hoach-kiem-tra.yaml");
    let ex = ex.to_str().unwrap();
    let (code, _, err) = common::vanban(&["render", ex, "-o", "a"], dir.path());
    assert_eq!(code, 0, "{err}");
    let (code, _, err) =
        common::vanban(&["render", ex, "-o", "b", "--templates", "mau"], dir.path());
    assert_eq!(code, 0, "{err}");
    for f in ["ke-hoach-kiem-tra.docx", "ke-hoach-kiem-tra.pdf"] {
        let a = std::fs::read(dir.path().join("a").join(f)).unwrap();
        assert_eq!(
            a,
            std::fs::read(dir.path().join("b").join(f)).unwrap(),
            "{f}"
        );
    }
    // Edited once: a second export refuses and leaves the edit alone.
    std::fs::write(mau.join("bao-cao.xml"), "đã sửa").unwrap();
    let (code, _, err) = common::vanban(&["templates", "--export", "mau"], dir.path());
    assert_eq!(code, 1);
    common::assert_code(&err, "lỗi: mau/bao-cao.xml: ", "ghi-tep");
    assert_eq!(
        std::fs::read_to_string(mau.join("bao-cao.xml")).unwrap(),
        "đã sửa"
    );
}
