"""Documents: a text exactly as loaded, its metadata, and its structure as spans.

``Document.text`` is the decoded source, never changed.  It must be text that
can be written out: a lone surrogate (U+D800 to U+DFFF, which JSON's
``\ud800`` escapes can produce) is refused with the offset where it stands;
:func:`analysis.corpus.load` replaces such code points, and reports it.  Paragraphs,
sentences, tokens and the regions that cleaning marks are computed on first
use from the text alone (see :mod:`analysis.structure`), so a document is a
plain value that can be sent to another process and analysed there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from analysis import structure
from analysis.spans import Span, spans_frame
from analysis.text import Normalized, normalize

LAYERS = ("paragraphs", "regions", "sentences", "tokens")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, eq=False)
class Document:
    """One article.

    Attributes:
        id: unique within a corpus.
        text: the decoded source, or a record's text field, as stored.
        meta: the record's other fields, or the text file's sidecar.
        source: where it was loaded from (``path`` or ``path:record``).
    """

    id: str
    text: str
    meta: dict = field(default_factory=dict)
    source: str = ""

    def __post_init__(self):
        for name in ("id", "text"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"document {name} must be str, not {type(value).__name__}")
            found = LONE_SURROGATE.search(value)
            if found:
                raise ValueError(
                    f"document {self.id!r}: its {name} holds a lone surrogate "
                    f"U+{ord(found[0]):04X} at offset {found.start()}, which no encoding can "
                    "write (corpus.load replaces them with U+FFFD)"
                )

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Paragraph spans, each with a kind: body, boilerplate, caption, heading, marker."""
        title = self.meta.get("title")
        return tuple(
            structure.paragraphs(self.text, title=title if isinstance(title, str) else None)
        )

    @cached_property
    def regions(self) -> tuple[Span, ...]:
        """What cleaning marked as not body text: the non-body paragraphs."""
        return tuple(p for p in self.paragraphs if p.kind != "body")

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans; a sentence's kind is its paragraph's."""
        return tuple(structure.sentences(self.text, list(self.paragraphs)))

    @cached_property
    def tokens(self) -> tuple[Span, ...]:
        """Word and number token spans."""
        return tuple(structure.tokens(self.text))

    @cached_property
    def normalized(self) -> Normalized:
        """The text folded for matching, with its map back to ``text``."""
        return normalize(self.text)

    def table(self, layer: str) -> pd.DataFrame:
        """One row per span of *layer* (paragraphs, regions, sentences or tokens)."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")
        return spans_frame(getattr(self, layer), self.id)

    def _repr_html_(self) -> str:
        from analysis.display import document_html

        return document_html(self)

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, chars={len(self.text)}, source={self.source!r})"
