"""Reading the corpus and deriving the benchmark corpora from it.

`replicate` builds an N-document corpus from the real one: copy 0 of each record is the record
itself; copy c >= 1 gets a new key and work, a title suffix, dates shifted by the same seeded
number of days for every version of a work (so versions keep their order), a status (a superseded
version stays 已修改; others are drawn from a seeded distribution) and a perturbed body (characters
substituted, articles swapped, sentences from other documents spliced in). Everything is driven by
seeded `random.Random` instances, so the same source, size and seed always give byte-identical
output.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from .text import AMENDED, REPEALED, UNKNOWN, VALID

STATUS_WEIGHTS = ((VALID, 0.86), (REPEALED, 0.08), (UNKNOWN, 0.06))
SENTENCE = re.compile(r"[^。；\n]{8,80}[。；]")
HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def iter_records(path: str | os.PathLike) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def count_records(path: str | os.PathLike) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def _write_atomic(dst: Path, lines: Iterator[str]) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(dst.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line)
    os.replace(tmp, dst)


def _dump(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"


def subset(src: str | os.PathLike, dst: str | os.PathLike, n: int) -> Path:
    """The first `n` records of `src`."""
    dst = Path(dst)

    def lines() -> Iterator[str]:
        for i, rec in enumerate(iter_records(src)):
            if i >= n:
                break
            yield _dump(rec)

    _write_atomic(dst, lines())
    return dst


def _shift(date: str | None, days: int) -> str | None:
    if not date:
        return date
    try:
        d = dt.date.fromisoformat(date)
    except ValueError:
        return date
    try:
        return (d + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return date


def _perturb_body(body: str, rng: random.Random, sentences: list[str], chars: str) -> str:
    paras = body.split("\n\n")
    # Swap a few articles (paragraphs).
    if len(paras) >= 4:
        for _ in range(rng.randint(1, 3)):
            a, b = rng.randrange(len(paras)), rng.randrange(len(paras))
            paras[a], paras[b] = paras[b], paras[a]
    # Splice in sentences from other documents at the end of random paragraphs.
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(paras))
        paras[i] = paras[i] + rng.choice(sentences)
    text = "\n\n".join(paras)
    # Substitute about one character in 1,500 (at least one) with a character drawn from the
    # corpus' own character distribution.
    n_sub = max(1, len(text) // 1500)
    if text:
        positions = sorted({rng.randrange(len(text)) for _ in range(n_sub)})
        out, last = [], 0
        for p in positions:
            if HAN_CHAR.match(text[p]):
                out.append(text[last:p])
                out.append(rng.choice(chars))
                last = p + 1
        out.append(text[last:])
        text = "".join(out)
    return text


def replicate(src: str | os.PathLike, dst: str | os.PathLike, n: int, seed: int) -> Path:
    """Write an `n`-record corpus derived from `src` (see the module doc)."""
    dst = Path(dst)
    base = list(iter_records(src))
    if not base:
        raise ValueError(f"empty corpus `{src}`")
    pool_rng = random.Random(f"pool:{seed}")
    sentences: list[str] = []
    for rec in base:
        sentences.extend(SENTENCE.findall(rec.get("body") or ""))
    if not sentences:
        sentences = ["。"]
    if len(sentences) > 200_000:
        sentences = pool_rng.sample(sentences, 200_000)
    # A character pool proportional to frequency: the Han characters of a sample of sentences.
    chars = "".join(HAN_CHAR.findall("".join(pool_rng.sample(sentences, min(20_000, len(sentences))))))
    chars = chars or "法"
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]

    def lines() -> Iterator[str]:
        for i in range(n):
            rec = base[i % len(base)]
            c = i // len(base)
            if c == 0:
                yield _dump(rec)
                continue
            rng = random.Random(f"copy:{seed}:{i}")
            days = random.Random(f"shift:{seed}:{rec.get('work') or rec['key']}:{c}").randint(-1500, 1500)
            out = dict(rec)
            out["key"] = f"{rec['key']}#{c}"
            out["work"] = f"{rec['work']}#{c}"
            out["title"] = f"{rec.get('title') or ''}（副本{c}）"
            out["issued"] = _shift(rec.get("issued"), days)
            out["effective"] = _shift(rec.get("effective"), days)
            if rec.get("status") != AMENDED:
                out["status"] = random.Random(
                    f"status:{seed}:{rec.get('work') or rec['key']}:{c}").choices(statuses, weights)[0]
            out["history"] = [
                {**h, "date": _shift(h.get("date"), days)} for h in (rec.get("history") or [])
            ]
            out["body"] = _perturb_body(rec.get("body") or "", rng, sentences, chars)
            if i % 10_000 == 0:
                print(f"replicate: {i}/{n}", file=sys.stderr, flush=True)
            yield _dump(out)

    _write_atomic(dst, lines())
    return dst
