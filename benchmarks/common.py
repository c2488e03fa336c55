"""What the benchmarks share: the corpus they read and their arguments."""

from __future__ import annotations

import argparse
from itertools import islice
from pathlib import Path

from analysis import paths
from analysis.corpus import ReportRow, iter_load

# A short document that reads every data file (lexicons, gazetteer, codebook)
# before anything is timed.
WARM_TEXT = "قال الوزير «نعم». وأضاف أن الحل قريب."


def default_corpus() -> Path:
    """The SaudiNewsNet file in ``../shared/data``."""
    return paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def megabytes(texts) -> float:
    """The size of *texts* in MB (10⁶ bytes) of UTF-8."""
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


def corpus_arguments(
    description: str, argv: list[str] | None, extra: list[tuple[tuple, dict]] = ()
) -> argparse.Namespace:
    """``[--limit N] [PATH]``, PATH defaulting to the SaudiNewsNet file in
    ``../shared/data``, and any *extra* options as ``(flags, keywords)`` for
    ``add_argument``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path", nargs="?", type=Path, default=default_corpus())
    parser.add_argument("--limit", type=int, default=None, help="stop after N articles")
    for flags, keywords in extra:
        parser.add_argument(*flags, **keywords)
    return parser.parse_args(argv)


def batches(path: Path, limit: int | None, size: int):
    """Lists of the first *limit* documents of *path* (all if None), *size* at
    a time, streamed: the load report's rows are left out."""
    documents = (item for item in iter_load(path) if not isinstance(item, ReportRow))
    documents = islice(documents, limit)
    while batch := list(islice(documents, size)):
        yield batch
