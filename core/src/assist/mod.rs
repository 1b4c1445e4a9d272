//! The reviewer's assistants: proposals for a clearance campaign ([`suggest()`]) and the check
//! of a draft for the 合法性审核 reviewer ([`draft`]), under the rules of [`rules`].
//!
//! Both only read the registry (recording proposals aside: [`suggest::suggest_and_record`]);
//! their results serialise as they are and render as plain text.

pub mod draft;
pub mod rules;
pub mod scope;
pub mod suggest;
pub mod validity;
pub mod wording;

pub use draft::{DraftFinding, DraftReport, check_draft};
pub use rules::{CLEARANCE_RULES, DRAFT_RULES, Proposal, Severity};
pub use scope::Scope;
pub use suggest::{Finding, Suggestion, Suggestions, suggest, suggest_and_record};
