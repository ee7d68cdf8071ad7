//! Unit tests of `data::table` (kept apart so the module stays under 800 lines).

use super::*;

#[test]
fn groups_subtotals_total_and_changes() {
    let yaml = r#"
id: t
cong_nhom: Cộng
dong_tong: Tổng cộng
cot:
  - {ten: STT, loai: stt}
  - {id: ten, ten: Tên}
  - {id: a, ten: A, loai: so}
  - {id: b, ten: B, loai: so}
  - {id: r, ten: Tỷ lệ, loai: ty_le, cong_thuc: b / a}
  - {ten: Tăng/giảm, thay_doi: b}
dong:
  - nhom: Sở Một
  - [Việc một, 10, 5]
  - [Việc hai, ~, ~]
  - nhom: Sở Hai
  - [Việc ba, 0, 0]
"#;
    let prev_yaml = yaml.replace("[Việc một, 10, 5]", "[Việc một, 10, 8]");
    let mut errs = Diagnostics::new();
    let p: TableSpec = crate::load::parse_yaml(&prev_yaml).unwrap();
    let (_, prev) = materialize(
        &crate::sources::FileSystem,
        &p,
        Path::new("."),
        Path::new("t.yaml"),
        "",
        None,
        &mut errs,
    );
    let t: TableSpec = crate::load::parse_yaml(yaml).unwrap();
    let mut m = BTreeMap::new();
    m.insert("t".to_string(), prev);
    let (t, data) = materialize(
        &crate::sources::FileSystem,
        &t,
        Path::new("."),
        Path::new("t.yaml"),
        "",
        Some(&m),
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:?}");
    let t = t.expect("a table without errors has a printed form");
    let text = |r: &RowSpec| match r {
        RowSpec::Data(c) | RowSpec::Total(c) => c
            .iter()
            .map(|c| match &c.value {
                CellValue::Number(x) => format::number(*x, None),
                CellValue::Text(s) => s.clone(),
                CellValue::Blank => "~".into(),
                CellValue::Paragraphs(p) => p.join("/"),
                CellValue::Merged(v, m) => format!("{:?}[{}x{}]", v.value, m.rows, m.cols),
                CellValue::Covered => "^".into(),
            })
            .collect::<Vec<_>>()
            .join("|"),
        RowSpec::Group(g) => format!("# {}", g.title),
    };
    let rows: Vec<String> = t.rows.iter().map(|r| text(&r.value)).collect();
    assert_eq!(
        rows,
        [
            "# Sở Một",
            "Việc một|10|5|50|-3",
            "Việc hai|~|~|~|~",
            "Cộng|10|5|50|-3",
            "# Sở Hai",
            "Việc ba|0|0|~|0",
            "Cộng|0|0|~|0",
            "Tổng cộng|10|5|50|-3",
        ]
    );
    assert_eq!(data.row(None).unwrap()[2], CellValue::Number(10.0));
    // Computed columns became plain ones; the change column is text.
    assert!(t.columns.iter().all(|c| !c.value.is_computed()));
    assert!(t.columns[5].value.kind.is_none());
}

fn table(yaml: &str) -> TableSpec {
    crate::load::parse_yaml(yaml).unwrap()
}

const REPEATED: &str = r#"
id: t
cot:
  - {id: tt, ten: Tình trạng}
  - {id: so, ten: Số, loai: so}
dong:
  - [Hoàn thành, 4]
  - [Hoàn thành, 3]
  - [Đang thực hiện, 2]
"#;

#[test]
fn repeated_keys_are_fine_where_nothing_is_matched() {
    let mut errs = Diagnostics::new();
    let (_, data) = materialize(
        &crate::sources::FileSystem,
        &table(REPEATED),
        Path::new("."),
        Path::new("t.yaml"),
        "",
        None,
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:?}");
    assert!(matches!(data.lookup(Some("Hoàn thành")), Lookup::Repeated(ref at) if at.len() == 2));
    assert_eq!(
        data.row(Some("Đang thực hiện")).unwrap()[1],
        CellValue::Number(2.0)
    );
}

#[test]
fn repeated_keys_are_errors_where_rows_are_matched() {
    // This table is matched against the previous report: its keys must be unique.
    let with_change = REPEATED.replace(
        "  - {id: so, ten: Số, loai: so}\n",
        "  - {id: so, ten: Số, loai: so}\n  - {ten: Tăng/giảm, thay_doi: so}\n",
    );
    let mut errs = Diagnostics::new();
    materialize(
        &crate::sources::FileSystem,
        &table(&with_change),
        Path::new("."),
        Path::new("t.yaml"),
        "",
        None,
        &mut errs,
    );
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("dòng \"Hoàn thành\" bị trùng"),
        "{}",
        errs[0].message
    );
    assert_eq!(errs[0].pos.map(|p| p.line), Some(9));
    // The previous report's table may repeat keys unless a matched row is one of them.
    let mut errs = Diagnostics::new();
    let (_, prev) = materialize(
        &crate::sources::FileSystem,
        &table(REPEATED),
        Path::new("."),
        Path::new("truoc.yaml"),
        "",
        None,
        &mut errs,
    );
    let mut m = BTreeMap::new();
    m.insert("t".to_string(), prev);
    let now = with_change.replace("[Hoàn thành, 3]", "[Chưa thực hiện, 3]");
    materialize(
        &crate::sources::FileSystem,
        &table(&now),
        Path::new("."),
        Path::new("t.yaml"),
        "",
        Some(&m),
        &mut errs,
    );
    assert_eq!(errs.len(), 1, "{errs:?}");
    let msg = &errs[0].message;
    assert!(
        msg.contains("không so được dòng \"Hoàn thành\"")
            && msg.contains("truoc.yaml:7, truoc.yaml:8"),
        "{msg}"
    );
    assert_eq!(errs[0].file.as_deref(), Some(Path::new("t.yaml")));
    let mut errs = Diagnostics::new();
    let only_unique = now.replace("[Hoàn thành, 4]", "[Đã hủy, 4]");
    materialize(
        &crate::sources::FileSystem,
        &table(&only_unique),
        Path::new("."),
        Path::new("t.yaml"),
        "",
        Some(&m),
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:?}");
}
