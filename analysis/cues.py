"""Sentiment and framing cues: lexicon matches as findings, and tone.

:func:`cues` gives one row per cue: a word or phrase of the cue lexicon
(``analysis/data/cues.yaml``, or any dictionary given) found in a document,
with its category, its polarity, its weight, whether it is negated, and the
rule (dictionary, version and entry) that produced it.  :func:`tone` sums the
cues of each sentence or paragraph into a score that the rows it lists
explain.  Both work on one document at a time.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis import attribution
from analysis.document import Document
from analysis.lexicon import COLUMNS as LEXICON_COLUMNS
from analysis.lexicon import Dictionary, Matcher, cue_lexicon, match_frame
from analysis.structure import coded_paragraphs

COLUMNS = [
    "doc_id", "start", "end", "text", "category", "polarity", "weight", "negated", "rule",
    "kind", "negator", "intensifier", "origin",
]  # fmt: skip
TONE_COLUMNS = [
    "doc_id", "unit", "start", "end", "text", "positive", "negative", "cues", "tone", "rule",
]  # fmt: skip
TONE_UNITS = ("sentence", "paragraph")
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
    positions = [LEXICON_COLUMNS.index(c) for c in COLUMNS if c != "polarity"]
    rows = []
    for doc in documents:
        found = [tuple(row[i] for i in positions) for row in matcher.rows(doc)]
        if scare_quotes:
            found += [
                (doc.id, s.start, s.end, s.text, "scare_quote", 1.0, False, s.rule,
                 "scare_quote", "", "", "detected")
                for s in attribution.scare_quotes(doc)
            ]  # fmt: skip
            found.sort(key=lambda row: (row[1], row[2]))
        rows += found
    table = match_frame(rows, [c for c in COLUMNS if c != "polarity"])
    polarity = {c: matcher.dictionary.polarity_of(c) for c in table["category"].unique()}
    polarity["scare_quote"] = "neutral"
    table.insert(COLUMNS.index("polarity"), "polarity", table["category"].map(polarity))
    return table.astype({"polarity": object, "negated": bool})


def tone(
    doc: Document,
    unit: str = "sentence",
    lexicon: Dictionary | Matcher | None = None,
    found: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A tone score for every sentence or paragraph of *doc* that holds cues.

    ``positive`` and ``negative`` sum the weights of the cues of each polarity,
    a negated cue counting for the other side; ``tone`` is
    ``(positive - negative) / (positive + negative)``, from -1 to 1; ``cues``
    lists the cue rows behind the score as ``start-end:rule``, so that every
    score can be checked against the text.  *found* is *doc*'s cue table if
    it was already computed (its neutral rows, scare quotes among them, are
    left out).
    """
    if unit not in TONE_UNITS:
        raise ValueError(f"unit must be one of {', '.join(TONE_UNITS)}, not {unit!r}")
    found = cues(doc, lexicon, scare_quotes=False) if found is None else found
    found = found[found["polarity"] != "neutral"].reset_index(drop=True)
    starts = found["start"].to_numpy()  # in text order
    spans = doc.sentences if unit == "sentence" else doc.paragraphs
    rows = []
    for span in spans:
        first, last = np.searchsorted(starts, [span.start, span.end])
        inside = found.iloc[first:last]
        inside = inside[inside["end"] <= span.end]
        if inside.empty:
            continue
        flipped = inside["negated"].to_numpy()
        is_positive = (inside["polarity"] == "positive").to_numpy() != flipped
        positive = float(inside["weight"][is_positive].sum())
        negative = float(inside["weight"][~is_positive].sum())
        rows.append(
            {
                "doc_id": doc.id,
                "unit": unit,
                "start": span.start,
                "end": span.end,
                "text": doc.text[span.start : span.end],
                "positive": positive,
                "negative": negative,
                "cues": "; ".join(
                    f"{r.start}-{r.end}:{r.rule}" for r in inside.itertuples(index=False)
                ),
                "tone": (positive - negative) / (positive + negative),
                "rule": f"tone:{unit}:weighted-polarity",
            }
        )
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
