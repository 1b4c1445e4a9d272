//! The clearance assistant's proposals, as recorded: one row per document each time proposals
//! are recorded for a campaign (append-only), each with its audit entry. A decision made on a
//! document afterwards points at the last proposal for it ([`Registry::decide`] looks it up),
//! so whether the reviewer followed or overrode the proposal stays on record.

use rusqlite::params;
use serde_json::json;
use time::Date;

use super::Registry;
use crate::date::{from_iso, iso};
use crate::error::{Error, Result};
use crate::model::{Outcome, Proposal, RecordedSuggestion, WorkId};

/// A proposal to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSuggestion {
    /// The document.
    pub work: WorkId,
    /// The version the rules looked at.
    pub version: Option<u32>,
    /// What is proposed.
    pub proposal: Proposal,
    /// The ids of the rules that fired.
    pub rules: Vec<String>,
    /// The findings in full (the assistant's JSON), kept as evidence.
    pub findings: serde_json::Value,
}

impl Registry {
    /// Records the proposals of one run of the clearance assistant for an open campaign, one
    /// row and one audit entry per document, atomically. Returns the ids of the rows.
    pub fn record_suggestions(
        &mut self,
        campaign: &str,
        as_of: Date,
        items: &[NewSuggestion],
    ) -> Result<Vec<i64>> {
        self.atomic(|reg| {
            let row: Option<(i64, Option<String>)> = reg
                .conn()
                .prepare_cached("SELECT id, announced FROM campaigns WHERE key = ?1")?
                .query_row([campaign], |r| Ok((r.get(0)?, r.get(1)?)))
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
            let cid = match row {
                None => return Err(Error::not_found("campaign", campaign)),
                Some((_, Some(date))) => {
                    return Err(Error::Conflict(format!(
                        "campaign `{campaign}` was announced on {date}; its decisions are final"
                    )));
                }
                Some((id, None)) => id,
            };
            let mut ids = Vec::with_capacity(items.len());
            for s in items {
                reg.work_key_of(s.work)?;
                let rules = serde_json::to_string(&s.rules)
                    .map_err(|e| Error::Integrity(format!("rules as JSON: {e}")))?;
                let findings = s.findings.to_string();
                let seq = reg.audit(
                    "suggest",
                    Some(s.work),
                    None,
                    &json!({
                        "campaign": campaign,
                        "as_of": iso(as_of),
                        "version": s.version,
                        "proposal": s.proposal.token(),
                        "rules": s.rules,
                    }),
                )?;
                reg.conn()
                    .prepare_cached(
                        "INSERT INTO suggestions (campaign_id, work_id, seq, as_of, proposal,
                            rules, findings, audit_seq)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                        cid,
                        s.work.0,
                        s.version,
                        iso(as_of),
                        s.proposal.token(),
                        rules,
                        findings,
                        seq
                    ])?;
                ids.push(reg.conn().last_insert_rowid());
            }
            Ok(ids)
        })
    }

    /// The last proposal recorded for each document of a campaign, with the decision made on
    /// that proposal (if one was) and whether the decision followed it; in the order of the
    /// documents' ids.
    pub fn recorded_suggestions(&self, campaign: &str) -> Result<Vec<RecordedSuggestion>> {
        let c = self.campaign(campaign)?;
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT s.id, s.work_id, s.seq, s.as_of, s.proposal, s.rules, d.outcome
                 FROM suggestions s
                 LEFT JOIN decisions d ON d.suggestion_id = s.id
                 WHERE s.campaign_id = ?1
                   AND s.id = (SELECT max(id) FROM suggestions t
                               WHERE t.campaign_id = s.campaign_id AND t.work_id = s.work_id)
                 ORDER BY s.work_id",
            )?
            .query_map([c.id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<u32>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let snapshot = self.snapshot()?;
        rows.into_iter()
            .map(|(id, work, version, as_of, proposal, rules, decision)| {
                let proposal = Proposal::parse(&proposal).ok_or_else(|| {
                    Error::Integrity(format!("suggestion {id} has proposal `{proposal}`"))
                })?;
                let as_of = from_iso(&as_of).ok_or_else(|| {
                    Error::Integrity(format!("suggestion {id} has date `{as_of}`"))
                })?;
                let rules: Vec<String> = serde_json::from_str(&rules)
                    .map_err(|e| Error::Integrity(format!("suggestion {id} rules: {e}")))?;
                let decision = decision.map(|d| Outcome::parse(&d)).transpose()?;
                let followed = match (decision, proposal.outcome()) {
                    (Some(d), Some(p)) => Some(d == p),
                    _ => None,
                };
                // The version the rules looked at describes the document.
                let facts = snapshot.get(WorkId(work)).ok_or_else(|| {
                    Error::Integrity(format!("suggestion {id} is on missing work {work}"))
                })?;
                let described = version
                    .and_then(|seq| facts.versions.iter().find(|v| v.seq == seq))
                    .unwrap_or_else(|| facts.describing_version(as_of));
                Ok(RecordedSuggestion {
                    id,
                    campaign: c.key.clone(),
                    work: WorkId(work),
                    version,
                    title: described.title.clone(),
                    doc_number: described.doc_number.clone(),
                    as_of,
                    proposal,
                    rules,
                    decision,
                    followed,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewCampaign;

    #[test]
    fn proposals_are_append_only_and_refused_for_unknown_works() {
        let dir = tempfile::tempdir().expect("temp");
        let mut reg = Registry::open(dir.path()).expect("open");
        let record = r#"{"key":"k1","title":"某办法","kind":"行政规范性文件","issuer":"某市人民政府","issued":"2020-01-01","status":"有效"}"#;
        crate::interchange::import_str(&mut reg, crate::interchange::Format::JsonLines, record)
            .expect("import");
        reg.open_campaign(&NewCampaign {
            key: "c".into(),
            name: "清理".into(),
            scope: None,
            opened: None,
        })
        .expect("campaign");
        let work = reg.resolve("k1").expect("work");
        let item = NewSuggestion {
            work,
            version: Some(1),
            proposal: Proposal::Evaluate,
            rules: vec!["no-period".into()],
            findings: serde_json::json!([]),
        };
        let as_of = time::macros::date!(2024 - 01 - 01);
        let ids = reg
            .record_suggestions("c", as_of, std::slice::from_ref(&item))
            .expect("record");
        assert_eq!(ids.len(), 1);
        assert!(
            reg.conn()
                .execute("UPDATE suggestions SET proposal = 'valid'", [])
                .is_err()
        );
        assert!(reg.conn().execute("DELETE FROM suggestions", []).is_err());
        let missing = NewSuggestion {
            work: WorkId(999),
            ..item
        };
        assert!(reg.record_suggestions("c", as_of, &[missing]).is_err());
        assert_eq!(reg.recorded_suggestions("c").expect("rows").len(), 1);
        assert!(reg.record_suggestions("nope", as_of, &[]).is_err());
    }
}
