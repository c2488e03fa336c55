"""Command line: ``python -m analysis COMMAND PATH... [options]``.

Commands:

``attributions``
    who is reported as saying what: one relation a line (JSONL, in BBC
    Citron's layout plus the kit's fields) or a row (CSV, the columns of
    :data:`analysis.attribution.COLUMNS`).

PATH is anything :func:`analysis.corpus.load` reads: files, directories, JSONL
with ``doc_id`` and ``text`` fields, and so on.  Documents are streamed, so a
corpus of any size runs in bounded memory.  Results go to standard output,
or to ``--out FILE``; the load report's summary and any problems go to
standard error.  The exit status is 0 when every input was read, 1 when some
input had an error (reported on standard error; the rest is processed), 2 for
wrong arguments.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

import pandas as pd

from analysis import attribution
from analysis.corpus import Document, ReportRow, iter_load
from analysis.export import write_jsonl


def _rows_for_csv(doc: Document) -> list[list]:
    frame = attribution.attributions(doc)
    return [["" if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False)]


def _attributions(args: argparse.Namespace) -> int:
    statuses: Counter[str] = Counter()
    relations = 0
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    target = (
        args.out.open("w", encoding=encoding, newline="") if args.out else nullcontext(sys.stdout)
    )
    with target as handle:
        writer = csv.writer(handle) if args.format == "csv" else None
        if writer is not None:
            if not args.out:
                handle.write("\ufeff")  # so that Excel opens the Arabic right
            writer.writerow(attribution.COLUMNS)
        for item in iter_load(args.paths, text_field=args.text_field, id_field=args.id_field):
            if isinstance(item, ReportRow):
                statuses[item.status] += 1
                if item.status in ("error", "empty", "duplicate"):
                    where = item.path if item.record is None else f"{item.path}:{item.record}"
                    print(f"{item.status}: {where}: {item.reason}", file=sys.stderr)
                continue
            found = attribution.extract(item)
            relations += len(found)
            if writer is not None:
                writer.writerows(_rows_for_csv(item))
            else:
                write_jsonl((r.to_citron() for r in found), handle)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    print(f"{relations} attributions; load report: {summary}", file=sys.stderr)
    return 1 if statuses["error"] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    attr = commands.add_parser("attributions", help="who is reported as saying what")
    attr.add_argument("paths", nargs="+", type=Path, help="files or directories to read")
    attr.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    attr.add_argument("--out", type=Path, help="write here instead of standard output")
    attr.add_argument("--text-field", default="text", help="text field of JSONL/CSV records")
    attr.add_argument("--id-field", default="doc_id", help="id field of JSONL/CSV records")
    args = parser.parse_args(argv)
    if args.command == "attributions":
        return _attributions(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
