"""Loading corpora so that every input is accounted for.

:func:`load` reads files, directories (recursively, in sorted order) or lists
of them, in the formats below, and returns a :class:`Corpus`: the documents,
and a load report with one row per input file and one per record that was not
loaded or loaded with a caveat.  Nothing is skipped silently: the
``documents`` column of the report adds up to the number of documents, and
every record that is not among them has a row saying why.  In the default
mode no input, however malformed, ends the run: its problem is a row.

Formats, chosen by suffix unless ``format=`` says otherwise:

``.txt``
    one document; an optional ``NAME.meta.json`` sidecar beside it gives its
    metadata (see ``seeds/README.md``), its name matched without regard to
    case (a sidecar whose name differs in case, or one of several that
    match, is read with a ``warning``; the exact name comes first);
``.jsonl``, ``.jsonl.gz``
    one JSON object a line, streamed; the text field is the text, the id field
    the id, every other field goes to ``meta``;
``.csv``
    a header row, then one document a row, fields as for JSONL; streamed;
``.parquet``
    one document a row, fields as for JSONL (needs ``pyarrow``);
``.html``, ``.htm``
    one document: the page's main text as extracted by trafilatura, with its
    title, URL and other metadata in ``meta`` (needs ``trafilatura``).

Encodings: UTF-8, with or without a byte-order mark; UTF-16 and UTF-32 with a
byte-order mark; and Windows-1256, tried when UTF-8 fails and accepted when the
result is plausible Arabic text (the report says so).  ``encoding=`` forces
one encoding.  Text that looks pasted from a PDF (presentation forms, words in
visual order) is loaded as it is and flagged with a ``warning`` row.

Reading is bounded, whatever the input: only regular files are opened (a
FIFO, a device or a socket, or a link to one, is an ``error`` row and never
opened, so that nothing blocks or reads without end), and three limits
hold, each of which a caller may raise with the keyword of the same name (a
limit above ``sys.maxsize`` is no limit: no file reaches it):

:data:`MAX_RECORD_BYTES` (``max_record_bytes=``)
    a record: a JSONL line (after decompression; counted in characters when
    the file is decoded from UTF-16, UTF-32 or a forced encoding), a CSV
    record (in characters), a metadata sidecar.  A longer JSONL line is an
    ``error`` row for its record and is read to its end a chunk at a time,
    never held, and the records after it load; a longer CSV record ends the
    file (where the next record starts cannot be told);
:data:`MAX_FILE_BYTES` (``max_file_bytes=``)
    a file read whole: ``.txt``, ``.html``, and a CSV that is not UTF-8 (its
    encoding is decided on all of it).  A larger file is an ``error`` row;
:data:`MAX_GZIP_RATIO` (``max_gzip_ratio=``)
    how many times the compressed bytes read a ``.gz`` file may expand to,
    once it has given more than :data:`GZIP_FLOOR_BYTES`.  A gzip bomb (a few
    kilobytes that expand to gigabytes of blank lines, tiny records or one
    endless line) stops there, as an ``error`` that keeps the records read
    before: it is read no further than a plain file that many times its size
    would be.  In UTF-8, a run of blank lines is read a buffer at a time, not
    one by one.

Checks on what the bytes hold: a damaged ``.gz`` (a corrupt or truncated
stream) is an ``error`` row that keeps the records read before the damage;
a JSON line with an integer too long to convert or nesting too deep to read is
an ``error`` row for its record, and so is a Parquet record with a value
Python cannot hold (a string that is not valid UTF-8, a timestamp past the
year 9999, a time zone no one knows), naming its column; a CSV is parsed
strictly, so a quote that is never closed (which would make the rest of the
file one field), or text after a closing quote, is an ``error`` that keeps the
records before it; a CSV or Parquet file whose columns repeat a name is an
``error`` (which one is meant cannot be told).

A lone surrogate (a JSON ``"\\ud800"`` escape that is half of no pair, which
no encoding can write) is replaced by U+FFFD, one character for one, so
offsets do not move, in the text, the id and the metadata values, however
nested; in a field name (a key, at any depth), which has no offsets, it is
written as an escape (``\\ud800``), so that names stay distinct.  A
``warning`` row says how many and where, and names any field names that are
the same once escaped (the last value is kept).  A file name that is not
UTF-8 is shown in the report, the document's ``source`` and its id with its
undecodable bytes as ``\\xNN``, and the reason says so.  A format whose
package, or a module it needs, is missing is an ``error`` row naming the
module and the package to install.

Statuses in the report: ``loaded``; ``warning`` (loaded, with a caveat in
``reason``); ``error`` (not loaded: unreadable, undecodable, malformed, over a
limit; a multi-record file that breaks part-way keeps the records read before
the break, and its row counts them);
``empty`` (not loaded: no text); ``duplicate`` (not loaded: its id was loaded
before).  Documents whose text repeats an earlier document's under another id
are loaded and flagged with a ``warning``: the same wire story in two outlets
is two publications.  Every path and reason in the report is printable text.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.document import LAYERS, LONE_SURROGATE, Document
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
# The largest record (a JSONL line, a CSV record, a sidecar) and the largest
# file read whole: a thousand times the longest SaudiNewsNet article (62 kB
# as a JSON line), and a few hundred books.
MAX_RECORD_BYTES = 64 * 2**20
MAX_FILE_BYTES = 256 * 2**20
# A .gz file may give at most this many times the compressed bytes read: JSONL
# of news compresses about 4 times (SaudiNewsNet: 3.8), and text compresses a
# hundred times only when it repeats itself over and over.  Up to
# GZIP_FLOOR_BYTES decompressed, any ratio is read.
MAX_GZIP_RATIO = 100
GZIP_FLOOR_BYTES = 2**20
# Python reads at most sys.maxsize bytes at once, and a limit is read one byte
# past to tell a longer input: a larger limit is this one, which no file reaches.
_LARGEST_LIMIT = sys.maxsize - 1
CHUNK_BYTES = 2**20  # read at a time when checking a file or skipping a long line
NAME_NOT_UTF8 = "the file name is not UTF-8: its undecodable bytes are shown as \\xNN"
# modules that PyPI names otherwise (the package to install when one is missing)
_PIP_PACKAGES = {"lxml.html.clean": "lxml-html-clean", "dateutil": "python-dateutil"}
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # an undecodable byte of a file name
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


class CorpusLoadError(ValueError):
    """Raised by ``load(..., errors="raise")``; the message names the file and the reason."""


class DecodeError(ValueError):
    """Bytes that are not text in any encoding tried; the message says which and where."""


class OverLimitError(ValueError):
    """Input over one of the loader's size limits; the message names the limit."""


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


@dataclass(frozen=True)
class _Options:
    """What every reader is told: the fields, the encoding, the limits, and
    where the metadata sidecars are."""

    text_field: str
    id_field: str
    encoding: str | None
    max_record_bytes: int
    max_file_bytes: int
    max_gzip_ratio: float
    sidecars: _Sidecars


# ----------------------------------------------------------------- reading


def _reason(exc: BaseException) -> str:
    """An exception as a reason: the system's message for an OSError, else its text."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _not_regular(mode: int) -> str:
    """What a file that is not a regular file is, for a reason."""
    kind = next((kind for test, kind in _NOT_REGULAR if test(mode)), "of an unknown kind")
    return f"not a regular file ({kind}); not opened"


def _open_regular(path: Path):
    """*path* opened to read bytes, if it is a regular file.

    The caller has already looked (see :func:`_unreadable`); this looks again
    at what was opened, in case the file changed in between, and opens without
    waiting, so that even a FIFO put there meanwhile cannot block the load.

    Raises:
        OSError: if it cannot be opened or is not a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(_not_regular(mode))
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _read_at_most(handle, limit: int, keyword: str | None) -> bytes:
    """The rest of the file *handle*, reading no more than *limit* bytes and one.

    A file whose size is over *limit* is not read at all; one that holds more
    than its size says (a file of ``/proc`` says 0) is read on a chunk at a time.

    Raises:
        OverLimitError: if there is more, naming the limit and the keyword
            that raises it, if there is one.
    """
    size = os.fstat(handle.fileno()).st_size - handle.tell()
    chunks = [] if size > limit else [handle.read(size + 1)]
    read = sum(map(len, chunks))
    while size < read <= limit and (more := handle.read(min(CHUNK_BYTES, limit + 1 - read))):
        chunks.append(more)
        read += len(more)
    if size > limit or read > limit:
        raising = f" (corpus.load's {keyword})" if keyword else ""
        raise OverLimitError(f"larger than the limit of {limit:,} bytes{raising}; not read")
    return b"".join(chunks)


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES, keyword: str | None = None) -> bytes:
    """The bytes of *path*, read whole as the loader reads a file: only if it
    is a regular file (or a link to one), and only up to *limit* bytes.

    A FIFO, a device or a socket is looked at and never opened (see
    :func:`_unreadable`), so that nothing blocks or reads without end.

    Raises:
        OSError: if it is missing, is not a regular file or cannot be read;
            the message is the reason, as the load report gives it.
        OverLimitError: if it is larger than *limit*, naming *keyword*, the
            argument that raises the limit, if there is one.
    """
    problem = _unreadable(path)
    if problem is not None:
        raise OSError(problem)
    try:
        with _open_regular(path) as handle:
            return _read_at_most(handle, limit, keyword)
    except OSError as exc:  # unreadable, or changed since it was looked at
        raise OSError(f"cannot read: {_reason(exc)}") from exc


def _read_whole(path: Path, limit: int) -> bytes | _Problem:
    """A whole file's bytes, within *limit* (``max_file_bytes``), or the problem why not."""
    try:
        return read_regular_file(path, limit, "max_file_bytes")
    except (OSError, OverLimitError) as exc:
        return _Problem(None, "error", str(exc))


def _bounded_lines(handle, limit: int) -> Iterator[tuple[bytes | str | None, int, int]]:
    """Each line of *handle* (bytes, or text split at ``\\n``) without its
    newline, its length with it, and the number of lines it stands for.

    A line longer than *limit* is read to its end a chunk at a time and never
    held: it comes as None.  In a byte stream, the blank lines (white space
    only) after a blank line are taken from the read-ahead a buffer at a time
    and come as one empty line that stands for them all, so that a run of
    millions of them is not read a line at a time.
    """
    newline = "\n" if isinstance(handle, io.TextIOBase) else b"\n"
    peek = getattr(handle, "peek", None)  # a byte stream's read-ahead
    after_blank = False
    while True:
        if after_blank:
            ahead = peek()
            blank = len(ahead) - len(ahead.lstrip())  # bytes.isspace() white space
            end = ahead.rfind(b"\n", 0, blank) + 1  # the blank lines, whole, at its start
            if end:
                handle.read(end)
                yield b"", end, ahead.count(b"\n", 0, end)
                continue
        line = handle.readline(limit + 1)
        if not line:
            return
        after_blank = peek is not None and line.isspace()
        length = len(line)
        if line.endswith(newline):
            yield line[:-1], length, 1
        elif length <= limit:
            yield line, length, 1  # the last line, with no newline after it
        else:
            while rest := handle.readline(CHUNK_BYTES):
                length += len(rest)
                if rest.endswith(newline):
                    break
            yield None, length, 1


class _GzipGuard(io.RawIOBase):
    """The decompressed bytes of a gzip file, which stop with an
    :class:`OverLimitError` once they are more than :data:`GZIP_FLOOR_BYTES`
    and more than *ratio* times the compressed bytes read: a gzip bomb (a
    small file that expands to gigabytes) is read no further than a plain
    file *ratio* times its size would be."""

    def __init__(self, gzipped: gzip.GzipFile, compressed, ratio: float):
        super().__init__()
        self._gzipped = gzipped
        self._compressed = compressed  # the file under it, whose position is the bytes read
        self._ratio = ratio
        self._given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._gzipped.readinto1(buffer)  # what is there: a damaged end waits its turn
        self._given += count
        read = self._compressed.tell()
        if self._given > GZIP_FLOOR_BYTES and self._given > self._ratio * read:
            raise OverLimitError(
                f"decompresses to more than {self._ratio:g} times its size ({self._given:,} "
                f"bytes from the first {read:,}), over the limit (corpus.load's max_gzip_ratio); "
                "the rest of the file is not read"
            )
        return count


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


def _bom_codec(data: bytes) -> str | None:
    """The codec that a byte-order mark at the start of *data* names, or None."""
    return next((codec for bom, codec in BOMS if data.startswith(bom)), None)


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
    codec = _bom_codec(data)
    if codec:
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


def _utf8_throughout(handle) -> bool:
    """Whether the rest of *handle* is what :func:`decode_bytes` reads as UTF-8
    (valid UTF-8, no NUL byte), checked a chunk at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(CHUNK_BYTES):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class _Surrogates:
    """What :func:`_without_surrogates` changed in one value: lone surrogates
    replaced in text, written as escapes in field names, and field names that
    are the same once escaped (the last value is kept, as JSON keeps it)."""

    replaced: int = 0
    escaped: int = 0
    merged: int = 0

    def key(self, key: str, into: dict) -> str:
        """*key* with its lone surrogates written as escapes (``\\ud800``),
        counted, and counted as merged if *into* (the keys before it) holds
        it already: the keys of a dict are distinct until escaped."""
        if found := len(LONE_SURROGATE.findall(key)):
            self.escaped += found
            key = _printable(key)
        self.merged += key in into
        return key

    def __bool__(self) -> bool:
        """Whether anything was changed."""
        return bool(self.replaced or self.escaped or self.merged)

    def text(self, text: str) -> str:
        """*text* with its lone surrogates replaced by U+FFFD, one for one."""
        text, replaced = LONE_SURROGATE.subn("\ufffd", text)
        self.replaced += replaced
        return text


def _replace_surrogates(value, found: _Surrogates):
    """*value* with the lone surrogates of its strings replaced by U+FFFD and
    those of its dicts' keys (field names, which must stay distinct) written as
    escapes, however deeply nested; dicts and lists are changed in place, and
    *found* counts what was changed."""
    if isinstance(value, str):
        return found.text(value)
    pending = [value]
    while pending:  # a loop, not recursion: JSON can nest nearly as deep as Python can
        node = pending.pop()
        if isinstance(node, dict):
            if any(isinstance(k, str) and LONE_SURROGATE.search(k) for k in node):
                pairs = list(node.items())
                node.clear()
                for key, item in pairs:
                    node[found.key(key, node) if isinstance(key, str) else key] = item
            slots = list(node.items())
        elif isinstance(node, list):
            slots = list(enumerate(node))
        else:
            continue
        for key, item in slots:
            if isinstance(item, str):
                node[key] = found.text(item)
            elif isinstance(item, (dict, list)):
                pending.append(item)
    return value


_SURROGATE_NOTES = {  # what _Surrogates counts, and how the report says it
    "replaced": "lone surrogates (which no encoding can write) replaced by U+FFFD",
    "escaped": (
        "lone surrogates in field names written as escapes (\\ud800 and the like) "
        "to keep them apart"
    ),
    "merged": "field names that are the same once escaped (the last value is kept)",
}


def _without_surrogates(found: _Record) -> _Record:
    """*found* with the lone surrogates of its text, id and metadata replaced,
    and those of its field names escaped (see :func:`_replace_surrogates`),
    with a note saying how many and where."""
    in_text, in_id = _Surrogates(), _Surrogates()
    text = _replace_surrogates(found.text, in_text)
    doc_id = _replace_surrogates(found.id, in_id)
    counted = [("the text", in_text), ("the id", in_id)]
    meta: dict = {}
    for key, value in found.meta.items():
        in_field = _Surrogates()
        key = in_field.key(key, meta)
        meta[key] = _replace_surrogates(value, in_field)
        if in_field:
            counted.append((f"meta '{key}'", in_field))
    if not any(n for _, n in counted):
        return found
    notes = []
    for kind, heading in _SURROGATE_NOTES.items():
        places = [f"{getattr(n, kind)} in {where}" for where, n in counted if getattr(n, kind)]
        if places:
            notes.append(f"{heading}: {', '.join(places)}")
    return dataclasses.replace(found, id=doc_id, text=text, meta=meta, notes=(*found.notes, *notes))


def _printable(text: str) -> str:
    """*text* with any lone surrogate in it written as an escape (``\\ud800``)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _printable_name(name: str) -> str:
    """A path from the file system as printable text: each byte that was not
    UTF-8 (held as a surrogate escape) is shown as ``\\xNN``."""
    return _printable(_ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}", name))


# ----------------------------------------------------------------- readers


def _record_fields(
    obj: dict, record: int, text_field: str, id_field: str, notes: tuple[str, ...] = ()
) -> _Record | _Problem:
    if text_field not in obj:
        return _Problem(record, "error", f"no {text_field!r} field (fields: {', '.join(obj)})")
    meta = {k: v for k, v in obj.items() if k not in (text_field, id_field)}
    return _Record(record, obj.get(id_field), obj[text_field], meta, notes)


def _missing_module(exc: BaseException | None) -> str | None:
    """The module whose import failed, named by *exc* or by the error it was
    raised in handling: lxml raises an error naming no module when its
    ``lxml.html.clean`` finds no ``lxml_html_clean``."""
    while exc is not None:
        if isinstance(exc, ImportError) and exc.name:
            return exc.name
        exc = exc.__cause__ or exc.__context__
    return None


def _pip_package(module: str) -> str:
    """The package to install for *module* (its top-level name as PyPI spells it)."""
    if module in _PIP_PACKAGES:
        return _PIP_PACKAGES[module]
    top = module.split(".")[0]
    return _PIP_PACKAGES.get(top, top.replace("_", "-"))


def _missing_package(what: str, package: str, exc: ImportError) -> _Problem:
    """The error for a format whose *package* cannot be imported, naming the
    module that is missing (the package, or one it needs) and how to install it."""
    module = _missing_module(exc) or package
    message = " ".join(str(exc).split())  # on one line
    needs = "" if module.split(".")[0] == package else f": it needs the module {module}"
    return _Problem(
        None,
        "error",
        f"reading {what} needs the {package} package, which cannot be imported{needs} "
        f"({message}): install it with pip install {_pip_package(module)}",
    )


def _read_jsonl(path: Path, opts: _Options):
    gzipped = path.name.lower().endswith(".gz")
    forced = (
        opts.encoding if opts.encoding and codecs.lookup(opts.encoding).name != "utf-8" else None
    )
    codec = forced
    try:
        with _open_regular(path) as raw:
            handle = gzip.GzipFile(fileobj=raw) if gzipped else raw
            first = handle.read(4)
            handle.seek(0)
            if gzipped:
                handle = io.BufferedReader(_GzipGuard(handle, raw, opts.max_gzip_ratio))
            bom = _bom_codec(first)
            codec = forced or (None if bom == "utf-8-sig" else bom)  # a UTF-8 mark is dropped
            lines = io.TextIOWrapper(handle, encoding=codec, newline="\n") if codec else handle
            unit = "character" if codec else "byte"
            yield from _jsonl_records(_bounded_lines(lines, opts.max_record_bytes), opts, unit)
    except (OSError, EOFError, zlib.error) as exc:  # a damaged or truncated archive too
        yield _Problem(None, "error", f"cannot read: {_reason(exc)}")
    except UnicodeDecodeError as exc:  # UTF-16/32 or a forced encoding, decoded ahead
        yield _Problem(None, "error", f"not valid {codec}: {exc.reason}; the rest is not read")
    except OverLimitError as exc:  # a gzip bomb
        yield _Problem(None, "error", str(exc))


def _jsonl_records(lines, opts: _Options, unit: str):
    """The records of a JSONL file's lines (see :func:`_bounded_lines`), whose
    offsets and lengths count *unit*: bytes, or characters once decoded."""
    offset = 0
    number = 0
    blank = 0
    for raw, length, count in lines:
        number += count
        line_offset = offset
        offset += length
        notes: tuple[str, ...] = ()
        if raw is None:
            yield _Problem(
                number,
                "error",
                f"line at {unit} {line_offset} is {length:,} {unit}s long, over the limit of "
                f"{opts.max_record_bytes:,} {unit}s (corpus.load's max_record_bytes); not read",
            )
            continue
        if number == 1:  # a byte-order mark a decoder left in place
            raw = raw.removeprefix(codecs.BOM_UTF8 if isinstance(raw, bytes) else "\ufeff")
        if isinstance(raw, bytes):
            try:
                line = raw.decode(opts.encoding or "utf-8")
            except UnicodeDecodeError as exc:
                if opts.encoding:
                    yield _Problem(
                        number,
                        "error",
                        f"not valid {opts.encoding} (byte 0x{raw[exc.start]:02x} at offset "
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
            blank += count
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _Problem(number, "error", f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except ValueError as exc:  # an integer longer than Python converts
            yield _Problem(number, "error", f"unreadable JSON: {exc}")
            continue
        except RecursionError:
            yield _Problem(number, "error", "unreadable JSON: nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield _Problem(number, "error", f"expected a JSON object, found {type(obj).__name__}")
            continue
        yield _record_fields(obj, number, opts.text_field, opts.id_field, notes)
    if blank:
        yield _Problem(None, "note", f"{blank} blank line(s)")


def _read_decoded(path: Path, opts: _Options) -> tuple[str, str] | _Problem:
    """A whole file decoded (see :func:`decode_bytes`), or the problem why not."""
    data = _read_whole(path, opts.max_file_bytes)
    if isinstance(data, _Problem):
        return data
    try:
        return decode_bytes(data, encoding=opts.encoding)
    except DecodeError as exc:
        return _Problem(None, "error", str(exc))


def _column_problem(names: list[str], opts: _Options) -> _Problem | None:
    """An error for a table without the text column, or with columns that
    repeat a name (which one is meant cannot be told); None if it has neither."""
    if opts.text_field not in names:
        columns = ", ".join(names)
        return _Problem(None, "error", f"no {opts.text_field!r} column (columns: {columns})")
    repeated = [f"{name!r} ({n} times)" for name, n in Counter(names).items() if n > 1]
    if repeated:
        return _Problem(None, "error", f"columns with the same name: {', '.join(repeated)}")
    return None


def _read_csv(path: Path, opts: _Options):
    try:
        with _open_regular(path) as handle:
            stream, used = _csv_text(handle, opts)
            yield from _csv_records(stream, used, opts)
    except OSError as exc:
        yield _Problem(None, "error", f"cannot read: {_reason(exc)}")
    except (DecodeError, OverLimitError) as exc:
        yield _Problem(None, "error", str(exc))


def _csv_text(handle, opts: _Options):
    """The file as text for the CSV reader, and the encoding used: streamed when
    the encoding is given, marked by a byte-order mark or UTF-8 throughout;
    otherwise decoded whole by :func:`decode_bytes`, within ``max_file_bytes``."""
    first = handle.read(4)
    codec = opts.encoding or _bom_codec(first)
    handle.seek(0)
    if codec is None and _utf8_throughout(handle):
        codec = "utf-8"
    handle.seek(0)
    if codec:
        return io.TextIOWrapper(handle, encoding=codec, newline=""), codec
    text, used = decode_bytes(_read_at_most(handle, opts.max_file_bytes, "max_file_bytes"))
    return io.StringIO(text, newline=""), used


class _CsvLines:
    """A text stream's lines for :func:`csv.reader`, refusing a record (the lines
    read since :meth:`next_record`) longer than *limit* characters."""

    def __init__(self, stream, limit: int):
        self.stream = stream
        self.limit = limit
        self.record_chars = 0
        self.ended = False  # the stream was read to its end

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            self.ended = True
            raise StopIteration
        self.record_chars += len(line)
        if self.record_chars > self.limit:
            raise OverLimitError(
                f"over the limit of {self.limit:,} characters for a record "
                "(corpus.load's max_record_bytes)"
            )
        return line

    def next_record(self) -> None:
        self.record_chars = 0


@contextmanager
def _csv_field_limit(limit: int):
    """The csv module's field size limit (a global) set to *limit* meanwhile."""
    saved = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(saved)


def _csv_records(stream, used: str, opts: _Options):
    lines = _CsvLines(stream, opts.max_record_bytes)
    rows = csv.reader(lines, strict=True)  # strict: a broken quote is an error, not a merge
    notes = (f"decoded as {used}",) if used.startswith("windows-1256") else ()
    header = None
    number = 0
    start = 1  # the line on which the record being read begins
    try:
        with _csv_field_limit(opts.max_record_bytes):
            header = next(rows, None)
        if header is None:
            return
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        if problem := _column_problem(header, opts):
            yield problem
            return
        while True:
            lines.next_record()
            start = rows.line_num + 1
            with _csv_field_limit(opts.max_record_bytes):
                row = next(rows, None)
            if row is None:
                break
            number += 1
            if not row:
                yield _Problem(None, "note", f"row {number} blank")
                continue
            if len(row) != len(header):
                yield _Problem(number, "error", f"{len(row)} fields, the header has {len(header)}")
                continue
            fields = dict(zip(header, row, strict=True))
            yield _record_fields(fields, number, opts.text_field, opts.id_field, notes)
    except (csv.Error, OverLimitError, UnicodeDecodeError) as exc:
        record = None if header is None else number + 1
        yield _Problem(None, "error", _csv_break(exc, record, start, rows.line_num, lines))


def _csv_break(exc: Exception, record: int | None, start: int, end: int, lines: _CsvLines) -> str:
    """Why a CSV file cannot be read on from *record* (None: the header), which
    begins on line *start*; *end* is the last line read."""
    where = f"the header (line {start})" if record is None else f"record {record} (line {start})"
    if isinstance(exc, csv.Error) and lines.ended:
        return (
            f"invalid CSV: a quote opened in {where} is never closed, so the rest of the file "
            f"(to line {end}) would be one field; records from there on are not loaded"
        )
    if isinstance(exc, UnicodeDecodeError):  # decoded ahead, a chunk at a time
        return (
            f"not valid {exc.encoding} ({exc.reason}) in or after line {start}; "
            "the rest of the file is not read"
        )
    if isinstance(exc, OverLimitError):
        return f"{where} is {exc}; the rest of the file is not read"
    return f"invalid CSV in {where}: {exc}; the rest of the file is not read"


def _read_parquet(path: Path, opts: _Options):
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        yield _missing_package("Parquet", "pyarrow", exc)
        return
    try:
        handle = _open_regular(path)
    except OSError as exc:
        yield _Problem(None, "error", f"cannot read: {_reason(exc)}")
        return
    broken = (OSError, ValueError, pa.ArrowException)
    with handle:
        try:
            parquet = pq.ParquetFile(handle)
            columns = parquet.schema_arrow.names
        except broken as exc:
            yield _Problem(None, "error", f"not a readable Parquet file: {exc}")
            return
        if problem := _column_problem(columns, opts):
            yield problem
            return
        number = 0
        try:
            for batch in parquet.iter_batches(batch_size=1024):  # streamed, batch by batch
                for obj in _parquet_rows(batch):
                    number += 1
                    if isinstance(obj, str):
                        yield _Problem(number, "error", obj)
                    else:
                        yield _record_fields(obj, number, opts.text_field, opts.id_field)
        except broken as exc:
            yield _Problem(None, "error", f"Parquet file breaks after record {number}: {exc}")


def _parquet_rows(batch) -> Iterator[dict | str]:
    """The rows of a Parquet batch as dicts.  A row holding a value that Python
    cannot hold comes as the reason instead (see :func:`_parquet_row`)."""
    try:
        yield from batch.to_pylist()
    except Exception:  # a value that does not convert: the rows are taken one by one
        for i in range(batch.num_rows):
            yield _parquet_row(batch, i)


def _parquet_row(batch, i: int) -> dict | str:
    """Row *i* of a Parquet batch as a dict, or why a value in it cannot be
    one: a string that is not valid UTF-8 (Arrow does not check when it reads),
    a date beyond the year 9999, a time zone that is not known, a struct whose
    fields repeat a name."""
    row = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:
            row[name] = column[i].as_py()
        except UnicodeDecodeError as exc:
            return f"column {name!r}: a string that is not valid UTF-8: {exc}"
        except Exception as exc:  # pyarrow's conversions fail in many ways
            return f"column {name!r}: a value Python cannot hold ({type(exc).__name__}: {exc})"
    return row


def _sidecar_meta(sidecar: Path, opts: _Options) -> tuple[dict, str | None]:
    """The metadata in a text file's sidecar, and why it is ignored if it is
    (None when it is read, or when there is none).  Only a regular file within
    ``max_record_bytes`` is read."""
    if not os.path.lexists(sidecar):
        return {}, None
    try:
        data = read_regular_file(sidecar, opts.max_record_bytes, "max_record_bytes")
        meta = json.loads(decode_bytes(data)[0])
    except RecursionError:
        return {}, "nested too deeply"
    except (OSError, ValueError) as exc:  # unreadable, undecodable, invalid JSON, over the limit
        return {}, str(exc)
    if not isinstance(meta, dict):
        return {}, f"expected a JSON object, found {type(meta).__name__}"
    return meta, None


class _Sidecars:
    """Which metadata sidecar goes with which text file, from one listing of
    each directory, taken when first asked and kept for the load.

    ``NAME.meta.json`` goes with ``NAME.txt``, their names compared without
    regard to case, as a case-insensitive file system compares them:
    ``Doc.txt`` reads ``doc.meta.json``.  A sidecar named exactly for another
    text file (``doc.txt`` beside ``Doc.txt``) goes with that one.
    """

    def __init__(self):
        # per directory: by name without suffix, in lower case, the text
        # files' names without suffix and the sidecars' names
        self._folders: dict[Path, dict[str, tuple[list[str], list[str]]]] = {}

    def _folder(self, directory: Path) -> dict[str, tuple[list[str], list[str]]]:
        if directory not in self._folders:
            try:
                names = sorted(os.listdir(directory))
            except OSError:  # a directory that can be read from but not listed
                names = []
            found: dict[str, tuple[list[str], list[str]]] = {}
            for name in names:
                lower = name.lower()
                if lower.endswith(".txt"):
                    found.setdefault(lower[:-4], ([], []))[0].append(name[:-4])
                elif lower.endswith(META_SUFFIX):
                    found.setdefault(lower[: -len(META_SUFFIX)], ([], []))[1].append(name)
            self._folders[directory] = found
        return self._folders[directory]

    def of_text(self, path: Path, stem: str) -> tuple[Path, str]:
        """The sidecar of the text file *path*, whose name is *stem* and a
        suffix, and a note when its name differs in case or more than one
        matches (the exact name is read first; the path may not exist)."""
        texts, sidecars = self._folder(path.parent).get(stem.lower(), ([], []))
        others = set(texts) - {stem}
        candidates = [name for name in sidecars if name[: -len(META_SUFFIX)] not in others]
        exact = stem + META_SUFFIX
        chosen = exact if not candidates or exact in candidates else candidates[0]
        shown = [_printable_name(name) for name in candidates]
        if len(candidates) > 1:
            note = (
                f"{len(candidates)} metadata sidecars match ({', '.join(shown)}): "
                f"{_printable_name(chosen)} is read, not the others"
            )
        elif chosen != exact:
            note = f"metadata sidecar {shown[0]} read, though its name differs in case"
        else:
            note = ""
        return path.with_name(chosen), note

    def has_text(self, sidecar: Path) -> bool:
        """Whether a text file beside *sidecar* reads it, or names it in its row."""
        stem = sidecar.name.lower()[: -len(META_SUFFIX)]
        return bool(self._folder(sidecar.parent).get(stem, ([], []))[0])


def _read_txt(path: Path, opts: _Options):
    decoded = _read_decoded(path, opts)
    if isinstance(decoded, _Problem):
        yield decoded
        return
    text, used = decoded
    notes = [f"decoded as {used}"] if used.startswith("windows-1256") else []
    stem = path.name[:-4] if path.name.lower().endswith(".txt") else path.name
    sidecar, note = opts.sidecars.of_text(path, stem)
    if note:
        notes.append(note)
    meta, ignored = _sidecar_meta(sidecar, opts)
    if ignored:
        notes.append(f"metadata sidecar {_printable_name(sidecar.name)} ignored: {ignored}")
    yield _Record(None, meta.get(opts.id_field, meta.get("id")), text, meta, tuple(notes))


def _read_html(path: Path, opts: _Options):
    try:
        import trafilatura
    except ImportError as exc:
        yield _missing_package("HTML", "trafilatura", exc)
        return
    data = _read_whole(path, opts.max_file_bytes)
    if isinstance(data, _Problem):
        yield data
        return
    if opts.encoding:
        try:
            data = decode_bytes(data, encoding=opts.encoding)[0]
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
    """A path for the report, as printable text (see :func:`_printable_name`):
    relative to the project when inside it, else as given."""
    try:
        shown = path.absolute().relative_to(paths.project_root()).as_posix()
    except (ValueError, FileNotFoundError):
        shown = str(path)
    return _printable_name(shown)


def _id_base(path: Path, root: Path | None) -> str:
    """A document id from a path: relative to the directory given, without
    suffix, as printable text (see :func:`_printable_name`)."""
    rel = _printable_name(path.relative_to(root).as_posix() if root else path.name)
    fmt_suffix = next((s for s in SUFFIX_FORMATS if rel.lower().endswith(s)), "")
    return rel[: len(rel) - len(fmt_suffix)] if fmt_suffix else rel


def walk(root: Path) -> Iterator[Path]:
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


def _unreadable(path: Path) -> str | None:
    """Why *path* is not read as a file, or None if it is a regular file (or a
    link to one).  It is looked at, never opened."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken link" if path.is_symlink() else "no such file or directory"
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        return f"cannot read: {_reason(exc)}"
    return None if stat.S_ISREG(mode) else _not_regular(mode)


def _inputs(path_or_paths) -> Iterator[tuple[Path, str | None, str | None]]:
    """(path, id base, problem) for every input; problem is None for a file
    that can be read, else the reason it cannot."""
    if isinstance(path_or_paths, (str, bytes, os.PathLike)):
        path_or_paths = [path_or_paths]
    for item in path_or_paths:
        path = Path(os.fsdecode(item))
        if path.is_dir():
            entries = list(walk(path))
            if not entries:
                yield path, None, "empty directory: no files in it"
            for entry in entries:
                problem = _unreadable(entry)
                yield entry, None if problem else _id_base(entry, path), problem
        else:
            problem = _unreadable(path)
            yield path, None if problem else _id_base(path, None), problem


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
    max_record_bytes: int = MAX_RECORD_BYTES,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_gzip_ratio: float = MAX_GZIP_RATIO,
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
        # an unknown encoding, or one that is not a text encoding, is the caller's error
        io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    for name, limit in (("max_record_bytes", max_record_bytes), ("max_file_bytes", max_file_bytes)):
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"{name} must be a positive number of bytes, not {limit!r}")
    ratio = max_gzip_ratio
    if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not ratio > 0:
        raise ValueError(f"max_gzip_ratio must be a positive number, not {ratio!r}")
    opts = _Options(
        text_field,
        id_field,
        encoding,
        min(max_record_bytes, _LARGEST_LIMIT),
        min(max_file_bytes, _LARGEST_LIMIT),
        max_gzip_ratio,
        _Sidecars(),
    )
    for item in _load_items(path_or_paths, format, opts):
        if isinstance(item, ReportRow):
            item = dataclasses.replace(item, reason=_printable(item.reason))  # field names too
            if item.status == "error" and errors == "raise":
                where = item.path if item.record is None else f"{item.path}, record {item.record}"
                raise CorpusLoadError(f"{where}: {item.reason}")
        yield item


def _joined(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _load_items(path_or_paths, format: str | None, opts: _Options):
    """The documents and report rows of :func:`iter_load`, every problem a row."""
    seen_ids: dict[str, str] = {}
    seen_texts: dict[bytes, str] = {}
    for path, id_base, problem in _inputs(path_or_paths):
        shown = _shown(path)
        name_note = NAME_NOT_UTF8 if _printable_name(str(path)) != str(path) else ""
        if problem is not None:
            status = "empty" if problem.startswith("empty directory") else "error"
            yield ReportRow(shown, None, status, _joined(problem, name_note), 0)
            continue
        if path.name.lower().endswith(META_SUFFIX):
            if opts.sidecars.has_text(path):
                continue  # read with its text file, and reported there
            reason = _joined("metadata sidecar with no .txt file beside it", name_note)
            yield ReportRow(shown, None, "error", reason, 0)
            continue
        fmt = format or _format_of(path)
        if fmt is None:
            reason = f"unsupported file type ({_printable_name(path.name)})"
            yield ReportRow(shown, None, "error", _joined(reason, name_note), 0)
            continue
        found_items = READERS[fmt](path, opts)
        single = fmt in SINGLE_DOCUMENT_FORMATS
        yield from _file_items(
            found_items, shown, id_base, single, name_note, opts, seen_ids, seen_texts
        )


def _file_items(found_items, shown, id_base, single, name_note, opts, seen_ids, seen_texts):
    """The documents and rows of one file, from what its reader found."""
    loaded = 0
    problems: dict[str, int] = {}
    notes: list[str] = [name_note] if name_note and not single else []
    file_problem: _Problem | None = None

    def row(record: int | None, status: str, reason: str, documents: int = 0) -> ReportRow:
        if status in ("error", "empty", "duplicate"):
            problems[status] = problems.get(status, 0) + 1
        if single:
            reason = _joined(reason, name_note)
        return ReportRow(shown, record, status, reason, documents)

    for found in found_items:
        if isinstance(found, _Problem):
            if found.status == "note":
                notes.append(found.reason)
            elif found.record is None and not single:
                file_problem = found  # the file's own row says it
            else:
                yield row(found.record, found.status, found.reason)
            continue
        found = _without_surrogates(found)
        record = found.record
        source = shown if record is None else f"{shown}:{record}"
        where = "no text" if single else f"no text in {opts.text_field!r}"
        text = found.text
        if text is None or (isinstance(text, str) and not text.strip()):
            yield row(record, "empty", f"{where} (empty or white space only)")
            continue
        if not isinstance(text, str):
            yield row(record, "error", f"{opts.text_field!r} is {type(text).__name__}, not text")
            continue
        has_id = found.id is not None and str(found.id) != ""
        doc_id = str(found.id) if has_id else id_base if single else f"{id_base}:{record}"
        if doc_id in seen_ids:
            yield row(record, "duplicate", f"id {doc_id!r} already loaded from {seen_ids[doc_id]}")
            continue
        seen_ids[doc_id] = source
        warnings = list(found.notes)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        if digest in seen_texts:
            warnings.append(f"same text as {seen_texts[digest]!r}")
        else:
            seen_texts[digest] = doc_id
        warnings += pdf_paste_signs(text)
        loaded += 1
        yield Document(doc_id, text, found.meta, source)
        if single:
            status = "warning" if warnings or name_note else "loaded"
            yield row(None, status, "; ".join(warnings), 1)
        elif warnings:
            yield row(record, "warning", "; ".join(warnings))
    if not single:
        status, reason = _file_summary(loaded, problems, notes, file_problem)
        yield ReportRow(shown, None, status, reason, loaded)


def _file_summary(
    loaded: int, problems: dict[str, int], notes: list[str], file_problem: _Problem | None
) -> tuple[str, str]:
    """Status and reason of a multi-record file's own row."""
    counts = [f"{loaded} loaded"] + [f"{n} {s}" for s, n in sorted(problems.items())]
    if file_problem is not None:
        # A file that breaks part-way (a truncated archive) keeps what was read
        # before, counted in its row, and is still an error.
        return file_problem.status, "; ".join([file_problem.reason, *counts, *notes])
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
    max_record_bytes: int = MAX_RECORD_BYTES,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_gzip_ratio: float = MAX_GZIP_RATIO,
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
        max_record_bytes: the largest record read (a JSONL line, a CSV record,
            a metadata sidecar); see the module's notes on limits.
        max_file_bytes: the largest file read whole (``.txt``, ``.html``, a
            CSV that is not UTF-8).  A limit in bytes above ``sys.maxsize``
            is taken as that, which no file reaches.
        max_gzip_ratio: how many times its compressed size a ``.gz`` file
            may expand to, once it gives more than :data:`GZIP_FLOOR_BYTES`
            (``math.inf``: without limit).

    Raises:
        CorpusLoadError: with ``errors="raise"``, naming the file and the reason.
        ValueError: for an unknown format or ``errors`` value, or a limit that
            is not a positive integer (a ratio: a positive number).
        LookupError: for an unknown encoding, or one that is not a text encoding.
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
        max_record_bytes=max_record_bytes,
        max_file_bytes=max_file_bytes,
        max_gzip_ratio=max_gzip_ratio,
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
