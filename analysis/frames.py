"""Generic news frames: indicator questions answered per paragraph, with evidence.

Semetko and Valkenburg (2000) measure five generic frames (conflict, human
interest, responsibility, economic consequences, morality) by yes/no
questions a coder answers about a story.  Here every question is answered
for every coded paragraph (:func:`coded_paragraphs`: the headline and the
body) from evidence in the text: words and phrases of the frame codebook
(``analysis/data/frames.yaml``), patterns over the folded text, and the kit's
other extractors (actors for the sides of an issue, attribution for reported
accusations, the cue lexicon for emotive words).

* :func:`frame_evidence`: one row per evidence span, with the question it
  answers and the rule (codebook entry, pattern or detector) that found it;
* :func:`frame_answers`: one row per coded paragraph and question, yes or no,
  each yes explained by its evidence;
* :func:`frame_profile`: the article profile, per frame the share of its
  questions answered yes anywhere in the article (the story-level coding of
  the original study) and the share of paragraphs that show the frame.

All three work on one document at a time; a corpus is the concatenation.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import actors, attribution, cues
from analysis.document import Document
from analysis.lexicon import Dictionary, Entry, Matcher, under
from analysis.resources import load_yaml_resource
from analysis.structure import CODED_KINDS, coded_paragraphs  # noqa: F401 (re-exported)
from analysis.text import fold

DETECTORS = ("two_sides", "accusation", "emotive_cues", "harm_by_government", "harm_by_non_state")
EVIDENCE_COLUMNS = [
    "doc_id",
    "paragraph",
    "paragraph_start",
    "paragraph_end",
    "frame",
    "question",
    "start",
    "end",
    "text",
    "source",
    "rule",
]
ANSWER_COLUMNS = [
    "doc_id",
    "paragraph",
    "paragraph_start",
    "paragraph_end",
    "paragraph_text",
    "frame",
    "question",
    "answer",
    "evidence",
    "rule",
]
PROFILE_COLUMNS = [
    "doc_id",
    "frame",
    "label_ar",
    "questions",
    "answered",
    "score",
    "paragraphs",
    "paragraph_share",
    "rule",
]
# one row of evidence and one answer, as evidence_rows and answer_rows give them
EvidenceRow = namedtuple("EvidenceRow", EVIDENCE_COLUMNS)
AnswerRow = namedtuple("AnswerRow", ANSWER_COLUMNS)
# parties that report rather than take a side
_NOT_SIDES = frozenset({"media"})


@lru_cache(maxsize=4)
def _load_codebook(path_or_name: str) -> dict:
    return load_yaml_resource(path_or_name)


def codebook(path_or_name: str = "frames") -> dict:
    """The frame codebook: frames, their questions and the Arabic evidence
    (a fresh copy: changing it changes nothing else)."""
    return copy.deepcopy(_load_codebook(path_or_name))


def questions(book: dict | None = None) -> list[dict]:
    """Every question of the codebook, each with its ``frame``."""
    book = book or codebook()
    return [
        {**question, "frame": frame}
        for frame, spec in book["frames"].items()
        for question in spec["questions"]
    ]


CODED_QUESTIONS = tuple(q["id"] for q in questions() if q.get("coded", True))


@dataclass
class CompiledCodebook:
    """A codebook ready to answer: its cue matcher, patterns and detectors."""

    book: dict
    matchers: dict[str, Matcher]  # one per question, so that cues never hide each other
    government: Matcher
    sides: Matcher
    harm: Matcher
    patterns: list[tuple[str, str, re.Pattern]]  # (question, pattern id, regex)
    questions: dict[str, dict]

    @classmethod
    def from_book(cls, book: dict) -> CompiledCodebook:
        version = str(book["version"])
        found = questions(book)
        unknown = {d for q in found for d in q.get("detectors", [])} - set(DETECTORS)
        if unknown:
            raise ValueError(f"frames codebook: unknown detector(s) {', '.join(sorted(unknown))}")
        matchers = {
            q["id"]: Matcher(
                Dictionary(
                    book["name"],
                    version,
                    tuple(Entry(pattern, q["id"], 1.0, "judgement") for pattern in q["cues"]),
                )
            )
            for q in found
            if q.get("coded", True) and q.get("cues")
        }
        government = tuple(
            Entry(w, "government", 1.0, "judgement") for w in book.get("government_words", [])
        )
        sides = tuple(
            Entry(w, side, 1.0, "judgement")
            for side, forms in book.get("side_words", {}).items()
            for w in forms
        )
        harm = tuple(Entry(w, "harm", 1.0, "judgement") for w in book.get("harm_words", []))
        patterns = [
            (q["id"], p["id"], re.compile(p["regex"]))
            for q in found
            if q.get("coded", True)
            for p in q.get("patterns", [])
        ]
        return cls(
            book,
            matchers,
            Matcher(Dictionary(f"{book['name']}-government", version, government)),
            Matcher(Dictionary(f"{book['name']}-sides", version, sides)),
            Matcher(Dictionary(f"{book['name']}-harm", version, harm)),
            patterns,
            {q["id"]: q for q in found},
        )

    def __post_init__(self):
        # what the per-document loop asks of every question, worked out once
        self.coded = {q: spec for q, spec in self.questions.items() if spec.get("coded", True)}
        self.unless_after = {
            q: frozenset(fold(w) for w in spec["unless_after"])
            for q, spec in self.questions.items()
            if spec.get("unless_after")
        }
        self.government_groups = frozenset(self.book.get("government_groups", []))

    @property
    def version(self) -> str:
        return str(self.book["version"])

    def rule(self, question: str, how: str) -> str:
        return f"frames@{self.version}:{question}:{how}"


@lru_cache(maxsize=1)
def default_codebook() -> CompiledCodebook:
    """The codebook shipped in ``analysis/data/frames.yaml``, compiled."""
    return CompiledCodebook.from_book(codebook())


def _compiled(book: CompiledCodebook | dict | str | Path | None) -> CompiledCodebook:
    if book is None:
        return default_codebook()
    if isinstance(book, CompiledCodebook):
        return book
    if not isinstance(book, dict):
        book = load_yaml_resource(book)
    return CompiledCodebook.from_book(book)


class _Spans:
    """Sorted, non-overlapping spans, and which one holds a given stretch."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [span[0] for span in self.spans]

    def index(self, start: int, end: int) -> int | None:
        """The index of the span that holds ``[start, end)``, if one does."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and end <= self.spans[i][1]:
            return i
        return None


def _previous_word(doc: Document, start: int) -> str:
    words = re.findall(r"\w+", fold(doc.text[max(0, start - 30) : start]))
    return words[-1] if words else ""


def frame_evidence(doc: Document, book=None) -> pd.DataFrame:
    """One row per piece of evidence for a frame question in *doc*, with the
    columns :data:`EVIDENCE_COLUMNS`; ``source`` is ``cue``, ``pattern``,
    ``requires`` (the government a responsibility question needs) or the
    detector's name, and ``rule`` names the codebook entry behind it."""
    return evidence_table(evidence_rows(doc, book))


def evidence_rows(
    doc: Document,
    book=None,
    *,
    mentions: list | None = None,
    relations: list | None = None,
    found_cues: list | None = None,
) -> list[EvidenceRow]:
    """The rows of :func:`frame_evidence`, sorted.

    The other extractors' findings it builds on are computed unless given:
    *mentions* (:func:`analysis.actors.mention_and_descriptor_rows`),
    *relations* (:func:`analysis.attribution.relation_rows`) and *found_cues*
    (:func:`analysis.cues.cue_rows`; scare quotes, if present, are ignored).
    """
    book = _compiled(book)
    paragraphs = coded_paragraphs(doc)
    bounds = _Spans((p.start, p.end) for p in paragraphs)
    found: list[tuple] = []  # (paragraph, question, start, end, source, rule)
    if not paragraphs:
        return []
    wanted = {d for q in book.questions.values() for d in q.get("detectors", [])}
    if mentions is None:
        mentions = actors.mention_and_descriptor_rows(doc)[0]
    names = _Spans((m.start, m.end) for m in mentions)

    def inside_name(start: int, end: int) -> bool:
        return names.index(start, end) is not None

    def add(start: int, end: int, question: str, source: str, rule: str) -> None:
        i = bounds.index(start, end)
        if i is not None and not inside_name(start, end):
            found.append((i, question, start, end, source, rule))

    for matcher in book.matchers.values():
        for row in matcher.rows(doc):
            if row.negated:
                continue
            unless = book.unless_after.get(row.category)
            if unless and _previous_word(doc, row.start) in unless:
                continue
            rule = book.rule(row.category, f"cue:{row.entry}")
            add(row.start, row.end, row.category, "cue", rule)
    norm = doc.normalized
    for question, pattern_id, regex in book.patterns:
        for match in regex.finditer(norm.text):
            start, end = norm.to_original(match.start(), match.end())
            add(start, end, question, "pattern", book.rule(question, f"pattern:{pattern_id}"))
    by_detector = {
        d: [q for q, spec in book.questions.items() if d in spec.get("detectors", [])]
        for d in wanted
    }
    if "two_sides" in wanted:
        side_of = {g: s[0] for s in book.book.get("same_side", []) for g in s}
        parties = [
            (m.start, m.end, side_of.get(m.group, m.group), f"actor:{m.actor_id}")
            for m in mentions
            if m.group is not None and m.group not in _NOT_SIDES
        ]
        parties += [
            (r.start, r.end, side_of.get(r.category, r.category), f"word:{r.entry}")
            for r in book.sides.rows(doc)
            if not inside_name(r.start, r.end)  # «النظام السوري» is one side, not two
        ]
        by_paragraph: dict[int, dict[str, tuple]] = {}
        for start, end, side, how in sorted(parties):
            i = bounds.index(start, end)
            if i is not None:
                by_paragraph.setdefault(i, {}).setdefault(side, (start, end, how))
        for i, first in by_paragraph.items():
            if len(first) >= 2:
                for side, (start, end, how) in first.items():
                    for question in by_detector["two_sides"]:
                        found.append(
                            (
                                i,
                                question,
                                start,
                                end,
                                "two_sides",
                                book.rule(question, f"detector:two_sides:{side}:{how}"),
                            )
                        )

    def add_detected(rows, detector: str, prefix: str = "") -> None:
        """Every row of *rows* as evidence of the questions using *detector*."""
        for row in rows:
            start, end = getattr(row, f"{prefix}start"), getattr(row, f"{prefix}end")
            for question in by_detector[detector]:
                rule = book.rule(question, f"detector:{detector}:{row.rule}")
                add(start, end, question, detector, rule)

    if "accusation" in wanted:
        if relations is None:
            relations = attribution.relation_rows(attribution.extract(doc))
        add_detected([r for r in relations if r.cue_class == "accusation"], "accusation", "cue_")
    if "emotive_cues" in wanted:
        categories = tuple(book.book.get("emotive_categories", []))
        if found_cues is None:
            found_cues = cues.cue_rows(doc, scare_quotes=False)
        emotive = [
            r
            for r in found_cues
            if r.category != "scare_quote" and under(r.category, *categories) and not r.negated
        ]
        add_detected(emotive, "emotive_cues")
    if wanted & {"harm_by_government", "harm_by_non_state"}:
        found += _harm_evidence(doc, book, mentions, bounds, by_detector)
    found = _require_government(doc, book, mentions, names, bounds, found)
    return [
        EvidenceRow(
            doc.id, i, paragraphs[i].start, paragraphs[i].end, book.questions[question]["frame"],
            question, start, end, doc.text[start:end], source, rule,
        )
        for i, question, start, end, source, rule in sorted(set(found))
    ]  # fmt: skip


def _harm_evidence(doc, book, mentions, bounds, by_detector) -> list[tuple]:
    """A harmful act and the actor named in its sentence: a government for
    ``harm_by_government``, another actor (not media) for ``harm_by_non_state``."""
    groups = book.government_groups
    acts = [act for act in book.harm.rows(doc) if not act.negated]
    if not acts:
        return []
    sentences = _Spans((x.start, x.end) for x in doc.sentences)
    agents: dict[int, dict[str, object]] = {}  # sentence -> detector -> first actor there
    for row in mentions:
        k = sentences.index(row.start, row.end)
        if k is None or row.group in _NOT_SIDES:
            continue  # an unresolved naming noun («مسلحون») is an actor outside government
        detector = "harm_by_government" if row.group in groups else "harm_by_non_state"
        agents.setdefault(k, {}).setdefault(detector, row)
    found = []
    for act in acts:
        k = sentences.index(act.start, act.end)
        i = bounds.index(act.start, act.end)
        if k is None or i is None:
            continue
        for detector, agent in agents.get(k, {}).items():
            how = f"detector:{detector}:{act.entry}:{agent.rule.split('@')[0]}"
            for question in by_detector.get(detector, []):
                rule = book.rule(question, how)
                found.append((i, question, act.start, act.end, detector, rule))
                found.append((i, question, int(agent.start), int(agent.end), detector, rule))
    return found


def _require_government(doc, book, mentions, names: _Spans, bounds: _Spans, found):
    """Drop the evidence of questions that need a government in paragraphs
    that name none, and add the government named as evidence where one is."""
    needing = {q for q, spec in book.questions.items() if spec.get("requires") == "government"}
    if not needing:
        return found
    groups = book.government_groups
    anchors: dict[int, tuple[int, int, str]] = {}
    for row in mentions:
        if row.group not in groups:
            continue
        i = bounds.index(row.start, row.end)
        if i is not None and i not in anchors:
            anchors[i] = (row.start, row.end, f"actor:{row.actor_id}")
    # «الدولة» in «تنظيم الدولة الإسلامية» is no government
    for row in book.government.rows(doc):
        i = bounds.index(row.start, row.end)
        if i is not None and i not in anchors and names.index(row.start, row.end) is None:
            anchors[i] = (row.start, row.end, f"word:{row.entry}")
    kept = [f for f in found if f[1] not in needing or f[0] in anchors]
    for i, question in sorted({(f[0], f[1]) for f in kept if f[1] in needing}):
        start, end, how = anchors[i]
        kept.append(
            (i, question, start, end, "requires", book.rule(question, f"requires:government:{how}"))
        )
    return kept


def evidence_table(rows: list[EvidenceRow]) -> pd.DataFrame:
    """The table of evidence rows (:func:`evidence_rows`), typed."""
    table = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return table.astype(
        {c: "int64" for c in ("paragraph", "paragraph_start", "paragraph_end", "start", "end")}
    )


def frame_answers(doc: Document, book=None, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every coded question for every coded paragraph of *doc*: ``answer`` is
    yes when the paragraph holds evidence that is not only the government a
    question requires; ``evidence`` counts that evidence and ``rule`` lists
    it as ``start-end:rule``."""
    book = _compiled(book)
    if evidence is None:
        rows = evidence_rows(doc, book)
    else:  # a corpus's evidence: this document's rows only
        evidence = evidence[evidence["doc_id"] == doc.id]
        rows = list(evidence.itertuples(index=False, name="EvidenceRow"))
    return answer_table(answer_rows(doc, book, rows))


def answer_rows(doc: Document, book, evidence: list[EvidenceRow]) -> list[AnswerRow]:
    """The rows of :func:`frame_answers` from *doc*'s evidence rows."""
    book = _compiled(book)
    listed: dict[tuple[int, str], list] = {}
    counts: dict[tuple[int, str], int] = {}
    for row in evidence:
        key = (row.paragraph, row.question)
        listed.setdefault(key, []).append(row)
        if row.source != "requires":
            counts[key] = counts.get(key, 0) + 1
    rows = []
    for i, paragraph in enumerate(coded_paragraphs(doc)):
        for question, spec in book.coded.items():
            n = counts.get((i, question), 0)
            why = (
                "; ".join(f"{r.start}-{r.end}:{r.rule}" for r in listed[(i, question)])
                if n
                else book.rule(question, "no-evidence")
            )
            rows.append(
                AnswerRow(
                    doc.id, i, paragraph.start, paragraph.end, paragraph.text, spec["frame"],
                    question, n > 0, n, why,
                )
            )  # fmt: skip
    return rows


def answer_table(rows: list[AnswerRow]) -> pd.DataFrame:
    """The table of answer rows (:func:`answer_rows`), typed."""
    return pd.DataFrame(rows, columns=ANSWER_COLUMNS).astype(
        {
            "paragraph": "int64",
            "paragraph_start": "int64",
            "paragraph_end": "int64",
            "answer": bool,
            "evidence": "int64",
        }
    )


def yes_answers(doc: Document, book=None) -> pd.DataFrame:
    """The rows of :func:`frame_answers` answered yes: one per paragraph and
    question the paragraph answers yes (the compact form for a corpus)."""
    answers = frame_answers(doc, book)
    return answers[answers["answer"]].reset_index(drop=True)


def frame_profile(doc_or_answers, book=None) -> pd.DataFrame:
    """The article profile: per document and frame, how many of the frame's
    coded questions are answered yes in some paragraph (``answered``; ``score``
    is their share, from 0 to 1, the story-level measure) and how many coded
    paragraphs answer at least one of them (``paragraphs``, ``paragraph_share``)."""
    book = _compiled(book)
    answers = (
        frame_answers(doc_or_answers, book)
        if isinstance(doc_or_answers, Document)
        else doc_or_answers
    )
    rows = []
    for doc_id in dict.fromkeys(answers["doc_id"]):
        mine = answers[answers["doc_id"] == doc_id]
        n_paragraphs = mine["paragraph"].nunique()
        for frame, spec in book.book["frames"].items():
            coded = [q["id"] for q in spec["questions"] if q.get("coded", True)]
            here = mine[mine["question"].isin(coded)]
            yes = here[here["answer"]]
            answered = yes["question"].nunique()
            paragraphs = yes["paragraph"].nunique()
            rows.append(
                (
                    doc_id,
                    frame,
                    spec.get("label_ar", frame),
                    len(coded),
                    answered,
                    answered / len(coded),
                    paragraphs,
                    paragraphs / n_paragraphs if n_paragraphs else 0.0,
                    f"frames@{book.version}:{frame}:profile",
                )
            )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def codebook_table(book=None) -> pd.DataFrame:
    """The codebook as a table: one row per question, with its Arabic
    wording and its evidence (cues, patterns, detectors, requirement)."""
    book = _compiled(book)
    rows = []
    for q in book.questions.values():
        rows.append(
            {
                "frame": q["frame"],
                "question": q["id"],
                "question_ar": q.get("question_ar", ""),
                "coded": q.get("coded", True),
                "cues": "، ".join(q.get("cues", [])),
                "patterns": ", ".join(p["id"] for p in q.get("patterns", [])),
                "detectors": ", ".join(q.get("detectors", [])),
                "requires": q.get("requires", ""),
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ scoring

SCORE_COLUMNS = ["level", "label", "gold", "predicted", "tp", "precision", "recall", "f1", "kappa"]


def gold_answers(records) -> set[tuple[str, int, str]]:
    """The yes answers of gold records: ``(doc_id, paragraph, question)``."""
    return {
        (r["doc_id"], p["index"], question)
        for r in records
        for p in r["paragraphs"]
        for question in p.get("answers", {})
    }


def kappa(a: set, b: set, universe: int) -> float:
    """Cohen's kappa of two yes/no codings given as the sets of their yeses
    over *universe* items (0 when chance agreement is total)."""
    if not universe:
        return 0.0
    both = len(a & b)
    neither = universe - len(a | b)
    observed = (both + neither) / universe
    pa, pb = len(a) / universe, len(b) / universe
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected) if expected < 1 else 0.0


def _score_row(level, label, gold: set, predicted: set, universe: int) -> tuple:
    from analysis.scoring import prf

    tp = len(gold & predicted)
    precision, recall, f1 = prf(tp, len(predicted), tp, len(gold))
    return (
        level,
        label,
        len(gold),
        len(predicted),
        tp,
        round(precision, 3),
        round(recall, 3),
        round(f1, 3),
        round(kappa(gold, predicted, universe), 3),
    )


def score(records, predicted: set[tuple[str, int, str]], book=None) -> pd.DataFrame:
    """Frame answers scored against gold *records*, with :data:`SCORE_COLUMNS`.

    Rows: each question (paragraph level: is the question answered yes in
    this paragraph?), each frame (does the paragraph show the frame at all?),
    ``micro`` over all paragraph-question pairs, and ``article`` rows (is the
    question answered yes anywhere in the article?).  ``kappa`` is Cohen's
    kappa between the kit and the gold on the same items.
    """
    book = _compiled(book)
    coded = [q for q, spec in book.questions.items() if spec.get("coded", True)]
    docs = {r["doc_id"] for r in records}
    predicted = {p for p in predicted if p[0] in docs}
    gold = gold_answers(records)
    n_paragraphs = sum(len(r["paragraphs"]) for r in records)
    rows = []
    for question in coded:
        rows.append(
            _score_row(
                "paragraph",
                question,
                {g for g in gold if g[2] == question},
                {p for p in predicted if p[2] == question},
                n_paragraphs,
            )
        )
    for frame in book.book["frames"]:

        def shows(answers: set, frame: str = frame) -> set:
            return {(d, i) for d, i, q in answers if book.questions[q]["frame"] == frame}

        rows.append(_score_row("frame", frame, shows(gold), shows(predicted), n_paragraphs))
    rows.append(_score_row("paragraph", "micro", gold, predicted, n_paragraphs * len(coded)))
    article_gold = {(d, q) for d, _, q in gold}
    article_pred = {(d, q) for d, _, q in predicted}
    rows.append(_score_row("article", "micro", article_gold, article_pred, len(docs) * len(coded)))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def check_alignment(records, docs) -> None:
    """Raise ValueError unless every gold record's paragraphs are the coded
    paragraphs of its document, offset for offset: answers are matched by
    paragraph number, which a change of segmentation would shift."""
    for record in records:
        expected = [(p.start, p.end) for p in coded_paragraphs(docs[record["doc_id"]])]
        found = [(p["start"], p["end"]) for p in record["paragraphs"]]
        if found != expected:
            raise ValueError(
                f"{record['doc_id']}: the gold's paragraphs are not the document's coded "
                "paragraphs; the segmentation changed since it was annotated"
            )


def predicted_answers(docs, book=None) -> set[tuple[str, int, str]]:
    """The kit's yes answers for *docs* (a mapping or iterable of documents)."""
    book = _compiled(book)
    docs = docs.values() if isinstance(docs, dict) else docs
    found = set()
    for doc in docs:
        answers = frame_answers(doc, book)
        for row in answers[answers["answer"]].itertuples(index=False):
            found.add((doc.id, int(row.paragraph), row.question))
    return found


def main(argv: list[str] | None = None) -> int:
    import argparse

    from analysis import evaluate, paths

    parser = argparse.ArgumentParser(description="Score frame answers against the gold standard.")
    parser.add_argument(
        "gold", nargs="?", type=Path, default=paths.project_root() / "tests/gold/frames.jsonl"
    )
    args = parser.parse_args(argv)
    records = evaluate.read_gold(args.gold)
    docs = evaluate.gold_documents(records)
    check_alignment(records, docs)
    predicted = predicted_answers(docs)
    with pd.option_context("display.width", 120, "display.max_rows", 100):
        for split in ("tune", "heldout"):
            chosen = [r for r in records if r["split"] == split]
            print(
                f"== {split}: {len(chosen)} documents, "
                f"{sum(len(r['paragraphs']) for r in chosen)} paragraphs"
            )
            print(score(chosen, predicted).to_string(index=False))
    return 0


def resource_versions() -> dict[str, str]:
    """The versions of the data files frame answers depend on, for provenance."""
    from analysis.lexicon import cue_lexicon
    from analysis.structure import default_rules

    return {
        "frames": str(codebook()["version"]),
        "cues": cue_lexicon().version,
        "actors": actors.default_gazetteer().version,
        "reporting_cues": attribution.default_lexicon().version,
        "structure": default_rules().version,
    }


if __name__ == "__main__":
    import sys

    sys.exit(main())
