"""Actors: a gazetteer of aliases mapped to canonical actors, and its matcher.

The gazetteer (``analysis/data/actors.yaml``) maps written forms to an actor
id, a type, a group and a country.  :meth:`Gazetteer.find` finds them in a
text, longest alias first, with attached و ف ب ك ل and the article handled
(«وللحوثيين» still finds «الحوثيين»), every match a span of the original text.
The same file lists the titles that introduce a person («وزير الدفاع»,
«اللواء»), so that a name the gazetteer does not know is still a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


def _forms(word: str) -> set[str]:
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
    ):
        self.version = version
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
            actor = Actor(entry["id"], entry["type"], entry["group"], entry.get("country"))
            for alias in entry["aliases"]:
                actors[tuple(fold(alias).split())] = actor
        titles = [tuple(fold(t).split()) for t in data.get("titles", [])]
        return cls(
            actors,
            sorted(titles, key=len, reverse=True),
            str(data["version"]),
            data.get("group_names", {}),
        )

    def find(self, text: str) -> list[Match]:
        """Actor mentions in *text*, left to right, longest alias first."""
        words = tokens(text)
        folded = [fold(w.text) for w in words]
        found = []
        i = 0
        while i < len(words):
            match = None
            for form in _forms(folded[i]):
                for alias, actor in self._by_first.get(form, []):
                    n = len(alias)
                    if tuple(folded[i + 1 : i + n]) == alias[1:] and (
                        match is None or n > match[0]
                    ):
                        match = (n, actor)
            if match:
                n, actor = match
                span = Span.at(
                    text, words[i].start, words[i + n - 1].end, actor.type, f"actor:{actor.id}"
                )
                found.append(Match(span, actor))
                i += n
            else:
                i += 1
        return found

    def group_name(self, group: str | None) -> str:
        """The Arabic name of an actor group (its id if it has none)."""
        return self.group_names.get(group, group) if group else "غير معروف"

    def starts_with_title(self, words: list[str]) -> bool:
        """Whether normalised *words* open with a title («وزير», «اللواء»)."""
        if not words:
            return False
        first = _forms(words[0])
        return any(
            (title[0] in first) and tuple(words[1 : len(title)]) == title[1:]
            for title in self.titles
        )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``analysis/data/actors.yaml``."""
    return Gazetteer.from_resource("actors")
