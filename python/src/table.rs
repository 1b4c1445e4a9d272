//! Tables that leave as Arrow: `Table` (documents) and `StatsTable` (counts).
//!
//! A table holds one Arrow record batch built in Rust without the GIL. It implements the
//! Arrow PyCapsule interface (`__arrow_c_stream__`, `__arrow_c_schema__`), so that
//! `pyarrow.table(t)`, `polars.DataFrame(t)` and `t.to_pandas()` read the columns directly,
//! with no Python object per row.

use std::sync::Arc;

use arrow_array::builder::{Date32Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{
    Array, ArrayRef, Date32Array, Int32Array, Int64Array, RecordBatch, StringArray, StructArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use guifan::stats::{Counts, Value};
use guifan::store::WorkSummary;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};
use pyo3_arrow::ffi::{ArrayIterator, to_schema_pycapsule, to_stream_pycapsule};
use time::Date;

use crate::convert::{py_date, repr_str};
use crate::error::{Error, Result};

/// Days from 0001-01-01 … to 1970-01-01, as Arrow's `date32` counts.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

fn date32(d: Date) -> i32 {
    d.to_julian_day() - UNIX_EPOCH_JULIAN_DAY
}

fn arrow_err(e: ArrowError) -> Error {
    Error::Py(PyValueError::new_err(format!("arrow: {e}")))
}

/// A table of rows, exported to Arrow consumers without copying through Python objects.
#[pyclass(frozen, subclass, module = "guifan")]
pub struct Table {
    batch: RecordBatch,
}

impl Table {
    pub fn new(batch: RecordBatch) -> Table {
        Table { batch }
    }

    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }
}

#[pymethods]
impl Table {
    /// The Arrow C stream of the table (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = self.batch.schema();
        let fields = schema.fields().clone();
        let array: ArrayRef = Arc::new(StructArray::from(self.batch.clone()));
        let reader = ArrayIterator::new(
            std::iter::once(Ok(array)),
            Arc::new(Field::new_struct("", fields, false).with_metadata(schema.metadata().clone())),
        );
        Ok(to_stream_pycapsule(py, Box::new(reader), requested_schema)?)
    }

    /// The Arrow C schema of the table.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.batch.schema().as_ref())?)
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The column names, in order.
    #[getter]
    #[pyo3(name = "column_names")]
    fn py_column_names(&self) -> Vec<String> {
        self.column_names()
    }

    /// A `pyarrow.Table` (needs pyarrow).
    fn to_pyarrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import(intern!(py, "pyarrow"))?
            .getattr(intern!(py, "table"))?
            .call1((slf,))
    }

    /// A `pandas.DataFrame` (needs pandas and pyarrow). Dates become `datetime.date` objects,
    /// as pyarrow converts `date32`.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Table::to_pyarrow(slf)?.call_method0(intern!(slf.py(), "to_pandas"))
    }

    /// A `polars.DataFrame` (needs polars).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import(intern!(py, "polars"))?
            .getattr(intern!(py, "DataFrame"))?
            .call1((slf,))
    }

    /// The rows as dicts (one Python object per row: for small tables).
    fn to_pylist<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyList>> {
        let names = self.column_names();
        let rows = (0..self.batch.num_rows())
            .map(|_| PyDict::new(py))
            .collect::<Vec<_>>();
        for (name, column) in names.iter().zip(self.batch.columns()) {
            for (i, row) in rows.iter().enumerate() {
                row.set_item(name, cell(py, column.as_ref(), i)?)?;
            }
        }
        Ok(PyList::new(py, rows)?)
    }

    fn __repr__(&self) -> String {
        let names: Vec<String> = self.column_names().iter().map(|n| repr_str(n)).collect();
        format!(
            "Table(rows={}, columns=[{}])",
            self.batch.num_rows(),
            names.join(", ")
        )
    }
}

/// One cell as a Python value.
fn cell(py: Python<'_>, column: &dyn Array, i: usize) -> Result<Py<PyAny>> {
    if column.is_null(i) {
        return Ok(py.None());
    }
    let any = column.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        return Ok(PyString::new(py, a.value(i)).into_any().unbind());
    }
    if let Some(a) = any.downcast_ref::<Int64Array>() {
        let Ok(v) = a.value(i).into_pyobject(py);
        return Ok(v.into_any().unbind());
    }
    if let Some(a) = any.downcast_ref::<Int32Array>() {
        let Ok(v) = a.value(i).into_pyobject(py);
        return Ok(v.into_any().unbind());
    }
    if let Some(a) = any.downcast_ref::<Date32Array>() {
        let d = Date::from_julian_day(a.value(i) + UNIX_EPOCH_JULIAN_DAY)
            .map_err(|e| Error::Py(PyValueError::new_err(e.to_string())))?;
        return Ok(py_date(py, d)?);
    }
    Err(Error::Py(PyValueError::new_err(format!(
        "no Python value for an Arrow {}",
        column.data_type()
    ))))
}

/// Counts of documents by fields, as of a date: one column per `by` field (`status` holds
/// tokens, `year` is an integer or null) and `count`.
#[pyclass(frozen, extends = Table, module = "guifan", get_all)]
pub struct StatsTable {
    /// The fields counted by.
    by: Vec<&'static str>,
    as_of: Py<PyAny>,
    /// The number of documents counted.
    total: u64,
}

impl StatsTable {
    pub fn new(
        py: Python<'_>,
        counts: &Counts,
        batch: RecordBatch,
    ) -> PyResult<(StatsTable, Table)> {
        Ok((
            StatsTable {
                by: counts.by.iter().map(|f| f.name()).collect(),
                as_of: py_date(py, counts.as_of)?,
                total: counts.total,
            },
            Table::new(batch),
        ))
    }
}

#[pymethods]
impl StatsTable {
    fn __repr__(slf: PyRef<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let table: &Table = slf.as_super();
        Ok(format!(
            "StatsTable(by=[{}], as_of={}, total={}, rows={})",
            slf.by
                .iter()
                .map(|b| repr_str(b))
                .collect::<Vec<_>>()
                .join(", "),
            slf.as_of.bind(py).repr()?,
            slf.total,
            table.batch.num_rows()
        ))
    }
}

/// The record batch of a count.
pub fn counts_batch(counts: &Counts) -> Result<RecordBatch> {
    let n = counts.rows.len();
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (i, field) in counts.by.iter().enumerate() {
        let values = counts.rows.iter().map(|r| &r.values[i]);
        match field {
            guifan::stats::Field::Year => {
                let mut b = Int32Builder::with_capacity(n);
                for v in values {
                    match v {
                        Value::Year(y) => b.append_option(*y),
                        _ => b.append_null(),
                    }
                }
                fields.push(Field::new(field.name(), DataType::Int32, true));
                columns.push(Arc::new(b.finish()));
            }
            _ => {
                let mut b = StringBuilder::with_capacity(n, n * 16);
                for v in values {
                    match v {
                        Value::Status(s) => b.append_value(s.token()),
                        Value::Text(t) => b.append_value(t),
                        Value::Year(y) => b.append_option(y.map(|y| y.to_string())),
                    }
                }
                fields.push(Field::new(field.name(), DataType::Utf8, false));
                columns.push(Arc::new(b.finish()));
            }
        }
    }
    let mut count = Int64Builder::with_capacity(n);
    for r in &counts.rows {
        count.append_value(i64::try_from(r.count).unwrap_or(i64::MAX));
    }
    fields.push(Field::new("count", DataType::Int64, false));
    columns.push(Arc::new(count.finish()));
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(arrow_err)
}

/// The columns of a document listing, filled one row at a time.
pub struct DocumentColumns {
    id: Int64Builder,
    work: StringBuilder,
    key: StringBuilder,
    title: StringBuilder,
    kind: StringBuilder,
    issuer: StringBuilder,
    doc_number: StringBuilder,
    issued: Date32Builder,
    effective: Date32Builder,
    expires: Date32Builder,
    status: StringBuilder,
    versions: Int64Builder,
}

/// One row of a document listing, borrowed from wherever it lives.
pub struct DocumentRow<'a> {
    pub id: i64,
    pub work: &'a str,
    pub key: Option<&'a str>,
    pub title: &'a str,
    pub kind: &'a str,
    pub issuer: &'a str,
    pub doc_number: Option<&'a str>,
    pub issued: Option<Date>,
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    pub status: guifan::model::Status,
    pub versions: usize,
}

impl DocumentColumns {
    pub fn with_capacity(n: usize) -> DocumentColumns {
        let text = |bytes_per_row: usize| StringBuilder::with_capacity(n, n * bytes_per_row);
        DocumentColumns {
            id: Int64Builder::with_capacity(n),
            work: text(24),
            key: text(24),
            title: text(48),
            kind: text(21),
            issuer: text(30),
            doc_number: text(24),
            issued: Date32Builder::with_capacity(n),
            effective: Date32Builder::with_capacity(n),
            expires: Date32Builder::with_capacity(n),
            status: text(8),
            versions: Int64Builder::with_capacity(n),
        }
    }

    pub fn push(&mut self, r: DocumentRow<'_>) {
        self.id.append_value(r.id);
        self.work.append_value(r.work);
        self.key.append_option(r.key);
        self.title.append_value(r.title);
        self.kind.append_value(r.kind);
        self.issuer.append_value(r.issuer);
        self.doc_number.append_option(r.doc_number);
        self.issued.append_option(r.issued.map(date32));
        self.effective.append_option(r.effective.map(date32));
        self.expires.append_option(r.expires.map(date32));
        self.status.append_value(r.status.token());
        self.versions
            .append_value(i64::try_from(r.versions).unwrap_or(i64::MAX));
    }

    /// Adds the row a listing visit gives (`Registry::visit_list`).
    pub fn push_visited(
        &mut self,
        w: &guifan::store::WorkFacts,
        v: &guifan::store::VersionFacts,
        status: guifan::model::Status,
    ) {
        self.push(DocumentRow {
            id: w.id.0,
            work: &w.work_key,
            key: v.key.as_deref(),
            title: &v.title,
            kind: &v.kind,
            issuer: &v.issuer,
            doc_number: v.doc_number.as_deref(),
            issued: v.issued,
            effective: v.effective,
            expires: v.expires,
            status,
            versions: w.versions.len(),
        });
    }

    pub fn finish(mut self) -> Result<RecordBatch> {
        let schema = Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new("work", DataType::Utf8, false),
            Field::new("key", DataType::Utf8, true),
            Field::new("title", DataType::Utf8, false),
            Field::new("kind", DataType::Utf8, false),
            Field::new("issuer", DataType::Utf8, false),
            Field::new("doc_number", DataType::Utf8, true),
            Field::new("issued", DataType::Date32, true),
            Field::new("effective", DataType::Date32, true),
            Field::new("expires", DataType::Date32, true),
            Field::new("status", DataType::Utf8, false),
            Field::new("versions", DataType::Int64, false),
        ]);
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.work.finish()),
            Arc::new(self.key.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.issuer.finish()),
            Arc::new(self.doc_number.finish()),
            Arc::new(self.issued.finish()),
            Arc::new(self.effective.finish()),
            Arc::new(self.expires.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.versions.finish()),
        ];
        RecordBatch::try_new(Arc::new(schema), columns).map_err(arrow_err)
    }
}

/// The record batch of a document listing already made (`DocumentIterator.to_arrow`).
pub fn summaries_batch(items: &[WorkSummary]) -> Result<RecordBatch> {
    let mut columns = DocumentColumns::with_capacity(items.len());
    for w in items {
        columns.push(DocumentRow {
            id: w.id.0,
            work: &w.work,
            key: w.key.as_deref(),
            title: &w.title,
            kind: &w.kind,
            issuer: &w.issuer,
            doc_number: w.doc_number.as_deref(),
            issued: w.issued,
            effective: w.effective,
            expires: w.expires,
            status: w.status,
            versions: w.versions as usize,
        });
    }
    columns.finish()
}
