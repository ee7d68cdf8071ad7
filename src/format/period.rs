//! Reporting periods: "tháng 9/2023", "Quý I/2024", "6 tháng đầu năm 2024", "9 tháng đầu năm 2024",
//! "năm 2024".

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::seq::roman;
use super::text::fold;

/// A reporting period of a report (báo cáo tháng, quý, 6 tháng, 9 tháng, năm).
///
/// Variant fields are public; a hand-built value may be out of range (month 13, quarter 5):
/// [`Period::is_valid`] tells, and [`Period::first_day`]/[`Period::last_day`] return None for it.
/// [`Period::parse`] only produces valid periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar month, 1–12.
    Month { month: u32, year: i32 },
    /// A quarter, 1–4.
    Quarter { q: u32, year: i32 },
    /// A half year: 1 = first six months, 2 = last six months.
    Half { h: u32, year: i32 },
    /// January to September.
    NineMonths { year: i32 },
    /// The whole calendar year.
    Year(i32),
}

/// Error message for a period that cannot be read.
fn parse_error(s: &str) -> String {
    format!(
        "kỳ báo cáo không hợp lệ: {s}, cần dạng tháng 9/2023, 2023-09, Quý I/2024, \
         6 tháng đầu năm 2024, 6 tháng cuối năm 2024, 9 tháng đầu năm 2024 hoặc năm 2024"
    )
}

/// Parses a 4-digit year.
fn parse_year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Parses a 1–2 digit number in `range`.
fn parse_small(s: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| range.contains(n))
}

/// Parses a quarter given as a Roman numeral (I–IV) or a digit (1–4).
fn parse_quarter(s: &str) -> Option<u32> {
    match s {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => parse_small(s, 1..=4),
    }
}

/// Splits `"<a>/<yyyy>"` or `"<a> năm <yyyy>"` into (a, year).
fn split_year(s: &str) -> Option<(&str, i32)> {
    let (a, y) = s.split_once('/').or_else(|| s.split_once(" năm "))?;
    Some((a.trim(), parse_year(y.trim())?))
}

impl Period {
    /// Reads the forms written by [`Period::display`] and common variants, case-insensitively:
    /// "tháng 9/2023", "tháng 09/2023", "tháng 9 năm 2023", "2023-09", "Quý I/2024", "quý 1/2024",
    /// "quý I năm 2024", "2024-Q1", "6 tháng đầu năm 2024", "6 tháng cuối năm 2024", "2024-H1",
    /// "9 tháng đầu năm 2024", "9 tháng năm 2024", "năm 2024", "2024".
    pub fn parse(s: &str) -> Result<Period, String> {
        let original = s.trim();
        let t = fold(original);
        Self::parse_normalised(&t).ok_or_else(|| parse_error(original))
    }

    /// Parses a lowercased, NFC, single-spaced string.
    fn parse_normalised(t: &str) -> Option<Period> {
        if let Some(year) = parse_year(t) {
            return Some(Period::Year(year));
        }
        if let Some((y, rest)) = t.split_once('-') {
            let year = parse_year(y)?;
            if let Some(q) = rest.strip_prefix('q') {
                return Some(Period::Quarter {
                    q: parse_small(q, 1..=4)?,
                    year,
                });
            }
            if let Some(h) = rest.strip_prefix('h') {
                return Some(Period::Half {
                    h: parse_small(h, 1..=2)?,
                    year,
                });
            }
            if rest.len() != 2 {
                return None;
            }
            return Some(Period::Month {
                month: parse_small(rest, 1..=12)?,
                year,
            });
        }
        if let Some(rest) = t.strip_prefix("năm ") {
            return parse_year(rest).map(Period::Year);
        }
        if let Some(rest) = t.strip_prefix("quý ") {
            let (q, year) = split_year(rest)?;
            return Some(Period::Quarter {
                q: parse_quarter(q)?,
                year,
            });
        }
        for (prefix, h) in [("6 tháng đầu năm ", 1), ("6 tháng cuối năm ", 2)] {
            if let Some(rest) = t.strip_prefix(prefix) {
                return Some(Period::Half {
                    h,
                    year: parse_year(rest)?,
                });
            }
        }
        for prefix in ["9 tháng đầu năm ", "9 tháng năm "] {
            if let Some(rest) = t.strip_prefix(prefix) {
                return Some(Period::NineMonths {
                    year: parse_year(rest)?,
                });
            }
        }
        if let Some(rest) = t.strip_prefix("tháng ") {
            let (m, year) = split_year(rest)?;
            return Some(Period::Month {
                month: parse_small(m, 1..=12)?,
                year,
            });
        }
        None
    }

    /// Vietnamese name: "tháng 9/2023", "Quý I/2024", "6 tháng đầu năm 2024", "năm 2024".
    ///
    /// Months are written without a leading zero ("tháng 1/2024"): the zero rule of Decree 30
    /// applies to the issue date, not to period names. The name is lowercase except "Quý";
    /// use [`super::text::capitalize_first`] at the start of a sentence or title.
    pub fn display(&self) -> String {
        match *self {
            Period::Month { month, year } => format!("tháng {month}/{year}"),
            Period::Quarter { q, year } => format!("Quý {}/{year}", roman(q)),
            Period::Half { h: 1, year } => format!("6 tháng đầu năm {year}"),
            Period::Half { year, .. } => format!("6 tháng cuối năm {year}"),
            Period::NineMonths { year } => format!("9 tháng đầu năm {year}"),
            Period::Year(year) => format!("năm {year}"),
        }
    }

    /// The year the period belongs to.
    pub fn year(&self) -> i32 {
        match *self {
            Period::Month { year, .. }
            | Period::Quarter { year, .. }
            | Period::Half { year, .. }
            | Period::NineMonths { year }
            | Period::Year(year) => year,
        }
    }

    /// Whether the month, quarter or half number is in range.
    pub fn is_valid(&self) -> bool {
        self.months().is_some()
    }

    /// First and last month (1–12) covered, or None when out of range.
    fn months(&self) -> Option<(u32, u32)> {
        match *self {
            Period::Month { month, .. } => (1..=12).contains(&month).then_some((month, month)),
            Period::Quarter { q, .. } => (1..=4).contains(&q).then(|| (3 * q - 2, 3 * q)),
            Period::Half { h, .. } => (1..=2).contains(&h).then(|| (6 * h - 5, 6 * h)),
            Period::NineMonths { .. } => Some((1, 9)),
            Period::Year(_) => Some((1, 12)),
        }
    }

    /// First day of the period (None for an out-of-range period).
    pub fn first_day(&self) -> Option<NaiveDate> {
        let (first, _) = self.months()?;
        NaiveDate::from_ymd_opt(self.year(), first, 1)
    }

    /// Last day of the period (None for an out-of-range period).
    pub fn last_day(&self) -> Option<NaiveDate> {
        let (_, last) = self.months()?;
        let year = self.year();
        NaiveDate::from_ymd_opt(year, last, super::date::days_in_month(year, last))
    }

    /// Whether `d` falls inside the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        matches!((self.first_day(), self.last_day()), (Some(a), Some(b)) if a <= d && d <= b)
    }

    /// The previous period of the same kind: tháng 1/2024 → tháng 12/2023, Quý I/2024 → Quý IV/2023,
    /// 6 tháng đầu năm 2024 → 6 tháng cuối năm 2023; 9 tháng and năm go back one year.
    ///
    /// An out-of-range period is returned unchanged.
    pub fn previous(&self) -> Period {
        if !self.is_valid() {
            return *self;
        }
        let prev_year = self.year().saturating_sub(1);
        match *self {
            Period::Month { month: 1, .. } => Period::Month {
                month: 12,
                year: prev_year,
            },
            Period::Month { month, year } => Period::Month {
                month: month - 1,
                year,
            },
            Period::Quarter { q: 1, .. } => Period::Quarter {
                q: 4,
                year: prev_year,
            },
            Period::Quarter { q, year } => Period::Quarter { q: q - 1, year },
            Period::Half { h: 1, .. } => Period::Half {
                h: 2,
                year: prev_year,
            },
            Period::Half { year, .. } => Period::Half { h: 1, year },
            Period::NineMonths { .. } => Period::NineMonths { year: prev_year },
            Period::Year(_) => Period::Year(prev_year),
        }
    }

    /// The same period one year earlier ("cùng kỳ năm trước").
    pub fn same_period_last_year(&self) -> Period {
        let year = self.year().saturating_sub(1);
        match *self {
            Period::Month { month, .. } => Period::Month { month, year },
            Period::Quarter { q, .. } => Period::Quarter { q, year },
            Period::Half { h, .. } => Period::Half { h, year },
            Period::NineMonths { .. } => Period::NineMonths { year },
            Period::Year(_) => Period::Year(year),
        }
    }
}

impl fmt::Display for Period {
    /// Same text as [`Period::display`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl FromStr for Period {
    type Err = String;

    /// Same as [`Period::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[allow(non_snake_case)]
    fn M(month: u32, year: i32) -> Period {
        Period::Month { month, year }
    }

    #[allow(non_snake_case)]
    fn Q(q: u32, year: i32) -> Period {
        Period::Quarter { q, year }
    }

    #[allow(non_snake_case)]
    fn H(h: u32, year: i32) -> Period {
        Period::Half { h, year }
    }

    #[test]
    fn displays() {
        assert_eq!(M(9, 2023).display(), "tháng 9/2023");
        assert_eq!(M(1, 2024).display(), "tháng 1/2024");
        assert_eq!(Q(1, 2024).display(), "Quý I/2024");
        assert_eq!(Q(4, 2024).display(), "Quý IV/2024");
        assert_eq!(H(1, 2024).display(), "6 tháng đầu năm 2024");
        assert_eq!(H(2, 2024).display(), "6 tháng cuối năm 2024");
        assert_eq!(
            Period::NineMonths { year: 2024 }.display(),
            "9 tháng đầu năm 2024"
        );
        assert_eq!(Period::Year(2024).display(), "năm 2024");
        assert_eq!(Period::Year(2024).to_string(), "năm 2024");
    }

    #[test]
    fn parses_display_forms_back() {
        let all = [
            M(1, 2024),
            M(9, 2023),
            M(12, 2023),
            Q(1, 2024),
            Q(2, 2024),
            Q(3, 2024),
            Q(4, 2024),
            H(1, 2024),
            H(2, 2024),
            Period::NineMonths { year: 2024 },
            Period::Year(2024),
        ];
        for p in all {
            assert_eq!(Period::parse(&p.display()), Ok(p), "{p}");
            assert_eq!(p.to_string().parse::<Period>(), Ok(p));
        }
    }

    #[test]
    fn parses_variants() {
        assert_eq!(Period::parse("2023-09"), Ok(M(9, 2023)));
        assert_eq!(Period::parse("tháng 09/2023"), Ok(M(9, 2023)));
        assert_eq!(Period::parse("Tháng 9 năm 2023"), Ok(M(9, 2023)));
        assert_eq!(Period::parse("  tháng   9 / 2023 "), Ok(M(9, 2023)));
        assert_eq!(Period::parse("quý 1/2024"), Ok(Q(1, 2024)));
        assert_eq!(Period::parse("QUÝ III NĂM 2024"), Ok(Q(3, 2024)));
        assert_eq!(Period::parse("2024-Q2"), Ok(Q(2, 2024)));
        assert_eq!(Period::parse("2024-h2"), Ok(H(2, 2024)));
        assert_eq!(Period::parse("6 Tháng Cuối Năm 2024"), Ok(H(2, 2024)));
        assert_eq!(
            Period::parse("9 tháng năm 2024"),
            Ok(Period::NineMonths { year: 2024 })
        );
        assert_eq!(Period::parse("Năm 2024"), Ok(Period::Year(2024)));
        assert_eq!(Period::parse("2024"), Ok(Period::Year(2024)));
        // NFD input.
        assert_eq!(Period::parse("Qu\u{79}\u{301} I/2024"), Ok(Q(1, 2024)));
    }

    #[test]
    fn rejects_bad_periods() {
        for bad in [
            "",
            "tháng 13/2023",
            "tháng 0/2023",
            "2023-13",
            "2023-9",
            "quý V/2024",
            "quý 5/2024",
            "2024-Q5",
            "2024-H3",
            "6 tháng giữa năm 2024",
            "năm 24",
            "tháng 9",
            "tháng 9/23",
            "abc",
        ] {
            let err = Period::parse(bad).unwrap_err();
            assert!(err.starts_with("kỳ báo cáo không hợp lệ: "), "{bad}: {err}");
        }
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(M(2, 2024).first_day(), Some(d(2024, 2, 1)));
        assert_eq!(M(2, 2024).last_day(), Some(d(2024, 2, 29)));
        assert_eq!(M(2, 2023).last_day(), Some(d(2023, 2, 28)));
        assert_eq!(M(9, 2023).last_day(), Some(d(2023, 9, 30)));
        assert_eq!(Q(1, 2024).first_day(), Some(d(2024, 1, 1)));
        assert_eq!(Q(1, 2024).last_day(), Some(d(2024, 3, 31)));
        assert_eq!(Q(2, 2024).last_day(), Some(d(2024, 6, 30)));
        assert_eq!(Q(3, 2024).first_day(), Some(d(2024, 7, 1)));
        assert_eq!(Q(4, 2024).last_day(), Some(d(2024, 12, 31)));
        assert_eq!(H(1, 2024).last_day(), Some(d(2024, 6, 30)));
        assert_eq!(H(2, 2024).first_day(), Some(d(2024, 7, 1)));
        assert_eq!(H(2, 2024).last_day(), Some(d(2024, 12, 31)));
        let nine = Period::NineMonths { year: 2024 };
        assert_eq!(nine.first_day(), Some(d(2024, 1, 1)));
        assert_eq!(nine.last_day(), Some(d(2024, 9, 30)));
        assert_eq!(Period::Year(2024).last_day(), Some(d(2024, 12, 31)));
        assert!(Q(2, 2024).contains(d(2024, 5, 15)));
        assert!(!Q(2, 2024).contains(d(2024, 7, 1)));
    }

    #[test]
    fn out_of_range_periods_do_not_panic() {
        for p in [
            M(0, 2024),
            M(13, 2024),
            Q(0, 2024),
            Q(5, 2024),
            H(0, 2024),
            H(3, 2024),
        ] {
            assert!(!p.is_valid());
            assert_eq!(p.first_day(), None);
            assert_eq!(p.last_day(), None);
            assert_eq!(p.previous(), p);
            assert!(!p.contains(d(2024, 1, 1)));
        }
    }

    #[test]
    fn previous_periods() {
        assert_eq!(M(1, 2024).previous(), M(12, 2023));
        assert_eq!(M(9, 2023).previous(), M(8, 2023));
        assert_eq!(Q(1, 2024).previous(), Q(4, 2023));
        assert_eq!(Q(3, 2024).previous(), Q(2, 2024));
        assert_eq!(H(1, 2024).previous(), H(2, 2023));
        assert_eq!(H(2, 2024).previous(), H(1, 2024));
        assert_eq!(
            Period::NineMonths { year: 2024 }.previous(),
            Period::NineMonths { year: 2023 }
        );
        assert_eq!(Period::Year(2024).previous(), Period::Year(2023));
    }

    #[test]
    fn same_period_last_year() {
        assert_eq!(M(1, 2024).same_period_last_year(), M(1, 2023));
        assert_eq!(Q(3, 2024).same_period_last_year(), Q(3, 2023));
        assert_eq!(H(1, 2024).same_period_last_year(), H(1, 2023));
        assert_eq!(
            Period::Year(2024).same_period_last_year(),
            Period::Year(2023)
        );
    }
}
