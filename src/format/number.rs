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
///
/// Any `decimals` is safe: places beyond the digits the value has are zeros and are left
/// out (`frac` then holds fewer than `decimals` digits), so the work and the result are
/// bounded by the length of the value's own digits.
fn round_decimal(x: f64, decimals: usize) -> Option<Rounded> {
    if !x.is_finite() {
        return None;
    }
    // `Display` for f64 prints the shortest round-trip digits and never uses an exponent.
    let text = format!("{}", x.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut digits: Vec<u8> = int_part.bytes().map(|b| b - b'0').collect();
    let frac: Vec<u8> = frac_part.bytes().map(|b| b - b'0').collect();
    let places = decimals.min(frac.len());
    let round_up = frac.get(places).is_some_and(|&d| d >= 5);
    digits.extend(&frac[..places]);
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
    let split = digits.len() - places;
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

/// Writes a rounded value; `keep_zeros` pads the fraction with zeros to that many places
/// ("1,50" instead of "1,5"), `None` drops trailing zeros.
fn write(r: Rounded, keep_zeros: Option<usize>) -> String {
    let mut out = String::new();
    if r.negative {
        out.push('-');
    }
    out.push_str(&group_thousands(&r.int));
    let frac = match keep_zeros {
        Some(places) => format!("{:0<places$}", r.frac),
        None => r.frac.trim_end_matches('0').to_string(),
    };
    if !frac.is_empty() {
        out.push(',');
        out.push_str(&frac);
    }
    out
}

/// Formats a number Vietnamese style with at most `decimals` places (None = 2), dropping trailing zeros.
pub fn number(x: f64, decimals: Option<usize>) -> String {
    round_decimal(x, decimals.unwrap_or(DEFAULT_DECIMALS))
        .map(|r| write(r, None))
        .unwrap_or_default()
}

/// Most places [`number_fixed`] pads to; a larger request is treated as this.
pub const MAX_FIXED_DECIMALS: usize = 20;

/// Formats a number Vietnamese style with exactly `decimals` places (at most
/// [`MAX_FIXED_DECIMALS`]): (1.5, 2) → "1,50".
pub fn number_fixed(x: f64, decimals: usize) -> String {
    let decimals = decimals.min(MAX_FIXED_DECIMALS);
    round_decimal(x, decimals)
        .map(|r| write(r, Some(decimals)))
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

/// Words for a rounded change: `"tăng <n>[ <unit>]"`, `"giảm <n>[ <unit>]"` or "không thay đổi".
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
        None,
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

/// The grammar of numbers written as text, for messages (README "Số viết dạng chữ").
pub const NUMBER_GRAMMAR: &str = "cần số viết kiểu Việt Nam: dấu chấm ngăn nhóm đúng ba chữ số, \
một dấu phẩy thập phân, có thể có \"-\" ở đầu, \"%\" ở cuối (ví dụ 31809; 31.809; 5.339.392; \
99,64; 1.234,5; -3; 12,5%)";

/// Why a text is not a number of the grammar of [`parse_vn_number`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberTextError {
    /// Not a number at all ("nhiều", "5 339", "+3").
    NotANumber,
    /// A dot used as the decimal point ("99.64", "0.5", "1234.5"); `suggestion` is the
    /// Vietnamese form ("99,64").
    DotDecimal { suggestion: String },
    /// English-style grouping ("1,234.5", "1,234,567"); `suggestion` is the Vietnamese form.
    EnglishStyle { suggestion: String },
    /// Thousands dots that do not separate groups of exactly three digits ("1.2.3",
    /// "12.34.5", "0.123.456", "1.23,5").
    BadGroups,
    /// More than one comma, or a comma before a dot ("1,2.3", "1,2,3").
    BadComma,
    /// Digits beyond what a number can hold.
    TooLarge,
}

impl NumberTextError {
    /// The Vietnamese explanation for the text `text`. `in_yaml`: the text was written in
    /// YAML, where an unquoted number (99.64) is also possible.
    pub fn message(&self, text: &str, in_yaml: bool) -> String {
        let t = text.trim();
        let yaml = |s: &str| {
            if in_yaml {
                format!(
                    " hoặc ghi số YAML không có ngoặc kép ({})",
                    s.replace('.', "").replace(',', ".")
                )
            } else {
                String::new()
            }
        };
        match self {
            NumberTextError::NotANumber => {
                format!("\"{t}\" không phải là số; {NUMBER_GRAMMAR}")
            }
            NumberTextError::DotDecimal { suggestion } => format!(
                "\"{t}\" không phải là số viết đúng cách: dấu chấm chỉ dùng để ngăn nhóm ba chữ số; \
                 viết dấu phẩy thập phân: {suggestion}{}",
                yaml(suggestion)
            ),
            NumberTextError::EnglishStyle { suggestion } => format!(
                "\"{t}\" không phải là số viết đúng cách (kiểu tiếng Anh); số viết kiểu Việt Nam là {suggestion}{}",
                yaml(suggestion)
            ),
            NumberTextError::BadGroups => format!(
                "\"{t}\" không phải là số viết đúng cách: các dấu chấm phải ngăn đúng từng nhóm ba chữ số; {NUMBER_GRAMMAR}"
            ),
            NumberTextError::BadComma => format!(
                "\"{t}\" không phải là số viết đúng cách: chỉ được một dấu phẩy thập phân, đứng sau phần nghìn; {NUMBER_GRAMMAR}"
            ),
            NumberTextError::TooLarge => format!("\"{t}\" quá lớn, không phải là số dùng được"),
        }
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// "5.339.392": a first group of one to three digits not starting with 0, then groups of
/// exactly three.
fn is_grouped(s: &str) -> bool {
    let mut groups = s.split('.');
    let first = groups.next().unwrap_or("");
    let mut rest = groups.peekable();
    rest.peek().is_some()
        && all_digits(first)
        && first.len() <= 3
        && !first.starts_with('0')
        && rest.all(|g| g.len() == 3 && all_digits(g))
}

/// English writing that cannot be Vietnamese: groups of three with "," and a "." decimal
/// part ("1,234.5"), or several "," groups ("1,234,567"). A single "1,234" is the Vietnamese
/// decimal 1,234 and is not English.
fn english_suggestion(body: &str) -> Option<String> {
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) if all_digits(f) => (i, Some(f)),
        Some(_) => return None,
        None => (body, None),
    };
    let commas = int.matches(',').count();
    if commas == 0 || (frac.is_none() && commas < 2) || !is_grouped(&int.replace(',', ".")) {
        return None;
    }
    let mut s = int.replace(',', ".");
    if let Some(f) = frac {
        s.push(',');
        s.push_str(f);
    }
    Some(s)
}

/// Parse a number written as text, with the one grammar vanban accepts (README "Số viết
/// dạng chữ"), after trimming spaces:
///
/// - an optional "-", then either digits ("31809", "007") or digits grouped by three with
///   dots ("31.809", "5.339.392"; the first group does not start with 0);
/// - optionally one decimal comma and digits ("99,64", "1.234,5", "1234,5", "0,5");
/// - optionally a final "%" (spaces allowed before it): "99,64%" is 99.64.
///
/// A dot is never a decimal point: "12.345" is twelve thousand three hundred and forty-five
/// (groups of three), and "99.64", "0.5" or "1234.5" are errors that suggest "99,64" (in YAML
/// an unquoted 99.64 is a number already and never comes here). Anything else ("1.2.3",
/// "1,2.3", "12.34.5", "1,234.5", "+3", "5 339") is an error; nothing is guessed.
pub fn check_vn_number(s: &str) -> Result<f64, NumberTextError> {
    let mut t = s.trim();
    if let Some(x) = t.strip_suffix('%') {
        t = x.trim_end();
    }
    let body = t.strip_prefix('-').unwrap_or(t);
    let negative = body.len() != t.len();
    if body.is_empty()
        || !body.starts_with(|c: char| c.is_ascii_digit())
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(NumberTextError::NotANumber);
    }
    if let Some(suggestion) = english_suggestion(body) {
        let sign = if negative { "-" } else { "" };
        return Err(NumberTextError::EnglishStyle {
            suggestion: format!("{sign}{suggestion}"),
        });
    }
    let (int, frac) = match body.split_once(',') {
        Some((i, f)) => {
            if !all_digits(f) {
                return Err(NumberTextError::BadComma);
            }
            (i, Some(f))
        }
        None => (body, None),
    };
    let digits = if all_digits(int) {
        int.to_string()
    } else if is_grouped(int) {
        int.replace('.', "")
    } else if frac.is_none()
        && let Some((a, b)) = int.split_once('.')
        && all_digits(a)
        && all_digits(b)
    {
        // One dot that does not group thousands: a decimal point typed by mistake.
        let sign = if negative { "-" } else { "" };
        return Err(NumberTextError::DotDecimal {
            suggestion: format!("{sign}{a},{b}"),
        });
    } else {
        return Err(NumberTextError::BadGroups);
    };
    let mut plain = String::with_capacity(digits.len() + 2);
    if negative {
        plain.push('-');
    }
    plain.push_str(&digits);
    if let Some(f) = frac {
        plain.push('.');
        plain.push_str(f);
    }
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(NumberTextError::TooLarge),
    }
}

/// [`check_vn_number`] without the reason: the number, or None for any text outside the
/// grammar.
pub fn parse_vn_number(s: &str) -> Option<f64> {
    check_vn_number(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text_grammar_accepts() {
        let ok: &[(&str, f64)] = &[
            ("0", 0.0),
            ("7", 7.0),
            ("007", 7.0),
            ("31809", 31809.0),
            ("31.809", 31809.0),
            ("12.345", 12345.0),
            ("1.000", 1000.0),
            ("5.339.392", 5339392.0),
            ("999.999.999", 999999999.0),
            ("66,9", 66.9),
            ("99,64", 99.64),
            ("0,5", 0.5),
            ("1,234", 1.234),
            ("1234,5", 1234.5),
            ("1.234,5", 1234.5),
            ("5.339.392,25", 5339392.25),
            ("-3", -3.0),
            ("-1.234,5", -1234.5),
            ("-0,5", -0.5),
            ("99,64%", 99.64),
            ("99,64 %", 99.64),
            ("100%", 100.0),
            ("  31.809  ", 31809.0),
        ];
        for (text, want) in ok {
            assert_eq!(check_vn_number(text), Ok(*want), "{text}");
            assert_eq!(parse_vn_number(text), Some(*want), "{text}");
        }
    }

    #[test]
    fn number_text_grammar_rejects() {
        use NumberTextError::*;
        let dot = |s: &str| DotDecimal {
            suggestion: s.to_string(),
        };
        let en = |s: &str| EnglishStyle {
            suggestion: s.to_string(),
        };
        let bad: &[(&str, NumberTextError)] = &[
            ("", NotANumber),
            ("  ", NotANumber),
            ("-", NotANumber),
            ("%", NotANumber),
            ("abc", NotANumber),
            ("nhiều", NotANumber),
            ("khoảng 600", NotANumber),
            ("5 339", NotANumber),
            ("+3", NotANumber),
            ("−3", NotANumber),
            ("1e5", NotANumber),
            ("NaN", NotANumber),
            ("inf", NotANumber),
            (".5", NotANumber),
            (",5", NotANumber),
            ("5%%", NotANumber),
            ("99.64", dot("99,64")),
            ("0.5", dot("0,5")),
            ("0.123", dot("0,123")),
            ("1234.5", dot("1234,5")),
            ("1234.567", dot("1234,567")),
            ("-99.64", dot("-99,64")),
            ("99.64%", dot("99,64")),
            ("1,2345.5", BadComma),
            ("1,234.5", en("1.234,5")),
            ("1,234,567", en("1.234.567")),
            ("-1,234.5", en("-1.234,5")),
            ("1.2.3", BadGroups),
            ("12.34.5", BadGroups),
            ("1.2345", dot("1,2345")),
            ("1.23,5", BadGroups),
            ("0.123.456", BadGroups),
            ("1234.567.890", BadGroups),
            ("1..234", BadGroups),
            ("1.", BadGroups),
            ("1,2.3", BadComma),
            ("1,2,3", BadComma),
            ("1,", BadComma),
            ("1,5.", BadComma),
        ];
        for (text, want) in bad {
            assert_eq!(check_vn_number(text).as_ref(), Err(want), "{text}");
            assert_eq!(parse_vn_number(text), None, "{text}");
        }
        let huge = "9".repeat(400);
        assert_eq!(check_vn_number(&huge), Err(TooLarge));
    }

    #[test]
    fn number_text_messages() {
        let e = check_vn_number("99.64").unwrap_err();
        let m = e.message("99.64", true);
        assert!(
            m.contains("99,64") && m.contains("không có ngoặc kép (99.64)"),
            "{m}"
        );
        assert!(!e.message("99.64", false).contains("YAML"));
        let m = check_vn_number("1.2.3")
            .unwrap_err()
            .message("1.2.3", false);
        assert!(
            m.contains("\"1.2.3\"") && m.contains("nhóm ba chữ số"),
            "{m}"
        );
        let m = check_vn_number("nhiều")
            .unwrap_err()
            .message("nhiều", false);
        assert!(m.contains("không phải là số"), "{m}");
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
    fn any_number_of_decimals_is_safe() {
        assert_eq!(number(1.5, Some(usize::MAX)), "1,5");
        assert_eq!(number(1.0 / 3.0, Some(1 << 40)), "0,3333333333333333");
        assert_eq!(percent(99.64, usize::MAX), "99,64%");
        assert_eq!(
            change_words(2.5, Some(1.0), "ha", Some(usize::MAX)),
            "tăng 1,5 ha"
        );
        assert_eq!(
            number_fixed(1.5, usize::MAX),
            format!("1,5{}", "0".repeat(19))
        );
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
