"""Every public per-document table for the first N documents of a corpus, saved
for comparison across versions of the kit.

    .venv/bin/python tools/snapshot_tables.py --out OLD.pkl [--corpus PATH] [--limit N]
    .venv/bin/python tools/snapshot_tables.py --out NEW.pkl ... --compare OLD.pkl

Runs each public function (``attribution.attributions``, ``cues.cues``,
``cues.tone`` per sentence and per paragraph, ``actors.mentions``,
``actors.descriptors``, ``frames.frame_evidence``, ``frames.frame_answers``,
``attribution.scare_quotes`` and the document's span layers) on every
document on its own, as a user calls it, and pickles one concatenated table
per function.  With ``--compare`` it then checks every table against an
earlier snapshot with ``pandas.testing.assert_frame_equal`` (values, dtypes,
column order and row order) and exits 1 on the first difference.  Run with
an older checkout first on ``PYTHONPATH`` to snapshot the kit as it was.
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import sys
from itertools import islice
from pathlib import Path

import pandas as pd

from analysis import actors, attribution, cues, frames, paths
from analysis.corpus import ReportRow, iter_load
from analysis.document import Document
from analysis.spans import spans_frame

TABLES = {
    "paragraphs": lambda doc: doc.table("paragraphs"),
    "sentences": lambda doc: doc.table("sentences"),
    "tokens": lambda doc: doc.table("tokens"),
    "attributions": attribution.attributions,
    "scare_quotes": lambda doc: spans_frame(attribution.scare_quotes(doc), doc.id),
    "cues": cues.cues,
    "tone_sentence": lambda doc: cues.tone(doc, "sentence"),
    "tone_paragraph": lambda doc: cues.tone(doc, "paragraph"),
    "mentions": actors.mentions,
    "descriptors": actors.descriptors,
    "frame_evidence": frames.frame_evidence,
    "frame_answers": frames.frame_answers,
}


def tables_of(item: tuple[str, str, dict]) -> dict[str, pd.DataFrame]:
    doc = Document(*item)
    return {name: run(doc) for name, run in TABLES.items()}


def snapshot(corpus: Path, limit: int, jobs: int) -> dict[str, pd.DataFrame]:
    documents = (x for x in iter_load(corpus) if not isinstance(x, ReportRow))
    items = [(d.id, d.text, d.meta) for d in islice(documents, limit)]
    if not items:
        raise SystemExit(f"{corpus}: no document loaded")
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.map(tables_of, items, chunksize=20)
    return {name: pd.concat([r[name] for r in results], ignore_index=True) for name in TABLES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to check against")
    args = parser.parse_args(argv)
    tables = snapshot(args.corpus, args.limit, args.jobs)
    args.out.write_bytes(pickle.dumps(tables))
    counts = ", ".join(f"{name} {len(t):,}" for name, t in tables.items())
    print(f"{args.out}: {counts}")
    if args.compare:
        before = pickle.loads(args.compare.read_bytes())
        for name in TABLES:
            try:
                pd.testing.assert_frame_equal(tables[name], before[name])
            except AssertionError as exc:
                print(f"{name}: differs from {args.compare}:\n{exc}")
                return 1
        print(f"every table equals {args.compare}, row for row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
