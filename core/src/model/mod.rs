//! The domain model: works and versions, status, 文号, campaigns, filings, reviews, relations
//! and the audit log.

pub mod audit;
pub mod campaign;
pub mod correction;
pub mod doc_number;
pub mod filing;
mod labels;
pub mod relation;
pub mod review;
pub mod serde_date;
pub mod status;
pub mod suggestion;
pub mod timeline;
pub mod work;

pub use audit::AuditEntry;
pub use campaign::{Campaign, Decision, NewCampaign};
pub use correction::RecordKind;
pub use doc_number::DocNumber;
pub use filing::{Filing, FilingOutcome, NewFiling, Timeliness};
pub use relation::{NewRelation, Relation, RelationKind, RelationSource, RelationTarget};
pub use review::{NewReview, Review, ReviewKind};
pub use status::{Outcome, Status, StatusScope};
pub use suggestion::{Proposal, RecordedSuggestion};
pub use timeline::{ChangeSource, StatusChange};
pub use work::{HistoryEvent, Meta, NewVersion, Version, Work, WorkId};
