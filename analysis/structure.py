"""The structure of an article as spans: paragraphs, sentences and tokens.

Nothing here changes the text.  Cleaning *marks* paragraphs with a kind and
the id of the rule that decided it (from ``analysis/data/structure.yaml``):

``boilerplate``
    site chrome such as a "skip to content" line (rule ``boilerplate:<id>``);
``marker``
    a section label such as «سبب أهميتها:»; when it opens a line, the label is
    a span of its own and the rest of the line a ``body`` span
    (``marker:<id>``);
``caption``
    a paragraph mostly in another script inside an Arabic article, such as an
    English photo caption (``caption:other_script``);
``heading``
    the article's title (``heading:meta_title``), or a short line without
    sentence punctuation followed by one with it (``heading:short_unpunctuated``);
``body``
    everything else (``body:default``).

A paragraph is a non-blank line.  Sentences never cross paragraphs; they end
at ``.`` ``!`` ``?`` ``؟`` followed by space or the end of the paragraph (the
Arabic comma does not end one), except inside a quotation, in a number
(``2.5``), after an abbreviation (``U.S.``, ``د.``) or before a date
(``… الأول. 7 تشرين الأول``).  Tokens are runs of letters (with their marks)
and numbers.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.resources import load_yaml_resource
from analysis.spans import Span
from analysis.text import BIDI_CONTROLS, ZERO_WIDTH, normalize

TERMINATOR_RUN = re.compile(r"[.!?؟]+")
NON_SPACE = re.compile(r"\S")
CLOSERS = "\"'»”’)]}›"
SENTENCE_END_CHARS = ".!?؟:" + CLOSERS
# Invisible characters a sentence end can carry after its full stop.
INVISIBLE = "".join(BIDI_CONTROLS + ZERO_WIDTH)
QUOTE_PAIRS = {"«": "»", "“": "”", "‹": "›"}
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u200c\u200d"
TOKEN = re.compile(rf"(?P<number>\d+(?:[.,٫٬]\d+)*)|(?P<word>[^\W\d_](?:[^\W\d_]|[{MARKS}])*)")


def _fold(text: str) -> str:
    """The folding rules and text are compared in: the normaliser's defaults,
    and ta marbuta as ha, so that a rule written «الخلاصة» or «الخلاصه» matches
    either spelling."""
    return normalize(text, ta_marbuta=True).text


@dataclass(frozen=True)
class StructureRules:
    """The compiled contents of a structure rules file."""

    version: str
    boilerplate: tuple[tuple[str, re.Pattern], ...]
    markers: tuple[tuple[str, re.Pattern], ...]
    latin_abbreviations: frozenset[str]
    arabic_abbreviations: frozenset[str]
    date_after_stop: re.Pattern
    month_before_stop: re.Pattern
    other_script_share: float
    heading_max_words: int

    @classmethod
    def from_resource(cls, path_or_name: str | Path = "structure") -> StructureRules:
        data = load_yaml_resource(path_or_name)

        def compiled(section: str) -> tuple[tuple[str, re.Pattern], ...]:
            # Patterns are folded like the text they match, so they can be
            # written in ordinary spelling.
            return tuple((r["id"], re.compile(_fold(r["pattern"]))) for r in data.get(section, []))

        months = sorted((_fold(m) for m in data["months"]), key=len, reverse=True)
        alternatives = "|".join(re.escape(m) for m in months)
        date = re.compile(r"\s*\d{1,2}\s+(?:" + alternatives + r")(?!\w)", re.IGNORECASE)
        month_before = re.compile(r"(?:^|\W)(?:" + alternatives + r")$", re.IGNORECASE)
        abbreviations = data.get("abbreviations", {})
        return cls(
            version=str(data["version"]),
            boilerplate=compiled("boilerplate"),
            markers=compiled("markers"),
            latin_abbreviations=frozenset(a.lower() for a in abbreviations.get("latin", [])),
            arabic_abbreviations=frozenset(_fold(a) for a in abbreviations.get("arabic", [])),
            date_after_stop=date,
            month_before_stop=month_before,
            other_script_share=float(data["caption"]["other_script_share"]),
            heading_max_words=int(data["heading"]["max_words"]),
        )


@lru_cache(maxsize=1)
def default_rules() -> StructureRules:
    """The rules shipped in ``analysis/data/structure.yaml``."""
    return StructureRules.from_resource("structure")


# ------------------------------------------------------------- paragraphs


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without surrounding white space."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        offset += len(line)
    return spans


def _folded(text: str) -> tuple[str, list[int]]:
    """*text* normalised with runs of white space collapsed to one space, and,
    for each character of the result, the offset in *text* just after the
    original character(s) it came from."""
    norm = normalize(text, ta_marbuta=True)
    out: list[str] = []
    ends: list[int] = []
    for i, ch in enumerate(norm.text):
        if ch.isspace():
            if not out or out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        ends.append(int(norm.ends[i]))
    while out and out[-1] == " ":
        out.pop()
        ends.pop()
    return "".join(out), ends


def _is_arabic_letter(ch: str) -> bool:
    return ch.isalpha() and "ARABIC" in unicodedata.name(ch, "")


def _script_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, other letters) in *text*."""
    arabic = other = 0
    for ch in text:
        if ch.isalpha():
            if _is_arabic_letter(ch):
                arabic += 1
            else:
                other += 1
    return arabic, other


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in SENTENCE_END_CHARS


def paragraphs(
    text: str, *, title: str | None = None, rules: StructureRules | None = None
) -> list[Span]:
    """The paragraphs of *text*, each a Span with its kind and rule."""
    rules = rules or default_rules()
    arabic, other = _script_counts(text)
    arabic_document = arabic > other
    folded_title = _folded(title)[0] if title else None
    pieces: list[Span] = []
    for start, end in _lines(text):
        line = text[start:end]
        folded, ends = _folded(line)
        rule = next((rid for rid, rx in rules.boilerplate if rx.search(folded)), None)
        if rule:
            pieces.append(Span.at(text, start, end, "boilerplate", f"boilerplate:{rule}"))
            continue
        marker = next(((rid, m) for rid, rx in rules.markers if (m := rx.match(folded))), None)
        if marker:
            rid, match = marker
            label_end = start + ends[match.end() - 1]
            pieces.append(Span.at(text, start, label_end, "marker", f"marker:{rid}"))
            rest = label_end + len(text[label_end:end]) - len(text[label_end:end].lstrip())
            if rest < end:
                pieces.append(Span.at(text, rest, end, "body", "body:after_marker"))
            continue
        line_arabic, line_other = _script_counts(line)
        letters = line_arabic + line_other
        if arabic_document and letters and line_other / letters > rules.other_script_share:
            pieces.append(Span.at(text, start, end, "caption", "caption:other_script"))
        elif folded_title and folded == folded_title:
            pieces.append(Span.at(text, start, end, "heading", "heading:meta_title"))
        else:
            pieces.append(Span.at(text, start, end, "body", "body:default"))
    return _mark_headings(pieces, text, rules, title_known=folded_title is not None)


def _mark_headings(
    pieces: list[Span], text: str, rules: StructureRules, *, title_known: bool
) -> list[Span]:
    """Mark short unpunctuated lines before a full paragraph as headings.

    When the document's title is known, a first line that is not it is a
    byline or dateline far more often than a heading, and stays as it is.
    """
    marked = list(pieces)
    for i, span in enumerate(pieces[:-1]):
        if span.rule != "body:default" or (title_known and i == 0):
            continue
        following = pieces[i + 1]
        words = len(span.text.split())
        if (
            2 <= words <= rules.heading_max_words
            and not _ends_sentence(span.text)
            and following.kind == "body"
            and _ends_sentence(following.text)
            and len(following.text) > len(span.text)
        ):
            marked[i] = Span.at(text, span.start, span.end, "heading", "heading:short_unpunctuated")
    return marked


# -------------------------------------------------------------- sentences


STRAIGHT = '"＂'
_OPEN_AFTER = " \t\n([{:،,«“؛"
_CLOSE_BEFORE = " \t\n.,،:؛;!?؟)]}»”…"
_SEARCH_DEPTH = 3


def _straight_role(text: str, i: int) -> str | None:
    """Whether the straight quote at *i* opens or closes a quotation, or
    neither (an inch mark, a typo): decided by the characters around it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before in _OPEN_AFTER and not after.isspace()
    closes = not before.isspace() and (after in _CLOSE_BEFORE or after in STRAIGHT)
    if opens == closes:
        return None
    return "open" if opens else "close"


def quotation_pairs(text: str) -> tuple[list[tuple[int, int]], list[tuple[str, int]]]:
    """Paired quotation marks in one paragraph, and the openers left open.

    « », “ ” and ‹ › pair by type and may nest.  A straight quote opens when
    it follows a space or an opening bracket and precedes a letter, and closes
    the other way round; one that is neither (5" long) is not a quotation
    mark.  News text often mixes marks ("…» or «…"), so a closing mark with
    no opener of its type among the three innermost closes the innermost
    one.  Returns ``(pairs, unclosed)``: (open, close) offsets sorted by
    opening, and the (mark, offset) of openers never closed.
    """
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight_open = 0  # straight quotes on the stack, kept so as not to search it
    for i, ch in enumerate(text):
        if ch in QUOTE_PAIRS:
            stack.append((ch, i))
            continue
        if ch in STRAIGHT:
            role = _straight_role(text, i)
            if role is None and text[i - 1 : i].isspace() and text[i + 1 : i + 2].isspace():
                # A quote with spaces on both sides («وأضاف " إحدى …»): it closes an
                # open straight quote, or opens after a word or a colon.
                previous = text[max(0, i - 8) : i].rstrip()[-1:]
                if straight_open:
                    role = "close"
                elif previous.isalpha() or previous == ":":
                    role = "open"
            if role == "open":
                stack.append(('"', i))
                straight_open += 1
                continue
            if role is None:
                continue
            wanted = '"'
        elif ch in "»”›":
            wanted = next(k for k, v in QUOTE_PAIRS.items() if v == ch)
        else:
            continue
        if not stack:
            continue
        depth = next(
            (
                d
                for d in range(len(stack) - 1, max(-1, len(stack) - 1 - _SEARCH_DEPTH), -1)
                if stack[d][0] == wanted
            ),
            len(stack) - 1,
        )
        pairs.append((stack[depth][1], i))
        straight_open -= sum(mark == '"' for mark, _ in stack[depth:])
        del stack[depth:]
    return sorted(pairs), stack


def _quoted_stretches(quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotations merged where they nest or overlap: disjoint, in order."""
    merged: list[tuple[int, int]] = []
    for open_, close in quotes:  # sorted by opening position
        if merged and open_ < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], close))
        else:
            merged.append((open_, close))
    return merged


def _enclosing(stretches: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The quoted stretch strictly around *position*, if any."""
    i = bisect_right(stretches, (position, -1)) - 1
    if i >= 0 and stretches[i][0] < position < stretches[i][1]:
        return stretches[i]
    return None


def _is_abbreviation(text: str, stop: int, rules: StructureRules) -> bool:
    """Whether the full stop at *stop* closes an abbreviation."""
    start = stop
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in '(«"“':
        start -= 1
    token = text[start:stop]
    if not token:
        return False
    if token.lower().rstrip(".") in rules.latin_abbreviations:
        return True
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: J. Smith
    folded = _fold(token)
    letters = folded.replace(".", "").replace("ـ", "")
    if folded in rules.arabic_abbreviations or (len(letters) == 1 and _is_arabic_letter(letters)):
        # «عام 2020 م.» and «1436 هـ.»: an era after a number ends the sentence.
        previous = text[max(0, start - 8) : start].rstrip()[-1:]
        return not previous.isdigit()
    # Letters written with dots: ص.ب، أ.ف.ب، U.N
    parts = token.rstrip(".").split(".")
    return len(parts) > 1 and all(len(p) == 1 and p.isalpha() for p in parts)


def _split_paragraph(text: str, rules: StructureRules) -> list[tuple[int, int, str]]:
    """(start, end, rule) of each sentence of one paragraph."""
    stretches = _quoted_stretches(quotation_pairs(text)[0])
    boundaries: list[int] = []
    for match in TERMINATOR_RUN.finditer(text):
        run, stop, after = match.group(), match.start(), match.end()
        if len(run) > 1 and set(run) == {"."}:
            continue  # an ellipsis written with dots
        end = after
        while end < len(text) and (text[end] in CLOSERS or text[end] in INVISIBLE):
            end += 1
        glued = (
            run == "."
            and end < len(text)
            and _is_arabic_letter(text[end])
            and stop > 0
            and _is_arabic_letter(text[stop - 1])
        )
        if end < len(text) and not text[end].isspace() and not glued:
            continue  # 2.5, U.S.A, a full stop inside a word
        quote = _enclosing(stretches, stop)
        if quote and not (after <= quote[1] < end):
            continue  # inside a quotation that goes on
        if run == ".":
            if _is_abbreviation(text, stop, rules):
                continue
            following = NON_SPACE.search(text, end)
            first = following.group() if following else ""
            if first.isascii() and first.islower():
                continue  # "approx. five": a Latin sentence goes on in lower case
            if (
                first.isdigit()
                and rules.month_before_stop.search(_fold(text[max(0, stop - 30) : stop]))
                and rules.date_after_stop.match(_fold(text[end : end + 40]))
            ):
                continue  # «أكتوبر/تشرين الأول. 7 تشرين الأول»: a month, then a date
        boundaries.append(end)
    sentences: list[tuple[int, int, str]] = []
    start = 0
    for i, boundary in enumerate([*boundaries, len(text)]):
        rule = "sentence:terminator" if i < len(boundaries) else "sentence:paragraph_end"
        piece = text[start:boundary]
        lead = len(piece) - len(piece.lstrip())
        s, e = start + lead, start + len(piece.rstrip())
        start = boundary
        if s >= e:
            continue
        if sentences and not any(ch.isalnum() for ch in text[s:e]):
            previous = sentences[-1]
            sentences[-1] = (
                previous[0],
                e,
                previous[2],
            )  # stray punctuation joins the sentence before
            continue
        sentences.append((s, e, rule))
    return sentences


def sentences(
    text: str, paragraph_spans: list[Span], *, rules: StructureRules | None = None
) -> list[Span]:
    """The sentences of each paragraph; a sentence's kind is its paragraph's."""
    rules = rules or default_rules()
    found = []
    for paragraph in paragraph_spans:
        for s, e, rule in _split_paragraph(paragraph.text, rules):
            found.append(
                Span.at(text, paragraph.start + s, paragraph.start + e, paragraph.kind, rule)
            )
    return found


# ----------------------------------------------------------------- tokens


def tokens(text: str) -> list[Span]:
    """Word and number tokens, with their offsets; punctuation is not a token."""
    return [
        Span(m.start(), m.end(), m.group(), m.lastgroup, f"token:{m.lastgroup}")
        for m in TOKEN.finditer(text)
    ]


CODED_KINDS = ("heading", "body")


def coded_paragraphs(doc) -> list[Span]:
    """The paragraphs whose content is analysed: the headline and the body
    paragraphs, not boilerplate, captions or markers."""
    return [p for p in doc.paragraphs if p.kind in CODED_KINDS]
