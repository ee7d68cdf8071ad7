//! Distributing a section's blocks over pages: keep-with-next, widow/orphan control, rows
//! that move whole (or split between lines when taller than a page), repeated header rows,
//! tables kept with the end of the body, and footnotes at the bottom of their page.

use std::borrow::Cow;

use super::paragraph::{LineBox, ParaBox, layout_paragraph};
use super::table::{Slab, TableBox, UnitBox, image_slab, layout_table, rule_slab};
use super::{Item, Page};
use crate::fonts::FontSet;
use crate::ir;

const EPS: f32 = 0.01;
/// Length of the separator line above the footnotes.
const FOOTNOTE_SEPARATOR: f32 = 50.0 * 72.0 / 25.4;

/// A block after measuring.
enum Elem {
    Para(ParaBox),
    /// Rules, spacers and images: never split.
    Atom(Slab),
    Table(TableBox),
    PageBreak,
}

/// A footnote laid out for the bottom of the page.
struct Note {
    lines: Vec<LineBox>,
}

impl Note {
    fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }
}

struct Pager<'a> {
    fonts: &'a FontSet,
    setup: &'a ir::PageSetup,
    orientation: ir::Orientation,
    section: usize,
    width: f32,
    height: f32,
    left: f32,
    top: f32,
    text_w: f32,
    text_h: f32,
    pages: Vec<Page>,
    items: Vec<Item>,
    /// Used height from the top of the text area.
    y: f32,
    notes: Vec<Note>,
    /// Nothing placed on the current page yet.
    at_top: bool,
    /// The current page began because the previous one was full (not a hard break):
    /// space before is dropped at its top, as Word does.
    natural: bool,
    /// Headings placed on the current page.
    marks: Vec<super::Mark>,
    /// The heading being placed: marked where its first line lands.
    heading: Option<(u8, String)>,
}

impl<'a> Pager<'a> {
    fn separator_height(&self) -> f32 {
        self.fonts.regular.line_height(self.setup.footnote_size)
    }

    fn notes_height(&self) -> f32 {
        if self.notes.is_empty() {
            0.0
        } else {
            self.separator_height() + self.notes.iter().map(Note::height).sum::<f32>()
        }
    }

    fn avail(&self) -> f32 {
        self.text_h - self.notes_height() - self.y
    }

    /// Extra footnote height needed if `notes` join the page.
    fn notes_cost(&self, notes: &[ir::Footnote]) -> f32 {
        if notes.is_empty() {
            return 0.0;
        }
        self.cost_of_notes_height(
            notes
                .iter()
                .map(|n| self.layout_note(n).height())
                .sum::<f32>(),
        )
    }

    /// Extra height if notes `height` tall join the page: they and, on a page without notes
    /// yet, the separator.
    fn cost_of_notes_height(&self, height: f32) -> f32 {
        let sep = if self.notes.is_empty() {
            self.separator_height()
        } else {
            0.0
        };
        sep + height
    }

    fn layout_note(&self, n: &ir::Footnote) -> Note {
        let size = self.setup.footnote_size;
        let mut p = ir::Paragraph::new(size);
        p.align = ir::Align::Justify;
        p.runs.push(ir::Inline::Text(ir::Run {
            text: n.number.to_string(),
            superscript: true,
            ..ir::Run::default()
        }));
        p.runs.push(ir::Inline::Text(ir::Run::plain(" ")));
        p.runs.extend(n.runs.iter().cloned().map(ir::Inline::Text));
        Note {
            lines: layout_paragraph(&p, self.text_w, self.fonts).lines,
        }
    }

    fn push_items(&mut self, items: &[Item], dx: f32) {
        let (x, y) = (self.left + dx, self.top + self.y);
        self.items.extend(items.iter().map(|i| i.shifted(x, y)));
        self.at_top = false;
    }

    fn add_notes(&mut self, notes: &[ir::Footnote]) {
        for n in notes {
            let note = self.layout_note(n);
            self.notes.push(note);
        }
    }

    fn finish_page(&mut self) {
        let mut items = std::mem::take(&mut self.items);
        if !self.notes.is_empty() {
            let sep = self.separator_height();
            let mut y = self.top + self.text_h - self.notes_height();
            items.push(Item::Rect {
                x: self.left,
                y: y + sep / 2.0,
                w: FOOTNOTE_SEPARATOR.min(self.text_w),
                h: 0.5,
            });
            y += sep;
            for n in std::mem::take(&mut self.notes) {
                for l in &n.lines {
                    items.extend(l.items.iter().map(|i| i.shifted(self.left, y)));
                    y += l.height;
                }
            }
        }
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            section: self.section,
            number: self.pages.len() + 1,
            orientation: self.orientation,
            items,
            marks: std::mem::take(&mut self.marks),
        });
        self.y = 0.0;
        self.at_top = true;
    }

    fn new_page(&mut self, natural: bool) {
        self.finish_page();
        self.natural = natural;
    }

    fn place_line(&mut self, l: &LineBox) {
        self.push_items(&l.items, 0.0);
        self.y += l.height;
        self.add_notes(&l.footnotes);
    }

    /// Place a paragraph. `need_after` is the height that must follow it on the same page
    /// (the first lines of the next block for keep-with-next, the signature table).
    fn place_para(&mut self, p: &ParaBox, need_after: f32) {
        let n = p.lines.len();
        let min_chunk = if p.widow_control { 2 } else { 1 };
        let mut i = 0;
        while i < n {
            let sb = if i == 0 && !(self.at_top && self.natural) {
                p.space_before
            } else {
                0.0
            };
            let avail = self.avail();
            // How many lines fit, with their footnotes.
            let mut used = sb;
            let mut fit = 0;
            let mut note_cost = 0.0;
            // Each note is laid out once here, its height added as its line is reached.
            let mut pending: Option<f32> = None;
            for l in &p.lines[i..] {
                for n in &l.footnotes {
                    *pending.get_or_insert(0.0) += self.layout_note(n).height();
                }
                let cost = pending.map_or(0.0, |h| self.cost_of_notes_height(h));
                if used + l.height + cost > avail + EPS {
                    break;
                }
                used += l.height;
                note_cost = cost;
                fit += 1;
            }
            let rem = n - i;
            let mut take = fit;
            if fit == rem {
                let fits_with_next = used + note_cost + p.space_after + need_after <= avail + EPS;
                if need_after > 0.0 && !fits_with_next && !self.at_top {
                    take = if p.keep_together {
                        0
                    } else {
                        rem.saturating_sub(min_chunk)
                    };
                    if i == 0 && take < min_chunk {
                        take = 0;
                    }
                }
            } else if p.keep_together && i == 0 {
                take = 0;
            } else if p.widow_control {
                if rem - take < 2 {
                    take = rem.saturating_sub(2);
                }
                if i == 0 && take < 2 {
                    take = 0;
                }
            }
            if take == 0 && self.at_top {
                // Nothing better is possible on an empty page.
                take = fit.max(1).min(rem);
            }
            if take == 0 {
                self.new_page(true);
                continue;
            }
            self.y += sb;
            if i == 0
                && let Some((level, title)) = self.heading.take()
            {
                self.marks.push(super::Mark {
                    level,
                    title,
                    y: self.top + self.y,
                });
            }
            for l in &p.lines[i..i + take] {
                self.place_line(l);
            }
            i += take;
            if i < n {
                self.new_page(true);
            }
        }
        self.y += p.space_after;
    }

    fn place_atom(&mut self, s: &Slab) {
        if s.height + self.notes_cost(&s.footnotes) > self.avail() + EPS && !self.at_top {
            self.new_page(true);
        }
        self.push_items(&s.items, 0.0);
        self.add_notes(&s.footnotes);
        self.y += s.height;
    }

    fn place_unit(&mut self, u: &UnitBox, x: f32) {
        // Same as rendering at (0, 0) and then `push_items`, without the second copy.
        let (dx, dy) = (self.left + x, self.top + self.y);
        let items = &mut self.items;
        u.render_each(0.0, 0.0, |mut it| {
            it.shift(dx, dy);
            items.push(it);
        });
        self.at_top = false;
        self.add_notes(&u.footnotes());
        self.y += u.height();
    }

    fn place_table(&mut self, t: &TableBox) {
        let hh = t.header_height();
        if t.keep_with_previous && t.height() > self.avail() + EPS && !self.at_top {
            self.new_page(true);
        }
        let mut header_here = false;
        for unit in &t.units {
            let cost = |p: &Self, u: &UnitBox| {
                u.height() + p.notes_cost(&u.footnotes()) + if header_here { 0.0 } else { hh }
            };
            if cost(self, unit) > self.avail() + EPS && !self.at_top {
                let fresh = self.text_h - hh;
                // A unit taller than a page splits here instead of leaving an empty page.
                if unit.height() <= fresh || self.avail() - hh < 3.0 * 14.0 {
                    self.new_page(true);
                    header_here = false;
                }
            }
            if !header_here {
                if let Some(h) = &t.header {
                    self.place_unit(h, t.x);
                }
                header_here = true;
            }
            // Copied only when it has to be split.
            let mut u = Cow::Borrowed(unit);
            while u.height() > self.avail() + EPS {
                match u.split(self.avail()) {
                    Some((a, b)) => {
                        self.place_unit(&a, t.x);
                        self.new_page(true);
                        if let Some(h) = &t.header {
                            self.place_unit(h, t.x);
                        }
                        u = Cow::Owned(b);
                    }
                    None => break,
                }
            }
            self.place_unit(&u, t.x);
        }
        if t.units.is_empty()
            && let Some(h) = &t.header
        {
            self.place_unit(h, t.x);
        }
    }
}

/// Height of the first piece of `elems[j]` that must share a page with a preceding
/// keep-with-next paragraph (following keep-with-next chains).
fn first_chunk(elems: &[Elem], j: usize) -> f32 {
    match elems.get(j) {
        Some(Elem::Para(q)) => {
            let n = q.lines.len();
            let m = if q.keep_together {
                n
            } else if q.widow_control {
                if n <= 3 { n } else { 2 }
            } else {
                1
            };
            let mut h = q.space_before + q.lines[..m].iter().map(|l| l.height).sum::<f32>();
            if m == n && q.keep_with_next {
                h += q.space_after + first_chunk(elems, j + 1);
            }
            h
        }
        Some(Elem::Atom(s)) => s.height,
        Some(Elem::Table(t)) => {
            if t.keep_with_previous {
                t.height()
            } else {
                t.header_height() + t.units.first().map_or(0.0, |u| u.height())
            }
        }
        Some(Elem::PageBreak) | None => 0.0,
    }
}

/// Lay out one section on pages of its orientation (at least one page).
pub fn paginate_section(
    section: &ir::Section,
    index: usize,
    setup: &ir::PageSetup,
    fonts: &FontSet,
) -> Vec<Page> {
    let (width, height) = setup.size(section.orientation);
    let text_w = setup.text_width(section.orientation);
    let text_h = setup.text_height(section.orientation);
    let before = super::collapsed_before(&section.blocks);
    let elems: Vec<Elem> = section
        .blocks
        .iter()
        .zip(before)
        .map(|(b, before)| match b {
            ir::Block::Paragraph(p) => Elem::Para(layout_paragraph(
                &super::with_before(p, before),
                text_w,
                fonts,
            )),
            ir::Block::Rule(r) => {
                Elem::Atom(rule_slab(&super::rule_with_before(r, before), text_w))
            }
            ir::Block::Image(img) => Elem::Atom(image_slab(img, text_w)),
            ir::Block::Spacer(h) => Elem::Atom(Slab {
                height: *h,
                ..Slab::default()
            }),
            ir::Block::Table(t) => Elem::Table(layout_table(t, text_w, fonts)),
            ir::Block::PageBreak => Elem::PageBreak,
        })
        .collect();
    let mut pager = Pager {
        fonts,
        setup,
        orientation: section.orientation,
        section: index,
        width,
        height,
        left: setup.margin_left,
        top: setup.margin_top,
        text_w,
        text_h,
        pages: Vec::new(),
        items: Vec::new(),
        y: 0.0,
        notes: Vec::new(),
        at_top: true,
        natural: false,
        marks: Vec::new(),
        heading: None,
    };
    for (i, e) in elems.iter().enumerate() {
        match e {
            Elem::Para(p) => {
                let mut need = if p.keep_with_next {
                    first_chunk(&elems, i + 1)
                } else {
                    0.0
                };
                if let Some(Elem::Table(t)) = elems.get(i + 1)
                    && t.keep_with_previous
                {
                    need = need.max(t.height());
                }
                // A keep that cannot be met on any page is ignored, as in Word.
                if p.height() + need > text_h {
                    need = 0.0;
                }
                if let ir::Block::Paragraph(q) = &section.blocks[i] {
                    pager.heading = q.outline_level.map(|l| (l, heading_text(q)));
                }
                pager.place_para(p, need);
            }
            Elem::Atom(s) => pager.place_atom(s),
            Elem::Table(t) => pager.place_table(t),
            Elem::PageBreak => pager.new_page(false),
        }
    }
    pager.finish_page();
    pager.pages
}

/// A heading's text on one line (line breaks and runs of spaces as one space).
fn heading_text(p: &ir::Paragraph) -> String {
    let mut s = String::new();
    for i in &p.runs {
        match i {
            ir::Inline::Text(r) => s.push_str(&r.text),
            ir::Inline::LineBreak => s.push(' '),
            ir::Inline::FootnoteRef(_) => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::bundled;

    fn para(words: usize, widow: bool) -> ir::Paragraph {
        let mut p = ir::Paragraph::new(14.0);
        p.runs = vec![ir::Inline::Text(ir::Run::plain("lời văn ".repeat(words)))];
        p.widow_control = widow;
        p
    }

    fn section(blocks: Vec<ir::Block>) -> ir::Section {
        ir::Section {
            kind: ir::SectionKind::Main,
            orientation: ir::Orientation::Portrait,
            blocks,
        }
    }

    fn tw() -> f32 {
        ir::PageSetup::nd30_default().text_width(ir::Orientation::Portrait)
    }

    /// Number of text lines (distinct baselines) on each page.
    fn lines_per_page(pages: &[Page]) -> Vec<usize> {
        pages
            .iter()
            .map(|p| {
                let mut ys: Vec<i32> = p.runs().map(|r| r.y.round() as i32).collect();
                ys.dedup();
                ys.len()
            })
            .collect()
    }

    fn run_case(fill_lines: f32, blocks: Vec<ir::Block>) -> Vec<usize> {
        let setup = ir::PageSetup::nd30_default();
        let line = bundled().regular.line_height(14.0);
        let spacer = setup.text_height(ir::Orientation::Portrait) - fill_lines * line;
        let mut all = vec![ir::Block::Spacer(spacer)];
        all.extend(blocks);
        let pages = paginate_section(&section(all), 0, &setup, bundled());
        lines_per_page(&pages)
    }

    #[test]
    fn orphan_moves_paragraph_start() {
        let p = para(60, true);
        let n = layout_paragraph(&p, tw(), bundled()).lines.len();
        assert!(n >= 4);
        // Room for one line: an orphan is not allowed.
        assert_eq!(run_case(1.5, vec![ir::Block::Paragraph(p)]), vec![0, n]);
        // Without widow control the first line stays.
        let p = para(60, false);
        assert_eq!(run_case(1.5, vec![ir::Block::Paragraph(p)]), vec![1, n - 1]);
    }

    #[test]
    fn widow_pulls_a_line_over() {
        let p = para(60, true);
        let n = layout_paragraph(&p, tw(), bundled()).lines.len();
        // Room for all but one line: two lines go to the next page.
        let got = run_case(n as f32 - 0.5, vec![ir::Block::Paragraph(p)]);
        assert_eq!(got, vec![n - 2, 2]);
    }

    #[test]
    fn heading_keeps_with_next() {
        let mut h = para(2, true);
        h.keep_with_next = true;
        let p = para(60, true);
        let n = layout_paragraph(&p, tw(), bundled()).lines.len();
        // Room for the heading and one line of the paragraph: both move.
        let got = run_case(2.5, vec![ir::Block::Paragraph(h), ir::Block::Paragraph(p)]);
        assert_eq!(got, vec![0, n + 1]);
    }
}
