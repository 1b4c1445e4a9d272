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
//! The index records in its commit payload the audit sequence number it reflects. `sync`
//! adds every version recorded after that number, so after a crash between a store commit and
//! an index commit the next `sync` (every search runs one) catches up by itself; `rebuild`
//! starts from nothing. A writer lock held elsewhere makes `sync` a no-op: searches then see
//! the last committed index, a consistent view.
//!
//! `writer` holds the writing side (sync, rebuild, the batch an import fills), `search` the
//! reading side (queries, scope, ranking, facets, snippets).

pub mod analyzer;
mod collector;
pub mod outline;
pub mod query;
pub mod question;
pub mod rank;
pub mod scope;
mod search;
pub mod segment;
pub mod snippet;
pub mod vocabulary;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::schema::{
    FAST, Field as SchemaField, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{Error, Result};
use crate::store::Registry;

use collector::VID;
use scope::Scope;

pub use question::QueryMode;
pub use rank::Ranking;
pub use search::{Facets, Hit, SearchOptions, SearchResults, Unit};
pub use writer::{IndexBatch, SyncReport};

/// The folder of the index inside a registry folder.
pub const INDEX_DIR: &str = "index";

/// Bumped whenever the schema or the analysis changes: an index of another version is rebuilt.
const SCHEMA_VERSION: u32 = 7;

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

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    schema: u32,
    seq: i64,
}

/// The search index of a registry.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    dir: PathBuf,
    /// The registry change the index was last brought up to, by this handle.
    seen: Mutex<i64>,
    /// Recent scopes, newest first: computing one walks every work.
    scopes: Mutex<Vec<(String, Arc<Scope>)>>,
}

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
    /// when it was made by another schema version or cannot be read. Call [`sync`] to fill it.
    ///
    /// [`sync`]: SearchIndex::sync
    pub fn open(reg: &Registry) -> Result<SearchIndex> {
        Self::open_dir(&reg.dir().join(INDEX_DIR))
    }

    fn open_dir(dir: &Path) -> Result<SearchIndex> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::Index(format!(
                "`{}` should hold the search index but is not a folder",
                dir.display()
            )));
        }
        let (schema, fields) = schema();
        let usable = dir.join("meta.json").is_file()
            && Index::open_in_dir(dir)
                .ok()
                .filter(|i| i.schema() == schema)
                .and_then(|i| i.load_metas().ok())
                .is_some_and(|m| {
                    payload(m.payload.as_deref()).is_none_or(|p| p.schema == SCHEMA_VERSION)
                });
        if !usable && dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut index = if usable {
            Index::open_in_dir(dir).map_err(index_err)?
        } else {
            Index::create_in_dir(dir, schema).map_err(index_err)?
        };
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
        Ok(SearchIndex {
            index,
            reader,
            fields,
            dir: dir.to_path_buf(),
            seen: Mutex::new(-1),
            scopes: Mutex::new(Vec::new()),
        })
    }

    /// The audit sequence number the committed index reflects.
    pub fn indexed_seq(&self) -> Result<i64> {
        let metas = self.index.load_metas().map_err(index_err)?;
        Ok(payload(metas.payload.as_deref()).map_or(0, |p| p.seq))
    }

    /// The number of versions in the committed index.
    pub fn indexed_versions(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

fn payload(text: Option<&str>) -> Option<Payload> {
    text.and_then(|t| serde_json::from_str(t).ok())
}
