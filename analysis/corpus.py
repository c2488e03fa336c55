"""Loading corpora so that every input is accounted for.

:func:`load` reads files, directories (recursively, in sorted order) or lists
of them, in the formats below, and returns a :class:`Corpus`: the documents,
and a load report with one row per input file and one per record that was not
loaded or loaded with a caveat.  Nothing is skipped silently: the
``documents`` column of the report adds up to the number of documents, and
every record that is not among them has a row saying why.

Formats, chosen by suffix unless ``format=`` says otherwise:

``.txt``
    one document; an optional ``NAME.meta.json`` sidecar beside it gives its
    metadata (see ``seeds/README.md``);
``.jsonl``, ``.jsonl.gz``
    one JSON object a line, streamed; the text field is the text, the id field
    the id, every other field goes to ``meta``;
``.csv``
    a header row, then one document a row, fields as for JSONL;
``.parquet``
    one document a row, fields as for JSONL;
``.html``, ``.htm``
    one document: the page's main text as extracted by trafilatura, with its
    title, URL and other metadata in ``meta``.

Encodings: UTF-8, with or without a byte-order mark; UTF-16 and UTF-32 with a
byte-order mark; and Windows-1256, tried when UTF-8 fails and accepted when the
result is plausible Arabic text (the report says so).  ``encoding=`` forces
one encoding.  Text that looks pasted from a PDF (presentation forms, words in
visual order) is loaded as it is and flagged with a ``warning`` row.

Statuses in the report: ``loaded``; ``warning`` (loaded, with a caveat in
``reason``); ``error`` (not loaded: unreadable, undecodable, malformed; a
multi-record file that breaks part-way keeps the records read before the
break, and its row counts them);
``empty`` (not loaded: no text); ``duplicate`` (not loaded: its id was loaded
before).  Documents whose text repeats an earlier document's under another id
are loaded and flagged with a ``warning``: the same wire story in two outlets
is two publications.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.document import LAYERS, Document
from analysis.spans import SPAN_COLUMNS
from analysis.text import pdf_paste_signs

__all__ = ["Corpus", "CorpusLoadError", "Document", "ReportRow", "iter_load", "load", "load_seed"]

STATUSES = ("loaded", "warning", "error", "empty", "duplicate")
REPORT_COLUMNS = ["path", "record", "status", "reason", "documents"]
META_SUFFIX = ".meta.json"
SUFFIX_FORMATS = {
    ".jsonl.gz": "jsonl",
    ".jsonl": "jsonl",
    ".txt": "txt",
    ".csv": "csv",
    ".parquet": "parquet",
    ".html": "html",
    ".htm": "html",
}
FORMATS = ("txt", "jsonl", "csv", "parquet", "html")
SINGLE_DOCUMENT_FORMATS = ("txt", "html")
BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class CorpusLoadError(ValueError):
    """Raised by ``load(..., errors="raise")``; the message names the file and the reason."""


class DecodeError(ValueError):
    """Bytes that are not text in any encoding tried; the message says which and where."""


@dataclass(frozen=True)
class ReportRow:
    path: str
    record: int | None
    status: str
    reason: str
    documents: int


@dataclass(frozen=True)
class _Record:
    """What a reader found: a record's fields, before the loader checks them."""

    record: int | None
    id: object
    text: object
    meta: dict
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Problem:
    record: int | None
    status: str
    reason: str


# ---------------------------------------------------------------- decoding


def _looks_arabic(text: str) -> bool:
    """Plausible Arabic text: mostly Arabic letters, and no control characters."""
    letters = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            arabic += "\u0600" <= ch <= "\u06ff"
        elif unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v":
            return False
    return arabic > 0 and arabic >= 0.5 * letters


def _mostly_utf8(data: bytes) -> bool:
    """Whether *data* is UTF-8 with a few damaged bytes (a cut-off or a bad
    byte), rather than text in another encoding: most of its non-ASCII bytes
    form valid multi-byte sequences."""
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    wide = sum(1 for ch in decoded if ord(ch) > 0x7F) - bad
    return wide >= 4 and bad <= 0.05 * wide


def decode_bytes(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:
    """Decode *data*; return the text and the encoding used, as a phrase.

    Raises:
        DecodeError: naming the encoding(s) tried and the byte offset.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError as exc:
            raise DecodeError(f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from exc
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), f"{codec} (byte-order mark)"
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"not valid {codec} despite its byte-order mark "
                    f"(byte 0x{data[exc.start]:02x} at offset {exc.start})"
                ) from exc
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = None
        utf8_error = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    nul = data.find(b"\x00")
    if nul >= 0:
        utf8 = "valid UTF-8" if text is not None else f"not valid UTF-8 ({utf8_error})"
        raise DecodeError(
            f"binary content or UTF-16 without a byte-order mark: {utf8}, with a NUL byte at "
            f"offset {nul} (pass encoding='utf-16-le' or 'utf-16-be' if it is text)"
        )
    if text is not None:
        return text, "utf-8"
    if _mostly_utf8(data):
        raise DecodeError(
            f"damaged UTF-8: not valid UTF-8 ({utf8_error}), though the rest of the file is; "
            "it is not read as Windows-1256"
        )
    candidate = data.decode("cp1256", errors="replace")
    if "\ufffd" not in candidate and _looks_arabic(candidate):
        return candidate, "windows-1256 (detected: not valid UTF-8)"
    raise DecodeError(f"not valid UTF-8 ({utf8_error}) and not plausible Windows-1256 Arabic")


# ----------------------------------------------------------------- readers


def _record_fields(
    obj: dict, record: int, text_field: str, id_field: str, notes: tuple[str, ...] = ()
) -> _Record | _Problem:
    if text_field not in obj:
        return _Problem(record, "error", f"no {text_field!r} field (fields: {', '.join(obj)})")
    meta = {k: v for k, v in obj.items() if k not in (text_field, id_field)}
    return _Record(record, obj.get(id_field), obj[text_field], meta, notes)


def _binary_lines(handle, first: bytes) -> Iterator[bytes]:
    pending = first
    for chunk in handle:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        yield from complete
    if pending:
        yield pending


def _read_jsonl(path: Path, text_field: str, id_field: str, encoding: str | None):
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            first = handle.read(4)
            wide = next((c for bom, c in BOMS if first.startswith(bom) and c != "utf-8-sig"), None)
            if wide or (encoding and codecs.lookup(encoding).name != "utf-8"):
                text, _ = decode_bytes(first + handle.read(), encoding=encoding)
                lines: Iterable[bytes | str] = text.split("\n")
            else:
                lines = _binary_lines(handle, first)
            yield from _jsonl_records(lines, text_field, id_field, encoding)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield _Problem(None, "error", f"cannot read: {exc}")
    except DecodeError as exc:
        yield _Problem(None, "error", str(exc))


def _jsonl_records(lines, text_field: str, id_field: str, encoding: str | None):
    offset = 0
    blank = 0
    for number, raw in enumerate(lines, start=1):
        notes: tuple[str, ...] = ()
        if isinstance(raw, bytes):
            line_offset = offset
            offset += len(raw) + 1
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                line = raw.decode(encoding or "utf-8")
            except UnicodeDecodeError as exc:
                if encoding:
                    yield _Problem(
                        number,
                        "error",
                        f"not valid {encoding} (byte 0x{raw[exc.start]:02x} at offset "
                        f"{line_offset + exc.start})",
                    )
                    continue
                try:
                    line, used = decode_bytes(raw)
                except DecodeError as problem:
                    yield _Problem(number, "error", f"line at byte {line_offset}: {problem}")
                    continue
                notes = (f"decoded as {used}",)
        else:
            line = raw
        if not line.strip():
            blank += 1
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _Problem(number, "error", f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict):
            yield _Problem(number, "error", f"expected a JSON object, found {type(obj).__name__}")
            continue
        yield _record_fields(obj, number, text_field, id_field, notes)
    if blank:
        yield _Problem(None, "note", f"{blank} blank line(s)")


def _read_decoded(path: Path, encoding: str | None) -> tuple[str, str] | _Problem:
    """A whole file decoded (see :func:`decode_bytes`), or the problem why not."""
    try:
        return decode_bytes(path.read_bytes(), encoding=encoding)
    except OSError as exc:
        return _Problem(None, "error", f"cannot read: {exc.strerror}")
    except DecodeError as exc:
        return _Problem(None, "error", str(exc))


def _read_csv(path: Path, text_field: str, id_field: str, encoding: str | None):
    decoded = _read_decoded(path, encoding)
    if isinstance(decoded, _Problem):
        yield decoded
        return
    text, used = decoded
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # a text field may be a whole book
    try:
        yield from _csv_records(text, used, text_field, id_field)
    finally:
        csv.field_size_limit(limit)


def _csv_records(text: str, used: str, text_field: str, id_field: str):
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
    except StopIteration:
        return
    except csv.Error as exc:
        yield _Problem(None, "error", f"invalid CSV header: {exc}")
        return
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    if text_field not in header:
        yield _Problem(None, "error", f"no {text_field!r} column (columns: {', '.join(header)})")
        return
    notes = (f"decoded as {used}",) if used.startswith("windows-1256") else ()
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            yield _Problem(
                number + 1,
                "error",
                f"invalid CSV at line {rows.line_num}: {exc}; the rest of the file is not read",
            )
            break
        number += 1
        if not row:
            yield _Problem(None, "note", f"row {number} blank")
            continue
        if len(row) != len(header):
            yield _Problem(number, "error", f"{len(row)} fields, the header has {len(header)}")
            continue
        yield _record_fields(
            dict(zip(header, row, strict=True)), number, text_field, id_field, notes
        )


def _read_parquet(path: Path, text_field: str, id_field: str, encoding: str | None):
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        columns = parquet.schema_arrow.names
    except (OSError, pa.ArrowException) as exc:
        yield _Problem(None, "error", f"not a readable Parquet file: {exc}")
        return
    if text_field not in columns:
        yield _Problem(None, "error", f"no {text_field!r} column (columns: {', '.join(columns)})")
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=1024):  # streamed, batch by batch
            for obj in batch.to_pylist():
                number += 1
                yield _record_fields(obj, number, text_field, id_field)
    except (OSError, pa.ArrowException) as exc:
        yield _Problem(None, "error", f"Parquet file breaks after record {number}: {exc}")


def _read_txt(path: Path, text_field: str, id_field: str, encoding: str | None):
    decoded = _read_decoded(path, encoding)
    if isinstance(decoded, _Problem):
        yield decoded
        return
    text, used = decoded
    notes = [f"decoded as {used}"] if used.startswith("windows-1256") else []
    meta: dict = {}
    stem = path.name[:-4] if path.name.lower().endswith(".txt") else path.name
    sidecar = path.with_name(stem + META_SUFFIX)
    if sidecar.exists():
        try:
            meta = json.loads(decode_bytes(sidecar.read_bytes())[0])
            if not isinstance(meta, dict):
                raise ValueError(f"expected a JSON object, found {type(meta).__name__}")
        except (OSError, ValueError) as exc:
            notes.append(f"metadata sidecar {sidecar.name} ignored: {exc}")
            meta = {}
    yield _Record(None, meta.get(id_field, meta.get("id")), text, meta, tuple(notes))


def _read_html(path: Path, text_field: str, id_field: str, encoding: str | None):
    import trafilatura

    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _Problem(None, "error", f"cannot read: {exc.strerror}")
        return
    if encoding:
        try:
            data = decode_bytes(data, encoding=encoding)[0]
        except DecodeError as exc:
            yield _Problem(None, "error", str(exc))
            return
    nul = data.find(b"\x00") if isinstance(data, bytes) else -1
    if nul >= 0:
        yield _Problem(None, "error", f"binary content: NUL byte at offset {nul}")
        return
    try:
        found = trafilatura.extract(data, output_format="json", with_metadata=True)
    except Exception as exc:  # the extractor's own failure, reported, never swallowed
        yield _Problem(None, "error", f"trafilatura failed: {type(exc).__name__}: {exc}")
        return
    if not found:
        yield _Problem(None, "empty", "trafilatura found no main text")
        return
    extracted = json.loads(found)
    meta = {
        "title": extracted.get("title"),
        "url": extracted.get("source") or extracted.get("url"),
        "hostname": extracted.get("hostname"),
        "author": extracted.get("author"),
        "date": extracted.get("date"),
        "extractor": f"trafilatura {trafilatura.__version__}",
    }
    yield _Record(None, None, extracted.get("text") or "", meta)


READERS = {
    "txt": _read_txt,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "parquet": _read_parquet,
    "html": _read_html,
}


# ------------------------------------------------------------------ inputs


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    return next((f for suffix, f in SUFFIX_FORMATS.items() if name.endswith(suffix)), None)


def _shown(path: Path) -> str:
    """A path for the report: relative to the project when inside it, else as given."""
    try:
        return path.absolute().relative_to(paths.project_root()).as_posix()
    except (ValueError, FileNotFoundError):
        return str(path)


def _id_base(path: Path, root: Path | None) -> str:
    """A document id from a path: relative to the directory given, without suffix."""
    rel = path.relative_to(root).as_posix() if root else path.name
    fmt_suffix = next((s for s in SUFFIX_FORMATS if rel.lower().endswith(s)), "")
    return rel[: len(rel) - len(fmt_suffix)] if fmt_suffix else rel


def _walk(root: Path) -> Iterator[Path]:
    """Every entry under *root*, following links to directories (once each),
    in sorted order of relative path; directories themselves are not listed."""
    seen = {root.resolve()}
    found = []
    for directory, subdirs, files in os.walk(root, followlinks=True):
        here = Path(directory)
        keep = []
        for name in subdirs:
            real = (here / name).resolve()
            if real not in seen:
                seen.add(real)
                keep.append(name)
        subdirs[:] = keep
        found += [here / name for name in files]
    return iter(sorted(found, key=lambda f: f.relative_to(root).as_posix()))


def _inputs(path_or_paths) -> Iterator[tuple[Path, str | None, str | None]]:
    """(path, id base, problem) for every input; problem is None for a file
    that can be read, else the reason it cannot."""
    if isinstance(path_or_paths, (str, os.PathLike)):
        path_or_paths = [path_or_paths]
    for item in path_or_paths:
        path = Path(item)
        if path.is_dir():
            entries = list(_walk(path))
            if not entries:
                yield path, None, "empty directory: no files in it"
            for entry in entries:
                if entry.is_file():
                    yield entry, _id_base(entry, path), None
                elif entry.is_symlink() and not entry.exists():
                    yield entry, None, "broken link"
                else:
                    yield entry, None, "not a regular file"
        elif path.is_file():
            yield path, _id_base(path, None), None
        elif path.exists():
            yield path, None, "not a regular file"
        else:
            yield path, None, "no such file or directory"


# ------------------------------------------------------------------ corpus


@dataclass
class Corpus:
    """Documents and the report of their loading.

    Attributes:
        documents: in load order (sorted paths, then record order).
        load_report: one row per input file, and per record not loaded or
            loaded with a warning; columns :data:`REPORT_COLUMNS`.
    """

    documents: list[Document] = field(default_factory=list)
    load_report: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REPORT_COLUMNS))
    _index: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, int):
            return self.documents[key]
        if len(self._index) != len(self.documents):  # documents were added since
            self._index.clear()
            self._index.update((doc.id, doc) for doc in self.documents)
        return self._index[key]

    def table(self, layer: str) -> pd.DataFrame:
        """Spans of *layer* (paragraphs, regions, sentences, tokens) of every document."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")
        frames = [doc.table(layer) for doc in self.documents]
        if not frames:
            return pd.DataFrame(columns=SPAN_COLUMNS)
        return pd.concat(frames, ignore_index=True)

    def documents_table(self) -> pd.DataFrame:
        """One row per document: id, source, characters and the meta fields."""
        rows = [
            {"doc_id": d.id, "source": d.source, "chars": len(d.text), **d.meta}
            for d in self.documents
        ]
        return pd.DataFrame(rows, columns=None if rows else ["doc_id", "source", "chars"])

    def __repr__(self) -> str:
        counts = (
            self.load_report["status"].value_counts().to_dict() if len(self.load_report) else {}
        )
        return f"Corpus({len(self)} documents; report: {counts})"


def _report_frame(rows: list[ReportRow]) -> pd.DataFrame:
    frame = pd.DataFrame([r.__dict__ for r in rows], columns=REPORT_COLUMNS)
    return frame.astype({"record": "Int64", "documents": "int64"})


def iter_load(
    path_or_paths,
    *,
    format: str | None = None,
    text_field: str = "text",
    id_field: str = "doc_id",
    encoding: str | None = None,
    errors: str = "report",
) -> Iterator[Document | ReportRow]:
    """Stream documents and report rows; :func:`load` collects them.

    Yields each document as soon as it is read, and each report row when its
    record or file is done, so a corpus of any size can be processed in
    batches.  Arguments as for :func:`load`.
    """
    if errors not in ("report", "raise"):
        raise ValueError(f"errors must be 'report' or 'raise', not {errors!r}")
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    if encoding:
        codecs.lookup(encoding)  # an unknown encoding is the caller's error: raise now
    seen_ids: dict[str, str] = {}
    seen_texts: dict[bytes, str] = {}

    def row(path: str, record: int | None, status: str, reason: str, documents: int):
        if status == "error" and errors == "raise":
            where = path if record is None else f"{path}, record {record}"
            raise CorpusLoadError(f"{where}: {reason}")
        return ReportRow(path, record, status, reason, documents)

    for path, id_base, problem in _inputs(path_or_paths):
        shown = _shown(path)
        if problem is not None:
            status = "empty" if problem.startswith("empty directory") else "error"
            yield row(shown, None, status, problem, 0)
            continue
        if path.name.endswith(META_SUFFIX):
            stem = path.name[: -len(META_SUFFIX)].lower()
            if any(p.name.lower() == stem + ".txt" for p in path.parent.iterdir()):
                continue  # read with its text file, and reported there
            yield row(shown, None, "error", "metadata sidecar with no .txt file beside it", 0)
            continue
        fmt = format or _format_of(path)
        if fmt is None:
            yield row(shown, None, "error", f"unsupported file type ({path.name})", 0)
            continue
        single = fmt in SINGLE_DOCUMENT_FORMATS
        loaded = 0
        problems: dict[str, int] = {}
        notes: list[str] = []
        file_problem: _Problem | None = None
        for found in READERS[fmt](path, text_field, id_field, encoding):
            if isinstance(found, _Problem):
                if found.status == "note":
                    notes.append(found.reason)
                elif found.record is None and not single:
                    file_problem = found  # the file's own row says it
                else:
                    problems[found.status] = problems.get(found.status, 0) + 1
                    yield row(shown, found.record, found.status, found.reason, 0)
                continue
            record = found.record
            source = shown if record is None else f"{shown}:{record}"
            where = "no text" if single else f"no text in {text_field!r}"
            text = found.text
            if text is None or (isinstance(text, str) and not text.strip()):
                problems["empty"] = problems.get("empty", 0) + 1
                yield row(shown, record, "empty", f"{where} (empty or white space only)", 0)
                continue
            if not isinstance(text, str):
                problems["error"] = problems.get("error", 0) + 1
                kind = type(text).__name__
                yield row(shown, record, "error", f"{text_field!r} is {kind}, not text", 0)
                continue
            has_id = found.id is not None and str(found.id) != ""
            doc_id = str(found.id) if has_id else id_base if single else f"{id_base}:{record}"
            if doc_id in seen_ids:
                problems["duplicate"] = problems.get("duplicate", 0) + 1
                why = f"id {doc_id!r} already loaded from {seen_ids[doc_id]}"
                yield row(shown, record, "duplicate", why, 0)
                continue
            seen_ids[doc_id] = source
            warnings = list(found.notes)
            digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            if digest in seen_texts:
                warnings.append(f"same text as {seen_texts[digest]!r}")
            else:
                seen_texts[digest] = doc_id
            warnings += pdf_paste_signs(text)
            loaded += 1
            yield Document(doc_id, text, found.meta, source)
            if single:
                status = "warning" if warnings else "loaded"
                yield row(shown, None, status, "; ".join(warnings), 1)
            elif warnings:
                yield row(shown, record, "warning", "; ".join(warnings), 0)
        if not single:
            yield row(shown, None, *_file_summary(loaded, problems, notes, file_problem), loaded)


def _file_summary(
    loaded: int, problems: dict[str, int], notes: list[str], file_problem: _Problem | None
) -> tuple[str, str]:
    """Status and reason of a multi-record file's own row."""
    counts = [f"{loaded} loaded"] + [f"{n} {s}" for s, n in sorted(problems.items())]
    if file_problem is not None:
        # A file that breaks part-way (a truncated archive) keeps what was read
        # before, counted in its row, and is still an error.
        return file_problem.status, "; ".join([file_problem.reason, *counts])
    if loaded:
        return "loaded", "; ".join(counts + notes)
    if problems.get("error"):
        return "error", "; ".join(counts + notes)
    if problems and set(problems) == {"duplicate"}:
        return "duplicate", "; ".join(counts + notes)
    return "empty", "; ".join((counts if problems else ["no records"]) + notes)


def load(
    path_or_paths,
    *,
    format: str | None = None,
    text_field: str = "text",
    id_field: str = "doc_id",
    encoding: str | None = None,
    errors: str = "report",
) -> Corpus:
    """Load documents from files, directories or a list of them.

    Args:
        path_or_paths: a file, a directory (read recursively, in sorted order
            of relative path) or a list of files and directories.
        format: read every file as this format (txt, jsonl, csv, parquet,
            html) instead of choosing by suffix.
        text_field: the field or column holding the text in JSONL, CSV and
            Parquet records.
        id_field: the field holding the document id; where it is missing, the
            id is the file's path (relative to the directory given, without
            suffix), plus ``:N`` for the Nth record of a multi-record file.
        encoding: decode with this encoding instead of detecting one.
        errors: ``"report"`` puts every problem in the load report and goes
            on; ``"raise"`` raises :class:`CorpusLoadError` at the first error.

    Raises:
        CorpusLoadError: with ``errors="raise"``, naming the file and the reason.
        ValueError: for an unknown format or ``errors`` value.
        LookupError: for an unknown encoding.
    """
    documents: list[Document] = []
    rows: list[ReportRow] = []
    for item in iter_load(
        path_or_paths,
        format=format,
        text_field=text_field,
        id_field=id_field,
        encoding=encoding,
        errors=errors,
    ):
        (documents if isinstance(item, Document) else rows).append(item)
    return Corpus(documents, _report_frame(rows))


def load_seed(name: str) -> Document:
    """The seed article ``seeds/<name>.txt`` as a document.

    Raises:
        CorpusLoadError: if it is missing or cannot be loaded; the message
            lists the seeds there are.
    """
    path = paths.seeds_dir() / f"{name}.txt"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in paths.seeds_dir().glob("*.txt"))) or "none"
        raise CorpusLoadError(f"{_shown(path)}: no such seed (seeds present: {known})")
    corpus = load(path, errors="raise")
    if not corpus.documents:
        raise CorpusLoadError(f"{_shown(path)}: {corpus.load_report['reason'].iloc[0]}")
    return corpus.documents[0]
