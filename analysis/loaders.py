"""A minimal loader for the articles in ``seeds/``.

An article is a UTF-8 text file with an optional metadata sidecar beside it:
``<name>.txt`` and ``<name>.meta.json`` (see ``seeds/README.md``).  The text is
kept exactly as decoded; paragraphs are spans with character offsets into it,
so that ``article.text[p.start:p.end] == p.text`` always holds.

This module deliberately reads only UTF-8.  The corpus layer (other encodings,
JSONL, CSV, HTML, load reports) builds on it later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths

META_SUFFIX = ".meta.json"
PARAGRAPH_COLUMNS = ["paragraph", "start", "end", "chars", "words", "text"]


class LoadError(ValueError):
    """An input file that cannot be read; the message names the file and why."""


@dataclass(frozen=True)
class Paragraph:
    """A non-blank line of an article, as a span of the article's text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article: its id, its text as decoded, and its metadata."""

    id: str
    path: Path
    text: str
    meta: dict = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return split_paragraphs(self.text)


def read_text(path: Path) -> str:
    """Decode *path* as UTF-8 (a leading byte-order mark is dropped).

    Raises:
        LoadError: naming the file, the encoding tried and the byte offset of
            the first undecodable byte.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read file ({exc.strerror})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


def read_metadata(text_path: Path) -> dict:
    """The metadata sidecar of *text_path*, or an empty dict when there is none.

    Raises:
        LoadError: if the sidecar exists but is not a JSON object.
    """
    sidecar = Path(text_path).with_suffix("").with_suffix(META_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(read_text(sidecar))
    except json.JSONDecodeError as exc:
        raise LoadError(f"{sidecar}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    if not isinstance(meta, dict):
        raise LoadError(f"{sidecar}: expected a JSON object, found {type(meta).__name__}")
    return meta


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-blank line of *text*, stripped of surrounding white space.

    News text often puts one paragraph on each line with no blank line between
    (the seed's photo caption follows its paragraph directly), so a line break
    ends a paragraph.
    """
    paragraphs = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            paragraphs.append(Paragraph(len(paragraphs), start, start + len(stripped), stripped))
        offset += len(line)
    return paragraphs


def paragraph_table(article: Article) -> pd.DataFrame:
    """One row per paragraph: index, offsets, length in characters and words, text."""
    rows = [
        (p.index, p.start, p.end, p.end - p.start, len(p.text.split()), p.text)
        for p in article.paragraphs
    ]
    return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)


def load_article(path: Path) -> Article:
    """Read one article and its sidecar; its id is the file name without suffix."""
    path = Path(path)
    return Article(id=path.stem, path=path, text=read_text(path), meta=read_metadata(path))


def list_seeds() -> list[Path]:
    """The seed articles, in sorted order."""
    return sorted(paths.seeds_dir().glob("*.txt"))


def load_seed(name: str) -> Article:
    """Load the seed article ``seeds/<name>.txt``.

    Raises:
        LoadError: if there is no such seed; the message lists those there are.
    """
    path = paths.seeds_dir() / f"{name}.txt"
    if not path.exists():
        known = ", ".join(p.stem for p in list_seeds()) or "none"
        raise LoadError(f"{path}: no such seed (seeds present: {known})")
    return load_article(path)
