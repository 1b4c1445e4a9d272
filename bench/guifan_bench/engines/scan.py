"""`scan`: Python `str` substring search over normalised texts held in memory.

The floor for exhaustive search: every query reads every text. Ranking: occurrences in the body,
plus 5 for a title hit, ties by corpus order.
"""

from __future__ import annotations

import heapq
import sys
from collections.abc import Iterator

from ..queries import filter_date
from ..snippet import window
from ..text import as_of_match, norm, start_date
from . import Engine


class ScanEngine(Engine):
    name = "scan"

    def ingest(self, records: Iterator[tuple[int, dict]]) -> None:
        self.keys: list[str] = []
        self.titles: list[str] = []
        self.bodies: list[str] = []
        self.statuses: list[str] = []
        self.starts: list[int | None] = []
        self.next_starts: list[int] = []
        for _, rec in records:
            self.keys.append(rec["key"])
            self.titles.append(norm(rec.get("title")))
            self.bodies.append(norm(rec.get("body")))
            self.statuses.append(rec.get("status") or "unknown")
            self.starts.append(start_date(rec))
            self.next_starts.append(rec["_next_start"])
        self.notes.append("in memory, nothing on disk: index size is 0")

    def index_bytes(self) -> int:
        return 0

    def versions(self) -> dict[str, str]:
        return {"python": sys.version.split()[0]}

    def _candidates(self, q: dict) -> Iterator[int]:
        day = filter_date(q)
        terms = q["terms"]
        titles, bodies = self.titles, self.bodies
        for i in range(len(self.keys)):
            if day is not None and not as_of_match(
                    self.statuses[i], self.starts[i], self.next_starts[i], day):
                continue
            t, b = titles[i], bodies[i]
            if all(term in b or term in t for term in terms):
                yield i

    def _score(self, i: int, terms: list[str]) -> int:
        return sum(self.bodies[i].count(t) + (5 if t in self.titles[i] else 0) for t in terms)

    def top(self, q: dict, k: int, snippets: bool) -> tuple[list[str], list[str] | None]:
        terms = q["terms"]
        best = heapq.nsmallest(k, ((-self._score(i, terms), i) for i in self._candidates(q)))
        keys = [self.keys[i] for _, i in best]
        if not snippets:
            return keys, None
        snips = []
        for _, i in best:
            s = window(self.bodies[i], terms[0]) or window(self.titles[i], terms[0])
            snips.append(s)
        return keys, snips

    def all_keys(self, q: dict) -> list[str]:
        return [self.keys[i] for i in self._candidates(q)]
