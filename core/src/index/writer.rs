//! The writing side of the index: catching up with the store, rebuilding, and the batch an
//! import fills while the store stores.

use rustc_hash::FxHashSet;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::collector::vid;
use super::outline;
use super::{Payload, SCHEMA_VERSION, SearchIndex, index_err};
use crate::error::{Error, Result};
use crate::model::WorkId;
use crate::store::Registry;
use crate::text::normalize::search_form;

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Versions added to the index.
    pub indexed: u64,
    /// The audit sequence number the index now reflects.
    pub seq: i64,
    /// Whether another writer held the index, so nothing was done.
    pub busy: bool,
}

/// Versions added to the index while an import stores them; see [`SearchIndex::batch`].
/// Dropped without [`IndexBatch::commit`] (the store rolled the import back), the batch
/// leaves the committed index as it was: a writer's uncommitted documents are discarded.
pub struct IndexBatch<'i> {
    index: &'i SearchIndex,
    writer: IndexWriter<TantivyDocument>,
    /// The registry change the batch started from.
    before: i64,
    added: FxHashSet<(WorkId, u32)>,
}

impl IndexBatch<'_> {
    /// Adds a version the import has just stored (and may still roll back).
    pub fn add(&mut self, work: WorkId, seq: u32, title: &str, body: &str) -> Result<()> {
        self.writer
            .add_document(self.index.document(work, seq, title, body))
            .map_err(index_err)?;
        self.added.insert((work, seq));
        Ok(())
    }

    /// Commits the batch once the store has committed the import: versions that other
    /// processes stored meanwhile are added too, and the index then reflects the registry's
    /// last change.
    pub fn commit(mut self, reg: &Registry) -> Result<SyncReport> {
        let head = reg.change_seq()?;
        let others: Vec<(WorkId, u32)> = reg
            .versions_recorded_after(self.before)?
            .into_iter()
            .filter(|v| !self.added.contains(v))
            .collect();
        let extra = self.index.add_versions(&mut self.writer, reg, &others)?;
        self.index.commit(&mut self.writer, reg, head)?;
        Ok(SyncReport {
            indexed: self.added.len() as u64 + extra,
            seq: head,
            busy: false,
        })
    }
}

/// The memory of each indexing thread. Every segment costs each search a look-up of each of
/// its terms, so fewer segments make short searches cheaper: at 128 MB the corpus (3,419
/// documents) is indexed into two segments where 64 MB made four (a rare phrase 6–16 %
/// faster, an absent one 7–26 %), in the same time and peak memory; the 100,000 documents into
/// five where 64 MB left eight, and 14 % faster (fewer merges). 256 MB did no better.
const THREAD_MEMORY: usize = 128_000_000;

impl SearchIndex {
    /// A writer with a thread per core (up to four), each holding up to [`THREAD_MEMORY`]
    /// bytes before it writes a segment.
    fn writer(&self) -> Result<Option<IndexWriter<TantivyDocument>>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        match self
            .tantivy()
            .index
            .writer_with_num_threads(threads, THREAD_MEMORY * threads)
        {
            Ok(w) => Ok(Some(w)),
            Err(tantivy::TantivyError::LockFailure(..)) => Ok(None),
            Err(e) => Err(index_err(e)),
        }
    }

    /// Adds every version the registry recorded after the index's last commit, and commits.
    /// Inside an open transaction it does nothing (reported as busy): the index holds only
    /// what the store has committed. An index built from another store is first emptied, so
    /// that this sync fills it from the store (see [`SearchIndex::take_repairs`]).
    pub fn sync(&self, reg: &Registry) -> Result<SyncReport> {
        if reg.in_transaction() {
            return Ok(SyncReport {
                indexed: 0,
                seq: self.indexed_seq()?,
                busy: true,
            });
        }
        self.ensure_bound(reg)?;
        let from = self.indexed_seq()?;
        let head = reg.change_seq()?;
        if from >= head {
            self.mark_seen(head);
            return Ok(SyncReport {
                indexed: 0,
                seq: from,
                busy: false,
            });
        }
        let versions = reg.versions_recorded_after(from)?;
        if versions.is_empty() {
            // Nothing searchable changed; the payload may lag, and the next sync scans again.
            self.mark_seen(head);
            return Ok(SyncReport {
                indexed: 0,
                seq: from,
                busy: false,
            });
        }
        let Some(mut writer) = self.writer()? else {
            return Ok(SyncReport {
                indexed: 0,
                seq: from,
                busy: true,
            });
        };
        let indexed = self.add_versions(&mut writer, reg, &versions)?;
        self.commit(&mut writer, reg, head)?;
        Ok(SyncReport {
            indexed,
            seq: head,
            busy: false,
        })
    }

    /// Opens a batch for an import that indexes its versions while the store stores them, so
    /// that both cores work: first the versions the index has not seen are added, with the
    /// writer lock held, so that one commit covers everything. `None` when a transaction is
    /// open (the index never holds uncommitted versions) or another process holds the index's
    /// writer lock: the import then runs alone, and the index catches up on the next search.
    pub fn batch(&self, reg: &Registry) -> Result<Option<IndexBatch<'_>>> {
        if reg.in_transaction() {
            return Ok(None);
        }
        self.ensure_bound(reg)?;
        let Some(mut writer) = self.writer()? else {
            return Ok(None);
        };
        let before = reg.change_seq()?;
        let behind = reg.versions_recorded_after(self.indexed_seq()?)?;
        self.add_versions(&mut writer, reg, &behind)?;
        Ok(Some(IndexBatch {
            index: self,
            writer,
            before,
            added: FxHashSet::default(),
        }))
    }

    fn add_versions(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        reg: &Registry,
        versions: &[(WorkId, u32)],
    ) -> Result<u64> {
        let mut n = 0;
        reg.for_each_text(versions, |work, seq, title, body| {
            writer.delete_term(Term::from_field_u64(self.fields.vid, vid(work.0, seq)));
            writer
                .add_document(self.document(work, seq, title, body))
                .map_err(index_err)?;
            n += 1;
            Ok(())
        })?;
        Ok(n)
    }

    /// Empties the index and indexes every version again.
    pub fn rebuild(&self, reg: &Registry) -> Result<SyncReport> {
        if reg.in_transaction() {
            return Err(Error::Conflict(
                "the index is rebuilt from committed data: commit or roll back first".into(),
            ));
        }
        let Some(mut writer) = self.writer()? else {
            return Err(Error::Conflict(format!(
                "the index in `{}` is being written by another process",
                self.dir.display()
            )));
        };
        let head = reg.change_seq()?;
        writer.delete_all_documents().map_err(index_err)?;
        let versions = reg.versions_recorded_after(0)?;
        let mut indexed = 0;
        reg.for_each_text(&versions, |work, seq, title, body| {
            writer
                .add_document(self.document(work, seq, title, body))
                .map_err(index_err)?;
            indexed += 1;
            Ok(())
        })?;
        self.commit(&mut writer, reg, head)?;
        Ok(SyncReport {
            indexed,
            seq: head,
            busy: false,
        })
    }

    fn document(&self, work: WorkId, seq: u32, title: &str, body: &str) -> TantivyDocument {
        let f = &self.fields;
        let title = search_form(title);
        let (body, outline) = outline::scan(body);
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.vid, vid(work.0, seq));
        doc.add_text(f.title_exact, &title);
        doc.add_text(f.title_uni, &title);
        doc.add_text(f.title_words, &title);
        doc.add_text(f.body_exact, &body);
        doc.add_text(f.body_uni, distinct_chars(&body));
        doc.add_bytes(f.outline, &outline.encode());
        doc
    }

    fn commit(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        reg: &Registry,
        seq: i64,
    ) -> Result<()> {
        let payload = serde_json::to_string(&Payload {
            schema: SCHEMA_VERSION,
            seq,
            hash: reg.audit_hash(seq)?,
        })
        .map_err(index_err)?;
        let mut prepared = writer.prepare_commit().map_err(index_err)?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(index_err)?;
        self.tantivy().reader.reload().map_err(index_err)?;
        self.mark_seen(seq);
        Ok(())
    }

    pub(super) fn mark_seen(&self, seq: i64) {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = seq;
        }
    }
}

/// Each character of a text once, in order of first appearance: the text's unigram field
/// needs to know which characters occur, not how often (a tenth of the tokens).
fn distinct_chars(text: &str) -> String {
    // A bit per character of the Basic Multilingual Plane (8 KiB), where nearly every
    // character of a Chinese text lies; a set for the rest.
    let mut bmp = vec![0u64; 1 << 10];
    let mut rest = rustc_hash::FxHashSet::default();
    let mut out = String::with_capacity(4096);
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        let n = c as usize;
        let new = if n < 1 << 16 {
            let (word, bit) = (n >> 6, 1u64 << (n & 63));
            let new = bmp[word] & bit == 0;
            bmp[word] |= bit;
            new
        } else {
            rest.insert(c)
        };
        if new {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::distinct_chars;

    #[test]
    fn distinct_chars_keep_first_appearances_and_skip_white_space() {
        assert_eq!(distinct_chars("第一条 第二条\n𠀀条𠀀a"), "第一条二𠀀a");
        assert_eq!(distinct_chars(""), "");
        // The last character of the Basic Multilingual Plane and the first beyond it.
        assert_eq!(
            distinct_chars("\u{ffff}\u{10000}\u{ffff}\u{10000}"),
            "\u{ffff}\u{10000}"
        );
    }
}
