//! Working-day arithmetic: Saturdays, Sundays and the public holidays of a holiday file are
//! not working days; a Saturday listed as a make-up day ("ngày làm bù") is.
//!
//! vanban ships `data/ngay-nghi-le.yaml` (compiled in); an inspection plan may point at an
//! edited copy with `kiem_tra.tep_ngay_nghi`. A computation that reaches a year the file does
//! not cover is an error rather than a silently wrong date.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Code, Diagnostics, Error, Pos};
use crate::sources::Sources;

/// The holiday file shipped with vanban.
pub const BUILTIN: &str = include_str!("../../data/ngay-nghi-le.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayFile {
    nam: Vec<Spanned<i32>>,
    #[serde(default)]
    ngay_nghi: Vec<Spanned<Entry>>,
    #[serde(default)]
    ngay_lam_bu: Vec<Spanned<Entry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    ngay: Option<String>,
    #[serde(default)]
    tu: Option<String>,
    #[serde(default)]
    den: Option<String>,
    ten: String,
}

/// Working days of the years a holiday file covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    holidays: BTreeMap<NaiveDate, String>,
    makeup: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOff {
    Saturday,
    Sunday,
    Holiday(String),
}

impl std::fmt::Display for DayOff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DayOff::Saturday => write!(f, "thứ Bảy"),
            DayOff::Sunday => write!(f, "Chủ nhật"),
            DayOff::Holiday(name) => write!(f, "ngày nghỉ ({name})"),
        }
    }
}

/// Vietnamese weekday name: "Thứ Hai" … "Chủ nhật".
pub fn weekday_name(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

impl Calendar {
    /// The holiday file compiled into vanban.
    pub fn builtin() -> Calendar {
        Calendar::parse(BUILTIN).expect("the bundled holiday file is valid (tested)")
    }

    /// Read a holiday file; errors name the file, line and column.
    pub fn from_file(sources: &dyn Sources, path: &Path) -> Result<Calendar, Diagnostics> {
        let text = crate::load::read_text(sources, path)?;
        Calendar::parse(&text).map_err(|errs| errs.in_file(path))
    }

    pub fn parse(text: &str) -> Result<Calendar, Diagnostics> {
        let file: HolidayFile = crate::load::parse_yaml(text)?;
        let mut errs = Diagnostics::new();
        let years: BTreeSet<i32> = file.nam.iter().map(|y| y.value).collect();
        if years.is_empty() {
            errs.push(Error::new(
                Code::Empty,
                "tệp ngày nghỉ cần ít nhất một năm trong \"nam\" (các năm đã có đủ ngày nghỉ)",
            ));
        }
        let mut holidays = BTreeMap::new();
        let mut makeup = BTreeSet::new();
        for (list, is_holiday) in [(&file.ngay_nghi, true), (&file.ngay_lam_bu, false)] {
            for e in list {
                let pos = Pos::from_saphyr(&e.referenced);
                match entry_days(&e.value) {
                    Ok(days) => {
                        for d in days {
                            if !years.contains(&d.year()) {
                                errs.error(
                                    Code::OutOfRange,
                                    pos,
                                    format!(
                                        "ngày {} thuộc năm {} nhưng năm này không có trong \"nam\"",
                                        crate::format::date_short(d),
                                        d.year()
                                    ),
                                );
                            }
                            if is_holiday {
                                holidays.insert(d, e.value.ten.trim().to_string());
                            } else if d.weekday() != Weekday::Sat && d.weekday() != Weekday::Sun {
                                errs.error(
                                    Code::BadDate,
                                    pos,
                                    format!(
                                        "ngày làm bù {} không phải thứ Bảy hoặc Chủ nhật",
                                        crate::format::date_short(d)
                                    ),
                                );
                            } else {
                                makeup.insert(d);
                            }
                        }
                    }
                    Err(m) => errs.error(Code::BadDate, pos, m),
                }
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Calendar {
            holidays,
            makeup,
            years,
        })
    }

    /// Whether the file has the holidays of `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    fn uncovered(&self, d: NaiveDate) -> String {
        format!(
            "tệp ngày nghỉ lễ chưa có dữ liệu năm {} (có các năm: {}); hãy bổ sung rồi chỉ đến tệp bằng khóa kiem_tra.tep_ngay_nghi",
            d.year(),
            self.years()
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    /// Why `d` is not a working day, or None when it is one.
    pub fn day_off(&self, d: NaiveDate) -> Option<DayOff> {
        if let Some(name) = self.holidays.get(&d) {
            return Some(DayOff::Holiday(name.clone()));
        }
        if self.makeup.contains(&d) {
            return None;
        }
        match d.weekday() {
            Weekday::Sat => Some(DayOff::Saturday),
            Weekday::Sun => Some(DayOff::Sunday),
            _ => None,
        }
    }

    pub fn is_workday(&self, d: NaiveDate) -> bool {
        self.day_off(d).is_none()
    }

    /// Check that the file covers `d`'s year.
    pub fn check_covered(&self, d: NaiveDate) -> Result<(), String> {
        if self.covers(d.year()) {
            Ok(())
        } else {
            Err(self.uncovered(d))
        }
    }

    /// The working day `n` working days after `d` (n = 0: `d` itself).
    pub fn add(&self, d: NaiveDate, n: u32) -> Result<NaiveDate, String> {
        self.step(d, n, 1)
    }

    /// The working day `n` working days before `d`.
    pub fn sub(&self, d: NaiveDate, n: u32) -> Result<NaiveDate, String> {
        self.step(d, n, -1)
    }

    fn step(&self, d: NaiveDate, n: u32, dir: i64) -> Result<NaiveDate, String> {
        self.check_covered(d)?;
        let mut cur = d;
        let mut left = n;
        while left > 0 {
            cur += Duration::days(dir);
            self.check_covered(cur)?;
            if self.is_workday(cur) {
                left -= 1;
            }
        }
        Ok(cur)
    }
}

fn entry_days(e: &Entry) -> Result<Vec<NaiveDate>, String> {
    let parse = |s: &str| crate::format::parse_date(s);
    match (&e.ngay, &e.tu, &e.den) {
        (Some(d), None, None) => Ok(vec![parse(d)?]),
        (None, Some(a), Some(b)) => {
            let (a, b) = (parse(a)?, parse(b)?);
            if b < a || (b - a).num_days() > 31 {
                return Err(format!(
                    "khoảng ngày nghỉ từ {} đến {} không hợp lệ (\"den\" phải sau \"tu\", tối đa 31 ngày)",
                    crate::format::date_short(a),
                    crate::format::date_short(b)
                ));
            }
            Ok(a.iter_days().take_while(|d| *d <= b).collect())
        }
        _ => Err("mỗi mục cần \"ngay\" hoặc cặp \"tu\" và \"den\" (kèm \"ten\")".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn builtin_file_parses_and_knows_the_holidays() {
        let c = Calendar::builtin();
        assert!(c.covers(2025) && c.covers(2026));
        assert_eq!(
            c.day_off(d(2025, 9, 2)),
            Some(DayOff::Holiday("Quốc khánh".into()))
        );
        assert_eq!(c.day_off(d(2025, 9, 6)), Some(DayOff::Saturday));
        assert_eq!(c.day_off(d(2025, 9, 7)), Some(DayOff::Sunday));
        assert!(c.is_workday(d(2025, 9, 3)));
        // A make-up Saturday is a working day.
        assert!(c.is_workday(d(2025, 4, 26)));
    }

    #[test]
    fn arithmetic_skips_weekends_and_holidays() {
        let c = Calendar::builtin();
        // Wed 3/9/2025: back over Tue 2/9 and Mon 1/9 (Quốc khánh) and the weekend.
        assert_eq!(c.sub(d(2025, 9, 3), 1).unwrap(), d(2025, 8, 29));
        assert_eq!(c.sub(d(2025, 9, 3), 2).unwrap(), d(2025, 8, 28));
        // Fri 29/8 + 1 working day = Wed 3/9.
        assert_eq!(c.add(d(2025, 8, 29), 1).unwrap(), d(2025, 9, 3));
        // A plain weekend: Fri 10/10/2025 + 5 = Fri 17/10/2025.
        assert_eq!(c.add(d(2025, 10, 10), 5).unwrap(), d(2025, 10, 17));
        assert_eq!(c.add(d(2025, 10, 10), 0).unwrap(), d(2025, 10, 10));
        // The 30/4 bridge: Tue 29/4/2025 + 1 = Mon 5/5 (30/4, 1/5, 2/5 off).
        assert_eq!(c.add(d(2025, 4, 29), 1).unwrap(), d(2025, 5, 5));
        // Fri 25/4 + 1 = Sat 26/4, a make-up day.
        assert_eq!(c.add(d(2025, 4, 25), 1).unwrap(), d(2025, 4, 26));
    }

    #[test]
    fn uncovered_year_is_an_error() {
        let c = Calendar::builtin();
        let e = c.add(d(2026, 12, 30), 5).unwrap_err();
        assert!(e.contains("chưa có dữ liệu năm 2027"), "{e}");
    }

    #[test]
    fn bad_files_are_reported_with_positions() {
        let e = Calendar::parse("nam: [2025]\nngay_nghi:\n  - {ngay: 2024-01-01, ten: X}\n")
            .unwrap_err();
        assert_eq!(e[0].pos.unwrap().line, 3);
        assert!(e[0].message.contains("2024"));
        let e = Calendar::parse("nam: [2025]\nngay_lam_bu:\n  - {ngay: 2025-04-28, ten: X}\n")
            .unwrap_err();
        assert!(e[0].message.contains("không phải thứ Bảy"));
        let e = Calendar::parse("nam: [2025]\nngay_nghi:\n  - {ten: X}\n").unwrap_err();
        assert!(e[0].message.contains("\"ngay\""));
    }
}
