"""The bundled fixtures reproduce the 2024 figures of the justice bureau's report
(fixtures/qianjiang-2024, seed: ../shared/seed/000_972f77461c46c029.txt):

  共清理出19件市政府行政规范性文件，其中继续有效的15件，待修订的1件，废止和宣布失效的3件；
  组织各地各部门清理出59件行政规范性文件，其中继续有效的20件，废止或宣布失效的39件。
  共对4件市政府行政规范性文件、1件重大行政决策事项、15件项目合同进行合法性审查。
  向省政府、市人大常委会报备行政规范性文件1件，对10件各地各部门行政规范性文件进行备案审查。
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, Cli

QIANJIANG = sorted((FIXTURES / "qianjiang-2024").glob("*.jsonl"))


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    assert len(QIANJIANG) == 5
    cli.run("import", *map(str, QIANJIANG))
    return cli


def test_the_city_government_clearance(seeded: Cli):
    r = seeded.run("stats", "--campaign", "qj-2024", "--json").json()
    assert r["total"] == 19
    assert r["outcomes"]["valid"] == 15
    assert r["outcomes"]["pending_revision"] == 1
    assert r["outcomes"]["repealed"] + r["outcomes"]["invalidated"] == 3
    assert r["repealed_or_invalidated"] == 3
    text = seeded.run("stats", "--campaign", "qj-2024").out
    assert "共清理出19件市政府行政规范性文件，其中继续有效15件，待修订1件，废止和宣布失效3件" in text


def test_the_departments_clearance(seeded: Cli):
    r = seeded.run("stats", "--campaign", "qj-2024-depts", "--json").json()
    assert r["total"] == 59
    assert r["outcomes"]["valid"] == 20
    assert r["outcomes"]["pending_revision"] == 0
    assert r["repealed_or_invalidated"] == 39


def test_the_legality_and_filing_reviews_of_2024(seeded: Cli):
    rows = seeded.run("stats", "--reviews", "--year", "2024", "--json").json()["rows"]
    legality = {r["document_kind"]: r["documents"] for r in rows if r["kind"] == "legality"}
    assert legality == {"行政规范性文件": 4, "重大行政决策": 1, "合同": 15}
    filing_reviews = sum(r["documents"] for r in rows if r["kind"] == "filing_review")
    assert filing_reviews == 10


def test_the_filings(seeded: Cli):
    t = seeded.run("stats", "--filings", "--json").json()
    assert {k: t[k] for k in ("total", "on_time", "late", "pending")} == {
        "total": 12, "on_time": 10, "late": 2, "pending": 0}
    # One city government document filed with the province and the city's People's Congress.
    assert t["by_body"]["湖北省人民政府"] == 1
    assert t["by_body"]["潜江市人民代表大会常务委员会"] == 1
    assert t["by_body"]["潜江市人民政府"] == 10


def test_statuses_after_the_clearance(seeded: Cli):
    rows = seeded.run("stats", "--by", "status", "--kind", "行政规范性文件", "--as-of", "2024-12-31",
                      "--json").json()["rows"]
    counts = {r["status"]: r["count"] for r in rows}
    assert counts == {"valid": 49, "pending_revision": 1, "repealed": 30, "invalidated": 13}
    before = seeded.run("stats", "--by", "status", "--kind", "行政规范性文件", "--as-of", "2024-07-09",
                        "--json").json()["rows"]
    assert {r["status"]: r["count"] for r in before}.get("invalidated", 0) == 0


def test_expiring_documents_are_due_for_evaluation(seeded: Cli):
    soon = seeded.run("stats", "--expiring", "180", "--as-of", "2024-12-31", "--json").json()
    assert [d["expires"] for d in soon["documents"]] == ["2025-01-19", "2025-04-07", "2025-06-04"]


def test_the_demo_prints_the_report_s_figures(cli: Cli):
    out = cli.run("demo").out
    assert "共清理出19件市政府行政规范性文件，其中继续有效15件，待修订1件，废止和宣布失效3件" in out
    assert "共清理出59件各地各部门行政规范性文件，其中继续有效20件，废止和宣布失效39件" in out
    assert "共对4件行政规范性文件、1件重大行政决策、15件合同进行合法性审核" in out
    assert "对10件行政规范性文件进行备案审查" in out
    assert "完整" in out
