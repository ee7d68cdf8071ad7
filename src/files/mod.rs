//! Every file vanban reads from disk goes through [`read_regular`] (behind
//! [`crate::sources::FileSystem`]): only regular files (a FIFO would
//! block, `/dev/zero` would grow memory without end), each kind of file with its size limit.
//! Writing ([`write`]) replaces all outputs of a run together; [`guard`] removes temporary
//! files when a signal or an internal error ends the run. I/O errors are described in
//! Vietnamese by [`io_reason`], never with the system's English text.

pub mod archive;
pub mod guard;
pub mod staging;
pub mod write;

use std::io::Read;
use std::path::Path;

use crate::error::{Code, Error};

const MIB: u64 = 1024 * 1024;

/// A kind of input file: how messages call it and how large it may be.
#[derive(Debug, Clone, Copy)]
pub struct FileKind {
    /// "tệp", "ảnh chữ ký", … as used in messages.
    pub what: &'static str,
    /// Largest accepted size in bytes.
    pub limit: u64,
}

/// Text files: the YAML document, tasks files, previous reports, holiday files and template
/// overrides. A 100 000-row table written in YAML is about 10 MiB.
pub const TEXT: FileKind = FileKind {
    what: "tệp",
    limit: 64 * MIB,
};
/// Data sources: Excel and OpenDocument workbooks.
pub const SPREADSHEET: FileKind = FileKind {
    what: "tệp bảng tính",
    limit: 200 * MIB,
};
/// Data sources: CSV files.
pub const CSV: FileKind = FileKind {
    what: "tệp CSV",
    limit: 200 * MIB,
};
/// Signature and seal images (`anh_chu_ky`).
pub const IMAGE: FileKind = FileKind {
    what: "ảnh",
    limit: 20 * MIB,
};
/// Font faces from `--font-dir` (a CJK face is about 20 MiB).
pub const FONT: FileKind = FileKind {
    what: "tệp phông chữ",
    limit: 64 * MIB,
};

/// Read a whole regular file of at most `kind.limit` bytes. Anything else (a directory, a
/// FIFO, a device, a socket) is refused *before* it is opened, so opening never blocks and
/// reading never grows without bound; at most `limit + 1` bytes are ever read. Errors name
/// the file.
pub fn read_regular(path: &Path, kind: FileKind) -> Result<Vec<u8>, Error> {
    let fail = |m: String| Error::new(Code::Read, m).in_file(path);
    let meta = std::fs::metadata(path).map_err(|e| fail(read_failure(kind, &e)))?;
    if let Some(not) = not_regular(&meta) {
        return Err(fail(format!("{not}, không phải tệp thông thường")));
    }
    if meta.len() > kind.limit {
        return Err(fail(too_large(kind, meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(read_failure(kind, &e)))?;
    // The file could have been replaced between the two looks: check the open one too.
    if let Ok(m) = file.metadata()
        && let Some(not) = not_regular(&m)
    {
        return Err(fail(format!("{not}, không phải tệp thông thường")));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(kind.limit) as usize);
    file.take(kind.limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(read_failure(kind, &e)))?;
    if bytes.len() as u64 > kind.limit {
        return Err(fail(too_large(kind, bytes.len() as u64)));
    }
    Ok(bytes)
}

/// The text of `bytes` read from `path`; a byte that is not UTF-8 is reported at its line and
/// column, with `hint` saying how to save the file correctly.
pub fn decode_utf8(
    path: &Path,
    kind: FileKind,
    bytes: Vec<u8>,
    hint: &str,
) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        Error::new(
            Code::Encoding,
            format!(
                "{} không phải văn bản UTF-8 (byte 0x{:02X} không hợp lệ); {hint}",
                kind.what, bytes[valid]
            ),
        )
        .at(
            path,
            Some(crate::error::line_col_of_byte(&before, before.len())),
        )
    })
}

fn read_failure(kind: FileKind, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("không tìm thấy {}", kind.what),
        std::io::ErrorKind::PermissionDenied => format!("không có quyền đọc {}", kind.what),
        _ => format!("không đọc được {}: {}", kind.what, io_reason(e)),
    }
}

pub(crate) fn too_large(kind: FileKind, size: u64) -> String {
    format!(
        "{} quá lớn ({}; giới hạn {} MiB)",
        kind.what,
        human_size(size),
        kind.limit / MIB
    )
}

fn human_size(n: u64) -> String {
    if n >= MIB {
        format!("{} MiB", n.div_ceil(MIB))
    } else {
        format!("{n} byte")
    }
}

/// Why `meta` is not a regular file, in words ("đây là một thư mục"), or `None` when it is one.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("đây là một thư mục");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("đây là một ống dẫn (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("đây là một thiết bị");
        }
        if t.is_socket() {
            return Some("đây là một socket");
        }
    }
    Some("đây là một đối tượng đặc biệt")
}

/// The reason of an I/O error in Vietnamese, for "không đọc được tệp: …" / "không ghi được
/// tệp: …". The system's own (English) text is never shown; an unknown error gives its
/// number so that it can still be looked up.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let s = match e.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục",
        K::PermissionDenied => "không có quyền đọc/ghi",
        K::AlreadyExists => "tệp đã tồn tại",
        K::IsADirectory => "là một thư mục",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::DirectoryNotEmpty => "thư mục không rỗng",
        K::StorageFull => "không đủ chỗ trên ổ đĩa",
        K::QuotaExceeded => "vượt hạn mức dung lượng được cấp trên ổ đĩa",
        K::FileTooLarge => "vượt giới hạn kích thước tệp",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        K::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài",
        K::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác",
        K::ResourceBusy | K::ExecutableFileBusy => "tệp đang được chương trình khác sử dụng",
        K::TooManyLinks => "quá nhiều liên kết",
        K::Interrupted => "bị ngắt giữa chừng",
        K::OutOfMemory => "không đủ bộ nhớ",
        K::TimedOut => "quá thời gian chờ",
        K::UnexpectedEof => "tệp kết thúc sớm hơn dự kiến",
        K::InvalidData => "dữ liệu trong tệp không hợp lệ",
        K::Unsupported => "hệ thống không hỗ trợ thao tác này",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("lỗi hệ thống tệp (mã lỗi {code})"),
                None => "lỗi hệ thống tệp".to_string(),
            };
        }
    };
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_vietnamese() {
        for code in [1, 2, 13, 17, 20, 21, 27, 28, 30, 36, 5] {
            let r = io_reason(&std::io::Error::from_raw_os_error(code));
            assert!(!r.contains("os error"), "{code}: {r}");
            assert!(!r.is_ascii(), "{code}: {r}");
        }
        assert_eq!(
            io_reason(&std::io::Error::from_raw_os_error(28)),
            "không đủ chỗ trên ổ đĩa"
        );
    }

    #[test]
    fn only_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), TEXT).unwrap_err();
        assert!(e.message.contains("là một thư mục"), "{}", e.message);
        let e = read_regular(Path::new("/dev/zero"), TEXT).unwrap_err();
        assert!(e.message.contains("thiết bị"), "{}", e.message);
        let f = dir.path().join("a.yaml");
        std::fs::write(&f, vec![b'x'; 11]).unwrap();
        let small = FileKind {
            what: "tệp",
            limit: 10,
        };
        let e = read_regular(&f, small).unwrap_err();
        assert!(e.message.contains("quá lớn"), "{}", e.message);
        assert_eq!(read_regular(&f, TEXT).unwrap().len(), 11);
        let e = read_regular(&dir.path().join("khong-co"), TEXT).unwrap_err();
        assert!(e.message.contains("không tìm thấy"), "{}", e.message);
    }

    #[test]
    fn bad_utf8_is_placed() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.csv");
        std::fs::write(&f, b"ten,so\nCaf\xe9,1\n").unwrap();
        let e = decode_utf8(
            &f,
            CSV,
            read_regular(&f, CSV).unwrap(),
            "hãy lưu bằng UTF-8",
        )
        .unwrap_err();
        assert_eq!(e.pos, Some(crate::error::Pos::new(2, 4)));
        assert!(e.message.starts_with("tệp CSV không phải văn bản UTF-8"));
    }
}
