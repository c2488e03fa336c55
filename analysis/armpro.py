"""ArMPro persuasion-technique paragraphs, for measuring cue lexicons.

``../shared/data/armpro_dev/armpro_span_dev_v2.jsonl`` holds 672 news
paragraphs with human-labelled spans (Loaded_Language, Name_Calling-Labeling,
Doubt, …).  The data stay outside the repository; :func:`load` reads them
and checks every span.  :func:`split` divides the paragraphs by article into
a part for developing lexicons (``tune``) and a part kept aside (``aside``) to
check that they generalise: an article's paragraphs are never divided, and
the division depends only on the article id, so it never changes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.document import Document
from analysis.lexicon import Dictionary, Entry, Matcher, cue_lexicon
from analysis.scoring import LabelledSpan, partial_overlap

FILE = Path("armpro_dev") / "armpro_span_dev_v2.jsonl"
ASIDE_EVERY = 5  # one article in five is kept aside


class ArmproError(ValueError):
    """A malformed ArMPro file; the message names the file and line."""


@dataclass(frozen=True)
class Paragraph:
    document: Document
    page_id: str
    spans: tuple[LabelledSpan, ...]
    skipped: tuple[str, ...]  # spans whose offsets do not give their text, and why

    @property
    def part(self) -> str:
        digest = hashlib.sha256(self.page_id.encode("utf-8")).hexdigest()
        return "aside" if int(digest, 16) % ASIDE_EVERY == 0 else "tune"


def default_path() -> Path:
    return paths.shared_data_dir() / FILE


def load(path: str | Path | None = None) -> list[Paragraph]:
    """Every paragraph of the file, with its gold spans.

    A span whose offsets do not reproduce its text is not scored; it is listed
    in the paragraph's ``skipped``.

    Raises:
        FileNotFoundError: if the file is absent.
        ArmproError: for a line that is not a paragraph record.
    """
    path = Path(path) if path is not None else default_path()
    paragraphs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
                doc_id, text = record["paragraph_id"], record["paragraph"]
                page_id, labels = record["page_id"], record["labels"]
                labels = [(g["technique"], g["start"], g["end"], g["text"], g) for g in labels]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ArmproError(f"{path}, line {number}: not a paragraph record ({exc})") from exc
            spans, skipped = [], []
            for technique, start, end, surface, label in labels:
                if text[start:end] != surface or not label.get("offset_ok", True):
                    skipped.append(f"{technique} {start}-{end}: offsets do not give its text")
                    continue
                spans.append(LabelledSpan(doc_id, start, end, technique))
            meta = {k: v for k, v in record.items() if k not in ("paragraph", "labels")}
            document = Document(doc_id, text, meta, f"{path}:{number}")
            paragraphs.append(Paragraph(document, page_id, tuple(spans), tuple(skipped)))
    return paragraphs


def split(paragraphs: list[Paragraph], part: str) -> list[Paragraph]:
    """The paragraphs of one part, ``tune`` or ``aside``."""
    if part not in ("tune", "aside"):
        raise ValueError(f"part must be 'tune' or 'aside', not {part!r}")
    return [p for p in paragraphs if p.part == part]


# the kit's cue categories and the ArMPro techniques they are compared with
COMPARED = {
    "loaded": "Loaded_Language",
    "intensifier": "Loaded_Language",  # intense language is loaded language
    "label": "Name_Calling-Labeling",
    "hedge": "Doubt",
}


def score(matcher: Matcher, paragraphs: list[Paragraph]) -> pd.DataFrame:
    """Partial-overlap scores of *matcher*'s matches against the gold spans,
    for the techniques in :data:`COMPARED` (a match's top-level category,
    ``kind``, names the technique it is compared with)."""
    predicted, gold = [], []
    for paragraph in paragraphs:
        table = matcher.matches(paragraph.document)
        for row in table.itertuples():
            if row.kind in COMPARED:
                predicted.append(LabelledSpan(row.doc_id, row.start, row.end, COMPARED[row.kind]))
        gold += [s for s in paragraph.spans if s.label in COMPARED.values()]
    scores = partial_overlap(predicted, gold)
    scores = scores[scores.label != "micro"].set_index("label")
    techniques = list(dict.fromkeys(COMPARED.values()))
    return scores.reindex(techniques, fill_value=0).reset_index()


def emotion_baseline(path: str | Path | None = None) -> Dictionary:
    """The naive baseline: every word of the Saad WordNet-Affect list
    (``../shared/data/lexicons``, Apache-2.0) as ``loaded``, whatever its
    emotion."""
    path = (
        Path(path) if path else paths.shared_data_dir() / "lexicons" / "saad_wordnet_affect_ar.json"
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = {
        word: Entry(word, "loaded", 1.0, f"saad-wordnet-affect:{emotion}")
        for emotion, words in data.items()
        for word in words
    }
    return Dictionary("saad-wordnet-affect", "cd87a97", tuple(entries.values()))


def main() -> int:
    """Print the scores of the kit's cue lexicon and of the baseline on both
    parts of the dev set."""
    if not default_path().exists():
        print(f"{default_path()} is absent: nothing to score", file=sys.stderr)
        return 2
    paragraphs = load()
    lexicon = cue_lexicon()
    matchers = {
        f"cue lexicon {lexicon.version}": Matcher(lexicon),
        "emotion baseline": Matcher(emotion_baseline()),
    }
    for name, matcher in matchers.items():
        for part in ("tune", "aside"):
            chosen = split(paragraphs, part)
            print(f"{name}, {part} ({len(chosen)} paragraphs)")
            print(score(matcher, chosen).round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
