"""One contract for every extractor the kit registers.

Each extractor in ``analysis.extractors.EXTRACTORS`` must, on any text:
return a DataFrame with the stable span columns; give offsets that lie in
the text and reproduce each finding's surface form; name the rule behind
every finding; and neither crash nor hang on empty, huge or hostile
(hypothesis-generated) input.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import hostile_text

from analysis import corpus
from analysis.document import Document
from analysis.extractors import EXTRACTORS, extract
from analysis.spans import SPAN_COLUMNS

NAMES = sorted(EXTRACTORS)


def honours_contract(doc: Document, table) -> None:
    assert list(table.columns) == SPAN_COLUMNS
    for row in table.itertuples():
        assert 0 <= row.start <= row.end <= len(doc.text), row
        assert doc.text[row.start : row.end] == row.text, row
        assert row.rule, f"no rule named for {row}"
        assert row.doc_id == doc.id


@pytest.mark.parametrize("name", NAMES)
def test_seed(name):
    doc = corpus.load_seed("us_iraq_troops_talks_ar")
    table = extract(name, doc)
    honours_contract(doc, table)
    assert len(table) > 0


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\u200f", "ـ", "«", '"', "."])
def test_empty_and_degenerate(name, text):
    doc = Document("e", text)
    honours_contract(doc, extract(name, doc))


@pytest.mark.parametrize("name", NAMES)
def test_huge(name):
    text = ("قال المتحدث «لن ننسحب». " * 40_000 + "\n") * 5  # about 5 MB
    doc = Document("h", text)
    honours_contract(doc, extract(name, doc).iloc[::997])


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
def test_hostile(name, text):
    doc = Document("x", text)
    honours_contract(doc, extract(name, doc))


def test_extract_over_several_documents_and_unknown_names():
    docs = [Document("a", "نص أول."), Document("b", "نص ثان.")]
    assert extract("sentences", docs).doc_id.tolist() == ["a", "b"]
    assert list(extract("tokens", []).columns) == SPAN_COLUMNS
    with pytest.raises(ValueError, match="unknown extractor"):
        extract("frames", docs)
