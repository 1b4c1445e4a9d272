"""guifan (规范): a registry of Chinese normative documents.

Open a registry folder, import JSON Lines records, and ask it about documents, their status
on any date, clearance campaigns, filings and reviews; tables leave as Arrow, for pandas,
polars and pyarrow::

    import guifan

    with guifan.Registry.open("registry", create=True) as reg:
        reg.import_jsonl("records.jsonl")
        doc = reg.get("潜政规[2024]3号")
        table = reg.stats(by=["kind", "status"], as_of="2024-12-31")
        df = table.to_pandas()

Every behaviour lives in the Rust library; this package converts: an answer is the
command line's JSON with dates as `datetime.date` and labels as the enums below, wrapped in a
read-only record (`Document`, `Filing`, …). See the README's "Python" section.
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
    BusyError,
    ClosedError,
    ConflictError,
    DocumentError,
    DocumentIterator,
    GuifanError,
    IntegrityError,
    InvalidInputError,
    NotFoundError,
    ReadOnlyError,
    Registry,
    RegistryBase,
    SearchIndexError,
    StatsTable,
    StatusChangeError,
    StoreError,
    Table,
    Transaction,
    __version__,
)
from ._records import (
    Campaign,
    Decision,
    Document,
    DocumentReport,
    DocumentSummary,
    Extraction,
    Filing,
    HistoryItem,
    Hit,
    ImportReport,
    Record,
    Relation,
    Review,
    SearchResults,
    StatusChange,
    Version,
)

__all__ = [
    # The registry
    "Registry",
    "Transaction",
    "RegistryBase",
    # What it returns
    "Record",
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
    "DocumentReport",
    "Extraction",
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
    "DocumentError",
    "NotFoundError",
    "AmbiguousError",
    "ConflictError",
    "StatusChangeError",
    "IntegrityError",
    "BusyError",
    "ReadOnlyError",
    "StoreError",
    "SearchIndexError",
    "ClosedError",
    "__version__",
]
