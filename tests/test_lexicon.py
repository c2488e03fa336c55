"""The lexicon engine: dictionary formats, clitic-aware matching, negation,
longest match, offsets into the original text, and KWIC."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import hostile_text

from analysis.document import Document
from analysis.lexicon import (
    COLUMNS,
    KWIC_COLUMNS,
    Dictionary,
    DictionaryError,
    Entry,
    Matcher,
    cue_lexicon,
    kwic,
    read_dictionary,
)
from analysis.paths import seeds_dir
from analysis.text import fold

SEED = seeds_dir() / "us_iraq_troops_talks_ar.txt"


def matcher(*entries: tuple[str, str]) -> Matcher:
    return Matcher(Dictionary("test", "1", tuple(Entry(p, c, 1.0, "test") for p, c in entries)))


def found(m: Matcher, text: str) -> list[tuple[str, str]]:
    table = m.matches(Document("d", text))
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    return list(zip(table["text"], table["category"], strict=True))


def test_yaml_nested_categories_weights_and_globs(tmp_path: Path):
    path = tmp_path / "cues.yaml"
    path.write_text(
        "name: cues\nversion: '0.1'\nprovenance: written for the test\norigin: judgement\n"
        "categories:\n  conflict:\n    violence:\n      - قتل\n"
        "      - {pattern: 'اشتباك*', weight: 2, origin: armpro-error-analysis}\n"
        "  hedge:\n    - من غير المؤكد\n",
        encoding="utf-8",
    )
    d = read_dictionary(path)
    assert (d.name, d.version) == ("cues", "0.1")
    assert d.categories == ["conflict/violence", "hedge"]
    glob = next(e for e in d.entries if e.pattern == "اشتباك*")
    assert (glob.weight, glob.origin) == (2.0, "armpro-error-analysis")
    text = "واندلعت اشتباكات عنيفة، ومن غير المؤكد أن القتال انتهى."
    assert found(Matcher(d), text) == [
        ("اشتباكات", "conflict/violence"),
        ("ومن غير المؤكد", "hedge"),
    ]


def test_liwc_dic_is_read_and_matched(tmp_path: Path):
    path = tmp_path / "affect.dic"
    path.write_text(
        "%\n1\tposemo\n2\tnegemo\n3\tanger\n%\nسلام\t1\nغضب*\t2\t3\nحرب\t2\n",
        encoding="utf-8",
    )
    d = read_dictionary(path)
    assert d.categories == ["anger", "negemo", "posemo"]
    rows = found(Matcher(d), "غضبت الجماهير من الحرب ودعت إلى السلام")
    assert rows == [
        ("غضبت", "negemo"),
        ("غضبت", "anger"),
        ("الحرب", "negemo"),
        ("السلام", "posemo"),
    ]


def test_lexicoder_lc3_is_read_and_matched(tmp_path: Path):
    path = tmp_path / "tone.lc3"
    path.write_text("+NEGATIVE\nإرهاب*\nهجوم\n+POSITIVE\nاتفاق\n", encoding="utf-8")
    d = read_dictionary(path)
    assert d.categories == ["NEGATIVE", "POSITIVE"]
    assert found(Matcher(d), "هجومٌ إرهابيّ يهدد الاتفاق") == [
        ("هجومٌ", "NEGATIVE"),
        ("إرهابيّ", "NEGATIVE"),
        ("الاتفاق", "POSITIVE"),
    ]


def test_tsv_with_weights(tmp_path: Path):
    path = tmp_path / "w.tsv"
    path.write_text("pattern\tcategory\tweight\torigin\nمجزرة\tloaded\t2.5\tjudgement\n")
    table = Matcher(read_dictionary(path)).matches(Document("d", "وقعت مجزرة"))
    assert table[["text", "weight", "origin"]].values.tolist() == [["مجزرة", 2.5, "judgement"]]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("x.txt", "", "read .yaml, .tsv, .dic or .lc3"),
        ("x.dic", "سلام\t1\n", "opens with a '%' block"),
        ("x.dic", "%\n1\tpos\n%\nسلام\t7\n", "line 4: unknown category '7'"),
        ("x.lc3", "سلام\n", "line 1: an entry before any '+CATEGORY' line"),
        ("x.tsv", "word\tcat\n", "the first line must be"),
        ("x.tsv", "pattern\tcategory\tweight\nسلام\tpos\tkثير\n", "line 2: bad weight"),
        ("x.yaml", "name: x\n", "expected a mapping with 'categories'"),
    ],
)
def test_bad_dictionaries_name_the_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(path)
    assert str(path) in str(info.value) and reason in str(info.value)


def test_an_included_dictionary_is_taken_in_at_its_pinned_version(tmp_path):
    (tmp_path / "more.yaml").write_text(
        "name: more\nversion: '0.3'\norigin: induced:test\n"
        "categories:\n  loaded:\n    induced:\n      - {pattern: مروع, weight: 0.4}\n",
        encoding="utf-8",
    )
    main = tmp_path / "main.yaml"
    main.write_text(
        "name: main\nversion: '1.0'\norigin: judgement\n"
        "include:\n  - {file: more.yaml, version: '0.3'}\n"
        "categories:\n  loaded:\n    - بشع*\n",
        encoding="utf-8",
    )
    d = read_dictionary(main)
    assert (d.name, d.version) == ("main", "1.0")
    assert [(e.pattern, e.category, e.weight, e.origin) for e in d.entries] == [
        ("بشع*", "loaded", 1.0, "judgement"),
        ("مروع", "loaded/induced", 0.4, "induced:test"),
    ]
    assert found(Matcher(d), "مشهد مروع وبشعة") == [("مروع", "loaded/induced"), ("وبشعة", "loaded")]
    main.write_text(main.read_text(encoding="utf-8").replace("'0.3'", "'0.2'"), encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(main)
    assert str(main) in str(info.value) and "more.yaml at version 0.2" in str(info.value)
    assert [e.pattern for e in read_dictionary(main, includes=False).entries] == ["بشع*"]


@pytest.mark.parametrize(
    ("include", "reason"),
    [
        ("[more.yaml]", "an include needs 'file' and 'version'"),
        ("{file: more.yaml}", "'include' must be a list"),
        ("[{file: more.yaml, version: 0.3}]", "write its version as a string"),
        ("[{file: absent.yaml, version: '1'}]", "include absent.yaml: cannot read"),
        ("[{file: bad.yaml, version: '1'}]", "include bad.yaml: "),
        ("[{file: main.yaml, version: '1'}]", "include main.yaml makes a cycle"),
        ("[{file: loop.yaml, version: '1'}]", "include main.yaml makes a cycle"),
    ],
)
def test_bad_includes_name_the_including_file_and_reason(tmp_path, include, reason):
    (tmp_path / "more.yaml").write_text("version: '0.3'\ncategories: {}\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("name: x\n", encoding="utf-8")
    (tmp_path / "loop.yaml").write_text(
        "version: '1'\ninclude: [{file: main.yaml, version: '1'}]\ncategories: {}\n",
        encoding="utf-8",
    )
    main = tmp_path / "main.yaml"
    main.write_text(f"version: '1'\ninclude: {include}\ncategories: {{}}\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(main)
    assert str(main) in str(info.value) and reason in str(info.value)


def test_induced_entries_take_no_word_from_a_written_one_and_find_their_own():
    """The matcher tries the longest stem first, so an induced «بنوع» would
    read «بنوعي» as «بنوع» + ي and take it from the written «نوعي*»; no
    induced entry takes a word so, for any clitic before any written entry,
    and every induced entry finds its own word."""
    lexicon = cue_lexicon()
    written, both = Matcher(lexicon.without("loaded/induced")), Matcher(lexicon)
    taken = []
    for entry in lexicon.without("loaded/induced").entries:
        stem = fold(entry.pattern.removesuffix("*"))
        for form in (
            stem,
            *(p + stem for p in ("و", "ف", "ب", "ك", "ل", "ال", "وال", "بال", "لل")),
        ):
            if written.entries_for_word(form) != both.entries_for_word(form):
                taken.append(form)
    assert taken == []
    lost = [
        e.pattern for e in lexicon.restricted("loaded/induced").entries
        if e not in both.entries_for_word(fold(e.pattern))
    ]  # fmt: skip
    assert lost == []


def test_entries_for_word_is_the_reading_of_the_whole_word():
    m = matcher(("غيض", "a"), ("بغيض", "b"), ("حرب", "c"))
    assert [e.pattern for e in m.entries_for_word("والحرب")] == ["حرب"]
    assert [e.pattern for e in m.entries_for_word("بغيض")] == ["بغيض"]  # the longest stem first
    assert [e.pattern for e in m.entries_for_word("وبغيض")] == ["بغيض"]
    assert [e.pattern for e in m.entries_for_word("لغيض")] == ["غيض"]
    assert m.entries_for_word("الحربية") == m.entries_for_word("حروب") == []
    assert m.entries_for_word("") == []


def test_without_is_the_complement_of_restricted():
    lexicon = cue_lexicon()
    kept, left = lexicon.without("loaded"), lexicon.restricted("loaded")
    assert len(kept.entries) + len(left.entries) == len(lexicon.entries)
    assert not any(e.category.split("/")[0] == "loaded" for e in kept.entries)


def test_missing_file_is_a_dictionary_error(tmp_path):
    with pytest.raises(DictionaryError, match="cannot read"):
        read_dictionary(tmp_path / "absent.yaml")


@pytest.mark.parametrize("pattern", ["*", " ", "ال*حرب"])
def test_patterns_without_letters_or_with_inner_globs_are_refused(pattern):
    with pytest.raises(DictionaryError, match="a pattern needs letters"):
        matcher((pattern, "x"))


def test_attached_clitics_are_matched_and_the_whole_word_is_the_span():
    m = matcher(("حرب", "conflict"))
    text = "وبالحرب والحرب فالحرب لحربهم حربٌ محاربة"
    assert [t for t, _ in found(m, text)] == ["وبالحرب", "والحرب", "فالحرب", "لحربهم", "حربٌ"]


def test_spelling_variants_fold_to_the_same_entry():
    m = matcher(("إيران", "actor"), ("يكذب", "loaded"))
    text = "ايـــران وإيرانَ تکذب? لا، یکذب"  # tatweel, diacritic, Persian kaf and yeh
    assert [t for t, _ in found(m, text)] == ["ايـــران", "وإيرانَ", "یکذب"]


def test_longest_match_wins_and_matches_never_overlap():
    m = matcher(("قوات", "actor"), ("قوات الحشد الشعبي", "actor/pmf"), ("الحشد", "other"))
    rows = found(m, "انسحبت قوات الحشد الشعبي ثم الحشد")
    assert rows == [("قوات الحشد الشعبي", "actor/pmf"), ("الحشد", "other")]


def test_multiword_entries_do_not_cross_lines():
    m = matcher(("من غير المؤكد", "hedge"))
    assert found(m, "من غير\nالمؤكد") == []
    assert found(m, "من  غير المؤكد") == [("من  غير المؤكد", "hedge")]


def test_negation_within_three_words_of_the_same_sentence():
    m = matcher(("يقتل", "conflict"), ("قتل", "conflict"))
    table = m.matches(Document("d", "لم يقتل أحد. ولا أحد هنا. قتل ثلاثة. لن نقول إنه لم يعد يقتل"))
    assert table[["text", "negated", "negator"]].values.tolist() == [
        ["يقتل", True, "لم"],
        ["قتل", False, ""],  # the لا of the previous sentence does not reach it
        ["يقتل", True, "لم"],
    ]
    far = m.matches(Document("d", "لم يكن الرجل الذي قتل معروفا"))
    assert far["negated"].tolist() == [False]
    attached = m.matches(Document("d", "فلم يقتل"))
    assert attached["negator"].tolist() == ["فلم"]


def test_intensifier_next_to_a_match_is_recorded():
    m = matcher(("خطير", "loaded"))
    table = m.matches(Document("d", "وضع خطير جدا، وهو أمر خطير."))
    assert table["intensifier"].tolist() == ["جدا", ""]


def test_columns_rule_and_empty_text():
    m = matcher(("حرب", "conflict/war"))
    empty = m.matches(Document("e", ""))
    assert list(empty.columns) == COLUMNS and empty.empty
    row = m.matches(Document("d", "الحرب")).iloc[0]
    assert row["rule"] == "lexicon:test@1:حرب"
    assert row["kind"] == "conflict"


def test_an_empty_dictionary_matches_nothing():
    m = Matcher(Dictionary("none", "0", ()))
    assert m.matches(Document("d", "أي نص")).empty


def test_offsets_hold_on_the_seed_with_presentation_forms_and_controls():
    text = SEED.read_text(encoding="utf-8")
    m = matcher(("مسؤول*", "source"), ("ميليشيا*", "label"), ("قوات", "actor"))
    table = m.matches(Document("seed", text))
    assert len(table) >= 5
    assert all(text[s:e] == t for s, e, t in zip(table.start, table.end, table.text, strict=True))
    # the same words pasted as presentation forms, with a bidi mark inside
    hostile = "\u200fﺍﻟﻤﻴﻠﻴﺸﻴﺎﺕ و\u200bقوات"
    rows = m.matches(Document("h", hostile))
    assert rows["text"].tolist() == ["ﺍﻟﻤﻴﻠﻴﺸﻴﺎﺕ", "و\u200bقوات"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
def test_no_crash_and_valid_offsets_on_hostile_text(text):
    m = matcher(("حرب", "a"), ("قوات الحشد", "b"), ("غضب*", "c"), ("لا", "d"))
    table = m.matches(Document("h", text))
    for row in table.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start : row.end] == row.text
        assert row.rule


def test_kwic_has_quanteda_columns_and_token_positions():
    m = matcher(("ميليشيا*", "label"))
    doc = Document("seed", "هددت الميليشيات المدعومة من إيران بشن هجمات على القوات")
    table = kwic(doc, m, window=2)
    assert list(table.columns) == KWIC_COLUMNS
    assert table.values.tolist() == [["seed", 2, 2, "هددت", "الميليشيات", "المدعومة من"]]
    multi = kwic([doc], matcher(("المدعومة من إيران", "x")), window=1)
    assert multi[["from", "to", "pre", "keyword", "post"]].values.tolist() == [
        [3, 5, "الميليشيات", "المدعومة من إيران", "بشن"]
    ]


def test_inflection_needs_a_glob_so_unrelated_words_do_not_match():
    m = matcher(("آلام", "loaded"), ("خطير*", "loaded"))
    assert found(m, "الأمين العام والأمة وآلامهم") == [("وآلامهم", "loaded")]
    assert [t for t, _ in found(m, "خطيرة وخطيرون")] == ["خطيرة", "وخطيرون"]


def test_the_shipped_cue_lexicon_is_versioned_with_provenance_and_origins():
    lexicon = cue_lexicon()
    assert lexicon.version and lexicon.provenance
    kinds = {c.split("/")[0] for c in lexicon.categories}
    assert kinds == {
        "loaded", "label", "hedge", "intensifier", "conflict", "cooperation", "negative",
        "positive",
    }  # fmt: skip
    induced = [e for e in lexicon.entries if e.category == "loaded/induced"]
    assert induced and all(e.origin.startswith("induced:") for e in induced)
    assert all(0 < e.weight < 1 for e in induced)  # a probability
    assert all(e.origin == "judgement" for e in lexicon.entries if e not in induced)
    seen = [(e.pattern, e.category) for e in lexicon.entries]
    assert len(seen) == len(set(seen))
    Matcher(lexicon)  # every pattern compiles


def test_induced_entries_never_duplicate_a_written_one():
    """A word the written lexicon matches is left to it, so one word never
    gives two loaded rows, one judged and one induced."""
    lexicon = cue_lexicon()
    written = Matcher(lexicon.without("loaded/induced"))
    induced = [e.pattern for e in lexicon.entries if e.category == "loaded/induced"]
    assert len(induced) > 1000
    assert [w for w in induced if written.entries_for_word(fold(w))] == []
    # closed-class words and names are never induced
    assert not {"التي", "الذي", "حماس", "حزب", "ذلك"} & set(induced)
    weights = [e.weight for e in lexicon.entries if e.category == "loaded/induced"]
    assert min(weights) >= 0.2 and weights == sorted(weights, reverse=True)


CUES = Matcher(cue_lexicon())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
def test_the_cue_lexicon_keeps_offsets_on_hostile_text(text):
    for row in CUES.matches(Document("h", text)).itertuples():
        assert text[row.start : row.end] == row.text and row.rule


def test_restricted_keeps_one_branch():
    lexicon = cue_lexicon()
    loaded = lexicon.restricted("loaded")
    assert loaded.entries and all(e.category.split("/")[0] == "loaded" for e in loaded.entries)
    assert loaded.version == lexicon.version and loaded.polarity == lexicon.polarity
    assert len(lexicon.restricted("loaded", "label").entries) == len(loaded.entries) + len(
        lexicon.restricted("label").entries
    )
