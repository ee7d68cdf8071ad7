//! A small PNG decoder (non-interlaced, all colour types and bit depths) into 8-bit
//! pixels. printpdf decodes images only with its `images` feature, which pulls in the
//! whole `image` crate; signatures and seals are plain PNGs.

use std::io::Read;

/// Decoded pixels: `channels` 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA), 8 bits each.
#[derive(Debug, Clone, PartialEq)]
pub struct Pixels {
    pub width: usize,
    pub height: usize,
    pub channels: usize,
    pub data: Vec<u8>,
}

pub fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    const SIG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIG) {
        return Err("không phải tệp PNG".into());
    }
    let mut pos = SIG.len();
    let (mut width, mut height, mut depth, mut ctype, mut interlace) =
        (0usize, 0usize, 0u8, 0u8, 0u8);
    let mut palette: Vec<u8> = Vec::new();
    let mut trns: Vec<u8> = Vec::new();
    let mut idat = Vec::new();
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let body = bytes
            .get(pos + 8..pos + 8 + len)
            .ok_or("tệp PNG bị cắt cụt")?;
        match kind {
            b"IHDR" if len >= 13 => {
                width = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                depth = body[8];
                ctype = body[9];
                interlace = body[12];
            }
            b"PLTE" => palette = body.to_vec(),
            b"tRNS" => trns = body.to_vec(),
            b"IDAT" => idat.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    if width == 0 || height == 0 {
        return Err("tệp PNG không có kích thước".into());
    }
    if interlace != 0 {
        return Err("ảnh PNG xen kẽ (interlaced) chưa được hỗ trợ".into());
    }
    let samples = match ctype {
        0 => 1,
        2 => 3,
        3 => 1,
        4 => 2,
        6 => 4,
        _ => return Err(format!("kiểu màu PNG {ctype} không hợp lệ")),
    };
    if ![1u8, 2, 4, 8, 16].contains(&depth) {
        return Err(format!("độ sâu màu PNG {depth} không hợp lệ"));
    }
    let bits_pp = samples * depth as usize;
    let stride = (width * bits_pp).div_ceil(8);
    let bpp = bits_pp.div_ceil(8).max(1);
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .map_err(|e| format!("dữ liệu PNG hỏng: {e}"))?;
    if raw.len() < height * (stride + 1) {
        return Err("dữ liệu PNG thiếu".into());
    }

    // Undo the per-row filters.
    let mut img = vec![0u8; height * stride];
    for y in 0..height {
        let filter = raw[y * (stride + 1)];
        let src = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        let (done, rest) = img.split_at_mut(y * stride);
        let prev = if y > 0 {
            &done[(y - 1) * stride..]
        } else {
            &[][..]
        };
        let cur = &mut rest[..stride];
        for i in 0..stride {
            let a = if i >= bpp { cur[i - bpp] as i16 } else { 0 };
            let b = if y > 0 { prev[i] as i16 } else { 0 };
            let c = if y > 0 && i >= bpp {
                prev[i - bpp] as i16
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
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
                _ => return Err(format!("bộ lọc PNG {filter} không hợp lệ")),
            };
            cur[i] = src[i].wrapping_add(pred as u8);
        }
    }

    // Samples to 8 bits.
    let sample = |row: &[u8], idx: usize| -> u8 {
        match depth {
            8 => row[idx],
            16 => row[idx * 2],
            d => {
                let d = d as usize;
                let bit = idx * d;
                let v = (row[bit / 8] >> (8 - d - bit % 8)) & ((1 << d) - 1) as u8;
                if ctype == 3 {
                    v
                } else {
                    (v as u16 * 255 / ((1 << d) - 1)) as u8
                }
            }
        }
    };
    let raw16 = |row: &[u8], idx: usize| -> u16 {
        if depth == 16 {
            u16::from_be_bytes([row[idx * 2], row[idx * 2 + 1]])
        } else {
            row[idx] as u16
        }
    };
    let (channels, mut data) = match ctype {
        3 => (if trns.is_empty() { 3 } else { 4 }, Vec::new()),
        0 if !trns.is_empty() => (2, Vec::new()),
        2 if !trns.is_empty() => (4, Vec::new()),
        _ => (samples, Vec::new()),
    };
    // Grey with tRNS becomes grey+alpha (2), RGB with tRNS becomes RGBA (4).
    data.reserve(width * height * channels);
    for y in 0..height {
        let row = &img[y * stride..(y + 1) * stride];
        for x in 0..width {
            match ctype {
                3 => {
                    let i = sample(row, x) as usize;
                    let rgb = palette.get(i * 3..i * 3 + 3).unwrap_or(&[0, 0, 0]);
                    data.extend_from_slice(rgb);
                    if channels == 4 {
                        data.push(trns.get(i).copied().unwrap_or(255));
                    }
                }
                0 | 2 if !trns.is_empty() => {
                    let mut transparent = trns.len() >= samples * 2;
                    for s in 0..samples {
                        let v = sample(row, x * samples + s);
                        data.push(v);
                        let key = trns
                            .get(s * 2..s * 2 + 2)
                            .map_or(0, |k| u16::from_be_bytes([k[0], k[1]]));
                        let rawv = if depth < 8 {
                            // Compare in the original bit depth.
                            let d = depth as usize;
                            let bit = x * d;
                            ((row[bit / 8] >> (8 - d - bit % 8)) & ((1 << d) - 1) as u8) as u16
                        } else {
                            raw16(row, x * samples + s)
                        };
                        transparent &= rawv == key;
                    }
                    data.push(if transparent { 0 } else { 255 });
                }
                _ => {
                    for s in 0..samples {
                        data.push(sample(row, x * samples + s));
                    }
                }
            }
        }
    }
    Ok(Pixels {
        width,
        height,
        channels,
        data,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    fn crc32(data: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in data {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
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
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&raw).unwrap();
        let idat = z.finish().unwrap();
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], body: &[u8]| {
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            let mut c = kind.to_vec();
            c.extend_from_slice(body);
            out.extend_from_slice(&c);
            out.extend_from_slice(&crc32(&c).to_be_bytes());
        };
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&(width as u32).to_be_bytes());
        ihdr.extend_from_slice(&(height as u32).to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        chunk(b"IDAT", &idat);
        chunk(b"IEND", &[]);
        out
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
    fn rejects_garbage() {
        assert!(decode(b"not a png").is_err());
    }
}
