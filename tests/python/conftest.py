"""Fixtures for the tests of the Python module `guifan`."""

from __future__ import annotations

from pathlib import Path

import guifan
import pytest

from .data import DOCUMENTS, RECORDS, write_jsonl


@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    """The small data set above as one JSON Lines file."""
    return write_jsonl(tmp_path / "records.jsonl", DOCUMENTS + RECORDS)


@pytest.fixture
def reg(tmp_path: Path, records_file: Path):
    """A registry holding the small data set, closed after the test."""
    with guifan.Registry.open(tmp_path / "registry", create=True, actor="tester") as r:
        r.import_jsonl(records_file)
        yield r
