//! `vanban schema`: the committed schema is the generated one; every example and starter
//! validates against it (Python's `jsonschema`, Draft 2020-12); unknown keys, wrong types and
//! missing required keys are refused by the schema as by the loader; a `loai: phu-luc`
//! document without the header keys is accepted; every key has a Vietnamese description and
//! examples that fit it; `vanban init` writes the schema beside its starter.

use crate::common;

use common::*;
use serde_json::{Value, json};
use std::path::PathBuf;

const COMMITTED: &str = "schema/vanban.schema.json";
const MODELINE: &str = "# yaml-language-server: $schema=../../schema/vanban.schema.json";

/// Validates documents (JSON files) against a schema; prints one line per document: its
/// name, then "OK" or each error.
const VALIDATE: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if not errors:
        print(path, "OK")
    for e in errors:
        print(path, "ERROR", "/".join(map(str, e.absolute_path)), e.message[:300])
"#;

/// Checks each property's examples against the property's own schema.
const EXAMPLES: &str = r##"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
bad = 0
for name, d in schema["$defs"].items():
    for key, prop in d.get("properties", {}).items():
        sub = {"$schema": schema["$schema"], "$defs": schema["$defs"],
               "$ref": "#/$defs/%s/properties/%s" % (name, key)}
        v = Draft202012Validator(sub)
        for ex in prop.get("examples", []):
            for e in v.iter_errors(ex):
                bad += 1
                print("EXAMPLE", name, key, json.dumps(ex, ensure_ascii=False), e.message[:200])
print("checked", bad)
"##;

fn has_jsonschema() -> bool {
    crate::common::needs_python("jsonschema", "jsonschema")
}

/// The schema as `vanban schema` prints it.
fn generated() -> String {
    let (code, out, err) = vanban(&["schema"], &root());
    assert_eq!(code, 0, "{err}");
    out
}

fn yaml_to_json(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).expect("the YAML reads")
}

/// Document files of the repository: the examples (not the tasks files) and the starters.
fn documents() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["data/examples", "templates/init"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            if name.ends_with(".yaml") && !name.starts_with("nhiem-vu") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 40, "{files:?}");
    files
}

/// Validate `docs` (name, document) against the schema text; the errors of each, by name.
fn validate(schema: &str, docs: &[(&str, Value)]) -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let schema_path = dir.path().join("schema.json");
    std::fs::write(&schema_path, schema).unwrap();
    let mut args = vec![
        "-c".to_string(),
        VALIDATE.to_string(),
        schema_path.display().to_string(),
    ];
    for (i, (_, doc)) in docs.iter().enumerate() {
        let p = dir.path().join(format!("{i}.json"));
        std::fs::write(&p, serde_json::to_string(doc).unwrap()).unwrap();
        args.push(p.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = tool("python3", &args);
    docs.iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let p = dir.path().join(format!("{i}.json")).display().to_string();
            let errors: Vec<String> = out
                .lines()
                .filter_map(|l| l.strip_prefix(&format!("{p} ")))
                .filter(|l| *l != "OK")
                .map(str::to_string)
                .collect();
            (name.to_string(), errors)
        })
        .collect()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(root().join(COMMITTED)).unwrap_or_default();
    assert!(
        committed == generated(),
        "{COMMITTED} is not what `vanban schema` prints: regenerate it with\n    \
         cargo run --release -- schema -o {COMMITTED}\nand commit it"
    );
    assert_eq!(committed, vanban::schema::document());
    let v: Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(
        v["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "draft 2020-12"
    );
}

#[test]
fn every_example_and_starter_validates_and_points_at_the_schema() {
    let files = documents();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert_eq!(text.lines().next(), Some(MODELINE), "{}", f.display());
    }
    // The tasks files are another format: no document schema on them.
    for e in std::fs::read_dir(root().join("data/examples")).unwrap() {
        let p = e.unwrap().path();
        let is_yaml = p.extension().is_some_and(|x| x == "yaml");
        if is_yaml
            && p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("nhiem-vu")
        {
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(!text.contains("yaml-language-server"), "{}", p.display());
        }
    }
    if !has_jsonschema() {
        return;
    }
    let docs: Vec<(String, Value)> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            (f.display().to_string(), yaml_to_json(&text))
        })
        .collect();
    let docs: Vec<(&str, Value)> = docs.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    let failed: Vec<_> = validate(&generated(), &docs)
        .into_iter()
        .filter(|(_, e)| !e.is_empty())
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

/// A small valid document, and what each change does to it.
fn base() -> Value {
    let text = std::fs::read_to_string(root().join("data/examples/cong-van.yaml")).unwrap();
    yaml_to_json(&text)
}

fn changed(f: impl FnOnce(&mut Value)) -> Value {
    let mut v = base();
    f(&mut v);
    v
}

/// Whether the loader accepts `doc` (JSON is YAML), in a folder of its own.
fn loader_accepts(doc: &Value) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("vb.yaml"),
        serde_json::to_string_pretty(doc).unwrap(),
    )
    .unwrap();
    let (code, _, err) = vanban(&["validate", "vb.yaml"], dir.path());
    (code == 0, err)
}

#[test]
fn unknown_keys_wrong_types_and_missing_keys_are_refused_like_the_loader_does() {
    if !has_jsonschema() {
        return;
    }
    let annex = json!({"tieu_de": "Danh mục", "bang": {"cot": [{"ten": "A"}], "dong": [["x"]]}});
    let cases: Vec<(&str, Value)> = vec![
        ("khóa lạ ở đầu tệp", changed(|v| v["khoa_la"] = json!(1))),
        (
            "khóa lạ trong chu_ky",
            changed(|v| v["chu_ky"]["chuc_danh"] = json!("A")),
        ),
        (
            "khóa lạ trong một phụ lục",
            changed(|v| {
                let mut a = annex.clone();
                a["tieu_de_phu"] = json!("x");
                v["phu_luc"] = json!([a]);
            }),
        ),
        (
            "khóa lạ trong một cột",
            changed(|v| {
                let mut a = annex.clone();
                a["bang"]["cot"][0]["do_rong"] = json!(3);
                v["phu_luc"] = json!([a]);
            }),
        ),
        (
            "khóa lạ trong một mục",
            changed(|v| v["noi_dung"] = json!([{"muc": "A", "tieu_de": "B"}])),
        ),
        (
            "chu_ky là chuỗi",
            changed(|v| v["chu_ky"] = json!("Nguyễn Văn A")),
        ),
        (
            "kinh_gui là khối",
            changed(|v| v["kinh_gui"] = json!({"a": 1})),
        ),
        (
            "co_chu ngoài khoảng",
            changed(|v| v["trinh_bay"] = json!({"co_chu": 20})),
        ),
        (
            "dam không phải true/false",
            changed(|v| v["noi_dung"] = json!([{"doan": "A", "dam": [1]}])),
        ),
        (
            "căn lề lạ",
            changed(|v| v["noi_dung"] = json!([{"doan": "A", "can": "giữa trang"}])),
        ),
        (
            "mục có hai loại",
            changed(|v| v["noi_dung"] = json!([{"muc": "A", "y": "B"}])),
        ),
        (
            "bảng không có cột",
            changed(|v| v["noi_dung"] = json!([{"bang": {"cot": []}}])),
        ),
        (
            "thiếu co_quan_ban_hanh",
            changed(|v| {
                v.as_object_mut().unwrap().remove("co_quan_ban_hanh");
            }),
        ),
        (
            "thiếu ho_ten",
            changed(|v| {
                v["chu_ky"].as_object_mut().unwrap().remove("ho_ten");
            }),
        ),
        (
            "phu-luc có khóa lạ",
            json!({"loai": "phu-luc", "tieu_de": "A", "chu_ky": {"chuc_vu": "A", "ho_ten": "B"}}),
        ),
    ];
    let results = validate(&generated(), &cases);
    for ((name, doc), (_, errors)) in cases.iter().zip(&results) {
        assert!(!errors.is_empty(), "the schema accepts: {name}: {doc}");
        let (ok, _) = loader_accepts(doc);
        assert!(!ok, "the loader accepts: {name}: {doc}");
    }
    // Valid documents stay valid: a phu-luc document has none of the header keys, text keys
    // take numbers as serde-saphyr reads them as text, and numbers may be quoted.
    let valid: Vec<(&str, Value)> = vec![
        ("ví dụ", base()),
        (
            "phụ lục gửi riêng",
            json!({"loai": "phu-luc", "tieu_de": "Danh mục", "so": "01", "huong": "ngang",
                   "bang": {"cot": [{"ten": "STT", "loai": "stt"}, {"ten": "Tên"}], "dong": [["A"]]}}),
        ),
        (
            "phụ lục gửi riêng chỉ có phu_luc",
            json!({"loai": "phu-luc", "phu_luc": [annex.clone()]}),
        ),
        (
            "số viết trong ngoặc, chữ là số",
            changed(|v| {
                v["so"] = json!("12");
                v["dia_danh"] = json!(2025);
                v["trinh_bay"] = json!({"co_chu": "13.5", "le_trai": 30});
            }),
        ),
        (
            "ô gộp, dòng nhóm, dòng tổng",
            changed(|v| {
                v["phu_luc"] = json!([{"tieu_de": "A", "dong_kem_theo": false, "bang": {
                    "cot": [{"ten": "A"}, {"ten": "B", "loai": "so"}],
                    "dong": [{"nhom": "N"}, [{"gia_tri": "x", "gop_dong": 2}, 1], [2],
                             {"tong": ["Cộng", 3]}]}}]);
            }),
        ),
    ];
    for ((name, doc), (_, errors)) in valid.iter().zip(validate(&generated(), &valid)) {
        assert!(errors.is_empty(), "the schema refuses {name}: {errors:#?}");
        let (ok, err) = loader_accepts(doc);
        assert!(ok, "the loader refuses {name}: {err}");
    }
}

#[test]
fn required_keys_are_those_the_loader_requires() {
    let schema: Value = serde_json::from_str(&generated()).unwrap();
    let required: Vec<&str> = schema["$defs"]["DocumentSpec"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let doc = base();
    for key in doc.as_object().unwrap().keys() {
        let mut v = doc.clone();
        v.as_object_mut().unwrap().remove(key);
        let (ok, err) = loader_accepts(&v);
        assert_eq!(
            !ok,
            required.contains(&key.as_str()),
            "without {key}: the loader says {err:?}; the schema requires {required:?}"
        );
    }
    for key in &required {
        assert!(doc.get(*key).is_some(), "the example lacks {key}");
    }
}

#[test]
fn every_key_has_a_vietnamese_description_and_fitting_examples() {
    let schema: Value = serde_json::from_str(&generated()).unwrap();
    let mut missing = Vec::new();
    for (name, def) in schema["$defs"].as_object().unwrap() {
        let vietnamese = |v: &Value| v.as_str().is_some_and(|s| !s.is_ascii());
        if !vietnamese(&def["description"]) {
            missing.push(format!("{name}: description"));
        }
        for (key, prop) in def["properties"].as_object().into_iter().flatten() {
            if !vietnamese(&prop["description"]) {
                missing.push(format!("{name}.{key}: description"));
            }
            if prop["examples"].as_array().is_none_or(Vec::is_empty) {
                missing.push(format!("{name}.{key}: examples"));
            }
        }
        // Every object refuses keys it does not know, as the loader does.
        if def.get("properties").is_some() {
            assert_eq!(def["additionalProperties"], false, "{name}");
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
    if !has_jsonschema() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("schema.json");
    std::fs::write(&p, generated()).unwrap();
    let out = tool("python3", &["-c", EXAMPLES, p.to_str().unwrap()]);
    assert!(out.trim_end().ends_with("checked 0"), "{out}");
}

#[test]
fn init_writes_the_schema_beside_the_starter_and_keeps_an_identical_one() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = vanban(&["init", "cong-van"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("đã ghi ./vanban.schema.json"), "{out}");
    let starter = std::fs::read_to_string(dir.path().join("cong-van.yaml")).unwrap();
    assert_eq!(
        starter.lines().next(),
        Some("# yaml-language-server: $schema=vanban.schema.json")
    );
    let schema = std::fs::read_to_string(dir.path().join("vanban.schema.json")).unwrap();
    assert_eq!(schema, generated());
    // A second starter in the same folder shares the schema.
    let (code, out, err) = vanban(&["init", "to-trinh"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("đã có ./vanban.schema.json"), "{out}");
    // A different file of that name is never overwritten; nothing is written then.
    std::fs::write(dir.path().join("vanban.schema.json"), "{}").unwrap();
    let (code, _, err) = vanban(&["init", "giay-moi"], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("không ghi đè"), "{err}");
    assert!(!dir.path().join("giay-moi.yaml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("vanban.schema.json")).unwrap(),
        "{}"
    );
    // The report starter (the example itself) points beside it too.
    let (code, _, err) = vanban(&["init", "bao-cao"], dir.path());
    assert_eq!(code, 1, "{err}");
    let other = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(&["init", "bao-cao"], other.path());
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(other.path().join("bao-cao.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=vanban.schema.json\n"));
    let (code, _, err) = vanban(&["validate", "bao-cao.yaml"], other.path());
    assert_eq!(code, 0, "{err}");
}
