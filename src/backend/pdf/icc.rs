//! The sRGB ICC profile of a PDF/A output intent, built here rather than bundled: an ICC
//! v2 display profile (the form every PDF/A validator and reader accepts) with the sRGB
//! primaries adapted to D50 (IEC 61966-2-1, as the ICC's own sRGB profiles give them) and
//! the sRGB tone curve sampled at 1 024 points. The same bytes on every run.

/// `v` as an ICC s15Fixed16Number.
fn s15f16(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

/// An XYZType tag.
fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    for v in [x, y, z] {
        t.extend(s15f16(v));
    }
    t
}

/// A textDescriptionType tag (ICC v2) holding `text` (ASCII).
fn description(text: &str) -> Vec<u8> {
    let mut t = b"desc\0\0\0\0".to_vec();
    t.extend((text.len() as u32 + 1).to_be_bytes());
    t.extend(text.as_bytes());
    t.push(0);
    // No Unicode and no ScriptCode description: their lengths, then ScriptCode's 67 bytes.
    t.extend([0; 8]);
    t.extend([0; 3]);
    t.extend([0; 67]);
    t
}

/// A textType tag.
fn text(text: &str) -> Vec<u8> {
    let mut t = b"text\0\0\0\0".to_vec();
    t.extend(text.as_bytes());
    t.push(0);
    t
}

/// The sRGB tone curve as a curveType tag of `n` samples.
fn srgb_curve(n: usize) -> Vec<u8> {
    let mut t = b"curv\0\0\0\0".to_vec();
    t.extend((n as u32).to_be_bytes());
    for i in 0..n {
        let v = i as f64 / (n - 1) as f64;
        let linear = if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        };
        t.extend(((linear * 65535.0).round() as u16).to_be_bytes());
    }
    t
}

/// The profile's bytes.
pub fn srgb_profile() -> Vec<u8> {
    let curve = srgb_curve(1024);
    // (signature, data); the three tone curves share one data block.
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", description("sRGB IEC61966-2.1")),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut data = Vec::new();
    let mut entries = Vec::new();
    let mut shared_curve: Option<(u32, u32)> = None;
    for (sig, body) in &tags {
        let is_curve = sig.ends_with(b"TRC");
        let (offset, size) = match shared_curve {
            Some(place) if is_curve => place,
            _ => {
                // Tag data starts on a 4-byte boundary.
                while data.len() % 4 != 0 {
                    data.push(0);
                }
                let place = ((128 + table_len + data.len()) as u32, body.len() as u32);
                data.extend(body);
                if is_curve {
                    shared_curve = Some(place);
                }
                place
            }
        };
        entries.push((*sig, offset, size));
    }
    while data.len() % 4 != 0 {
        data.push(0);
    }
    let size = (128 + table_len + data.len()) as u32;
    let mut out = Vec::with_capacity(size as usize);
    out.extend(size.to_be_bytes());
    out.extend([0; 4]); // preferred CMM: none
    out.extend([0x02, 0x10, 0, 0]); // version 2.1
    out.extend(b"mntrRGB XYZ ");
    // Creation date: fixed, so that the profile (and every PDF/A) is the same on every run.
    for v in [2025u16, 1, 1, 0, 0, 0] {
        out.extend(v.to_be_bytes());
    }
    out.extend(b"acsp");
    out.extend([0; 24]); // platform, flags, manufacturer, model, attributes
    out.extend([0; 4]); // rendering intent: perceptual
    for v in [0.9642, 1.0, 0.8249] {
        out.extend(s15f16(v)); // PCS illuminant, D50
    }
    out.extend([0; 4]); // creator
    out.resize(128, 0);
    out.extend((tags.len() as u32).to_be_bytes());
    for (sig, offset, size) in entries {
        out.extend(sig);
        out.extend(offset.to_be_bytes());
        out.extend(size.to_be_bytes());
    }
    out.extend(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_a_well_formed_rgb_display_profile() {
        let p = srgb_profile();
        assert_eq!(
            u32::from_be_bytes(p[0..4].try_into().unwrap()) as usize,
            p.len()
        );
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        assert_eq!(&p[36..40], b"acsp");
        let count = u32::from_be_bytes(p[128..132].try_into().unwrap()) as usize;
        assert_eq!(count, 9);
        for i in 0..count {
            let e = &p[132 + 12 * i..144 + 12 * i];
            let offset = u32::from_be_bytes(e[4..8].try_into().unwrap()) as usize;
            let size = u32::from_be_bytes(e[8..12].try_into().unwrap()) as usize;
            assert_eq!(offset % 4, 0);
            assert!(offset + size <= p.len());
        }
        assert_eq!(srgb_profile(), p, "the same bytes every time");
    }
}
