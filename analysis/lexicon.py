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

Dictionary files are read as hostile input: whatever is wrong with one is a
:class:`DictionaryError` naming the file, the line where there is one, and the
reason.  Files are read as the corpus loader reads a file whole (only a
regular file, within :data:`analysis.corpus.MAX_FILE_BYTES`) and decoded as it
decodes them (:func:`analysis.corpus.decode_bytes`: UTF-8 with or without a
byte-order mark, UTF-16/32 with one, Windows-1256 when the bytes read as
Arabic).  TSV has no quoting: a quote is a character of its field.  Every
entry is checked as the matcher will read it (letters, ``*`` only at the end,
no tab or line break, a category), and a weight is a finite number.  A YAML
dictionary may use anchors and aliases, but its aliases may not add more than
:data:`MAX_ALIASED_NODES` nodes to what the file holds (a few nested anchors
can otherwise stand for billions of entries), an alias may not lie inside its
own anchor, and it may not nest deeper than :data:`MAX_DEPTH` levels, aliases
expanded.  An entry may be thousands of letters long; entries may not nest
more than :data:`MAX_NESTING` groups deep in the trie (each a prefix of the
next, hundreds of times over), which Python's regular expressions cannot
compile: the error names the file and line of the entry that goes deepest.
"""

from __future__ import annotations

import bisect
import csv
import io
import math
import re
import reprlib
from collections import namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis.corpus import DecodeError, OverLimitError, decode_bytes, read_regular_file
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
# one match, as :meth:`Matcher.rows` yields it: a tuple in the order of COLUMNS
MatchRow = namedtuple("MatchRow", COLUMNS)
KWIC_COLUMNS = ["docname", "from", "to", "pre", "keyword", "post"]
# lazy: the shortest prefix that leaves an entry, so the longest stem is tried
# first («كامل» is the entry «كامل*», not ك + «أمل»)
_PREFIX = "(?:[وف])??(?:لل|[بكل])??(?:ال)??"
_WORD = re.compile(r"\w+")
# pronoun suffixes and the accusative alef (فشلا) only: inflection (ة ات ون ين
# ان) is the dictionary's choice, written as a glob, since allowing it
# everywhere turns آلام into الأمين
_SUFFIX = "(?:هما|كما|هم|هن|ها|كم|كن|نا|ني|ه|ك|ي|ا)?"
PATTERN_RULE = "a pattern needs letters, and '*' only at its end"
# a tab or a line break in a pattern: entries run together (a quote, a lost line end)
_BREAK = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
MAX_DEPTH = 100  # levels a YAML dictionary may nest, aliases expanded
MAX_ALIASED_NODES = 100_000  # nodes a YAML dictionary's aliases may add to those it holds
# Groups nested in the trie regex.  Python 3.11's re compiler recurses two
# frames into each group: under the default recursion limit of 1,000, 490
# nested groups compile from a script's top level and 290 from 400 frames
# deeper (measured); 250 leaves the caller some 480 frames.
MAX_NESTING = 250
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))


class DictionaryError(ValueError):
    """A dictionary file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    pattern: str  # as written in the dictionary
    category: str  # "a/b" for nested categories
    weight: float = 1.0
    origin: str = ""
    where: str = field(default="", compare=False, repr=False)  # its file and line, if read


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


def _shown(value) -> str:
    """*value* for a message, cut short (an entry may be thousands of letters)."""
    return reprlib.repr(value)


def _at(path: Path, line: int) -> str:
    return f"{path}, line {line}"


def _read_text(path: Path) -> str:
    """The text of a dictionary file, decoded as the corpus loader decodes
    (:func:`analysis.corpus.decode_bytes`), with every line ending made ``\\n``.

    The loader takes Windows-1256 when most of the letters read as Arabic; a
    dictionary's keys, header and category names are often Latin and would
    outvote its Arabic entries, so here the letters outside ASCII decide.

    It is read as the loader reads a file whole
    (:func:`analysis.corpus.read_regular_file`): a FIFO or a device, which
    would block or never end, is not opened.
    """
    try:
        data = read_regular_file(path)
    except (OSError, OverLimitError) as exc:
        raise DictionaryError(f"{path}: {exc}") from exc
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        try:  # the same judgement of the bytes less their ASCII letters
            _, used = decode_bytes(data.translate(None, _ASCII_LETTERS))
        except DecodeError:
            used = ""
        if not used.startswith("windows-1256"):
            raise DictionaryError(f"{path}: {exc}") from exc
        text = data.decode("cp1256")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _fold_pattern(pattern: str) -> str | None:
    """*pattern* as the matcher reads it (folded, its words one space apart),
    or None if it breaks :data:`PATTERN_RULE`."""
    text = " ".join(fold(pattern).split())
    if not text.rstrip("*").strip() or "*" in text[:-1]:
        return None
    return text


def _weight(value, where: str) -> float:
    """A weight as written (a number, or its text), which must be finite: a NaN
    or an infinity would decide every sum it enters."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise DictionaryError(f"{where}: bad weight {_shown(value)}: not a number")
    try:
        weight = float(value)
    except OverflowError:  # an integer beyond any float
        weight = math.inf
    except ValueError as exc:
        raise DictionaryError(f"{where}: bad weight {_shown(value)}: not a number") from exc
    if not math.isfinite(weight):
        raise DictionaryError(f"{where}: bad weight {_shown(value)}: a weight must be finite")
    return weight


def _entry(where: str, pattern: str, category: str, weight: float, origin: str) -> Entry:
    """An entry read at *where* (the file and line), checked as the matcher
    will read it."""
    if not category:
        raise DictionaryError(f"{where}: entry {_shown(pattern)} has no category")
    if "" in category.split("/"):
        raise DictionaryError(f"{where}: entry {_shown(pattern)}: an empty name in {category!r}")
    if _BREAK.search(pattern):
        raise DictionaryError(
            f"{where}: entry {_shown(pattern)} ({category}) holds a tab or a line break: "
            "a pattern is words on one line"
        )
    if _fold_pattern(pattern) is None:
        raise DictionaryError(f"{where}: entry {_shown(pattern)} ({category}): {PATTERN_RULE}")
    return Entry(pattern, category, weight, origin, where)


class _Map(dict):
    """A YAML mapping with the line of each of its values: ``lines[key]``."""

    lines: dict


class _Seq(list):
    """A YAML sequence with the line of each of its items: ``lines[i]``."""

    lines: list[int]


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, bounded, and keeping the line of every value.

    An alias repeats its anchor's whole subtree, so a few nested anchors can
    stand for billions of entries ("billion laughs"), an alias inside its own
    anchor for an endless tree, and either for a tree deeper than Python's
    recursion allows.  The composer counts what every node stands for with its
    aliases expanded (nodes and depth), and refuses the file as soon as its
    aliases add more than :data:`MAX_ALIASED_NODES` nodes to those written in
    it, or it nests deeper than :data:`MAX_DEPTH` levels: before anything is
    expanded.  Mappings and sequences are built as :class:`_Map` and
    :class:`_Seq`, which know the line of each value.
    """

    def __init__(self, text: str, path: Path):
        super().__init__(text)
        self.path = path
        self._extent: dict[int, tuple[int, int]] = {}  # id(node): nodes and depth, expanded
        self._open = 0  # nodes the composer has opened and not yet closed
        self._written = 0  # nodes written in the file

    def _refused(self, event, reason: str) -> DictionaryError:
        return DictionaryError(f"{_at(self.path, event.start_mark.line + 1)}: {reason}")

    def compose_node(self, parent, index):
        event = self.peek_event()
        if self._open >= MAX_DEPTH:
            raise self._refused(event, f"nested deeper than {MAX_DEPTH} levels")
        self._open += 1
        node = super().compose_node(parent, index)
        self._open -= 1
        if not isinstance(event, yaml.AliasEvent):
            nodes, depth = self._measured(node)
        elif id(node) in self._extent:
            nodes, depth = self._extent[id(node)]
        else:
            raise self._refused(event, f"alias *{event.anchor} lies inside its own anchor")
        if self._open + depth > MAX_DEPTH:
            raise self._refused(
                event, f"nested deeper than {MAX_DEPTH} levels, its aliases expanded"
            )
        if nodes - self._written > MAX_ALIASED_NODES:
            raise self._refused(
                event,
                f"its aliases would expand it by more than {MAX_ALIASED_NODES:,} nodes "
                "(an alias bomb?); not read",
            )
        return node

    def _measured(self, node) -> tuple[int, int]:
        """The nodes and the depth a node just written stands for, its aliases
        expanded (its children are measured already)."""
        self._written += 1
        if isinstance(node, yaml.ScalarNode):
            extent = (1, 1)
        else:
            children = node.value
            if isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            extents = [self._extent[id(child)] for child in children]
            extent = (1 + sum(n for n, _ in extents), 1 + max((d for _, d in extents), default=0))
        self._extent[id(node)] = extent
        return extent

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
            # PyYAML's own constructors fail so on 2020-13-45, 0b_ or «!!int x»
            value = _shown(node.value) if isinstance(node, yaml.ScalarNode) else node.id
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{value} cannot be read as {node.tag.rsplit(':', 1)[-1]}",
                node.start_mark,
            ) from exc

    def construct_yaml_seq(self, node):
        data = _Seq()
        yield data
        data.extend(self.construct_sequence(node))
        data.lines = [item.start_mark.line + 1 for item in node.value]

    def construct_yaml_map(self, node):
        data = _Map()
        yield data
        data.update(self.construct_mapping(node))
        # the keys are built already; merged pairs come first, as construct_mapping takes them
        data.lines = {
            self.construct_object(key): value.start_mark.line + 1 for key, value in node.value
        }


_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


def _load_yaml(path: Path):
    """The data of a YAML file, read with :class:`_Loader`."""
    text = _read_text(path)
    loader = None
    try:
        loader = _Loader(text, path)
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:  # raised while the loader is made
        line = text.count("\n", 0, exc.position) + 1
        raise DictionaryError(
            f"{_at(path, line)}: not valid YAML (the character U+{exc.character:04X} "
            "is not allowed)"
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = ", ".join(part for part in (exc.context, exc.problem) if part)
        where = _at(path, mark.line + 1) if mark else str(path)
        raise DictionaryError(f"{where}: not valid YAML ({reason})") from exc
    finally:
        if loader is not None:
            loader.dispose()


def _flatten(node, path: str, origin: str, file: Path, line: int) -> Iterator[Entry]:
    """The entries under *node*, the category *path* of a YAML dictionary,
    written at *line* of *file*."""
    if isinstance(node, _Map):
        for key, child in node.items():
            yield from _flatten(
                child, f"{path}/{key}" if path else str(key), origin, file, node.lines[key]
            )
    elif isinstance(node, _Seq):
        for item, at in zip(node, node.lines, strict=True):
            yield _yaml_entry(item, path, origin, file, at)
    else:
        raise DictionaryError(
            f"{_at(file, line)}: category {path!r}: expected entries, found {_shown(node)}"
        )


def _yaml_entry(item, category: str, origin: str, file: Path, line: int) -> Entry:
    """One item of a YAML category's list: a pattern, or a mapping with its
    ``pattern`` and optional ``weight`` and ``origin``."""
    weight = 1.0
    if isinstance(item, _Map):
        if "pattern" not in item:
            raise DictionaryError(
                f"{_at(file, line)}: category {category!r}: an entry needs a 'pattern', "
                f"not {_shown(dict(item))}"
            )
        if "weight" in item:
            weight = _weight(item["weight"], _at(file, item.lines["weight"]))
        origin = str(item.get("origin", origin))
        line, item = item.lines["pattern"], item["pattern"]
    if isinstance(item, bool) or not isinstance(item, str | int | float):
        raise DictionaryError(
            f"{_at(file, line)}: category {category!r}: a pattern is text, not {_shown(item)}"
        )
    return _entry(_at(file, line), str(item), category, weight, origin)


def _words(path: Path, data: _Map, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A YAML dictionary's list of words under *key* (``negators``, ``intensifiers``)."""
    if key not in data:
        return default
    words = data[key]
    if not isinstance(words, _Seq) or not all(isinstance(w, str) for w in words):
        raise DictionaryError(f"{_at(path, data.lines[key])}: '{key}' must be a list of words")
    return tuple(words)


def _polarity(path: Path, data: _Map) -> tuple[tuple[str, str], ...]:
    polarity = data.get("polarity") or {}
    if not isinstance(polarity, dict):
        raise DictionaryError(
            f"{_at(path, data.lines['polarity'])}: 'polarity' must map categories to polarities"
        )
    return tuple((str(k), str(v)) for k, v in polarity.items())


def _read_yaml(path: Path, *, includes: bool = True, _within: tuple[Path, ...] = ()) -> Dictionary:
    data = _load_yaml(path)
    if not isinstance(data, _Map) or "categories" not in data:
        raise DictionaryError(f"{path}: expected a mapping with 'categories'")
    origin = str(data.get("origin", ""))
    entries = tuple(_flatten(data["categories"], "", origin, path, data.lines["categories"]))
    if includes:
        for included in _includes(path, data, (*_within, path.resolve())):
            entries += included.entries
    return Dictionary(
        str(data.get("name", path.stem)),
        str(data.get("version", "")),
        entries,
        str(data.get("provenance", "")),
        _words(path, data, "negators", NEGATORS),
        _words(path, data, "intensifiers", INTENSIFIERS),
        _polarity(path, data),
    )


def _includes(path: Path, data: _Map, within: tuple[Path, ...]) -> Iterable[Dictionary]:
    """The dictionaries a YAML dictionary includes, each pinned to a version
    written as a string: ``include: [{file: other.yaml, version: "0.1.0"}]``,
    the file beside it.  Only their entries are taken in (each keeps its own
    origin); polarity, negators and intensifiers are the including file's.  A
    changed included file therefore needs a new pin, and with it a new version
    of the including dictionary."""
    pins = data.get("include")
    if not pins:
        return
    if not isinstance(pins, _Seq):
        raise DictionaryError(
            f"{_at(path, data.lines['include'])}: 'include' must be a list of {{file, version}}"
        )
    for pin, line in zip(pins, pins.lines, strict=True):
        where = _at(path, line)
        if not isinstance(pin, _Map) or not {"file", "version"} <= pin.keys():
            raise DictionaryError(f"{where}: an include needs 'file' and 'version', not {pin!r}")
        if not isinstance(pin["version"], str):
            raise DictionaryError(
                f"{where}: include {pin['file']}: write its version as a string, "
                f"not {pin['version']!r}"
            )
        target = path.parent / str(pin["file"])
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError, ValueError) as exc:  # a NUL in the name, a loop of links
            raise DictionaryError(f"{where}: include {pin['file']!r}: not a file ({exc})") from exc
        if resolved in within:
            raise DictionaryError(f"{where}: include {pin['file']} makes a cycle")
        try:
            if target.suffix.lower() in (".yaml", ".yml"):
                included = _read_yaml(target, _within=within)
            else:
                included = read_dictionary(target)
        except DictionaryError as exc:
            raise DictionaryError(f"{where}: include {pin['file']}: {exc}") from exc
        if included.version != pin["version"]:
            raise DictionaryError(
                f"{where}: includes {pin['file']} at version {pin['version']}, "
                f"but that file is version {included.version}"
            )
        yield included


def _tsv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """The rows of a TSV file, each with its line.  TSV has no quoting: a
    quote is a character of its field."""
    reader = csv.reader(io.StringIO(_read_text(path)), delimiter="\t", quoting=csv.QUOTE_NONE)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DictionaryError(f"{_at(path, reader.line_num)}: {exc}") from exc


def _read_tsv(path: Path) -> Dictionary:
    """TSV: a header ``pattern<TAB>category`` with optional ``weight`` and
    ``origin`` columns, then one entry a line.  A line may leave out optional
    fields at its end, but not the category, and may not hold more fields than
    the header names (a tab inside a pattern would shift every field)."""
    rows = _tsv_rows(path)
    _, header = next(rows, (1, []))
    if header[:2] != ["pattern", "category"]:
        raise DictionaryError(f"{path}: the first line must be 'pattern<TAB>category[…]'")
    entries = []
    for number, row in rows:
        if not row or not row[0].strip():
            continue
        where = _at(path, number)
        if len(row) < 2:
            raise DictionaryError(f"{where}: no category: the line has no tab after the pattern")
        if any(field.strip() for field in row[len(header) :]):
            raise DictionaryError(
                f"{where}: {len(row)} fields, but the header names {len(header)} "
                f"({', '.join(header)})"
            )
        record = dict(zip(header, row, strict=False))
        weight = _weight(record.get("weight") or 1.0, where)
        entries.append(
            _entry(where, record["pattern"], record["category"], weight, record.get("origin", ""))
        )
    return Dictionary(path.stem, "", tuple(entries))


def _read_liwc(path: Path) -> Dictionary:
    """LIWC: a ``%``-delimited block of ``id<TAB>category`` lines, then
    ``pattern<TAB>id<TAB>id…`` lines."""
    lines = _read_text(path).split("\n")
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
        where = _at(path, number + 1)
        for code in (p.strip() for p in parts[1:] if p.strip()):
            if code not in names:
                raise DictionaryError(f"{where}: unknown category {code!r}")
            entries.append(_entry(where, parts[0].strip(), names[code], 1.0, "liwc"))
    return Dictionary(path.stem, "", tuple(entries))


def _read_lexicoder(path: Path) -> Dictionary:
    """Lexicoder: ``+CATEGORY`` opens a category, the lines after it are its entries."""
    category = None
    entries = []
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        text = line.strip()
        if not text:
            continue
        if text.startswith("+"):
            category = text[1:].strip()
            continue
        if category is None:
            raise DictionaryError(f"{path}, line {number}: an entry before any '+CATEGORY' line")
        entries.append(_entry(_at(path, number), text, category, 1.0, "lexicoder"))
    return Dictionary(path.stem, "", tuple(entries))


READERS = {".yaml": _read_yaml, ".yml": _read_yaml, ".tsv": _read_tsv, ".dic": _read_liwc,
           ".lc3": _read_lexicoder}  # fmt: skip


def read_dictionary(path: str | Path, *, includes: bool = True) -> Dictionary:
    """Read a dictionary, its format chosen by extension (.yaml, .tsv, .dic, .lc3).

    A YAML dictionary's ``include`` list is followed unless *includes* is false.

    Raises:
        DictionaryError: for an unknown extension, a file that cannot be
            read, or a malformed one.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DictionaryError(f"{path}: read .yaml, .tsv, .dic or .lc3, not {path.suffix!r}")
    return _read_yaml(path, includes=includes) if reader is _read_yaml else reader(path)


def cue_lexicon() -> Dictionary:
    """The kit's cue lexicon, ``analysis/data/cues.yaml``."""
    return read_dictionary(DATA_DIR / "cues.yaml")


# ----------------------------------------------------------------- matching


class _TooDeep(Exception):
    """The patterns beginning with *prefix* nest more than :data:`MAX_NESTING` groups deep."""

    def __init__(self, prefix: str):
        super().__init__(prefix)
        self.prefix = prefix


def _trie(patterns: Iterable[str]) -> dict:
    """The letters of *patterns* as a trie: a dict per node, ``""`` where a pattern ends."""
    trie: dict = {}
    for pattern in patterns:
        node = trie
        for ch in pattern:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _letter(ch: str) -> str:
    """A letter of a pattern as a regular expression: a space matches white
    space within a line."""
    return r"[^\S\n]+" if ch == " " else re.escape(ch)


def _run(ch: str, child: dict) -> tuple[str, str, dict]:
    """The letters from *ch* down the chain of nodes with one letter after
    them and nothing else (as written, and as a regular expression), and the
    node the chain stops at: a long entry is one literal, not a node per letter."""
    run = [ch]
    while len(child) == 1:
        ((letter, grandchild),) = child.items()
        if letter in ("", "*"):
            break
        run.append(letter)
        child = grandchild
    return "".join(run), "".join(_letter(letter) for letter in run), child


def _trie_regex(patterns: Iterable[str]) -> str:
    """One regular expression for all *patterns*, built as a trie so that it
    is matched in one pass, trying longer continuations first.  A pattern
    ending in ``*`` matches any further letters; a space matches white space
    within a line.

    The trie is walked without recursion, each node after the nodes below it,
    so a pattern may be thousands of letters long.

    Raises:
        _TooDeep: where patterns nest more than :data:`MAX_NESTING` groups
            deep (each a prefix of the next, or branching at every letter),
            beyond what Python's regular expressions compile.
    """
    trie = _trie(patterns)
    done: dict[int, tuple[str, int]] = {}  # id(node): its regex, and the groups nested in it
    stack: list[tuple[dict, str, dict | None]] = [(trie, "", None)]
    while stack:
        node, prefix, runs = stack.pop()
        if runs is None:  # first visit: the nodes its runs stop at come first
            runs = {ch: _run(ch, child) for ch, child in node.items() if ch not in ("", "*")}
            stack.append((node, prefix, runs))
            stack.extend((end, prefix + text, None) for text, _, end in runs.values())
            continue
        branches, nested = [], 0
        for ch in sorted(node, reverse=True):
            if ch == "*":
                branches.append(r"\w*")
            elif ch:
                _, literal, end = runs[ch]
                regex, depth = done.pop(id(end))
                branches.append(literal + regex)
                nested = max(nested, depth)
        body = "|".join(branches)
        if branches and "" in node:
            body, nested = f"(?:{body})?", nested + 1
        elif len(branches) > 1:
            body, nested = f"(?:{body})", nested + 1
        if nested > MAX_NESTING:
            raise _TooDeep(prefix)
        done[id(node)] = (body, nested)
    return done[id(trie)][0]


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
            text = _fold_pattern(entry.pattern)
            if text is None:
                raise DictionaryError(
                    f"{self._where(entry)}: entry {_shown(entry.pattern)} ({entry.category}): "
                    f"{PATTERN_RULE}"
                )
            folded.append(text)
            if text.endswith("*"):
                self._globs.setdefault(text[:-1], []).append(entry)
            else:
                self._exact.setdefault(text, []).append(entry)
        try:
            trie = _trie_regex(folded) if folded else "(?!)"
        except _TooDeep as exc:
            raise DictionaryError(self._too_deep(exc.prefix, folded)) from None
        self._regex = re.compile(rf"(?<!\w){_PREFIX}(?P<stem>{trie}){_SUFFIX}(?!\w)")
        self._negators = {fold(n) for n in self.dictionary.negators}
        self._intensifiers = {fold(n) for n in self.dictionary.intensifiers}

    def _where(self, entry: Entry) -> str:
        """Where *entry* was read (its file and line), or the dictionary's name."""
        return entry.where or self.dictionary.name

    def _too_deep(self, prefix: str, folded: list[str]) -> str:
        """Why the entries beginning *prefix* (folded) cannot be compiled, at
        the line of the one that goes deepest."""
        below = [i for i, text in enumerate(folded) if text.startswith(prefix)]
        entry = self.dictionary.entries[max(below, key=lambda i: len(folded[i]))]
        return (
            f"{self._where(entry)}: the entries beginning {_shown(prefix)} nest more than "
            f"{MAX_NESTING} groups deep, down to entry {_shown(entry.pattern)} "
            f"({entry.category}) (each a prefix of the next, or branching at every letter)"
        )

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

    def rows(self, doc: Document) -> Iterator[MatchRow]:
        """The matches in *doc* as tuples in the order of :data:`COLUMNS`
        (:class:`MatchRow`, so fields can be read by name).

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
                yield MatchRow(
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
