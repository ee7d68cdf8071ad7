//! The signature block and Nơi nhận, side by side in one borderless table that stays on the
//! page of the body's last lines.

use super::first_page::{LAYOUT_PADDING, LEFT_SHARE, layout_table};
use super::style::{Style, run};
use crate::backend::pdf::image::CheckedImage;
use crate::fonts::FontSet;
use crate::format;
use crate::ir::{Align, Block, Image, Paragraph, Table, mm};
use crate::model::{DocumentSpec, Signature};
use crate::validate::{Authority, Checked};

/// Recipient lines: "- X;" each, then "- Lưu: VT, …." (Decree 30, Phụ lục I).
pub fn noi_nhan_lines(vb: &DocumentSpec) -> Vec<String> {
    let Some(nn) = &vb.recipients else {
        return Vec::new();
    };
    let mut out: Vec<String> = nn
        .to
        .iter()
        .map(|r| {
            r.trim()
                .trim_start_matches(['-', ' '])
                .trim_end_matches([';', '.', ' '])
        })
        .filter(|r| !r.is_empty())
        .map(|r| format!("- {r};"))
        .collect();
    let luu: Vec<&str> = nn
        .archive
        .iter()
        .map(|s| s.trim().trim_end_matches(['.', ',']))
        .filter(|s| !s.is_empty())
        .collect();
    out.push(format!("- Lưu: {}.", luu.join(", ")));
    out
}

/// Authority lines: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH",
/// "Q. GIÁM ĐỐC", or the title line(s) alone.
pub fn authority_lines(vb: &DocumentSpec, ck: &Checked) -> Vec<String> {
    signer_lines(&vb.signature.value, ck.authority)
}

/// The authority lines of one signature block, with its checked prefix.
fn signer_lines(sig: &Signature, authority: Option<Authority>) -> Vec<String> {
    let titles: Vec<String> = sig
        .titles
        .lines()
        .iter()
        .map(|l| format::upper(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    match authority {
        None => titles,
        Some(Authority::Q) => {
            let mut t = titles;
            if let Some(first) = t.first_mut() {
                *first = format!("Q. {first}");
            }
            t
        }
        Some(a) => {
            let whom = format::upper(sig.on_behalf_of.as_deref().unwrap_or("").trim());
            let mut out = vec![format!("{} {whom}", a.prefix())];
            out.extend(titles);
            out
        }
    }
}

/// The Nơi nhận column: its title, the recipient lines and the drafter's mark (none when
/// the document has no `noi_nhan`).
fn noi_nhan_blocks(vb: &DocumentSpec, st: &Style) -> Vec<Block> {
    let mut left = Vec::new();
    let lines = noi_nhan_lines(vb);
    if !lines.is_empty() {
        left.push(Block::Paragraph(Paragraph {
            runs: vec![run("Nơi nhận:", true, true)],
            align: Align::Left,
            ..Paragraph::new(st.noi_nhan_title_size)
        }));
        for l in &lines {
            left.push(Block::Paragraph(Paragraph {
                runs: vec![run(l.clone(), false, false)],
                align: Align::Left,
                ..Paragraph::new(st.noi_nhan_size)
            }));
        }
        if let Some(k) = vb
            .recipients
            .as_ref()
            .and_then(|n| n.drafter_mark.as_deref())
            .filter(|s| !s.trim().is_empty())
        {
            left.push(Block::Paragraph(Paragraph {
                runs: vec![run(k.trim(), false, false)],
                align: Align::Left,
                ..Paragraph::new(st.noi_nhan_size)
            }));
        }
    }
    left
}

/// One signature block: authority lines, the room to sign (with the signature image when
/// there is one), the signer's name. `width` is the column's.
fn signer_blocks(
    lines: Vec<String>,
    name: &str,
    st: &Style,
    width: f32,
    image: Option<Picture>,
) -> Vec<Block> {
    let mut out = Vec::new();
    for l in lines {
        out.push(Block::Paragraph(if l.is_empty() {
            Paragraph::new(st.signer_size)
        } else {
            st.centered(&l, st.signer_size, true, false)
        }));
    }
    match image {
        Some(Picture {
            data,
            width: w,
            height: h,
        }) => {
            // Scale the image into the signature space, keeping its aspect ratio.
            let max_h = st.signature_space - mm(4.0);
            let max_w = width - 2.0 * LAYOUT_PADDING;
            let k = (max_h / h).min(max_w / w).min(1.0);
            out.push(Block::Spacer(mm(2.0)));
            out.push(Block::Image(Image {
                data,
                width: (w * k).round(),
                height: (h * k).round(),
                align: Align::Center,
            }));
            out.push(Block::Spacer(
                (st.signature_space - mm(2.0) - (h * k).round()).max(0.0),
            ));
        }
        None => out.push(Block::Spacer(st.signature_space)),
    }
    out.push(Block::Paragraph(st.centered(
        name.trim(),
        st.signer_size,
        true,
        false,
    )));
    out
}

pub fn signature_table(
    vb: &DocumentSpec,
    ck: &Checked,
    st: &Style,
    fonts: &FontSet,
    tw: f32,
    images: SignatureImages,
) -> Table {
    if let Some(left) = &vb.left_signature {
        return two_signatures_table(vb, ck, &left.value, st, fonts, tw, images);
    }
    let left_w = (tw * LEFT_SHARE).round();
    let right_w = tw - left_w;
    let left = noi_nhan_blocks(vb, st);
    let right = signer_blocks(
        authority_lines(vb, ck),
        &vb.signature.value.name,
        st,
        right_w,
        images.right,
    );
    layout_table(vec![left_w, right_w], vec![vec![left, right]], true)
}

/// Two signature blocks side by side in equal columns (`chu_ky_trai` on the left, `chu_ky`
/// on the right: the secretary and the chair of a Biên bản, the two parties of a Hợp
/// đồng), Nơi nhận under them on the left.
fn two_signatures_table(
    vb: &DocumentSpec,
    ck: &Checked,
    left: &Signature,
    st: &Style,
    fonts: &FontSet,
    tw: f32,
    images: SignatureImages,
) -> Table {
    let half = (tw / 2.0).round();
    let widths = vec![half, tw - half];
    // Validation refused any other prefix.
    let left_authority = left
        .authority
        .as_ref()
        .and_then(|a| crate::validate::parse_authority(&a.value));
    let mut left_lines = signer_lines(left, left_authority);
    let mut right_lines = authority_lines(vb, ck);
    // Both names on one level: the block whose authority lines take fewer lines on the page
    // (a long title wraps in half the width) gets blank ones.
    let inner = half - 2.0 * LAYOUT_PADDING;
    let height = |lines: &[String]| -> usize {
        lines
            .iter()
            .map(|l| wrapped_lines(fonts, l, st.signer_size, inner))
            .sum()
    };
    let (hl, hr) = (height(&left_lines), height(&right_lines));
    left_lines.extend(std::iter::repeat_n(String::new(), hr.saturating_sub(hl)));
    right_lines.extend(std::iter::repeat_n(String::new(), hl.saturating_sub(hr)));
    let left_cell = signer_blocks(left_lines, &left.name, st, half, images.left);
    let right_cell = signer_blocks(
        right_lines,
        &vb.signature.value.name,
        st,
        tw - half,
        images.right,
    );
    let mut rows = vec![vec![left_cell, right_cell]];
    let mut recipients = noi_nhan_blocks(vb, st);
    if !recipients.is_empty() {
        recipients.insert(0, Block::Spacer(12.0));
        rows.push(vec![
            recipients,
            vec![Block::Paragraph(Paragraph::new(st.noi_nhan_size))],
        ]);
    }
    layout_table(widths, rows, true)
}

/// How many lines a bold line of signature text takes in `width`, words wrapped greedily.
fn wrapped_lines(fonts: &FontSet, text: &str, size: f32, width: f32) -> usize {
    let mut lines = 1;
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && fonts.width(&candidate, size, true, false) > width {
            lines += 1;
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    lines
}

/// Width and height in points of a checked picture at 96 dpi.
pub fn image_size(image: &CheckedImage) -> (f32, f32) {
    (image.width() as f32 * 0.75, image.height() as f32 * 0.75)
}

/// A signature picture: the file and its natural size in points (scaled into the space to
/// sign).
#[derive(Debug, Clone)]
pub struct Picture {
    pub data: Vec<u8>,
    pub width: f32,
    pub height: f32,
}

impl Picture {
    pub fn of(image: &CheckedImage) -> Picture {
        let (width, height) = image_size(image);
        Picture {
            data: image.bytes().to_vec(),
            width,
            height,
        }
    }
}

/// The pictures of the signature blocks: `chu_ky` (right) and `chu_ky_trai` (left).
#[derive(Debug, Clone, Default)]
pub struct SignatureImages {
    pub right: Option<Picture>,
    pub left: Option<Picture>,
}

/// Two signatures side by side in a borderless two-column table of equal columns (forms
/// signed by both sides, such as a checklist: the inspected unit on the left, the team lead
/// on the right). Each side: title line(s) UPPER bold, an italic note such as "(Ký, ghi rõ
/// họ tên)", room to sign, then the name when known.
pub fn dual_signature_table(
    st: &Style,
    tw: f32,
    sides: [(&[String], Option<&str>); 2],
    note: Option<&str>,
) -> Table {
    let half = (tw / 2.0).round();
    let widths = [half, tw - half];
    let cells = sides
        .iter()
        .map(|(titles, name)| {
            let mut blocks = Vec::new();
            for (i, t) in titles.iter().enumerate() {
                let mut p = st.centered(&format::upper(t.trim()), st.signer_size, true, false);
                if i == 0 {
                    // Clear of the body (a checklist ends with writing lines).
                    p.space_before = 12.0;
                }
                blocks.push(Block::Paragraph(p));
            }
            if let Some(n) = note {
                blocks.push(Block::Paragraph(st.centered(
                    n,
                    st.signer_size,
                    false,
                    true,
                )));
            }
            blocks.push(Block::Spacer(st.signature_space));
            let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or("");
            blocks.push(Block::Paragraph(st.centered(
                name,
                st.signer_size,
                true,
                false,
            )));
            blocks
        })
        .collect();
    layout_table(widths.to_vec(), vec![cells], true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn doc(chu_ky: &str, noi_nhan: &str) -> (DocumentSpec, Checked) {
        let y = format!(
            "loai: cong-van\nco_quan_ban_hanh: SỞ NỘI VỤ\nviet_tat: SNV\ndia_danh: Hà Lam\n\
             ngay: 2025-10-01\ntrich_yeu: Thử\nchu_ky:\n{chu_ky}\n{noi_nhan}"
        );
        let vb = crate::load::parse_str(&y).unwrap();
        let ck = crate::validate::check(&crate::sources::FileSystem, &vb, Path::new(".")).unwrap();
        (vb, ck)
    }

    #[test]
    fn authority_lines_for_every_prefix() {
        let cases = [
            ("  chuc_vu: GIÁM ĐỐC", vec!["GIÁM ĐỐC"]),
            (
                "  quyen_han: TM\n  thay_mat: ủy ban nhân dân\n  chuc_vu: CHỦ TỊCH",
                vec!["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            ),
            (
                "  quyen_han: KT.\n  thay_mat: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH",
                vec!["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            ),
            (
                "  quyen_han: TL\n  thay_mat: CHỦ TỊCH\n  chuc_vu: CHÁNH VĂN PHÒNG",
                vec!["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
            ),
            (
                "  quyen_han: TUQ\n  thay_mat: CHỦ TỊCH\n  chuc_vu: GIÁM ĐỐC SỞ NỘI VỤ",
                vec!["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"],
            ),
            ("  quyen_han: Q\n  chuc_vu: giám đốc", vec!["Q. GIÁM ĐỐC"]),
            (
                "  chuc_vu: [TỔ TRƯỞNG, CHỦ TỊCH UBND TỈNH]",
                vec!["TỔ TRƯỞNG", "CHỦ TỊCH UBND TỈNH"],
            ),
        ];
        for (yaml, want) in cases {
            let (vb, ck) = doc(&format!("{yaml}\n  ho_ten: A"), "");
            assert_eq!(authority_lines(&vb, &ck), want, "{yaml}");
        }
    }

    #[test]
    fn noi_nhan_punctuation_is_normalised() {
        let (vb, _) = doc(
            "  chuc_vu: GIÁM ĐỐC\n  ho_ten: A",
            "noi_nhan:\n  gui: [\"- Như trên;\", UBND tỉnh (để báo cáo)., \"  \"]\n  luu: [VT, \"VP.\"]",
        );
        assert_eq!(
            noi_nhan_lines(&vb),
            ["- Như trên;", "- UBND tỉnh (để báo cáo);", "- Lưu: VT, VP."]
        );
    }

    #[test]
    fn image_size_is_the_decoded_size() {
        let png = crate::backend::pdf::image::read_checked(
            &crate::sources::FileSystem,
            std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/examples/chu-ky-mau.png"
            )),
            "ảnh",
        )
        .unwrap();
        assert_eq!(image_size(&png), (360.0 * 0.75, 150.0 * 0.75));
    }
}
