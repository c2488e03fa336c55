"""The kit's bidi step, checked against an independent implementation.

:func:`analysis.plotting.reorder` puts a line in display order with ICU's
implementation of the Unicode bidi algorithm (UAX #9) and mirrors brackets at
right-to-left levels.  ``harfbuzz_reference.visual_string`` does the same from
the levels of the Rust ``unicode-bidi`` crate, with rules L1, L2 and L4 written
out from UAX #9 and mirroring from BidiMirroring.txt as python-bidi packages it.
Hypothesis generates the strings that go wrong in labels: Arabic and Latin
words, Western, Arabic-Indic and extended Arabic-Indic digits, numbers with
separators (2014-2019, 3.5, 1,200, 10:30, 50%), brackets of every kind, nested
or not, guillemets, quotation marks, colons, commas, full stops and spaces, in
both paragraph directions; and, among them, bidi controls, characters that
draw nothing (soft hyphen, zero-width space, U+FEFF, variation selectors and
other default-ignorable characters) and paragraph separators (CR, CR LF,
U+2029 and the others of rule P1).  The two must agree character for
character.

The examples are derandomized, so that every run tries the same strings.
"""

from __future__ import annotations

import unicodedata

import harfbuzz_reference as ref
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import plotting

# Pieces of labels; a generated string is some of them, one after another.
ARABIC_WORDS = [
    *["في", "قال", "العراق", "وزارة", "الخارجية", "و", "من", "المادة", "أ", "ب"],
    *["لا", "الأمن", "إيران", "مسؤولون", "سُئلوا", "محمّد", "العـــراق", "آراء", "شيء"],
]
LATIN_WORDS = ["NATO", "State", "Department", "Pentagon", "a", "Iraq", "US", "x", "UN", "Dr"]
NUMBERS = [
    *["7", "2023", "2014-2019", "3.5", "1,200", "10:30", "50%", "12/5", "-3", "+4"],
    *["٣", "٢٠٢٤", "٢٠١٤-٢٠١٩", "٣٫٥", "١٬٢٠٠", "١٠:٣٠", "٥٠٪", "٣.٥", "١,٢٠٠"],
    *["۵", "۱۴۰۲", "۲۰۱۴-۲۰۱۹", "۳.۵", "۱,۲۰۰", "۱۰:۳۰", "۵۰%"],
]
# Brackets of every kind, guillemets, quotation marks and other punctuation.
PUNCTUATION = list("()[]{}<>«»‹›\"'“”‘’:,،.؛؟!-")
WORDS = ARABIC_WORDS + LATIN_WORDS + NUMBERS + PUNCTUATION
SPACES = [" "] * 18 + ["  "]
TAB = ["\t"]  # a segment separator (rule L1); the kit's font has no glyph for it
PAIRS = ["()", "[]", "{}", "<>", "«»", "‹›", '""', "''", "“”", "‘’"]
# Unicode's bidi controls and joiners, which the kit leaves out of the visual
# string after they have steered the layout.
CONTROLS = list(
    "\u061c\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Other default-ignorable characters, which draw nothing and which the kit
# leaves out too: soft hyphen, zero-width space, word joiner, U+FEFF, an
# invisible operator, the Mongolian vowel separator and a tag (all set aside by
# the bidi algorithm, rule X9), the combining grapheme joiner and two variation
# selectors (non-spacing marks), and a Hangul filler (a left-to-right letter).
INVISIBLE = [*"\u00ad\u200b\u2060\ufeff\u2062\u180e\U000e0041\u034f\ufe00\ufe0f\u3164"]
# Each ends a paragraph (rule P1), which the kit draws as a line of its own.
PARAGRAPH_SEPARATORS = ["\n", "\r", "\r\n", "\x85", "\u2029", "\x1c", "\x1d", "\x1e"]

SETTINGS = settings(
    max_examples=2000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def mixes(pool: list[str]):
    """Strings of up to a dozen items of *pool* one after another, some of
    them between a pair of brackets or quotation marks, nested and side by
    side."""
    flat = st.lists(st.sampled_from(pool), min_size=1, max_size=12).map("".join)
    return st.recursive(
        flat,
        lambda inner: st.one_of(
            st.builds(lambda pair, s: pair[0] + s + pair[1], st.sampled_from(PAIRS), inner),
            st.builds(lambda a, space, b: a + space + b, inner, st.sampled_from(SPACES), inner),
        ),
        max_leaves=5,
    )


def phrase(pool: list[str]):
    """One to three items of *pool*, a space between each."""
    return st.lists(st.sampled_from(pool), min_size=1, max_size=3).map(" ".join)


# As labels often are: an Arabic phrase, a gloss in brackets, and more
# ("وزارة الخارجية (State Department) 2023").
glossed = st.builds(
    lambda arabic, pair, gloss, rest: f"{arabic} {pair[0]}{gloss}{pair[1]} {rest}",
    phrase(ARABIC_WORDS),
    st.sampled_from(PAIRS),
    phrase(LATIN_WORDS + NUMBERS),
    phrase(WORDS),
)
# Where the bracket-pair rule (N0) decides: one of the pairs it pairs (of
# PAIRS, only these three are in BidiBrackets.txt) round a mix of pieces,
# between two more.
BIDI_BRACKETS = ["()", "[]", "{}"]
bracketed = st.builds(
    lambda before, pair, inside, after: f"{before} {pair[0]}{inside}{pair[1]} {after}",
    mixes(WORDS + SPACES),
    st.sampled_from(BIDI_BRACKETS),
    mixes(WORDS + SPACES),
    mixes(WORDS + SPACES),
)
mixed_text = st.one_of(mixes(WORDS + SPACES + TAB), glossed, bracketed)
with_controls = mixes(WORDS + SPACES + TAB + (CONTROLS + INVISIBLE) * 3 + PARAGRAPH_SEPARATORS * 2)
# What a figure's label holds (tests/test_labels.py draws them): no tab.
label_text = st.one_of(mixes(WORDS + SPACES), glossed)
directions = st.sampled_from(["rtl", "ltr"])


def expected(text: str, direction: str) -> str:
    """The reference's visual string of *text* (composed, as the kit composes),
    a line each paragraph."""
    return ref.visual_text(unicodedata.normalize("NFC", text), direction[0].upper())


@SETTINGS
@given(mixed_text, directions)
def test_reorder_agrees_with_the_independent_reference(text, direction):
    assert plotting.reorder(text, direction=direction) == expected(text, direction)


@settings(SETTINGS, max_examples=500)
@given(with_controls, directions)
def test_controls_steer_the_order_and_are_left_out_with_what_draws_nothing(text, direction):
    shown = plotting.reorder(text, direction=direction)
    assert shown == expected(text, direction)
    assert not set(shown) & set(CONTROLS + INVISIBLE)
    assert not set(shown) & set("".join(PARAGRAPH_SEPARATORS)) - {"\n"}


def test_every_default_ignorable_character_is_left_out():
    """All of them, as the reference derives them from Python's character
    database, between two letters."""
    ignorable = "".join(sorted(ref.DEFAULT_IGNORABLE))
    assert plotting.reorder(f"a{ignorable}b", direction="ltr") == "ab"


# What visual_order leaves out before reshaping, so that letters join across
# it: the default-ignorable characters that the bidi algorithm sets aside
# (rule X9: class BN), but for ZWNJ and ZWJ, which steer joining.
JOINERS = {"\u200c", "\u200d"}
SET_ASIDE = {c for c in ref.DEFAULT_IGNORABLE if unicodedata.bidirectional(c) == "BN"} - JOINERS


def set_aside(text: str) -> str:
    """*text* composed, without the characters of SET_ASIDE."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if c not in SET_ASIDE)


@settings(SETTINGS, max_examples=500)
@given(st.one_of(mixed_text, with_controls), directions)
def test_visual_order_is_reshaped_then_reordered(text, direction):
    """Reshaping is arabic-reshaper's (presentation forms, which are right to
    left like the letters), configured as the kit configures it; the order of
    what it gives is checked here."""
    reshaped = plotting.RESHAPER.reshape(set_aside(text))
    assert plotting.visual_order(text, direction=direction) == expected(reshaped, direction)


def test_letters_join_across_what_draws_nothing():
    """A soft hyphen, a zero-width space or U+FEFF inside a word does not cut it
    in two: the letters either side keep their joined forms, as HarfBuzz draws
    them."""
    word = plotting.visual_order("مستمرة")
    for invisible in "\u00ad\u200b\ufeff\u2060":
        assert plotting.visual_order(f"مست{invisible}مرة") == word


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Brackets pair round the Latin words (rule N0) and the number stays apart.
        ("وزارة الخارجية (State Department) 2023", "2023 (State Department) ةيجراخلا ةرازو"),
        ("قال [المصدر] إن «الوضع (خطير)»", "«(ريطخ) عضولا» نإ [ردصملا] لاق"),
        ("الفقرة (أ) من المادة 12 (ب)", "(ب) 12 ةداملا نم (أ) ةرقفلا"),
        # After Arabic letters digits are Arabic numbers (rule W2): a comma,
        # colon or full stop between two stays in the number (W4), but a hyphen
        # or a percent sign is not part of it (W4 and W5 join them to European
        # numbers only), so the range reads from the right.
        ("بين 2014-2019 و 3.5 و 1,200 و 10:30 و 50%", "%50 و 10:30 و 1,200 و 3.5 و 2019-2014 نيب"),
        ("NATO في العراق", "قارعلا يف NATO"),
        ("Pentagon (2024)", "Pentagon (2024)"),
    ],
)
def test_reorder_examples(text, shown):
    assert plotting.reorder(text) == shown


def test_reorder_lays_out_each_line_in_the_direction_of_the_whole_text():
    text = "العراق (Iraq)\nIraq (2024)\n"
    assert plotting.reorder(text) == "\n".join(
        expected(line, "rtl") for line in ("العراق (Iraq)", "Iraq (2024)", "")
    )
    # A right-to-left line, but the number follows a Latin word, so it is left
    # to right (rule W7) and its brackets with it (N0): the line reads as typed.
    assert plotting.reorder(text).split("\n")[1] == "Iraq (2024)"
    assert plotting.reorder(text, direction="ltr").split("\n")[0] == "قارعلا (Iraq)"
    assert plotting.reorder("") == ""


@pytest.mark.parametrize("separator", PARAGRAPH_SEPARATORS)
def test_every_paragraph_separator_starts_a_line(separator):
    """Rule P1: each paragraph is laid out on its own, not reordered with the
    next one as if they were one line; CR LF is one separator."""
    text = f"العراق (Iraq){separator}Iraq (2024) في"
    assert plotting.reorder(text) == "(Iraq) قارعلا\nيف Iraq (2024)"
    assert plotting.reorder(text) == plotting.reorder(text.replace(separator, "\n"))


def test_visual_order_of_the_example_in_the_issue():
    assert plotting.visual_order("وزارة الخارجية (State Department) 2023").startswith(
        "2023 (State Department) "
    )
