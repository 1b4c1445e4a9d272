"""What the command line does that Python does too: Akoma Ntoso export and import, `link`, an
article as of a date (also in a document numbered 一、二、), `documents_table(status="any")`.
The answers' shapes are compared with the command line's `--json` in `tests/test_parity.py`."""

from __future__ import annotations

from pathlib import Path

import guifan
import pytest

from .data import FIXTURES, ROOT

AKN = ROOT / "fixtures" / "akn"
AMENDED = "qj-szg-2019-02"  # two versions: 2019 原文, 2023 修正
PARTS = "潜政规〔2024〕3号"  # numbered 一、二、三、四、, no 第X条


@pytest.fixture(scope="module")
def qj(tmp_path_factory: pytest.TempPathFactory):
    """The Qianjiang fixtures, imported once for the module (read-only tests)."""
    folder = tmp_path_factory.mktemp("qj") / "registry"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GUIFAN_TODAY", "2024-12-31")
        with guifan.Registry.open(folder, create=True) as reg:
            reg.import_file(FIXTURES)
            yield reg


def test_export_akn_writes_a_version_as_akoma_ntoso(qj: guifan.Registry, tmp_path: Path):
    newest = qj.export_akn(AMENDED)
    assert newest is not None and newest.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<FRBRversionNumber value="2"/>' in newest
    first = qj.export_akn(AMENDED, version=1)
    assert first is not None and '<FRBRversionNumber value="1"/>' in first
    assert qj.export_akn(AMENDED, as_of="2020-01-01") == first
    path = tmp_path / "v1.akn"
    assert qj.export_akn(AMENDED, path, version=1) is None
    assert path.read_text(encoding="utf-8") == first


def test_export_akn_refuses_what_the_command_line_refuses(qj: guifan.Registry):
    with pytest.raises(guifan.InvalidInputError, match="not both"):
        qj.export_akn(AMENDED, version=1, as_of="2020-01-01")
    with pytest.raises(guifan.NotFoundError):
        qj.export_akn(AMENDED, version=9)
    with pytest.raises(guifan.NotFoundError):
        qj.export_akn("不存在的文件")
    with pytest.raises(TypeError):
        qj.export_akn(AMENDED, version="1")  # type: ignore[arg-type]


def test_an_exported_document_imports_elsewhere_as_the_same_document(qj: guifan.Registry, tmp_path: Path):
    files = []
    for v, suffix in ((1, ".akn"), (2, ".xml")):
        path = tmp_path / f"v{v}{suffix}"
        qj.export_akn(AMENDED, path, version=v)
        files.append(path)
    with guifan.Registry.open(tmp_path / "other", create=True) as other:
        for path in files:
            assert other.import_file(path).documents == 1
        a, b = qj.get(AMENDED), other.get(AMENDED)
        for field in ("title", "kind", "issuer", "doc_number", "status"):
            assert getattr(a, field) == getattr(b, field), field
        assert [v.content_hash for v in a.versions] == [v.content_hash for v in b.versions]
        assert other.article(AMENDED, 12, as_of="2020-01-01") == qj.article(AMENDED, 12, as_of="2020-01-01")
        # The same file twice is a conflict, and nothing of it is written.
        with pytest.raises(guifan.ConflictError):
            other.import_file(files[0])


def test_akoma_ntoso_fixtures_import_and_hostile_ones_are_refused(tmp_path: Path):
    with guifan.Registry.open(tmp_path / "r", create=True) as reg:
        report = reg.import_file(AKN / "cn-greening-prefixed.xml")
        assert report.documents == 1
        assert reg.get("潜政规〔2020〕8号").title == "潜江市城市绿化管理办法"
        for bad in ("bad-entities.xml", "bad-not-akn.xml", "bad-duplicate-eid.xml"):
            with pytest.raises(guifan.InvalidInputError):
                reg.import_file(AKN / bad)
        assert len(reg) == 1


def test_a_transaction_imports_akoma_ntoso_or_nothing(qj: guifan.Registry, tmp_path: Path):
    path = tmp_path / "v2.akn"
    qj.export_akn(AMENDED, path)
    with guifan.Registry.open(tmp_path / "other", create=True) as other:
        with pytest.raises(RuntimeError), other.transaction() as tx:
            tx.import_file(path)
            xml = tx.export_akn(AMENDED)
            assert xml is not None and '<FRBRversionNumber value="2"/>' in xml
            raise RuntimeError("abandon")
        assert len(other) == 0


def test_article_as_of_a_date_and_in_a_document_numbered_by_parts(qj: guifan.Registry):
    old = qj.article(AMENDED, "第五条", as_of="2020-01-01")
    assert old is not None and old["version"] == 1 and old["label"] == "第五条"
    assert qj.article(AMENDED, 5, as_of="2020-01-01") == old
    two = qj.article(PARTS, "二")
    assert two is not None
    assert (two["number"], two["label"], two["eid"]) == (2, "第二部分", "dvs_2")
    assert two["text"].startswith("二、重点任务\n（一）")
    for other in (2, "二、", "第二部分", "第二条"):
        assert qj.article(PARTS, other) == two, other
    assert qj.article(PARTS, "五") is None
    with pytest.raises(guifan.InvalidInputError):
        qj.article(PARTS, "第二款")


def test_link_rescans_and_reports_as_the_command_line_does(tmp_path: Path):
    with guifan.Registry.open(tmp_path / "r", create=True) as reg:
        reg.import_file(ROOT / "fixtures" / "links")
        before = sorted((r.kind, r.other) for r in reg.get("lk-banfa").relations)
        report = reg.link()
        assert set(report) >= {"versions", "citations", "relations", "resolved", "ambiguous", "unresolved"}
        assert report["resolved"] + report["ambiguous"] + report["unresolved"] == report["relations"]
        assert sorted((r.kind, r.other) for r in reg.get("lk-banfa").relations) == before
        assert reg.link("lk-xize")["versions"] == 1
        with reg.transaction() as tx:
            assert tx.link("lk-banfa")["versions"] >= 1
        with pytest.raises(guifan.NotFoundError):
            reg.link("不存在的文件")


def test_documents_table_takes_any_status(qj: guifan.Registry):
    every = qj.documents_table(status="any")
    assert len(every) == len(list(qj.documents(status="any"))) == len(qj)
    assert len(qj.documents_table(status=["any"])) == len(every)
    assert len(qj.documents_table(status="valid")) < len(every)
