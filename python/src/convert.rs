//! Conversions between Python values and core types: dates, references, label enums.
//!
//! Core's own parsers do the work (`guifan::date::parse_date`, `Status::parse`, …); this file
//! only moves values across.

use guifan::model::{
    FilingOutcome, Outcome, RelationKind, RelationSource, ReviewKind, Status, StatusScope,
    Timeliness,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDate, PyDateAccess, PyDict, PyString};
use time::{Date, Month};

use crate::error::{Error, Result};

/// A date argument: a `datetime.date` (or `datetime.datetime`), or a string core parses
/// (`2024-07-18`, `2024/7/18`, `2024年7月18日`). `field` names it in errors.
pub fn date_arg(field: &str, value: &Bound<'_, PyAny>) -> Result<Date> {
    if let Ok(d) = value.cast::<PyDate>() {
        let month = Month::try_from(d.get_month())
            .map_err(|_| guifan::Error::invalid(field, d.to_string(), "no such month"))?;
        return Ok(Date::from_calendar_date(d.get_year(), month, d.get_day())
            .map_err(|_| guifan::Error::invalid(field, d.to_string(), "no such day"))?);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(guifan::date::parse_date(field, s.to_str()?)?);
    }
    Err(type_error(field, "a datetime.date or a date string", value))
}

/// An optional date argument (`None` is no date).
pub fn opt_date_arg(field: &str, value: Option<&Bound<'_, PyAny>>) -> Result<Option<Date>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => date_arg(field, v).map(Some),
    }
}

/// The date a question is asked about: the argument, or today (`GUIFAN_TODAY` when set, else
/// today in China Standard Time), as every front end reckons it.
pub fn as_of_arg(value: Option<&Bound<'_, PyAny>>) -> Result<Date> {
    Ok(guifan::date::as_of_or_today(opt_date_arg("as_of", value)?)?)
}

fn type_error(field: &str, expected: &str, got: &Bound<'_, PyAny>) -> Error {
    let got = got
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned());
    Error::Py(PyTypeError::new_err(format!(
        "`{field}` expects {expected}, got {got}"
    )))
}

/// A `datetime.date`.
pub fn py_date(py: Python<'_>, d: Date) -> PyResult<Py<PyAny>> {
    Ok(PyDate::new(py, d.year(), u8::from(d.month()), d.day())?
        .into_any()
        .unbind())
}

/// A document reference: an `int` id, or a string core resolves (id, key, work key, 文号 in
/// any spelling, exact title).
pub fn reference_arg(field: &str, value: &Bound<'_, PyAny>) -> Result<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(n) = value.extract::<i64>() {
        return Ok(n.to_string());
    }
    Err(type_error(field, "an int id or a str reference", value))
}

/// A label or token argument: any `str` (an enum member is one, its value the token).
pub fn label_arg<T>(
    field: &str,
    value: &Bound<'_, PyAny>,
    parse: impl Fn(&str) -> guifan::Result<T>,
) -> Result<T> {
    match value.cast::<PyString>() {
        Ok(s) => Ok(parse(s.to_str()?)?),
        Err(_) => Err(type_error(field, "a str (token or Chinese label)", value)),
    }
}

/// Which statuses: `None` (the caller's default), `"any"` or `"全部"`, one status, a
/// comma-separated list, or an iterable of statuses; parsed by the library's one parser.
pub fn status_scope_arg(value: Option<&Bound<'_, PyAny>>) -> Result<Option<StatusScope>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(StatusScope::parse(s.to_str()?)?));
    }
    let mut parts = Vec::new();
    for item in value.try_iter().map_err(|_| {
        type_error(
            "status",
            "a str or an iterable of str (tokens or Chinese labels)",
            value,
        )
    })? {
        let item = item?;
        let s = item
            .cast::<PyString>()
            .map_err(|_| type_error("status", "a str (token or Chinese label)", &item))?;
        parts.push(s.to_str()?.to_owned());
    }
    Ok(Some(StatusScope::parse(&parts.join(","))?))
}

/// The Python label enums (`guifan.Status`, …), defined in `guifan/_enums.py`. Members are
/// looked up once and kept, so that returning one is a reference count, not a call.
pub struct EnumClass {
    name: &'static str,
    members: PyOnceLock<Vec<(String, Py<PyAny>)>>,
}

impl EnumClass {
    const fn new(name: &'static str) -> Self {
        EnumClass {
            name,
            members: PyOnceLock::new(),
        }
    }

    /// The member whose value is `token`.
    pub fn member<'py>(&self, py: Python<'py>, token: &str) -> PyResult<Bound<'py, PyAny>> {
        let members = self.members.get_or_try_init(py, || {
            let class = py.import("guifan._enums")?.getattr(self.name)?;
            class
                .try_iter()?
                .map(|m| {
                    let m = m?;
                    let value: String = m.getattr("value")?.extract()?;
                    Ok((value, m.unbind()))
                })
                .collect::<PyResult<Vec<_>>>()
        })?;
        match members.iter().find(|(t, _)| t == token) {
            Some((_, m)) => Ok(m.bind(py).clone()),
            None => Err(PyTypeError::new_err(format!(
                "`{token}` is not a member of guifan.{}",
                self.name
            ))),
        }
    }
}

static STATUS: EnumClass = EnumClass::new("Status");
static OUTCOME: EnumClass = EnumClass::new("Outcome");
static FILING_OUTCOME: EnumClass = EnumClass::new("FilingOutcome");
static REVIEW_KIND: EnumClass = EnumClass::new("ReviewKind");
static RELATION_KIND: EnumClass = EnumClass::new("RelationKind");
static RELATION_SOURCE: EnumClass = EnumClass::new("RelationSource");
static TIMELINESS: EnumClass = EnumClass::new("Timeliness");

/// The Python enum of a core label type, by its name (`Status`, `Outcome`, …).
pub fn label_enum(name: &str) -> Option<&'static EnumClass> {
    [
        &STATUS,
        &OUTCOME,
        &FILING_OUTCOME,
        &REVIEW_KIND,
        &RELATION_KIND,
        &RELATION_SOURCE,
        &TIMELINESS,
    ]
    .into_iter()
    .find(|c| c.name == name)
}

/// Every (token, label) pair of a label enum, as core defines them: what `guifan._enums`
/// builds its `.label` from, and what the tests compare the Python enums with.
fn pairs(kind: &str) -> Result<Vec<(&'static str, &'static str)>> {
    Ok(match kind {
        "Status" => Status::ALL.iter().map(|s| (s.token(), s.label())).collect(),
        "Outcome" => Outcome::ALL
            .iter()
            .map(|o| (o.token(), o.label()))
            .collect(),
        "FilingOutcome" => FilingOutcome::ALL
            .iter()
            .map(|o| (o.token(), o.label()))
            .collect(),
        "ReviewKind" => ReviewKind::ALL
            .iter()
            .map(|k| (k.token(), k.label()))
            .collect(),
        "RelationKind" => RelationKind::ALL
            .iter()
            .map(|k| (k.token(), k.label()))
            .collect(),
        "RelationSource" => RelationSource::ALL
            .iter()
            .map(|k| (k.token(), k.label()))
            .collect(),
        "Timeliness" => Timeliness::ALL
            .iter()
            .map(|t| (t.token(), t.label()))
            .collect(),
        other => {
            return Err(guifan::Error::invalid("kind", other, "not a label enum of guifan").into());
        }
    })
}

/// `_labels(kind)`: `{token: label}` for one of the label enums.
#[pyfunction]
pub fn _labels<'py>(py: Python<'py>, kind: &str) -> Result<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (token, label) in pairs(kind)? {
        dict.set_item(token, label)?;
    }
    Ok(dict)
}

/// `_parse(kind, text)`: the token a label or token of an enum stands for, by core's parser
/// (so `有效`, `现行有效` and `继续有效` all give `valid`).
#[pyfunction]
pub fn _parse(kind: &str, text: &str) -> Result<&'static str> {
    Ok(match kind {
        "Status" => Status::parse(text)?.token(),
        "Outcome" => Outcome::parse(text)?.token(),
        "FilingOutcome" => FilingOutcome::parse(text)?.token(),
        "ReviewKind" => ReviewKind::parse(text)?.token(),
        "RelationKind" => RelationKind::parse(text)?.token(),
        "RelationSource" => RelationSource::parse(text)?.token(),
        "Timeliness" => Timeliness::parse(text)?.token(),
        other => {
            return Err(guifan::Error::invalid("kind", other, "not a label enum of guifan").into());
        }
    })
}
/// Python's `repr` of a string, for `__repr__`s.
pub fn repr_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A field of a correction as text, as the library's `Replacement::set` reads it: `None` is
/// empty (clears an optional field), a date its ISO form, an int its digits, a `str` itself.
pub fn field_text(field: &str, value: &Bound<'_, PyAny>) -> Result<String> {
    if value.is_none() {
        return Ok(String::new());
    }
    if value.cast::<PyDate>().is_ok() {
        return Ok(guifan::date::iso(date_arg(field, value)?));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(n) = value.extract::<i64>() {
        return Ok(n.to_string());
    }
    Err(type_error(
        field,
        "a str, int, datetime.date or None",
        value,
    ))
}
