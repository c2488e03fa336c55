"""Benchmark: load, normalise and segment the SaudiNewsNet corpus.

    .venv/bin/python benchmarks/load_and_segment.py [--limit N] [PATH]

Streams ``../shared/data/saudinewsnet/saudinewsnet.jsonl.gz`` (31,030
articles) through :func:`analysis.corpus.iter_load`, and for every article
normalises the text and finds its paragraphs, sentences and tokens, checking
on the way that every span's offsets give back its text and that the
normalisation maps every token back inside the original.  Prints characters
(MB of UTF-8) per second, articles per second, peak resident memory, the load
report's counts, and the number of spans checked.  Exits 1 if any offset is
wrong, 2 if the corpus is absent.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter

from common import corpus_arguments

from analysis import paths
from analysis.corpus import ReportRow, iter_load
from analysis.spans import check_spans


def main(argv: list[str] | None = None) -> int:
    args = corpus_arguments(__doc__.splitlines()[0], argv)
    if not args.path.exists():
        print(f"{args.path} is absent: nothing to benchmark", file=sys.stderr)
        return 2
    statuses: Counter[str] = Counter()
    spans = Counter()
    articles = utf8_bytes = 0
    failures = []
    started = time.perf_counter()
    for item in iter_load(args.path):
        if isinstance(item, ReportRow):
            statuses[item.status] += 1
            continue
        doc = item
        articles += 1
        utf8_bytes += len(doc.text.encode("utf-8"))
        normalized = doc.normalized
        try:
            for layer in ("paragraphs", "sentences", "tokens"):
                found = getattr(doc, layer)
                check_spans(doc.text, found)
                spans[layer] += len(found)
            if len(normalized.starts) != len(normalized.text):
                raise AssertionError("normalisation map has the wrong length")
            if len(normalized.text) and not (
                normalized.starts.min() >= 0 and normalized.ends.max() <= len(doc.text)
            ):
                raise AssertionError("normalisation maps outside the text")
        except AssertionError as exc:
            failures.append(f"{doc.id}: {exc}")
        if args.limit and articles >= args.limit:
            break
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {paths.relative_to_root(args.path)}")
    print(f"articles: {articles}, text: {utf8_bytes / 1e6:.1f} MB of UTF-8")
    print(
        f"time: {elapsed:.1f} s  ->  {utf8_bytes / 1e6 / elapsed:.2f} MB/s, "
        f"{articles / elapsed:.0f} articles/s"
    )
    print(f"peak RSS: {peak_mib:.0f} MiB")
    print("load report:", dict(sorted(statuses.items())))
    print("spans checked:", dict(spans), f"(offsets wrong: {len(failures)})")
    for failure in failures[:10]:
        print("  ", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
