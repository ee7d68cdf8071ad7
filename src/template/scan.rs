//! A lexer for Tera template sources, enough to find the code tags (`{{ … }}`, `{% … %}`)
//! outside comments and raw blocks, and the tokens inside them. Used to bound recursion and
//! nesting before Tera sees a template, and to find where a runtime error comes from.

/// A code tag: `{{ … }}` or `{% … %}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// `true` for `{% … %}`, `false` for `{{ … }}`.
    pub block: bool,
    /// Byte offset of the opening `{`.
    pub start: usize,
    /// Byte offset just past the closing `}`.
    pub end: usize,
    /// Byte range of the code between the delimiters (and their `-` whitespace marks).
    pub code: std::ops::Range<usize>,
}

impl Tag {
    /// The code, trimmed.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src[self.code.clone()].trim()
    }

    /// The tag's keyword (`if`, `macro`, `endfor`, …) for a `{% … %}` tag.
    pub fn keyword<'a>(&self, src: &'a str) -> &'a str {
        if !self.block {
            return "";
        }
        let t = self.text(src);
        let end = t.find(|c: char| !is_ident_char(c)).unwrap_or(t.len());
        &t[..end]
    }
}

pub fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The code tags of `src`, in order. Comments and the inside of `{% raw %}` blocks are
/// skipped; an unterminated tag ends the scan (Tera reports it).
pub fn tags(src: &str) -> Vec<Tag> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_raw = false;
    while let Some(off) = src[i..].find('{') {
        let start = i + off;
        let next = b.get(start + 1).copied();
        match next {
            Some(b'#') if !in_raw => match src[start + 2..].find("#}") {
                Some(e) => i = start + 2 + e + 2,
                None => break,
            },
            Some(c @ (b'{' | b'%')) => {
                let close = if c == b'{' { "}}" } else { "%}" };
                let Some((code, end)) = code_span(src, start + 2, close) else {
                    break;
                };
                let tag = Tag {
                    block: c == b'%',
                    start,
                    end,
                    code,
                };
                let kw = tag.keyword(src);
                if in_raw {
                    if kw == "endraw" {
                        in_raw = false;
                    }
                } else if kw == "raw" {
                    in_raw = true;
                } else {
                    out.push(tag);
                }
                i = end;
            }
            _ => i = start + 1,
        }
    }
    out
}

/// From just after `{{`/`{%`: the code range (without `-` marks) and the end of the tag.
/// Strings are skipped, so a `}}` inside quotes does not end the tag.
fn code_span(src: &str, from: usize, close: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let b = src.as_bytes();
    let code_start = if b.get(from) == Some(&b'-') {
        from + 1
    } else {
        from
    };
    let mut j = code_start;
    while j < b.len() {
        match b[j] {
            q @ (b'"' | b'\'' | b'`') => j += 1 + src[j + 1..].find(q as char)? + 1,
            _ if src[j..].starts_with(close) => {
                let code_end = if j > code_start && b[j - 1] == b'-' {
                    j - 1
                } else {
                    j
                };
                return Some((code_start..code_end, j + close.len()));
            }
            _ => j += 1,
        }
    }
    None
}

/// A token of template code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    Ident(&'a str),
    Str,
    Number,
    /// `(`, `[`, `{`.
    Open(char),
    /// `)`, `]`, `}`.
    Close(char),
    /// Any other punctuation (operators, `,`, `=`, `|`, `.`, `::` as two `:`).
    Punct(char),
}

/// The tokens of `code` with their byte offsets (relative to `code`).
pub fn tokens(code: &str) -> Vec<(usize, Tok<'_>)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let tok = match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'"' | b'\'' | b'`' => {
                i += 1 + code[i + 1..]
                    .find(c as char)
                    .map_or(code.len() - i - 1, |e| e + 1);
                Tok::Str
            }
            b'0'..=b'9' => {
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                    i += 1;
                }
                Tok::Number
            }
            _ if c == b'_' || c.is_ascii_alphabetic() => {
                while i < b.len() && is_ident_char(b[i] as char) {
                    i += 1;
                }
                Tok::Ident(&code[start..i])
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Tok::Open(c as char)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Tok::Close(c as char)
            }
            _ => {
                // One character (a whole UTF-8 sequence for non-ASCII).
                let ch = code[i..].chars().next().unwrap_or(' ');
                i += ch.len_utf8();
                Tok::Punct(ch)
            }
        };
        out.push((start, tok));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_skips_comments_raw_and_strings() {
        let src =
            "a {{ x | f(s=\"}}\") }} {# {{ no }} #}{% raw %}{{ no }}{% endraw %}{%- if y -%}b";
        let t = tags(src);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text(src), "x | f(s=\"}}\")");
        assert!(!t[0].block);
        assert_eq!(t[1].keyword(src), "if");
        assert_eq!(t[1].text(src), "if y");
        assert_eq!(&src[t[1].end..], "b");
    }

    #[test]
    fn tokenizes_code() {
        let toks: Vec<_> = tokens("m::f(a=1, b=\"x)\")")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            toks,
            [
                Tok::Ident("m"),
                Tok::Punct(':'),
                Tok::Punct(':'),
                Tok::Ident("f"),
                Tok::Open('('),
                Tok::Ident("a"),
                Tok::Punct('='),
                Tok::Number,
                Tok::Punct(','),
                Tok::Ident("b"),
                Tok::Punct('='),
                Tok::Str,
                Tok::Close(')'),
            ]
        );
    }
}
