//! Backends: lay out the document model as files.

pub mod docx;
pub mod pdf;
