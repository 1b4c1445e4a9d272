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
            start = r["effective"] or r["issued"]
            docs.append([r["key"], norm(r["title"]), norm(r["body"]), r["status"],
                         start and int(start.replace("-", "")), r["work"], r["version"]])
    # The date each version's successor starts (0: one without a date; 99999999: none).
    for d in docs:
        later = [e[4] or 0 for e in docs if e[5] == d[5] and e[6] > d[6]]
        d.append(min(later) if later else 99999999)
    ingest = time.perf_counter() - t0
    out = []
    with open(queries, encoding="utf-8") as f:
        spec = json.load(f)
    for q in spec["queries"]:
        def match(d, q=q):
            day = q["as_of"] or (20251231 if q["status"] else None)
            if day is not None and ((d[4] and d[4] > day) or d[7] <= day or d[3] not in ("有效", "已修改")):
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
