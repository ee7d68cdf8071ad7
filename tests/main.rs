//! The integration tests, as one test binary: each file of `tests/` is a module here.
//! One binary links the library once instead of once per file, which takes the README's
//! test command from about nine minutes to about three on two cores, and lets the slow
//! tests of one file run beside those of another.

mod common;

mod annex_references;
mod bad_images;
mod bad_input_files;
mod batch_and_files;
mod build_features;
mod cli_bad_input;
mod docx_backend;
mod docx_package;
mod docx_rules;
mod docx_schema;
mod docx_styles;
mod fallback_glyphs;
mod font_dir;
mod fuzz;
mod indicator_sheets;
mod inspection;
mod jpeg_signatures;
mod kiem_tra;
mod kind_forms;
mod kinds_init;
mod libreoffice;
mod module_graph;
mod name_matching;
mod output_targets;
mod parallel_batch;
mod pdf_backend;
mod pdf_metadata;
mod pdf_output;
mod plans;
mod report_data;
mod required_keys;
mod schema;
mod sources;
mod stage_snapshots;
mod standalone_annex;
mod table_cells;
mod table_merges;
mod task_columns;
mod task_forms;
mod task_sheets;
mod template_override;
mod text_fidelity;
mod title_breaks;
mod watch_mode;
