//! The operations `Registry` and `Transaction` share: argument conversion (with the GIL),
//! the core call (without it, under the lock), result conversion (with the GIL).

use std::path::PathBuf;

use guifan::model::{
    FilingOutcome, NewCampaign, NewFiling, NewRelation, NewReview, Outcome, RelationKind,
    RelationSource, ReviewKind, Status,
};
use pyo3::prelude::*;

use crate::convert::{self, date_arg, label_arg, opt_date_arg, reference_arg};
use crate::document::{Document, Loaded};
use crate::error::Result;
use crate::reports::ImportReport;
use crate::shared::{Access, Shared};

pub fn import_jsonl(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
    path: PathBuf,
) -> Result<ImportReport> {
    let report = shared.run(py, access, move |reg| {
        guifan::ingest::ingest_file(reg, None, &path, &mut |_| {}).map(|f| f.report)
    })?;
    Ok(ImportReport::from(&report))
}

pub fn get(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
    document: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> Result<Document> {
    let reference = reference_arg("document", document)?;
    let as_of = convert::as_of_arg(as_of)?;
    let loaded = shared.run(py, access, move |reg| {
        let id = reg.resolve(&reference)?;
        Loaded::load(reg, id, as_of)
    })?;
    Ok(Document::from_loaded(py, loaded)?)
}

pub fn status_of(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
    document: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> Result<Py<PyAny>> {
    let reference = reference_arg("document", document)?;
    let as_of = convert::as_of_arg(as_of)?;
    let status = shared.run(py, access, move |reg| {
        let id = reg.resolve(&reference)?;
        reg.status_as_of(id, as_of)
    })?;
    Ok(convert::status(py, status)?)
}

pub fn open_campaign(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
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
    shared.run(py, access, move |reg| {
        reg.open_campaign(&campaign).map(|_| ())
    })
}

pub fn decide(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
    campaign: String,
    document: &Bound<'_, PyAny>,
    outcome: &Bound<'_, PyAny>,
    reason: Option<String>,
) -> Result<()> {
    let reference = reference_arg("document", document)?;
    let outcome = label_arg("outcome", outcome, Outcome::parse)?;
    shared.run(py, access, move |reg| {
        let id = reg.resolve(&reference)?;
        reg.decide(&campaign, id, outcome, reason.as_deref())
    })
}

pub fn announce(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
    campaign: String,
    date: &Bound<'_, PyAny>,
) -> Result<usize> {
    let date = date_arg("date", date)?;
    shared.run(py, access, move |reg| reg.announce(&campaign, date))
}

pub fn change_status(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
    document: &Bound<'_, PyAny>,
    status: &Bound<'_, PyAny>,
    date: &Bound<'_, PyAny>,
    reason: Option<String>,
) -> Result<()> {
    let reference = reference_arg("document", document)?;
    let status = label_arg("status", status, Status::parse)?;
    let date = date_arg("date", date)?;
    shared.run(py, access, move |reg| {
        let id = reg.resolve(&reference)?;
        reg.change_status(id, status, date, reason.as_deref())
    })
}

#[allow(clippy::too_many_arguments)]
pub fn record_filing(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
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
    shared.run(py, access, move |reg| {
        let id = reg.resolve(&reference)?;
        reg.record_filing(id, &filing)
    })
}

#[allow(clippy::too_many_arguments)]
pub fn record_review(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
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
    shared.run(py, access, move |reg| {
        let id = reg.resolve(&reference)?;
        reg.record_review(id, &review)
    })
}

/// A relation from one document to another; a target that names nothing in the registry is
/// kept as the citation as written (as `guifan relate` does).
pub fn relate(
    py: Python<'_>,
    shared: &Shared,
    access: Access,
    source: &Bound<'_, PyAny>,
    kind: &Bound<'_, PyAny>,
    target: &Bound<'_, PyAny>,
    note: Option<String>,
) -> Result<i64> {
    let from = reference_arg("source", source)?;
    let to = reference_arg("target", target)?;
    let kind = label_arg("kind", kind, RelationKind::parse)?;
    shared.run(py, access, move |reg| {
        let from = reg.resolve(&from)?;
        let target = match reg.resolve(&to) {
            Ok(id) => Some(id),
            Err(guifan::Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        reg.record_relation(
            from,
            &NewRelation {
                kind,
                target,
                cited_as: target.is_none().then_some(to),
                source: RelationSource::Manual,
                note,
            },
        )
    })
}
