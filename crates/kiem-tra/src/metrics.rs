//! Text widths in Times New Roman, from the metric-compatible Liberation Serif that vanban
//! bundles: the rule under the Tiêu ngữ must be as long as the text above it.

use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../../../fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../fonts/LiberationSerif-Bold.ttf");

struct Faces {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        regular: ttf_parser::Face::parse(REGULAR, 0).expect("bundled font"),
        bold: ttf_parser::Face::parse(BOLD, 0).expect("bundled font"),
    })
}

/// The width in points of `text` set at `size_pt`.
pub fn width_pt(text: &str, size_pt: f32, bold: bool) -> f32 {
    let f = faces();
    let face = if bold { &f.bold } else { &f.regular };
    let units = f32::from(face.units_per_em());
    let total: u32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(500, u32::from)
        })
        .sum();
    total as f32 * size_pt / units
}
