//! Workbooks (.xlsx, .xlsb, .ods) are zip archives that calamine unpacks in memory. A small
//! file can claim gigabytes once unpacked (a zip bomb), so the sizes its parts declare are
//! summed before calamine sees it.

use std::io::Cursor;

/// The most a workbook may unpack to: a 100 000-row sheet is about 50 MiB unpacked.
pub const MAX_UNPACKED: u64 = 1024 * 1024 * 1024;

/// Refuse an archive whose parts declare more than [`MAX_UNPACKED`] bytes in all. Bytes
/// that are not a zip archive pass: the workbook reader reports them.
pub fn check_unpacked_size(bytes: &[u8]) -> Result<(), String> {
    check_against(bytes, MAX_UNPACKED)
}

fn check_against(bytes: &[u8], max: u64) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            return Err("tệp bảng tính bị hỏng (không đọc được danh mục các phần nén)".into());
        };
        total = total.saturating_add(part.size());
        if total > max {
            return Err(format!(
                "tệp bảng tính khi giải nén vượt quá {} MiB; bảng tính thật không lớn như vậy \
                 (tệp có thể bị hỏng hoặc được tạo để làm tràn bộ nhớ)",
                max / (1024 * 1024)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_workbook_that_unpacks_too_large_is_refused() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            let chunk = vec![0u8; 1 << 20];
            z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            for _ in 0..9 {
                z.write_all(&chunk).unwrap();
            }
            z.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
        assert!(
            check_against(&bytes, 8 << 20)
                .unwrap_err()
                .contains("8 MiB")
        );
        assert_eq!(check_against(&bytes, 16 << 20), Ok(()));
        assert_eq!(check_unpacked_size(b"not a zip"), Ok(()));
    }
}
