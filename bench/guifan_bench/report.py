"""Scoring engine results against the truth and rendering the markdown tables."""

from __future__ import annotations

import math
from collections import defaultdict

from .snippet import plain

KIND_ORDER = ("single", "common2", "term4_common", "term4_medium", "term4_rare", "phrase6_8",
              "absent", "and_status", "as_of", "snippets10", "snip_common", "snip_rare",
              "snip_absent")

# Kinds that measure a query's fixed cost: top 10 with snippets, status 有效.
FIXED_COST_KINDS = ("snip_common", "snip_rare", "snip_absent")
# Those with a target (p99 at most a quarter of FTS5's): a phrase with no hit costs both
# engines a few term look-ups, and is reported beside them without one.
FIXED_COST_TARGETS = ("snip_common", "snip_rare")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def score(result: dict, queries: list[dict], truth: dict[str, list[str]]) -> dict:
    """Per-kind latency, recall, precision and exactness of one engine's result."""
    by_id = {q["id"]: q for q in result.get("queries", [])}
    kinds: dict[str, dict] = defaultdict(lambda: {"lat": [], "tp": 0, "t": 0, "e": 0, "exact": 0,
                                                   "n": 0, "runs": [], "missing": 0, "all": [],
                                                   "keys_only": [],
                                                   "snip_ok": 0, "snip_n": 0, "snip_len": 0})
    for q in queries:
        k = kinds[q["kind"]]
        k["n"] += 1
        r = by_id.get(q["id"])
        if r is None:
            k["missing"] += 1
            continue
        t = set(truth.get(q["id"], []))
        e = set(r.get("keys", []))
        k["lat"].extend(r.get("latencies_ms", []))
        k["keys_only"].extend(r.get("keys_only_latencies_ms", []))
        if "all_keys_ms" in r:
            k["all"].append(r["all_keys_ms"])
        k["runs"].append(len(r.get("latencies_ms", [])))
        k["tp"] += len(t & e)
        k["t"] += len(t)
        k["e"] += len(e)
        k["exact"] += t == e
        if "snippets" in r:
            phrase = q["terms"][0]
            for s in r["snippets"]:
                k["snip_n"] += 1
                k["snip_ok"] += phrase in plain(s or "")
                k["snip_len"] += len(plain(s or ""))
    out = {}
    for kind, k in kinds.items():
        out[kind] = {
            "queries": k["n"],
            "missing": k["missing"],
            "p50": percentile(k["lat"], 50),
            "p99": percentile(k["lat"], 99),
            "min_runs": min(k["runs"]) if k["runs"] else 0,
            "all_keys_p50": percentile(k["all"], 50),
            "keys_only_p50": percentile(k["keys_only"], 50),
            "recall": k["tp"] / k["t"] if k["t"] else None,
            "precision": k["tp"] / k["e"] if k["e"] else None,
            "exact": k["exact"],
            "snippets": (k["snip_ok"], k["snip_n"], k["snip_len"] / k["snip_n"]) if k["snip_n"]
            else None,
        }
    return out


def _ms(v: float) -> str:
    if math.isnan(v):
        return "—"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def _ratio(v: float | None) -> str:
    return "—" if v is None else f"{v:.3f}"


def _proc(r: dict) -> str:
    p = r.get("process")
    if not p:
        return "— | —"
    return (f"{p['wall_seconds']:,.0f} / {p['cpu_seconds']:,.0f} | "
            f"{p['load_before']:.1f} → {p['load_after']:.1f}")


def _filter(q: dict) -> str:
    parts = []
    if q.get("status"):
        parts.append(f"status={q['status']}")
    if q.get("as_of"):
        d = str(q["as_of"])
        parts.append(f"as_of={d[:4]}-{d[4:6]}-{d[6:]}")
    return ", ".join(parts) or ""


def targets(results: dict[str, dict], scores: dict[str, dict]) -> list[str]:
    """guifan's targets, as ratios to the peers measured in the same run."""
    if "guifan" not in results:
        return []
    g, gs = results["guifan"], scores["guifan"]
    rows = []

    def row(what: str, value: float, limit: float | None, at_least: bool) -> None:
        if math.isnan(value):
            return
        if limit is None:
            rows.append(f"| {what} | {value:.2f}× | – | |")
            return
        ok = value >= limit if at_least else value <= limit
        rows.append(f"| {what} | {value:.2f}× | {'≥' if at_least else '≤'} {limit:g}× | "
                    f"{'met' if ok else 'not met'} |")

    exact = all(s["exact"] == s["queries"] for s in gs.values())
    rows.append("| recall and precision of every query against the truth | "
                f"{'1.000 / 1.000' if exact else 'not exact'} | 1.0 | {'met' if exact else 'not met'} |")

    def mbps(r: dict) -> float:
        secs = r.get("ingest_seconds") or math.nan
        return r.get("ingest_bytes", 0) / secs

    def p(e: str, kind: str, q: str) -> float:
        s = scores.get(e, {}).get(kind)
        return s[q] if s else math.nan

    if "fts5" in results:
        f = results["fts5"]
        row("ingest (store and index together), MB/s against FTS5 trigram", mbps(g) / mbps(f), 3, True)
        row("index size against the FTS5 database", g.get("index_bytes", 0) / f.get("index_bytes", 1), 0.55, False)
        row("snippets10 p99 (top 10 with snippets) against FTS5 with snippet()",
            p("guifan", "snippets10", "p99") / p("fts5", "snippets10", "p99"), 0.25, False)
        for kind in FIXED_COST_KINDS:
            row(f"{kind}: guifan's p99 over FTS5's, median over the kind's queries",
                per_query_ratio(results["guifan"], f, kind, 99),
                0.25 if kind in FIXED_COST_TARGETS else None, False)
    if "tantivy_py" in results:
        row("snippets10 p99 against tantivy-py",
            p("guifan", "snippets10", "p99") / p("tantivy_py", "snippets10", "p99"), 0.3, False)
    if "scan" in results:
        for kind in ("term4_rare", "phrase6_8"):
            row(f"{kind} p50: the scan's time over guifan's (selective phrases)",
                p("scan", kind, "p50") / p("guifan", kind, "p50"), 50, True)
    return ["", "guifan's targets (ratios in this run):", "",
            "| target | measured | wanted | |", "|---|--:|--:|---|", *rows]


def per_query_ratio(a: dict, b: dict, kind: str, p: float) -> float:
    """The median over a kind's queries of engine `a`'s p-th percentile over engine `b`'s, each
    query's own runs."""
    lat = {q["id"]: q.get("latencies_ms", []) for q in b.get("queries", []) if q["kind"] == kind}
    ratios = [percentile(q.get("latencies_ms", []), p) / percentile(lat[q["id"]], p)
              for q in a.get("queries", [])
              if q["kind"] == kind and lat.get(q["id"]) and q.get("latencies_ms")]
    ratios = sorted(r for r in ratios if not math.isnan(r))
    if not ratios:
        return math.nan
    mid = len(ratios) // 2
    return ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2


def corpus_section(label: str, docs: int, results: dict[str, dict], queries: list[dict],
                   truth: dict[str, list[str]]) -> str:
    engines = list(results)
    scores = {e: score(results[e], queries, truth) for e in engines}
    text_bytes = max((r.get("ingest_bytes", 0) for r in results.values()), default=0)
    lines = [f"### {label}: {docs:,} documents, {text_bytes / 1e6:,.1f} MB of title + body text", ""]
    lines += ["| engine | ingest s | ingest MB/s | index MB | index / text | peak RSS MB | "
              "process wall s / CPU s | load avg before → after |",
              "|---|--:|--:|--:|--:|--:|--:|--:|"]
    for e in engines:
        r = results[e]
        secs = r.get("ingest_seconds", math.nan)
        b = r.get("ingest_bytes", 0)
        ib = r.get("index_bytes", 0)
        lines.append(f"| {e} | {secs:,.1f} | {b / 1e6 / secs if secs else math.nan:,.1f} | "
                     f"{ib / 1e6:,.1f} | {ib / b if b else math.nan:.2f} | "
                     f"{r.get('peak_rss_kb', 0) / 1024:,.0f} | {_proc(r)} |")
    kinds = [k for k in KIND_ORDER if any(q["kind"] == k for q in queries)]
    kinds += sorted({q["kind"] for q in queries} - set(kinds))
    nq = {k: sum(1 for q in queries if q["kind"] == k) for k in kinds}
    lines += ["", "Latency to the top 10 keys (snippets10: keys and snippets), ms, p50 / p99 "
              "over all timed runs of the kind's queries:", ""]
    lines.append("| kind | queries | " + " | ".join(f"{e} p50 | {e} p99" for e in engines) + " |")
    lines.append("|---|--:|" + "--:|--:|" * len(engines))
    for k in kinds:
        cells = []
        for e in engines:
            s = scores[e].get(k)
            cells += [_ms(s["p50"]), _ms(s["p99"])] if s else ["—", "—"]
        lines.append(f"| {k} | {nq[k]} | " + " | ".join(cells) + " |")
    lines += ["", "Recall / precision of the exhaustive key lists against the truth (micro-averaged; "
              "— where undefined), and queries answered exactly:", ""]
    lines.append("| kind | truth hits | " + " | ".join(f"{e} R / P | {e} exact" for e in engines)
                 + " |")
    lines.append("|---|--:|" + "--:|--:|" * len(engines))
    for k in kinds:
        hits = sum(len(truth.get(q["id"], [])) for q in queries if q["kind"] == k)
        cells = []
        for e in engines:
            s = scores[e].get(k)
            if not s:
                cells += ["—", "—"]
                continue
            cells += [f"{_ratio(s['recall'])} / {_ratio(s['precision'])}",
                      f"{s['exact']}/{s['queries']}"]
        lines.append(f"| {k} | {hits:,} | " + " | ".join(cells) + " |")
    if any(not math.isnan(s["all_keys_p50"]) for e in engines for s in scores[e].values()):
        lines += ["", "Time to the exhaustive key list (one run per query, for recall; median over "
                  "the kind's queries), ms:", ""]
        lines.append("| kind | " + " | ".join(engines) + " |")
        lines.append("|---|" + "--:|" * len(engines))
        for k in kinds:
            cells = [_ms(scores[e][k]["all_keys_p50"]) if k in scores[e] else "—" for e in engines]
            lines.append(f"| {k} | " + " | ".join(cells) + " |")
    snip_rows = []
    for e in engines:
        s = scores[e].get("snippets10")
        if s and s["snippets"]:
            ok, n, mean_len = s["snippets"]
            snip_rows.append(f"| {e} | {ok}/{n} | {mean_len:.0f} | {_ms(s['keys_only_p50'])} | "
                             f"{_ms(s['p50'])} |")
    if snip_rows:
        lines += ["", "snippets10: snippet quality, and p50 latency of the same queries without "
                  "and with snippets (ms):", "",
                  "| engine | snippets containing the phrase | mean snippet length (chars) | "
                  "p50 keys only | p50 keys + snippets |", "|---|--:|--:|--:|--:|", *snip_rows]
    lines += targets(results, scores)
    runs = {e: min((s["min_runs"] for s in scores[e].values()), default=0) for e in engines}
    lines += ["", "Timed runs per query (fewest): "
              + ", ".join(f"{e} {runs[e]}" for e in engines) + "."]
    notes = [(e, n) for e in engines for n in results[e].get("notes", [])]
    if notes:
        lines += ["", "Engine notes:", ""] + [f"- {e}: {n}" for e, n in notes]
    lines += ["", "<details><summary>Queries</summary>", "",
              "| id | terms | filter | truth hits |", "|---|---|---|--:|"]
    for q in queries:
        lines.append(f"| {q['id']} | {' + '.join(q['terms'])} | {_filter(q)} | "
                     f"{len(truth.get(q['id'], [])):,} |")
    lines += ["", "</details>", ""]
    return "\n".join(lines)
