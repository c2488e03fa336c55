"""Right-to-left HTML views of documents and spans, for Jupyter.

Every piece of text is HTML-escaped, so an article that contains ``<script>``
shows it as text.  The HTML is a pure function of its input (no random ids,
no timestamps), so notebooks that display it stay reproducible under nbval.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections.abc import Iterable

import pandas as pd

from analysis.document import LONE_SURROGATE
from analysis.spans import Span

KIND_COLOURS = {
    "body": "transparent",
    "heading": "#fff3cd",
    "marker": "#e2f0d9",
    "caption": "#dde8f8",
    "boilerplate": "#e9e9e9",
}
KIND_NAMES_AR = {
    "body": "متن",
    "heading": "عنوان",
    "marker": "علامة قسم",
    "caption": "تعليق بلغة أخرى",
    "boilerplate": "عناصر الموقع",
}
# Isolated, so that a bidi control inside a highlight cannot reorder the text around it.
MARK_STYLE = "background:#ffe08a;padding:0 1px;border-radius:2px;unicode-bidi:isolate"
BOX_STYLE = "font-family:'Noto Sans Arabic','Segoe UI',sans-serif;line-height:1.7;max-width:60em"


class HTMLView:
    """A block of HTML for Jupyter, with a short plain-text stand-in."""

    def __init__(self, markup: str, summary: str):
        self.markup = markup
        self.summary = summary

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return self.summary


def _rows(spans: Iterable[Span] | pd.DataFrame) -> list[Span]:
    if isinstance(spans, pd.DataFrame):
        return [
            Span(
                int(r.start),
                int(r.end),
                str(r.text),
                str(getattr(r, "kind", "")),
                str(getattr(r, "rule", "")),
            )
            for r in spans.itertuples()
        ]
    return list(spans)


def _escape(text: str) -> str:
    """HTML-escaped, with lone surrogates (which no encoding can write) shown as U+FFFD."""
    return html.escape(LONE_SURROGATE.sub("\ufffd", text))


def marked(text: str, spans: Iterable[Span], *, offset: int = 0) -> str:
    """*text*, escaped, with each span (offsets into the document, *text*
    starting at *offset*) wrapped in ``<mark>``; overlapping spans share a mark
    whose title lists them all.  One sweep over the span edges."""
    local = []
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, len(text))
        if start < end:
            local.append((start, end, span))
    edges = sorted({0, len(text), *(s for s, _, _ in local), *(e for _, e, _ in local)})
    starting: dict[int, list[int]] = {}
    for index, (start, _, _) in enumerate(local):
        starting.setdefault(start, []).append(index)
    active: set[int] = set()
    out = []
    for a, b in itertools.pairwise(edges):
        active = {k for k in active if local[k][1] > a} | set(starting.get(a, ()))
        piece = _escape(text[a:b])
        if active:
            covering = [local[k][2] for k in sorted(active)]
            title = _escape("; ".join(f"{sp.kind} {sp.rule}".strip() for sp in covering))
            out.append(f'<mark style="{MARK_STYLE}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def document_html(doc, *, spans: Iterable[Span] | pd.DataFrame = ()) -> str:
    """A document's paragraphs, right to left, each shaded by its kind, with
    *spans* highlighted."""
    highlights = sorted(_rows(spans), key=lambda sp: (sp.start, sp.end))
    starts = [sp.start for sp in highlights]
    longest = max((sp.end - sp.start for sp in highlights), default=0)
    head = (
        f"<div style='color:#555;font-size:90%' dir='ltr'>{_escape(doc.id)} · "
        f"{len(doc.text)} characters · {len(doc.paragraphs)} paragraphs · "
        f"{len(doc.sentences)} sentences</div>"
    )
    paragraphs = []
    for p in doc.paragraphs:
        colour = KIND_COLOURS.get(p.kind, "transparent")
        first = bisect.bisect_left(starts, p.start - longest)
        last = bisect.bisect_left(starts, p.end)
        inside = [s for s in highlights[first:last] if s.end > p.start]
        tag = (
            f"<span style='font-size:75%;color:#666' title='{_escape(p.rule)}'>"
            f"[{_escape(KIND_NAMES_AR.get(p.kind, p.kind))}]</span> "
        )
        paragraphs.append(
            f"<p dir='auto' style='background:{colour};margin:0.3em 0;padding:0.1em 0.4em'>"
            f"{tag}{marked(p.text, inside, offset=p.start)}</p>"
        )
    return f"<div dir='rtl' lang='ar' style=\"{BOX_STYLE}\">{head}{''.join(paragraphs)}</div>"


def show(doc, spans: Iterable[Span] | pd.DataFrame = ()) -> HTMLView:
    """View a document in Jupyter with *spans* highlighted."""
    return HTMLView(document_html(doc, spans=spans), repr(doc))


def span_table(doc, spans: Iterable[Span] | pd.DataFrame, *, context: int = 40) -> HTMLView:
    """A right-to-left table of *spans* of *doc*, each shown in its context."""
    rows = _rows(spans)
    body = []
    for s in rows:
        pre = _escape(doc.text[max(0, s.start - context) : s.start])
        post = _escape(doc.text[s.end : s.end + context])
        cell = f'…{pre}<mark style="{MARK_STYLE}">{_escape(s.text)}</mark>{post}…'
        body.append(
            f"<tr><td>{s.start}</td><td>{s.end}</td><td>{_escape(s.kind)}</td>"
            f"<td dir='ltr'>{_escape(s.rule)}</td><td dir='auto'>{cell}</td></tr>"
        )
    header = "<tr><th>start</th><th>end</th><th>kind</th><th>rule</th><th>in context</th></tr>"
    markup = (
        f"<table dir='rtl' lang='ar' style=\"{BOX_STYLE}\"><thead>{header}</thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    return HTMLView(markup, f"span_table({doc.id!r}: {len(rows)} spans)")
