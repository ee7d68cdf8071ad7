//! vanban: Vietnamese administrative documents (Decree 30/2020) from YAML data.
//!
//! # The pipeline
//!
//! One chain of typed stages, each built only from the previous stage's output:
//!
//! ```text
//! Sources → load (model::DocumentSpec, with spans) → validate::check_file (CheckedDocument)
//!   → data::compute (Computed) → template::context (JSON) → Tera → markup → compose
//!   → ir::Document → layout → backend::{docx, pdf}
//! ```
//!
//! Every input file is read through [`Sources`], from disk ([`FileSystem`]) or from memory
//! ([`InMemory`]), so a document renders with no file system at all. Errors are one
//! diagnostic type, [`Error`], with a stable [`error::Code`]. [`ir`] is the fully resolved
//! document the two backends lay out, so the DOCX and the PDF cannot disagree.
//!
//! # The public API
//!
//! The documented modules are the API: [`render`] (run the pipeline), [`sources`],
//! [`error`], [`fonts`], [`ir`] and [`backend`]. The other modules are the stages'
//! internals, public only for the command-line program and the test suite; they are
//! hidden from the documentation and may change at any time.
//!
//! ```
//! use std::path::Path;
//! use vanban::{Format, Inputs, InMemory, render::render_outputs, fonts::Fonts, Engine};
//!
//! let yaml = include_str!("../data/examples/cong-van.yaml");
//! let sources = InMemory::new().with("/vd/cong-van.yaml", yaml);
//! let engine = Engine::new(&sources, None).unwrap();
//! let inputs = Inputs { sources: &sources, engine: &engine, fonts: Fonts::Bundled };
//! let outputs = render_outputs(
//!     inputs, Path::new("/vd/cong-van.yaml"), None, &[], Path::new("out"), &[Format::Pdf],
//! ).unwrap();
//! assert_eq!(outputs.len(), 1);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod backend;
#[doc(hidden)]
pub mod batch;
#[doc(hidden)]
pub mod checklists;
#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod compose;
#[doc(hidden)]
pub mod conformance;
#[doc(hidden)]
pub mod data;
pub mod error;
#[doc(hidden)]
pub mod files;
pub mod fonts;
#[doc(hidden)]
pub mod format;
#[doc(hidden)]
pub mod init;
#[doc(hidden)]
pub mod inspection;
pub mod ir;
#[doc(hidden)]
pub mod kinds;
#[doc(hidden)]
pub mod layout;
#[doc(hidden)]
pub mod load;
#[doc(hidden)]
pub mod markup;
#[doc(hidden)]
pub mod model;
pub mod render;
#[doc(hidden)]
pub mod schema;
#[doc(hidden)]
pub mod sheet;
pub mod sources;
#[doc(hidden)]
pub mod tasks;
#[doc(hidden)]
pub mod template;
#[doc(hidden)]
pub mod usage;
#[doc(hidden)]
pub mod validate;
#[doc(hidden)]
pub mod watch;
#[doc(hidden)]
pub mod xml;

pub use error::{Error, Result};
pub use files::write::Output;
pub use render::{Format, Inputs};
pub use sources::{FileSystem, InMemory, Sources};
pub use tasks::Filter;
pub use template::Engine;
