"""Load benchmark of `guifan serve`: 50 clients searching (phrases, keywords, questions,
filters) while one client imports a file, on the corpus and on 100,000 documents.

    python bench/serve_load.py --sizes corpus,100k --seconds 60 --think 0,1000 --output bench/results/serve.md

For each size it builds a registry (release `guifan import`, index included; kept under
bench/out/serve/ for the next run), makes a write token, starts `guifan serve` and measures
its start-up, draws the requests from the corpus with a fixed seed, runs the load generator
(`server/examples/serve_load.rs`, release) against it with one import of new documents
during the run, samples the server's resident memory, stops the server with SIGTERM and
checks that the registry holds the imported documents. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
CORPUS = REPO.parent / "shared" / "corpus" / "laws.jsonl"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def build() -> tuple[Path, Path]:
    """The release `guifan` binary and the load generator."""
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "guifan-cli"], cwd=REPO, check=True)
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "guifan-server", "--example", "serve_load"],
        cwd=REPO,
        check=True,
    )
    return TARGET / "release" / "guifan", TARGET / "release" / "examples" / "serve_load"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_records(path: Path, n: int, seed: int) -> list[dict]:
    """n records drawn from the first 20,000 lines of a corpus, with a fixed seed."""
    rng = random.Random(seed)
    picked: list[dict] = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 20_000:
                break
            if len(picked) < n:
                picked.append(json.loads(line))
            elif rng.random() < n / (i + 1):
                picked[rng.randrange(n)] = json.loads(line)
    return picked


HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


def requests_for(records: list[dict], seed: int, n: int = 400) -> list[str]:
    """Search requests: exact phrases, keyword pairs, questions, and each with filters."""
    rng = random.Random(seed)
    runs: list[str] = []
    for r in records:
        runs += [m for m in HAN.findall(r.get("body", "")[:4000]) if len(m) >= 4]
    if not runs:
        raise SystemExit("the corpus sample has no Chinese text")
    statuses = ["", "any", "有效", "有效,待修订"]
    kinds = ["", "", "法律", "行政法规", "司法解释", "地方性法规"]
    out = []
    for i in range(n):
        run = rng.choice(runs)
        start = rng.randrange(0, max(1, len(run) - 4))
        kind = i % 4
        if kind == 0:  # an exact phrase of 4 to 8 characters
            q = '"' + run[start : start + rng.randint(4, 8)] + '"'
        elif kind == 1:  # two keywords
            other = rng.choice(runs)
            q = run[start : start + 2] + " " + other[:2]
        elif kind == 2:  # a question
            q = "哪些规定涉及" + run[start : start + 4] + "？"
        else:  # a word and filters
            q = run[start : start + 3]
        params = {"q": q, "limit": "10"}
        if i % 3 == 0:
            s = rng.choice(statuses)
            if s:
                params["status"] = s
        if i % 5 == 0:
            k = rng.choice(kinds)
            if k:
                params["kind"] = k
        if i % 7 == 0:
            params["as_of"] = f"{rng.randint(2000, 2025)}-06-30"
        if i % 11 == 0:
            params["year"] = str(rng.randint(1990, 2020))
        out.append("/api/v1/search?" + urllib.parse.urlencode(params))
    return out


def import_file(records: list[dict], tag: str, path: Path) -> int:
    """New documents (fresh keys and works) made from corpus records, for the import under load."""
    with path.open("w", encoding="utf-8") as f:
        for i, r in enumerate(records):
            r = dict(r)
            r["key"] = f"load-{tag}-{i}"
            r["work"] = f"load-{tag}-{i}"
            r.pop("doc_number", None)
            r["title"] = r.get("title", "") + f"（压测导入{i}）"
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(records)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def registry_for(guifan: Path, name: str, corpus: Path, out: Path) -> Path:
    reg = out / name / "registry"
    done = reg / ".imported"
    if done.exists():
        return reg
    if reg.exists():
        subprocess.run(["rm", "-rf", str(reg)], check=True)
    reg.parent.mkdir(parents=True, exist_ok=True)
    log(f"[{name}] importing {corpus} …")
    t = time.perf_counter()
    subprocess.run([str(guifan), "--registry", str(reg), "import", str(corpus)], check=True,
                   stdout=subprocess.DEVNULL)
    log(f"[{name}] imported in {time.perf_counter() - t:.0f} s")
    done.write_text("ok\n")
    return reg


def count_works(guifan: Path, reg: Path) -> int:
    out = subprocess.run([str(guifan), "--registry", str(reg), "stats", "--json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["total"]


def run_size(name: str, corpus: Path, guifan: Path, load: Path, out: Path, a, think: int) -> dict:
    reg = registry_for(guifan, name, corpus, out)
    env = dict(os.environ, GUIFAN_REGISTRY=str(reg))
    token = subprocess.run([str(guifan), "token", "add", f"load-{time.time_ns()}", "--scope", "write"],
                           env=env, check=True, capture_output=True, text=True).stdout.strip()
    sample = sample_records(corpus, 300, a.seed)
    reqs = out / name / "requests.txt"
    reqs.write_text("\n".join(requests_for(sample, a.seed)) + "\n", encoding="utf-8")
    tag = str(time.time_ns())
    new = out / name / "import.jsonl"
    imported = import_file(sample[: a.import_docs], tag, new)
    works_before = count_works(guifan, reg)

    port = free_port()
    serve_log = (out / name / "serve.log").open("w")
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(guifan), "serve", "--listen", f"127.0.0.1:{port}"], env=env,
                            stdout=serve_log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            req = urllib.request.Request(base + "/api/v1/me", headers={"Authorization": f"Bearer {token}"})
            urllib.request.urlopen(req, timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"guifan serve exited: see {serve_log.name}") from None
            time.sleep(0.02)
    startup = time.perf_counter() - t0
    idle_rss = rss_mb(proc.pid)
    peak = [idle_rss]
    stop = threading.Event()

    def sampler():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb(proc.pid))
            time.sleep(0.2)

    threading.Thread(target=sampler, daemon=True).start()
    # Warm-up: every request once, untimed (the first search of a handle builds its snapshot).
    subprocess.run([str(load), "--addr", f"127.0.0.1:{port}", "--token", token, "--requests", str(reqs),
                    "--clients", "4", "--seconds", str(a.warmup)], check=True, capture_output=True)
    log(f"[{name}] load: {a.clients} clients for {a.seconds} s, think time {think} ms, "
        f"importing {imported} documents after 5 s")
    res = subprocess.run([str(load), "--addr", f"127.0.0.1:{port}", "--token", token, "--requests", str(reqs),
                          "--clients", str(a.clients), "--seconds", str(a.seconds), "--import", str(new),
                          "--import-after", "5", "--think", str(think)],
                         check=True, capture_output=True, text=True)
    stop.set()
    result = json.loads(res.stdout)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    serve_log.close()
    works_after = count_works(guifan, reg)
    result.update(
        size=name,
        think_ms=think,
        works=works_before,
        startup_ms=startup * 1000,
        idle_rss_mb=idle_rss,
        peak_rss_mb=peak[0],
        imported=imported,
        import_committed=works_after - works_before,
        exit_code=code,
    )
    log(json.dumps(result, ensure_ascii=False))
    return result


def table(rows: list[dict], a) -> str:
    lines = [
        "# `guifan serve` under load",
        "",
        f"`python bench/serve_load.py --sizes {a.sizes} --seconds {a.seconds} --clients {a.clients} "
        f"--think {a.think}` on this "
        "2-core machine: the server (release, 2 runtime workers, 4 read handles) and the load generator "
        "(`server/examples/serve_load.rs`, one thread) share the two cores. Each client keeps one "
        "connection and sends search requests with a read-write token, round-robin from 400 drawn "
        "from the corpus with a fixed seed: a quarter exact phrases of 4–8 characters, a quarter two "
        "keywords, a quarter questions (哪些规定涉及…？), a quarter one word; a third with a status "
        "filter, a fifth with a kind, some with an as-of date or a year; 10 hits with snippets. "
        "Five seconds in, one more client uploads a JSON Lines file of new documents to "
        "`/api/v1/import` (one transaction, indexed as it is stored). Latency is measured by the "
        "client, from writing the request to reading the whole response; errors are non-2xx answers "
        "and broken connections. Think time 0: each client sends its next request as soon as it has "
        "read the answer, which measures the server saturated; otherwise each client first pauses "
        "for a time drawn from an exponential distribution of that mean, as a person reads the "
        "results before searching again.",
        "",
        "| registry | documents | think time | start-up | requests | throughput | p50 | p99 | max | errors | "
        "import (documents, time, committed) | RSS idle / peak |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['works']:,} | {r['think_ms']} ms | {r['startup_ms']:.0f} ms | {r['requests']:,} | "
            f"{r['throughput']:.0f}/s | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['max_ms']:.0f} ms | "
            f"{r['errors']} | {r['imported']} in {r['import_seconds']:.1f} s, HTTP {r['import_status']}, "
            f"{r['import_committed']} committed | {r['idle_rss_mb']:.0f} / {r['peak_rss_mb']:.0f} MB |"
        )
    lines += [
        "",
        "Targets at 100,000 documents: search p99 ≤ 100 ms, 0 errors, the import completes. "
        "Start-up is from starting the process to the first answered request (the index and the "
        "store are opened, nothing is loaded ahead; the warm-up that follows reads the snapshot).",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="corpus,100k")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--corpus-100k", type=Path, default=None,
                   help="the 100k corpus (default: built by bench/search.py build-corpus)")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--think", default="0,1000",
                   help="mean pause of each client between requests, ms; a list runs each in turn")
    p.add_argument("--import-docs", type=int, default=200)
    p.add_argument("--seed", type=int, default=20250101)
    p.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "serve")
    p.add_argument("--output", type=Path)
    a = p.parse_args()
    guifan, load = build()
    rows = []
    for size in a.sizes.split(","):
        if size == "corpus":
            corpus = a.corpus
        else:
            corpus = a.corpus_100k
            if corpus is None:
                subprocess.run([sys.executable, str(REPO / "bench" / "search.py"), "build-corpus", "--size", size,
                                "--out", str(REPO / "bench" / "out")], check=True)
                corpus = REPO / "bench" / "out" / f"{a.corpus.stem}-{size}-seed{a.seed}-v2.jsonl"
        for think in [int(t) for t in a.think.split(",")]:
            rows.append(run_size(size, corpus.resolve(), guifan, load, a.out, a, think))
    md = table(rows, a)
    if a.output:
        a.output.write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
