//! The one interface through which the pipeline reads files (in the spirit of typst's
//! `World`): the document, tasks files, spreadsheets, the previous report, templates, images,
//! holiday calendars and fonts. [`FileSystem`] reads the disk, exactly as the command line
//! always has; [`InMemory`] serves bytes from a map, so that tests, a watch mode or a preview
//! can render with no file system at all. Only the writer ([`crate::files::write`]) and the
//! command line touch the disk themselves.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::error::{Code, Error};
use crate::files::FileKind;

/// Where the pipeline's input files come from. `Sync`: stages run on several threads.
pub trait Sources: Sync {
    /// The whole content of the regular file at `path`, at most `kind.limit` bytes; errors
    /// name the file and say in Vietnamese what is wrong (see [`crate::files::read_regular`]).
    fn read(&self, path: &Path, kind: FileKind) -> Result<Cow<'_, [u8]>, Error>;

    /// Whether anything (a file, a directory, …) is at `path`: stages that say "không tìm
    /// thấy …" in words of their own ask this before reading.
    fn exists(&self, path: &Path) -> bool;

    /// The entries of directory `dir` (`--templates`, `--font-dir`), in no particular order;
    /// the error is the system's, described by [`crate::files::io_reason`].
    fn list(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>>;

    /// Whether `a` and `b` name the same file (a report cannot be its own previous one).
    fn same_file(&self, a: &Path, b: &Path) -> bool;
}

/// The files on disk.
#[derive(Debug, Default, Clone, Copy)]
pub struct FileSystem;

impl Sources for FileSystem {
    fn read(&self, path: &Path, kind: FileKind) -> Result<Cow<'_, [u8]>, Error> {
        crate::files::read_regular(path, kind).map(Cow::Owned)
    }

    fn exists(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok()
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let entries = std::fs::read_dir(dir)?;
        // An entry that vanished while listing is skipped, as it always was.
        Ok(entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
    }

    fn same_file(&self, a: &Path, b: &Path) -> bool {
        // After resolving links and `..`.
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Files held in memory, by path. Paths are normalised without a file system (`.` dropped,
/// `..` taking off the component before it), so `a/../b.yaml`, `./b.yaml` and `b.yaml` are
/// one file. A path that is a prefix of stored files is a directory.
#[derive(Debug, Default, Clone)]
pub struct InMemory {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl InMemory {
    /// No files at all.
    pub fn new() -> InMemory {
        InMemory::default()
    }

    /// Add (or replace) the file at `path`.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(normalize(path.as_ref()), bytes.into());
    }

    /// With the file at `path` added.
    pub fn with(mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) -> InMemory {
        self.insert(path, bytes);
        self
    }

    fn is_dir(&self, dir: &Path) -> bool {
        self.files.keys().any(|p| p != dir && p.starts_with(dir))
    }
}

impl Sources for InMemory {
    fn read(&self, path: &Path, kind: FileKind) -> Result<Cow<'_, [u8]>, Error> {
        let key = normalize(path);
        let fail = |m: String| Error::new(Code::Read, m).in_file(path);
        match self.files.get(&key) {
            // The same words as the disk's reader.
            Some(b) if b.len() as u64 > kind.limit => {
                Err(fail(crate::files::too_large(kind, b.len() as u64)))
            }
            Some(b) => Ok(Cow::Borrowed(b)),
            None if self.is_dir(&key) => Err(fail(
                "đây là một thư mục, không phải tệp thông thường".to_string(),
            )),
            None => Err(fail(format!("không tìm thấy {}", kind.what))),
        }
    }

    fn exists(&self, path: &Path) -> bool {
        let key = normalize(path);
        self.files.contains_key(&key) || self.is_dir(&key)
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let key = normalize(dir);
        if self.files.contains_key(&key) {
            return Err(std::io::ErrorKind::NotADirectory.into());
        }
        let mut out: Vec<PathBuf> = Vec::new();
        for p in self.files.keys() {
            // The entry directly below `dir`: a file, or the first directory on the way.
            if let Ok(rest) = p.strip_prefix(&key)
                && let Some(first) = rest.components().next()
            {
                let entry = dir.join(first);
                if !out.contains(&entry) {
                    out.push(entry);
                }
            }
        }
        if out.is_empty() {
            return Err(std::io::ErrorKind::NotFound.into());
        }
        Ok(out)
    }

    fn same_file(&self, a: &Path, b: &Path) -> bool {
        let (a, b) = (normalize(a), normalize(b));
        a == b && self.files.contains_key(&a)
    }
}

/// One file served from memory, every other from `base`: standard input read as the
/// document (`vanban render -`), whose relative paths resolve from the working directory.
pub struct Overlay<'a> {
    base: &'a dyn Sources,
    path: PathBuf,
    bytes: Vec<u8>,
}

impl<'a> Overlay<'a> {
    /// `bytes` served as the file at `path`; everything else read from `base`.
    pub fn new(base: &'a dyn Sources, path: impl Into<PathBuf>, bytes: Vec<u8>) -> Overlay<'a> {
        Overlay {
            base,
            path: path.into(),
            bytes,
        }
    }
}

impl Sources for Overlay<'_> {
    fn read(&self, path: &Path, kind: FileKind) -> Result<Cow<'_, [u8]>, Error> {
        if path != self.path {
            return self.base.read(path, kind);
        }
        if self.bytes.len() as u64 > kind.limit {
            let m = crate::files::too_large(kind, self.bytes.len() as u64);
            return Err(Error::new(Code::Read, m).in_file(path));
        }
        Ok(Cow::Borrowed(&self.bytes))
    }

    fn exists(&self, path: &Path) -> bool {
        path == self.path || self.base.exists(path)
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        self.base.list(dir)
    }

    fn same_file(&self, a: &Path, b: &Path) -> bool {
        if a == self.path || b == self.path {
            a == b
        } else {
            self.base.same_file(a, b)
        }
    }
}

/// What a render read: every file it read or looked for, and every directory it listed.
/// `vanban watch` renders again when one of them changes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReadSet {
    /// Files read, or asked about (a missing file that appears matters too).
    pub files: std::collections::BTreeSet<PathBuf>,
    /// Directories listed (`--templates`, `--font-dir`): any change inside them matters.
    pub dirs: std::collections::BTreeSet<PathBuf>,
}

/// `base`, recording every path the pipeline reads, asks about or lists ([`ReadSet`]).
pub struct Recording<'a> {
    base: &'a dyn Sources,
    seen: std::sync::Mutex<ReadSet>,
}

impl<'a> Recording<'a> {
    /// Nothing recorded yet.
    pub fn new(base: &'a dyn Sources) -> Recording<'a> {
        Recording {
            base,
            seen: std::sync::Mutex::new(ReadSet::default()),
        }
    }

    /// What was read so far.
    pub fn read_set(&self) -> ReadSet {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn note_file(&self, path: &Path) {
        if let Ok(mut s) = self.seen.lock() {
            s.files.insert(path.to_path_buf());
        }
    }
}

impl Sources for Recording<'_> {
    fn read(&self, path: &Path, kind: FileKind) -> Result<Cow<'_, [u8]>, Error> {
        self.note_file(path);
        self.base.read(path, kind)
    }

    fn exists(&self, path: &Path) -> bool {
        self.note_file(path);
        self.base.exists(path)
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        if let Ok(mut s) = self.seen.lock() {
            s.dirs.insert(dir.to_path_buf());
        }
        self.base.list(dir)
    }

    fn same_file(&self, a: &Path, b: &Path) -> bool {
        self.base.same_file(a, b)
    }
}

/// `path` without `.` components and with each `..` taking off the component before it
/// (a `..` above the root stays at the root; one above a relative path is kept).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// Read a UTF-8 text file through `sources` (see [`crate::files::decode_utf8`]).
pub fn read_utf8(
    sources: &dyn Sources,
    path: &Path,
    kind: FileKind,
    hint: &str,
) -> Result<String, Error> {
    let bytes = sources.read(path, kind)?.into_owned();
    crate::files::decode_utf8(path, kind, bytes, hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::TEXT;

    #[test]
    fn paths_are_normalised() {
        let m = InMemory::new().with("d/b.yaml", "x");
        for p in [
            "d/b.yaml",
            "./d/b.yaml",
            "d/./b.yaml",
            "d/e/../b.yaml",
            "e/../d/b.yaml",
        ] {
            assert_eq!(&*m.read(Path::new(p), TEXT).unwrap(), b"x", "{p}");
        }
        assert!(m.same_file(Path::new("d/b.yaml"), Path::new("./d/x/../b.yaml")));
        assert_eq!(normalize(Path::new("/../a")), Path::new("/a"));
        assert_eq!(normalize(Path::new("../a/./b/..")), Path::new("../a"));
    }

    #[test]
    fn missing_files_directories_and_limits() {
        let m = InMemory::new()
            .with("/m/d/a.xml", "a")
            .with("/m/d/sub/b.xml", "b")
            .with("/m/big", vec![0u8; 11]);
        let e = m.read(Path::new("/m/khong-co"), TEXT).unwrap_err();
        assert_eq!(e.message, "không tìm thấy tệp");
        assert_eq!(e.file.as_deref(), Some(Path::new("/m/khong-co")));
        let e = m.read(Path::new("/m/d"), TEXT).unwrap_err();
        assert!(e.message.contains("là một thư mục"), "{}", e.message);
        let small = FileKind {
            what: "tệp",
            limit: 10,
        };
        let e = m.read(Path::new("/m/big"), small).unwrap_err();
        assert!(e.message.contains("quá lớn"), "{}", e.message);
        assert!(m.exists(Path::new("/m/d")) && !m.exists(Path::new("/m/x")));
        let mut l = m.list(Path::new("/m/d")).unwrap();
        l.sort();
        assert_eq!(l, [Path::new("/m/d/a.xml"), Path::new("/m/d/sub")]);
        assert!(m.list(Path::new("/khong")).is_err());
        assert!(m.list(Path::new("/m/big")).is_err());
    }
}
