//! JPEG pictures (scanned signatures and seals). Neither format decodes them: the DOCX
//! carries the file as it is and the PDF embeds it unchanged under `/DCTDecode`, which
//! every PDF reader decodes. So checking reads the marker structure instead: the file
//! starts with SOI, every segment's length fits, there is exactly one frame header (SOF)
//! of a kind PDF readers decode (baseline, extended or progressive Huffman, 8 bits, grey
//! or RGB), the scan follows it, and the file ends with EOI.

use std::fmt;

use super::png::MAX_PIXELS;

/// What a checked JPEG's frame header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegInfo {
    pub width: u32,
    pub height: u32,
    /// 1 (grey) or 3 (YCbCr / RGB).
    pub components: u8,
}

/// Why a JPEG is refused, in Vietnamese through `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JpegError {
    NotJpeg,
    Truncated,
    NoFrame,
    TwoFrames,
    Unsupported(u8),
    Precision(u8),
    Components(u8),
    ZeroSize,
    TooLarge { width: u32, height: u32 },
    NoScan,
    NoEnd,
}

impl fmt::Display for JpegError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use JpegError::*;
        match self {
            NotJpeg => write!(f, "không phải tệp JPEG (thiếu dấu bắt đầu FFD8 ở đầu tệp)"),
            Truncated => write!(
                f,
                "tệp JPEG bị cắt cụt (một đoạn dài hơn phần còn lại của tệp)"
            ),
            NoFrame => write!(f, "tệp JPEG không có khung ảnh (SOF) nêu kích thước ảnh"),
            TwoFrames => write!(f, "tệp JPEG có hơn một khung ảnh (SOF)"),
            Unsupported(m) => write!(
                f,
                "tệp JPEG nén kiểu SOF{} (không mất dữ liệu hoặc mã hóa số học), trình đọc PDF \
                 không hiển thị được: hãy lưu lại ảnh dạng JPEG thông thường hoặc PNG",
                m - 0xC0
            ),
            Precision(p) => write!(
                f,
                "tệp JPEG {p} bit mỗi kênh màu: chỉ nhận 8 bit; hãy lưu lại ảnh dạng JPEG thông thường hoặc PNG"
            ),
            Components(4) => write!(
                f,
                "tệp JPEG hệ màu CMYK: hãy lưu lại ảnh hệ màu RGB hoặc thang xám"
            ),
            Components(n) => write!(f, "tệp JPEG có {n} kênh màu: chỉ nhận 1 (xám) hoặc 3 (màu)"),
            ZeroSize => write!(f, "ảnh JPEG có một chiều bằng 0 điểm ảnh"),
            TooLarge { width, height } => write!(
                f,
                "ảnh {width} × {height} điểm ảnh quá lớn: tối đa 16.777.216 điểm ảnh (ví dụ 4096 × 4096); hãy thu nhỏ ảnh"
            ),
            NoScan => write!(f, "tệp JPEG không có dữ liệu ảnh (đoạn SOS)"),
            NoEnd => write!(f, "tệp JPEG bị cắt cụt (thiếu dấu kết thúc FFD9)"),
        }
    }
}

/// Whether `bytes` starts like a JPEG file (SOI then a marker).
pub fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// Check the marker structure of `bytes` up to the first scan and its end; see the module
/// comment.
pub fn parse(bytes: &[u8]) -> Result<JpegInfo, JpegError> {
    if !is_jpeg(bytes) {
        return Err(JpegError::NotJpeg);
    }
    let mut at = 2;
    let mut frame = None;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(JpegError::Truncated);
        };
        at += 2;
        match marker {
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => continue,
            0xD9 => return Err(JpegError::NoScan),
            _ => {}
        }
        let len = match bytes.get(at..at + 2) {
            Some(l) => usize::from(u16::from_be_bytes([l[0], l[1]])),
            None => return Err(JpegError::Truncated),
        };
        if len < 2 || at + len > bytes.len() {
            return Err(JpegError::Truncated);
        }
        let body = &bytes[at + 2..at + len];
        match marker {
            0xC0..=0xC2 => {
                if frame.is_some() {
                    return Err(JpegError::TwoFrames);
                }
                frame = Some(frame_header(body)?);
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(JpegError::Unsupported(marker));
            }
            0xDA => {
                let info = frame.ok_or(JpegError::NoFrame)?;
                // The entropy-coded data runs to EOI; trailing padding after it is allowed.
                let end = bytes.len() - bytes.iter().rev().take_while(|b| **b == 0).count();
                if end < at + len + 2 || bytes[end - 2..end] != [0xFF, 0xD9] {
                    return Err(JpegError::NoEnd);
                }
                return Ok(info);
            }
            _ => {}
        }
        at += len;
    }
}

/// A frame header (SOF0–SOF2): precision, height, width, components.
fn frame_header(body: &[u8]) -> Result<JpegInfo, JpegError> {
    let [precision, h1, h0, w1, w0, components, ..] = *body else {
        return Err(JpegError::Truncated);
    };
    if precision != 8 {
        return Err(JpegError::Precision(precision));
    }
    if components != 1 && components != 3 {
        return Err(JpegError::Components(components));
    }
    let height = u32::from(u16::from_be_bytes([h1, h0]));
    let width = u32::from(u16::from_be_bytes([w1, w0]));
    // Height 0 (set later by a DNL marker) is legal JPEG that few PDF readers handle.
    if width == 0 || height == 0 {
        return Err(JpegError::ZeroSize);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(JpegError::TooLarge { width, height });
    }
    if body.len() < 6 + 3 * usize::from(components) {
        return Err(JpegError::Truncated);
    }
    Ok(JpegInfo {
        width,
        height,
        components,
    })
}

/// A minimal well-formed JPEG of `width` × `height` with `components` (tests only: its
/// scan data is not a real picture).
#[cfg(test)]
pub fn sample(width: u16, height: u16, components: u8) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    // APP0 JFIF.
    out.extend([0xFF, 0xE0, 0, 16]);
    out.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let sof_len = 8 + 3 * u16::from(components);
    out.extend([0xFF, 0xC0]);
    out.extend(sof_len.to_be_bytes());
    out.push(8);
    out.extend(height.to_be_bytes());
    out.extend(width.to_be_bytes());
    out.push(components);
    for c in 0..components {
        out.extend([c + 1, 0x11, 0]);
    }
    let sos_len = 6 + 2 * u16::from(components);
    out.extend([0xFF, 0xDA]);
    out.extend(sos_len.to_be_bytes());
    out.push(components);
    for c in 0..components {
        out.extend([c + 1, 0]);
    }
    out.extend([0, 63, 0]);
    out.extend([0x12, 0x34, 0xFF, 0x00, 0x56]);
    out.extend([0xFF, 0xD9]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_frame_header() {
        assert_eq!(
            parse(&sample(640, 200, 3)),
            Ok(JpegInfo {
                width: 640,
                height: 200,
                components: 3
            })
        );
        assert_eq!(parse(&sample(10, 20, 1)).unwrap().components, 1);
    }

    #[test]
    fn refuses_what_pdf_readers_cannot_show_or_a_broken_file() {
        assert_eq!(parse(b"GIF89a"), Err(JpegError::NotJpeg));
        let good = sample(64, 32, 3);
        assert_eq!(parse(&good[..good.len() - 2]), Err(JpegError::NoEnd));
        assert_eq!(parse(&good[..30]), Err(JpegError::Truncated));
        assert_eq!(parse(&sample(64, 32, 4)), Err(JpegError::Components(4)));
        assert_eq!(parse(&sample(0, 32, 3)), Err(JpegError::ZeroSize));
        assert!(matches!(
            parse(&sample(5000, 5000, 1)),
            Err(JpegError::TooLarge { .. })
        ));
        // Lossless (SOF3) instead of baseline.
        let mut lossless = good.clone();
        let sof = lossless.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        lossless[sof + 1] = 0xC3;
        assert_eq!(parse(&lossless), Err(JpegError::Unsupported(0xC3)));
        // 12-bit precision.
        let mut deep = good.clone();
        deep[sof + 4] = 12;
        assert_eq!(parse(&deep), Err(JpegError::Precision(12)));
        // No scan before the end.
        assert_eq!(parse(&[0xFF, 0xD8, 0xFF, 0xD9]), Err(JpegError::NoScan));
    }
}
