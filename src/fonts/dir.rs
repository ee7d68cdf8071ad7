//! Faces from a `--font-dir` folder, chosen by the family and style names in their name
//! tables: the four styles of one family, each covering Vietnamese. A folder holding several
//! families (the Liberation 2 folder: Mono, Sans, Serif) gives Times New Roman or its metric
//! twin Liberation Serif when present, and otherwise an error naming the families.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Face, FontSet, FontStyle};
use crate::error::{Code, Error};

/// Families preferred, in order, when a folder holds several complete ones (Decree 30 asks
/// for Times New Roman).
const PREFERRED: &[&str] = &["Times New Roman", "Liberation Serif", "Tinos"];

/// Letters every face must have: the Vietnamese vowels with each tone and đ.
const VIETNAMESE: &str = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơưƠƯÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝăĂ";

/// A face file: its family (typographic family, else the family name) and style.
struct Found {
    path: PathBuf,
    family: String,
    style: FontStyle,
    data: Vec<u8>,
}

fn family_of(face: &ttf_parser::Face) -> Option<String> {
    let names = face.names();
    let get = |id: u16| {
        names
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    get(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| get(ttf_parser::name_id::FAMILY))
}

const LABELS: [(FontStyle, &str); 4] = [
    (FontStyle::Regular, "thường"),
    (FontStyle::Bold, "đậm"),
    (FontStyle::Italic, "nghiêng"),
    (FontStyle::BoldItalic, "đậm nghiêng"),
];

/// Read the faces of `dir` and choose one family.
pub fn from_dir(sources: &dyn crate::sources::Sources, dir: &Path) -> Result<FontSet, Error> {
    let entries = sources.list(dir).map_err(|e| {
        Error::new(
            Code::Read,
            format!(
                "không đọc được thư mục phông chữ {}: {}",
                dir.display(),
                crate::files::io_reason(&e)
            ),
        )
    })?;
    let mut paths: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf"))
        })
        .collect();
    paths.sort();
    // Families by name, each style's first file (in name order).
    let mut families: BTreeMap<String, BTreeMap<u8, Found>> = BTreeMap::new();
    for path in paths {
        let data = sources
            .read(&path, crate::files::FONT)
            .map(|b| b.into_owned())
            .map_err(|e| Error::new(e.code, format!("{}: {}", path.display(), e.message)))?;
        let Ok(face) = ttf_parser::Face::parse(&data, 0) else {
            continue;
        };
        let Some(family) = family_of(&face) else {
            continue;
        };
        let style = FontStyle::of(face.is_bold(), face.is_italic());
        let styles = families.entry(family.clone()).or_default();
        styles.entry(style as u8).or_insert(Found {
            path,
            family,
            style,
            data,
        });
    }
    let complete: Vec<&String> = families
        .iter()
        .filter(|(_, s)| s.len() == 4)
        .map(|(f, _)| f)
        .collect();
    let chosen = match complete.as_slice() {
        [one] => (*one).clone(),
        [] => return Err(incomplete(dir, &families)),
        many => match PREFERRED.iter().find(|p| many.iter().any(|f| f == *p)) {
            Some(p) => p.to_string(),
            None => {
                return Err(Error::new(
                    Code::Font,
                    format!(
                        "thư mục phông chữ {} có nhiều họ phông đủ 4 kiểu: {}; để riêng 4 tệp của họ cần dùng vào một thư mục",
                        dir.display(),
                        many.iter()
                            .map(|f| format!("\"{f}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        },
    };
    let mut styles = families.remove(&chosen).unwrap_or_default();
    let mut take = |s: FontStyle| -> Result<Face, Error> {
        let f = styles.remove(&(s as u8)).expect("a complete family");
        check_vietnamese(&f)?;
        Face::parse(f.data).map_err(|e| {
            Error::new(
                Code::Font,
                format!("tệp phông chữ {} không hợp lệ: {e}", f.path.display()),
            )
        })
    };
    Ok(FontSet {
        regular: take(FontStyle::Regular)?,
        bold: take(FontStyle::Bold)?,
        italic: take(FontStyle::Italic)?,
        bold_italic: take(FontStyle::BoldItalic)?,
        fallback: super::parse_bundled(FontStyle::Fallback),
        source: format!("{chosen} ({})", dir.display()),
        family: chosen,
    })
}

/// No family has all four styles: name what each one lacks.
fn incomplete(dir: &Path, families: &BTreeMap<String, BTreeMap<u8, Found>>) -> Error {
    let detail = if families.is_empty() {
        "không có tệp TTF/OTF nào đọc được".to_string()
    } else {
        families
            .iter()
            .map(|(f, s)| {
                let missing: Vec<&str> = LABELS
                    .iter()
                    .filter(|(st, _)| !s.contains_key(&(*st as u8)))
                    .map(|(_, l)| *l)
                    .collect();
                format!("\"{f}\" thiếu {}", missing.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    Error::new(
        Code::Font,
        format!(
            "thư mục phông chữ {} không có họ phông nào đủ 4 kiểu (thường, đậm, nghiêng, đậm nghiêng): {detail}",
            dir.display()
        ),
    )
}

/// Every Vietnamese letter must be in the face, or the page would print "UBND T NH H".
fn check_vietnamese(f: &Found) -> Result<(), Error> {
    let face = ttf_parser::Face::parse(&f.data, 0)
        .map_err(|e| Error::new(Code::Font, format!("{}: {e}", f.path.display())))?;
    let missing: String = VIETNAMESE
        .chars()
        .filter(|c| face.glyph_index(*c).is_none())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let label = LABELS
        .iter()
        .find(|(s, _)| *s == f.style)
        .map_or("", |l| l.1);
    Err(Error::new(
        Code::Font,
        format!(
            "phông \"{}\" ({label}, {}) không có đủ chữ tiếng Việt: thiếu {}",
            f.family,
            f.path.display(),
            missing.chars().take(12).collect::<String>()
        ),
    ))
}
