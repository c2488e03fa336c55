"""Figures with correctly shaped Arabic labels, saved reproducibly.

Arabic must be *shaped* (each letter takes its initial, medial, final or
isolated form, lam-alef ligates, marks sit on their letters) and laid out
*right to left*, with Latin words and numbers inside it kept left to right.
Who does that work depends on the renderer:

* matplotlib built with libraqm (3.11 and later) shapes and reorders text
  itself.  It must be given the *logical* string; the old recipe of reshaping
  and reordering beforehand makes it reverse the text a second time.
* matplotlib without libraqm (3.10 and earlier), Pillow's basic layout and
  ``wordcloud`` draw one code point after another.  They must be given the
  *visual* string: presentation forms in display order, with mirrored brackets.

:func:`label` returns the right string for matplotlib in the running
environment, decided by what the installed matplotlib can do, not by its
version number.  :func:`visual_order` is the companion for renderers that never
shape: arabic-reshaper's presentation forms, put in display order by
:func:`reorder` (ICU's Unicode bidi algorithm).  ``tests/test_labels.py`` checks
both against an independent HarfBuzz rendering, and ``tests/test_bidi.py``
checks :func:`reorder` against an independent implementation of the algorithm.

Figures are drawn in Noto Sans Arabic from the pinned ``fontpkg-noto-sans-arabic``
package (:func:`arabic_font_path`), never a font that happens to be on the
machine, and :func:`save_figure` writes byte-reproducible SVG, PNG and PDF files
with a provenance sidecar.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import arabic_reshaper
import icu
import matplotlib
from matplotlib import font_manager, ft2font, patheffects
from matplotlib.text import Text

from analysis import paths, provenance

FONT_PACKAGE = "fontpkg-noto-sans-arabic"
FORMATS = ("svg", "png", "pdf")
# Beside the figures, not committed: one line per saved figure with the git
# commit, the full Python version and the time (see save_figure).
RUN_LOG = ".runs.jsonl"
SVG_HASH_SALT = "itar"
PNG_DPI = 200

# For renderers that never shape: form lam-alef and the other obligatory
# ligatures, and drop harakat, which such renderers cannot place over their
# letters (tests/test_labels.py shows a misplaced shadda otherwise).
RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={"delete_harakat": True, "support_ligatures": True}
)

# Unicode's Default_Ignorable_Code_Point characters: the bidi marks,
# embeddings, overrides and isolates, ZWJ and ZWNJ, which only steer layout,
# and characters that draw nothing, such as the soft hyphen, the zero-width
# space, U+FEFF, the word joiner and the variation selectors.  A renderer that
# shapes text hides them; one that draws one code point after another would
# show them (the kit's font has no glyph for most of them and Pillow draws a
# box), so the visual string leaves them out once they have steered the order.
_IGNORABLE = dict.fromkeys(ord(c) for c in icu.UnicodeSet("[:Default_Ignorable_Code_Point:]"))

# Of those, the ones the bidi algorithm sets aside (rule X9: Boundary_Neutral)
# and that do not steer joining (everything but ZWJ and ZWNJ): letters join
# across them, as HarfBuzz joins them, so they go before reshaping, which would
# otherwise break the word there.
_SET_ASIDE = dict.fromkeys(
    ord(c)
    for c in icu.UnicodeSet(
        "[[:Default_Ignorable_Code_Point:]&[:Bidi_Class=Boundary_Neutral:]-[:Join_Control:]]"
    )
)

# Where a paragraph ends (rule P1): a character of Bidi_Class Paragraph_Separator
# (LF, CR, NEL, U+2029 and the information separators U+001C to U+001E), CR LF
# counting as one (The Unicode Standard, 5.8).
_PARAGRAPH_END = re.compile(
    "\\r\\n|["
    + "".join(re.escape(c) for c in icu.UnicodeSet("[:Bidi_Class=Paragraph_Separator:]"))
    + "]"
)

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

STYLE = {
    "axes.spines.right": False,
    "axes.spines.top": False,
    "axes.titlesize": 13,
    "axes.labelsize": 11,
    "figure.dpi": 100,
    "font.size": 10,
    # Labels from news text may hold "$"; they are never mathtext.
    "text.parse_math": False,
    "svg.fonttype": "path",
    "svg.hashsalt": SVG_HASH_SALT,
}


def matplotlib_shapes_text() -> bool:
    """Whether the installed matplotlib shapes and reorders text itself.

    True when its FreeType wrapper was built with libraqm (which brings
    HarfBuzz shaping and a bidi algorithm), as matplotlib 3.11 wheels are.
    """
    return bool(getattr(ft2font, "__libraqm_version__", None))


ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_MARK = {"rtl": "\u200f", "ltr": "\u200e"}  # right-to-left and left-to-right marks


def base_direction(text: str, direction: str = "auto") -> str:
    """``"rtl"`` or ``"ltr"``: the paragraph direction a label is laid out in.

    ``"auto"`` makes any text with an Arabic letter right to left, so that a
    label opening with a Latin name («NATO في العراق») still reads from the
    right; text without Arabic is left to right.
    """
    if direction not in ("auto", "rtl", "ltr"):
        raise ValueError(f"direction must be 'auto', 'rtl' or 'ltr', not {direction!r}")
    if direction != "auto":
        return direction
    return "rtl" if ARABIC_LETTERS.search(text) else "ltr"


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of *text*, without their separators (see ``_PARAGRAPH_END``)."""
    return _PARAGRAPH_END.split(text)


def reorder(text: str, *, direction: str = "auto") -> str:
    """*text* in display order, by the Unicode bidi algorithm, not reshaped.

    The text is composed (NFC) and split into paragraphs at every paragraph
    separator (LF, CR, CR LF, NEL, U+2029, U+001C to U+001E: rule P1), each
    laid out as one line in the direction :func:`base_direction` gives for the
    whole text; the lines are joined by ``"\\n"``, where matplotlib and Pillow
    break lines.  ICU's implementation of the current algorithm (UAX #9, with
    the bracket-pair rule, so that "وزارة الخارجية (State Department) 2023"
    keeps its brackets round the Latin words) resolves the levels and
    reorders the line; characters at right-to-left levels that have a mirror
    glyph, such as brackets and guillemets, are replaced by it (rule L4),
    since a renderer that never shapes will not mirror them.
    Default-ignorable characters (bidi controls, joiners, the soft hyphen,
    zero-width spaces and the like) are dropped once they have steered the
    order (see ``_IGNORABLE``).
    """
    composed = unicodedata.normalize("NFC", str(text))
    level = 1 if base_direction(composed, direction) == "rtl" else 0
    return "\n".join(_reorder_line(line, level) for line in _paragraphs(composed))


def _reorder_line(line: str, level: int) -> str:
    """One line in display order at paragraph *level* (0 left to right, 1 right to left)."""
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(line), level)
    return str(bidi.writeReordered(icu.Bidi.DO_MIRRORING)).translate(_IGNORABLE)


def visual_order(text: str, *, direction: str = "auto") -> str:
    """*text* shaped and reordered for a renderer that never shapes.

    The text is composed (NFC, so that alef plus a combining hamza becomes
    one letter), letters become their contextual presentation forms
    (arabic-reshaper, ligatures formed), then each line is put in display
    order by :func:`reorder` in the paragraph direction of
    :func:`base_direction`, brackets and guillemets mirrored in right-to-left
    runs.  For Pillow without libraqm, ``wordcloud`` and matplotlib ≤ 3.10.

    Harakat (short vowels, tanween, shadda, sukun) are dropped: a renderer
    that draws one code point after another cannot place them over their
    letters.  News text is mostly written without them.  So are the
    default-ignorable characters (:func:`reorder`); those that neither steer
    the bidi algorithm nor joining, such as a soft hyphen inside a word, go
    before reshaping, so that the letters either side of them join.
    """
    composed = unicodedata.normalize("NFC", str(text))
    base = base_direction(composed, direction)
    return reorder(RESHAPER.reshape(composed.translate(_SET_ASIDE)), direction=base)


def label(text: str, *, direction: str = "auto") -> str:
    """The string to give matplotlib so that *text* renders correctly here.

    Where matplotlib shapes text itself: the logical string, one line a
    paragraph (split as :func:`reorder` splits them, joined by ``"\\n"``),
    each opened by a right-to-left or left-to-right mark that fixes its
    paragraph direction (:func:`base_direction`).  Elsewhere:
    :func:`visual_order`.  Pass every Arabic or mixed string through it:
    titles, axis labels, tick labels, legends and annotations.
    """
    text = str(text)
    if not matplotlib_shapes_text():
        return visual_order(text, direction=direction)
    mark = _MARK[base_direction(text, direction)]
    return "\n".join(mark + line for line in _paragraphs(text))


def arabic_font_path() -> Path:
    """The font file the kit draws with: Noto Sans Arabic from its pinned package.

    It covers Arabic, its presentation forms, Latin and digits, so one font
    draws mixed labels.

    Raises:
        FileNotFoundError: if the package is missing or holds no font file.
    """
    try:
        import fontpkg_noto_sans_arabic as package
    except ImportError as exc:
        raise FileNotFoundError(
            f"the Arabic font package {FONT_PACKAGE} is not installed; run `make env`"
        ) from exc
    fonts = sorted((package.ROOT / "files").glob("*.ttf"))
    if not fonts:
        raise FileNotFoundError(f"{package.ROOT}: {FONT_PACKAGE} holds no .ttf file")
    return fonts[0]


def arabic_font_family() -> str:
    """The family name matplotlib knows the kit's font by."""
    return font_manager.FontProperties(fname=arabic_font_path()).get_name()


def use_style() -> None:
    """Register the kit's font and apply its style to matplotlib.

    Notebooks call it once, before drawing.  It changes matplotlib's global
    ``rcParams`` (``matplotlib.rc_context`` undoes that where it matters) and
    its font list: other files of the same family, such as a Noto Sans Arabic
    installed on the machine, are dropped so that the pinned file is the one
    drawn.
    """
    font = arabic_font_path()
    family = arabic_font_family()
    manager = font_manager.fontManager
    manager.ttflist = [
        entry for entry in manager.ttflist if entry.name != family or Path(entry.fname) == font
    ]
    manager.addfont(str(font))
    matplotlib.rcParams.update(STYLE)
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]


def resolved_font() -> Path:
    """The font file matplotlib draws the default family with, now."""
    properties = font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
    return Path(font_manager.findfont(properties))


@dataclass(frozen=True)
class SavedFigure:
    """The files :func:`save_figure` wrote; shows the PNG in Jupyter."""

    name: str
    directory: Path

    def path(self, suffix: str) -> Path:
        return self.directory / f"{self.name}.{suffix}"

    @property
    def files(self) -> list[Path]:
        return [self.path(fmt) for fmt in FORMATS] + [self.path("json")]

    def __repr__(self) -> str:
        # No directory: a notebook's stored output must not depend on the machine.
        names = ", ".join(p.name for p in self.files)
        return f"SavedFigure({self.name!r}: {names})"

    def _repr_png_(self) -> bytes:
        return self.path("png").read_bytes()


@contextmanager
def _text_as_paths(fig) -> Iterator[None]:
    """Draw the figure's text as outlines while the block runs.

    matplotlib 3.11's PDF backend places shaped glyphs by their nominal widths
    rather than by libraqm's positions, which misplaces spaces and letters in
    Arabic.  Text drawn through a path effect is laid out by ``TextPath``, which
    keeps the shaped positions (as the SVG backend does with
    ``svg.fonttype: path``).  Texts that already have path effects are left alone.
    """
    texts = [t for t in fig.findobj(Text) if not t.get_path_effects()]
    for text in texts:
        text.set_path_effects([patheffects.Normal()])
    try:
        yield
    finally:
        for text in texts:
            text.set_path_effects([])


def rendering_record() -> dict:
    """The software and font that turn a figure into bytes.

    The font is the one matplotlib resolves for the default family, which
    :func:`use_style` makes the pinned Arabic font.
    """
    font = resolved_font()
    return {
        "freetype": ft2font.__freetype_version__,
        "libraqm": getattr(ft2font, "__libraqm_version__", None),
        "text_layout": "matplotlib (libraqm)"
        if matplotlib_shapes_text()
        else "arabic-reshaper + ICU bidi",
        "font": {
            "family": font_manager.FontProperties(fname=font).get_name(),
            "file": font.name,
            "package": FONT_PACKAGE if font == arabic_font_path() else None,
            "sha256": provenance.sha256_file(font),
        },
        "software": provenance.distribution_versions(provenance.FIGURE_SOFTWARE),
    }


def save_figure(
    fig,
    name: str,
    *,
    inputs: Iterable[Path] = (),
    lexicons: Mapping[str, str] | None = None,
    directory: Path | None = None,
    close: bool = True,
) -> SavedFigure:
    """Write *fig* as ``<name>.svg``, ``.png`` and ``.pdf`` plus ``<name>.json``.

    The three images carry no date, software or creator metadata and SVG ids
    come from a fixed salt, so the same figure gives the same bytes on every
    run.  Text is drawn as outlines in the SVG and the PDF, so that they show
    the same shaped glyphs as the PNG on any viewer (see :func:`_text_as_paths`).

    The JSON sidecar records the kit (its version, and its code by content:
    :func:`analysis.provenance.code_record`), the Python version (major and
    minor), the sha256 of every file in *inputs*, the *lexicons*' versions,
    the rendering software and font, and the sha256 of each image.  It holds
    nothing that differs between two runs of the same code on the same
    inputs, so a fresh clone regenerates the committed sidecars byte for byte.
    What does differ (the git commit, the full Python version, the time) is
    appended as one JSON line to :data:`RUN_LOG` in *directory*, a file git
    ignores.

    Args:
        fig: a matplotlib figure.
        name: file stem: letters, digits, ``_``, ``-`` and ``.``.
        inputs: the data files the figure was drawn from.
        lexicons: lexicon name to version, for figures drawn from lexicons.
        directory: where to write; :func:`analysis.paths.figures_dir` by default.
        close: close the figure afterwards, so that Jupyter does not draw it again.
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"figure name {name!r}: use letters, digits, '_', '-' and '.'")
    directory = Path(directory) if directory is not None else paths.figures_dir()
    directory.mkdir(parents=True, exist_ok=True)
    saved = SavedFigure(name, directory)
    metadata = {
        "svg": {"Date": None, "Creator": None},
        "png": {"Software": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    }
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}):
        for fmt in FORMATS:
            with _text_as_paths(fig) if fmt == "pdf" else nullcontext():
                fig.savefig(
                    saved.path(fmt),
                    format=fmt,
                    dpi=PNG_DPI,
                    metadata=metadata[fmt],
                    bbox_inches="tight",
                    pad_inches=0.1,
                )
    sidecar = {
        "figure": name,
        "files": {fmt: provenance.sha256_file(saved.path(fmt)) for fmt in FORMATS},
        "inputs": provenance.input_records(inputs),
        "kit": provenance.kit_record(),
        "lexicons": dict(lexicons or {}),
        "python": provenance.python_record(),
        "rendering": rendering_record(),
    }
    written = provenance.dumps(sidecar)
    saved.path("json").write_text(written, encoding="utf-8")
    run = {
        "figure": name,
        "sidecar_sha256": hashlib.sha256(written.encode("utf-8")).hexdigest(),
        **provenance.run_record(),
    }
    with open(directory / RUN_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(run, ensure_ascii=False, sort_keys=True) + "\n")
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return saved


def barh_rtl(ax, labels, values, *, colors=None, label_pad: float = 6.0):
    """Horizontal bars that read right to left.

    The first item is on top, bars grow leftwards from an axis on the right,
    and the labels (passed through :func:`label` as right-to-left paragraphs,
    Latin ones too) stand right-aligned beside that axis, so that they all
    begin at the same place, as Arabic reads.

    *values* is a sequence (one bar each) or a DataFrame (a stacked bar each
    row, a segment each column, from the right in column order; *colors* then
    maps or lists one colour a column, and the legend names the columns).

    Returns:
        the bar containers.
    """
    import pandas as pd

    labels = list(labels)
    positions = list(range(len(labels)))
    if isinstance(values, pd.DataFrame):
        palette = (
            [colors[c] for c in values.columns] if isinstance(colors, Mapping) else colors
        ) or [None] * len(values.columns)
        left = [0.0] * len(labels)
        bars = []
        for column, colour in zip(values.columns, palette, strict=True):
            widths = [float(v) for v in values[column]]
            bars.append(ax.barh(positions, widths, left=left, color=colour, label=label(column)))
            left = [a + b for a, b in zip(left, widths, strict=True)]
    else:
        bars = [ax.barh(positions, list(values), color=colors)]
    ax.set_yticks(positions, [label(text, direction="rtl") for text in labels])
    numbers = values.to_numpy().ravel() if isinstance(values, pd.DataFrame) else list(values)
    if all(float(v).is_integer() for v in numbers):  # counts: no fractional ticks
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.invert_yaxis()
    ax.invert_xaxis()
    ax.yaxis.tick_right()
    ax.spines[["left", "top"]].set_visible(False)
    ax.spines["right"].set_visible(True)
    figure = ax.figure
    if not hasattr(figure.canvas, "get_renderer"):  # a bare Figure: give it Agg's canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(figure)
    renderer = figure.canvas.get_renderer()
    ticks = ax.yaxis.get_major_ticks()
    widest = max((t.label2.get_window_extent(renderer).width for t in ticks), default=0.0)
    ax.tick_params(axis="y", pad=widest * 72 / figure.dpi + label_pad)
    for tick in ticks:
        tick.label2.set_horizontalalignment("right")
    return bars


def heatmap_rtl(ax, table, *, cmap: str = "Blues", annotate: bool = True):
    """A heatmap of a DataFrame that reads right to left.

    Rows run top to bottom with their labels on the right; columns run from
    right to left (the first column is the rightmost) with their labels on
    top.  Every label goes through :func:`label`; non-zero counts are written
    in their cells.

    Returns:
        the image, for a colour bar.
    """
    import numpy as np

    values = table.to_numpy(dtype=float)[:, ::-1]
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0)
    ax.set_yticks(range(len(table.index)), [label(str(r)) for r in table.index])
    ax.set_xticks(range(len(table.columns)), [label(str(c)) for c in reversed(list(table.columns))])
    ax.yaxis.tick_right()
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", labelrotation=90, length=0)
    ax.tick_params(axis="y", length=0)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("center")
    ax.spines[:].set_visible(False)
    if annotate:
        top = np.nanmax(values) if values.size else 0
        for (i, j), value in np.ndenumerate(values):
            if value and not np.isnan(value):
                text = f"{value:g}"
                colour = "white" if top and value > top / 2 else "black"
                ax.text(j, i, text, ha="center", va="center", color=colour, fontsize=8)
    return image


# ------------------------------------------------- renderers that never shape


def render_term(text: str, size_px: int, *, fill=(0, 0, 0, 255)):
    """*text* drawn by Pillow's basic layout, which never shapes: the visual
    string of :func:`visual_order` in the pinned font, on a transparent RGBA
    image cropped to the ink."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(
        str(arabic_font_path()), size=size_px, layout_engine=ImageFont.Layout.BASIC
    )
    shown = visual_order(text)
    left, top, right, bottom = font.getbbox(shown)
    margin = size_px  # marks can reach outside the nominal box
    image = Image.new("RGBA", (right - left + 2 * margin, bottom - top + 2 * margin), (0, 0, 0, 0))
    ImageDraw.Draw(image).text((margin - left, margin - top), shown, font=font, fill=fill)
    ink = image.getchannel("A").getbbox()
    return image.crop(ink) if ink else image.crop((0, 0, 1, 1))


def term_cloud(
    weights: Mapping[str, float],
    *,
    colors: Mapping[str, str] | str = "#333333",
    width: int = 1200,
    height: int = 600,
    largest_px: int = 96,
    smallest_px: int = 22,
    pad_px: int = 6,
):
    """A word cloud of *weights* (term to weight) as an RGBA image.

    Drawn with :func:`render_term` (Pillow's basic layout, so every term goes
    through :func:`visual_order`, as any renderer that never shapes needs):
    the heaviest term first and largest, each placed at the first free spot on
    a spiral out from the centre.  The layout depends only on the weights and
    the terms, so the same input gives the same image.  Terms that find no
    room are left out (and terms whose weight is not a positive number); their
    number is the image's ``info["dropped"]``, and
    ``info["placed"]`` lists the others as ``(term, x, y, width, height)``.
    """
    import math

    import numpy as np
    from matplotlib.colors import to_rgba
    from PIL import Image

    canvas = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    taken = np.zeros((height, width), dtype=bool)
    # only positive, finite weights can be drawn
    usable = {t: float(w) for t, w in weights.items() if math.isfinite(w) and w > 0}
    ordered = sorted(usable.items(), key=lambda item: (-item[1], item[0]))
    heaviest = ordered[0][1] if ordered else 1.0
    dropped, placed = len(weights) - len(usable), []
    for term, weight in ordered:
        share = math.sqrt(weight / heaviest) if heaviest else 1.0
        size = round(smallest_px + (largest_px - smallest_px) * share)
        colour = colors.get(term, "#333333") if isinstance(colors, Mapping) else colors
        rgba = tuple(round(255 * c) for c in to_rgba(colour))
        image = render_term(term, size, fill=rgba)
        w, h = image.size
        for step in range(4000):
            angle = step * 0.25
            radius = 1.5 * angle
            x = round(width / 2 + radius * math.cos(angle) * width / height - w / 2)
            y = round(height / 2 + radius * math.sin(angle) - h / 2)
            if x < 0 or y < 0 or x + w > width or y + h > height:
                continue
            pad = max(pad_px, size // 5)
            box = taken[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad]
            if not box.any():
                canvas.alpha_composite(image, (x, y))
                taken[y : y + h, x : x + w] = True
                placed.append((term, x, y, w, h))
                break
        else:
            dropped += 1
    canvas.info["dropped"] = dropped
    canvas.info["placed"] = placed
    return canvas
