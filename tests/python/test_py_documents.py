"""Documents as they arrive (Word, web pages, PDF, plain text): `Registry.extract` and
`Registry.import_file` with field overrides, on `fixtures/intake`; the shared corpus when it
is beside the project."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import guifan
import pytest

ROOT = Path(__file__).resolve().parents[2]
INTAKE = ROOT / "fixtures" / "intake"
SHARED = ROOT.parent / "shared" / "corpus" / "laws.jsonl"
EXPECTED = json.loads((INTAKE / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def empty(tmp_path: Path):
    with guifan.Registry.open(tmp_path / "registry", create=True, actor="tester") as r:
        yield r


def expected(file: str) -> dict:
    return next(e for e in EXPECTED if e["file"] == file)


def test_extract_shows_the_fields_and_writes_nothing(empty: guifan.Registry):
    ex = empty.extract(INTAKE / "docx" / "01-banfa-standard.docx")
    assert isinstance(ex, guifan.Extraction)
    want = expected("docx/01-banfa-standard.docx")
    assert ex.format == "docx"
    assert ex.title == want["fields"]["title"]
    assert ex.doc_number == want["fields"]["doc_number"]
    assert ex.text == want["text"]
    signed = ex.fields["signed"]
    assert signed["value"] == "2024-05-20"
    assert signed["source"] == {"from": "lines", "first": 12, "last": 12}
    assert 0 < signed["confidence"] <= 1
    assert ex.classification == {"match": "new"}
    assert any("--kind" in w for w in ex.warnings)
    assert len(empty) == 0


def test_extract_takes_overrides(empty: guifan.Registry):
    ex = empty.extract(INTAKE / "txt" / "12-until-date-no-number.txt", doc_number="潜农规〔2024〕5号",
                       issued=datetime.date(2024, 4, 2), kind="行政规范性文件")
    assert ex.doc_number == "潜农规〔2024〕5号"
    assert ex.fields["doc_number"]["source"] == {"from": "override"}
    assert ex.fields["issued"]["value"] == "2024-04-02"
    assert ex.overrides["kind"] == "行政规范性文件"
    assert not any("--kind" in w for w in ex.warnings)


def test_import_file_registers_a_document_with_its_overrides(empty: guifan.Registry):
    report = empty.import_file(INTAKE / "html" / "05-attachment-table.html",
                               kind="行政规范性文件", status="有效", work="qj-scjg-2024-02")
    assert isinstance(report, guifan.ImportReport)
    assert report.documents == 1 and report.works_created == 1
    doc = report.document
    assert isinstance(doc, guifan.DocumentReport)
    assert doc.outcome == "registered"
    assert doc.original["format"] == "html"
    assert len(doc.original["sha256"]) == 64
    got = empty.get("潜市监规〔2024〕2号")
    assert empty.resolve("qj-scjg-2024-02") == got.id == doc.work
    assert got.kind == "行政规范性文件"
    assert empty.status_of(got.id, as_of="2024-12-31") == guifan.Status.VALID
    want = expected("html/05-attachment-table.html")["fields"]
    assert got.title == want["title"]
    # The registry folder keeps the original file under its hash.
    kept = empty.path / "files" / doc.original["sha256"][:2] / doc.original["sha256"][2:]
    assert kept.read_bytes() == (INTAKE / "html" / "05-attachment-table.html").read_bytes()
    assert empty.check()["ok"]


def test_the_same_document_again_is_reported_and_not_stored(empty: guifan.Registry):
    empty.import_file(INTAKE / "txt" / "01-banfa-standard.txt", kind="行政规范性文件")
    again = empty.import_file(INTAKE / "pdf" / "01-banfa-standard.pdf")
    assert again.documents == 0
    assert again.document.outcome == "duplicate"
    assert again.document.by == "doc_number"
    assert len(empty) == 1
    assert empty.extract(INTAKE / "txt" / "01-banfa-standard.txt").classification["match"] == "duplicate"


def test_a_revision_is_a_version_only_when_asked(empty: guifan.Registry, tmp_path: Path):
    empty.import_file(INTAKE / "txt" / "01-banfa-standard.txt", kind="行政规范性文件")
    text = (INTAKE / "txt" / "01-banfa-standard.txt").read_text(encoding="utf-8")
    revised = tmp_path / "revised.txt"
    revised.write_text(text.replace("潜政规〔2024〕3号", "潜政规〔2025〕7号")
                       .replace("管理办法的通知", "管理办法的通知（2025年修订）")
                       .replace("15日内", "10日内"), encoding="utf-8")
    offered = empty.import_file(revised)
    assert offered.document.outcome == "probable_version"
    assert offered.document.by == "title"
    assert offered.documents == 0
    stored = empty.import_file(revised, revision="as_version")
    assert stored.document.outcome == "new_version"
    assert stored.document.seq == 2
    assert len(empty.get(stored.document.work).versions) == 2
    with pytest.raises(guifan.InvalidInputError) as info:
        empty.import_file(revised, revision="merge")
    assert info.value.field == "revision"


def test_a_sidecar_gives_what_the_document_cannot(empty: guifan.Registry, tmp_path: Path):
    folder = tmp_path / "documents"
    folder.mkdir()
    shutil.copy(INTAKE / "txt" / "03-no-hongtou-guiding.txt", folder / "guiding.txt")
    (folder / "guiding.txt.json").write_text(
        json.dumps({"kind": "行政规范性文件", "work": "qj-cg-guiding"}, ensure_ascii=False), encoding="utf-8")
    report = empty.import_file(folder)
    assert report.documents == 1
    assert empty.get("qj-cg-guiding").kind == "行政规范性文件"


def test_bad_documents_raise_document_error_naming_the_file(empty: guifan.Registry):
    for name, kind in [("scan.pdf", "unsupported"), ("old-word.doc", "unsupported"),
                       ("bomb.docx", "limit"), ("password.docx", "encrypted"), ("truncated.docx", "corrupt")]:
        with pytest.raises(guifan.DocumentError) as info:
            empty.import_file(INTAKE / "bad" / name)
        assert info.value.file.endswith(name), name
        assert info.value.kind == kind, name
        assert name in str(info.value)
        with pytest.raises(guifan.DocumentError):
            empty.extract(INTAKE / "bad" / name)
    assert len(empty) == 0
    assert not (empty.path / "files").exists()


def test_bad_overrides_name_the_field_and_the_file(empty: guifan.Registry, tmp_path: Path):
    path = INTAKE / "txt" / "02-sifaju-tongzhi-chinese-date.txt"
    with pytest.raises(guifan.InvalidInputError) as info:
        empty.import_file(path, effective="2024-13-01")
    assert info.value.field == "effective"
    assert "02-sifaju-tongzhi-chinese-date.txt" in str(info.value)
    with pytest.raises(TypeError, match="kindd"):
        empty.import_file(path, kindd="行政规范性文件")
    untitled = tmp_path / "untitled.txt"
    untitled.write_text("第一条　本规定自发布之日起施行。\n", encoding="utf-8")
    with pytest.raises(guifan.InvalidInputError) as info:
        empty.import_file(untitled)
    assert info.value.field == "title"
    assert "untitled.txt" in str(info.value)
    assert len(empty) == 0


def test_an_import_inside_a_transaction_rolls_back_with_it(empty: guifan.Registry):
    with pytest.raises(RuntimeError), empty.transaction() as tx:
        tx.import_file(INTAKE / "docx" / "09-zanxing-chinese-numerals.docx", kind="行政规范性文件")
        raise RuntimeError("abandon")
    assert len(empty) == 0


@pytest.mark.skipif(not SHARED.is_file(), reason="reads ../shared")
def test_corpus_texts_import_as_plain_text_documents(empty: guifan.Registry, tmp_path: Path):
    written = []
    with SHARED.open(encoding="utf-8") as corpus:
        for line in corpus:
            r = json.loads(line)
            if not r.get("body") or any(t == r["title"] for t, _ in written):
                continue
            path = tmp_path / f"{len(written):03}.txt"
            path.write_text(f"{r['title']}\n{r['body']}", encoding="utf-8")
            written.append((r["title"], path))
            if len(written) == 40:
                break
    for _, path in written:
        report = empty.import_file(path, kind="法律")
        assert report.document.outcome == "registered", path
        # The text stored is the file's, without its last line end.
        assert empty.text(report.document.work) == path.read_text(encoding="utf-8").removesuffix("\n")
    assert len(empty) == len(written)
