//! A small PNG decoder (all colour types and bit depths, interlaced or not) into 8-bit
//! pixels. printpdf decodes images only with its `images` feature, which pulls in the
//! whole `image` crate; signatures and seals are plain PNGs.
//!
//! Validation decodes every PNG completely ([`super::image::CheckedImage::new`]), so both
//! backends only ever meet images that decode. A file whose header claims more than
//! [`MAX_PIXELS`] pixels is refused before anything is inflated, and inflating stops at the
//! size the header implies, so neither a forged header nor a zlib bomb can allocate more
//! than the limit.

use std::fmt;
use std::io::Read;

/// Pixels in one image, at most: 16 777 216 (4096 × 4096). A signature or seal scanned at
/// 600 dpi needs about one million.
pub const MAX_PIXELS: u64 = 4096 * 4096;

const SIG: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Decoded pixels: `channels` 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA), 8 bits each.
#[derive(Debug, Clone, PartialEq)]
pub struct Pixels {
    pub width: usize,
    pub height: usize,
    pub channels: usize,
    pub data: Vec<u8>,
}

/// Why an image does not decode, in Vietnamese through `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    NotPng,
    Truncated,
    BadCrc(String),
    NoHeader,
    BadHeader,
    ZeroSize { width: u32, height: u32 },
    TooLarge { width: u32, height: u32 },
    BadFormat { colour: u8, depth: u8 },
    BadMethod,
    UnknownChunk(String),
    NoPalette,
    PaletteIndex,
    NoData,
    NoEnd,
    Zlib,
    ShortData,
    BadFilter(u8),
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PngError::*;
        match self {
            NotPng => write!(f, "không phải tệp PNG (thiếu chữ ký PNG ở đầu tệp)"),
            Truncated => write!(
                f,
                "tệp PNG bị cắt cụt (một khối dữ liệu dài hơn phần còn lại của tệp)"
            ),
            BadCrc(c) => write!(f, "tệp PNG bị hỏng: sai mã kiểm tra (CRC) của khối {c}"),
            NoHeader => write!(
                f,
                "tệp PNG thiếu khối IHDR (kích thước ảnh) ngay sau chữ ký"
            ),
            BadHeader => write!(f, "khối IHDR của tệp PNG không đúng 13 byte"),
            ZeroSize { width, height } => {
                write!(
                    f,
                    "ảnh có kích thước {width} × {height} điểm ảnh: cả hai chiều phải lớn hơn 0"
                )
            }
            TooLarge { width, height } => write!(
                f,
                "ảnh {width} × {height} điểm ảnh quá lớn: tối đa 16.777.216 điểm ảnh (ví dụ 4096 × 4096); hãy thu nhỏ ảnh"
            ),
            BadFormat { colour, depth } => write!(
                f,
                "kiểu màu {colour} với độ sâu {depth} bit không có trong chuẩn PNG"
            ),
            BadMethod => write!(
                f,
                "phương pháp nén, lọc hoặc xen kẽ trong IHDR không có trong chuẩn PNG"
            ),
            UnknownChunk(c) => write!(f, "tệp PNG có khối bắt buộc không rõ \"{c}\""),
            NoPalette => write!(f, "ảnh dùng bảng màu nhưng thiếu khối PLTE"),
            PaletteIndex => write!(f, "ảnh dùng một màu ngoài bảng màu (PLTE)"),
            NoData => write!(f, "tệp PNG không có dữ liệu ảnh (khối IDAT)"),
            NoEnd => write!(f, "tệp PNG bị cắt cụt (thiếu khối kết thúc IEND)"),
            Zlib => write!(f, "dữ liệu ảnh nén (zlib) bị hỏng"),
            ShortData => write!(
                f,
                "dữ liệu ảnh ngắn hơn kích thước khai báo: tệp có thể bị cắt cụt"
            ),
            BadFilter(n) => write!(
                f,
                "một dòng ảnh dùng bộ lọc PNG {n}, không có trong chuẩn (0–4)"
            ),
        }
    }
}

/// The image header.
#[derive(Debug, Clone, Copy)]
struct Header {
    width: usize,
    height: usize,
    depth: u8,
    colour: u8,
    interlaced: bool,
}

impl Header {
    fn parse(body: &[u8]) -> Result<Header, PngError> {
        let b: &[u8; 13] = body.try_into().map_err(|_| PngError::BadHeader)?;
        let width = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        let height = u32::from_be_bytes([b[4], b[5], b[6], b[7]]);
        let (depth, colour) = (b[8], b[9]);
        if width == 0 || height == 0 {
            return Err(PngError::ZeroSize { width, height });
        }
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(PngError::TooLarge { width, height });
        }
        let ok = match colour {
            0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
            3 => matches!(depth, 1 | 2 | 4 | 8),
            2 | 4 | 6 => matches!(depth, 8 | 16),
            _ => false,
        };
        if !ok {
            return Err(PngError::BadFormat { colour, depth });
        }
        if b[10] != 0 || b[11] != 0 || b[12] > 1 {
            return Err(PngError::BadMethod);
        }
        Ok(Header {
            // Each at most MAX_PIXELS, so every size below fits comfortably in usize.
            width: width as usize,
            height: height as usize,
            depth,
            colour,
            interlaced: b[12] == 1,
        })
    }

    fn samples(&self) -> usize {
        match self.colour {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        }
    }

    fn bits_per_pixel(&self) -> usize {
        self.samples() * self.depth as usize
    }

    /// Bytes per row of `w` pixels, without the filter byte.
    fn stride(&self, w: usize) -> usize {
        (w * self.bits_per_pixel()).div_ceil(8)
    }
}

/// Adam7: (x0, y0, dx, dy) of each pass.
const ADAM7: [(usize, usize, usize, usize); 7] = [
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
];

/// The sub-images the data holds: (x0, y0, dx, dy, width, height), empty ones left out.
fn passes(h: &Header) -> Vec<(usize, usize, usize, usize, usize, usize)> {
    if !h.interlaced {
        return vec![(0, 0, 1, 1, h.width, h.height)];
    }
    ADAM7
        .iter()
        .map(|&(x0, y0, dx, dy)| {
            let w = h.width.saturating_sub(x0).div_ceil(dx);
            let hh = h.height.saturating_sub(y0).div_ceil(dy);
            (x0, y0, dx, dy, w, hh)
        })
        .filter(|p| p.4 > 0 && p.5 > 0)
        .collect()
}

/// The chunks after the signature: header, palette, transparency and compressed data.
struct Chunks<'a> {
    header: Header,
    palette: &'a [u8],
    trns: &'a [u8],
    idat: Vec<u8>,
}

fn chunks(bytes: &[u8]) -> Result<Chunks<'_>, PngError> {
    let mut rest = bytes.strip_prefix(SIG).ok_or(PngError::NotPng)?;
    let mut header = None;
    let (mut palette, mut trns): (&[u8], &[u8]) = (&[], &[]);
    let mut idat = Vec::new();
    loop {
        if rest.is_empty() {
            return Err(if header.is_none() {
                PngError::NoHeader
            } else {
                PngError::NoEnd
            });
        }
        let (len, tail) = rest.split_at_checked(4).ok_or(PngError::Truncated)?;
        let len = u32::from_be_bytes(len.try_into().expect("4 bytes")) as usize;
        let body_end = len.checked_add(4).ok_or(PngError::Truncated)?;
        let (kind_body, tail) = tail.split_at_checked(body_end).ok_or(PngError::Truncated)?;
        let (crc, tail) = tail.split_at_checked(4).ok_or(PngError::Truncated)?;
        let (kind, body) = kind_body.split_at(4);
        let name = String::from_utf8_lossy(kind).into_owned();
        let mut c = flate2::Crc::new();
        c.update(kind_body);
        if c.sum().to_be_bytes() != crc {
            return Err(PngError::BadCrc(name));
        }
        rest = tail;
        if header.is_none() && kind != b"IHDR" {
            return Err(PngError::NoHeader);
        }
        match kind {
            b"IHDR" if header.is_none() => header = Some(Header::parse(body)?),
            b"PLTE" => palette = body,
            b"tRNS" => trns = body,
            // At most the file's size in all (`crate::files::IMAGE`).
            b"IDAT" => idat.extend_from_slice(body),
            b"IEND" => break,
            // Ancillary chunks (lower-case first letter) can be ignored; critical ones not.
            _ if kind[0].is_ascii_lowercase() => {}
            _ => return Err(PngError::UnknownChunk(name)),
        }
    }
    let header = header.ok_or(PngError::NoHeader)?;
    if header.colour == 3 && palette.is_empty() {
        return Err(PngError::NoPalette);
    }
    if idat.is_empty() {
        return Err(PngError::NoData);
    }
    Ok(Chunks {
        header,
        palette,
        trns,
        idat,
    })
}

pub fn decode(bytes: &[u8]) -> Result<Pixels, PngError> {
    let ch = chunks(bytes)?;
    let h = ch.header;
    let passes = passes(&h);
    // The inflated size the header implies: a filter byte and a row per line of each
    // pass. At most MAX_PIXELS × 8 bytes plus the filter bytes, so no overflow.
    let expected: usize = passes.iter().map(|p| p.5 * (h.stride(p.4) + 1)).sum();
    let mut raw = Vec::with_capacity(expected);
    flate2::read::ZlibDecoder::new(&ch.idat[..])
        .take(expected as u64)
        .read_to_end(&mut raw)
        .map_err(|_| PngError::Zlib)?;
    if raw.len() < expected {
        return Err(PngError::ShortData);
    }

    let channels = match h.colour {
        3 if ch.trns.is_empty() => 3,
        3 => 4,
        // Grey with tRNS becomes grey+alpha (2), RGB with tRNS becomes RGBA (4).
        0 if !ch.trns.is_empty() => 2,
        2 if !ch.trns.is_empty() => 4,
        _ => h.samples(),
    };
    let mut data = vec![0u8; h.width * h.height * channels];
    let mut at = 0;
    for &(x0, y0, dx, dy, pw, ph) in &passes {
        let stride = h.stride(pw);
        let len = ph * (stride + 1);
        let rows = &mut raw[at..at + len];
        at += len;
        unfilter(rows, stride, h.bits_per_pixel().div_ceil(8))?;
        let mut px = Vec::with_capacity(channels);
        for y in 0..ph {
            let row = &rows[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
            for x in 0..pw {
                px.clear();
                pixel(&h, &ch, row, x, &mut px)?;
                let (fx, fy) = (x0 + x * dx, y0 + y * dy);
                let o = (fy * h.width + fx) * channels;
                data[o..o + channels].copy_from_slice(&px);
            }
        }
    }
    Ok(Pixels {
        width: h.width,
        height: h.height,
        channels,
        data,
    })
}

/// Undo the per-row filters in place; `rows` holds each row's filter byte and data.
fn unfilter(rows: &mut [u8], stride: usize, bpp: usize) -> Result<(), PngError> {
    let line = stride + 1;
    for y in 0..rows.len() / line {
        let (done, rest) = rows.split_at_mut(y * line);
        let prev = if y > 0 {
            &done[(y - 1) * line + 1..]
        } else {
            &[][..]
        };
        let (filter, cur) = rest[..line].split_first_mut().expect("stride + 1 ≥ 1");
        let filter = *filter;
        if filter > 4 {
            return Err(PngError::BadFilter(filter));
        }
        for i in 0..stride {
            let a = if i >= bpp { cur[i - bpp] as i16 } else { 0 };
            let b = prev.get(i).map_or(0, |v| *v as i16);
            let c = if i >= bpp {
                prev.get(i - bpp).map_or(0, |v| *v as i16)
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
            };
            cur[i] = cur[i].wrapping_add(pred as u8);
        }
    }
    Ok(())
}

/// Sample `idx` of an unfiltered row in its own bit depth.
fn raw_sample(depth: u8, row: &[u8], idx: usize) -> u16 {
    match depth {
        8 => row[idx] as u16,
        16 => u16::from_be_bytes([row[idx * 2], row[idx * 2 + 1]]),
        d => {
            let d = d as usize;
            let bit = idx * d;
            ((row[bit / 8] >> (8 - d - bit % 8)) & ((1u16 << d) - 1) as u8) as u16
        }
    }
}

/// Pixel `x` of `row` as 8-bit channels, appended to `out`.
fn pixel(h: &Header, ch: &Chunks, row: &[u8], x: usize, out: &mut Vec<u8>) -> Result<(), PngError> {
    let to8 = |v: u16| -> u8 {
        match h.depth {
            16 => (v >> 8) as u8,
            8 => v as u8,
            d => (v * 255 / ((1 << d) - 1)) as u8,
        }
    };
    let samples = h.samples();
    if h.colour == 3 {
        let i = raw_sample(h.depth, row, x) as usize;
        let rgb = ch
            .palette
            .get(i * 3..i * 3 + 3)
            .ok_or(PngError::PaletteIndex)?;
        out.extend_from_slice(rgb);
        if !ch.trns.is_empty() {
            out.push(ch.trns.get(i).copied().unwrap_or(255));
        }
        return Ok(());
    }
    let keyed = !ch.trns.is_empty() && (h.colour == 0 || h.colour == 2);
    let mut transparent = ch.trns.len() >= samples * 2;
    for s in 0..samples {
        let v = raw_sample(h.depth, row, x * samples + s);
        out.push(to8(v));
        if keyed {
            let key = ch
                .trns
                .get(s * 2..s * 2 + 2)
                .map_or(0, |k| u16::from_be_bytes([k[0], k[1]]));
            transparent &= v == key;
        }
    }
    if keyed {
        out.push(if transparent { 0 } else { 255 });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        let mut c = kind.to_vec();
        c.extend_from_slice(body);
        let mut crc = flate2::Crc::new();
        crc.update(&c);
        out.extend_from_slice(&c);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }

    fn zlib(raw: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(raw).unwrap();
        z.finish().unwrap()
    }

    /// A PNG of the given header fields and already filtered, uncompressed data.
    fn png(w: u32, h: u32, depth: u8, colour: u8, interlace: u8, raw: &[u8]) -> Vec<u8> {
        let mut out = SIG.to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[depth, colour, 0, 0, interlace]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", &zlib(raw));
        chunk(&mut out, b"IEND", &[]);
        out
    }

    /// Encode RGBA pixels as a PNG (filter "up" on every row, to exercise unfiltering).
    pub fn encode_rgba(width: usize, height: usize, rgba: &[u8]) -> Vec<u8> {
        let stride = width * 4;
        let mut raw = Vec::new();
        for y in 0..height {
            raw.push(2u8);
            for i in 0..stride {
                let up = if y > 0 { rgba[(y - 1) * stride + i] } else { 0 };
                raw.push(rgba[y * stride + i].wrapping_sub(up));
            }
        }
        png(width as u32, height as u32, 8, 6, 0, &raw)
    }

    /// The same RGBA pixels, Adam7-interlaced, each row with filter "sub" (1).
    fn encode_rgba_interlaced(width: usize, height: usize, rgba: &[u8]) -> Vec<u8> {
        let mut raw = Vec::new();
        for (x0, y0, dx, dy) in ADAM7 {
            let pw = width.saturating_sub(x0).div_ceil(dx);
            let ph = height.saturating_sub(y0).div_ceil(dy);
            if pw == 0 {
                continue;
            }
            for y in 0..ph {
                raw.push(1u8);
                let mut prev = [0u8; 4];
                for x in 0..pw {
                    let o = ((y0 + y * dy) * width + x0 + x * dx) * 4;
                    for c in 0..4 {
                        raw.push(rgba[o + c].wrapping_sub(prev[c]));
                        prev[c] = rgba[o + c];
                    }
                }
            }
        }
        png(width as u32, height as u32, 8, 6, 1, &raw)
    }

    #[test]
    fn round_trip_rgba() {
        let (w, h) = (7, 5);
        let px: Vec<u8> = (0..w * h * 4).map(|i| (i * 37 % 256) as u8).collect();
        let png = encode_rgba(w, h, &px);
        let d = decode(&png).unwrap();
        assert_eq!((d.width, d.height, d.channels), (w, h, 4));
        assert_eq!(d.data, px);
    }

    #[test]
    fn interlaced_images_decode_to_the_same_pixels() {
        for (w, h) in [(1, 1), (3, 2), (9, 11), (16, 16)] {
            let px: Vec<u8> = (0..w * h * 4).map(|i| (i * 53 % 251) as u8).collect();
            let d = decode(&encode_rgba_interlaced(w, h, &px)).unwrap();
            assert_eq!((d.width, d.height), (w, h));
            assert_eq!(d.data, px, "{w}×{h}");
        }
    }

    #[test]
    fn low_bit_depths_and_palettes() {
        // 2-bit grey, 3 pixels: 0, 1, 3 → 0, 85, 255 (row: filter 0, 0b00_01_11_00).
        let d = decode(&png(3, 1, 2, 0, 0, &[0, 0b0001_1100])).unwrap();
        assert_eq!(d.data, [0, 85, 255]);
        // A palette index past the palette is an error, not black.
        let mut p = SIG.to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&1u32.to_be_bytes());
        ihdr.extend_from_slice(&1u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 3, 0, 0, 0]);
        chunk(&mut p, b"IHDR", &ihdr);
        chunk(&mut p, b"PLTE", &[1, 2, 3]);
        chunk(&mut p, b"IDAT", &zlib(&[0, 1]));
        chunk(&mut p, b"IEND", &[]);
        assert_eq!(decode(&p), Err(PngError::PaletteIndex));
    }

    #[test]
    fn rejects_what_does_not_decode() {
        let good = encode_rgba(2, 2, &[9; 16]);
        assert!(decode(&good).is_ok());
        assert_eq!(decode(b"not a png"), Err(PngError::NotPng));
        assert_eq!(decode(SIG), Err(PngError::NoHeader));
        // Cut anywhere: an error, never a panic.
        for n in SIG.len()..good.len() {
            assert!(decode(&good[..n]).is_err(), "cut at {n}");
        }
        let mut bad_crc = good.clone();
        let last = bad_crc.len() - 1;
        bad_crc[last] ^= 1;
        assert_eq!(decode(&bad_crc), Err(PngError::BadCrc("IEND".into())));
        assert_eq!(
            decode(&png(0, 0, 8, 6, 0, &[])),
            Err(PngError::ZeroSize {
                width: 0,
                height: 0
            })
        );
        assert_eq!(
            decode(&png(2, 2, 3, 2, 0, &[0; 10])),
            Err(PngError::BadFormat {
                colour: 2,
                depth: 3
            })
        );
        assert_eq!(
            decode(&png(2, 1, 8, 0, 0, &[5, 1, 2])),
            Err(PngError::BadFilter(5))
        );
        assert_eq!(
            decode(&png(2, 2, 8, 0, 0, &[0, 1])),
            Err(PngError::ShortData)
        );
        // Not zlib at all.
        let mut p = SIG.to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&2u32.to_be_bytes());
        ihdr.extend_from_slice(&2u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        chunk(&mut p, b"IHDR", &ihdr);
        chunk(&mut p, b"IDAT", b"\xff\xff\xff\xff");
        chunk(&mut p, b"IEND", &[]);
        assert_eq!(decode(&p), Err(PngError::Zlib));
    }

    #[test]
    fn size_limits_hold_before_inflating() {
        // Header arithmetic that would wrap in 32 bits, and a merely huge image: refused
        // from the header alone.
        for (w, h) in [(u32::MAX, u32::MAX), (20_000, 20_000), (4097, 4096)] {
            assert_eq!(
                decode(&png(w, h, 16, 6, 0, &[0])),
                Err(PngError::TooLarge {
                    width: w,
                    height: h
                })
            );
        }
        // The limit itself is allowed (checked on a thin image to keep the test small).
        assert!(decode(&png(4096 * 4096, 1, 1, 0, 0, &[0; 1 + 4096 * 512])).is_ok());
    }

    #[test]
    fn inflating_stops_at_the_declared_size() {
        // A 2×2 grey image whose data inflates to 16 MB: only the 6 bytes needed are read.
        let bomb = vec![0u8; 16 << 20];
        let p = png(2, 2, 8, 0, 0, &bomb);
        assert!(p.len() < 100_000);
        let d = decode(&p).unwrap();
        assert_eq!(d.data, [0; 4]);
    }
}
