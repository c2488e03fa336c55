"""One pipeline: every stage once per document, every table of a corpus.

:func:`analyze_rows` runs the kit's stages on one document in order, each
stage handed what the earlier ones found: attribution reads the document once
and gives its relations and its scare quotes; the cues take the scare quotes;
tone takes the cues; the frames take the mentions, the relations and the
cues.  Rows stay plain named tuples; :func:`tables` makes DataFrames of the
rows of many documents at once.  The public per-document functions
(``attribution.attributions``, ``cues.cues``, ``actors.mentions``,
``frames.frame_evidence``, …) are built from the same row functions, so a
table here equals theirs row for row.

:func:`analyze_corpus` streams a corpus in batches of documents, analyses
them on every core (``engine="local"``) or on a Dask cluster
(``engine="dask"``), and writes one Parquet dataset per table under ``out/``:
``out/<table>/part-<batch>.parquet``, read back in order by
:func:`read_table`.  A batch is done when its marker
``out/_done/batch-<batch>.json`` is written, after its parts; a rerun skips
the batches whose marker matches their documents, so a run that was stopped
goes on where it stopped, and one that was killed loses and duplicates
nothing.  A document whose analysis fails is a row of the ``errors`` table;
the load report is ``out/load_report.parquet``; ``out/run.json`` holds the
kit's version and code, the data files' versions, the inputs' sha256 and the
rows of every table.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

import pandas as pd

from analysis import __version__, actors, attribution, cues, frames
from analysis.corpus import REPORT_COLUMNS, Corpus, ReportRow, iter_load, walk
from analysis.document import Document
from analysis.provenance import code_record, dumps, input_records
from analysis.spans import SPAN_COLUMNS, span_rows, span_table

# every table of one document's analysis, and what makes a DataFrame of its rows
TABLES: dict[str, Callable[[list], pd.DataFrame]] = {
    "paragraphs": span_table,
    "sentences": span_table,
    "attributions": attribution.relation_table,
    "cues": cues.cue_table,
    "tone": cues.tone_table,
    "actor_mentions": actors.mention_table,
    "actor_descriptors": actors.descriptor_table,
    "frame_evidence": frames.evidence_table,
    "frame_answers": frames.answer_table,
}
COLUMNS: dict[str, list[str]] = {
    "paragraphs": SPAN_COLUMNS,
    "sentences": SPAN_COLUMNS,
    "attributions": attribution.COLUMNS,
    "cues": cues.COLUMNS,
    "tone": cues.TONE_COLUMNS,
    "actor_mentions": actors.MENTION_COLUMNS,
    "actor_descriptors": actors.DESCRIPTOR_COLUMNS,
    "frame_evidence": frames.EVIDENCE_COLUMNS,
    "frame_answers": frames.ANSWER_COLUMNS,
}
# a corpus run's tables besides those: one row per document, and per failure
DOCUMENT_COLUMNS = ["doc_id", "source", "chars", "sha256", "meta"]
ERROR_COLUMNS = ["doc_id", "source", "error", "reason"]
CORPUS_TABLES = ("documents", *TABLES, "errors")
ENGINES = ("local", "dask")
BATCH_SIZE = 200
DONE_DIR = "_done"


def analyze_rows(doc: Document) -> dict[str, list]:
    """Every table of *doc* as rows (named tuples in the order of
    :data:`COLUMNS`), each stage run once; ``tone`` holds the sentence rows,
    then the paragraph rows."""
    relations, quotes = attribution.relations_and_scare_quotes(doc)
    relation_rows = attribution.relation_rows(relations)
    found = cues.cue_rows(doc, scare_quotes=quotes)
    mentions, descriptors = actors.mention_and_descriptor_rows(doc)
    evidence = frames.evidence_rows(
        doc, mentions=mentions, relations=relation_rows, found_cues=found
    )
    return {
        "paragraphs": span_rows(doc.paragraphs, doc.id),
        "sentences": span_rows(doc.sentences, doc.id),
        "attributions": relation_rows,
        "cues": found,
        "tone": cues.tone_rows(doc, "sentence", found) + cues.tone_rows(doc, "paragraph", found),
        "actor_mentions": mentions,
        "actor_descriptors": descriptors,
        "frame_evidence": evidence,
        "frame_answers": frames.answer_rows(doc, None, evidence),
    }


def tables(rows: dict[str, list]) -> dict[str, pd.DataFrame]:
    """DataFrames of rows gathered from one document or many (:func:`analyze_rows`)."""
    return {name: TABLES[name](rows.get(name, [])) for name in TABLES}


def analyze(doc: Document) -> dict[str, pd.DataFrame]:
    """Every table of *doc*: paragraphs, sentences, attributions, cues, tone
    (per sentence and per paragraph), actor mentions and descriptors, frame
    evidence and frame answers, each stage run once."""
    return tables(analyze_rows(doc))


# ---------------------------------------------------------------- one batch


def _document_row(doc: Document) -> tuple:
    meta = json.dumps(doc.meta, ensure_ascii=False, sort_keys=True, default=str)
    digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return (doc.id, doc.source, len(doc.text), digest, meta)


def analyze_batch(documents: Iterable[Document]) -> dict[str, pd.DataFrame]:
    """Every table of a corpus run for *documents*: :data:`CORPUS_TABLES`.

    A document whose analysis raises is a row of ``errors`` (its id, where
    it was loaded from, the exception's type and message), and adds no row
    to any other table but ``documents``.
    """
    gathered: dict[str, list] = {name: [] for name in TABLES}
    listed, errors = [], []
    for doc in documents:
        listed.append(_document_row(doc))
        try:
            found = analyze_rows(doc)
        except Exception as exc:  # the run goes on; the error is a row
            errors.append((doc.id, doc.source, type(exc).__name__, str(exc)))
            continue
        for name, rows in found.items():
            gathered[name] += rows
    listed = pd.DataFrame(listed, columns=DOCUMENT_COLUMNS).astype({"chars": "int64"})
    result = {"documents": listed}
    result.update(tables(gathered))
    result["errors"] = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    return result


def _part(k: int) -> str:
    return f"part-{k:06d}.parquet"


def _write_parquet(frame: pd.DataFrame, path: Path, metadata: dict) -> None:
    """*frame* to *path* atomically, text columns typed as (large) strings
    even where a batch holds none, with *metadata* under the schema key ``itar``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    text = (pa.types.is_null, pa.types.is_string, pa.types.is_large_string)
    fields = [
        f.with_type(pa.large_string()) if any(is_(f.type) for is_ in text) else f
        for f in table.schema
    ]
    schema = pa.schema(fields, metadata=table.schema.metadata)
    table = table.cast(schema)
    extra = {b"itar": json.dumps(metadata, ensure_ascii=False, sort_keys=True).encode("utf-8")}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def _batch_digest(documents: list[Document]) -> str:
    digest = hashlib.sha256()
    for doc in documents:
        digest.update(f"{doc.id}\0{len(doc.text)}\0".encode())
        digest.update(hashlib.sha256(doc.text.encode("utf-8")).digest())
    return digest.hexdigest()


def _run_batch(out: str, k: int, digest: str, items: list[tuple], metadata: dict) -> dict[str, int]:
    """Analyse batch *k* (documents as ``(id, text, meta, source)``, their
    :func:`_batch_digest` *digest*), write its parts and then its marker; the
    rows of each table.  Runs in a worker."""
    out = Path(out)
    documents = [Document(i, text, meta, source) for i, text, meta, source in items]
    found = analyze_batch(documents)
    for name in CORPUS_TABLES:
        (out / name / _part(k)).unlink(missing_ok=True)
    for name, frame in found.items():
        if len(frame):
            _write_parquet(frame, out / name / _part(k), {**metadata, "table": name, "batch": k})
    counts = {name: len(frame) for name, frame in found.items()}
    marker = {"batch": k, "digest": digest, "rows": counts}
    path = out / DONE_DIR / f"batch-{k:06d}.json"
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(marker, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return counts


# ---------------------------------------------------------------- engines


class _Local:
    """Batches in this process (one job) or in a pool of forked processes."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool = None
        if jobs > 1:
            import multiprocessing

            self.pool = multiprocessing.get_context("fork").Pool(jobs)

    def submit(self, *args):
        if self.pool is None:
            return _run_batch(*args)
        return self.pool.apply_async(_run_batch, args)

    def result(self, handle) -> dict[str, int]:
        return handle if self.pool is None else handle.get()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


class _Dask:
    """Batches on a Dask cluster: the scheduler at *scheduler*, or a local
    cluster of *jobs* worker processes.  Workers write the parts themselves,
    so on a real cluster ``out`` must be a path every worker can write."""

    def __init__(self, jobs: int, scheduler: str | None):
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)

    def submit(self, *args):
        return self.client.submit(_run_batch, *args, pure=False)

    def result(self, handle) -> dict[str, int]:
        return handle.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ---------------------------------------------------------------- a corpus


@dataclasses.dataclass(frozen=True)
class RunSummary:
    """What a corpus run did: documents analysed, batches run and skipped
    (done by an earlier run), rows per table, failed documents, and the load
    report's rows by status."""

    out: Path
    documents: int
    batches: int
    skipped: int
    rows: dict[str, int]
    errors: int
    load: dict[str, int]


def _stream(source, load_options: dict) -> Iterator[Document | ReportRow]:
    if isinstance(source, Corpus):
        yield from source.documents
        for row in source.load_report.itertuples(index=False):
            yield ReportRow(**{c: getattr(row, c) for c in REPORT_COLUMNS})
    elif isinstance(source, str | os.PathLike) or (
        isinstance(source, list | tuple) and all(isinstance(p, str | os.PathLike) for p in source)
    ):
        yield from iter_load(source, **load_options)
    else:
        yield from source  # documents


def _documents(stream, report: list[ReportRow]) -> Iterator[Document]:
    """The documents of *stream*; its load report rows go to *report*."""
    for item in stream:
        if isinstance(item, ReportRow):
            report.append(item)
        else:
            yield item


def input_paths(source) -> list[Path]:
    """The files a path source names, in the loader's order, for their sha256."""
    if isinstance(source, str | os.PathLike):
        source = [source]
    if not isinstance(source, list | tuple) or not all(
        isinstance(p, str | os.PathLike) for p in source
    ):
        return []
    found = []
    for path in map(Path, source):
        if path.is_dir():
            found += [p for p in walk(path) if p.is_file()]  # as the loader walks it
        elif path.is_file():
            found.append(path)
    return found


def _settings(batch_size: int, inputs: list[dict]) -> dict:
    return {
        "kit": {"name": "itar", "version": __version__, "code": code_record()},
        "resources": frames.resource_versions(),
        "batch_size": batch_size,
        "inputs": inputs,
    }


def _check_settings(out: Path, settings: dict) -> None:
    """Refuse to resume a run made with other code, data files, inputs or batches."""
    path = out / "settings.json"
    if path.exists():
        before = json.loads(path.read_text(encoding="utf-8"))
        changed = sorted(k for k in settings if before.get(k) != settings[k])
        if changed:
            raise ValueError(
                f"{out}: holds a run made with other {', '.join(changed)}; "
                "give another --out, or delete it to start again"
            )
    path.write_text(dumps(settings), encoding="utf-8")


def _done(out: Path, k: int, digest: str) -> dict[str, int] | None:
    """The rows of batch *k* if an earlier run finished it on the same documents."""
    path = out / DONE_DIR / f"batch-{k:06d}.json"
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker["rows"] if marker.get("digest") == digest else None


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int | None, enabled: bool):
    """A tqdm bar (a widget in a notebook, text in a terminal), or none."""
    if not enabled:
        return _NoProgress()
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="doc", desc="itar", dynamic_ncols=True)


def analyze_corpus(
    source,
    *,
    out: str | Path,
    jobs: int | None = None,
    engine: str = "local",
    batch_size: int = BATCH_SIZE,
    scheduler: str | None = None,
    progress: bool = True,
    **load_options,
) -> RunSummary:
    """Analyse a corpus into one Parquet dataset per table under *out*.

    *source* is a path or a list of paths (read by
    :func:`analysis.corpus.iter_load` with *load_options*), a
    :class:`~analysis.corpus.Corpus`, or an iterable of documents.  *jobs*
    is the number of worker processes (every core by default); *engine* is
    ``"local"`` or ``"dask"`` (a cluster of *jobs* local workers, or the
    scheduler at *scheduler*).  The tables' rows come in corpus order
    whatever *jobs*, *batch_size* or *engine*.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    if jobs is None:
        jobs = os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive number of processes, not {jobs!r}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive number of documents, not {batch_size!r}")
    out = Path(out)
    for name in (*CORPUS_TABLES, DONE_DIR):
        (out / name).mkdir(parents=True, exist_ok=True)
        for stale in (out / name).glob(".*.tmp"):  # a write a killed run left unfinished
            stale.unlink()
    inputs = input_records(input_paths(source))
    settings = _settings(batch_size, inputs)
    _check_settings(out, settings)
    inputs_sha256 = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    metadata = {
        "kit": settings["kit"],
        "resources": settings["resources"],
        "inputs_sha256": inputs_sha256,
    }

    report: list[ReportRow] = []
    documents = _documents(_stream(source, load_options), report)
    known = isinstance(source, list | tuple) and all(isinstance(d, Document) for d in source)
    total = len(source) if isinstance(source, Corpus) or known else None
    runner = _Dask(jobs, scheduler) if engine == "dask" else _Local(jobs)
    rows: Counter[str] = Counter()
    pending: deque = deque()
    n_documents = batches = skipped = 0
    bar = _progress(total, progress)

    def collect() -> None:
        size, handle = pending.popleft()
        rows.update(runner.result(handle))
        bar.update(size)

    try:
        while batch := list(islice(documents, batch_size)):
            k = batches
            batches += 1
            n_documents += len(batch)
            digest = _batch_digest(batch)
            done = _done(out, k, digest)
            if done is not None:
                skipped += 1
                rows.update(done)
                bar.update(len(batch))
                continue
            items = [(d.id, d.text, d.meta, d.source) for d in batch]
            pending.append((len(batch), runner.submit(str(out), k, digest, items, metadata)))
            while len(pending) >= 2 * jobs:  # bounded: a corpus of any size
                collect()
        while pending:
            collect()
    finally:
        bar.close()
        runner.close()
    # batches beyond this corpus's, left by a run over another one
    for name in (*CORPUS_TABLES, DONE_DIR):
        for path in (out / name).iterdir():
            number = path.stem.rsplit("-", 1)[-1]
            if number.isdigit() and int(number) >= batches:
                path.unlink()
    load = pd.DataFrame([r.__dict__ for r in report], columns=REPORT_COLUMNS)
    load = load.astype({"record": "Int64", "documents": "int64"})
    _write_parquet(load, out / "load_report.parquet", {**metadata, "table": "load_report"})
    summary = RunSummary(
        out, n_documents, batches, skipped, dict(rows), rows["errors"],
        dict(Counter(r.status for r in report)),
    )  # fmt: skip
    manifest = {
        **settings,
        "documents": n_documents,
        "batches": batches,
        "rows": {name: rows.get(name, 0) for name in CORPUS_TABLES},
        "load_report": summary.load,
    }
    (out / "run.json").write_text(dumps(manifest), encoding="utf-8")
    return summary


def read_table(out: str | Path, name: str) -> pd.DataFrame:
    """Table *name* of the run in *out*, its parts in batch order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if name == "load_report":
        return pq.read_table(Path(out) / "load_report.parquet").to_pandas()
    if name not in CORPUS_TABLES:
        raise ValueError(f"unknown table {name!r}; choose from {', '.join(CORPUS_TABLES)}")
    parts = sorted((Path(out) / name).glob("part-*.parquet"))
    if not parts:
        columns = {"documents": DOCUMENT_COLUMNS, "errors": ERROR_COLUMNS}.get(name)
        return pd.DataFrame(columns=columns or COLUMNS[name])
    table = pa.concat_tables([pq.read_table(p) for p in parts], promote_options="default")
    return table.to_pandas()


def run_metadata(out: str | Path) -> dict:
    """``run.json`` of the run in *out*: the kit, the data files' versions,
    the inputs' sha256, and the rows of every table."""
    return json.loads((Path(out) / "run.json").read_text(encoding="utf-8"))
