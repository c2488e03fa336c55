"""The lexicon engine: dictionary formats, clitic-aware matching, negation,
longest match, offsets into the original text, and KWIC."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from guarded import run_guarded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import hostile_text

import analysis.lexicon as lexicon_module
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
        ("[{file: absent.yaml, version: '1'}]", "absent.yaml: no such file or directory"),
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
    with pytest.raises(DictionaryError, match=r"absent\.yaml: no such file or directory"):
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


# ------------------------------------------------------ hostile dictionary files

# Read in a child process with its address space capped and a time limit, so
# that a reader that expands an alias bomb or blocks on a FIFO fails the test
# instead of exhausting the machine's memory or hanging it.
GUARDED_READ = """
import resource, sys
from analysis.lexicon import DictionaryError, read_dictionary
if sys.platform == "linux":
    resource.setrlimit(resource.RLIMIT_AS, (2**30, resource.getrlimit(resource.RLIMIT_AS)[1]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_dictionary(sys.argv[1])
    print("read")
except DictionaryError as exc:
    print(exc)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def guarded_read(path: Path) -> tuple[str, int]:
    """What reading *path* says (its DictionaryError, or ``read``) and how
    much the read raised the process's peak resident memory (KiB on Linux)."""
    found = run_guarded(
        GUARDED_READ,
        path,
        timeout=120,  # the read takes a second
        hung="the read did not return: it expands without end or blocks",
    )
    message, peak = found.rstrip("\n").rsplit("\n", 1)
    return message, int(peak)


@pytest.mark.skipif(sys.platform != "linux", reason="the memory cap needs Linux's RLIMIT_AS")
def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    """Nine levels of ten aliases each stand for 10⁹ entries, 10¹⁰ with the
    first list: hundreds of gigabytes as entries.  The file is refused while
    its aliases are counted, before anything is expanded."""
    levels = [f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        "\n".join(["version: '1'", "l0: &a0 [حرب, قتل, دمار, ضحايا, مجزرة, a, b, c, d, e]"])
        + "\n" + "\n".join(levels) + "\ncategories: {loaded: *a9}\n",
        encoding="utf-8",
    )  # fmt: skip
    assert bomb.stat().st_size < 2000
    message, peak = guarded_read(bomb)  # KiB
    assert message.startswith(f"{bomb}, line ")
    assert (
        f"its aliases would expand it by more than {lexicon_module.MAX_ALIASED_NODES:,} nodes"
        in message
    )
    assert peak < 32 * 2**10, f"{peak / 2**10:.0f} MiB more to refuse a 1 kB file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_never_opened(tmp_path):
    fifo = tmp_path / "blocks.tsv"
    os.mkfifo(fifo)
    message, _ = guarded_read(fifo)
    assert message == f"{fifo}: not a regular file (a FIFO); not opened"


def test_aliases_that_add_little_are_read(tmp_path):
    path = tmp_path / "shared.yaml"
    path.write_text(
        "version: '1'\nwords: &w [حرب, 'قتال*']\n"
        "categories:\n  conflict: *w\n  loaded:\n    war: *w\n",
        encoding="utf-8",
    )
    d = read_dictionary(path)
    assert [(e.pattern, e.category) for e in d.entries] == [
        ("حرب", "conflict"), ("قتال*", "conflict"), ("حرب", "loaded/war"), ("قتال*", "loaded/war"),
    ]  # fmt: skip


def aliases_nesting_deep(levels: int, depth: int) -> str:
    """Anchors each nesting the one before *depth* lists deeper: the file nests
    *depth* + 2 levels, the last alias *levels* × *depth*."""
    lines = ["version: '1'", "a0: &a0 " + "[" * depth + "حرب" + "]" * depth]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} " + "[" * depth + f"*a{i - 1}" + "]" * depth)
    return "\n".join([*lines, f"categories: {{x: *a{levels - 1}}}"]) + "\n"


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("categories: &c {a: *c}\n", 1, "alias *c lies inside its own anchor"),
        ("categories: {a: " + "[" * 5000 + "]" * 5000 + "}\n", 1, "nested deeper than 100 levels"),
        ("version: '1'\ncategories:\n  " + "{a: " * 3000 + "[حرب]" + "}" * 3000 + "\n", 3,
         "nested deeper than 100 levels"),
        (aliases_nesting_deep(30, 40), 4, "nested deeper than 100 levels, its aliases expanded"),
    ],
)  # fmt: skip
def test_recursive_and_deeply_nested_yaml_is_refused(tmp_path, content, line, reason):
    path = tmp_path / "deep.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(path)
    assert str(info.value) == f"{path}, line {line}: {reason}"


def test_a_category_tree_up_to_the_depth_limit_is_read(tmp_path):
    depth = lexicon_module.MAX_DEPTH - 3  # the file's mapping, «categories» and the list of entries
    path = tmp_path / "tree.yaml"
    path.write_text("categories: " + "{a: " * depth + "[حرب]" + "}" * depth + "\n", "utf-8")
    (entry,) = read_dictionary(path).entries
    assert entry.category == "/".join(["a"] * depth)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("x.yaml", "categories:\n  a:\n    - {pattern: حرب, weight: lots}\n",
         "line 3: bad weight 'lots': not a number"),
        ("x.yaml", "categories:\n  a:\n    - pattern: حرب\n      weight: .nan\n",
         "line 4: bad weight nan: a weight must be finite"),
        ("x.yaml", "categories:\n  a:\n    - {pattern: حرب, weight: -.inf}\n",
         "line 3: bad weight -inf: a weight must be finite"),
        ("x.yaml", "categories:\n  a:\n    - {pattern: حرب, weight: 1" + "0" * 400 + "}\n",
         "line 3: bad weight 1000"),
        ("x.yaml", "categories:\n  a:\n    - {pattern: حرب, weight: [1]}\n",
         "line 3: bad weight [1]: not a number"),
        ("x.yaml", "categories:\n  a:\n    - {pattern: حرب, weight: yes}\n",
         "line 3: bad weight True: not a number"),
        ("x.tsv", "pattern\tcategory\tweight\nحرب\ta\tnan\n",
         "line 2: bad weight 'nan': a weight must be finite"),
        ("x.tsv", "pattern\tcategory\tweight\nسلام\tb\t1\nحرب\ta\t1e999\n",
         "line 3: bad weight '1e999': a weight must be finite"),
    ],
)  # fmt: skip
def test_weights_must_be_finite_numbers(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(path)
    assert str(info.value).startswith(f"{path}, {reason}")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("pattern\tcategory\nسلام\tb\nمجزرة\n", "line 3: no category: the line has no tab"),
        ("pattern\tcategory\tweight\nمجزرة\t\t2\n", "line 2: entry 'مجزرة' has no category"),
        ("pattern\tcategory\nمجزرة\tloaded/\n",
         "line 2: entry 'مجزرة': an empty name in 'loaded/'"),
        ("pattern\tcategory\tweight\nمجزرة\tloaded\t2\tjudgement\n",
         "line 2: 4 fields, but the header names 3 (pattern, category, weight)"),
        ('pattern\tcategory\n"مجزرة\nكبرى"\tloaded\nحرب\tconflict\n' + "x\ty\n" * 3
         + "ال*حرب\tx\n", "line 2: no category: the line has no tab"),  # no quoting in TSV
        ('pattern\tcategory\n"مجزرة"\tloaded\nحرب\tconflict\n' + "x\ty\n" * 3
         + "ال*حرب\tx\n", "line 7: entry 'ال*حرب' (x): a pattern needs letters"),
        ("pattern\tcategory\n" + "ح" * 200_000 + "\tx\n", "line 2: field larger than field limit"),
    ],
)  # fmt: skip
def test_tsv_rows_with_missing_or_extra_fields_name_the_line(tmp_path, content, reason):
    path = tmp_path / "x.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(path)
    assert str(info.value).startswith(f"{path}, {reason}")


def test_tsv_rows_may_leave_out_optional_fields(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text(
        "pattern\tcategory\tweight\torigin\r\nمجزرة\tloaded\r\nحرب\tconflict\t2\r\n"
        "قتل\tconflict\t\tjudgement\t\t\r\n",
        encoding="utf-8",
    )
    assert [(e.pattern, e.category, e.weight, e.origin) for e in read_dictionary(path).entries] == [
        ("مجزرة", "loaded", 1.0, ""), ("حرب", "conflict", 2.0, ""),
        ("قتل", "conflict", 1.0, "judgement"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("x.yaml", "categories:\n  a:\n    - حرب\n    - {weight: 2}\n",
         "line 4: category 'a': an entry needs a 'pattern', not {'weight': 2}"),
        ("x.yaml", "categories:\n  a:\n    - [حرب, قتل]\n",
         "line 3: category 'a': a pattern is text, not ['حرب', 'قتل']"),
        ("x.yaml", "categories:\n  a:\n    - {pattern: null}\n",
         "line 3: category 'a': a pattern is text, not None"),
        ("x.yaml", "categories:\n  a:\n    b: 5\n", "line 3: category 'a/b': expected entries"),
        ("x.yaml", "categories: [حرب]\n", "line 1: entry 'حرب' has no category"),
        ("x.yaml", "categories:\n  a:\n    - 'ال*حرب'\n",
         "line 3: entry 'ال*حرب' (a): a pattern needs letters"),
        ("x.yaml", "categories:\n  a:\n    - 2020-13-45\n",
         "line 3: not valid YAML ('2020-13-45' cannot be read as timestamp)"),
        ("x.yaml", "categories:\n  a:\n    - 0b_\n",
         "line 3: not valid YAML ('0b_' cannot be read as int)"),
        ("x.yaml", "categories:\n  a:\n    - !!bool حرب\n",
         "line 3: not valid YAML ('حرب' cannot be read as bool)"),
        ("x.yaml", "categories:\n  a: [حرب\x01]\n",
         "line 2: not valid YAML (the character U+0001 is not allowed)"),
        ("x.yaml", "categories:\n  a: [حرب\n  b: ]\n", "line 3: not valid YAML (while parsing"),
        ("x.yaml", "negators: 5\ncategories: {a: [حرب]}\n",
         "line 1: 'negators' must be a list of words"),
        ("x.yaml", "categories: {a: [حرب]}\npolarity: [a]\n",
         "line 2: 'polarity' must map categories to polarities"),
        ("x.yaml", "version: '1'\ninclude:\n  - {file: more.yaml, version: '1'}\n"
         "  - {file: \"a\\0.yaml\", version: '1'}\ncategories: {}\n",
         "line 4: include 'a\\x00.yaml': not a file"),
        ("x.dic", "%\n1\tpos\n%\nسلام\t1\nال*حرب\t1\n", "line 5: entry 'ال*حرب' (pos): a pattern"),
        ("x.dic", "%\n1\tpos\n%\n\t1\n", "line 4: entry '' (pos): a pattern needs letters"),
        ("x.lc3", "+\nحرب\n", "line 2: entry 'حرب' has no category"),
        ("x.lc3", "+NEG\r\nحرب\r\n*\r\n", "line 3: entry '*' (NEG): a pattern needs letters"),
    ],
)  # fmt: skip
def test_malformed_entries_name_the_file_the_line_and_the_reason(tmp_path, name, content, reason):
    (tmp_path / "more.yaml").write_text("version: '1'\ncategories: {}\n", encoding="utf-8")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(path)
    assert str(info.value).startswith(f"{path}, {reason}")


WINDOWS_1256 = {  # Latin keys, header and category names around Arabic entries
    "x.yaml": "name: x\nversion: '1'\ncategories:\n  negative:\n    - حرب\n"
    "    - {pattern: 'اشتباك*', weight: 2}\n  positive: [سلام]\n",
    "x.tsv": "pattern\tcategory\tweight\nحرب\tnegative\t1\nاشتباك*\tnegative\t2\n"
    "سلام\tpositive\t1\n",
    "x.dic": "%\n1\tnegative\n2\tpositive\n%\nحرب\t1\nاشتباك*\t1\nسلام\t2\n",
    "x.lc3": "+negative\nحرب\nاشتباك*\n+positive\nسلام\n",
}


@pytest.mark.parametrize("name", sorted(WINDOWS_1256))
def test_windows_1256_dictionaries_read_as_their_utf8_twins(tmp_path, name):
    text = WINDOWS_1256[name]
    (tmp_path / "utf8").mkdir()
    (tmp_path / "utf8" / name).write_text(text, encoding="utf-8")
    (tmp_path / "cp1256").mkdir()
    (tmp_path / "cp1256" / name).write_bytes(text.replace("\n", "\r\n").encode("cp1256"))
    (tmp_path / "utf16").mkdir()
    (tmp_path / "utf16" / name).write_bytes(text.encode("utf-16"))
    utf8 = read_dictionary(tmp_path / "utf8" / name).entries
    assert [e.pattern for e in utf8] == ["حرب", "اشتباك*", "سلام"]
    assert read_dictionary(tmp_path / "cp1256" / name).entries == utf8
    assert read_dictionary(tmp_path / "utf16" / name).entries == utf8


@pytest.mark.parametrize("name", sorted(WINDOWS_1256))
def test_bytes_that_are_neither_utf8_nor_arabic_name_the_encoding_and_offset(tmp_path, name):
    path = tmp_path / name
    text = WINDOWS_1256[name].replace("حرب", "café").replace("سلام", "naïve")
    path.write_bytes(text.encode("latin-1", errors="ignore"))
    offset = text.encode("latin-1", errors="ignore").index(b"\xe9")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(path)
    assert str(info.value) == (
        f"{path}: not valid UTF-8 (byte 0xe9 at offset {offset}) "
        "and not plausible Windows-1256 Arabic"
    )


@pytest.mark.parametrize("length", [1200, 5000])
def test_an_entry_thousands_of_letters_long_matches_with_exact_offsets(length):
    word = ("مفاوضات" * length)[:length]
    words = " ".join(("انسحاب القوات الأمريكية من العراق" * length)[: length - 1].split())
    m = matcher(
        (word, "long"), (word[:600], "prefix"), (word[:-1] + "*", "glob"), (words, "phrase")
    )
    text = f"قال: {'و' + word}، ثم {word}ها و{word}ات.\n{words}\u200f {words[:-30]}"
    table = m.matches(Document("d", text))
    assert [(len(t), c) for t, c in zip(table.text, table.category, strict=True)] == [
        (length + 1, "long"), (length + 2, "long"), (length + 3, "glob"), (len(words), "phrase"),
    ]  # fmt: skip
    assert all(text[s:e] == t for s, e, t in zip(table.start, table.end, table.text, strict=True))
    assert table.start.tolist()[:2] == [5, text.index("، ثم ") + 5]


def test_entries_nesting_past_the_limit_are_refused_and_below_it_match():
    with pytest.raises(DictionaryError) as info:
        matcher(*[("ب" * k, "x") for k in range(2, 600)])  # each a prefix of the next
    assert str(info.value).startswith("test: the entries beginning 'ببببب")
    limit = lexicon_module.MAX_NESTING
    assert f"nest more than {limit} groups deep" in str(info.value)
    nested = [("ب" * k, "x") for k in range(2, limit + 2)]
    assert found(matcher(*nested), "كتب " + "ب" * 40) == [("ب" * 40, "x")]


def test_entries_nesting_past_the_limit_name_the_file_and_line_of_the_deepest():
    """Read from a file, the entries that nest too deep are named by the file
    and the line of the one that goes deepest."""
    limit = lexicon_module.MAX_NESTING
    dictionary = Dictionary(
        "x",
        "1",
        tuple(Entry("ب" * k, "x", where=f"x.tsv, line {k}") for k in range(2, limit + 40)),
    )
    with pytest.raises(DictionaryError) as info:
        Matcher(dictionary)
    assert str(info.value).startswith(f"x.tsv, line {limit + 39}: the entries beginning 'ب")
    assert f"nest more than {limit} groups deep, down to entry 'بببب" in str(info.value)


def test_entries_nesting_past_the_limit_in_a_tsv_name_its_line(tmp_path):
    path = tmp_path / "deep.tsv"
    limit = lexicon_module.MAX_NESTING
    rows = ["سلام\tpeace", *(("ب" * k) + "\tx" for k in range(1, limit + 10)), "حرب\tc"]
    path.write_text("pattern\tcategory\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        Matcher(read_dictionary(path))
    assert str(info.value).startswith(f"{path}, line {limit + 11}: the entries beginning ")


def nested_depth(frames: int, entries: list[tuple[str, str]]) -> Matcher:
    """A matcher compiled *frames* calls down the stack."""
    return nested_depth(frames - 1, entries) if frames else matcher(*entries)


def test_entries_nesting_hundreds_deep_compile_even_deep_in_a_caller():
    """Python compiles about 490 nested groups: 240, more than twice the
    limit there was, compile, and the limit itself does 300 calls down."""
    deep = [("ب" * k, "x") for k in range(2, 242)]
    assert found(matcher(*deep), "كتب " + "ب" * 200) == [("ب" * 200, "x")]
    at_limit = [("ب" * k, "x") for k in range(2, lexicon_module.MAX_NESTING + 2)]
    assert found(nested_depth(300, at_limit), "ب" * 40) == [("ب" * 40, "x")]


def test_quotes_in_a_tsv_are_characters_and_merge_no_entries(tmp_path):
    """TSV has no quoting: a quote that opens a field does not swallow the
    lines up to the next quote."""
    path = tmp_path / "q.tsv"
    path.write_text(
        'pattern\tcategory\n"حرب\tc\nسلام\tpeace\nكلمة"\tc\nهدنة\tpeace\n', encoding="utf-8"
    )
    d = read_dictionary(path)
    assert [(e.pattern, e.category, e.where) for e in d.entries] == [
        ('"حرب', "c", f"{path}, line 2"), ("سلام", "peace", f"{path}, line 3"),
        ('كلمة"', "c", f"{path}, line 4"), ("هدنة", "peace", f"{path}, line 5"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("x.yaml", 'categories:\n  c:\n    - "حرب\\tسلام"\n', 3),
        ("x.yaml", 'categories:\n  c:\n    - سلام\n    - "حرب\\nسلام"\n', 4),
        ("x.yaml", 'categories:\n  c:\n    - {pattern: "حرب\\u2028سلام"}\n', 3),
        ("x.yaml", "categories:\n  c:\n    - |\n      حرب\n      سلام\n", 3),
    ],
)
def test_a_pattern_holding_a_tab_or_a_line_break_is_refused(tmp_path, name, content, line):
    """A tab or a line break inside a pattern is entries run together, not a
    phrase: the file and line say where."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary(path)
    assert str(info.value).startswith(f"{path}, line {line}: entry ")
    assert str(info.value).endswith(
        "(c) holds a tab or a line break: a pattern is words on one line"
    )


YAML_PIECES = [
    "categories:", "name: ", "version: '1'", "origin: ", "negators: ", "polarity: ", "\n", "  ",
    "    ", "- ", ": ", "{", "}", "[", "]", ", ", "pattern: ", "weight: ", "&a ", "*a", "&b ",
    "*b", "<<: ", "!!int ", "!!str ", "!!binary ", "!!set ", "!!omap ", "!!timestamp ", "? ",
    "2020-13-45", "0b_", ".nan", ".inf", "1e999", "null", "true", "3", "-2.5", "'", '"', "\\u",
    "#", "|", ">", "---", "...", "include: ", "{file: x.yaml, version: '1'}", "حرب", "قتل*",
    "ال*حرب", "a", "b/c", "*", "ـ", "\t", "%",
]  # fmt: skip
PIECES = {
    ".yaml": YAML_PIECES,
    ".tsv": ["pattern\tcategory", "\tweight", "\torigin", "\n", "\r\n", "\r", "\t", "حرب",
             "قتل*", "*", "a/b", "/", "1.5", "nan", "inf", "-", '"', "'", " ", "x", "+", "%"],
    ".dic": ["%", "\n", "\r\n", "\t", "1", "2", " ", "حرب", "غضب*", "pos", "neg", "<of>", "(",
             ")", "*", "+", "ال*حرب"],
    ".lc3": ["+", "NEG", "POS", "\n", "\r", "حرب", "*", " ", "\t", "إرهاب*", "ال*حرب", "%"],
}  # fmt: skip


def file_contents(suffix: str):
    pieces = st.lists(st.sampled_from(PIECES[suffix]), max_size=40).map("".join)
    encoded = st.tuples(
        st.one_of(pieces, hostile_text), st.sampled_from(["utf-8", "utf-16", "cp1256"])
    ).map(lambda pair: pair[0].encode(pair[1], errors="ignore"))
    return st.one_of(encoded, st.binary(max_size=300))


@pytest.mark.parametrize("suffix", sorted(PIECES))
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_file_reads_or_is_a_dictionary_error_naming_it(tmp_path, suffix, data):
    path = tmp_path / f"x{suffix}"  # x.yaml, which the pieces include, makes a cycle
    path.write_bytes(data.draw(file_contents(suffix)))
    try:
        dictionary = read_dictionary(path)
    except DictionaryError as exc:
        assert str(path) in str(exc)
        return
    Matcher(dictionary)  # the readers check every entry as the matcher reads it
