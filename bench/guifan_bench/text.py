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


def as_of_match(status: str, start: int | None, as_of: int) -> bool:
    """A version counts at `as_of` if it had started by then and its status is 有效 or 已修改.

    The corpus carries no repeal dates, so a 已废止 or unknown version never counts; the rule is
    deliberately simple and every engine applies exactly this one.
    """
    return start is not None and start <= as_of and status in AS_OF_STATUSES


def raw_bytes(rec: dict) -> int:
    """UTF-8 bytes of title + body as stored in the corpus (the ingest volume)."""
    return len((rec.get("title") or "").encode()) + len((rec.get("body") or "").encode())
