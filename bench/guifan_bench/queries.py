"""Query selection from corpus statistics, and the truth for each query.

A query is a list of `terms` (all must occur: each in the title or in the body), optional filters
(`status` 有效: in force; `as_of`: the YYYYMMDD date that is reckoned on, see `text.as_of_match`)
and a `snippets` flag.
Terms are stored NFKC-normalised and lower-cased.

Selection is deterministic: candidates come from jieba's segmentation of a fixed sample of
documents, document frequencies from a larger fixed sample, and choices within a frequency band
from a seeded `random.Random`. The truth is a plain substring scan over every document.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .corpus import iter_records
from .text import STATUS_DATE, VALID, as_of_match, is_han, next_starts, norm, start_date

GENERATOR_VERSION = 5
STATS_SAMPLE = 4000   # documents used for document frequencies
JIEBA_SAMPLE = 300    # documents segmented for candidate words
AS_OF_DATES = (19950101, 20050630, 20121231, 20180301)
HAN_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")


@dataclass
class Loaded:
    """The normalised corpus held in memory for selection and truth."""

    keys: list[str]
    titles: list[str]
    bodies: list[str]
    statuses: list[str]
    starts: list[int | None]
    next_starts: list[int]


def load(path: str | os.PathLike) -> Loaded:
    keys, titles, bodies, statuses, starts = [], [], [], [], []
    following = next_starts(iter_records(path))
    for rec in iter_records(path):
        keys.append(rec["key"])
        titles.append(norm(rec.get("title")))
        bodies.append(norm(rec.get("body")))
        statuses.append(rec.get("status") or "unknown")
        starts.append(start_date(rec))
    return Loaded(keys, titles, bodies, statuses, starts, [following[k] for k in keys])


def truth(c: Loaded, q: dict) -> list[str]:
    """Keys of the documents matching `q`, by substring scan (the reference)."""
    terms = q["terms"]
    day = filter_date(q)
    out = []
    for i, key in enumerate(c.keys):
        if day is not None and not as_of_match(c.statuses[i], c.starts[i], c.next_starts[i], day):
            continue
        t, b = c.titles[i], c.bodies[i]
        if all(term in t or term in b for term in terms):
            out.append(key)
    return out


def filter_date(q: dict) -> int | None:
    """The date a query's filter is reckoned on: its `as_of`; for a `status` filter (有效: in
    force) without one, `STATUS_DATE`; `None` when the query has no filter."""
    if q.get("as_of") is not None:
        return q["as_of"]
    if q.get("status") is not None:
        return STATUS_DATE
    return None


def _sample(n: int, size: int) -> list[int]:
    step = max(1, -(-n // size))
    return list(range(0, n, step))


def _doc_freq(texts: list[str], width: int, candidates: set[str]) -> Counter:
    df: Counter = Counter()
    for t in texts:
        grams = {t[i : i + width] for i in range(len(t) - width + 1)}
        df.update(grams & candidates)
    return df


def _pick(rng: random.Random, pool: list[str], k: int, taken: set[str]) -> list[str]:
    pool = sorted(w for w in pool if w not in taken)
    chosen = rng.sample(pool, min(k, len(pool)))
    taken.update(chosen)
    return chosen


def _band(df: Counter, n: int, lo: float, hi: float, min_docs: int = 1) -> list[str]:
    return [w for w, d in df.items() if lo <= d / n <= hi and d >= min_docs]


def select(c: Loaded, seed: int, per_kind: int = 4) -> list[dict]:
    """Choose the queries for corpus `c` (see the module doc)."""
    import jieba  # imported here: only selection needs it

    jieba.setLogLevel(60)
    rng = random.Random(f"queries:{seed}")
    sample = _sample(len(c.keys), STATS_SAMPLE)
    texts = [c.titles[i] + "\n" + c.bodies[i] for i in sample]
    n = len(texts)
    words: Counter = Counter()
    for i in _sample(len(texts), JIEBA_SAMPLE):
        words.update(w for w in jieba.cut(texts[i]) if is_han(w))
    cand2 = {w for w, f in words.items() if len(w) == 2 and f >= 3}
    cand4 = {w for w in words if len(w) == 4}
    df2 = _doc_freq(texts, 2, cand2)
    df4 = _doc_freq(texts, 4, cand4)
    df1: Counter = Counter()
    for t in texts:
        df1.update(ch for ch in set(t) if is_han(ch))
    print(f"queries: {n} sampled docs, {len(cand2)} 2-char and {len(cand4)} 4-char candidate words",
          file=sys.stderr, flush=True)

    taken: set[str] = set()
    queries: list[dict] = []

    def add(kind: str, terms: list[str], **extra) -> None:
        j = sum(1 for q in queries if q["kind"] == kind) + 1
        queries.append({"id": f"{kind}-{j}", "kind": kind, "terms": terms, "status": None,
                        "as_of": None, "snippets": False, **extra})

    for w in _pick(rng, _band(df2, n, 0.15, 0.5), per_kind, taken):
        add("common2", [w])
    common4 = _band(df4, n, 0.15, 0.6)
    medium4 = _band(df4, n, 0.01, 0.03)
    rare4 = _band(df4, n, 0.0, 0.0015, min_docs=2)
    for w in _pick(rng, common4, per_kind, taken):
        add("term4_common", [w])
    for w in _pick(rng, medium4, per_kind, taken):
        add("term4_medium", [w])
    for w in _pick(rng, rare4, per_kind, taken):
        add("term4_rare", [w])

    # Phrases of 6 to 8 Han characters cut from random places in random sampled documents.
    phrases: list[str] = []
    tries = 0
    while len(phrases) < per_kind + 1 and tries < 10_000:
        tries += 1
        runs = HAN_RUN.findall(texts[rng.randrange(n)])
        if not runs:
            continue
        run = rng.choice(runs)
        length = rng.randint(6, 8)
        if len(run) < length:
            continue
        start = rng.randrange(len(run) - length + 1)
        p = run[start : start + length]
        if p not in phrases:
            phrases.append(p)
    for p in phrases[:per_kind]:
        add("phrase6_8", [p])

    # Absent phrases: real phrases with their characters shuffled, kept only if in no document.
    absent = 0
    tries = 0
    while absent < max(2, per_kind - 1) and tries < 1000:
        tries += 1
        src = phrases[tries % len(phrases)]
        chars = list(src[: rng.randint(4, len(src))])
        rng.shuffle(chars)
        p = "".join(chars)
        if not truth(c, {"terms": [p]}):
            add("absent", [p])
            absent += 1

    # Single characters across frequency bands (very common down to rare).
    for lo, hi in ((0.9, 1.0), (0.3, 0.6), (0.05, 0.15), (0.002, 0.01))[:per_kind]:
        add("single", _pick(rng, _band(df1, n, lo, hi), 1, taken))

    # Filtered queries: drawn until each has at least one hit, so the filter is exercised.
    pairs_a = _pick(rng, medium4, 4 * per_kind, taken)
    pairs_b = _pick(rng, common4 + _band(df2, n, 0.15, 0.5), 4 * per_kind, taken)
    made = 0
    for a, b in zip(pairs_a, pairs_b):
        if made < per_kind and truth(c, {"terms": [a, b], "status": VALID}):
            add("and_status", [a, b], status=VALID, as_of=STATUS_DATE)
            made += 1
    made = 0
    for w in _pick(rng, common4 + medium4, 4 * per_kind, taken):
        if made < min(per_kind, len(AS_OF_DATES)) and truth(
                c, {"terms": [w], "as_of": AS_OF_DATES[made]}):
            add("as_of", [w], as_of=AS_OF_DATES[made])
            made += 1

    snip = _pick(rng, common4, per_kind - 1, taken) + phrases[-1:]
    for w in snip:
        add("snippets10", [w], snippets=True)

    # A query's fixed cost, what a search box sees (top 10 with snippets, status 有效), for
    # common, rare and absent phrases; drawn from their own generator, after every other kind,
    # so that the kinds above stay what they were.
    rng = random.Random(f"fixed-cost:{seed}")
    valid = {"status": VALID, "as_of": STATUS_DATE, "snippets": True}
    for w in _pick(rng, common4, 2 * per_kind, taken):
        if truth(c, {"terms": [w], **valid}):
            add("snip_common", [w], **valid)
    # Rare: in 1 to 5 documents of the corpus, or its 0.05 % if larger (a replicated corpus holds
    # each text about 30 times). A phrase is tried against the sample first, the corpus after.
    most = max(5, len(c.keys) // 2000)
    rare: list[str] = []
    tries = 0
    while len(rare) < 2 * per_kind and tries < 5_000:
        tries += 1
        runs = HAN_RUN.findall(texts[rng.randrange(n)])
        if not runs:
            continue
        run = rng.choice(runs)
        length = rng.randint(4, 8)
        start = rng.randrange(max(1, len(run) - length + 1))
        p = run[start : start + length]
        if len(p) != length or p in rare or sum(p in t for t in texts) > 2:
            continue
        if 1 <= len(truth(c, {"terms": [p], **valid})) <= most:
            rare.append(p)
            add("snip_rare", [p], **valid)
    # Absent phrases made of common words side by side: every bigram of them is frequent.
    common = sorted(set(common4) | set(_band(df2, n, 0.15, 0.5)))
    made = tries = 0
    while made < 2 * per_kind and tries < 1000:
        tries += 1
        p = rng.choice(common) + rng.choice(common)
        if not truth(c, {"terms": [p]}):
            add("snip_absent", [p], **valid)
            made += 1
    return [q for q in queries if q["terms"] and all(q["terms"])]


def generate(corpus: str | os.PathLike, out_dir: str | os.PathLike, seed: int,
             per_kind: int = 4) -> tuple[Path, Path]:
    """Write `queries.json` and `truth.json` for `corpus` into `out_dir`; reuse them if current."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    qpath, tpath = out_dir / "queries.json", out_dir / "truth.json"
    st = os.stat(corpus)
    fingerprint = {"corpus": os.path.abspath(corpus), "size": st.st_size, "mtime": st.st_mtime_ns,
                   "seed": seed, "per_kind": per_kind, "generator": GENERATOR_VERSION}
    if qpath.exists() and tpath.exists():
        try:
            if json.loads(qpath.read_text(encoding="utf-8")).get("fingerprint") == fingerprint:
                return qpath, tpath
        except (ValueError, OSError):
            pass
    print(f"queries: loading {corpus}", file=sys.stderr, flush=True)
    c = load(corpus)
    qs = select(c, seed, per_kind)
    print(f"queries: computing truth for {len(qs)} queries over {len(c.keys)} documents",
          file=sys.stderr, flush=True)
    t = {q["id"]: truth(c, q) for q in qs}
    tpath.write_text(json.dumps(t, ensure_ascii=False), encoding="utf-8")
    qpath.write_text(json.dumps({"fingerprint": fingerprint, "documents": len(c.keys),
                                 "queries": qs}, ensure_ascii=False, indent=1), encoding="utf-8")
    return qpath, tpath


def read_queries(path: str | os.PathLike) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]
