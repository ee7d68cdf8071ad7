//! Batches, interruptions and odd files: a batch writes all or nothing; signals, a file-size
//! limit, a full disk and internal errors leave no temporary file; only regular files are
//! read, so a FIFO or /dev/zero neither blocks nor grows memory.
//!
//! `VANBAN_BIN` may name another binary to run these tests against (e.g. an older build).
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOC: &str = "loai: bao-cao
co_quan_ban_hanh: UBND XÃ TÂN LẬP
viet_tat: UBND
dia_danh: Tân Lập
ngay: 2025-10-05
trich_yeu: Kết quả tháng 9/2025
noi_dung: [Một đoạn văn.]
chu_ky: {chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An}
noi_nhan: {gui: [UBND tỉnh]}
";

/// An annex table read from `du-lieu.csv` (columns "Ten", "So").
const CSV_ANNEX: &str = "phu_luc:
  - tieu_de: Số liệu
    bang:
      nguon:
        tep: du-lieu.csv
        cot: {ten: Ten, so: So}
      cot:
        - {ten: STT, loai: stt}
        - {id: ten, ten: Tên}
        - {id: so, ten: Số, loai: so}
";

fn bin() -> PathBuf {
    std::env::var_os("VANBAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_vanban")))
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Run `cmd` to its end, killing it after `limit` (a hang fails the test).
fn finish(mut cmd: Command, limit: Duration) -> Run {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait(child, limit)
}

fn wait(mut child: std::process::Child, limit: Duration) -> Run {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "vanban did not finish within {limit:?} (stderr: {})",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn vanban(args: &[&str], cwd: &Path) -> Run {
    let mut c = Command::new(bin());
    c.args(args).current_dir(cwd);
    finish(c, Duration::from_secs(60))
}

/// Names, bytes and permissions of every file under `dir`.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(dir).unwrap().to_path_buf();
            if meta.is_dir() {
                out.insert(rel, (Vec::new(), meta.permissions().mode()));
                stack.push(p);
            } else if meta.is_file() {
                out.insert(rel, (std::fs::read(&p).unwrap(), meta.permissions().mode()));
            } else {
                out.insert(rel, (b"(special)".to_vec(), meta.permissions().mode()));
            }
        }
    }
    out
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// A workspace with `x.yaml` and an `out/` holding old outputs.
fn workspace(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.yaml"), yaml).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("x.docx"), b"old docx").unwrap();
    std::fs::write(out.join("x.pdf"), b"old pdf").unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

fn assert_clean_failure(r: &Run, expect: &[&str]) {
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    for e in expect {
        assert!(r.stderr.contains(e), "expected {e:?} in: {}", r.stderr);
    }
    for english in [
        "os error",
        "panicked",
        "Is a directory",
        "No such file",
        "File exists",
    ] {
        assert!(!r.stderr.contains(english), "{english:?} in: {}", r.stderr);
    }
}

#[test]
fn a_batch_with_bad_files_writes_nothing_and_lists_every_error() {
    let dir = workspace(DOC);
    let d = dir.path();
    std::fs::write(
        d.join("b.yaml"),
        DOC.replace("ngay: 2025-10-05", "ngay: 2025-13-45"),
    )
    .unwrap();
    std::fs::write(
        d.join("c.yaml"),
        DOC.replace("loai: bao-cao", "loai: khong-co"),
    )
    .unwrap();
    let before = snapshot(d);
    let r = vanban(&["render", "x.yaml", "b.yaml", "c.yaml", "-o", "out"], d);
    assert_eq!(
        snapshot(d),
        before,
        "a batch with errors changed the folder"
    );
    assert_clean_failure(
        &r,
        &["lỗi: b.yaml:5:", "lỗi: c.yaml:1:", "2/3 văn bản có lỗi"],
    );
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    // Without the bad files the batch is written, and a one-line summary ends it.
    std::fs::copy(d.join("x.yaml"), d.join("y.yaml")).unwrap();
    let r = vanban(&["render", "x.yaml", "y.yaml", "-o", "out"], d);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let last = r.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("vanban: đã ghi 2 văn bản (4 tệp), 0 lỗi, ") && last.ends_with(" giây"),
        "{}",
        r.stderr
    );
    assert!(
        std::fs::read(d.join("out/x.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
}

#[test]
fn two_inputs_with_one_output_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for sub in ["a", "b"] {
        std::fs::create_dir(d.join(sub)).unwrap();
        std::fs::write(d.join(sub).join("x.yaml"), DOC).unwrap();
    }
    let before = snapshot(d);
    let r = vanban(&["render", "a/x.yaml", "b/x.yaml", "-o", "out"], d);
    assert_clean_failure(&r, &["lỗi: b/x.yaml: ", "a/x.yaml", "trùng"]);
    assert_eq!(snapshot(d), before);
    // The same file twice is the same clash.
    let r = vanban(&["render", "a/x.yaml", "./a/x.yaml", "-o", "out"], d);
    assert_clean_failure(&r, &["trùng"]);
    assert_eq!(snapshot(d), before);
}

#[test]
fn a_read_only_output_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace(DOC);
    let d = dir.path();
    let docx = d.join("out/x.docx");
    std::fs::set_permissions(&docx, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(d);
    let r = vanban(&["render", "x.yaml", "-o", "out"], d);
    assert_clean_failure(&r, &["lỗi: out/x.docx: ", "chỉ đọc"]);
    assert_eq!(
        snapshot(d),
        before,
        "the read-only output or its PDF was replaced"
    );
}

#[test]
fn stale_temporaries_of_killed_runs_are_removed_and_nothing_else() {
    let dir = workspace(DOC);
    let out = dir.path().join("out");
    // pid 4194304 is above Linux's largest pid: that run is gone.
    let dead = [".vanban-4194304-x.docx.tmp", ".x.pdf.4194304.tmp"];
    // This test's own pid is alive and the file is fresh: a run still writing.
    let live = format!(".vanban-{}-x.pdf.tmp", std::process::id());
    let old_live = format!(".vanban-{}-y.pdf.tmp", std::process::id());
    let user = ["ghi-chu.tmp", ".vanban-ghi-chu.tmp", ".x.txt.4194304.tmp"];
    for n in dead
        .iter()
        .chain(&user)
        .map(|s| s.to_string())
        .chain([live.clone(), old_live.clone()])
    {
        std::fs::write(out.join(n), b"x").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(out.join(&old_live))
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let r = vanban(&["render", "x.yaml", "-o", "out"], dir.path());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut left = temporaries(&out);
    left.sort();
    let mut want: Vec<String> = user.iter().map(|s| s.to_string()).chain([live]).collect();
    want.sort();
    assert_eq!(left, want);
}

/// Spawn a render of `x.yaml` into `out` with extra environment.
fn spawn_render(dir: &Path, env: &[(&str, &str)]) -> std::process::Child {
    let mut c = Command::new(bin());
    c.args(["render", "x.yaml", "-o", "out"])
        .current_dir(dir)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c.spawn().unwrap()
}

fn signal(child: &std::process::Child, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{sig}");
}

/// Wait until `cond` holds (or fail after 30 s).
fn until(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < Duration::from_secs(30), "never: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn sigterm_during_a_long_render_leaves_no_temporaries() {
    let dir = workspace(&format!("{DOC}{CSV_ANNEX}"));
    let mut csv = String::from("Ten,So\n");
    for i in 0..10_000 {
        csv.push_str(&format!("Đơn vị số {i},{}\n", i * 7));
    }
    std::fs::write(dir.path().join("du-lieu.csv"), csv).unwrap();
    let before = snapshot(dir.path());
    let child = spawn_render(dir.path(), &[]);
    std::thread::sleep(Duration::from_millis(200));
    signal(&child, "TERM");
    let r = wait(child, Duration::from_secs(60));
    assert_eq!(r.code, Some(143), "stderr: {}", r.stderr);
    assert!(
        r.stderr.contains("đã dừng vì nhận tín hiệu SIGTERM"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn sigint_while_temporaries_exist_removes_them() {
    let dir = workspace(DOC);
    let out = dir.path().join("out");
    let before = snapshot(dir.path());
    // The binary pauses after writing its first temporary (VANBAN_TEST_POINT).
    let child = spawn_render(dir.path(), &[("VANBAN_TEST_POINT", "temp:pause")]);
    until("a temporary is written", || !temporaries(&out).is_empty());
    signal(&child, "INT");
    let r = wait(child, Duration::from_secs(60));
    assert_eq!(r.code, Some(130), "stderr: {}", r.stderr);
    assert!(
        r.stderr.contains("không tệp kết quả nào được ghi"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_signal_during_the_renames_waits_until_both_formats_are_in_place() {
    let dir = workspace(DOC);
    let out = dir.path().join("out");
    // The binary pauses after its first rename (VANBAN_TEST_POINT).
    let child = spawn_render(dir.path(), &[("VANBAN_TEST_POINT", "commit:pause")]);
    until("the first output is renamed", || {
        std::fs::read(out.join("x.docx")).is_ok_and(|b| b != b"old docx")
    });
    signal(&child, "TERM");
    let r = wait(child, Duration::from_secs(60));
    assert_eq!(r.code, Some(143), "stderr: {}", r.stderr);
    assert!(r.stderr.contains("ghi trọn vẹn"), "{}", r.stderr);
    assert!(
        std::fs::read(out.join("x.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    assert!(
        std::fs::read(out.join("x.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    assert!(temporaries(&out).is_empty());
}

#[test]
fn an_internal_error_is_reported_in_vietnamese_and_leaves_nothing() {
    let dir = workspace(DOC);
    let before = snapshot(dir.path());
    let child = spawn_render(dir.path(), &[("VANBAN_TEST_POINT", "temp:panic")]);
    let r = wait(child, Duration::from_secs(60));
    assert_eq!(r.code, Some(101), "stderr: {}", r.stderr);
    for want in [
        "lỗi nội bộ",
        concat!("vanban ", env!("CARGO_PKG_VERSION")),
        "lệnh: ",
        "tệp đang xử lý: x.yaml",
        "src/files/",
    ] {
        assert!(
            r.stderr.contains(want),
            "expected {want:?} in: {}",
            r.stderr
        );
    }
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(!r.stderr.contains("RUST_BACKTRACE"), "{}", r.stderr);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_file_size_limit_gives_a_message_and_no_temporaries() {
    let dir = workspace(DOC);
    let before = snapshot(dir.path());
    // 4 blocks of 512 bytes: the DOCX does not fit.
    let mut c = Command::new("sh");
    c.args(["-c", "ulimit -f 4 && exec \"$0\" \"$@\""])
        .arg(bin())
        .args(["render", "x.yaml", "-o", "out"])
        .current_dir(dir.path());
    let r = finish(c, Duration::from_secs(60));
    assert_clean_failure(&r, &["vượt giới hạn kích thước tệp"]);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_full_disk_gives_a_message_and_no_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.yaml"), DOC).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    // A 24 KiB tmpfs in a private mount namespace (no root needed where user namespaces
    // are allowed): the DOCX fits, the PDF does not. Exit 77 means it could not be set up.
    let script = "mount -t tmpfs -o size=24k tmpfs out 2>/dev/null || exit 77
\"$0\" \"$@\"; rc=$?; ls -A out; exit $rc";
    let mut c = Command::new("unshare");
    c.args(["-rm", "sh", "-c", script])
        .arg(bin())
        .args(["render", "x.yaml", "-o", "out"])
        .current_dir(dir.path());
    let r = match c.stdin(Stdio::null()).output() {
        Ok(o) => Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        },
        Err(e) => {
            eprintln!("SKIPPED a_full_disk_gives_a_message_and_no_temporaries: no unshare ({e})");
            return;
        }
    };
    if r.code == Some(77) || r.stderr.contains("unshare:") {
        eprintln!(
            "SKIPPED a_full_disk_gives_a_message_and_no_temporaries: cannot mount a small \
             tmpfs here ({})",
            r.stderr.trim()
        );
        return;
    }
    assert_clean_failure(&r, &["không đủ chỗ trên ổ đĩa"]);
    // `ls -A out` printed after the run: the full disk holds nothing.
    assert_eq!(r.stdout.trim(), "", "left on the full disk");
}

/// A tasks file, a previous report, the input, an image, a data file, a font or a template
/// that is a FIFO or a device: refused at once (the old reader blocked or grew memory).
#[test]
fn fifos_and_devices_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("fifo"));
    std::fs::create_dir(d.join("phong")).unwrap();
    mkfifo(&d.join("phong/a.ttf"));
    std::fs::create_dir(d.join("mau")).unwrap();
    mkfifo(&d.join("mau/bao-cao.xml"));
    mkfifo(&d.join("du-lieu.csv"));
    let with = |line: &str| DOC.replace("noi_dung:", &format!("{line}\nnoi_dung:"));
    let files = [
        ("tasks-fifo.yaml", with("nhiem_vu: {tep: fifo}")),
        ("tasks-zero.yaml", with("nhiem_vu: {tep: /dev/zero}")),
        ("ky-truoc.yaml", with("ky_truoc: fifo")),
        (
            "anh.yaml",
            DOC.replace("ho_ten: Lê Văn An", "ho_ten: Lê Văn An, anh_chu_ky: fifo"),
        ),
        ("csv.yaml", format!("{DOC}{CSV_ANNEX}")),
        ("x.yaml", DOC.to_string()),
    ];
    for (n, y) in &files {
        std::fs::write(d.join(n), y).unwrap();
    }
    let cases: [&[&str]; 10] = [
        &["render", "tasks-fifo.yaml"],
        &["validate", "tasks-zero.yaml"],
        &["render", "x.yaml", "--previous", "fifo"],
        &["validate", "x.yaml", "--previous", "/dev/zero"],
        &["render", "fifo"],
        &["render", "ky-truoc.yaml"],
        &["validate", "anh.yaml"],
        &["render", "csv.yaml"],
        &["render", "x.yaml", "--font-dir", "phong"],
        &["render", "x.yaml", "--templates", "mau"],
    ];
    for args in cases {
        let before = snapshot(d);
        let mut c = Command::new(bin());
        c.args(args).args(["-o", "out"]).current_dir(d);
        if args[0] == "validate" {
            c = Command::new(bin());
            c.args(args).current_dir(d);
        }
        let r = finish(c, Duration::from_secs(20));
        assert_clean_failure(&r, &["không phải tệp thông thường"]);
        assert_eq!(snapshot(d), before, "{args:?}");
    }
}

#[test]
fn a_latin1_csv_is_reported_as_a_csv_at_its_byte() {
    let dir = workspace(&format!("{DOC}{CSV_ANNEX}"));
    std::fs::write(dir.path().join("du-lieu.csv"), b"Ten,So\nCaf\xe9,1\n").unwrap();
    let before = snapshot(dir.path());
    let r = vanban(&["render", "x.yaml", "-o", "out"], dir.path());
    assert_clean_failure(
        &r,
        &[
            "lỗi: du-lieu.csv:2:4: ",
            "tệp CSV không phải văn bản UTF-8",
            "lưu tệp CSV",
        ],
    );
    assert!(!r.stderr.contains("YAML"), "{}", r.stderr);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn io_errors_are_described_in_vietnamese() {
    let dir = workspace(DOC);
    let d = dir.path();
    std::fs::create_dir(d.join("thu-muc.yaml")).unwrap();
    let r = vanban(&["render", "thu-muc.yaml", "-o", "out"], d);
    assert_clean_failure(&r, &["lỗi: thu-muc.yaml: đây là một thư mục"]);
    let r = vanban(&["validate", "khong-co.yaml"], d);
    assert_clean_failure(&r, &["lỗi: khong-co.yaml: không tìm thấy tệp"]);
    // The output folder is a file.
    std::fs::write(d.join("tep"), b"x").unwrap();
    let before = snapshot(d);
    let r = vanban(&["render", "x.yaml", "-o", "tep"], d);
    assert_clean_failure(&r, &["không ghi được tệp: ", "không phải thư mục"]);
    assert!(!r.stderr.contains("Not a directory"), "{}", r.stderr);
    assert_eq!(snapshot(d), before);
}

#[test]
fn checklists_of_two_plans_share_the_one_writer() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = include_str!("../data/examples/ke-hoach-kiem-tra.yaml");
    for sub in ["a", "b"] {
        std::fs::create_dir(d.join(sub)).unwrap();
        std::fs::write(d.join(sub).join("ke-hoach-kiem-tra.yaml"), plan).unwrap();
    }
    std::fs::write(d.join("b/x.yaml"), "loai: khong-co\n").unwrap();
    let before = snapshot(d);
    for args in [
        // One file per unit: every unit's name clashes.
        &[
            "a/ke-hoach-kiem-tra.yaml",
            "b/ke-hoach-kiem-tra.yaml",
            "--checklists",
        ][..],
        &[
            "a/ke-hoach-kiem-tra.yaml",
            "b/ke-hoach-kiem-tra.yaml",
            "--combine",
        ],
        // A bad file in the batch: the good plan's checklists are not written either.
        &["a/ke-hoach-kiem-tra.yaml", "b/x.yaml", "--checklists"],
    ] {
        let r = vanban(
            &[&["render", "--format", "docx", "-o", "phieu"][..], args].concat(),
            d,
        );
        assert_eq!(r.code, Some(1), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("lỗi: b/"), "{args:?}: {}", r.stderr);
        assert_eq!(snapshot(d), before, "{args:?}");
    }
    let r = vanban(
        &[
            "render",
            "a/ke-hoach-kiem-tra.yaml",
            "--combine",
            "-o",
            "phieu",
        ],
        d,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn the_temporaries_of_a_killed_run_are_removed_by_the_next_run() {
    let dir = workspace(DOC);
    let out = dir.path().join("out");
    let child = spawn_render(dir.path(), &[("VANBAN_TEST_POINT", "temp:pause")]);
    until("a temporary is written", || !temporaries(&out).is_empty());
    signal(&child, "KILL");
    let r = wait(child, Duration::from_secs(60));
    assert_eq!(r.code, None, "killed");
    assert!(
        !temporaries(&out).is_empty(),
        "kill -9 leaves its temporary"
    );
    let r = vanban(&["render", "x.yaml", "-o", "out"], dir.path());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(temporaries(&out), Vec::<String>::new());
}
