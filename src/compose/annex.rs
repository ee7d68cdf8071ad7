//! Annex labels and headings. Compose labels the annexes once, in the order the markup
//! emits them ("Phụ lục I", "Phụ lục II", …); the heading of each annex and every
//! `<annexref to="…"/>` print that one label, so a template that reorders its annexes still
//! refers to them rightly. The heading is the label, the title, and the "(Kèm theo Báo cáo
//! số … ngày … của …)" line built from the parent document's own number, date and agency.

use super::style::Style;
use crate::format;
use crate::ir::Block;
use crate::markup::MAnnex;

/// The label of each annex of a markup, by position and by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    labels: Vec<(Option<String>, String)>,
}

impl Labels {
    /// The labels of `annexes`, in their order.
    pub fn of(annexes: &[MAnnex]) -> Labels {
        let count = annexes.len();
        Labels {
            labels: annexes
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), label(i, count)))
                .collect(),
        }
    }

    /// The label of the annex at `index`.
    pub fn at(&self, index: usize) -> &str {
        self.labels.get(index).map_or("Phụ lục", |(_, l)| l)
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

/// "Phụ lục I", "Phụ lục II", … or just "Phụ lục" when there is only one.
pub fn label(index: usize, count: usize) -> String {
    if count == 1 {
        "Phụ lục".to_string()
    } else {
        format!("Phụ lục {}", format::roman(index as u32 + 1))
    }
}

/// "(Kèm theo Báo cáo số 12/BC-UBND ngày 25 tháng 9 năm 2023 của Ủy ban nhân dân tỉnh)".
pub fn reference_line(type_name: &str, so_ky_hieu: &str, date: &str, agency: &str) -> String {
    format!("(Kèm theo {type_name} số {so_ky_hieu} {date} của {agency})")
}

pub fn heading(label: &str, titles: &[String], reference: &str, st: &Style) -> Vec<Block> {
    let mut out = Vec::new();
    let mut l = st.centered(label, st.title_size, true, false);
    l.keep_with_next = true;
    out.push(Block::Paragraph(l));
    for t in titles {
        let mut p = st.centered(&format::upper_title(t), st.title_size, true, false);
        p.keep_with_next = true;
        out.push(Block::Paragraph(p));
    }
    let mut r = st.centered(reference, st.title_size, false, true);
    r.keep_with_next = true;
    out.push(Block::Paragraph(r));
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
        let labels = Labels::of(&[annex("b"), annex("a"), annex("c")]);
        assert_eq!(labels.of_id("a"), "Phụ lục II");
        assert_eq!(labels.of_id("b"), "Phụ lục I");
        assert_eq!(labels.at(2), "Phụ lục III");
        assert_eq!(Labels::of(&[annex("a")]).of_id("a"), "Phụ lục");
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
