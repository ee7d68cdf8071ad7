//! A batch's outputs written to their temporaries as soon as each document is rendered, so
//! that memory holds only the documents being worked on, then renamed into place together
//! (the same all-or-nothing rule as [`super::write::commit`]). Documents of a batch render
//! on several threads; each stages its outputs here under its position in the batch, and
//! the commit renames them in that order, so the result is the same as a sequential run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::guard;
use super::write::{self, Output};
use crate::error::Diagnostics;

/// Outputs staged so far (see the module documentation).
#[derive(Default)]
pub struct Staging {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Output directories already created and cleaned of stale temporaries.
    dirs: Vec<PathBuf>,
    /// Each output's normalised path, the batch position and the input it comes from.
    seen: HashMap<PathBuf, (usize, PathBuf)>,
    /// (position in the batch, temporary, output path).
    staged: Vec<(usize, PathBuf, PathBuf)>,
}

impl Staging {
    /// Write the outputs of the batch's input number `position` to their temporaries and
    /// drop their bytes. An error (two outputs at one path, a directory in the way, a full
    /// disk) is returned; the caller then [`Staging::abort`]s.
    pub fn stage(&self, position: usize, outputs: Vec<Output>) -> Result<(), Diagnostics> {
        for o in outputs {
            self.claim(position, &o)?;
            // Written outside the lock: other threads go on staging meanwhile.
            let tmp = write::temporary_of(&o)?;
            let mut st = self.lock();
            if st.staged.is_empty() {
                guard::test_point("temp");
            }
            st.staged.push((position, tmp, o.path));
        }
        Ok(())
    }

    /// Settle an output's path before its temporary is written: no other output of the run
    /// at that path, nothing in the way, and its directory created (once per directory,
    /// clearing stale temporaries of killed runs).
    fn claim(&self, position: usize, o: &Output) -> Result<(), Diagnostics> {
        let key = write::normalized(&o.path);
        let mut st = self.lock();
        if let Some((at, first)) = st.seen.get(&key) {
            // Whichever thread comes second, the message names the later input as the one
            // that clashes, as a sequential run does.
            let error = if *at <= position {
                write::clash(&o.path, &o.input, first)
            } else {
                write::clash(&o.path, first, &o.input)
            };
            return Err(error.into());
        }
        write::check_target(&o.path)?;
        write::prepare_dir(&mut st.dirs, write::dir_of(&o.path))?;
        st.seen.insert(key, (position, o.input.clone()));
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Rename every staged output into place, in batch order; returns their paths.
    pub fn commit(self) -> Result<Vec<PathBuf>, Diagnostics> {
        let mut staged = self
            .state
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .staged;
        // A stable sort: one input's outputs keep the order they were staged in.
        staged.sort_by_key(|s| s.0);
        let pairs: Vec<(PathBuf, &Path)> = staged
            .iter()
            .map(|(_, tmp, path)| (tmp.clone(), path.as_path()))
            .collect();
        write::rename_into_place(&pairs)?;
        Ok(staged.into_iter().map(|s| s.2).collect())
    }

    /// Remove every temporary and directory the batch created: nothing is written.
    pub fn abort(self) {
        guard::remove_temps();
    }
}
