//! The normal-case name of an agency written in capitals, for sentences such as the annex
//! line "(Kèm theo Báo cáo số … của Ủy ban nhân dân tỉnh Hà Lam)".
//!
//! Decree 30 (Phụ lục II, viết hoa tên cơ quan, tổ chức) capitalises the first letter of the
//! kind of body ("Ủy ban nhân dân", "Sở", "Ban"), of its field ("Sở Y tế", "Ban Chỉ đạo") and
//! every word of a place name after its level ("tỉnh Hà Lam", "xã Đông Hòa"); the level
//! words themselves are lower case. Abbreviations such as "UBND" or "THCS" are not
//! Vietnamese syllables and stay as written. A name that already has lower-case letters is
//! the user's own and is returned unchanged (lines joined).

use super::text::{capitalize_first, lower, nfc};

/// Kinds of body whose own words stay lower case after the first ("Ủy ban nhân dân",
/// "Tổ công tác"); the next word, the field, is capitalised. Folded, without diacritics.
const BODY_KINDS: &[&str] = &[
    "uy ban nhan dan",
    "hoi đong nhan dan",
    "to cong tac",
    "van phong",
    "cong an",
    "thanh tra",
    "chi cuc",
    "trung tam",
    "ban quan ly",
    "ban",
    "so",
    "bo",
    "cuc",
    "vu",
    "to",
    "đoi",
    "phong",
    "truong",
    "hoi đong",
    "uy ban",
];

/// Levels of a place, after which every word is part of the place name.
const LEVELS: &[&str] = &[
    "tinh",
    "thanh pho",
    "xa",
    "phuong",
    "đac khu",
    "thi tran",
    "thi xa",
    "huyen",
    "quan",
];

/// Every spelling of an initial consonant, longest first, and every final.
const ONSETS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const CODAS: &[&str] = &[
    "ch", "ng", "nh", "c", "m", "n", "p", "t", "i", "y", "o", "u", "",
];
const VOWELS: &str = "aeiouy";

/// The name in normal case; see the module comment.
pub fn normal_case(upper_name: &str) -> String {
    let joined = nfc(upper_name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if joined.chars().any(char::is_lowercase) {
        return joined;
    }
    let words: Vec<&str> = joined.split(' ').collect();
    let bases: Vec<String> = words.iter().map(|w| base_letters(w)).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    // After a kind of body, its field's first word is capitalised; after a level, every word.
    let mut capitalise_next = true;
    let mut in_place = false;
    while i < words.len() {
        if !is_syllable(&bases[i]) {
            out.push(words[i].to_string());
            i += 1;
            continue;
        }
        if let Some(n) = phrase_at(&bases[i..], LEVELS).filter(|_| !out.is_empty()) {
            out.extend(words[i..i + n].iter().map(|w| lower(w)));
            i += n;
            in_place = true;
            continue;
        }
        if !in_place && let Some(n) = phrase_at(&bases[i..], BODY_KINDS) {
            let phrase: Vec<String> = words[i..i + n].iter().map(|w| lower(w)).collect();
            out.push(capitalize_first(&phrase.join(" ")));
            i += n;
            capitalise_next = true;
            continue;
        }
        let word = lower(words[i]);
        out.push(if in_place || capitalise_next {
            capitalize_first(&word)
        } else {
            word
        });
        capitalise_next = false;
        i += 1;
    }
    out.join(" ")
}

/// The number of words of the longest phrase of `list` that `bases` starts with.
fn phrase_at(bases: &[String], list: &[&str]) -> Option<usize> {
    list.iter()
        .filter_map(|p| {
            let n = p.split(' ').count();
            let fits = bases.len() >= n
                && p.split(' ').zip(bases).all(|(a, b)| a == b)
                && bases[..n].iter().all(|b| is_syllable(b));
            fits.then_some(n)
        })
        .max()
}

/// The word in lower case without tone marks or vowel marks ("đ" is a letter of its own and
/// stays): "TỈNH" → "tinh", "ĐỒNG" → "đong".
fn base_letters(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    lower(word)
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// Whether `base` (from [`base_letters`], so its vowels are bare) spells a Vietnamese
/// syllable: an initial consonant, one to three vowels, a final. "ubnd", "thcs" and "06"
/// do not.
fn is_syllable(base: &str) -> bool {
    ONSETS.iter().any(|onset| {
        let Some(rest) = base.strip_prefix(onset) else {
            return false;
        };
        let vowels = rest.chars().take_while(|c| VOWELS.contains(*c)).count();
        let coda: String = rest.chars().skip(vowels).collect();
        (1..=3).contains(&vowels) && CODAS.contains(&coda.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_in_capitals_get_decree_30_capitalisation() {
        for (upper, normal) in [
            ("UBND TỈNH HÀ LAM", "UBND tỉnh Hà Lam"),
            (
                "ỦY BAN NHÂN DÂN\nXÃ ĐÔNG HÒA",
                "Ủy ban nhân dân xã Đông Hòa",
            ),
            (
                "TỔ CÔNG TÁC ĐỀ ÁN 06\nTỈNH HÀ LAM",
                "Tổ công tác Đề án 06 tỉnh Hà Lam",
            ),
            ("SỞ Y TẾ", "Sở Y tế"),
            ("SỞ TÀI CHÍNH TỈNH HÀ LAM", "Sở Tài chính tỉnh Hà Lam"),
            ("BAN CHỈ ĐẠO 35 TỈNH HÀ LAM", "Ban Chỉ đạo 35 tỉnh Hà Lam"),
            ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),
            ("CÔNG AN XÃ AN BÌNH", "Công an xã An Bình"),
            ("THANH TRA TỈNH", "Thanh tra tỉnh"),
            ("UBND ĐẶC KHU CÔN ĐẢO", "UBND đặc khu Côn Đảo"),
            ("UBND THÀNH PHỐ HÀ LAM", "UBND thành phố Hà Lam"),
        ] {
            assert_eq!(normal_case(upper), normal, "{upper}");
        }
    }

    #[test]
    fn names_with_lower_case_letters_are_the_users_own() {
        assert_eq!(normal_case("Sở Y tế\ntỉnh Hà Lam"), "Sở Y tế tỉnh Hà Lam");
    }

    #[test]
    fn abbreviations_are_not_syllables() {
        for w in ["ubnd", "thcs", "06", "tctđa06", "hđnd"] {
            assert!(!is_syllable(w), "{w}");
        }
        for w in ["tinh", "nghieng", "khu", "quan", "đong", "hoa", "y", "uy"] {
            assert!(is_syllable(w), "{w}");
        }
    }
}
