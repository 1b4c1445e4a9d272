"""What the registry returns: the library's answers as read-only records.

The extension converts every answer with one converter (the command line's JSON, with dates
as `datetime.date` and labels as the `guifan` enums) and hands the dict to a class here,
which gives it attribute access, a readable `repr` and `to_dict()`. The classes declare no
shape of their own beyond the annotations (for type checkers) and which fields hold other
records; the fields are whatever the library's answer holds.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Literal

from ._enums import (
    FilingOutcome,
    Outcome,
    RelationKind,
    RelationSource,
    ReviewKind,
    Status,
    Timeliness,
)

__all__ = [
    "Campaign",
    "Decision",
    "Document",
    "DocumentReport",
    "DocumentSummary",
    "Extraction",
    "Filing",
    "HistoryItem",
    "Hit",
    "ImportReport",
    "Record",
    "Relation",
    "Review",
    "SearchResults",
    "StatusChange",
    "Version",
]


def _repr_value(value: object) -> str:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, tuple):
        return str(len(value))
    return repr(value)


def _plain(value: object) -> object:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """A read-only record: the fields of one of the library's answers, as attributes."""

    __slots__ = ("_fields",)
    _fields: dict[str, Any]
    _nested: ClassVar[Mapping[str, type[Record]]] = {}
    _repr: ClassVar[tuple[str, ...]] = ()

    def __init__(self, fields: Mapping[str, Any]) -> None:
        own = dict(fields)
        for name, cls in self._nested.items():
            items = own.get(name)
            if isinstance(items, list):
                own[name] = tuple(cls(i) for i in items)
            elif isinstance(items, Mapping):
                own[name] = cls(items)
        object.__setattr__(self, "_fields", own)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._fields))

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._fields == self._fields

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        """The fields as plain dicts and lists (dates and enums as they are)."""
        return {k: _plain(v) for k, v in self._fields.items()}

    def __repr__(self) -> str:
        names = self._repr or tuple(self._fields)
        parts = ", ".join(f"{n}={_repr_value(self._fields.get(n))}" for n in names)
        return f"{type(self).__name__}({parts})"


class Version(Record):
    """One version of a document (its text is `Registry.text(id, version=seq)`)."""

    __slots__ = ()

    _repr = ("seq", "key", "label", "effective")
    seq: int
    key: str | None
    label: str
    title: str
    kind: str
    issuer: str
    doc_number: str | None
    registration_no: str | None
    index_no: str | None
    signed: datetime.date | None
    issued: datetime.date | None
    effective: datetime.date | None
    expires: datetime.date | None
    content_hash: str
    chars: int
    history: list[dict[str, Any]]
    amended_by: str | None
    note: str | None
    superseded: bool
    state: Literal["in_force", "superseded", "not_yet_effective", "repealed", "invalidated", "expired"]


class HistoryItem(Record):
    """One item of a document's history, in date order."""

    __slots__ = ()

    _repr = ("date", "kind", "event")
    date: datetime.date | None
    kind: Literal["source", "version", "status", "decision", "filing", "review"]
    event: str


class StatusChange(Record):
    """A dated status change of a document."""

    __slots__ = ()

    _repr = ("date", "status", "source")
    seq: int
    work: int
    date: datetime.date | None
    status: Status
    reason: str | None
    source: str
    actor: str


class Relation(Record):
    """A relation seen from one document: what it rests on or cites (`outgoing`), and what
    rests on or cites it (`incoming`)."""

    __slots__ = ()

    id: int
    kind: RelationKind
    direction: Literal["outgoing", "incoming"]
    other: int | None
    other_title: str | None
    cited_as: str | None
    source: RelationSource
    version: int | None
    article: str | None

    def __repr__(self) -> str:
        title = self.other_title if self.other_title is not None else self.cited_as
        return (f"Relation(kind={self.kind.value!r}, direction={self.direction!r}, "
                f"other={self.other!r}, other_title={title!r})")


class Filing(Record):
    """A filing (备案) of a document, and whether it was on time as of the date read."""

    __slots__ = ()

    _repr = ("document", "filed_with", "submitted", "timeliness")
    id: int
    document: int
    filed_with: str
    submitted: datetime.date | None
    number: str | None
    outcome: FilingOutcome | None
    deadline_days: int
    note: str | None
    issued: datetime.date | None
    deadline: datetime.date | None
    timeliness: Timeliness


class Review(Record):
    """A review of a document (合法性审核, 备案审查, 公平竞争审查, 评估)."""

    __slots__ = ()

    _repr = ("document", "kind", "reviewer", "date", "conclusion")
    id: int
    document: int
    kind: ReviewKind
    reviewer: str
    date: datetime.date
    conclusion: str
    opinion: str | None


class Campaign(Record):
    """A clearance campaign."""

    __slots__ = ()

    _repr = ("key", "name", "scope", "announced")
    id: int
    key: str
    name: str
    scope: str | None
    opened: datetime.date | None
    announced: datetime.date | None


class Decision(Record):
    """One decision of a campaign on one document."""

    __slots__ = ()

    _repr = ("campaign", "document", "outcome")
    id: int
    campaign: str
    document: int
    outcome: Outcome
    reason: str | None


class Document(Record):
    """A document (a work, across its versions) as of a date: described by its newest
    version, with its status on that date, its versions, history, filings, reviews,
    campaign decisions, relations and status changes."""

    __slots__ = ()

    _nested: ClassVar[Mapping[str, type[Record]]] = {
        "versions": Version,
        "history": HistoryItem,
        "status_changes": StatusChange,
        "filings": Filing,
        "reviews": Review,
        "decisions": Decision,
        "relations": Relation,
    }
    _repr = ("id", "key", "title", "status", "versions")
    id: int
    work: str
    key: str | None
    title: str
    kind: str
    issuer: str
    doc_number: str | None
    signed: datetime.date | None
    issued: datetime.date | None
    effective: datetime.date | None
    expires: datetime.date | None
    status: Status
    as_of: datetime.date
    version_in_force: int | None
    versions: tuple[Version, ...]
    status_changes: tuple[StatusChange, ...]
    history: tuple[HistoryItem, ...]
    filings: tuple[Filing, ...]
    reviews: tuple[Review, ...]
    decisions: tuple[Decision, ...]
    relations: tuple[Relation, ...]
    corrections: list[dict[str, Any]]


class DocumentSummary(Record):
    """A document in a listing: described by its version in force (else its newest), with
    its status on the listing's date."""

    __slots__ = ()

    _repr = ("id", "key", "title", "status", "versions")
    id: int
    work: str
    key: str | None
    title: str
    kind: str
    issuer: str
    doc_number: str | None
    issued: datetime.date | None
    effective: datetime.date | None
    expires: datetime.date | None
    status: Status
    versions: int


class Hit(Record):
    """One hit: a version of a document (or, with `unit="article"`, one of its articles), with
    its status on the date asked, a snippet (matches between `<mark>` and `</mark>`), the
    article (a question's best-matching one, or that of a keyword's first match), the headings
    it stands under (`path`) and, for an article hit, its `text`."""

    __slots__ = ()

    id: int
    key: str | None
    work: str
    version: int
    title: str
    doc_number: str | None
    kind: str
    issuer: str
    status: Status
    score: float
    snippet: str | None
    article: str | None
    path: list[str]
    text: str | None
    superseded: bool

    def __repr__(self) -> str:
        return (f"Hit(id={self.id!r}, key={self.key!r}, version={self.version!r}, "
                f"title={self.title!r}, status={self.status.value!r}, article={self.article!r}, "
                f"score={self.score:.3f})")


class SearchResults(Record):
    """The result of a search: `total` matches in scope, the `hits` of the page asked for,
    and `facets` counting all matches (not only the page) by status, kind, issuer and year.
    Indexing and iterating go over the hits."""

    __slots__ = ()

    _nested: ClassVar[Mapping[str, type[Record]]] = {"hits": Hit}
    _repr = ("total", "hits")
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]]
    as_of: datetime.date
    unit: Literal["document", "article"]
    mode: Literal["keywords", "question"]
    terms: list[dict[str, Any]]

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index: int) -> Hit:
        return self.hits[index]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)


class DocumentReport(Record):
    """What became of a document imported from a file: `outcome` is `registered`,
    `new_version`, `duplicate` or `probable_version` (the last two not stored), with the work
    concerned, why (`by`, `reason`), the original file kept and what the reading noticed."""

    __slots__ = ()

    _repr = ("outcome", "work", "seq", "title")
    outcome: Literal["registered", "new_version", "duplicate", "probable_version"]
    work: int
    seq: int | None
    title: str
    doc_number: str | None
    registered_title: str | None
    by: Literal["text", "doc_number", "title", "citation"] | None
    reason: str | None
    original: dict[str, Any] | None
    warnings: list[str]


class Extraction(Record):
    """What importing a document would register: its text as `lines`, the `fields` of the
    official layout (each a dict of `value`, `source` and `confidence`), a web page's
    `portal` table, the `overrides` given, and what the registry makes of it
    (`classification`, a dict whose `match` is `new`, `duplicate` or `new_version`)."""

    __slots__ = ()

    _repr = ("file", "format", "title", "doc_number")
    file: str
    format: Literal["docx", "html", "pdf", "text", "markdown"]
    sha256: str
    lines: list[str]
    fields: dict[str, Any]
    warnings: list[str]
    classification: dict[str, Any] | None

    @property
    def title(self) -> str | None:
        """The title found or given."""
        return self._text("title")

    @property
    def doc_number(self) -> str | None:
        """The 发文字号 found or given, as written."""
        return self._text("doc_number")

    @property
    def text(self) -> str:
        """The text as the registry would store it: the lines joined with newlines."""
        return "\n".join(self._fields["lines"])

    def _text(self, field: str) -> str | None:
        found = self._fields["fields"].get(field)
        return str(found["value"]) if found else None


class ImportReport(Record):
    """What an import stored: records read, versions, new documents, campaigns, decisions,
    status changes announced, filings, reviews, relations, status changes; for a document,
    what became of it (`document`)."""

    __slots__ = ()
    _nested: ClassVar[Mapping[str, type[Record]]] = {"document": DocumentReport}

    records: int
    documents: int
    works_created: int
    campaigns: int
    decisions: int
    announced: int
    filings: int
    reviews: int
    relations: int
    status_changes: int
    repeats: int
    document: DocumentReport | None

    def __getattr__(self, name: str) -> Any:
        if name == "document":
            return self._fields.get("document")
        return super().__getattr__(name)

    def __repr__(self) -> str:
        # Records and documents always; the other counts when not zero.
        items = list(self._fields.items())
        parts = [f"{k}={_repr_value(v) if isinstance(v, Record) else v}"
                 for i, (k, v) in enumerate(items) if i < 2 or v]
        return f"ImportReport({', '.join(parts)})"
