"""The reviewer's tools through Python: `diff` (and its text, HTML and Word forms), `suggest`
with `recorded_suggestions`, and `check_draft`, on the bundled fixtures with their known
answers; and each answer equal to what the command line prints with `--json`."""

from __future__ import annotations

import contextlib
import datetime
import enum
import io
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import guifan
import pytest

from .data import ROOT, write_jsonl

FIXTURES = ROOT / "fixtures"
COMPARE = FIXTURES / "compare"
CLEARANCE = FIXTURES / "clearance"
DRAFTS = FIXTURES / "drafts"
ANSWERS = json.loads((CLEARANCE / "answers.json").read_text(encoding="utf-8"))
AS_OF = ANSWERS["as_of"]
CAMPAIGN = ANSWERS["campaign"]
CASES = sorted(p.name[: -len(".expected")] for p in COMPARE.glob("*.expected"))
DRAFT_CASES = sorted(p.stem for p in DRAFTS.glob("*.txt"))
CHANGE_WORDS = {"unchanged": "未改", "changed": "修改", "added": "新增", "deleted": "删除",
                "split": "拆分", "merged": "合并"}


def plain(value: Any) -> Any:
    """A Python answer as the command line's JSON reads: dates as ISO strings, enums as their
    tokens, tuples as lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def guifan_binary() -> Path:
    if os.environ.get("GUIFAN_BIN"):
        return Path(os.environ["GUIFAN_BIN"])
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "guifan"
        if candidate.exists():
            return candidate
    pytest.skip("no guifan binary to compare with: run `cargo build -p guifan-cli`")


def cli(registry: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Runs the command line on the same registry folder (stdout as bytes)."""
    env = dict(os.environ, GUIFAN_REGISTRY=str(registry), GUIFAN_TODAY="2024-12-31", NO_COLOR="1")
    env.pop("GUIFAN_ACTOR", None)
    return subprocess.run([str(guifan_binary()), *args], capture_output=True, env=env, timeout=600)


def cli_json(registry: Path, *args: str) -> Any:
    proc = cli(registry, *args, "--json")
    assert proc.returncode in (0, 3), proc.stderr.decode()
    return json.loads(proc.stdout)


def versions_of(case: str) -> list[dict]:
    common = {"work": case, "title": f"{case}办法", "kind": "行政规范性文件", "issuer": "潜江市人民政府"}
    return [
        {**common, "key": f"{case}-v1", "version": 1, "issued": "2021-05-01", "status": "已修改",
         "body": (COMPARE / f"{case}.old.txt").read_text(encoding="utf-8")},
        {**common, "key": f"{case}-v2", "version": 2, "issued": "2023-05-01", "status": "有效",
         "body": (COMPARE / f"{case}.new.txt").read_text(encoding="utf-8")},
    ]


@pytest.fixture
def compare_reg(tmp_path: Path):
    records = [r for case in CASES for r in versions_of(case)]
    path = write_jsonl(tmp_path / "compare.jsonl", records)
    with guifan.Registry.open(tmp_path / "registry", create=True) as reg:
        reg.import_file(path)
        yield reg


@pytest.fixture
def clearance(tmp_path: Path):
    with guifan.Registry.open(tmp_path / "registry", create=True, actor="tester") as reg:
        reg.import_file(CLEARANCE / "documents.jsonl")
        yield reg


# --- the 修改前后对照表 -------------------------------------------------------------------


def expected_rows(case: str) -> list[str]:
    lines = (COMPARE / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    return [ln.rstrip() for ln in lines if ln.strip() and not ln.startswith("#")]


def row_line(row: dict) -> str:
    names = lambda units: "+".join(u["label"] for u in units)  # noqa: E731
    s = f"{names(row['old'])} > {names(row['new'])} : {CHANGE_WORDS[row['change']]}"
    if row["renumbered"]:
        s += " 序号调整"
    if row["moved"]:
        s += " 移动"
    return s


@pytest.mark.parametrize("case", CASES)
def test_diff_aligns_each_fixture_case_as_written_down(compare_reg: guifan.Registry, case: str):
    c = compare_reg.diff(case)
    assert [row_line(r) for r in c["rows"]] == expected_rows(case)
    assert isinstance(c["to"]["in_force_from"], datetime.date)
    for old, new in [(1, 2), ("1", None), (datetime.date(2022, 1, 1), "2024-01-01"), ("2021年6月1日", 2)]:
        assert compare_reg.diff(case, old=old, new=new)["rows"] == c["rows"], (old, new)


def test_diff_is_the_command_lines_json(compare_reg: guifan.Registry, tmp_path: Path):
    registry = tmp_path / "registry"
    for case in CASES:
        assert plain(compare_reg.diff(case)) == cli_json(registry, "diff", case), case
    assert plain(compare_reg.diff("renumbered", old=2, new=1)) == cli_json(
        registry, "diff", "renumbered", "--from", "2", "--to", "1")
    assert plain(compare_reg.diff("split", old=1, other="merged", new="2021-06-01")) == cli_json(
        registry, "diff", "split", "--from", "1", "--with", "merged", "--to", "2021-06-01")


def test_diff_text_html_and_docx_are_the_command_lines(compare_reg: guifan.Registry, tmp_path: Path):
    registry = tmp_path / "registry"
    text = compare_reg.diff_text("renumbered")
    assert text.encode("utf-8") == cli(registry, "diff", "renumbered").stdout
    assert "原第三条 → 第四条 · 未改，序号调整" in text
    wide = compare_reg.diff_text("renumbered", width=120, all=True)
    assert wide.encode("utf-8") == cli(registry, "diff", "renumbered", "--width", "120", "--all").stdout
    html = compare_reg.diff_html("moved", all=True)
    assert html.encode("utf-8") == cli(registry, "diff", "moved", "--html", "--all").stdout
    docx = compare_reg.diff_docx("renumbered")
    assert isinstance(docx, bytes)
    path = tmp_path / "cli.docx"
    assert cli(registry, "diff", "renumbered", "--docx", str(path)).returncode == 0
    assert path.read_bytes() == docx
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        doc = z.read("word/document.xml").decode("utf-8")
    shown = [r for r in compare_reg.diff("renumbered")["rows"]
             if r["change"] != "unchanged" or r["renumbered"] or r["moved"]]
    assert doc.count("<w:tbl>") == 1 and doc.count("<w:tr>") == 1 + len(shown)


def test_diff_arguments(compare_reg: guifan.Registry):
    with pytest.raises(guifan.NotFoundError):
        compare_reg.diff("潜政规〔2099〕1号")
    with pytest.raises(guifan.NotFoundError):
        compare_reg.diff("renumbered", new=7)
    with pytest.raises(guifan.NotFoundError):
        compare_reg.diff("renumbered", old="2000-01-01")
    with pytest.raises(guifan.InvalidInputError, match="versions count from 1"):
        compare_reg.diff("renumbered", old=0)
    with pytest.raises(guifan.InvalidInputError) as bad:
        compare_reg.diff("renumbered", old="第二版")
    assert bad.value.field == "version" and bad.value.value == "第二版"
    with pytest.raises(TypeError, match="`old`"):
        compare_reg.diff("renumbered", old=1.5)  # type: ignore[arg-type]
    with pytest.raises(guifan.InvalidInputError, match="at least 40"):
        compare_reg.diff_text("renumbered", width=39)
    with pytest.raises(TypeError):
        compare_reg.diff("renumbered", 1)  # type: ignore[misc]


# --- the clearance assistant ------------------------------------------------------------


def test_suggest_gives_the_known_answer_and_is_the_command_lines_json(clearance: guifan.Registry, tmp_path: Path):
    s = clearance.suggest(CAMPAIGN, as_of=AS_OF)
    assert s["as_of"] == datetime.date.fromisoformat(AS_OF) and s["recorded"] is False
    items = {i["key"]: i for i in s["items"]}
    assert set(items) == set(ANSWERS["documents"])
    for key, answer in ANSWERS["documents"].items():
        assert items[key]["proposal"] == answer["proposal"], (key, answer["note"])
        assert sorted({f["rule"] for f in items[key]["findings"]}) == sorted(answer["rules"]), key
        assert isinstance(items[key]["status"], guifan.Status)
    assert plain(s) == cli_json(tmp_path / "registry", "campaign", CAMPAIGN, "--suggest", "--as-of", AS_OF)
    # Nothing was recorded.
    assert clearance.recorded_suggestions(CAMPAIGN) == []


def test_recorded_proposals_keep_whether_the_decision_followed_them(clearance: guifan.Registry, tmp_path: Path):
    s = clearance.suggest(CAMPAIGN, as_of=AS_OF, record=True)
    assert s["recorded"] is True
    items = {i["key"]: i for i in s["items"]}
    undecided = [k for k, i in items.items() if i["decision"] is None]
    outcomes = [o.value for o in guifan.Outcome]
    follow = next(k for k in undecided if items[k]["proposal"] in outcomes)
    override = next(k for k in undecided if items[k]["proposal"] in outcomes and k != follow)
    other = next(o for o in outcomes if o != items[override]["proposal"])
    evaluate = next(k for k in undecided if items[k]["proposal"] == "evaluate")
    clearance.decide(CAMPAIGN, follow, items[follow]["proposal"])
    clearance.decide(CAMPAIGN, override, other)
    clearance.decide(CAMPAIGN, evaluate, guifan.Outcome.VALID)
    recorded = {r["work"]: r for r in clearance.recorded_suggestions(CAMPAIGN)}
    assert len(recorded) == len(items)
    assert recorded[items[follow]["work"]]["followed"] is True
    assert recorded[items[follow]["work"]]["decision"] is guifan.Outcome(items[follow]["proposal"])
    assert recorded[items[override]["work"]]["followed"] is False
    assert recorded[items[evaluate]["work"]]["followed"] is None
    assert recorded[items[evaluate]["work"]]["decision"] is guifan.Outcome.VALID
    assert all(isinstance(r["as_of"], datetime.date) for r in recorded.values())
    assert plain(clearance.recorded_suggestions(CAMPAIGN)) == cli_json(
        tmp_path / "registry", "campaign", CAMPAIGN, "--recorded")


def test_suggest_in_a_transaction_records_nothing_when_rolled_back(clearance: guifan.Registry):
    tx = clearance.transaction()
    with tx:
        assert tx.suggest(CAMPAIGN, as_of=AS_OF, record=True)["recorded"] is True
        assert len(tx.recorded_suggestions(CAMPAIGN)) == len(ANSWERS["documents"])
        assert tx.diff("汉江省物业管理条例")["to"]["version"] == 2
        assert tx.check_draft("第一条　甲。", as_of=AS_OF)["articles"] == 1
        tx.rollback()
    assert clearance.recorded_suggestions(CAMPAIGN) == []


def test_suggest_errors(clearance: guifan.Registry):
    with pytest.raises(guifan.NotFoundError):
        clearance.suggest("nope")
    with pytest.raises(guifan.InvalidInputError):
        clearance.suggest(CAMPAIGN, as_of="2024-02-30")
    clearance.announce(CAMPAIGN, "2024-06-30")
    with pytest.raises(guifan.ConflictError, match="announced"):
        clearance.suggest(CAMPAIGN, record=True)
    # Without recording, an announced campaign is read as of the day before its announcement.
    assert clearance.suggest(CAMPAIGN)["as_of"] == datetime.date(2024, 6, 29)


# --- the draft check --------------------------------------------------------------------


def expected_findings(name: str) -> list[tuple[str, int]]:
    out = []
    for line in (DRAFTS / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule, number = line.split()
            out.append((rule, int(number)))
    return sorted(out)


@pytest.mark.parametrize("name", DRAFT_CASES)
def test_check_draft_gives_the_planted_findings(clearance: guifan.Registry, tmp_path: Path, name: str):
    path = DRAFTS / f"{name}.txt"
    report = clearance.check_draft(path.read_text(encoding="utf-8"), as_of=AS_OF)
    assert sorted((f["rule"], f["line"]) for f in report["findings"]) == expected_findings(name)
    assert report["as_of"] == datetime.date.fromisoformat(AS_OF)
    assert plain(report) == cli_json(tmp_path / "registry", "review-draft", str(path), "--as-of", AS_OF)
    for c in report["citations"]:
        if c["document"] is not None:
            assert isinstance(c["document"]["status"], guifan.Status)


def test_check_draft_arguments(clearance: guifan.Registry):
    assert clearance.check_draft("")["findings"] is not None
    with pytest.raises(TypeError):
        clearance.check_draft(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(guifan.InvalidInputError):
        clearance.check_draft("第一条　甲。", as_of="2024-13-01")
    # as_of defaults to today (GUIFAN_TODAY in tests, else today in China).
    assert isinstance(clearance.check_draft("第一条　甲。")["as_of"], datetime.date)


# --- the README ---------------------------------------------------------------------------


def test_the_readme_reviewer_example_runs(monkeypatch: pytest.MonkeyPatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## The reviewer's tools\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert blocks, "the section has a Python example"
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], "README.md", "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    assert printed.startswith("1 2 1\n")
    assert "[('江城市城市容貌管理办法', True)]" in printed
    assert "['heading-gap', 'validity-too-long']" in printed


def test_check_draft_reads_a_word_file_as_its_text(reg: guifan.Registry):
    intake = ROOT / "fixtures" / "intake"
    word = reg.check_draft(intake / "docx" / "01-banfa-standard.docx", as_of="2024-12-31")
    text = reg.check_draft(intake / "txt" / "01-banfa-standard.txt", as_of="2024-12-31")
    assert word["articles"] > 0
    assert word["findings"] == text["findings"]
    with pytest.raises(guifan.DocumentError):
        reg.check_draft(intake / "bad" / "corrupt.docx")
