"""Arabic labels, checked against an independent HarfBuzz rendering.

For every test string, ``harfbuzz_reference`` lays out the *logical* string
itself: bidi levels from the Rust ``unicode-bidi`` crate in the paragraph
direction :func:`analysis.plotting.base_direction` gives, shaping by HarfBuzz
(``uharfbuzz``) in the kit's font file, rasterising by FreeType.  The same
string goes through :func:`analysis.plotting.label` into a figure drawn in the
kit's style and saved by :func:`analysis.plotting.save_figure`; its PNG, its
SVG (rasterised by resvg) and its PDF (rasterised by PDFium) must each match
the reference.

How independent this is: on matplotlib without libraqm the label is made by
arabic-reshaper and ICU's bidi algorithm, so shaping, bidi and rasterising all
differ from the reference's.  On matplotlib with libraqm, layout and bidi
differ (libraqm's own bidi library and matplotlib's glyph placement), but both
sides shape with HarfBuzz (separate builds) and read the same font: a fault in
HarfBuzz or in the font would pass.

Where the renderer does not shape, :func:`analysis.plotting.visual_order`
drops harakat, which such renderers cannot place, and nothing applies the
font's kerning (it is in the font's GPOS table); there the reference is the
text without harakat, shaped without the ``kern`` feature
(:func:`render_reference`).

Two measures, both after a light blur so that two rasterisers of the same
glyphs agree: the correlation of the whole label, and the lowest correlation
of its vertical strips, each about one glyph wide, which catches a local error
(a bracket facing the wrong way, a reversed number).  The ink's width may also
differ from the reference's by 5 % and its height by 10 % (the font draws a
precomposed hamza a little higher than HarfBuzz places a decomposed one: 5.1 %
on "بأنها").  ``tools/measure_labels.py`` prints the margins behind the
thresholds; at the time of writing, correct labels scored 0.901 to 0.998 on
the whole and 0.836 to 0.997 on their worst strip (all formats, both
matplotlib versions), and the mutants at most 0.968 on the whole (harakat
dropped, and swapped brackets at 0.966, both caught by their strip) and 0.882
on the worst strip (harakat dropped, with libraqm).

The negative controls show that the comparison has teeth: the strategy that is
wrong for the running matplotlib (the old reshape + bidi recipe where
matplotlib shapes text itself, the raw string where it does not), a reversed
label, an unjoined label, and a set of subtler mutants (brackets not
mirrored, digits or Latin reversed, no lam-alef ligature, harakat dropped,
words swapped, a left-to-right paragraph, the old bidi algorithm's order)
must all fail it.  The ``old_bidi`` mutant is the visual string as the kit
made it before, with python-bidi's pure-Python algorithm, which predates the
bracket-pair rule (UAX #9 N0): "وزارة الخارجية (State Department) 2023"
came out as "State Department) 2023) …".

Besides the fixed labels, a few dozen generated ones (mixes of Arabic and
Latin words, numbers in three digit sets, brackets, guillemets and quotation
marks, from ``tests/test_bidi.py``), each with the direction ``"auto"``,
``"rtl"`` or ``"ltr"``, are drawn and compared the same way: under matplotlib
with libraqm that checks libraqm's bidi, without it the kit's visual string.
Their negative control is the old order: for a few dozen generated labels
where python-bidi's pure-Python algorithm draws other glyphs than the correct
order, its visual string, drawn by a renderer that never shapes, must fail.
Where the two orders differ only in the kind of a paired bracket ("[x} [x}"
for "[x] {x}") the comparison cannot see it, and that case is left to
``tests/test_bidi.py`` (see :func:`test_old_bidi_order_of_generated_labels_fails`).

``make test`` runs this file under the pinned matplotlib 3.11 (with libraqm)
and again under matplotlib 3.10 (without), with ``ITAR_EXPECT_LIBRAQM`` saying
which the environment is meant to be.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata

import arabic_reshaper
import freetype
import harfbuzz_reference as ref
import matplotlib
import numpy as np
import pypdfium2
import pytest
import resvg_py
from bidi.algorithm import get_display
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFont
from test_bidi import PARAGRAPH_SEPARATORS, bracketed, label_text, set_aside

from analysis import plotting

matplotlib.use("Agg")

FONT_PT = 24
SCALE = plotting.PNG_DPI / 72  # pixels per point in every rasterised output
SIZE_PX = FONT_PT * SCALE
BLUR_PX = SIZE_PX / 32
STRIP_PX = SIZE_PX * 0.6
SLACK_PX = SIZE_PX / 8
WIDTH_TOLERANCE = 0.05
HEIGHT_TOLERANCE = 0.10
MIN_CORRELATION = 0.85
# A renderer that does not shape (matplotlib without libraqm, Pillow's basic
# layout) draws precomposed hamza forms and no GPOS kerning, so its correct
# labels sit further from HarfBuzz's (measured: worst strip 0.836 against
# 0.944 with libraqm).
MIN_STRIP_CORRELATION = {"shaped": 0.90, "unshaped": 0.80}

LABELS = {
    "lam_alef": "لا سلام إلا بالأمن",
    "hamza_forms": "مسؤولون سُئلوا عن إيران وأمريكا وآراء الهيئة وشيء",
    "shadda": "محمّد والقوّات المسلّحة",
    "tatweel": "العـــراق وسوريـــا",
    "arabic_indic_digits": "قتل ٣٩ ألفاً في عام ٢٠٢٤",
    "western_digits": "بقي 2500 جندي في عام 2024",
    "number_range": "بعد حرب 2014-2019 ضد التنظيم",
    "parentheses": "قال المتحدث (البنتاغون) أمس",
    "guillemets": "وصفها بأنها «علاقة طبيعية» فقط",
    "latin_inside": "وزارة الدفاع Pentagon الأمريكية",
    "mixed": "قال رايدر (Pentagon): «لن ننسحب» في 7 أكتوبر ٢٠٢٣",
    "latin_first": "NATO في العراق",
    # Labels the notebooks draw
    "figure_title": "فقرات المقال بترتيب القراءة، بحسب نوعها",
    "figure_tick": "12. سبب أهميتها:…",
    "figure_group": "جماعات موالية لإيران",
    "figure_axis": "طول الفقرة (عدد المحارف)",
    "figure_tone": "نبرة فقرات المقال بترتيب القراءة",
    "figure_kind": "تحوّط وتشكيك",
    "figure_frame": "الاهتمام الإنساني",
    "figure_descriptor": "المدعومة من إيران",
    "figure_term": '"طبيعية"',
    # Brackets round Latin words and numbers (UAX #9 N0)
    "brackets_latin_number": "وزارة الخارجية (State Department) 2023",
    "brackets_nested": "قال [المصدر] إن «الوضع (خطير)»",
    "brackets_lettered": "الفقرة (أ) من المادة 12 (ب)",
    "brackets_after_latin": "وصف Joe Biden (President) الأمر",
    "brackets_square_latin": "قالت Reuters [UN] أمس",
    "brackets_number_inside": "بلغ العدد (1,200 جندي) عام 2024",
    # Characters that draw nothing, as text pasted from the web holds them: a
    # byte-order mark, soft hyphens inside words, a zero-width space and a word
    # joiner; letters join across them.
    "invisible_characters": (
        "\ufeffقال المتحدث باسم الخارج\u00adية\u200b (State\u00adDepartment) إن المحادثات"
        " مستم\u2060رة"
    ),
}

FONT = plotting.arabic_font_path()


def rasterise(saved: plotting.SavedFigure, fmt: str) -> np.ndarray:
    """Ink image (0 paper, 1 ink) of one of the files save_figure wrote, cropped."""
    if fmt == "png":
        image = Image.open(saved.path("png"))
    elif fmt == "svg":
        png = resvg_py.svg_to_bytes(
            svg_path=str(saved.path("svg")), dpi=float(plotting.PNG_DPI), background="#ffffff"
        )
        image = Image.open(io.BytesIO(png))
    else:
        page = pypdfium2.PdfDocument(saved.path("pdf"))[0]
        image = page.render(scale=SCALE).to_pil()
    gray = np.asarray(image.convert("L"), dtype=np.float32) / 255
    return ref.crop(1 - gray)


def draw_and_save(text: str, directory) -> plotting.SavedFigure:
    """One line of text in the kit's style and font, saved in every format."""
    with matplotlib.rc_context():
        plotting.use_style()
        fig = Figure(figsize=(40, 1))
        fig.text(0.5, 0.5, text, ha="center", va="center", size=FONT_PT)
        return plotting.save_figure(fig, "label", directory=directory, close=False)


def draw_agg(text: str) -> np.ndarray:
    """Ink image of one line of text in the kit's style and font, drawn by
    Agg at the PNG's resolution: what :func:`draw_and_save` puts in its PNG,
    without writing files."""
    with matplotlib.rc_context():
        plotting.use_style()
        fig = Figure(figsize=(40, 1), dpi=plotting.PNG_DPI)
        fig.text(0.5, 0.5, text, ha="center", va="center", size=FONT_PT)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        gray = np.asarray(Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("L"))
    return ref.crop(1 - gray.astype(np.float32) / 255)


def draw_pillow(shown: str) -> np.ndarray:
    """Ink image of the string *shown* drawn by Pillow's basic layout, which
    draws code points one by one, like wordcloud."""
    font = ImageFont.truetype(str(FONT), size=round(SIZE_PX), layout_engine=ImageFont.Layout.BASIC)
    image = Image.new("L", (int(SIZE_PX * (len(shown) + 2)), int(SIZE_PX * 3)), 255)
    ImageDraw.Draw(image).text((SIZE_PX, SIZE_PX), shown, font=font, fill=0)
    return ref.crop(1 - np.asarray(image, dtype=np.float32) / 255)


def render_reference(text: str, *, shaped: bool, direction: str = "auto") -> np.ndarray:
    """HarfBuzz's rendering of *text* as a label, in the paragraph direction
    :func:`analysis.plotting.base_direction` gives for *direction*, as a
    renderer that shapes text (*shaped*) draws it, or as one that does not:
    then without harakat, which it cannot place (:func:`analysis.plotting.visual_order`
    drops them), and without the font's kerning, which is in its GPOS table
    and which such a renderer never applies.  (Left in, the kerning makes the
    Arabic words narrower than the rest of the label: a correct label drawn by
    Pillow scored 0.69 on the whole against a kerned reference, 0.96 against
    an unkerned one, on "وزارة الخارجية (State Department) 2023".)
    """
    base = "R" if plotting.base_direction(text, direction) == "rtl" else "L"
    return ref.render(
        text if shaped else without_harakat(text), FONT, SIZE_PX, base_dir=base, kerning=shaped
    )


@pytest.fixture(scope="module")
def reference():
    """What a correct label of a text looks like with the running matplotlib
    (or, with *shaped* given, with a renderer that does or does not shape)."""
    cache: dict[tuple[str, bool], np.ndarray] = {}

    def get(text: str, *, shaped: bool | None = None) -> np.ndarray:
        shaped = plotting.matplotlib_shapes_text() if shaped is None else shaped
        if (text, shaped) not in cache:
            cache[text, shaped] = render_reference(text, shaped=shaped)
        return cache[text, shaped]

    return get


def comparison(candidate: np.ndarray, reference: np.ndarray) -> ref.Comparison:
    return ref.compare(candidate, reference, blur_px=BLUR_PX, strip_px=STRIP_PX, slack_px=SLACK_PX)


def matches(c: ref.Comparison, *, shaped: bool | None = None) -> bool:
    """Whether *c* is close enough; *shaped* says whether the renderer shapes
    text itself (by default: whether the running matplotlib does)."""
    shaped = plotting.matplotlib_shapes_text() if shaped is None else shaped
    return c.matches(
        width_tolerance=WIDTH_TOLERANCE,
        height_tolerance=HEIGHT_TOLERANCE,
        min_correlation=MIN_CORRELATION,
        min_strip_correlation=MIN_STRIP_CORRELATION["shaped" if shaped else "unshaped"],
    )


def without_harakat(text: str) -> str:
    """*text* composed, without Arabic combining marks."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(
        c for c in composed if not (unicodedata.category(c) == "Mn" and "\u0600" <= c <= "\u06ff")
    )


# ---------------------------------------------------------------- mutants
# Each takes a label's logical text and returns the wrong string a faulty kit
# would hand matplotlib here, or None where the mutation changes nothing.

SWAP_BRACKETS = str.maketrans("()«»", ")(»«")
# Deliberately not the kit's configuration (plotting.RESHAPER): the same, but
# without ligatures, for the no_lam_alef mutant.
NO_LIGATURES = arabic_reshaper.ArabicReshaper(
    configuration={"delete_harakat": True, "support_ligatures": False}
)


def old_visual_order(text: str, direction: str = "auto") -> str:
    """The visual string as the kit made it before: reshaped as the kit
    reshapes (plotting.RESHAPER), then reordered by python-bidi's pure-Python
    algorithm, which predates the bracket-pair rule (UAX #9 N0, Unicode 6.3)."""
    composed = unicodedata.normalize("NFC", text)
    base = "R" if plotting.base_direction(composed, direction) == "rtl" else "L"
    lines = composed.split("\n")
    return "\n".join(get_display(plotting.RESHAPER.reshape(line), base_dir=base) for line in lines)


def _changed(candidate: str, unchanged: str) -> str | None:
    return candidate if candidate != unchanged else None


def _swap_first_words(text: str) -> str:
    words = text.split(" ")
    return " ".join([words[1], words[0], *words[2:]]) if len(words) > 2 else text


def _direction_matters(text: str) -> bool:
    """Whether a left-to-right paragraph would lay *text* out differently."""
    return ref.shape(text, FONT, SIZE_PX, "L") != ref.shape(text, FONT, SIZE_PX, "R")


def wrong_strategy(text: str) -> str:
    """The other environment's strategy: what a kit that guessed wrong would do."""
    return plotting.visual_order(text) if plotting.matplotlib_shapes_text() else text


SHAPING_MUTANTS = {  # matplotlib with libraqm: mutations of the logical string
    "brackets_swapped": lambda t: _changed(
        plotting.label(t.translate(SWAP_BRACKETS)), plotting.label(t)
    ),
    "harakat_dropped": lambda t: _changed(plotting.label(without_harakat(t)), plotting.label(t)),
    "words_swapped": lambda t: _changed(plotting.label(_swap_first_words(t)), plotting.label(t)),
    "ltr_paragraph": lambda t: "\u200e" + t if _direction_matters(t) else None,
}
VISUAL_MUTANTS = {  # matplotlib without libraqm: mutations of the visual string
    "brackets_not_mirrored": lambda t: _changed(
        plotting.visual_order(t).translate(SWAP_BRACKETS), plotting.visual_order(t)
    ),
    "digits_reversed": lambda t: _changed(
        re.sub(r"[0-9٠-٩]{2,}", lambda m: m[0][::-1], plotting.visual_order(t)),
        plotting.visual_order(t),
    ),
    "latin_reversed": lambda t: _changed(
        re.sub(r"[A-Za-z]{3,}", lambda m: m[0][::-1], plotting.visual_order(t)),
        plotting.visual_order(t),
    ),
    "no_lam_alef": lambda t: _changed(
        ref.visual_string(NO_LIGATURES.reshape(set_aside(t)), "R"),
        plotting.visual_order(t),
    ),
    "words_swapped": lambda t: _changed(
        _swap_first_words(plotting.visual_order(t)), plotting.visual_order(t)
    ),
    "ltr_paragraph": lambda t: (
        plotting.visual_order(t, direction="ltr") if _direction_matters(t) else None
    ),
    "old_bidi": lambda t: _changed(old_visual_order(t), plotting.visual_order(t)),
}
COMMON_MUTANTS = {
    "wrong_strategy": wrong_strategy,
    "reversed": lambda t: plotting.label(t[::-1]),
    # A zero-width non-joiner between letters stops every join, as a renderer
    # that draws isolated forms would.
    "unjoined": lambda t: plotting.label("\u200c".join(t)),
}


def mutants() -> dict[str, object]:
    specific = SHAPING_MUTANTS if plotting.matplotlib_shapes_text() else VISUAL_MUTANTS
    return {**COMMON_MUTANTS, **specific}


MUTANT_CASES = [
    pytest.param(label_name, mutant_name, id=f"{label_name}-{mutant_name}")
    for label_name, text in LABELS.items()
    for mutant_name, mutate in mutants().items()
    if mutate(text) is not None
]


# ------------------------------------------------------------------ tests


def test_capability_is_what_this_environment_should_have():
    expected = os.environ.get("ITAR_EXPECT_LIBRAQM")
    detected = plotting.matplotlib_shapes_text()
    if expected is not None:
        assert detected == (expected == "1"), (
            f"matplotlib {matplotlib.__version__}: libraqm detected={detected}, "
            f"ITAR_EXPECT_LIBRAQM={expected}"
        )
    major_minor = tuple(int(p) for p in matplotlib.__version__.split(".")[:2])
    if major_minor <= (3, 10):
        assert not detected


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
@pytest.mark.parametrize("name", LABELS)
def test_label_renders_like_harfbuzz(name, fmt, tmp_path, reference):
    text = LABELS[name]
    saved = draw_and_save(plotting.label(text), tmp_path)
    c = comparison(rasterise(saved, fmt), reference(text))
    assert matches(c), f"{name} ({fmt}, matplotlib {matplotlib.__version__}): {c}"


@pytest.mark.parametrize(("name", "mutant"), MUTANT_CASES)
def test_wrong_label_fails(name, mutant, tmp_path, reference):
    text = LABELS[name]
    saved = draw_and_save(mutants()[mutant](text), tmp_path)
    c = comparison(rasterise(saved, "png"), reference(text))
    assert not matches(c), f"{name}: the {mutant} mutant passed: {c}"


def test_every_kind_of_mutant_is_tried():
    tried = {mutant for _, mutant in (case.values for case in MUTANT_CASES)}
    assert tried == set(mutants())


# Words, numbers and punctuation from tests/test_bidi.py: with at least one
# letter or digit (a label of punctuation alone is a few small marks, too
# little ink for the correlations to mean anything, and a label of spaces has
# none), and ink in the reference.
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(label_text, st.sampled_from(["auto", "rtl", "ltr"]))
def test_generated_label_renders_like_harfbuzz(text, direction):
    assume(any(c.isalnum() for c in text))
    expected = render_reference(text, shaped=plotting.matplotlib_shapes_text(), direction=direction)
    assume(expected.size)
    c = comparison(draw_agg(plotting.label(text, direction=direction)), expected)
    assert matches(c), f"{text!r} ({direction}, matplotlib {matplotlib.__version__}): {c}"


# The kinds of paired brackets, which drawn_alike counts as one.
BRACKET_KINDS = str.maketrans("[{]}", "(())")
FONT_FACE = freetype.Face(str(FONT))


def drawn_alike(shown: str, other: str) -> bool:
    """Whether a renderer that draws one glyph a code point draws the visual
    strings *shown* and *other* with the same glyphs in the same places, a
    paired bracket of one kind ("(", "[", "{" or their closing brackets)
    counting as one of another (see test_old_bidi_order_of_generated_labels_fails)."""

    def glyphs(visual: str) -> list[int]:
        return [FONT_FACE.get_char_index(ord(c)) for c in visual.translate(BRACKET_KINDS)]

    return glyphs(shown) == glyphs(other)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.one_of(label_text, bracketed), st.sampled_from(["auto", "rtl", "ltr"]))
def test_old_bidi_order_of_generated_labels_fails(text, direction):
    """The negative control of the generated labels, for renderers that never
    shape: where python-bidi's old order of a generated label draws other
    glyphs than the correct order in some place, it must fail the comparison,
    drawn by matplotlib without libraqm (or, where matplotlib shapes text, by
    Pillow's basic layout).  The labels are those of
    test_generated_label_renders_like_harfbuzz and, since the two orders
    seldom differ there (in 3 % of them), ones with a pair of the brackets
    that the bracket-pair rule pairs.

    Left out are labels whose two orders differ only in the kind of a paired
    bracket, as "{x} [x]" right to left: the old order draws "[x} [x}", the
    correct one "[x] {x}" (the two x change places unseen).  A bracket of
    another kind is too like the right one for the comparison: such labels
    scored 0.80 (round brackets for square ones) to 0.85 (curly for square)
    on their worst strip, where the fixed labels, correct, score down to 0.836
    on renderers that never shape (the guillemets label, in matplotlib 3.10's
    SVG).  tests/test_bidi.py checks that order character by character.
    """
    assume(any(c.isalnum() for c in text))
    old = old_visual_order(text, direction)
    assume(not drawn_alike(old, plotting.visual_order(text, direction=direction)))
    expected = render_reference(text, shaped=False, direction=direction)
    assume(expected.size)
    draw = draw_pillow if plotting.matplotlib_shapes_text() else draw_agg
    c = comparison(draw(old), expected)
    assert not matches(c, shaped=False), f"{text!r} ({direction}): the old order passed: {c}"


@pytest.mark.parametrize("name", LABELS)
def test_visual_order_for_renderers_that_never_shape(name, reference):
    """Pillow's basic layout draws code points one by one, like wordcloud."""
    text = LABELS[name]
    c = comparison(draw_pillow(plotting.visual_order(text)), reference(text, shaped=False))
    assert matches(c, shaped=False), f"{name} (Pillow basic layout): {c}"


@pytest.mark.parametrize(
    "name",
    [
        name
        for name, text in LABELS.items()
        if old_visual_order(text) != plotting.visual_order(text)
    ],
)
def test_old_bidi_fails_for_renderers_that_never_shape(name, reference):
    text = LABELS[name]
    c = comparison(draw_pillow(old_visual_order(text)), reference(text, shaped=False))
    assert not matches(c, shaped=False), f"{name}: the old visual string passed: {c}"


@pytest.mark.parametrize("name", LABELS)
def test_term_cloud_draws_terms_like_harfbuzz(name, reference):
    """The word cloud's own renderer (Pillow's basic layout, which never shapes)."""
    text = LABELS[name]
    image = plotting.render_term(text, round(SIZE_PX))
    ink = ref.crop(np.asarray(image.getchannel("A"), dtype=np.float32) / 255)
    c = comparison(ink, reference(text, shaped=False))
    assert matches(c, shaped=False), f"{name} (term cloud): {c}"


def test_term_cloud_places_every_term_without_overlap():
    weights = {"الميليشيات": 4, "وذبحوا": 2, "من غير المؤكد": 1, '"طبيعية"': 1, "اغتيال": 1}
    first = plotting.term_cloud(weights, width=900, height=450)
    assert first.info["dropped"] == 0
    assert first.tobytes() == plotting.term_cloud(weights, width=900, height=450).tobytes()
    placed = first.info["placed"]
    assert sorted(p[0] for p in placed) == sorted(weights)
    for i, (_, x1, y1, w1, h1) in enumerate(placed):
        for _, x2, y2, w2, h2 in placed[i + 1 :]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
    sizes = {p[0]: p[4] for p in placed}
    assert sizes["الميليشيات"] > sizes["اغتيال"]  # heavier terms are drawn larger


def test_use_style_draws_the_pinned_font_even_beside_a_copy(tmp_path):
    """A Noto Sans Arabic installed on the machine must not replace the pinned file."""
    from matplotlib import font_manager

    copy = tmp_path / "NotoSansArabic-Regular.ttf"
    copy.write_bytes(FONT.read_bytes())
    saved_list = list(font_manager.fontManager.ttflist)
    try:
        font_manager.fontManager.ttflist.insert(
            0, font_manager.ttfFontProperty(matplotlib.ft2font.FT2Font(str(copy)))
        )
        with matplotlib.rc_context():
            plotting.use_style()
            assert plotting.resolved_font() == FONT
    finally:
        font_manager.fontManager.ttflist[:] = saved_list


def test_paragraph_direction():
    assert plotting.base_direction("NATO في العراق") == "rtl"
    assert plotting.base_direction("Pentagon 2024") == "ltr"
    assert plotting.base_direction("Pentagon", "rtl") == "rtl"
    with pytest.raises(ValueError, match="direction"):
        plotting.base_direction("x", "up")


def test_visual_order_drops_harakat_and_composes_hamza():
    shown = plotting.visual_order("محمّد انسحابًا ا\u0654")
    assert not any(unicodedata.category(c) == "Mn" for c in shown)
    assert "\ufe83" in shown  # alef with hamza above, isolated form


@pytest.mark.parametrize("separator", [s for s in PARAGRAPH_SEPARATORS if s != "\n"])
def test_label_breaks_lines_at_every_paragraph_separator(separator):
    """As at a newline, with matplotlib shaping text or not: matplotlib breaks
    lines only at a newline, and each paragraph is laid out on its own."""
    text = f"العراق (Iraq){separator}Iraq (2024) في"
    assert plotting.label(text) == plotting.label(text.replace(separator, "\n"))


def test_label_keeps_non_arabic_text_readable():
    assert plotting.visual_order("Pentagon 2024") == "Pentagon 2024"
    assert plotting.label("") in ("", "\u200e")
    assert plotting.label(2024).endswith("2024")
