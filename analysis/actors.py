"""Actors: a gazetteer of aliases mapped to canonical actors, and its matcher.

The gazetteer (``analysis/data/actors.yaml``) maps written forms to an actor
id, a type, a group and a country.  :meth:`Gazetteer.find` finds them in a
text, longest alias first, with attached و ف ب ك ل and the article handled
(«وللحوثيين» still finds «الحوثيين»), every match a span of the original text.
The same file lists the titles that introduce a person («وزير الدفاع»,
«اللواء»), so that a name the gazetteer does not know is still a person.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.resources import load_yaml_resource
from analysis.spans import Span
from analysis.structure import tokens
from analysis.text import fold


@dataclass(frozen=True)
class Actor:
    id: str
    type: str
    group: str
    country: str | None
    describes: bool = False  # the aliases carry descriptors («الفصائل المدعومة من إيران»)


def word_forms(word: str) -> set[str]:
    """A normalised token and what it is with a conjunction, a preposition or
    the ل of «لل» set aside."""
    forms = {word}
    if len(word) > 2 and word[0] in "وف":
        forms.add(word[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) > 3:
            forms.add("ال" + form[2:])
        if len(form) > 3 and form[0] in "بكل":
            forms.add(form[1:])
    return forms


@dataclass(frozen=True)
class Naming:
    """A naming noun: its class (``militia``), connotation and listed form."""

    cls: str
    connotation: str
    form: str
    needs_name: bool = False  # an everyday word too («حركة»): only beside an alias


@dataclass(frozen=True)
class Match:
    span: Span
    actor: Actor


class Gazetteer:
    """Aliases to actors, and titles, from a versioned data file."""

    def __init__(
        self,
        actors: dict[tuple[str, ...], Actor],
        titles: list[tuple[str, ...]],
        version: str,
        group_names: dict[str, str] | None = None,
        namings: dict[str, Naming] | None = None,
        aligned: dict[str, str] | None = None,
        place_nouns: Iterable[str] = (),
        media_nouns: Iterable[str] = (),
        affiliation_words: Iterable[str] = (),
        not_before: Mapping[str, Iterable[str]] | None = None,
    ):
        self.version = version
        self.place_nouns = frozenset(fold(w) for w in place_nouns)
        self.not_before = {
            " ".join(fold(alias).split()): frozenset(fold(w) for w in words)
            for alias, words in dict(not_before or {}).items()
        }
        self.media_nouns = frozenset(fold(w) for w in media_nouns)
        self.affiliation_stems = tuple(
            sorted({fold(w).removesuffix("*") for w in affiliation_words}, key=len, reverse=True)
        )
        self.namings = dict(namings or {})
        self.aligned = dict(aligned or {})
        self._by_id = {actor.id: actor for actor in actors.values()}
        self.group_names = dict(group_names or {})
        self.titles = titles
        self._by_first: dict[str, list[tuple[tuple[str, ...], Actor]]] = {}
        for alias, actor in actors.items():
            self._by_first.setdefault(alias[0], []).append((alias, actor))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    @classmethod
    def from_resource(cls, path_or_name: str | Path = "actors") -> Gazetteer:
        data = load_yaml_resource(path_or_name)
        actors: dict[tuple[str, ...], Actor] = {}
        for entry in data["actors"]:
            actor = Actor(
                entry["id"],
                entry["type"],
                entry["group"],
                entry.get("country"),
                bool(entry.get("describes", False)),
            )
            for alias in entry["aliases"]:
                actors[tuple(fold(alias).split())] = actor
        titles = [tuple(fold(t).split()) for t in data.get("titles", [])]
        namings = {}
        for entry in data.get("namings", []):
            for form in entry["forms"]:
                naming = Naming(
                    entry["class"], entry["connotation"], form, bool(entry.get("needs_name"))
                )
                for written in {fold(form), fold(form).removeprefix("ال")}:
                    namings.setdefault(written, naming)
        return cls(
            actors,
            sorted(titles, key=len, reverse=True),
            str(data["version"]),
            data.get("group_names", {}),
            namings,
            data.get("aligned", {}),
            data.get("place_nouns", []),
            data.get("media_nouns", []),
            data.get("affiliation_words", []),
            data.get("not_before", {}),
        )

    def find(self, text: str) -> list[Match]:
        """Actor mentions in *text*, left to right, longest alias first."""
        words = tokens(text)
        found = []
        for i, n, actor in self.find_in([fold(w.text) for w in words]):
            span = Span.at(
                text, words[i].start, words[i + n - 1].end, actor.type, f"actor:{actor.id}"
            )
            found.append(Match(span, actor))
        return found

    def find_in(self, folded: list[str]) -> list[tuple[int, int, Actor]]:
        """Mentions in a list of normalised words: ``(first word, number of
        words, actor)``, left to right, longest alias first.  An alias one or
        two words after a place noun («قاعدة عين الأسد») names a place and is
        skipped."""
        found = []
        i = 0
        while i < len(folded):
            match = None
            for form in sorted(word_forms(folded[i])):
                for alias, actor in self._by_first.get(form, []):
                    n = len(alias)
                    if tuple(folded[i + 1 : i + n]) == alias[1:] and (
                        match is None or n > match[0]
                    ):
                        match = (n, actor)
            if match and any(word_forms(w) & self.place_nouns for w in folded[max(0, i - 2) : i]):
                match = None
            if match and i + match[0] < len(folded):
                # «المملكة المتحدة» is not «المملكة», nor «وزارة الداخلية الكويتية» the
                # Saudi ministry: an alias listed in `not_before` followed by another
                # definite word names something else
                n = match[0]
                key = " ".join(folded[i + 1 : i + n])
                following = folded[i + n]
                for form in sorted(word_forms(folded[i])):
                    allowed = self.not_before.get(f"{form} {key}".strip())
                    if allowed is not None:
                        if following.startswith("ال") and following not in allowed:
                            match = None
                        break
            if match:
                found.append((i, match[0], match[1]))
                i += match[0]
            else:
                i += 1
        return found

    def naming_of(self, word: str) -> Naming | None:
        """The naming noun a normalised word is, clitics set aside, if any."""
        for form in sorted(word_forms(word)):
            if form in self.namings:
                return self.namings[form]
        return None

    def actor(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def is_affiliation(self, word: str) -> bool:
        """Whether a normalised word is an affiliation participle («المدعومة»)."""
        return any(
            form.removeprefix("ال").startswith(self.affiliation_stems) for form in word_forms(word)
        )

    def group_name(self, group: str | None) -> str:
        """The Arabic name of an actor group (its id if it has none)."""
        return self.group_names.get(group, group) if group else "غير معروف"

    def starts_with_title(self, words: list[str]) -> bool:
        """Whether normalised *words* open with a title («وزير», «اللواء»)."""
        if not words:
            return False
        first = word_forms(words[0])
        return any(
            (title[0] in first) and tuple(words[1 : len(title)]) == title[1:]
            for title in self.titles
        )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``analysis/data/actors.yaml``."""
    return Gazetteer.from_resource("actors")


# ------------------------------------------------- mentions and descriptors

MENTION_COLUMNS = [
    "doc_id", "start", "end", "text", "actor_id", "actor_type", "group", "country",
    "naming_start", "naming_end", "naming_text", "naming", "naming_class", "connotation",
    "descriptors", "rule",
]  # fmt: skip
DESCRIPTOR_COLUMNS = [
    "doc_id", "mention_start", "mention_end", "mention_text", "actor_id", "group", "naming",
    "naming_class", "start", "end", "text", "kind", "patron_id", "rule",
]  # fmt: skip
# one mention's and one descriptor's row, as mention_and_descriptor_rows gives them
MentionRow = namedtuple("MentionRow", MENTION_COLUMNS)
DescriptorRow = namedtuple("DescriptorRow", DESCRIPTOR_COLUMNS)
NAMING_COLUMNS = [
    "group", "actor_id", "naming_class", "connotation", "naming", "mentions", "documents",
    "share",
]  # fmt: skip
# Definite words that open a clause or an adverb, never an adjective.
_NOT_ADJECTIVES = frozenset(
    fold(w)
    for w in [
        "الذي",
        "التي",
        "الذين",
        "اللذين",
        "اللتين",
        "اللاتي",
        "اللواتي",
        "الآن",
        "اليوم",
        "الأمس",
        "الان",
        "الى",
        "الا",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الشهر",
        "الأسبوع",
        "العام",
        "السنة",
        "الماضي",
        "الماضية",
        "المقبل",
        "المقبلة",
        "الجاري",
        "الحالي",
        "العراق",
        "اليمن",
        "السودان",
        "الأردن",
        "المغرب",
        "الكويت",
        "البحرين",
        "الخليج",
        "الشرق",
        "الغرب",
        # ordinals: a date, a clock time or a rank («بتوقيت السعودية السابعة»)
        "الأول",
        "الأولى",
        "الثاني",
        "الثانية",
        "الثالث",
        "الثالثة",
        "الرابع",
        "الرابعة",
        "الخامس",
        "الخامسة",
        "السادس",
        "السادسة",
        "السابع",
        "السابعة",
        "الثامن",
        "الثامنة",
        "التاسع",
        "التاسعة",
        "العاشر",
        "العاشرة",
    ]
)
_PREPOSITIONS = frozenset(fold(w) for w in ["من", "مع", "على", "عن", "إلى", "في", "ضد"])
_PRONOUNS = frozenset(["ه", "ها", "هم", "هما", "هن"])  # after ل or ب: «لها», «به»
_MAX_DESCRIPTORS = 4


def _gap_is_space(text: str, end: int, start: int) -> bool:
    """Whether only spaces (no punctuation, no line break) lie between two words."""
    return text[end:start].strip(" \t\u00a0") == ""


def _gender(word: str) -> str:
    """``f`` (feminine: ة, or a plural in ات, which takes a feminine
    adjective), ``mp`` (sound masculine plural) or ``m``."""
    if word.endswith(("ة", "ات")):
        return "f"
    if word.endswith(("ين", "ون")) and len(word) > 4:
        return "mp"
    return "m"


def _descriptor_kind(word: str, definite_head: bool, head_gender: str) -> bool:
    """Whether a normalised word can modify the head: an adjective that agrees
    with it in definiteness (a definite adjective after a definite head, an
    indefinite one with a feminine, nisba or participle ending after an
    indefinite head) and in gender («الحكومة اليمنية», not «المملكة المشارك»,
    where the adjective belongs to the word before: «وفد المملكة المشارك»)."""
    # a sound feminine plural is a noun: an adjective of a non-human plural
    # is singular («الفصائل المسلحة»), and «المفاوضات» after a subject is
    # the verb's object
    if word in _NOT_ADJECTIVES or len(word) < 4 or word.endswith("ات"):
        return False
    if definite_head:
        if not word.startswith("ال"):
            return False
    elif word.startswith(("ال", "بال", "لل", "كال", "وال", "فال")) or (
        not word.endswith("ة") and not (word.startswith("م") and word.endswith(("ين", "ون")))
    ):
        return False
    gender = _gender(word)
    if head_gender == "any":
        return True
    if head_gender == "f":
        return gender == "f"
    if head_gender == "mp":
        return gender == "mp"
    return gender == "m"


def _descriptors(doc, words, folded, gazetteer, after: int, definite: bool, stops: set[int],
                 head_gender: str):  # fmt: skip
    """Descriptor spans after word *after*: ``(first, last, kind, patron)``.

    A modifier is an adjective that agrees with the head in definiteness and
    gender («المسلحة», «مسلحة»); an affiliation participle of the gazetteer
    followed by a preposition and its object is an affiliation («المدعومة من
    إيران», «الموالية لإيران», «التابعة لها»), whose object, if it is a
    gazetteer actor, is the patron.  The run stops at punctuation, at a word
    that opens another mention, at a title, after an affiliation and after
    four."""
    found = []
    k = after + 1
    while k < len(words) and len(found) < _MAX_DESCRIPTORS and k not in stops:
        if not _gap_is_space(doc.text, words[k - 1].end, words[k].start):
            break
        if (
            not _descriptor_kind(folded[k], definite, head_gender)
            or gazetteer.naming_of(folded[k])
            or gazetteer.starts_with_title(folded[k : k + 3])
        ):
            break
        last, patron = k, None
        nxt = k + 1
        if (
            nxt < len(words)
            and gazetteer.is_affiliation(folded[k])
            and _gap_is_space(doc.text, words[k].end, words[nxt].start)
        ):
            target = None
            if folded[nxt] in _PREPOSITIONS and nxt + 1 < len(words):
                if _gap_is_space(doc.text, words[nxt].end, words[nxt + 1].start):
                    target = nxt + 1
            elif folded[nxt][:1] in "لب" and len(folded[nxt]) > 2:
                target = nxt
            if target is not None:
                named = gazetteer.find_in(folded[target : target + 6])
                if named and named[0][0] == 0:
                    last, patron = target + named[0][1] - 1, named[0][2]
                elif target > nxt or folded[nxt][1:] in _PRONOUNS:
                    last = target  # «من الحكومة», «التابعة لها»
                # else «المتطرفة لاستغلال»: an attached ل or ب before a verbal
                # noun is a purpose or a means, not an affiliation
        found.append((k, last, "affiliation" if last > k else "adjective", patron))
        if last > k:
            break  # an affiliation closes the phrase: what follows is the verb's object
        k = last + 1
    return found


def _mention_rows(doc, gazetteer: Gazetteer):
    """Mentions ``(first, last, actor, naming word index, rule)`` in *doc*."""
    words = list(doc.tokens)
    folded = [fold(w.text) for w in words]
    mentions = []
    taken = set()
    for i, n, actor in gazetteer.find_in(folded):
        if (
            actor.type == "media"
            and any(form.startswith("ال") for form in word_forms(folded[i]))
            and not (i > 0 and word_forms(folded[i - 1]) & gazetteer.media_nouns)
        ):
            continue  # «المدينة المنورة», «الإمارات العربية»: not the outlet
        first, naming_at = i, None
        if (
            i > 0
            and (i - 1) not in taken
            and gazetteer.naming_of(folded[i - 1])
            and _gap_is_space(doc.text, words[i - 1].end, words[i].start)
        ):
            # «ميليشيات الحوثي», «مقاتلي حركة حماس»: the noun before names the actor
            first = naming_at = i - 1
        elif gazetteer.naming_of(folded[i]):
            naming_at = i
        mentions.append([first, i + n - 1, actor, naming_at, f"actor:{actor.id}"])
        taken.update(range(first, i + n))
    for i, word in enumerate(folded):
        naming = gazetteer.naming_of(word)
        if i not in taken and naming and not naming.needs_name:
            mentions.append([i, i, None, i, "actor:naming-noun"])
    mentions.sort(key=lambda m: m[0])
    return words, folded, mentions


def mentions_and_descriptors(
    doc, gazetteer: Gazetteer | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tables of :func:`mention_and_descriptor_rows`."""
    mention_rows, descriptor_rows = mention_and_descriptor_rows(doc, gazetteer)
    return mention_table(mention_rows), descriptor_table(descriptor_rows)


def mention_and_descriptor_rows(
    doc, gazetteer: Gazetteer | None = None
) -> tuple[list[MentionRow], list[DescriptorRow]]:
    """Actor mentions in *doc* and the descriptors attached to them.

    A mention is a gazetteer alias, or a naming noun (``namings`` in the
    gazetteer: «الميليشيات», «الفصائل», «المقاومة») standing for an actor.
    Its naming choice is that noun, inside the mention («ميليشيا الحوثي») or
    just before it («ميليشيات الحوثي» when only «الحوثي» is listed); a bare
    name has the naming class ``name``.  Descriptors are the adjectives and
    affiliations that follow the mention.  A naming noun with no actor of its
    own takes the one the gazetteer's ``aligned`` table gives for the patron
    a descriptor names: in «الميليشيات المدعومة من إيران» the actor is the
    Iran-aligned groups, the naming «الميليشيات», the descriptor «المدعومة
    من إيران».  Returns the mention rows (:data:`MENTION_COLUMNS`) and the
    descriptor rows (:data:`DESCRIPTOR_COLUMNS`), offsets into ``doc.text``.
    """
    gazetteer = gazetteer or default_gazetteer()
    words, folded, mentions = _mention_rows(doc, gazetteer)
    starts = {m[0] for m in mentions}
    mention_rows, descriptor_rows = [], []
    for first, last, actor, naming_at, rule in mentions:
        head = last
        if naming_at is not None and (actor is None or actor.describes):
            # inside «الفصائل المدعومة من إيران» the words after the noun
            # describe it, unless they are a name («تنظيم الدولة الإسلامية»);
            # «المقاومة الشعبية» is a name as a whole
            named = gazetteer.find_in(folded[naming_at + 1 : last + 1])
            if not (named and named[0][0] == 0 and named[0][1] == last - naming_at):
                head = naming_at
        # a name is definite; a naming noun is as written
        definite = (
            naming_at is None
            or head != naming_at
            or any(form.startswith("ال") for form in word_forms(folded[naming_at]))
        )
        if naming_at is None and (
            actor.type == "person" or not any(f.startswith("ال") for f in word_forms(folded[last]))
        ):
            # after a person's name («جدد السيسي التأكيد») or a bare name («واشنطن»)
            # a definite word is the verb's object, not an adjective
            found = []
        else:
            # adjectives agree with the naming noun when there is one: in
            # «عصابات الحوثي الانقلابية» they describe «عصابات»; a noun without
            # a gendered ending may be a broken plural («فصائل») or not («تنظيم»)
            gender = _gender(folded[naming_at] if naming_at is not None else folded[head])
            if naming_at is not None and gender == "m":
                gender = "any"
            found = _descriptors(
                doc, words, folded, gazetteer, head, definite, starts - {first}, gender
            )
        if actor is None or naming_at == first == last:
            # a naming noun alone («المقاومة») is whoever its patron backs
            patrons = [p for *_, p in found if p is not None and p.group in gazetteer.aligned]
            if patrons:
                actor = gazetteer.actor(gazetteer.aligned[patrons[0].group])
                rule = f"actor:naming-noun+patron:{patrons[0].id}"
        naming = gazetteer.naming_of(folded[naming_at]) if naming_at is not None else None
        start, end = words[first].start, words[last].end
        naming_span = (words[naming_at].start, words[naming_at].end) if naming else (None, None)
        mention_rows.append(
            MentionRow(
                doc.id, start, end, doc.text[start:end],
                actor.id if actor else None, actor.type if actor else None,
                actor.group if actor else None, actor.country if actor else None,
                naming_span[0], naming_span[1],
                doc.text[naming_span[0] : naming_span[1]] if naming else None,
                naming.form.removeprefix("ال") if naming else None,
                naming.cls if naming else "name", naming.connotation if naming else None,
                len(found), f"{rule}@actors{gazetteer.version}",
            )
        )  # fmt: skip
        for d_first, d_last, kind, patron in found:
            d_start, d_end = words[d_first].start, words[d_last].end
            descriptor_rows.append(
                DescriptorRow(
                    doc.id, start, end, doc.text[start:end],
                    actor.id if actor else None, actor.group if actor else None,
                    mention_rows[-1][11], mention_rows[-1][12],
                    d_start, d_end, doc.text[d_start:d_end], kind,
                    patron.id if patron else None,
                    f"descriptor:{kind}@actors{gazetteer.version}",
                )
            )  # fmt: skip
    return mention_rows, descriptor_rows


def mention_table(rows: list[MentionRow]) -> pd.DataFrame:
    """The mentions table of mention rows, typed."""
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(
        {"start": "int64", "end": "int64", "naming_start": "Int64", "naming_end": "Int64",
         "descriptors": "int64"}
    )  # fmt: skip


def descriptor_table(rows: list[DescriptorRow]) -> pd.DataFrame:
    """The descriptors table of descriptor rows, typed."""
    return pd.DataFrame(rows, columns=DESCRIPTOR_COLUMNS).astype(
        {"mention_start": "int64", "mention_end": "int64", "start": "int64", "end": "int64"}
    )


def mentions(doc, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """One row per actor mention in *doc*; see :func:`mentions_and_descriptors`."""
    return mentions_and_descriptors(doc, gazetteer)[0]


def descriptors(doc, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """One row per descriptor attached to an actor mention in *doc*."""
    return mentions_and_descriptors(doc, gazetteer)[1]


def naming_choices(mention_table: pd.DataFrame) -> pd.DataFrame:
    """How each actor is named across the documents of *mention_table*.

    One row per actor and naming noun (bare names under the class ``name``),
    with the number of mentions, of documents, and the share of the actor's
    mentions; mentions with no resolved actor are grouped under the actor id
    ``unresolved``.  Sorted by group, actor and falling count.
    """
    table = mention_table.assign(
        actor_id=mention_table["actor_id"].fillna("unresolved"),
        group=mention_table["group"].fillna("unresolved"),
        naming=mention_table["naming"].fillna(""),
        connotation=mention_table["connotation"].fillna(""),
    )
    keys = ["group", "actor_id", "naming_class", "connotation", "naming"]
    counts = (
        table.groupby(keys, sort=True)
        .agg(mentions=("start", "size"), documents=("doc_id", "nunique"))
        .reset_index()
    )
    totals = counts.groupby("actor_id")["mentions"].transform("sum")
    counts["share"] = counts["mentions"] / totals
    counts = counts.sort_values(
        ["group", "actor_id", "mentions", "naming"], ascending=[True, True, False, True],
        kind="mergesort",
    )  # fmt: skip
    return counts[NAMING_COLUMNS].reset_index(drop=True)


LABEL_COLUMNS = ["actor_id", "group", "role", "term", "mentions"]


def labels_table(mention_table: pd.DataFrame, descriptor_table: pd.DataFrame) -> pd.DataFrame:
    """How each actor is labelled: one row per actor and term, the term being
    a naming noun (``role`` ``naming``) or a descriptor (``adjective`` or
    ``affiliation``), with the number of mentions that carry it.  Mentions
    with no resolved actor are under ``unresolved``.  Sorted by actor, role
    and falling count."""
    named = mention_table[mention_table["naming"].notna()]
    parts = [
        pd.DataFrame(
            {
                "actor_id": named["actor_id"].fillna("unresolved"),
                "group": named["group"].fillna("unresolved"),
                "role": "naming",
                "term": named["naming"],
            }
        ),
        pd.DataFrame(
            {
                "actor_id": descriptor_table["actor_id"].fillna("unresolved"),
                "group": descriptor_table["group"].fillna("unresolved"),
                "role": descriptor_table["kind"],
                "term": descriptor_table["text"],
            }
        ),
    ]
    table = pd.concat(parts, ignore_index=True)
    counts = table.groupby(LABEL_COLUMNS[:-1], sort=True).size().rename("mentions").reset_index()
    order = {"naming": 0, "adjective": 1, "affiliation": 2}
    counts = counts.sort_values(
        ["actor_id", "role", "mentions", "term"],
        key=lambda c: c.map(order) if c.name == "role" else c,
        ascending=[True, True, False, True],
        kind="mergesort",
    )
    return counts[LABEL_COLUMNS].reset_index(drop=True)
