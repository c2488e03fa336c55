"""Paragraph kinds, sentence boundaries and tokens, on the seed and on hard cases."""

from __future__ import annotations

import pytest

from analysis import corpus, structure
from analysis.document import Document
from analysis.spans import check_spans

SEED = "us_iraq_troops_talks_ar"


@pytest.fixture(scope="module")
def seed() -> Document:
    return corpus.load_seed(SEED)


def test_seed_regions(seed):
    kinds = [(p.kind, p.text[:30]) for p in seed.paragraphs]
    assert kinds[0] == ("boilerplate", "تجاوز إلى المحتوى الرئيسي")
    assert kinds[1][0] == "heading"
    assert kinds[3][0] == "caption" and kinds[3][1].startswith("A US Army armored vehicle")
    markers = [p.text for p in seed.paragraphs if p.kind == "marker"]
    assert markers == ["سبب أهميتها:", "اعرف المزيد:"]
    assert [p.rule for p in seed.regions] == [
        "boilerplate:skip_to_content",
        "heading:meta_title",
        "caption:other_script",
        "marker:why_it_matters",
        "marker:know_more",
    ]
    body = [p for p in seed.paragraphs if p.kind == "body"]
    assert len(body) == 17
    assert all(p.rule for p in seed.paragraphs)
    check_spans(seed.text, seed.paragraphs)


def test_marker_splits_its_line(seed):
    marker = next(p for p in seed.paragraphs if p.rule == "marker:why_it_matters")
    after = seed.paragraphs[seed.paragraphs.index(marker) + 1]
    assert after.kind == "body" and after.text.startswith("قال مسؤولون عراقيون إن")
    assert seed.text[marker.end : after.start] == " "


def test_seed_sentences(seed):
    check_spans(seed.text, seed.sentences)
    assert len(seed.sentences) == 26
    assert sum(s.kind == "body" for s in seed.sentences) == 21
    texts = [s.text for s in seed.sentences]
    # The date after a full stop does not start a sentence.
    assert any("في أكتوبر/تشرين الأول. 7 تشرين الأول (أكتوبر) 2023." in t for t in texts)
    # Numbers and the Arabic comma do not end one.
    assert any("حرب 2014-2019 ضد تنظيم الدولة الإسلامية" in t for t in texts)
    assert any(t.startswith("بنيت الجولة الأخيرة") and "العراقي، في الوقت" in t for t in texts)
    # A quotation ending in a full stop ends with its closing mark.
    assert any(t.endswith('ثنائية دائمة".') for t in texts)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "قال الوزير، في بيان، إن المحادثات مستمرة. وأضاف أنها ستنتهي قريبا.",
            ["قال الوزير، في بيان، إن المحادثات مستمرة.", "وأضاف أنها ستنتهي قريبا."],
        ),
        (
            'وقال: "لن ننسحب. سنبقى هنا". ثم غادر.',
            ['وقال: "لن ننسحب. سنبقى هنا".', "ثم غادر."],
        ),
        ("قال «هذا خطأ! لن نقبله» وغادر.", ["قال «هذا خطأ! لن نقبله» وغادر."]),
        (
            "ارتفع النمو 2.5 في المئة خلال 2014-2019. وهذا جيد.",
            ["ارتفع النمو 2.5 في المئة خلال 2014-2019.", "وهذا جيد."],
        ),
        (
            "قتل في أكتوبر/تشرين الأول. 7 تشرين الأول 2023. وتقول السلطات ذلك",
            ["قتل في أكتوبر/تشرين الأول. 7 تشرين الأول 2023.", "وتقول السلطات ذلك"],
        ),
        (
            "التقى د. محمد العلي بالسفير. ثم عاد.",
            ["التقى د. محمد العلي بالسفير.", "ثم عاد."],
        ),
        (
            "Dr. Smith met Gen. Brown in the U.S. today. They talked.",
            ["Dr. Smith met Gen. Brown in the U.S. today.", "They talked."],
        ),
        ("هل انتهت الحرب؟ لا! لم تنته.", ["هل انتهت الحرب؟", "لا!", "لم تنته."]),
        ("أولا، ثانيا، ثالثا", ["أولا، ثانيا، ثالثا"]),
        ('قال "لن ننسحب. وغادر.', ['قال "لن ننسحب.', "وغادر."]),
        ("انتظر... ثم تكلم.", ["انتظر... ثم تكلم."]),
        ("انتهى الاجتماع. .", ["انتهى الاجتماع. ."]),
        ("أرسل إلى ص.ب. 123 الرياض.", ["أرسل إلى ص.ب. 123 الرياض."]),
        ("عام 2020 م. وقال الوزير ذلك.", ["عام 2020 م.", "وقال الوزير ذلك."]),
        ("قال الوزير.\u200f وأضاف ذلك.", ["قال الوزير.\u200f", "وأضاف ذلك."]),
        ("قال الوزير.وأضاف ذلك.", ["قال الوزير.", "وأضاف ذلك."]),
        ('طوله 5" تقريبا. وقال "نعم. لا" ثم ذهب.', ['طوله 5" تقريبا.', 'وقال "نعم. لا" ثم ذهب.']),
        (
            'قال: "إيران لن تلتزم. أبدا». وتقدم الوفد.',
            ['قال: "إيران لن تلتزم. أبدا».', "وتقدم الوفد."],
        ),
        ("سيبدأ الأحد. 8 شوال سيكون موعد البدء.", ["سيبدأ الأحد.", "8 شوال سيكون موعد البدء."]),
        ("يبدأ في 8 ذو القعدة. وقال ذلك.", ["يبدأ في 8 ذو القعدة.", "وقال ذلك."]),
    ],
)
def test_sentence_boundaries(paragraph, expected):
    doc = Document("t", paragraph)
    assert [s.text for s in doc.sentences] == expected
    check_spans(doc.text, doc.sentences)


def test_sentences_never_cross_lines():
    doc = Document("t", "السطر الأول بلا نقطة\nالسطر الثاني")
    assert [s.text for s in doc.sentences] == ["السطر الأول بلا نقطة", "السطر الثاني"]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("جميع الحقوق محفوظة", "boilerplate:all_rights_reserved"),
        ("الصورة الكبيرة:", "marker:big_picture"),
        ("الخلاصة: انتهى الأمر", "marker:big_picture"),
        ("عين اليوم – متابعات", "boilerplate:byline_or_dateline"),
        ("بريدة - مكتب الجزيرة", "boilerplate:byline_or_dateline"),
        ("الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس", "boilerplate:agency_dateline"),
        ("Next Previous", "boilerplate:site_navigation"),
        ("https://www.alweeam.com.sa/123", "boilerplate:link_or_contact"),
    ],
)
def test_rules_match_ordinary_spelling(line, rule):
    doc = Document("r", line + "\nثم فقرة من المقال تنتهي بنقطة كما ينبغي لها أن تنتهي.")
    assert doc.paragraphs[0].rule == rule


def test_first_line_is_no_heading_when_the_title_is_known():
    doc = Document("t", "محرر الأخبار\nهذه فقرة كاملة تنتهي بنقطة.", {"title": "عنوان آخر"})
    assert doc.paragraphs[0].kind == "body"


def test_caption_needs_an_arabic_document():
    english = Document("e", "An English article.\nIt has two paragraphs.")
    assert {p.kind for p in english.paragraphs} == {"body"}


def test_short_unpunctuated_line_before_a_paragraph_is_a_heading():
    doc = Document("h", "عنوان فرعي قصير\nهذه فقرة كاملة تنتهي بنقطة كما ينبغي.")
    assert [p.kind for p in doc.paragraphs] == ["heading", "body"]
    assert doc.paragraphs[0].rule == "heading:short_unpunctuated"


def test_tokens(seed):
    check_spans(seed.text, seed.tokens)
    words = [t.text for t in seed.tokens]
    assert "2014" in words and "2019" in words
    assert "انسحابًا" in words  # marks stay inside their word
    doc = Document("n", "نما 2.5٪ و٣٫٥ في 2,500 حالة")
    assert [(t.text, t.kind) for t in doc.tokens] == [
        ("نما", "word"),
        ("2.5", "number"),
        ("و", "word"),
        ("٣٫٥", "number"),
        ("في", "word"),
        ("2,500", "number"),
        ("حالة", "word"),
    ]
    assert {t.rule for t in doc.tokens} == {"token:word", "token:number"}


def test_rules_are_versioned_data():
    rules = structure.default_rules()
    assert rules.version
    assert any(rid == "skip_to_content" for rid, _ in rules.boilerplate)
