"""Text normalisation and date helpers shared by truth and every engine."""

from __future__ import annotations

import re
import unicodedata

# Statuses in the corpus.
VALID = "有效"
AMENDED = "已修改"
REPEALED = "已废止"
UNKNOWN = "unknown"
# The as-of rule: statuses that count as "in force or pending revision".
AS_OF_STATUSES = (VALID, AMENDED)

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")


def norm(s: str | None) -> str:
    """NFKC, then lower case: the form truth and every engine search in."""
    if not s:
        return ""
    return unicodedata.normalize("NFKC", s).lower()


def is_han(s: str) -> bool:
    return bool(HAN.match(s))


def date_int(s: str | None) -> int | None:
    """'2020-05-14' -> 20200514; None for a missing or malformed date."""
    if not s or len(s) != 10 or s[4] != "-" or s[7] != "-":
        return None
    try:
        return int(s[0:4] + s[5:7] + s[8:10])
    except ValueError:
        return None


def start_date(rec: dict) -> int | None:
    """The date a version starts to apply: `effective`, else `issued`."""
    return date_int(rec.get("effective")) or date_int(rec.get("issued"))


# `next_start` of a version that no later version of its work follows.
OPEN = 99_999_999
# `next_start` of a version followed by a later one with no date at all (in force since always).
ALWAYS = 0
# The date a `status` filter is reckoned on when a query gives none.
STATUS_DATE = 20251231


def as_of_match(status: str, start: int | None, next_start: int, as_of: int) -> bool:
    """The registry's rule: a version is in force at `as_of` when it has started by then (no
    start date: since always), no later version of its work has started by then, and its status
    is 有效 or 已修改 (a superseded version was in force while it stood).

    A document's status applies from its version's start: the corpus carries no repeal dates, so
    a 已废止 or unknown version never counts. Truth and every engine apply exactly this rule.
    """
    return ((start is None or start <= as_of) and next_start > as_of
            and status in AS_OF_STATUSES)


def next_starts(records) -> dict[str, int]:
    """For each record's key, the earliest start among the later versions of its work
    (`ALWAYS` when one has no date, `OPEN` when there is none)."""
    works: dict[str, list[tuple[int, str, int | None]]] = {}
    for rec in records:
        work = rec.get("work") or rec["key"]
        works.setdefault(work, []).append((int(rec.get("version") or 1), rec["key"], start_date(rec)))
    out: dict[str, int] = {}
    for versions in works.values():
        versions.sort()
        following = OPEN
        for _, key, start in reversed(versions):
            out[key] = following
            following = min(following, ALWAYS if start is None else start)
    return out


def raw_bytes(rec: dict) -> int:
    """UTF-8 bytes of title + body as stored in the corpus (the ingest volume)."""
    return len((rec.get("title") or "").encode()) + len((rec.get("body") or "").encode())
