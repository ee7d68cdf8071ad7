//! Output backends: each turns an [`crate::ir::Document`] into file bytes.

pub mod docx;
