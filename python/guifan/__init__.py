"""guifan (规范): a registry of Chinese normative documents.

Open a registry folder, import JSON Lines records, and ask it about documents, their status
on any date, clearance campaigns, filings and reviews; tables leave as Arrow, for pandas,
polars and pyarrow::

    import guifan

    with guifan.Registry.open("registry") as reg:
        reg.import_jsonl("records.jsonl")
        doc = reg.get("潜政规[2024]3号")
        table = reg.stats(by=["kind", "status"], as_of="2024-12-31")
        df = table.to_pandas()

Every behaviour lives in the Rust library; this package converts. See the README's
"Python" section.
"""

from __future__ import annotations

from ._enums import (
    FilingOutcome,
    Outcome,
    RelationKind,
    RelationSource,
    ReviewKind,
    Status,
    Timeliness,
)
from ._guifan import (
    AmbiguousError,
    Campaign,
    ClosedError,
    ConflictError,
    Decision,
    Document,
    DocumentIterator,
    DocumentSummary,
    Filing,
    GuifanError,
    HistoryItem,
    Hit,
    ImportReport,
    IntegrityError,
    InvalidInputError,
    NotFoundError,
    Registry,
    Relation,
    Review,
    SearchIndexError,
    SearchResults,
    StatsTable,
    StatusChange,
    StatusChangeError,
    StoreError,
    Table,
    Transaction,
    Version,
    __version__,
)

__all__ = [
    # The registry
    "Registry",
    "Transaction",
    # What it returns
    "Document",
    "Version",
    "HistoryItem",
    "StatusChange",
    "Relation",
    "Filing",
    "Review",
    "Campaign",
    "Decision",
    "DocumentSummary",
    "DocumentIterator",
    "ImportReport",
    "SearchResults",
    "Hit",
    "Table",
    "StatsTable",
    # Labels
    "Status",
    "Outcome",
    "FilingOutcome",
    "ReviewKind",
    "RelationKind",
    "RelationSource",
    "Timeliness",
    # Errors
    "GuifanError",
    "InvalidInputError",
    "NotFoundError",
    "AmbiguousError",
    "ConflictError",
    "StatusChangeError",
    "IntegrityError",
    "StoreError",
    "SearchIndexError",
    "ClosedError",
    "__version__",
]
