//! The records kept about documents: `Filing` (备案), `Review` (审核, 审查), and the clearance
//! `Campaign` with its `Decision`s.

use guifan::model::{
    Campaign as CoreCampaign, Decision as CoreDecision, Filing as CoreFiling, Review as CoreReview,
};
use pyo3::prelude::*;
use time::Date;

use crate::convert::{self, opt_py_date, py_date, repr_opt, repr_str};

/// A filing (备案) of a document with a body above its issuer, and whether it was on time as
/// of the date the document was read.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Filing {
    id: i64,
    /// The document's id.
    document: i64,
    filed_with: String,
    submitted: Py<PyAny>,
    number: Option<String>,
    outcome: Py<PyAny>,
    deadline_days: u32,
    note: Option<String>,
    /// The issued date the deadline runs from.
    issued: Py<PyAny>,
    /// The last day of the deadline, when the issued date is known.
    deadline: Py<PyAny>,
    timeliness: Py<PyAny>,
}

impl Filing {
    pub fn new(py: Python<'_>, f: &CoreFiling, as_of: Date) -> PyResult<Filing> {
        Ok(Filing {
            id: f.id,
            document: f.work.0,
            filed_with: f.filed_with.clone(),
            submitted: opt_py_date(py, f.submitted)?,
            number: f.number.clone(),
            outcome: convert::filing_outcome(py, f.outcome)?,
            deadline_days: f.deadline_days,
            note: f.note.clone(),
            issued: opt_py_date(py, f.issued)?,
            deadline: opt_py_date(py, f.deadline())?,
            timeliness: convert::timeliness(py, f.timeliness(as_of))?,
        })
    }
}

#[pymethods]
impl Filing {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Filing(document={}, filed_with={}, submitted={}, timeliness={})",
            self.document,
            repr_str(&self.filed_with),
            self.submitted.bind(py).repr()?,
            self.timeliness.bind(py).getattr("value")?.repr()?
        ))
    }
}

/// A review of a document: 合法性审核, 备案审查, 公平竞争审查 or 评估.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Review {
    id: i64,
    document: i64,
    kind: Py<PyAny>,
    reviewer: String,
    date: Py<PyAny>,
    conclusion: String,
    opinion: Option<String>,
}

impl Review {
    pub fn new(py: Python<'_>, r: &CoreReview) -> PyResult<Review> {
        Ok(Review {
            id: r.id,
            document: r.work.0,
            kind: convert::review_kind(py, r.kind)?,
            reviewer: r.reviewer.clone(),
            date: py_date(py, r.date)?,
            conclusion: r.conclusion.clone(),
            opinion: r.opinion.clone(),
        })
    }
}

#[pymethods]
impl Review {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Review(document={}, kind={}, reviewer={}, date={}, conclusion={})",
            self.document,
            self.kind.bind(py).getattr("value")?.repr()?,
            repr_str(&self.reviewer),
            self.date.bind(py).repr()?,
            repr_str(&self.conclusion)
        ))
    }
}

/// A clearance campaign (清理).
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Campaign {
    key: String,
    name: String,
    scope: Option<String>,
    opened: Py<PyAny>,
    /// When its decisions became status changes; `None` while it is open.
    announced: Py<PyAny>,
}

impl Campaign {
    pub fn new(py: Python<'_>, c: &CoreCampaign) -> PyResult<Campaign> {
        Ok(Campaign {
            key: c.key.clone(),
            name: c.name.clone(),
            scope: c.scope.clone(),
            opened: opt_py_date(py, c.opened)?,
            announced: opt_py_date(py, c.announced)?,
        })
    }
}

#[pymethods]
impl Campaign {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Campaign(key={}, name={}, scope={}, announced={})",
            repr_str(&self.key),
            repr_str(&self.name),
            repr_opt(self.scope.as_deref()),
            self.announced.bind(py).repr()?
        ))
    }
}

/// A campaign's decision on one document.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Decision {
    campaign: String,
    document: i64,
    outcome: Py<PyAny>,
    reason: Option<String>,
}

impl Decision {
    pub fn new(py: Python<'_>, d: &CoreDecision) -> PyResult<Decision> {
        Ok(Decision {
            campaign: d.campaign.clone(),
            document: d.work.0,
            outcome: convert::outcome(py, d.outcome)?,
            reason: d.reason.clone(),
        })
    }
}

#[pymethods]
impl Decision {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Decision(campaign={}, document={}, outcome={})",
            repr_str(&self.campaign),
            self.document,
            self.outcome.bind(py).getattr("value")?.repr()?
        ))
    }
}
