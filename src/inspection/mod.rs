//! Inspection plans (Kế hoạch kiểm tra): the `kiem_tra:` data block ([`model`]), its checks
//! and schedule rules ([`check`]), working days ([`workdays`]) and outlines ([`outline`]). This
//! is the validation stage of a plan; its template context is in
//! [`crate::template::inspection`] and its checklists (phiếu kiểm tra) in [`crate::checklists`].

pub mod check;
pub use crate::model::inspection as model;
pub mod outline;
pub mod workdays;

pub use check::Plan;
pub use model::InspectionSpec;
