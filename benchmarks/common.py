"""What the benchmarks share: the corpus they read and their arguments."""

from __future__ import annotations

import argparse
from itertools import islice
from pathlib import Path

from analysis import paths
from analysis.corpus import ReportRow, iter_load


def corpus_arguments(
    description: str, argv: list[str] | None, extra: list[tuple[tuple, dict]] = ()
) -> argparse.Namespace:
    """``[--limit N] [PATH]``, PATH defaulting to the SaudiNewsNet file in
    ``../shared/data``, and any *extra* options as ``(flags, keywords)`` for
    ``add_argument``."""
    default = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path", nargs="?", type=Path, default=default)
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
