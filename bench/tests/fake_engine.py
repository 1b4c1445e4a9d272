#!/usr/bin/env python3
"""A stand-alone external engine for the protocol test: `fake_engine.py CORPUS QUERIES WORKDIR`.

It imports nothing from the harness: it reads the corpus and the queries, answers by a naive
substring scan and prints the protocol's JSON object, as any external engine would.
"""

import json
import os
import sys
import time
import unicodedata


def norm(s):
    return unicodedata.normalize("NFKC", s or "").lower()


def main():
    corpus, queries, workdir = sys.argv[1:4]
    os.makedirs(workdir, exist_ok=True)
    t0 = time.perf_counter()
    docs, nbytes = [], 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            nbytes += len((r["title"] or "").encode()) + len((r["body"] or "").encode())
            docs.append((r["key"], norm(r["title"]), norm(r["body"]), r["status"],
                         r["effective"] or r["issued"]))
    ingest = time.perf_counter() - t0
    out = []
    for q in json.load(open(queries, encoding="utf-8"))["queries"]:
        def match(d):
            if q["status"] and d[3] != q["status"]:
                return False
            if q["as_of"]:
                date = d[4] and int(d[4].replace("-", ""))
                if not date or date > q["as_of"] or d[3] not in ("有效", "已修改"):
                    return False
            return all(t in d[1] or t in d[2] for t in q["terms"])
        t = time.perf_counter()
        keys = [d[0] for d in docs if match(d)]
        item = {"id": q["id"], "kind": q["kind"], "total": len(keys), "keys": keys,
                "latencies_ms": [(time.perf_counter() - t) * 1000]}
        if q["snippets"]:
            item["snippets"] = [q["terms"][0]] * min(10, len(keys))
        out.append(item)
    print("fake engine: done")  # a stray line: the harness reads the last one
    print(json.dumps({"engine": "fake", "ingest_seconds": ingest, "ingest_bytes": nbytes,
                      "index_bytes": 0, "queries": out}, ensure_ascii=False))


if __name__ == "__main__":
    main()
