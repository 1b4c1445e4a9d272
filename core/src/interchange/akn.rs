//! Akoma Ntoso XML: export of a version as an Akoma Ntoso 3.0 document, import of Akoma Ntoso
//! 2.0 and 3.0 documents.
//!
//! **Export** ([`export_akn`]) writes one version of a work (a version by number, the version
//! in force on a date, or the newest) as `<act>` (laws, regulations, rules, normative
//! documents) or `<doc>` (anything else):
//!
//! - `identification`: FRBR Work, Expression and Manifestation under guifan's naming
//!   convention for Chinese documents ([`naming`], `docs/akn.md`), `FRBRnumber` from the
//!   文号, `FRBRsubtype` the kind, `FRBRversionNumber` the version, language `zho`;
//! - `lifecycle`: an event for each version (`generation`, `amendment`) and for each status
//!   change that changed the status (`repeal` for 废止 and 宣布失效), each referring to a
//!   `TLCConcept` naming the version or status;
//! - `analysis/passiveModifications`: a `textualMod` for each later version (`substitution`)
//!   and for a repeal, its source the amending version or the repealing document;
//! - `temporalData`: the period each version was in force;
//! - `references`: the original, the amending and repealing sources, `TLCOrganization` for
//!   each issuer, the place, the concepts;
//! - `proprietary` (namespace `urn:guifan:akn:1`): what a guifan registry needs to take the
//!   document back unchanged: keys, label, every date, the source's history, the status
//!   changes, and the text itself when the body does not rebuild it exactly (see [`body`]);
//! - the text as `preface`, `preamble`, `body` (`chapter`/`section`/`article`/`paragraph`/
//!   `point` with the eIds of the structure parser) and `conclusions`.
//!
//! **Import** ([`import`]) reads a document of either version,
//! with or without namespace prefixes: title (`docTitle`, else `FRBRname`), FRBR identifiers
//! (kept, and written again on export), dates, kind (`FRBRsubtype`, else the document's
//! `name`), issuers (the `FRBRauthor`s' references), the 文号 (`FRBRnumber`, when it is one),
//! language, lifecycle events (the history; the version number is counted from them unless
//! `FRBRversionNumber` gives it; a `repeal` event repeals), body text and articles. A file is
//! one transaction. A document carrying guifan's `proprietary` block is read from it.
//!
//! Hostile input: see [`tree`]. Duplicate ids (`xml:id` anywhere; `eId`, `wId`, `GUID`, `id`
//! within one document) are refused with the id and its lines.

pub mod body;
mod export;
mod import;
pub mod naming;
pub mod tree;
mod xml;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{Error, Result};
use crate::interchange::{ImportReport, VersionSink};
use crate::model::WorkId;
use crate::store::Registry;

pub use tree::Limits;

/// Which version of a work to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The newest version.
    Latest,
    /// A version by its number.
    Version(u32),
    /// The version in force on a date.
    AsOf(Date),
}

/// The FRBR identifiers of a version, as written or as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifiers {
    /// The document element: `act`, `doc`, `bill`, `judgment` …
    pub doc_type: String,
    /// The work's `FRBRthis`.
    pub work_this: String,
    /// The Work IRI (`FRBRuri`).
    pub work_uri: String,
    /// The work's `FRBRdate` (ISO); empty when not given.
    pub work_date: String,
    /// The `FRBRcountry`.
    pub country: String,
    /// The work's `FRBRnumber` value, when it has one.
    pub number: Option<String>,
    /// The expression's `FRBRthis`.
    pub expression_this: String,
    /// The Expression IRI (`FRBRuri`).
    pub expression_uri: String,
    /// The expression's `FRBRdate` (ISO); empty when not given.
    pub expression_date: String,
    /// The `FRBRlanguage` (ISO 639-2; `und` when not given).
    pub language: String,
    /// The manifestation's `FRBRthis`.
    pub manifestation_this: String,
    /// The Manifestation IRI (`FRBRuri`).
    pub manifestation_uri: String,
    /// 2 or 3.
    #[serde(default = "three")]
    pub akn_version: u8,
}

fn three() -> u8 {
    3
}

impl Identifiers {
    /// The identifiers of guifan's naming convention, replaced by the ones a document came
    /// with when it was imported from Akoma Ntoso. The document type stays `act` or `doc`.
    fn of(names: &naming::Names, stored: Option<&Identifiers>) -> Identifiers {
        let own = Identifiers {
            doc_type: names.doc_type.to_owned(),
            work_this: names.work_this(),
            work_uri: names.work_uri.clone(),
            work_date: names.work_date.clone(),
            country: naming::COUNTRY.to_owned(),
            number: None,
            expression_this: names.expression_this(),
            expression_uri: names.expression_uri.clone(),
            expression_date: names.expression_date.clone(),
            language: naming::LANGUAGE.to_owned(),
            manifestation_this: names.manifestation_this(),
            manifestation_uri: names.manifestation_uri(),
            akn_version: 3,
        };
        match stored {
            Some(s) => Identifiers {
                doc_type: own.doc_type,
                akn_version: 3,
                ..s.clone()
            },
            None => own,
        }
    }
}

impl Registry {
    /// The FRBR identifiers a version was imported with, if it came from Akoma Ntoso.
    pub fn akn_identifiers(&self, id: WorkId, seq: u32) -> Result<Option<Identifiers>> {
        let detail: Option<String> = self
            .conn()
            .prepare_cached("SELECT detail FROM akn_identifiers WHERE work_id = ?1 AND seq = ?2")?
            .query_row(params![id.0, seq], |r| r.get(0))
            .optional()?;
        detail
            .map(|d| {
                serde_json::from_str(&d)
                    .map_err(|e| Error::Integrity(format!("stored FRBR identifiers: {e}")))
            })
            .transpose()
    }

    pub(crate) fn set_akn_identifiers(
        &self,
        id: WorkId,
        seq: u32,
        ids: &Identifiers,
    ) -> Result<()> {
        let detail = serde_json::to_string(ids)
            .map_err(|e| Error::Integrity(format!("FRBR identifiers as JSON: {e}")))?;
        self.conn()
            .prepare_cached(
                "INSERT OR REPLACE INTO akn_identifiers (work_id, seq, detail) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id.0, seq, detail])?;
        Ok(())
    }
}

/// What [`read_akn`] found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknDocument {
    /// The work the version belongs to (guifan's work key, else the Work IRI).
    pub work_key: String,
    /// The version's number in its work.
    pub version: u32,
    /// The title.
    pub title: String,
    /// The text read from the body (or guifan's copy of it).
    pub text: String,
    /// The FRBR identifiers as the document gives them.
    pub identifiers: Identifiers,
    /// Articles taken from the XML (for texts the structure parser cannot read).
    pub articles: usize,
}

/// Reads an Akoma Ntoso document as [`import`] would, without a registry: to check a
/// file, or to fuzz the reader.
pub fn read_akn(xml: &str, limits: Limits) -> Result<AknDocument> {
    let r = import::read(xml, limits)?;
    Ok(AknDocument {
        work_key: r.work_key,
        version: r.seq,
        title: r.version.meta.title,
        text: r.version.body,
        identifiers: r.ids,
        articles: r.articles.len(),
    })
}

/// Writes a version of a work as an Akoma Ntoso 3.0 document.
pub fn export_akn(reg: &Registry, id: WorkId, which: Which) -> Result<String> {
    export::export(reg, id, which)
}

/// Imports one Akoma Ntoso document, in one transaction, calling `sink` with the version
/// stored (inside the transaction).
pub fn import(
    reg: &mut Registry,
    xml: &str,
    limits: Limits,
    sink: &mut VersionSink<'_>,
) -> Result<ImportReport> {
    import::import(reg, xml, limits, sink)
}
