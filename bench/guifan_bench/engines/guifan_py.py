"""`guifan_py`: guifan through its Python module, as a notebook or another tool calls it.

The same store and index as the `guifan` engine (`bench/engine`, Rust), built by
`Registry.import_jsonl` from the corpus's records, and searched with `Registry.search`: the
terms as quoted phrases, top 10, snippets when asked, the same scope rules (see
bench/engine/src/main.rs). What it adds to the Rust engine's figures is the module's own cost
per call: arguments in, the answer built as Python objects. Run it in place of the Rust engine
to compare guifan with FTS5 from Python (bench/README.md):

    python bench/search.py run --sizes corpus --engines guifan,fts5 \\
        --engine-cmd 'guifan=python bench/search.py engine guifan_py --corpus {corpus} \\
        --queries {queries} --workdir {workdir} --runs {runs}'
"""

from __future__ import annotations

import datetime
import json
import shutil
from collections.abc import Iterator

import guifan

from . import Engine


def _date(d: int) -> datetime.date:
    return datetime.date(d // 10000, d // 100 % 100, d % 100)


class GuifanPyEngine(Engine):
    name = "guifan_py"

    def __init__(self, workdir):
        super().__init__(workdir)
        self.reg: guifan.Registry | None = None

    def versions(self) -> dict[str, str]:
        return {"guifan": getattr(guifan, "__version__", "?")}

    def ingest(self, records: Iterator[tuple[int, dict]]) -> None:
        if self.workdir.exists():
            shutil.rmtree(self.workdir)
        self.workdir.mkdir(parents=True)
        lines = self.workdir / "corpus.jsonl"
        with lines.open("w", encoding="utf-8") as f:
            for _, rec in records:
                f.write(json.dumps({k: v for k, v in rec.items() if not k.startswith("_")},
                                   ensure_ascii=False) + "\n")
        self.reg = guifan.Registry.open(self.workdir / "registry", create=True)
        self.reg.import_jsonl(lines)
        lines.unlink()
        # The index is built by the first search, as for any new registry.
        self.reg.search('"的"', limit=1, snippets=False)
        self.notes.append("guifan's module from Python: Registry.search, answers as Python objects")

    def _search(self, q: dict, limit: int, snippets: bool):
        query = " ".join(f'"{t}"' for t in q["terms"])
        if q.get("as_of") is not None or q.get("status") is not None:
            kwargs = {"as_of": _date(q["as_of"])} if q.get("as_of") is not None else {}
            return self.reg.search(query, limit=limit, snippets=snippets, **kwargs)
        return self.reg.search(query, status="any", all_versions=True, limit=limit,
                               snippets=snippets)

    def top(self, q: dict, k: int, snippets: bool) -> tuple[list[str], list[str] | None]:
        r = self._search(q, k, snippets)
        keys = [h.key for h in r.hits]
        if not snippets:
            return keys, None
        return keys, [(h.snippet or "").replace("<mark>", "<b>").replace("</mark>", "</b>")
                      for h in r.hits]

    def all_keys(self, q: dict) -> list[str]:
        return [h.key for h in self._search(q, 1_000_000, False).hits]

    def index_bytes(self) -> int:
        from . import dir_bytes
        return dir_bytes(self.workdir / "registry" / "index")
