"""Candidates for the vocabulary (core/src/index/vocabulary.txt), mined from the development
questions of STARD (../shared/eval/stard-dev), for review by hand.

For each development question and each article judged relevant to it, the question's words that
the article lacks (how people say it) are paired with the article's words that the question
lacks (how the law says it). A pair counts once per question; pairs seen in several questions,
and far more often than the legal word's share of articles would explain, are printed,
strongest first. Only pairs that say the same thing in everyday and in legal words belong in
the vocabulary: the script proposes, a reader decides.

    .venv/bin/python bench/vocabulary_candidates.py [--registry bench/out/eval/registry]

The registry is the one `guifan-bench eval` builds (the corpus and the whole 民法典).
"""

import argparse
import collections
import json
import math
import sqlite3
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1234 -> 一千二百三十四, as article labels write numbers."""
    if n < 10:
        return DIGITS[n]
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, zero = "", False
    for value, unit in units:
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
                zero = False
            out += ("" if (unit == "十" and d == 1 and not out) else DIGITS[d]) + unit
        elif out:
            zero = True
    if n:
        if zero:
            out += "零"
        out += DIGITS[n]
    return out


def label(number: int, suffix) -> str:
    s = f"第{chinese_number(number)}条"
    return s + (f"之{chinese_number(suffix)}" if suffix else "")


def stopwords() -> set:
    path = ROOT / "core/src/index/stopwords.txt"
    return {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def content_words(text: str, stop: set) -> set:
    return {
        w.lower()
        for w in jieba.cut(text)
        if len(w) >= 2 and w not in stop and any(c.isalnum() for c in w) and not w.isdigit()
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--registry", default=str(ROOT / "bench/out/eval/registry"))
    ap.add_argument("--questions", default=str(ROOT.parent / "shared/eval/stard-dev/questions.jsonl"))
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--per-word", type=int, default=6)
    args = ap.parse_args()
    jieba.setLogLevel(60)
    stop = stopwords()
    db = sqlite3.connect(Path(args.registry) / "registry.sqlite")
    works = dict(db.execute("SELECT work_key, id FROM works"))
    bodies = {}
    articles = {}
    for work_id, seq, number, suffix, start, end in db.execute(
        "SELECT a.work_id, a.seq, a.number, a.suffix, a.start, a.end FROM articles a "
        "JOIN (SELECT work_id, max(seq) seq FROM versions GROUP BY work_id) v "
        "ON v.work_id = a.work_id AND v.seq = a.seq"
    ):
        articles[(work_id, label(number, suffix))] = (seq, start, end)

    def article_text(work_key: str, art: str):
        wid = works.get(work_key)
        found = articles.get((wid, art))
        if found is None:
            return None
        seq, start, end = found
        if (wid, seq) not in bodies:
            (body,) = db.execute(
                "SELECT body FROM versions WHERE work_id = ? AND seq = ?", (wid, seq)
            ).fetchone()
            bodies[(wid, seq)] = body.encode("utf-8")
        return bodies[(wid, seq)][start:end].decode("utf-8", "replace")

    pair = collections.Counter()
    lay = collections.Counter()
    legal = collections.Counter()
    texts = 0
    with open(args.questions, encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            qwords = content_words(q["question"], stop)
            seen_pairs, seen_lay, seen_legal = set(), set(), set()
            for r in q["relevant"]:
                text = next(filter(None, (article_text(w, r["article"]) for w in r["works"])), None)
                if text is None:
                    continue
                texts += 1
                awords = content_words(text, stop)
                missing = {w for w in qwords if w not in text}
                extra = {w for w in awords if w not in q["question"]}
                seen_lay |= missing
                seen_legal |= extra
                seen_pairs |= {(m, e) for m in missing for e in extra}
            for p in seen_pairs:
                pair[p] += 1
            for w in seen_lay:
                lay[w] += 1
            for w in seen_legal:
                legal[w] += 1
    with open(args.questions, encoding="utf-8") as f:
        questions = sum(1 for _ in f)
    by_lay = collections.defaultdict(list)
    for (m, e), n in pair.items():
        if n < args.min_count:
            continue
        lift = (n / lay[m]) / (legal[e] / questions)
        if lift < 3:
            continue
        by_lay[m].append((n * math.log(lift), n, lift, e))
    print(f"# {questions} questions, {texts} relevant article texts read")
    for m in sorted(by_lay, key=lambda w: -lay[w]):
        best = sorted(by_lay[m], reverse=True)[: args.per_word]
        cands = "、".join(f"{e}({n},{lift:.0f}x)" for _, n, lift, e in best)
        print(f"{m} [{lay[m]}] → {cands}")


if __name__ == "__main__":
    main()
