//! Edits of byte ranges of one XML part, applied at once; the rest of the text is kept as
//! written.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::docx::{Para, Run};

/// What to change in one run's properties.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunEdit {
    /// New size in half-points.
    pub size: Option<u32>,
    pub bold_italic: bool,
}

type PendingRun = (Range<usize>, Option<Range<usize>>, RunEdit);

pub struct Edits<'s> {
    src: &'s str,
    list: Vec<(Range<usize>, String)>,
    /// Run changes by the run's start: its range, its `w:rPr`, the change.
    runs: BTreeMap<usize, PendingRun>,
}

/// `CT_RPr` children that come after `w:b`…`w:iCs` and after `w:sz`/`w:szCs`.
const AFTER_MARKS: [&str; 30] = [
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
];
const AFTER_SIZE: [&str; 15] = [
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

impl<'s> Edits<'s> {
    pub fn new(src: &'s str) -> Edits<'s> {
        Edits {
            src,
            list: Vec::new(),
            runs: BTreeMap::new(),
        }
    }

    pub fn insert(&mut self, at: usize, s: String) {
        self.list.push((at..at, s));
    }

    pub fn replace(&mut self, r: Range<usize>, s: String) {
        self.list.push((r, s));
    }

    /// Sets attributes of the first `<w:{elem}` tag inside `within` (adds the tag to the
    /// start of `within`'s element if it has none).
    pub fn set_attrs(&mut self, within: Range<usize>, elem: &str, attrs: &[(&str, String)]) {
        let hay = &self.src[within.clone()];
        let Some(at) = find_tag(hay, elem) else {
            return;
        };
        let start = within.start + at;
        let end = start + self.src[start..].find('>').map_or(0, |e| e + 1);
        let mut tag = self.src[start..end].to_string();
        for (name, value) in attrs {
            tag = set_attr(&tag, name, value);
        }
        self.replace(start..end, tag);
    }

    /// Every `w:rFonts` names `font` on all four slots (theme references dropped).
    pub fn replace_fonts(&mut self, font: &str) {
        let mut from = 0;
        while let Some(at) = find_tag(&self.src[from..], "rFonts") {
            let start = from + at;
            let Some(close) = self.src[start..].find('>') else {
                break;
            };
            let mut end = start + close + 1;
            if !self.src[..end].ends_with("/>")
                && let Some(c) = self.src[end..].find("</w:rFonts>")
            {
                end += c + "</w:rFonts>".len();
            }
            self.replace(
                start..end,
                format!(r#"<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>"#),
            );
            from = end;
        }
    }

    /// Changes a run's properties (merged with other changes of the same run).
    pub fn run(&mut self, r: &Run, edit: RunEdit) {
        let e = self.runs.entry(r.range.start).or_insert((
            r.range.clone(),
            r.rpr.clone(),
            RunEdit::default(),
        ));
        e.2.size = edit.size.or(e.2.size);
        e.2.bold_italic |= edit.bold_italic;
    }

    /// The paragraph's text as its `w:t` elements hold it (no tabs or breaks).
    fn nodes<'p>(&self, p: &'p Para) -> impl Iterator<Item = Range<usize>> + 'p {
        p.runs.iter().flat_map(|r| r.texts.iter().cloned())
    }

    /// Inserts `s` before the `pos`-th character of the paragraph's text.
    pub fn insert_text(&mut self, p: &Para, pos: usize, s: &str) {
        let mut seen = 0;
        for node in self.nodes(p).collect::<Vec<_>>() {
            let chars = raw_chars(&self.src[node.clone()]);
            if pos < seen + chars.len() || (pos == seen + chars.len() && !chars.is_empty()) {
                let k = pos - seen;
                let off = chars.get(k).map_or(node.end, |c| node.start + c.start);
                self.insert(off, s.to_string());
                return;
            }
            seen += chars.len();
        }
    }

    /// Deletes the `pos`-th character of the paragraph's text.
    pub fn delete_char(&mut self, p: &Para, pos: usize) {
        let mut seen = 0;
        for node in self.nodes(p).collect::<Vec<_>>() {
            let chars = raw_chars(&self.src[node.clone()]);
            if let Some(c) = chars.get(pos.wrapping_sub(seen)) {
                self.replace(node.start + c.start..node.start + c.end, String::new());
                return;
            }
            seen += chars.len();
        }
    }

    /// Maps every character of the paragraph's text.
    pub fn map_text(&mut self, p: &Para, f: impl Fn(char) -> char) {
        for node in self.nodes(p).collect::<Vec<_>>() {
            let raw = &self.src[node.clone()];
            let mapped: String = raw.chars().map(&f).collect();
            if mapped != raw {
                self.replace(node, mapped);
            }
        }
    }

    /// The part with every edit applied (an edit overlapping an earlier one is dropped).
    pub fn apply(mut self) -> String {
        let runs = std::mem::take(&mut self.runs);
        for (_, (range, rpr, edit)) in runs {
            match rpr {
                Some(rpr) => {
                    let new = edit_rpr(&self.src[rpr.clone()], edit);
                    self.replace(rpr, new);
                }
                None => {
                    let tag_end =
                        range.start + self.src[range.clone()].find('>').map_or(0, |e| e + 1);
                    self.insert(tag_end, edit_rpr("<w:rPr></w:rPr>", edit));
                }
            }
        }
        self.list.sort_by_key(|(r, _)| (r.start, r.end));
        let mut out = String::with_capacity(self.src.len() + 1024);
        let mut at = 0;
        for (r, s) in &self.list {
            if r.start < at {
                continue;
            }
            out.push_str(&self.src[at..r.start]);
            out.push_str(s);
            at = r.end;
        }
        out.push_str(&self.src[at..]);
        out
    }
}

/// Where `<w:{name}` starts (followed by a space, `/` or `>`).
fn find_tag(hay: &str, name: &str) -> Option<usize> {
    let pat = format!("<w:{name}");
    let mut from = 0;
    while let Some(i) = hay[from..].find(&pat) {
        let at = from + i;
        let next = hay[at + pat.len()..].chars().next();
        if matches!(next, Some(' ' | '/' | '>' | '\n' | '\t' | '\r')) {
            return Some(at);
        }
        from = at + pat.len();
    }
    None
}

fn set_attr(tag: &str, name: &str, value: &str) -> String {
    let pat = format!(" {name}=\"");
    if let Some(i) = tag.find(&pat) {
        let vstart = i + pat.len();
        let vend = vstart + tag[vstart..].find('"').unwrap_or(0);
        format!("{}{value}{}", &tag[..vstart], &tag[vend..])
    } else {
        let cut = if tag.ends_with("/>") {
            tag.len() - 2
        } else {
            tag.len() - 1
        };
        format!(
            "{} {name}=\"{value}\"{}",
            tag[..cut].trim_end(),
            &tag[cut..]
        )
    }
}

/// The byte ranges of the characters of raw XML text (an entity is one character).
fn raw_chars(raw: &str) -> Vec<Range<usize>> {
    let mut v = Vec::new();
    let mut it = raw.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let mut end = i + c.len_utf8();
        if c == '&'
            && let Some(semi) = raw[i..].find(';')
        {
            end = i + semi + 1;
            while it.peek().is_some_and(|(j, _)| *j < end) {
                it.next();
            }
        }
        v.push(i..end);
    }
    v
}

/// A `w:rPr` with the size set and bold italic on, its other children kept in order.
fn edit_rpr(rpr: &str, e: RunEdit) -> String {
    let mut s = rpr.to_string();
    if s.ends_with("/>") {
        s = format!("{}></w:rPr>", s.trim_end_matches("/>").trim_end());
    }
    if e.bold_italic {
        for t in ["b", "bCs", "i", "iCs"] {
            s = remove_tag(&s, t);
        }
        let at = first_of(&s, &AFTER_MARKS).unwrap_or(s.len() - "</w:rPr>".len());
        s.insert_str(at, "<w:b/><w:bCs/><w:i/><w:iCs/>");
    }
    if let Some(size) = e.size {
        for t in ["sz", "szCs"] {
            s = remove_tag(&s, t);
        }
        let at = first_of(&s, &AFTER_SIZE).unwrap_or(s.len() - "</w:rPr>".len());
        s.insert_str(
            at,
            &format!(r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#),
        );
    }
    s
}

fn remove_tag(s: &str, name: &str) -> String {
    match find_tag(s, name) {
        Some(at) => {
            let end = at + s[at..].find("/>").map_or(0, |e| e + 2);
            format!("{}{}", &s[..at], &s[end..])
        }
        None => s.to_string(),
    }
}

fn first_of(s: &str, names: &[&str]) -> Option<usize> {
    names.iter().filter_map(|n| find_tag(s, n)).min()
}
