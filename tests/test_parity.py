"""One shape per answer: for every report, the command line's `--json` and the Python module's
value are the same, once dates and labels are written as JSON writes them. Both come from the
library's own types through one serialisation each, and this test keeps them so."""

from __future__ import annotations

import datetime
import enum
from pathlib import Path

import pytest
from conftest import FIXTURES, Cli

guifan = pytest.importorskip("guifan")

TODAY = "2024-12-31"


def plain(value: object) -> object:
    """A Python answer as JSON would hold it: records as dicts, dates as ISO strings, labels as
    their tokens, tuples as lists."""
    if isinstance(value, guifan.Record):
        return plain(value.to_dict())
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory):
    """The fixtures imported by the command line, and the same registry opened from Python."""
    folder: Path = tmp_path_factory.mktemp("parity") / "registry"
    cli = Cli(folder, today=TODAY)
    cli.run("import", str(FIXTURES / "qianjiang-2024"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GUIFAN_TODAY", TODAY)
        with guifan.Registry.open_existing(folder) as reg:
            yield cli, reg


CASES = [
    ("show", ["show", "潜政规〔2024〕3号", "--json"], lambda r: r.get("潜政规〔2024〕3号")),
    ("show as of", ["show", "qj-szg-2019-02", "--as-of", "2020-01-01", "--json"],
     lambda r: r.get("qj-szg-2019-02", as_of="2020-01-01")),
    ("article", ["show", "潜政规〔2019〕2号", "--article", "5", "--as-of", "2020-01-01", "--json"],
     lambda r: r.article("潜政规〔2019〕2号", 5, as_of="2020-01-01")),
    ("article of a numbered part", ["show", "潜政规〔2024〕3号", "--article", "二", "--json"],
     lambda r: r.article("潜政规〔2024〕3号", "二")),
    ("impact", ["impact", "潜政发〔2019〕12号", "--json"], lambda r: r.impact("潜政发〔2019〕12号")),
    ("impact to a depth, of kinds",
     ["impact", "潜政发〔2019〕12号", "--as-of", "2024-06-30", "--depth", "1", "--kind", "依据,引用", "--json"],
     lambda r: r.impact("潜政发〔2019〕12号", as_of="2024-06-30", depth=1, kinds=["依据", "引用"])),
    ("diff", ["diff", "qj-szg-2019-02", "--json"], lambda r: r.diff("qj-szg-2019-02")),
    ("diff by dates", ["diff", "qj-szg-2019-02", "--from", "2020-01-01", "--to", "2024-01-01", "--json"],
     lambda r: r.diff("qj-szg-2019-02", old="2020-01-01", new="2024-01-01")),
    ("clearance", ["stats", "--campaign", "qj-2024", "--json"], lambda r: r.clearance_report("qj-2024")),
    ("filings", ["stats", "--filings", "--json"], lambda r: r.filing_timeliness()),
    ("filings of a year", ["stats", "--filings", "--year", "2024", "--json"],
     lambda r: r.filing_timeliness(year=2024)),
    ("check", ["check", "--json"], lambda r: r.check()),
]

# The command line wraps some lists in a report object; Python returns the list itself.
WRAPPED = [
    ("reviews", ["stats", "--reviews", "--json"], "rows", lambda r: r.review_counts()),
    ("expiring", ["stats", "--expiring", "400", "--json"], "documents", lambda r: r.expiring(400)),
    ("list", ["list", "--json"], "documents", lambda r: list(r.documents())),
    ("list of a status", ["list", "--status", "废止,宣布失效", "--json"], "documents",
     lambda r: list(r.documents(status="废止,宣布失效"))),
    ("counts", ["stats", "--by", "kind,status,year", "--json"], "rows",
     lambda r: r.stats(by=["kind", "status", "year"]).to_pylist()),
    ("search", ["search", "行政执法", "--limit", "5", "--json"], "hits",
     lambda r: r.search("行政执法", limit=5).hits),
]


@pytest.mark.parametrize("name,args,call", CASES, ids=[c[0] for c in CASES])
def test_the_same_report(both, name, args, call):
    cli, reg = both
    assert plain(call(reg)) == cli.run(*args).json(), name


@pytest.mark.parametrize("name,args,key,call", WRAPPED, ids=[c[0] for c in WRAPPED])
def test_the_same_list(both, name, args, key, call):
    cli, reg = both
    assert plain(call(reg)) == cli.run(*args).json()[key], name


def test_the_same_search_results(both):
    cli, reg = both
    args = ["search", '"行政执法"', "--status", "any", "--limit", "3", "--json"]
    assert plain(reg.search('"行政执法"', status="any", limit=3)) == cli.run(*args).json()


def test_the_same_import_report(tmp_path: Path):
    path = FIXTURES / "qianjiang-2024" / "01-documents.jsonl"
    printed = Cli(tmp_path / "a").run("import", str(path), "--json").json()
    with guifan.Registry.open(tmp_path / "b", create=True) as reg:
        assert plain(reg.import_file(path)) == printed["files"][0]["report"] == printed["total"]


# Answers printed as text, XML or HTML: the same characters.
TEXTS = [
    ("akn", ["export", "qj-szg-2019-02", "--format", "akn"], lambda r: r.export_akn("qj-szg-2019-02")),
    ("akn of a version", ["export", "qj-szg-2019-02", "--format", "akn", "--version", "1"],
     lambda r: r.export_akn("qj-szg-2019-02", version=1)),
    ("akn as of", ["export", "qj-szg-2019-02", "--format", "akn", "--as-of", "2020-01-01"],
     lambda r: r.export_akn("qj-szg-2019-02", as_of="2020-01-01")),
    ("diff as text", ["diff", "qj-szg-2019-02", "--all"], lambda r: r.diff_text("qj-szg-2019-02", all=True)),
    ("diff as HTML", ["diff", "qj-szg-2019-02", "--html"], lambda r: r.diff_html("qj-szg-2019-02")),
]


@pytest.mark.parametrize("name,args,call", TEXTS, ids=[t[0] for t in TEXTS])
def test_the_same_text(both, name, args, call):
    cli, reg = both
    assert call(reg) == cli.run(*args).out, name


def test_the_same_link_report(both):
    # `link` rescans and writes the same relations again: run last, each side once.
    cli, reg = both
    assert plain(reg.link()) == cli.run("link", "--json").json()
    assert plain(reg.link("潜政规〔2024〕3号")) == cli.run("link", "潜政规〔2024〕3号", "--json").json()


def test_the_same_corrections(tmp_path: Path):
    cli = Cli(tmp_path / "registry", today=TODAY)
    cli.run("import", str(FIXTURES / "qianjiang-2024"))
    cli.run("file", "潜政规〔2024〕2号", "--with", "湖北省人民政府", "--submitted", "2024-05-30")
    filings = cli.run("show", "潜政规〔2024〕2号", "--json").json()["filings"]
    filing = next(f["id"] for f in filings if f["submitted"] == "2024-05-30")
    cli.run("amend", "备案", str(filing), "--submitted", "2024-04-20", "--reason", "报送日期录错", "--on", "2024-06-01")
    shown = cli.run("show", "潜政规〔2024〕2号", "--json").json()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GUIFAN_TODAY", TODAY)
        with guifan.Registry.open_existing(tmp_path / "registry") as reg:
            assert shown["corrections"] and plain(reg.corrections("潜政规〔2024〕2号")) == shown["corrections"]
            assert plain(reg.get("潜政规〔2024〕2号")) == shown
