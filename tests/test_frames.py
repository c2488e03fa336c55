"""Frames: indicator questions answered per paragraph (analysis.frames).

The floors are the scores measured against the frame gold standard
(tests/gold/frames.jsonl, see tests/gold/FRAMES.md) when this test was
written, truncated to two decimals, for the tuning and the held-out articles
separately.  ``python -m analysis.frames`` prints the full tables.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import corpus, evaluate, frames, paths
from analysis.document import Document

GOLD = paths.project_root() / "tests" / "gold" / "frames.jsonl"
SAUDINEWSNET = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
FLOORS = {  # paragraph-level micro F1, article-level micro F1; measured 2026-11-29
    "tune": {"paragraph": 0.76, "article": 0.78},
    "heldout": {"paragraph": 0.59, "article": 0.72},
}


def yes(text: str) -> set[str]:
    answers = frames.frame_answers(Document("t", text))
    return set(answers.loc[answers["answer"], "question"])


def test_codebook_holds_the_five_frames_and_their_questions():
    book = frames.codebook()
    assert list(book["frames"]) == [
        "conflict", "human_interest", "responsibility", "economic", "morality",
    ]  # fmt: skip
    counts = {f: len(spec["questions"]) for f, spec in book["frames"].items()}
    assert counts == {"conflict": 4, "human_interest": 5, "responsibility": 5, "economic": 3,
                      "morality": 3}  # fmt: skip
    assert len(frames.CODED_QUESTIONS) == 19  # pictures are not in the text
    for question in frames.questions():
        assert question["question"] and question["question_ar"], question["id"]
        assert question["id"].startswith(question["frame"] + ".")
        if question.get("coded", True):
            assert question.get("cues") or question.get("detectors"), question["id"]
    table = frames.codebook_table()
    assert len(table) == 20 and set(table["frame"]) == set(book["frames"])


def test_seed_evidence_is_spans_of_the_text_with_rules():
    doc = corpus.load_seed("us_iraq_troops_talks_ar")
    evidence = frames.frame_evidence(doc)
    assert list(evidence.columns) == frames.EVIDENCE_COLUMNS
    for row in evidence.itertuples(index=False):
        assert doc.text[row.start : row.end] == row.text
        assert row.paragraph_start <= row.start < row.end <= row.paragraph_end
        assert row.rule.startswith(f"frames@0.3.0:{row.question}:")
    answers = frames.frame_answers(doc, evidence=evidence)
    assert len(answers) == 19 * len(frames.coded_paragraphs(doc))
    slaughtered = answers[answers["paragraph_text"].str.contains("وذبحوا")]
    assert set(slaughtered.loc[slaughtered["answer"], "question"]) >= {
        "human_interest.emotive_language", "human_interest.people_affected",
        "conflict.disagreement",
    }  # fmt: skip
    profile = frames.frame_profile(answers).set_index("frame")
    assert profile.loc["conflict", "paragraph_share"] > profile.loc["economic", "paragraph_share"]
    assert profile.loc["morality", "answered"] == 0
    assert ((profile["score"] >= 0) & (profile["score"] <= 1)).all()


def test_names_and_negation_are_not_evidence():
    assert "morality.religion" not in yes("وقال عبد الله إن حزب الله يرفض.")
    assert "conflict.disagreement" not in yes("لا خلاف بين البلدين.")


def test_detectors_tie_acts_to_actors():
    found = frames.frame_evidence(Document("t", "اختطف تنظيم داعش 220 شخصا من القرية."))
    responsible = found[found["question"] == "responsibility.individual_or_group_responsible"]
    assert set(responsible["text"]) == {"اختطف", "تنظيم داعش"}
    assert set(responsible["source"]) == {"harm_by_non_state"}
    sides = frames.frame_evidence(Document("t", "وصل الوزير الإيطالي إلى طهران أمس."))
    assert set(sides.loc[sides["question"] == "conflict.sides", "text"]) == {"الإيطالي", "طهران"}


def test_government_questions_need_a_government():
    assert "responsibility.government_can_alleviate" not in yes("ووعد الرجل بتقديم مساعدات.")
    found = frames.frame_evidence(Document("t", "ووعدت الحكومة بتقديم مساعدات للنازحين."))
    needed = found[found["question"] == "responsibility.government_can_alleviate"]
    assert "requires" in set(needed["source"]) and "الحكومة" in set(needed["text"])


def test_money_is_economic():
    assert {"economic.costs", "economic.gains_losses"} <= yes("بلغت التكلفة 30 مليون دولار.")


def test_empty_document():
    doc = Document("e", "")
    assert frames.frame_evidence(doc).empty and frames.frame_answers(doc).empty
    assert frames.frame_profile(frames.frame_answers(doc)).empty


def test_gold_is_valid_and_split():
    records = evaluate.read_gold(GOLD)
    assert {r["split"] for r in records} == {"tune", "heldout"}
    assert len(records) == 20
    for record in records:
        for paragraph in record["paragraphs"]:
            assert set(paragraph["answers"]) <= set(frames.CODED_QUESTIONS)
            for spans in paragraph["answers"].values():
                assert spans and all(s["text"] for s in spans)


@pytest.fixture(scope="module")
def scores():
    if not SAUDINEWSNET.exists():
        pytest.skip(f"{SAUDINEWSNET} is absent: the frame gold cannot be scored")
    records = evaluate.read_gold(GOLD)
    docs = evaluate.gold_documents(records)
    frames.check_alignment(records, docs)
    predicted = frames.predicted_answers(docs)
    return {
        split: frames.score([r for r in records if r["split"] == split], predicted)
        for split in FLOORS
    }


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_scores_hold(scores, split):
    table = scores[split].set_index(["level", "label"])
    for level, floor in FLOORS[split].items():
        f1 = table.loc[(level, "micro"), "f1"]
        assert f1 >= floor, f"{split} {level} micro F1 {f1} < {floor}"


def test_cli_frames_evidence_and_answers(tmp_path, capsys):
    import json

    import pandas as pd

    from analysis.__main__ import main as cli

    path = tmp_path / "in.jsonl"
    record = {"doc_id": "a", "text": "بلغت التكلفة 30 مليون دولار."}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert cli(["frames", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(r["question"], r["text"]) for r in rows} >= {
        ("economic.costs", "التكلفة"), ("economic.costs", "30 مليون دولار"),
    }  # fmt: skip
    out = tmp_path / "answers.csv"
    assert cli(["frames", "--answers", str(path), "--format", "csv", "--out", str(out)]) == 0
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert list(table.columns) == frames.ANSWER_COLUMNS and table["answer"].all()
    assert set(table["question"]) == {
        "economic.costs",
        "economic.gains_losses",
    }


def test_review_cases_of_names_questions_and_patterns():
    # a nationality inside a name is not a second side
    assert "conflict.sides" not in yes("قال النظام السوري إنه مستعد.")
    # «الدولة» inside «تنظيم الدولة الإسلامية» is no government
    assert "responsibility.government_can_alleviate" not in yes(
        "تعهد تنظيم الدولة الإسلامية بمواصلة القتال."
    )
    # a longer cue of one question does not hide a cue of another
    assert {"responsibility.solution", "responsibility.government_can_alleviate"} <= yes(
        "وسعت الحكومة إلى حل الأزمة."
    )
    # ages and sums written with ta marbuta
    assert "human_interest.human_example" in yes("قتل شاب يبلغ 15 سنة.")
    assert "economic.costs" in yes("بلغت التكلفة 300 ليرة.")


def test_answers_and_profiles_keep_to_their_document():
    a, b = Document("a", "الحرب في اليمن."), Document("b", "بلغت التكلفة 30 مليون دولار.")
    evidence = pd.concat([frames.frame_evidence(a), frames.frame_evidence(b)])
    answers = frames.frame_answers(a, evidence=evidence)
    assert set(answers.loc[answers["answer"], "question"]) == {"conflict.disagreement"}
    from analysis import cues

    found = pd.concat([cues.cues(a), cues.cues(b)])
    profile = cues.paragraph_profile(a, found)
    assert profile["paragraph"].tolist() == [0]
    assert profile[list(cues.KINDS)].sum(axis=1).tolist() == [len(cues.cues(a))]


def test_kappa_and_score_by_hand():
    # 10 items; a says yes to 0-3, b to 2-5: agreement 6/10, chance 0.4*0.4+0.6*0.6
    assert frames.kappa({0, 1, 2, 3}, {2, 3, 4, 5}, 10) == pytest.approx((0.6 - 0.52) / 0.48)
    assert frames.kappa(set(), set(), 10) == 0.0
    record = {
        "doc_id": "d",
        "paragraphs": [
            {"index": 0, "answers": {"conflict.sides": [{}], "economic.costs": [{}]}},
            {"index": 1, "answers": {}},
        ],
    }
    predicted = {("d", 0, "conflict.sides"), ("d", 1, "conflict.sides"), ("x", 0, "economic.costs")}
    table = frames.score([record], predicted).set_index(["level", "label"])
    sides = table.loc[("paragraph", "conflict.sides")]
    assert (sides.gold, sides.predicted, sides.tp) == (1, 2, 1)
    assert (sides.precision, sides.recall) == (0.5, 1.0)
    micro = table.loc[("paragraph", "micro")]  # the other document's answer is ignored
    assert (micro.gold, micro.predicted, micro.tp) == (2, 2, 1)
    article = table.loc[("article", "micro")]
    assert (article.gold, article.predicted, article.tp) == (2, 1, 1)
