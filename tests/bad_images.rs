//! Signature images that do not decode: `validate` and `render` both refuse them with the
//! YAML position of `anh_chu_ky` and a Vietnamese reason, write nothing, and never try to
//! allocate what a forged header claims.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const DOC: &str = "\
loai: bao-cao
co_quan_ban_hanh: UBND XÃ TÂN LẬP
viet_tat: UBND
dia_danh: Tân Lập
ngay: 2025-10-05
trich_yeu: Kết quả tháng 9/2025
noi_dung: [Một đoạn văn.]
chu_ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: Lê Văn An
  anh_chu_ky: anh.png
noi_nhan: {gui: [UBND tỉnh]}
";
/// Where `anh_chu_ky`'s value starts in [`DOC`].
const POS: &str = "van-ban.yaml:11:15:";

const SIG: &[u8] = b"\x89PNG\r\n\x1a\n";

fn chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    let mut c = kind.to_vec();
    c.extend_from_slice(body);
    let mut crc = flate2::Crc::new();
    crc.update(&c);
    out.extend_from_slice(&c);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

fn ihdr(w: u32, h: u32, depth: u8, colour: u8, interlace: u8) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&[depth, colour, 0, 0, interlace]);
    b
}

fn zlib(raw: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(raw).unwrap();
    z.finish().unwrap()
}

/// A PNG from a header and compressed data.
fn png_with(ihdr: &[u8], idat: &[u8]) -> Vec<u8> {
    let mut out = SIG.to_vec();
    chunk(&mut out, b"IHDR", ihdr);
    chunk(&mut out, b"IDAT", idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A valid w×h 8-bit black PNG (filter 0 on each row), Adam7-interlaced if asked.
fn grey(w: u32, h: u32, interlace: u8) -> Vec<u8> {
    let passes: &[(u32, u32, u32, u32)] = if interlace == 1 {
        &[
            (0, 0, 8, 8),
            (4, 0, 8, 8),
            (0, 4, 4, 8),
            (2, 0, 4, 4),
            (0, 2, 2, 4),
            (1, 0, 2, 2),
            (0, 1, 1, 2),
        ]
    } else {
        &[(0, 0, 1, 1)]
    };
    let size: u32 = passes
        .iter()
        .map(|&(x0, y0, dx, dy)| {
            let (pw, ph) = (
                (w.saturating_sub(x0)).div_ceil(dx),
                (h.saturating_sub(y0)).div_ceil(dy),
            );
            if pw == 0 { 0 } else { ph * (pw + 1) }
        })
        .sum();
    let raw = vec![0u8; size as usize];
    png_with(&ihdr(w, h, 8, 0, interlace), &zlib(&raw))
}

/// A zlib stream of `n` zero bytes without compressing them: one fixed-Huffman block of a
/// literal 0 and length-258 copies at distance 1, then literal zeros.
fn zlib_zeros(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, v: u64, n: u32) {
            self.acc |= v << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, v: u64, n: u32) {
            let r = (0..n).fold(0, |r, i| r | (((v >> i) & 1) << (n - 1 - i)));
            self.put(r, n);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.code(0xC5, 8); // length 258 (code 285)
        b.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    if b.len > 0 {
        b.put(0, 8 - b.len);
    }
    let adler = ((n % 65521) as u32) << 16 | 1;
    b.out.extend_from_slice(&adler.to_be_bytes());
    b.out
}

/// A document with `png` as its signature, validated and rendered where an old output
/// exists under a 1 GB address-space limit: both fail with `expect` at `anh_chu_ky`, fast,
/// and leave the output folder as it was.
fn assert_refused(png: &[u8], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), DOC).unwrap();
    std::fs::write(dir.path().join("anh.png"), png).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("van-ban.pdf"), b"old").unwrap();
    for args in [
        &["validate", "van-ban.yaml"][..],
        &["render", "van-ban.yaml", "-o", "out"][..],
    ] {
        let start = Instant::now();
        let (code, _, err) = limited(args, dir.path());
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{args:?} took {:?}",
            start.elapsed()
        );
        assert!(
            err.starts_with(&format!("lỗi: {POS} ảnh chữ ký anh.png: ")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(expect),
            "{args:?}: expected {expect:?} in {err}"
        );
        for marker in ["panicked", "error", "invalid", "expected", "PNG decoding"] {
            assert!(!err.contains(marker), "English in: {err}");
        }
        let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
        assert_eq!(left.len(), 1, "{args:?} wrote into out/");
        assert_eq!(std::fs::read(out.join("van-ban.pdf")).unwrap(), b"old");
    }
}

/// Run the binary with at most 1 GB of address space: a decoder that believed a forged
/// header would fail to allocate (and abort) instead of reporting the error.
fn limited(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_good_signature_is_accepted() {
    // The harness itself: the same document with a decodable image passes both commands.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), DOC).unwrap();
    std::fs::write(dir.path().join("anh.png"), grey(30, 10, 0)).unwrap();
    let (code, _, err) = limited(&["render", "van-ban.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 0, "{err}");
    // An interlaced PNG decodes too (Adam7), to the same size.
    std::fs::write(dir.path().join("anh.png"), grey(30, 10, 1)).unwrap();
    let (code, _, err) = limited(&["render", "van-ban.yaml", "-o", "out2"], dir.path());
    assert_eq!(code, 0, "{err}");
    let (a, b) = (
        std::fs::read(dir.path().join("out/van-ban.pdf")).unwrap(),
        std::fs::read(dir.path().join("out2/van-ban.pdf")).unwrap(),
    );
    assert_eq!(
        image_streams(&a),
        image_streams(&b),
        "the same pixels give the same image"
    );
}

/// The bytes of every image XObject of a PDF, in object order.
fn image_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let images: Vec<Vec<u8>> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .map(|s| s.content.clone())
        .collect();
    assert!(!images.is_empty(), "the PDF has an image");
    images
}

#[test]
fn header_with_wrapping_dimensions() {
    // 2^32−1 × 2^32−1 RGBA 16-bit: rows × stride overflows 64 bits.
    let png = png_with(&ihdr(u32::MAX, u32::MAX, 16, 6, 0), &zlib(&[0; 16]));
    assert_refused(&png, "quá lớn: tối đa 16.777.216 điểm ảnh");
}

#[test]
fn twenty_thousand_square_of_zeros() {
    // 400 million pixels compressed to a few MB: refused from the header, in no time.
    let n = 20_000 * 20_001;
    let png = png_with(&ihdr(20_000, 20_000, 8, 0, 0), &zlib_zeros(n));
    assert!(png.len() < 3 << 20, "{}", png.len());
    assert_refused(&png, "ảnh 20000 × 20000 điểm ảnh quá lớn");
}

#[test]
fn truncated_file() {
    let good = grey(40, 20, 0);
    assert_refused(&good[..good.len() - 20], "bị cắt cụt");
    // Cut inside IEND: the chunks before it are intact.
    assert_refused(&good[..good.len() - 4], "bị cắt cụt");
}

#[test]
fn bad_zlib_data() {
    let png = png_with(&ihdr(4, 4, 8, 0, 0), b"\x78\x9c\xff\xff\xff\xff\xff\xff");
    assert_refused(&png, "dữ liệu ảnh nén (zlib) bị hỏng");
}

#[test]
fn short_image_data() {
    let png = png_with(&ihdr(40, 40, 8, 0, 0), &zlib(&[0; 100]));
    assert_refused(&png, "ngắn hơn kích thước khai báo");
}

#[test]
fn zero_by_zero() {
    let png = png_with(&ihdr(0, 0, 8, 6, 0), &zlib(&[]));
    assert_refused(&png, "kích thước 0 × 0 điểm ảnh");
}

#[test]
fn signature_only() {
    // Accepted by `validate` and silently dropped by `render` before.
    assert_refused(SIG, "thiếu khối IHDR");
}

#[test]
fn bad_checksum() {
    let mut png = grey(4, 4, 0);
    png[SIG.len() + 8] ^= 0x40; // a byte of IHDR's body
    assert_refused(&png, "sai mã kiểm tra (CRC) của khối IHDR");
}

#[test]
fn unsupported_colour_type_and_depth() {
    assert_refused(
        &png_with(&ihdr(4, 4, 8, 5, 0), &zlib(&[0; 20])),
        "kiểu màu 5 với độ sâu 8 bit",
    );
    assert_refused(
        &png_with(&ihdr(4, 4, 4, 2, 0), &zlib(&[0; 40])),
        "kiểu màu 2 với độ sâu 4 bit",
    );
    // An interlace method the standard does not have.
    assert_refused(&png_with(&ihdr(4, 4, 8, 0, 2), &zlib(&[0; 20])), "xen kẽ");
}

#[test]
fn not_a_png_and_not_a_file() {
    assert_refused(b"GIF89a....", "không phải ảnh PNG hoặc JPEG");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), DOC).unwrap();
    std::fs::create_dir(dir.path().join("anh.png")).unwrap();
    let (code, _, err) = limited(&["validate", "van-ban.yaml"], dir.path());
    assert_eq!(code, 1);
    let expect = format!("{POS} không đọc được ảnh chữ ký anh.png: ");
    assert!(err.contains(&expect), "{err}");
    assert!(err.contains("không phải tệp thông thường"), "{err}");
}
