//! The inline marks a secretary may use inside a text in YAML, turned into escaped markup:
//! `**đậm**`, `*nghiêng*`, `^[chú thích]` (a footnote), a line break for "\n", and `\` to
//! write a mark literally. Everything else — "<", "&", "{{", "#" — is text.

pub use crate::xml::escape;
use crate::xml::push_escaped;

/// Convert user text with inline marks to markup. Unclosed marks are kept as literal text.
pub fn to_markup(s: &str) -> String {
    // Most texts (table cells, numbers) have no marks at all.
    if !s.contains(['\\', '*', '^', ']', '\n']) {
        return escape(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    let mut bold = false;
    let mut italic = false;
    let mut in_note = false;
    // Positions of marks that have a closing partner; computed lazily by scanning ahead.
    let closes = |from: usize, pat: &[char]| -> bool {
        let mut j = from;
        while j + pat.len() <= chars.len() {
            if chars[j] == '\\' {
                j += 2;
                continue;
            }
            if chars[j..j + pat.len()] == *pat {
                return true;
            }
            j += 1;
        }
        false
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            push_escaped(&mut out, chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '*' && chars.get(i + 1) == Some(&'*') && (bold || closes(i + 2, &['*', '*'])) {
            out.push_str(if bold { "</b>" } else { "<b>" });
            bold = !bold;
            i += 2;
            continue;
        }
        if c == '*' && (italic || closes(i + 1, &['*'])) {
            out.push_str(if italic { "</i>" } else { "<i>" });
            italic = !italic;
            i += 1;
            continue;
        }
        if !in_note && c == '^' && chars.get(i + 1) == Some(&'[') && closes(i + 2, &[']']) {
            // Close open styles around the note so the XML nests properly.
            if italic {
                out.push_str("</i>");
            }
            if bold {
                out.push_str("</b>");
            }
            out.push_str("<fn>");
            in_note = true;
            i += 2;
            continue;
        }
        if in_note && c == ']' {
            out.push_str("</fn>");
            in_note = false;
            if bold {
                out.push_str("<b>");
            }
            if italic {
                out.push_str("<i>");
            }
            i += 1;
            continue;
        }
        if c == '\n' {
            out.push_str("<br/>");
            i += 1;
            continue;
        }
        push_escaped(&mut out, c);
        i += 1;
    }
    if italic {
        out.push_str("</i>");
    }
    if bold {
        out.push_str("</b>");
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
}
