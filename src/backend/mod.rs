//! Output backends, one per format.

pub mod pdf;
