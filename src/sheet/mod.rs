//! Reading rows from an Excel sheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`) or a CSV file, for a
//! table (`nguon`), for tasks and for indicators (`nguon_chi_tieu`): the header row names
//! the columns, `cot` maps column ids (a table's columns, task fields, indicator keys) to
//! header texts.
//! Errors inside the file name the file, its row and column; errors in the mapping name the
//! YAML line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::error::{Code, Diagnostics, Error, Pos};
use crate::model::{CellValue, SheetSource};
use crate::sources::Sources;

pub mod as_yaml;

/// The YAML position of a value of the mapping.
fn pos_of<T>(s: &serde_saphyr::Spanned<T>) -> Option<Pos> {
    Pos::from_saphyr(&s.referenced)
}

/// One data row of the file.
#[derive(Debug, Clone)]
pub struct SourceRow {
    /// 1-based row number in the file (for messages).
    pub line: u64,
    /// Cells by table column id, with their 1-based column number in the file.
    pub cells: BTreeMap<String, (CellValue, u64)>,
    /// The value of the group column, when the source names one.
    pub group: Option<String>,
}

/// The rows read from a source, and the file they came from.
#[derive(Debug, Clone)]
pub struct SourceRows {
    pub path: PathBuf,
    /// "trang \"Tháng 9\"" for a sheet, empty for a CSV file (for messages).
    pub sheet: Option<String>,
    pub rows: Vec<SourceRow>,
}

/// Excel column letters for a 1-based column number: 1 → "A", 28 → "AB".
pub fn column_letters(mut n: u64) -> String {
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn norm_header(s: &str) -> String {
    crate::format::name_key(s)
}

/// A sheet or CSV file as rows of cells.
type Grid = Vec<Vec<CellValue>>;

/// Where the mapped columns are in the file (0-based).
struct SheetColumns {
    /// Table column id and file column, in the order of `cot`.
    mapping: Vec<(String, usize)>,
    /// The group column `nhom`.
    group: Option<usize>,
}

/// Read the rows a source describes. `base` is the YAML file's directory.
pub fn read(
    sources: &dyn Sources,
    src: &serde_saphyr::Spanned<SheetSource>,
    base: &Path,
) -> Result<SourceRows, Diagnostics> {
    let s = &src.value;
    let (path, grid, sheet) = read_grid(sources, s, base)?;
    let header_line = header_line(src, &grid)?;
    let header = &grid[header_line as usize - 1];
    let columns = map_columns(s, header, header_line, sheet.as_deref())?;
    let rows = data_rows(&grid, header_line, &columns, &path, sheet.as_deref())?;
    Ok(SourceRows { path, sheet, rows })
}

/// The source's file, read as a grid, with the sheet's name for a workbook.
fn read_grid(
    sources: &dyn Sources,
    s: &SheetSource,
    base: &Path,
) -> Result<(PathBuf, Grid, Option<String>), Diagnostics> {
    let path = base.join(&s.file.value);
    if !sources.exists(&path) {
        return Err(Error::new(
            Code::Read,
            format!(
                "không tìm thấy tệp dữ liệu \"{}\" (đường dẫn tính từ thư mục của tệp YAML: {})",
                s.file.value,
                path.display()
            ),
        )
        .with_pos(pos_of(&s.file))
        .into());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_csv = matches!(ext.as_str(), "csv" | "txt");
    let kind = match ext.as_str() {
        _ if is_csv => crate::files::CSV,
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => crate::files::SPREADSHEET,
        _ => {
            return Err(Error::new(
                Code::Read,
                format!(
                    "không đọc được tệp \"{}\": cần tệp .xlsx, .xls, .ods hoặc .csv",
                    s.file.value
                ),
            )
            .with_pos(pos_of(&s.file))
            .into());
        }
    };
    // Checked to be a regular file within the size limit before any parser sees it.
    let bytes = sources.read(&path, kind).map_err(|e| {
        Error::new(
            e.code,
            format!(
                "không đọc được tệp dữ liệu \"{}\": {}",
                s.file.value, e.message
            ),
        )
        .with_pos(pos_of(&s.file))
    })?;
    // The parsers own their input (calamine reads through a `Cursor<Vec<u8>>`).
    let bytes = bytes.into_owned();
    if is_csv {
        if let Some(t) = &s.sheet {
            return Err(Error::new(
                Code::Conflict,
                "tệp CSV không có trang tính; bỏ khóa \"trang\"",
            )
            .with_pos(pos_of(t))
            .into());
        }
        let grid = read_csv(&path, bytes)?;
        Ok((path, grid, None))
    } else {
        let (grid, name) = read_sheet(&path, &ext, bytes, s)?;
        Ok((path, grid, Some(name)))
    }
}

/// The 1-based line of the header row (`dong_tieu_de`, default 1), which must exist.
fn header_line(src: &serde_saphyr::Spanned<SheetSource>, grid: &Grid) -> Result<u64, Diagnostics> {
    let s = &src.value;
    let header_line = s.header_row.as_ref().map(|h| h.value).unwrap_or(1) as u64;
    if header_line == 0 || header_line as usize > grid.len() {
        return Err(Error::new(
            Code::OutOfRange,
            format!(
                "dòng tiêu đề {header_line} không có trong tệp \"{}\" (tệp có {} dòng)",
                s.file.value,
                grid.len()
            ),
        )
        .with_pos(s.header_row.as_ref().and_then(pos_of).or(pos_of(src)))
        .into());
    }
    Ok(header_line)
}

/// The file column of each table column named in `cot`, and of the group column `nhom`.
fn map_columns(
    s: &SheetSource,
    header: &[CellValue],
    header_line: u64,
    sheet: Option<&str>,
) -> Result<SheetColumns, Diagnostics> {
    let find = |name: &str| -> Option<usize> {
        let want = norm_header(name);
        header.iter().position(|c| match c {
            CellValue::Text(t) => norm_header(t) == want,
            CellValue::Number(n) => norm_header(&n.to_string()) == want,
            // Spreadsheet cells are numbers, text or blank.
            _ => false,
        })
    };
    let mut errs = Diagnostics::new();
    let available = || {
        header
            .iter()
            .filter_map(|c| match c {
                CellValue::Text(t) => Some(format!("\"{}\"", t.trim())),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut mapping: Vec<(String, usize)> = Vec::new();
    for (id, name) in &s.columns.value {
        match find(name) {
            Some(i) => mapping.push((id.clone(), i)),
            None => errs.error(Code::BadReference, pos_of(&s.columns), format!(
                    "không có cột \"{name}\" ở dòng tiêu đề {header_line} của tệp \"{}\"{}; các cột có: {}",
                    s.file.value,
                    sheet
                        .map(|n| format!(" (trang \"{n}\")"))
                        .unwrap_or_default(),
                    available()
                )),
        }
    }
    let group_col =
        match &s.group {
            None => None,
            Some(g) => match find(&g.value) {
                Some(i) => Some(i),
                None => {
                    errs.error(Code::BadReference, pos_of(g), format!(
                        "không có cột nhóm \"{}\" ở dòng tiêu đề của tệp \"{}\"; các cột có: {}",
                        g.value,
                        s.file.value,
                        available()
                    ));
                    None
                }
            },
        };
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(SheetColumns {
        mapping,
        group: group_col,
    })
}

/// The non-blank rows below the header, with their mapped cells and group.
fn data_rows(
    grid: &Grid,
    header_line: u64,
    columns: &SheetColumns,
    path: &Path,
    sheet: Option<&str>,
) -> Result<Vec<SourceRow>, Diagnostics> {
    let mut errs = Diagnostics::new();
    let mut rows = Vec::new();
    for (i, r) in grid.iter().enumerate().skip(header_line as usize) {
        let line = i as u64 + 1;
        if r.iter().all(|c| *c == CellValue::Blank) {
            continue;
        }
        let get = |c: usize| r.get(c).cloned().unwrap_or(CellValue::Blank);
        let mut cells = BTreeMap::new();
        for (id, c) in &columns.mapping {
            cells.insert(id.clone(), (get(*c), *c as u64 + 1));
        }
        let group = match columns.group {
            None => None,
            Some(c) => match get(c) {
                CellValue::Text(t) => Some(t),
                CellValue::Number(n) => Some(crate::format::number(n, None)),
                CellValue::Paragraphs(p) => Some(p.join(" ")),
                CellValue::Merged(..) | CellValue::Covered => {
                    unreachable!("a spreadsheet cell is a number, text or blank")
                }
                CellValue::Blank => {
                    let col = c as u64 + 1;
                    let place = match sheet {
                        Some(n) => format!("trang \"{n}\", cột {}", column_letters(col)),
                        None => format!("cột {col}"),
                    };
                    errs.push(
                        Error::new(Code::Empty, format!("ô nhóm ({place}) để trống"))
                            .at(path, Some(Pos::new(line, col))),
                    );
                    None
                }
            },
        };
        rows.push(SourceRow { line, cells, group });
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(rows)
}

/// Names a cell of a workbook for messages, "ô D5, trang \"Tháng 9\", " (the position
/// already gives a CSV file's row and column: empty then).
pub fn cell_place(rows: &SourceRows, line: u64, col: u64) -> String {
    match &rows.sheet {
        Some(n) => format!("ô {}{line}, trang \"{n}\", ", column_letters(col)),
        None => String::new(),
    }
}

/// Open a workbook held in memory, by its extension.
fn open_workbook(
    ext: &str,
    bytes: Vec<u8>,
) -> Result<calamine::Sheets<std::io::Cursor<Vec<u8>>>, calamine::Error> {
    use calamine::{Ods, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};
    let rs = std::io::Cursor::new(bytes);
    Ok(match ext {
        "xls" => Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(rs)?),
        "xlsb" => Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(rs)?),
        "ods" => Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(rs)?),
        _ => Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(rs)?),
    })
}

fn read_sheet(
    path: &Path,
    ext: &str,
    bytes: Vec<u8>,
    s: &SheetSource,
) -> Result<(Vec<Vec<CellValue>>, String), Diagnostics> {
    crate::files::archive::check_unpacked_size(&bytes)
        .map_err(|m| Error::new(Code::OutOfRange, m).at(path, None))?;
    // calamine's own (English) message is not shown.
    let mut wb = open_workbook(ext, bytes).map_err(|_| {
        Error::new(
            Code::Read,
            format!("không đọc được tệp bảng tính: tệp hỏng hoặc không đúng định dạng .{ext}"),
        )
        .at(path, None)
    })?;
    let names = wb.sheet_names();
    let name = match &s.sheet {
        Some(t) => {
            let want = norm_header(&t.value);
            match names.iter().find(|n| norm_header(n) == want) {
                Some(n) => n.clone(),
                None => {
                    return Err(Error::new(
                        Code::BadReference,
                        format!(
                            "tệp \"{}\" không có trang tính \"{}\"; các trang có: {}",
                            s.file.value,
                            t.value,
                            names
                                .iter()
                                .map(|n| format!("\"{n}\""))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .with_pos(pos_of(t))
                    .into());
                }
            }
        }
        None => match names.first() {
            Some(n) => n.clone(),
            None => {
                return Err(Error::new(
                    Code::Empty,
                    format!("tệp \"{}\" không có trang tính nào", s.file.value),
                )
                .with_pos(pos_of(&s.file))
                .into());
            }
        },
    };
    let range = wb.worksheet_range(&name).map_err(|_| {
        Error::new(
            Code::Read,
            format!("không đọc được trang tính \"{name}\": nội dung trang tính bị hỏng"),
        )
        .at(path, None)
    })?;
    // The range starts at its first used cell; keep absolute row and column numbers.
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut grid: Vec<Vec<CellValue>> = vec![Vec::new(); r0 as usize];
    let mut errs = Diagnostics::new();
    for (ri, row) in range.rows().enumerate() {
        let mut out = vec![CellValue::Blank; c0 as usize];
        for (ci, d) in row.iter().enumerate() {
            let v = match d {
                Data::Empty => CellValue::Blank,
                Data::Int(i) => CellValue::Number(*i as f64),
                Data::Float(f) => CellValue::Number(*f),
                Data::String(t) | Data::DateTimeIso(t) | Data::DurationIso(t) => {
                    let t = crate::format::nfc(t.trim());
                    if let Some(c) = t.chars().find(|c| crate::load::chars::forbidden(*c)) {
                        let col = c0 as u64 + ci as u64 + 1;
                        errs.push(
                            Error::new(
                                Code::BadCharacter,
                                format!(
                                    "{} (trang \"{name}\", ô {}{})",
                                    crate::load::chars::message(c),
                                    column_letters(col),
                                    r0 as u64 + ri as u64 + 1
                                ),
                            )
                            .at(path, Some(Pos::new(r0 as u64 + ri as u64 + 1, col))),
                        );
                    }
                    if t.is_empty() {
                        CellValue::Blank
                    } else {
                        CellValue::Text(t)
                    }
                }
                Data::Bool(b) => CellValue::Text(if *b { "Có" } else { "Không" }.into()),
                Data::DateTime(d) => datetime_cell(d),
                Data::Error(e) => {
                    let col = c0 as u64 + ci as u64 + 1;
                    errs.push(
                        Error::new(
                            Code::BadNumber,
                            format!(
                                "ô lỗi công thức {e} (trang \"{name}\", cột {})",
                                column_letters(col)
                            ),
                        )
                        .at(path, Some(Pos::new(r0 as u64 + ri as u64 + 1, col))),
                    );
                    CellValue::Blank
                }
            };
            out.push(v);
        }
        grid.push(out);
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok((grid, name))
}

/// A date is printed as the sheet shows it, not as Excel's serial number; a duration stays
/// a number.
fn datetime_cell(d: &calamine::ExcelDateTime) -> CellValue {
    match d.as_datetime() {
        Some(t) if !d.is_duration() => CellValue::Text(date_text(t)),
        _ => CellValue::Number(d.as_f64()),
    }
}

/// A workbook date the Vietnamese way: "5/10/2025", with the time when it has one.
fn date_text(t: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let date = format!("{}/{}/{}", t.day(), t.month(), t.year());
    if t.hour() == 0 && t.minute() == 0 && t.second() == 0 {
        date
    } else {
        format!("{:02}:{:02} {date}", t.hour(), t.minute())
    }
}

fn read_csv(path: &Path, bytes: Vec<u8>) -> Result<Vec<Vec<CellValue>>, Diagnostics> {
    let text = crate::files::decode_utf8(
        path,
        crate::files::CSV,
        bytes,
        "hãy lưu tệp CSV với bảng mã UTF-8 (trong Excel: Lưu thành → CSV UTF-8)",
    )?;
    let text = crate::format::nfc(&text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some((c, pos)) = crate::load::chars::find_literal(text) {
        return Err(
            Error::new(Code::BadCharacter, crate::load::chars::message(c))
                .at(path, Some(pos))
                .into(),
        );
    }
    let first = text.lines().next().unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(i as u64 + 1);
            Error::new(
                Code::Read,
                "tệp CSV không hợp lệ ở dòng này (kiểm tra dấu ngoặc kép \" và dấu phân cách)",
            )
            .at(path, Some(Pos::new(line, 1)))
        })?;
        grid.push(
            rec.iter()
                .map(|c| {
                    let t = c.trim();
                    if t.is_empty() {
                        CellValue::Blank
                    } else {
                        CellValue::Text(t.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbook_dates_print_as_dates() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let d = ExcelDateTime::new(45935.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(datetime_cell(&d), CellValue::Text("5/10/2025".into()));
        let d = ExcelDateTime::new(45935.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(datetime_cell(&d), CellValue::Text("12:00 5/10/2025".into()));
        let d = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(datetime_cell(&d), CellValue::Number(1.5));
    }

    #[test]
    fn letters() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(28), "AB");
    }
}
