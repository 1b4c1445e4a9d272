#!/usr/bin/env python3
"""guifan search benchmark: peers and protocol. See bench/README.md.

  python bench/search.py run [--sizes corpus,100k] [--engines guifan,scan,fts5,tantivy_py]
                             [--engine-cmd NAME='CMD {corpus} {queries} {workdir}'] [--quick]
  python bench/search.py engine NAME --corpus FILE --queries FILE --workdir DIR
  python bench/search.py queries --corpus FILE --out DIR
  python bench/search.py build-corpus --size 100k
  python bench/search.py report
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

REPO = HERE.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "laws.jsonl"
DEFAULT_OUT = HERE / "out"
DEFAULT_SEED = 20250101


def _engine_cmds(values: list[str]) -> dict[str, str]:
    out = {}
    for v in values:
        name, sep, cmd = v.partition("=")
        if not sep or not name or not cmd:
            raise SystemExit(f"--engine-cmd wants NAME='command {{corpus}} {{queries}} {{workdir}}',"
                             f" got `{v}`")
        out[name.strip()] = cmd
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="search.py", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    e = sub.add_parser("engine", help="ingest and time one engine; print the protocol's JSON")
    e.add_argument("name")
    e.add_argument("--corpus", required=True)
    e.add_argument("--queries", required=True)
    e.add_argument("--workdir", required=True)
    e.add_argument("--runs", type=int, default=30)
    e.add_argument("--budget", type=float, default=30.0,
                   help="seconds of timed runs per query after which it stops (at least 5 runs)")

    r = sub.add_parser("run", help="corpora, queries, truth, every engine, markdown table")
    r.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    r.add_argument("--sizes", default="corpus,100k",
                   help="comma list: `corpus` and/or replicated sizes such as 100k")
    r.add_argument("--engines", default="guifan,scan,fts5,tantivy_py",
                   help="comma list of built-in engines (may be empty); guifan is the Rust "
                        "engine bench/engine, built with cargo")
    r.add_argument("--engine-cmd", action="append", default=[], metavar="NAME=CMD",
                   help="an external engine: command with {corpus} {queries} {workdir} [{runs}]")
    r.add_argument("--quick", action="store_true", help="2,000-document subset, 5 runs")
    r.add_argument("--out", type=Path, default=DEFAULT_OUT, help="work dir (git-ignored)")
    r.add_argument("--seed", type=int, default=DEFAULT_SEED)
    r.add_argument("--runs", type=int, default=None, help="timed runs per query (default 30)")
    r.add_argument("--budget", type=float, default=30.0)
    r.add_argument("--output", type=Path, help="also write the markdown here")

    q = sub.add_parser("queries", help="select queries and compute the truth for a corpus")
    q.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    q.add_argument("--out", type=Path, required=True)
    q.add_argument("--seed", type=int, default=DEFAULT_SEED)

    b = sub.add_parser("build-corpus", help="build a replicated corpus (e.g. 100k)")
    b.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    b.add_argument("--size", default="100k")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT)
    b.add_argument("--seed", type=int, default=DEFAULT_SEED)

    s = sub.add_parser("subset", help="write the first N records of a corpus")
    s.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--dst", type=Path, required=True)

    p = sub.add_parser("report", help="re-render the tables from saved results")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--only", default="", help="comma list of corpus labels")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--budget", type=float, default=30.0)
    p.add_argument("--output", type=Path)

    a = ap.parse_args(argv)
    if a.cmd == "engine":
        from guifan_bench import protocol

        return protocol.main(a.name, a.corpus, a.queries, a.workdir, a.runs, a.budget)
    if a.cmd == "queries":
        from guifan_bench import queries

        qp, tp = queries.generate(a.corpus, a.out, a.seed)
        print(qp)
        print(tp)
        return 0
    if a.cmd == "subset":
        from guifan_bench import corpus

        print(corpus.subset(a.corpus, a.dst, a.n))
        return 0
    if a.cmd == "build-corpus":
        from guifan_bench import corpus, runner

        path, n = runner.replicated_path(a.size, a.corpus.resolve(), a.out.resolve(), a.seed)
        print(corpus.replicate(a.corpus, path, n, a.seed))
        return 0
    if a.cmd == "report":
        from guifan_bench import runner

        md = runner.report_only(a.out, [s for s in a.only.split(",") if s], a.runs, a.budget)
        if a.output:
            a.output.write_text(md, encoding="utf-8")
        print(md)
        return 0
    from guifan_bench import runner

    external = _engine_cmds(a.engine_cmd)
    engines = [s for s in a.engines.split(",") if s] + [n for n in external
                                                        if n not in a.engines.split(",")]
    runs = a.runs if a.runs is not None else (5 if a.quick else 30)
    if not a.corpus.exists():
        raise SystemExit(f"corpus not found: {a.corpus} (use --corpus)")
    md = runner.run(a.corpus.resolve(), [s for s in a.sizes.split(",") if s], engines, external,
                    a.out.resolve(), a.seed, runs, a.budget, a.quick, a.output)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
