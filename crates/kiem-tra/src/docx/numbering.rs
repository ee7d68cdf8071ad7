//! Labels of automatically numbered paragraphs (numbering.xml): a paragraph numbered
//! "a)" by Word has no "a)" in its text, and Word's letters run a, b, c, d, e, f, which
//! the decree does not allow.

use std::collections::HashMap;

use super::{W, attr, child};
use crate::seq::roman;

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// numbering.xml: each `w:num`'s levels, and the counters while the body is read.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    levels: HashMap<String, Vec<Option<Level>>>,
    /// Counters per abstract numbering (as Word counts: numbers sharing one continue).
    counters: HashMap<String, [u32; 9]>,
    abstract_of: HashMap<String, String>,
}

impl Numbering {
    pub fn read(xml: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else {
            return n;
        };
        let root = doc.root_element();
        let mut abstracts: HashMap<String, Vec<Option<Level>>> = HashMap::new();
        for a in root
            .children()
            .filter(|c| c.has_tag_name((W, "abstractNum")))
        {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            let mut levels = vec![None; 9];
            for l in a.children().filter(|c| c.has_tag_name((W, "lvl"))) {
                let Some(i) = attr(l, "ilvl").and_then(|i| i.parse::<usize>().ok()) else {
                    continue;
                };
                if i < 9 {
                    levels[i] = Some(Level {
                        start: child(l, "start")
                            .and_then(|s| attr(s, "val")?.parse().ok())
                            .unwrap_or(1),
                        format: child(l, "numFmt")
                            .and_then(|f| attr(f, "val"))
                            .unwrap_or("decimal")
                            .to_string(),
                        text: child(l, "lvlText")
                            .and_then(|t| attr(t, "val"))
                            .unwrap_or("")
                            .to_string(),
                    });
                }
            }
            abstracts.insert(id.to_string(), levels);
        }
        for num in root.children().filter(|c| c.has_tag_name((W, "num"))) {
            let (Some(id), Some(a)) = (
                attr(num, "numId"),
                child(num, "abstractNumId").and_then(|a| attr(a, "val")),
            ) else {
                continue;
            };
            if let Some(levels) = abstracts.get(a) {
                n.levels.insert(id.to_string(), levels.clone());
                n.abstract_of.insert(id.to_string(), a.to_string());
            }
        }
        n
    }

    /// The label of the next paragraph numbered `num_id` at `level` (and counts it).
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let levels = self.levels.get(num_id)?;
        let abs = self.abstract_of.get(num_id)?.clone();
        let level = level.min(8);
        let lvl = levels[level].clone()?;
        let counters = self.counters.entry(abs).or_insert([0; 9]);
        for (i, c) in counters.iter_mut().enumerate() {
            if i > level {
                *c = 0;
            }
        }
        counters[level] = if counters[level] == 0 {
            lvl.start
        } else {
            counters[level] + 1
        };
        let counters = *counters;
        let mut label = lvl.text.clone();
        for (i, l) in levels.iter().enumerate().take(level + 1) {
            let Some(l) = l else { continue };
            let value = if counters[i] == 0 {
                l.start
            } else {
                counters[i]
            };
            label = label.replace(&format!("%{}", i + 1), &format_number(value, &l.format));
        }
        if lvl.format == "bullet" {
            // A bullet glyph from a symbol font: a dash item when it is a dash.
            label = match label.as_str() {
                "-" | "–" | "" => "-".to_string(),
                "+" => "+".to_string(),
                _ => "•".to_string(),
            };
        }
        Some(label)
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// Word's letters: a … z, then aa, bb …
fn letters(n: u32, upper: bool) -> String {
    let n = n.max(1) - 1;
    let base = if upper { b'A' } else { b'a' };
    let ch = char::from(base + (n % 26) as u8);
    std::iter::repeat_n(ch, (n / 26 + 1) as usize).collect()
}
