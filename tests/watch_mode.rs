//! `vanban watch`: renders, renders again when the YAML or a file it reads changes, keeps
//! the last good output while the input is broken (printing the error with its position),
//! and refuses what it cannot watch. Latency is measured in `bench/watch.sh`, not here.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(30);

/// A running `vanban watch`, stopped when dropped; its stderr goes to a file.
struct Watching {
    child: Child,
    stderr: PathBuf,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let stderr = dir.join("watch.err");
        let child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        Watching { child, stderr }
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Wait until `cond` holds, failing with the log after [`LIMIT`].
    fn until(&self, what: &str, cond: impl Fn() -> bool) {
        let start = Instant::now();
        while !cond() {
            assert!(
                start.elapsed() < LIMIT,
                "{what}: not within {LIMIT:?}\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait for the `n`th "đang theo dõi" line: the `n`th render is over.
    fn renders(&self, n: usize) {
        self.until(&format!("render {n}"), || {
            self.stderr().matches("đang theo dõi").count() >= n
        });
    }
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_default()
}

/// Replace `from` by `to` in the file at `p` the way editors save: a new file renamed over
/// the old one.
fn save(p: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(p).unwrap();
    assert!(text.contains(from), "{from} not in {}", p.display());
    let tmp = p.with_extension("tmp~");
    std::fs::write(&tmp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&tmp, p).unwrap();
}

#[test]
fn renders_again_on_each_save_and_keeps_the_last_good_output() {
    let dir = tempfile::tempdir().unwrap();
    let ex = common::root().join("data/examples");
    for f in ["theo-doi-tien-do.yaml", "nhiem-vu-2025.yaml"] {
        std::fs::copy(ex.join(f), dir.path().join(f)).unwrap();
    }
    let yaml = dir.path().join("theo-doi-tien-do.yaml");
    let pdf = dir.path().join("out/theo-doi-tien-do.pdf");
    let docx = dir.path().join("out/theo-doi-tien-do.docx");
    let w = Watching::start(dir.path(), &["theo-doi-tien-do.yaml", "-o", "out"]);
    w.renders(1);
    assert!(w.stderr().contains("đang theo dõi 2 tệp"), "{}", w.stderr());
    let first = (read(&pdf), read(&docx));
    assert!(first.0.starts_with(b"%PDF") && first.1.starts_with(b"PK"));

    // A save of the YAML: both formats again, with the new text.
    save(&yaml, "\nso: ", "\nso: 1");
    w.until("a new render after the save", || read(&pdf) != first.0);
    w.until("both formats", || read(&docx) != first.1);
    let second = (read(&pdf), read(&docx));

    // A save of the tasks file it reads.
    let tasks = dir.path().join("nhiem-vu-2025.yaml");
    let text = std::fs::read_to_string(&tasks).unwrap();
    let first_task = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("noi_dung: "))
        .expect("a task")
        .to_string();
    save(&tasks, &first_task, &format!("{first_task} (đã sửa)"));
    w.until("a render after the tasks file changed", || {
        read(&pdf) != second.0
    });
    w.renders(3);
    let third = (read(&pdf), read(&docx));

    // A broken YAML: the error with its position, the outputs left as they were.
    save(&yaml, "\nngay: ", "\nngay: [");
    w.until("the error", || {
        w.stderr().contains("lỗi: theo-doi-tien-do.yaml:")
    });
    w.renders(4);
    assert_eq!((read(&pdf), read(&docx)), third, "a failed render wrote");
    let line = w
        .stderr()
        .lines()
        .find(|l| l.starts_with("lỗi: "))
        .unwrap()
        .to_string();
    let pos: Vec<&str> = line["lỗi: ".len()..].splitn(4, ':').collect();
    assert!(
        pos[1].trim().parse::<u32>().is_ok() && pos[2].trim().parse::<u32>().is_ok(),
        "file:line:column: {line}"
    );

    // Fixed again: rendered again.
    save(&yaml, "\nngay: [", "\nngay: ");
    w.renders(5);
    assert_eq!(read(&pdf), third.0, "the same input gives the same output");
}

#[test]
fn standard_input_and_output_cannot_be_watched() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["watch", "-"][..],
        &["watch", "a.yaml", "-o", "-", "--format", "pdf"][..],
    ] {
        let (code, _, err) = common::vanban(args, dir.path());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("watch"), "{err}");
    }
}
