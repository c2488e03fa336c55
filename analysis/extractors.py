"""The kit's extractors: per-document functions that return one row per finding.

Every extractor takes a :class:`~analysis.document.Document` and returns a
DataFrame whose rows carry ``doc_id``, ``start``, ``end``, ``text``, ``kind``
and ``rule``, with ``doc.text[start:end] == text``.  ``tests/test_contract.py``
holds each one registered here to those promises, on empty, huge and
generated text.  Later modules (attribution, cues) register theirs here too.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.document import Document

Extractor = Callable[[Document], pd.DataFrame]

EXTRACTORS: dict[str, Extractor] = {
    "paragraphs": lambda doc: doc.table("paragraphs"),
    "regions": lambda doc: doc.table("regions"),
    "sentences": lambda doc: doc.table("sentences"),
    "tokens": lambda doc: doc.table("tokens"),
}


def extract(name: str, documents) -> pd.DataFrame:
    """Run the extractor *name* over a document or an iterable of documents."""
    try:
        extractor = EXTRACTORS[name]
    except KeyError:
        raise ValueError(
            f"unknown extractor {name!r}; choose from {', '.join(EXTRACTORS)}"
        ) from None
    if isinstance(documents, Document):
        return extractor(documents)
    frames = [extractor(doc) for doc in documents]
    return pd.concat(frames, ignore_index=True) if frames else extractor(Document("", ""))
