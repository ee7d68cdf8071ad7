//! The numbering of parts and items in the body: I. / 1. / 1.1. / a) in order, with no
//! gap or repeat, and Vietnamese letters (no f, j, w, z; đ after d).

use super::Findings;
use crate::docx::Document;
use crate::elements::Elements;
use crate::finding::Severity::Error;
use crate::rule::Rule;
use crate::seq::{VIET_LETTERS as LETTERS, roman};
use crate::text::clean;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Article(u32),
    Roman(u32),
    Arabic(u32),
    Sub(u32, u32),
    Letter(char),
}

fn mark(text: &str) -> Option<Mark> {
    let t = clean(text);
    let (head, _) = t.split_once(' ').unwrap_or((&t, ""));
    if let Some(n) = t
        .strip_prefix("Điều ")
        .and_then(|r| r.split('.').next()?.parse().ok())
    {
        return Some(Mark::Article(n));
    }
    if let Some(r) = head.strip_suffix('.') {
        if !r.is_empty() && r.chars().all(|c| "IVXL".contains(c)) {
            return (1..=50).find(|&n| roman(n) == r).map(Mark::Roman);
        }
        let nums: Vec<&str> = r.split('.').collect();
        if nums
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
        {
            return match nums.as_slice() {
                [a] => Some(Mark::Arabic(a.parse().ok()?)),
                [a, b] => Some(Mark::Sub(a.parse().ok()?, b.parse().ok()?)),
                _ => None,
            };
        }
    }
    let mut cs = head.chars();
    if let (Some(c), Some(')'), None) = (cs.next(), cs.next(), cs.next())
        && c.is_lowercase()
        && c.is_alphabetic()
    {
        return Some(Mark::Letter(c));
    }
    None
}

pub fn check(doc: &Document, e: &Elements, f: &mut Findings) {
    let (mut roman_n, mut arabic, mut sub, mut letter) = (0u32, 0u32, 0u32, None::<usize>);
    for &i in &e.body {
        let Some(m) = mark(&doc.paragraphs[i].full_text()) else {
            continue;
        };
        let mut expect = |found: String, want: String| {
            f.at(Error, Rule::Numbering, "thứ tự", i, found, want, false);
        };
        match m {
            Mark::Article(n) | Mark::Roman(n) => {
                let last = roman_n;
                if n != last + 1 {
                    let show = |k: u32| {
                        if matches!(m, Mark::Article(_)) {
                            format!("Điều {k}.")
                        } else {
                            format!("{}.", roman(k))
                        }
                    };
                    expect(
                        format!(
                            "{} sau {}",
                            show(n),
                            if last == 0 {
                                "đầu văn bản".into()
                            } else {
                                show(last)
                            }
                        ),
                        format!(
                            "{} (đánh số liên tục, không lặp, không bỏ số)",
                            show(last + 1)
                        ),
                    );
                }
                roman_n = n;
                (arabic, sub, letter) = (0, 0, None);
            }
            Mark::Arabic(n) => {
                if n != arabic + 1 {
                    expect(
                        format!("mục \"{n}.\" sau \"{arabic}.\""),
                        format!(
                            "\"{}.\" (số liên tục, bắt đầu lại từ 1 trong mỗi phần)",
                            arabic + 1
                        ),
                    );
                }
                arabic = n;
                (sub, letter) = (0, None);
            }
            Mark::Sub(a, b) => {
                if a != arabic || b != sub + 1 {
                    expect(
                        format!("mục \"{a}.{b}.\""),
                        format!("\"{arabic}.{}.\"", sub + 1),
                    );
                }
                sub = b;
                letter = None;
            }
            Mark::Letter(c) => {
                let next = letter.map_or(0, |k| k + 1);
                match LETTERS.iter().position(|l| l.chars().eq([c])) {
                    None => expect(
                        format!("chữ \"{c})\" không có trong bảng chữ cái tiếng Việt"),
                        format!(
                            "\"{})\" (a, b, c, d, đ, e, g, h…; không dùng f, j, w, z)",
                            LETTERS.get(next).copied().unwrap_or("y")
                        ),
                    ),
                    Some(k) if k != next => expect(
                        format!(
                            "\"{c})\" sau {}",
                            letter.map_or("đầu mục".to_string(), |l| format!(
                                "\"{})\"",
                                LETTERS[l]
                            ))
                        ),
                        format!("\"{})\"", LETTERS.get(next).copied().unwrap_or("y")),
                    ),
                    Some(_) => {}
                }
                letter = Some(
                    LETTERS
                        .iter()
                        .position(|l| l.chars().eq([c]))
                        .unwrap_or(next),
                );
            }
        }
    }
}
