//! The search index: tantivy, in the registry folder's `index/`, derived from the store.
//!
//! The index holds the title and text of every version, in three analyses (see `analyzer`):
//! bigrams with positions (exact phrases; their BM25 ranks the text), the distinct characters
//! (one-character queries) and, for titles, words (`segment`: jieba's dictionary with the legal
//! terms; ranking: title words weigh three times). Each version also stores its outline
//! (`outline`): its articles and headings, in bigram positions and in bytes of the text.
//! Statuses, kinds, issuers and dates are not indexed: they change with status changes and with
//! the date asked about, so a search computes its scope from the store's snapshot and the
//! collector keeps only versions in scope.
//!
//! A query is read as keywords (the language of `query`) or as a question (`question`: the rule,
//! stop words, `vocabulary`); a question is ranked by articles (`rank`), and articles can be
//! the hits themselves.
//!
//! The index records in its commit payload the audit sequence number it reflects and that
//! entry's hash. `sync` adds every version recorded after that number, so after a crash between
//! a store commit and an index commit the next `sync` (every search runs one) catches up by
//! itself; `rebuild` starts from nothing. A writer lock held elsewhere makes `sync` a no-op:
//! searches then see the last committed index, a consistent view.
//!
//! The index is trusted only while it belongs to its store and its files are sound: opening
//! checks the files (`damage`), opening and every sync check that the store has the audit entry
//! the index reflects, with the same hash (an older store restored beside a newer index has
//! not), and a search that fails inside tantivy (a panic on a damaged file is caught at the
//! boundary, `guard`) rebuilds the index and searches again. Each such repair is kept as a
//! [`Damage`] for the caller to report ([`SearchIndex::take_repairs`]). `verify` compares the
//! index with the store for `check`, without repairing anything.
//!
//! `writer` holds the writing side (sync, rebuild, the batch an import fills), `search` the
//! reading side (queries, scope, ranking, facets, snippets).

pub mod analyzer;
mod collector;
mod damage;
mod guard;
pub mod outline;
pub mod query;
pub mod question;
pub mod rank;
pub mod scope;
mod search;
pub mod segment;
pub mod snippet;
mod verify;
pub mod vocabulary;
mod writer;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::schema::{
    FAST, Field as SchemaField, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{Error, Result};
use crate::store::Registry;

use collector::VID;
use scope::{Scope, ScopeKey};

pub use damage::Damage;
pub use question::QueryMode;
pub use rank::Ranking;
pub use search::{Facets, Hit, SearchOptions, SearchResults, Unit};
pub use verify::{IndexCheck, verify};
pub use writer::{IndexBatch, SyncReport};

/// The folder of the index inside a registry folder.
pub const INDEX_DIR: &str = "index";

/// Bumped whenever the schema or the analysis changes: an index of another version is rebuilt.
/// 7: articles of texts numbered 一、二、 (their parts); 8: the payload names the audit entry's
/// hash.
const SCHEMA_VERSION: u32 = 8;

/// The stored field holding each version's outline.
const OUTLINE: &str = "outline";

/// How many characters a snippet shows.
pub const SNIPPET_CHARS: usize = 80;

#[derive(Clone, Copy)]
struct Fields {
    vid: SchemaField,
    title_exact: SchemaField,
    body_exact: SchemaField,
    title_uni: SchemaField,
    body_uni: SchemaField,
    title_words: SchemaField,
    /// The version's articles and headings (see `outline`).
    outline: SchemaField,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, option: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(option)
                .set_fieldnorms(true),
        )
    };
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let freqs = IndexRecordOption::WithFreqs;
    let fields = Fields {
        vid: b.add_u64_field(VID, INDEXED | FAST),
        title_exact: b.add_text_field("title_exact", text(analyzer::BIGRAM, positions)),
        body_exact: b.add_text_field("body_exact", text(analyzer::BIGRAM, positions)),
        title_uni: b.add_text_field("title_uni", text(analyzer::UNIGRAM, freqs)),
        body_uni: b.add_text_field("body_uni", text(analyzer::UNIGRAM, freqs)),
        title_words: b.add_text_field("title_words", text(analyzer::WORDS, freqs)),
        outline: b.add_bytes_field(OUTLINE, STORED),
    };
    (b.build(), fields)
}

/// What a commit of the index records: the schema version, and the registry change it reflects
/// (the audit entry's number and hash: the entry binds the index to its store's history).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Payload {
    schema: u32,
    seq: i64,
    #[serde(default)]
    hash: Option<String>,
}

/// The tantivy side of the index, replaced as a whole when the index is rebuilt from nothing.
struct Tantivy {
    index: Index,
    reader: IndexReader,
}

impl Tantivy {
    /// Readies an opened index: the analyzers, the search threads, a reader.
    fn new(mut index: Index) -> Result<Tantivy> {
        analyzer::register(&index);
        // Segments are searched in parallel, one thread per core (up to four): a query with
        // tens of thousands of matches spends its time reading positions in every segment.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads > 1 {
            index.set_multithread_executor(threads).map_err(index_err)?;
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(index_err)?;
        Ok(Tantivy { index, reader })
    }
}

/// The search index of a registry.
pub struct SearchIndex {
    tantivy: Mutex<Arc<Tantivy>>,
    fields: Fields,
    dir: PathBuf,
    /// The registry change the index was last brought up to, by this handle.
    seen: Mutex<i64>,
    /// Recent scopes, newest first: computing one walks every work.
    scopes: Mutex<Vec<(ScopeKey, Arc<Scope>)>>,
    /// The `vid` column of each segment searched, opened once (a segment never changes).
    vids: Mutex<Vec<(SegmentId, Column<u64>)>>,
    /// Damage found and repaired, not yet taken by the caller.
    repairs: Mutex<Vec<Damage>>,
    /// Held in memory, for a registry opened read-only: see [`SearchIndex::open`].
    in_memory: bool,
}

/// How many times opening looks again at an index that another process is writing (about 5 s
/// in all) before it gives up.
const OPEN_WAITS: u64 = 20;

/// How many scopes are kept.
const SCOPES_KEPT: usize = 16;

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

fn index_err(e: impl std::fmt::Display) -> Error {
    Error::Index(e.to_string())
}

impl SearchIndex {
    /// Opens the index of a registry, creating it (empty) when missing and starting afresh
    /// when it was made by another schema version, is damaged, or was built from another store
    /// (see [`take_repairs`]). Call [`sync`] to fill it.
    ///
    /// [`sync`]: SearchIndex::sync
    /// [`take_repairs`]: SearchIndex::take_repairs
    pub fn open(reg: &Registry) -> Result<SearchIndex> {
        if reg.is_read_only() {
            return Self::open_in_memory(reg);
        }
        let dir = reg.dir().join(INDEX_DIR);
        if dir.exists() && !dir.is_dir() {
            return Err(Error::Index(format!(
                "`{}` should hold the search index but is not a folder",
                dir.display()
            )));
        }
        let mut repairs = Vec::new();
        let mut waits = 0;
        let tantivy = loop {
            let (fresh, damage) = match damage::inspect(&dir, damage::Checksums::Changed)? {
                damage::Inspection::Sound(t, _) => break t,
                damage::Inspection::Absent | damage::Inspection::Outdated => {
                    (damage::reset_unless_made(&dir).map(|t| t.0), None)
                }
                damage::Inspection::Damaged(d) => match damage::reset_unless_made(&dir) {
                    // Another process finished making or mending it meanwhile: not damage.
                    Ok(t) if t.1 => (Ok(t.0), None),
                    other => (other.map(|t| t.0), Some(d)),
                },
            };
            match fresh {
                Ok(t) => {
                    repairs.extend(damage);
                    break t;
                }
                // Another process holds the writer: it is creating the index, or rebuilding
                // it, or writing it (and the damage seen was its commit replacing files).
                // Look again once it had time to finish.
                Err(Error::Conflict(_)) if waits < OPEN_WAITS => {
                    waits += 1;
                    std::thread::sleep(std::time::Duration::from_millis(25 * waits));
                }
                Err(e) => return Err(e),
            }
        };
        SearchIndex::bound(reg, tantivy, dir, repairs, false)
    }

    /// The index of a registry opened read-only (a read-only folder, an archive copy): the
    /// folder's index is read into memory and used when it is sound and belongs to the store;
    /// else, and for what it lacks, it is built in memory from the store. Nothing is written
    /// to the folder; the answers are the store's, as always.
    fn open_in_memory(reg: &Registry) -> Result<SearchIndex> {
        let dir = reg.dir().join(INDEX_DIR);
        let tantivy = match damage::read_into_memory(&dir) {
            Some(t) => t,
            None => damage::empty_in_memory()?,
        };
        SearchIndex::bound(reg, tantivy, dir, Vec::new(), true)
    }

    /// A handle on an opened tantivy index, bound to the registry's store (rebuilt when it is
    /// another store's or behind it): the one way `open` and `open_in_memory` make one.
    fn bound(
        reg: &Registry,
        tantivy: Tantivy,
        dir: PathBuf,
        repairs: Vec<Damage>,
        in_memory: bool,
    ) -> Result<SearchIndex> {
        let index = SearchIndex {
            tantivy: Mutex::new(Arc::new(tantivy)),
            fields: schema().1,
            dir,
            seen: Mutex::new(-1),
            scopes: Mutex::new(Vec::new()),
            vids: Mutex::new(Vec::new()),
            repairs: Mutex::new(repairs),
            in_memory,
        };
        index.ensure_bound(reg)?;
        Ok(index)
    }

    /// Empties the index folder, whatever it holds (an index that cannot even be opened), and
    /// indexes every version of the registry: `guifan reindex`.
    pub fn recreate(reg: &Registry) -> Result<(SearchIndex, SyncReport)> {
        let dir = reg.dir().join(INDEX_DIR);
        if dir.exists() && !dir.is_dir() {
            return Err(Error::Index(format!(
                "`{}` should hold the search index but is not a folder",
                dir.display()
            )));
        }
        let index = SearchIndex {
            tantivy: Mutex::new(Arc::new(damage::reset(&dir)?)),
            fields: schema().1,
            dir,
            seen: Mutex::new(-1),
            scopes: Mutex::new(Vec::new()),
            vids: Mutex::new(Vec::new()),
            repairs: Mutex::new(Vec::new()),
            in_memory: false,
        };
        let report = index.rebuild(reg)?;
        Ok((index, report))
    }

    /// The damage found (on opening, syncing or searching) and repaired since the last call:
    /// each was met once, the index then emptied and filled again from the store. A front end
    /// says so, once.
    pub fn take_repairs(&self) -> Vec<Damage> {
        self.repairs
            .lock()
            .map(|mut r| std::mem::take(&mut *r))
            .unwrap_or_default()
    }

    /// The tantivy index and reader in use.
    fn tantivy(&self) -> Arc<Tantivy> {
        match self.tantivy.lock() {
            Ok(t) => Arc::clone(&t),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Empties the index after finding `damage`; the next sync fills it from the store.
    fn repair(&self, damage: Damage) -> Result<()> {
        let fresh = Arc::new(if self.in_memory {
            damage::empty_in_memory()?
        } else {
            damage::reset(&self.dir)?
        });
        match self.tantivy.lock() {
            Ok(mut t) => *t = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        self.mark_seen(-1);
        if let Ok(mut r) = self.repairs.lock() {
            r.push(damage);
        }
        Ok(())
    }

    /// Whether the committed index belongs to the store: the store has the audit entry the
    /// index reflects, with the same hash. `None` when it does.
    fn binding(&self, reg: &Registry) -> Result<Option<Damage>> {
        let Some(p) = self.payload()? else {
            return Ok(None);
        };
        if p.seq == 0 {
            return Ok(None);
        }
        Ok(match reg.audit_hash(p.seq)? {
            Some(h) if p.hash.as_ref() == Some(&h) => None,
            found => Some(Damage::OtherHistory {
                seq: p.seq,
                differs: found.is_some(),
            }),
        })
    }

    /// Empties the index when it was built from another store (see [`Damage::OtherHistory`]).
    fn ensure_bound(&self, reg: &Registry) -> Result<()> {
        if let Some(d) = self.binding(reg)? {
            self.repair(d)?;
        }
        Ok(())
    }

    fn payload(&self) -> Result<Option<Payload>> {
        let metas = self.tantivy().index.load_metas().map_err(index_err)?;
        Ok(payload(metas.payload.as_deref()))
    }

    /// The audit sequence number the committed index reflects.
    pub fn indexed_seq(&self) -> Result<i64> {
        Ok(self.payload()?.map_or(0, |p| p.seq))
    }

    /// The number of versions in the committed index.
    pub fn indexed_versions(&self) -> u64 {
        self.tantivy().reader.searcher().num_docs()
    }
}

fn payload(text: Option<&str>) -> Option<Payload> {
    text.and_then(|t| serde_json::from_str(t).ok())
}
