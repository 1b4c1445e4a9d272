//! `SearchResults` and `Hit`: what `Registry.search` returns.

use guifan::index::{Facets, Hit as CoreHit, SearchResults as CoreResults};
use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::convert::{self, py_date, repr_opt, repr_str};

/// One hit: a version of a document, with its status on the date asked, a snippet around the
/// first match (matches between `<mark>` and `</mark>`) and the article (第N条) of that match.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Hit {
    /// The registry id of the document.
    id: i64,
    /// The version's key.
    key: Option<String>,
    /// The work key.
    work: String,
    version: u32,
    title: String,
    doc_number: Option<String>,
    kind: String,
    issuer: String,
    /// The document's status on the date asked (a `guifan.Status`).
    status: Py<PyAny>,
    score: f32,
    snippet: Option<String>,
    article: Option<String>,
}

impl Hit {
    fn new(py: Python<'_>, h: &CoreHit) -> PyResult<Hit> {
        Ok(Hit {
            id: h.id.0,
            key: h.key.clone(),
            work: h.work.clone(),
            version: h.version,
            title: h.title.clone(),
            doc_number: h.doc_number.clone(),
            kind: h.kind.clone(),
            issuer: h.issuer.clone(),
            status: convert::status(py, h.status)?,
            score: h.score,
            snippet: h.snippet.clone(),
            article: h.article.clone(),
        })
    }
}

#[pymethods]
impl Hit {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let status: String = self.status.bind(py).getattr("value")?.extract()?;
        Ok(format!(
            "Hit(id={}, key={}, version={}, title={}, status={}, article={}, score={:.3})",
            self.id,
            repr_opt(self.key.as_deref()),
            self.version,
            repr_str(&self.title),
            repr_str(&status),
            repr_opt(self.article.as_deref()),
            self.score
        ))
    }
}

/// The result of a search: `total` matches in scope, the `hits` of the page asked for, and
/// `facets` counting all matches (not only the page) by status, kind, issuer and year.
/// Indexing and iterating go over the hits.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct SearchResults {
    total: u64,
    hits: Py<PyTuple>,
    /// `{"status": {token: n}, "kind": {…}, "issuer": {…}, "year": {…}}`.
    facets: Py<PyDict>,
    /// The date statuses and versions in force were reckoned on.
    as_of: Py<PyAny>,
}

fn facet_dict<'py>(py: Python<'py>, f: &Facets) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, counts) in [
        ("status", &f.status),
        ("kind", &f.kind),
        ("issuer", &f.issuer),
        ("year", &f.year),
    ] {
        let inner = PyDict::new(py);
        for (k, v) in counts {
            inner.set_item(k, v)?;
        }
        d.set_item(name, inner)?;
    }
    Ok(d)
}

impl SearchResults {
    pub fn new(py: Python<'_>, r: &CoreResults) -> PyResult<SearchResults> {
        let hits = r
            .hits
            .iter()
            .map(|h| Py::new(py, Hit::new(py, h)?))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(SearchResults {
            total: r.total,
            hits: PyTuple::new(py, hits)?.unbind(),
            facets: facet_dict(py, &r.facets)?.unbind(),
            as_of: py_date(py, r.as_of)?,
        })
    }
}

#[pymethods]
impl SearchResults {
    fn __len__(&self, py: Python<'_>) -> usize {
        self.hits.bind(py).len()
    }

    fn __getitem__(&self, py: Python<'_>, index: isize) -> PyResult<Py<PyAny>> {
        let hits = self.hits.bind(py);
        let n = hits.len() as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(PyIndexError::new_err("hit index out of range"));
        }
        Ok(hits.get_item(i as usize)?.unbind())
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.hits.bind(py).try_iter()?.into_any().unbind())
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "SearchResults(total={}, hits={})",
            self.total,
            self.hits.bind(py).len()
        )
    }
}
