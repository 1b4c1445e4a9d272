//! The structure stored with each version: its articles (条) with their numbers, eIds, byte
//! ranges and the chapters they stand in, so that "第十二条 as it stood in 2021" is a lookup.
//! A text without articles numbered `一、` `二、` has its numbered parts stored as its articles
//! ([`Structure::article_units`]): their eIds are `dvs_N` and their labels `第二部分`.
//!
//! Articles are parsed from the text when a version is stored, in the same transaction
//! ([`crate::text::structure`]); a version imported from Akoma Ntoso whose text the parser
//! cannot read by articles keeps the articles of its XML instead. The whole structure is parsed
//! again on demand ([`Registry::structure`]); it is cheap and always agrees with the text.

use rusqlite::{Connection, params};
use serde::Serialize;
use time::Date;

use super::Registry;
use crate::error::{Error, Result};
use crate::model::WorkId;
use crate::text::citations::title_key;
use crate::text::structure::{self, Level, Structure, article_label, part_label};

/// An article of a stored version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredArticle {
    /// The article's number (10 for 第十条).
    pub number: u32,
    /// The `之N` of 第十条之一.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<u32>,
    /// `第十条之一`; `第二部分` for a numbered part `二、` of a text without articles.
    pub label: String,
    /// Its eId (`chp_1__art_3`).
    pub eid: String,
    /// Start of its byte range in the version's text.
    pub start: usize,
    /// End (exclusive) of its byte range in the version's text.
    pub end: usize,
    /// The headings of the 编/章/节 it stands in, outermost first.
    pub path: Vec<String>,
}

/// An article as it stood on a date: the version then in force and the article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleText {
    /// The work.
    pub work: WorkId,
    /// The title of the version the text comes from.
    pub title: String,
    /// The canonical 文号 of that version.
    pub doc_number: Option<String>,
    /// The version the text comes from.
    pub version: u32,
    /// 原文, 修正, 修订 …
    pub version_label: String,
    /// The day the version took effect (its effective date, else its issued date).
    #[serde(with = "crate::model::serde_date::option")]
    pub in_force_from: Option<Date>,
    /// The last day before the next version took effect, when there is one.
    #[serde(with = "crate::model::serde_date::option")]
    pub in_force_until: Option<Date>,
    /// The article: number, eId, byte range and chapters.
    #[serde(flatten)]
    pub article: StoredArticle,
    /// The article's text, its heading included.
    pub text: String,
    /// The date asked about, when the article was asked for as of a date.
    #[serde(with = "crate::model::serde_date::option")]
    pub as_of: Option<Date>,
    /// The work's status on `as_of`, when asked for as of a date.
    pub status: Option<crate::model::Status>,
}

/// An article to store for a version, when it does not come from the text parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewArticle {
    /// The article's number.
    pub number: u32,
    /// The `之N` of 第十条之一.
    pub suffix: Option<u32>,
    /// Its eId.
    pub eid: String,
    /// Start of its byte range in the version's text.
    pub start: usize,
    /// End (exclusive) of its byte range.
    pub end: usize,
    /// The headings of the 编/章/节 it stands in, outermost first.
    pub path: Vec<String>,
}

/// The articles of a parsed text (its numbered parts when it has no articles), in document
/// order.
pub(crate) fn articles_of(s: &Structure) -> Vec<NewArticle> {
    s.article_units()
        .map(|a| NewArticle {
            number: a.number,
            suffix: a.suffix,
            eid: a.eid.clone(),
            start: a.start,
            end: a.end,
            path: s
                .path_at(a.start)
                .into_iter()
                .filter(|n| n.level.is_container())
                .map(|n| n.heading.clone())
                .collect(),
        })
        .collect()
}

/// The label of a stored article: a numbered part's eId (`dvs_2`, as the parser and Akoma
/// Ntoso's `division` write it) makes it `第二部分`, any other `第二条`.
pub(crate) fn unit_label(number: u32, suffix: Option<u32>, eid: &str) -> String {
    let last = eid.rsplit("__").next().unwrap_or(eid);
    let part = last
        .strip_prefix(Level::Bufen.eid_prefix())
        .is_some_and(|rest| rest.starts_with('_'));
    if part {
        part_label(number)
    } else {
        article_label(number, suffix)
    }
}

/// Stores the articles of the versions that have none: texts numbered `一、` stored before
/// their numbered parts counted as articles (migration 6).
pub(crate) fn backfill_parts(conn: &Connection) -> Result<()> {
    let rows: Vec<(i64, u32, String)> = conn
        .prepare(
            "SELECT work_id, seq, body FROM versions v
             WHERE NOT EXISTS (SELECT 1 FROM articles a
                               WHERE a.work_id = v.work_id AND a.seq = v.seq)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (work, seq, body) in rows {
        let articles = articles_of(&structure::parse(&body));
        if !articles.is_empty() {
            insert_articles(conn, work, seq, &articles, "text")?;
        }
    }
    Ok(())
}

/// The most articles one statement inserts: a version's articles go in statements of 32, 16,
/// 8, 4, 2 and 1 rows (six statements to keep prepared), not one statement per article.
const ROWS_PER_INSERT: usize = 32;

fn insert_articles(
    conn: &Connection,
    work: i64,
    seq: u32,
    articles: &[NewArticle],
    source: &str,
) -> Result<()> {
    crate::limits::check_articles(articles.len())?;
    conn.prepare_cached("DELETE FROM articles WHERE work_id = ?1 AND seq = ?2")?
        .execute(params![work, seq])?;
    let mut done = 0;
    while done < articles.len() {
        let rows = chunk_rows(articles.len() - done);
        let mut stmt = conn.prepare_cached(&insert_sql(rows))?;
        let mut i = 0;
        let mut bind = |value: &dyn rusqlite::ToSql| -> rusqlite::Result<()> {
            i += 1;
            stmt.raw_bind_parameter(i, value)
        };
        for (ord, a) in articles.iter().enumerate().skip(done).take(rows) {
            let path = serde_json::to_string(&a.path)
                .map_err(|e| Error::Integrity(format!("article path as JSON: {e}")))?;
            bind(&work)?;
            bind(&seq)?;
            bind(&(ord as i64))?;
            bind(&a.number)?;
            bind(&a.suffix)?;
            bind(&a.eid)?;
            bind(&(a.start as i64))?;
            bind(&(a.end as i64))?;
            bind(&path)?;
            bind(&source)?;
        }
        stmt.raw_execute()?;
        done += rows;
    }
    Ok(())
}

/// How many rows the next insert takes when `left` articles are left: the largest power of
/// two up to [`ROWS_PER_INSERT`].
fn chunk_rows(left: usize) -> usize {
    let mut rows = ROWS_PER_INSERT;
    while rows > left {
        rows /= 2;
    }
    rows
}

/// The statement that inserts `rows` articles.
fn insert_sql(rows: usize) -> String {
    let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    format!(
        "INSERT INTO articles (work_id, seq, ord, number, suffix, eid, start, end, path, source)
         VALUES {}",
        vec![row; rows].join(", ")
    )
}

/// Fills the title keys and articles of the versions stored before migration 2.
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    let rows: Vec<(i64, u32, String, String)> = conn
        .prepare("SELECT work_id, seq, title, body FROM versions")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (work, seq, title, body) in rows {
        conn.execute(
            "UPDATE versions SET title_key = ?1 WHERE work_id = ?2 AND seq = ?3",
            params![title_key(&title), work, seq],
        )?;
        insert_articles(
            conn,
            work,
            seq,
            &articles_of(&structure::parse(&body)),
            "text",
        )?;
    }
    Ok(())
}

impl Registry {
    /// Parses a version's text and stores its articles. Runs inside the transaction that
    /// stores the version (whose row already holds its title key).
    /// Returns the articles stored.
    pub(crate) fn store_structure(
        &self,
        work: WorkId,
        seq: u32,
        body: &str,
    ) -> Result<Vec<NewArticle>> {
        let articles = articles_of(&structure::parse(body));
        insert_articles(self.conn(), work.0, seq, &articles, "text")?;
        Ok(articles)
    }

    /// Replaces the stored articles of a version with ones read elsewhere (an Akoma Ntoso
    /// body), for texts the parser cannot read by articles.
    pub(crate) fn set_articles(
        &self,
        work: WorkId,
        seq: u32,
        articles: &[NewArticle],
    ) -> Result<()> {
        insert_articles(self.conn(), work.0, seq, articles, "akn")
    }

    /// The structure of a version's text: preamble, 编/章/节/条/款/项/目, closing.
    pub fn structure(&self, id: WorkId, seq: u32) -> Result<Structure> {
        Ok(structure::parse(&self.text(id, seq)?))
    }

    /// The articles stored for a version, in document order.
    pub fn articles(&self, id: WorkId, seq: u32) -> Result<Vec<StoredArticle>> {
        self.query_articles(
            "WHERE work_id = ?1 AND seq = ?2 ORDER BY ord",
            params![id.0, seq],
        )
    }

    fn query_articles(
        &self,
        filter: &str,
        p: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<StoredArticle>> {
        let sql = format!("SELECT number, suffix, eid, start, end, path FROM articles {filter}");
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, Option<u32>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(number, suffix, eid, start, end, path)| {
                let path: Vec<String> = serde_json::from_str(&path)
                    .map_err(|e| Error::Integrity(format!("stored article path: {e}")))?;
                Ok(StoredArticle {
                    number,
                    suffix,
                    label: unit_label(number, suffix, &eid),
                    eid,
                    start: start as usize,
                    end: end as usize,
                    path,
                })
            })
            .collect()
    }

    /// An article of one version: `(12, None)` for 第十二条, `(10, Some(1))` for 第十条之一.
    /// `None` when the version has no such article.
    pub fn article_in_version(
        &self,
        id: WorkId,
        seq: u32,
        number: u32,
        suffix: Option<u32>,
    ) -> Result<Option<ArticleText>> {
        let work = self.work(id)?;
        let Some(index) = work.versions.iter().position(|v| v.seq == seq) else {
            return Err(Error::not_found("version", format!("{id}/{seq}")));
        };
        let found = self
            .query_articles(
                "WHERE work_id = ?1 AND seq = ?2 AND number = ?3 AND suffix IS ?4
                 ORDER BY ord LIMIT 1",
                params![id.0, seq, number, suffix],
            )?
            .pop();
        let Some(article) = found else {
            return Ok(None);
        };
        let body = self.text(id, seq)?;
        let text = body
            .get(article.start..article.end)
            .ok_or_else(|| {
                Error::Integrity(format!(
                    "work {id} version {seq}: the stored range of {} lies outside the text",
                    article.label
                ))
            })?
            .to_owned();
        let v = &work.versions[index];
        let until = work
            .versions
            .get(index + 1)
            .and_then(|next| next.meta.in_force_from())
            .and_then(|d| d.previous_day());
        Ok(Some(ArticleText {
            work: id,
            title: v.meta.title.clone(),
            doc_number: v.meta.doc_number.as_ref().map(|n| n.canonical().to_owned()),
            version: seq,
            version_label: v.label.clone(),
            in_force_from: v.meta.in_force_from(),
            in_force_until: until,
            article,
            text,
            as_of: None,
            status: None,
        }))
    }

    /// An article as it stood on a date, in the version then in force. Fails with `NotFound`
    /// when no version was in force on the date; `None` when that version has no such article.
    pub fn article(
        &self,
        id: WorkId,
        number: u32,
        suffix: Option<u32>,
        as_of: Date,
    ) -> Result<Option<ArticleText>> {
        let work = self.work(id)?;
        let Some(v) = work.version_in_force(as_of) else {
            return Err(Error::not_found(
                "version in force",
                format!("{} {}", work.name(), crate::date::iso(as_of)),
            ));
        };
        let Some(mut found) = self.article_in_version(id, v.seq, number, suffix)? else {
            return Ok(None);
        };
        found.as_of = Some(as_of);
        found.status = Some(crate::model::timeline::work_status(
            &work,
            &self.status_changes(id)?,
            as_of,
        ));
        Ok(Some(found))
    }

    /// The article of a version that holds a byte offset of its text, from the stored articles.
    pub fn article_at(&self, id: WorkId, seq: u32, offset: usize) -> Result<Option<StoredArticle>> {
        Ok(self
            .query_articles(
                "WHERE work_id = ?1 AND seq = ?2 AND start <= ?3 AND ?3 < end
                 ORDER BY ord LIMIT 1",
                params![id.0, seq, offset as i64],
            )?
            .pop())
    }

    /// The number of articles stored for every version, for statistics and checks.
    pub fn count_articles(&self) -> Result<u64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::numerals::to_chinese_number;

    #[test]
    fn articles_go_in_chunks_of_powers_of_two() {
        let mut left = 45;
        let mut chunks = Vec::new();
        while left > 0 {
            let rows = chunk_rows(left);
            chunks.push(rows);
            left -= rows;
        }
        assert_eq!(chunks, [32, 8, 4, 1]);
        assert_eq!(chunk_rows(1), 1);
        assert_eq!(chunk_rows(100), ROWS_PER_INSERT);
    }

    /// Guards the chunked insert: every article of a long text is stored, in order, once.
    #[test]
    fn every_article_of_a_long_text_is_stored_in_order() {
        let dir = tempfile::tempdir().expect("temp");
        let mut reg = Registry::open(dir.path()).expect("open");
        let body: String = (1..=45)
            .map(|n| format!("第{}条 第{n}条的内容。\n", to_chinese_number(n)))
            .collect();
        let record = serde_json::json!({
            "key": "k1", "title": "某办法", "kind": "行政规范性文件",
            "issuer": "某市人民政府", "issued": "2020-01-01", "status": "有效", "body": body,
        });
        crate::interchange::import_str(
            &mut reg,
            crate::interchange::Format::JsonLines,
            &record.to_string(),
        )
        .expect("import");
        let work = reg.resolve("k1").expect("work");
        let articles = reg.articles(work, 1).expect("articles");
        let numbers: Vec<u32> = articles.iter().map(|a| a.number).collect();
        assert_eq!(numbers, (1..=45).collect::<Vec<u32>>());
        assert_eq!(articles[44].label, "第四十五条");
        assert!(articles.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(reg.check().expect("check").ok());
    }
}
