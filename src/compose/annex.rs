//! Annex labels and headings. Compose labels the annexes once, in the order the markup
//! emits them ("Phụ lục I", "Phụ lục II", …, or the number an annex is given: `so: "01"` →
//! "Phụ lục 01"); the heading of each annex and every `<annexref to="…"/>` print that one
//! label, so a template that reorders its annexes still refers to them rightly. The heading
//! is the label, the title (or both on one line, `cung_dong`), and the "(Kèm theo Báo cáo
//! số … ngày … của …)" line built from the parent document's own number, date and agency,
//! or the annex's own `dong_kem_theo` text, or none.

use serde_saphyr::Spanned;

use super::style::Style;
use super::title_lines;
use crate::fonts::FontSet;
use crate::format;
use crate::ir::Block;
use crate::markup::MAnnex;
use crate::model::{Annex, ReferenceLine};

/// The words of a label when the annex names none (`nhan`).
const LABEL_WORD: &str = "Phụ lục";

/// The label of each annex of a markup, by position and by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    labels: Vec<(Option<String>, String)>,
}

impl Labels {
    /// The labels of `annexes`, in their order; `specs` are the document's `phu_luc`
    /// entries, which the markup names `phu-luc-1`, `phu-luc-2`, … (see [`spec_of`]).
    pub fn of(annexes: &[MAnnex], specs: &[Spanned<Annex>]) -> Labels {
        let count = annexes.len();
        Labels {
            labels: annexes
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let spec = spec_of(specs, a.id.as_deref());
                    (a.id.clone(), label_of(i, count, spec))
                })
                .collect(),
        }
    }

    /// The label of the annex at `index`.
    pub fn at(&self, index: usize) -> &str {
        self.labels.get(index).map_or(LABEL_WORD, |(_, l)| l)
    }

    /// The label of the annex with id `id`. `crate::markup::parse` refuses a reference to
    /// no annex, so only a markup built by hand can miss: the id itself is printed then.
    pub fn of_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.labels
            .iter()
            .find(|(i, _)| i.as_deref() == Some(id))
            .map_or(id, |(_, l)| l)
    }
}

/// The `phu_luc` entry an annex of the markup shows: the template context names entry `n`
/// (from 1) `phu-luc-n`. Annexes a template makes of other data (the task list, an
/// inspection plan's teams) have other ids and no entry.
pub fn spec_of<'a>(specs: &'a [Spanned<Annex>], id: Option<&str>) -> Option<&'a Annex> {
    let n: usize = id?.strip_prefix("phu-luc-")?.parse().ok()?;
    specs.get(n.checked_sub(1)?).map(|s| &s.value)
}

/// The label of the annex at `index` of `count`: its `nhan` (default "Phụ lục") and its
/// `so` as written, or without `so` a Roman numeral (none when it is the only annex).
fn label_of(index: usize, count: usize, spec: Option<&Annex>) -> String {
    let word = spec
        .and_then(|a| a.label_word.as_deref())
        .map_or(LABEL_WORD, str::trim);
    match spec.and_then(|a| a.number.as_deref()) {
        Some(n) => format!("{word} {n}"),
        None if count == 1 => word.to_string(),
        None => format!("{word} {}", format::roman(index as u32 + 1)),
    }
}

/// "Phụ lục" or "Phụ lục I", "Phụ lục II", … (today's numbering of annexes without `so`).
pub fn label(index: usize, count: usize) -> String {
    label_of(index, count, None)
}

/// "(Kèm theo Báo cáo số 12/BC-UBND ngày 25 tháng 9 năm 2023 của Ủy ban nhân dân tỉnh)".
pub fn reference_line(type_name: &str, so_ky_hieu: &str, date: &str, agency: &str) -> String {
    format!("(Kèm theo {type_name} số {so_ky_hieu} {date} của {agency})")
}

/// The "(Kèm theo …)" line of an annex: `parent` (the line naming the parent document,
/// `None` for annexes sent on their own) unless the annex's `dong_kem_theo` says otherwise.
/// A text of the user's is printed as written, in parentheses unless it has them.
pub fn reference_of(spec: Option<&Annex>, parent: Option<&str>) -> Option<String> {
    match spec
        .and_then(|a| a.reference_line.as_ref())
        .map(|r| &r.value)
    {
        None | Some(ReferenceLine::Shown(true)) => parent.map(str::to_string),
        Some(ReferenceLine::Shown(false)) => None,
        Some(ReferenceLine::Text(t)) => {
            let t = t.trim();
            Some(if t.starts_with('(') && t.ends_with(')') {
                t.to_string()
            } else {
                format!("({t})")
            })
        }
    }
}

/// What an annex's heading shows.
pub struct Heading<'a> {
    /// "Phụ lục 01".
    pub label: &'a str,
    /// The title's lines, UPPER.
    pub titles: &'a [String],
    /// The "(Kèm theo …)" line, if any.
    pub reference: Option<&'a str>,
    /// Label and first title line on one line: "Phụ lục 01: BẢNG …".
    pub same_line: bool,
}

/// The heading's paragraphs (Decree 30: centred, the label in bold normal case, the title
/// UPPER and bold, the "(Kèm theo …)" line in italics), then the short rule under it.
pub fn heading(h: &Heading, st: &Style, fonts: &FontSet, width: f32) -> Vec<Block> {
    let titles: Vec<String> = h.titles.iter().map(|t| format::upper_title(t)).collect();
    let mut lines: Vec<(String, bool)> = Vec::new();
    match titles.split_first() {
        Some((first, rest)) if h.same_line => {
            lines.push((format!("{}: {first}", h.label), false));
            lines.extend(rest.iter().map(|t| (t.clone(), false)));
        }
        _ => {
            lines.push((h.label.to_string(), false));
            lines.extend(titles.into_iter().map(|t| (t, false)));
        }
    }
    if let Some(r) = h.reference {
        lines.push((r.to_string(), true));
    }
    let mut out: Vec<Block> = lines
        .into_iter()
        .enumerate()
        .map(|(i, (text, italic))| {
            let mut p = title_lines::paragraph(st, fonts, &text, width, !italic, italic);
            p.keep_with_next = true;
            // The label line is the annex's entry in the outline (top level, like a Phần).
            if i == 0 {
                p.outline_level = Some(0);
            }
            Block::Paragraph(p)
        })
        .collect();
    out.push(Block::Rule(st.rule(80.0, 4.0, 10.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_roman_unless_alone() {
        assert_eq!(label(0, 1), "Phụ lục");
        assert_eq!(label(0, 3), "Phụ lục I");
        assert_eq!(label(3, 5), "Phụ lục IV");
    }

    #[test]
    fn references_read_the_label_of_the_annex_where_it_stands() {
        let annex = |id: &str| MAnnex {
            id: Some(id.to_string()),
            orientation: crate::ir::Orientation::Portrait,
            titles: Vec::new(),
            blocks: Vec::new(),
        };
        let labels = Labels::of(&[annex("b"), annex("a"), annex("c")], &[]);
        assert_eq!(labels.of_id("a"), "Phụ lục II");
        assert_eq!(labels.of_id("b"), "Phụ lục I");
        assert_eq!(labels.at(2), "Phụ lục III");
        assert_eq!(Labels::of(&[annex("a")], &[]).of_id("a"), "Phụ lục");
    }

    fn spec(yaml: &str) -> Annex {
        crate::load::parse_yaml::<Annex>(yaml).unwrap()
    }

    #[test]
    fn numbers_and_words_of_the_user_make_the_label() {
        let a = spec("tieu_de: A\nso: \"01\"\n");
        assert_eq!(label_of(0, 1, Some(&a)), "Phụ lục 01");
        assert_eq!(
            label_of(2, 3, Some(&spec("tieu_de: A\nso: 2\n"))),
            "Phụ lục 2"
        );
        let b = spec("tieu_de: A\nso: 1\nnhan: Phụ lục số\n");
        assert_eq!(label_of(0, 2, Some(&b)), "Phụ lục số 1");
        let c = spec("tieu_de: A\nnhan: Biểu\n");
        assert_eq!(label_of(1, 2, Some(&c)), "Biểu II");
        assert_eq!(label_of(1, 2, Some(&spec("tieu_de: A\n"))), "Phụ lục II");
    }

    #[test]
    fn the_reference_line_is_the_parents_none_or_the_users() {
        let parent = Some("(Kèm theo Báo cáo số 07/BC-UBND)");
        let plain = spec("tieu_de: A\n");
        assert_eq!(reference_of(Some(&plain), parent).as_deref(), parent);
        assert_eq!(reference_of(None, parent).as_deref(), parent);
        assert_eq!(reference_of(Some(&plain), None), None);
        let off = spec("tieu_de: A\ndong_kem_theo: false\n");
        assert_eq!(reference_of(Some(&off), parent), None);
        let own = spec("tieu_de: A\ndong_kem_theo: Kèm theo Công văn số 5/UBND\n");
        assert_eq!(
            reference_of(Some(&own), parent).as_deref(),
            Some("(Kèm theo Công văn số 5/UBND)")
        );
        let wrapped = spec("tieu_de: A\ndong_kem_theo: \"(Kèm theo X)\"\n");
        assert_eq!(
            reference_of(Some(&wrapped), None).as_deref(),
            Some("(Kèm theo X)")
        );
    }

    #[test]
    fn labels_read_the_entry_the_markup_names() {
        let specs: Vec<Spanned<Annex>> =
            crate::load::parse_yaml("- {tieu_de: A, so: \"01\"}\n- {tieu_de: B}\n").unwrap();
        let annex = |id: &str| MAnnex {
            id: Some(id.to_string()),
            orientation: crate::ir::Orientation::Portrait,
            titles: Vec::new(),
            blocks: Vec::new(),
        };
        let labels = Labels::of(
            &[annex("doan"), annex("phu-luc-2"), annex("phu-luc-1")],
            &specs,
        );
        assert_eq!(labels.of_id("doan"), "Phụ lục I");
        assert_eq!(labels.of_id("phu-luc-2"), "Phụ lục II");
        assert_eq!(labels.of_id("phu-luc-1"), "Phụ lục 01");
        assert!(spec_of(&specs, Some("phu-luc-0")).is_none());
        assert!(spec_of(&specs, Some("phu-luc-3")).is_none());
    }

    #[test]
    fn reference_line_uses_the_parent_document() {
        assert_eq!(
            reference_line(
                "Báo cáo",
                "07/BC-UBND",
                "ngày 26 tháng 9 năm 2025",
                "UBND tỉnh Hà Lam"
            ),
            "(Kèm theo Báo cáo số 07/BC-UBND ngày 26 tháng 9 năm 2025 của UBND tỉnh Hà Lam)"
        );
    }
}
