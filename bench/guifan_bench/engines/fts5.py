"""`fts5`: SQLite FTS5 with the trigram tokenizer (pysqlite3-binary's SQLite).

Table `docs(title, body)` with `tokenize='trigram'` holds the normalised text (FTS5 keeps its own
copy of the content, which `snippet()` needs); table `meta(id, key, status, start, next_start)` holds the
metadata, joined by rowid. Terms of 3 characters or more go to `MATCH` as quoted phrases, ranked
by `bm25()`. FTS5 trigram cannot match a 1-2 character term (such a `MATCH` phrase returns no row,
without an error), so those terms are tested with `LIKE '%term%'` on both columns: correct, but a
scan of the whole table and unranked (rowid order), and `snippet()` is unavailable without MATCH.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

from pysqlite3 import dbapi2 as sqlite3

from ..queries import filter_date
from ..text import AS_OF_STATUSES, norm, start_date
from . import Engine

SNIPPET_TOKENS = 64


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Fts5Engine(Engine):
    name = "fts5"

    def __init__(self, workdir):
        super().__init__(workdir)
        self.path = workdir / "fts5.db"

    def versions(self) -> dict[str, str]:
        return {"sqlite": sqlite3.sqlite_version}

    def ingest(self, records: Iterator[tuple[int, dict]]) -> None:
        if self.workdir.exists():
            shutil.rmtree(self.workdir)
        self.workdir.mkdir(parents=True)
        con = sqlite3.connect(self.path, isolation_level=None)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-262144")
        con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='trigram')")
        con.execute("CREATE TABLE meta(id INTEGER PRIMARY KEY, key TEXT NOT NULL, "
                    "status TEXT NOT NULL, start INTEGER, next_start INTEGER NOT NULL)")
        con.execute("BEGIN")
        batch_d, batch_m = [], []
        for ord_, rec in records:
            batch_d.append((ord_, norm(rec.get("title")), norm(rec.get("body"))))
            batch_m.append((ord_, rec["key"], rec.get("status") or "unknown", start_date(rec),
                            rec["_next_start"]))
            if len(batch_d) >= 500:
                con.executemany("INSERT INTO docs(rowid, title, body) VALUES (?,?,?)", batch_d)
                con.executemany("INSERT INTO meta VALUES (?,?,?,?,?)", batch_m)
                batch_d, batch_m = [], []
        if batch_d:
            con.executemany("INSERT INTO docs(rowid, title, body) VALUES (?,?,?)", batch_d)
            con.executemany("INSERT INTO meta VALUES (?,?,?,?,?)", batch_m)
        con.execute("COMMIT")
        con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        free = con.execute("PRAGMA freelist_count").fetchone()[0]
        page = con.execute("PRAGMA page_size").fetchone()[0]
        con.close()
        self.notes.append(f"free pages after optimize: {free * page / 1e6:.1f} MB (not vacuumed)")
        self.con = sqlite3.connect(self.path)
        self.con.execute("PRAGMA cache_size=-262144")

    def _sql(self, q: dict, select: str, ranked: bool, limit: int | None) -> tuple[str, list]:
        long = [t for t in q["terms"] if len(t) >= 3]
        short = [t for t in q["terms"] if len(t) < 3]
        where, params = [], []
        if long:
            where.append("docs MATCH ?")
            params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long))
        for t in short:
            where.append("(docs.title LIKE ? ESCAPE '\\' OR docs.body LIKE ? ESCAPE '\\')")
            params += [_like(t), _like(t)]
        day = filter_date(q)
        if day is not None:
            where.append("(meta.start IS NULL OR meta.start <= ?) AND meta.next_start > ? "
                         f"AND meta.status IN ({','.join('?' * len(AS_OF_STATUSES))})")
            params += [day, day, *AS_OF_STATUSES]
        sql = f"SELECT {select} FROM docs CROSS JOIN meta ON meta.id = docs.rowid"
        sql += " WHERE " + " AND ".join(where)
        if ranked and long:
            sql += " ORDER BY bm25(docs)"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return sql, params

    def top(self, q: dict, k: int, snippets: bool) -> tuple[list[str], list[str] | None]:
        if any(len(t) < 3 for t in q["terms"]):
            note = "terms of 1-2 characters: LIKE over the whole table, unranked"
            if note not in self.notes:
                self.notes.append(note)
        can_snippet = any(len(t) >= 3 for t in q["terms"])
        if snippets and can_snippet:
            sql, params = self._sql(
                q, f"meta.key, snippet(docs, -1, '<b>', '</b>', '…', {SNIPPET_TOKENS})", True, k)
            rows = self.con.execute(sql, params).fetchall()
            return [r[0] for r in rows], [r[1] for r in rows]
        sql, params = self._sql(q, "meta.key", True, k)
        keys = [r[0] for r in self.con.execute(sql, params).fetchall()]
        if snippets:
            note = "snippet() needs MATCH: no snippets for queries of 1-2 characters"
            if note not in self.notes:
                self.notes.append(note)
            return keys, [""] * len(keys)
        return keys, None

    def all_keys(self, q: dict) -> list[str]:
        sql, params = self._sql(q, "meta.key", False, None)
        return [r[0] for r in self.con.execute(sql, params).fetchall()]
