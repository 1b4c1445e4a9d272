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
    ("impact", ["impact", "潜政发〔2019〕12号", "--json"], lambda r: r.impact("潜政发〔2019〕12号")),
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
