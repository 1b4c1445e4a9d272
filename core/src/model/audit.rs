//! The append-only audit log. Each entry carries the hash of the one before it, so that a
//! rewritten or deleted entry breaks the chain.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::work::WorkId;

/// The hash that stands before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// The entry's place in the log, counting from 1 without gaps.
    pub seq: i64,
    /// When the change was made (RFC 3339, UTC).
    pub time: String,
    /// Who made it.
    pub actor: String,
    /// What was done (`register`, `add_version`, `change_status`, `file`, …).
    pub action: String,
    /// The work changed, if any.
    pub work: Option<WorkId>,
    /// Why, when given.
    pub reason: Option<String>,
    /// What changed, as compact JSON.
    pub detail: String,
    /// The hash of the previous entry.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
    /// The seal of the last entry of a write: a digest of every stored fact as the write left
    /// them (see `store::seal`); it is part of the entry's hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// Computes an entry's hash from its content and the previous hash. Each field is written
/// with its length so that no two different entries hash the same input.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    time: &str,
    actor: &str,
    action: &str,
    work: Option<WorkId>,
    reason: Option<&str>,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    let work = work.map(|w| w.0.to_string()).unwrap_or_default();
    let seq = seq.to_string();
    for field in [
        prev_hash,
        &seq,
        time,
        actor,
        action,
        &work,
        reason.unwrap_or("\u{0}"),
        detail,
    ] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    hex(&h.finalize())
}

/// The hash of an entry that carries a seal: the hash of its content (`entry_hash`) and the
/// seal, together.
pub fn sealed_hash(content_hash: &str, state: &str) -> String {
    let mut h = Sha256::new();
    for field in [content_hash, "state", state] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    hex(&h.finalize())
}

/// SHA-256 of a text, hex.
pub fn content_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

impl AuditEntry {
    /// Whether the stored hash matches the content and the given previous hash.
    pub fn verify(&self, prev_hash: &str) -> bool {
        let content = entry_hash(
            prev_hash,
            self.seq,
            &self.time,
            &self.actor,
            &self.action,
            self.work,
            self.reason.as_deref(),
            &self.detail,
        );
        let expected = match &self.state {
            Some(state) => sealed_hash(&content, state),
            None => content,
        };
        self.prev_hash == prev_hash && self.hash == expected
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(prev: &str, seq: i64, detail: &str) -> AuditEntry {
        let time = "2024-07-18T00:00:00.000000Z";
        let hash = entry_hash(
            prev,
            seq,
            time,
            "clerk",
            "register",
            Some(WorkId(1)),
            None,
            detail,
        );
        AuditEntry {
            seq,
            time: time.into(),
            actor: "clerk".into(),
            action: "register".into(),
            work: Some(WorkId(1)),
            reason: None,
            detail: detail.into(),
            prev_hash: prev.into(),
            hash,
            state: None,
        }
    }

    #[test]
    fn a_changed_entry_breaks_the_chain() {
        let first = entry(GENESIS, 1, "{}");
        let second = entry(&first.hash, 2, "{\"a\":1}");
        assert!(first.verify(GENESIS));
        assert!(second.verify(&first.hash));
        let mut forged = second.clone();
        forged.actor = "someone else".into();
        assert!(!forged.verify(&first.hash));
        assert!(!second.verify(GENESIS));
        let mut sealed = second.clone();
        sealed.state = Some("works:1:00".into());
        assert!(!sealed.verify(&first.hash), "a seal is part of the hash");
        sealed.hash = sealed_hash(&second.hash, "works:1:00");
        assert!(sealed.verify(&first.hash));
        sealed.state = Some("works:2:00".into());
        assert!(
            !sealed.verify(&first.hash),
            "a changed seal breaks the chain"
        );
    }

    #[test]
    fn fields_cannot_slide_into_each_other() {
        let a = entry_hash(GENESIS, 1, "t", "ab", "c", None, None, "");
        let b = entry_hash(GENESIS, 1, "t", "a", "bc", None, None, "");
        assert_ne!(a, b);
        let none = entry_hash(GENESIS, 1, "t", "a", "b", None, None, "");
        let empty = entry_hash(GENESIS, 1, "t", "a", "b", None, Some(""), "");
        assert_ne!(none, empty);
    }

    #[test]
    fn content_hash_is_sha256() {
        assert_eq!(
            content_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
