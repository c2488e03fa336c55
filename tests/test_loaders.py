"""The seed and the minimal article loader."""

from __future__ import annotations

import hashlib

import pytest

from analysis import loaders, paths

SEED = "us_iraq_troops_talks_ar"


@pytest.fixture(scope="module")
def article() -> loaders.Article:
    return loaders.load_seed(SEED)


def test_seed_is_a_byte_copy_of_the_shared_seed(article):
    shared = paths.shared_data_dir().parent / "seeds" / "000_6f041456d930ca44.txt"
    if not shared.exists():
        pytest.skip(f"{shared} is absent; the copy is checked against the sidecar's hash only")
    assert article.path.read_bytes() == shared.read_bytes()


def test_sidecar_hash_matches_the_seed(article):
    digest = hashlib.sha256(article.path.read_bytes()).hexdigest()
    assert article.meta["provenance"]["sha256"] == digest


def test_sidecar_invents_nothing(article):
    meta = article.meta
    assert meta["language"] == "ar"
    assert meta["translation"]["source_publisher"] == "Al-Monitor"
    assert meta["author"] is None and meta["date"] is None and meta["url"] is None
    assert {"author", "publication date", "URL"} <= set(meta["unknown"])
    assert meta["title"] in article.text


def test_paragraph_offsets_point_into_the_original_text(article):
    table = loaders.paragraph_table(article)
    assert list(table.columns) == loaders.PARAGRAPH_COLUMNS
    assert len(table) == 20
    for row in table.itertuples():
        assert article.text[row.start : row.end] == row.text
        assert row.chars == len(row.text)
    assert table.text.iloc[0] == "تجاوز إلى المحتوى الرئيسي"
    assert table.text.iloc[3].startswith("A US Army armored vehicle")


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "  سطر  \r\n\r\nآخر\u2029ثالث", "a\rb", "\ufeffبداية"],
)
def test_split_paragraphs_keeps_offsets_on_odd_line_breaks(text):
    for p in loaders.split_paragraphs(text):
        assert text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffقال".encode())
    assert loaders.load_article(path).text == "قال"


def test_undecodable_file_names_file_and_offset(tmp_path):
    path = tmp_path / "cp1256.txt"
    path.write_bytes("قال".encode("cp1256"))
    with pytest.raises(loaders.LoadError, match=r"cp1256\.txt: not valid UTF-8 .* offset 0"):
        loaders.load_article(path)


def test_bad_sidecar_names_the_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(loaders.LoadError, match=r"a\.meta\.json: expected a JSON object"):
        loaders.load_article(tmp_path / "a.txt")


def test_missing_seed_lists_the_seeds_there_are():
    with pytest.raises(loaders.LoadError, match=SEED):
        loaders.load_seed("no_such_seed")
