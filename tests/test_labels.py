"""Arabic labels, checked against an independent HarfBuzz rendering.

For every test string, ``harfbuzz_reference`` shapes the *logical* string
with HarfBuzz in the kit's font and rasterises it with FreeType.  The same
string goes through :func:`analysis.plotting.label` into a matplotlib figure
saved by :func:`analysis.plotting.save_figure`; its PNG, its SVG (rasterised by
resvg) and its PDF (rasterised by PDFium) must each match the reference in
size and shape.

Where matplotlib does not shape, :func:`analysis.plotting.visual_order` drops
harakat, which such renderers cannot place; there the reference is the text
without them (``expected_text``).

Tolerances: the width of the ink may differ from the reference's by 5 %, its
height by 10 % (the font draws a precomposed hamza form a little higher than
HarfBuzz places a decomposed one: 5.1 % on "بأنها"), and the blurred images
must correlate at 0.90 or more.  Measured with ``tools/measure_labels.py``:
correct labels correlate at 0.956 to 0.999 (matplotlib 3.10 and 3.11, all
three formats); reversed, unjoined and wrong-strategy labels at 0.10 to 0.61.

The negative controls show that the comparison has teeth: the strategy that is
wrong for the running matplotlib (the old reshape + bidi recipe where
matplotlib shapes text itself, the raw string where it does not), a reversed
label and an unjoined label must all fail it.

``make test`` runs this file under the pinned matplotlib 3.11 (with libraqm)
and again under matplotlib 3.10 (without), with ``ITAR_EXPECT_LIBRAQM`` saying
which the environment is meant to be.
"""

from __future__ import annotations

import io
import os
import unicodedata

import harfbuzz_reference as ref
import matplotlib
import numpy as np
import pypdfium2
import pytest
import resvg_py
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFont

from analysis import plotting

matplotlib.use("Agg")

FONT_PT = 24
SCALE = plotting.PNG_DPI / 72  # pixels per point in every rasterised output
SIZE_PX = FONT_PT * SCALE
BLUR_PX = SIZE_PX / 16
WIDTH_TOLERANCE = 0.05
HEIGHT_TOLERANCE = 0.10
MIN_CORRELATION = 0.90

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
    """One line of text, as matplotlib draws it, saved in every format."""
    fig = Figure(figsize=(40, 1))
    fig.text(
        0.5,
        0.5,
        text,
        ha="center",
        va="center",
        fontproperties=matplotlib.font_manager.FontProperties(fname=FONT, size=FONT_PT),
    )
    return plotting.save_figure(fig, "label", directory=directory, close=False)


@pytest.fixture(scope="module")
def reference():
    cache = {}

    def get(text: str) -> np.ndarray:
        if text not in cache:
            cache[text] = ref.render(text, FONT, SIZE_PX)
        return cache[text]

    return get


def comparison(candidate: np.ndarray, reference: np.ndarray) -> ref.Comparison:
    return ref.compare(candidate, reference, blur_px=BLUR_PX)


def matches(c: ref.Comparison) -> bool:
    return c.matches(
        width_tolerance=WIDTH_TOLERANCE,
        height_tolerance=HEIGHT_TOLERANCE,
        min_correlation=MIN_CORRELATION,
    )


def without_harakat(text: str) -> str:
    """*text* composed, without Arabic combining marks."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(
        c for c in composed if not (unicodedata.category(c) == "Mn" and "\u0600" <= c <= "\u06ff")
    )


def expected_text(text: str) -> str:
    """What a correct label of *text* shows with the running matplotlib."""
    return text if plotting.matplotlib_shapes_text() else without_harakat(text)


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
    c = comparison(rasterise(saved, fmt), reference(expected_text(text)))
    assert matches(c), f"{name} ({fmt}, matplotlib {matplotlib.__version__}): {c}"


def wrong_strategy(text: str) -> str:
    """What a kit that guessed wrong would hand matplotlib here."""
    return text if not plotting.matplotlib_shapes_text() else plotting.visual_order(text)


@pytest.mark.parametrize("name", LABELS)
def test_wrong_strategy_for_this_matplotlib_fails(name, tmp_path, reference):
    text = LABELS[name]
    saved = draw_and_save(wrong_strategy(text), tmp_path)
    c = comparison(rasterise(saved, "png"), reference(expected_text(text)))
    assert not matches(c), f"{name}: the wrong strategy passed: {c}"


@pytest.mark.parametrize("name", LABELS)
def test_reversed_label_fails(name, tmp_path, reference):
    text = LABELS[name]
    saved = draw_and_save(plotting.label(text[::-1]), tmp_path)
    c = comparison(rasterise(saved, "png"), reference(expected_text(text)))
    assert not matches(c), f"{name}: a reversed label passed: {c}"


@pytest.mark.parametrize("name", LABELS)
def test_unjoined_label_fails(name, tmp_path, reference):
    text = LABELS[name]
    # A zero-width non-joiner between letters stops every join, as a renderer
    # that draws isolated forms would.
    unjoined = "\u200c".join(text)
    saved = draw_and_save(plotting.label(unjoined), tmp_path)
    c = comparison(rasterise(saved, "png"), reference(expected_text(text)))
    assert not matches(c), f"{name}: an unjoined label passed: {c}"


@pytest.mark.parametrize("name", LABELS)
def test_visual_order_for_renderers_that_never_shape(name, reference):
    """Pillow's basic layout draws code points one by one, like wordcloud."""
    text = LABELS[name]
    font = ImageFont.truetype(str(FONT), size=round(SIZE_PX), layout_engine=ImageFont.Layout.BASIC)
    image = Image.new("L", (int(SIZE_PX * len(text)), int(SIZE_PX * 3)), 255)
    ImageDraw.Draw(image).text((SIZE_PX, SIZE_PX), plotting.visual_order(text), font=font, fill=0)
    ink = ref.crop(1 - np.asarray(image, dtype=np.float32) / 255)
    c = comparison(ink, reference(without_harakat(text)))
    assert matches(c), f"{name} (Pillow basic layout): {c}"


def test_visual_order_drops_harakat_and_composes_hamza():
    shown = plotting.visual_order("محمّد انسحابًا ا\u0654")
    assert not any(unicodedata.category(c) == "Mn" for c in shown)
    assert "\ufe83" in shown  # alef with hamza above, isolated form


def test_label_keeps_non_arabic_text_readable():
    assert plotting.visual_order("Pentagon 2024") == "Pentagon 2024"
    assert plotting.label("") == ""
    assert plotting.label(2024) == "2024"
