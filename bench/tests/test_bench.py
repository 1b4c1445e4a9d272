"""Harness correctness: truth, engines agree with it exactly, corpus builds are deterministic,
and an external command plugs in through the JSON protocol. Nothing here is timed."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guifan_bench import corpus, protocol, queries, report
from guifan_bench.text import ALWAYS, OPEN, STATUS_DATE, as_of_match, next_starts, norm

SEARCH = Path(__file__).resolve().parent.parent / "search.py"
FAKE = Path(__file__).resolve().parent / "fake_engine.py"


def test_norm_folds_width_and_case():
    assert norm("ＡＢＣ公司（一）") == "abc公司(一)"


def test_as_of_rule():
    assert as_of_match("有效", 20000101, OPEN, 20000101)
    assert as_of_match("已修改", 19990101, 20050101, 20000101)
    assert not as_of_match("已修改", 19990101, 20000101, 20000101), "the next version took over"
    assert not as_of_match("有效", 20000102, OPEN, 20000101)
    assert not as_of_match("已废止", 19990101, OPEN, 20000101)
    assert as_of_match("有效", None, OPEN, 20000101), "no start date: in force since always"
    assert not as_of_match("已修改", 19990101, ALWAYS, 20000101)


def test_next_starts_follow_the_versions_of_a_work():
    recs = [
        {"key": "a2", "work": "a", "version": 2, "effective": "2010-01-01"},
        {"key": "a1", "work": "a", "version": 1, "issued": "2001-05-01"},
        {"key": "a3", "work": "a", "version": 3, "effective": "2020-07-01"},
        {"key": "b", "work": "b", "version": 1},
    ]
    assert next_starts(recs) == {"a1": 20100101, "a2": 20200701, "a3": OPEN, "b": OPEN}


def test_truth_is_substring_of_title_or_body(tiny_corpus):
    c = queries.load(tiny_corpus)
    keys = queries.truth(c, {"terms": ["abc公司"]})
    assert keys and all("ABC" not in k for k in keys)
    assert queries.truth(c, {"terms": ["测试条例1"]}) == [k for k in c.keys if k.startswith("T/1")]
    assert queries.truth(c, {"terms": ["条例", "罚款"], "status": "有效"}) == [
        c.keys[i] for i in range(len(c.keys))
        if as_of_match(c.statuses[i], c.starts[i], c.next_starts[i], STATUS_DATE)
        and "罚款" in c.bodies[i]]
    # The second versions took over from the first ones.
    superseded = [k for k, n in zip(c.keys, c.next_starts) if n != OPEN]
    assert superseded and not set(superseded) & set(queries.truth(c, {"terms": ["条例"], "status": "有效"}))


def test_replicate_is_deterministic(tiny_corpus, tmp_path):
    a = corpus.replicate(tiny_corpus, tmp_path / "a.jsonl", 200, seed=3)
    b = corpus.replicate(tiny_corpus, tmp_path / "b.jsonl", 200, seed=3)
    assert a.read_bytes() == b.read_bytes()
    recs = list(corpus.iter_records(a))
    assert len({r["key"] for r in recs}) == 200
    assert recs[:60] == list(corpus.iter_records(tiny_corpus))
    assert recs[60]["body"] != recs[0]["body"]


@pytest.fixture(scope="module")
def generated(tiny_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("q")
    qpath, tpath = queries.generate(tiny_corpus, out, seed=1)
    return qpath, json.loads(tpath.read_text(encoding="utf-8"))


@pytest.mark.parametrize("engine", ["scan", "fts5", "tantivy_py", "guifan_py"])
def test_engine_matches_truth(engine, tiny_corpus, generated, tmp_path):
    qpath, _ = generated
    extra = [{"id": "x-1", "kind": "single", "terms": ["罚"]},
             {"id": "x-2", "kind": "common2", "terms": ["罚款"]},
             {"id": "x-3", "kind": "phrase", "terms": ["行政裁量权基准"]},
             {"id": "x-4", "kind": "phrase", "terms": ["施行。第"]},  # crosses an article break
             {"id": "x-5", "kind": "and_status", "terms": ["行政复议", "罚款"], "status": "有效"},
             {"id": "x-6", "kind": "as_of", "terms": ["人民政府"], "as_of": 20050101},
             {"id": "x-7", "kind": "snippets10", "terms": ["行政处罚"], "snippets": True}]
    doc = json.loads(qpath.read_text(encoding="utf-8"))
    doc["queries"] += [{"status": None, "as_of": None, "snippets": False, **q} for q in extra]
    q2 = tmp_path / "queries.json"
    q2.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    c = queries.load(tiny_corpus)
    result = protocol.run(engine, str(tiny_corpus), str(q2), str(tmp_path / "w"), runs=2)
    assert result["ingest_bytes"] > 0
    for q, r in zip(doc["queries"], result["queries"]):
        assert sorted(r["keys"]) == sorted(queries.truth(c, q)), (engine, q)
        assert len(r["latencies_ms"]) == 2
        assert set(r["top_keys"]) <= set(r["keys"])
        if q.get("snippets"):
            assert len(r["snippets"]) == min(10, len(r["keys"]))
            assert all("<b>" in s for s in r["snippets"])


def test_external_engine_command(tiny_corpus, tmp_path):
    cmd = f"fake={sys.executable} {FAKE} {{corpus}} {{queries}} {{workdir}}"
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, str(SEARCH), "run", "--quick", "--corpus", str(tiny_corpus),
                        "--engines", "scan", "--engine-cmd", cmd, "--out", str(out),
                        "--runs", "2"], capture_output=True, text=True, check=True)
    md = p.stdout
    assert "| fake |" in md and "| scan |" in md
    saved = json.loads((out / "tiny-quick2000" / "results" / "fake.json").read_text("utf-8"))
    assert saved["engine"] == "fake" and saved["peak_rss_kb"] > 0
    # The fake engine scans exactly as the truth does: every query answered exactly.
    cdir = out / "tiny-quick2000"
    qs = json.loads((cdir / "queries.json").read_text("utf-8"))["queries"]
    truth = json.loads((cdir / "truth.json").read_text("utf-8"))
    assert qs
    for kind, s in report.score(saved, qs, truth).items():
        assert s["exact"] == s["queries"], kind


def test_fixed_cost_targets_hold_for_rare_and_common_phrases_only():
    """Phrases with no hit are reported beside FTS5 without a target; rare and common ones
    are held to a p99 of at most a quarter of FTS5's."""
    def engine(ms: float) -> dict:
        return {"ingest_seconds": 1.0, "ingest_bytes": 1, "index_bytes": 1,
                "queries": [{"id": f"{kind}-1", "kind": kind, "latencies_ms": [ms] * 5}
                            for kind in report.FIXED_COST_KINDS]}

    results = {"guifan": engine(0.5), "fts5": engine(1.0)}
    scores = {e: {} for e in results}
    rows = [r for r in report.targets(results, scores) if r.startswith("| snip_")]
    by_kind = {r.split(":")[0].strip("| "): r for r in rows}
    assert set(by_kind) == set(report.FIXED_COST_KINDS)
    assert by_kind["snip_rare"].endswith("| 0.50× | ≤ 0.25× | not met |")
    assert by_kind["snip_common"].endswith("| 0.50× | ≤ 0.25× | not met |")
    assert by_kind["snip_absent"].endswith("| 0.50× | – | |")
