//! Text helpers: NFC normalisation and Vietnamese-aware case changes.
//!
//! Vietnamese letters can arrive precomposed (NFC, "ộ" = U+1ED9) or decomposed (NFD, "o" + U+0323 +
//! U+0302). Everything here normalises its input to NFC first and returns NFC, so the output can be
//! compared, measured with font metrics and written to DOCX/PDF consistently.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalises a string (precomposed Vietnamese letters).
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// `s` in NFC, borrowed when it already is (the usual case: the quick check is several
/// times cheaper than running the normaliser over text that needs no change).
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// Uppercases keeping every diacritic, NFC in and out: "Độc lập" → "ĐỘC LẬP".
pub fn upper(s: &str) -> String {
    nfc(&nfc(s).to_uppercase())
}

/// Lowercases keeping every diacritic, NFC in and out: "ĐỘC LẬP" → "độc lập".
pub fn lower(s: &str) -> String {
    nfc(&nfc(s).to_lowercase())
}

/// The form used to compare what people type: NFC, lower case, single spaces, trimmed.
pub fn fold(s: &str) -> String {
    nfc(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The form used to compare names (units, agencies, labels) the way people type them:
/// [`fold`], and the tone mark of each word moved to its end, so that the old and the new
/// placement compare equal ("Hoà" = "Hòa", "Thuỷ" = "Thủy") while different tones stay
/// different ("Hòa" ≠ "Hoa"). A key, never printed.
pub fn name_key(s: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len() + 8);
    for (i, word) in folded.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut tone = None;
        for c in word.nfd() {
            if TONES.contains(&c) {
                tone = Some(c);
            } else {
                out.push(c);
            }
        }
        out.extend(tone);
    }
    out
}

/// Lowercases the first character; the rest is unchanged.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Uppercases the first letter (skipping leading spaces and punctuation such as "(" or "\""); the rest is unchanged.
pub fn capitalize_first(s: &str) -> String {
    let s = nfc(s);
    match s.char_indices().find(|(_, c)| c.is_alphanumeric()) {
        Some((i, c)) => {
            let mut out = String::with_capacity(s.len() + 2);
            out.push_str(&s[..i]);
            out.extend(c.to_uppercase());
            out.push_str(&s[i + c.len_utf8()..]);
            nfc(&out)
        }
        None => s,
    }
}

/// UPPER case, except document symbols such as "422/QĐ-TTg" or "56/2023/NĐ-CP": a ký hiệu
/// keeps its own case ("TTg" is not "TTG").
pub fn upper_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let symbol = word.contains('/') && word.chars().any(|c| c.is_ascii_digit());
        if symbol {
            out.push_str(word);
        } else {
            out.push_str(&upper(word));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn name_keys_ignore_tone_mark_placement_only() {
        use super::name_key;
        assert_eq!(
            name_key("UBND phường Hoà Bình"),
            name_key("ubnd  phường HÒA bình")
        );
        assert_eq!(name_key("Thuỷ Nguyên"), name_key("Thủy Nguyên"));
        assert_eq!(name_key("Khoẻ"), name_key("Khỏe"));
        // Composed and decomposed input alike.
        assert_eq!(name_key("Ho\u{300}a"), name_key("Hòa"));
        // A different tone, or none, is a different name.
        assert_ne!(name_key("Hòa"), name_key("Hoa"));
        assert_ne!(name_key("Hòa"), name_key("Hóa"));
        assert_ne!(name_key("Hà"), name_key("Hạ"));
    }

    use super::*;
    use unicode_normalization::is_nfc;

    const LOWER: &str = "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị \
                         o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ";
    const UPPER: &str = "A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ I Ì Í Ỉ Ĩ Ị \
                         O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự Y Ỳ Ý Ỷ Ỹ Ỵ Đ";

    #[test]
    fn uppercases_phrases() {
        assert_eq!(
            upper("Độc lập - Tự do - Hạnh phúc"),
            "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"
        );
        assert_eq!(upper("ủy ban nhân dân tỉnh"), "ỦY BAN NHÂN DÂN TỈNH");
        assert_eq!(
            upper("Cộng hòa xã hội chủ nghĩa Việt Nam"),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        assert_eq!(upper("báo cáo số 05/BC-UBND"), "BÁO CÁO SỐ 05/BC-UBND");
        assert_eq!(upper(""), "");
    }

    #[test]
    fn every_vietnamese_vowel_with_tone() {
        assert_eq!(upper(LOWER), UPPER);
        assert_eq!(lower(UPPER), LOWER);
        for (l, u) in LOWER.split(' ').zip(UPPER.split(' ')) {
            assert_eq!(upper(l), u);
            assert_eq!(l.chars().count(), 1, "{l} is one precomposed char");
            assert_eq!(u.chars().count(), 1, "{u} is one precomposed char");
        }
    }

    #[test]
    fn decomposed_input_gives_nfc_output() {
        let nfd: String = LOWER.nfd().collect();
        assert_ne!(nfd, LOWER);
        assert_eq!(upper(&nfd), UPPER);
        assert!(is_nfc(&upper(&nfd)));
        assert_eq!(lower(&UPPER.nfd().collect::<String>()), LOWER);
        // "Độc lập" typed with combining marks.
        assert_eq!(
            upper("\u{110}o\u{323}\u{302}c la\u{323}\u{302}p"),
            "ĐỘC LẬP"
        );
        // Marks in non-canonical order are reordered by normalisation.
        assert_eq!(upper("o\u{302}\u{323}"), "Ộ");
        assert_eq!(nfc("Ho\u{301}a"), "Hóa");
    }

    #[test]
    fn capitalizes_first_letter_only() {
        assert_eq!(capitalize_first("năm 2024"), "Năm 2024");
        assert_eq!(capitalize_first("ủy ban nhân dân"), "Ủy ban nhân dân");
        assert_eq!(capitalize_first("đẩy mạnh CCHC"), "Đẩy mạnh CCHC");
        assert_eq!(capitalize_first("  (kèm theo)"), "  (Kèm theo)");
        assert_eq!(capitalize_first("u\u{309}y ban"), "Ủy ban");
        assert_eq!(capitalize_first(""), "");
        assert_eq!(capitalize_first("- + ;"), "- + ;");
        assert_eq!(capitalize_first("Đã xong"), "Đã xong");
    }
}
