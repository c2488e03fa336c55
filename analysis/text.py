"""Arabic text normalisation for matching, with an exact map back to the original.

Matching folds away spelling variation (diacritics, tatweel, hamza and alef
forms, presentation forms, Persian letters, digit systems, invisible
characters), but every finding must cite the *original* text.  So
:func:`normalize` never stands alone: it returns a :class:`Normalized` that
knows, for each character of the folded text, which original character it
came from, and :meth:`Normalized.to_original` turns a span of the folded text
into the span of the original that produced it.

Folding is character by character (no context), so it is fast (one
``str.translate`` plus a NumPy offset map) and its map is exact:
``normalize(original[a:b]).text`` always contains the folded span that maps to
``(a, b)``.

:func:`clitic_splits` is a light clitic segmentation for dictionary matching:
it proposes ways to read a word as proclitics + stem + pronoun suffix, as
offsets into the word, and never invents characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Harakat and other Arabic combining marks: tanween, short vowels, shadda,
# sukun, maddah, hamza above/below as marks, superscript alef, Quranic marks.
DIACRITICS = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + [chr(c) for c in range(0x08D3, 0x0900) if c != 0x08E2]
)
TATWEEL = "\u0640"
ALEF_VARIANTS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
HAMZA_CARRIERS = {"ؤ": "و", "ئ": "ي"}
ALEF_MAQSURA = {"ى": "ي"}
TA_MARBUTA = {"ة": "ه"}
# Persian yeh and keheh, and the Urdu/Persian heh forms found in pasted text.
PERSIAN_LETTERS = {"ی": "ي", "ک": "ك", "ھ": "ه", "ۀ": "ه"}
DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian, Urdu)
    "٫": ".",  # Arabic decimal separator
    "٬": ",",  # Arabic thousands separator
}
# Bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates) and
# zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM/ZWNBSP, soft
# hyphen, combining grapheme joiner, Mongolian vowel separator).
BIDI_CONTROLS = ["\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F))]
BIDI_CONTROLS += [chr(c) for c in range(0x2066, 0x206A)]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e"]
ZERO_WIDTH += [chr(c) for c in range(0x2061, 0x2065)]  # invisible operators
PRESENTATION_FORMS = [(0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]


def is_presentation_form(ch: str) -> bool:
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in PRESENTATION_FORMS)


def _presentation_form_base(ch: str) -> str | None:
    """The base letters of an Arabic presentation form, or None for none."""
    folded = unicodedata.normalize("NFKC", ch)
    if folded == ch:
        return None
    # Isolated and medial forms of marks (U+FE70–FE7F) decompose to a space
    # followed by the mark; the space is not part of the text.
    if len(folded) > 1 and folded[0] == " " and all(unicodedata.combining(c) for c in folded[1:]):
        folded = folded[1:]
    return folded


@lru_cache(maxsize=32)
def _table(
    options: tuple[tuple[str, bool], ...],
) -> tuple[dict[int, str], np.ndarray, np.ndarray]:
    """For *options*: the translation table, each code point's output length,
    and whether a code point is a removed mark that belongs to its letter."""
    opts = dict(options)
    simple: dict[str, str] = {}
    for option, mapping in (
        ("alef", ALEF_VARIANTS),
        ("hamza", HAMZA_CARRIERS),
        ("alef_maqsura", ALEF_MAQSURA),
        ("ta_marbuta", TA_MARBUTA),
        ("persian", PERSIAN_LETTERS),
        ("digits", DIGITS),
    ):
        if opts[option]:
            simple.update(mapping)
    removed = []
    if opts["diacritics"]:
        removed += DIACRITICS
    if opts["tatweel"]:
        removed.append(TATWEEL)
    if opts["invisible"]:
        removed += BIDI_CONTROLS + ZERO_WIDTH
    for ch in removed:
        simple[ch] = ""

    def fold(s: str) -> str:
        return "".join(simple.get(c, c) for c in s)

    table = {ord(k): v for k, v in simple.items() if k != v}
    if opts["presentation_forms"]:
        for lo, hi in PRESENTATION_FORMS:
            for code in range(lo, hi + 1):
                base = _presentation_form_base(chr(code))
                if base is not None:
                    table[code] = fold(base)
    lengths = np.ones(0x110000, dtype=np.int16)
    for code, out in table.items():
        lengths[code] = len(out)
    belongs = np.zeros(0x110000, dtype=bool)
    for ch in removed:
        if ch in DIACRITICS or ch == TATWEEL:
            belongs[ord(ch)] = True
    return table, lengths, belongs


DEFAULTS = {
    "diacritics": True,
    "tatweel": True,
    "alef": True,
    "hamza": True,
    "alef_maqsura": True,
    "ta_marbuta": False,
    "presentation_forms": True,
    "persian": True,
    "digits": True,
    "invisible": True,
}


_DEFAULT_KEY = tuple(sorted(DEFAULTS.items()))


@dataclass(frozen=True, eq=False)
class Normalized:
    """Folded text and the map back to the text it came from.

    ``starts[i]`` is the index in ``original`` of the character that produced
    ``text[i]``; several folded characters can share one origin (a ligature
    expands to its letters), and removed characters have none.  ``ends[i]``
    is the end of that character in ``original``, extended over the removed
    diacritics and tatweel that follow it: they belong to their letter.
    """

    original: str
    text: str
    starts: np.ndarray
    ends: np.ndarray

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced ``text[start:end]``.

        A span covering whole folded characters maps to the whole original
        characters they came from, including any removed characters between
        them (diacritics inside a word stay inside its span).  An empty span
        maps to an empty span at the corresponding position.

        Raises:
            IndexError: if the span is not within ``text``.
        """
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise IndexError(f"span ({start}, {end}) is outside the normalised text (0, {n})")
        if start < end:
            return int(self.starts[start]), int(self.ends[end - 1])
        if start < n:
            position = int(self.starts[start])
        elif n:
            position = int(self.ends[n - 1])
        else:
            position = 0
        return position, position


def normalize(text: str, **options: bool) -> Normalized:
    """Fold *text* for matching; see :data:`DEFAULTS` for the options.

    Options (all on except ``ta_marbuta``):

    * ``diacritics``: remove harakat, shadda, sukun, superscript alef and
      Quranic marks;
    * ``tatweel``: remove the kashida (U+0640);
    * ``alef``: أ إ آ ٱ → ا;
    * ``hamza``: ؤ → و, ئ → ي (the bare hamza ء stays);
    * ``alef_maqsura``: ى → ي;
    * ``ta_marbuta``: ة → ه;
    * ``presentation_forms``: U+FB50–FDFF and U+FE70–FEFF to their base
      letters (ligatures expand, so one original character can give several);
    * ``persian``: ی ک ھ and similar to ي ك ه;
    * ``digits``: Arabic-Indic and Persian digits, and the Arabic decimal and
      thousands separators, to ASCII;
    * ``invisible``: remove bidi controls and zero-width characters.

    Raises:
        TypeError: for an unknown option.
    """
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown normalisation option(s): {', '.join(sorted(unknown))}")
    table, lengths, belongs = _table(tuple(sorted({**DEFAULTS, **options}.items())))
    folded = text.translate(table)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    size = len(text)
    positions = np.arange(size, dtype=np.int64)
    starts = np.repeat(positions, lengths[codes])
    if starts.size != len(folded):  # the table and the lengths disagree: a bug, never data
        raise AssertionError("normalisation offset map is inconsistent")
    # For each original position p, the first position after p that is not a
    # removed mark belonging to the letter before it.
    absorbed = belongs[codes]
    boundary = np.where(absorbed, size, positions)
    next_boundary = np.minimum.accumulate(boundary[::-1])[::-1]
    after = np.append(next_boundary[1:], size)
    return Normalized(text, folded, starts, after[starts])


def fold(text: str, **options: bool) -> str:
    """The folded text alone: ``normalize(text, **options).text``, without
    building the offset map, for matching words and rules."""
    if not options:
        return text.translate(_table(_DEFAULT_KEY)[0])
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown normalisation option(s): {', '.join(sorted(unknown))}")
    return text.translate(_table(tuple(sorted({**DEFAULTS, **options}.items())))[0])


# ---------------------------------------------------------------- clitics

PROCLITIC_CONJUNCTIONS = ("و", "ف")
PROCLITIC_PREPOSITIONS = ("ب", "ك", "ل")
ARTICLE = "ال"
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")
MIN_STEM = 2


@dataclass(frozen=True)
class CliticSplit:
    """One reading of a word: ``word[:stem_start]`` proclitics, the stem, a suffix."""

    prefix: str
    stem: str
    suffix: str
    stem_start: int
    stem_end: int


def clitic_splits(word: str, *, min_stem: int = MIN_STEM) -> list[CliticSplit]:
    """Candidate readings of *word* (already normalised), least stripped first.

    Proclitics are an optional conjunction (و ف), an optional preposition (ب ك
    ل) and an optional article (ال; after ل it is written لل).  Suffixes are
    the common attached pronouns.  The unsplit word is always the first
    reading; every reading keeps a stem of at least *min_stem* letters.  The
    offsets are into *word*; nothing is added to it (so لل + stem stays لل, not
    ل + ال).
    """
    prefixes = {""}
    for conj in ("", *PROCLITIC_CONJUNCTIONS):
        for prep in ("", *PROCLITIC_PREPOSITIONS):
            for art in ("", ARTICLE):
                p = conj + prep + art
                if prep == "ل" and art == ARTICLE:
                    p = conj + "لل"
                prefixes.add(p)
    splits = []
    for prefix in sorted(prefixes, key=len):
        if not word.startswith(prefix):
            continue
        for suffix in ("", *PRONOUN_SUFFIXES):
            if suffix and not word.endswith(suffix):
                continue
            end = len(word) - len(suffix)
            if end - len(prefix) < min_stem:
                continue
            splits.append(CliticSplit(prefix, word[len(prefix) : end], suffix, len(prefix), end))
    splits.sort(key=lambda s: (len(s.prefix) + len(s.suffix), len(s.prefix)))
    return splits


# ------------------------------------------------- text pasted from PDFs

# Presentation forms, less the word ligatures (ﷲ ﷺ ﷻ …, U+FDF0–FDFD) that
# Arabic keyboards type on purpose.
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdef\ufdfe\ufdff\ufe70-\ufefc]")
_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_ARABIC_WORD_LETTER = re.compile("[\u0621-\u064a]")
_FINAL_ONLY = ("ة", "ى")  # letters that, in logical order, only end a word
PDF_FORMS_MIN = 3
PDF_FORMS_SHARE = 0.01


def pdf_paste_signs(text: str) -> list[str]:
    """Reasons to think *text* was pasted from a PDF, for a load report.

    Two signs: Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFC), which
    typed text does not use, at least :data:`PDF_FORMS_MIN` of them and
    :data:`PDF_FORMS_SHARE` of the Arabic letters (a stray ﻻ from a keyboard
    is not a sign, and the word ligatures ﷲ ﷺ do not count); and words in
    visual order, shown by ة or ى (letters that only end a word) starting
    more words than they end.
    """
    signs = []
    forms = len(_PRESENTATION_FORM.findall(text))
    letters = forms + len(_ARABIC_WORD_LETTER.findall(text))
    if forms >= PDF_FORMS_MIN and forms >= PDF_FORMS_SHARE * letters:
        signs.append(f"{forms} Arabic presentation-form characters (text pasted from a PDF?)")
    base = (
        normalize(text, **{k: k == "presentation_forms" for k in DEFAULTS}).text if forms else text
    )
    words = _ARABIC_WORD.findall(base)
    starting = sum(w.startswith(_FINAL_ONLY) for w in words if len(w) > 1)
    ending = sum(w.endswith(_FINAL_ONLY) for w in words if len(w) > 1)
    if starting >= 3 and starting > ending:
        signs.append(
            f"words look reversed (visual order): {starting} words begin with ة or ى, "
            f"{ending} end with them"
        )
    return signs
