//! The seal: every write leaves, in its last audit entry, a digest of every stored fact, so
//! that `check` notices a fact changed, added or deleted by anything but the registry.
//!
//! The digest is kept per table: the number of rows and the sum, modulo 2^256, of each row's
//! SHA-256 (a multiset hash: it does not depend on the order of rows, and a write updates it
//! with the rows it changed, not by reading every row). Temporary triggers on this
//! connection's fact tables add each inserted row's hash to a running sum per table, and take
//! each deleted row's away (an update does both), as it happens; the commit folds those sums
//! into the last seal and writes the new one into the head entry of the audit log, inside the
//! same transaction, where it is part of the entry's hash. The sums are rows of a temporary
//! table, so a savepoint rolled back takes its rows' hashes with it, and they take the same
//! room whether a write changes one row or millions.
//! Those triggers live only on the registry's own connections: a change made with any other
//! SQLite client leaves the seal as it was, and `check`, which recomputes every table's
//! digest, reports the table that no longer matches.
//!
//! What this does not catch: someone who edits the facts and then appends (or rewrites) audit
//! entries with a matching seal, recomputing every hash of the chain. The head hash that
//! `check` prints, kept elsewhere, catches that: `check --expect-head` fails when that hash
//! is no longer in the chain.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::Registry;
use crate::error::{Error, Result};
use crate::model::audit::{entry_hash, sealed_hash};

/// The tables whose rows are facts an answer depends on. The audit log is not among them: its
/// own hash chain covers it. Accounts, sessions and tokens of the web application are not
/// facts of the registry either.
pub const FACT_TABLES: &[&str] = &[
    "works",
    "versions",
    "articles",
    "akn_identifiers",
    "campaigns",
    "decisions",
    "suggestions",
    "status_changes",
    "filings",
    "reviews",
    "relations",
    "corrections",
];

/// The SQL function that hashes a row: `guifan_row('table', col1, col2, …)`.
const ROW_FUNCTION: &str = "guifan_row";

/// The SQL function that adds a row's hash to a sum, or takes it away:
/// `guifan_sum(sum, hash, sign)`, modulo 2^256.
const SUM_FUNCTION: &str = "guifan_sum";

/// One table's digest: its rows and the sum of their hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableDigest {
    /// How many rows.
    pub rows: i64,
    /// The sum of the rows' SHA-256, as a 256-bit little-endian number modulo 2^256.
    pub sum: [u8; 32],
}

impl TableDigest {
    /// Adds a row's hash (`sign` 1) or takes it away (-1).
    fn add(&mut self, hash: &[u8], sign: i64) {
        add_to_sum(&mut self.sum, hash, sign > 0);
        self.rows += sign;
    }

    /// Adds the rows and sum of another digest (a write's changes to a table).
    fn merge(&mut self, other: &TableDigest) {
        add_to_sum(&mut self.sum, &other.sum, true);
        self.rows += other.rows;
    }
}

/// `sum + value` (or `sum - value`) modulo 2^256, both little-endian.
fn add_to_sum(sum: &mut [u8; 32], value: &[u8], plus: bool) {
    // a - b = a + (~b + 1) modulo 2^256.
    let mut carry = u16::from(!plus);
    for (a, b) in sum.iter_mut().zip(value) {
        let b = if plus { *b } else { !*b };
        let v = u16::from(*a) + u16::from(b) + carry;
        *a = v as u8;
        carry = v >> 8;
    }
}

/// A sum of row hashes as SQL keeps it: 32 bytes, little-endian.
fn sum_of(bytes: &[u8]) -> rusqlite::Result<[u8; 32]> {
    bytes.try_into().map_err(|_| {
        rusqlite::Error::UserFunctionError(
            format!("a row-hash sum of {} bytes, not 32", bytes.len()).into(),
        )
    })
}

/// Every fact table's digest, by table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State(pub BTreeMap<String, TableDigest>);

impl State {
    /// The canonical text stored in the audit log: `table:rows:sum;…`, tables in name order,
    /// empty tables left out.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (table, d) in self.0.iter().filter(|(_, d)| **d != TableDigest::default()) {
            if !out.is_empty() {
                out.push(';');
            }
            write!(out, "{table}:{}:", d.rows).ok();
            for b in d.sum.iter().rev() {
                write!(out, "{b:02x}").ok();
            }
        }
        out
    }

    /// Reads the text [`State::to_text`] writes.
    pub fn parse(text: &str) -> Option<State> {
        let mut state = State::default();
        for part in text.split(';').filter(|p| !p.is_empty()) {
            let mut fields = part.split(':');
            let (table, rows, sum) = (fields.next()?, fields.next()?, fields.next()?);
            if fields.next().is_some() || sum.len() != 64 {
                return None;
            }
            let mut digest = TableDigest {
                rows: rows.parse().ok()?,
                sum: [0; 32],
            };
            for (i, b) in digest.sum.iter_mut().rev().enumerate() {
                *b = u8::from_str_radix(sum.get(2 * i..2 * i + 2)?, 16).ok()?;
            }
            state.0.insert(table.to_owned(), digest);
        }
        Some(state)
    }

    fn table(&mut self, table: &str) -> &mut TableDigest {
        self.0.entry(table.to_owned()).or_default()
    }
}

/// Registers the row hash function on a connection (every connection: `check` reads with it).
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        ROW_FUNCTION,
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut h = Sha256::new();
            for i in 0..ctx.len() {
                match ctx.get_raw(i) {
                    ValueRef::Null => h.update([0u8]),
                    ValueRef::Integer(v) => {
                        h.update([1u8]);
                        h.update(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        h.update([2u8]);
                        h.update(v.to_bits().to_le_bytes());
                    }
                    ValueRef::Text(t) => {
                        h.update([3u8]);
                        h.update((t.len() as u64).to_le_bytes());
                        h.update(t);
                    }
                    ValueRef::Blob(b) => {
                        h.update([4u8]);
                        h.update((b.len() as u64).to_le_bytes());
                        h.update(b);
                    }
                }
            }
            Ok(h.finalize().to_vec())
        },
    )?;
    conn.create_scalar_function(
        SUM_FUNCTION,
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut sum = sum_of(ctx.get_raw(0).as_blob()?)?;
            let hash = sum_of(ctx.get_raw(1).as_blob()?)?;
            add_to_sum(&mut sum, &hash, ctx.get::<i64>(2)? > 0);
            Ok(sum.to_vec())
        },
    )
}

/// The columns of a table, in order, quoted for SQL.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let names: Vec<String> = conn
        .prepare(&format!("PRAGMA main.table_info(\"{table}\")"))?
        .query_map([], |r| r.get(1))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names
        .into_iter()
        .map(|n| format!("\"{}\"", n.replace('"', "\"\"")))
        .collect())
}

/// The call that hashes a row of `table`, its columns read from `row` (`NEW`, `OLD`, or none
/// for a plain `SELECT`).
fn row_call(table: &str, cols: &[String], row: Option<&str>) -> String {
    let args: Vec<String> = cols
        .iter()
        .map(|c| match row {
            Some(r) => format!("{r}.{c}"),
            None => c.clone(),
        })
        .collect();
    format!("{ROW_FUNCTION}('{table}', {})", args.join(", "))
}

/// Creates this connection's temporary table of changes (a row per fact table: how many rows
/// were written, the change in the number of rows, the sum of the changed rows' hashes) and
/// the triggers that keep it.
pub(crate) fn watch(conn: &Connection) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS guifan_delta (
            tbl     TEXT PRIMARY KEY,
            changes INTEGER NOT NULL,
            rows    INTEGER NOT NULL,
            sum     BLOB NOT NULL
        );\n",
    );
    for table in FACT_TABLES {
        let cols = columns(conn, table)?;
        let new = row_call(table, &cols, Some("NEW"));
        let old = row_call(table, &cols, Some("OLD"));
        let change = |hash: &str, sign: i64| {
            format!(
                "UPDATE temp.guifan_delta SET changes = changes + 1, rows = rows + {sign},
                    sum = {SUM_FUNCTION}(sum, {hash}, {sign}) WHERE tbl = '{table}';"
            )
        };
        let (added, removed) = (change(&new, 1), change(&old, -1));
        write!(
            sql,
            "INSERT OR IGNORE INTO temp.guifan_delta VALUES ('{table}', 0, 0, zeroblob(32));
             CREATE TEMP TRIGGER IF NOT EXISTS guifan_seal_{table}_insert AFTER INSERT ON main.{table}
             BEGIN {added} END;
             CREATE TEMP TRIGGER IF NOT EXISTS guifan_seal_{table}_delete AFTER DELETE ON main.{table}
             BEGIN {removed} END;
             CREATE TEMP TRIGGER IF NOT EXISTS guifan_seal_{table}_update AFTER UPDATE ON main.{table}
             BEGIN {removed} {added} END;\n"
        )
        .ok();
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Empties the table of changes once they are sealed.
fn clear_delta(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "UPDATE temp.guifan_delta SET changes = 0, rows = 0, sum = zeroblob(32)
         WHERE changes <> 0",
    )?
    .execute([])?;
    Ok(())
}

/// Every fact table's digest, computed from its rows.
pub(crate) fn compute(conn: &Connection) -> Result<State> {
    let mut state = State::default();
    for table in FACT_TABLES {
        let cols = columns(conn, table)?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM main.{table}",
            row_call(table, &cols, None)
        ))?;
        let mut rows = stmt.query([])?;
        let digest = state.table(table);
        while let Some(r) = rows.next()? {
            let hash: Vec<u8> = r.get(0)?;
            digest.add(&hash, 1);
        }
    }
    Ok(state)
}

/// The last seal in the log, with its entry's number.
pub(crate) fn last_seal(conn: &Connection) -> Result<Option<(i64, State)>> {
    let row: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT seq, state FROM audit WHERE state IS NOT NULL ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        None => Ok(None),
        Some((seq, text)) => match State::parse(&text) {
            Some(state) => Ok(Some((seq, state))),
            None => Err(Error::Integrity(format!(
                "audit entry {seq} carries a seal that cannot be read"
            ))),
        },
    }
}

impl Registry {
    /// Seals the write about to commit: folds the rows it changed into the last seal and
    /// writes the result into the head entry of the log. Runs inside the transaction, before
    /// `COMMIT`. A write that changed no fact leaves the log as it is.
    pub(crate) fn seal(&mut self) -> Result<()> {
        let deltas: Vec<(String, TableDigest)> = self
            .conn
            .prepare_cached("SELECT tbl, rows, sum FROM temp.guifan_delta WHERE changes <> 0")?
            .query_map([], |r| {
                let sum: Vec<u8> = r.get(2)?;
                Ok((
                    r.get(0)?,
                    TableDigest {
                        rows: r.get(1)?,
                        sum: sum_of(&sum)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if deltas.is_empty() {
            return Ok(());
        }
        let mut state = last_seal(&self.conn)?.map(|(_, s)| s).unwrap_or_default();
        for (table, delta) in &deltas {
            state.table(table).merge(delta);
        }
        self.write_seal(&state)?;
        clear_delta(&self.conn)
    }

    /// Seals the store as it stands, from every row: after a migration, which may change
    /// how rows hash, and for a store made before seals.
    pub(crate) fn reseal(&mut self) -> Result<()> {
        self.atomic(|reg| {
            let state = compute(&reg.conn)?;
            reg.audit(
                "seal",
                None,
                Some("the store's schema changed: every fact sealed afresh"),
                &serde_json::json!({ "schema": super::SCHEMA_VERSION }),
            )?;
            reg.write_seal(&state)?;
            clear_delta(&reg.conn)
        })
    }

    /// Writes `state` into the head entry of the log, which must be this write's own and
    /// unsealed; a write that recorded no entry gets one.
    fn write_seal(&mut self, state: &State) -> Result<()> {
        let head = match self.audit_head()? {
            Some(e) if e.state.is_none() && e.seq > self.began_seq => e,
            _ => {
                self.audit("write", None, None, &serde_json::json!({}))?;
                self.audit_head()?.ok_or_else(|| {
                    Error::Integrity("the audit entry just written is missing".into())
                })?
            }
        };
        let content = entry_hash(
            &head.prev_hash,
            head.seq,
            &head.time,
            &head.actor,
            &head.action,
            head.work,
            head.reason.as_deref(),
            &head.detail,
        );
        let text = state.to_text();
        self.conn
            .prepare_cached("UPDATE audit SET state = ?1, hash = ?2 WHERE seq = ?3")?
            .execute(params![text, sealed_hash(&content, &text), head.seq])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::add_campaign;

    #[test]
    fn a_digest_added_and_taken_away_is_where_it_started() {
        let mut d = TableDigest::default();
        let a = Sha256::digest(b"a");
        let b = Sha256::digest(b"b");
        d.add(&a, 1);
        d.add(&b, 1);
        let both = d;
        d.add(&a, -1);
        d.add(&b, -1);
        assert_eq!(d, TableDigest::default());
        let mut other = TableDigest::default();
        other.add(&b, 1);
        other.add(&a, 1);
        assert_eq!(other, both, "the order of rows does not matter");
    }

    fn sealed_matches_rows(reg: &Registry) {
        let sealed = last_seal(reg.conn()).expect("seal").expect("a seal").1;
        assert_eq!(
            sealed.to_text(),
            compute(reg.conn()).expect("compute").to_text()
        );
    }

    /// Guards the running sums of a write's changes: a savepoint rolled back takes its rows'
    /// hashes with it, and rows added, changed and deleted within one write all count.
    #[test]
    fn the_seal_follows_savepoints_updates_and_deletes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut reg = Registry::open(dir.path()).expect("open");
        reg.atomic(|reg| {
            add_campaign(reg, "kept")?;
            let failed: Result<()> = reg.atomic(|reg| {
                add_campaign(reg, "rolled back")?;
                Err(Error::Conflict("refused".into()))
            });
            assert!(failed.is_err());
            reg.atomic(|reg| add_campaign(reg, "released"))
        })
        .expect("write");
        sealed_matches_rows(&reg);
        let keys: Vec<String> = reg
            .conn()
            .prepare("SELECT key FROM campaigns ORDER BY key")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(keys, ["kept", "released"]);

        reg.atomic(|reg| {
            add_campaign(reg, "passing")?;
            reg.conn().execute(
                "UPDATE campaigns SET name = '清理二' WHERE key = 'kept'",
                [],
            )?;
            reg.conn()
                .execute("DELETE FROM campaigns WHERE key = 'passing'", [])?;
            reg.audit("test", None, None, &serde_json::json!({}))
        })
        .expect("second write");
        sealed_matches_rows(&reg);
        let head = reg.audit_head().expect("head").expect("an entry");
        assert!(
            head.state.is_some(),
            "a write whose rows came and went is still sealed"
        );
    }

    #[test]
    fn the_seal_text_reads_back() {
        let mut state = State::default();
        state.table("works").add(&Sha256::digest(b"w"), 1);
        state.table("filings").add(&Sha256::digest(b"f"), 1);
        state.table("reviews");
        let text = state.to_text();
        assert!(text.starts_with("filings:1:"), "{text}");
        let back = State::parse(&text).expect("parse");
        assert_eq!(back.to_text(), text);
        assert!(State::parse("works:1:zz").is_none());
    }
}
