//! `vanban watch`: render, then render again whenever a file the render read changes (the
//! document, its tasks file, spreadsheets, CSV, the previous report, template overrides,
//! fonts, pictures). What was read comes from the render itself, through
//! [`crate::sources::Recording`], so a new dependency (a `nguon:` added to the YAML) is
//! watched from the next render on.
//!
//! The parent directory of each file is watched rather than the file: editors save by
//! writing a new file and renaming it over the old one, which ends a watch on the file
//! itself. A burst of events (one save is several) is waited out for [`QUIET`] before the
//! render starts. A failed render writes nothing, so the last good output stays in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::{RecursiveMode, Watcher};

use crate::error::{Code, Error};
use crate::sources::{FileSystem, ReadSet, Recording, Sources};

/// How long the files must stay quiet after a change before the render starts: one save
/// is often several events (write, rename, attributes) within a few milliseconds.
pub const QUIET: Duration = Duration::from_millis(80);

/// The longest a burst of changes can put the render off.
const MAX_WAIT: Duration = Duration::from_millis(600);

/// Render with `render` (given the sources to read through; it reports its own outcome),
/// then again after every change of what it read, until the process is stopped. `inputs`
/// are watched even before a render has read them. Returns only when watching fails.
pub fn run(inputs: &[PathBuf], mut render: impl FnMut(&dyn Sources)) -> Error {
    // Everything any render read: a broken document stops reading early, and its tasks
    // file or spreadsheet still matters once it is fixed.
    let mut read = ReadSet::default();
    read.files.extend(inputs.iter().cloned());
    loop {
        let started = SystemTime::now();
        let recording = Recording::new(&FileSystem);
        render(&recording);
        let now = recording.read_set();
        read.files.extend(now.files);
        read.dirs.extend(now.dirs);
        let watched = Watched::of(&read);
        eprintln!(
            "vanban: đang theo dõi {} tệp; lưu tệp để dựng lại, Ctrl+C để dừng",
            watched.files.len()
        );
        match watched.wait(started) {
            Ok(changed) => eprintln!("vanban: {} thay đổi, dựng lại", shown(&changed).display()),
            Err(e) => return e,
        }
    }
}

/// The watched paths, absolute.
struct Watched {
    files: BTreeSet<PathBuf>,
    dirs: BTreeSet<PathBuf>,
}

impl Watched {
    fn of(read: &ReadSet) -> Watched {
        let abs = |p: &PathBuf| std::path::absolute(p).unwrap_or_else(|_| p.clone());
        Watched {
            files: read.files.iter().map(abs).collect(),
            dirs: read.dirs.iter().map(abs).collect(),
        }
    }

    /// Whether an event on `path` concerns what was read.
    fn concerns(&self, path: &Path) -> bool {
        self.files.contains(path) || path.parent().is_some_and(|d| self.dirs.contains(d))
    }

    /// The directories to watch: each file's own, and each listed directory.
    fn watch_dirs(&self) -> BTreeSet<PathBuf> {
        let mut out: BTreeSet<PathBuf> = self
            .files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        out.extend(self.dirs.iter().cloned());
        // A directory that does not exist (a misspelt path) cannot be watched; its nearest
        // existing ancestor is, so that creating it is seen.
        out.into_iter()
            .filter_map(|d| d.ancestors().find(|a| a.is_dir()).map(Path::to_path_buf))
            .collect()
    }

    /// A file changed after `since` (during the render, before the watch began).
    fn changed_since(&self, since: SystemTime) -> Option<PathBuf> {
        self.files.iter().find_map(|f| {
            let modified = std::fs::metadata(f).and_then(|m| m.modified()).ok()?;
            (modified > since).then(|| f.clone())
        })
    }

    /// Wait until something watched changes, then for the burst to end; the path that
    /// changed first.
    fn wait(&self, started: SystemTime) -> Result<PathBuf, Error> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            if let Ok(ev) = ev {
                for p in ev.paths {
                    let _ = tx.send(p);
                }
            }
        })
        .map_err(watch_error)?;
        for d in self.watch_dirs() {
            watcher
                .watch(&d, RecursiveMode::NonRecursive)
                .map_err(watch_error)?;
        }
        if let Some(f) = self.changed_since(started) {
            return Ok(f);
        }
        let first = loop {
            let p = rx.recv().map_err(|_| watch_error("kênh sự kiện đã đóng"))?;
            if self.concerns(&p) {
                break p;
            }
        };
        let deadline = Instant::now() + MAX_WAIT;
        while let Ok(_p) = rx.recv_timeout(QUIET) {
            if Instant::now() >= deadline {
                break;
            }
        }
        Ok(first)
    }
}

/// `path` relative to the working directory when it is inside it, as the user wrote it.
fn shown(path: &Path) -> &Path {
    std::env::current_dir()
        .ok()
        .and_then(|d| path.strip_prefix(d).ok())
        .unwrap_or(path)
}

fn watch_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        Code::Read,
        format!("không theo dõi được các tệp (inotify): {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_concern_read_files_and_listed_directories_only() {
        let mut read = ReadSet::default();
        read.files.insert(PathBuf::from("/d/van-ban.yaml"));
        read.dirs.insert(PathBuf::from("/mau"));
        let w = Watched::of(&read);
        assert!(w.concerns(Path::new("/d/van-ban.yaml")));
        assert!(w.concerns(Path::new("/mau/bao-cao.docx.tera")));
        assert!(!w.concerns(Path::new("/d/out.pdf")));
        assert!(!w.concerns(Path::new("/d/.van-ban.yaml.swp")));
    }
}
