//! Deadlines (thời hạn) as secretariats write them, as typed values.
//!
//! | written                                   | kind        | last day          |
//! |-------------------------------------------|-------------|-------------------|
//! | 30/6/2024, Ngày 30/6/2024, 2024-06-30      | date        | that day          |
//! | Chậm nhất ngày 30/6/2024                  | date        | that day          |
//! | Trước ngày 30/6/2024                      | date        | the day before    |
//! | Tháng 3/2024, Trong tháng 03/2024          | month       | 31/3/2024         |
//! | Quý I/2024, Trong quý 1/2024               | quarter     | 31/3/2024         |
//! | 6 tháng đầu năm 2024, 6 tháng cuối năm 2024| half year   | 30/6, 31/12       |
//! | Năm 2024, Trong năm 2024                  | year        | 31/12/2024        |
//! | Từ tháng 02/2023, Từ ngày 01/6/2022        | start       | none              |
//! | Từ tháng 3/2024 đến tháng 6/2024, Từ nay đến hết năm 2024 | range | the end's |
//! | Thường xuyên, Thực hiện thường xuyên       | recurring   | none              |
//! | Hằng tháng, Ngày 22 hàng tháng, Định kỳ hằng quý | recurring | none         |
//! | `{tu_do: "Theo lộ trình của Chính phủ"}`  | free text   | none              |
//!
//! A deadline without a last day is never overdue. Anything else is an error, so a typo
//! ("Qúy I/2024") is caught instead of silently never being overdue. The page prints a
//! deadline as it was written ("Tháng 02/2023" stays so), see [`Deadline::display`].

use chrono::NaiveDate;

use crate::format::{self, Period};

/// A deadline: what it means and how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub form: Form,
    /// The text as written (trimmed), printed on the page.
    pub written: String,
}

/// What a deadline means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// A day; `before` for "Trước ngày …" (the last day is the day before).
    Date { day: NaiveDate, before: bool },
    /// A month, quarter, half year, nine months or year; `within` for "Trong …".
    Period { period: Period, within: bool },
    /// "Từ tháng 02/2023", "Từ ngày 01/6/2022": a start, with no last day.
    Since(Point),
    /// "Từ … đến …" (`from` is None for "Từ nay đến …"): the last day is the end's.
    Range { from: Option<Point>, to: Point },
    /// A recurring duty: never overdue.
    Recurring(Recurring),
    /// Free text, shown as written and never overdue.
    Free,
}

/// One end of a "Từ … đến …" range: a day or a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Day(NaiveDate),
    Period(Period),
}

impl Point {
    fn first_day(&self) -> Option<NaiveDate> {
        match self {
            Point::Day(d) => Some(*d),
            Point::Period(p) => p.first_day(),
        }
    }

    fn last_day(&self) -> Option<NaiveDate> {
        match self {
            Point::Day(d) => Some(*d),
            Point::Period(p) => p.last_day(),
        }
    }

    /// A day ("ngày 01/6/2022", "01/6/2022") or a period ("tháng 02/2023", "năm 2024") in
    /// folded text; "hết" ("đến hết năm 2024") is allowed before it.
    fn parse(t: &str) -> Option<Point> {
        let t = t.strip_prefix("hết ").unwrap_or(t);
        let day = t.strip_prefix("ngày ").unwrap_or(t);
        if let Some(d) = date_in(day) {
            return Some(Point::Day(d));
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            // A bare year is a year only with "năm" ("Từ năm 2023 đến năm 2025").
            return None;
        }
        Period::parse(t).ok().map(Point::Period)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurring {
    pub every: Every,
    /// "Ngày 22 hằng tháng": the day of the month.
    pub day: Option<u32>,
    /// "Thực hiện thường xuyên".
    pub thuc_hien: bool,
    /// "Định kỳ hằng quý".
    pub dinh_ky: bool,
    /// "hàng" or "hằng", as the secretary wrote it.
    pub hang: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// Thường xuyên.
    Always,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// The message for a deadline in no known form.
pub fn unknown_form(s: &str) -> String {
    format!(
        "thời hạn \"{s}\" không đúng dạng đã biết; cần một ngày (30/6/2024, Trước ngày 30/6/2024, \
         Chậm nhất ngày 30/6/2024), tháng (Tháng 3/2024), quý (Quý I/2024), nửa năm (6 tháng đầu \
         năm 2024), năm (Năm 2024, Trong năm 2024), mốc bắt đầu (Từ tháng 02/2023, Từ ngày \
         01/6/2022), khoảng (Từ tháng 3/2024 đến tháng 6/2024) hoặc định kỳ (Thường xuyên, Hằng \
         tháng, Ngày 22 hằng tháng, Định kỳ hằng quý); nếu là văn bản tự do, viết: han: \
         {{tu_do: \"{s}\"}}"
    )
}

impl Deadline {
    /// Parse a deadline written as text (free text must be marked and does not come here).
    pub fn parse(s: &str) -> Result<Deadline, String> {
        let original = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let t = crate::format::fold(&original);
        let t = t.trim_end_matches('.').trim();
        let form = parse_normalised(t).ok_or_else(|| unknown_form(&original))?;
        Ok(Deadline {
            form,
            written: original,
        })
    }

    /// Free text (`han: {tu_do: …}`): printed as written, never overdue.
    pub fn free(text: &str) -> Deadline {
        Deadline {
            form: Form::Free,
            written: text.trim().to_string(),
        }
    }

    /// The last day the task may be done on, if the deadline has one.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match &self.form {
            Form::Date { day, before: false } => Some(*day),
            Form::Date { day, before: true } => day.pred_opt(),
            Form::Period { period, .. } => period.last_day(),
            Form::Range { to, .. } => to.last_day(),
            Form::Since(_) | Form::Recurring(_) | Form::Free => None,
        }
    }

    /// Days past the deadline as of `as_of` (None when not past or without a last day).
    pub fn days_late(&self, as_of: NaiveDate) -> Option<i64> {
        let last = self.last_day()?;
        let days = (as_of - last).num_days();
        (days > 0).then_some(days)
    }

    /// Whether the deadline has passed as of `as_of` (the last day itself is still in time).
    pub fn passed(&self, as_of: NaiveDate) -> bool {
        self.days_late(as_of).is_some()
    }

    /// The deadline as it is printed: what was written, with its first letter capitalised
    /// and a final "." dropped ("Tháng 02/2023" stays "Tháng 02/2023"). Only the machine
    /// forms "2024-06-30", "2024-06", "2024-Q1" and "2024-H1" are printed the Vietnamese way
    /// ("30/6/2024", "Tháng 6/2024", "Quý I/2024", "6 tháng đầu năm 2024").
    pub fn display(&self) -> String {
        if self.form == Form::Free {
            return self.written.clone();
        }
        let w = self.written.trim_end_matches('.').trim_end();
        let machine = w.starts_with(|c: char| c.is_ascii_digit())
            && w.contains('-')
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if machine {
            self.normalised()
        } else {
            format::capitalize_first(w)
        }
    }

    /// A normalised form of the meaning (for the machine forms).
    fn normalised(&self) -> String {
        match &self.form {
            Form::Date { day, .. } => format::date_short(*day),
            Form::Period { period, .. } => format::capitalize_first(&period.display()),
            _ => self.written.clone(),
        }
    }
}

/// A day written "30/6/2024" or "2024-06-30" (folded text).
fn date_in(t: &str) -> Option<NaiveDate> {
    (t.chars()
        .all(|c| c.is_ascii_digit() || c == '/' || c == '-')
        && t.chars().filter(|c| *c == '/' || *c == '-').count() == 2)
        .then(|| format::parse_date(t).ok())
        .flatten()
}

fn parse_normalised(t: &str) -> Option<Form> {
    if t.is_empty() {
        return None;
    }
    if let Some(rest) = t.strip_prefix("từ ") {
        return since_or_range(rest);
    }
    // A day, possibly "ngày …", "trước ngày …", "chậm nhất ngày …".
    let (rest, before) = if let Some(r) = t.strip_prefix("trước ngày ") {
        (r, true)
    } else if let Some(r) = t.strip_prefix("trước ") {
        (r, true)
    } else if let Some(r) = t.strip_prefix("chậm nhất ngày ") {
        (r, false)
    } else if let Some(r) = t.strip_prefix("chậm nhất ") {
        (r, false)
    } else if let Some(r) = t.strip_prefix("ngày ") {
        (r, false)
    } else {
        (t, false)
    };
    if let Some(day) = date_in(rest) {
        return Some(Form::Date { day, before });
    }
    // A period, possibly "trong …". A bare year ("2024") is not accepted as a deadline.
    let (rest, within) = match t.strip_prefix("trong ") {
        Some(r) => (r, true),
        None => (t, false),
    };
    if !rest.chars().all(|c| c.is_ascii_digit())
        && let Ok(period) = Period::parse(rest)
    {
        return Some(Form::Period { period, within });
    }
    recurring(t).map(Form::Recurring)
}

/// After "từ ": "tháng 02/2023" (a start), "tháng 3/2024 đến tháng 6/2024", "nay đến hết năm
/// 2024" (a range, whose end may not come before its start).
fn since_or_range(rest: &str) -> Option<Form> {
    let Some((from, to)) = rest.split_once(" đến ") else {
        return Point::parse(rest).map(Form::Since);
    };
    let to = Point::parse(to.trim())?;
    let from = match from.trim() {
        "nay" | "bây giờ" => None,
        f => Some(Point::parse(f)?),
    };
    if let Some(f) = from
        && f.first_day()? > to.last_day()?
    {
        return None;
    }
    Some(Form::Range { from, to })
}

fn recurring(t: &str) -> Option<Recurring> {
    let mut rest = t;
    let mut thuc_hien = false;
    let mut dinh_ky = false;
    if let Some(r) = rest.strip_prefix("thực hiện ") {
        thuc_hien = true;
        rest = r;
    }
    if let Some(r) = rest.strip_prefix("định kỳ ") {
        dinh_ky = true;
        rest = r;
    }
    if rest == "thường xuyên" && !dinh_ky {
        return Some(Recurring {
            every: Every::Always,
            day: None,
            thuc_hien,
            dinh_ky,
            hang: "hằng",
        });
    }
    let mut day = None;
    if let Some(r) = rest.strip_prefix("ngày ") {
        let (n, r) = r.split_once(' ')?;
        let n: u32 = n.parse().ok().filter(|n| (1..=31).contains(n))?;
        day = Some(n);
        rest = r;
    }
    let (hang, unit) = if let Some(u) = rest.strip_prefix("hằng ") {
        ("hằng", u)
    } else if let Some(u) = rest.strip_prefix("hàng ") {
        ("hàng", u)
    } else {
        return None;
    };
    let every = match unit {
        "ngày" => Every::Day,
        "tuần" => Every::Week,
        "tháng" => Every::Month,
        "quý" => Every::Quarter,
        "năm" => Every::Year,
        _ => return None,
    };
    if day.is_some() && every != Every::Month {
        return None;
    }
    Some(Recurring {
        every,
        day,
        thuc_hien,
        dinh_ky,
        hang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// (year, month, day)
    type Ymd = (i32, u32, u32);

    /// (written, printed back, last day)
    const FORMS: &[(&str, &str, Option<Ymd>)] = &[
        ("30/6/2024", "30/6/2024", Some((2024, 6, 30))),
        ("05/01/2024", "05/01/2024", Some((2024, 1, 5))),
        ("2024-06-30", "30/6/2024", Some((2024, 6, 30))),
        ("2024-Q1", "Quý I/2024", Some((2024, 3, 31))),
        ("Ngày 30/6/2024", "Ngày 30/6/2024", Some((2024, 6, 30))),
        (
            "Chậm nhất ngày 30/6/2024",
            "Chậm nhất ngày 30/6/2024",
            Some((2024, 6, 30)),
        ),
        ("Từ tháng 02/2023", "Từ tháng 02/2023", None),
        ("Từ ngày 01/6/2022", "Từ ngày 01/6/2022", None),
        ("Từ quý II/2024", "Từ quý II/2024", None),
        ("Từ năm 2024", "Từ năm 2024", None),
        (
            "Từ tháng 3/2024 đến tháng 6/2024",
            "Từ tháng 3/2024 đến tháng 6/2024",
            Some((2024, 6, 30)),
        ),
        (
            "Từ ngày 01/6/2022 đến ngày 15/8/2022",
            "Từ ngày 01/6/2022 đến ngày 15/8/2022",
            Some((2022, 8, 15)),
        ),
        (
            "Từ năm 2023 đến năm 2025",
            "Từ năm 2023 đến năm 2025",
            Some((2025, 12, 31)),
        ),
        (
            "từ nay đến hết Quý III/2025",
            "Từ nay đến hết Quý III/2025",
            Some((2025, 9, 30)),
        ),
        (
            "Trước ngày 30/6/2024",
            "Trước ngày 30/6/2024",
            Some((2024, 6, 29)),
        ),
        ("Tháng 3/2024", "Tháng 3/2024", Some((2024, 3, 31))),
        ("Tháng 02/2024", "Tháng 02/2024", Some((2024, 2, 29))),
        ("tháng 2 năm 2023", "Tháng 2 năm 2023", Some((2023, 2, 28))),
        (
            "Trong tháng 12/2024",
            "Trong tháng 12/2024",
            Some((2024, 12, 31)),
        ),
        ("Quý I/2024", "Quý I/2024", Some((2024, 3, 31))),
        ("quý 2/2024", "Quý 2/2024", Some((2024, 6, 30))),
        (
            "Trong Quý IV/2024",
            "Trong Quý IV/2024",
            Some((2024, 12, 31)),
        ),
        (
            "6 tháng đầu năm 2024",
            "6 tháng đầu năm 2024",
            Some((2024, 6, 30)),
        ),
        (
            "6 tháng cuối năm 2024",
            "6 tháng cuối năm 2024",
            Some((2024, 12, 31)),
        ),
        ("Năm 2024", "Năm 2024", Some((2024, 12, 31))),
        ("Năm 2024.", "Năm 2024", Some((2024, 12, 31))),
        ("Trong năm 2024", "Trong năm 2024", Some((2024, 12, 31))),
        ("Thường xuyên", "Thường xuyên", None),
        ("Thực hiện thường xuyên", "Thực hiện thường xuyên", None),
        ("Hàng tháng", "Hàng tháng", None),
        ("hằng tháng", "Hằng tháng", None),
        ("Ngày 22 hàng tháng", "Ngày 22 hàng tháng", None),
        ("Định kỳ hằng quý", "Định kỳ hằng quý", None),
        ("  Tháng   02/2023 ", "Tháng 02/2023", Some((2023, 2, 28))),
        ("Hằng năm", "Hằng năm", None),
    ];

    #[test]
    fn every_form_parses_prints_back_and_knows_its_last_day() {
        for (written, shown, last) in FORMS {
            let dl = Deadline::parse(written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(dl.display(), *shown, "{written}");
            assert_eq!(
                dl.last_day(),
                last.map(|(y, m, day)| d(y, m, day)),
                "{written}"
            );
            // What is printed reads back as the same meaning.
            assert_eq!(
                Deadline::parse(&dl.display()).unwrap().form,
                dl.form,
                "{written}"
            );
        }
    }

    #[test]
    fn overdue_only_after_the_last_day() {
        let q1 = Deadline::parse("Quý I/2024").unwrap();
        assert!(!q1.passed(d(2024, 3, 31)));
        assert_eq!(q1.days_late(d(2024, 4, 1)), Some(1));
        assert_eq!(q1.days_late(d(2024, 4, 15)), Some(15));
        let before = Deadline::parse("Trước ngày 30/6/2024").unwrap();
        assert!(before.passed(d(2024, 6, 30)));
        let day = Deadline::parse("30/6/2024").unwrap();
        assert!(!day.passed(d(2024, 6, 30)));
        assert!(day.passed(d(2024, 7, 1)));
        let range = Deadline::parse("Từ tháng 3/2024 đến tháng 6/2024").unwrap();
        assert!(!range.passed(d(2024, 6, 30)));
        assert_eq!(range.days_late(d(2024, 7, 2)), Some(2));
        let year = Deadline::parse("Trong năm 2024").unwrap();
        assert!(!year.passed(d(2024, 12, 31)));
        assert!(year.passed(d(2025, 1, 1)));
        for never in [
            "Thường xuyên",
            "Ngày 22 hàng tháng",
            "Định kỳ hằng quý",
            "Từ tháng 02/2023",
            "Từ ngày 01/6/2022",
        ] {
            assert!(
                !Deadline::parse(never).unwrap().passed(d(2099, 1, 1)),
                "{never}"
            );
        }
        let free = Deadline::free("Theo lộ trình của Chính phủ");
        assert!(!free.passed(d(2099, 1, 1)));
        assert_eq!(free.display(), "Theo lộ trình của Chính phủ");
        assert_eq!(free.last_day(), None);
    }

    #[test]
    fn unknown_forms_are_rejected_with_the_free_text_hint() {
        for bad in [
            "Qúy I/2024",
            "Theo lộ trình của Chính phủ",
            "31/2/2024",
            "2024",
            "Tháng 13/2024",
            "Ngày 40 hằng tháng",
            "Ngày 5 hằng quý",
            "",
            "sớm",
            "Từ tháng 13/2023",
            "Từ 2023",
            "Từ tháng 6/2024 đến tháng 3/2024",
            "Từ tháng 3/2024 đến",
            "Chậm nhất",
        ] {
            let e = Deadline::parse(bad).unwrap_err();
            assert!(e.contains("tu_do"), "{bad}: {e}");
        }
    }
}
