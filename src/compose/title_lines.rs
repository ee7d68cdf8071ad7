//! Breaking a title line that does not fit the way secretaries break it: never inside a
//! year range ("2022 - 2025"), a document symbol ("05/CT-TTg"), a date ("ngày 15 tháng 3 năm
//! 2025"), "Đề án 06" or a number and its unit, with lines of similar length and the shorter
//! one last. The breaks become explicit line breaks in the IR, so Word, LibreOffice and our
//! PDF all show the same lines (each chosen line fits, so no renderer breaks it again).

use super::style::Style;
use crate::fonts::FontSet;
use crate::ir::{Inline, Paragraph, Run};

/// A centred title paragraph of `text` at the title size, broken into balanced lines when it
/// is wider than `width`.
pub fn paragraph(
    st: &Style,
    fonts: &FontSet,
    text: &str,
    width: f32,
    bold: bool,
    italic: bool,
) -> Paragraph {
    let size = st.title_size;
    let lines = balance(text, width, &|s| fonts.width(s, size, bold, italic));
    let mut p = st.centered("", size, bold, italic);
    p.runs.clear();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            p.runs.push(Inline::LineBreak);
        }
        p.runs.push(Inline::Text(Run {
            text: line,
            bold,
            italic,
            ..Run::default()
        }));
    }
    p
}

/// The widest line `paragraph` would print for `text` (the rule under a title follows it).
pub fn widest(fonts: &FontSet, text: &str, width: f32, size: f32, bold: bool) -> f32 {
    let measure = |s: &str| fonts.width(s, size, bold, false);
    balance(text, width, &measure)
        .iter()
        .map(|l| measure(l))
        .fold(0.0, f32::max)
}

/// `text` as one line when it fits in `width`, otherwise as the fewest lines that fit,
/// balanced. `measure` gives a string's printed width.
pub fn balance(text: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let text = text.trim();
    if measure(text) <= width {
        return vec![text.to_string()];
    }
    let units = units(text);
    let k = units.len();
    // widths[i][j]: the line of units i..j (exclusive), for j > i.
    let widths: Vec<Vec<f32>> = (0..k)
        .map(|i| {
            (0..=k)
                .map(|j| {
                    if j > i {
                        measure(&units[i..j].join(" "))
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    let w = |i: usize, j: usize| widths[i][j];
    let Some(n) = fewest_lines(k, width, &w) else {
        // A single unit wider than the line: leave the breaking to the renderer.
        return vec![text.to_string()];
    };
    let breaks = balanced_breaks(k, n, width, &w);
    breaks
        .windows(2)
        .map(|b| units[b[0]..b[1]].join(" "))
        .collect()
}

/// Greedy filling: how many lines the units need at this width (None when one unit alone
/// does not fit).
fn fewest_lines(k: usize, width: f32, w: &dyn Fn(usize, usize) -> f32) -> Option<usize> {
    let (mut lines, mut start) = (0, 0);
    while start < k {
        let mut end = start + 1;
        if w(start, end) > width {
            return None;
        }
        while end < k && w(start, end + 1) <= width {
            end += 1;
        }
        lines += 1;
        start = end;
    }
    Some(lines)
}

/// Break positions (0, …, k) for exactly `n` lines that all fit, minimising the sum of the
/// squared line widths (which evens them out), preferring a last line no longer than the
/// one before it.
fn balanced_breaks(k: usize, n: usize, width: f32, w: &dyn Fn(usize, usize) -> f32) -> Vec<usize> {
    const NONE: f32 = f32::INFINITY;
    // best[m][j]: least cost of units 0..j in m lines; from[m][j]: where its last line starts.
    let mut best = vec![vec![NONE; k + 1]; n + 1];
    let mut from = vec![vec![0usize; k + 1]; n + 1];
    best[0][0] = 0.0;
    for m in 1..n {
        for j in 1..=k {
            for i in 0..j {
                let lw = w(i, j);
                if best[m - 1][i] == NONE || lw > width {
                    continue;
                }
                let c = best[m - 1][i] + lw * lw;
                if c < best[m][j] {
                    best[m][j] = c;
                    from[m][j] = i;
                }
            }
        }
    }
    // The last line, units s..k, after a line i..s; a longer last line costs a penalty.
    let mut choice: Option<(bool, f32, usize)> = None;
    for s in 1..k {
        let last = w(s, k);
        if best[n - 1][s] == NONE || last > width {
            continue;
        }
        let before = w(from[n - 1][s], s);
        let key = (last > before, best[n - 1][s] + last * last, s);
        let better = match choice {
            None => true,
            Some((longer, cost, _)) => (key.0, key.1) < (longer, cost),
        };
        if better {
            choice = Some(key);
        }
    }
    let mut breaks = vec![k];
    let mut at = choice.map_or(k, |c| c.2);
    for m in (1..n).rev() {
        breaks.push(at);
        at = from[m][at];
    }
    breaks.push(0);
    breaks.reverse();
    breaks.dedup();
    breaks
}

/// Two-word names never split across lines.
const COMPOUNDS: &[(&str, &str)] = &[
    ("đề", "án"),
    ("chỉ", "thị"),
    ("nghị", "quyết"),
    ("nghị", "định"),
    ("quyết", "định"),
    ("kế", "hoạch"),
    ("thông", "tư"),
    ("chương", "trình"),
    ("công", "văn"),
    ("báo", "cáo"),
    ("phụ", "lục"),
    ("giai", "đoạn"),
];

/// Words a number stays with when they follow it: units and the parts of a date.
const UNITS: &[&str] = &[
    "%", "đồng", "nghìn", "ngàn", "triệu", "tỷ", "ha", "km", "m", "m2", "m²", "m3", "m³", "kg",
    "tấn", "lít", "người", "hộ", "giờ", "phút", "ngày", "tháng", "năm", "quý",
];

fn is_number(word: &str) -> bool {
    word.trim_start_matches(['(', '"', '“', '\''])
        .starts_with(|c: char| c.is_ascii_digit())
}

fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "–" | "—")
}

/// Whether a line may not break between two neighbouring words.
fn glued(a: &str, b: &str) -> bool {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    (is_dash(b) && is_number(a))
        || (is_dash(a) && is_number(b))
        // A number stays with the word it numbers: "năm 2025", "Đề án 06", "số 05/CT-TTg".
        || (is_number(b) && !a.ends_with([',', ';', ':', '.']))
        || (is_number(a) && UNITS.contains(&lb.trim_end_matches([',', ';', '.', ')'])))
        || COMPOUNDS.contains(&(la.as_str(), lb.as_str()))
}

/// The text's words joined into units that no line break splits.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&str> = None;
    for word in text.split_whitespace() {
        match (prev, out.last_mut()) {
            (Some(p), Some(unit)) if glued(p, word) => {
                unit.push(' ');
                unit.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
        prev = Some(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit wide, spaces included.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn a_line_that_fits_is_left_alone() {
        assert_eq!(balance("BÁO CÁO NGẮN", 40.0, &chars), vec!["BÁO CÁO NGẮN"]);
    }

    #[test]
    fn never_breaks_inside_a_year_range() {
        let t = "Kế hoạch thực hiện chuyển đổi số giai đoạn 2022 - 2025";
        for width in 20..54 {
            for line in balance(t, width as f32, &chars) {
                assert!(
                    !line.ends_with("2022 -") && !line.starts_with("2025"),
                    "{line}"
                );
                assert!(
                    !line.ends_with("2022") && !line.starts_with("- 2025"),
                    "{line}"
                );
            }
        }
    }

    #[test]
    fn keeps_symbols_dates_and_units_whole() {
        let t = "Triển khai Chỉ thị số 05/CT-TTg ngày 15 tháng 3 năm 2025 với 500 triệu đồng";
        for width in 22..t.len() {
            let lines = balance(t, width as f32, &chars);
            let joined = lines.join("|");
            for whole in [
                "số 05/CT-TTg",
                "ngày 15 tháng 3 năm 2025",
                "500 triệu đồng",
                "Chỉ thị",
            ] {
                assert!(
                    lines.iter().any(|l| l.contains(whole)),
                    "{whole} split: {joined}"
                );
            }
        }
    }

    #[test]
    fn keeps_de_an_and_its_number() {
        let lines = balance("Kết quả thực hiện Đề án 06 trên địa bàn tỉnh", 26.0, &chars);
        assert!(lines.iter().any(|l| l.contains("Đề án 06")), "{lines:?}");
    }

    #[test]
    fn lines_are_balanced_and_the_shorter_is_last() {
        let t = "về việc tăng cường công tác quản lý nhà nước về trật tự xây dựng";
        let lines = balance(t, 50.0, &chars);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let (a, b) = (chars(&lines[0]), chars(&lines[1]));
        assert!(b <= a, "{lines:?}");
        assert!(a - b < 12.0, "{lines:?}");
        assert_eq!(lines.join(" "), t);
    }

    #[test]
    fn the_words_are_kept_in_order() {
        let t = "BẢNG THEO DÕI TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026 CỦA CÁC SỞ, BAN, NGÀNH";
        for width in 25..90 {
            let lines = balance(t, width as f32, &chars);
            assert_eq!(lines.join(" "), t);
            assert!(lines.iter().all(|l| chars(l) <= width as f32));
        }
    }
}
