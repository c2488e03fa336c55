"""HTML views escape everything and read right to left."""

from analysis import display
from analysis.document import Document
from analysis.spans import Span

HOSTILE = 'قال <script>alert("x")</script> & «نعم» <b>bold</b>'


def test_document_view_escapes_and_is_rtl():
    doc = Document("d<1>", HOSTILE)
    markup = doc._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<b>bold" not in markup and "&amp;" in markup
    assert "dir='rtl'" in markup and "d&lt;1&gt;" in markup


def test_spans_are_highlighted_with_their_rule():
    doc = Document("d", HOSTILE)
    start = HOSTILE.index("«")
    span = Span.at(HOSTILE, start, HOSTILE.index("»") + 1, "quote", "test:rule")
    markup = display.show(doc, [span])._repr_html_()
    assert "<mark" in markup and 'title="quote test:rule"' in markup
    assert "«نعم»</mark>" in markup


def test_overlapping_spans_share_marks():
    text = "abcdef"
    out = display.marked(text, [Span.at(text, 0, 4, "a"), Span.at(text, 2, 6, "b")])
    assert out.count("<mark") == 3
    assert 'title="a; b"' in out


def test_span_table_is_escaped_and_deterministic():
    doc = Document("d", HOSTILE)
    spans = doc.table("tokens")
    first = display.span_table(doc, spans)
    second = display.span_table(doc, spans)
    assert first._repr_html_() == second._repr_html_()
    assert "<script>" not in first._repr_html_()
    assert repr(first) == f"span_table('d': {len(spans)} spans)"


def test_lone_surrogates_and_bidi_controls_are_safe():
    """A document cannot hold a lone surrogate (Document refuses it, the loader
    replaces it), but a span's kind or rule is any string: shown as U+FFFD."""
    text = "نص و\u202eمقلوب"
    span = Span.at(text, 0, len(text), "x\ud800", "rule\udfff")
    markup = display.show(Document("s", text), [span])._repr_html_()
    markup.encode("utf-8")  # writable, so Jupyter can show it
    assert "unicode-bidi:isolate" in markup
    assert 'title="x\ufffd rule\ufffd"' in markup
    table = display.span_table(Document("s", text), [span])._repr_html_()
    table.encode("utf-8")
    assert "x\ufffd" in table and "rule\ufffd" in table
