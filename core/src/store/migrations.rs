//! Versioned schema migrations, applied in order on open. `PRAGMA user_version` holds the
//! number of the last one applied.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Each migration, in order. Never edit one that has shipped; add another.
const MIGRATIONS: &[&str] = &[
    // 1: the registry.
    r#"
CREATE TABLE works (
    id          INTEGER PRIMARY KEY,
    work_key    TEXT NOT NULL UNIQUE,
    created_seq INTEGER NOT NULL
);

CREATE TABLE versions (
    id              INTEGER PRIMARY KEY,
    work_id         INTEGER NOT NULL REFERENCES works(id),
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    key             TEXT UNIQUE,
    title           TEXT NOT NULL CHECK (title <> ''),
    kind            TEXT NOT NULL,
    issuer          TEXT NOT NULL,
    doc_number      TEXT,
    doc_number_raw  TEXT,
    registration_no TEXT,
    index_no        TEXT,
    signed          TEXT,
    issued          TEXT,
    effective       TEXT,
    expires         TEXT,
    label           TEXT NOT NULL,
    superseded      INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
    history         TEXT NOT NULL DEFAULT '[]',
    amended_by      TEXT,
    note            TEXT,
    content_hash    TEXT NOT NULL,
    chars           INTEGER NOT NULL,
    body            TEXT NOT NULL,
    UNIQUE (work_id, seq)
);
CREATE INDEX versions_doc_number ON versions(doc_number);
CREATE INDEX versions_title ON versions(title);

CREATE TABLE campaigns (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    scope     TEXT,
    opened    TEXT,
    announced TEXT
);

CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    work_id     INTEGER NOT NULL REFERENCES works(id),
    outcome     TEXT NOT NULL
                CHECK (outcome IN ('valid', 'pending_revision', 'repealed', 'invalidated')),
    reason      TEXT,
    UNIQUE (campaign_id, work_id)
);

CREATE TABLE status_changes (
    id          INTEGER PRIMARY KEY,
    work_id     INTEGER NOT NULL REFERENCES works(id),
    date        TEXT,
    status      TEXT NOT NULL CHECK (status IN ('valid', 'pending_revision', 'repealed',
                'invalidated', 'expired', 'unknown')),
    reason      TEXT,
    source      TEXT NOT NULL CHECK (source IN ('record', 'manual', 'campaign')),
    version_seq INTEGER,
    campaign_id INTEGER REFERENCES campaigns(id),
    actor       TEXT NOT NULL,
    CHECK ((source = 'record') = (version_seq IS NOT NULL)),
    CHECK ((source = 'campaign') = (campaign_id IS NOT NULL))
);
CREATE INDEX status_changes_work ON status_changes(work_id);

CREATE TABLE filings (
    id            INTEGER PRIMARY KEY,
    work_id       INTEGER NOT NULL REFERENCES works(id),
    filed_with    TEXT NOT NULL CHECK (filed_with <> ''),
    submitted     TEXT,
    number        TEXT,
    outcome       TEXT CHECK (outcome IN ('registered', 'deferred', 'correction_required',
                  'refused', 'under_review')),
    deadline_days INTEGER NOT NULL CHECK (deadline_days >= 0),
    note          TEXT
);
CREATE INDEX filings_work ON filings(work_id);

CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    work_id    INTEGER NOT NULL REFERENCES works(id),
    kind       TEXT NOT NULL CHECK (kind IN ('legality', 'filing_review', 'fair_competition',
               'evaluation')),
    reviewer   TEXT NOT NULL,
    date       TEXT NOT NULL,
    conclusion TEXT NOT NULL,
    opinion    TEXT
);
CREATE INDEX reviews_work ON reviews(work_id);

CREATE TABLE relations (
    id        INTEGER PRIMARY KEY,
    from_work INTEGER NOT NULL REFERENCES works(id),
    kind      TEXT NOT NULL CHECK (kind IN ('basis', 'amends', 'repeals', 'supersedes',
              'implements', 'cites')),
    to_work   INTEGER REFERENCES works(id),
    cited_as  TEXT,
    source    TEXT NOT NULL CHECK (source IN ('manual', 'text')),
    note      TEXT,
    CHECK (to_work IS NOT NULL OR cited_as IS NOT NULL)
);
CREATE INDEX relations_from ON relations(from_work);
CREATE INDEX relations_to ON relations(to_work);

CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    time      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    work_id   INTEGER REFERENCES works(id),
    reason    TEXT,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_work ON audit(work_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER status_changes_no_update BEFORE UPDATE ON status_changes
BEGIN SELECT RAISE(ABORT, 'status changes are append-only'); END;
CREATE TRIGGER status_changes_no_delete BEFORE DELETE ON status_changes
BEGIN SELECT RAISE(ABORT, 'status changes are append-only'); END;
"#,
    // 2: the structure of each version's text (its articles), title keys for resolving
    // citations, and relations found in a version's text.
    r#"
CREATE TABLE articles (
    work_id INTEGER NOT NULL REFERENCES works(id),
    seq     INTEGER NOT NULL,
    ord     INTEGER NOT NULL,
    number  INTEGER NOT NULL,
    suffix  INTEGER,
    eid     TEXT NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL CHECK (end >= start),
    path    TEXT NOT NULL DEFAULT '[]',
    source  TEXT NOT NULL DEFAULT 'text' CHECK (source IN ('text', 'akn')),
    PRIMARY KEY (work_id, seq, ord),
    FOREIGN KEY (work_id, seq) REFERENCES versions(work_id, seq)
) WITHOUT ROWID;

ALTER TABLE versions ADD COLUMN title_key TEXT;
CREATE INDEX versions_title_key ON versions(title_key);

ALTER TABLE relations ADD COLUMN from_seq INTEGER;
ALTER TABLE relations ADD COLUMN eid TEXT;
ALTER TABLE relations ADD COLUMN cited_number TEXT;
ALTER TABLE relations ADD COLUMN cited_key TEXT;
CREATE INDEX relations_pending_number ON relations(cited_number) WHERE to_work IS NULL;
CREATE INDEX relations_pending_key ON relations(cited_key) WHERE to_work IS NULL;

CREATE TABLE akn_identifiers (
    work_id INTEGER NOT NULL REFERENCES works(id),
    seq     INTEGER NOT NULL,
    detail  TEXT NOT NULL,
    PRIMARY KEY (work_id, seq),
    FOREIGN KEY (work_id, seq) REFERENCES versions(work_id, seq)
);
"#,
    // 3: the clearance assistant's proposals, append-only, and the proposal each decision
    // was made on (so whether it was followed is on record).
    r#"
CREATE TABLE suggestions (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    work_id     INTEGER NOT NULL REFERENCES works(id),
    seq         INTEGER,
    as_of       TEXT NOT NULL,
    proposal    TEXT NOT NULL CHECK (proposal IN ('valid', 'evaluate', 'pending_revision',
                'invalidated', 'repealed')),
    rules       TEXT NOT NULL DEFAULT '[]',
    findings    TEXT NOT NULL DEFAULT '[]',
    audit_seq   INTEGER NOT NULL
);
CREATE INDEX suggestions_campaign_work ON suggestions(campaign_id, work_id);

ALTER TABLE decisions ADD COLUMN suggestion_id INTEGER REFERENCES suggestions(id);

CREATE TRIGGER suggestions_no_update BEFORE UPDATE ON suggestions
BEGIN SELECT RAISE(ABORT, 'suggestions are append-only'); END;
CREATE TRIGGER suggestions_no_delete BEFORE DELETE ON suggestions
BEGIN SELECT RAISE(ABORT, 'suggestions are append-only'); END;
"#,
    // 4: corrections. A filing, review, decision or relation recorded by mistake is withdrawn,
    // or replaced by a corrected record, from a date and for a reason; nothing is deleted or
    // updated. A decision may now be replaced, so "one decision per work per campaign" is kept
    // by the code for the decisions that stand (the table is rebuilt without the constraint).
    r#"
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    record      TEXT NOT NULL CHECK (record IN ('filing', 'review', 'decision', 'relation')),
    record_id   INTEGER NOT NULL,
    work_id     INTEGER NOT NULL REFERENCES works(id),
    replaced_by INTEGER,
    date        TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason <> ''),
    actor       TEXT NOT NULL,
    audit_seq   INTEGER NOT NULL,
    UNIQUE (record, record_id)
);
CREATE INDEX corrections_replaced_by ON corrections(record, replaced_by);
CREATE INDEX corrections_work ON corrections(work_id);
CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

CREATE TABLE decisions_new (
    id            INTEGER PRIMARY KEY,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns(id),
    work_id       INTEGER NOT NULL REFERENCES works(id),
    outcome       TEXT NOT NULL
                  CHECK (outcome IN ('valid', 'pending_revision', 'repealed', 'invalidated')),
    reason        TEXT,
    suggestion_id INTEGER REFERENCES suggestions(id)
);
INSERT INTO decisions_new (id, campaign_id, work_id, outcome, reason, suggestion_id)
    SELECT id, campaign_id, work_id, outcome, reason, suggestion_id FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_new RENAME TO decisions;
CREATE INDEX decisions_campaign_work ON decisions(campaign_id, work_id);
CREATE INDEX decisions_work ON decisions(work_id);
"#,
    // 5: a document arriving as a file is looked up by its text's hash (is it registered
    // already?) before it is stored.
    r#"
CREATE INDEX versions_content_hash ON versions(content_hash);
"#,
    // 6: a text numbered `一、` `二、` without articles has its numbered parts as its articles
    // (`show --article 二`): the versions stored without articles get them (in Rust).
    "",
    // 7: the seal (`seal.rs`): the last audit entry of each write carries a digest of every
    // stored fact. The head entry may be sealed once, in the write that made it; nothing
    // else in the log changes.
    r#"
ALTER TABLE audit ADD COLUMN state TEXT;
DROP TRIGGER audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN NOT (OLD.state IS NULL AND NEW.state IS NOT NULL
      AND NEW.seq = OLD.seq AND NEW.time = OLD.time AND NEW.actor = OLD.actor
      AND NEW.action = OLD.action AND NEW.work_id IS OLD.work_id
      AND NEW.reason IS OLD.reason AND NEW.detail = OLD.detail
      AND NEW.prev_hash = OLD.prev_hash
      AND OLD.seq = (SELECT max(seq) FROM audit))
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#,
];

/// Work in Rust that completes a migration: filling the new columns and tables from what the
/// registry already holds. Indexed like [`MIGRATIONS`].
fn backfill(migration: usize, conn: &Connection) -> Result<()> {
    match migration {
        2 => super::articles::backfill(conn)?,
        6 => super::articles::backfill_parts(conn)?,
        _ => {}
    }
    Ok(())
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a store written by a newer build.
pub fn refuse_newer(version: i64) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(Error::Integrity(format!(
            "the registry has schema version {version}, newer than this build's \
             {SCHEMA_VERSION}; upgrade guifan"
        )));
    }
    Ok(())
}

/// Applies the migrations the database has not seen, each in its own transaction. The
/// version is read again under the write lock before each one, so that two processes opening
/// an old store at once apply each migration once. Returns whether any was applied here.
pub fn migrate(conn: &mut Connection) -> Result<bool> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    refuse_newer(current)?;
    if current == SCHEMA_VERSION {
        return Ok(false);
    }
    let mut applied = false;
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        refuse_newer(current)?;
        let Some(sql) = MIGRATIONS.get(current as usize) else {
            return Ok(applied);
        };
        tx.execute_batch(sql)?;
        backfill(current as usize + 1, &tx)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
        applied = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_a_new_database_once() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate(&mut conn).expect("first");
        migrate(&mut conn).expect("again is a no-op");
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(v, SCHEMA_VERSION);
    }

    #[test]
    fn migration_4_keeps_every_decision_and_allows_a_corrected_one() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
        for sql in &MIGRATIONS[..3] {
            conn.execute_batch(sql).expect("migrations 1-3");
        }
        conn.pragma_update(None, "user_version", 3)
            .expect("version 3");
        conn.execute_batch(
            "INSERT INTO works (id, work_key, created_seq) VALUES (1, 'w', 1);
             INSERT INTO campaigns (id, key, name) VALUES (1, 'c', '清理');
             INSERT INTO decisions (id, campaign_id, work_id, outcome, reason)
                VALUES (7, 1, 1, 'repealed', '与上位法不一致');",
        )
        .expect("data");
        migrate(&mut conn).expect("migrate");
        let kept: (i64, String, String) = conn
            .query_row("SELECT id, outcome, reason FROM decisions", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .expect("decision");
        assert_eq!(kept, (7, "repealed".into(), "与上位法不一致".into()));
        conn.execute(
            "INSERT INTO decisions (campaign_id, work_id, outcome) VALUES (1, 1, 'valid')",
            [],
        )
        .expect("a corrected decision is a second row");
        conn.execute(
            "INSERT INTO corrections (record, record_id, work_id, replaced_by, date, reason,
                actor, audit_seq) VALUES ('decision', 7, 1, 8, '2025-03-01', '更正', 't', 1)",
            [],
        )
        .expect("correction");
        assert!(conn.execute("DELETE FROM corrections", []).is_err());
        assert!(
            conn.execute("UPDATE corrections SET reason = 'x'", [])
                .is_err()
        );
    }

    #[test]
    fn migration_2_fills_articles_and_title_keys_of_existing_versions() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(MIGRATIONS[0]).expect("migration 1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version 1");
        conn.execute_batch(
            "INSERT INTO works (id, work_key, created_seq) VALUES (1, 'w', 1);
             INSERT INTO versions (work_id, seq, title, kind, issuer, label, content_hash,
                chars, body)
             VALUES (1, 1, '中华人民共和国行政处罚法', '法律', '', '原文', 'h', 20,
                '第一章　总则\n第一条　为了规范。\n第二条　适用本法。\n第十条之一　补充。');",
        )
        .expect("a version of schema 1");
        migrate(&mut conn).expect("migrate");
        let key: String = conn
            .query_row("SELECT title_key FROM versions", [], |r| r.get(0))
            .expect("title key");
        assert_eq!(key, "行政处罚法");
        let articles: Vec<(u32, Option<u32>, String)> = conn
            .prepare("SELECT number, suffix, eid FROM articles ORDER BY ord")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(
            articles,
            vec![
                (1, None, "chp_1__art_1".to_owned()),
                (2, None, "chp_1__art_2".to_owned()),
                (10, Some(1), "chp_1__art_10_1".to_owned()),
            ]
        );
    }

    /// Guards `show --article 二` in a registry made before numbered parts were articles: the
    /// versions stored without articles get their parts, the others keep what they have.
    #[test]
    fn migration_6_stores_the_numbered_parts_of_texts_without_articles() {
        let mut conn = Connection::open_in_memory().expect("open");
        for sql in &MIGRATIONS[..5] {
            conn.execute_batch(sql).expect("migrations 1 to 5");
        }
        conn.pragma_update(None, "user_version", 5)
            .expect("version 5");
        conn.execute_batch(
            "INSERT INTO works (id, work_key, created_seq) VALUES (1, 'w', 1), (2, 'x', 2);
             INSERT INTO versions (work_id, seq, title, kind, issuer, label, content_hash,
                chars, body)
             VALUES (1, 1, '实施方案', '行政规范性文件', '', '原文', 'h', 30,
                '各单位：
一、总体目标
到2025年底建成。
二、重点任务
（一）推行制度。
'),
                    (2, 1, '办法', '行政规范性文件', '', '原文', 'i', 10,
                '第一条　为了规范。
');
             INSERT INTO articles (work_id, seq, ord, number, suffix, eid, start, end, source)
             VALUES (2, 1, 0, 1, NULL, 'art_1', 0, 10, 'akn');",
        )
        .expect("versions of schema 5");
        migrate(&mut conn).expect("migrate");
        let articles: Vec<(i64, u32, String, String)> = conn
            .prepare("SELECT work_id, number, eid, source FROM articles ORDER BY work_id, ord")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let text =
            |w: i64, n: u32, eid: &str, source: &str| (w, n, eid.to_owned(), source.to_owned());
        assert_eq!(
            articles,
            vec![
                text(1, 1, "dvs_1", "text"),
                text(1, 2, "dvs_2", "text"),
                text(2, 1, "art_1", "akn"),
            ]
        );
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("set");
        assert!(matches!(migrate(&mut conn), Err(Error::Integrity(_))));
    }

    #[test]
    fn the_audit_log_refuses_updates_and_deletes() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate(&mut conn).expect("migrate");
        conn.execute(
            "INSERT INTO audit (seq, time, actor, action, detail, prev_hash, hash)
             VALUES (1, 't', 'a', 'x', '{}', 'p', 'h')",
            [],
        )
        .expect("insert");
        assert!(conn.execute("UPDATE audit SET actor = 'b'", []).is_err());
        assert!(conn.execute("DELETE FROM audit", []).is_err());
    }
}
