"""The clearance, filing and review workflow through the command line, and the JSON shapes
scripts rely on."""

from __future__ import annotations

import pytest
from conftest import Cli, write_jsonl


@pytest.fixture
def cli(cli: Cli) -> Cli:
    """These tests read the messages of the library and of the command line as English text:
    they run with `GUIFAN_LANG=en` (cli/tests and test_cli_i18n check the Chinese)."""
    return cli.english()

DOCS = [
    {
        "key": "a-v1", "work": "a", "version": 1, "title": "潜江市行政执法投诉举报办法",
        "kind": "行政规范性文件", "issuer": "潜江市人民政府", "doc_number": "潜政规〔2019〕2号",
        "issued": "2019-04-01", "effective": "2019-05-01", "status": "已修改", "body": "第一条 旧文。",
    },
    {
        "key": "a-v2", "work": "a", "version": 2, "title": "潜江市行政执法投诉举报办法",
        "kind": "行政规范性文件", "issuer": "潜江市人民政府", "doc_number": "潜政规〔2024〕3号",
        "issued": "2024-05-29", "effective": "2024-07-01", "expires": "2029-06-30", "status": "有效",
        "history": [{"date": "2024-05-29", "event": "修订"}], "body": "第一条 新文。",
    },
    {
        "key": "b", "title": "潜江市城区养犬管理规定", "kind": "行政规范性文件", "issuer": "潜江市人民政府",
        "doc_number": "潜政发〔2015〕9号", "issued": "2015-06-01", "status": "有效", "body": "第一条 养犬。",
    },
    {
        "key": "c", "title": "潜江市市场监督管理局行政处罚裁量权基准", "kind": "行政规范性文件",
        "issuer": "潜江市市场监督管理局", "doc_number": "潜市监规〔2024〕1号", "issued": "2024-03-01",
        "status": "有效", "body": "第一条 裁量。",
    },
]


def test_the_clearance_workflow_end_to_end(cli: Cli, tmp_path):
    cli.run("import", str(write_jsonl(tmp_path / "docs.jsonl", DOCS)))
    cli.run("campaign", "qj-2024", "--name", "2024年清理", "--scope", "市政府", "--opened", "2024-05-29")
    cli.run("decide", "--campaign", "qj-2024", "潜政规[2024]3号", "待修订", "--reason", "上位法修改")
    cli.run("decide", "--campaign", "qj-2024", "b", "废止")
    cli.run("decide", "--campaign", "qj-2024", "c", "继续有效")
    second = cli.run("decide", "--campaign", "qj-2024", "b", "宣布失效", ok=False)
    assert second.code == 2
    assert "already has a decision" in second.err

    report = cli.run("stats", "--campaign", "qj-2024", "--json").json()
    assert report["campaign"] == "qj-2024"
    assert report["total"] == 3
    assert report["outcomes"] == {"valid": 1, "pending_revision": 1, "repealed": 1, "invalidated": 0}
    assert report["announced"] is None

    before = cli.run("show", "b", "--json", "--as-of", "2024-08-01").json()
    assert before["status"] == "valid", "decisions change nothing until announced"
    cli.run("announce", "qj-2024", "--date", "2024-07-10")
    after = cli.run("show", "b", "--json", "--as-of", "2024-08-01").json()
    assert after["status"] == "repealed"
    assert cli.run("show", "b", "--json", "--as-of", "2024-07-09").json()["status"] == "valid"
    late = cli.run("decide", "--campaign", "qj-2024", "a", "废止", ok=False)
    assert late.code == 2 and "announced" in late.err

    rows = cli.run("stats", "--by", "status", "--as-of", "2024-08-01", "--json").json()["rows"]
    assert sorted((r["status"], r["count"]) for r in rows) == [
        ("pending_revision", 1), ("repealed", 1), ("valid", 1)]
    text = cli.chinese().run("stats", "--campaign", "qj-2024").out
    assert "共清理出3件市政府行政规范性文件，其中继续有效1件，待修订1件，废止和宣布失效1件" in text


def test_filings_reviews_and_the_show_shape(cli: Cli, tmp_path):
    cli.run("import", str(write_jsonl(tmp_path / "docs.jsonl", DOCS)))
    cli.run("file", "a", "--with", "湖北省人民政府", "--submitted", "2024-06-20", "--outcome", "备案登记")
    cli.run("file", "a", "--with", "潜江市人民代表大会常务委员会", "--submitted", "2024-07-10")
    cli.run("file", "c", "--with", "潜江市人民政府", "--deadline-days", "15")
    cli.run("review", "a", "--kind", "合法性审核", "--reviewer", "潜江市司法局",
            "--date", "2024-05-10", "--conclusion", "合法")
    timeliness = cli.run("stats", "--filings", "--json").json()
    assert {k: timeliness[k] for k in ("total", "on_time", "late", "pending")} == {
        "total": 3, "on_time": 1, "late": 1, "pending": 1}
    assert timeliness["overdue"] == 1

    doc = cli.run("show", "潜政规（2024）3号", "--json").json()
    for key in ("id", "key", "title", "kind", "issuer", "doc_number", "status",
                "versions", "history", "filings", "reviews"):
        assert key in doc, key
    assert doc["key"] == "a-v2"
    assert doc["doc_number"] == "潜政规〔2024〕3号"
    assert doc["status"] == "valid"
    assert [v["state"] for v in doc["versions"]] == ["superseded", "in_force"]
    assert [f["timeliness"] for f in doc["filings"]] == ["on_time", "late"]
    assert doc["reviews"][0]["kind"] == "legality"

    reviews = cli.run("stats", "--reviews", "--year", "2024", "--json").json()["rows"]
    assert reviews == [{"kind": "legality", "document_kind": "行政规范性文件", "reviews": 1, "documents": 1}]


def test_status_changes_and_expiry(cli: Cli, tmp_path):
    cli.run("import", str(write_jsonl(tmp_path / "docs.jsonl", DOCS)))
    cli.run("status", "b", "宣布失效", "--date", "2020-01-01", "--reason", "上位法废止")
    assert cli.run("show", "b", "--json", "--as-of", "2019-12-31").json()["status"] == "valid"
    assert cli.run("show", "b", "--json", "--as-of", "2020-01-01").json()["status"] == "invalidated"
    again = cli.run("status", "b", "宣布失效", "--date", "2021-01-01", ok=False)
    assert again.code == 2
    derived = cli.run("status", "b", "尚未生效", "--date", "2021-01-01", ok=False)
    assert derived.code == 2

    soon = cli.run("stats", "--expiring", "365", "--as-of", "2028-07-01", "--json").json()
    assert [d["title"] for d in soon["documents"]] == ["潜江市行政执法投诉举报办法"]
    assert soon["documents"][0]["evaluation_due"] == "2028-12-30"
    assert cli.run("show", "a", "--json", "--as-of", "2029-07-01").json()["status"] == "expired"


def test_export_then_import_gives_the_same_registry(cli: Cli, tmp_path):
    cli.run("import", str(write_jsonl(tmp_path / "docs.jsonl", DOCS)))
    cli.run("campaign", "k", "--name", "清理")
    cli.run("decide", "--campaign", "k", "b", "废止")
    cli.run("announce", "k", "--date", "2024-07-10")
    cli.run("file", "c", "--with", "潜江市人民政府", "--submitted", "2024-03-10")
    cli.run("relate", "c", "依据", "a")
    cli.run("status", "a", "待修订", "--date", "2025-01-01")
    exported = cli.export()
    (tmp_path / "all.jsonl").write_text(exported, encoding="utf-8")
    other = Cli(tmp_path / "other")
    other.run("import", str(tmp_path / "all.jsonl"))
    assert other.export() == exported
    other.run("check")


def test_one_document_exports_alone(cli: Cli, tmp_path):
    cli.run("import", str(write_jsonl(tmp_path / "docs.jsonl", DOCS)))
    one = cli.run("export", "a", "--format", "json").out.splitlines()
    assert len(one) == 2
    assert all('"work":"a"' in line for line in one)


def test_check_reports_a_sound_registry(cli: Cli, tmp_path):
    cli.run("import", str(write_jsonl(tmp_path / "docs.jsonl", DOCS)))
    report = cli.run("check", "--json").json()
    assert report["problems"] == []
    assert report["works"] == 3 and report["versions"] == 4
    assert len(report["head_hash"]) == 64
