"""Benchmark: cue extraction over the SaudiNewsNet corpus, in MB/s on one core.

    .venv/bin/python benchmarks/cues.py [--limit N] [--batch N] [PATH]

Reads ``../shared/data/saudinewsnet/saudinewsnet.jsonl.gz`` in batches (so
memory stays flat on the whole corpus) and times, on one process, with the
kit's cue lexicon (``analysis/data/cues.yaml``):

* **scan**: lexicon matching alone, the one pass of the compiled trie over
  each document's folded text (normalisation done beforehand, not timed);
* **rows**: :meth:`analysis.lexicon.Matcher.matches`, the scan plus each
  match's entries, original offsets, negation and intensifier, as one table;
* **cues**: :func:`analysis.cues.cues` from raw text on the first
  ``--sample`` articles of each batch: normalisation, sentences, the
  scare-quote detection (an attribution pass) and the table.

MB are megabytes of UTF-8 text.  Also prints the peak resident memory and
checks that every cue's offsets give back its text.  Exits 1 on a wrong
offset, 2 if the data are absent.
"""

from __future__ import annotations

import resource
import sys
import time

from common import batches, corpus_arguments, megabytes

from analysis import cues
from analysis.document import Document
from analysis.lexicon import Matcher, cue_lexicon


def main(argv: list[str] | None = None) -> int:
    args = corpus_arguments(
        __doc__.splitlines()[0],
        argv,
        extra=[
            (("--batch",), {"type": int, "default": 2000, "help": "articles per batch"}),
            (("--sample",), {"type": int, "default": 200, "help": "articles per batch for cues"}),
        ],
    )
    if not args.path.exists():
        print(f"{args.path} is absent: nothing to benchmark", file=sys.stderr)
        return 2
    matcher = Matcher(cue_lexicon())
    seconds = {"scan": 0.0, "rows": 0.0, "cues": 0.0}
    mb = {"all": 0.0, "sample": 0.0}
    counts = {"scan": 0, "rows": 0, "cues": 0, "articles": 0}
    wrong = 0
    for batch in batches(args.path, args.limit, args.batch):
        sample = [Document(d.id, d.text, d.meta, d.source) for d in batch[: args.sample]]
        started = time.perf_counter()
        found = cues.cues(sample)
        seconds["cues"] += time.perf_counter() - started
        counts["cues"] += len(found)
        mb["sample"] += megabytes(d.text for d in sample)
        for doc in batch:  # normalisation and sentences, cached on the document
            _ = (doc.normalized, doc.sentences)
        started = time.perf_counter()
        counts["scan"] += sum(1 for doc in batch for _ in matcher.scan(doc.normalized.text))
        seconds["scan"] += time.perf_counter() - started
        started = time.perf_counter()
        table = matcher.matches(batch)
        seconds["rows"] += time.perf_counter() - started
        counts["rows"] += len(table)
        texts = {doc.id: doc.text for doc in batch}
        wrong += sum(
            texts[d][s:e] != t
            for d, s, e, t in zip(table.doc_id, table.start, table.end, table.text, strict=True)
        )
        mb["all"] += megabytes(d.text for d in batch)
        counts["articles"] += len(batch)
    print(
        f"{counts['articles']:,} articles, {mb['all']:.1f} MB; lexicon "
        f"{matcher.dictionary.name} {matcher.dictionary.version}, "
        f"{len(matcher.dictionary.entries)} entries"
    )
    for stage, total in (("scan", "all"), ("rows", "all"), ("cues", "sample")):
        print(
            f"{stage:>5}: {mb[total]:6.1f} MB in {seconds[stage]:6.1f} s = "
            f"{mb[total] / seconds[stage]:5.1f} MB/s, {counts[stage]:,} matches or cues"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB; wrong offsets: {wrong}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
