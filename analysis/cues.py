"""Sentiment and framing cues: lexicon matches as findings, and tone.

:func:`cues` gives one row per cue: a word or phrase of the cue lexicon
(``analysis/data/cues.yaml``, or any dictionary given) found in a document,
with its category, its polarity, its weight, whether it is negated, and the
rule (dictionary, version and entry) that produced it.  :func:`tone` sums the
cues of each sentence or paragraph into a score that the rows it lists
explain.  Both work on one document at a time.
"""

from __future__ import annotations

import bisect
from collections import namedtuple
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis import attribution
from analysis.document import Document
from analysis.lexicon import Dictionary, Matcher, cue_lexicon
from analysis.spans import Span
from analysis.structure import coded_paragraphs

COLUMNS = [
    "doc_id", "start", "end", "text", "category", "polarity", "weight", "negated", "rule",
    "kind", "negator", "intensifier", "origin",
]  # fmt: skip
TONE_COLUMNS = [
    "doc_id", "unit", "start", "end", "text", "positive", "negative", "cues", "tone", "rule",
]  # fmt: skip
TONE_UNITS = ("sentence", "paragraph")
# one cue's and one unit's tone row, as cue_rows and tone_rows give them
CueRow = namedtuple("CueRow", COLUMNS)
ToneRow = namedtuple("ToneRow", TONE_COLUMNS)
# Arabic names of the cue kinds (the first level of a category), for figures
KIND_NAMES_AR = {
    "loaded": "لغة مشحونة",
    "label": "وسم الفاعلين",
    "hedge": "تحوّط وتشكيك",
    "scare_quote": "تنصيص تشكيكي",
    "intensifier": "تكثيف",
    "conflict": "صراع",
    "cooperation": "تعاون",
    "negative": "سلبي",
    "positive": "إيجابي",
}
KINDS = tuple(KIND_NAMES_AR)
# loaded words found by resemblance rather than written by hand (see
# analysis/data/loaded_induced.yaml); figures show them apart
INDUCED = "loaded/induced"
INDUCED_NAME_AR = "لغة مشحونة (مستنتجة آليًا)"


@lru_cache(maxsize=1)
def _default_matcher() -> Matcher:
    return Matcher(cue_lexicon())


def _matcher(lexicon: Dictionary | Matcher | None) -> Matcher:
    if lexicon is None:
        return _default_matcher()
    return lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)


def cue_rows(
    doc: Document,
    lexicon: Dictionary | Matcher | None = None,
    *,
    scare_quotes: bool | list[Span] = True,
) -> list[CueRow]:
    """The rows of :func:`cues` for one document, in text order.

    *scare_quotes* is True to detect them, False to leave them out, or the
    document's scare quotes if they were already found
    (:func:`analysis.attribution.relations_and_scare_quotes`).
    """
    matcher = _matcher(lexicon)
    polarity = {"scare_quote": "neutral"}
    rows = []
    for m in matcher.rows(doc):
        if m.category not in polarity:
            polarity[m.category] = matcher.dictionary.polarity_of(m.category)
        rows.append(
            CueRow(
                m.doc_id, m.start, m.end, m.text, m.category, polarity[m.category], m.weight,
                m.negated, m.rule, m.kind, m.negator, m.intensifier, m.origin,
            )
        )  # fmt: skip
    if scare_quotes is not False:
        if scare_quotes is True:
            scare_quotes = attribution.scare_quotes(doc)
        rows += [
            CueRow(doc.id, s.start, s.end, s.text, "scare_quote", "neutral", 1.0, False, s.rule,
                   "scare_quote", "", "", "detected")
            for s in scare_quotes
        ]  # fmt: skip
        rows.sort(key=lambda row: (row.start, row.end))
    return rows


def cue_table(rows: list[CueRow]) -> pd.DataFrame:
    """The table of cue rows (:func:`cue_rows`), typed."""
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype(
        {"start": "int64", "end": "int64", "weight": "float64", "polarity": object, "negated": bool}
    )


def cues(
    documents, lexicon: Dictionary | Matcher | None = None, *, scare_quotes: bool = True
) -> pd.DataFrame:
    """One row per cue in a document or an iterable of documents, with the
    columns :data:`COLUMNS`, in text order.

    Besides the lexicon's matches, the category ``scare_quote`` holds the
    short quotations no one is reported as saying
    (:func:`analysis.attribution.scare_quotes`): detected, not listed.  Pass
    ``scare_quotes=False`` to leave them out (they need the attribution pass).
    """
    matcher = _matcher(lexicon)
    if isinstance(documents, Document):
        documents = [documents]
    rows = []
    for doc in documents:
        rows += cue_rows(doc, matcher, scare_quotes=scare_quotes)
    return cue_table(rows)


def tone(
    doc: Document,
    unit: str = "sentence",
    lexicon: Dictionary | Matcher | None = None,
    found: pd.DataFrame | list[CueRow] | None = None,
) -> pd.DataFrame:
    """A tone score for every sentence or paragraph of *doc* that holds cues.

    ``positive`` and ``negative`` sum the weights of the cues of each polarity,
    a negated cue counting for the other side; ``tone`` is
    ``(positive - negative) / (positive + negative)``, from -1 to 1; ``cues``
    lists the cue rows behind the score as ``start-end:rule``, so that every
    score can be checked against the text.  *found* is *doc*'s cue table (or
    its rows) if it was already computed (its neutral rows, scare quotes
    among them, are left out).
    """
    if found is None:
        found = cue_rows(doc, lexicon, scare_quotes=False)
    elif isinstance(found, pd.DataFrame):
        found = list(found.itertuples(index=False, name="CueRow"))
    return tone_table(tone_rows(doc, unit, found))


def tone_rows(doc: Document, unit: str, found: list[CueRow]) -> list[ToneRow]:
    """The rows of :func:`tone` from *doc*'s cue rows, in text order."""
    if unit not in TONE_UNITS:
        raise ValueError(f"unit must be one of {', '.join(TONE_UNITS)}, not {unit!r}")
    found = [row for row in found if row.polarity != "neutral"]
    starts = [row.start for row in found]  # in text order
    spans = doc.sentences if unit == "sentence" else doc.paragraphs
    rule = f"tone:{unit}:weighted-polarity"
    rows = []
    for span in spans:
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_left(starts, span.end, first)
        inside = [row for row in found[first:last] if row.end <= span.end]
        if not inside:
            continue
        # numpy's sum, as pandas adds: the same float in the last bit
        weights = np.array([row.weight for row in inside], dtype="float64")
        is_positive = np.array(
            [(row.polarity == "positive") != row.negated for row in inside], dtype=bool
        )
        positive = float(weights[is_positive].sum())
        negative = float(weights[~is_positive].sum())
        rows.append(
            ToneRow(
                doc.id, unit, span.start, span.end, doc.text[span.start : span.end],
                positive, negative, "; ".join(f"{r.start}-{r.end}:{r.rule}" for r in inside),
                (positive - negative) / (positive + negative), rule,
            )
        )  # fmt: skip
    return rows


def tone_table(rows: list[ToneRow]) -> pd.DataFrame:
    """The table of tone rows (:func:`tone_rows`)."""
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def paragraph_profile(
    doc: Document, found: pd.DataFrame | None = None, lexicon: Dictionary | Matcher | None = None
) -> pd.DataFrame:
    """Cues counted by kind for every headline and body paragraph of *doc*.

    One row per headline or body paragraph, numbered from 0 in reading order
    (``paragraph``, as in :mod:`analysis.frames`), with its ``start`` and
    ``end``, a column per kind of :data:`KINDS` (the number of cues of that
    kind in the paragraph) and ``tone``, the
    paragraph's tone score (:func:`tone`; 0 where it holds no polar cue).
    *found* is the cue table of *doc* (or of a corpus: only *doc*'s rows
    count) if it was already computed.
    """
    found = cues(doc, lexicon) if found is None else found[found["doc_id"] == doc.id]
    paragraphs = coded_paragraphs(doc)
    tones = tone(doc, "paragraph", found=found).set_index("start")["tone"]
    rows = []
    for number, paragraph in enumerate(paragraphs):
        inside = found[(found["start"] >= paragraph.start) & (found["end"] <= paragraph.end)]
        counts = inside["kind"].value_counts()
        rows.append(
            {
                "paragraph": number,
                "start": paragraph.start,
                "end": paragraph.end,
                **{kind: int(counts.get(kind, 0)) for kind in KINDS},
                "tone": float(tones.get(paragraph.start, 0.0)),
            }
        )
    return pd.DataFrame(rows, columns=["paragraph", "start", "end", *KINDS, "tone"])
