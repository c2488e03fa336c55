"""Normalisation folds what it should, and its map back to the original is exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import hostile_text

from analysis import text as T


@pytest.mark.parametrize(
    ("original", "folded"),
    [
        ("مُحَمَّدٌ", "محمد"),  # harakat and shadda
        ("العـــراق", "العراق"),  # tatweel
        ("أإآٱ", "اااا"),  # alef variants
        ("مسؤول سئل", "مسوول سيل"),  # hamza carriers
        ("على", "علي"),  # alef maqsura
        ("ﻻ ﺍﻟﺴﻼﻡ", "لا السلام"),  # presentation forms, ligatures expand
        ("ﷲ", "الله"),
        ("کتاب ی", "كتاب ي"),  # Persian letters
        ("٢٠٢٤ ۱۴۰۳ ٣٫٥", "2024 1403 3.5"),  # Arabic-Indic and Persian digits
        ("\u200fقال\u200d\u202bنعم\u202c\ufeff", "قالنعم"),  # bidi controls, zero width
        ("قا\u00adل", "قال"),  # soft hyphen
        ("مدرسة", "مدرسة"),  # ta marbuta kept by default
    ],
)
def test_folds(original, folded):
    assert T.normalize(original).text == folded


def test_ta_marbuta_is_optional():
    assert T.normalize("مدرسة", ta_marbuta=True).text == "مدرسه"


def test_each_fold_can_be_turned_off():
    assert T.normalize("مُحَمَّد", diacritics=False).text == "مُحَمَّد"
    assert T.normalize("٢٠٢٤", digits=False).text == "٢٠٢٤"
    assert T.normalize("ﻻ", presentation_forms=False).text == "ﻻ"
    with pytest.raises(TypeError, match="unknown normalisation option"):
        T.normalize("x", stemming=True)


def test_to_original_gives_the_surface_form():
    original = "قالَ المتحدثُ: «الإعلامُ ﻻ يــفيد»"
    n = T.normalize(original)
    for word in ["قال", "المتحدث", "الاعلام", "لا", "يفيد"]:
        start = n.text.index(word)
        a, b = n.to_original(start, start + len(word))
        assert T.normalize(original[a:b]).text == word
    start = n.text.index("الاعلام")
    a, b = n.to_original(start, start + len("الاعلام"))
    assert original[a:b] == "الإعلامُ"  # the final damma belongs to its letter
    start = n.text.index(" لا ") + 1  # from the single character ﻻ
    assert n.to_original(start, start + 1) == n.to_original(start + 1, start + 2)
    assert original[slice(*n.to_original(start, start + 2))] == "ﻻ"


def test_to_original_rejects_spans_outside_the_text():
    with pytest.raises(IndexError):
        T.normalize("abc").to_original(2, 5)


@settings(max_examples=300, deadline=None)
@given(hostile_text, st.data())
def test_every_span_maps_back_inside_its_origin(original, data):
    n = T.normalize(original)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    a, b = n.to_original(start, end)
    assert 0 <= a <= b <= len(original)
    assert n.text[start:end] in T.normalize(original[a:b]).text
    if start < end:
        assert a < b


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_folding_is_idempotent(original):
    once = T.normalize(original).text
    assert T.normalize(once).text == once


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وبالحكومة", ("وبال", "حكومة", "")),
        ("للحكومة", ("لل", "حكومة", "")),
        ("فقالها", ("ف", "قال", "ها")),
        ("كتابهم", ("", "كتاب", "هم")),
    ],
)
def test_clitic_splits_include_the_expected_reading(word, expected):
    readings = [(s.prefix, s.stem, s.suffix) for s in T.clitic_splits(word)]
    assert readings[0] == ("", word, "")
    assert expected in readings


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="وفبكلالهمنكيحدة", max_size=12))
def test_clitic_splits_never_invent_characters(word):
    for s in T.clitic_splits(word):
        assert word[s.stem_start : s.stem_end] == s.stem
        assert s.prefix + s.stem + s.suffix == word
        assert len(s.stem) >= T.MIN_STEM


def test_pdf_paste_signs():
    typed = "قالت الحكومة العراقية إن المحادثات مستمرة في العاصمة بغداد وفي الولايات المتحدة"
    assert T.pdf_paste_signs(typed) == []
    assert T.pdf_paste_signs(typed + " ﻻ") == []  # one keyboard ligature is not a sign
    assert T.pdf_paste_signs("صلى الله عليه وسلم ﷺ ﷺ ﷺ ﷲ") == []  # word ligatures
    forms = "ﻗﺎﻟﺖ ﺍﻟﺤﻜﻮﻣﺔ ﺍﻟﻌﺮﺍﻗﻴﺔ"
    assert "presentation-form" in T.pdf_paste_signs(forms)[0]
    reversed_words = " ".join(w[::-1] for w in typed.split())
    assert any("reversed" in s for s in T.pdf_paste_signs(reversed_words))
