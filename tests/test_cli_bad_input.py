"""Every kind of bad input: exit status 2, one line on stderr naming the line, field and value,
and the registry exactly as it was."""

from __future__ import annotations

import json

import pytest
from conftest import Cli, write_jsonl


@pytest.fixture
def cli(cli: Cli) -> Cli:
    """These tests read the messages of the library and of the command line as English text:
    they run with `GUIFAN_LANG=en` (cli/tests and test_cli_i18n check the Chinese)."""
    return cli.english()

GOOD = [
    {"key": "a", "title": "潜江市政府合同管理办法", "kind": "行政规范性文件", "issuer": "潜江市人民政府",
     "doc_number": "潜政规〔2024〕2号", "issued": "2024-03-01", "status": "有效", "body": "第一条 合同。"},
    {"key": "b", "title": "潜江市城区养犬管理规定", "kind": "行政规范性文件", "issuer": "潜江市人民政府",
     "doc_number": "潜政发〔2015〕9号", "issued": "2015-06-01", "status": "有效", "body": "第一条 养犬。"},
    {"type": "campaign", "key": "qj-2024", "name": "2024年清理", "opened": "2024-05-29"},
    {"type": "decision", "campaign": "qj-2024", "document": "b", "outcome": "废止"},
]

# (what, the bad record appended as line 5, field named, value named)
BAD = [
    ("bad date", {"key": "x", "title": "某", "issued": "2024-13-01"}, "issued", "2024-13-01"),
    ("bad Chinese date", {"key": "x", "title": "某", "effective": "2024年2月30日"}, "effective", "2024年2月30日"),
    ("unknown status label", {"key": "x", "title": "某", "status": "现行"}, "status", "现行"),
    ("decision for a missing document",
     {"type": "decision", "campaign": "qj-2024", "document": "潜政发〔2099〕1号", "outcome": "废止"},
     "document", "潜政发〔2099〕1号"),
    ("duplicate key", {"key": "a", "title": "重复"}, "key", "a"),
    ("second decision for the same work",
     {"type": "decision", "campaign": "qj-2024", "document": "潜政发[2015]9号", "outcome": "继续有效"},
     "document", "潜政发[2015]9号"),
    ("unknown outcome", {"type": "decision", "campaign": "qj-2024", "document": "a", "outcome": "保留"},
     "outcome", "保留"),
    ("decision in a missing campaign",
     {"type": "decision", "campaign": "qj-2099", "document": "a", "outcome": "废止"}, "campaign", "qj-2099"),
    ("unknown filing outcome",
     {"type": "filing", "document": "a", "filed_with": "湖北省人民政府", "outcome": "已登记"}, "outcome", "已登记"),
    ("unknown review kind",
     {"type": "review", "document": "a", "kind": "审查", "reviewer": "司法局", "date": "2024-01-01",
      "conclusion": "合法"}, "kind", "审查"),
    ("bad document number", {"key": "x", "title": "某", "doc_number": "潜政规2024年3号"}, "doc_number", "潜政规2024年3号"),
    ("misspelt field", {"key": "x", "title": "某", "efective": "2024-01-01"}, "efective", "2024-01-01"),
    # Limits (guifan::limits) and details of input.
    ("title over the limit", {"key": "x", "title": "规" * 2001}, "title", "a title is at most 2000 characters"),
    ("document number over the limit", {"key": "x", "title": "某", "doc_number": "潜" * 500 + "〔2024〕1号"},
     "doc_number", "a document number is at most 500 characters"),
    ("issuer over the limit", {"key": "x", "title": "某", "issuer": "局" * 2001}, "issuer",
     "an issuer is at most 2000 characters"),
    ("text over the limit", {"key": "x", "title": "某", "body": "a" * (16 * 2**20 + 1)}, "body",
     "a text is at most 16 MiB"),
    ("escape in a title", {"key": "x", "title": "潜江市\x1b[2J办法"}, "title", "潜江市\\x1b[2J办法"),
    ("NUL in a document number", {"key": "x", "title": "某", "doc_number": "潜政规〔2024〕\x003号"},
     "doc_number", "control characters"),
    ("year 0", {"key": "x", "title": "某", "issued": "0000-01-01"}, "issued", "0000-01-01"),
    ("expiry before issue", {"key": "x", "title": "某", "issued": "2024-05-01", "expires": "2024-04-30"},
     "expires", "before the issued date"),
    ("version as a string", {"key": "x", "work": "w", "version": "2", "title": "某"}, "version",
     "not a string"),
]


def setup(cli: Cli, tmp_path):
    cli.run("import", str(write_jsonl(tmp_path / "first.jsonl", GOOD[:2])))
    return cli.export(), cli.run("check", "--json").json()["head_hash"]


@pytest.mark.parametrize("what,bad,field,value", BAD, ids=[b[0] for b in BAD])
def test_bad_record_fails_the_file_and_changes_nothing(cli: Cli, tmp_path, what, bad, field, value):
    before, head = setup(cli, tmp_path)
    records = [
        {"key": "c", "title": "新文件", "kind": "行政规范性文件", "issuer": "潜江市人民政府"},
        GOOD[2],
        GOOD[3],
        {"type": "filing", "document": "c", "filed_with": "潜江市人民政府", "submitted": "2024-01-01"},
        bad,
    ]
    if what == "duplicate key":
        records = [*records[:4], bad]
    path = write_jsonl(tmp_path / "bad.jsonl", records)
    result = cli.run("import", str(path), ok=False)
    assert result.code == 2, result.err
    lines = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.err
    message = lines[0]
    assert "line 5" in message, message
    assert f"`{field}`" in message, message
    assert value in message, message
    assert "nothing of this file was imported" in message
    assert cli.export() == before
    after = cli.run("check", "--json").json()
    assert after["head_hash"] == head and after["problems"] == []


def test_not_json_names_the_line(cli: Cli, tmp_path):
    before, _ = setup(cli, tmp_path)
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(GOOD[0], ensure_ascii=False).replace('"a"', '"z"') + "\n{\"key\": \n", encoding="utf-8")
    result = cli.run("import", str(path), ok=False)
    assert result.code == 2
    assert "line 2" in result.err and "not valid JSON" in result.err
    assert cli.export() == before


def test_a_line_that_is_not_utf8_is_bad_input_naming_the_line(cli: Cli, tmp_path):
    before, _ = setup(cli, tmp_path)
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps({"key": "z", "title": "新"}).encode() + b"\n"
                     + '{"key": "y", "title": "潜江市办法"}'.encode("gb18030") + b"\n")
    result = cli.run("import", str(path), ok=False)
    assert result.code == 2, result.err
    assert "line 2" in result.err and "not valid UTF-8" in result.err, result.err
    assert cli.export() == before


def test_a_document_number_with_invisible_characters_is_found_by_its_visible_spelling(cli: Cli, tmp_path):
    setup(cli, tmp_path)
    cli.run("import", str(write_jsonl(tmp_path / "zw.jsonl", [
        {"key": "zw", "title": "零宽\u200b文号办法", "doc_number": "潜政\u200b规〔2024〕7\ufeff号"}])))
    shown = cli.run("show", "潜政规〔2024〕7号", "--json").json()
    assert shown["title"] == "零宽文号办法"
    assert cli.run("show", "零宽文号办法", "--json").json()["id"] == shown["id"]


def test_a_missing_file_and_a_missing_registry(cli: Cli, tmp_path):
    missing = cli.run("import", str(tmp_path / "absent.jsonl"), ok=False)
    assert missing.code == 2
    assert "absent.jsonl" in missing.err
    no_registry = Cli(tmp_path / "nothing-here").english().run("show", "a", ok=False)
    assert no_registry.code == 2
    assert "no registry" in no_registry.err


def test_references_that_name_nothing_or_too_much(cli: Cli, tmp_path):
    setup(cli, tmp_path)
    cli.run("import", str(write_jsonl(tmp_path / "dup.jsonl", [
        {"key": "d", "title": "同号文件", "doc_number": "潜政规[2024]2号"}])))
    assert cli.run("show", "潜政规〔2030〕1号", ok=False).code == 2
    ambiguous = cli.run("show", "潜政规（2024）2号", ok=False)
    assert ambiguous.code == 2 and "names 2 works" in ambiguous.err
    assert cli.run("stats", "--by", "colour", ok=False).code == 2
    assert cli.run("show", "a", "--as-of", "2024-02-30", ok=False).code == 2
