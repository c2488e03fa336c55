"""An independent rendering of a logical string, to check what matplotlib draws.

The reference never looks at :func:`analysis.plotting.label` nor at matplotlib's
text layout.  It takes the *logical* string and:

1. resolves bidi embedding levels with the Rust ``unicode-bidi`` crate (through
   python-bidi's compiled extension: a different implementation from ICU's,
   which the kit reorders with on matplotlib without libraqm, and from the one
   libraqm links);
2. shapes every level run with HarfBuzz (``uharfbuzz``) in the run's direction,
   in the same font file, so joining, ligatures, marks and bracket mirroring are
   HarfBuzz's;
3. orders the runs visually (UAX #9 rule L2) and rasterises the glyphs with
   FreeType (``freetype-py``).

The result is a grey-level ink image cropped to its ink, comparable with a crop
of matplotlib's Agg output by :func:`compare`.

:func:`visual_string` gives the same layout as a string: the visual order of
the characters, with the rules after the levels (L1, L2, L4) written out here
from UAX #9 and mirroring from Unicode's BidiMirroring data as python-bidi
packages it, default-ignorable characters left out (:data:`DEFAULT_IGNORABLE`,
derived here from Python's character database); :func:`visual_text` does it
paragraph by paragraph (rule P1), to check :func:`analysis.plotting.reorder`
character by character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import freetype
import numpy as np
import uharfbuzz as hb
from bidi.bidi import get_display_inner
from bidi.mirror import MIRRORED
from PIL import Image, ImageFilter

_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def bidi_levels(text: str, base_dir: str | None = None) -> list[int]:
    """Embedding level of every character of *text* (one paragraph).

    *base_dir* is ``"R"`` or ``"L"`` to set the paragraph direction, or None to
    take it from the first strong character.

    python-bidi exposes the Rust crate's resolved levels only through its
    debug dump, which lists one level per UTF-8 byte; the levels of a
    character's bytes are equal, so the first byte's level is the character's.
    """
    dump = get_display_inner(text, base_dir, True)
    levels_part = dump.split("levels:", 1)[1].split("paragraphs:", 1)[0]
    byte_levels = [int(m) for m in _LEVEL.findall(levels_part)]
    levels = []
    offset = 0
    for ch in text:
        levels.append(byte_levels[offset])
        offset += len(ch.encode("utf-8"))
    if offset != len(byte_levels):
        raise AssertionError(
            f"unicode-bidi debug dump changed shape: {len(byte_levels)} levels for {offset} bytes"
        )
    return levels


def level_runs(levels: list[int]) -> list[tuple[int, int, int]]:
    """Maximal runs ``(start, end, level)`` of equal level, in logical order."""
    runs = []
    start = 0
    for i in range(1, len(levels) + 1):
        if i == len(levels) or levels[i] != levels[start]:
            runs.append((start, i, levels[start]))
            start = i
    return runs


def visual_order(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """UAX #9 rule L2: from the highest level down to the lowest odd level of
    the line (levels not present included), reverse every maximal sequence of
    runs at that level or higher."""
    if not runs:
        return []
    runs = list(runs)
    highest = max(r[2] for r in runs)
    lowest_odd = min(r[2] for r in runs) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] >= level:
                j = i
                while j < len(runs) and runs[j][2] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return runs


# Removed by rule X9 (explicit embeddings and overrides, their terminator,
# boundary neutrals): the rules after it do not see them.
_REMOVED_BY_X9 = {"LRE", "RLE", "LRO", "RLO", "PDF", "BN"}
# Reset to the paragraph level by rule L1 when they stand before a segment or
# paragraph separator or at the end of the line.
_TRAILING = {"WS", "LRI", "RLI", "FSI", "PDI"}
_SEPARATORS = {"S", "B"}


def _code_points(ranges: str) -> frozenset[str]:
    """The characters of *ranges*, written as in the Unicode data files:
    ``"034F 115F..1160"``."""
    found = set()
    for item in ranges.split():
        first, _, last = item.partition("..")
        found.update(map(chr, range(int(first, 16), int(last or first, 16) + 1)))
    return frozenset(found)


# Unicode's Default_Ignorable_Code_Point, derived as DerivedCoreProperties.txt
# derives it: Other_Default_Ignorable_Code_Point + Cf + Variation_Selector
# - White_Space - FFF9..FFFB - 13430..1343F - Prepended_Concatenation_Mark,
# with the lists from PropList.txt written out here and the general category
# (Cf) from Python's character database.  The kit leaves these characters out
# of a visual string: they steer layout or draw nothing.
_OTHER_DEFAULT_IGNORABLE = _code_points(
    "034F 115F..1160 17B4..17B5 2065 3164 FFA0 FFF0..FFF8 E0000 E0002..E001F E0080..E00FF"
    " E01F0..E0FFF"
)
_VARIATION_SELECTOR = _code_points("180B..180D 180F FE00..FE0F E0100..E01EF")
_WHITE_SPACE = _code_points("0009..000D 0020 0085 00A0 1680 2000..200A 2028 2029 202F 205F 3000")
_PREPENDED_CONCATENATION_MARK = _code_points("0600..0605 06DD 070F 0890..0891 08E2 110BD 110CD")
DEFAULT_IGNORABLE = (
    _OTHER_DEFAULT_IGNORABLE
    | {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    | _VARIATION_SELECTOR
) - (_WHITE_SPACE | _code_points("FFF9..FFFB 13430..1343F") | _PREPENDED_CONCATENATION_MARK)


def line_levels(text: str, base_dir: str) -> list[tuple[str, int]]:
    """The characters of one line that rule X9 keeps, each with its level
    after rule L1, in logical order; *base_dir* is ``"R"`` or ``"L"``."""
    paragraph = 1 if base_dir == "R" else 0
    kept = [
        [ch, level]
        for ch, level in zip(text, bidi_levels(text, base_dir) if text else [], strict=True)
        if unicodedata.bidirectional(ch) not in _REMOVED_BY_X9
    ]
    trailing = True  # in a sequence that ends at a separator or at the end of the line
    for item in reversed(kept):
        kind = unicodedata.bidirectional(item[0])
        if kind in _SEPARATORS:
            item[1], trailing = paragraph, True
        elif kind in _TRAILING and trailing:
            item[1] = paragraph
        else:
            trailing = False
    return [(ch, level) for ch, level in kept]


def visual_string(text: str, base_dir: str) -> str:
    """One line of logical *text* in display order (UAX #9 rules L1, L2 and L4),
    the characters of :data:`DEFAULT_IGNORABLE` left out; *base_dir* is ``"R"``
    or ``"L"``.

    Levels from the Rust crate (:func:`bidi_levels`), rule L1 by
    :func:`line_levels`, rule L2 by :func:`visual_order`, and each character at
    an odd level replaced by its mirror from BidiMirroring.txt (rule L4).
    """
    chars = line_levels(text, base_dir)
    shown = []
    for start, end, level in visual_order(level_runs([level for _, level in chars])):
        run = [ch for ch, _ in chars[start:end]]
        if level % 2:
            run = [MIRRORED.get(ch, ch) for ch in reversed(run)]
        shown.extend(ch for ch in run if ch not in DEFAULT_IGNORABLE)
    return "".join(shown)


def paragraphs(text: str) -> list[str]:
    """Rule P1: *text* split after each paragraph separator (Bidi_Class B in
    Python's character database), CR LF counting as one (The Unicode Standard,
    section 5.8); the separators are left out."""
    found = []
    start = i = 0
    while i < len(text):
        if unicodedata.bidirectional(text[i]) == "B":
            found.append(text[start:i])
            i += 2 if text.startswith("\r\n", i) else 1
            start = i
        else:
            i += 1
    found.append(text[start:])
    return found


def visual_text(text: str, base_dir: str) -> str:
    """Logical *text* in display order, each paragraph (:func:`paragraphs`) one
    line by :func:`visual_string` in direction *base_dir*, the lines joined by
    newlines."""
    return "\n".join(visual_string(paragraph, base_dir) for paragraph in paragraphs(text))


@dataclass(frozen=True)
class PlacedGlyph:
    glyph_id: int
    x: float  # pen position in pixels, left edge of the line at 0
    y: float  # baseline offset in pixels, up is positive


def shape(
    text: str,
    font_path: Path,
    size_px: float,
    base_dir: str | None = None,
    *,
    kerning: bool = True,
) -> list[PlacedGlyph]:
    """Glyphs of *text* in visual order, shaped by HarfBuzz, placed in pixels;
    without the font's kerning (its ``kern`` feature) if *kerning* is false."""
    face = hb.Face(hb.Blob.from_file_path(str(font_path)))
    font = hb.Font(face)
    scale = size_px / face.upem
    codepoints = [ord(c) for c in text]
    placed: list[PlacedGlyph] = []
    pen = 0.0
    for start, end, level in visual_order(level_runs(bidi_levels(text, base_dir))):
        buf = hb.Buffer()
        # The whole text is given as context so that joining at run edges is right.
        buf.add_codepoints(codepoints, start, end - start)
        buf.direction = "rtl" if level % 2 else "ltr"
        buf.guess_segment_properties()
        hb.shape(font, buf, None if kerning else {"kern": False})
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            placed.append(
                PlacedGlyph(info.codepoint, pen + pos.x_offset * scale, pos.y_offset * scale)
            )
            pen += pos.x_advance * scale
    return placed


def render(
    text: str,
    font_path: Path,
    size_px: float,
    base_dir: str | None = None,
    *,
    kerning: bool = True,
) -> np.ndarray:
    """Ink image (0 = paper, 1 = ink) of *text*, cropped to its ink (see :func:`shape`)."""
    glyphs = shape(text, font_path, size_px, base_dir, kerning=kerning)
    face = freetype.Face(str(font_path))
    face.set_char_size(round(size_px * 64), 0, 72, 72)
    margin = int(size_px * 2)
    width = int(max((g.x for g in glyphs), default=0) + size_px * 4) + 2 * margin
    height = int(size_px * 4)
    baseline = int(size_px * 2.5)
    canvas = np.zeros((height, width), dtype=np.float32)
    flags = freetype.FT_LOAD_RENDER | freetype.FT_LOAD_NO_HINTING
    for g in glyphs:
        face.load_glyph(g.glyph_id, flags)
        slot = face.glyph
        bm = slot.bitmap
        if bm.width == 0 or bm.rows == 0:
            continue
        ink = np.array(bm.buffer, dtype=np.float32).reshape(bm.rows, bm.pitch)[:, : bm.width]
        left = margin + round(g.x) + slot.bitmap_left
        top = baseline - round(g.y) - slot.bitmap_top
        region = canvas[top : top + bm.rows, left : left + bm.width]
        np.maximum(region, ink / 255.0, out=region)
    return crop(canvas)


def crop(ink: np.ndarray, threshold: float = 0.2) -> np.ndarray:
    """Crop an ink image to the bounding box of its pixels above *threshold*."""
    rows = np.flatnonzero((ink > threshold).any(axis=1))
    cols = np.flatnonzero((ink > threshold).any(axis=0))
    if rows.size == 0:
        return ink[:0, :0]
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


@dataclass(frozen=True)
class Comparison:
    width_ratio: float  # candidate width / reference width
    height_ratio: float
    correlation: float  # Pearson correlation after resampling to the reference's size
    worst_strip: float  # the lowest correlation of any vertical strip (see compare)

    def matches(
        self,
        *,
        width_tolerance: float,
        height_tolerance: float,
        min_correlation: float,
        min_strip_correlation: float,
    ) -> bool:
        return (
            abs(self.width_ratio - 1) <= width_tolerance
            and abs(self.height_ratio - 1) <= height_tolerance
            and self.correlation >= min_correlation
            and self.worst_strip >= min_strip_correlation
        )


def _ink(image: np.ndarray, threshold: float = 0.2) -> np.ndarray:
    """Which columns of a 0-255 image hold ink, as :func:`crop` counts it."""
    return (image > threshold * 255).any(axis=0)


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    a = a.ravel() - a.mean()
    b = b.ravel() - b.mean()
    denominator = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / denominator) if denominator else 0.0


def compare(
    candidate: np.ndarray,
    reference: np.ndarray,
    *,
    blur_px: float,
    strip_px: float,
    slack_px: float,
) -> Comparison:
    """Compare two cropped ink images of the same text at the same size.

    Both are blurred by *blur_px* before the correlation, so that sub-pixel
    placement and hinting differences between two rasterisers of the same glyphs
    do not count, while a glyph in the wrong place or of the wrong form does.
    The whole-image correlation catches errors spread over the label; the
    correlation of each vertical strip *strip_px* wide (about one glyph)
    catches a local one, such as a bracket facing the wrong way or a reversed
    number.  The strips cover the image side by side, the last one ending at
    its right edge, so that every strip is a full *strip_px* wide.  Each strip
    of the reference is compared with the candidate's strip at the same place
    shifted by up to *slack_px* either way, the best shift counting, since two
    layouts of the same glyphs can drift apart by a few pixels along a line
    (kerning applied or not).  A strip with no ink in the reference (between
    words spaced apart) is left out if the candidate's has none either at one
    of those shifts, and scores 0 otherwise; ink is what :func:`crop` keeps.
    """
    h, w = reference.shape
    blur = ImageFilter.GaussianBlur(blur_px)
    cand = Image.fromarray((candidate * 255).astype(np.uint8)).resize(
        (w, h), Image.Resampling.BILINEAR
    )
    refimg = Image.fromarray((reference * 255).astype(np.uint8))
    a = np.asarray(cand.filter(blur), dtype=np.float64)
    b = np.asarray(refimg.filter(blur), dtype=np.float64)
    ink_a = _ink(np.asarray(cand))
    ink_b = _ink(np.asarray(refimg))
    width = min(w, max(1, round(strip_px)))
    slack = round(slack_px)
    starts = list(range(0, w - width + 1, width))
    if starts[-1] + width < w:
        starts.append(w - width)
    strips = []
    for x in starts:
        target = b[:, x : x + width]
        shifts = range(max(-slack, -x), min(slack, w - x - width) + 1)
        if not ink_b[x : x + width].any() and not all(
            ink_a[x + d : x + d + width].any() for d in shifts
        ):
            continue
        strips.append(max(_pearson(a[:, x + d : x + d + width], target) for d in shifts))
    return Comparison(
        candidate.shape[1] / w, candidate.shape[0] / h, _pearson(a, b), min(strips, default=0.0)
    )
