"""Benchmarks of the Python module: counts to pandas, and Arrow export against Python dicts.

Runs on `../shared/corpus/laws.jsonl` when it is present, and on a registry of 100,000
documents made from it (each work replicated with seeded perturbations of its dates, issuer and
status; texts cut to 200 characters, as no measurement here reads them). Without the corpus, the
100,000 documents are made up from scratch, with the same seed. Prints a markdown table and the
machine.

    .venv/bin/python bench/python_api.py [--works 100000] [--runs 30] [--keep DIR]

Build the module in release mode first (`maturin develop --release`, as scripts/test does).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import guifan
import pandas as pd
import polars as pl
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "laws.jsonl"
AS_OF = "2024-12-31"
BY = ["kind", "status"]
SEED = 20241231

LOCAL_ISSUERS = [f"{city}人民政府" for city in ("潜江市", "武汉市", "宜昌市", "襄阳市", "荆州市", "黄石市")] + [
    f"潜江市{dept}" for dept in ("公安局", "教育局", "交通运输局", "农业农村局", "审计局", "市场监督管理局")]
KINDS = ["行政规范性文件", "地方政府规章", "部门规章", "地方性法规"]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, guifan {guifan.__version__}, pyarrow {pa.__version__}, "
            f"pandas {pd.__version__}, polars {pl.__version__}")


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and minimum wall time of `fn`, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def corpus_works() -> list[list[dict]]:
    """The corpus records grouped by work, versions in order."""
    works: dict[str, list[dict]] = {}
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            works.setdefault(r.get("work") or r["key"], []).append(r)
    return [sorted(v, key=lambda r: r.get("version") or 1) for v in works.values()]


def shift(date: str | None, days: int) -> str | None:
    if not date:
        return date
    try:
        return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def replicated(works: list[list[dict]], n_works: int, rng: random.Random) -> Iterator[dict]:
    """`n_works` works: the corpus works over and over, each copy perturbed."""
    made = 0
    copy = 0
    while made < n_works:
        for versions in works:
            if made >= n_works:
                return
            days = rng.randint(-900, 900)
            issuer = rng.choice(LOCAL_ISSUERS) if rng.random() < 0.4 else None
            flip = rng.random()
            for v in versions:
                r = dict(v)
                r["key"] = f"{v['key']}#{copy}"
                r["work"] = f"{v.get('work') or v['key']}#{copy}"
                for field in ("issued", "effective", "signed", "expires"):
                    if field in r:
                        r[field] = shift(r[field], days)
                r["history"] = [dict(h, date=shift(h.get("date"), days)) for h in v.get("history") or []]
                if issuer:
                    r["issuer"] = issuer
                if r.get("status") == "有效" and flip < 0.15:
                    r["status"] = "废止" if flip < 0.06 else "宣布失效" if flip < 0.10 else "待修订"
                r["body"] = (v.get("body") or "")[:200]
                r["doc_number"] = None
                yield r
            made += 1
        copy += 1


def made_up(n_works: int, rng: random.Random) -> Iterator[dict]:
    """`n_works` made-up documents, when the corpus is absent."""
    statuses = ["有效"] * 17 + ["废止", "宣布失效", "待修订"]
    for i in range(n_works):
        issued = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9000))
        yield {"key": f"synthetic-{i}", "title": f"关于第{i}项事务的管理办法", "kind": rng.choice(KINDS),
               "issuer": rng.choice(LOCAL_ISSUERS), "issued": issued.isoformat(), "status": rng.choice(statuses),
               "body": "第一条　为了规范管理，制定本办法。"}


def build(path: Path, records: Iterator[dict], work: Path) -> tuple[guifan.Registry, float]:
    jsonl = work / f"{path.name}.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    reg = guifan.Registry.open(path, create=True)
    start = time.perf_counter()
    reg.import_jsonl(jsonl)
    took = time.perf_counter() - start
    jsonl.unlink()
    return reg, took


def as_dicts(reg: guifan.Registry) -> pd.DataFrame:
    """The same frame as `documents_table().to_pandas()`, built the way one would without Arrow."""
    return pd.DataFrame([
        {"id": d.id, "work": d.work, "key": d.key, "title": d.title, "kind": d.kind, "issuer": d.issuer,
         "doc_number": d.doc_number, "issued": d.issued, "effective": d.effective, "expires": d.expires,
         "status": d.status.value, "versions": d.versions}
        for d in reg.documents(as_of=AS_OF)
    ])


def measure(name: str, path: Path, runs: int) -> dict[str, str]:
    out: dict[str, str] = {}
    # Cold: a freshly opened registry reads every work's facts from SQLite on the first call.
    colds = []
    for _ in range(5):
        with guifan.Registry.open_existing(path) as reg:
            start = time.perf_counter()
            df = reg.stats(by=BY, as_of=AS_OF).to_pandas()
            colds.append((time.perf_counter() - start) * 1000)
    with guifan.Registry.open_existing(path) as reg:
        works = len(reg)
        expected = reg.stats(by=BY, as_of=AS_OF)
        assert int(df["count"].sum()) == expected.total == works, "the counts cover every work"
        out["works"] = f"{works:,}"
        out["stats cold"] = f"{statistics.median(colds):.1f} ms"
        med, best = timed(lambda: reg.stats(by=BY, as_of=AS_OF).to_pandas(), runs)
        out["stats warm"] = f"{med:.2f} ms (min {best:.2f})"
        med3, _ = timed(lambda: reg.stats(by=["issuer", "year", "status"], as_of=AS_OF).to_pandas(), runs)
        out["stats3 warm"] = f"{med3:.2f} ms"

        arrow = reg.documents_table(as_of=AS_OF).to_pandas()
        dicts = as_dicts(reg)
        assert len(arrow) == len(dicts) == works
        assert arrow["title"].tolist() == dicts["title"].tolist()
        assert arrow["status"].tolist() == dicts["status"].tolist()
        assert arrow["issued"].tolist() == dicts["issued"].tolist()
        fast, _ = timed(lambda: reg.documents_table(as_of=AS_OF).to_pandas(), max(3, runs // 5))
        fast_pl, _ = timed(lambda: reg.documents_table(as_of=AS_OF).to_polars(), max(3, runs // 5))
        slow, _ = timed(lambda: as_dicts(reg), 3)
        out["arrow"] = f"{fast:.0f} ms"
        out["arrow polars"] = f"{fast_pl:.0f} ms"
        out["dicts"] = f"{slow:.0f} ms"
        out["speedup"] = f"{slow / fast:.1f}×"
    print(f"  {name}: done", file=sys.stderr)
    return out


# Search queries for the overhead of the bindings: Python `Registry.search` against the same
# search in Rust (`guifan-bench latency`), top 10 with snippets.
SEARCHES = [
    {"query": '"行政处罚"', "status": None},
    {"query": '"人民政府"', "status": "any"},
    {"query": "罚款 警告", "status": None},
    {"query": '"不动产登记"', "status": "any"},
    {"query": '"法律责任"', "status": None},
    {"query": "title:条例 \"安全生产\"", "status": None},
]


def rust_bench() -> Path | None:
    for profile in ("release",):
        exe = ROOT / "target" / profile / "guifan-bench"
        if exe.is_file():
            return exe
    return None


def search_overhead(path: Path, runs: int) -> dict[str, str]:
    """Median latency of each query in Python and in Rust, and the overhead at the median."""
    import subprocess

    exe = rust_bench()
    if exe is None:
        return {"search py": "—", "search rust": "—", "search overhead": "build guifan-bench (release)"}
    with guifan.Registry.open_existing(path) as reg:
        py_medians = []
        for q in SEARCHES:
            status = q["status"]
            reg.search(q["query"], status=status, limit=10)  # warm-up; the first one builds the index
            med, _ = timed(lambda q=q, status=status: reg.search(q["query"], status=status, limit=10), runs)
            py_medians.append(med)
    spec = path / "search-queries.json"
    spec.write_text(json.dumps(SEARCHES, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([str(exe), "latency", str(path), str(spec), str(runs)], capture_output=True,
                         text=True, check=True)
    rust_medians = json.loads(out.stdout)["p50_ms"]
    py, rust = statistics.median(py_medians), statistics.median(rust_medians)
    ratios = [p / r - 1 for p, r in zip(py_medians, rust_medians)]
    spread = f"per query {min(ratios) * 100:+.0f}…{max(ratios) * 100:+.0f}%"
    return {
        "search py": f"{py:.3f} ms",
        "search rust": f"{rust:.3f} ms",
        "search overhead": f"{statistics.median(ratios) * 100:+.1f}% ({spread})",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="build the registries here and keep them (reused if present)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="guifan-bench-")
    base = args.keep or Path(tmp.name)
    base.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    columns: dict[str, dict[str, str]] = {}
    notes = []

    works = corpus_works() if CORPUS.is_file() else None
    if works is not None:
        corpus = base / "corpus"
        if not (corpus / "registry.sqlite").is_file():
            reg, took = build(corpus, (v for w in works for v in w), base)
            reg.close()
            notes.append(f"corpus import: {took:.1f} s")
        columns["corpus"] = measure("corpus", corpus, args.runs)
        columns["corpus"].update(search_overhead(corpus, args.runs))
    else:
        notes.append("../shared/corpus absent: the large registry is made up from scratch")

    big = base / f"w{args.works}"
    if not (big / "registry.sqlite").is_file():
        records = replicated(works, args.works, rng) if works else made_up(args.works, rng)
        reg, took = build(big, records, base)
        reg.close()
        notes.append(f"{args.works:,}-work import: {took:.1f} s")
    columns[f"{args.works:,} works"] = measure("large", big, args.runs)
    for key in ("search py", "search rust", "search overhead"):
        columns[f"{args.works:,} works"].setdefault(key, "—")
        columns.get("corpus", {}).setdefault(key, "—")

    rows = [
        ("works (documents) in the registry", "works", ""),
        (f"`stats(by={BY!r}).to_pandas()`, cold (first call on a newly opened registry)", "stats cold", ""),
        (f"`stats(by={BY!r}).to_pandas()`, warm (median of {args.runs})", "stats warm", "≤ 20 ms at 100k"),
        ("`stats(by=['issuer', 'year', 'status']).to_pandas()`, warm", "stats3 warm", ""),
        ("every document as a DataFrame: `documents_table().to_pandas()` (Arrow)", "arrow", ""),
        ("the same into polars: `documents_table().to_polars()`", "arrow polars", ""),
        ("the same DataFrame from Python dicts of `documents()`", "dicts", ""),
        ("Arrow export against dicts", "speedup", "≥ 10×"),
        (f"`search(q, limit=10)` in Python, median over {len(SEARCHES)} queries of each median", "search py", ""),
        ("the same search in Rust (`guifan-bench latency`)", "search rust", ""),
        ("overhead of the bindings at p50 (median of the per-query overheads)", "search overhead", "≤ 10%"),
    ]
    names = list(columns)
    print("| measurement | " + " | ".join(names) + " | target |")
    print("|---|" + "---:|" * len(names) + "---|")
    for label, key, target in rows:
        print(f"| {label} | " + " | ".join(columns[n][key] for n in names) + f" | {target} |")
    print()
    print(f"Machine: {machine()}.")
    if notes:
        print("Built: " + "; ".join(notes) + ".")


if __name__ == "__main__":
    main()
