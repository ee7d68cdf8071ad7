//! The sequences of Decree 30 numbering: Roman numerals ("I. TITLE", "Phụ lục II") and the
//! Vietnamese list letters. vanban numbers its documents with them; the checker checks
//! others' numbering against them.

/// The 23 letters used for điểm/level-4 items: no f, j, w, z; đ after d.
pub const VIET_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Roman numeral for 1..=3999 ("I", "IV", "XIV", "MMXXIV"); other values fall back to Arabic digits.
pub fn roman(n: u32) -> String {
    if !(1..=3999).contains(&n) {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, symbol) in TABLE {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    out
}
