"""`Registry.search`: phrases, scope, facets, snippets, errors, threads."""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

import guifan
import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "qianjiang-2024"


@pytest.fixture(scope="module")
def qj(tmp_path_factory: pytest.TempPathFactory):
    with guifan.Registry.open(tmp_path_factory.mktemp("qj") / "registry", create=True) as r:
        for f in sorted(FIXTURES.glob("*.jsonl")):
            r.import_jsonl(f)
        yield r


def test_an_exact_phrase_in_force(qj: guifan.Registry):
    hits = qj.search('"行政裁量权基准"', as_of="2025-01-01")
    assert hits.total == 5
    assert len(hits) == 5
    assert all(h.status is guifan.Status.VALID for h in hits)
    assert all(h.snippet and "<mark>行政裁量权基准</mark>" in h.snippet for h in hits)
    assert hits.facets["status"] == {"valid": 5}
    assert hits.as_of == datetime.date(2025, 1, 1)
    assert hits[0].article is not None and hits[0].article.endswith("条")
    assert hits[-1] is hits.hits[-1]


def test_scope_options(qj: guifan.Registry):
    every = qj.search('"行政裁量权基准"', status="any", as_of=datetime.date(2025, 1, 1))
    assert every.total == 6
    assert every.facets["status"] == {"valid": 5, "repealed": 1}
    repealed = qj.search('"罚款"', status=["废止", "invalidated"], limit=100)
    assert repealed.total > 0
    assert {h.status for h in repealed} <= {guifan.Status.REPEALED, guifan.Status.INVALIDATED}
    versions = qj.search('"第十条之一"', status="any", all_versions=True)
    assert all(h.version == 2 for h in versions if h.work == "qj-szg-2019-02")
    page = qj.search('"罚款"', status="any", limit=2, offset=2, snippets=False)
    assert len(page) == 2 and page.total == 12
    assert all(h.snippet is None for h in page)
    by_issuer = qj.search("罚款", issuer="公安局", status="any")
    assert by_issuer.total >= 1 and all("公安局" in h.issuer for h in by_issuer)


def test_repr(qj: guifan.Registry):
    r = qj.search('"行政裁量权基准"', limit=1)
    assert repr(r).startswith("SearchResults(total=")
    assert repr(r[0]).startswith("Hit(id=")
    assert "status='valid'" in repr(r[0])


def test_bad_queries_raise_invalid_input(qj: guifan.Registry):
    with pytest.raises(guifan.InvalidInputError) as e:
        qj.search('罚款 "行政')
    assert e.value.field == "query"
    assert "column 4" in str(e.value)
    with pytest.raises(guifan.InvalidInputError):
        qj.search("罚款", status="现行")
    with pytest.raises(IndexError):
        qj.search('"行政裁量权基准"')[99]


def test_search_from_threads(qj: guifan.Registry):
    expected = qj.search('"罚款"', status="any", limit=100).total
    totals: list[int] = []

    def work() -> None:
        for _ in range(5):
            totals.append(qj.search('"罚款"', status="any", limit=100).total)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert totals == [expected] * 20


def test_new_documents_are_found_after_import(tmp_path: Path):
    with guifan.Registry.open(tmp_path / "r", create=True) as r:
        (tmp_path / "a.jsonl").write_text(
            '{"key":"a","title":"养犬管理规定","status":"有效","body":"养犬应当登记。"}\n', encoding="utf-8"
        )
        r.import_jsonl(tmp_path / "a.jsonl")
        assert r.search('"养犬"').total == 1
        (tmp_path / "b.jsonl").write_text(
            '{"key":"b","title":"养犬补充规定","status":"有效","body":"养犬。"}\n', encoding="utf-8"
        )
        r.import_jsonl(tmp_path / "b.jsonl")
        assert r.search('"养犬"').total == 2


def test_a_question_is_ranked_and_articles_are_hits(qj: guifan.Registry):
    docs = qj.search("违法建设怎么处罚？", status="any", limit=3)
    assert docs.mode == "question" and docs.unit == "document"
    assert docs.total > 0 and docs.terms
    assert all({"text", "weight"} <= set(t) for t in docs.terms)
    arts = qj.search("违法建设怎么处罚？", status="any", limit=5, unit="article")
    assert arts.unit == "article" and len(arts) > 0
    assert all(h.article is None or h.article.endswith(("条", "部分")) for h in arts)
    assert any(h.text for h in arts)
    assert all(isinstance(h.path, list) for h in arts)


def test_the_mode_overrides_the_rule(qj: guifan.Registry):
    assert qj.search('"行政裁量权基准"').mode == "keywords"
    assert qj.search('"行政裁量权基准"', mode="question").mode == "question"
    assert qj.search("罚款怎么计算", mode="keywords").mode == "keywords"
    with pytest.raises(guifan.InvalidInputError):
        qj.search("罚款", unit="paragraph")
    with pytest.raises(guifan.InvalidInputError):
        qj.search("罚款", mode="fuzzy")
