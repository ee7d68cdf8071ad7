//! The one writer of outputs. A run's outputs (both formats of every document of a batch,
//! every checklist) are replaced together:
//!
//! 1. checks: no two outputs with the same path, no existing output that is a directory or
//!    read-only;
//! 2. stale temporaries of killed runs are removed from each output directory;
//! 3. every output is written to a temporary `.vanban-<pid>-<name>.tmp` beside it;
//! 4. the commit phase: all temporaries are renamed into place, with SIGINT/SIGTERM
//!    deferred ([`super::guard`]).
//!
//! Any error before the commit phase removes every temporary: nothing is created or
//! overwritten.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use super::{guard, io_reason};
use crate::error::{Code, Diagnostics, Error};

/// A temporary older than this is stale even if a process with its pid runs (the pid may
/// have been reused). Writing a batch takes seconds.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// One output file, and the input it comes from (for messages).
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub input: PathBuf,
}

/// Write every output, all or nothing (see the module documentation).
pub fn commit(outputs: &[Output]) -> Result<(), Diagnostics> {
    let targets: Vec<(PathBuf, &Path)> = outputs
        .iter()
        .map(|o| (o.path.clone(), o.input.as_path()))
        .collect();
    check_unique(&targets)?;
    let errs: Diagnostics = outputs
        .iter()
        .filter_map(|o| check_target(&o.path).err())
        .collect();
    if !errs.is_empty() {
        return Err(errs);
    }
    let result = prepare(outputs);
    let temps = match result {
        Ok(t) => t,
        Err(e) => {
            guard::remove_temps();
            return Err(e.into());
        }
    };
    let pairs: Vec<(PathBuf, &Path)> = temps
        .into_iter()
        .zip(outputs)
        .map(|(t, o)| (t, o.path.as_path()))
        .collect();
    rename_into_place(&pairs)
}

/// The commit phase: every temporary renamed over its output, with SIGINT/SIGTERM deferred.
/// A failed rename removes the temporaries left and names the outputs already replaced.
pub(super) fn rename_into_place(pairs: &[(PathBuf, &Path)]) -> Result<(), Diagnostics> {
    guard::begin_commit();
    let mut done = 0;
    let mut failure = None;
    for (i, (tmp, path)) in pairs.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            failure = Some((i, e));
            break;
        }
        guard::forget_temp(tmp);
        done += 1;
        if i == 0 {
            guard::test_point("commit");
        }
    }
    if let Some((i, e)) = failure {
        guard::remove_temps();
        guard::end_commit(false);
        let mut msg = format!("không ghi được tệp: {}", io_reason(&e));
        if done > 0 {
            let replaced: Vec<String> = pairs[..done]
                .iter()
                .map(|(_, p)| p.display().to_string())
                .collect();
            msg.push_str(&format!(
                " (các tệp đã được thay trước lỗi này: {})",
                replaced.join(", ")
            ));
        }
        return Err(Error::new(Code::Write, msg).in_file(pairs[i].1).into());
    }
    guard::keep_dirs();
    guard::set_current(None);
    guard::end_commit(true);
    Ok(())
}

/// Directories, stale temporaries and the temporaries themselves, in that order. Returns
/// the temporary of each output.
fn prepare(outputs: &[Output]) -> Result<Vec<PathBuf>, Error> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for o in outputs {
        prepare_dir(&mut dirs, dir_of(&o.path))?;
    }
    let mut temps = Vec::new();
    for o in outputs {
        temps.push(temporary_of(o)?);
        if temps.len() == 1 {
            guard::test_point("temp");
        }
    }
    Ok(temps)
}

/// Write an output's bytes to its temporary (its directory exists); returns the temporary.
pub(super) fn temporary_of(o: &Output) -> Result<PathBuf, Error> {
    guard::set_current(Some(&o.input));
    let tmp = temp_name(&o.path);
    write_temp(&tmp, &o.path, &o.bytes).map_err(|e| {
        Error::new(
            Code::Write,
            format!("không ghi được tệp: {}", io_reason(&e)),
        )
        .in_file(&o.path)
    })?;
    Ok(tmp)
}

/// Create an output directory and clear its stale temporaries, once per run (`done` holds
/// the directories already prepared).
pub(super) fn prepare_dir(done: &mut Vec<PathBuf>, dir: &Path) -> Result<(), Error> {
    if !done.iter().any(|d| d == dir) {
        create_dirs(dir)?;
        clean_stale(dir);
        done.push(dir.to_path_buf());
    }
    Ok(())
}

pub(super) fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.vanban-<pid>-<name>.tmp` beside `path`.
fn temp_name(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    dir_of(path).join(format!(".vanban-{}-{name}.tmp", std::process::id()))
}

fn write_temp(tmp: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = guard::create_temp(tmp)?;
    f.write_all(bytes)?;
    // The replaced output keeps its permissions.
    if let Ok(m) = std::fs::metadata(target) {
        f.set_permissions(m.permissions())?;
    }
    f.sync_all()
}

/// Create `dir` and its missing parents, recording each one created so that a failed run
/// can remove them again.
fn create_dirs(dir: &Path) -> Result<(), Error> {
    let mut missing = Vec::new();
    let mut d = dir;
    while !d.as_os_str().is_empty() && !d.exists() {
        missing.push(d);
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    for d in missing.into_iter().rev() {
        match std::fs::create_dir(d) {
            Ok(()) => guard::created_dir(d),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => {
                return Err(Error::new(
                    Code::Write,
                    format!("không tạo được thư mục {}: {}", d.display(), io_reason(&e)),
                ));
            }
        }
    }
    Ok(())
}

/// An existing output must be a file the user lets us replace.
pub(super) fn check_target(path: &Path) -> Result<(), Error> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(Error::new(
            Code::Write,
            "không ghi được tệp: đã có một thư mục trùng tên",
        )
        .in_file(path));
    }
    if meta.permissions().readonly() {
        return Err(Error::new(
            Code::Write,
            "tệp kết quả đã có và đang được đặt chỉ đọc (không có quyền ghi); vanban không \
             ghi đè — bỏ thuộc tính chỉ đọc hoặc xóa tệp nếu muốn ghi lại",
        )
        .in_file(path));
    }
    Ok(())
}

/// Refuse two outputs with the same path (two inputs with the same name rendered into one
/// directory, or one input given twice), naming both inputs.
pub fn check_unique(targets: &[(PathBuf, &Path)]) -> Result<(), Diagnostics> {
    let mut seen: Vec<(PathBuf, &Path)> = Vec::new();
    let mut errs = Diagnostics::new();
    for (path, input) in targets {
        let key = normalized(path);
        match seen.iter().find(|(k, _)| *k == key) {
            Some((_, first)) => errs.push(clash(path, input, first)),
            None => seen.push((key, input)),
        }
    }
    // One message per clash is enough: both formats of one input clash together.
    errs.dedup_by(|a, b| a.file == b.file);
    errs.check()
}

/// Two outputs of a run at one path: `input`'s and the earlier one of `first`.
pub(super) fn clash(path: &Path, input: &Path, first: &Path) -> Error {
    let message = if first == input {
        format!(
            "tệp được nêu hai lần trong lệnh; tệp kết quả {} sẽ bị ghi hai lần",
            path.display()
        )
    } else {
        format!(
            "tệp kết quả {} trùng với tệp kết quả của {}; hai tệp đầu vào không được ghi \
             ra cùng một tệp (đổi tên một tệp, hoặc xuất riêng từng tệp với -o khác nhau)",
            path.display(),
            first.display()
        )
    };
    Error::new(Code::Duplicate, message).in_file(input)
}

/// The path with its existing directory resolved (symbolic links, `..`), so that two
/// spellings of one file compare equal.
pub(super) fn normalized(path: &Path) -> PathBuf {
    let dir = dir_of(path);
    let name = path.file_name().unwrap_or_default();
    if let Ok(d) = std::fs::canonicalize(dir) {
        return d.join(name);
    }
    let abs = std::env::current_dir().unwrap_or_default().join(path);
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Remove temporaries that killed runs (`kill -9`, a power cut) left in `dir`: vanban's
/// own names only (`.vanban-<pid>-<name>.tmp`, and `.<name>.<pid>.tmp` of older versions),
/// and only when no process with that pid runs or the file is older than ten minutes.
pub fn clean_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = temp_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old || !process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The pid in a vanban temporary's name.
fn temp_pid(name: &str) -> Option<u32> {
    let digits = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(rest) = name.strip_prefix(".vanban-") {
        let (pid, tail) = rest.split_once('-')?;
        return (tail.ends_with(".tmp") && tail.len() > 4)
            .then(|| digits(pid))
            .flatten();
    }
    // Older versions: ".<stem>.docx.<pid>.tmp" / ".<stem>.pdf.<pid>.tmp".
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (stem, pid) = rest.rsplit_once('.')?;
    (stem.ends_with(".docx") || stem.ends_with(".pdf") || stem.ends_with(".yaml"))
        .then(|| digits(pid))
        .flatten()
}

/// Whether a process with this pid runs. Without `/proc` nothing is known: assume it does
/// (the age rule still applies).
fn process_alive(pid: u32) -> bool {
    let proc_ = Path::new("/proc");
    if !proc_.join("self").exists() {
        return true;
    }
    proc_.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised() {
        assert_eq!(temp_pid(".vanban-123-bao-cao.docx.tmp"), Some(123));
        assert_eq!(temp_pid(".vanban-123-a-b.pdf.tmp"), Some(123));
        assert_eq!(temp_pid(".bao-cao.docx.4567.tmp"), Some(4567));
        assert_eq!(temp_pid(".vanban-x1-a.tmp"), None);
        assert_eq!(temp_pid(".vanban-12-.tmp"), None);
        assert_eq!(temp_pid("ghi-chu.tmp"), None);
        assert_eq!(temp_pid(".ghi-chu.txt.12.tmp"), None);
        assert_eq!(temp_pid("vanban-12-a.tmp"), None);
    }

    #[test]
    fn stale_temporaries_only() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // pid 4194304 is above Linux's largest pid: never alive.
        let dead = d.join(".vanban-4194304-a.docx.tmp");
        let mine = d.join(format!(".vanban-{}-a.docx.tmp", std::process::id()));
        let user = d.join("ghi-chu.tmp");
        for p in [&dead, &mine, &user] {
            std::fs::write(p, b"x").unwrap();
        }
        clean_stale(d);
        assert!(!dead.exists());
        assert!(mine.exists() && user.exists());
    }

    #[test]
    fn duplicates_name_both_inputs() {
        let a = Path::new("a/x.yaml");
        let b = Path::new("b/x.yaml");
        let t = |s: &str| PathBuf::from(s);
        let errs = check_unique(&[
            (t("out/x.docx"), a),
            (t("out/x.pdf"), a),
            (t("out/./x.docx"), b),
            (t("out/x.pdf"), b),
        ])
        .unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].file.as_deref(), Some(b));
        assert!(errs[0].message.contains("a/x.yaml"), "{}", errs[0].message);
    }
}
