"""Spans: every finding is a stretch of the original text.

A :class:`Span` carries ``start`` and ``end`` character offsets into the
document's text exactly as loaded, the ``text`` found there, a ``kind`` and
the ``rule`` that produced it.  ``doc.text[span.start:span.end] == span.text``
always holds; :func:`check_spans` is the test for it.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

SPAN_COLUMNS = ["doc_id", "start", "end", "text", "kind", "rule"]
SpanRow = namedtuple("SpanRow", SPAN_COLUMNS)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    kind: str = ""
    rule: str = ""

    @classmethod
    def at(cls, source: str, start: int, end: int, kind: str = "", rule: str = "") -> Span:
        """The span ``source[start:end]``."""
        return cls(start, end, source[start:end], kind, rule)


def check_spans(source: str, spans: Iterable[Span]) -> None:
    """Raise AssertionError naming the first span that does not match *source*."""
    for span in spans:
        if not (0 <= span.start <= span.end <= len(source)):
            raise AssertionError(f"{span} lies outside the text (length {len(source)})")
        if source[span.start : span.end] != span.text:
            raise AssertionError(f"{span} does not match the text at its offsets")


def span_rows(spans: Iterable[Span], doc_id: str) -> list[SpanRow]:
    """One row per span, in the order of :data:`SPAN_COLUMNS`."""
    return [SpanRow(doc_id, s.start, s.end, s.text, s.kind, s.rule) for s in spans]


def span_table(rows: list[SpanRow]) -> pd.DataFrame:
    """The table of span rows (:func:`span_rows`), typed."""
    frame = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    return frame.astype({"start": "int64", "end": "int64"})


def spans_frame(spans: Iterable[Span], doc_id: str) -> pd.DataFrame:
    """One row per span, with the columns :data:`SPAN_COLUMNS`."""
    return span_table(span_rows(spans, doc_id))
