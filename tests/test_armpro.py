"""The ArMPro dev paragraphs: loading, the fixed split, and the scorer on them.

Reads ``../shared/data/armpro_dev``; skipped with a message when it is absent."""

from __future__ import annotations

import json

import pytest

from analysis import armpro
from analysis.lexicon import Dictionary, Entry, Matcher, cue_lexicon

pytestmark = pytest.mark.skipif(
    not armpro.default_path().exists(),
    reason=f"{armpro.default_path()} is absent (ArMPro dev data live outside the repository)",
)


@pytest.fixture(scope="module")
def paragraphs():
    return armpro.load()


def test_every_paragraph_and_span_is_loaded_or_listed(paragraphs):
    lines = armpro.default_path().read_text(encoding="utf-8").splitlines()
    assert len(paragraphs) == len(lines)
    for paragraph, line in zip(paragraphs, lines, strict=True):
        record = json.loads(line)
        assert len(paragraph.spans) + len(paragraph.skipped) == len(record["labels"])
        text = paragraph.document.text
        for span in paragraph.spans:
            gold = next(
                g for g in record["labels"] if (g["start"], g["end"]) == (span.start, span.end)
            )
            assert text[span.start : span.end] == gold["text"]


def test_the_split_keeps_articles_whole_and_sets_a_fifth_aside(paragraphs):
    tune, aside = armpro.split(paragraphs, "tune"), armpro.split(paragraphs, "aside")
    assert len(tune) + len(aside) == len(paragraphs)
    assert not {p.page_id for p in tune} & {p.page_id for p in aside}
    assert 0.1 < len(aside) / len(paragraphs) < 0.3
    with pytest.raises(ValueError, match="'tune' or 'aside'"):
        armpro.split(paragraphs, "test")


GOOD = '{"page_id": "p", "paragraph_id": "a", "paragraph": "x", "labels": []}'


@pytest.mark.parametrize(
    "bad",
    [
        "{oops",
        '{"paragraph_id": "b", "paragraph": "y", "labels": []}',
        '{"page_id": "p", "paragraph_id": "b", "paragraph": "y", "labels": [{"start": 0}]}',
    ],
)
def test_a_bad_line_names_the_file_and_line(tmp_path, bad):
    path = tmp_path / "bad.jsonl"
    path.write_text(f"{GOOD}\n{bad}\n", encoding="utf-8")
    with pytest.raises(armpro.ArmproError, match=r"bad.jsonl, line 2: not a paragraph record"):
        armpro.load(path)


def test_gold_strings_as_a_dictionary_score_well_on_their_own_paragraphs(paragraphs):
    """A check of the scorer on real data: the tune part's Loaded_Language
    strings, used as a dictionary, find most of the tune gold (this is
    memorisation, and is never shipped as a lexicon)."""
    tune = armpro.split(paragraphs, "tune")
    texts = {
        p.document.text[s.start : s.end]
        for p in tune
        for s in p.spans
        if s.label == "Loaded_Language"
    }
    memorised = Matcher(
        Dictionary("memorised", "0", tuple(Entry(t, "loaded", 1.0, "gold") for t in texts))
    )
    scores = armpro.score(memorised, tune).set_index("label")
    assert scores.loc["Loaded_Language", "recall"] > 0.8
    assert scores.loc["Name_Calling-Labeling", "predicted"] == 0


def test_the_emotion_baseline_is_scored(paragraphs):
    scores = armpro.score(Matcher(armpro.emotion_baseline()), armpro.split(paragraphs, "aside"))
    loaded = scores.set_index("label").loc["Loaded_Language"]
    assert loaded.predicted > 0 and 0 < loaded.f1 < 1


def test_the_cue_lexicon_beats_the_baseline_on_the_part_kept_aside(paragraphs):
    """Floors at the measurements.  Lexicon 0.2.0 (written entries and the
    induced ones): Loaded_Language F1 0.340 aside (P 0.293, R 0.404) and 0.389
    on tune; the baseline 0.104 aside; Name_Calling-Labeling 0.156 aside.
    History of the aside part, never read: 0.201 at 0.1.0, 0.200 after the
    matcher learnt the accusative alef, 0.188 at 0.1.2, 0.188 at 0.1.3 (whose
    new words do not occur in ArMPro), 0.202 for a draft of 0.1.4 whose «مهم*»
    also matched «مهمة» (a mission) in the seed, 0.204 at 0.1.4 to 0.1.6, 0.301
    for a draft of 0.2.0 whose induced entries still held closed-class words
    («التي»), names («حماس») and entries the matcher finds inside other words
    («الت» in «التي»), seen in the seed; 0.335 for a second draft whose induced
    entries could take a word from a written one (ب + «غيض» for «بغيض»), found by
    a reviewer; 0.340 at 0.2.0, and 0.340 again once the matcher tried the
    longest stem first («كامل» no longer read as ك + «أمل»)."""
    aside = armpro.split(paragraphs, "aside")
    ours = armpro.score(Matcher(cue_lexicon()), aside).set_index("label")
    baseline = armpro.score(Matcher(armpro.emotion_baseline()), aside).set_index("label")
    assert ours.loc["Loaded_Language", "f1"] >= 0.33
    assert ours.loc["Loaded_Language", "f1"] > baseline.loc["Loaded_Language", "f1"]
    assert ours.loc["Name_Calling-Labeling", "f1"] >= 0.15
    tune = armpro.score(Matcher(cue_lexicon()), armpro.split(paragraphs, "tune"))
    assert tune.set_index("label").loc["Loaded_Language", "f1"] >= 0.38


def test_the_written_entries_alone_keep_their_scores(paragraphs):
    """The written entries, unchanged from 0.1.6 to 0.2.0: Loaded_Language F1
    0.372 on tune (read for error analysis; 0.371 before the matcher tried the
    longest stem first) and 0.204 aside, as at 0.1.6."""
    written = cue_lexicon().without("loaded/induced")
    tune = armpro.score(Matcher(written), armpro.split(paragraphs, "tune")).set_index("label")
    aside = armpro.score(Matcher(written), armpro.split(paragraphs, "aside")).set_index("label")
    assert tune.loc["Loaded_Language", "f1"] >= 0.37
    assert aside.loc["Loaded_Language", "f1"] >= 0.20


def test_induced_entries_generalise_to_the_part_kept_aside(paragraphs):
    """The induced entries were fitted on tune only.  Alone they score
    Loaded_Language F1 0.264 aside (P 0.271, R 0.257), above the baseline's
    0.104 and the written entries' 0.204: what they learnt carries over.  (On
    tune alone they score less, 0.165: the words that tune rewards most are
    already written entries, which the induced ones leave out.)"""
    induced = cue_lexicon().restricted("loaded/induced")
    aside = armpro.score(Matcher(induced), armpro.split(paragraphs, "aside")).set_index("label")
    assert aside.loc["Loaded_Language", "f1"] >= 0.26
