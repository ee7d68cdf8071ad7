//! Vietnamese dates (Decree 30/2020, Phụ lục I): a day below 10 and months 1 and 2 get a leading
//! zero, months 3–12 do not: "ngày 05 tháng 01 năm 2024", "ngày 29 tháng 6 năm 2024", "29/6/2024".

use chrono::{Datelike, NaiveDate};

/// The blank left for a missing day or month in a draft ("ngày      tháng 9 năm 2023").
pub const BLANK: &str = "      ";

/// Day as written in a date: below 10 gets a leading zero.
fn day_str(day: u32) -> String {
    format!("{day:02}")
}

/// Month as written in a date: 1 and 2 get a leading zero, 3–12 do not.
fn month_str(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// Long form: "ngày 05 tháng 01 năm 2024", "ngày 29 tháng 6 năm 2024".
pub fn date_long(d: NaiveDate) -> String {
    date_long_partial(Some(d.day()), Some(d.month()), d.year())
}

/// Long form with blanks for an undated draft: (None, Some(9), 2023) → "ngày      tháng 9 năm 2023".
///
/// A missing day or month is replaced, together with the spaces around it, by six spaces (the
/// same blank as an unassigned "Số:      /"). Values are not range-checked; use [`parse_date`]
/// or [`NaiveDate`] to validate complete dates.
pub fn date_long_partial(day: Option<u32>, month: Option<u32>, year: i32) -> String {
    let day = day.map_or_else(|| BLANK.to_string(), |d| format!(" {} ", day_str(d)));
    let month = month.map_or_else(|| BLANK.to_string(), |m| format!(" {} ", month_str(m)));
    format!("ngày{day}tháng{month}năm {year}")
}

/// Short form: "05/01/2024", "29/6/2024".
pub fn date_short(d: NaiveDate) -> String {
    format!("{}/{}/{}", day_str(d.day()), month_str(d.month()), d.year())
}

/// Place and date line of the header: "Thanh Hóa, ngày 05 tháng 02 năm 2024".
pub fn place_date(place: &str, d: NaiveDate) -> String {
    with_place(place, date_long(d))
}

/// Place and date line of a draft with blanks: "Thanh Hóa, ngày      tháng 9 năm 2023".
pub fn place_date_partial(place: &str, day: Option<u32>, month: Option<u32>, year: i32) -> String {
    with_place(place, date_long_partial(day, month, year))
}

/// Prefixes `"<place>, "` unless the place is blank.
fn with_place(place: &str, date: String) -> String {
    let place = super::text::nfc(place.trim());
    if place.is_empty() {
        date
    } else {
        format!("{place}, {date}")
    }
}

/// Parses "2024-02-05", "05/02/2024" or "5/2/2024" into a valid calendar date (31/02 is rejected).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let format_error = || format!("ngày không hợp lệ: {t}, cần dạng 05/02/2024 hoặc 2024-02-05");
    let parts: Vec<&str> = if t.contains('/') {
        t.split('/').collect()
    } else {
        t.split('-').collect()
    };
    let [a, b, c] = parts.as_slice() else {
        return Err(format_error());
    };
    let (year, month, day) = if t.contains('/') {
        (*c, *b, *a)
    } else {
        (*a, *b, *c)
    };
    let digits = |x: &str, min: usize, max: usize| {
        (min..=max).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(year, 4, 4) || !digits(month, 1, 2) || !digits(day, 1, 2) {
        return Err(format_error());
    }
    // The digit checks above make these parses infallible.
    let (year, month, day): (i32, u32, u32) = (
        year.parse().map_err(|_| format_error())?,
        month.parse().map_err(|_| format_error())?,
        day.parse().map_err(|_| format_error())?,
    );
    if !(1..=12).contains(&month) {
        return Err(format!("ngày không hợp lệ: {t}, tháng phải từ 1 đến 12"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = days_in_month(year, month);
        format!("ngày không hợp lệ: {t}, tháng {month} năm {year} chỉ có {days} ngày")
    })
}

/// Number of days in a month (month must be 1–12).
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn long_dates() {
        assert_eq!(date_long(d(2024, 1, 5)), "ngày 05 tháng 01 năm 2024");
        assert_eq!(date_long(d(2024, 6, 29)), "ngày 29 tháng 6 năm 2024");
        assert_eq!(date_long(d(2024, 2, 10)), "ngày 10 tháng 02 năm 2024");
        assert_eq!(date_long(d(2024, 12, 31)), "ngày 31 tháng 12 năm 2024");
        assert_eq!(date_long(d(2024, 10, 1)), "ngày 01 tháng 10 năm 2024");
    }

    #[test]
    fn every_month_follows_the_zero_rule() {
        let expected = [
            "01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
        ];
        for (i, m) in expected.iter().enumerate() {
            let date = d(2023, i as u32 + 1, 15);
            assert_eq!(date_long(date), format!("ngày 15 tháng {m} năm 2023"));
            assert_eq!(date_short(date), format!("15/{m}/2023"));
        }
    }

    #[test]
    fn every_day_below_ten_is_padded() {
        for day in 1..=31 {
            let s = date_short(d(2024, 3, day));
            let expected = if day < 10 {
                format!("0{day}/3/2024")
            } else {
                format!("{day}/3/2024")
            };
            assert_eq!(s, expected);
        }
    }

    #[test]
    fn short_dates() {
        assert_eq!(date_short(d(2024, 1, 5)), "05/01/2024");
        assert_eq!(date_short(d(2024, 6, 29)), "29/6/2024");
        assert_eq!(date_short(d(2024, 2, 29)), "29/02/2024");
    }

    #[test]
    fn partial_dates_keep_blanks() {
        assert_eq!(
            date_long_partial(None, Some(9), 2023),
            "ngày      tháng 9 năm 2023"
        );
        assert_eq!(
            date_long_partial(None, Some(1), 2024),
            "ngày      tháng 01 năm 2024"
        );
        assert_eq!(
            date_long_partial(None, None, 2024),
            "ngày      tháng      năm 2024"
        );
        assert_eq!(
            date_long_partial(Some(3), None, 2024),
            "ngày 03 tháng      năm 2024"
        );
        assert_eq!(
            date_long_partial(Some(3), Some(4), 2024),
            "ngày 03 tháng 4 năm 2024"
        );
    }

    #[test]
    fn place_and_date() {
        assert_eq!(
            place_date("Thanh Hóa", d(2024, 2, 5)),
            "Thanh Hóa, ngày 05 tháng 02 năm 2024"
        );
        assert_eq!(
            place_date("  Hà Nội ", d(2024, 6, 29)),
            "Hà Nội, ngày 29 tháng 6 năm 2024"
        );
        assert_eq!(place_date("", d(2024, 6, 29)), "ngày 29 tháng 6 năm 2024");
        assert_eq!(
            place_date_partial("Thanh Hóa", None, Some(9), 2023),
            "Thanh Hóa, ngày      tháng 9 năm 2023"
        );
        // NFD place names come out NFC.
        assert_eq!(
            place_date("Thanh Ho\u{301}a", d(2024, 2, 5)),
            "Thanh Hóa, ngày 05 tháng 02 năm 2024"
        );
    }

    #[test]
    fn parses_accepted_forms() {
        assert_eq!(parse_date("2024-02-05"), Ok(d(2024, 2, 5)));
        assert_eq!(parse_date("05/02/2024"), Ok(d(2024, 2, 5)));
        assert_eq!(parse_date("5/2/2024"), Ok(d(2024, 2, 5)));
        assert_eq!(parse_date(" 29/6/2024 "), Ok(d(2024, 6, 29)));
        assert_eq!(parse_date("2024-2-5"), Ok(d(2024, 2, 5)));
        assert_eq!(parse_date("29/02/2024"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn rejects_bad_forms_in_vietnamese() {
        for bad in [
            "",
            "2024",
            "05/02/24",
            "2024/02/05",
            "05-02-2024",
            "5/2/2024/1",
            "a/b/cdef",
            "05.02.2024",
            "+5/2/2024",
            "005/02/2024",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(
                err.starts_with("ngày không hợp lệ: ")
                    && err.ends_with(", cần dạng 05/02/2024 hoặc 2024-02-05"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            parse_date("31/02/2024").unwrap_err(),
            "ngày không hợp lệ: 31/02/2024, tháng 2 năm 2024 chỉ có 29 ngày"
        );
        assert_eq!(
            parse_date("2023-02-29").unwrap_err(),
            "ngày không hợp lệ: 2023-02-29, tháng 2 năm 2023 chỉ có 28 ngày"
        );
        assert!(parse_date("31/4/2024").is_err());
        assert!(parse_date("00/4/2024").is_err());
        assert_eq!(
            parse_date("05/13/2024").unwrap_err(),
            "ngày không hợp lệ: 05/13/2024, tháng phải từ 1 đến 12"
        );
        assert!(parse_date("05/00/2024").is_err());
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2024, 4), 30);
        assert_eq!(days_in_month(2024, 12), 31);
    }
}
