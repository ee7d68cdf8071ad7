//! Inspection plans (Kế hoạch kiểm tra) and the checklists (phiếu kiểm tra) generated from
//! them: the `kiem_tra:` data block ([`model`]), its checks and schedule rules ([`check`]),
//! working days ([`workdays`]), outlines ([`outline`]), template contexts ([`context`]), the
//! checklist documents ([`checklist`]) and writing many files at once ([`output`]).

pub mod check;
pub mod checklist;
pub mod context;
pub use crate::model::inspection as model;
pub mod outline;
pub mod output;
pub mod workdays;

pub use check::Plan;
pub use model::KiemTra;
