"""Source attribution in Arabic news: who is reported as saying what, and how.

An attribution relation (in the sense of PARC and BBC Citron) ties a *source*
to a *content* through a *cue*.  :func:`extract` finds them with rules over the
document's sentences and tokens, driven by two data files: the reporting-cue
lexicon (``analysis/data/reporting_cues.yaml``: forms, kind and class of every
cue) and the actor gazetteer (``analysis/data/actors.yaml``).

Constructions handled, each named in the relation's ``rule``:

``verb_initial``
    «قال مسؤولون عراقيون إن …»: cue, source after it, then the content after
    a complementiser, a colon or a quotation;
``subject_initial``
    «وكانت صحيفة بوليتيكو قد نشرت …»: the source before the cue, in its clause;
``postposed``
    «"…" كرر رايدر»: the cue follows a quotation, which is its content;
``implicit``
    «وأضاف أن …», «مؤكدا أن …», «على حد قوله»: no source span; the relation
    carries the referent, the source of the nearest attribution before it;
``prepositional``
    «بحسب …», «وفقا لـ …», «نقلا عن …», «على لسان …»: the source follows the
    preposition, the content is the rest of the sentence;
``noun``
    «في تصريحات لـ …», «التهديدات بـ …»: a noun carries the report;
``agentless``
    «قيل إن», «من المتوقع أن», «يعتقد أن»: no source at all.

Quotations are paired by type (« », “ ”, straight quotes) within a paragraph,
and an opening mark left open is carried into the following paragraphs until
one closes it, so a quotation can run across sentences and paragraphs.  A
short quotation with no cue around it (a word or two: 'أكثر "طبيعية"') is a
scare quote, reported by :func:`scare_quotes`, and is not an attribution.

Limits: rules, not a parser.  A source is a run of words between the cue and
the first complementiser, preposition, time word or punctuation, so a long or
interrupted noun phrase can be cut short; implicit sources are resolved by
recency only; contents end at the end of the sentence (or of the quotation).
The scores on the gold standard are in ``tests/gold/README.md`` and the tests.
"""

from __future__ import annotations

import bisect
import re
from collections import namedtuple
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.actors import Gazetteer, default_gazetteer, word_forms
from analysis.document import Document
from analysis.resources import load_yaml_resource
from analysis.spans import Span
from analysis.structure import MARKS, quotation_pairs
from analysis.text import fold

KINDS = ("verb", "participle", "noun", "preposition", "agentless")
QUOTE_TYPES = ("direct", "indirect", "mixed")
SOURCE_TYPES = (
    "named_person",
    "anonymous",
    "institution",
    "media",
    "document",
    "collective",
    "pronoun",
)
CUE_CLASSES = (
    "neutral",
    "emphatic",
    "distancing",
    "denial",
    "admission",
    "accusation",
    "prepositional",
)
COLUMNS = [
    "doc_id", "cue_start", "cue_end", "cue_text",
    "source_start", "source_end", "source_text",
    "content_start", "content_end", "content_text",
    "referent_start", "referent_end", "referent_text",
    "n_sources", "n_contents", "quote_type", "source_type", "cue_class",
    "actor", "actor_group", "rule", "confidence",
]  # fmt: skip
# one relation's row, as :func:`relation_rows` gives it
RelationRow = namedtuple("RelationRow", COLUMNS)
SCARE_QUOTE_MAX_WORDS = 3
# Arabic names of the labels, for figures and tables.
NAMES_AR = {
    "direct": "مباشر",
    "indirect": "غير مباشر",
    "mixed": "مختلط",
    "named_person": "شخص مسمى",
    "anonymous": "مجهول",
    "institution": "مؤسسة",
    "media": "وسيلة إعلام",
    "document": "وثيقة",
    "collective": "جماعة",
    "pronoun": "ضمير",
    "neutral": "محايد",
    "emphatic": "تأكيد",
    "distancing": "تشكيك",
    "denial": "نفي أو رفض",
    "admission": "اعتراف",
    "accusation": "اتهام",
    "prepositional": "حرف إسناد",
}

OPENERS = {"«": "»", "“": "”", "‹": "›"}
CLOSERS = {v: k for k, v in OPENERS.items()}
# Prepositions a cue puts before its complementiser («أشار إلى أن», «شدد على أن»).
LINKING_PREPOSITIONS = {"الي", "علي", "عن", "من", "في", "بالقول"}
# Words before a cue that make it an event, not a report («مما يهدد»).
NOT_AFTER = {"مما", "ما", "عدم", "دون", "بدون", "بما", "لما", "يمكن", "تم"}
# The article's own background notes, not a source's report («يذكر أن …»).
BACKGROUND = {"يذكر", "ويذكر", "يشار", "ويشار"}
OBJECT_SUFFIXES = ("هما", "هم", "هن", "ها", "ني", "نا", "كم", "ه", "ك")
# Honorifics a personal name follows («المهندس بدر باسلمة»): a word after one is
# part of the name, not the start of a content.
HONORIFICS = {
    "المهندس", "الدكتور", "الشيخ", "اللواء", "العميد", "العقيد", "الفريق", "المقدم", "الاستاذ",
    "السيد", "السيده", "الحاج", "الامير", "الملك", "النقيب", "الرايد", "المشير", "د",
}  # fmt: skip
# Words that open a clause before its subject («لكن وزير الداخلية قال»).
DISCOURSE_OPENERS = {
    "لكن", "ولكن", "فيما", "بينما", "كما", "وكما", "حيث", "غير", "اما", "واما", "لكنه", "لكنها",
    "لكنهم", "ولكنه", "ولكنها", "ولكنهم",
}  # fmt: skip
# Cues whose verb is often followed by its addressee («ودعت المجتمع الدولي إلى»).
ACCUSATIONS = {"ittahama", "intaqada"}  # cues whose object (the accused) follows the source
DIRECTIVES = {
    "daa", "talaba", "talaba2", "haththa", "nashada", "amara", "ablagha", "hadhdhara",
}  # fmt: skip
# «وأضاف ألا دليل»: أن + لا written as one word; the content keeps the لا.
NEGATED_COMPLEMENTISERS = {"الا": 1, "بالا": 2, "والا": 2}
# Words that end a source: adverbs, pronouns, demonstratives, asides.
SOURCE_ENDS = {
    "رسميا", "خلاله", "فيه", "عنه", "منه", "عنها", "منها", "وهو", "وهي", "وهم", "هذا", "هذه",
    "ذلك", "تلك", "هولاء", "اليوم", "امس", "حاليا", "سابقا", "لاحقا", "موخرا",
    "بيانه", "بيانها", "المقابل", "بوضوح", "حتي", "انذاك", "بدوه", "مقتل", "مصرع", "اصابه",
}  # fmt: skip
# A title whose phrase goes on with «إلى» or «لدى» and a place («المبعوث الأممي إلى اليمن»).
ENVOY_TITLES = {"المبعوث", "مبعوث", "السفير", "سفير", "مندوب", "المندوب", "ممثل", "الممثل"}
ADDRESSEES = {"الصحفيين", "الصحافيين", "الصحافه", "الصحافة", "الاعلاميين"}
COMPLEMENTISERS = {
    "ان", "انه", "انها", "انهم", "انهما", "انهن", "بان", "بانه", "بانها", "بانهم",
    "فان", "فانه", "وان", "وانه", "لان",
}  # fmt: skip
# Words after which a source noun phrase does not go on (normalised forms).
SOURCE_STOPS = {
    "في", "خلال", "عبر", "امام", "لدي", "اثناء", "عقب", "بعد", "قبل", "منذ", "حول",
    "امس", "اليوم", "يوم", "مساء", "صباح", "ظهر", "الليله", "الليلة", "غدا", "ايضا", "كذلك",
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "السبت",
    "لوكالة", "لصحيفة", "لقناة", "لموقع", "لوكاله", "لصحيفه", "لقناه", "ل",
    "عن", "الي", "علي", "مع", "بينما", "فيما", "مرة",
    "التي", "الذي", "الذين", "اللذين", "اللتين", "حيث", "عندما", "كما", "لكن", "غير", "ثم",
    "التاكيد", "مجددا", "بدوره", "بدورها", "بالفعل", "لاول", "مره", "بالقول",
    "قد", "لقد", "وقد", "انه", "انها", "ما", "لا", "لم", "لن", "هو", "هي", "هم",
    "مرارا", "كثيرا", "دايما", "سابقا", "صراحه", "صراحة",
}  # fmt: skip
AUXILIARIES = {
    "كان",
    "كانت",
    "كانوا",
    "قد",
    "لقد",
    "وكان",
    "وكانت",
    "وكانوا",
    "وقد",
    "ولقد",
    "فقد",
    "يكون",
    "تكون",
    "سيكون",
}
# A complementiser carrying the subject of the verb after it («بأنه طالب»).
PRONOUN_COMPLEMENTISERS = {
    "انه", "انها", "انهم", "بانه", "بانها", "بانهم", "وانه", "وانها", "لانه", "لانها",
}  # fmt: skip
# «I» forms of reporting verbs in the cue lexicon that are not also a perfect, as
# «أعلن» and «أوضح» are.
FIRST_PERSON_SINGULAR = {"اقول", "ادعو", "اتوقع"}
# Adjectives that follow a reporting noun («بيان صحفي», «بيان مشترك»).
NOUN_ADJECTIVES = {
    "صحفي", "صحافي", "رسمي", "مشترك", "مقتضب", "مكتوب", "منفصل", "لاحق", "سابق", "جديد",
    "اخر", "صادر", "متلفز", "مصور", "خاص",
}  # fmt: skip
# Endings of a single definite word that names a body, not a person: ta marbuta
# (folded), duals and plurals («البرلمان», «الجانبان», «المسلحون»).
PLURAL_ENDINGS = ("ه", "ان", "ون", "ين", "ات")
# Nouns of office that stand in construct before a title («نائب رئيس المكتب السياسي»).
ROLE_NOUNS = {
    "نايب", "مساعد", "مستشار", "امين", "عضو", "رييس", "مدير", "قايد", "ممثل", "سفير", "وكيل",
    "متحدث", "ناطق", "نواب", "اعضاء", "روساء", "مديري", "قاده", "وزراء",
}  # fmt: skip
# Definite nouns that open the addressee of a call or demand («دعا المجتمع الدولي إلى»).
ADDRESSEE_HEADS = {
    "المجتمع", "السلطات", "الحكومه", "الدول", "المنظمات", "الجهات", "الاطراف", "الشعب",
    "المواطنين", "الاسره", "الاداره", "جميع", "كافه", "كل",
}  # fmt: skip
ADVERBIAL_REACH = 40  # words between a source and its content when an adverbial intervenes
SUBJECT_WORDS = 10  # the most words (auxiliaries left out) of a subject before its cue
EXISTENTIALS = {"هناك", "هنالك", "ثمه", "ثمة"}
NEGATIONS = {"لا", "لم", "لن", "ليس", "ولا", "ولم", "ولن", "فلا", "فلم", "فلن"}
CLAUSE_OPENERS = {
    "في", "علي", "من", "الي", "عن", "مع", "بعد", "قبل", "خلال", "كما", "حيث", "اذ", "فيما",
    "بينما", "لكن", "ولكن", "و", "ف", "ان", "لا", "لم", "ما", "حين", "عندما", "بعدما", "لما",
    "اذا", "الا", "اما", "غير", "كلما", "لان", "رغم", "منذ", "اثر", "عقب",
}  # fmt: skip
ANONYMOUS = re.compile(
    r"^(ال)?(مسوول|مسوولون|مسوولين|مسوولي|مصدر|مصادر|شهود|شاهد|مراقبون|مراقبين|محللون|"
    r"محللين|خبراء|دبلوماسيون|دبلوماسيين|ناشطون|ناشطين|اوساط|جهات|اشخاص|"
    r"احد|بعض|عدد)\b"
)
MEDIA = re.compile(r"^(ال)?(صحيفه|وكاله|قناه|موقع|تلفزيون|اذاعه|مجله|جريده|شبكه)\b")
DOCUMENT = re.compile(
    r"^(ال)?(بيان|برقيه|تقرير|رساله|وثيقه|دراسه|مذكره|تغريده|تقارير|وثايق|بيانات|احصاءات|"
    r"معلومات|قرار|اتفاق|اتفاقيه)\b"
)
INSTITUTION = re.compile(
    r"^(ال)?(وزاره|حكومه|جيش|قوات|شرطه|مجلس|منظمه|حزب|حركه|شركه|سلطات|هييه|لجنه|رياسه|"
    r"سفاره|تحالف|محكمه|الامم|جامعه|بنك|ادارة|اداره|قياده|مديريه|امانه|بلديه|نقابه|"
    r"الحكومه|المكتب|مكتب|مركز|مرصد|جماعه|تنظيم|كتايب|مليشيا|ميليشيا|المقاومه|مقاومه|اتحاد)\b"
)
COLLECTIVE = re.compile(
    r"^(ال)?(سكان|اهالي|مواطنون|مواطنين|فلسطينيون|فلسطينيين|متظاهرون|متظاهرين|معارضه|"
    r"ميليشيات|مليشيات|فصايل|قوي|ناس|شعب|اسر|عايلات|لاجيون|لاجيين|نازحون|نازحين|مجموعه)\b"
)


# ------------------------------------------------------------------ lexicon


@dataclass(frozen=True)
class Cue:
    id: str
    kind: str
    cls: str
    needs_content: bool = False
    prepositions: tuple[str, ...] = ()
    bare_is_agentless: bool = False
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CueLexicon:
    """Reporting cues by normalised form, from a versioned data file."""

    version: str
    single: dict[str, Cue]
    multi: dict[str, list[tuple[tuple[str, ...], Cue]]]

    @classmethod
    def from_resource(cls, path_or_name: str | Path = "reporting_cues") -> CueLexicon:
        data = load_yaml_resource(path_or_name)
        single: dict[str, Cue] = {}
        multi: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
        for entry in data["cues"]:
            if entry["kind"] not in KINDS or entry["class"] not in CUE_CLASSES:
                raise ValueError(f"{path_or_name}: cue {entry['id']}: bad kind or class")
            cue = Cue(
                entry["id"],
                entry["kind"],
                entry["class"],
                entry.get("needs") == "content",
                tuple(fold(p) for p in entry.get("preposition", [])),
                bool(entry.get("bare_is_agentless")),
                frozenset(fold(o) for o in entry.get("objects", [])),
            )
            for form in entry["forms"]:
                words = tuple(fold(form).replace("ـ", "").split())
                if len(words) == 1:
                    single[words[0]] = cue
                else:
                    multi.setdefault(words[0], []).append((words, cue))
        for entries in multi.values():
            entries.sort(key=lambda e: -len(e[0]))
        return cls(str(data["version"]), single, multi)


@lru_cache(maxsize=1)
def default_lexicon() -> CueLexicon:
    """The cues shipped in ``analysis/data/reporting_cues.yaml``."""
    return CueLexicon.from_resource("reporting_cues")


# ----------------------------------------------------------------- records


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; every span is into the document's text."""

    doc_id: str
    cue: Span
    sources: tuple[Span, ...]
    contents: tuple[Span, ...]
    quote_type: str
    source_type: str
    cue_class: str
    rule: str
    confidence: float
    referent: Span | None = None
    actor: str | None = None
    actor_group: str | None = None

    def to_citron(self) -> dict:
        """The relation in BBC Citron's layout, with the kit's fields added."""

        def span(s: Span) -> dict:
            return {"start": s.start, "end": s.end, "text": s.text}

        return {
            "doc_id": self.doc_id,
            "cue": span(self.cue),
            "sources": [span(s) for s in self.sources],
            "contents": [span(s) for s in self.contents],
            "referent": span(self.referent) if self.referent else None,
            "quote_type": self.quote_type,
            "source_type": self.source_type,
            "cue_class": self.cue_class,
            "actor": self.actor,
            "actor_group": self.actor_group,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    form: str  # normalised
    text: str


@dataclass
class _Context:
    doc: Document
    words: list[_Word]
    quotes: _Quotes
    lexicon: CueLexicon
    gazetteer: Gazetteer
    starts: list[int] = field(default_factory=list)
    found: list[Attribution] = field(default_factory=list)  # in text order
    # the relations found that a later implicit source can refer to, in text order
    referents: list[Attribution] = field(default_factory=list)
    # what is worked out once per sentence, by (start, end)
    anonymous_hints: dict[tuple[int, int], bool] = field(default_factory=dict)
    first_actors: dict[tuple[int, int], Span | None] = field(default_factory=dict)
    clauses: _Clauses | None = None  # the index of the sentence being read

    @cached_property
    def chars(self) -> _Characters:
        return _Characters(self.doc.text)

    @cached_property
    def quoted(self) -> _QuotedLetters:
        return _QuotedLetters(self)

    @cached_property
    def reports(self) -> _Reports:
        return _Reports(self)


# ------------------------------------------------------------- quotations


def quotations(doc: Document) -> list[tuple[int, int]]:
    """(open, close) offsets of paired quotation marks in *doc*.

    Marks pair within a paragraph as :func:`analysis.structure.quotation_pairs`
    pairs them.  A typed opening mark («, “) left open in its paragraph pairs
    with the first closing mark of its type left unpaired in one of the next
    three paragraphs, so that a quotation can run across paragraphs.
    """
    pairs: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []  # (offset, paragraph index) of open marks, in text order
    places: dict[str, list[int]] = {mark: [] for mark in OPENERS}  # each mark's places in it
    for index, paragraph in enumerate(doc.paragraphs):
        found, unclosed = quotation_pairs(paragraph.text)
        pairs += [(paragraph.start + o, paragraph.start + c) for o, c in found]
        closed = {c for _, c in found}
        for offset, ch in enumerate(paragraph.text):
            if ch not in CLOSERS or offset in closed or not places[CLOSERS[ch]]:
                continue
            # the latest opener of the type: if it is too far back, the earlier ones are too
            k = places[CLOSERS[ch]][-1]
            opened, where = pending[k]
            if index - where <= 3:
                pairs.append((opened, paragraph.start + offset))
                del pending[k:]
                for kept in places.values():
                    while kept and kept[-1] >= k:
                        kept.pop()
        for mark, offset in unclosed:
            if mark in OPENERS:
                places[mark].append(len(pending))
                pending.append((paragraph.start + offset, index))
    return sorted(pairs)


class _Quotes:
    """The document's quotation pairs, indexed for lookups by position: those
    around an offset, or crossing it, are found in logarithmic time however
    many pairs there are."""

    def __init__(self, pairs: list[tuple[int, int]]):
        self.pairs = sorted(pairs)
        self.opens = [o for o, _ in self.pairs]
        self.by_close = sorted(pairs, key=lambda p: p[1])
        self.closes = [c for _, c in self.by_close]

    def opening_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """Pairs whose opening mark is at an offset in [a, b]."""
        return self.pairs[bisect.bisect_left(self.opens, a) : bisect.bisect_right(self.opens, b)]

    def closing_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """Pairs whose closing mark is at an offset in [a, b]."""
        lo, hi = bisect.bisect_left(self.closes, a), bisect.bisect_right(self.closes, b)
        return self.by_close[lo:hi]

    def __iter__(self):
        return iter(self.pairs)

    @cached_property
    def _closes_by_open(self) -> _FirstReaching:
        return _FirstReaching([c for _, c in self.pairs])

    @cached_property
    def _opens_by_close(self) -> _FirstReaching:
        return _FirstReaching([-o for o, _ in self.by_close])

    @cached_property
    def _furthest(self) -> list[int]:
        """The furthest closing mark of the first *k* pairs in order of opening."""
        return list(accumulate((c for _, c in self.pairs), max, initial=-1))

    def innermost_close(self, position: int) -> int | None:
        """The closing mark nearest *position* of the pairs strictly around it."""
        lo = bisect.bisect_right(self.closes, position)
        k = self._opens_by_close.first(lo, len(self.by_close), 1 - position)
        return None if k is None else self.by_close[k][1]

    def around(self, position: int, last: int) -> list[tuple[int, int]]:
        """Pairs that open before *position* and close at or after it, by
        offset *last*, the nearest first."""
        found = []
        k, hi = bisect.bisect_left(self.closes, position), bisect.bisect_right(self.closes, last)
        while (k := self._opens_by_close.first(k, hi, 1 - position)) is not None:
            found.append(self.by_close[k])
            k += 1
        return found

    def crossing(self, a: int, b: int) -> list[tuple[int, int]]:
        """Pairs that open in [a, b] and close at or after *b*, in order of opening."""
        found = []
        k, hi = bisect.bisect_left(self.opens, a), bisect.bisect_right(self.opens, b)
        while (k := self._closes_by_open.first(k, hi, b)) is not None:
            found.append(self.pairs[k])
            k += 1
        return found

    def carry(self, start: int, end: int, last: int) -> int:
        """Where the stretch [start, end) ends once every pair that opens in
        it (by offset *last*) and closes at or after its end has carried it
        past that closing mark."""
        k, hi = bisect.bisect_left(self.opens, start), bisect.bisect_right(self.opens, last)
        while (
            k := self._closes_by_open.first(k, bisect.bisect_left(self.opens, end, hi=hi), end)
        ) is not None:
            end = self.pairs[k][1] + 1
            k += 1
        return end

    def reaches_over(self, a: int, b: int) -> bool:
        """Whether a pair opens before *a* and closes at or after *b*."""
        return self._furthest[bisect.bisect_left(self.opens, a)] >= b


class _FirstReaching:
    """The first of a list of numbers, from a given index on, that reaches a
    bound: a sparse table of maxima answers in logarithmic time, however long
    the list."""

    def __init__(self, values: list[int]):
        self.levels = [values]
        width = 1
        while 2 * width <= len(values):
            below = self.levels[-1]
            self.levels.append(
                [max(below[k], below[k + width]) for k in range(len(values) - 2 * width + 1)]
            )
            width *= 2

    def first(self, lo: int, hi: int, bound: int) -> int | None:
        """The first index in [lo, hi) whose value is at least *bound*, or None."""
        k = lo
        for level in range(len(self.levels) - 1, -1, -1):
            if k + (1 << level) <= hi and self.levels[level][k] < bound:
                k += 1 << level  # none of these reaches it
        return k if k < hi and self.levels[0][k] >= bound else None


class _Characters:
    """Prefix sums over the document's characters, so that the letters and
    words of any stretch, and where trimming it stops, cost the same however
    long the stretch.  Letters are the characters that are not white space,
    words the runs of them (what ``str.split`` gives).  The sums are arrays of
    four bytes an offset."""

    def __init__(self, text: str):
        self.text = text
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        space = np.isin(codes, WHITE_SPACE)
        self.letter = ~space
        after_space = np.ones_like(space)
        after_space[1:] = space[:-1]
        before_space = np.ones_like(space)
        before_space[:-1] = space[1:]
        self._letters = _running_count(self.letter)
        self._word_starts = _running_count(self.letter & after_space)
        self.word_starts = np.flatnonzero(self.letter & after_space)  # searched with ints
        self.word_ends = np.flatnonzero(self.letter & before_space) + 1
        positions = np.arange(len(codes), dtype=np.int32)
        keeps_start = ~(space | np.isin(codes, [ord(c) for c in TRIMMED_START]))
        keeps_end = ~(space | np.isin(codes, [ord(c) for c in TRIMMED_END]))
        # the first kept character at or after each offset; the end of the last one before it
        self._start_stops = np.append(
            np.minimum.accumulate(np.where(keeps_start, positions, len(codes))[::-1])[::-1],
            len(codes),
        ).astype(np.int32)
        self._end_stops = np.maximum.accumulate(
            np.append(0, np.where(keeps_end, positions + 1, 0))
        ).astype(np.int32)

    def letters(self, a: int, b: int) -> int:
        """How many characters of [a, b) are not white space."""
        return int(self._letters[b] - self._letters[a]) if a < b else 0

    def _in_word(self, a: int) -> bool:
        """Whether offset *a* is inside a word, after its first letter."""
        return a > 0 and not self.text[a].isspace() and not self.text[a - 1].isspace()

    def words(self, a: int, b: int) -> int:
        """How many words ``text[a:b].split()`` gives."""
        if a >= b:
            return 0
        return int(self._word_starts[b] - self._word_starts[a]) + self._in_word(a)

    def reach_after(self, a: int, most: int) -> int:
        """The furthest offset *c* for which ``text[a:c]`` holds at most *most* words."""
        more = most - self._in_word(a)
        if more < 0:
            return a
        k = int(np.searchsorted(self.word_starts, a)) + more
        return int(self.word_starts[k]) if k < len(self.word_starts) else len(self.text)

    def reach_before(self, b: int, most: int) -> int:
        """The nearest offset *a* for which ``text[a:b]`` holds at most *most* words."""
        k = int(np.searchsorted(self.word_starts, b)) - most - 1
        return int(self.word_ends[k]) if k >= 0 else 0

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) shrunk past white space, final full stops and stray marks."""
        if start >= end:
            return start, end
        start = min(end, int(self._start_stops[start]))
        return start, max(start, int(self._end_stops[end]))


WHITE_SPACE = [c for c in range(0x3001) if chr(c).isspace()]  # U+3000 is the last
TRIMMED_START = "،,:"  # besides white space, at the start of a span
TRIMMED_END = ".،,:؛;"  # and at its end


def _running_count(values: np.ndarray, dtype=np.int32) -> np.ndarray:
    """The sum of *values* before each index (one more index than values)."""
    sums = np.zeros(len(values) + 1, dtype=dtype)
    np.cumsum(values, dtype=dtype, out=sums[1:])
    return sums


def _quote_after(ctx: _Context, position: int, limit: int = 3) -> tuple[int, int] | None:
    """A quotation opening at most *limit* characters (of space or colon) after *position*."""
    for open_, close in ctx.quotes.opening_in(position, position + limit):
        if not ctx.doc.text[position:open_].strip(" :"):
            return open_, close
    return None


ADDRESSED = re.compile(r"(?:^|\s)لـ?\s*$")  # «لـ» just before a quotation mark


def _quote_before(ctx: _Context, position: int) -> tuple[int, int] | None:
    """A quotation closing just before *position* (spaces and . , : between)."""
    text = ctx.doc.text
    for open_, close in ctx.quotes.closing_in(position - 12, position - 1):
        if ADDRESSED.search(text[max(0, open_ - 4) : open_]):
            continue  # «في تصريحات لـ «عكاظ»: ندعو»: an outlet spoken to, not a quotation
        if not text[close + 1 : position].strip(' .,،:"”»'):
            return open_, close
    return None


def _inner(ctx: _Context, quote: tuple[int, int]) -> Span | None:
    text = ctx.doc.text
    start, end = _stripped(text, quote[0] + 1, quote[1])
    return Span.at(text, start, end, "content") if start < end else None


# -------------------------------------------------------------- extraction


NAME_ALI = "علي·"  # the name «علي», kept apart from the preposition «على» that folds to it


def _words(doc: Document) -> list[_Word]:
    words = []
    for t in doc.tokens:
        if t.kind not in ("word", "number"):
            continue
        form = fold(t.text).replace("ـ", "")
        if form == "علي" and t.text.endswith("ي"):
            form = NAME_ALI
        words.append(_Word(t.start, t.end, form, t.text))
    return words


def _strip_conjunction(form: str) -> list[str]:
    forms = [form]
    if len(form) > 2 and form[0] in "وف":
        forms.append(form[1:])
    return forms


def _match_cue(words: list[_Word], i: int, lexicon: CueLexicon) -> tuple[int, Cue] | None:
    """(number of words, cue) of the cue starting at word *i*, if any.

    A cue followed by «عدم الكشف / ذكر / نشر» is a source asking not to be
    named («طلب عدم ذكر اسمه»), not a report; one after «عدم», «دون», «من»,
    «عن» or «تحت» is a verbal noun, one after «غير» an adjective («زيارة غير
    معلنة»), and one after «دون أن» the article's aside («دون أن يذكر عددهم»)."""
    found = _lookup_cue(words, i, lexicon)
    if found and tuple(w.form for w in words[i + found[0] : i + found[0] + 2]) in ANONYMITY_ASKS:
        return None
    if found and i > 0 and words[i - 1].form in ("عدم", "دون", "بدون", "من", "عن", "تحت", "غير"):
        return None  # «عدم ذكر», «من ذكر», «تحت تهديد»: a verbal noun, not a report
    if found and i > 1 and words[i - 1].form == "ان" and words[i - 2].form in ("دون", "بدون"):
        return None  # «دون أن يذكر عددهم»: the article's aside, not a report
    return found


def _lookup_cue(words: list[_Word], i: int, lexicon: CueLexicon) -> tuple[int, Cue] | None:
    """(number of words, cue) of the cue starting at word *i*, if any."""
    for form in _strip_conjunction(words[i].form):
        for pattern, cue in lexicon.multi.get(form, []):
            n = len(pattern)
            if tuple(w.form for w in words[i + 1 : i + n]) == pattern[1:]:
                return n, cue
    for form in _strip_conjunction(words[i].form):
        if form in lexicon.single:
            return 1, lexicon.single[form]
    for form in _strip_conjunction(words[i].form):
        for suffix in OBJECT_SUFFIXES:  # «حذرتها», «أبلغتهم»
            cue = lexicon.single.get(form[: -len(suffix)]) if form.endswith(suffix) else None
            if cue is not None and cue.kind == "verb" and len(form) - len(suffix) >= 3:
                return 1, cue
        if form[:1] in "بل" and len(form) > 4:  # «باتهام», «لإعلان»
            cue = lexicon.single.get(form[1:])
            if cue is not None and cue.kind == "noun":
                return 1, cue
    return None


def _gap(ctx: _Context, a: _Word, b: _Word) -> str:
    return ctx.doc.text[a.end : b.start]


def _word_gap(ctx: _Context, words: list[_Word], j: int) -> str:
    """The text between word *j* and the word before it; the full stop of an
    abbreviated title («د.نبيل العربي») counts as a space."""
    gap = _gap(ctx, words[j - 1], words[j])
    return " " if gap.strip() == "." and len(words[j - 1].text) == 1 else gap


# Marks that end a source noun phrase.
SOURCE_PUNCTUATION = ':؛،,«»"“”().؟?!'


def _channel(form: str) -> bool:
    """Whether a folded word names where something was said («بيان», «المؤتمر»)."""
    return form in CHANNELS or form.removeprefix("ال") in CHANNELS


CHANNELS = {
    fold(word)
    for word in (
    "بيان", "تصريح", "تصريحات", "مؤتمر", "حديث", "لقاء", "مقابله", "مقابلة", "كلمه", "كلمة",
    "رساله", "رسالة", "اتصال", "ختام", "تغريده", "تغريدة", "حوار", "برنامج", "جلسه", "جلسة",
    "وقت", "اعقاب", "حين", "ظل", "سياق", "معرض", "رده", "رد", "تصريحه", "تصريحاته", "بيانه",
    "حديثه", "كلمته", "افتتاح", "اثناء", "خلال", "لقائه", "اجتماع", "الاجتماع", "المؤتمر",
    "خطبه", "خطبة", "خطاب", "خطابه", "ندوه", "ندوة", "مداخله", "مداخلة", "حفل",
    "احتفال", "زياره", "زيارة", "جولة", "جوله",
    )
}  # fmt: skip
ANONYMITY_ASKS = {("عدم", "الكشف"), ("عدم", "ذكر"), ("عدم", "نشر"), ("عدم", "الافصاح")}
# «… فضل عدم الكشف عن اسمه»: phrases that keep a source anonymous, and belong to it.
ANONYMITY = tuple(
    tuple(fold(phrase).split())
    for verb in ("فضل", "فضلت", "فضلوا", "طلب", "طلبت", "طلبوا", "اشترط", "اشترطوا")
    for phrase in (f"{verb} عدم الكشف", f"{verb} عدم ذكر", f"{verb} عدم نشر")
)
ANONYMITY_BY_FIRST = {
    first: [a for a in ANONYMITY if a[0] == first] for first in {a[0] for a in ANONYMITY}
}


def _addressee(ctx: _Context, form: str, following: str = "") -> bool:
    """«لفرانس برس», «للصحفيين», «لوكالة»: the person or outlet spoken to."""
    if not form.startswith("ل") or len(form) < 4:
        return False
    rest = "ال" + form[2:] if form.startswith("لل") else form[1:]
    if rest in ADDRESSEES or MEDIA.match(fold(rest, ta_marbuta=True)):
        return True
    return any(
        m.actor.type == "media" and m.span.start == 0
        for m in ctx.gazetteer.find(f"{rest} {following}".strip())
    )


def _is_stop(ctx: _Context, words: list[_Word], j: int, i: int) -> bool:
    form = words[j].form
    if j == i and form in (
        "من",
        "منه",
        "منها",
        "مما",
        "له",
        "لها",
        "لهم",
        "نفسه",
        "نفسها",
        "اننا",
        "انني",
        "انهم",
        "انها",
        "انه",
    ):
        return True  # «أوضح من خلالها», «أكد له»: not a source
    if form in SOURCE_STOPS or form in COMPLEMENTISERS or words[j].text.startswith("لـ"):
        return True
    following = words[j + 1].form if j + 1 < len(words) else ""
    if (j > i and form in SOURCE_ENDS) or form in NEGATED_COMPLEMENTISERS:
        return True
    if _addressee(ctx, form, following):
        return True
    if form[:1] in "وف" and form[1:] in COMPLEMENTISERS:
        return True
    gap = _word_gap(ctx, words, j) if j > i else ""
    return any(ch in gap for ch in SOURCE_PUNCTUATION)


def _apposition_end(ctx: _Context, words: list[_Word], j: int) -> int | None:
    """The end of a name in apposition after a comma («…، دولت بهتشلي، إن»):
    up to four words, the first without the article (or opened by a title),
    then a comma, colon, complementiser or «لـ» and the outlet spoken to.
    None when there is no such name."""
    m = j
    while m < len(words) and m - j < 4:
        if m > j and any(ch in _gap(ctx, words[m - 1], words[m]) for ch in ":؛،,.()؟?!«»"):
            break
        if words[m].form in COMPLEMENTISERS or (m > j and words[m].text.startswith("لـ")):
            break
        m += 1
    if m == j or m >= len(words):
        return None
    chunk = [w.form for w in words[j:m]]
    if {chunk[0], _bare(chunk[0])} & (SOURCE_STOPS | CLAUSE_OPENERS | RELATIVE_PRONOUNS):
        return None
    if set(chunk[1:]) & SOURCE_STOPS or _lookup_cue(words, j, ctx.lexicon):
        return None  # «البيت الأبيض، وجاء في بيان»: a new clause, not a name
    # the written word, not its folded form: «إلوود» is a name, «الوزير» is not
    named = not words[j].text.startswith(("ال", "لل")) or (ctx.gazetteer.starts_with_title(chunk))
    ends = (
        words[m].form in COMPLEMENTISERS
        or words[m].text.startswith("لـ")  # «… محمد الشعباني لـ"الوطن": إن»
        or any(ch in _gap(ctx, words[m - 1], words[m]) for ch in ":،,")
    )
    return m if named and ends else None


def _disagrees(verb: str, noun: str) -> bool:
    """Whether a singular verb and the noun after it disagree in gender, so
    that the noun is its object: a feminine verb («دعت», «تدعو») before a
    masculine singular noun («المجتمع»), or a masculine one («دعا») before a
    feminine singular or a sound feminine plural («الحكومة», «السلطات»).
    Plural verbs, and nouns ending like masculine plurals, are not judged."""
    verb = _bare(verb)
    if verb.endswith(("وا", "ون")):
        return False
    feminine_verb = verb.endswith("ت") or verb.startswith("ت")
    feminine_noun = noun.endswith(("ة", "ات"))
    if noun.endswith(("ون", "ين")):
        return False
    return feminine_verb != feminine_noun


def _object_start(ctx: _Context, words: list[_Word], i: int, j: int) -> int | None:
    """Where an object starts inside words [i, j) taken for a source, when no
    complementiser follows: the first word without the article after a
    definite word that is not a title («الحكومة السودانية إغلاق …»), so that
    names after titles («المهندس بدر») stay in the source.  After a title
    anywhere in the phrase («… لرئيس مجلس الوزراء حيدر العبادي عودة …») the
    first such word is taken for the name, and the object starts at the next."""
    titled = False
    for k in range(i + 1, j):
        previous, form = words[k - 1].form, words[k].form
        titled = titled or ctx.gazetteer.starts_with_title([previous])
        if any(ch in _gap(ctx, words[k - 1], words[k]) for ch in "،,"):
            continue  # «وزير الخارجية النمساوي، سباستيان كورتس»: a name in apposition
        if (
            previous.startswith("ال")
            and not form.startswith(("ال", "لل"))
            and not ctx.gazetteer.starts_with_title([previous])
            and len(form) > 2
            and not form.startswith("ل")  # «المكتب الإعلامي لرئيس مجلس الوزراء»
        ):
            if titled:
                titled = False  # the name after the title; the object comes later
                continue
            return k
    return None


def _addressee_start(ctx: _Context, words: list[_Word], i: int, j: int) -> int | None:
    """Where the addressee or object of a demand, call or accusation starts
    inside words [i, j) taken for its source: at a word that opens a new noun
    phrase (a title, a head word such as «الجيش», a definite noun that names
    addressees such as «المجتمع», or an actor of the gazetteer other than a
    person or outlet) right after a word that can end one, not a title or a
    head in construct: «البابا فرنسيس | الأمم المتحدة», «أبو مازن | وزير
    الخارجية الأمريكي», «واشنطن ولندن وباريس | الجيش السوري»."""
    text = ctx.doc.text
    for k in range(i + 1, j):
        previous = words[k - 1]
        if _gap(ctx, previous, words[k]).strip():
            continue
        before = fold(previous.text, ta_marbuta=True)
        stems = word_forms(before)  # «لجامعة الدول»: the ل set aside
        if (
            ctx.gazetteer.starts_with_title([previous.form])
            or stems & ROLE_NOUNS
            or any(rx.match(stem) for rx in HEAD for stem in stems)
        ):
            continue  # «مدير مكتب», «قوات التحالف», «لجامعة الدول»: in construct
        if not before.startswith("ال") and previous.form in SOURCE_STOPS | LINKING_PREPOSITIONS:
            continue
        form = fold(words[k].text, ta_marbuta=True)
        if (
            form.startswith("لل")
            or words[k].text.startswith("لـ")
            or (form.startswith("ل") and ctx.gazetteer.find(form[1:]))
        ):
            continue  # «… المكتب السياسي لحماس»: a genitive with «ل», not an object
        if form in ADDRESSEE_HEADS:
            return k  # «… د.نبيل العربي | المجتمع الدولي بضرورة …»
        known = ctx.gazetteer.find(text[words[k].start : words[j - 1].end])
        if known and known[0].span.start == 0 and known[0].actor.type not in ("person", "media"):
            earlier = ctx.gazetteer.find(text[words[i].start : previous.end])
            if not any(m.actor.id == known[0].actor.id for m in earlier):
                return k  # not «الرئيس الفلسطيني محمود عباس», two names of one actor
        if any(rx.match(form) for rx in HEAD):
            return k  # «الحكومة اليمنية | لجنة العقوبات»
        if ctx.gazetteer.starts_with_title([words[k].form]) and not before.startswith("ال"):
            return k  # not «وزير الأوقاف المصري | الدكتور مختار جمعة», a title in apposition
    return None


def _short_quote_between(ctx: _Context, a: _Word, b: _Word) -> bool:
    """Whether a quotation of at most three words opens between words *a* and
    *b* (a name in quotation marks, not a quotation)."""
    for open_, close in ctx.quotes.opening_in(a.end, b.start - 1):
        return ctx.chars.words(open_ + 1, close) <= SCARE_QUOTE_MAX_WORDS
    return False


def _source_after(
    ctx: _Context, words: list[_Word], i: int, cue: Cue | None = None
) -> tuple[int, int]:
    """Word range [i, j) of a source noun phrase starting at word *i*.

    It runs to the first complementiser, preposition, time word or
    punctuation, or to the preposition or object the cue takes.  «في» and
    what follows stay in it unless a channel or time follows («مصدر في حزب
    الشعب», but «في بيان»); so do a quoted name («لنشاط «داعش»») and «فضل
    عدم الكشف عن اسمه».  It ends after a person the gazetteer knows when
    other words follow the name («… اللواء باتريك رايدر معاينة»), unless the
    person stands in construct after a noun of office («سفير خادم الحرمين
    الشريفين في مصر أحمد قطان»).  A name in parentheses right after it belongs
    to it («وزارة الدفاع الأمريكية (البنتاجون)»); another reporting cue
    (a participle or a prepositional cue) ends it.
    """
    text = ctx.doc.text
    j = i
    quote_close = -1  # the closing mark of a quoted name inside the phrase
    while j < len(words) and j - i < 16:
        closing_name = j > i and words[j - 1].end <= quote_close < words[j].start
        if (
            j > i
            and cue is not None
            and (_opens_content(ctx, words, j, cue) or words[j].form in cue.objects)
        ):
            break
        if j > i and cue is not None and cue.id == "talaba2" and words[j].form == "من":
            break  # «طلب السفير من مجلس الأمن …»: whom he asked
        if j == i and cue is not None and cue.kind == "noun" and words[j].form in NOUN_ADJECTIVES:
            break  # «في بيان صحفي أصدره»: an adjective of the noun, not its source
        if j == i and cue is not None and words[j].form in set(cue.objects) - {"عن"}:
            break  # «رفضت الكشف عن هويتها»: the object, no source
        found = _lookup_cue(words, j, ctx.lexicon) if j > i else None
        if found and found[1].kind in ("preposition", "participle"):
            break  # «ذكرت الأناضول نقلا عن …», «قال الوزير مؤكدا …»
        hidden = next(
            (
                a
                for a in ANONYMITY_BY_FIRST.get(words[j].form, ())
                if tuple(w.form for w in words[j : j + len(a)]) == a
            ),
            None,
        )
        if hidden and j > i:
            j += len(hidden)
            while j < len(words) and j - i < 20 and words[j].form not in COMPLEMENTISERS:
                if _is_stop(ctx, words, j, i) and words[j].form != "عن":
                    break
                j += 1
            break
        gap = _word_gap(ctx, words, j) if j > i else ""
        if closing_name:
            gap = gap.replace(text[quote_close], "", 1)
        punctuated = any(ch in gap for ch in SOURCE_PUNCTUATION)
        if (
            j > i
            and not punctuated
            and words[j].form in ("الي", "لدي")
            and any(w.form in ENVOY_TITLES for w in words[i:j])
            and j + 1 < len(words)
        ):
            j += 1  # «المبعوث الأممي إلى اليمن»
            continue
        if (
            j > i
            and not punctuated
            and words[j].form == "في"
            and j + 1 < len(words)
            and not _channel(words[j + 1].form)
        ):
            j += 1
            continue
        if (
            j > i
            and not any(ch in gap for ch in ":؛،,.()؟?!")
            and _short_quote_between(ctx, words[j - 1], words[j])
        ):
            quote_close = ctx.quotes.opening_in(words[j - 1].end, words[j].start - 1)[0][1]
            j += 1
            continue
        if punctuated and gap.strip() == "(" and j > i:
            m = next(
                (
                    m
                    for m in range(j, min(len(words), j + 3))
                    if ")" in text[words[m].end : words[m].end + 2]
                ),
                None,
            )
            inside = words[j : m + 1] if m is not None else []
            numbered = len(inside) == 1 and inside[0].text.isdigit()  # «المادة (66)»
            if inside and (
                numbered
                or not any(  # a name, not «(في تصريح خاص)» nor «(35 عاما)»
                    w.form in SOURCE_STOPS | CHANNELS or any(c.isdigit() for c in w.text)
                    for w in inside
                )
            ):  # «وزارة الدفاع الأمريكية (البنتاجون)»
                j = m + 1
                break
        if punctuated and gap.strip() in ("،", ","):
            m = _apposition_end(ctx, words, j)
            if m is not None:  # «رئيس حزب الحركة القومية، دولت بهتشلي، إن»
                j = m
                break
        if punctuated or (closing_name is False and _is_stop(ctx, words, j, i)):
            break
        if closing_name and (
            words[j].form in SOURCE_STOPS | COMPLEMENTISERS or words[j].text.startswith("لـ")
        ):
            break  # «قناة “العربية” أن …»
        j += 1
    if j > i:
        span = Span.at(text, words[i].start, words[j - 1].end)
        people = [m for m in ctx.gazetteer.find(span.text) if m.actor.type == "person"]
        if people and people[-1].span.start > 0:
            head = span.text[: people[-1].span.start].split()[-1]
            folded = fold(head, ta_marbuta=True)
            if (
                folded in ROLE_NOUNS
                or fold(head) in ENVOY_TITLES
                or any(rx.match(folded) for rx in HEAD)
                or ctx.gazetteer.starts_with_title([fold(head)])
            ):
                people = []  # «سفير خادم الحرمين الشريفين في مصر أحمد قطان»: in construct
        if people:
            end = span.start + people[-1].span.end
            cut = next((k for k in range(i, j) if words[k].end >= end), j - 1) + 1
            if cut < j:
                return i, cut
    return i, j


def _span(ctx: _Context, words: list[_Word], i: int, j: int, kind: str) -> Span | None:
    """Words [i, j) as a span; a quotation opened inside it («لنشاط «داعش») is
    closed, so that a source never ends inside a quoted name."""
    if j <= i:
        return None
    start, end = words[i].start, words[j - 1].end
    for _, close in ctx.quotes.opening_in(start, end - 1):
        if end <= close <= end + 2:
            end = close + 1
    text = ctx.doc.text
    if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
        end += 1
    return Span.at(ctx.doc.text, start, end, kind)


def _trim(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past white space, final full stops and stray marks."""
    return ctx.chars.trim(start, end)


def _content_from(ctx: _Context, start: int, sentence: Span) -> tuple[Span | None, str]:
    """Content from *start* to the end of the sentence, and its quote type.

    A content that starts inside a quotation ends with it (a report quoted in
    another's words); one that opens a quotation running past the sentence
    goes on to its end.
    """
    text = ctx.doc.text
    end = sentence.end
    around = ctx.quotes.innermost_close(start)
    if around is not None:
        end = min(end, around)
    a, b = _trim(ctx, start, ctx.quotes.carry(start, end, sentence.end))
    if a >= b:
        return None, "indirect"
    content = Span.at(text, a, b, "content")
    return content, _quote_type_of(ctx, content)


def _classify(
    ctx: _Context, source: Span | None, sentence: Span
) -> tuple[str, str | None, str | None]:
    """(source type, actor id, actor group) of a source span.

    In order: anonymity (an unnamed «مسؤول», «مصادر», or «عدم الكشف عن»
    in the sentence), a media, document or institution head word, a title
    («وزير», «اللواء»: a named person), a gazetteer actor at the start,
    collective head words; a single definite word that is a surname («المساري»)
    or a role («الناشط») is a named person unless it ends like a feminine,
    dual or plural noun («البرلمان», «الجانبان»); another phrase of definite
    nouns is an institution, and anything else a named person.
    """
    if source is None:
        return "pronoun", None, None
    words = fold(source.text, ta_marbuta=True).split()
    first = words[0] if words else ""
    heads = {first, first[1:] if first[:1] in "وف" and len(first) > 3 else first}

    def head(rx: re.Pattern) -> bool:
        return any(rx.match(h) for h in heads)

    matches = ctx.gazetteer.find(source.text)
    actor = matches[0].actor if matches else None
    leading = actor if actor is not None and matches[0].span.start == 0 else None
    key = (sentence.start, sentence.end)
    if key not in ctx.anonymous_hints:
        ctx.anonymous_hints[key] = "عدم الكشف عن" in fold(sentence.text)
    anonymous_hint = ctx.anonymous_hints[key]
    if head(ANONYMOUS) or (anonymous_hint and not actor):
        kind = "anonymous"
    elif head(MEDIA) or (leading is not None and leading.type == "media"):
        kind = "media"
    elif head(DOCUMENT):
        kind = "document"
    elif head(INSTITUTION):
        kind = "institution"
    elif ctx.gazetteer.starts_with_title(fold(source.text).split()):
        kind = "named_person"
    elif leading is not None:
        kind = {"person": "named_person", "collective": "collective"}.get(
            leading.type, "institution"
        )
    elif head(COLLECTIVE):
        kind = "collective"
    elif len(words) == 1 and words[0].startswith("ال") and not words[0].endswith(PLURAL_ENDINGS):
        kind = "named_person"  # «المساري», «الجبير»: a surname; «الناشط»: a role
    elif all(w.startswith("ال") for w in words):
        kind = "institution"
    else:
        kind = "named_person"
    return kind, actor.id if actor else None, actor.group if actor else None


def _referent(ctx: _Context, before: int) -> Attribution | None:
    """The nearest attribution before *before* with a source or a referent,
    leaving out reports quoted inside another's words: after «قال X: "… قال
    Y …"», a «وأضاف» goes on with X."""
    k = bisect.bisect_left(ctx.referents, before, key=lambda r: r.cue.start)
    return ctx.referents[k - 1] if k else None


def _remember(ctx: _Context, relation: Attribution) -> None:
    """Add *relation*, the last in text order, to those found, and to those a
    later implicit source can refer to if it has a source or a referent and
    is not a report quoted in another's words (inside the content of one of
    the five relations before it)."""
    nested = any(
        c.start <= relation.cue.start < c.end for outer in ctx.found[-5:] for c in outer.contents
    )
    if (relation.sources or relation.referent) and not nested:
        ctx.referents.append(relation)
    ctx.found.append(relation)


def _sentence_actor(ctx: _Context, sentence: Span, before: int) -> Span | None:
    """The first actor the gazetteer finds in the sentence, if it stands
    before *before*: in «فقد شنت الميليشيات … فيما وصفته بالانتقام» the
    subject of the sentence is the source of «وصفته».  The sentence is read
    once, whole, however many cues ask."""
    key = (sentence.start, sentence.end)
    if key not in ctx.first_actors:
        matches = ctx.gazetteer.find(sentence.text)
        if matches:
            first = matches[0].span
            start, end = sentence.start + first.start, sentence.start + first.end
            ctx.first_actors[key] = Span.at(ctx.doc.text, start, end)
        else:
            ctx.first_actors[key] = None
    first = ctx.first_actors[key]
    return first if first is not None and first.end <= before else None


RELATIVE_PRONOUNS = {"التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"}
HEAD = (ANONYMOUS, MEDIA, DOCUMENT, INSTITUTION, COLLECTIVE)
HEAD_NAMES = ("anonymous", "media", "document", "institution", "collective")


class _Clauses:
    """One sentence's words indexed once, so that looking back or ahead from a
    cue never rescans the sentence: where each word's clause starts (after
    the last punctuation mark or complementiser before it), where the next
    comma falls, and which words are auxiliaries or discourse openers."""

    def __init__(self, ctx: _Context, words: list[_Word]):
        self.words = words
        n = len(words)
        self.last_break = [-1] * n  # the last word before word i that ends a clause
        self.comma_from = [n] * (n + 1)  # the first word from i on with a comma before it
        self.content_from = [n] * (n + 1)  # the first word from i on that is no auxiliary
        self.plain_from = [n] * (n + 1)  # nor a discourse opener
        for k in range(1, n):
            gap = _gap(ctx, words[k - 1], words[k])
            ends = any(ch in gap for ch in ".:،,؛;") or words[k - 1].form in COMPLEMENTISERS
            self.last_break[k] = k - 1 if ends else self.last_break[k - 1]
            if any(ch in gap for ch in "،,;؛"):
                self.comma_from[k] = k
        for k in range(n - 1, -1, -1):
            form = words[k].form
            self.comma_from[k] = min(self.comma_from[k], self.comma_from[k + 1])
            if form in AUXILIARIES:
                self.content_from[k] = self.content_from[k + 1]
                self.plain_from[k] = self.plain_from[k + 1]
            else:
                self.content_from[k] = k
                plain = form not in DISCOURSE_OPENERS
                self.plain_from[k] = k if plain else self.plain_from[k + 1]

    def clause_start(self, i: int, first: int) -> int:
        """The first word of the clause word *i* is in, not before word *first*."""
        return max(self.last_break[i] + 1, first)

    def contents(self, k: int, end: int, skip: int, most: int) -> list[int]:
        """Up to *most* words from word *k* on, before word *end*, that are no
        auxiliary, after passing over *skip* of them."""
        found: list[int] = []
        k = self.content_from[k]
        while k < end and len(found) < most:
            if skip:
                skip -= 1
            else:
                found.append(k)
            k = self.content_from[k + 1]
        return found


def _clauses(ctx: _Context, words: list[_Word]) -> _Clauses:
    """The index of the sentence whose words are *words*."""
    if ctx.clauses is None or ctx.clauses.words is not words:
        ctx.clauses = _Clauses(ctx, words)
    return ctx.clauses


def _clause_start(ctx: _Context, words: list[_Word], i: int, first: int) -> int:
    """The first word of the clause the word *i* is in: after the last
    punctuation mark or complementiser before it."""
    return _clauses(ctx, words).clause_start(i, first)


def _bare(form: str) -> str:
    return form[1:] if form[:1] in "وف" and len(form) > 2 else form


def _subject_before(ctx: _Context, words: list[_Word], i: int, first: int) -> Span | None:
    """A source written before the cue at word *i*, in the same clause.

    Either the whole clause before the cue is a noun phrase («وكانت صحيفة
    بوليتيكو قد نشرت»; a verb that opens it is passed over when the cue is a
    noun: «جددت مجموعة … التهديدات»), or the cue is a relative clause on the
    noun phrase just before it («برقية لوزارة الخارجية زعمت أن»).  A clause
    that opens with a conjunction, a preposition or a negation is not a
    source.
    """
    start = _clause_start(ctx, words, i, first)
    if start == i and first < i:
        # «وكانت منظمة "هيومن رايتس ووتش" لحقوق الإنسان، اتهمت …»: the subject
        # stands between «كان» and a comma just before the cue
        opening = _clause_start(ctx, words, i - 1, first)
        if words[opening].form in AUXILIARIES and opening + 1 < i:
            start = opening
    # the words of the clause before the cue, auxiliaries left out, from the
    # first that is no discourse opener («لكن وزير الداخلية الليبي قال»); one
    # more than a subject can have is enough to tell that there are too many
    clauses = _clauses(ctx, words)
    lead = clauses.plain_from[start]
    head = _match_cue(words, lead, ctx.lexicon) if lead < i else None
    this = _match_cue(words, i, ctx.lexicon)
    if head and head[1].kind == "verb" and this and this[1].kind == "noun":
        candidates = clauses.contents(lead, i, head[0], SUBJECT_WORDS + 1)
        stop = next((k for k in candidates if _is_stop(ctx, words, k, candidates[0])), None)
        if stop is not None:
            candidates = [k for k in candidates if k < stop]
    else:
        candidates = clauses.contents(lead, i, 0, SUBJECT_WORDS + 1)
    opener = words[candidates[0]].form if candidates else ""
    if (
        0 < len(candidates) <= SUBJECT_WORDS
        and not {opener, _bare(opener)} & (CLAUSE_OPENERS | SOURCE_STOPS)
        and not any(_match_cue(words, k, ctx.lexicon) for k in candidates)
        and not any(words[k].form in NEGATIONS for k in candidates)
        and words[candidates[-1]].form not in LINKING_PREPOSITIONS | EXISTENTIALS
    ):  # not «وحرص على التأكيد», «هناك توقعات»
        return _span(ctx, words, candidates[0], candidates[-1] + 1, "source")
    # An indefinite noun phrase with a source's head word just before the cue.
    for k in range(i - 1, max(start, i - 6) - 1, -1):
        if _is_stop(ctx, words, k, k) and k < i - 1:
            break
        form = fold(words[k].text, ta_marbuta=True)
        if any(rx.match(form) for rx in HEAD):
            return _span(ctx, words, k, i, "source")
    return None


def _relative_antecedent(ctx: _Context, words: list[_Word], i: int, first: int) -> Span | None:
    """The noun phrase a relative pronoun just before the cue stands for
    («الميليشيات … والتي طالبت»)."""
    k = i - 1
    if k < first or (
        words[k].form.lstrip("و") not in RELATIVE_PRONOUNS
        and (words[k].form not in RELATIVE_PRONOUNS)
    ):
        return None
    end = k
    begin = end
    while begin > first and end - begin < 5 and not _is_stop(ctx, words, begin - 1, -1):
        if any(ch in _gap(ctx, words[begin - 1], words[begin]) for ch in '.:،,؛;«»"“”'):
            break
        begin -= 1
    if begin >= end:
        return None
    phrase = _span(ctx, words, begin, end, "referent")
    actors = ctx.gazetteer.find(phrase.text)
    if actors:  # «حلفاء سياسيون للميليشيات المدعومة من إيران والتي»: the actor is the antecedent
        start = phrase.start + actors[0].span.start
        return Span.at(ctx.doc.text, start, phrase.end, "referent")
    return phrase


def _sentence_attributions(ctx: _Context, sentence: Span, words: list[_Word]) -> None:
    i = 0
    last_cue_end = -1
    while i < len(words):
        matched = _match_cue(words, i, ctx.lexicon)
        if not matched:
            i += 1
            continue
        n, cue = matched
        cue_start, cue_end = words[i].start, words[i + n - 1].end
        after = i + n
        cue_info = (cue_start, cue_end, cue.cls)
        # «مما يهدد»: an event, not a report («حسب ما أفاد»: the preposition's
        # relation takes it).  A noun cue shortly after a verb cue in the
        # same sentence («قالت الوزارة في بيان») adds nothing.
        first_in_sentence = i == 0 or words[i - 1].end <= sentence.start
        if cue.needs_content and i > 0 and words[i - 1].form in NEGATIONS:
            i += n  # «لا تعبر عن»: an ambiguous cue, negated, is not a report
            continue
        if words[i].form in BACKGROUND and first_in_sentence:
            i += n
            continue
        after_ma = i > 0 and {words[i - 1].form, _bare(words[i - 1].form)} & NOT_AFTER
        if (after_ma and cue.id != "wasafa") or (
            cue.kind == "noun"
            and cue.id not in ("qawl", "tahdid", "tahdhir")
            and last_cue_end >= 0
            and cue_start - last_cue_end < 80
        ):
            i += n
            continue
        handled = _handle_cue(ctx, sentence, words, i, n, cue, cue_info, after)
        if handled:
            last_cue_end = cue_end
        i += n


def _complementiser_at(words: list[_Word], k: int) -> bool:
    if k >= len(words):
        return False
    form = words[k].form
    return form in COMPLEMENTISERS


def _handle_cue(ctx, sentence, words, i, n, cue, cue_info, after) -> bool:
    text = ctx.doc.text
    cue_start, cue_end, _ = cue_info
    add = _adder(ctx, cue, sentence)

    # «"…" كرر رايدر»: a quotation just before the cue is its content.
    before = _quote_before(ctx, cue_start)
    if before is not None and any(
        before[0] < c.start and c.end <= before[1] for r in ctx.found[-3:] for c in r.contents
    ):
        before = None  # already the content of the cue that introduced it
    if before and ctx.chars.words(before[0] + 1, before[1]) < 2:
        before = None  # «"عكاظ" تابعت»: a name in quotation marks, not a quotation
    if before and cue.kind in ("verb", "participle") and not _quote_after(ctx, cue_end, 2):
        content = _inner(ctx, before)
        s, e = _source_after(ctx, words, after)
        source = _span(ctx, words, s, e, "source")
        if content is not None and (source is not None or cue.kind == "participle"):
            add(cue_info, [source] if source else [], [content], "direct", "postposed", 0.85)
            return True

    if cue.kind == "verb" and i > 0 and words[i - 1].form in ("كما", "وكما"):
        # «… كما قال والده»: the clause before «كما» is the content
        s, e = _source_after(ctx, words, after, cue)
        source = _span(ctx, words, s, e, "source")
        start = _clause_start(ctx, words, i - 1, _first_word(words, sentence))
        a, b = _trim(
            ctx, words[start].start if start < i - 1 else sentence.start, words[i - 1].start
        )
        if a < b and words[i - 1].start > sentence.start:
            content = Span.at(text, a, b, "content")
            add(
                cue_info,
                [source] if source else [],
                [content],
                _quote_type_of(ctx, content),
                "postposed",
                0.7,
            )
            return True

    if cue.kind == "preposition":
        reported = False  # «حسب ما أفاد»: a reporting verb follows
        if after + 1 < len(words) and words[after].form in ("ما", "لما"):
            verb = _match_cue(words, after + 1, ctx.lexicon)
            if verb and verb[1].kind == "verb":  # «حسب ما أفاد مصدر طبي»
                after = after + 1 + verb[0]
                cue_info = (cue_start, words[after - 1].end, cue_info[2])
                reported = True
        elif after < len(words) and words[i].form.endswith("ما"):
            verb = _match_cue(words, after, ctx.lexicon)
            if verb and verb[1].kind == "verb":  # «حسبما أفاد مصدر»
                after = after + verb[0]
                cue_info = (cue_start, words[after - 1].end, cue_info[2])
                reported = True
        if cue.id == "ala_hadd":
            content_end = cue_start
            a, b = _trim(ctx, sentence.start, content_end)
            if a < b:
                add(cue_info, [], [Span.at(text, a, b, "content")], "indirect", "implicit", 0.7)
                return True
            return False
        if words[i].form == "علي" and not reported:
            return False  # «على حسب تورطهم»: "depending on", not a source
        s, e = _source_after(ctx, words, after)
        source = _span(ctx, words, s, e, "source")
        if source is None:
            return False
        first = fold(words[s].text, ta_marbuta=True)
        if not reported and first.startswith("ال") and _kind_of(ctx, source.text) is None:
            return False  # «حسب التبعية»: a criterion, not a source
        if text[source.start] == "ل" and not text.startswith("لل", source.start):
            # «ووفقا لمصادر»: the ل is the cue's, the source starts after it
            shift = 2 if text[source.start + 1 : source.start + 2] == "ـ" else 1
            cue_info = (cue_start, source.start + shift, cue_info[2])
            source = Span.at(text, source.start + shift, source.end, "source")
        if _nothing_before(ctx, sentence, cue_start):
            start = source.end
            k = e
            while k < len(words) and words[k].form in COMPLEMENTISERS | {"فان", "فانه"}:
                start = words[k].end
                k += 1
            content, quote_type = _content_from(ctx, start, sentence)
        else:
            a, b = _trim(ctx, sentence.start, cue_start)
            content = Span.at(text, a, b, "content") if a < b else None
            quote_type = _quote_type_of(ctx, content)
        if content is None:
            return False
        add(cue_info, [source], [content], quote_type, "prepositional", 0.8)
        return True

    if cue.kind == "agentless":
        content = _content_after(ctx, words, after, sentence, cue)
        if content is None:
            return False
        add(cue_info, [], [content[0]], content[1], "agentless", 0.6, agentless=True)
        return True

    # Verbs, participles and nouns: where do source and content start?
    k = after
    form = words[i].form
    bare = form[1:] if form[:1] in "وف" and form[1:] in ctx.lexicon.single else form
    first_person = (
        (bare.startswith("ن") and ctx.lexicon.single.get("ي" + bare[1:]) == cue)
        or (bare.endswith("نا") and len(bare) > 3)
        or bare in FIRST_PERSON_SINGULAR
    )
    if cue.kind == "verb" and first_person:
        # «ونطالب وزارة الصحة بـ…», «قلنا مرارا إننا …»: «we» or «I»; what
        # follows is the object and the content
        content = _content_after(ctx, words, k, sentence, cue, reach=12)
        if content is None and k < len(words) and words[k].start < sentence.end:
            a, b = _trim(ctx, words[k].start, _clause_end(ctx, words, k, sentence))
            content = (Span.at(text, a, b, "content"), "indirect") if a < b else None
        if content is None:
            return False
        add(cue_info, [], [content[0]], content[1], "implicit", 0.7)
        return True
    if cue.id == "qawl":
        # «نقلت الوكالة عن مصدر قوله إن»: the source stands between «عن» and the cue.
        for m in range(i - 1, max(_first_word(words, sentence), i - 8) - 1, -1):
            if words[m].form == "عن" and m + 1 < i:
                content = _content_after(ctx, words, k, sentence, cue, reach=3)
                if content is not None:
                    source = _span(ctx, words, m + 1, i, "source")
                    add(cue_info, [source], [content[0]], content[1], "noun", 0.75)
                    return True
                break
    antecedent = _relative_antecedent(ctx, words, i, _first_word(words, sentence))
    if antecedent is not None and cue.kind == "verb":
        content = _content_after(ctx, words, k, sentence, cue, reach=5)
        at_once = content is not None and (
            k >= len(words) or content[0].start <= words[k].start or words[k].form in SOURCE_STOPS
        )
        if at_once:
            add(cue_info, [], [content[0]], content[1], "implicit", 0.7, referent=antecedent)
            return True
    if cue.prepositions and k < len(words) and _starts_with_preposition(words[k].form, cue):
        content = _content_after(ctx, words, k, sentence, cue)
        if content is None:
            return False
        subject = (
            _subject_before(ctx, words, i, _first_word(words, sentence))
            if cue.kind == "noun"
            else None
        )
        if subject is not None:
            add(cue_info, [subject], [content[0]], content[1], "noun", 0.65)
        else:
            add(cue_info, [], [content[0]], content[1], "implicit", 0.7)
        return True
    if cue.bare_is_agentless and _complementiser_at(words, k):
        content = _content_after(ctx, words, k, sentence, cue)
        if content:
            add(cue_info, [], [content[0]], content[1], "agentless", 0.6, agentless=True)
            return True
        return False
    direct = _quote_after(ctx, cue_end)
    linked = (
        k < len(words)
        and words[k].form in LINKING_PREPOSITIONS
        and (_complementiser_at(words, k + 1))
    )
    if (
        cue.kind == "participle"
        or direct
        or linked
        or _complementiser_at(words, k)
        or (
            text[cue_end : words[k].start if k < len(words) else sentence.end]
            .strip()
            .startswith(":")
        )
    ):
        source = (
            None
            if cue.kind == "participle"
            else _subject_before(ctx, words, i, _first_word(words, sentence))
        )
        content = _content_after(ctx, words, k, sentence, cue, reach=3)
        if content is None and cue.kind == "participle" and k < len(words):
            # «نافيا وجود أي تراجع»: a participle's object is its content, to the clause's end
            end = _clause_end(ctx, words, k, sentence)
            a, b = _trim(ctx, words[k].start, end)
            content = (
                (Span.at(text, a, b, "content"), _quote_type_of(ctx, Span.at(text, a, b)))
                if a < b
                else None
            )
        if content is None:
            return False
        rule = "subject_initial" if source else "implicit"
        add(
            cue_info,
            [source] if source else [],
            [content[0]],
            content[1],
            rule,
            0.7 if source else 0.75,
        )
        return True
    first = _first_word(words, sentence)
    clause = _clause_start(ctx, words, i, first)
    if i > clause and (words[i - 1].form in ("قد", "لقد") or words[clause].form in AUXILIARIES):
        subject = _subject_before(ctx, words, i, first)
        content = _content_after(ctx, words, k, sentence, cue, reach=12)
        if subject is not None:
            if content is None and not cue.needs_content:
                a, b = _trim(ctx, words[k].start if k < len(words) else cue_end, sentence.end)
                content = (Span.at(text, a, b, "content"), "indirect") if a < b else None
            if content is not None:
                add(cue_info, [subject], [content[0]], content[1], "subject_initial", 0.7)
                return True
    if cue.kind == "verb" and i > 0 and words[i - 1].form in PRONOUN_COMPLEMENTISERS:
        # «مشيرا بأنه طالب المسؤولين البريطانيين بضرورة …»: the subject is the
        # pronoun; the noun after the verb is its object
        content = _content_after(ctx, words, k, sentence, cue, reach=12)
        if content is not None:
            add(cue_info, [], [content[0]], content[1], "implicit", 0.7)
            return True
    s, e = _source_after(ctx, words, k, cue)
    source = _span(ctx, words, s, e, "source")
    content = _content_after(ctx, words, e, sentence, cue, reach=12)
    if (
        content is None
        and e + 1 < len(words)
        and words[e].form == "في"
        and _channel(words[e + 1].form)
    ):
        # «وقال الوزير في مؤتمر صحفي عقده أمس في … بحضور …: «…»»: a long
        # occasion between the source and a quotation
        far = _content_after(ctx, words, e, sentence, cue, reach=ADVERBIAL_REACH)
        content = far if far is not None and far[1] == "direct" else None
    if source is not None and cue.id in DIRECTIVES and _disagrees(words[i].form, words[s].form):
        # «ودعت المجتمع الدولي إلى», «ودعا السلطات إلى»: the verb does not agree
        # with the noun after it, which is the addressee; the speaker is implicit
        source = None
    elif source is not None and cue.id in DIRECTIVES | ACCUSATIONS and content is not None:
        cut = _addressee_start(ctx, words, s, e)
        if cut is not None:  # «وطالبت الحكومة اليمنية مجلس الأمن بتحرك …»
            source = _span(ctx, words, s, cut, "source")
    if source is None:
        # «وقال في حوار مع …: …»: an adverbial, then the content; the source is
        # before the cue or implicit.
        subject = _subject_before(ctx, words, i, _first_word(words, sentence))
        if content is None:
            return False
        rule = "subject_initial" if subject is not None else "implicit"
        add(cue_info, [subject] if subject else [], [content[0]], content[1], rule, 0.65)
        return True
    if content is None:
        if cue.needs_content:
            return False
        # «وكانت صحيفة بوليتيكو قد نشرت … محتويات برقية»: the words after the
        # cue are its content when a subject stands before it.
        subject = _subject_before(ctx, words, i, _first_word(words, sentence))
        if subject is not None:
            a, b = _trim(ctx, source.start, sentence.end)
            add(
                cue_info,
                [subject],
                [Span.at(text, a, b, "content")],
                "indirect",
                "subject_initial",
                0.65,
            )
            return True
        cut = _object_start(ctx, words, s, e)
        if cut is not None:  # «أعلنت الحكومة السودانية إغلاق المراكز»: the object is the content
            source = _span(ctx, words, s, cut, "source")
            a, b = _trim(ctx, words[cut].start, _clause_end(ctx, words, cut, sentence))
        else:
            a, b = _trim(ctx, source.end, sentence.end)
        if a >= b:
            return False
        add(cue_info, [source], [Span.at(text, a, b, "content")], "indirect", "verb_initial", 0.6)
        return True
    rule = "noun" if cue.kind == "noun" else "verb_initial"
    add(
        cue_info, [source], [content[0]], content[1], rule, 0.85 if rule == "verb_initial" else 0.65
    )
    return True


LEADING_MARKS = " \u200f،,"  # what may come before a cue that opens its sentence
LEADING = re.compile(f"[{LEADING_MARKS}]*")


def _nothing_before(ctx: _Context, sentence: Span, position: int) -> bool:
    """Whether only spaces, commas and a lone «و» or «ف» come before
    *position* in *sentence* («ووفقا لمصادر …»)."""
    text = ctx.doc.text
    end = position
    while end > sentence.start and text[end - 1] in LEADING_MARKS:
        end -= 1
    if end == sentence.start:
        return True
    return text[end - 1] in "وف" and LEADING.match(text, sentence.start).end() == end - 1


def _first_word(words: list[_Word], sentence: Span) -> int:
    for k, w in enumerate(words):
        if w.start >= sentence.start:
            return k
    return len(words)


def _quote_type_of(ctx: _Context, content: Span | None) -> str:
    """direct, mixed or indirect: how much of *content* lies inside quotation
    marks.  A name in quotation marks inside a longer content («تنظيم «داعش»»,
    «عملية «عاصفة الحزم»») does not count; a few words the source is quoted
    as using («ستبدأ «قريبا»») make the content mixed."""
    if content is None:
        return "indirect"
    start, end = content.start, content.end
    chars, quotes, quoted = ctx.chars, ctx.quotes, ctx.quoted
    letters = chars.letters(start, end)
    if letters == 0:
        return "indirect"
    if quotes.reaches_over(start, end):
        return "direct"  # all of it inside one quotation
    # Its letters inside quotation marks, each once for every quotation around
    # it, less those of the names among the quotations: a name (of at most
    # *most* words, fewer than the content has) counts for none of the letters
    # it shares with the content, whether it lies inside or at an edge.
    most = min(SCARE_QUOTE_MAX_WORDS, chars.words(start, end) - 1)
    count = quoted.held(start, end) - quoted.names_opening_in(start, end, most)
    for quote in quoted.candidates.around(start, chars.reach_after(start, most)):
        if quoted.is_name(quote):
            count -= chars.letters(start, quote[1])
    for quote in quoted.candidates.crossing(max(start, chars.reach_before(end, most) - 1), end):
        count += quoted.name_letters(quote, most)  # taken above for a name inside it
        if quoted.is_name(quote):
            count -= chars.letters(quote[0] + 1, end)
    if count == 0:
        return "indirect"
    return "direct" if count >= letters - 2 else "mixed"


class _QuotedLetters:
    """How many quotations hold each letter of the document, summed over the
    letters before each offset, and the letters of the quotations that are
    names (:func:`_quoted_name`, at most three words), summed in order of
    opening; so that the quoted letters of a content cost the same however
    many quotations it holds."""

    def __init__(self, ctx: _Context):
        self.ctx = ctx
        chars, pairs = ctx.chars, ctx.quotes.pairs
        around = np.zeros(len(ctx.doc.text) + 1, dtype=np.int32)
        np.add.at(around, [o + 1 for o, _ in pairs], 1)
        np.add.at(around, [c for _, c in pairs], -1)
        self._held = _running_count(np.cumsum(around[:-1]) * chars.letter, np.int64)
        self._is_name: dict[tuple[int, int], bool] = {}
        # the quotations that may be names, to look at those at a content's edges
        self.candidates = _Quotes([q for q in pairs if _may_be_quoted_name(ctx.doc.text, *q)])
        self._name_sums = [
            list(accumulate((self.name_letters(q, most) for q in pairs), initial=0))
            for most in range(SCARE_QUOTE_MAX_WORDS + 1)
        ]

    def is_name(self, quote: tuple[int, int]) -> bool:
        if quote not in self._is_name:
            self._is_name[quote] = _quoted_name(self.ctx, *quote)
        return self._is_name[quote]

    def name_letters(self, quote: tuple[int, int], most: int) -> int:
        """The letters inside *quote* if it is a name of at most *most* words, else 0."""
        chars = self.ctx.chars
        if chars.words(quote[0] + 1, quote[1]) <= most and self.is_name(quote):
            return chars.letters(quote[0] + 1, quote[1])
        return 0

    def held(self, a: int, b: int) -> int:
        """The letters of [a, b), each counted once for every quotation it is inside."""
        return int(self._held[b] - self._held[a])

    def names_opening_in(self, a: int, b: int, most: int) -> int:
        """The sum of :meth:`name_letters` over the quotations opening in [a, b]."""
        opens = self.ctx.quotes.opens
        lo, hi = bisect.bisect_left(opens, a), bisect.bisect_right(opens, b)
        return self._name_sums[most][hi] - self._name_sums[most][lo]


# Nouns after which a word in quotation marks is a name («تنظيم «داعش»», «موقع «العروس»»).
NAMING_NOUNS = {
    "تنظيم", "جماعه", "حركه", "حزب", "جبهه", "صحيفه", "جريده", "قناه", "وكاله", "موقع",
    "منطقه", "مدينه", "قريه", "بلده", "حي", "جبل", "عمليه", "حمله", "شركه", "مجموعه", "موسسه",
    "مركز", "مجله", "برنامج", "كتايب", "لواء", "سرايا", "فيلق", "ايتلاف", "تحالف",
    "ميليشيا", "مليشيا", "مسجد", "جامع", "قاعده", "مطار", "مخيم", "منظمه", "اتفاق", "اتفاقيه",
    "مشروع", "قانون", "وثيقه", "صفحه", "حساب", "وسم", "هاشتاغ", "شعار", "اسم", "مسمي", "كتاب",
    "فيلم", "مسلسل", "مبادره", "موتمر", "منتدي", "فندق", "سفينه", "يسمي", "تسمي",
    "المسمي", "المسماه", "بعنوان",
}  # fmt: skip


DEGREE_WORDS = {"اكثر", "اقل", "الاكثر", "الاقل", "جدا", "شبه"}


def _quoted_name(ctx: _Context, open_: int, close: int) -> bool:
    """Whether the quotation [open_, close] is a name or the article's scare
    quote rather than the source's words: it follows a naming noun («تنظيم»,
    «موقع», «عملية»; with or without the article) or a word of degree
    («أكثر "طبيعية"»), or is an actor of the gazetteer."""
    return _follows_naming_word(ctx.doc.text, open_) or _names_actor(ctx, open_, close)


def _may_be_quoted_name(text: str, open_: int, close: int) -> bool:
    """Whether the quotation [open_, close] can be a name (:func:`_quoted_name`),
    by the quick tests alone, without looking for an actor in it."""
    return _follows_naming_word(text, open_) or _may_be_name(
        text, *_stripped(text, open_ + 1, close)
    )


def _names_actor(ctx: _Context, open_: int, close: int) -> bool:
    """Whether the gazetteer finds an actor in the quotation that opens at
    *open_*, from its first word to its last."""
    text = ctx.doc.text
    a, b = _stripped(text, open_ + 1, close)
    if not _may_be_name(text, a, b):
        return False
    known = ctx.gazetteer.find(text[a:b])
    return bool(known) and known[0].span.start == 0 and known[0].span.end >= b - a - 1


def _follows_naming_word(text: str, open_: int) -> bool:
    """Whether a naming noun or a word of degree comes just before *open_*."""
    before = fold(text[max(0, open_ - 30) : open_], ta_marbuta=True).split()
    if not before:
        return False
    word = before[-1].rstrip("ـ")
    if word in DEGREE_WORDS:
        return True  # «علاقة دفاعية أكثر "طبيعية"»: the article's scare quote
    for prefix in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if word.startswith(prefix) and word[len(prefix) :] in NAMING_NOUNS:
            return True
    return word in NAMING_NOUNS


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    """[a, b) without the white space at its ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


TOKEN_START = re.compile(r"[^\W_]")  # a letter or a digit: where a token can start
TOKEN_END = re.compile(rf"[^\W_]|[{MARKS}]")  # a letter, a digit or a mark: where one can end


def _may_be_name(text: str, a: int, b: int) -> bool:
    """Whether [a, b) opens with a token and ends within a character of one,
    as a name the gazetteer finds in it from its start to its end must: a
    quick test, so that a long stretch of marks is not searched for names."""
    return (
        a < b
        and TOKEN_START.match(text, a) is not None
        and any(TOKEN_END.match(text, k) for k in range(max(a, b - 2), b))
    )


def _has_preposition(form: str, p: str) -> bool:
    if form == NAME_ALI:
        return False
    """Whether *form* is the preposition *p*, or starts with it when *p* is a
    letter that attaches (ب ل ك); «إلى», «على», «عن» stand alone, so
    «اليمني» is not «الي» + «مني»."""
    return form == p or (len(p) == 1 and form.startswith(p) and len(form) > 2)


def _opens_content(ctx: _Context, words: list[_Word], j: int, cue: Cue) -> bool:
    """Whether word *j*, inside a would-be source, starts the cue's content:
    the cue's preposition, unless it follows an honorific («المهندس بدر» is
    a name, «الوزير بوقف» a content)."""
    form = words[j].form
    previous = words[j - 1].form if j > 0 else ""
    return any(_has_preposition(form, p) for p in cue.prepositions) and (
        _bare(previous) not in HONORIFICS
    )


def _starts_with_preposition(form: str, cue: Cue) -> bool:
    return any(_has_preposition(form, p) for p in cue.prepositions)


def _addressee_mark(text: str, open_: int) -> bool:
    """Whether the quotation opening at *open_* follows «لـ» or a lone «ل»:
    an addressee or a name («قال لـ«المدينة»»), not speech."""
    before = text[max(0, open_ - 8) : open_].rstrip()
    return before.endswith("لـ") or (
        before[-1:] == "ل" and (len(before) < 2 or before[-2].isspace())
    )


def _speech_quote(ctx: _Context, quote: tuple[int, int], adjacent: bool) -> bool:
    """Whether a quotation can be a cue's content: not an addressee («قال
    لـ«المدينة»»), and, unless it follows the cue directly, not a short name."""
    text = ctx.doc.text
    if _addressee_mark(text, quote[0]):
        return False
    short = ctx.chars.words(quote[0] + 1, quote[1]) <= SCARE_QUOTE_MAX_WORDS
    return adjacent or not short


def _after_complementiser(ctx: _Context, start: int, sentence: Span) -> tuple[Span, str] | None:
    """The content after a complementiser: a quotation that opens at once and
    runs to the clause's end is taken without its marks («أكد أن "…"»)."""
    quote = _quote_after(ctx, start, limit=2)
    content, quote_type = _content_from(ctx, start, sentence)
    if content is None:
        return None
    if quote is not None and quote[1] >= content.end - 1 and (inner := _inner(ctx, quote)):
        return inner, "direct"
    return content, quote_type


def _content_after(ctx, words, k, sentence, cue, reach: int = 1) -> tuple[Span, str] | None:
    """The content that follows, within *reach* words from word *k*: a
    quotation, a colon clause, a complementiser clause (after «إلى» or «على»
    too: «أشار إلى أن»), a prepositional phrase the cue takes, or one of the
    objects it needs («رفض التعليق»)."""
    text = ctx.doc.text
    position = words[k - 1].end if 0 < k <= len(words) else sentence.start
    for m in range(k, min(k + reach, len(words)) + 1):
        gap_end = words[m].start if m < len(words) else sentence.end
        if gap_end > sentence.end:
            gap_end = sentence.end
        gap = text[position:gap_end]
        quote = _quote_after(ctx, position, limit=min(len(gap), 3))
        if quote is not None and not cue.objects and _speech_quote(ctx, quote, m == k):
            inner = _inner(ctx, quote)
            if inner is not None:
                return inner, "direct"
        if ":" in gap and not cue.objects:
            start = position + gap.index(":") + 1
            quote = _quote_after(ctx, start, limit=2)
            if quote is not None and (inner := _inner(ctx, quote)) is not None:
                return inner, "direct"
            if m < len(words) and words[m].form in COMPLEMENTISERS:
                start = words[m].end  # «قطان: إن خادم…»
            return _after_complementiser(ctx, start, sentence)
        if m >= len(words) or words[m].start >= sentence.end:
            return None
        form = words[m].form
        other = _match_cue(words, m, ctx.lexicon) if m > k else None
        if other and other[1].kind in ("verb", "participle") and not other[1].needs_content:
            return None  # another report starts: this cue has no content of its own here
        if cue.objects:
            if form in cue.objects:
                content, quote_type = _content_from(ctx, words[m].start, sentence)
                return (content, quote_type) if content else None
        elif form in COMPLEMENTISERS and not (m > 0 and words[m - 1].form in ("الا", "والا")):
            return _after_complementiser(ctx, words[m].end, sentence)
        elif m == k and form in NEGATED_COMPLEMENTISERS and not _complementiser_at(words, m + 1):
            start = words[m].start + NEGATED_COMPLEMENTISERS[form]
            content, quote_type = _content_from(ctx, start, sentence)
            return (content, quote_type) if content else None
        elif form in LINKING_PREPOSITIONS and _complementiser_at(words, m + 1):
            content, quote_type = _content_from(ctx, words[m + 1].end, sentence)
            return (content, quote_type) if content else None
        elif cue.prepositions and _starts_with_preposition(form, cue):
            content, quote_type = _content_from(ctx, words[m].start, sentence)
            return (content, quote_type) if content else None
        position = words[m].end
    return None


def _clause_end(ctx: _Context, words: list[_Word], k: int, sentence: Span) -> int:
    """Where the clause that word *k* is in ends: at the next comma or the sentence's end."""
    m = _clauses(ctx, words).comma_from[min(k + 1, len(words))]
    return words[m - 1].end if m < len(words) else sentence.end


def _cut_at_next_report(ctx: _Context, content: Span, cue_end: int) -> Span:
    """*content* without a following clause that another cue opens («…، وقال
    «…»»): a report after a comma or «و» is a relation of its own."""
    text = ctx.doc.text
    lo = bisect.bisect_left(ctx.starts, max(content.start, cue_end))
    for m in ctx.reports.between(lo, content.end):
        if ctx.words[m].start <= content.start:
            continue
        a, b = _trim(ctx, content.start, ctx.words[m - 1].end)
        if a < b:
            return Span.at(text, a, b, content.kind)
    return content


class _Reports:
    """The words of the document that open a report after a comma («…، وقال
    …»): a verb or participle cue.  They are looked for once, as far into the
    document as they are asked for."""

    def __init__(self, ctx: _Context):
        self.ctx = ctx
        self.found: list[int] = []
        self.seen = 1  # words before this one have been looked at

    def between(self, lo: int, end: int) -> list[int]:
        """The indices, from *lo* on, of those that start before offset *end*."""
        words = self.ctx.words
        while self.seen < len(words) and words[self.seen].start < end:
            m = self.seen
            gap = _gap(self.ctx, words[m - 1], words[m])
            if "،" in gap or "," in gap:
                found = _match_cue(words, m, self.ctx.lexicon)
                if found and found[1].kind in ("verb", "participle"):
                    self.found.append(m)
            self.seen += 1
        k = bisect.bisect_left(self.found, lo)
        return self.found[k : bisect.bisect_left(self.found, end, key=lambda m: words[m].start)]


def _kind_of(ctx: _Context, phrase: str) -> str | None:
    """What a would-be source phrase names, judged by its first word or a
    gazetteer actor at its start: ``actor`` for an actor of the gazetteer,
    ``person`` for a title, a head word's class (``institution``, ``media``…),
    or None."""
    known = [m for m in ctx.gazetteer.find(phrase) if m.span.start == 0]
    if known:
        return "actor"
    words = fold(phrase, ta_marbuta=True).split()
    if not words:
        return None
    if ctx.gazetteer.starts_with_title(fold(phrase).split()):
        return "person"
    for name, rx in zip(HEAD_NAMES, HEAD, strict=True):
        if rx.match(words[0]):
            return name
    return None


def _coordinated(ctx: _Context, source: Span) -> list[Span]:
    """A source of two or more coordinated actors as separate spans: «الوزارة
    وهيئة الأركان اليمنية» gives «الوزارة» and «هيئة الأركان اليمنية».  A
    conjunct starts at «و» before a phrase of the same kind as the first one
    (two institutions, two titled persons, two actors of the gazetteer); a
    name the gazetteer knows as a whole is not divided, nor is «تقرير عرضه
    تلفزيون وإذاعة الكاميرون»."""
    text = ctx.doc.text
    first = _kind_of(ctx, source.text)
    if first is None:
        return [source]
    pieces, start = [], source.start
    for match in re.finditer(r"\S+", source.text):
        at = source.start + match.start()
        word = fold(match.group(), ta_marbuta=True)
        if at == source.start or not word.startswith("و") or len(word) < 4:
            continue
        if _kind_of(ctx, text[at + 1 : source.end]) != first:
            continue
        whole = ctx.gazetteer.find(text[start : source.end])
        if any(m.span.start == 0 and start + m.span.end > at for m in whole):
            continue
        a, b = _trim(ctx, start, at)
        if a < b:
            pieces.append(Span.at(text, a, b, "source"))
            start = at + 1
    a, b = _trim(ctx, start, source.end)
    if not pieces or a >= b:
        return [source]
    return [*pieces, Span.at(text, a, b, "source")]


def _adder(ctx: _Context, cue: Cue, sentence: Span):
    def add(
        cue_info, sources, contents, quote_type, rule, confidence, agentless=False, referent=None
    ):
        text = ctx.doc.text
        cue_start, cue_end, cls = cue_info
        sources = [piece for source in sources for piece in _coordinated(ctx, source)]
        if sources:
            source_type, actor, group = _classify(ctx, sources[0], sentence)
        elif referent is not None:
            source_type, actor, group = _classify(ctx, referent, sentence)
        elif agentless:
            source_type, actor, group = "anonymous", None, None
        else:
            previous = _referent(ctx, cue_start)
            same_sentence = previous is not None and previous.cue.start >= sentence.start
            local = None if same_sentence else _sentence_actor(ctx, sentence, cue_start)
            if local is not None:
                referent = local
                source_type, actor, group = _classify(ctx, local, sentence)
            elif previous is not None:
                referent = previous.sources[0] if previous.sources else previous.referent
                source_type = previous.source_type
                actor, group = previous.actor, previous.actor_group
            else:
                source_type, actor, group = "pronoun", None, None
        cut = [_cut_at_next_report(ctx, c, cue_end) for c in contents]
        if cut != list(contents):
            quote_type = _quote_type_of(ctx, cut[0])
        contents = cut
        _remember(
            ctx,
            Attribution(
                ctx.doc.id,
                Span.at(text, cue_start, cue_end, "cue", f"attribution:{rule}:{cue.id}"),
                tuple(Span.at(text, s.start, s.end, "source") for s in sources),
                tuple(Span.at(text, c.start, c.end, "content") for c in contents),
                quote_type,
                source_type,
                cls,
                f"attribution:{rule}:{cue.id}",
                confidence,
                Span.at(text, referent.start, referent.end, "referent") if referent else None,
                actor,
                group,
            ),
        )

    return add


def extract(
    doc: Document,
    *,
    lexicon: CueLexicon | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Attribution]:
    """The attribution relations of *doc*, in text order.

    Only body, heading and marker paragraphs are read: boilerplate and
    paragraphs in another script (captions) are left out.
    """
    return _read(doc, lexicon, gazetteer).found


def _read(doc: Document, lexicon: CueLexicon | None, gazetteer: Gazetteer | None) -> _Context:
    """The context :func:`extract` fills in, its relations found."""
    words = _words(doc)
    ctx = _Context(
        doc,
        words,
        _Quotes(quotations(doc)),
        lexicon or default_lexicon(),
        gazetteer or default_gazetteer(),
        starts=[w.start for w in words],
    )
    starts = [w.start for w in words]
    for sentence in doc.sentences:
        if sentence.kind in ("boilerplate", "caption"):
            continue
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_right(starts, sentence.end)
        inside = [w for w in words[lo:hi] if w.end <= sentence.end]
        _sentence_attributions(ctx, sentence, inside)
    return ctx


def scare_quotes(
    doc: Document, *, lexicon: CueLexicon | None = None, gazetteer: Gazetteer | None = None
) -> list[Span]:
    """Short quotations (at most three words) held at a distance by the writer.

    A quotation is not a scare quote when an attribution takes it whole as
    its content (someone's words), when it names an addressee («لـ«المدينة»»),
    or when it is an actor's name the gazetteer knows («الشرق الأوسط»).  Marks
    doubled round one quotation («"طبيعية"») make one scare quote, the inner
    one.  The span includes the quotation marks.
    """
    return _scare_quotes(_read(doc, lexicon, gazetteer))


def relations_and_scare_quotes(
    doc: Document, *, lexicon: CueLexicon | None = None, gazetteer: Gazetteer | None = None
) -> tuple[list[Attribution], list[Span]]:
    """:func:`extract` and :func:`scare_quotes` from one reading of *doc*."""
    ctx = _read(doc, lexicon, gazetteer)
    return ctx.found, _scare_quotes(ctx)


def _scare_quotes(ctx: _Context) -> list[Span]:
    spoken = {(c.start, c.end) for r in ctx.found for c in r.contents}
    whole = {(open_, close + 1) for open_, close in ctx.quotes}
    found = []
    text = ctx.doc.text
    for open_, close in ctx.quotes:
        words = ctx.chars.words(open_ + 1, close)
        if not words or words > SCARE_QUOTE_MAX_WORDS:
            continue
        start, end = _stripped(text, open_ + 1, close)
        if (start, end) in spoken or (start, end) in whole:
            continue
        if _addressee_mark(text, open_):
            continue
        if _may_be_name(text, start, end):
            names = ctx.gazetteer.find(text[open_ + 1 : close])
            if names and names[0].span.text == text[start:end]:
                continue
        found.append(Span.at(text, open_, close + 1, "scare_quote", "scare_quote:short_uncued"))
    return found


def resource_versions() -> dict[str, str]:
    """The versions of the data files attribution reads, for provenance."""
    from analysis.structure import default_rules

    return {
        "reporting_cues": default_lexicon().version,
        "actors": default_gazetteer().version,
        "structure": default_rules().version,
    }


def highlights(doc: Document) -> list[Span]:
    """Cue and source spans of *doc*'s attributions, for highlighting."""
    found = []
    for r in extract(doc):
        found.append(r.cue)
        found += [Span(s.start, s.end, s.text, "source", r.rule) for s in r.sources]
    return found


def _iter_documents(doc_or_corpus) -> Iterable[Document]:
    if isinstance(doc_or_corpus, Document):
        return [doc_or_corpus]
    return doc_or_corpus


def attributions(doc_or_corpus, **options) -> pd.DataFrame:
    """One row per relation, with the columns :data:`COLUMNS`.

    ``source_*`` and ``content_*`` give the first span of each (``n_sources``
    and ``n_contents`` say how many there are; :func:`to_citron` keeps them
    all); a relation with no source has them empty and may have a
    ``referent_*``.
    """
    return relations_frame(
        r for doc in _iter_documents(doc_or_corpus) for r in extract(doc, **options)
    )


def relation_rows(relations: Iterable[Attribution]) -> list[RelationRow]:
    """One row per relation, in the order of :data:`COLUMNS`: the rows of
    :func:`relations_frame`."""
    rows = []
    for r in relations:
        source = r.sources[0] if r.sources else None
        content = r.contents[0] if r.contents else None
        referent = r.referent
        rows.append(
            RelationRow(
                r.doc_id, r.cue.start, r.cue.end, r.cue.text,
                source.start if source else None, source.end if source else None,
                source.text if source else None,
                content.start if content else None, content.end if content else None,
                content.text if content else None,
                referent.start if referent else None, referent.end if referent else None,
                referent.text if referent else None,
                len(r.sources), len(r.contents), r.quote_type, r.source_type, r.cue_class,
                r.actor, r.actor_group, r.rule, r.confidence,
            )
        )  # fmt: skip
    return rows


def relation_table(rows: list[RelationRow]) -> pd.DataFrame:
    """The table of relation rows (:func:`relation_rows`), typed."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    offsets = [c for c in COLUMNS if c.endswith(("_start", "_end"))]
    return frame.astype({c: "Int64" for c in offsets})


def relations_frame(relations: Iterable[Attribution]) -> pd.DataFrame:
    """The table :func:`attributions` gives, for relations already extracted."""
    return relation_table(relation_rows(relations))


def to_citron(doc_or_corpus, **options) -> list[dict]:
    """Every relation in BBC Citron's JSON layout (``cue``, ``sources[]``,
    ``contents[]``, each ``{start, end, text}``) plus the kit's fields."""
    return [
        r.to_citron() for doc in _iter_documents(doc_or_corpus) for r in extract(doc, **options)
    ]
