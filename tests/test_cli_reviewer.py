"""The reviewer's tools through the command line: `diff` (the 修改前后对照表), `campaign
--suggest` / `--recorded` (the clearance assistant) and `review-draft` (the draft check), on
the bundled fixtures with their known answers."""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, Cli, write_jsonl


@pytest.fixture
def cli(cli: Cli) -> Cli:
    """These tests read the messages of the library and of the command line as English text:
    they run with `GUIFAN_LANG=en` (cli/tests and test_cli_i18n check the Chinese)."""
    return cli.english()

COMPARE = FIXTURES / "compare"
CLEARANCE = FIXTURES / "clearance"
DRAFTS = FIXTURES / "drafts"
ANSWERS = json.loads((CLEARANCE / "answers.json").read_text(encoding="utf-8"))
AS_OF = ANSWERS["as_of"]
CASES = sorted(p.name[: -len(".expected")] for p in COMPARE.glob("*.expected"))
DRAFT_CASES = sorted(p.stem for p in DRAFTS.glob("*.txt"))

# The words the comparison's fixtures and text use for each change (docs/reviewer.md).
CHANGE_WORDS = {
    "unchanged": "未改",
    "changed": "修改",
    "added": "新增",
    "deleted": "删除",
    "split": "拆分",
    "merged": "合并",
}


def columns(line: str) -> int:
    """The columns a line takes on a terminal, CJK counted as two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def assert_fits(text: str, width: int = 80) -> None:
    for line in text.splitlines():
        assert columns(line) <= width, f"{columns(line)} columns: {line}"


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:")]


# --- the 修改前后对照表 -------------------------------------------------------------------


def versions_of(case: str) -> list[dict]:
    """A case of fixtures/compare/ as two versions of one document."""
    common = {"work": case, "title": f"{case}办法", "kind": "行政规范性文件", "issuer": "潜江市人民政府"}
    return [
        {**common, "key": f"{case}-v1", "version": 1, "issued": "2021-05-01", "status": "已修改",
         "body": (COMPARE / f"{case}.old.txt").read_text(encoding="utf-8")},
        {**common, "key": f"{case}-v2", "version": 2, "issued": "2023-05-01", "status": "有效",
         "body": (COMPARE / f"{case}.new.txt").read_text(encoding="utf-8")},
    ]


@pytest.fixture
def compare_cli(cli: Cli, tmp_path: Path) -> Cli:
    records = [r for case in CASES for r in versions_of(case)]
    cli.run("import", str(write_jsonl(tmp_path / "compare.jsonl", records)))
    return cli


def expected_rows(case: str) -> list[str]:
    lines = (COMPARE / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    return [ln.rstrip() for ln in lines if ln.strip() and not ln.startswith("#")]


def row_line(row: dict) -> str:
    """A row as the fixtures write it: `old labels > new labels : change [序号调整] [移动]`."""
    names = lambda units: "+".join(u["label"] for u in units)  # noqa: E731
    s = f"{names(row['old'])} > {names(row['new'])} : {CHANGE_WORDS[row['change']]}"
    if row["renumbered"]:
        s += " 序号调整"
    if row["moved"]:
        s += " 移动"
    return s


def shown(row: dict) -> bool:
    """Whether the 对照表 shows a row without --all (docs/reviewer.md)."""
    return row["change"] != "unchanged" or row["renumbered"] or row["moved"]


def test_the_compare_fixtures_are_all_exercised():
    assert {"renumbered", "moved", "split", "merged", "headings", "rewritten", "parts"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_diff_aligns_each_fixture_case_as_written_down(compare_cli: Cli, case: str):
    c = compare_cli.run("diff", case, "--json").json()
    assert [row_line(r) for r in c["rows"]] == expected_rows(case)
    assert (c["from"]["version"], c["to"]["version"]) == (1, 2)
    # The same rows by number and by date (the version in force then).
    for args in (["--from", "1", "--to", "2"], ["--from", "2022-01-01"], ["--from", "2021年6月1日", "--to", "2"]):
        assert compare_cli.run("diff", case, *args, "--json").json()["rows"] == c["rows"], args


def test_a_renumbered_article_is_matched_not_deleted_and_added(compare_cli: Cli):
    rows = compare_cli.run("diff", "renumbered", "--json").json()["rows"]
    renumbered = [r for r in rows if r["renumbered"] and r["change"] == "unchanged"]
    assert renumbered, rows
    for r in renumbered:
        assert r["old"][0]["text"].split("\u3000", 1)[1] == r["new"][0]["text"].split("\u3000", 1)[1]
        assert r["old"][0]["label"] != r["new"][0]["label"]
        assert r["similarity"] == 1.0
    # The text table shows the row with its caption, old number to new.
    out = compare_cli.run("diff", "renumbered").out
    for r in renumbered:
        assert f"原{r['old'][0]['label']} → {r['new'][0]['label']} · 未改，序号调整" in out


def test_diff_text_fits_the_width_and_marks_the_changes(compare_cli: Cli):
    c = compare_cli.run("diff", "renumbered", "--json").json()
    out = compare_cli.run("diff", "renumbered").out
    assert_fits(out, 80)
    assert "原条文" in out and "修改后条文" in out and "修改说明" in out
    assert "{+" in out and "[-" in out
    captions = [ln for ln in out.splitlines() if " · " in ln]
    assert len(captions) == sum(map(shown, c["rows"]))
    everything = compare_cli.run("diff", "renumbered", "--all").out
    assert len([ln for ln in everything.splitlines() if " · " in ln]) == len(c["rows"])
    wide = compare_cli.run("diff", "renumbered", "--width", "120").out
    assert_fits(wide, 120)
    assert max(map(columns, wide.splitlines())) > 80
    narrow = compare_cli.run("diff", "renumbered", "--width", "40").out
    assert_fits(narrow, 40)


def test_diff_html_and_docx(compare_cli: Cli, tmp_path: Path):
    c = compare_cli.run("diff", "renumbered", "--json").json()
    html = compare_cli.run("diff", "renumbered", "--html").out
    assert html.startswith('<section class="guifan-compare">') and html.rstrip().endswith("</section>")
    assert "<del>" in html and "<ins>" in html
    path = tmp_path / "对照表.docx"
    r = compare_cli.run("diff", "renumbered", "--docx", str(path))
    assert str(path) in r.out
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        doc = z.read("word/document.xml").decode("utf-8")
    assert doc.count("<w:tbl>") == 1
    # A header row, then one row per row of the 对照表.
    assert doc.count("<w:tr>") == 1 + sum(map(shown, c["rows"]))
    assert "<w:tblHeader/>" in doc and "<w:strike/>" in doc
    added = next(r for r in c["rows"] if r["change"] == "added")
    assert added["new"][0]["text"].split("\u3000", 1)[1] in doc
    compare_cli.run("diff", "renumbered", "--docx", str(path), "--all")
    with zipfile.ZipFile(path) as z:
        assert z.read("word/document.xml").decode("utf-8").count("<w:tr>") == 1 + len(c["rows"])


def test_diff_of_two_documents(cli: Cli):
    cli.run("import", str(CLEARANCE / "documents.jsonl"))
    # 江政规〔2022〕6号 replaced 江政规〔2016〕5号 (a 替代 relation in the fixture).
    c = cli.run("diff", "江政规〔2016〕5号", "--with", "江政规[2022]6号", "--json").json()
    assert c["from"]["doc_number"] == "江政规〔2016〕5号"
    assert c["to"]["doc_number"] == "江政规〔2022〕6号"
    assert c["rows"]
    out = cli.run("diff", "江政规〔2016〕5号", "--with", "江政规〔2022〕6号").out
    assert out.splitlines()[0] == f"《{c['from']['title']}》与《{c['to']['title']}》对照表"
    assert_fits(out)
    # Both sides at a version: the law amended in 2021 against its first version.
    law = cli.run("diff", "汉江省物业管理条例", "--from", "1", "--with", "汉江省物业管理条例", "--json").json()
    assert (law["from"]["version"], law["to"]["version"]) == (1, 2)
    assert law == cli.run("diff", "汉江省物业管理条例", "--json").json()


def test_diff_refuses_bad_input(compare_cli: Cli, tmp_path: Path):
    cases = [
        (["diff", "潜政规〔2099〕1号"], "not found"),
        (["diff", "renumbered", "--from", "第二版"], "第二版"),
        (["diff", "renumbered", "--from", "0"], "versions count from 1"),
        (["diff", "renumbered", "--to", "7"], "not found"),
        (["diff", "renumbered", "--from", "2000-01-01"], "2000-01-01"),
        (["diff", "renumbered", "--from", "2", "--to", "1", "--width", "39"], "at least 40"),
        (["diff", "renumbered", "--json", "--html"], "cannot be used with"),
        (["diff", "renumbered", "--docx", "-"], "not written to stdout"),
        (["diff", "renumbered", "--docx", str(tmp_path / "no" / "such" / "x.docx")], "x.docx"),
        (["diff", "renumbered", "--with", "nothing-of-that-name"], "nothing-of-that-name"),
    ]
    for args, words in cases:
        r = compare_cli.run(*args, ok=False)
        assert r.code == 2, (args, r.err)
        assert len(error_lines(r.err)) == 1, r.err
        assert words in r.err, (args, r.err)
        assert r.out == "", args
    # A document with one version has nothing to compare with unless told.
    compare_cli.run("import", str(write_jsonl(tmp_path / "one.jsonl", [
        {"key": "one", "title": "单一版本办法", "kind": "行政规范性文件", "issuer": "潜江市人民政府",
         "issued": "2020-01-01", "status": "有效", "body": "第一条　甲。"}])))
    r = compare_cli.run("diff", "one", ok=False)
    assert r.code == 2 and "no version before" in r.err
    assert compare_cli.run("diff", "one", "--from", "1").code == 0


# --- the clearance assistant ------------------------------------------------------------


@pytest.fixture
def clearance(cli: Cli) -> Cli:
    cli.run("import", str(CLEARANCE / "documents.jsonl"))
    return cli


def keyed(items: list[dict]) -> dict[str, dict]:
    return {i["key"]: i for i in items}


def test_suggest_gives_the_known_answer_for_every_document(clearance: Cli):
    s = clearance.run("campaign", ANSWERS["campaign"], "--suggest", "--as-of", AS_OF, "--json").json()
    assert s["as_of"] == AS_OF and s["recorded"] is False
    items = keyed(s["items"])
    assert set(items) == set(ANSWERS["documents"])
    assert not set(ANSWERS["out_of_scope"]) & set(items)
    for key, answer in ANSWERS["documents"].items():
        got = items[key]
        assert got["proposal"] == answer["proposal"], (key, answer["note"], got["findings"])
        assert sorted({f["rule"] for f in got["findings"]}) == sorted(answer["rules"]), (key, answer["note"])
    # Counts by proposal are the items'.
    expected_counts: dict[str, int] = {}
    for answer in ANSWERS["documents"].values():
        expected_counts[answer["proposal"]] = expected_counts.get(answer["proposal"], 0) + 1
    assert {k: v for k, v in s["counts"].items() if v} == expected_counts
    # The text names every document with its proposal, within 80 columns.
    out = clearance.chinese().run("campaign", ANSWERS["campaign"], "--suggest", "--as-of", AS_OF).out
    assert_fits(out)
    labels = {"valid": "继续有效", "evaluate": "需评估", "pending_revision": "待修订",
              "invalidated": "宣布失效", "repealed": "废止"}
    for item in s["items"]:
        assert re.search(rf"^{labels[item['proposal']]} .*（id {item['work']}）", out, re.M), item["key"]
        for f in item["findings"]:
            assert f"[{f['rule']}]" in out


def test_recorded_proposals_keep_whether_the_decision_followed_them(clearance: Cli):
    campaign = ANSWERS["campaign"]
    recorded = clearance.chinese().run("campaign", campaign, "--suggest", "--record", "--as-of", AS_OF)
    assert "建议已记录" in recorded.out
    s = clearance.run("campaign", campaign, "--suggest", "--record", "--as-of", AS_OF, "--json").json()
    assert s["recorded"] is True
    items = keyed(s["items"])
    undecided = [k for k, i in items.items() if i["decision"] is None]
    outcomes = ["valid", "pending_revision", "repealed", "invalidated"]
    # One decision that follows the proposal, one that overrides it, one on a 需评估.
    follow = next(k for k in undecided if items[k]["proposal"] in outcomes)
    override = next(k for k in undecided if items[k]["proposal"] in outcomes and k != follow)
    other = next(o for o in outcomes if o != items[override]["proposal"])
    evaluate = next(k for k in undecided if items[k]["proposal"] == "evaluate")
    clearance.run("decide", "--campaign", campaign, follow, items[follow]["proposal"])
    clearance.run("decide", "--campaign", campaign, override, other)
    clearance.run("decide", "--campaign", campaign, evaluate, "继续有效")

    recorded = {r["work"]: r for r in clearance.run("campaign", campaign, "--recorded", "--json").json()}
    assert set(recorded) == {i["work"] for i in s["items"]}
    by_key = {k: recorded[items[k]["work"]] for k in items}
    assert by_key[follow]["decision"] == items[follow]["proposal"] and by_key[follow]["followed"] is True
    assert by_key[override]["decision"] == other and by_key[override]["followed"] is False
    assert by_key[evaluate]["decision"] == "valid" and by_key[evaluate]["followed"] is None
    for k, r in by_key.items():
        assert r["proposal"] == items[k]["proposal"]
        assert r["rules"] == [f["rule"] for f in items[k]["findings"]]
        assert r["title"] == items[k]["title"] and r["as_of"] == AS_OF
        if k not in (follow, override, evaluate):
            assert r["decision"] is None and r["followed"] is None
    # The table says it too, within 80 columns in either language.
    assert_fits(clearance.run("campaign", campaign, "--recorded").out)
    table = clearance.chinese().run("campaign", campaign, "--recorded").out
    assert_fits(table)
    line = next(ln for ln in table.splitlines() if f"《{items[override]['title']}》" in ln)
    assert line.split()[-2] == "否"
    line = next(ln for ln in table.splitlines() if f"《{items[follow]['title']}》" in ln)
    assert line.split()[-2] == "是"
    # A later run of the assistant sees the decisions as well.
    again = keyed(clearance.run("campaign", campaign, "--suggest", "--as-of", AS_OF, "--json").json()["items"])
    assert again[follow]["followed"] is True and again[override]["followed"] is False


def test_campaign_refuses_mixed_and_bad_options(clearance: Cli):
    for args, words in [
        (["campaign", "cl-2024", "--suggest", "--name", "x"], "cannot be used with"),
        (["campaign", "cl-2024", "--suggest", "--scope", "市政府"], "cannot be used with"),
        (["campaign", "cl-2024", "--suggest", "--opened", "2024-01-01"], "cannot be used with"),
        (["campaign", "cl-2024", "--suggest", "--recorded"], "cannot be used with"),
        (["campaign", "cl-2024", "--record"], "--suggest"),
        (["campaign", "cl-2024", "--name", "x", "--json"], "--suggest"),
        (["campaign", "cl-2024", "--suggest", "--as-of", "2024-02-30"], "2024-02-30"),
        (["campaign", "nope", "--suggest"], "nope"),
        (["campaign", "nope", "--recorded"], "nope"),
    ]:
        r = clearance.run(*args, ok=False)
        assert r.code == 2, (args, r.err)
        assert len(error_lines(r.err)) == 1 and words in r.err, (args, r.err)
    # Opening a campaign still works as before.
    assert clearance.run("campaign", "cl-2025", "--name", "2025年清理", "--scope", "市政府").out == "opened campaign cl-2025\n"
    assert clearance.run("campaign", "cl-2025", "--suggest", "--json").json()["name"] == "2025年清理"


# --- the draft check --------------------------------------------------------------------


def expected_findings(name: str) -> list[tuple[str, int]]:
    out = []
    for line in (DRAFTS / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule, number = line.split()
            out.append((rule, int(number)))
    return sorted(out)


def test_the_draft_fixtures_are_all_exercised():
    assert {"outdoor-ads", "trial-scheme", "clean"} <= set(DRAFT_CASES)


@pytest.mark.parametrize("name", DRAFT_CASES)
def test_review_draft_gives_the_planted_findings_and_the_exit_status(clearance: Cli, name: str):
    path = DRAFTS / f"{name}.txt"
    r = clearance.run("review-draft", str(path), "--as-of", AS_OF, "--json", ok=False)
    report = r.json()
    assert sorted((f["rule"], f["line"]) for f in report["findings"]) == expected_findings(name)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert report["counts"]["error"] == len(errors)
    assert r.code == (3 if errors else 0), r.err
    assert r.err == ""
    text = clearance.chinese().run("review-draft", str(path), "--as-of", AS_OF, ok=False)
    assert text.code == r.code
    assert_fits(text.out)
    c = report["counts"]
    assert f"错误{c['error']}，警告{c['warning']}，提示{c['info']}。" in text.out
    for f in report["findings"]:
        assert f"[{f['rule']}]" in text.out
    # The same draft on stdin.
    piped = clearance.run("review-draft", "-", "--as-of", AS_OF, "--json", ok=False,
                          input=path.read_text(encoding="utf-8"))
    assert piped.code == r.code and piped.json() == report


def test_review_draft_exit_status_is_3_only_for_errors(clearance: Cli):
    # The clean draft passes; the outdoor-ads draft has errors (a repealed basis among them).
    assert clearance.run("review-draft", str(DRAFTS / "clean.txt"), "--as-of", AS_OF).code == 0
    r = clearance.run("review-draft", str(DRAFTS / "outdoor-ads.txt"), "--as-of", AS_OF, ok=False)
    assert r.code == 3
    # Warnings and notes alone do not fail: a draft whose only finding is a missing 有效期.
    draft = "关于某事项的通知\n根据《汉江省物业管理条例》，制定本办法。\n第一条　本办法自2024年5月1日起施行。\n"
    report = clearance.run("review-draft", "-", "--as-of", AS_OF, "--json", input=draft).json()
    assert report["findings"] and all(f["severity"] != "error" for f in report["findings"])


def test_review_draft_refuses_bad_input(clearance: Cli, tmp_path: Path):
    # A draft of another extension than the readers know is read as UTF-8 text.
    latin1 = tmp_path / "草稿.draft"
    latin1.write_bytes("第一条　甲。".encode("gb18030"))
    binary = tmp_path / "草稿.txt"
    binary.write_bytes(b"\x00\x01\x02 not text \x00")
    for args, words in [
        (["review-draft", str(tmp_path / "absent.txt")], "absent.txt"),
        (["review-draft", str(latin1)], "not UTF-8"),
        (["review-draft", str(binary)], "no text file"),
        (["review-draft", str(tmp_path)], "not a text file"),
        (["review-draft", str(DRAFTS / "clean.txt"), "--as-of", "2024-13-01"], "2024-13-01"),
    ]:
        r = clearance.run(*args, ok=False)
        assert r.code == 2, (args, r.err)
        assert len(error_lines(r.err)) == 1 and words in r.err, (args, r.err)
        assert r.out == ""
    # A .txt draft in GB18030 is read by the document readers, as its UTF-8 twin.
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes((DRAFTS / "clean.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert clearance.run("review-draft", str(gbk), "--as-of", AS_OF, "--json").json() == clearance.run(
        "review-draft", str(DRAFTS / "clean.txt"), "--as-of", AS_OF, "--json").json()
    # A byte order mark is not part of the text.
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + (DRAFTS / "clean.txt").read_bytes())
    with_bom = clearance.run("review-draft", str(bom), "--as-of", AS_OF, "--json").json()
    assert with_bom == clearance.run("review-draft", str(DRAFTS / "clean.txt"), "--as-of", AS_OF, "--json").json()


# --- help -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["diff", "campaign", "review-draft"])
def test_help_fits_80_columns(cli: Cli, command: str):
    cli.env["COLUMNS"] = "80"
    cli.env.pop("GUIFAN_REGISTRY")  # help shows the variable's value, here a long temporary path
    out = cli.run(command, "--help").out
    assert_fits(out)
    assert "--json" in out
