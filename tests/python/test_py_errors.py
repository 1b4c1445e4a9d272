"""Every exception class, each raised by a real failure of the registry."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import guifan
import pytest

from .data import document, write_jsonl


def test_the_hierarchy():
    for cls in (guifan.InvalidInputError, guifan.NotFoundError, guifan.AmbiguousError, guifan.ConflictError,
                guifan.StatusChangeError, guifan.IntegrityError, guifan.StoreError, guifan.SearchIndexError,
                guifan.ClosedError, guifan.DocumentError):
        assert issubclass(cls, guifan.GuifanError)
        assert cls.__module__ == "guifan"
        assert cls.__doc__
    assert issubclass(guifan.GuifanError, Exception)
    assert not issubclass(guifan.GuifanError, (ValueError, RuntimeError))


def test_a_bad_record_names_line_field_and_value_and_nothing_is_written(reg: guifan.Registry, tmp_path: Path):
    before = len(reg)
    bad = write_jsonl(tmp_path / "bad.jsonl", [
        document("new-1", "第一份新文件"),
        document("new-2", "第二份新文件", issued="2024-13-01"),
    ])
    with pytest.raises(guifan.InvalidInputError) as info:
        reg.import_jsonl(bad)
    e = info.value
    assert (e.line, e.field, e.value) == (2, "issued", "2024-13-01")
    assert "month" in e.reason
    assert str(e) == "invalid input: line 2: `issued` = `2024-13-01`: no such month"
    assert len(reg) == before
    with pytest.raises(guifan.NotFoundError):
        reg.get("new-1")


def test_a_bad_argument_is_invalid_input_without_a_line(reg: guifan.Registry):
    with pytest.raises(guifan.InvalidInputError) as info:
        reg.status_of(1, as_of="2024-02-30")
    assert (info.value.line, info.value.field, info.value.value) == (None, "as_of", "2024-02-30")
    with pytest.raises(guifan.InvalidInputError) as info:
        reg.decide("qj-2024", 1, "保留")
    assert info.value.field == "outcome"
    with pytest.raises(guifan.InvalidInputError) as info:
        reg.stats(by=["colour"])
    assert info.value.field == "by"
    with pytest.raises(guifan.InvalidInputError):
        reg.documents(status="有效的")
    with pytest.raises(guifan.InvalidInputError, match="timeout"):
        guifan.Registry.open(reg.path, timeout=-1)


def test_a_bad_akoma_ntoso_file_is_invalid_input_with_its_line(reg: guifan.Registry, tmp_path: Path):
    # Regression: the library's XML error reached Python as a bare GuifanError, while the
    # command line treats it as bad input.
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]>\n<a>&x;</a>\n', encoding="utf-8")
    before = len(reg)
    with pytest.raises(guifan.InvalidInputError) as info:
        reg.import_file(bad)
    assert info.value.field == "xml" and info.value.line == 2, str(info.value)
    assert "entit" in info.value.reason.lower() or "doctype" in info.value.reason.lower()
    assert len(reg) == before


def test_not_found(reg: guifan.Registry, tmp_path: Path):
    with pytest.raises(guifan.NotFoundError) as info:
        reg.get("潜政规〔2099〕1号")
    assert (info.value.what, info.value.reference) == ("document", "潜政规〔2099〕1号")
    assert str(info.value) == "document `潜政规〔2099〕1号` not found"
    with pytest.raises(guifan.NotFoundError) as info:
        reg.clearance_report("qj-1999")
    assert info.value.what == "campaign"
    with pytest.raises(guifan.NotFoundError) as info:
        guifan.Registry.open_existing(tmp_path / "nothing-here")
    assert info.value.what == "registry"
    with pytest.raises(guifan.NotFoundError):
        reg.text(1, version=9)


def test_ambiguous(reg: guifan.Registry, tmp_path: Path):
    reg.import_jsonl(write_jsonl(tmp_path / "twins.jsonl", [
        document("twin-1", "同名文件", "潜政规〔2024〕8号"),
        document("twin-2", "同名文件", "潜政规〔2024〕9号"),
    ]))
    with pytest.raises(guifan.AmbiguousError) as info:
        reg.get("同名文件")
    assert info.value.reference == "同名文件"
    assert len(info.value.candidates) == 2 and all("同名文件" in c for c in info.value.candidates)


def test_conflict(reg: guifan.Registry, tmp_path: Path):
    reg.open_campaign("qj-2025", "2025年清理")
    reg.decide("qj-2025", 1, "继续有效")
    with pytest.raises(guifan.ConflictError, match="already has a decision"):
        reg.decide("qj-2025", 1, "废止")
    with pytest.raises(guifan.ConflictError, match="already exists"):
        reg.open_campaign("qj-2025", "again")
    with pytest.raises(guifan.ConflictError, match="decisions are final"):
        reg.decide("qj-2024", 1, "废止")


def test_status_change_refused(reg: guifan.Registry):
    with pytest.raises(guifan.StatusChangeError, match="derived"):
        reg.change_status(1, "expired", "2025-01-01")
    with pytest.raises(guifan.StatusChangeError, match="already 有效"):
        reg.change_status(1, "有效", "2025-01-01")
    with pytest.raises(guifan.StatusChangeError, match="not yet in force"):
        reg.change_status(1, "废止", "2020-01-01")


def test_integrity(reg: guifan.Registry):
    # A work row without a version, written behind the registry's back.
    with sqlite3.connect(Path(reg.path) / "registry.sqlite") as db:
        db.execute("INSERT INTO works (work_key, created_seq) VALUES ('orphan', 999)")
    with pytest.raises(guifan.IntegrityError, match="has no version"):
        reg.get("orphan")


def test_store(tmp_path: Path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "registry.sqlite").write_bytes(b"this is not a database" * 100)
    # A damaged store is reported as such and left as it is (issue 9, finding 3).
    with pytest.raises(guifan.IntegrityError, match="not an SQLite database"):
        guifan.Registry.open(folder)


def test_search_index(reg: guifan.Registry):
    # The folder where the index belongs is taken by a file (the import made the index).
    path = Path(reg.path)
    reg.close()
    shutil.rmtree(path / "index")
    (path / "index").write_text("not an index")
    with guifan.Registry.open(path) as again, pytest.raises(guifan.SearchIndexError, match="not a folder"):
        again.search('"罚款"')


def test_closed(tmp_path: Path):
    reg = guifan.Registry.open(tmp_path / "r", create=True)
    tx = reg.transaction()
    reg.close()
    assert not tx.active
    for call in (lambda: reg.get(1), lambda: len(reg), lambda: reg.stats(), lambda: reg.transaction(),
                 lambda: reg.actor):
        with pytest.raises(guifan.ClosedError, match="closed"):
            call()
    with pytest.raises(guifan.ClosedError):
        tx.commit()


def test_io_errors_are_python_s_own(reg: guifan.Registry, tmp_path: Path):
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(FileNotFoundError) as info:
        reg.import_jsonl(missing)
    assert info.value.filename == str(missing)
    assert not isinstance(info.value, guifan.GuifanError)
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    with pytest.raises(NotADirectoryError):
        guifan.Registry.open(a_file / "registry", create=True)
    with pytest.raises(IsADirectoryError):
        reg.import_jsonl(tmp_path)


def test_permission_error(tmp_path: Path):
    if os.geteuid() == 0:
        target = Path("/sys/guifan-permission-test")  # sysfs refuses even root
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "registry"
    with pytest.raises(PermissionError) as info:
        guifan.Registry.open(target, create=True)
    assert info.value.filename == str(target)
