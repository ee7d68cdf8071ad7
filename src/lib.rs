//! vanban: Vietnamese administrative documents (Decree 30/2020) from YAML data.
//!
//! The pipeline, one module per stage:
//! [`load`] (YAML) → [`validate`] → [`model`] → [`template`] (Tera) → [`markup`] →
//! [`compose`] (levels, numbering, annex labels, Decree 30 styles) → [`ir`] (document
//! model) → [`backend`] (DOCX, PDF). [`render`] runs the stages for a file; [`checklists`]
//! builds an inspection plan's checklists on top of it; [`cli`] is the command line. Every
//! input file is read through [`sources::Sources`], from disk or from memory.

#![forbid(unsafe_code)]

pub mod backend;
pub mod checklists;
pub mod cli;
pub mod compose;
pub mod data;
pub mod error;
pub mod files;
pub mod fonts;
pub mod format;
pub mod init;
pub mod inspection;
pub mod ir;
pub mod kinds;
pub mod layout;
pub mod load;
pub mod markup;
pub mod model;
pub mod render;
pub mod sources;
pub mod tasks;
pub mod template;
pub mod usage;
pub mod validate;
pub mod xml;
