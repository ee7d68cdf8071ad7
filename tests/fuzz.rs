//! A mutation fuzzer over the whole pipeline: YAML → validate → document model → DOCX and
//! PDF, in process. Inputs are the examples, their tasks files and the previous report, each
//! mutated at the byte, line and value level with the characters and values that broke vanban
//! before (huge numbers, NaN, control characters, marks, unknown glyphs, tabs, anchors).
//!
//! A panic fails the run and prints the input; a case that takes longer than the watchdog
//! allows aborts it (a hang), and so does a stack overflow. The input being processed is
//! always in `target/fuzz-current.yaml`, so a crash leaves its reproducer behind.
//!
//! `cargo test --test suite fuzz::` runs a fixed-seed campaign of about 60 seconds. Longer runs:
//! `VANBAN_FUZZ_SECS=600 VANBAN_FUZZ_SEED=7 cargo test --release --test suite fuzz:: -- --nocapture`.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use vanban::fonts::Fonts;
use vanban::render::{self, Format};
use vanban::sources::FileSystem;
use vanban::template::Engine;

/// A small, fast pseudo-random generator (xorshift64*): the run depends only on the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values and fragments that broke vanban before, or sit on a boundary.
const INTERESTING: &[&str] = &[
    "18446744073709551615",
    "9223372036854775808",
    "10000000000",
    "1e30",
    "-1e30",
    "-1",
    "0",
    "-0",
    ".nan",
    ".inf",
    "-.inf",
    "1.2.3",
    "\"1,2.3\"",
    "\"12.34.5\"",
    "\"31.809\"",
    "\"99,64\"",
    "~",
    "\"\"",
    "\"  \"",
    "[]",
    "{}",
    "[[]]",
    "'a ** b'",
    "'*a **b* c**'",
    "'C:\\Users\\tep.docx'",
    "'\\\\server\\share'",
    "'^[chú thích'",
    "\"\\u0001\"",
    "\"\\x00\"",
    "\"\\r\"",
    "\"\\u2028\"",
    "☐",
    "✓",
    "①",
    "😀",
    "漢字",
    "\u{1}",
    "\t",
    "&a x",
    "*a",
    "*khong_co",
    "!!binary AAAA",
    "<< : {}",
    "'{{ x }}'",
    "'{% for %}'",
    "'<w:p>'",
    "'[[tra_cuu]]'",
    "'[[khong_co]]'",
    "2025-02-30",
    "31/12/1899",
    "Tháng 13/2025",
    "/dev/zero",
    "bao-cao-thang.yaml",
    "chu-ky-mau.png",
    "dich-vu-cong.xlsx",
    "true",
    "null",
    "007",
];

const SEPARATORS: &[&str] = &[
    ":", "- ", "-", "[", "]", "{", "}", ",", "\"", "'", "\\", "*", "**", "^[", "]]", "[[", "\n",
    "\n  ", "#", "|", ">-", "&", "%", "@", "`", "\u{0}", "\u{7}", "\u{FEFF}",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + rng.below(3) {
        s = mutate_once(&s, rng);
    }
    s
}

/// A char boundary at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate_once(s: &str, rng: &mut Rng) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let at = floor(s, rng.below(s.len() + 1));
    match rng.below(9) {
        // Replace the value of a `key: value` line.
        0..=2 => {
            let candidates: Vec<usize> = (0..lines.len())
                .filter(|i| lines[*i].contains(": "))
                .collect();
            if candidates.is_empty() {
                return s.to_string();
            }
            let i = *rng.pick(&candidates);
            let key = lines[i].split(": ").next().unwrap_or("");
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[i] = format!("{key}: {}", rng.pick(INTERESTING));
            out.join("\n") + "\n"
        }
        // Insert a separator or an interesting value at a random place.
        3..=4 => {
            let frag = if rng.below(2) == 0 {
                *rng.pick(SEPARATORS)
            } else {
                *rng.pick(INTERESTING)
            };
            format!("{}{frag}{}", &s[..at], &s[at..])
        }
        // Delete a span.
        5 => {
            let end = floor(s, at + rng.below(40));
            format!("{}{}", &s[..at], &s[end..])
        }
        // Duplicate, delete or swap lines.
        6 => {
            let mut out: Vec<&str> = lines.clone();
            if out.is_empty() {
                return s.to_string();
            }
            let i = rng.below(out.len());
            match rng.below(3) {
                0 => out.insert(i, lines[i]),
                1 => {
                    out.remove(i);
                }
                _ => {
                    let j = rng.below(out.len());
                    out.swap(i, j);
                }
            }
            out.join("\n") + "\n"
        }
        // Change the indentation of a line.
        7 => {
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            if out.is_empty() {
                return s.to_string();
            }
            let i = rng.below(out.len());
            if rng.below(2) == 0 {
                out[i] = format!("  {}", out[i]);
            } else {
                out[i] = out[i].trim_start().to_string();
            }
            out.join("\n") + "\n"
        }
        // Duplicate a block of lines (bigger tables, repeated keys).
        _ => {
            if lines.is_empty() {
                return s.to_string();
            }
            let i = rng.below(lines.len());
            let n = 1 + rng.below(8).min(lines.len() - i - 1);
            let mut out: Vec<&str> = lines.clone();
            for k in (0..n).rev() {
                out.insert(i + n, lines[i + k]);
            }
            out.join("\n") + "\n"
        }
    }
}

/// Which file of the examples a case mutates, and the document rendered with it.
struct Target {
    mutated: &'static str,
    document: &'static str,
}

const TARGETS: &[Target] = &[
    Target {
        mutated: "bao-cao-thang.yaml",
        document: "bao-cao-thang.yaml",
    },
    Target {
        mutated: "bao-cao-thang-truoc.yaml",
        document: "bao-cao-thang.yaml",
    },
    Target {
        mutated: "nhiem-vu-bao-cao-2025.yaml",
        document: "bao-cao-thang.yaml",
    },
    Target {
        mutated: "cong-van.yaml",
        document: "cong-van.yaml",
    },
    Target {
        mutated: "ke-hoach.yaml",
        document: "ke-hoach.yaml",
    },
    Target {
        mutated: "nhiem-vu-2025.yaml",
        document: "theo-doi-tien-do.yaml",
    },
    Target {
        mutated: "quyet-dinh-ban-hanh-ke-hoach.yaml",
        document: "quyet-dinh-ban-hanh-ke-hoach.yaml",
    },
    Target {
        mutated: "theo-doi-tien-do.yaml",
        document: "theo-doi-tien-do.yaml",
    },
    Target {
        mutated: "ke-hoach-kiem-tra.yaml",
        document: "ke-hoach-kiem-tra.yaml",
    },
];

/// One case: load, validate and build, then both backends. Errors are fine; panics are not.
/// Returns whether the case reached the backends.
fn run_case(dir: &Path, document: &str, engine: &Engine) -> bool {
    let path = dir.join(document);
    let inputs = render::Inputs {
        sources: &FileSystem,
        engine,
        fonts: Fonts::Bundled,
    };
    let Ok(doc) = render::load_and_build(inputs, &path, None, &[]) else {
        return false;
    };
    // A document that passed validation must reach both formats: a backend error here
    // means validation missed a check (validate must run every check render runs).
    for format in [Format::Docx, Format::Pdf] {
        if let Err(e) = render::write_format(&doc, format, Fonts::Bundled.get()) {
            panic!("{format:?} failed after validation passed: {e}");
        }
    }
    true
}

fn copy_examples(to: &Path) {
    let from = common::root().join("data/examples");
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

struct Campaign {
    cases: AtomicU64,
    /// Cases that passed validation and went through both backends.
    rendered: AtomicU64,
    errors: AtomicU64,
    failures: Mutex<Vec<String>>,
}

/// One worker: its own copy of the examples, its own seed.
fn worker(seed: u64, until: Instant, campaign: Arc<Campaign>, heartbeat: Arc<AtomicU64>) {
    let dir = tempfile::tempdir().unwrap();
    copy_examples(dir.path());
    let engine = Engine::new(&FileSystem, None).unwrap();
    let mut rng = Rng(seed | 1);
    let current = common::root().join(format!("target/fuzz-current-{seed}.yaml"));
    while Instant::now() < until {
        let target = rng.pick(TARGETS);
        let original_path = common::root().join("data/examples").join(target.mutated);
        let original = std::fs::read_to_string(&original_path).unwrap();
        let input = mutate(&original, &mut rng);
        let _ = std::fs::write(&current, &input);
        let file = dir.path().join(target.mutated);
        std::fs::write(&file, &input).unwrap();
        heartbeat.store(now_ms(), Ordering::Relaxed);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_case(dir.path(), target.document, &engine)
        }));
        campaign.cases.fetch_add(1, Ordering::Relaxed);
        if matches!(result, Ok(true)) {
            campaign.rendered.fetch_add(1, Ordering::Relaxed);
        }
        if result.is_err() {
            let kept = save_crash(&input, target.mutated, seed);
            campaign.errors.fetch_add(1, Ordering::Relaxed);
            campaign.failures.lock().unwrap().push(format!(
                "panic on a mutation of {} (kept in {})",
                target.mutated,
                kept.display()
            ));
        }
        std::fs::write(&file, &original).unwrap();
    }
    heartbeat.store(u64::MAX, Ordering::Relaxed);
}

fn save_crash(input: &str, name: &str, seed: u64) -> PathBuf {
    let dir = common::root().join("target/fuzz-crashes");
    let _ = std::fs::create_dir_all(&dir);
    let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    let path = dir.join(format!("{seed}-{n}-{name}"));
    let _ = std::fs::write(&path, input);
    path
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_examples_never_panic_or_hang() {
    let secs = env_u64("VANBAN_FUZZ_SECS", 60);
    let seed = env_u64("VANBAN_FUZZ_SEED", 20_261_202);
    let threads = env_u64("VANBAN_FUZZ_THREADS", 2) as usize;
    // A case in a debug build takes well under a second; a hang is a case that does not end.
    let hang = Duration::from_secs(env_u64("VANBAN_FUZZ_HANG_SECS", 60));
    let until = Instant::now() + Duration::from_secs(secs);
    let campaign = Arc::new(Campaign {
        cases: AtomicU64::new(0),
        rendered: AtomicU64::new(0),
        errors: AtomicU64::new(0),
        failures: Mutex::new(Vec::new()),
    });
    let beats: Vec<Arc<AtomicU64>> = (0..threads)
        .map(|_| Arc::new(AtomicU64::new(now_ms())))
        .collect();
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            let (c, b) = (campaign.clone(), beats[i].clone());
            let s = seed.wrapping_add(i as u64 * 0x9E37_79B9);
            std::thread::spawn(move || worker(s, until, c, b))
        })
        .collect();
    // The watchdog: a worker whose case has run longer than `hang` is stuck.
    while handles.iter().any(|h| !h.is_finished()) {
        std::thread::sleep(Duration::from_millis(500));
        for (i, b) in beats.iter().enumerate() {
            let t = b.load(Ordering::Relaxed);
            if t != u64::MAX && now_ms().saturating_sub(t) > hang.as_millis() as u64 {
                let s = seed.wrapping_add(i as u64 * 0x9E37_79B9);
                panic!(
                    "a case hung for more than {hang:?}; its input is in target/fuzz-current-{s}.yaml"
                );
            }
        }
    }
    for h in handles {
        h.join().unwrap();
    }
    let cases = campaign.cases.load(Ordering::Relaxed);
    let rendered = campaign.rendered.load(Ordering::Relaxed);
    eprintln!(
        "fuzz: {cases} cases ({rendered} rendered in both formats, the rest refused) in {secs} s \
         with seed {seed} on {threads} threads"
    );
    let failures = campaign.failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} panics in {cases} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases > 0, "no case ran");
}
