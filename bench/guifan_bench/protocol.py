"""Running one engine in this process and printing the protocol's JSON object on stdout.

The object: `engine`, `ingest_seconds`, `ingest_bytes` (UTF-8 bytes of title + body ingested),
`index_bytes` (on disk after ingest), `peak_rss_kb`, and `queries`: for each query `id`, `kind`,
`latencies_ms` (the runs after the warm-up), `total` and `keys` (every matching key), plus
`snippets` (10 strings) for the `snippets10` kind. Optional: `notes`, `versions`, per query
`all_keys_ms` (time of the exhaustive key list, one run) and, for snippet queries,
`keys_only_latencies_ms` (the same query timed without snippets).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .corpus import iter_records
from .engines import make
from .queries import read_queries
from .text import next_starts, raw_bytes


def _time(engine, q: dict, k: int, snippets: bool, runs: int, budget_s: float,
          min_runs: int) -> tuple[list[float], tuple]:
    """Timed runs of `engine.top`; returns the latencies (ms) and the last run's answer."""
    lat: list[float] = []
    spent = 0.0
    answer: tuple = ([], None)
    for _ in range(runs):
        t = time.perf_counter()
        answer = engine.top(q, k, snippets)
        dt = time.perf_counter() - t
        lat.append(dt * 1000.0)
        spent += dt
        if len(lat) >= min_runs and spent > budget_s:
            break
    return lat, answer


def run(name: str, corpus: str, queries: str, workdir: str, runs: int = 30, warmup: int = 1,
        budget_s: float = 30.0, min_runs: int = 5, k: int = 10) -> dict:
    """Ingest `corpus` into engine `name`, then time every query (see the module doc).

    A query stops early, after at least `min_runs` timed runs, once its timed runs have taken more
    than `budget_s` seconds in all; the number of runs is the length of `latencies_ms`.
    """
    wd = Path(workdir)
    wd.mkdir(parents=True, exist_ok=True)
    engine = make(name, wd / name)
    ingested = 0
    # Which later version follows each version (for the as-of rule): worked out before the
    # clock starts, so no engine pays for it.
    following = next_starts(iter_records(corpus))

    def records() -> Iterator[tuple[int, dict]]:
        nonlocal ingested
        for i, rec in enumerate(iter_records(corpus)):
            rec["_next_start"] = following[rec["key"]]
            ingested += raw_bytes(rec)
            if i and i % 10_000 == 0:
                print(f"{name}: ingested {i}", file=sys.stderr, flush=True)
            yield i, rec

    t0 = time.perf_counter()
    engine.ingest(records())
    ingest_seconds = time.perf_counter() - t0
    print(f"{name}: ingest {ingest_seconds:.1f} s", file=sys.stderr, flush=True)
    out_queries = []
    for q in read_queries(queries):
        snippets = q.get("snippets", False)
        for _ in range(warmup):
            engine.top(q, k, snippets)
        lat, (keys, snips) = _time(engine, q, k, snippets, runs, budget_s, min_runs)
        t = time.perf_counter()
        all_keys = engine.all_keys(q)
        all_ms = (time.perf_counter() - t) * 1000.0
        item = {"id": q["id"], "kind": q["kind"], "latencies_ms": lat, "total": len(all_keys),
                "keys": all_keys, "top_keys": keys, "all_keys_ms": all_ms}
        if snippets:
            item["snippets"] = snips or []
            # The same query without snippets, to show what the snippets cost.
            item["keys_only_latencies_ms"] = _time(engine, q, k, False, runs, budget_s,
                                                   min_runs)[0]
        out_queries.append(item)
        print(f"{name}: {q['id']} {len(all_keys)} hits, median "
              f"{sorted(lat)[len(lat) // 2]:.2f} ms", file=sys.stderr, flush=True)
    return {
        "engine": name,
        "ingest_seconds": ingest_seconds,
        "ingest_bytes": ingested,
        "index_bytes": engine.index_bytes(),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "versions": engine.versions(),
        "notes": engine.notes,
        "queries": out_queries,
    }


def main(name: str, corpus: str, queries: str, workdir: str, runs: int, budget_s: float) -> int:
    result = run(name, corpus, queries, workdir, runs=runs, budget_s=budget_s)
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
