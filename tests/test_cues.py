"""Cue extraction and tone on real text, and the ``cues`` command."""

from __future__ import annotations

import csv
import io
import json

import pytest

from analysis import corpus
from analysis.__main__ import main as cli
from analysis.cues import COLUMNS, TONE_COLUMNS, cues, tone
from analysis.document import Document
from analysis.lexicon import Dictionary, Entry, cue_lexicon


@pytest.fixture(scope="module")
def seed():
    return corpus.load_seed("us_iraq_troops_talks_ar")


def test_seed_cues_name_their_rule_and_polarity(seed):
    table = cues(seed)
    assert list(table.columns) == COLUMNS
    version = cue_lexicon().version
    listed = table[table.category != "scare_quote"]
    assert all(r.startswith(f"lexicon:itar-cues@{version}:") for r in listed.rule)
    by_text = {(r.text, r.kind): r for r in table.itertuples()}
    # the seed's labels for the armed groups, and its explicit hedge
    assert ("الميليشيات", "label") in by_text
    assert by_text["الميليشيات", "label"].polarity == "negative"
    assert ("من غير المؤكد", "hedge") in by_text
    # the loaded words of the 7 October paragraphs and the militias' threats
    for written in ("وذبحوا", "باغتيال", "بالانتقام", "انتقام"):
        assert (written, "loaded") in by_text, written
        assert by_text[written, "loaded"].polarity == "negative"
    # the writer's distance from «طبيعية», detected rather than listed
    quoted = table[table.category == "scare_quote"]
    assert quoted[["text", "rule", "origin"]].values.tolist() == [
        ['"طبيعية"', "scare_quote:short_uncued", "detected"]
    ]
    assert table.start.is_monotonic_increasing
    assert not cues(seed, scare_quotes=False).category.eq("scare_quote").any()
    # Hamas is a name, not the word for enthusiasm
    assert not table.text.str.contains("حماس").any()
    for row in table.itertuples():
        assert seed.text[row.start : row.end] == row.text


def test_polarity_follows_the_most_specific_category():
    lexicon = cue_lexicon()
    assert lexicon.polarity_of("loaded/horror") == "negative"
    assert lexicon.polarity_of("loaded/praise") == "positive"
    assert lexicon.polarity_of("loaded/emphasis") == "neutral"
    assert lexicon.polarity_of("conflict") == "neutral"


def test_negated_cues_count_for_the_other_side():
    doc = Document("d", "لم يكن الاتفاق فشلا. وكان الهجوم كارثة.")
    table = cues(doc)
    failure = table[table.text == "فشلا"].iloc[0]
    assert (failure.polarity, failure.negated, failure.negator) == ("negative", True, "لم")
    scores = tone(doc)
    assert list(scores.columns) == TONE_COLUMNS
    first, second = scores.itertuples()
    assert (first.positive, first.negative, first.tone) == (1.0, 0.0, 1.0)
    assert (second.positive, second.negative, second.tone) == (0.0, 1.0, -1.0)
    assert "كارثة" in second.cues and "فشل" in first.cues


def test_tone_lists_the_cues_behind_every_score(seed):
    table = cues(seed)
    for unit in ("sentence", "paragraph"):
        scores = tone(seed, unit)
        assert len(scores) > 0
        for row in scores.itertuples():
            assert seed.text[row.start : row.end] == row.text
            spans = [c.split(":", 1)[0] for c in row.cues.split("; ")]
            for span in spans:
                start, end = map(int, span.split("-"))
                assert row.start <= start < end <= row.end
                assert ((table.start == start) & (table.end == end)).any()
            assert -1 <= row.tone <= 1
    with pytest.raises(ValueError, match="sentence, paragraph"):
        tone(seed, "word")


def test_a_custom_dictionary_and_several_documents():
    mine = Dictionary("mine", "2", (Entry("سد", "topic", 1.0, "test"),))
    docs = [Document("a", "سد النهضة"), Document("b", "لا شيء"), Document("c", "والسد")]
    table = cues(docs, mine)
    assert table[["doc_id", "text", "rule"]].values.tolist() == [
        ["a", "سد", "lexicon:mine@2:سد"],
        ["c", "والسد", "lexicon:mine@2:سد"],
    ]
    assert list(cues([], mine).columns) == COLUMNS


def test_cli_cues_jsonl_csv_and_own_lexicon(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"doc_id": "a", "text": "هجوم إرهابي مروع"}, ensure_ascii=False))
    assert cli(["cues", str(path)]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["text"] for r in rows if r["kind"] != "conflict"] == ["إرهابي", "مروع"]
    assert "cues; load report: 1 loaded; documents analysed: 1" in captured.err
    out = tmp_path / "out.csv"
    assert cli(["cues", str(path), "--format", "csv", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == COLUMNS
    lc3 = tmp_path / "mine.lc3"
    lc3.write_text("+THREAT\nهجوم\n", encoding="utf-8")
    assert cli(["cues", str(path), "--lexicon", str(lc3)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["category"]) for r in rows] == [("هجوم", "THREAT")]
    bad = tmp_path / "bad.lc3"
    bad.write_text("هجوم\n", encoding="utf-8")
    assert cli(["cues", str(path), "--lexicon", str(bad)]) == 2
    assert str(bad) in capsys.readouterr().err
