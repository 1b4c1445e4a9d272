"""Peer engines. Each implements `Engine`; `protocol.run` drives one in its own process."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


class Engine:
    """What the protocol needs from an engine.

    `ingest` consumes `(ord, record)` pairs and returns when the index is searchable.
    `top` returns the best `k` keys (and, if asked, one snippet per key): it is what is timed.
    `all_keys` returns every matching key (untimed; used for recall and precision).
    """

    name = "?"

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.notes: list[str] = []

    def ingest(self, records: Iterator[tuple[int, dict]]) -> None:
        raise NotImplementedError

    def top(self, q: dict, k: int, snippets: bool) -> tuple[list[str], list[str] | None]:
        raise NotImplementedError

    def all_keys(self, q: dict) -> list[str]:
        raise NotImplementedError

    def index_bytes(self) -> int:
        return dir_bytes(self.workdir)

    def versions(self) -> dict[str, str]:
        return {}


def dir_bytes(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            with contextlib.suppress(OSError):
                total += os.path.getsize(os.path.join(root, f))
    return total


def make(name: str, workdir: Path) -> Engine:
    if name == "scan":
        from .scan import ScanEngine
        return ScanEngine(workdir)
    if name == "fts5":
        from .fts5 import Fts5Engine
        return Fts5Engine(workdir)
    if name == "tantivy_py":
        from .tantivy_py import TantivyEngine
        return TantivyEngine(workdir)
    if name == "guifan_py":
        from .guifan_py import GuifanPyEngine
        return GuifanPyEngine(workdir)
    raise ValueError(f"unknown engine `{name}` (built in: scan, fts5, tantivy_py, guifan_py)")


BUILTIN = ("scan", "fts5", "tantivy_py")
