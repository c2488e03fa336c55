"""Benchmark: the kit's whole analysis over a corpus, beside two references.

    .venv/bin/python benchmarks/throughput.py [--corpus PATH] [--limit N]
        [--jobs N] [--batch N] [--speedup-sample N]

Streams ``--corpus`` (by default ``../shared/data/saudinewsnet/
saudinewsnet.jsonl.gz``) batch by batch, so memory stays bounded, and times
on the same texts, in the same run:

* **scan**: one ``re.findall(r"[\\u0621-\\u064A]+", text)`` per text, on one
  core: about the fastest single pass over Arabic words Python makes;
* **pyarabic**: ``strip_tashkeel``, ``strip_tatweel``, ``normalize_hamza``
  and ``tokenize`` per text, on one core: a peer doing a small part of the
  kit's work (pyarabic is a benchmark dependency, not the kit's);
* **kit**: the whole analysis of each document as a corpus run makes it
  (:func:`analysis.pipeline.analyze_batch`: every stage once, the tables
  built per chunk of documents; no Parquet written), on ``--jobs`` worker
  processes (every core by default).

MB are megabytes (10⁶ bytes) of UTF-8 text.  The kit's MB/s per core is its
MB/s divided by the worker processes.  A ratio is the kit's MB/s per core
divided by the reference's, so 1 means as fast on one core and 0.01 a hundred
times slower.  ``speedup_2_jobs`` is the time of one process over that of two
on the first ``--speedup-sample`` articles.  Peak resident memory is the
largest of this process and any worker.

Exits 2 if the corpus is absent.  The last line is::

    throughput_mb_s=… ratio_vs_scan=… ratio_vs_pyarabic=… peak_rss_mb=… speedup_2_jobs=…
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from common import WARM_TEXT, batches, default_corpus, megabytes
from pyarabic import araby

from analysis import pipeline
from analysis.document import Document

ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")


def analyse(items: list[tuple[str, str, dict]]) -> dict[str, int]:
    """Rows in each table of the whole analysis of the documents *items*
    (id, text, meta), as a corpus run makes them: every stage once per
    document, the tables built once for the chunk
    (:func:`analysis.pipeline.analyze_batch`)."""
    found = pipeline.analyze_batch(Document(*item) for item in items)
    return {name: len(table) for name, table in found.items()}


def scan(texts: list[str]) -> int:
    return sum(len(ARABIC_WORD.findall(text)) for text in texts)


def pyarabic_pass(texts: list[str]) -> int:
    words = 0
    for text in texts:
        text = araby.normalize_hamza(araby.strip_tatweel(araby.strip_tashkeel(text)))
        words += len(araby.tokenize(text))
    return words


def run_kit(pool, jobs: int, items: list[tuple[str, str, dict]], counts: dict[str, int]) -> float:
    """Seconds to analyse *items* in *pool* of *jobs* processes (None: in this
    process), in chunks of about a sixteenth of them per process; adds the
    rows to *counts*."""
    started = time.perf_counter()
    size = max(1, len(items) // (16 * jobs))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    results = map(analyse, chunks) if pool is None else pool.imap(analyse, chunks)
    for rows in results:
        for name, n in rows.items():
            counts[name] += n
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    """The largest resident set of this process and its workers, in MB (KiB on Linux)."""
    peaks = (
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return max(peaks) * 1024 / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=default_corpus(), help="any input corpus.load reads"
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="the first N articles (default: all)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count(), help="worker processes (default: every core)"
    )
    parser.add_argument("--batch", type=int, default=500, help="articles read at a time")
    parser.add_argument(
        "--speedup-sample", type=int, default=200, help="articles timed on one and two processes"
    )
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: nothing to benchmark", file=sys.stderr)
        return 2
    if args.jobs < 1 or args.batch < 1 or args.speedup_sample < 1:
        parser.error("--jobs, --batch and --speedup-sample must be at least 1")

    # the data files are read before timing; forked workers inherit them
    analyse([("warm", WARM_TEXT, {})])
    seconds = {"scan": 0.0, "pyarabic": 0.0, "kit": 0.0}
    counts: Counter[str] = Counter()
    articles, size, sample = 0, 0.0, []
    context = multiprocessing.get_context("fork")
    wall = time.perf_counter()
    with context.Pool(args.jobs) as pool:
        for documents in batches(args.corpus, args.limit, args.batch):
            items = [(doc.id, doc.text, doc.meta) for doc in documents]
            texts = [text for _, text, _ in items]
            for name, step in (("scan", scan), ("pyarabic", pyarabic_pass)):
                started = time.perf_counter()
                step(texts)
                seconds[name] += time.perf_counter() - started
            seconds["kit"] += run_kit(pool if args.jobs > 1 else None, args.jobs, items, counts)
            articles += len(items)
            size += megabytes(texts)
            if len(sample) < args.speedup_sample:
                sample.extend(items[: args.speedup_sample - len(sample)])
            print(
                f"  {articles:,} articles, {size:.1f} MB, kit {seconds['kit']:.0f} s",
                file=sys.stderr,
            )
    wall = time.perf_counter() - wall
    if not articles:
        print(f"{args.corpus}: no document loaded", file=sys.stderr)
        return 2

    ignored: Counter[str] = Counter()
    one = run_kit(None, 1, sample, ignored)
    with context.Pool(2) as pool:
        two = run_kit(pool, 2, sample, ignored)

    sampled = megabytes(text for _, text, _ in sample)
    kit = size / seconds["kit"]
    per_core = kit / args.jobs
    references = {name: size / seconds[name] for name in ("scan", "pyarabic")}
    print(f"corpus: {args.corpus} ({articles:,} articles, {size:.2f} MB of UTF-8)")
    print(f"wall time: {wall:.1f} s (the three passes and the reading)")
    print(f"{'pass':10} {'seconds':>9} {'MB/s':>9} {'MB/s/core':>10} {'articles/s':>11}")
    for name, took in seconds.items():
        cores = args.jobs if name == "kit" else 1
        rate = size / took
        print(f"{name:10} {took:9.2f} {rate:9.3f} {rate / cores:10.3f} {articles / took:11.1f}")
    print("rows: " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
    print(
        f"kit on {args.jobs} processes; on the first {len(sample)} articles "
        f"({sampled:.2f} MB): {one:.1f} s on one ({sampled / one:.3f} MB/s), "
        f"{two:.1f} s on two"
    )
    print(
        f"throughput_mb_s={per_core:.4f} ratio_vs_scan={per_core / references['scan']:.5f} "
        f"ratio_vs_pyarabic={per_core / references['pyarabic']:.5f} "
        f"peak_rss_mb={peak_rss_mb():.0f} speedup_2_jobs={one / two:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
