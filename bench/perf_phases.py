"""Where a warm search spends its time: the samples of `perf record --call-graph dwarf` taken
inside `SearchIndex::search`, each given to the innermost step of the search it fell in.

    perf record -F 5000 --call-graph dwarf,32768 -o /tmp/search.perf \\
        target/release/guifan-bench costs REGISTRY 5000 '"内向收入"'
    perf script -i /tmp/search.perf | python bench/perf_phases.py

Prints the share of the search's samples per step, largest first. The steps are recognised by
function names (see STEPS), so a renamed function falls into "other".
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable

# (step, substrings of a frame's function name), the innermost matching frame decides.
STEPS: list[tuple[str, tuple[str, ...]]] = [
    ("store: change number (catch-up check)", ("change_seq",)),
    ("store: snapshot", (">::snapshot",)),
    ("store: text of a hit", ("text_prefix", "text_bytes", "substrFunc")),
    ("query: parse", ("index::query::parse",)),
    ("query: bigrams and their document frequencies", ("index::search::exact",)),
    ("query: build", ("::match_query", "::ranking", "::keyword_query")),
    ("scope", ("SearchIndex>::scope", "Scope::build")),
    ("weight: BM25 statistics", ("Query>::weight",)),
    ("collect: per segment setup", ("Collector>::for_segment",)),
    ("collect: scorers (term infos, postings)", ("Weight>::scorer", "scorer_danger")),
    ("collect: matching", ("collect_segment",)),
    ("facets", ("index::search::facets",)),
    ("snippets: locate in the outline", ("rank::locate",)),
    ("snippets: cut and mark", ("search::article", "hit_context", "snippet::")),
    ("hits", ("SearchIndex>::hit",)),
]

INSIDE = "SearchIndex>::search"


def samples(lines: Iterable[str]) -> Iterable[list[str]]:
    """The call stacks of `perf script`, innermost frame first."""
    stack: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line[0] in " \t":
            parts = line.strip().split(" ", 1)
            if len(parts) == 2:
                stack.append(parts[1])
    if stack:
        yield stack


def step_of(stack: list[str]) -> str:
    for frame in stack:
        for name, needles in STEPS:
            if any(n in frame for n in needles):
                return name
    return "other"


def main() -> None:
    counts: Counter[str] = Counter()
    for stack in samples(sys.stdin):
        if any(INSIDE in f for f in stack):
            counts[step_of(stack)] += 1
    total = sum(counts.values())
    if not total:
        sys.exit("no sample inside SearchIndex::search (perf record --call-graph dwarf?)")
    print(f"{total} samples inside the search")
    for name, n in counts.most_common():
        print(f"{100 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
