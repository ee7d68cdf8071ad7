//! What happens when a run ends early: temporary files are registered here when they are
//! created, and removed on an error, on SIGINT/SIGTERM and on an internal error (panic).
//!
//! [`install`] starts a thread that waits for SIGINT and SIGTERM (signal-hook's safe
//! iterator API: the handler only writes to a pipe) and catches SIGXFSZ, so that a write past
//! `ulimit -f` fails with EFBIG instead of killing the process. Outside the commit phase a
//! signal removes the temporaries, says so in Vietnamese and exits with 128 + the signal
//! number (130 for SIGINT, 143 for SIGTERM). During the commit phase (the renames that put a
//! whole batch in place, see [`super::write`]) it is deferred until the phase ends.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

struct State {
    /// Temporary files created and not yet renamed or removed.
    temps: Vec<PathBuf>,
    /// Directories created for outputs, innermost last; removed again if still empty.
    dirs: Vec<PathBuf>,
    /// Inside the commit phase, signals wait.
    committing: bool,
    /// A signal that arrived during the commit phase.
    pending: Option<i32>,
}

thread_local! {
    /// The input this thread is processing, for the internal-error report (documents of a
    /// batch render on several threads; the panic hook runs on the panicking one).
    static CURRENT: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

static STATE: Mutex<State> = Mutex::new(State {
    temps: Vec::new(),
    dirs: Vec::new(),
    committing: false,
    pending: None,
});

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Create a new temporary file at `path` (never an existing one) and register it, in one
/// step under the lock, so that a signal can never leave behind a file it did not know of.
pub fn create_temp(path: &Path) -> std::io::Result<std::fs::File> {
    let mut st = state();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    st.temps.push(path.to_path_buf());
    Ok(f)
}

/// Record a directory created for outputs.
pub fn created_dir(path: &Path) {
    state().dirs.push(path.to_path_buf());
}

/// The temporary at `path` was renamed into place or removed.
pub fn forget_temp(path: &Path) {
    state().temps.retain(|t| t != path);
}

/// The outputs are in place: created directories stay.
pub fn keep_dirs() {
    state().dirs.clear();
}

/// Remove every registered temporary file, and the directories created for outputs that are
/// still empty.
pub fn remove_temps() {
    clean(&mut state());
}

fn clean(st: &mut State) {
    for t in st.temps.drain(..) {
        let _ = std::fs::remove_file(t);
    }
    while let Some(d) = st.dirs.pop() {
        let _ = std::fs::remove_dir(d);
    }
}

/// The input now being processed (shown if an internal error happens).
pub fn set_current(path: Option<&Path>) {
    CURRENT.with(|c| *c.borrow_mut() = path.map(Path::to_path_buf));
}

/// Enter the commit phase: signals are deferred until [`end_commit`].
pub fn begin_commit() {
    state().committing = true;
}

/// Leave the commit phase. A signal that arrived meanwhile ends the run now, after the
/// renames: with `complete`, every output is in place.
pub fn end_commit(complete: bool) {
    let mut st = state();
    st.committing = false;
    if let Some(sig) = st.pending.take() {
        clean(&mut st);
        if complete {
            eprintln!(
                "vanban: đã dừng vì nhận tín hiệu {}; các tệp kết quả đã được ghi trọn vẹn trước khi dừng",
                signal_name(sig)
            );
        } else {
            eprintln!(
                "vanban: đã dừng vì nhận tín hiệu {} khi đang gặp lỗi ghi tệp kết quả",
                signal_name(sig)
            );
        }
        std::process::exit(128 + sig);
    }
}

fn signal_name(sig: i32) -> &'static str {
    // The same numbers on every Unix.
    match sig {
        2 => "SIGINT (Ctrl+C)",
        15 => "SIGTERM",
        _ => "dừng",
    }
}

/// Elsewhere than on Unix signals keep their default handling.
#[cfg(not(unix))]
pub fn install() {}

/// Handle SIGINT and SIGTERM on a thread of their own, and catch SIGXFSZ. Called once, by
/// the binary; without it (library use, tests) signals keep their default actions.
#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM, SIGXFSZ};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGXFSZ]) else {
        return;
    };
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGXFSZ {
                // The write that crossed the limit fails with EFBIG and is reported.
                continue;
            }
            let mut st = state();
            if st.committing {
                st.pending = Some(sig);
                continue;
            }
            clean(&mut st);
            eprintln!(
                "vanban: đã dừng vì nhận tín hiệu {}; không tệp kết quả nào được ghi hay thay đổi",
                signal_name(sig)
            );
            std::process::exit(128 + sig);
        }
    });
}

/// Replace Rust's panic report with a Vietnamese one saying what to report; temporaries are
/// removed and the process exits with 101 at once (nothing half-written is kept).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // The panicking thread may hold the lock only if it panicked inside it; do not wait
        // for ever.
        for _ in 0..50 {
            match STATE.try_lock() {
                Ok(mut st) => {
                    clean(&mut st);
                    break;
                }
                Err(std::sync::TryLockError::Poisoned(p)) => {
                    clean(&mut p.into_inner());
                    break;
                }
                Err(std::sync::TryLockError::WouldBlock) => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
            }
        }
        let current = CURRENT.with(|c| c.try_borrow().ok().and_then(|c| c.clone()));
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_else(|| "không rõ".into());
        let detail = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let command: Vec<String> = std::env::args().collect();
        eprintln!(
            "lỗi nội bộ: vanban gặp lỗi của chính chương trình (không phải lỗi trong dữ liệu của bạn) \
             và đã dừng; không tệp kết quả nào được ghi hay thay đổi.\n\
             Xin báo lỗi này cho người bảo trì vanban, gửi kèm:\n  \
             phiên bản: vanban {}\n  \
             lệnh: {}\n  \
             tệp đang xử lý: {}\n  \
             vị trí lỗi: {location}\n  \
             chi tiết: {detail}\n\
             và nếu được, cả tệp dữ liệu đang xử lý.",
            env!("CARGO_PKG_VERSION"),
            command.join(" "),
            current
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "không có".into()),
        );
        std::process::exit(101);
    }));
}

/// A point where the binary can be told (environment variable `VANBAN_TEST_POINT`,
/// `NAME:panic` or `NAME:pause`) to panic or to pause for a few seconds, so that tests can
/// reach an internal error or a signal at an exact moment. Active in every build, so the
/// tests run against the release binary the user gets (`cargo test --release`); without the
/// variable it costs one environment lookup.
#[track_caller]
pub fn test_point(name: &str) {
    if let Some(v) = std::env::var_os("VANBAN_TEST_POINT") {
        let v = v.to_string_lossy();
        if v.strip_suffix(":panic") == Some(name) {
            panic!("test point {name}");
        }
        if v.strip_suffix(":pause") == Some(name) {
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
    }
}
