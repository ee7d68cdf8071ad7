//! Sequence labels: Roman numerals ("I. TITLE", "Phụ lục II") and Vietnamese list letters ("a)", "đ)").

pub use kiem_tra::seq::{VIET_LETTERS, roman};

/// 1-based Vietnamese list letter: 1 → "a", 5 → "đ", 23 → "y", then "aa", "ab", … (0 → "").
///
/// Beyond the 23 letters the sequence continues like spreadsheet columns over the same
/// alphabet (bijective base 23): 24 → "aa", 25 → "ab", 46 → "ay", 47 → "ba", 552 → "yy",
/// 553 → "aaa".
pub fn viet_letter(n: usize) -> String {
    let base = VIET_LETTERS.len();
    let mut parts = Vec::new();
    let mut rest = n;
    while rest > 0 {
        rest -= 1;
        parts.push(VIET_LETTERS[rest % base]);
        rest /= base;
    }
    parts.reverse();
    parts.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        let cases = [
            (1, "I"),
            (2, "II"),
            (3, "III"),
            (4, "IV"),
            (5, "V"),
            (6, "VI"),
            (9, "IX"),
            (10, "X"),
            (14, "XIV"),
            (19, "XIX"),
            (40, "XL"),
            (41, "XLI"),
            (49, "XLIX"),
            (90, "XC"),
            (99, "XCIX"),
            (400, "CD"),
            (444, "CDXLIV"),
            (900, "CM"),
            (1994, "MCMXCIV"),
            (2024, "MMXXIV"),
            (3999, "MMMCMXCIX"),
        ];
        for (n, r) in cases {
            assert_eq!(roman(n), r, "{n}");
        }
    }

    #[test]
    fn roman_out_of_range_falls_back() {
        assert_eq!(roman(0), "0");
        assert_eq!(roman(4000), "4000");
    }

    #[test]
    fn letters_around_d_stroke() {
        assert_eq!(viet_letter(1), "a");
        assert_eq!(viet_letter(4), "d");
        assert_eq!(viet_letter(5), "đ");
        assert_eq!(viet_letter(6), "e");
        assert_eq!(viet_letter(7), "g");
        assert_eq!(viet_letter(22), "x");
        assert_eq!(viet_letter(23), "y");
        let all: Vec<String> = (1..=23).map(viet_letter).collect();
        assert_eq!(all.concat(), "abcdđeghiklmnopqrstuvxy");
        for forbidden in ["f", "j", "w", "z"] {
            assert!(!all.iter().any(|l| l == forbidden));
        }
    }

    #[test]
    fn letters_beyond_the_alphabet() {
        assert_eq!(viet_letter(0), "");
        assert_eq!(viet_letter(24), "aa");
        assert_eq!(viet_letter(25), "ab");
        assert_eq!(viet_letter(28), "ađ");
        assert_eq!(viet_letter(46), "ay");
        assert_eq!(viet_letter(47), "ba");
        assert_eq!(viet_letter(23 * 23 + 23), "yy");
        assert_eq!(viet_letter(23 * 23 + 24), "aaa");
        // All labels are distinct.
        let labels: std::collections::HashSet<String> = (1..=2000).map(viet_letter).collect();
        assert_eq!(labels.len(), 2000);
    }
}
