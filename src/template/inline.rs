//! The inline marks a secretary may use inside a text in YAML, turned into escaped markup:
//! `**đậm**`, `*nghiêng*`, `^[chú thích]` (a footnote), a line break for "\n". Everything else
//! — "<", "&", "{{", "#", a path such as `C:\Users\tep.docx` — is text, as typed.
//!
//! The rules, so that no character typed is ever lost:
//! - a backslash is an escape only in front of a mark character (`*`, `^`, `[`, `]`): `\*` is a
//!   literal star; any other backslash is printed;
//! - `*` and `**` open only before a non-space and close only after one, so `5 * 3 * 2` and a
//!   lone `a ** b` stay literal;
//! - a mark without its partner stays literal; marks that cross (`*a **b* c**`) are paired from
//!   the inside out, and an opener left without a partner is printed as typed.

pub use crate::xml::escape;
use crate::xml::push_escaped;

/// Whether a backslash before `c` escapes it.
fn is_mark(c: char) -> bool {
    matches!(c, '*' | '^' | '[' | ']')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Bold,
    Italic,
    Note,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// Literal text, unescaped.
    Text(String),
    /// A delimiter that may open or close `mark`; `literal` is how it was typed.
    Delim {
        mark: Mark,
        literal: &'static str,
        can_open: bool,
        can_close: bool,
    },
    Break,
}

/// Split `s` into text and delimiter candidates, resolving escapes.
fn tokenize(s: &str) -> Vec<Token> {
    let chars: Vec<char> = s.chars().collect();
    let mut tokens = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, tokens: &mut Vec<Token>| {
        if !text.is_empty() {
            tokens.push(Token::Text(std::mem::take(text)));
        }
    };
    let spaced = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_none_or(|c| c.is_whitespace())
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(|n| is_mark(*n)) {
            text.push(chars[i + 1]);
            i += 2;
            continue;
        }
        let delim = if c == '*' {
            let len = if chars.get(i + 1) == Some(&'*') { 2 } else { 1 };
            let (mark, literal) = if len == 2 {
                (Mark::Bold, "**")
            } else {
                (Mark::Italic, "*")
            };
            Some((
                len,
                Token::Delim {
                    mark,
                    literal,
                    can_open: !spaced(Some(i + len)),
                    can_close: !spaced(i.checked_sub(1)),
                },
            ))
        } else if c == '^' && chars.get(i + 1) == Some(&'[') {
            let t = Token::Delim {
                mark: Mark::Note,
                literal: "^[",
                can_open: true,
                can_close: false,
            };
            Some((2, t))
        } else if c == ']' {
            let t = Token::Delim {
                mark: Mark::Note,
                literal: "]",
                can_open: false,
                can_close: true,
            };
            Some((1, t))
        } else if c == '\n' {
            Some((1, Token::Break))
        } else {
            None
        };
        match delim {
            Some((len, t)) => {
                flush(&mut text, &mut tokens);
                tokens.push(t);
                i += len;
            }
            None => {
                text.push(c);
                i += 1;
            }
        }
    }
    flush(&mut text, &mut tokens);
    tokens
}

/// Pair openers with closers: a closer takes the nearest open mark of its kind; openers
/// above it on the stack had no partner and stay literal. Returns, for each token, whether it
/// is an active opener or closer.
fn pair(tokens: &[Token]) -> Vec<bool> {
    let mut active = vec![false; tokens.len()];
    let mut stack: Vec<(usize, Mark)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Token::Delim {
            mark,
            can_open,
            can_close,
            ..
        } = t
        else {
            continue;
        };
        let in_note = stack.iter().any(|(_, m)| *m == Mark::Note);
        if *can_close && let Some(k) = stack.iter().rposition(|(_, m)| m == mark) {
            // A note holds its own styles: a style opened outside it cannot close inside.
            let crosses_note = stack[k + 1..].iter().any(|(_, m)| *m == Mark::Note);
            if !crosses_note {
                active[stack[k].0] = true;
                active[i] = true;
                stack.truncate(k);
                continue;
            }
        }
        if *can_open && !(*mark == Mark::Note && in_note) {
            stack.push((i, *mark));
        }
    }
    active
}

/// Convert user text with inline marks to markup.
pub fn to_markup(s: &str) -> String {
    // Most texts (table cells, numbers) have no marks at all.
    if !s.contains(['\\', '*', '^', ']', '\n']) {
        return escape(s);
    }
    let tokens = tokenize(s);
    let active = pair(&tokens);
    let mut out = String::with_capacity(s.len() + 16);
    // Styles open outside a note, closed around it so the XML nests.
    let mut styles: Vec<Mark> = Vec::new();
    let tag = |m: Mark, open: bool| match (m, open) {
        (Mark::Bold, true) => "<b>",
        (Mark::Bold, false) => "</b>",
        (Mark::Italic, true) => "<i>",
        (Mark::Italic, false) => "</i>",
        (Mark::Note, true) => "<fn>",
        (Mark::Note, false) => "</fn>",
    };
    let mut outside: Vec<Mark> = Vec::new();
    for (t, on) in tokens.iter().zip(active) {
        match t {
            Token::Text(text) => text.chars().for_each(|c| push_escaped(&mut out, c)),
            Token::Break => out.push_str("<br/>"),
            Token::Delim { literal, .. } if !on => {
                literal.chars().for_each(|c| push_escaped(&mut out, c))
            }
            Token::Delim { mark, .. } => {
                let closing = styles.last() == Some(mark)
                    || (*mark == Mark::Note && styles.contains(&Mark::Note));
                if *mark == Mark::Note && !closing {
                    for m in styles.iter().rev() {
                        out.push_str(tag(*m, false));
                    }
                    outside = std::mem::take(&mut styles);
                    styles.push(Mark::Note);
                    out.push_str(tag(Mark::Note, true));
                } else if *mark == Mark::Note {
                    for m in styles.drain(..).rev() {
                        out.push_str(tag(m, false));
                    }
                    styles = std::mem::take(&mut outside);
                    for m in &styles {
                        out.push_str(tag(*m, true));
                    }
                } else if closing {
                    styles.pop();
                    out.push_str(tag(*mark, false));
                } else {
                    styles.push(*mark);
                    out.push_str(tag(*mark, true));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_escapes() {
        assert_eq!(to_markup("a **b** *c*"), "a <b>b</b> <i>c</i>");
        assert_eq!(to_markup("x^[note] y"), "x<fn>note</fn> y");
        assert_eq!(
            to_markup("<a> & {{ b }} # c"),
            "&lt;a&gt; &amp; {{ b }} # c"
        );
        assert_eq!(to_markup("5 * 3"), "5 * 3");
        assert_eq!(to_markup(r"\*x\*"), "*x*");
        assert_eq!(to_markup("a\nb"), "a<br/>b");
    }

    #[test]
    fn backslashes_that_escape_nothing_are_printed() {
        assert_eq!(to_markup(r"C:\Users\tep.docx"), r"C:\Users\tep.docx");
        assert_eq!(to_markup(r"\\server\share"), r"\\server\share");
        assert_eq!(to_markup(r"a\"), r"a\");
        assert_eq!(to_markup(r"\[[id]]"), "[[id]]");
    }

    #[test]
    fn unpaired_marks_stay_literal() {
        assert_eq!(to_markup("a ** b"), "a ** b");
        assert_eq!(to_markup("5 * 3 * 2"), "5 * 3 * 2");
        assert_eq!(to_markup("**a"), "**a");
        assert_eq!(to_markup("x] y ^[z"), "x] y ^[z");
        assert_eq!(to_markup("*"), "*");
    }

    #[test]
    fn crossing_marks_nest_and_keep_every_character() {
        // The italic pair closes first; the bold opener inside it had no partner.
        assert_eq!(to_markup("*a **b* c**"), "<i>a **b</i> c**");
        assert_eq!(to_markup("**a *b** c*"), "<b>a *b</b> c*");
        // Styles are closed around a note and opened again after it.
        assert_eq!(
            to_markup("**a^[n *i*] b**"),
            "<b>a</b><fn>n <i>i</i></fn><b> b</b>"
        );
        // A style cannot close inside a note it did not open in.
        assert_eq!(to_markup("*a ^[b* c]"), "*a <fn>b* c</fn>");
    }

    #[test]
    fn output_is_always_well_formed() {
        for s in [
            "*a **b* c**",
            "^[a **b] c**",
            "**^[*]**",
            "*^[*]*",
            "^[^[a]]",
            "***a***",
            "a*b*c**d**",
        ] {
            let xml = format!("<p>{}</p>", to_markup(s));
            assert!(roxmltree::Document::parse(&xml).is_ok(), "{s:?} → {xml}");
        }
    }
}
