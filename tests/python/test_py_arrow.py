"""Tables leave as Arrow: pyarrow, pandas and polars read them through `__arrow_c_stream__`."""

from __future__ import annotations

import datetime

import guifan
import pytest

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


def test_pyarrow_reads_a_stats_table(reg: guifan.Registry):
    table = reg.stats(by=["kind", "status"], as_of="2024-12-31")
    arrow = pa.table(table)
    assert arrow.schema == pa.schema([
        pa.field("kind", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("count", pa.int64(), nullable=False),
    ])
    assert arrow.to_pylist() == table.to_pylist()
    assert table.to_pyarrow().equals(arrow)
    # the schema capsule too
    assert pa.schema(table) == arrow.schema


def test_year_is_an_integer_column_with_nulls(reg: guifan.Registry, tmp_path):
    from .data import write_jsonl

    reg.import_jsonl(write_jsonl(tmp_path / "undated.jsonl", [
        {"key": "undated", "title": "无日期文件", "kind": "行政规范性文件", "issuer": "潜江市人民政府"}]))
    arrow = pa.table(reg.stats(by=["year"], as_of="2024-12-31"))
    assert arrow.schema.field("year").type == pa.int32()
    assert None in arrow.column("year").to_pylist()


def test_pandas(reg: guifan.Registry):
    df = reg.stats(by=["kind", "status"], as_of="2024-12-31").to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["kind", "status", "count"]
    assert df["count"].sum() == 7
    assert df.loc[(df["kind"] == "行政规范性文件") & (df["status"] == "valid"), "count"].item() == 3
    docs = reg.documents_table(as_of="2024-12-31").to_pandas()
    assert len(docs) == 7
    assert docs.loc[docs["key"] == "qj-szg-2024-03", "issued"].item() == datetime.date(2024, 5, 29)


def test_polars(reg: guifan.Registry):
    df = reg.stats(by=["status"], as_of="2024-12-31").to_polars()
    assert isinstance(df, pl.DataFrame)
    assert df.schema == pl.Schema({"status": pl.String, "count": pl.Int64})
    assert dict(zip(df["status"], df["count"])) == {
        "valid": 4, "pending_revision": 1, "repealed": 1, "invalidated": 1}
    docs = pl.DataFrame(reg.documents_table(as_of="2024-12-31"))
    assert docs.schema["issued"] == pl.Date and docs.height == 7


def test_a_table_can_be_read_many_times(reg: guifan.Registry):
    table = reg.documents_table(as_of="2024-12-31")
    assert pa.table(table).equals(pa.table(table))


def test_requested_schema_casts(reg: guifan.Registry):
    table = reg.stats(by=["status"], as_of="2024-12-31")
    wanted = pa.schema([pa.field("status", pa.large_string()), pa.field("count", pa.int32())])
    got = pa.RecordBatchReader.from_stream(table, schema=wanted).read_all()
    assert got.schema.field("count").type == pa.int32()
    assert got.schema.field("status").type == pa.large_string()


def test_an_empty_table(reg: guifan.Registry):
    empty = reg.documents_table(kind="合同", year=1990, as_of="2024-12-31")
    assert len(empty) == 0
    assert pa.table(empty).num_rows == 0 and empty.to_pandas().empty and empty.to_pylist() == []


def test_a_kind_no_document_has_is_refused_with_the_nearest(reg: guifan.Registry):
    """Regression: an unknown kind used to give an empty table without a word."""
    with pytest.raises(guifan.InvalidInputError, match="行政规范性文件"):
        reg.documents_table(kind="行政规范性文", as_of="2024-12-31")
