//! A batch renders in parallel (`-j`), and its outputs do not depend on the number of
//! workers: `-j1`, `-j2`, `-j8` and the default write byte-identical files, in both formats.

use crate::common;

use common::{root, vanban};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walk(dir) {
        let rel = entry
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.insert(rel, std::fs::read(&entry).unwrap());
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut all = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all.extend(walk(&p));
        } else {
            all.push(p);
        }
    }
    all
}

fn run(args: &[&str], jobs: Option<&str>) -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut argv: Vec<&str> = args.to_vec();
    let out_s = out.to_string_lossy().into_owned();
    argv.extend(["-o", &out_s]);
    if let Some(j) = jobs {
        argv.extend(["-j", j]);
    }
    let (code, _, err) = vanban(&argv, &root());
    assert_eq!(code, 0, "{argv:?}: {err}");
    let got = files(&out);
    assert!(
        got.keys().all(|k| !k.contains(".vanban-")),
        "temporaries left: {:?}",
        got.keys()
    );
    got
}

fn same_for_every_job_count(args: &[&str], expect_at_least: usize) {
    let base = run(args, Some("1"));
    assert!(
        base.len() >= expect_at_least,
        "{args:?} wrote {} files",
        base.len()
    );
    for (name, bytes) in &base {
        let head: &[u8] = if name.ends_with(".pdf") {
            b"%PDF"
        } else {
            b"PK"
        };
        assert!(bytes.starts_with(head), "{name} is not a real output");
    }
    for jobs in [None, Some("2"), Some("8")] {
        let other = run(args, jobs);
        assert_eq!(
            base.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "-j{jobs:?} wrote other files"
        );
        for (name, bytes) in &base {
            assert!(
                &other[name] == bytes,
                "{name} differs between -j1 and -j{jobs:?}"
            );
        }
    }
}

#[test]
fn a_batch_of_files_is_identical_with_any_number_of_workers() {
    same_for_every_job_count(
        &[
            "render",
            "data/examples/bao-cao-thang.yaml",
            "data/examples/cong-van.yaml",
            "data/examples/ke-hoach.yaml",
            "data/examples/quyet-dinh-ban-hanh-ke-hoach.yaml",
            "data/examples/ke-hoach-kiem-tra.yaml",
        ],
        10,
    );
}

#[test]
fn checklists_are_identical_with_any_number_of_workers() {
    same_for_every_job_count(
        &[
            "render",
            "data/examples/ke-hoach-kiem-tra.yaml",
            "--checklists",
        ],
        20,
    );
}

#[test]
fn a_job_count_out_of_range_is_refused() {
    for bad in ["0", "1025", "nhieu"] {
        let (code, _, err) = vanban(
            &[
                "render",
                "data/examples/cong-van.yaml",
                "-j",
                bad,
                "-o",
                "-",
            ],
            &root(),
        );
        assert_eq!(code, 2, "-j {bad}: {err}");
    }
}
