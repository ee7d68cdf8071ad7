//! Vietnamese number writing: "." groups thousands, "," separates decimals ("5.339.392", "66,9%").
//!
//! Rounding is decimal, half away from zero, applied to the shortest decimal form of the `f64`
//! (the digits a person typed): 99.635 → "99,64" and 0.005 → "0,01", although neither value is
//! exactly representable in binary. A result that rounds to zero is never written "-0".
//! Non-finite input (NaN, ±∞) formats as the empty string: a table cell stays blank instead of
//! showing "NaN".

/// Default number of decimals for [`number`] with `None` and for percentages.
pub const DEFAULT_DECIMALS: usize = 2;

/// Spaces left for a document number that is not yet assigned ("Số:      /BC-UBND").
pub const BLANK_NUMBER: &str = "      ";

/// A decimal rounded to a fixed number of places: sign, integer digits, fraction digits.
struct Rounded {
    negative: bool,
    int: String,
    frac: String,
}

/// Rounds `x` half away from zero to `decimals` places on its shortest decimal representation.
fn round_decimal(x: f64, decimals: usize) -> Option<Rounded> {
    if !x.is_finite() {
        return None;
    }
    // `Display` for f64 prints the shortest round-trip digits and never uses an exponent.
    let text = format!("{}", x.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut digits: Vec<u8> = int_part.bytes().map(|b| b - b'0').collect();
    let int_len = digits.len();
    let frac: Vec<u8> = frac_part.bytes().map(|b| b - b'0').collect();
    let round_up = frac.get(decimals).is_some_and(|&d| d >= 5);
    digits.extend(frac.iter().take(decimals));
    digits.resize(int_len + decimals, 0);
    if round_up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - decimals;
    let to_string = |d: &[u8]| d.iter().map(|&d| char::from(b'0' + d)).collect::<String>();
    let mut int = to_string(&digits[..split]);
    let trimmed = int.trim_start_matches('0').len();
    int.drain(..int.len() - trimmed.max(1));
    let frac = to_string(&digits[split..]);
    let is_zero = digits.iter().all(|&d| d == 0);
    Some(Rounded {
        negative: x < 0.0 && !is_zero,
        int,
        frac,
    })
}

/// Groups the digits of a non-negative integer string by three with ".": "5339392" → "5.339.392".
fn group_thousands(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Writes a rounded value; `keep_zeros` keeps trailing fraction zeros ("1,50" instead of "1,5").
fn write(r: Rounded, keep_zeros: bool) -> String {
    let mut out = String::new();
    if r.negative {
        out.push('-');
    }
    out.push_str(&group_thousands(&r.int));
    let frac = if keep_zeros {
        r.frac.as_str()
    } else {
        r.frac.trim_end_matches('0')
    };
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Formats a number Vietnamese style with at most `decimals` places (None = 2), dropping trailing zeros.
pub fn number(x: f64, decimals: Option<usize>) -> String {
    round_decimal(x, decimals.unwrap_or(DEFAULT_DECIMALS))
        .map(|r| write(r, false))
        .unwrap_or_default()
}

/// Formats a number Vietnamese style with exactly `decimals` places: (1.5, 2) → "1,50".
pub fn number_fixed(x: f64, decimals: usize) -> String {
    round_decimal(x, decimals)
        .map(|r| write(r, true))
        .unwrap_or_default()
}

/// Zero-pads an integer to `width` digits ("02"); a number as wide as `width` or wider is grouped ("1.234").
pub fn integer_padded(n: i64, width: usize) -> String {
    let digits = n.unsigned_abs().to_string();
    let body = if digits.len() < width {
        format!("{digits:0>width$}")
    } else {
        group_thousands(&digits)
    };
    if n < 0 { format!("-{body}") } else { body }
}

/// Document number for "Số:": below 10 gets a leading zero ("05"); None leaves six blank spaces.
pub fn doc_number(n: Option<u32>) -> String {
    match n {
        Some(n) => format!("{n:02}"),
        None => BLANK_NUMBER.to_string(),
    }
}

/// Formats a percentage (`x` already ×100) with at most `decimals` places: 66.9 → "66,9%".
pub fn percent(x: f64, decimals: usize) -> String {
    let n = number(x, Some(decimals));
    if n.is_empty() { n } else { n + "%" }
}

/// `part / total` as a percentage ("33,33%"); None if either is missing or non-finite, or total is 0.
pub fn rate(part: Option<f64>, total: Option<f64>, decimals: usize) -> Option<String> {
    let (part, total) = (part?, total?);
    if !part.is_finite() || !total.is_finite() || total == 0.0 {
        return None;
    }
    let ratio = part / total * 100.0;
    ratio.is_finite().then(|| percent(ratio, decimals))
}

/// Rounded `current - previous`, or None when `previous` is missing or either value is non-finite.
fn difference(current: f64, previous: Option<f64>, decimals: usize) -> Option<Rounded> {
    let previous = previous?;
    if !current.is_finite() || !previous.is_finite() {
        return None;
    }
    round_decimal(current - previous, decimals)
}

/// Words for a rounded change: "tăng <n>[ <unit>]", "giảm <n>[ <unit>]" or "không thay đổi".
fn change_phrase(diff: Rounded, unit: &str) -> String {
    if diff.int == "0" && diff.frac.bytes().all(|b| b == b'0') {
        return "không thay đổi".to_string();
    }
    let verb = if diff.negative { "giảm" } else { "tăng" };
    let amount = write(
        Rounded {
            negative: false,
            ..diff
        },
        false,
    );
    let unit = unit.trim();
    if unit.is_empty() {
        format!("{verb} {amount}")
    } else {
        format!("{verb} {amount} {unit}")
    }
}

/// "tăng 269.520 lượt" / "giảm 3 cơ sở" / "không thay đổi"; empty when `previous` is None.
///
/// The difference is rounded to `decimals` places (None = 2) before its sign is taken, so a change
/// that rounds to zero reads "không thay đổi".
pub fn change_words(
    current: f64,
    previous: Option<f64>,
    unit: &str,
    decimals: Option<usize>,
) -> String {
    difference(current, previous, decimals.unwrap_or(DEFAULT_DECIMALS))
        .map(|d| change_phrase(d, unit))
        .unwrap_or_default()
}

/// Change between two percentages in points: (67.5, 66.48) → "tăng 1,02 điểm phần trăm".
///
/// Both arguments are percentages (ratio × 100). Trailing zeros are dropped ("tăng 1 điểm phần
/// trăm"); a change that rounds to zero is "không thay đổi"; empty when `previous` is None.
pub fn change_points(current: f64, previous: Option<f64>, decimals: usize) -> String {
    difference(current, previous, decimals)
        .map(|d| change_phrase(d, "điểm phần trăm"))
        .unwrap_or_default()
}

/// Relative change as a percentage of `previous`: (110, 100) → "tăng 10%"; empty if previous is None or 0.
pub fn change_relative(current: f64, previous: Option<f64>, decimals: usize) -> String {
    let Some(previous) = previous.filter(|p| *p != 0.0 && p.is_finite()) else {
        return String::new();
    };
    if !current.is_finite() {
        return String::new();
    }
    let pct = (current - previous) / previous.abs() * 100.0;
    round_decimal(pct, decimals)
        .map(|d| {
            let phrase = change_phrase(d, "");
            if phrase.starts_with("không") {
                phrase
            } else {
                phrase + "%"
            }
        })
        .unwrap_or_default()
}

/// Parse a number written the Vietnamese way ("5.339.392", "66,9", "-3", "99,64%") or
/// plainly ("1234.5"); the inverse of [`number`].
pub fn parse_vn_number(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return None;
    }
    let body = t.strip_prefix('-').unwrap_or(t);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let normalized = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if t.matches('.').count() > 1 || t.split('.').nth(1).is_some_and(|frac| frac.len() == 3)
    {
        // "5.339.392" / "1.234": dots group thousands.
        t.replace('.', "")
    } else {
        t.to_string()
    };
    normalized.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers_parse() {
        assert_eq!(parse_vn_number("5.339.392"), Some(5339392.0));
        assert_eq!(parse_vn_number("66,9"), Some(66.9));
        assert_eq!(parse_vn_number("99,64%"), Some(99.64));
        assert_eq!(parse_vn_number("1234.5"), Some(1234.5));
        assert_eq!(parse_vn_number("abc"), None);
        assert_eq!(parse_vn_number(""), None);
    }

    #[test]
    fn integers_group_by_three() {
        assert_eq!(number(0.0, None), "0");
        assert_eq!(number(7.0, None), "7");
        assert_eq!(number(999.0, None), "999");
        assert_eq!(number(1000.0, None), "1.000");
        assert_eq!(number(5339392.0, None), "5.339.392");
        assert_eq!(number(123456789012.0, None), "123.456.789.012");
        assert_eq!(number(1e21, None), "1.000.000.000.000.000.000.000");
    }

    #[test]
    fn decimals_drop_trailing_zeros() {
        assert_eq!(number(1234.5, Some(2)), "1.234,5");
        assert_eq!(number(1234.50, Some(3)), "1.234,5");
        assert_eq!(number(1234.0, Some(2)), "1.234");
        assert_eq!(number(66.9, None), "66,9");
        assert_eq!(number(1.23456, None), "1,23");
        assert_eq!(number(1.23456, Some(4)), "1,2346");
        assert_eq!(number(1.6, Some(0)), "2");
        assert_eq!(number(0.0000001, None), "0");
        assert_eq!(number(0.0000001, Some(7)), "0,0000001");
    }

    #[test]
    fn negatives_and_negative_zero() {
        assert_eq!(number(-1234.0, None), "-1.234");
        assert_eq!(number(-1234.567, Some(1)), "-1.234,6");
        assert_eq!(number(-0.0, None), "0");
        assert_eq!(number(-0.001, None), "0");
        assert_eq!(number(-0.004, Some(2)), "0");
        assert_eq!(number(-0.005, Some(2)), "-0,01");
        assert_eq!(number_fixed(-0.001, 2), "0,00");
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_decimal_digits() {
        assert_eq!(number(99.635, None), "99,64");
        assert_eq!(number(0.005, None), "0,01");
        assert_eq!(number(1.005, None), "1,01");
        assert_eq!(number(2.5, Some(0)), "3");
        assert_eq!(number(-2.5, Some(0)), "-3");
        assert_eq!(number(0.125, Some(2)), "0,13");
        assert_eq!(number(0.1249999, Some(2)), "0,12");
        assert_eq!(number(999.995, Some(2)), "1.000");
        assert_eq!(number(999999.5, Some(0)), "1.000.000");
        assert_eq!(number(9.96, Some(1)), "10");
    }

    #[test]
    fn fixed_keeps_zeros() {
        assert_eq!(number_fixed(1.5, 2), "1,50");
        assert_eq!(number_fixed(1.0, 1), "1,0");
        assert_eq!(number_fixed(1234.0, 0), "1.234");
        assert_eq!(number_fixed(0.0, 2), "0,00");
    }

    #[test]
    fn non_finite_is_blank() {
        assert_eq!(number(f64::NAN, None), "");
        assert_eq!(number(f64::INFINITY, None), "");
        assert_eq!(number_fixed(f64::NEG_INFINITY, 2), "");
        assert_eq!(percent(f64::NAN, 2), "");
    }

    #[test]
    fn padded_integers() {
        assert_eq!(integer_padded(2, 2), "02");
        assert_eq!(integer_padded(0, 2), "00");
        assert_eq!(integer_padded(10, 2), "10");
        assert_eq!(integer_padded(41, 2), "41");
        assert_eq!(integer_padded(-2, 2), "-02");
        assert_eq!(integer_padded(5, 3), "005");
        assert_eq!(integer_padded(1234, 2), "1.234");
        assert_eq!(integer_padded(7, 0), "7");
        assert_eq!(integer_padded(i64::MIN, 2), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn document_numbers() {
        assert_eq!(doc_number(Some(5)), "05");
        assert_eq!(doc_number(Some(125)), "125");
        assert_eq!(doc_number(None), "      ");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(66.9, 2), "66,9%");
        assert_eq!(percent(99.6357, 2), "99,64%");
        assert_eq!(percent(99.635, 2), "99,64%");
        assert_eq!(percent(101.86, 2), "101,86%");
        assert_eq!(percent(100.0, 2), "100%");
        assert_eq!(percent(0.0, 2), "0%");
        assert_eq!(percent(0.005, 2), "0,01%");
        assert_eq!(percent(0.004, 2), "0%");
        assert_eq!(percent(-12.345, 1), "-12,3%");
        assert_eq!(percent(33.333333, 0), "33%");
    }

    #[test]
    fn rates() {
        assert_eq!(rate(Some(1.0), Some(3.0), 2).as_deref(), Some("33,33%"));
        assert_eq!(rate(Some(2.0), Some(3.0), 2).as_deref(), Some("66,67%"));
        assert_eq!(rate(Some(3.0), Some(3.0), 2).as_deref(), Some("100%"));
        assert_eq!(rate(Some(0.0), Some(3.0), 2).as_deref(), Some("0%"));
        assert_eq!(rate(Some(5.0), Some(0.0), 2), None);
        assert_eq!(rate(Some(0.0), Some(0.0), 2), None);
        assert_eq!(rate(Some(5.0), Some(-0.0), 2), None);
        assert_eq!(rate(None, Some(3.0), 2), None);
        assert_eq!(rate(Some(1.0), None, 2), None);
        assert_eq!(rate(Some(f64::NAN), Some(3.0), 2), None);
        assert_eq!(rate(Some(1.0), Some(f64::INFINITY), 2), None);
        assert_eq!(rate(Some(f64::MAX), Some(f64::MIN_POSITIVE), 2), None);
    }

    #[test]
    fn change_in_units() {
        assert_eq!(
            change_words(5339392.0, Some(5069872.0), "lượt", None),
            "tăng 269.520 lượt"
        );
        assert_eq!(
            change_words(12.0, Some(15.0), "cơ sở", None),
            "giảm 3 cơ sở"
        );
        assert_eq!(
            change_words(12.0, Some(12.0), "cơ sở", None),
            "không thay đổi"
        );
        assert_eq!(change_words(12.0, None, "cơ sở", None), "");
        assert_eq!(change_words(1.5, Some(1.0), "", None), "tăng 0,5");
        assert_eq!(
            change_words(1.5, Some(1.0), "tỷ đồng", Some(0)),
            "tăng 1 tỷ đồng"
        );
        assert_eq!(
            change_words(1.001, Some(1.0), "ha", Some(2)),
            "không thay đổi"
        );
        assert_eq!(change_words(f64::NAN, Some(1.0), "ha", None), "");
    }

    #[test]
    fn change_in_points() {
        assert_eq!(
            change_points(67.5, Some(66.48), 2),
            "tăng 1,02 điểm phần trăm"
        );
        assert_eq!(
            change_points(66.48, Some(67.5), 2),
            "giảm 1,02 điểm phần trăm"
        );
        assert_eq!(change_points(67.0, Some(66.0), 2), "tăng 1 điểm phần trăm");
        assert_eq!(change_points(67.0, Some(67.0), 2), "không thay đổi");
        assert_eq!(change_points(67.0, None, 2), "");
    }

    #[test]
    fn relative_change() {
        assert_eq!(change_relative(110.0, Some(100.0), 2), "tăng 10%");
        assert_eq!(change_relative(90.0, Some(120.0), 1), "giảm 25%");
        assert_eq!(change_relative(100.0, Some(100.0), 2), "không thay đổi");
        assert_eq!(change_relative(100.0, Some(0.0), 2), "");
        assert_eq!(change_relative(100.0, None, 2), "");
        assert_eq!(change_relative(-5.0, Some(-10.0), 2), "tăng 50%");
    }
}
