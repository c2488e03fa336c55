"""Command line: ``python -m analysis COMMAND PATH... [options]``.

Commands:

``attributions``
    who is reported as saying what: one relation a line (JSONL, in BBC
    Citron's layout plus the kit's fields) or a row (CSV, the columns of
    :data:`analysis.attribution.COLUMNS`).

``cues``
    sentiment and framing cues from the kit's cue lexicon (or ``--lexicon
    FILE``): one cue a line or row, with the columns of
    :data:`analysis.cues.COLUMNS`.  Categories: loaded (with sub-categories),
    label, hedge, intensifier, conflict, cooperation, negative, positive,
    and scare_quote (detected).

``actors``
    actor mentions from the shared gazetteer with their naming choice
    (:data:`analysis.actors.MENTION_COLUMNS`); ``--descriptors`` gives the
    descriptors attached to them instead (:data:`analysis.actors.DESCRIPTOR_COLUMNS`).

``frames``
    evidence for the generic news frames' indicator questions, one span a row
    (:data:`analysis.frames.EVIDENCE_COLUMNS`); ``--answers`` gives the
    questions each paragraph answers yes instead, one a row
    (:data:`analysis.frames.ANSWER_COLUMNS`; a question not listed for a
    paragraph is a no).

``run``
    the whole analysis of a corpus (:func:`analysis.pipeline.analyze_corpus`):
    every stage once per document, on every core (``--jobs N``) or on a Dask
    cluster (``--engine dask [--scheduler ADDRESS]``), one Parquet dataset
    per table under ``--out DIR``, which a rerun resumes.  Its summary counts
    documents, rows per table, the documents that failed and the load
    report's rows by status; it exits 0 when every document loaded was
    analysed, 1 when one failed (the ``errors`` table) or none loaded.

PATH is anything :func:`analysis.corpus.load` reads: files, directories, JSONL
with ``doc_id`` and ``text`` fields, and so on.  Documents are streamed, so a
corpus of any size runs in bounded memory.  Results go to standard output,
or to ``--out FILE``; the load report's summary and every row of it that is not
plainly ``loaded`` (warnings, errors, empty and duplicate records) go to
standard error.  The exit status is 0 when every input was read, 1 when some
input had an error (reported on standard error; the rest is processed), 2 for
wrong arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from analysis import actors, attribution, cues, frames
from analysis.corpus import Document, ReportRow, iter_load
from analysis.export import csv_rows, csv_writer, frame_records, write_jsonl
from analysis.lexicon import DictionaryError, Matcher, cue_lexicon, read_dictionary


def _stream(args: argparse.Namespace, name: str, columns: list[str], run) -> int:
    """Load every input, run ``run(doc) -> (frame, jsonl_records)`` on each
    document once, and write its rows as they come: the frame's rows for CSV,
    the records for JSONL."""
    statuses: Counter[str] = Counter()
    findings = documents = 0
    target = (
        args.out.open("w", encoding="utf-8", newline="") if args.out else nullcontext(sys.stdout)
    )
    with target as handle:
        writer = csv_writer(handle, columns) if args.format == "csv" else None
        for item in iter_load(args.paths, text_field=args.text_field, id_field=args.id_field):
            if isinstance(item, ReportRow):
                statuses[item.status] += 1
                if item.status != "loaded":
                    where = item.path if item.record is None else f"{item.path}:{item.record}"
                    print(f"{item.status}: {where}: {item.reason}", file=sys.stderr)
                continue
            frame, records = run(item)
            documents += 1
            findings += len(frame)
            if writer is not None:
                writer.writerows(csv_rows(frame))
            else:
                write_jsonl(records, handle)
    # the report has a row per file, and one per record with a problem
    summary = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    print(
        f"{findings} {name}; load report: {summary}; documents analysed: {documents}",
        file=sys.stderr,
    )
    return 1 if statuses["error"] else 0


def _attributions(args: argparse.Namespace) -> int:
    def run(doc: Document):
        found = attribution.extract(doc)
        return attribution.relations_frame(found), (r.to_citron() for r in found)

    return _stream(args, "attributions", attribution.COLUMNS, run)


def _cues(args: argparse.Namespace) -> int:
    matcher = Matcher(read_dictionary(args.lexicon) if args.lexicon else cue_lexicon())

    def run(doc: Document):
        frame = cues.cues(doc, matcher)
        return frame, frame.to_dict("records")

    return _stream(args, "cues", cues.COLUMNS, run)


def _table(args: argparse.Namespace, name: str, columns: list[str], function) -> int:
    def run(doc: Document):
        frame = function(doc)
        return frame, frame_records(frame)

    return _stream(args, name, columns, run)


def _run(args: argparse.Namespace) -> int:
    from analysis.pipeline import analyze_corpus

    try:
        summary = analyze_corpus(
            args.paths,
            out=args.out,
            jobs=args.jobs,
            engine=args.engine,
            batch_size=args.batch_size,
            scheduler=args.scheduler,
            progress=not args.no_progress,
            text_field=args.text_field,
            id_field=args.id_field,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"documents: {summary.documents:,} in {summary.batches} batches "
        f"({summary.skipped} done by an earlier run)"
    )
    for name, n in summary.rows.items():
        print(f"rows: {name}: {n:,}")
    print(f"documents that failed: {summary.errors} (table errors)")
    load = ", ".join(f"{n} {status}" for status, n in sorted(summary.load.items()))
    print(f"load report: {load or 'no input'} (load_report.parquet)")
    print(f"tables: {summary.out}")
    # the load report's problems are in the summary and the report; the
    # status says whether every document that loaded was analysed
    return 1 if summary.errors or not summary.documents else 0


def _add_io_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", type=Path, help="files or directories to read")
    command.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    command.add_argument("--out", type=Path, help="write here instead of standard output")
    command.add_argument("--text-field", default="text", help="text field of JSONL/CSV records")
    command.add_argument("--id-field", default="doc_id", help="id field of JSONL/CSV records")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    _add_io_arguments(commands.add_parser("attributions", help="who is reported as saying what"))
    cue = commands.add_parser("cues", help="sentiment and framing cues, one per row")
    _add_io_arguments(cue)
    cue.add_argument(
        "--lexicon", type=Path, help="a dictionary (.yaml, .tsv, .dic, .lc3) instead of the kit's"
    )
    actor = commands.add_parser("actors", help="actor mentions and their naming, one per row")
    _add_io_arguments(actor)
    actor.add_argument("--descriptors", action="store_true", help="descriptors instead")
    frame = commands.add_parser("frames", help="evidence for the news frames, one span per row")
    _add_io_arguments(frame)
    frame.add_argument("--answers", action="store_true", help="paragraph answers instead")
    run = commands.add_parser("run", help="the whole analysis of a corpus, to Parquet")
    run.add_argument("paths", nargs="+", type=Path, help="files or directories to read")
    run.add_argument("--out", type=Path, required=True, help="directory for the tables")
    run.add_argument("--jobs", type=int, default=None, help="worker processes (every core)")
    run.add_argument("--engine", choices=["local", "dask"], default="local")
    run.add_argument("--scheduler", help="a Dask scheduler's address (engine dask)")
    run.add_argument("--batch-size", type=int, default=200, help="documents per batch")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--text-field", default="text", help="text field of JSONL/CSV records")
    run.add_argument("--id-field", default="doc_id", help="id field of JSONL/CSV records")
    args = parser.parse_args(argv)
    # A message quoting a name or a value that is not valid text must still print.
    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="backslashreplace")
    if args.command == "actors":
        if args.descriptors:
            return _table(args, "descriptors", actors.DESCRIPTOR_COLUMNS, actors.descriptors)
        return _table(args, "actor mentions", actors.MENTION_COLUMNS, actors.mentions)
    if args.command == "frames":
        if args.answers:
            return _table(args, "yes answers", frames.ANSWER_COLUMNS, frames.yes_answers)
        return _table(args, "frame evidence", frames.EVIDENCE_COLUMNS, frames.frame_evidence)
    if args.command == "run":
        return _run(args)
    if args.command == "attributions":
        return _attributions(args)
    if args.command == "cues":
        try:
            return _cues(args)
        except DictionaryError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
