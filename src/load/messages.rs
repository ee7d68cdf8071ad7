//! serde-saphyr's errors in Vietnamese. Each error is matched by its kind, never by its
//! English text, and every kind gets a message that says what was expected: no library
//! wording reaches the user.

use serde_saphyr::Error as YamlError;

use crate::error::{Code, Error};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind as Scan;
use serde_saphyr::localizer::ExternalMessageSource;

/// The structural nesting the YAML may have (mappings and lists together). A body outline
/// uses two levels per heading level, so this allows about 30 nested headings.
pub const MAX_DEPTH: usize = 64;

/// The diagnostic (code, message and hints; the caller adds the place) for a parse or shape
/// error.
pub fn describe(e: &YamlError) -> Error {
    use Code::*;
    let (code, msg) = match e {
        YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => {
            return describe(error);
        }
        YamlError::Message { msg, .. } | YamlError::HookError { msg, .. } => return translate(msg),
        YamlError::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => return scan_kind(scan.kind()),
            _ => (YamlSyntax, "dữ liệu YAML không hợp lệ".into()),
        },
        YamlError::Eof { .. } => (
            YamlSyntax,
            "tệp kết thúc khi dữ liệu chưa đủ: còn một ngoặc, dấu nháy hoặc giá trị chưa viết xong"
                .into(),
        ),
        YamlError::MultipleDocuments { .. } => (
            YamlSyntax,
            "tệp chứa nhiều tài liệu YAML (ngăn cách bằng dòng \"---\"); mỗi tệp chỉ chứa một văn bản"
                .into(),
        ),
        YamlError::Unexpected { expected, .. } => {
            (WrongType, format!("sai kiểu dữ liệu: cần {}", shape(expected)))
        }
        YamlError::DuplicateMappingKey { key, .. } => (
            Duplicate,
            match key {
                Some(k) => format!(
                    "khóa \"{k}\" bị lặp: trong cùng một khối, mỗi khóa chỉ được viết một lần"
                ),
                None => {
                    "một khóa bị lặp: trong cùng một khối, mỗi khóa chỉ được viết một lần".into()
                }
            },
        ),
        YamlError::InvalidScalar { ty, .. } => (
            WrongType,
            format!("giá trị không hợp lệ: cần {}", translate_type(ty)),
        ),
        YamlError::NonFiniteFloat { value, .. } => (
            BadNumber,
            format!("\"{value}\" không phải là một số hữu hạn; cần một số"),
        ),
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            WrongType,
            format!(
                "sai kiểu dữ liệu: gặp {}, cần {}",
                translate_type(unexpected),
                translate_type(expected)
            ),
        ),
        YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            WrongType,
            format!(
                "giá trị không hợp lệ: {}, cần {}",
                translate_type(unexpected),
                translate_type(expected)
            ),
        ),
        YamlError::SerdeInvalidLength { len, expected, .. } => (
            WrongType,
            format!(
                "số phần tử không đúng: có {len}, cần {}",
                translate_type(expected)
            ),
        ),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => return unknown_variant(&format!("\"{variant}\""), variant, expected),
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => return unknown_field(field, expected),
        YamlError::SerdeMissingField { field, .. } => return missing_field(field),
        YamlError::NullIntoString { .. } => {
            (Empty, "giá trị đang để trống; cần một chuỗi".into())
        }
        YamlError::InvalidBooleanStrict { .. } => (WrongType, "cần true hoặc false".into()),
        YamlError::UnknownAnchor { .. } => (
            YamlSyntax,
            "bí danh (*tên) trỏ tới một neo (&tên) chưa được khai báo ở phía trên".into(),
        ),
        YamlError::InvalidUtf8Input => (
            Encoding,
            "tệp không phải văn bản UTF-8 (hãy lưu tệp YAML với bảng mã UTF-8)".into(),
        ),
        YamlError::IndentationError { .. } => (
            YamlSyntax,
            "thụt đầu dòng không đúng: các khóa cùng cấp phải thẳng cột với nhau".into(),
        ),
        YamlError::QuotingRequired { value, .. } => (
            YamlSyntax,
            format!("giá trị \"{value}\" cần được đặt trong dấu ngoặc kép"),
        ),
        YamlError::Budget { breach, .. } => (OutOfRange, budget(breach)),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => (
            OutOfRange,
            "dùng bí danh (*tên) quá nhiều lần: dữ liệu mở rộng quá lớn".into(),
        ),
        YamlError::MergeValueNotMapOrSeqOfMaps { .. } => (
            WrongType,
            "giá trị của khóa gộp \"<<\" phải là một bảng khóa hoặc danh sách bảng khóa".into(),
        ),
        YamlError::UnsupportedTag { tag, .. } | YamlError::TaggedStructFieldName { tag, .. } => (
            YamlSyntax,
            format!("nhãn kiểu \"{tag}\" không được hỗ trợ; hãy bỏ nhãn"),
        ),
        _ => (YamlSyntax, "dữ liệu YAML không hợp lệ ở đây".into()),
    };
    Error::new(code, msg)
}

/// Whether the error is about a tab, which the caller points at exactly.
pub fn is_tab_error(e: &YamlError) -> bool {
    match e {
        YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => {
            is_tab_error(error)
        }
        YamlError::ExternalMessage { source, .. } => matches!(
            source.as_ref(),
            ExternalMessageSource::Parser(s) if matches!(
                s.kind(),
                Scan::TabNotAllowed
                    | Scan::TabInBlockIndentation
                    | Scan::TabInIndentation
                    | Scan::TabAtBlockScalarStart
                    | Scan::TabInPlainScalar
            )
        ),
        _ => false,
    }
}

fn budget(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { .. } => format!(
            "dữ liệu lồng nhau quá sâu: quá {MAX_DEPTH} cấp danh sách và khóa lồng trong nhau \
             (khoảng 30 cấp mục); hãy bớt số cấp"
        ),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
            "dùng quá nhiều neo (&tên) hoặc bí danh (*tên)".into()
        }
        _ => "tệp YAML quá lớn hoặc quá phức tạp để đọc".into(),
    }
}

/// What an "expected …" of the deserializer means for the user.
fn shape(expected: &str) -> String {
    let e = expected.to_ascii_lowercase();
    if e.contains("mapping") || e.contains("map") || e.contains("struct") {
        "một bảng khóa (các dòng \"khóa: giá trị\" hoặc {khóa: giá trị})".into()
    } else if e.contains("sequence") || e.contains("seq") {
        "một danh sách (các dòng \"- …\" hoặc [ … ])".into()
    } else if e.contains("scalar") || e.contains("string") {
        "một giá trị đơn (chữ hoặc số)".into()
    } else {
        "một giá trị khác".into()
    }
}

/// The parser's scan errors: YAML syntax, but for nesting too deep and bytes that are not
/// UTF-8.
fn scan_kind(kind: &Scan) -> Error {
    let code = match kind {
        Scan::RecursionLimitExceeded => Code::OutOfRange,
        Scan::InputDecoding { .. } => Code::Encoding,
        _ => Code::YamlSyntax,
    };
    Error::new(code, scan_message(kind))
}

fn scan_message(kind: &Scan) -> String {
    let msg = match kind {
        Scan::TabNotAllowed
        | Scan::TabInBlockIndentation
        | Scan::TabInIndentation
        | Scan::TabAtBlockScalarStart
        | Scan::TabInPlainScalar => "không được dùng ký tự tab để thụt đầu dòng; hãy dùng dấu cách",
        Scan::UnclosedQuotedScalar => {
            "chuỗi mở bằng dấu ngoặc kép (\") hoặc nháy đơn (') chưa được đóng"
        }
        Scan::UnclosedFlowCollection { open } => {
            return format!("dấu ngoặc \"{open}\" chưa được đóng");
        }
        Scan::MismatchedFlowCollectionEnd { open, close } => {
            return format!("dấu ngoặc \"{open}\" lại được đóng bằng \"{close}\"");
        }
        Scan::MisplacedFlowCollectionEnd => "dấu ngoặc đóng thừa hoặc sai chỗ",
        Scan::MappingValueNotAllowed
        | Scan::InvalidColonPlacement
        | Scan::FlowMappingValueAdjacentCollection => {
            "dấu hai chấm (:) không được đặt ở đây; nếu đây là chữ, hãy đặt cả giá trị trong \
             dấu ngoặc kép"
        }
        Scan::InvalidMappingValueWhitespace => "sau dấu hai chấm (:) của một khóa cần một dấu cách",
        Scan::ExpectedBlockMappingKey
        | Scan::InvalidIndentation
        | Scan::InvalidQuotedScalarIndent
        | Scan::InvalidFlowScalarIndent
        | Scan::InvalidBlockScalarIndent
        | Scan::ExpectedBlockSequenceEntry
        | Scan::SimpleKeyExpected
        | Scan::InvalidSimpleKey => {
            "thụt đầu dòng không đúng: các khóa cùng cấp phải thẳng cột với nhau, và dòng \
             tiếp theo của một giá trị phải thụt vào sâu hơn khóa của nó"
        }
        Scan::ExpectedFlowMappingSeparator => "thiếu dấu phẩy (,) hoặc dấu ngoặc đóng }",
        Scan::ExpectedFlowSequenceSeparator => "thiếu dấu phẩy (,) hoặc dấu ngoặc đóng ]",
        Scan::UnexpectedEofFlowSequence | Scan::UnexpectedEofFlowMapping => {
            "tệp kết thúc khi dấu ngoặc còn chưa được đóng"
        }
        Scan::UnexpectedEof
        | Scan::UnexpectedEofBlockSequence
        | Scan::UnexpectedEofBlockMapping
        | Scan::UnexpectedEofImplicitFlowMapping => "tệp kết thúc khi dữ liệu chưa viết xong",
        Scan::UnknownQuotedScalarEscape
        | Scan::InvalidQuotedScalarHexEscape
        | Scan::InvalidLowSurrogateHexEscape
        | Scan::InvalidLowSurrogate
        | Scan::MissingLowSurrogate
        | Scan::UnpairedLowSurrogate
        | Scan::InvalidUnicodeEscape => {
            "trong dấu ngoặc kép, dấu \\ bắt đầu một mã thoát không hợp lệ; muốn viết dấu \\ \
             hãy gõ \\\\ hoặc dùng dấu nháy đơn (')"
        }
        Scan::UnexpectedCharacter { character } => {
            return format!(
                "ký tự \"{}\" (U+{:04X}) không được phép ở đây",
                character, *character as u32
            );
        }
        Scan::UnknownAnchor => {
            "bí danh (*tên) trỏ tới một neo (&tên) chưa được khai báo ở phía trên"
        }
        Scan::CommentNotSeparated => {
            "dấu # của chú thích phải cách phần đứng trước một dấu cách; nếu # là chữ, hãy \
             đặt giá trị trong dấu ngoặc kép"
        }
        Scan::CommentInterceptedScalar => {
            "một dòng chú thích (#) chen vào giữa một giá trị nhiều dòng"
        }
        Scan::BlockEntryInFlowCollection
        | Scan::BlockSequenceEntryNotAllowed
        | Scan::InvalidBlockEntryWhitespace
        | Scan::PlainScalarStartsWithDashFlowIndicator => {
            "gạch đầu dòng \"-\" không đúng chỗ: \"- \" mở một phần tử danh sách ở đầu dòng và \
             cần một dấu cách theo sau; nếu \"-\" là chữ, hãy đặt giá trị trong dấu ngoặc kép"
        }
        Scan::MappingKeyNotAllowed => "không được đặt một khóa ở đây",
        Scan::RecursionLimitExceeded => {
            return budget(&BudgetBreach::Depth { depth: MAX_DEPTH });
        }
        Scan::BomInsideDocument => "ký tự BOM (U+FEFF) nằm giữa tệp; hãy xóa nó",
        Scan::InvalidDocumentEnd | Scan::ExpectedDocumentStart => {
            "nội dung sau dòng kết thúc tài liệu (\"...\" hoặc \"---\") không hợp lệ"
        }
        Scan::MultipleDocumentsUnsupported => {
            "tệp chứa nhiều tài liệu YAML; mỗi tệp chỉ chứa một văn bản"
        }
        Scan::InputDecoding { .. } => "tệp không phải văn bản UTF-8",
        Scan::UndeclaredTagHandle
        | Scan::ExpectedTagBang
        | Scan::InvalidGlobalTagCharacter
        | Scan::InvalidTagTerminator
        | Scan::MissingTagUri
        | Scan::UnclosedVerbatimTag
        | Scan::InvalidTagEscape => {
            "dấu ! bắt đầu một nhãn kiểu YAML không hợp lệ; nếu ! là chữ, hãy đặt giá trị \
             trong dấu ngoặc kép"
        }
        Scan::MissingAnchorOrAliasName => {
            "sau dấu & hoặc * cần tên neo; nếu & hay * là chữ, hãy đặt giá trị trong dấu \
             ngoặc kép"
        }
        _ => "cú pháp YAML không hợp lệ ở đây",
    };
    msg.to_string()
}

fn unknown_field(field: &str, expected: &[&str]) -> Error {
    if expected.is_empty() {
        return Error::new(
            Code::UnknownKey,
            format!("khóa \"{field}\" không hợp lệ ở đây (không có khóa nào được phép)"),
        );
    }
    Error::new(
        Code::UnknownKey,
        format!(
            "khóa \"{field}\" không hợp lệ ở đây; {}các khóa hợp lệ: {}",
            suggestion(field, expected),
            expected.join(", ")
        ),
    )
}

/// An unknown word of a closed list (`shown` is how the message quotes it).
fn unknown_variant(shown: &str, word: &str, expected: &[&str]) -> Error {
    let e = Error::new(
        Code::UnknownValue,
        format!(
            "giá trị {shown} không hợp lệ; cần một trong: {}",
            expected.join(", ")
        ),
    );
    match crate::error::closest(word, expected) {
        Some(c) => e.hint(format!("có phải là \"{c}\"?")),
        None => e,
    }
}

/// "có phải là …? " when one of `candidates` is close to `word` (ignoring diacritics): put
/// ahead of the list of valid words, where it is read first.
fn suggestion(word: &str, candidates: &[&str]) -> String {
    match crate::error::closest(word, candidates) {
        Some(c) => format!("có phải là \"{c}\"? "),
        None => String::new(),
    }
}

fn missing_field(field: &str) -> Error {
    Error::new(
        Code::MissingKey,
        format!("thiếu khóa bắt buộc \"{field}\" trong khối dữ liệu bắt đầu tại đây"),
    )
}

/// Whether the error is a missing key (reported at the start of its block).
pub fn is_missing_field(e: &YamlError) -> bool {
    match e {
        YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => {
            is_missing_field(error)
        }
        YamlError::SerdeMissingField { .. } => true,
        YamlError::Message { msg, .. } => msg.starts_with("missing field "),
        _ => false,
    }
}

/// Messages that reach us as text: serde's own (from derived and untagged impls) in English,
/// and ours, already Vietnamese, which pass through unchanged.
fn translate(msg: &str) -> Error {
    if let Some(e) = Error::from_serde(msg) {
        return e;
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = match rest.split_once(", expected one of ") {
            Some((f, e)) => (f, e.replace('`', "")),
            None => match rest.split_once(", expected ") {
                Some((f, e)) => (f, e.replace('`', "")),
                None => (rest, String::new()),
            },
        };
        let expected: Vec<&str> = expected
            .split(", ")
            .filter(|s| !s.is_empty() && !s.contains("no fields"))
            .collect();
        return unknown_field(field.trim_matches('`'), &expected);
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return missing_field(rest.trim_matches('`'));
    }
    let wrong = |m: String| Error::new(Code::WrongType, m);
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return wrong(format!(
            "sai kiểu dữ liệu: gặp {}, cần {}",
            translate_type(got),
            translate_type(expected)
        ));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return wrong(format!(
            "giá trị không hợp lệ: {}, cần {}",
            translate_type(got),
            translate_type(expected)
        ));
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return wrong(format!(
            "số phần tử không đúng: có {got}, cần {}",
            translate_type(expected)
        ));
    }
    if msg.starts_with("data did not match any variant") {
        return wrong(
            "giá trị không đúng dạng: cần một chuỗi hoặc một danh sách chuỗi".to_string(),
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (variant, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches("one of ")
            .replace('`', "")
            .replace(" or ", ", ");
        let expected: Vec<&str> = expected.split(", ").filter(|s| !s.is_empty()).collect();
        return unknown_variant(
            &variant.replace('`', "\""),
            variant.trim_matches('`'),
            &expected,
        );
    }
    if msg.is_ascii() && !msg.is_empty() {
        // Some other library message: never shown in English.
        return wrong("dữ liệu không đúng dạng ở đây".to_string());
    }
    // Every message of ours carries its code (`Error::to_serde`); a bare one would be a
    // reader that forgot to.
    debug_assert!(false, "a loader message without its code: {msg}");
    wrong(msg.to_string())
}

/// serde's names of types and values ("a string", "integer `5`", "struct ChuKy").
pub fn translate_type(t: &str) -> String {
    let t = t.trim();
    let base = t.trim_start_matches("a ").trim_start_matches("an ");
    let vi = match base {
        "string" | "string scalar" | "str" => "một chuỗi",
        "sequence" | "seq" => "một danh sách",
        "map" | "mapping" | "struct" => "một bảng khóa (map)",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "một số nguyên"
        }
        "f32" | "f64" => "một số",
        "integer" => "một số nguyên",
        "floating point" => "một số",
        "boolean" | "bool" => "true hoặc false",
        "unit value" | "null" | "unit" => "giá trị rỗng",
        "char" => "một ký tự",
        _ => {
            if let Some(s) = base.strip_prefix("string ") {
                return format!("chuỗi {s}");
            }
            if let Some(s) = base.strip_prefix("integer ") {
                return format!("số {s}");
            }
            if let Some(s) = base.strip_prefix("floating point ") {
                return format!("số {s}");
            }
            if base.starts_with("struct ") || base.starts_with("tuple") {
                return "một bảng khóa (map)".to_string();
            }
            if base.starts_with("enum ") || base.starts_with("variant") {
                return "một giá trị trong danh sách cho phép".to_string();
            }
            if base.is_ascii() {
                return "một giá trị khác".to_string();
            }
            return base.to_string();
        }
    };
    vi.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_serde_text_messages() {
        let e = translate("missing field `so`");
        assert_eq!(e.code, Code::MissingKey);
        assert!(e.message.starts_with("thiếu khóa bắt buộc \"so\""));
        let e = translate("unknown field `trich_yue`, expected one of `so`, `trich_yeu`");
        assert_eq!(e.code, Code::UnknownKey);
        assert!(e.message.contains("\"trich_yue\""));
        // The suggestion leads, ahead of the list of valid keys.
        assert!(
            e.message
                .ends_with("; có phải là \"trich_yeu\"? các khóa hợp lệ: so, trich_yeu"),
            "{}",
            e.message
        );
        let e = translate("unknown variant `mta`, expected one of `mat`, `toi_mat`");
        assert_eq!((e.code, e.hints.len()), (Code::UnknownValue, 1));
        assert!(!translate("some other english text").message.is_ascii());
        let ours = Error::new(Code::Empty, "đã là tiếng Việt");
        let text = ours.to_serde::<serde::de::value::Error>().to_string();
        assert_eq!(translate(&text), ours);
    }
}
