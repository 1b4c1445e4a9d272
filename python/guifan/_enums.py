"""The label enums: statuses, clearance outcomes, filing outcomes, review and relation kinds.

Each member's value is the token the command line's JSON uses (``valid``,
``pending_revision``, …), so members compare equal to those strings and print as them;
``.label`` is the Chinese label. Tokens and labels come from the core library. Calling an
enum with any label core knows gives the member: ``Status("现行有效") is Status.VALID``.
"""

from __future__ import annotations

import enum

from . import _guifan

__all__ = [
    "FilingOutcome",
    "Outcome",
    "RelationKind",
    "RelationSource",
    "ReviewKind",
    "Status",
    "Timeliness",
]


class _LabelEnum(str, enum.Enum):
    """A ``str`` enum whose value is a token and whose ``label`` is the Chinese label."""

    @property
    def label(self) -> str:
        """The Chinese label (``有效``, ``待修订``, …)."""
        return _LABELS[type(self).__name__][self.value]

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    @classmethod
    def _missing_(cls, value: object) -> _LabelEnum | None:
        if isinstance(value, str):
            try:
                token = _guifan._parse(cls.__name__, value)
            except _guifan.InvalidInputError:
                return None
            return cls._value2member_map_.get(token)  # type: ignore[return-value]
        return None


class Status(_LabelEnum):
    """The status of a document on a date."""

    VALID = "valid"
    PENDING_REVISION = "pending_revision"
    REPEALED = "repealed"
    INVALIDATED = "invalidated"
    EXPIRED = "expired"
    NOT_YET_EFFECTIVE = "not_yet_effective"
    UNKNOWN = "unknown"


class Outcome(_LabelEnum):
    """A clearance decision: 继续有效, 待修订, 废止, 宣布失效."""

    VALID = "valid"
    PENDING_REVISION = "pending_revision"
    REPEALED = "repealed"
    INVALIDATED = "invalidated"


class FilingOutcome(_LabelEnum):
    """What the body a document was filed with did: 备案登记, 暂缓办理, 限期补正, 不予备案, 审查中."""

    REGISTERED = "registered"
    DEFERRED = "deferred"
    CORRECTION_REQUIRED = "correction_required"
    REFUSED = "refused"
    UNDER_REVIEW = "under_review"


class ReviewKind(_LabelEnum):
    """合法性审核, 备案审查, 公平竞争审查, 评估."""

    LEGALITY = "legality"
    FILING_REVIEW = "filing_review"
    FAIR_COMPETITION = "fair_competition"
    EVALUATION = "evaluation"


class RelationKind(_LabelEnum):
    """依据, 修改, 废止, 替代, 实施, 引用."""

    BASIS = "basis"
    AMENDS = "amends"
    REPEALS = "repeals"
    SUPERSEDES = "supersedes"
    IMPLEMENTS = "implements"
    CITES = "cites"


class RelationSource(_LabelEnum):
    """Where a relation came from: recorded by hand, or found in the text."""

    MANUAL = "manual"
    TEXT = "text"


class Timeliness(_LabelEnum):
    """Whether a filing was made within its deadline, as of a date."""

    ON_TIME = "on_time"
    LATE = "late"
    PENDING = "pending"
    OVERDUE = "overdue"
    UNDETERMINED = "undetermined"


_LABELS: dict[str, dict[str, str]] = {
    cls.__name__: _guifan._labels(cls.__name__)
    for cls in (Status, Outcome, FilingOutcome, ReviewKind, RelationKind, RelationSource, Timeliness)
}
