"""The kit's extractors: per-document functions that return one row per finding.

Every extractor takes a :class:`~analysis.document.Document` and returns a
DataFrame with fixed columns, among them ``doc_id`` and ``rule`` (what
produced the finding), and one or more spans, each as three columns
``<name>_start``, ``<name>_end`` and ``<name>_text`` (or plain ``start``,
``end``, ``text``) with ``doc.text[start:end] == text``.
``tests/test_contract.py`` holds each one registered here to those promises,
on empty, huge and generated text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis import actors, attribution, cues, frames
from analysis.document import Document
from analysis.spans import SPAN_COLUMNS, spans_frame


@dataclass(frozen=True)
class Extractor:
    run: Callable[[Document], pd.DataFrame]
    columns: tuple[str, ...]


EXTRACTORS: dict[str, Extractor] = {
    "paragraphs": Extractor(lambda doc: doc.table("paragraphs"), tuple(SPAN_COLUMNS)),
    "regions": Extractor(lambda doc: doc.table("regions"), tuple(SPAN_COLUMNS)),
    "sentences": Extractor(lambda doc: doc.table("sentences"), tuple(SPAN_COLUMNS)),
    "tokens": Extractor(lambda doc: doc.table("tokens"), tuple(SPAN_COLUMNS)),
    "attributions": Extractor(attribution.attributions, tuple(attribution.COLUMNS)),
    "cues": Extractor(cues.cues, tuple(cues.COLUMNS)),
    "tone": Extractor(cues.tone, tuple(cues.TONE_COLUMNS)),
    "actor_mentions": Extractor(actors.mentions, tuple(actors.MENTION_COLUMNS)),
    "actor_descriptors": Extractor(actors.descriptors, tuple(actors.DESCRIPTOR_COLUMNS)),
    "frame_evidence": Extractor(frames.frame_evidence, tuple(frames.EVIDENCE_COLUMNS)),
    "frame_answers": Extractor(frames.frame_answers, tuple(frames.ANSWER_COLUMNS)),
    "scare_quotes": Extractor(
        lambda doc: spans_frame(attribution.scare_quotes(doc), doc.id), tuple(SPAN_COLUMNS)
    ),
}


def span_prefixes(columns) -> list[str]:
    """The span column prefixes in *columns*: ``""`` for start/end/text,
    ``"cue_"`` for cue_start/cue_end/cue_text, …"""
    return [
        c[: -len("start")]
        for c in columns
        if c.endswith("start")
        and f"{c[: -len('start')]}end" in columns
        and f"{c[: -len('start')]}text" in columns
    ]


def extract(name: str, documents) -> pd.DataFrame:
    """Run the extractor *name* over a document or an iterable of documents."""
    try:
        extractor = EXTRACTORS[name]
    except KeyError:
        known = ", ".join(EXTRACTORS)
        raise ValueError(f"unknown extractor {name!r}; choose from {known}") from None
    if isinstance(documents, Document):
        return extractor.run(documents)
    frames = [extractor.run(doc) for doc in documents]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(extractor.columns))
    return pd.concat(frames, ignore_index=True)
