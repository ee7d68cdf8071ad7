//! The JSON Schema of each value the loader reads with a hand-written deserializer (for
//! `vanban schema`, [`crate::schema`]): each function names the deserializer it describes.
//! Plain `String` fields are widened there to take numbers too; the forms below that are
//! read through serde's buffered (untagged) path take no numbers, and are marked
//! [`strict_string`] so that the widening leaves them alone.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};
use std::borrow::Cow;

use crate::model::bounds::Bound;
use crate::model::{CellValue, Node, OneOrMany, ReferenceLine, RowSpec};

/// The marker `crate::schema` removes, keeping that string a string.
pub(crate) const STRICT: &str = "x-vanban-strict";

/// Not blank once spaces are trimmed (`crate::model::required`).
const NOT_BLANK: &str = "\\S";

/// A text read through serde's buffered path: a YAML string only, not a number.
pub fn strict_string() -> Schema {
    json_schema!({"type": "string", STRICT: true})
}

/// A text that must not be blank (`required::text`): any scalar serde-saphyr reads as text.
pub fn text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["string", "number", "boolean"], "pattern": NOT_BLANK})
}

/// An optional text that must not be blank when written (`required::optional_text`).
pub fn optional_text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["string", "number", "boolean", "null"], "pattern": NOT_BLANK})
}

/// A list of texts none of which is blank (`required::text_lists`).
pub fn text_list(g: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "array", "items": text(g)})
}

/// A list with at least one item (`required::lists`).
pub fn non_empty<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "array", "items": g.subschema_for::<T>(), "minItems": 1})
}

/// The signer's title (`required::chuc_vu`): one line or a list of lines, not all blank.
pub fn titles(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"anyOf": [
        {"type": "string", "pattern": NOT_BLANK},
        {"type": "array", "items": strict_string(), "contains": {"type": "string", "pattern": NOT_BLANK}},
    ]})
}

/// How a bounded setting is read (`bounds::settings!`).
#[derive(Clone, Copy)]
pub enum Reading {
    /// Optional: `~` leaves it unset.
    Optional,
    /// Required once the key is written: `~` is an error.
    Required,
}

/// A number in `b`'s range (`bounds::read`): a YAML number, or the number written as text
/// (read with the same grammar; the range of a text is checked by the loader only).
pub fn bounded(b: &Bound, reading: Reading) -> Schema {
    let number = json!({
        "type": if b.integer { "integer" } else { "number" },
        "minimum": b.min,
        "maximum": b.max,
    });
    let as_text = json!({
        "type": "string",
        "pattern": "^\\s*[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|[0-9_]+\\.?[0-9_]*([eE][+-]?[0-9_]+)?|\\.[0-9_]+([eE][+-]?[0-9_]+)?)\\s*$",
    });
    let mut any = vec![number, as_text];
    if let Reading::Optional = reading {
        any.push(json!({"type": "null"}));
    }
    json_schema!({"anyOf": any})
}

/// One word of a closed list (`choice::read`), or `~`.
pub fn words(words: &[&str]) -> Schema {
    json_schema!({"anyOf": [{"type": "string", "enum": words}, {"type": "null"}]})
}

/// `dong_nhom.danh_so` (`choice::group_labels`): one word, or a list of one or two.
pub fn word_levels(words: &[&str]) -> Schema {
    json_schema!({"anyOf": [
        {"type": "string", "enum": words},
        {"type": "array", "items": {"type": "string", "enum": words}, "minItems": 1, "maxItems": 2},
        {"type": "null"},
    ]})
}

/// An annex's `so` (`annex::annex_number`): a whole number or a non-blank text; `~` unsets.
pub fn annex_number(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": NOT_BLANK},
        {"type": "null"},
    ]})
}

/// A cell that is not a merged one (the `gia_tri` of a merged cell).
pub fn plain_cell(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"anyOf": [
        {"type": ["string", "number", "boolean", "null"]},
        {"type": "array", "items": {"type": ["string", "number", "boolean"]}},
    ]})
}

/// An object schema `$ref` with "exactly one of these keys, not null" beside it.
fn one_key_of(reference: Schema, keys: &[(&str, Value)]) -> Schema {
    let branches: Vec<Value> = keys
        .iter()
        .map(|(k, extra)| {
            let mut props = serde_json::Map::new();
            props.insert((*k).to_string(), json!({"not": {"type": "null"}}));
            if let Value::Object(more) = extra {
                props.extend(more.clone());
            }
            json!({"required": [k], "properties": props})
        })
        .collect();
    let mut s = reference;
    s.insert("oneOf".into(), Value::Array(branches));
    s
}

impl JsonSchema for Node {
    fn schema_name() -> Cow<'static, str> {
        "Node".into()
    }

    /// `body::NodeVisitor`: a paragraph (text or number), or a map with exactly one kind key;
    /// the kinds without content refuse a non-empty `noi_dung`.
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let childless = json!({"noi_dung": {"maxItems": 0}});
        let none = json!({});
        let map = one_key_of(
            g.subschema_for::<crate::model::body::NodeMap>(),
            &[
                ("muc", none.clone()),
                ("y", none.clone()),
                ("phan", none.clone()),
                ("dieu", none.clone()),
                ("gach", childless.clone()),
                ("bang", childless.clone()),
                ("doan", childless.clone()),
                ("ngat_trang", none),
                ("cau_nhiem_vu", childless),
            ],
        );
        json_schema!({
            "description": "Một phần tử của nội dung: một đoạn văn (chuỗi), hoặc một khối có đúng một trong các khóa muc, y, phan, dieu, gach, bang, doan, ngat_trang, cau_nhiem_vu.",
            "anyOf": [{"type": ["string", "number"]}, map],
        })
    }
}

impl JsonSchema for CellValue {
    fn schema_name() -> Cow<'static, str> {
        "CellValue".into()
    }

    /// `table::CellValue`'s visitor: text, number, yes/no, blank, a list of paragraphs, or a
    /// merged cell.
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let plain = plain_cell(g);
        let merged = g.subschema_for::<crate::model::table::MergedMap>();
        json_schema!({
            "description": "Một ô của bảng: chữ, số, ~ (để trống, khác với 0), danh sách đoạn, hoặc ô gộp {gia_tri, gop_dong, gop_cot}.",
            "anyOf": [plain, merged],
        })
    }
}

impl JsonSchema for RowSpec {
    fn schema_name() -> Cow<'static, str> {
        "RowSpec".into()
    }

    /// `table::RowSpec`'s visitor: a list of cells, or a group row (`nhom`) or a total row
    /// (`tong`, without `cap`).
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let cells = json!({"type": "array", "items": g.subschema_for::<CellValue>()});
        let map = one_key_of(
            g.subschema_for::<crate::model::table::RowMap>(),
            &[
                ("nhom", json!({"tong": {"type": "null"}})),
                (
                    "tong",
                    json!({"nhom": {"type": "null"}, "cap": {"type": "null"}}),
                ),
            ],
        );
        json_schema!({
            "description": "Một dòng của bảng: danh sách ô [..], hoặc dòng nhóm {nhom: …}, hoặc dòng tổng {tong: [..]}.",
            "anyOf": [cells, map],
        })
    }
}

impl JsonSchema for ReferenceLine {
    fn schema_name() -> Cow<'static, str> {
        "ReferenceLine".into()
    }

    fn inline_schema() -> bool {
        true
    }

    /// `annex::ReferenceLine`'s visitor: `true`, `false`, or a non-blank text.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": NOT_BLANK}]})
    }
}

impl JsonSchema for OneOrMany {
    fn schema_name() -> Cow<'static, str> {
        "OneOrMany".into()
    }

    fn inline_schema() -> bool {
        true
    }

    /// Untagged: a string, or a list of strings (buffered, so no numbers).
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"anyOf": [strict_string(), {"type": "array", "items": strict_string()}]})
    }
}

impl JsonSchema for crate::model::tasks::DeadlineInput {
    fn schema_name() -> Cow<'static, str> {
        "DeadlineInput".into()
    }

    fn inline_schema() -> bool {
        true
    }

    /// Untagged: a date as text, or `{tu_do: …}` (free text printed as written).
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"anyOf": [
            strict_string(),
            {
                "type": "object",
                "properties": {"tu_do": {
                    "allOf": [strict_string()],
                    "description": "Hạn ghi tự do, in đúng như viết.",
                    "examples": ["Hằng quý"],
                }},
                "required": ["tu_do"],
                "additionalProperties": false,
            },
        ]})
    }
}

/// A name, or a map (`inspection::UnitSpec`, `Visit`, `task_table::TaskTableSpec`).
pub fn name_or<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    json_schema!({"anyOf": [strict_string(), g.subschema_for::<T>()]})
}

impl JsonSchema for crate::model::inspection::UnitSpec {
    fn schema_name() -> Cow<'static, str> {
        "UnitSpec".into()
    }

    /// A unit's name, or `{ten, loai}`.
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let mut s = name_or::<crate::model::inspection::UnitMap>(g);
        s.insert(
            "description".into(),
            "Một đơn vị: tên, hoặc {ten, loai}.".into(),
        );
        s
    }
}

impl JsonSchema for crate::model::inspection::Visit {
    fn schema_name() -> Cow<'static, str> {
        "Visit".into()
    }

    /// A unit's name, or `{ten, ngay, thong_bao}`.
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let mut s = name_or::<crate::model::inspection::VisitMap>(g);
        s.insert(
            "description".into(),
            "Một đơn vị đoàn kiểm tra: tên, hoặc {ten, ngay, thong_bao}.".into(),
        );
        s
    }
}

impl JsonSchema for crate::model::TaskTableSpec {
    fn schema_name() -> Cow<'static, str> {
        "TaskTableSpec".into()
    }

    /// A preset's name, or `{mau, cot}` with at least one column.
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let mut s = name_or::<crate::model::task_table::TableMap>(g);
        s.insert(
            "description".into(),
            "Bảng nhiệm vụ: tên mẫu (ke_hoach, theo_doi, tinh_trang, tong_hop), hoặc {mau, cot}."
                .into(),
        );
        s
    }
}

/// `cau_nhiem_vu` (`body::NodeVisitor`): one of [`crate::model::tasks::SENTENCES`], or `~`.
pub fn sentences(_: &mut SchemaGenerator) -> Schema {
    words(
        &crate::model::tasks::SENTENCES
            .iter()
            .map(|(k, _)| *k)
            .collect::<Vec<_>>(),
    )
}

/// Add `keys` to the `required` list of an object schema (for the keys the check stage
/// requires, which serde reads with a default so that every missing one is reported), and
/// drop the placeholder default serde gives them.
pub fn require(schema: &mut Schema, keys: &[&str]) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        for k in keys {
            if let Some(Value::Object(p)) = props.get_mut(*k) {
                p.remove("default");
            }
        }
    }
    let required = obj
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = required {
        for k in keys {
            if !list.iter().any(|v| v == k) {
                list.push(Value::from(*k));
            }
        }
    }
}

/// Require at least one of `keys`, written with a value (not `~`, not an empty list).
pub fn require_one_of(schema: &mut Schema, keys: &[&str]) {
    let branches: Vec<Value> = keys
        .iter()
        .map(|k| {
            serde_json::json!({
                "required": [k],
                "properties": {*k: {"not": {"type": "null"}, "minItems": 1}},
            })
        })
        .collect();
    schema.insert("anyOf".into(), Value::Array(branches));
}
