//! The bad-input suite, generated from the files in `tests/bad-input/`: every case is an input
//! vanban must refuse with exit 1 (2 for usage), a Vietnamese message naming the file and, where
//! a position exists, the line and column, and a directory left exactly as it was.
//!
//! A case is `NAME.yaml` or a directory `NAME/` holding `van-ban.yaml` and the files it needs.
//! Its first lines are comments that say what to expect:
//!
//! ```yaml
//! # expect: van-ban.yaml:12:9      # the file (relative to the case) and line:column;
//!                                  # "-" for a usage error, which names no file
//! # code: ngoai-gioi-han           # the error code (`vanban::error::Code`) of the error
//!                                  # at that place: `[mã lỗi: ID]` ends its line
//! # message: số chữ số thập phân   # a fragment the message must contain (repeatable,
//!                                  # optional)
//! # args: --templates mau          # extra arguments after the input file
//! # render-args: --checklists      # extra arguments for render only
//! # errors: 5                      # how many errors (lines "lỗi: …") exactly (optional)
//! # exit: 1                        # the exit code (default 1)
//! # commands: render validate      # the commands to run (default both)
//! ```
//!
//! Several `# expect:` lines each expect an error at their place, all with the one code:
//! an input with several problems of one kind must report each of them in the same run.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Words that only appear in English library text (serde, Tera, clap, std::io), never in our
/// Vietnamese messages.
const ENGLISH_MARKERS: &[&str] = &[
    "expected",
    "invalid",
    "error:",
    "Error",
    "os error",
    "panicked",
    "Usage:",
    "unexpected",
    "not found",
    "No such",
    "Permission denied",
    "File exists",
    "Is a directory",
    "budget",
    "breached",
    "disallowed",
    "mapping",
    "sequence",
    "scalar",
    "indentation",
    "while parsing",
    "while scanning",
    "Failed to",
    "backtrace",
    "RUST_",
];

#[derive(Debug, Default)]
struct Expect {
    /// Each expected error's file and line:column.
    places: Vec<(String, Option<(u64, u64)>)>,
    errors: Option<usize>,
    code: Option<vanban::error::Code>,
    messages: Vec<String>,
    args: Vec<String>,
    render_args: Vec<String>,
    exit: i32,
    commands: Vec<String>,
}

fn parse_header(text: &str, case: &str) -> Expect {
    let mut e = Expect {
        exit: 1,
        commands: vec!["render".into(), "validate".into()],
        ..Default::default()
    };
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("# ") else {
            break;
        };
        let Some((key, value)) = rest.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key {
            "expect" => {
                let mut parts = value.splitn(3, ':');
                let file = parts.next().unwrap_or_default().to_string();
                let pos = match (parts.next(), parts.next()) {
                    (Some(l), Some(c)) => Some((
                        l.parse().unwrap_or_else(|_| panic!("{case}: bad line")),
                        c.parse().unwrap_or_else(|_| panic!("{case}: bad column")),
                    )),
                    _ => None,
                };
                e.places.push((file, pos));
            }
            "code" => {
                e.code = Some(
                    vanban::error::Code::from_id(value)
                        .unwrap_or_else(|| panic!("{case}: no error code {value:?}")),
                )
            }
            "message" => e.messages.push(value.to_string()),
            "args" => e.args = value.split_whitespace().map(str::to_string).collect(),
            "render-args" => e.render_args = value.split_whitespace().map(str::to_string).collect(),
            "errors" => e.errors = Some(value.parse().expect("number of errors")),
            "exit" => e.exit = value.parse().expect("exit code"),
            "commands" => e.commands = value.split_whitespace().map(str::to_string).collect(),
            _ => {}
        }
    }
    assert!(!e.places.is_empty(), "{case}: no '# expect:' line");
    assert!(e.code.is_some(), "{case}: no '# code:' line");
    e
}

/// Every file under `dir`: relative path → (bytes, read-only?).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, bool)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                out.insert(rel, (Vec::new(), meta.permissions().readonly()));
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.insert(rel, (bytes, meta.permissions().readonly()));
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Run one case; returns the problems found (empty when it passes).
fn run_case(case: &Path) -> Vec<String> {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let work = tempfile::tempdir().unwrap();
    let yaml = if case.is_dir() {
        copy_dir(case, work.path());
        work.path().join("van-ban.yaml")
    } else {
        let target = work.path().join("van-ban.yaml");
        std::fs::copy(case, &target).unwrap();
        target
    };
    let text = String::from_utf8_lossy(&std::fs::read(&yaml).unwrap()).into_owned();
    let expect = parse_header(&text, &name);
    // Outputs of an earlier run that must survive untouched.
    let out = work.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("van-ban.docx"), b"old docx").unwrap();
    std::fs::write(out.join("van-ban.pdf"), b"old pdf").unwrap();
    let before = snapshot(work.path());

    let mut problems = Vec::new();
    for command in &expect.commands {
        let mut args: Vec<&str> = vec![command.as_str(), "van-ban.yaml"];
        if command == "render" {
            args.extend(["-o", "out"]);
            args.extend(expect.render_args.iter().map(String::as_str));
        }
        args.extend(expect.args.iter().map(String::as_str));
        let (code, _, err) = common::vanban(&args, work.path());
        let mut fail = |what: String| problems.push(format!("{name} ({command}): {what}"));
        if code != expect.exit {
            fail(format!("exit {code}, expected {}: {err}", expect.exit));
        }
        // Each error at an expected place carries the expected code; errors at the same
        // place are matched in turn.
        let code = expect.code.expect("checked by parse_header");
        let suffix = format!(" [mã lỗi: {}]", code.id());
        let mut used = Vec::new();
        for (file, pos) in &expect.places {
            let prefix = match pos {
                _ if file == "-" => "lỗi: ".to_string(),
                Some((l, c)) => format!("lỗi: {file}:{l}:{c}: "),
                None => format!("lỗi: {file}"),
            };
            let found = err
                .lines()
                .enumerate()
                .find(|(i, l)| l.starts_with(&prefix) && !used.contains(i));
            match found {
                None => fail(format!("no (further) {prefix:?} in: {err}")),
                Some((_, line)) if !line.ends_with(&suffix) => {
                    fail(format!("no {suffix:?} at the end of: {line}"))
                }
                Some((i, _)) => used.push(i),
            }
        }
        let count = err.lines().filter(|l| l.starts_with("lỗi: ")).count();
        if expect.errors.is_some_and(|n| n != count) {
            fail(format!(
                "{count} errors, expected {:?}: {err}",
                expect.errors
            ));
        }
        for m in &expect.messages {
            if !err.contains(m.as_str()) {
                fail(format!("no {m:?} in: {err}"));
            }
        }
        for marker in ENGLISH_MARKERS {
            if err.contains(marker) {
                fail(format!("English text {marker:?} in: {err}"));
            }
        }
        if snapshot(work.path()) != before {
            fail("the directory changed".into());
        }
    }
    problems
}

fn cases() -> Vec<PathBuf> {
    let dir = common::root().join("tests/bad-input");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_bad_input_is_refused_in_vietnamese_with_nothing_written() {
    let cases = cases();
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(4).max(1))
            .map(|chunk| scope.spawn(move || chunk.iter().flat_map(|c| run_case(c)).collect()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec!["a case panicked".into()]))
            .collect::<Vec<String>>()
    });
    assert!(
        problems.is_empty(),
        "{} of {} cases failed:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
}

#[test]
fn the_suite_covers_at_least_sixty_inputs() {
    let n = cases().len();
    assert!(n >= 60, "only {n} bad-input cases");
}
