//! Splitting a paragraph's inline content into unbreakable words (UAX #14 break
//! opportunities, across run boundaries) and filling lines greedily, as Word does.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::fonts::{FontSet, FontStyle};
use crate::ir;

/// Superscript runs are drawn at this fraction of their size …
pub const SUPERSCRIPT_SCALE: f32 = 0.58;
/// … raised by this fraction of their nominal size (Word's defaults).
pub const SUPERSCRIPT_RISE: f32 = 0.33;

/// A piece of a word in one face and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub style: FontStyle,
    /// Drawn size (already reduced for superscripts).
    pub size: f32,
    /// Baseline shift upwards (superscripts).
    pub rise: f32,
    pub underline: bool,
    /// Advance of `text`, trailing spaces included.
    pub width: f32,
    /// Advance of the trailing spaces of `text`.
    pub trail: f32,
}

/// Text between two break opportunities: never broken inside.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    pub pieces: Vec<Piece>,
    /// Width without the trailing spaces.
    pub width: f32,
    /// Width of the trailing spaces.
    pub space: f32,
    /// Number of trailing spaces (justification stretches these).
    pub spaces: usize,
    /// A line break (or the paragraph end) follows.
    pub hard_break: bool,
    /// Footnotes whose mark is in this word.
    pub footnotes: Vec<ir::Footnote>,
}

/// Character attributes of one inline.
#[derive(Debug, Clone)]
struct Attr {
    bold: bool,
    italic: bool,
    underline: bool,
    superscript: bool,
    size: f32,
    footnote: Option<ir::Footnote>,
}

impl Attr {
    /// Regular text at `size`.
    fn plain(size: f32) -> Attr {
        Attr {
            bold: false,
            italic: false,
            underline: false,
            superscript: false,
            size,
            footnote: None,
        }
    }
}

/// A paragraph's inlines as one text, so that break opportunities are found across runs.
struct Flat {
    text: String,
    /// (byte start, attribute index); an attribute covers bytes up to the next start.
    spans: Vec<(usize, usize)>,
    attrs: Vec<Attr>,
}

impl Flat {
    fn new(runs: &[ir::Inline], default_size: f32) -> Flat {
        let mut flat = Flat {
            text: String::new(),
            spans: Vec::new(),
            attrs: Vec::new(),
        };
        for inline in runs {
            let (s, attr) = match inline {
                ir::Inline::Text(r) => (
                    crate::format::text::nfc_cow(&r.text),
                    Attr {
                        bold: r.bold,
                        italic: r.italic,
                        underline: r.underline,
                        superscript: r.superscript,
                        size: r.size.unwrap_or(default_size),
                        footnote: None,
                    },
                ),
                ir::Inline::LineBreak => ("\n".into(), Attr::plain(default_size)),
                ir::Inline::FootnoteRef(f) => (
                    f.number.to_string().into(),
                    Attr {
                        superscript: true,
                        footnote: Some(f.clone()),
                        ..Attr::plain(default_size)
                    },
                ),
            };
            if s.is_empty() {
                continue;
            }
            flat.spans.push((flat.text.len(), flat.attrs.len()));
            flat.attrs.push(attr);
            flat.text.push_str(&s);
        }
        flat
    }

    /// Index of the attribute of the byte at `pos`.
    fn attr_at(&self, pos: usize) -> usize {
        let i = self.spans.partition_point(|&(start, _)| start <= pos);
        self.spans[i - 1].1
    }
}

/// Break a paragraph's inlines into words. Text is NFC-normalised first: the fonts have
/// precomposed Vietnamese letters and printpdf does no shaping, so combining marks would
/// be drawn detached.
pub fn words(runs: &[ir::Inline], default_size: f32, fonts: &FontSet) -> Vec<Word> {
    let flat = Flat::new(runs, default_size);
    let text = &flat.text;
    let mut out = Vec::new();
    let mut start = 0;
    for (end, opp) in linebreaks(text) {
        if end <= start {
            continue;
        }
        // Keep document symbols such as "18/KH-UBND" whole: LibreOffice and Word do not
        // break after a slash that is followed by a letter or digit, though UAX #14 allows it.
        if opp == BreakOpportunity::Allowed
            && text[..end].ends_with('/')
            && text[end..].starts_with(|c: char| c.is_alphanumeric())
        {
            continue;
        }
        out.push(word(
            &flat,
            start,
            end,
            opp == BreakOpportunity::Mandatory,
            fonts,
        ));
        start = end;
    }
    if let Some(last) = out.last_mut() {
        last.hard_break = true;
    }
    out
}

/// The word of bytes `start..end` of `flat`: its pieces, one per change of face, size,
/// rise or underline, with their advances.
fn word(flat: &Flat, start: usize, end: usize, hard_break: bool, fonts: &FontSet) -> Word {
    let mut word = Word {
        hard_break,
        ..Word::default()
    };
    let mut last_attr = usize::MAX;
    for (off, ch) in flat.text[start..end].char_indices() {
        if ch == '\n' || ch == '\r' {
            continue;
        }
        let ai = flat.attr_at(start + off);
        let a = &flat.attrs[ai];
        if ai != last_attr
            && let Some(f) = &a.footnote
        {
            word.footnotes.push(f.clone());
        }
        last_attr = ai;
        let wanted = FontStyle::of(a.bold, a.italic);
        // A character missing from the styled face falls back to the regular face, then
        // to the fallback face; one missing from every face (which `fonts::coverage`
        // reports before layout) would draw as the regular face's .notdef.
        let (size, rise) = if a.superscript {
            (a.size * SUPERSCRIPT_SCALE, a.size * SUPERSCRIPT_RISE)
        } else {
            (a.size, 0.0)
        };
        // One lookup for text: the styled face's advance; the others only for what it
        // lacks (a tab is set as a space of the regular face).
        let styled = if ch == '\t' {
            None
        } else {
            fonts.face(wanted).advance_if_present(ch, size)
        };
        let ch = if ch == '\t' { ' ' } else { ch };
        let (style, adv) = match styled {
            Some(adv) => (wanted, adv),
            None => fonts
                .resolve_outside(ch, size)
                .unwrap_or_else(|| (FontStyle::Regular, fonts.regular.advance(ch, size))),
        };
        let same = word.pieces.last().is_some_and(|p: &Piece| {
            p.style == style && p.size == size && p.rise == rise && p.underline == a.underline
        });
        if !same {
            word.pieces.push(Piece {
                text: String::new(),
                style,
                size,
                rise,
                underline: a.underline,
                width: 0.0,
                trail: 0.0,
            });
        }
        let p = word.pieces.last_mut().expect("piece pushed above");
        p.text.push(ch);
        p.width += adv;
        if ch == ' ' {
            p.trail += adv;
        } else {
            p.trail = 0.0;
        }
    }
    let (spaces, space) = trailing_spaces(&word.pieces);
    word.spaces = spaces;
    word.space = space;
    word.width = word.pieces.iter().map(|p| p.width).sum::<f32>() - space;
    word
}

/// Number and width of the spaces at the end of the last pieces.
fn trailing_spaces(pieces: &[Piece]) -> (usize, f32) {
    let mut spaces = 0;
    let mut space = 0.0;
    'outer: for p in pieces.iter().rev() {
        for ch in p.text.chars().rev() {
            if ch == ' ' {
                spaces += 1;
            } else {
                space += p.trail;
                break 'outer;
            }
        }
        space += p.trail;
    }
    (spaces, space)
}

/// A line: a range of words and whether it ends at a hard break (or the paragraph end),
/// in which case a justified paragraph does not stretch it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSpan {
    pub start: usize,
    pub end: usize,
    pub hard_end: bool,
}

/// Greedy first-fit line filling. `first` is the width of the first line (first-line
/// indent), `rest` that of the others. A word longer than a line gets a line of its own.
pub fn break_lines(words: &[Word], first: f32, rest: f32) -> Vec<LineSpan> {
    const EPS: f32 = 0.01;
    let mut lines = Vec::new();
    let mut start = 0;
    let mut cur = 0.0;
    for (i, w) in words.iter().enumerate() {
        let avail = if lines.is_empty() { first } else { rest };
        if i > start && cur + w.width > avail + EPS {
            lines.push(LineSpan {
                start,
                end: i,
                hard_end: false,
            });
            start = i;
            cur = 0.0;
        }
        cur += w.width + w.space;
        if w.hard_break {
            lines.push(LineSpan {
                start,
                end: i + 1,
                hard_end: true,
            });
            start = i + 1;
            cur = 0.0;
        }
    }
    if start < words.len() {
        lines.push(LineSpan {
            start,
            end: words.len(),
            hard_end: true,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::bundled;

    fn run(t: &str, bold: bool) -> ir::Inline {
        ir::Inline::Text(ir::Run {
            text: t.into(),
            bold,
            ..ir::Run::default()
        })
    }

    #[test]
    fn words_span_runs_and_normalise() {
        // "Việt Nam" with a combining circumflex and dot below must become NFC.
        let w = words(&[run("Vie\u{0302}\u{0323}t Nam", false)], 14.0, bundled());
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].pieces[0].text, "Việt ");
        assert_eq!(w[0].spaces, 1);

        // A bold run inside a word does not create a break opportunity.
        let w = words(&[run("ab", false), run("cd ef", true)], 14.0, bundled());
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].pieces.len(), 2);
        assert_eq!(w[0].spaces, 1);
        assert!(w[1].hard_break);
    }

    #[test]
    fn symbols_missing_from_the_text_face_are_measured_in_the_fallback_face() {
        let f = bundled();
        assert!(!f.regular.has_char('☐') && !f.bold.has_char('✓'));
        let w = words(&[run("☐✓ Đạt", true)], 14.0, f);
        assert_eq!(w.len(), 2);
        let p = &w[0].pieces;
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            (p[0].text.as_str(), p[0].style),
            ("☐✓", FontStyle::Fallback)
        );
        let symbols = f.fallback.advance('☐', 14.0) + f.fallback.advance('✓', 14.0);
        assert!(symbols > 10.0, "a real glyph, not .notdef: {symbols}");
        assert!((p[0].width - symbols).abs() < 1e-4);
        // The space after the symbols is the bold face's.
        assert_eq!((p[1].text.as_str(), p[1].style), (" ", FontStyle::Bold));
        assert_eq!(w[1].pieces[0].style, FontStyle::Bold);
        // Rule lengths measured by the composer agree with the layout.
        let laid: f32 = w.iter().flat_map(|w| &w.pieces).map(|p| p.width).sum();
        assert!((f.width("☐✓ Đạt", 14.0, true, false) - laid).abs() < 1e-3);
        // Line height comes from the text face, not the fallback face's taller metrics.
        assert_eq!(
            f.line_face(FontStyle::Fallback).line_height(14.0),
            f.regular.line_height(14.0)
        );
    }

    #[test]
    fn footnote_mark_sticks_to_word() {
        let note = ir::Footnote {
            number: 3,
            runs: vec![ir::Run::plain("note")],
        };
        let w = words(
            &[run("kết quả.", false), ir::Inline::FootnoteRef(note)],
            14.0,
            bundled(),
        );
        assert_eq!(w.len(), 2);
        assert_eq!(w[1].footnotes.len(), 1);
        assert!(w[1].pieces.last().unwrap().rise > 0.0);
    }

    #[test]
    fn greedy_fill_respects_width() {
        let w = words(&[run(&"lorem ipsum ".repeat(30), false)], 14.0, bundled());
        let lines = break_lines(&w, 200.0, 250.0);
        assert!(lines.len() > 3);
        for (i, l) in lines.iter().enumerate() {
            let avail = if i == 0 { 200.0 } else { 250.0 };
            let width: f32 = w[l.start..l.end]
                .iter()
                .map(|w| w.width + w.space)
                .sum::<f32>()
                - w[l.end - 1].space;
            assert!(width <= avail + 0.01);
        }
    }
}
