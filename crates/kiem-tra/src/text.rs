//! Text comparisons the way people type Vietnamese: composed or decomposed, old or new
//! tone-mark placement, any spacing.

use unicode_normalization::UnicodeNormalization;

/// NFC, runs of white space as one space, trimmed.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case with the old tone placements moved to the new ones ("hoà" → "hòa"), for
/// matching, never for printing.
pub fn fold(s: &str) -> String {
    let mut t = clean(s).to_lowercase();
    for (old, new) in [
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
    ] {
        t = t.replace(old, new);
    }
    t
}

/// Every letter is upper case, and there is at least one.
pub fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// The first words of a paragraph, for a finding's excerpt.
pub fn excerpt(s: &str) -> String {
    let c = clean(s);
    if c.chars().count() <= 48 {
        c
    } else {
        let mut e: String = c.chars().take(45).collect();
        e.push('…');
        e
    }
}

/// The number written after `word` ("ngày 05" → the 05): its position in characters and its
/// digits as written.
pub fn number_after(text: &str, word: &str) -> Option<(usize, String)> {
    let start = text.find(word)? + word.len();
    let skip = text[start..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .count();
    let digits: String = text[start..]
        .chars()
        .skip(skip)
        .take_while(char::is_ascii_digit)
        .collect();
    let pos = text[..start].chars().count() + skip;
    (!digits.is_empty()).then_some((pos, digits))
}
