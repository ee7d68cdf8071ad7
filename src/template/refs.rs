//! Indicator references in templates (`chi_tieu.<id>`) are checked against the data before
//! rendering, so a missing id is reported at the template's line and column in Vietnamese
//! rather than as Tera's "variable not found".

use crate::error::line_col_of_byte;
use crate::error::{Code, Error};
use std::collections::BTreeSet;

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// (byte offset, id) of each `chi_tieu.<id>` in `src`.
pub fn references(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let pat = "chi_tieu.";
    let mut from = 0;
    while let Some(i) = src[from..].find(pat) {
        let at = from + i;
        from = at + pat.len();
        if src[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let id: String = src[from..].chars().take_while(|c| is_ident(*c)).collect();
        if !id.is_empty() {
            out.push((at, id));
        }
    }
    out
}

pub fn check(
    sources: &[super::errors::Src],
    name: &str,
    indicators: &serde_json::Value,
) -> Result<(), Error> {
    let mut todo = vec![name.to_string()];
    let mut seen = BTreeSet::new();
    while let Some(n) = todo.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        let Some(s) = sources.iter().find(|s| s.name == n) else {
            continue;
        };
        let src = s.text;
        for (at, id) in references(src) {
            if indicators.get(&id).is_none() {
                let known = indicators
                    .as_object()
                    .map(|m| m.keys().cloned().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default();
                return Err(Error::new(
                    Code::BadReference,
                    format!(
                        "mẫu dùng chỉ tiêu \"{id}\" nhưng dữ liệu không có chỉ tiêu này (chi_tieu); các mã có: {}",
                        if known.is_empty() { "(không có)".into() } else { known }
                    ),
                )
                .at(&s.origin, Some(line_col_of_byte(src, at))));
            }
        }
        todo.extend(super::guard::dependencies(src).into_iter().map(|d| d.0));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references_and_dependencies() {
        let src = "{% import \"_m.xml\" as m %}{{ chi_tieu.tra_cuu.thay_doi }} x_chi_tieu.no";
        assert_eq!(references(src), vec![(29, "tra_cuu".to_string())]);
        let deps: Vec<_> = super::super::guard::dependencies(src)
            .into_iter()
            .map(|d| d.0)
            .collect();
        assert_eq!(deps, ["_m.xml"]);
    }
}
