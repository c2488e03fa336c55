"""Dictionaries of words and phrases, and a fast, clitic-aware matcher.

A :class:`Dictionary` maps written patterns to categories (which may nest:
``conflict/violence``), each with a weight and an origin.  It is read from the
kit's own YAML or TSV files, or from the formats researchers already have:
LIWC ``.dic`` and Lexicoder ``.lc3``, chosen by file extension as quanteda
does.  A pattern may hold several words and end in ``*`` (any ending).

:class:`Matcher` compiles a dictionary into one regular expression built as a
trie, and runs it once over the document's folded text
(:func:`analysis.text.normalize`), so the cost does not grow with the number
of entries.  Attached clitics are allowed around every match (و ف, ب ك ل,
the article, pronoun suffixes; inflectional endings only where an entry has a
glob), and every match is mapped back to the
original text: its span is the whole word as written.  Overlapping entries
resolve the same way everywhere: at any place the longest pattern wins, and
matches never overlap.  A word that reads both as clitic + entry and as a
longer entry takes the longer entry («كامل», not ك + «أمل»).  Each match
records the negation before it (لا، لم، لن، ليس، غير، دون، بدون within three
words in the same sentence) and an intensifier next to it.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis.document import Document
from analysis.resources import DATA_DIR
from analysis.text import fold

NEGATORS = ("لا", "لم", "لن", "ليس", "ليست", "لستم", "غير", "دون", "بدون", "عدم")
INTENSIFIERS = ("جدا", "للغاية", "بشدة", "شديد", "شديدة", "بالغ", "بالغة", "كبير", "أكثر", "أشد")
NEGATION_WINDOW = 3
COLUMNS = [
    "doc_id", "start", "end", "text", "category", "weight", "negated", "negator",
    "intensifier", "entry", "origin", "kind", "rule",
]  # fmt: skip
KWIC_COLUMNS = ["docname", "from", "to", "pre", "keyword", "post"]
# lazy: the shortest prefix that leaves an entry, so the longest stem is tried
# first («كامل» is the entry «كامل*», not ك + «أمل»)
_PREFIX = "(?:[وف])??(?:لل|[بكل])??(?:ال)??"
_WORD = re.compile(r"\w+")
# pronoun suffixes and the accusative alef (فشلا) only: inflection (ة ات ون ين
# ان) is the dictionary's choice, written as a glob, since allowing it
# everywhere turns آلام into الأمين
_SUFFIX = "(?:هما|كما|هم|هن|ها|كم|كن|نا|ني|ه|ك|ي|ا)?"


class DictionaryError(ValueError):
    """A dictionary file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    pattern: str  # as written in the dictionary
    category: str  # "a/b" for nested categories
    weight: float = 1.0
    origin: str = ""


def under(category: str, *names: str) -> bool:
    """Whether *category* is one of *names* or lies under one («loaded/horror»
    is under «loaded»)."""
    return any(category == name or category.startswith(name + "/") for name in names)


@dataclass(frozen=True)
class Dictionary:
    name: str
    version: str
    entries: tuple[Entry, ...]
    provenance: str = ""
    negators: tuple[str, ...] = NEGATORS
    intensifiers: tuple[str, ...] = INTENSIFIERS
    polarity: tuple[tuple[str, str], ...] = ()  # (category or its prefix, polarity)

    @property
    def categories(self) -> list[str]:
        return sorted({e.category for e in self.entries})

    def restricted(self, *categories: str) -> Dictionary:
        """The same dictionary with only the entries of *categories* (a
        category keeps everything under it: ``loaded`` keeps ``loaded/horror``)."""
        return replace(
            self, entries=tuple(e for e in self.entries if under(e.category, *categories))
        )

    def without(self, *categories: str) -> Dictionary:
        """The same dictionary less the entries of *categories* (and everything
        under them): ``without("loaded/induced")`` keeps only written entries."""
        kept = tuple(e for e in self.entries if not under(e.category, *categories))
        return replace(self, entries=kept)

    def polarity_of(self, category: str) -> str:
        """``positive``, ``negative`` or ``neutral``: the polarity given to the
        most specific category that *category* is or lies under."""
        best, chosen = -1, "neutral"
        for name, polarity in self.polarity:
            if under(category, name) and len(name) > best:
                best, chosen = len(name), polarity
        return chosen


# ------------------------------------------------------------------ reading


def _flatten(node, path: str, origin: str) -> Iterable[Entry]:
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _flatten(child, f"{path}/{key}" if path else str(key), origin)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict):
                yield Entry(
                    str(item["pattern"]),
                    path,
                    float(item.get("weight", 1.0)),
                    str(item.get("origin", origin)),
                )
            else:
                yield Entry(str(item), path, 1.0, origin)
    else:
        raise DictionaryError(f"category {path!r}: expected entries, found {node!r}")


def _read_yaml(path: Path, *, includes: bool = True, _within: tuple[Path, ...] = ()) -> Dictionary:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or "categories" not in data:
        raise DictionaryError(f"{path}: expected a mapping with 'categories'")
    entries = tuple(_flatten(data["categories"], "", str(data.get("origin", ""))))
    if includes:
        for included in _includes(path, data.get("include") or [], (*_within, path.resolve())):
            entries += included.entries
    return Dictionary(
        str(data.get("name", path.stem)),
        str(data.get("version", "")),
        entries,
        str(data.get("provenance", "")),
        tuple(data.get("negators", NEGATORS)),
        tuple(data.get("intensifiers", INTENSIFIERS)),
        tuple((str(k), str(v)) for k, v in (data.get("polarity") or {}).items()),
    )


def _includes(path: Path, pins, within: tuple[Path, ...]) -> Iterable[Dictionary]:
    """The dictionaries a YAML dictionary includes, each pinned to a version
    written as a string: ``include: [{file: other.yaml, version: "0.1.0"}]``,
    the file beside it.  Only their entries are taken in (each keeps its own
    origin); polarity, negators and intensifiers are the including file's.  A
    changed included file therefore needs a new pin, and with it a new version
    of the including dictionary."""
    if not isinstance(pins, list):
        raise DictionaryError(f"{path}: 'include' must be a list of {{file, version}}")
    for pin in pins:
        if not isinstance(pin, dict) or not {"file", "version"} <= pin.keys():
            raise DictionaryError(f"{path}: an include needs 'file' and 'version', not {pin!r}")
        if not isinstance(pin["version"], str):
            raise DictionaryError(
                f"{path}: include {pin['file']}: write its version as a string, "
                f"not {pin['version']!r}"
            )
        target = path.parent / str(pin["file"])
        if target.resolve() in within:
            raise DictionaryError(f"{path}: include {pin['file']} makes a cycle")
        try:
            if target.suffix.lower() in (".yaml", ".yml"):
                included = _read_yaml(target, _within=within)
            else:
                included = read_dictionary(target)
        except OSError as exc:
            raise DictionaryError(
                f"{path}: include {pin['file']}: cannot read ({exc.strerror})"
            ) from exc
        except DictionaryError as exc:
            raise DictionaryError(f"{path}: include {pin['file']}: {exc}") from exc
        if included.version != pin["version"]:
            raise DictionaryError(
                f"{path}: includes {pin['file']} at version {pin['version']}, "
                f"but that file is version {included.version}"
            )
        yield included


def _read_tsv(path: Path) -> Dictionary:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter="\t"))
    if not rows or rows[0][:2] != ["pattern", "category"]:
        raise DictionaryError(f"{path}: the first line must be 'pattern<TAB>category[…]'")
    header = rows[0]
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        record = dict(zip(header, row, strict=False))
        try:
            weight = float(record.get("weight") or 1.0)
        except ValueError as exc:
            raise DictionaryError(
                f"{path}, line {number}: bad weight {record['weight']!r}"
            ) from exc
        entries.append(
            Entry(record["pattern"], record["category"], weight, record.get("origin", ""))
        )
    return Dictionary(path.stem, "", tuple(entries))


def _read_liwc(path: Path) -> Dictionary:
    """LIWC: a ``%``-delimited block of ``id<TAB>category`` lines, then
    ``pattern<TAB>id<TAB>id…`` lines."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise DictionaryError(f"{path}: a LIWC dictionary opens with a '%' block of categories")
    names = {}
    for number in range(marks[0] + 1, marks[1]):
        parts = lines[number].split()
        if len(parts) >= 2:
            names[parts[0]] = " ".join(parts[1:])
    entries = []
    for number in range(marks[1] + 1, len(lines)):
        parts = lines[number].split("\t") if "\t" in lines[number] else lines[number].split()
        if len(parts) < 2:
            continue
        (*words,) = parts
        codes = [p for p in words[1:] if p.strip()]
        for code in codes:
            if code.strip() not in names:
                raise DictionaryError(f"{path}, line {number + 1}: unknown category {code!r}")
            entries.append(Entry(words[0].strip(), names[code.strip()], 1.0, "liwc"))
    return Dictionary(path.stem, "", tuple(entries))


def _read_lexicoder(path: Path) -> Dictionary:
    """Lexicoder: ``+CATEGORY`` opens a category, the lines after it are its entries."""
    category = None
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        text = line.strip()
        if not text:
            continue
        if text.startswith("+"):
            category = text[1:].strip()
            continue
        if category is None:
            raise DictionaryError(f"{path}, line {number}: an entry before any '+CATEGORY' line")
        entries.append(Entry(text, category, 1.0, "lexicoder"))
    return Dictionary(path.stem, "", tuple(entries))


READERS = {".yaml": _read_yaml, ".yml": _read_yaml, ".tsv": _read_tsv, ".dic": _read_liwc,
           ".lc3": _read_lexicoder}  # fmt: skip


def read_dictionary(path: str | Path, *, includes: bool = True) -> Dictionary:
    """Read a dictionary, its format chosen by extension (.yaml, .tsv, .dic, .lc3).

    A YAML dictionary's ``include`` list is followed unless *includes* is false.

    Raises:
        DictionaryError: for an unknown extension or a malformed file.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DictionaryError(f"{path}: read .yaml, .tsv, .dic or .lc3, not {path.suffix!r}")
    try:
        return _read_yaml(path, includes=includes) if reader is _read_yaml else reader(path)
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror})") from exc


def cue_lexicon() -> Dictionary:
    """The kit's cue lexicon, ``analysis/data/cues.yaml``."""
    return read_dictionary(DATA_DIR / "cues.yaml")


# ----------------------------------------------------------------- matching


def _trie_regex(patterns: Iterable[str]) -> str:
    """One regular expression for all *patterns*, built as a trie so that it
    is matched in one pass, trying longer continuations first.  A pattern
    ending in ``*`` matches any further letters; a space matches white space
    within a line."""
    trie: dict = {}
    for pattern in patterns:
        node = trie
        for ch in pattern:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        branches = []
        end = False
        for ch, child in sorted(node.items(), key=lambda item: item[0], reverse=True):
            if ch == "":
                end = True
            elif ch == "*":
                branches.append(r"\w*")
            elif ch == " ":
                branches.append(r"[^\S\n]+" + emit(child))
            else:
                branches.append(re.escape(ch) + emit(child))
        if not branches:
            return ""
        body = "|".join(branches)
        return f"(?:{body})?" if end else (f"(?:{body})" if len(branches) > 1 else body)

    return emit(trie)


@dataclass
class Matcher:
    """A compiled dictionary.  ``matches(doc)`` gives one row per match."""

    dictionary: Dictionary
    _regex: re.Pattern = field(init=False, repr=False)
    _exact: dict[str, list[Entry]] = field(init=False, repr=False)
    _globs: dict[str, list[Entry]] = field(init=False, repr=False)

    def __post_init__(self):
        self._exact, self._globs = {}, {}
        folded = []
        for entry in self.dictionary.entries:
            text = " ".join(fold(entry.pattern).split())
            if not text.rstrip("*").strip() or "*" in text[:-1]:
                raise DictionaryError(
                    f"{self.dictionary.name}: entry {entry.pattern!r} ({entry.category}): "
                    "a pattern needs letters, and '*' only at its end"
                )
            folded.append(text)
            if text.endswith("*"):
                self._globs.setdefault(text[:-1], []).append(entry)
            else:
                self._exact.setdefault(text, []).append(entry)
        trie = _trie_regex(folded) if folded else "(?!)"
        self._regex = re.compile(rf"(?<!\w){_PREFIX}(?P<stem>{trie}){_SUFFIX}(?!\w)")
        self._negators = {fold(n) for n in self.dictionary.negators}
        self._intensifiers = {fold(n) for n in self.dictionary.intensifiers}

    def _entries_for(self, stem: str) -> list[Entry]:
        stem = " ".join(stem.split())
        if stem in self._exact:
            return self._exact[stem]
        # the longest glob that fits, with every category it was listed in
        for length in range(len(stem), 0, -1):
            entries = self._globs.get(stem[:length])
            if entries:
                return entries
        return []

    def entries_for_word(self, word: str) -> list[Entry]:
        """The entries of the reading the matcher gives *word* (folded) when
        it stands alone, clitics allowed: the same entries a match of the whole
        word gets in running text, or none.  Where a word has several readings
        (و + stem, or a stem starting with و), the one the matcher picks (the
        longest stem first) is the only one returned."""
        for match in self.scan(word):
            if match.start() == 0 and match.end() == len(word):
                return self._entries_for(match.group("stem"))
        return []

    def scan(self, folded: str) -> Iterator[re.Match]:
        """The compiled dictionary's one pass over folded text: every place a
        pattern, with its clitics, stands as whole words (group ``stem`` is the
        pattern's part).  :meth:`rows` turns these into findings."""
        return self._regex.finditer(folded)

    def rows(self, doc: Document) -> Iterator[tuple]:
        """The matches in *doc* as tuples in the order of :data:`COLUMNS`.

        The building block of :meth:`matches`, for callers that gather rows
        from many documents into one table.
        """
        norm = doc.normalized
        rule = f"lexicon:{self.dictionary.name}@{self.dictionary.version}:"
        floors = None
        for match in self.scan(norm.text):
            entries = self._entries_for(match.group("stem"))
            if not entries:
                continue
            if floors is None:  # where each sentence starts in the folded text
                starts = [s.start for s in doc.sentences]
                floors = np.searchsorted(norm.starts, starts).tolist()
            start, end = norm.to_original(match.start(), match.end())
            # negation and intensifiers count only inside the match's sentence
            i = bisect.bisect_right(floors, match.start()) - 1
            floor = max(floors[i] if i >= 0 else 0, match.start() - 80)
            before = _WORD.findall(norm.text[floor : match.start()])[-NEGATION_WINDOW:]
            after = _WORD.findall(norm.text[match.end() : match.end() + 30])[:1]
            negator = next((w for w in reversed(before) if self._is_negator(w)), "")
            intensifier = next((w for w in before[-1:] + after if w in self._intensifiers), "")
            text = doc.text[start:end]
            for entry in entries:
                yield (
                    doc.id, start, end, text, entry.category, entry.weight, bool(negator),
                    negator, intensifier, entry.pattern, entry.origin,
                    entry.category.split("/")[0], rule + entry.pattern,
                )  # fmt: skip

    def matches(self, documents) -> pd.DataFrame:
        """One row per dictionary match in a document or an iterable of
        documents, with the columns :data:`COLUMNS`.

        A match in several categories gives a row for each.
        """
        if isinstance(documents, Document):
            documents = [documents]
        return match_frame([row for doc in documents for row in self.rows(doc)])

    def _is_negator(self, word: str) -> bool:
        """A negator, bare or after the conjunction و or ف (ولم، فلا)."""
        return word in self._negators or (word[:1] in "وف" and word[1:] in self._negators)


def match_frame(rows: list[tuple], columns: list[str] = COLUMNS) -> pd.DataFrame:
    """A table of match rows (tuples in the order of *columns*), typed."""
    frame = pd.DataFrame.from_records(rows, columns=columns)
    return frame.astype({"start": "int64", "end": "int64", "weight": "float64"})


def kwic(documents, matcher: Matcher, *, window: int = 5) -> pd.DataFrame:
    """Keywords in context, as quanteda's ``kwic``: one row per match, with
    the token positions ``from`` and ``to`` (1-based) and *window* tokens
    either side."""
    if isinstance(documents, Document):
        documents = [documents]
    rows = []
    for doc in documents:
        tokens = doc.tokens
        starts = [t.start for t in tokens]
        for row in matcher.matches(doc).drop_duplicates(["start", "end"]).itertuples():
            first = bisect.bisect_right(starts, row.start) - 1
            last = bisect.bisect_left(starts, row.end) - 1
            first, last = max(first, 0), max(last, first)
            rows.append(
                {
                    "docname": doc.id,
                    "from": first + 1,
                    "to": last + 1,
                    "pre": " ".join(t.text for t in tokens[max(0, first - window) : first]),
                    "keyword": row.text,
                    "post": " ".join(t.text for t in tokens[last + 1 : last + 1 + window]),
                }
            )
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


__all__ = [
    "COLUMNS",
    "Dictionary",
    "DictionaryError",
    "Entry",
    "Matcher",
    "cue_lexicon",
    "kwic",
    "read_dictionary",
]
