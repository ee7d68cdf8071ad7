//! Vietnamese formatting of numbers, dates, periods and text (Decree 30/2020 conventions).
//!
//! Everything here is a pure function without I/O:
//! - [`number`](mod@number): "5.339.392", "66,9%", rates and "tăng 269.520 lượt" phrases;
//! - [`numbering`]: the counters behind Decree 30 part numbers (Phần I; I. / 1. / 1.1. / a)
//!   / - / +; Điều 1), for `compose` and the inspection outlines;
//! - [`date`]: "ngày 05 tháng 02 năm 2024", "05/02/2024", parsing of user dates;
//! - [`period`]: reporting periods ("tháng 9/2023", "Quý I/2024", "6 tháng đầu năm 2024");
//! - [`seq`]: Roman numerals and Vietnamese list letters (a, b, c, d, đ, e, ...);
//! - [`agency`]: an agency's name in normal case, from the capitals of the header;
//! - [`text`]: NFC normalisation and Vietnamese-aware case changes.

pub mod agency;
pub mod date;
pub mod number;
pub mod numbering;
pub mod period;
pub mod seq;
pub mod text;

pub use date::{
    date_long, date_long_partial, date_short, parse_date, place_date, place_date_partial,
};
pub use number::{
    NumberTextError, change_points, change_relative, change_words, check_vn_number, doc_number,
    integer_padded, number, number_fixed, parse_vn_number, percent, rate,
};
pub use period::Period;
pub use seq::{roman, viet_letter};
pub use text::{capitalize_first, fold, lower, lower_first, name_key, nfc, upper, upper_title};
