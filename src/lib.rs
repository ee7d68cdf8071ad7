//! vanban: Vietnamese administrative documents (Decree 30/2020) from YAML data.
//!
//! The pipeline, one module per stage:
//! load (YAML) → validate → model → template (Tera) → markup → compose (numbering, Decree 30
//! styles) → [`ir`] (document model) → backends ([`backend::docx`], [`backend::pdf`]).

pub mod backend;
pub mod fonts;
pub mod ir;
pub mod layout;
