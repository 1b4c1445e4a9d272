"""`guifan search` end to end: on the fixtures everywhere, on the real corpus when present."""

from __future__ import annotations

import json
import random
import unicodedata

import pytest
from conftest import FIXTURES, SHARED, Cli


@pytest.fixture
def cli(cli: Cli) -> Cli:
    """These tests read the messages of the library and of the command line as English text:
    they run with `GUIFAN_LANG=en` (cli/tests and test_cli_i18n check the Chinese)."""
    return cli.english()

QIANJIANG = sorted((FIXTURES / "qianjiang-2024").glob("*.jsonl"))
CORPUS = SHARED / "corpus" / "laws.jsonl"


def norm(s: str) -> str:
    """The search form: NFKC per character, then lower case."""
    return "".join(unicodedata.normalize("NFKC", c) for c in s).lower()


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    cli.run("import", *map(str, QIANJIANG))
    return cli


def test_an_exact_phrase_finds_every_document_in_force_that_contains_it(seeded: Cli):
    r = seeded.run("search", '"行政裁量权基准"', "--json", "--as-of", "2025-01-01").json()
    assert r["total"] == 5
    for hit in r["hits"]:
        for key in ("key", "work", "version", "title", "doc_number", "status", "score", "snippet", "article"):
            assert key in hit, key
        assert hit["status"] == "valid"
        assert "<mark>行政裁量权基准</mark>" in hit["snippet"]
    assert r["facets"]["status"] == {"valid": 5}
    everything = seeded.run("search", '"行政裁量权基准"', "--status", "any", "--json").json()
    assert everything["total"] == 6
    assert everything["facets"]["status"] == {"valid": 5, "repealed": 1}
    repealed = seeded.run("search", '"罚款"', "--status", "废止,宣布失效", "--json").json()
    assert repealed["total"] > 0
    assert set(repealed["facets"]["status"]) <= {"repealed", "invalidated"}


def test_as_of_a_date_before_the_clearance(seeded: Cli):
    before = seeded.run("search", '"罚款"', "--as-of", "2024-07-01", "--json").json()
    after = seeded.run("search", '"罚款"', "--as-of", "2024-08-01", "--json").json()
    assert before["total"] > after["total"], "documents repealed by the clearance drop out"


def test_all_versions_and_limits(seeded: Cli):
    some = seeded.run("search", '"第十条之一"', "--all-versions", "--status", "any", "--json").json()
    assert all(h["version"] == 2 for h in some["hits"] if h["work"] == "qj-szg-2019-02")
    page = seeded.run("search", '"罚款"', "--status", "any", "--limit", "2", "--offset", "2", "--json").json()
    assert len(page["hits"]) == 2 and page["total"] == 12


def test_text_output_marks_matches_without_colour(seeded: Cli):
    out = seeded.chinese().run("search", "罚款 issuer:公安局").out
    assert out.startswith("共")
    assert "【罚款】" in out


def test_a_bad_query_names_the_column(seeded: Cli):
    r = seeded.run("search", '罚款 "行政', ok=False)
    assert r.code == 2
    assert "column 4" in r.err
    assert seeded.run("search", "罚款", "--status", "现行", ok=False).code == 2


def test_a_question_is_ranked_and_articles_are_hits(seeded: Cli):
    docs = seeded.run("search", "违法建设怎么处罚？", "--status", "any", "--json").json()
    assert docs["mode"] == "question" and docs["unit"] == "document"
    assert docs["total"] > 0 and docs["terms"]
    arts = seeded.run("search", "违法建设怎么处罚？", "--status", "any", "--unit", "article",
                      "--limit", "5", "--json").json()
    assert arts["unit"] == "article" and arts["hits"]
    assert all(h["article"] is None or h["article"].endswith(("条", "部分")) for h in arts["hits"])
    assert any(h["text"] for h in arts["hits"])
    text = seeded.chinese().run("search", "违法建设怎么处罚？", "--status", "any", "--unit", "article").out
    assert text.startswith("共") and "条（截至" in text.splitlines()[0]
    assert "检索词" in text
    keywords = seeded.run("search", "违法建设怎么处罚？", "--mode", "keywords", "--json").json()
    assert keywords["mode"] == "keywords"
    assert seeded.run("search", "罚款", "--unit", "paragraph", ok=False).code == 2
    assert seeded.run("search", "罚款", "--mode", "fuzzy", ok=False).code == 2


def test_reindex_rebuilds_the_same_answers(seeded: Cli, tmp_path):
    before = seeded.run("search", '"罚款"', "--status", "any", "--json").json()
    seeded.run("reindex")
    after = seeded.run("search", '"罚款"', "--status", "any", "--json").json()
    assert before == after


def test_the_index_is_rebuilt_when_its_folder_is_gone(seeded: Cli):
    import shutil

    shutil.rmtree(seeded.registry / "index")
    r = seeded.run("search", '"行政裁量权基准"', "--status", "any", "--json").json()
    assert r["total"] == 6


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_phrases_drawn_from_the_corpus_are_found_exactly(tmp_path):
    cli = Cli(tmp_path / "corpus-registry")
    cli.run("import", str(CORPUS))
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(r["key"], norm(r["title"]), norm(r["body"])) for r in records]
    rng = random.Random(20241231)
    checked = 0
    while checked < 60:
        _, _, body = rng.choice(texts)
        n = rng.randint(2, 8)
        if len(body) <= n:
            continue
        i = rng.randrange(len(body) - n)
        phrase = body[i : i + n]
        if not phrase.strip() or any(q in phrase for q in '"“”「」') or "\n" in phrase:
            continue
        truth = {k for k, t, b in texts if phrase in t or phrase in b}
        got = cli.run("search", f'"{phrase}"', "--status", "any", "--all-versions",
                      "--limit", "100000", "--json").json()
        keys = {h["key"] for h in got["hits"]}
        assert got["total"] == len(truth), phrase
        assert keys == truth, phrase
        checked += 1
