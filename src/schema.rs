//! `vanban schema`: the JSON Schema (draft 2020-12) of a document file, for editors (the
//! YAML extension of VS Code reads it from a `# yaml-language-server: $schema=…` line).
//!
//! It is generated from the model types themselves ([`crate::model`], `schemars` derives
//! beside the serde ones), so a key added to the model is in the schema; the values read by
//! hand-written deserializers are described in [`crate::model::schema`], each next to the
//! deserializer's name. The descriptions and examples shown to the user are Vietnamese.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::model::{AnnexDocumentSpec, DocumentSpec};

/// The file name `vanban init` writes the schema under, beside the starter.
pub const FILE_NAME: &str = "vanban.schema.json";

/// The first line that points an editor at the schema in `path`.
pub fn modeline(path: &str) -> String {
    format!("# yaml-language-server: $schema={path}")
}

/// The document schema as `vanban schema` prints it (pretty JSON, a final newline).
pub fn document() -> String {
    let generator = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let schema = generator.into_root_schema_for::<DocumentFile>();
    let mut value = schema.to_value();
    widen_texts(&mut value);
    let mut text = serde_json::to_string_pretty(&value).expect("a schema is JSON");
    text.push('\n');
    text
}

/// serde-saphyr reads any plain scalar into a `String` (`ten: 2025` is the text "2025"), so
/// a plain text field takes numbers and `true`/`false` too. Texts with a pattern, a list of
/// words or the [`crate::model::schema::STRICT`] mark keep their own schema.
fn widen_texts(v: &mut Value) {
    match v {
        Value::Object(obj) => {
            let strict = obj.remove(crate::model::schema::STRICT).is_some();
            let plain = !strict
                && ["pattern", "enum", "const", "format"]
                    .iter()
                    .all(|k| !obj.contains_key(*k));
            if let Some(t) = obj.get_mut("type").filter(|_| plain) {
                if t == "string" {
                    *t = serde_json::json!(["string", "number", "boolean"]);
                } else if *t == serde_json::json!(["string", "null"]) {
                    *t = serde_json::json!(["string", "number", "boolean", "null"]);
                }
            }
            for (k, child) in obj.iter_mut() {
                if !matches!(k.as_str(), "examples" | "default" | "enum" | "const") {
                    widen_texts(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(widen_texts),
        _ => {}
    }
}

/// A document file: a `loai: phu-luc` one ([`AnnexDocumentSpec`], as `load::standalone`
/// reads it) or any other ([`DocumentSpec`]).
struct DocumentFile;

impl JsonSchema for DocumentFile {
    fn schema_name() -> Cow<'static, str> {
        "vanban".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let annexes = g.subschema_for::<AnnexDocumentSpec>();
        let document = g.subschema_for::<DocumentSpec>();
        json_schema!({
            "title": "Văn bản vanban (YAML)",
            "description": "Tệp YAML mô tả một văn bản hành chính theo Nghị định 30/2020/NĐ-CP, để vanban xuất ra DOCX và PDF. Tạo lại bằng lệnh: vanban schema",
            "if": {
                "type": "object",
                "properties": {"loai": {"type": "string", "pattern": format!("^\\s*{}\\s*$", crate::kinds::ANNEXES_ONLY)}},
                "required": ["loai"],
            },
            "then": annexes,
            "else": document,
        })
    }
}
