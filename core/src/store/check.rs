//! `check`: the store's own integrity, foreign keys, the audit hash chain, that every
//! stored text and status change is the one the audit log recorded, and that the search index
//! is sound and holds exactly the store's versions (`index::verify`).

use std::collections::HashMap;

use serde::Serialize;

use sha2::{Digest, Sha256};

use super::files::{OriginalFile, recorded_original};
use super::{Registry, SCHEMA_VERSION, seal};
use crate::error::Result;
use crate::index::IndexCheck;
use crate::model::WorkId;
use crate::model::audit::{GENESIS, content_hash};

/// What `check` found.
/// Serialized with `ok` (no problem found) first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The version of the store's schema.
    pub schema_version: i64,
    /// How many works the registry holds.
    pub works: u64,
    /// How many versions, over all works.
    pub versions: u64,
    /// How many entries the audit log has.
    pub audit_entries: u64,
    /// The hash of the last audit entry: record it elsewhere to prove later that the log
    /// has only grown since.
    pub head_hash: String,
    /// The search index, when the registry has one.
    pub index: Option<IndexCheck>,
    /// Every problem found, the index's among them; empty when the registry is sound.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether no problem was found.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Serialize for CheckReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("CheckReport", 8)?;
        st.serialize_field("ok", &self.ok())?;
        st.serialize_field("schema_version", &self.schema_version)?;
        st.serialize_field("works", &self.works)?;
        st.serialize_field("versions", &self.versions)?;
        st.serialize_field("audit_entries", &self.audit_entries)?;
        st.serialize_field("head_hash", &self.head_hash)?;
        st.serialize_field("index", &self.index)?;
        st.serialize_field("problems", &self.problems)?;
        st.end()
    }
}

impl Registry {
    /// Compares every fact table with the last seal of the log (`seal`), and reports each
    /// table that differs.
    fn check_seal(&self, sealed: Option<(i64, String)>, problems: &mut Vec<String>) -> Result<()> {
        let actual = seal::compute(self.conn())?;
        let (seq, recorded) = match sealed {
            Some((seq, text)) => match seal::State::parse(&text) {
                Some(state) => (Some(seq), state),
                None => {
                    problems.push(format!(
                        "audit: entry {seq} carries a seal that cannot be read"
                    ));
                    return Ok(());
                }
            },
            None => (None, seal::State::default()),
        };
        let at = seq.map_or_else(
            || "an empty registry".to_owned(),
            |s| format!("audit entry {s}"),
        );
        for table in seal::FACT_TABLES {
            let want = recorded.0.get(*table).copied().unwrap_or_default();
            let have = actual.0.get(*table).copied().unwrap_or_default();
            if want == have {
                continue;
            }
            let how = match have.rows.cmp(&want.rows) {
                std::cmp::Ordering::Less => format!(
                    "{} rows deleted ({} stored, {} sealed)",
                    want.rows - have.rows,
                    have.rows,
                    want.rows
                ),
                std::cmp::Ordering::Greater => format!(
                    "{} rows added ({} stored, {} sealed)",
                    have.rows - want.rows,
                    have.rows,
                    want.rows
                ),
                std::cmp::Ordering::Equal => format!("rows changed ({} rows)", have.rows),
            };
            problems.push(format!(
                "table `{table}` was changed outside guifan since {at}: {how}"
            ));
        }
        Ok(())
    }

    /// Whether the original file a version's audit entry records is kept, unchanged.
    fn check_original(
        &self,
        work: WorkId,
        seq: u32,
        file: &OriginalFile,
        problems: &mut Vec<String>,
    ) {
        let Ok(path) = self.original_path(&file.sha256) else {
            problems.push(format!(
                "work {work} version {seq}: the audit log records a bad file hash `{}`",
                file.sha256
            ));
            return;
        };
        match std::fs::read(&path) {
            Ok(bytes) if crate::intake::hex(&Sha256::digest(&bytes)) == file.sha256 => {}
            Ok(_) => problems.push(format!(
                "work {work} version {seq}: the original file `{}` does not match its hash",
                file.name
            )),
            Err(_) => problems.push(format!(
                "work {work} version {seq}: the original file `{}` is missing from {}",
                file.name,
                file.relative_path().display()
            )),
        }
    }

    /// Checks the registry and its search index. Problems are reported, not raised; an error
    /// means the check itself could not run.
    ///
    /// Long on purpose: the checks run in order from the file up (SQLite's integrity, foreign
    /// keys, the audit chain, texts and status changes against the log), each a block with its
    /// own comment; the report collects every problem rather than stopping at the first.
    pub fn check(&self) -> Result<CheckReport> {
        self.check_expecting(None)
    }

    /// [`Registry::check`], and that the audit log still holds the entry whose hash is
    /// `expected_head` (a head hash printed by an earlier check or backup, kept elsewhere):
    /// the log may have grown since, but not been rewritten.
    pub fn check_expecting(&self, expected_head: Option<&str>) -> Result<CheckReport> {
        let conn = self.conn();
        let mut problems = Vec::new();

        let integrity: Vec<String> = conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if integrity != ["ok"] {
            problems.extend(integrity.into_iter().map(|m| format!("sqlite: {m}")));
        }
        let fk: Vec<(String, i64, String)> = conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (table, rowid, parent) in fk {
            problems.push(format!(
                "foreign key: {table} row {rowid} names a missing {parent}"
            ));
        }
        let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if schema_version != SCHEMA_VERSION {
            problems.push(format!(
                "schema version {schema_version}, expected {SCHEMA_VERSION}"
            ));
        }

        // The chain: contiguous sequence numbers, each hash over its content and the one before.
        let entries = self.audit_log()?;
        let mut prev = GENESIS.to_owned();
        let mut recorded_texts: HashMap<(i64, u32), String> = HashMap::new();
        let mut recorded_changes: HashMap<i64, u64> = HashMap::new();
        let mut sealed: Option<(i64, String)> = None;
        let mut chain_whole = true;
        for (i, e) in entries.iter().enumerate() {
            let expected_seq = i as i64 + 1;
            if e.seq != expected_seq {
                problems.push(format!(
                    "audit: entry {expected_seq} is missing (found {} in its place)",
                    e.seq
                ));
                chain_whole = false;
                break;
            }
            if !e.verify(&prev) {
                problems.push(format!(
                    "audit: entry {} does not match its hash; the log was rewritten there",
                    e.seq
                ));
                chain_whole = false;
                break;
            }
            prev = e.hash.clone();
            if let Some(state) = &e.state {
                sealed = Some((e.seq, state.clone()));
            }
            let Some(work) = e.work else { continue };
            match e.action.as_str() {
                "add_version" => {
                    let detail: serde_json::Value =
                        serde_json::from_str(&e.detail).unwrap_or_default();
                    if let (Some(seq), Some(hash)) =
                        (detail["seq"].as_u64(), detail["content_hash"].as_str())
                    {
                        recorded_texts.insert((work.0, seq as u32), hash.to_owned());
                    }
                    if let Some((seq, file)) = recorded_original(&e.action, &e.detail) {
                        self.check_original(work, seq, &file, &mut problems);
                    }
                }
                "change_status" => *recorded_changes.entry(work.0).or_default() += 1,
                _ => {}
            }
        }

        // Every stored text is the one recorded, and hashes to what is stored.
        let mut stmt = conn.prepare("SELECT work_id, seq, content_hash, body FROM versions")?;
        let mut rows = stmt.query([])?;
        let mut versions = 0u64;
        while let Some(r) = rows.next()? {
            versions += 1;
            let (work, seq): (i64, u32) = (r.get(0)?, r.get(1)?);
            let stored: String = r.get(2)?;
            let body: String = r.get(3)?;
            if content_hash(&body) != stored {
                problems.push(format!(
                    "work {work} version {seq}: the text does not match its content hash"
                ));
            }
            match recorded_texts.get(&(work, seq)) {
                Some(h) if *h == stored => {}
                Some(_) => problems.push(format!(
                    "work {work} version {seq}: the text differs from the one the audit log recorded"
                )),
                None => problems.push(format!(
                    "work {work} version {seq}: no audit entry records this version"
                )),
            }
        }
        let changes: Vec<(i64, i64)> = conn
            .prepare("SELECT work_id, count(*) FROM status_changes GROUP BY work_id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (work, n) in changes {
            let recorded = recorded_changes.remove(&work).unwrap_or(0);
            if recorded != n as u64 {
                problems.push(format!(
                    "work {work}: {n} status changes stored, {recorded} in the audit log"
                ));
            }
        }
        for (work, n) in recorded_changes {
            problems.push(format!(
                "work {work}: {n} status changes in the audit log are missing from the store"
            ));
        }
        let works: i64 = conn.query_row(
            "SELECT count(*) FROM works w WHERE NOT EXISTS
               (SELECT 1 FROM versions v WHERE v.work_id = w.id)",
            [],
            |r| r.get(0),
        )?;
        if works > 0 {
            problems.push(format!("{works} works have no version"));
        }

        // Every fact as the last write sealed it.
        if chain_whole {
            self.check_seal(sealed, &mut problems)?;
        }
        if let Some(expected) = expected_head {
            let expected = expected.trim().to_ascii_lowercase();
            if !entries.iter().any(|e| e.hash == expected) {
                problems.push(format!(
                    "audit: the head `{expected}` expected is not in the log: the log was \
                     rewritten or cut back since that hash was taken"
                ));
            }
        }
        // The search index, derived from the store: sound, and holding exactly its versions.
        let index = crate::index::verify(self, &mut problems)?;

        Ok(CheckReport {
            schema_version,
            works: self.count_works()?,
            versions,
            audit_entries: entries.len() as u64,
            head_hash: prev,
            index,
            problems,
        })
    }
}
