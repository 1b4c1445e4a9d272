//! The kinds of record a correction applies to (see the store's corrections).

use super::labels::labelled_enum;

labelled_enum! {
    /// The kinds of record a correction applies to.
    pub enum RecordKind ("record") {
        /// A filing (备案).
        Filing = "filing" ["备案"],
        /// A review (审核, 审查, 评估).
        Review = "review" ["审核", "审查"],
        /// A campaign's decision on a document (清理决定).
        Decision = "decision" ["决定", "清理决定"],
        /// A relation between documents (关系).
        Relation = "relation" ["关系"],
    }
}
