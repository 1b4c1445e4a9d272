"""`run`: build the corpora, queries and truth, run each engine in its own process, report."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import machine, report

ENGINE_ORDER = ("guifan", "scan", "fts5", "tantivy_py")
SEARCH_PY = Path(__file__).resolve().parent.parent / "search.py"


@dataclass
class Size:
    label: str
    path: Path


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def replicated_path(name: str, base: Path, out: Path, seed: int) -> tuple[Path, int]:
    """Where the replicated corpus `name` (`100k`, `20000`, ...) lives, and its size."""
    m = re.fullmatch(r"(\d+)(k?)", name)
    if not m:
        raise SystemExit(f"bad size `{name}`: use `corpus`, a count (20000) or thousands (100k)")
    n = int(m.group(1)) * (1000 if m.group(2) else 1)
    # v2: versions of a work are shifted together and keep 已修改 (the registry's model).
    return out / f"{base.stem}-{name}-seed{seed}-v2.jsonl", n


def resolve_size(name: str, base: Path, out: Path, seed: int) -> Size:
    """`corpus` is the base corpus; `100k`, `20000`, ... a replicated corpus built on demand."""
    if name == "corpus":
        return Size(base.name, base)
    path, n = replicated_path(name, base, out, seed)
    if not path.exists():
        log(f"building {path} ({n:,} documents from {base})")
        t = time.perf_counter()
        # In a child process, like every step that holds a corpus in memory: a child's peak RSS
        # counts the memory of the process it was forked from, so the runner stays small.
        _child(["build-corpus", "--corpus", str(base), "--size", name, "--out", str(out),
                "--seed", str(seed)])
        log(f"built {path} in {time.perf_counter() - t:.0f} s")
    return Size(f"{base.stem}-{name}", path)


def _child(args: list[str]) -> None:
    subprocess.run([sys.executable, str(SEARCH_PY), *args], check=True, stdout=subprocess.DEVNULL)


def run_process(cmd: str | list[str], shell: bool, stdout_path: Path) -> tuple[dict, dict]:
    """Run one engine process; return its JSON and what the OS says about the run: peak RSS (KB,
    from wait4), CPU seconds, wall seconds, and the 1-minute load average before and after."""
    t = time.perf_counter()
    load_before = os.getloadavg()[0]
    with open(stdout_path, "wb") as out:
        p = subprocess.Popen(cmd, shell=shell, stdout=out)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    load = (load_before, os.getloadavg()[0])
    if p.returncode != 0:
        raise RuntimeError(f"engine command failed with exit code {p.returncode}: {cmd}")
    text = stdout_path.read_text(encoding="utf-8").strip()
    # The JSON object is the last non-empty line (an engine may print other lines before it).
    last = text.splitlines()[-1] if text else ""
    try:
        return json.loads(last), {"maxrss_kb": usage.ru_maxrss, "wall_seconds": wall,
                                  "cpu_seconds": usage.ru_utime + usage.ru_stime,
                                  "load_before": load[0], "load_after": load[1]}
    except ValueError as e:
        raise RuntimeError(f"engine output is not a JSON object: {last[:200]!r}") from e


REPO = Path(__file__).resolve().parents[2]


def guifan_engine() -> Path:
    """guifan's own engine: the release build of `guifan-bench` (built here when missing or
    older than the sources)."""
    log("== building guifan-bench (cargo build --release)")
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "guifan-bench"], cwd=REPO,
                   check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "release" / "guifan-bench"


def engine_command(name: str, external: dict[str, str], corpus: Path, qpath: Path, workdir: Path,
                   runs: int, budget: float) -> tuple[str | list[str], bool]:
    if name == "guifan" and name not in external:
        return [str(guifan_engine()), str(corpus), str(qpath), str(workdir / name), str(runs)], False
    if name in external:
        # An external engine gets a directory of its own.
        cmd = external[name].format(corpus=shlex.quote(str(corpus)),
                                    queries=shlex.quote(str(qpath)),
                                    workdir=shlex.quote(str(workdir / name)), runs=runs)
        return cmd, True
    return [sys.executable, str(SEARCH_PY), "engine", name, "--corpus", str(corpus),
            "--queries", str(qpath), "--workdir", str(workdir), "--runs", str(runs),
            "--budget", str(budget)], False


def run(base: Path, sizes: list[str], engines: list[str], external: dict[str, str], out: Path,
        seed: int, runs: int, budget: float, quick: bool, output: Path | None) -> str:
    out.mkdir(parents=True, exist_ok=True)
    if quick:
        sub = out / "quick" / f"{base.stem}-2000.jsonl"
        if not sub.exists() or sub.stat().st_mtime < base.stat().st_mtime:
            _child(["subset", "--corpus", str(base), "--n", "2000", "--dst", str(sub)])
        todo = [Size(f"{base.stem}-quick2000", sub)]
    else:
        todo = [resolve_size(s, base, out, seed) for s in sizes]
    sections = []
    for size in todo:
        cdir = out / size.label
        _child(["queries", "--corpus", str(size.path), "--out", str(cdir), "--seed", str(seed)])
        qpath, tpath = cdir / "queries.json", cdir / "truth.json"
        qdoc = json.loads(qpath.read_text(encoding="utf-8"))
        truth = json.loads(tpath.read_text(encoding="utf-8"))
        results = {}
        for name in engines:
            workdir = cdir / "work"
            cmd, shell = engine_command(name, external, size.path, qpath, workdir, runs, budget)
            log(f"== {size.label}: {name}")
            (cdir / "results").mkdir(exist_ok=True)
            raw = cdir / "results" / f"{name}.stdout"
            result, os_view = run_process(cmd, shell, raw)
            result.setdefault("engine", name)
            result["peak_rss_kb"] = max(int(result.get("peak_rss_kb") or 0), os_view["maxrss_kb"])
            result["process"] = os_view
            (cdir / "results" / f"{name}.json").write_text(
                json.dumps(result, ensure_ascii=False), encoding="utf-8")
            raw.unlink()
            results[name] = result
            # The engine's index is not needed after its run: free the disk for the next one.
            shutil.rmtree(workdir / name, ignore_errors=True)
        sections.append(report.corpus_section(size.label, qdoc["documents"], results,
                                              qdoc["queries"], truth))
    md = render(sections, runs, budget, quick)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(md, encoding="utf-8")
    return md


def render(sections: list[str], runs: int, budget: float, quick: bool) -> str:
    head = ["# Search benchmark: peers", "",
            f"Machine: {machine.describe()}", "",
            f"Each engine runs in its own process. Latency: {runs} timed runs per query after one "
            f"warm-up (fewer, but at least 5, once a query's runs pass {budget:g} s). The machine "
            "is shared: the load average before and after each engine's process is shown, and "
            "latencies taken under load (above 1 on 2 cores) are inflated."
            + (" Quick mode: 2,000-document subset." if quick else ""), ""]
    return "\n".join(head + sections)


def report_only(out: Path, labels: list[str] | None, runs: int, budget: float) -> str:
    """Re-render the tables from results already saved under `out`."""
    sections = []
    for cdir in sorted(p for p in out.iterdir() if (p / "results").is_dir()):
        if labels and cdir.name not in labels:
            continue
        qdoc = json.loads((cdir / "queries.json").read_text(encoding="utf-8"))
        truth = json.loads((cdir / "truth.json").read_text(encoding="utf-8"))
        files = sorted((cdir / "results").glob("*.json"),
                       key=lambda p: (ENGINE_ORDER.index(p.stem) if p.stem in ENGINE_ORDER
                                      else len(ENGINE_ORDER), p.stem))
        results = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in files}
        sections.append(report.corpus_section(cdir.name, qdoc["documents"], results,
                                              qdoc["queries"], truth))
    return render(sections, runs, budget, False)
