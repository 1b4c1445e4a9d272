"""`tantivy_py`: tantivy through tantivy-py, one token per CJK character.

The analyzer is tantivy's regex tokenizer with `[a-z0-9]+|\\s+|.`: an ASCII word, a run of white
space, or any other single character is one token, so positions are consecutive and a phrase query
over character tokens is an exact substring match for CJK text (white space and punctuation take a
position, so a phrase never bridges them). Text is NFKC-normalised and lower-cased before indexing.
A 1-character term is a term query; a longer one a phrase query; each on title OR body. Filters
are a raw `status` field and an integer `start` field (YYYYMMDD). Top-10 keys come from the stored
documents; the exhaustive key list (untimed) reads a u64 fast field `ord` and maps it to the key.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import tantivy

from ..queries import filter_date
from ..text import AS_OF_STATUSES, norm, start_date
from . import Engine

PATTERN = r"[a-z0-9]+|\s+|."
ANALYZER = "cjk_char"
SNIPPET_MAX_CHARS = 192  # tantivy counts bytes: about 64 CJK characters
WRITER_HEAP = 1_000_000_000


class TantivyEngine(Engine):
    name = "tantivy_py"

    def versions(self) -> dict[str, str]:
        from importlib.metadata import version

        return {"tantivy-py": version("tantivy")}

    def ingest(self, records: Iterator[tuple[int, dict]]) -> None:
        if self.workdir.exists():
            shutil.rmtree(self.workdir)
        self.workdir.mkdir(parents=True)
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("key", stored=True, tokenizer_name="raw")
        sb.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
        sb.add_text_field("body", stored=True, tokenizer_name=ANALYZER)
        sb.add_text_field("status", tokenizer_name="raw")
        sb.add_integer_field("start", indexed=True, fast=True)
        sb.add_integer_field("next_start", indexed=True, fast=True)
        sb.add_unsigned_field("ord", fast=True)
        self.schema = sb.build()
        self.analyzer = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(PATTERN)).build()
        self.index = tantivy.Index(self.schema, path=str(self.workdir))
        self.index.register_tokenizer(ANALYZER, self.analyzer)
        writer = self.index.writer(heap_size=WRITER_HEAP)
        self.keys: list[str] = []
        for ord_, rec in records:
            d = tantivy.Document()
            d.add_text("key", rec["key"])
            d.add_text("title", norm(rec.get("title")))
            d.add_text("body", norm(rec.get("body")))
            d.add_text("status", rec.get("status") or "unknown")
            start = start_date(rec)
            # No start date: in force since always.
            d.add_integer("start", 0 if start is None else start)
            d.add_integer("next_start", rec["_next_start"])
            d.add_unsigned("ord", ord_)
            writer.add_document(d)
            self.keys.append(rec["key"])
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.notes.append(f"{self.searcher.num_segments} segments after commit (no forced merge), "
                          f"writer heap {WRITER_HEAP // 1_000_000} MB, threads auto")

    def _field_query(self, field: str, term: str) -> tantivy.Query:
        tokens = self.analyzer.analyze(term)
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, tokens[0])
        return tantivy.Query.phrase_query(self.schema, field, tokens)

    def _query(self, q: dict) -> tuple[tantivy.Query, list[tantivy.Query]]:
        Occur, Query = tantivy.Occur, tantivy.Query
        text_parts = []
        for term in q["terms"]:
            text_parts.append(Query.boolean_query([
                (Occur.Should, self._field_query("title", term)),
                (Occur.Should, self._field_query("body", term)),
            ]))
        parts = [(Occur.Must, p) for p in text_parts]
        day = filter_date(q)
        if day is not None:
            parts.append((Occur.Must, Query.range_query(
                self.schema, "start", tantivy.FieldType.Integer, None, day)))
            parts.append((Occur.Must, Query.range_query(
                self.schema, "next_start", tantivy.FieldType.Integer, day + 1, None)))
            parts.append((Occur.Must, Query.boolean_query(
                [(Occur.Should, Query.term_query(self.schema, "status", s))
                 for s in AS_OF_STATUSES])))
        query = parts[0][1] if len(parts) == 1 else Query.boolean_query(parts)
        return query, text_parts

    def top(self, q: dict, k: int, snippets: bool) -> tuple[list[str], list[str] | None]:
        query, text_parts = self._query(q)
        hits = self.searcher.search(query, k, count=False).hits
        docs = [self.searcher.doc(addr) for _, addr in hits]
        keys = [d["key"][0] for d in docs]
        if not snippets:
            return keys, None
        # The snippet generator takes the terms of the text query only (not the filters).
        text_query = text_parts[0] if len(text_parts) == 1 else tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, p) for p in text_parts])
        body_gen = tantivy.SnippetGenerator.create(self.searcher, text_query, self.schema, "body")
        body_gen.set_max_num_chars(SNIPPET_MAX_CHARS)
        title_gen = None
        snips = []
        for d in docs:
            s = body_gen.snippet_from_doc(d)
            if not s.highlighted():
                if title_gen is None:
                    title_gen = tantivy.SnippetGenerator.create(
                        self.searcher, text_query, self.schema, "title")
                    title_gen.set_max_num_chars(SNIPPET_MAX_CHARS)
                s = title_gen.snippet_from_doc(d)
            snips.append(s.to_html())
        return keys, snips

    def all_keys(self, q: dict) -> list[str]:
        query, _ = self._query(q)
        n = self.searcher.num_docs
        if n == 0:
            return []
        hits = self.searcher.search(query, n, count=False).hits
        ords = self.searcher.fast_field_values("ord", [addr for _, addr in hits])
        return [self.keys[o] for o in ords]
