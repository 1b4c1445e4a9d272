"""Search benchmark harness for guifan: corpus, queries, truth, peer engines, report."""
