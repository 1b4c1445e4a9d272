"""Type stubs of the extension module `guifan._guifan` (checked by `mypy.stubtest`)."""

import datetime
import os
import pathlib
from collections.abc import Iterable
from types import TracebackType
from typing import Any, Literal, final

from typing_extensions import Self, TypeAlias, disjoint_base

from ._enums import (
    FilingOutcome,
    Outcome,
    RelationKind,
    ReviewKind,
    Status,
)
from ._records import (
    Campaign,
    Decision,
    Document,
    DocumentSummary,
    Extraction,
    HistoryItem,
    ImportReport,
    SearchResults,
)

_DateLike: TypeAlias = datetime.date | str
"""A `datetime.date`, or a string: `2024-07-18`, `2024/7/18`, `2024年7月18日`."""
_DocumentRef: TypeAlias = int | str
"""An id, a version key, a work key, a 文号 in any spelling, or an exact title."""
_StrPath: TypeAlias = str | os.PathLike[str]
_Field: TypeAlias = Literal["status", "kind", "issuer", "year"]
_Which: TypeAlias = int | datetime.date | str
"""A version: its number (from 1), or a date (the version in force then)."""

__all__ = [
    "AmbiguousError",
    "BusyError",
    "ClosedError",
    "ConflictError",
    "DocumentError",
    "DocumentIterator",
    "GuifanError",
    "IntegrityError",
    "InvalidInputError",
    "NotFoundError",
    "ReadOnlyError",
    "Registry",
    "RegistryBase",
    "SearchIndexError",
    "StatsTable",
    "StatusChangeError",
    "StoreError",
    "Table",
    "Transaction",
    "__version__",
    "_labels",
    "_parse",
]

__version__: str

# Errors

class GuifanError(Exception): ...

class InvalidInputError(GuifanError):
    line: int | None
    field: str
    value: str
    reason: str

class DocumentError(InvalidInputError):
    file: str
    at: str | None
    kind: str

class NotFoundError(GuifanError):
    what: str
    reference: str

class AmbiguousError(GuifanError):
    reference: str
    candidates: list[str]

class ConflictError(GuifanError): ...
class StatusChangeError(GuifanError): ...
class IntegrityError(GuifanError): ...
class BusyError(GuifanError):
    waited: float

class ReadOnlyError(GuifanError): ...
class StoreError(GuifanError): ...
class SearchIndexError(GuifanError): ...
class ClosedError(GuifanError): ...

# The registry

@disjoint_base
class RegistryBase:
    """Every operation of a registry, shared by `Registry` and `Transaction`."""
    def import_file(
        self,
        path: _StrPath,
        *,
        revision: Literal["offer", "as_version", "as_new_work"] | None = None,
        **overrides: _DateLike | None,
    ) -> ImportReport: ...
    def extract(self, path: _StrPath, **overrides: _DateLike | None) -> Extraction: ...
    def import_jsonl(self, path: _StrPath) -> ImportReport: ...
    def export_jsonl(
        self, path: _StrPath | None = None, *, document: _DocumentRef | None = None
    ) -> str | None: ...
    def export_akn(
        self,
        document: _DocumentRef,
        path: _StrPath | None = None,
        *,
        version: int | None = None,
        as_of: _DateLike | None = None,
    ) -> str | None: ...
    def resolve(self, document: _DocumentRef) -> int: ...
    def get(self, document: _DocumentRef, *, as_of: _DateLike | None = None) -> Document: ...
    def status_of(self, document: _DocumentRef, *, as_of: _DateLike | None = None) -> Status: ...
    def impact(
        self,
        document: _DocumentRef,
        *,
        as_of: _DateLike | None = None,
        depth: int | None = None,
        kinds: list[RelationKind | str] | None = None,
    ) -> dict[str, Any]: ...
    def article(
        self, document: _DocumentRef, article: int | str, *, as_of: _DateLike | None = None
    ) -> dict[str, Any] | None: ...
    def link(self, document: _DocumentRef | None = None) -> dict[str, Any]: ...
    def text(
        self,
        document: _DocumentRef,
        *,
        version: int | None = None,
        as_of: _DateLike | None = None,
    ) -> str: ...
    def history(self, document: _DocumentRef) -> list[HistoryItem]: ...
    def documents(
        self,
        *,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
        as_of: _DateLike | None = None,
    ) -> DocumentIterator: ...
    def documents_table(
        self,
        *,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
        as_of: _DateLike | None = None,
    ) -> Table: ...
    def stats(
        self,
        by: str | Iterable[_Field | str] | None = None,
        *,
        as_of: _DateLike | None = None,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
    ) -> StatsTable: ...
    def search(
        self,
        query: str,
        *,
        status: str | Iterable[str] | None = None,
        as_of: _DateLike | None = None,
        kind: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
        all_versions: bool = False,
        limit: int = 20,
        offset: int = 0,
        snippets: bool = True,
        unit: Literal["document", "article"] = "document",
        mode: Literal["auto", "keywords", "question"] = "auto",
    ) -> SearchResults: ...
    def clearance_report(self, campaign: str) -> dict[str, Any]: ...
    def filing_timeliness(
        self,
        *,
        as_of: _DateLike | None = None,
        year: int | None = None,
        kind: str | None = None,
        issuer: str | None = None,
    ) -> dict[str, Any]: ...
    def expiring(
        self,
        within_days: int = 180,
        *,
        as_of: _DateLike | None = None,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
    ) -> list[dict[str, Any]]: ...
    def review_counts(
        self,
        *,
        year: int | None = None,
        as_of: _DateLike | None = None,
        kind: str | None = None,
        issuer: str | None = None,
    ) -> list[dict[str, Any]]: ...
    def campaigns(self) -> list[Campaign]: ...
    def decisions(self, campaign: str) -> list[Decision]: ...
    def check(self, *, expect_head: str | None = None) -> dict[str, Any]: ...
    def backup(self, dest: str | os.PathLike[str]) -> dict[str, Any]: ...
    def diff(
        self,
        document: _DocumentRef,
        *,
        old: _Which | None = None,
        new: _Which | None = None,
        other: _DocumentRef | None = None,
    ) -> dict[str, Any]: ...
    def diff_text(
        self,
        document: _DocumentRef,
        *,
        old: _Which | None = None,
        new: _Which | None = None,
        other: _DocumentRef | None = None,
        width: int = 80,
        all: bool = False,
    ) -> str: ...
    def diff_html(
        self,
        document: _DocumentRef,
        *,
        old: _Which | None = None,
        new: _Which | None = None,
        other: _DocumentRef | None = None,
        all: bool = False,
    ) -> str: ...
    def diff_docx(
        self,
        document: _DocumentRef,
        *,
        old: _Which | None = None,
        new: _Which | None = None,
        other: _DocumentRef | None = None,
        all: bool = False,
    ) -> bytes: ...
    def suggest(
        self, campaign: str, *, as_of: _DateLike | None = None, record: bool = False
    ) -> dict[str, Any]: ...
    def recorded_suggestions(self, campaign: str) -> list[dict[str, Any]]: ...
    def check_draft(
        self, text: str | os.PathLike[str], *, as_of: _DateLike | None = None
    ) -> dict[str, Any]: ...
    def open_campaign(
        self,
        key: str,
        name: str,
        *,
        scope: str | None = None,
        opened: _DateLike | None = None,
    ) -> None: ...
    def decide(
        self,
        campaign: str,
        document: _DocumentRef,
        outcome: Outcome | str,
        *,
        reason: str | None = None,
    ) -> None: ...
    def announce(self, campaign: str, date: _DateLike) -> dict[str, Any]: ...
    def withdraw(
        self, record: str, id: int, *, reason: str, on: _DateLike | None = None
    ) -> dict[str, Any]: ...
    def amend(
        self,
        record: str,
        id: int,
        *,
        reason: str,
        on: _DateLike | None = None,
        to: _DocumentRef | None = None,
        **fields: str | int | _DateLike | None,
    ) -> dict[str, Any]: ...
    def corrections(self, document: _DocumentRef | None = None) -> list[dict[str, Any]]: ...
    def change_status(
        self,
        document: _DocumentRef,
        status: Status | str,
        date: _DateLike,
        *,
        reason: str | None = None,
    ) -> None: ...
    def record_filing(
        self,
        document: _DocumentRef,
        filed_with: str,
        *,
        submitted: _DateLike | None = None,
        number: str | None = None,
        outcome: FilingOutcome | str | None = None,
        deadline_days: int = 30,
        note: str | None = None,
    ) -> int: ...
    def record_review(
        self,
        document: _DocumentRef,
        kind: ReviewKind | str,
        *,
        reviewer: str,
        date: _DateLike,
        conclusion: str,
        opinion: str | None = None,
    ) -> int: ...
    def relate(
        self,
        source: _DocumentRef,
        kind: RelationKind | str,
        target: _DocumentRef,
        *,
        note: str | None = None,
    ) -> int: ...


@final
class Registry(RegistryBase):
    def __new__(
        cls,
        path: _StrPath,
        *,
        create: bool = False,
        actor: str | None = None,
        timeout: float | None = None,
        read_only: bool = False,
    ) -> Self: ...
    @classmethod
    def open(
        cls,
        path: _StrPath,
        *,
        create: bool = False,
        actor: str | None = None,
        timeout: float | None = None,
        read_only: bool = False,
    ) -> Registry: ...
    @classmethod
    def open_existing(
        cls, path: _StrPath, *, actor: str | None = None, timeout: float | None = None
    ) -> Registry: ...
    @property
    def read_only(self) -> bool: ...
    @property
    def path(self) -> pathlib.Path: ...
    @property
    def actor(self) -> str: ...
    @actor.setter
    def actor(self, value: str) -> None: ...
    @property
    def in_transaction(self) -> bool: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        _exc_type: type[BaseException] | None = None,
        _exc_value: BaseException | None = None,
        _traceback: TracebackType | None = None,
    ) -> bool: ...
    def __len__(self) -> int: ...
    def transaction(self) -> Transaction: ...
@final
class Transaction(RegistryBase):
    @property
    def active(self) -> bool: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        _exc_value: BaseException | None = None,
        _traceback: TracebackType | None = None,
    ) -> bool: ...

@final
class DocumentIterator:
    def __iter__(self) -> Self: ...
    def __next__(self) -> DocumentSummary: ...
    def __len__(self) -> int: ...
    def to_arrow(self) -> Table: ...

# Tables

@disjoint_base
class Table:
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __arrow_c_schema__(self) -> object: ...
    def __len__(self) -> int: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def to_pyarrow(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...
    def to_pylist(self) -> list[dict[str, Any]]: ...

@final
class StatsTable(Table):
    @property
    def by(self) -> list[str]: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def total(self) -> int: ...

# Used by guifan._enums

def _labels(kind: str) -> dict[str, str]: ...
def _parse(kind: str, text: str) -> str: ...
