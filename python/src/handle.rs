//! `RegistryBase`: every operation on a registry, shared by `Registry` and `Transaction`
//! (which extend it). A call through a `Registry` runs on its own (or joins the calling
//! thread's open transaction); a call through a `Transaction` runs inside it.
//!
//! Each method converts its arguments (with the GIL), calls the library once without the GIL
//! under the registry's lock (`Shared`), and converts the library's answer with the one
//! converter (`pyser`, `records`).

use std::path::PathBuf;
use std::sync::Arc;

use guifan::assist;
use guifan::compare::{self, Comparison, TextOptions, Which};
use guifan::index::{QueryMode, SearchOptions, Unit};
use guifan::model::{
    FilingOutcome, NewCampaign, NewFiling, NewRelation, NewReview, Outcome, RecordKind,
    RelationKind, ReviewKind, Status, StatusScope,
};
use guifan::stats::{self, Field};
use guifan::store::ListFilter;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDate, PyDict, PyString};

use crate::convert::{
    as_of_arg, date_arg, field_text, label_arg, opt_date_arg, reference_arg, status_scope_arg,
};
use crate::error::{Error, Result};
use crate::listing::DocumentIterator;
use crate::pyser::to_py;
use crate::records::{record, records};
use crate::shared::{Access, Shared};
use crate::table::{DocumentColumns, StatsTable, Table, counts_batch};

/// The operations of a registry, shared by `Registry` and `Transaction`.
#[pyclass(frozen, subclass, module = "guifan")]
pub struct RegistryBase {
    pub(crate) shared: Arc<Shared>,
    pub(crate) access: Access,
}

impl RegistryBase {
    pub fn new(shared: Arc<Shared>, access: Access) -> Self {
        RegistryBase { shared, access }
    }

    fn run<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut guifan::Registry) -> guifan::Result<T> + Send,
    ) -> Result<T> {
        self.shared.run(py, self.access, f)
    }
}

fn list_filter(
    status: Option<&Bound<'_, PyAny>>,
    kind: Option<String>,
    issuer: Option<String>,
    year: Option<i32>,
    as_of: time::Date,
) -> Result<ListFilter> {
    Ok(ListFilter {
        status: status_scope_arg(status)?.unwrap_or(StatusScope::Any),
        kind,
        issuer,
        year,
        as_of: Some(as_of),
    })
}

/// An article reference: an int (`12`), or a str the library reads (`第十二条`, `10之1`).
fn article_arg(value: &Bound<'_, PyAny>) -> Result<(u32, Option<u32>)> {
    let text = match value.extract::<u32>() {
        Ok(n) => n.to_string(),
        Err(_) => value
            .cast::<PyString>()
            .map_err(|_| {
                guifan::Error::invalid(
                    "article",
                    value.to_string(),
                    "an int or a str such as 第十二条",
                )
            })?
            .to_str()?
            .to_owned(),
    };
    guifan::text::structure::parse_article_ref(&text).ok_or_else(|| {
        guifan::Error::invalid(
            "article",
            &text,
            "expected an article number: 12, 第十二条, 10之1, 第十条之一",
        )
        .into()
    })
}

/// Which version of a document: an `int` (its number, from 1), a `datetime.date` or a date
/// string (the version in force then), or a number as a string; parsed by the library.
fn which_arg(field: &str, value: Option<&Bound<'_, PyAny>>) -> Result<Option<Which>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if value.cast::<PyDate>().is_ok() {
        return Ok(Some(Which::Date(date_arg(field, value)?)));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(Which::parse(s.to_str()?)?));
    }
    if let Ok(n) = value.extract::<i64>() {
        return Ok(Some(Which::parse(&n.to_string())?));
    }
    Err(Error::Py(pyo3::exceptions::PyTypeError::new_err(format!(
        "`{field}` expects a version number (int), a datetime.date or a date string"
    ))))
}

/// What `diff` compares: a document's versions, or it and another document.
struct DiffSides {
    document: String,
    old: Option<Which>,
    new: Option<Which>,
    other: Option<String>,
}

impl DiffSides {
    fn new(
        document: &Bound<'_, PyAny>,
        old: Option<&Bound<'_, PyAny>>,
        new: Option<&Bound<'_, PyAny>>,
        other: Option<&Bound<'_, PyAny>>,
    ) -> Result<DiffSides> {
        Ok(DiffSides {
            document: reference_arg("document", document)?,
            old: which_arg("old", old)?,
            new: which_arg("new", new)?,
            other: other
                .filter(|o| !o.is_none())
                .map(|o| reference_arg("other", o))
                .transpose()?,
        })
    }

    fn compare(&self, reg: &guifan::Registry) -> guifan::Result<Comparison> {
        let id = reg.resolve(&self.document)?;
        match &self.other {
            Some(other) => {
                let other = reg.resolve(other)?;
                compare::diff_documents(reg, id, self.old, other, self.new)
            }
            None => compare::diff_versions(reg, id, self.old, self.new),
        }
    }
}

fn fields_arg(by: &Bound<'_, PyAny>) -> Result<Vec<Field>> {
    if let Ok(s) = by.cast::<PyString>() {
        return Ok(Field::parse_list(s.to_str()?)?);
    }
    let mut names = Vec::new();
    for item in by.try_iter()? {
        names.push(item?.extract::<String>()?);
    }
    Ok(Field::parse_list(&names.join(","))?)
}

#[pymethods]
impl RegistryBase {
    /// Imports a file (or a folder's files) in one transaction of the store per file: JSON
    /// Lines, Akoma Ntoso (`.xml`, `.akn`), or a document as it arrives (`.docx`, `.html`,
    /// `.pdf`, `.txt`, `.md`). A bad record raises `InvalidInputError` (with `.line`,
    /// `.field`, `.value`), an unreadable document `DocumentError`; nothing of the file is
    /// written. The search index takes the file's versions as the store commits them.
    ///
    /// For a document, keyword arguments give what the extraction cannot know or got wrong
    /// (`kind`, `issuer`, `status`, `title`, `doc_number`, `work`, `key`, dates …), over its
    /// JSON sidecar; `revision` says what to do when it is probably a new version of a
    /// registered work: `"offer"` (report it, store nothing), `"as_version"`, `"as_new_work"`.
    /// The report's `document` says what became of it.
    #[pyo3(signature = (path, *, revision=None, **overrides))]
    fn import_file(
        &self,
        py: Python<'_>,
        path: PathBuf,
        revision: Option<&str>,
        overrides: Option<&Bound<'_, PyDict>>,
    ) -> Result<Py<PyAny>> {
        let options = guifan::ingest::Options {
            overrides: overrides_arg(overrides)?,
            revision: revision_arg(revision)?,
        };
        let done = self.shared.run_ingest(py, self.access, move |reg, index| {
            let files =
                guifan::ingest::ingest_files(reg, Some(index), &[path], &options, &mut |_| {})
                    .map_err(|e| e.source)?;
            Ok(guifan::ingest::Summary::of(files))
        })?;
        Ok(record(py, "ImportReport", &ImportAnswer::of(&done))?)
    }

    /// What importing a document (`.docx`, `.html`, `.pdf`, `.txt`, `.md`) would register,
    /// without writing: the text as lines, each field found with where it came from and a
    /// confidence, the overrides given (keyword arguments over the sidecar, as for
    /// `import_file`), and what the registry makes of it (`classification`: new, duplicate,
    /// new version). Raises `DocumentError` for a file that cannot be read.
    #[pyo3(signature = (path, **overrides))]
    fn extract(
        &self,
        py: Python<'_>,
        path: PathBuf,
        overrides: Option<&Bound<'_, PyDict>>,
    ) -> Result<Py<PyAny>> {
        let overrides = overrides_arg(overrides)?;
        let preview = self.run(py, move |reg| {
            guifan::ingest::preview(Some(reg), &path, &overrides)
        })?;
        Ok(record(py, "Extraction", &preview)?)
    }

    /// One file, JSON Lines unless it is Akoma Ntoso: `import_file` as it was when JSON Lines
    /// was the only format (a folder is not expanded).
    fn import_jsonl(&self, py: Python<'_>, path: PathBuf) -> Result<Py<PyAny>> {
        let done = self.shared.run_ingest(py, self.access, move |reg, index| {
            guifan::ingest::ingest_file(reg, Some(index), &path, &Default::default(), &mut |_| {})
        })?;
        Ok(record(py, "ImportReport", &done.report)?)
    }

    /// Writes the registry (or one document's records) as JSON Lines: to `path` when given,
    /// else returned as a string. Importing it into an empty registry rebuilds this one.
    #[pyo3(signature = (path=None, *, document=None))]
    fn export_jsonl(
        &self,
        py: Python<'_>,
        path: Option<PathBuf>,
        document: Option<&Bound<'_, PyAny>>,
    ) -> Result<Option<String>> {
        let only = document.map(|d| reference_arg("document", d)).transpose()?;
        let out = self.run(py, move |reg| {
            let only = only.map(|r| reg.resolve(&r)).transpose()?;
            let mut buf = Vec::new();
            guifan::interchange::export_jsonl(reg, only, &mut buf)?;
            Ok(buf)
        })?;
        match path {
            Some(path) => {
                py.detach(|| std::fs::write(&path, &out).map_err(|e| guifan::Error::io(&path, e)))?;
                Ok(None)
            }
            None => Ok(Some(String::from_utf8(out).map_err(|e| {
                Error::Py(PyValueError::new_err(format!("export is not UTF-8: {e}")))
            })?)),
        }
    }

    /// One version of a document as Akoma Ntoso 3.0 XML, as `guifan export REF --format akn`
    /// writes it: `version` (a number, from 1), else the version in force on `as_of`, else the
    /// newest. Written to `path` when given (and `None` returned), else returned as a string.
    /// `import_file` reads it back as the same document.
    #[pyo3(signature = (document, path=None, *, version=None, as_of=None))]
    fn export_akn(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
        version: Option<u32>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Option<String>> {
        use guifan::interchange::Which as AknWhich;
        let reference = reference_arg("document", document)?;
        let which = match (version, opt_date_arg("as_of", as_of)?) {
            (Some(_), Some(d)) => {
                return Err(guifan::Error::invalid(
                    "as_of",
                    guifan::date::iso(d),
                    "give `version` or `as_of`, not both",
                )
                .into());
            }
            (Some(v), None) => AknWhich::Version(v),
            (None, Some(d)) => AknWhich::AsOf(d),
            (None, None) => AknWhich::Latest,
        };
        let xml = self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            guifan::interchange::export_akn(reg, id, which)
        })?;
        match path {
            Some(path) => {
                py.detach(|| std::fs::write(&path, &xml).map_err(|e| guifan::Error::io(&path, e)))?;
                Ok(None)
            }
            None => Ok(Some(xml)),
        }
    }

    /// The id of the document a reference names: an id, a version key, a work key, a 文号 in
    /// any spelling, or an exact title. Raises `NotFoundError` or `AmbiguousError`.
    fn resolve(&self, py: Python<'_>, document: &Bound<'_, PyAny>) -> Result<i64> {
        let reference = reference_arg("document", document)?;
        Ok(self.run(py, move |reg| reg.resolve(&reference))?.0)
    }

    /// A document with its versions, history, filings, reviews, decisions and relations; its
    /// status as of `as_of` (default today).
    #[pyo3(signature = (document, *, as_of=None))]
    fn get(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        let reference = reference_arg("document", document)?;
        let as_of = as_of_arg(as_of)?;
        let dossier = self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.dossier(id, as_of)
        })?;
        Ok(record(py, "Document", &dossier)?)
    }

    /// The status of a document on a date (default today).
    #[pyo3(signature = (document, *, as_of=None))]
    fn status_of(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        let reference = reference_arg("document", document)?;
        let as_of = as_of_arg(as_of)?;
        let status = self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.status_as_of(id, as_of)
        })?;
        Ok(to_py(py, &status)?)
    }

    /// The text of one version of a document: `version` (a sequence number), else the version
    /// in force on `as_of` (default today), else the newest.
    #[pyo3(signature = (document, *, version=None, as_of=None))]
    fn text(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        version: Option<u32>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<String> {
        let reference = reference_arg("document", document)?;
        let as_of = as_of_arg(as_of)?;
        self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            let seq = match version {
                Some(v) => v,
                None => reg.work(id)?.version_to_read(as_of).seq,
            };
            reg.text(id, seq)
        })
    }

    /// A document's whole history in date order.
    fn history(&self, py: Python<'_>, document: &Bound<'_, PyAny>) -> Result<Py<PyAny>> {
        let reference = reference_arg("document", document)?;
        let items = self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.history(id)
        })?;
        Ok(records(py, "HistoryItem", &items)?)
    }

    /// The documents that pass the filters, with their status on `as_of` (default today):
    /// an iterator of `DocumentSummary`; `.to_arrow()` on it gives them as a `Table`.
    ///
    /// `status` is one status or several (tokens or Chinese labels, a list or a
    /// comma-separated string), or `"any"` (the default); `kind` matches exactly; `issuer`
    /// matches a part of the issuer; `year` is the year first issued.
    #[pyo3(signature = (*, status=None, kind=None, issuer=None, year=None, as_of=None))]
    fn documents(
        &self,
        py: Python<'_>,
        status: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<DocumentIterator> {
        let filter = list_filter(status, kind, issuer, year, as_of_arg(as_of)?)?;
        let items = self.run(py, move |reg| reg.list(&filter))?;
        Ok(DocumentIterator::new(items))
    }

    /// The same documents as `documents(...)`, as an Arrow `Table`, built without a Python
    /// object per row.
    #[pyo3(signature = (*, status=None, kind=None, issuer=None, year=None, as_of=None))]
    fn documents_table(
        &self,
        py: Python<'_>,
        status: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Table> {
        let filter = list_filter(status, kind, issuer, year, as_of_arg(as_of)?)?;
        // Straight from the registry's snapshot into Arrow builders: no list in between.
        let columns = self.run(py, move |reg| {
            let mut columns = DocumentColumns::with_capacity(reg.snapshot()?.works().len());
            reg.visit_list(&filter, |w, v, status| columns.push_visited(w, v, status))?;
            Ok(columns)
        })?;
        let batch = py.detach(move || columns.finish())?;
        Ok(Table::new(batch))
    }

    /// Counts documents by fields (`status`, `kind`, `issuer`, `year`; a list or a
    /// comma-separated string) as of a date (default today), among those the filters let
    /// through. A `StatsTable`: one column per field plus `count`, largest count first.
    #[pyo3(signature = (by=None, *, as_of=None, status=None, kind=None, issuer=None, year=None))]
    #[allow(clippy::too_many_arguments)]
    fn stats(
        &self,
        py: Python<'_>,
        by: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
    ) -> Result<Py<StatsTable>> {
        let by = match by.filter(|b| !b.is_none()) {
            Some(b) => fields_arg(b)?,
            None => vec![Field::Status],
        };
        let as_of = as_of_arg(as_of)?;
        let filter = list_filter(status, kind, issuer, year, as_of)?;
        let counts = self.run(py, move |reg| stats::counts(reg, &by, as_of, &filter))?;
        let batch = counts_batch(&counts)?;
        let init = StatsTable::new(py, &counts, batch)?;
        Ok(Py::new(py, init)?)
    }

    /// Searches titles and texts. `query`: a question as people ask it, ranked over its
    /// words, or keywords: terms ANDed, `"exact phrase"`, `OR`, `-excluded`, `title:`,
    /// `issuer:`, `kind:`, `number:` (see the README for the rule that tells them apart;
    /// `mode="keywords"` or `"question"` overrides it). `unit="article"` returns articles as
    /// hits. By default the versions in force today of documents that are 有效 or 待修订;
    /// `status` takes tokens or labels (a str or a list) or `"any"`; `as_of` answers for a
    /// date; `all_versions` includes superseded versions. A `SearchResults`: `total`, the hits
    /// of the page, `facets` over all matches, `unit`, `mode` and a question's `terms`.
    #[pyo3(signature = (query, *, status=None, as_of=None, kind=None, issuer=None, year=None, all_versions=false, limit=20, offset=0, snippets=true, unit="document", mode="auto"))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        status: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
        all_versions: bool,
        limit: usize,
        offset: usize,
        snippets: bool,
        unit: &str,
        mode: &str,
    ) -> Result<Py<PyAny>> {
        let opts = SearchOptions {
            status: status_scope_arg(status)?.unwrap_or_default(),
            as_of: Some(as_of_arg(as_of)?),
            all_versions,
            kind,
            issuer,
            year,
            limit,
            offset,
            snippets,
            unit: Unit::parse(unit)?,
            mode: QueryMode::parse(mode)?,
            ..SearchOptions::default()
        };
        let results = self.shared.run_search(py, self.access, move |reg, index| {
            index.search(reg, &query, &opts)
        })?;
        Ok(record(py, "SearchResults", &results)?)
    }

    /// The documents in force on `as_of` (default today) that rest on, implement or cite
    /// `document`, directly or through others, nearest first: a dict shaped like
    /// `guifan impact REF --json`. `depth` limits the steps followed (1: direct only); `kinds`
    /// the relations followed (依据, 实施, 引用; all by default).
    #[pyo3(signature = (document, *, as_of=None, depth=None, kinds=None))]
    fn impact(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
        depth: Option<u32>,
        kinds: Option<Vec<Bound<'_, PyAny>>>,
    ) -> Result<Py<PyAny>> {
        let reference = reference_arg("document", document)?;
        let as_of = as_of_arg(as_of)?;
        let options = guifan::store::ImpactOptions {
            depth,
            kinds: kinds
                .unwrap_or_default()
                .iter()
                .map(|k| label_arg("kinds", k, RelationKind::parse))
                .collect::<Result<_>>()?,
        };
        let report = self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.impact_report_with(id, as_of, &options)
        })?;
        Ok(to_py(py, &report)?)
    }

    /// One article as it stood on `as_of` (default today), from the version then in force:
    /// `article` is `12`, `"第十二条"`, `"10之1"` or `"第十条之一"`; in a document numbered
    /// `一、` `二、` without articles, its numbered parts are its articles (`2`, `"二"`, `"二、"`,
    /// `"第二部分"`; `label` `"第二部分"`). A dict shaped like
    /// `guifan show REF --article N --json`; `None` when that version has no such article.
    #[pyo3(signature = (document, article, *, as_of=None))]
    fn article(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        article: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        let reference = reference_arg("document", document)?;
        let (number, suffix) = article_arg(article)?;
        let as_of = as_of_arg(as_of)?;
        let found = self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.article(id, number, suffix, as_of)
        })?;
        Ok(to_py(py, &found)?)
    }

    /// Scans the texts again for citations (of `document`, or of every document) and
    /// replaces the relations found in text: a dict shaped like `guifan link --json`.
    #[pyo3(signature = (document=None))]
    fn link(&self, py: Python<'_>, document: Option<&Bound<'_, PyAny>>) -> Result<Py<PyAny>> {
        let reference = document.map(|d| reference_arg("document", d)).transpose()?;
        let report = self.run(py, move |reg| {
            let only = reference.map(|r| reg.resolve(&r)).transpose()?;
            reg.link(only)
        })?;
        Ok(to_py(py, &report)?)
    }

    /// The clearance report of a campaign: a dict shaped like
    /// `guifan stats --campaign KEY --json` (with `sentence`, the bureau's published one).
    fn clearance_report(&self, py: Python<'_>, campaign: String) -> Result<Py<PyAny>> {
        let report = self.run(py, move |reg| stats::clearance_report(reg, &campaign))?;
        Ok(to_py(py, &report)?)
    }

    /// Filing timeliness over the filings of the documents the filters let through (`kind`,
    /// `issuer`; `year`: documents issued in that year), as of a date for the pending ones: a
    /// dict shaped like `guifan stats --filings --json`.
    #[pyo3(signature = (*, as_of=None, year=None, kind=None, issuer=None))]
    fn filing_timeliness(
        &self,
        py: Python<'_>,
        as_of: Option<&Bound<'_, PyAny>>,
        year: Option<i32>,
        kind: Option<String>,
        issuer: Option<String>,
    ) -> Result<Py<PyAny>> {
        let filter = list_filter(None, kind, issuer, year, as_of_arg(as_of)?)?;
        let t = self.run(py, move |reg| stats::filing_timeliness(reg, &filter))?;
        Ok(to_py(py, &t)?)
    }

    /// Documents in force on `as_of` (default today), among those the filters let through,
    /// whose 有效期 ends within `within_days`, soonest first: the `documents` of
    /// `guifan stats --expiring DAYS --json`.
    #[pyo3(signature = (within_days=180, *, as_of=None, status=None, kind=None, issuer=None, year=None))]
    #[allow(clippy::too_many_arguments)]
    fn expiring(
        &self,
        py: Python<'_>,
        within_days: u32,
        as_of: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
    ) -> Result<Py<PyAny>> {
        let filter = list_filter(status, kind, issuer, year, as_of_arg(as_of)?)?;
        let list = self.run(py, move |reg| stats::expiring(reg, within_days, &filter))?;
        Ok(to_py(py, &list)?)
    }

    /// Reviews by review kind and kind of document reviewed: those dated on or before
    /// `as_of` (default today), in `year` when given, of the documents `kind` and `issuer`
    /// let through: the `rows` of `guifan stats --reviews --json`.
    #[pyo3(signature = (*, year=None, as_of=None, kind=None, issuer=None))]
    fn review_counts(
        &self,
        py: Python<'_>,
        year: Option<i32>,
        as_of: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
    ) -> Result<Py<PyAny>> {
        let filter = list_filter(None, kind, issuer, year, as_of_arg(as_of)?)?;
        let rows = self.run(py, move |reg| stats::review_counts(reg, &filter))?;
        Ok(to_py(py, &rows)?)
    }

    /// Every clearance campaign, in the order opened.
    fn campaigns(&self, py: Python<'_>) -> Result<Py<PyAny>> {
        let list = self.run(py, |reg| reg.campaigns())?;
        Ok(records(py, "Campaign", &list)?)
    }

    /// The decisions of a campaign, in the order made.
    fn decisions(&self, py: Python<'_>, campaign: String) -> Result<Py<PyAny>> {
        let list = self.run(py, move |reg| reg.decisions(&campaign))?;
        Ok(records(py, "Decision", &list)?)
    }

    /// The 修改前后对照表 of two versions of a document, or of the document and `other`: a
    /// dict shaped like `guifan diff --json` (`from`, `to`, `rows` with their character
    /// diffs, `summary`).
    ///
    /// `old` is the old side's version (the document's), `new` the new side's (the
    /// document's, or `other`'s when given): a version number (`int`), or a date (the version
    /// in force then). By default `new` is the newest version and `old` the one before it
    /// (with `other`: the document's newest).
    #[pyo3(signature = (document, *, old=None, new=None, other=None))]
    fn diff(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        old: Option<&Bound<'_, PyAny>>,
        new: Option<&Bound<'_, PyAny>>,
        other: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        let sides = DiffSides::new(document, old, new, other)?;
        let c = self.run(py, move |reg| sides.compare(reg))?;
        Ok(to_py(py, &c)?)
    }

    /// The comparison of `diff(...)` as the plain-text table `guifan diff` prints: `width`
    /// columns (at least 40), CJK characters counted as two; only the rows that changed,
    /// were renumbered or moved unless `all`.
    #[pyo3(signature = (document, *, old=None, new=None, other=None, width=80, all=false))]
    #[allow(clippy::too_many_arguments)]
    fn diff_text(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        old: Option<&Bound<'_, PyAny>>,
        new: Option<&Bound<'_, PyAny>>,
        other: Option<&Bound<'_, PyAny>>,
        width: i64,
        all: bool,
    ) -> Result<String> {
        let width = TextOptions::parse_width(&width.to_string())?;
        let sides = DiffSides::new(document, old, new, other)?;
        self.run(py, move |reg| {
            Ok(sides.compare(reg)?.render_text(&TextOptions { width, all }))
        })
    }

    /// The comparison of `diff(...)` as an HTML fragment (`guifan diff --html`): one
    /// `<section>` with its styles, for A4 landscape; all rows when `all`.
    #[pyo3(signature = (document, *, old=None, new=None, other=None, all=false))]
    fn diff_html(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        old: Option<&Bound<'_, PyAny>>,
        new: Option<&Bound<'_, PyAny>>,
        other: Option<&Bound<'_, PyAny>>,
        all: bool,
    ) -> Result<String> {
        let sides = DiffSides::new(document, old, new, other)?;
        self.run(py, move |reg| Ok(sides.compare(reg)?.render_html(all)))
    }

    /// The comparison of `diff(...)` as a Word file (`guifan diff --docx FILE`): the bytes of
    /// the .docx, a table with a repeating header row on A4 landscape; all rows when `all`.
    #[pyo3(signature = (document, *, old=None, new=None, other=None, all=false))]
    fn diff_docx<'py>(
        &self,
        py: Python<'py>,
        document: &Bound<'py, PyAny>,
        old: Option<&Bound<'py, PyAny>>,
        new: Option<&Bound<'py, PyAny>>,
        other: Option<&Bound<'py, PyAny>>,
        all: bool,
    ) -> Result<Bound<'py, PyBytes>> {
        let sides = DiffSides::new(document, old, new, other)?;
        let bytes = self.run(py, move |reg| sides.compare(reg)?.to_docx(all))?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Proposes an outcome for every document in a campaign's scope, with the rules that
    /// fired and their evidence: a dict shaped like `guifan campaign KEY --suggest --json`.
    /// `as_of` defaults to the day before the announcement, or today for an open campaign.
    /// With `record=True` the proposals are recorded, so that the decisions made afterwards
    /// keep whether they followed them (`recorded_suggestions`).
    #[pyo3(signature = (campaign, *, as_of=None, record=false))]
    fn suggest(
        &self,
        py: Python<'_>,
        campaign: String,
        as_of: Option<&Bound<'_, PyAny>>,
        record: bool,
    ) -> Result<Py<PyAny>> {
        let as_of = opt_date_arg("as_of", as_of)?;
        let s = self.run(py, move |reg| {
            if record {
                assist::suggest_and_record(reg, &campaign, as_of)
            } else {
                assist::suggest(reg, &campaign, as_of)
            }
        })?;
        Ok(to_py(py, &s)?)
    }

    /// The last proposal recorded for each document of a campaign, with the decision made on
    /// it and whether the decision followed it (`None` while undecided and for 需评估): the
    /// list `guifan campaign KEY --recorded --json` prints.
    fn recorded_suggestions(&self, py: Python<'_>, campaign: String) -> Result<Py<PyAny>> {
        let list = self.run(py, move |reg| reg.recorded_suggestions(&campaign))?;
        Ok(to_py(py, &list)?)
    }

    /// Checks a draft's text for the 合法性审核 as of `as_of` (default today): citations
    /// against the registry, the basis clause, numbering, 文号 and date layout, 有效期, and
    /// words flagged for a human. A dict shaped like `guifan review-draft FILE --json`
    /// (`findings` with `severity` `error`, `warning` or `info`, `counts`, `citations`).
    /// `text` is the draft's text (`str`), or a path (`pathlib.Path`) to a Word file, web page,
    /// PDF or text file, read by the library's intake readers.
    #[pyo3(signature = (text, *, as_of=None))]
    fn check_draft(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        let as_of = as_of_arg(as_of)?;
        let text = if let Ok(s) = text.cast::<PyString>() {
            s.to_str()?.to_owned()
        } else if text.hasattr("__fspath__")? {
            let path: PathBuf = text.extract()?;
            py.detach(|| guifan::intake::extract(&path).map(|e| e.text()))?
        } else {
            return Err(PyTypeError::new_err(format!(
                "text: expected a str (the draft's text) or a path, got {}",
                text.get_type().name()?
            ))
            .into());
        };
        let report = self.run(py, move |reg| assist::check_draft(reg, &text, as_of))?;
        Ok(to_py(py, &report)?)
    }

    /// Checks the store, the audit hash chain and the stored texts: a dict shaped like
    /// `guifan check --json`.
    /// `expect_head` is a head hash kept from an earlier check or backup: the check fails
    /// (`ok` is false) unless the audit log still holds that entry.
    #[pyo3(signature = (*, expect_head=None))]
    fn check(&self, py: Python<'_>, expect_head: Option<String>) -> Result<Py<PyAny>> {
        let report = self.run(py, |reg| reg.check_expecting(expect_head.as_deref()))?;
        Ok(to_py(py, &report)?)
    }

    /// Copies the registry, consistently while others write, into `dest` (a new or empty
    /// folder), with its original files: a dict shaped like `guifan backup --json`, with the
    /// copy's `head_hash` to keep elsewhere.
    fn backup(&self, py: Python<'_>, dest: PathBuf) -> Result<Py<PyAny>> {
        let report = self.run(py, |reg| reg.backup(&dest))?;
        Ok(to_py(py, &report)?)
    }

    /// Opens a clearance campaign.
    #[pyo3(signature = (key, name, *, scope=None, opened=None))]
    fn open_campaign(
        &self,
        py: Python<'_>,
        key: String,
        name: String,
        scope: Option<String>,
        opened: Option<&Bound<'_, PyAny>>,
    ) -> Result<()> {
        let campaign = NewCampaign {
            key,
            name,
            scope,
            opened: opt_date_arg("opened", opened)?,
        };
        self.run(py, move |reg| reg.open_campaign(&campaign).map(|_| ()))
    }

    /// Records a campaign's decision on a document: 继续有效, 待修订, 废止 or 宣布失效 (or the
    /// tokens). One decision per document per campaign.
    #[pyo3(signature = (campaign, document, outcome, *, reason=None))]
    fn decide(
        &self,
        py: Python<'_>,
        campaign: String,
        document: &Bound<'_, PyAny>,
        outcome: &Bound<'_, PyAny>,
        reason: Option<String>,
    ) -> Result<()> {
        let reference = reference_arg("document", document)?;
        let outcome = label_arg("outcome", outcome, Outcome::parse)?;
        self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.decide(&campaign, id, outcome, reason.as_deref())
        })
    }

    /// Announces a campaign on `date`: its decisions become status changes. Returns
    /// `{"status_changes": n, "unchanged": [ids]}`: the documents whose status already was the
    /// decided one got no change.
    fn announce(
        &self,
        py: Python<'_>,
        campaign: String,
        date: &Bound<'_, PyAny>,
    ) -> Result<Py<PyAny>> {
        let date = date_arg("date", date)?;
        let announced = self.run(py, move |reg| reg.announce(&campaign, date))?;
        Ok(to_py(py, &announced)?)
    }

    /// Withdraws a filing, review, decision or relation recorded by mistake (`record`: 备案,
    /// 审核, 决定, 关系 or filing, review, decision, relation), from `on` (default today), for
    /// `reason`. The record stays in the store and the audit log; answers leave it out, but
    /// for dates before `on`. Returns the correction as a dict.
    #[pyo3(signature = (record, id, *, reason, on=None))]
    fn withdraw(
        &self,
        py: Python<'_>,
        record: &Bound<'_, PyAny>,
        id: i64,
        reason: String,
        on: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        let record = label_arg("record", record, RecordKind::parse)?;
        let on = opt_date_arg("on", on)?;
        let c = self.run(py, move |reg| reg.withdraw(record, id, &reason, on))?;
        Ok(to_py(py, &c)?)
    }

    /// Replaces a filing, review, decision or relation recorded by mistake by a corrected one,
    /// from `on` (default today), for `reason`. The fields given change (filing: filed_with,
    /// submitted, number, outcome, deadline_days, note; review: kind, reviewer, date,
    /// conclusion, opinion; decision: outcome, reason_text; relation: kind, note, to); the
    /// others keep their values. Returns the correction as a dict, `replaced_by` the new id.
    #[pyo3(signature = (record, id, *, reason, on=None, to=None, **fields))]
    #[allow(clippy::too_many_arguments)]
    fn amend(
        &self,
        py: Python<'_>,
        record: &Bound<'_, PyAny>,
        id: i64,
        reason: String,
        on: Option<&Bound<'_, PyAny>>,
        to: Option<&Bound<'_, PyAny>>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> Result<Py<PyAny>> {
        let record = label_arg("record", record, RecordKind::parse)?;
        let on = opt_date_arg("on", on)?;
        let to = to.map(|t| reference_arg("to", t)).transpose()?;
        let mut pairs = Vec::new();
        if let Some(fields) = fields {
            for (k, v) in fields.iter() {
                let k: String = k.extract()?;
                let text = field_text(&k, &v)?;
                // A decision's own reason is `reason_text`: `reason` is the correction's.
                let k = if k == "reason_text" {
                    "reason".to_owned()
                } else {
                    k
                };
                pairs.push((k, text));
            }
        }
        let c = self.run(py, move |reg| {
            let mut replacement = reg.replacement_of(record, id)?;
            for (k, v) in &pairs {
                replacement.set(k, v)?;
            }
            if let Some(to) = &to {
                replacement.set_target(reg.relation_target(to)?)?;
            }
            reg.amend(record, id, &replacement, &reason, on)
        })?;
        Ok(to_py(py, &c)?)
    }

    /// The corrections made (withdrawals and replacements), of one document's records or of
    /// all, in the order made: a list of dicts.
    #[pyo3(signature = (document=None))]
    fn corrections(
        &self,
        py: Python<'_>,
        document: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        let reference = document.map(|d| reference_arg("document", d)).transpose()?;
        let all = self.run(py, move |reg| match &reference {
            Some(r) => {
                let id = reg.resolve(r)?;
                reg.corrections(id)
            }
            None => reg.all_corrections(),
        })?;
        Ok(to_py(py, &all)?)
    }

    /// Changes a document's status from `date` on, by hand. Raises `StatusChangeError` for a
    /// derived status, a date before the document is in force, or no change.
    #[pyo3(signature = (document, status, date, *, reason=None))]
    fn change_status(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        status: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        reason: Option<String>,
    ) -> Result<()> {
        let reference = reference_arg("document", document)?;
        let status = label_arg("status", status, Status::parse)?;
        let date = date_arg("date", date)?;
        self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.change_status(id, status, date, reason.as_deref())
        })
    }

    /// Records a filing (备案) of a document with `filed_with`; returns its id (the one recorded
    /// before when the same filing was recorded already).
    #[pyo3(signature = (document, filed_with, *, submitted=None, number=None, outcome=None, deadline_days=30, note=None))]
    #[allow(clippy::too_many_arguments)]
    fn record_filing(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        filed_with: String,
        submitted: Option<&Bound<'_, PyAny>>,
        number: Option<String>,
        outcome: Option<&Bound<'_, PyAny>>,
        deadline_days: u32,
        note: Option<String>,
    ) -> Result<i64> {
        let reference = reference_arg("document", document)?;
        let filing = NewFiling {
            filed_with,
            submitted: opt_date_arg("submitted", submitted)?,
            number,
            outcome: match outcome.filter(|o| !o.is_none()) {
                Some(o) => Some(label_arg("outcome", o, FilingOutcome::parse)?),
                None => None,
            },
            deadline_days,
            note,
        };
        self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.record_filing(id, &filing).map(|r| r.id)
        })
    }

    /// Records a review of a document (合法性审核, 备案审查, 公平竞争审查, 评估); returns its id
    /// (the one recorded before when the same review was recorded already).
    #[pyo3(signature = (document, kind, *, reviewer, date, conclusion, opinion=None))]
    #[allow(clippy::too_many_arguments)]
    fn record_review(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        reviewer: String,
        date: &Bound<'_, PyAny>,
        conclusion: String,
        opinion: Option<String>,
    ) -> Result<i64> {
        let reference = reference_arg("document", document)?;
        let review = NewReview {
            kind: label_arg("kind", kind, ReviewKind::parse)?,
            reviewer,
            date: date_arg("date", date)?,
            conclusion,
            opinion,
        };
        self.run(py, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.record_review(id, &review).map(|r| r.id)
        })
    }

    /// Records a relation (依据, 修改, 废止, 替代, 实施, 引用) from `source` to `target`; a
    /// target not in the registry is kept as the citation as written. Returns its id.
    #[pyo3(signature = (source, kind, target, *, note=None))]
    fn relate(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        note: Option<String>,
    ) -> Result<i64> {
        let from = reference_arg("source", source)?;
        let to = reference_arg("target", target)?;
        let kind = label_arg("kind", kind, RelationKind::parse)?;
        self.run(py, move |reg| {
            let from = reg.resolve(&from)?;
            let target = reg.relation_target(&to)?;
            reg.record_relation(from, &NewRelation::manual(kind, target, note))
        })
    }
}

/// What `import_file` returns: the counts of every file added up, and for a single document
/// what became of it.
#[derive(serde::Serialize)]
struct ImportAnswer<'a> {
    #[serde(flatten)]
    total: &'a guifan::interchange::ImportReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a guifan::ingest::DocumentReport>,
}

impl<'a> ImportAnswer<'a> {
    fn of(summary: &'a guifan::ingest::Summary) -> Self {
        let document = match summary.files.as_slice() {
            [one] => one.document.as_ref(),
            _ => None,
        };
        ImportAnswer {
            total: &summary.total,
            document,
        }
    }
}

/// Keyword arguments as overrides: strings (a date also as a `datetime.date`); `None` is not
/// given; an unknown name is a `TypeError`.
fn overrides_arg(kwargs: Option<&Bound<'_, PyDict>>) -> Result<guifan::intake::Overrides> {
    let mut o = guifan::intake::Overrides::default();
    let Some(kwargs) = kwargs else {
        return Ok(o);
    };
    for (name, value) in kwargs.iter() {
        let name: String = name.extract()?;
        let slot = match name.as_str() {
            "key" => &mut o.key,
            "work" => &mut o.work,
            "kind" => &mut o.kind,
            "issuer" => &mut o.issuer,
            "status" => &mut o.status,
            "title" => &mut o.title,
            "doc_number" => &mut o.doc_number,
            "index_no" => &mut o.index_no,
            "registration_no" => &mut o.registration_no,
            "signed" => &mut o.signed,
            "issued" => &mut o.issued,
            "effective" => &mut o.effective,
            "expires" => &mut o.expires,
            "label" => &mut o.label,
            "amended_by" => &mut o.amended_by,
            "note" => &mut o.note,
            _ => {
                return Err(Error::Py(pyo3::exceptions::PyTypeError::new_err(format!(
                    "unexpected keyword argument `{name}`"
                ))));
            }
        };
        if value.is_none() {
            continue;
        }
        *slot = Some(if value.cast::<PyDate>().is_ok() {
            guifan::date::iso(date_arg(&name, &value)?)
        } else {
            value.extract::<String>().map_err(|_| {
                Error::Py(pyo3::exceptions::PyTypeError::new_err(format!(
                    "`{name}` must be a string"
                )))
            })?
        });
    }
    Ok(o)
}

/// The `revision` argument of `import_file`.
fn revision_arg(value: Option<&str>) -> Result<guifan::ingest::Revision> {
    use guifan::ingest::Revision;
    match value.map(str::trim) {
        None | Some("offer") => Ok(Revision::Offer),
        Some("as_version") => Ok(Revision::AsVersion),
        Some("as_new_work") => Ok(Revision::AsNewWork),
        Some(other) => Err(guifan::Error::invalid(
            "revision",
            other,
            "one of `offer`, `as_version`, `as_new_work`",
        )
        .into()),
    }
}
